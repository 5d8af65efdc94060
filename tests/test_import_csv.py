"""CSV in: the events CSV, a column mapping and a TimelineJS3 sheet; every problem placed."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import timeline
from timeline.errors import ConstraintError
from timeline.export import events_csv
from timeline.export.csv import EVENT_COLUMNS as EXPORTED_COLUMNS
from timeline.io import LimitError, Limits, LoadError
from timeline.io.csv import EVENT_COLUMNS, TIMELINEJS_COLUMNS, load_csv, loads_csv, parse_columns
from timeline.strategies import timelines


def _errors(text: str | bytes, **options: Any) -> list[str]:
    with pytest.raises(LoadError) as caught:
        loads_csv(text, filename="s.csv", **options)
    return [str(e) for e in caught.value.exceptions]


def _table(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_the_columns_are_those_the_export_writes() -> None:
    assert EVENT_COLUMNS == EXPORTED_COLUMNS


# --------------------------------------------------------------------------------------
# The events CSV.


def test_a_plain_events_csv() -> None:
    text = _table(
        [
            ["id", "kind", "edtf", "title", "summary", "places", "tags"],
            ["op", "operation", "2017-09-24/2017-09-27", "Operation Safe City", "", "NYC; LA", ""],
            ["", "", "FY2018", "=HYPERLINK(1)", "'=not a formula", "", "a; b"],
        ]
    )
    t = loads_csv(text)
    assert t["op"].kind == "operation"
    assert t["op"].places == ("NYC", "LA")
    made = t["hyperlink-1-3"]  # the slug of the title and the row's number
    assert made.title == "=HYPERLINK(1)"  # text, never run
    assert made.summary == "=not a formula"  # the spreadsheet's mark of text dropped
    assert made.when == timeline.parse("FY2018")
    assert made.tags == ("a", "b")


def test_the_date_column_reads_when_edtf_is_empty() -> None:
    text = _table([["id", "edtf", "date", "title"], ["a", "", "Sep 24-27, 2017", "A"]])
    assert loads_csv(text)["a"].when == timeline.parse("2017-09-24/2017-09-27")


def test_an_edited_human_date_is_an_error_not_ignored() -> None:
    t = timeline.sample()
    rows = list(csv.reader(io.StringIO(events_csv(t), newline="")))
    rows[2][3] = "Sep 25, 2017"  # the `date` column of the second event
    errors = _errors(_table(rows), base=t)
    assert len(errors) == 1
    assert errors[0].startswith(f"s.csv:3:4: events[1] ({rows[2][0]}).when: column 'date': ")
    assert "these columns follow edtf" in errors[0]


def test_the_sample_round_trips_with_its_base() -> None:
    t = timeline.sample()
    assert loads_csv(events_csv(t), base=t) == t


def test_the_sample_without_its_base_says_what_the_csv_lacks() -> None:
    errors = _errors(events_csv(timeline.sample()))
    assert errors
    assert all("base=" in e for e in errors)
    assert any("column 'sources': cites the source" in e for e in errors)


def test_an_edit_in_the_spreadsheet_replaces_the_base_value() -> None:
    t = timeline.sample()
    rows = list(csv.reader(io.StringIO(events_csv(t), newline="")))
    first = rows[1][0]
    rows[1][EVENT_COLUMNS.index("title")] = "A better title"
    back = loads_csv(_table(rows), base=t)
    assert back[first].title == "A better title"
    assert back[first].sources == t[first].sources
    assert back[first].metrics == t[first].metrics


def test_a_removed_source_drops_its_citation_and_an_added_one_is_an_error() -> None:
    t = timeline.sample()
    rows = list(csv.reader(io.StringIO(events_csv(t), newline="")))
    column = EVENT_COLUMNS.index("sources")
    row = next(r for r in rows[1:] if r[column] and r[EVENT_COLUMNS.index("metrics")] == "0")
    row[column] = row[column] + "; nowhere"
    errors = _errors(_table(rows), base=t)
    assert len(errors) == 1
    assert "cites the source 'nowhere', but the base event does not cite it" in errors[0]


@settings(deadline=None)
@given(timelines(max_size=5))
def test_hypothesis_timelines_round_trip_with_their_base(t: timeline.Timeline) -> None:
    assert loads_csv(events_csv(t), base=t) == t


@settings(deadline=None)
@given(timelines(max_size=5, kinds=["event"]))
def test_without_a_base_the_export_is_a_fixed_point(t: timeline.Timeline) -> None:
    # Without citations, metrics and derived dates, the CSV carries the whole event.
    plain = timeline.Timeline(
        [
            timeline.Event(
                id=e.id, title=e.title, when=e.when, summary=e.summary, tags=e.tags, places=e.places
            )
            for e in t
            if all("; " not in item for item in (*e.tags, *e.places))
        ]
    )
    once = events_csv(loads_csv(events_csv(plain)))
    assert once == events_csv(plain)
    back = loads_csv(events_csv(plain))
    assert [(e.id, e.kind, e.when) for e in back] == [(e.id, e.kind, e.when) for e in plain]


# --------------------------------------------------------------------------------------
# A mapping.


def test_a_mapping_of_a_newsroom_sheet() -> None:
    text = _table(
        [
            ["When", "Until", "Headline", "Outlet", "Link", "Words", "Notes"],
            [
                "Sep 24, 2017",
                "Sep 27, 2017",
                "Operation Safe City",
                "amNY",
                "https://a.test",
                "45",
                "x",
            ],
            ["FY2018", "", "Arrests rose", "amNY", "https://a.test", "rose", ""],
        ]
    )
    columns = parse_columns("date=When,end=Until,title=Headline,source=Outlet,url=Link,quote=Words")
    t = loads_csv(text, columns=columns)
    first = t["operation-safe-city-2"]
    assert first.when == timeline.parse("2017-09-24/2017-09-27")
    # An id as it is names the source; other text is its outlet, and its slug the id.
    assert first.sources[0].source == timeline.Source(id="amNY", url="https://a.test")
    assert first.sources[0].quote == "45"
    assert t["arrests-rose-3"].when == timeline.parse("FY2018")


def test_every_bad_row_of_a_mapping_is_reported_with_its_row_and_column() -> None:
    text = _table(
        [
            ["When", "Headline", "Outlet", "Words"],
            ["2017-02-30", "A", "", ""],
            ["2017", "", "", ""],
            ["2018", "C", "amNY", ""],
            ["2019", "D", "", "words without a source"],
        ]
    )
    errors = _errors(
        text, columns={"date": "When", "title": "Headline", "source": "Outlet", "quote": "Words"}
    )
    assert errors[0].startswith("s.csv:2:1: events[0] (a-2).when: column 'When': ")
    assert errors[1].startswith("s.csv:3:2: events[1] (event-3).title: column 'Headline': ")
    assert errors[2].startswith("s.csv:4:4: events[2] (c-4).sources: column 'Words': ")
    assert errors[3].startswith("s.csv:5:4: events[3] (d-5).sources: column 'Words': ")
    assert len(errors) == 4


def test_a_mapping_naming_a_missing_column() -> None:
    [message] = _errors("A,B\r\n1,2\r\n", columns="date=When,title=B")
    assert message.startswith("s.csv:1: no column 'When' (the column of date)")


@pytest.mark.parametrize(
    "text", ["date", "date=When", "title=T", "when=When,title=T", "date=,title=T", "date=a,date=b"]
)
def test_columns_that_are_not_a_mapping_of_the_fields(text: str) -> None:
    with pytest.raises(ConstraintError):
        parse_columns(text)


def test_columns_of_another_type() -> None:
    with pytest.raises(ConstraintError):
        loads_csv("a\r\n", columns=3)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# A TimelineJS3 sheet.

SHEET = "\n".join(
    [
        ",".join(TIMELINEJS_COLUMNS),
        ",,,,,,,,,Immigration enforcement,<p>Raids &amp; rulings</p>,,,,,title,,",
        '2017,9,24,,2017,9,27,,,Operation Safe City,"<p>ICE arrested <b>45</b> people.</p>'
        '<p>Second.</p>",https://a.test/p.jpg,AP,a caption,,,operation,#fff',
        "2017,10,,,2018,9,,,FY2018,Fiscal year,,,,,,,Numbers,",
        "2009,,,,2017,,,,the Obama years,Obama,,,,,,era,,",
        "2019,9,25,10:30 PM,,,,,,A press call,,,,,,,,",
    ]
)


def test_a_timelinejs_sheet_is_told_by_its_header() -> None:
    t = loads_csv(SHEET, tz="America/New_York")
    assert t.title == "Immigration enforcement"
    op = t["operation-safe-city-3"]
    assert (op.kind, op.when, op.summary) == (
        "operation",
        timeline.parse("2017-09-24/2017-09-27"),
        "ICE arrested 45 people.\n\nSecond.",
    )
    assert t["fiscal-year-4"].when == timeline.parse("FY2018")
    assert t["fiscal-year-4"].tags == ("Numbers",)
    era = t["obama-5"]
    assert era.tags == ("era",)
    assert era.when == timeline.parse("2009/2017")
    assert era.basis.note == "displayed as 'the Obama years'"
    assert t["a-press-call-6"].when == timeline.parse("2019-09-25T22:30[America/New_York]")
    assert t.sources["ap"] == timeline.Source(id="ap", outlet="AP", url="https://a.test/p.jpg")
    assert loads_csv(SHEET, columns="timelinejs", tz="UTC") is not None


def test_a_sheet_with_times_needs_a_zone() -> None:
    errors = _errors(SHEET)
    assert len(errors) == 1
    assert errors[0].startswith("s.csv:6:4: events[3] (a-press-call-6).when: column 'Time': ")
    assert "tz=" in errors[0]


def test_every_bad_row_of_a_sheet_is_reported() -> None:
    text = (
        SHEET.splitlines()[0]
        + "\n"
        + "\n".join(
            [
                "2017,13,,,,,,,,Bad month,,,,,,,,",
                "2017,1,32,,,,,,,Bad day,,,,,,,,",
                ",,,,,,,,Sometime,No date,,,,,,,,",
                "2017,,,,,,,,,,,,,,,,,",
                "2017,,,,,,,,,Odd type,,,,,,slide,,",
                "2018,,,,2017,,,,,Backwards,,,,,,,,",
            ]
        )
    )
    errors = _errors(text)
    rows = sorted(int(e.split(":")[1]) for e in errors)
    assert rows == [2, 3, 4, 5, 6, 7], errors
    assert any("column 'Month': month must be 1 to 12, not 13" in e for e in errors)
    assert any("s.csv:4:9:" in e and "column 'Display Date'" in e for e in errors)
    assert any("needs the field title" in e for e in errors)


# --------------------------------------------------------------------------------------
# The file.


def test_a_bom_and_a_path(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(b"\xef\xbb\xbfid,edtf,title\r\na,2017,A\r\n")
    assert [e.id for e in load_csv(path)] == ["a"]


def test_a_semicolon_csv_with_sniffing() -> None:
    text = "id;edtf;title\r\na;2017;A\r\nb;2018;B\r\n"
    assert [e.id for e in loads_csv(text, sniff=True)] == ["a", "b"]
    assert _errors(text)  # off by default: one column named 'id;edtf;title'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "s.csv: the file is empty"),
        (b"id,edtf,title\r\na,2017,\xff\r\n", "s.csv:2:8: the file is not UTF-8"),
        ('id,edtf,title\r\na,2017,"A" x\r\n', "s.csv:2: not CSV: "),
        ("When,Title\r\n2017,A\r\n", "s.csv:1:1: unknown column 'When'"),
        ("id,edtf,title,title\r\na,2017,A,B\r\n", "s.csv:1:4: the column 'title' is named twice"),
        ("id,edtf,title\r\na,2017,A,extra\r\n", "s.csv:2:4: events[0] (a): the row has 4 cells"),
        ("id,title\r\na,A\r\n", "s.csv:1: the events CSV needs a date column"),
        ("id,edtf,title\r\na,2017-02-30,A\r\na,2017,B\r\n", "s.csv:2:2: events[0] (a).when"),
        ("id,edtf,title,kind\r\na,2017,A,\r\na,2017,B,nope\r\n", "s.csv:3:1: events[1] (a).id"),
        ("id,edtf,title,metrics\r\na,2017,A,two\r\n", "column 'metrics': must be the number"),
        ("id,edtf,title,basis\r\na,2017,A,guessed\r\n", "must be stated, derived or external"),
    ],
)
def test_malformed_files_are_placed(text: str | bytes, expected: str) -> None:
    errors = _errors(text)
    assert any(e.startswith(expected) or expected in e for e in errors), errors


def test_a_duplicate_id_and_a_bad_kind_in_one_row_are_both_reported() -> None:
    errors = _errors("id,edtf,title,kind\r\na,2017,A,\r\na,2017,B,nope\r\n")
    assert [e.split(": ")[1] for e in errors] == ["events[1] (a).id", "events[1] (a).kind"]


def test_empty_rows_are_skipped_and_rows_keep_their_numbers() -> None:
    errors = _errors("id,edtf,title\r\n,,\r\n\r\na,2017-13,A\r\n")
    assert errors[0].startswith("s.csv:4:2: events[0] (a).when: column 'edtf': ")


def test_limits() -> None:
    with pytest.raises(LoadError) as caught:
        loads_csv("id,edtf,title\r\na,2017," + "x" * 200 + "\r\n", limits=Limits(max_scalar=100))
    assert "Limits.max_scalar" in str(caught.value)
    with pytest.raises(LoadError) as caught:
        loads_csv("id,edtf,title\r\n" + "a,2017,A\r\n" * 10, limits=Limits(max_nodes=12))
    assert isinstance(caught.value.exceptions[0], LimitError)


# --------------------------------------------------------------------------------------
# timeline.io.read: a reader per format, told by name or by the file's ending.


def test_read_picks_the_reader_by_the_ending(tmp_path: Path) -> None:
    t = timeline.sample()
    from timeline.export import ics, timelinejs
    from timeline.io import dump, dump_jsonl, read

    (tmp_path / "e.csv").write_text(events_csv(t), encoding="utf-8")
    (tmp_path / "e.ics").write_text(ics(t), encoding="utf-8")
    (tmp_path / "e.json").write_text(timelinejs(t), encoding="utf-8")
    dump(t, tmp_path / "e.yaml")
    dump_jsonl(t, tmp_path / "e.jsonl")
    assert read(tmp_path / "e.csv", base=t) == t
    assert read(tmp_path / "E.ICS".lower(), base=t) == t
    assert read(tmp_path / "e.json", format="timelinejs", base=t) == t
    assert read(tmp_path / "e.yaml") == t
    assert read(tmp_path / "e.jsonl") == t
    assert read(tmp_path / "e.csv", format="csv", columns="timeline", base=t) == t


@pytest.mark.parametrize(
    ("name", "options", "expected"),
    [
        ("e.json", {}, "cannot tell the format of"),
        ("e.txt", {"format": "word"}, "unknown format 'word'"),
        ("e.yaml", {"columns": "timeline"}, "columns are read from a CSV file only"),
        ("e.yaml", {"base": None}, "the yaml reader has no option base; it takes limits"),
        ("e.csv", {"timed": "start"}, "the csv reader has no option timed"),
    ],
)
def test_read_refuses_what_it_cannot_do(
    tmp_path: Path, name: str, options: dict[str, Any], expected: str
) -> None:
    from timeline.io import read

    with pytest.raises(ConstraintError, match=expected):
        read(tmp_path / name, **options)


def test_read_reports_the_file_s_problems(tmp_path: Path) -> None:
    from timeline.io import read

    path = tmp_path / "e.csv"
    path.write_text("id,edtf,title\r\na,2017-13,A\r\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read(path)
    assert str(caught.value.exceptions[0]).startswith(f"{path}:2:2: events[0] (a).when: ")
