"""Hostile text through every export: the output is neutralised, the data kept where it can be."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import icalendar
import pytest
from mermaid_lines import LINES, check_mermaid

from timeline import (
    Citation,
    Comparison,
    ComparisonKind,
    Event,
    Metric,
    Operation,
    Source,
    Timeline,
    parse,
)
from timeline.export import FORMATS, export
from timeline.export.edtf import pure_edtf
from timeline.io import dumps_jsonl, from_records, loads_jsonl
from timeline.safe import html, json_escaped, one_line, terminal

HOSTILE = [
    pytest.param("\x1b[2J", id="csi-clear"),
    pytest.param("\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", id="osc8-link"),
    pytest.param("\x1b]52;c;ZXZpbA==\x07", id="osc52-clipboard"),
    pytest.param("\x9b31mred", id="c1-csi"),
    pytest.param("\u202e", id="bidi-override"),
    pytest.param("left\u2066right\u2069", id="bidi-isolate"),
    pytest.param("a;b:c#d\n%%e", id="mermaid-specials"),
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("=cmd|' /C calc'!A0", id="dde"),
    pytest.param("+1", id="plus"),
    pytest.param("@SUM(A1)", id="at"),
    pytest.param("-2+3", id="minus"),
    pytest.param("\t=1", id="tab-formula"),
    pytest.param("\ud800", id="lone-surrogate"),
    pytest.param("title x\r\nsection y", id="mermaid-keywords"),
]

# Raw characters a terminal, an editor or a browser would act on. Tab, LF and CR are
# allowed: CSV and iCalendar end lines with CRLF and keep line breaks in quoted data.
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
NUMBER_COLUMNS = {"value", "comparison_value", "metrics"}
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def hostile_timeline(text: str) -> Timeline:
    source = Source("s1", outlet=text, author=text, title=text, published=parse("2017-09-28"))
    cite = Citation(source, text)
    metric = Metric(
        text,
        45,
        text,
        cite,
        place=text,
        id="m1",
        comparison=Comparison(ComparisonKind.CHANGE, -11, "percent", text, baseline="m1"),
    )
    return Timeline(
        [
            Operation(
                id="e1",
                title=text,
                when=parse("2017-09-24/2017-09-27"),
                summary=text,
                places=(text, "Elsewhere"),
                actors=(text,),
                tags=(text,),
                sources=(cite,),
                metrics=(metric,),
                name=text,
                agency=text,
            ),
            Event(id="e2", title=text, when=parse("on(2017-01)"), sources=(cite,)),
            Event(id="e3", title=text, when=parse("2014/..")),
        ],
        title=text,
    )


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_output_is_neutralised(fmt: str, text: str) -> None:
    t = hostile_timeline(text)
    output = export(t, fmt)
    assert not UNSAFE.search(output), UNSAFE.search(output)
    output.encode("utf-8")  # no lone surrogate: the text can be written to a file
    assert export(t, fmt) == output


# What JSON may hold raw but a terminal or an editor acts on or hides.
JSON_ESCAPED = "\x7f\x9b\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\ufeff"


@pytest.mark.parametrize("char", list(JSON_ESCAPED), ids=lambda c: f"U+{ord(c):04X}")
def test_json_and_json_lines_write_the_same_escapes(char: str) -> None:
    t = Timeline([Event(id="a", title=f"x{char}y", when=parse("2017"))])
    escape = f"x\\u{ord(char):04x}y"
    json_text, jsonl_text = export(t, "json"), dumps_jsonl(t)
    for text in (json_text, jsonl_text):
        assert char not in text
        assert escape in text
    assert json.loads(json_text)["events"][0]["title"] == f"x{char}y"
    assert loads_jsonl(jsonl_text)["a"].title == f"x{char}y"
    assert json_escaped('"é ✓"') == '"é ✓"'  # printable text stays as it is


@pytest.mark.parametrize("text", HOSTILE)
def test_json_keeps_the_data(text: str) -> None:
    t = hostile_timeline(text)
    data = json.loads(export(t, "json"))
    assert from_records(data) == t
    assert data["title"] == text
    (operation,) = (e for e in data["events"] if e["id"] == "e1")
    assert operation["places"][0] == text
    assert operation["metrics"][0]["quote"] == text


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("fmt", ["csv", "metrics-csv"])
def test_csv_has_no_formula_cell(fmt: str, text: str) -> None:
    rows = list(csv.DictReader(io.StringIO(export(hostile_timeline(text), fmt), newline="")))
    assert rows
    for row in rows:
        for column, cell in row.items():
            if column in NUMBER_COLUMNS:
                assert NUMBER.fullmatch(cell), (column, cell)
            else:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)


@pytest.mark.parametrize("text", HOSTILE)
def test_timelinejs_has_no_markup(text: str) -> None:
    output = export(hostile_timeline(text), "timelinejs")
    assert "<script" not in output
    data = json.loads(output)
    for value in strings(data):
        assert "<script" not in value
    for slide in data["events"]:
        assert slide["text"]["headline"] == html(text)


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("fmt", ["mermaid", "mermaid-gantt"])
def test_mermaid_stays_well_formed(fmt: str, text: str) -> None:
    lines = check_mermaid(export(hostile_timeline(text), fmt), LINES[fmt])
    body = [line for line in lines if line.startswith(" " * 8)]
    assert len(body) == 3
    if fmt == "mermaid-gantt":
        for line in body:
            assert not re.match(r"(?i) *(title|section|dateformat|excludes)\b", line)


@pytest.mark.parametrize("text", HOSTILE)
def test_ics_still_parses(text: str) -> None:
    t = hostile_timeline(text)
    calendar = icalendar.Calendar.from_ical(export(t, "ics", include_uncertain=True))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["e1@timeline", "e2@timeline", "e3@timeline"]
    first = events["e1@timeline"]
    assert str(first["SUMMARY"]) == terminal(text)
    assert str(first["LOCATION"]) == terminal(f"{text}; Elsewhere")
    assert str(first["DESCRIPTION"]).startswith("Sep 24–27, 2017")
    assert str(events["e2@timeline"]["DESCRIPTION"]).startswith(
        "sometime in January 2017 (date uncertain)"
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_edtf_lines_stay_four_fields(text: str) -> None:
    t = hostile_timeline(text)
    lines = export(t, "edtf").split("\n")
    assert lines[-1] == ""
    assert len(lines[:-1]) == len(t)
    for line, event in zip(lines[:-1], t, strict=True):
        event_id, edtf, notation, title = line.split("\t")
        assert event_id == event.id
        assert edtf == pure_edtf(event.when)
        assert parse(notation) == event.when
        assert title == one_line(event.title)
