"""JSON Lines and Parquet: round trips, and every problem placed by line or row."""

from __future__ import annotations

import json
import os
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import timeline
from timeline import io as tio
from timeline import strategies as tst
from timeline.collection import Timeline
from timeline.io import bulk

EVENTS = Path(__file__).resolve().parents[1] / "events.yaml"

HEADER = '{"timeline": 1, "title": "T", "sources": [{"id": "s1", "published": "2017-09-28"}]}'
GOOD = '{"id": "a", "title": "A", "when": "2017-09", "sources": [{"source": "s1", "quote": "q"}]}'


@pytest.fixture(scope="module")
def chronology() -> Timeline:
    return timeline.load(EVENTS)


def errors_of(text: str | bytes, **kwargs: object) -> list[str]:
    with pytest.raises(tio.LoadError) as caught:
        bulk.loads_jsonl(text, filename="e.jsonl", **kwargs)  # type: ignore[arg-type]
    return [str(e) for e in caught.value.exceptions]


# --------------------------------------------------------------------------------------
# Round trips.


def test_events_yaml_round_trips_through_jsonl(chronology: Timeline, tmp_path: Path) -> None:
    text = bulk.dumps_jsonl(chronology)
    assert bulk.loads_jsonl(text) == chronology
    assert bulk.dumps_jsonl(bulk.loads_jsonl(text)) == text
    path = tmp_path / "events.jsonl"
    bulk.dump_jsonl(chronology, path)
    assert bulk.load_jsonl(path) == chronology
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(chronology) + len(chronology.relations)
    assert json.loads(lines[0])["timeline"] == 1
    assert json.loads(lines[1])["id"] == chronology.events[0].id


