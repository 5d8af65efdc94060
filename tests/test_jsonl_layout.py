"""The JSON Lines layout: every line names its record, so table readers see the events alone.

DuckDB's ``read_json_auto`` and polars' ``read_ndjson`` read the whole file
as one table; ``record = 'event'`` keeps one row per event, in order, with
the event's fields as columns. Files of layout 1 (no ``record`` field) are
still read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import timeline
from timeline import strategies as tst
from timeline.io import LoadError, bulk, to_records
from timeline.sample import sample


@pytest.fixture(scope="module")
def chronology() -> timeline.Timeline:
    return sample()


@pytest.fixture(scope="module")
def jsonl(chronology: timeline.Timeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("layout") / "events.jsonl"
    bulk.dump_jsonl(chronology, path)
    return path


def lines_of(t: timeline.Timeline) -> list[dict[str, Any]]:
    return [json.loads(line) for line in bulk.dumps_jsonl(t).splitlines()]


def test_every_line_names_its_record(chronology: timeline.Timeline) -> None:
    lines = lines_of(chronology)
    header, rest = lines[0], lines[1:]
    assert header["record"] == "timeline"
    assert (header["timeline"], header["layout"]) == (1, bulk.JSONL_LAYOUT) == (1, 2)
    assert header["title"] == chronology.title
    assert [s["id"] for s in header["source_list"]] == list(chronology.sources)
    assert "sources" not in header  # an event's column: its citations
    assert [line["record"] for line in rest] == ["event"] * len(chronology) + ["relation"] * len(
        chronology.relations
    )
    assert [line["id"] for line in rest[: len(chronology)]] == [e.id for e in chronology]
    assert [line["relation"] for line in rest[len(chronology) :]] == to_records(chronology)[
        "relations"
    ]


@given(tst.timelines(max_size=4))
def test_random_timelines_round_trip_in_this_layout(t: timeline.Timeline) -> None:
    text = bulk.dumps_jsonl(t)
    assert bulk.loads_jsonl(text) == t
    rows = [json.loads(line) for line in text.splitlines()]
    assert all("record" in row for row in rows)
    assert [r["id"] for r in rows if r["record"] == "event"] == [e.id for e in t]


def test_duckdb_reads_the_events_as_a_table(jsonl: Path, chronology: timeline.Timeline) -> None:
    duckdb = pytest.importorskip("duckdb")
    rows = duckdb.sql(
        f"SELECT id, kind, title, \"when\" FROM read_json_auto('{jsonl}') WHERE record = 'event'"
    ).fetchall()
    records = to_records(chronology)["events"]
    assert [r[0] for r in rows] == [e.id for e in chronology]
    assert [r[2] for r in rows] == [e.title for e in chronology]
    assert [r[3] for r in rows] == [e["when"] for e in records]
    assert [r[1] or "event" for r in rows] == [e.kind for e in chronology]
    # Their citations are a clean list of {source, quote}, not mixed with the sources' fields.
    [kind] = duckdb.sql(
        f"SELECT typeof(sources) FROM read_json_auto('{jsonl}') WHERE record = 'event' LIMIT 1"
    ).fetchall()
    assert kind[0] == 'STRUCT("source" VARCHAR, "quote" VARCHAR)[]'


def test_polars_reads_the_events_as_a_table(jsonl: Path, chronology: timeline.Timeline) -> None:
    pl = pytest.importorskip("polars")
    frame = pl.read_ndjson(jsonl, infer_schema_length=None)
    events = frame.filter(pl.col("record") == "event")
    assert events["id"].to_list() == [e.id for e in chronology]
    assert events["title"].to_list() == [e.title for e in chronology]
    assert events.schema["sources"] == pl.List(pl.Struct({"source": pl.String, "quote": pl.String}))


def _layout_1(t: timeline.Timeline) -> str:
    records = to_records(t)
    header = {k: records[k] for k in ("timeline", "title", "sources") if k in records}
    lines = [header, *records.get("events", ()), *({"relation": r} for r in records["relations"])]
    return "".join(json.dumps(line, default=str, ensure_ascii=False) + "\n" for line in lines)


def test_layout_1_is_still_read(chronology: timeline.Timeline) -> None:
    assert bulk.loads_jsonl(_layout_1(chronology)) == chronology


HEADER = '{"record": "timeline", "timeline": 1, "layout": 2, "source_list": [{"id": "s1"}]}'
EVENT = (
    '{"record": "event", "id": "a", "title": "A", "when": "2017", '
    '"sources": [{"source": "s1", "quote": "q"}]}'
)


def errors_of(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        bulk.loads_jsonl(text, filename="e.jsonl")
    return [str(e) for e in caught.value.exceptions]


def test_a_small_file_by_hand() -> None:
    relation = '{"record": "relation", "relation": {"a": "a", "relation": "before", "b": "b"}}'
    other = EVENT.replace('"a"', '"b"', 1).replace("2017", "2018")
    t = bulk.loads_jsonl("\n".join([HEADER, relation, EVENT, other]) + "\n")
    assert [e.id for e in t] == ["a", "b"]
    assert list(t.sources) == ["s1"]
    assert len(t.relations) == 1


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [HEADER, EVENT.replace('"record": "event", ', "")],
            "e.jsonl:2: each line after the header names its record, 'event' or 'relation'; "
            "this one has no record field",
        ),
        (
            [HEADER, EVENT.replace('"event"', '"source"')],
            "e.jsonl:2: each line after the header names its record, 'event' or 'relation'; "
            "this one has record the text 'source'",
        ),
        (
            [HEADER, EVENT, '{"relation": {"a": "a", "relation": "before", "b": "a"}}'],
            "e.jsonl:3: each line after the header names its record",
        ),
        (
            [HEADER, EVENT, '{"record": "relation", "relation": {}, "quote": "x"}'],
            "e.jsonl:3: a relation line is "
            '{"record": "relation", "relation": {...}}; unknown key \'quote\'',
        ),
        (
            [HEADER.replace('"layout": 2', '"layout": 3'), EVENT],
            "e.jsonl:1: layout: a header with a record field is of layout 2, not 3",
        ),
        (
            [HEADER.replace('"layout": 2, ', ""), EVENT],
            "e.jsonl:1: layout: a header with a record field is of layout 2, not without one",
        ),
        (
            [HEADER.replace('"record": "timeline"', '"record": "header"'), EVENT],
            "e.jsonl:1: record: the header's record is 'timeline', not the text 'header'",
        ),
        (
            [HEADER.replace('"source_list"', '"sources"'), EVENT],
            "e.jsonl:1: unknown key 'sources' in the header",
        ),
        (
            [HEADER, EVENT.replace('"when": "2017"', '"when": "2017-13"')],
            "e.jsonl:2: events[0] (a).when: '2017-13'",
        ),
        (
            [HEADER, EVENT.replace('"s1"', '"s2"')],
            "e.jsonl:2: events[0] (a).sources[0].source: no source has the id 's2'",
        ),
        (
            [HEADER.replace('{"id": "s1"}', '{"id": "s1", "outlet": 5}'), EVENT],
            "e.jsonl:1: sources[0] (s1).outlet: must be text",
        ),
    ],
)
def test_mistakes_are_placed_by_line(lines: list[str], expected: str) -> None:
    found = errors_of("\n".join(lines) + "\n")
    assert any(e.startswith(expected) for e in found), found
