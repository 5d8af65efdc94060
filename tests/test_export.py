"""Exports: each format read back with its own reader, golden strings, the format registry."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
from edtf import parse_edtf
from hypothesis import HealthCheck, given, settings
from mermaid_lines import GANTT_LINES, TIMELINE_LINES, check_mermaid

import timeline
from timeline import (
    Citation,
    Event,
    ExecutiveOrder,
    Extent,
    Hedge,
    Law,
    Metric,
    Moment,
    Operation,
    Period,
    Precision,
    Source,
    Statement,
    Timeline,
    TimelineError,
    parse,
)
from timeline import calendar as cal
from timeline.export import (
    FORMATS,
    ExportError,
    edtf_lines,
    events_csv,
    export,
    ics,
    mermaid_gantt,
    mermaid_timeline,
    metrics_csv,
    timelinejs,
    to_json,
)
from timeline.export._common import edges as export_edges
from timeline.export._common import known_day
from timeline.export.csv import EVENT_COLUMNS, METRIC_COLUMNS
from timeline.export.edtf import pure_edtf
from timeline.io import from_records
from timeline.render._days import certain_run
from timeline.safe import csv_cell, html, one_line, terminal
from timeline.strategies import timelines

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "events.yaml"
PROPERTY = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def sample() -> Timeline:
    return timeline.load(SAMPLE_PATH)


def tiny() -> Timeline:
    """A hand-built timeline with one event of each shape the exports treat differently."""
    amny = Source(
        "amny-2017-09-28", outlet="amNY", title="ICE arrests 45", published=parse("2017-09-28")
    )
    cite = Citation(amny, "arrested 45 people in New York City")
    return Timeline(
        [
            Operation(
                id="safe-city",
                title="Operation Safe City",
                when=parse("2017-09-24/2017-09-27"),
                summary="Arrests in sanctuary cities.",
                places=("New York City", "Baltimore"),
                tags=("arrests",),
                sources=(cite,),
                agency="ICE",
                metrics=(
                    Metric("arrests", 45, "people", cite, place="New York City", id="safe-nyc"),
                    Metric("share", Decimal("1.10"), "percent", cite, qualifier=Hedge.ABOUT),
                ),
            ),
            ExecutiveOrder(
                id="eo-13768",
                title="Executive order on sanctuary grants",
                when=parse("2017-01"),
                number="13768",
            ),
            Statement(
                id="homan",
                title='Homan: "no more"; #1 & <done>',
                when=parse("on(2017-09-24/2017-09-28)"),
                speaker="Thomas Homan",
            ),
            Law(id="nyc-detainer-law", title="NYC limits detainers", when=parse("2014/..")),
            Event(id="year-2018", title="=SUM(A1)", when=parse("2018")),
        ],
        title="Tiny",
    )


def day(rd: int) -> dt.date:
    return dt.date.fromordinal(rd)


def in_date_range(rd: int | None) -> bool:
    return rd is not None and 1 <= rd <= dt.date.max.toordinal()


# --------------------------------------------------------------------------------------
# The registry.


def test_formats_are_the_documented_ones() -> None:
    assert list(FORMATS) == [
        "json",
        "csv",
        "metrics-csv",
        "timelinejs",
        "ics",
        "mermaid",
        "mermaid-gantt",
        "edtf",
    ]
    t = tiny()
    for name, function in FORMATS.items():
        assert export(t, name) == function(t)


def test_export_passes_options() -> None:
    t = tiny()
    assert export(t, "ics", include_uncertain=True) == ics(t, include_uncertain=True)
    assert export(t, "json", indent=None) == to_json(t, indent=None)


def test_unknown_format_names_the_valid_ones() -> None:
    with pytest.raises(ExportError, match="unknown export format 'pdf'; valid formats: json, csv"):
        export(tiny(), "pdf")
    assert issubclass(ExportError, TimelineError)
    assert issubclass(ExportError, ValueError)


def test_unknown_option_names_the_format_options() -> None:
    with pytest.raises(ExportError, match="no option colour; it takes include_uncertain, prodid"):
        export(tiny(), "ics", colour=True)
    with pytest.raises(ExportError, match="it takes none"):
        export(tiny(), "csv", indent=2)


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("ics", {"include_uncertain": "yes"}),
        ("ics", {"prodid": ""}),
        ("ics", {"prodid": "a\nb"}),
        ("json", {"indent": "2"}),
        ("json", {"indent": True}),
        ("json", {"indent": -1}),
    ],
)
def test_bad_option_values_are_export_errors(fmt: str, options: dict[str, Any]) -> None:
    with pytest.raises(ExportError):
        export(tiny(), fmt, **options)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_not_a_timeline_is_an_export_error(fmt: str) -> None:
    with pytest.raises(ExportError, match="expected a Timeline"):
        export([], fmt)  # type: ignore[arg-type]


def test_import_is_light() -> None:
    code = (
        "import timeline.export, sys; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'icalendar', 'hypothesis', 'yaml', 'tabulate', 'jsonschema'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_empty_timeline(fmt: str) -> None:
    text = export(Timeline(), fmt)
    assert export(Timeline(), fmt) == text
    if fmt == "json":
        assert from_records(json.loads(text)) == Timeline()
    elif fmt in ("csv", "metrics-csv"):
        assert rows_of(text) == []
        assert text.count("\n") == 1  # the header alone
    elif fmt == "ics":
        assert "BEGIN:VCALENDAR" in text
        assert "BEGIN:VEVENT" not in text
    elif fmt == "edtf":
        assert text == ""
    elif fmt == "timelinejs":
        assert json.loads(text)["events"] == []
    else:  # the Mermaid diagrams: the heading lines and no task
        assert text.splitlines()[0] in ("timeline", "gantt")
        assert not any(line.startswith(" " * 8) for line in text.splitlines())


# --------------------------------------------------------------------------------------
# JSON.


def check_json(t: Timeline, text: str) -> None:
    assert from_records(json.loads(text)) == t
    assert text.endswith("\n")


def test_json_golden() -> None:
    text = to_json(tiny(), indent=None)
    assert text == (
        '{"timeline": 1, "title": "Tiny", "sources": [{"id": "amny-2017-09-28", "outlet": '
        '"amNY", "title": "ICE arrests 45", "published": "2017-09-28"}], "events": [{"id": '
        '"nyc-detainer-law", "kind": "law", "title": "NYC limits detainers", "when": "2014/.."}, '
        '{"id": "eo-13768", "kind": "executive-order", "title": "Executive order on sanctuary '
        'grants", "when": "2017-01", "number": "13768"}, {"id": "homan", "kind": "statement", '
        '"title": "Homan: \\"no more\\"; #1 & <done>", "when": "on(2017-09-24/2017-09-28)", '
        '"speaker": "Thomas Homan"}, {"id": "safe-city", "kind": "operation", "title": '
        '"Operation Safe City", "when": "2017-09-24/2017-09-27", "summary": "Arrests in '
        'sanctuary cities.", "places": ["New York City", "Baltimore"], "tags": ["arrests"], '
        '"agency": "ICE", "sources": [{"source": "amny-2017-09-28", "quote": "arrested 45 '
        'people in New York City"}], "metrics": [{"id": "safe-nyc", "name": "arrests", '
        '"value": 45, "unit": "people", "place": "New York City", "source": '
        '"amny-2017-09-28", "quote": "arrested 45 people in New York City"}, {"name": '
        '"share", "value": "1.10", "unit": "percent", "qualifier": "about", "source": '
        '"amny-2017-09-28", "quote": "arrested 45 people in New York City"}]}, {"id": '
        '"year-2018", "title": "=SUM(A1)", "when": "2018"}]}\n'
    )
    check_json(tiny(), text)


def test_json_keeps_decimals_exact() -> None:
    back = from_records(json.loads(to_json(tiny())))
    share = back["safe-city"].metrics[1].value
    assert isinstance(share, Decimal)
    assert str(share) == "1.10"


def test_json_writes_big_integers_as_digits() -> None:
    t = tiny()
    big = 2**53 + 1
    event = t["safe-city"]
    metric = event.metrics[0]
    changed = Timeline(
        [
            *(e for e in t if e.id != "safe-city"),
            Operation(
                id=event.id,
                title=event.title,
                when=event.when,
                sources=event.sources,
                metrics=(Metric(metric.name, big, metric.unit, metric.citation),),
            ),
        ],
        title=t.title,
    )
    text = to_json(changed)
    assert f'"value": "{big}"' in text
    check_json(changed, text)


def test_json_sample(sample: Timeline) -> None:
    text = to_json(sample)
    check_json(sample, text)
    assert text == to_json(sample)


# --------------------------------------------------------------------------------------
# CSV.


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def check_events_csv(t: Timeline, text: str) -> None:
    assert text.splitlines()[0] == ",".join(EVENT_COLUMNS)
    rows = rows_of(text)
    assert [r["id"] for r in rows] == [e.id for e in t]
    for row, event in zip(rows, t, strict=True):
        assert row["title"] == csv_cell(terminal(event.title))
        assert row["edtf"] == event.when.edtf
        assert row["kind"] == event.kind
        assert int(row["metrics"]) == len(event.metrics)
        lo = event.when.earliest_day
        assert row["earliest"] == ("" if lo is None else csv_cell(_iso(lo)))


def _iso(rd: int) -> str:
    return Extent.from_rd(rd).edtf


def check_metrics_csv(t: Timeline, text: str) -> None:
    assert text.splitlines()[0] == ",".join(METRIC_COLUMNS)
    rows = rows_of(text)
    expected = [(e.id, m) for e in t for m in e.metrics]
    assert len(rows) == len(expected)
    for row, (event_id, metric) in zip(rows, expected, strict=True):
        assert row["event_id"] == event_id
        assert row["name"] == csv_cell(terminal(metric.name))
        assert Decimal(row["value"]) == metric.value
        assert row["qualifier"] == metric.qualifier.value
        assert row["quote"] == csv_cell(terminal(metric.citation.quote))
        if metric.comparison is not None:
            assert Decimal(row["comparison_value"]) == metric.comparison.value


def test_events_csv_golden() -> None:
    assert events_csv(tiny()) == (
        "id,kind,edtf,date,earliest,latest,precision,qualifier,title,summary,places,actors,"
        "tags,sources,basis,basis_detail,metrics\r\n"
        "nyc-detainer-law,law,2014/..,2014 – present,2014-01-01,,year,,NYC limits detainers,"
        ",,,,,stated,,0\r\n"
        "eo-13768,executive-order,2017-01,January 2017,2017-01-01,2017-01-31,month,,"
        "Executive order on sanctuary grants,,,,,,stated,,0\r\n"
        'homan,statement,on(2017-09-24/2017-09-28),"sometime in Sep 24–28, 2017",2017-09-24,'
        '2017-09-28,day,,"Homan: ""no more""; #1 & <done>",,,,,,stated,,0\r\n'
        'safe-city,operation,2017-09-24/2017-09-27,"Sep 24–27, 2017",2017-09-24,2017-09-27,'
        "day,,Operation Safe City,Arrests in sanctuary cities.,New York City; Baltimore,,"
        "arrests,amny-2017-09-28,stated,,2\r\n"
        "year-2018,event,2018,2018,2018-01-01,2018-12-31,year,,'=SUM(A1),,,,,,stated,,0\r\n"
    )
    check_events_csv(tiny(), events_csv(tiny()))


def test_metrics_csv_golden() -> None:
    assert metrics_csv(tiny()) == (
        "event_id,metric_id,name,value,unit,qualifier,place,period,period_date,source,quote,"
        "comparison_kind,comparison_value,comparison_unit,comparison_qualifier,"
        "comparison_baseline,comparison_text\r\n"
        "safe-city,safe-nyc,arrests,45,people,exact,New York City,,,amny-2017-09-28,"
        "arrested 45 people in New York City,,,,,,\r\n"
        "safe-city,,share,1.10,percent,about,,,,amny-2017-09-28,"
        "arrested 45 people in New York City,,,,,,\r\n"
    )
    check_metrics_csv(tiny(), metrics_csv(tiny()))


def test_csv_sample(sample: Timeline) -> None:
    check_events_csv(sample, events_csv(sample))
    check_metrics_csv(sample, metrics_csv(sample))
    assert len(rows_of(metrics_csv(sample))) == 86
    # Ordinary titles come through unchanged.
    assert [r["title"] for r in rows_of(events_csv(sample))] == [e.title for e in sample]


# --------------------------------------------------------------------------------------
# TimelineJS.

_TEXT_SCHEMA = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
TIMELINEJS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html)",
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
        "title": {"$ref": "#/$defs/slide"},
        "eras": {"type": "array", "items": {"$ref": "#/$defs/era"}},
        "scale": {"enum": ["human", "cosmological"]},
    },
    "additionalProperties": False,
    "$defs": {
        "date": {
            "type": "object",
            "required": ["year"],
            "properties": {
                "year": {"type": "integer"},
                "month": {"type": "integer", "minimum": 1, "maximum": 12},
                "day": {"type": "integer", "minimum": 1, "maximum": 31},
                "hour": {"type": "integer", "minimum": 0, "maximum": 23},
                "minute": {"type": "integer", "minimum": 0, "maximum": 59},
                "second": {"type": "integer", "minimum": 0, "maximum": 59},
                "millisecond": {"type": "integer", "minimum": 0, "maximum": 999},
                "display_date": {"type": "string"},
                "format": {"type": "string"},
            },
            # A day means nothing without its month.
            "dependentRequired": {"day": ["month"]},
            "additionalProperties": False,
        },
        "text": _TEXT_SCHEMA,
        "media": {
            "type": "object",
            "required": ["url"],
            "properties": {
                "url": {"type": "string"},
                "caption": {"type": "string"},
                "credit": {"type": "string"},
                "thumbnail": {"type": "string"},
                "alt": {"type": "string"},
                "title": {"type": "string"},
                "link": {"type": "string"},
                "link_target": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "slide": {
            "type": "object",
            "properties": {
                "start_date": {"$ref": "#/$defs/date"},
                "end_date": {"$ref": "#/$defs/date"},
                "text": {"$ref": "#/$defs/text"},
                "media": {"$ref": "#/$defs/media"},
                "group": {"type": "string"},
                "display_date": {"type": "string"},
                "background": {
                    "type": "object",
                    "properties": {
                        "url": {"type": "string"},
                        "alt": {"type": "string"},
                        "color": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
                "autolink": {"type": "boolean"},
                "unique_id": {"type": "string", "minLength": 1},
            },
            "additionalProperties": False,
        },
        "event": {"allOf": [{"$ref": "#/$defs/slide"}, {"required": ["start_date"]}]},
        "era": {
            "type": "object",
            "required": ["start_date", "end_date"],
            "properties": {
                "start_date": {"$ref": "#/$defs/date"},
                "end_date": {"$ref": "#/$defs/date"},
                "text": {"$ref": "#/$defs/text"},
            },
            "additionalProperties": False,
        },
    },
}
VALIDATOR = jsonschema.Draft202012Validator(TIMELINEJS_SCHEMA)


def test_timelinejs_schema_is_valid_and_strict() -> None:
    jsonschema.Draft202012Validator.check_schema(TIMELINEJS_SCHEMA)
    assert not VALIDATOR.is_valid({"events": [{"text": {"headline": "no date"}}]})
    assert not VALIDATOR.is_valid({"events": [{"start_date": {"year": 2017, "day": 3}}]})
    assert VALIDATOR.is_valid({"events": [{"start_date": {"year": 2017}}]})


def _date_agrees(date: dict[str, int], rd: int) -> bool:
    y, m, d = cal.from_rd(rd)
    return date["year"] == y and date.get("month", m) == m and date.get("day", d) == d


def check_timelinejs(t: Timeline, text: str) -> None:
    data = json.loads(text)
    VALIDATOR.validate(data)
    slides = data["events"]
    assert [s["unique_id"] for s in slides] == [e.id for e in t]
    for slide, event in zip(slides, t, strict=True):
        when = event.when
        assert slide["display_date"] == html(str(when))
        assert slide["text"]["headline"] == html(event.title)
        assert slide["group"] == event.kind
        lo, hi = when.earliest_day, when.latest_day
        start, end = slide["start_date"], slide.get("end_date")
        # The days every reading covers (vague="certain"), open sides to the timeline's
        # edges; a date with none is a point on its first possible day.
        sure = certain_run(when)
        if sure is None:
            assert end is None
            if lo is not None:
                assert _date_agrees(start, lo)
            continue
        edge = export_edges(t)
        if edge is None:
            # No event names a day a date can hold: the date's own known day is the edge.
            named = known_day(when)
            edge = (named, named)
        first = edge[0] if sure[0] is None else sure[0]
        last = edge[1] if sure[1] is None else sure[1]
        if last < first:
            # The edge lies beyond the known end (`../on(2000-33)` alone): one day, at
            # the known end, as docs/exports.md says.
            first, last = (last, last) if sure[0] is None else (first, first)
        assert lo is None or first >= lo
        assert hi is None or last <= hi
        assert _date_agrees(start, first)
        if end is not None:
            assert _date_agrees(end, last)
            assert end != start
        if type(when) is Extent and not when.label.startswith("FY"):
            # Fields only as fine as the unit is known (a calendar unit: a part of a
            # period, early 2017, has its edges inside its whole's unit).
            fields = {
                Precision.YEAR: ["year"],
                Precision.MONTH: ["year", "month"],
                Precision.DAY: ["year", "month", "day"],
            }.get(when.unit)
            if fields is not None:
                assert list(start) == fields
                assert end is None


def test_timelinejs_golden() -> None:
    data = json.loads(timelinejs(tiny()))
    assert data == {
        "title": {"text": {"headline": "Tiny", "text": ""}},
        "events": [
            {
                "start_date": {"year": 2014},
                "end_date": {"year": 2018, "month": 12, "day": 31},
                "display_date": "2014 – present",
                "text": {"headline": "NYC limits detainers", "text": ""},
                "group": "law",
                "unique_id": "nyc-detainer-law",
            },
            {
                "start_date": {"year": 2017, "month": 1},
                "display_date": "January 2017",
                "text": {"headline": "Executive order on sanctuary grants", "text": ""},
                "group": "executive-order",
                "unique_id": "eo-13768",
            },
            {
                "start_date": {"year": 2017, "month": 9, "day": 24},
                "display_date": "sometime in Sep 24–28, 2017",
                "text": {
                    "headline": "Homan: &quot;no more&quot;; #1 &amp; &lt;done&gt;",
                    "text": "",
                },
                "group": "statement",
                "unique_id": "homan",
            },
            {
                "start_date": {"year": 2017, "month": 9, "day": 24},
                "end_date": {"year": 2017, "month": 9, "day": 27},
                "display_date": "Sep 24–27, 2017",
                "text": {
                    "headline": "Operation Safe City",
                    "text": "<p>Arrests in sanctuary cities.</p>"
                    "<p>Sources: amNY, ICE arrests 45, Sep 28, 2017</p>",
                },
                "group": "operation",
                "unique_id": "safe-city",
            },
            {
                "start_date": {"year": 2018},
                "display_date": "2018",
                "text": {"headline": "=SUM(A1)", "text": ""},
                "group": "event",
                "unique_id": "year-2018",
            },
        ],
    }
    check_timelinejs(tiny(), timelinejs(tiny()))


@pytest.mark.parametrize(
    ("edtf", "start", "end"),
    [
        ("FY2018", {"year": 2017, "month": 10}, {"year": 2018, "month": 9}),
        ("2017-Q2", {"year": 2017, "month": 4}, {"year": 2017, "month": 6}),
        ("2017-W06", {"year": 2017, "month": 2, "day": 6}, {"year": 2017, "month": 2, "day": 12}),
        ("2017-01-XX", {"year": 2017, "month": 1}, None),
        ("201X", {"year": 2010}, None),  # one year somewhere: a point on its first
        ("2016-09/2017-09", {"year": 2016, "month": 9}, {"year": 2017, "month": 9}),
        ("../2014-03", {"year": 2014, "month": 3, "day": 31}, None),  # alone: its edge
        ("-0044-03-15", {"year": -44, "month": 3, "day": 15}, None),
    ],
)
def test_timelinejs_dates(edtf: str, start: dict[str, int], end: dict[str, int] | None) -> None:
    t = Timeline([Event(id="e", title="x", when=parse(edtf))])
    slide = json.loads(timelinejs(t))["events"][0]
    assert slide["start_date"] == start
    assert slide.get("end_date") == end
    assert slide["display_date"] == str(parse(edtf))


def test_timelinejs_sample(sample: Timeline) -> None:
    check_timelinejs(sample, timelinejs(sample))


# --------------------------------------------------------------------------------------
# iCalendar.


def vevents(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def _certain_by_rule(when: timeline.TimeValue) -> bool | None:
    """What the documented rule says for the plain shapes; None for the others."""
    if when.is_qualified:
        return False
    if isinstance(when, Extent):
        return True
    if isinstance(when, Moment):
        return when.earliest_day is not None and when.earliest_day == when.latest_day
    if isinstance(when, Period) and (when.earliest_day is None or when.latest_day is None):
        return False
    return None


def check_ics(t: Timeline, text: str, *, include_uncertain: bool) -> None:
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    found = {str(v["UID"]): v for v in vevents(text)}
    for event in t:
        uid = f"{event.id}@timeline"
        when = event.when
        rule = _certain_by_rule(when)
        lo, hi = when.earliest_day, when.latest_day
        out_of_range = any(d is not None and not in_date_range(d) for d in (lo, hi))
        if uid not in found:
            assert out_of_range or rule is not True
            assert out_of_range or not include_uncertain
            continue
        vevent = found[uid]
        description = str(vevent["DESCRIPTION"])
        certain = not description.startswith(f"{terminal(str(when))} (date uncertain)")
        if rule is not None:
            assert certain == rule
        if not include_uncertain:
            assert certain
        assert str(vevent["SUMMARY"]) == terminal(event.title)
        assert vevent["DTSTART"].params["VALUE"] == "DATE"
        start: dt.date = vevent.decoded("DTSTART")
        assert type(start) is dt.date
        # Day numbers: the day after 9999-12-31 has no date, so DURATION is used there.
        first = start.toordinal()
        if "DTEND" in vevent:
            after = vevent.decoded("DTEND").toordinal()
        else:
            after = first + vevent.decoded("DURATION").days
        assert first < after
        if certain:
            assert (first, after) == (lo, None if hi is None else hi + 1)
        else:
            assert lo is None or first >= lo
            assert hi is None or after <= hi + 1
    assert len(found) == len(vevents(text))


ICS_GOLDEN = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//timeline//timeline export//EN\r\n"
    "CALSCALE:GREGORIAN\r\n"
    "NAME:Tiny\r\n"
    "X-WR-CALNAME:Tiny\r\n"
    "BEGIN:VEVENT\r\n"
    "SUMMARY:Executive order on sanctuary grants\r\n"
    "DTSTART;VALUE=DATE:20170101\r\n"
    "DTEND;VALUE=DATE:20170201\r\n"
    "DTSTAMP:20170929T000000Z\r\n"
    "UID:eo-13768@timeline\r\n"
    "CATEGORIES:executive-order\r\n"
    "DESCRIPTION:January 2017\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "SUMMARY:Operation Safe City\r\n"
    "DTSTART;VALUE=DATE:20170924\r\n"
    "DTEND;VALUE=DATE:20170928\r\n"
    "DTSTAMP:20170929T000000Z\r\n"
    "UID:safe-city@timeline\r\n"
    "CATEGORIES:operation,arrests\r\n"
    "DESCRIPTION:Sep 24–27\\, 2017\\n\\nArrests in sanctuary cities.\\n\\nSource: \r\n"
    " amNY\\, ICE arrests 45\\, Sep 28\\, 2017: “arrested 45 people in New York C\r\n"
    " ity”\r\n"
    "LOCATION:New York City\\; Baltimore\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "SUMMARY:=SUM(A1)\r\n"
    "DTSTART;VALUE=DATE:20180101\r\n"
    "DTEND;VALUE=DATE:20190101\r\n"
    "DTSTAMP:20170929T000000Z\r\n"
    "UID:year-2018@timeline\r\n"
    "CATEGORIES:event\r\n"
    "DESCRIPTION:2018\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_ics_golden() -> None:
    assert ics(tiny()) == ICS_GOLDEN
    check_ics(tiny(), ICS_GOLDEN, include_uncertain=False)


def test_ics_uncertain_events_as_their_hull() -> None:
    text = ics(tiny(), include_uncertain=True)
    check_ics(tiny(), text, include_uncertain=True)
    found = {str(v["UID"]): v for v in vevents(text)}
    law = found["nyc-detainer-law@timeline"]
    assert str(law["DESCRIPTION"]) == "2014 – present (date uncertain)"
    # Open: drawn to the last day any event of the calendar could cover (2018).
    assert (law.decoded("DTSTART"), law.decoded("DTEND")) == (
        dt.date(2014, 1, 1),
        dt.date(2019, 1, 1),
    )
    assert (str(law["TRANSP"]), str(law["X-TIMELINE-DAYS"])) == ("TRANSPARENT", "POSSIBLE")
    homan = found["homan@timeline"]
    assert str(homan["SUMMARY"]) == 'Homan: "no more"; #1 & <done>'
    assert (homan.decoded("DTSTART"), homan.decoded("DTEND")) == (
        dt.date(2017, 9, 24),
        dt.date(2017, 9, 29),
    )


def test_ics_prodid_and_fallback_stamp() -> None:
    t = Timeline([Event(id="e", title="x", when=parse("2017-02-13"))])
    calendar = icalendar.Calendar.from_ical(ics(t, prodid="-//Example//Chronology//EN"))
    assert str(calendar["PRODID"]) == "-//Example//Chronology//EN"
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTAMP") == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def test_ics_last_day_of_the_calendar_uses_a_duration() -> None:
    t = Timeline([Event(id="e", title="x", when=parse("9999-12"))])
    (vevent,) = vevents(ics(t))
    assert "DTEND" not in vevent
    assert vevent.decoded("DURATION") == dt.timedelta(days=31)


def test_ics_sample(sample: Timeline) -> None:
    text = ics(sample)
    assert text == ics(sample)
    check_ics(sample, text, include_uncertain=False)
    uids = {str(v["UID"]) for v in vevents(text)}
    assert "safe-city-operation@timeline" in uids
    assert "queens-trafficking-court-arrest-attempt-2017@timeline" in uids  # "2017": every day
    assert "courts-block-executive-order@timeline" not in uids  # a moment in a window
    assert "nyc-detainer-law@timeline" not in uids  # 2014/..: open
    everything = ics(sample, include_uncertain=True)
    check_ics(sample, everything, include_uncertain=True)
    assert len(vevents(everything)) == len(sample)


# --------------------------------------------------------------------------------------
# Mermaid.

_GANTT_KEYWORDS = re.compile(
    r"(?i)(title|section|dateformat|axisformat|excludes|includes|todaymarker|click|acc)"
)


def check_mermaid_timeline(t: Timeline, text: str) -> None:
    lines = check_mermaid(text, TIMELINE_LINES)
    assert len([x for x in lines if x.startswith(" " * 8)]) == len(t)


def check_mermaid_gantt(t: Timeline, text: str) -> None:
    lines = check_mermaid(text, GANTT_LINES)
    tasks = [m for x in lines if (m := GANTT_LINES[-1].fullmatch(x))]
    # Open sides are drawn to the chart's edges, which are days it can draw: an event is
    # left out only when a side it has cannot be a YYYY-MM-DD date.
    drawn = unbounded = 0
    for event in t:
        lo, hi = event.when.earliest_day, event.when.latest_day
        if lo is None and hi is None:
            unbounded += 1
            continue
        sure = certain_run(event.when)
        if sure is None and lo is not None:
            # No day is certain: a milestone on the first possible day (the default
            # policy, vague="certain"), drawn when that day can be written.
            drawn += in_date_range(lo)
            continue
        # The days drawn are the certain ones (open sides at the chart's edges).
        days = (lo, hi) if sure is None else sure
        drawn += all(in_date_range(d) for d in days if d is not None)
    assert drawn <= len(tasks) <= drawn + unbounded
    for task in tasks:
        assert not _GANTT_KEYWORDS.match(task["label"])


def test_mermaid_timeline_golden() -> None:
    assert mermaid_timeline(tiny()) == (
        "timeline\n"
        "    title Tiny\n"
        "    section 2014\n"
        "        2014 – present : NYC limits detainers\n"
        "    section 2017\n"
        "        January 2017 : Executive order on sanctuary grants\n"
        '        sometime in Sep 24–28, 2017 : Homan#58; "no more"#59; #35;1 #38; #60;done#62;\n'
        "        Sep 24–27, 2017 : Operation Safe City\n"
        "    section 2018\n"
        "        2018 : =SUM(A1)\n"
    )
    check_mermaid_timeline(tiny(), mermaid_timeline(tiny()))


def test_mermaid_gantt_golden() -> None:
    assert mermaid_gantt(tiny()) == (
        "gantt\n"
        "    title Tiny\n"
        "    dateFormat YYYY-MM-DD\n"
        "    section event\n"
        "        =SUM(A1) :2018-01-01, 365d\n"
        "    section executive-order\n"
        "        Executive order on sanctuary grants :2017-01-01, 31d\n"
        "    section law\n"
        "        NYC limits detainers ? :crit, 2014-01-01, 1826d\n"
        "    section operation\n"
        "        Operation Safe City :2017-09-24, 4d\n"
        "    section statement\n"
        '        Homan#58; "no more"#59; #35;1 #38; #60;done#62; (sometime in Sep 24–28, 2017) '
        ":milestone, 2017-09-24, 0d\n"
    )
    check_mermaid_gantt(tiny(), mermaid_gantt(tiny()))


def test_mermaid_gantt_open_sides_stop_at_days_it_can_draw() -> None:
    t = Timeline(
        [
            Event(id="a", title="Ides of March", when=parse("-0044-03-15")),
            Event(id="b", title="Until 2014", when=parse("../2014")),
            Event(id="c", title="Since 2014", when=parse("2014/..")),
            Event(id="d", title="Far future", when=parse("Y12000")),
            Event(id="e", title="Operation", when=parse("2017-09-28")),
        ]
    )
    # A day before year 1 or after 9999 cannot be drawn; it takes no other task with it.
    assert mermaid_gantt(t).splitlines()[3:] == [
        "        Until 2014 ? :crit, 2014-01-01, 365d",
        "        Since 2014 ? :crit, 2014-01-01, 1367d",
        "        Operation :2017-09-28, 1d",
    ]


def test_mermaid_gantt_keyword_labels() -> None:
    t = Timeline(
        [
            Event(id="a", title="title Hacked", when=parse("2017")),
            Event(id="b", title="Section 9", when=parse("2017")),
            Event(id="c", title="excludes weekends", when=parse("2017")),
        ]
    )
    text = mermaid_gantt(t)
    assert "#116;itle Hacked :" in text
    assert "#83;ection 9 :" in text
    assert "#101;xcludes weekends :" in text
    check_mermaid_gantt(t, text)


def test_mermaid_sample(sample: Timeline) -> None:
    check_mermaid_timeline(sample, mermaid_timeline(sample))
    check_mermaid_gantt(sample, mermaid_gantt(sample))
    assert mermaid_gantt(sample).count("\n        ") == len(sample)


# --------------------------------------------------------------------------------------
# EDTF lines.


def check_edtf(t: Timeline, text: str) -> None:
    lines = text.splitlines()
    assert len(lines) == len(t)
    for line, event in zip(lines, t, strict=True):
        event_id, edtf, notation, title = line.split("\t")
        assert event_id == event.id
        assert edtf == pure_edtf(event.when)
        parse_edtf(edtf)  # pure EDTF: python-edtf reads it
        assert parse(notation) == event.when
        assert title == one_line(event.title)


def test_edtf_golden() -> None:
    assert edtf_lines(tiny()) == (
        "nyc-detainer-law\t2014/..\t2014/..\tNYC limits detainers\n"
        "eo-13768\t2017-01\t2017-01\tExecutive order on sanctuary grants\n"
        "homan\t[2017-09-24..2017-09-28]\ton(2017-09-24/2017-09-28)\t"
        'Homan: "no more"; #1 & <done>\n'
        "safe-city\t2017-09-24/2017-09-27\t2017-09-24/2017-09-27\tOperation Safe City\n"
        "year-2018\t2018\t2018\t=SUM(A1)\n"
    )


def test_edtf_sample(sample: Timeline) -> None:
    check_edtf(sample, edtf_lines(sample))


def test_ics_calendar_name_on_one_line() -> None:
    t = Timeline([Event(id="e", title="x", when=parse("2017"))], title="two\nlines; a, b")
    calendar = icalendar.Calendar.from_ical(ics(t))
    assert calendar.calendar_name == "two⏎lines; a, b"


# --------------------------------------------------------------------------------------
# Random timelines, through every format (drawn once: drawing costs more than checking).


@PROPERTY
@given(timelines())
def test_random_timelines_read_back_in_every_format(t: Timeline) -> None:
    check_json(t, to_json(t))
    check_events_csv(t, events_csv(t))
    check_metrics_csv(t, metrics_csv(t))
    check_timelinejs(t, timelinejs(t))
    text = ics(t)
    assert ics(t) == text
    check_ics(t, text, include_uncertain=False)
    check_ics(t, ics(t, include_uncertain=True), include_uncertain=True)
    check_mermaid_timeline(t, mermaid_timeline(t))
    check_mermaid_gantt(t, mermaid_gantt(t))
    check_edtf(t, edtf_lines(t))