def test_events_yaml_round_trips_through_parquet(chronology: Timeline, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    bulk.dump_parquet(chronology, path)
    assert bulk.load_parquet(path) == chronology
    table = pq.read_table(path)
    assert table.column_names == [
        "id",
        "kind",
        "title",
        "edtf",
        "precision",
        "qualifiers",
        "first_earliest",
        "first_latest",
        "last_earliest",
        "last_latest",
        "bounds_exact",
        "rest",
    ]
    assert table.column("id").to_pylist() == [e.id for e in chronology]
    meta = json.loads(table.schema.metadata[b"timeline"])
    assert meta["timeline"] == 1
    assert [s["id"] for s in meta["sources"]] == list(chronology.sources)
    assert len(meta["relations"]) == len(chronology.relations)


def test_the_bounds_columns(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    whens = ["2017-09", "2017-06-01/..", "2017-06-01/", "../2017-06", "on(FY2018)", "201X"]
    t = Timeline(
        timeline.Event(id=f"e{i}", title="x", when=timeline.parse(w)) for i, w in enumerate(whens)
    )
    path = tmp_path / "b.parquet"
    bulk.dump_parquet(t, path)
    rows = {r["edtf"]: r for r in pq.read_table(path).to_pylist()}
    d = timeline.parse

    def days(edtf: str) -> tuple[object, ...]:
        r = rows[edtf]
        keys = ("first_earliest", "first_latest", "last_earliest", "last_latest", "bounds_exact")
        return tuple(r[k] for k in keys)

    sept = (d("2017-09-01").earliest, d("2017-09-30").earliest)
    assert days("2017-09") == (sept[0], sept[0], sept[1], sept[1], True)
    june = d("2017-06-01").earliest
    assert days("2017-06-01/..") == (june, june, None, None, True)
    assert days("2017-06-01/") == (june, june, june, None, True)
    end = d("2017-06-30").earliest
    assert days("../2017-06") == (None, None, end, end, True)
    fy = d("FY2018")
    assert days("on(FY2018)") == (fy.earliest, fy.latest, fy.earliest, fy.latest, True)
    assert days("201X") == (
        d("2010").earliest,
        d("2019").earliest,
        d("2010").latest,
        d("2019").latest,
        True,
    )
    assert rows["2017-09"]["precision"] == "month"
    assert rows["201X"]["qualifiers"] == ""


def test_numbers_stay_exact() -> None:
    metric = '{"name": "n", "value": 1.10, "unit": "", "source": "s1", "quote": "q"}'
    line = GOOD[:-1] + f', "metrics": [{metric}]}}'
    t = bulk.loads_jsonl(f"{HEADER}\n{line}\n")
    value = t["a"].metrics[0].value
    assert value == Decimal("1.10")
    assert str(value) == "1.10"
    assert '"value": "1.10"' in bulk.dumps_jsonl(t)


@settings(
    max_examples=min(settings.default.max_examples, 100),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tst.timelines(max_size=4))
def test_random_timelines_round_trip(tmp_path: Path, t: Timeline) -> None:
    text = bulk.dumps_jsonl(t)
    assert bulk.loads_jsonl(text) == t
    assert bulk.loads_jsonl(text.encode("utf-8")) == t
    path = tmp_path / "t.parquet"
    bulk.dump_parquet(t, path)
    assert bulk.load_parquet(path) == t


# --------------------------------------------------------------------------------------
# JSON Lines errors.


def test_a_bad_line_is_placed_and_the_others_are_still_read() -> None:
    text = "\n".join(
        [
            HEADER,
            GOOD,
            '{"id": "b", "title": "B", "when": "2017-09"',
            '{"id": "c", "title": 5, "when": "2017-02-30"}',
        ]
    )
    assert errors_of(text) == [
        "e.jsonl:3: not well-formed JSON: Expecting ',' delimiter (column 44)",
        "e.jsonl:4: events[1] (c).title: must be text, not the number 5",
        "e.jsonl:4: events[1] (c).when: '2017-02-30': February has 28 days in 2017",
    ]
    with pytest.raises(timeline.LoadError) as info:
        bulk.loads_jsonl(text, filename="e.jsonl")
    kinds = [type(e) for e in info.value.exceptions]
    assert kinds == [timeline.JSONSyntaxError, timeline.FieldError, timeline.FieldError]


def test_references_are_checked() -> None:
    text = "\n".join(
        [
            HEADER,
            GOOD,
            '{"id": "a", "title": "A again", "when": "2017"}',
            '{"id": "b", "title": "B", "when": "2017", '
            '"sources": [{"source": "nope", "quote": "q"}]}',
            '{"relation": {"a": "a", "relation": "before", "b": "zz"}}',
        ]
    )
    found = errors_of(text)
    assert found[0] == "e.jsonl:3: events[1] (a).id: events[0] has the id 'a' too"
    assert found[1].startswith("e.jsonl:4: events[2] (b).sources[0].source: no source has the id")
    assert found[2] == "e.jsonl:5: relations[0].b: no event has the id 'zz'"
    assert len(found) == 3


def test_a_relation_to_an_unreadable_line_is_not_reported_twice() -> None:
    text = "\n".join(
        [
            HEADER,
            GOOD,
            '{"id": "b", "title": "B", "when": NaN}',
            '{"relation": {"a": "a", "relation": "before", "b": "b"}}',
        ]
    )
    assert errors_of(text) == ["e.jsonl:3: NaN is not a number a timeline file can hold"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "b", "id": "c"}', "the key 'id' appears twice in one object"),
        ('["a list"]', "a line must be a JSON object, not a list"),
        ('{"id": "b", "title": "\\ud800", "when": "2017"}', "lone surrogate"),
        ('{"id": "b", "title": "B", "when": Infinity}', "Infinity is not a number"),
    ],
)
def test_lines_that_are_not_allowed(line: str, message: str) -> None:
    (found,) = errors_of(f"{HEADER}\n{line}\n")
    assert found.startswith("e.jsonl:2: ")
    assert message in found


def test_bytes_that_are_not_utf8() -> None:
    text = f"{HEADER}\n{GOOD}\n".encode() + b'{"id": "b\xff"}\n'
    assert errors_of(text) == ["e.jsonl:3: not UTF-8: the byte 0xff at column 10"]


def test_text_with_a_lone_surrogate() -> None:
    text = f'{HEADER}\n{GOOD}\n{{"id": "b", "title": "x\ud800", "when": "2017"}}\n'
    assert errors_of(text) == [
        "e.jsonl:3: a lone surrogate U+D800 at column 24 is not Unicode text"
    ]


def test_a_bom_is_dropped() -> None:
    t = bulk.loads_jsonl(b"\xef\xbb\xbf" + f"{HEADER}\n{GOOD}\n".encode())
    assert list(t.sources) == ["s1"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "e.jsonl:1: the file is empty"),
        ("[1]\n", "e.jsonl:1: the first line must be the header object"),
        ('{"title": "T"}\n', "e.jsonl:1: a timeline file begins with `timeline: 1`"),
        ('{"timeline": 2}\n', "e.jsonl:1: timeline: this is version 1 of the format"),
        ('{"timeline": 1, "events": []}\n', "e.jsonl:1: unknown key 'events' in the header"),
    ],
)
def test_bad_headers(text: str, message: str) -> None:
    found = errors_of(text)
    assert len(found) == 1, found
    assert found[0].startswith(message), found


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ('{"timeline": 1,', "e.jsonl:1: not well-formed JSON"),
        ("[1]", "e.jsonl:1: the first line must be the header object"),
        (b'{"timeline": 1, "title": "\xff"}', "e.jsonl:1: not UTF-8"),
    ],
)
def test_a_header_that_cannot_be_read_is_still_the_header(
    header: str | bytes, message: str
) -> None:
    event = '{"id": "a", "title": "A", "when": "2017-09"}'
    text = header + b"\n" + event.encode() if isinstance(header, bytes) else f"{header}\n{event}"
    found = errors_of(text)
    assert len(found) == 1, found  # the event on line 2 is read as an event, without a word
    assert found[0].startswith(message), found


def test_limits() -> None:
    deep = "[" * 100 + "]" * 100
    text = f'{HEADER}\n{{"id": "b", "title": {deep}, "when": "2017"}}\n{GOOD}\n'
    assert errors_of(text) == ["e.jsonl:2: JSON values nest more than 64 deep"]
    long = "x" * 50
    text = f'{HEADER}\n{{"id": "b", "title": "{long}", "when": "2017"}}\n'
    limits = tio.Limits(max_scalar=40)
    assert errors_of(text, limits=limits) == [
        "e.jsonl:2: a text is 50 characters long, more than the limit of 40"
    ]
    found = errors_of(f"{HEADER}\n{GOOD}\n", limits=tio.Limits(max_bytes=10))
    assert found[0].startswith("e.jsonl: the input is")
    with pytest.raises(TypeError):
        bulk.loads_jsonl(HEADER, limits=None)  # type: ignore[arg-type]


def test_invisible_and_control_characters_are_written_as_escapes() -> None:
    title = "A\x1b[2J\x7f\x9b\u200f\u2028\u202e\u2066\ufeff é ✓"
    line = GOOD.replace('"title": "A"', json.dumps({"title": title})[1:-1])
    text = bulk.dumps_jsonl(bulk.loads_jsonl(f"{HEADER}\n{line}\n"))
    assert all(c == "\n" or (c.isprintable() and c not in "\u2028\u2029") for c in text)
    assert "é ✓" in text  # printable text stays as it is
    assert bulk.loads_jsonl(text)["a"].title == title


def test_writing_refuses_lone_surrogates() -> None:
    t = Timeline([timeline.Event(id="a", title="bad \ud800", when=timeline.parse("2017"))])
    with pytest.raises(tio.DumpError, match=r"events\[0\]: holds a lone surrogate U\+D800"):
        bulk.dumps_jsonl(t)


# --------------------------------------------------------------------------------------
# Parquet errors.


def parquet_errors(path: Path) -> list[str]:
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path.name)
    return [str(e) for e in caught.value.exceptions]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # so that errors name files as "e.parquet"


def write(path: Path, columns: dict[str, list[object]], meta: object) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(columns)
    if meta is not None:
        table = table.replace_schema_metadata({"timeline": json.dumps(meta)})
    pq.write_table(table, path)
    return path


META = {"timeline": 1, "title": "T", "sources": [{"id": "s1"}], "relations": []}


def test_parquet_rows_are_placed(tmp_path: Path) -> None:
    path = write(
        tmp_path / "e.parquet",
        {
            "id": ["a", "b", "c", "d", "e"],
            "title": ["A", None, "C", "D", "E"],
            "edtf": ["2017", "2017", "2017-13", "2017", "2017"],
            "rest": [
                '{"sources": [{"source": "nope", "quote": "q"}]}',
                "{}",
                None,
                '{"places": [1',
                '{"id": "x"}',
            ],
        },
        META,
    )
    found = parquet_errors(path)
    assert found[0].startswith("e.parquet:1: events[0] (a).sources[0].source: no source has")
    assert found[1] == "e.parquet:2: events[1] (b): an event needs the field title"
    assert found[2].startswith("e.parquet:3: events[2] (c).when: '2017-13'")
    assert found[3].startswith("e.parquet:4: events[3] (d): the column 'rest': not well-formed")
    assert found[4] == (
        "e.parquet:5: events[4] (e): the column 'rest' holds id, which has a column of its own"
    )
    assert len(found) == 5


@pytest.mark.parametrize(
    "metadata",
    [None, b"not json", b"[1]", b"\xff"],
    ids=["missing", "not-json", "not-an-object", "not-utf8"],
)
def test_metadata_that_cannot_be_read_is_one_error_not_two(
    tmp_path: Path, metadata: bytes | None
) -> None:
    # The metadata's own problem, and the rows' (none here): not also a missing version.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "m.parquet"
    table = pa.table({"id": ["a"], "title": ["A"], "edtf": ["2017"]})
    if metadata is not None:
        table = table.replace_schema_metadata({bulk.PARQUET_METADATA_KEY: metadata})
    pq.write_table(table, path)
    found = parquet_errors(path)
    assert len(found) == 1, found
    assert found[0].startswith("m.parquet: "), found


def test_parquet_file_level_problems(tmp_path: Path) -> None:
    path = write(tmp_path / "m.parquet", {"id": ["a"], "edtf": [2017]}, None)
    found = parquet_errors(path)
    assert found[0].startswith("m.parquet: the file's key-value metadata has no key 'timeline'")
    assert "m.parquet: the file has no column 'title'" in found
    assert "m.parquet: the column 'edtf' must hold text, not int64" in found
    path = write(
        tmp_path / "s.parquet",
        {"id": ["a"], "title": ["A"], "edtf": ["2017"]},
        {"timeline": 1, "sources": [{"id": "s1"}, {"id": "s1"}], "extra": 1},
    )
    found = parquet_errors(path)
    assert found == [
        "s.parquet: unknown key 'extra' in the metadata 'timeline'; "
        "it has timeline, title, sources, relations",
        "s.parquet: sources[1] (s1).id: another source has the id 's1'",
    ]
    (tmp_path / "x.parquet").write_bytes(b"not parquet at all")
    (found,) = parquet_errors(tmp_path / "x.parquet")
    assert found.startswith("x.parquet: not a Parquet file pyarrow can read")


def test_parquet_limits(tmp_path: Path, chronology: Timeline) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "l.parquet"
    bulk.dump_parquet(chronology, path)
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path, limits=tio.Limits(max_bytes=100))
    (error,) = caught.value.exceptions
    assert isinstance(error, tio.LimitError)
    assert error.message.endswith("bytes, more than the limit of 100")


def test_parquet_rows_beyond_the_limits_are_left_out(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "r.parquet"
    events = [
        timeline.Event(id=i, title=title, when=timeline.parse(when))
        for i, title, when in (("a", "A", "2017"), ("b", "x" * 50, "2018"), ("c", "C", "2019"))
    ]
    bulk.dump_parquet(Timeline(events), path)
    table = pq.read_table(path)
    edtf = table.schema.get_field_index("edtf")
    table = table.set_column(edtf, "edtf", pa.array(["2017", "2018", "2019-13"]))
    pq.write_table(table, path)  # the schema keeps the file's metadata
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path, limits=tio.Limits(max_scalar=40))
    found = [(e.line, type(e).__name__, e.message) for e in caught.value.exceptions]
    assert found == [
        (2, "LimitError", "the title is 50 characters long, more than the limit of 40"),
        (3, "FieldError", found[1][2]),  # the row after a row left out keeps its number
    ]
    assert "2019-13" in found[1][2]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("reader", ["yaml", "jsonl"])
def test_a_named_pipe_is_read_to_its_end(tmp_path: Path, chronology: Timeline, reader: str) -> None:
    # A pipe says it holds 0 bytes: the readers must not stop there.
    text = (tio.dumps if reader == "yaml" else bulk.dumps_jsonl)(chronology).encode()
    load = tio.load if reader == "yaml" else bulk.load_jsonl
    path = tmp_path / f"pipe.{reader}"
    os.mkfifo(path)
    writer = threading.Thread(target=path.write_bytes, args=(text,))
    writer.start()
    try:
        assert load(path) == chronology
    finally:
        writer.join(timeout=10)


def test_missing_pyarrow(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    t = Timeline()
    for call in (lambda: bulk.dump_parquet(t, tmp_path / "p"), lambda: bulk.load_parquet("p")):
        with pytest.raises(
            timeline.MissingDependencyError, match=r"pip install 'timeline\[parquet\]'"
        ):
            call()
    assert issubclass(timeline.MissingDependencyError, timeline.TimelineError)
    assert issubclass(timeline.MissingDependencyError, ImportError)
