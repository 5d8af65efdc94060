"""A number reads as one value whatever the format: YAML, JSON Lines and Parquet agree.

Every spelling a format allows gives the value and the type YAML gives for
the same digits (``100`` an ``int``, ``1.10`` ``Decimal("1.10")``), and a
spelling YAML refuses (an exponent: ``1E2``) is refused by the others too,
placed by file, line and path. Timelines go through every pair of formats
and come out as they went in, types included.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from timeline import io as tio
from timeline import strategies as tst
from timeline.collection import Timeline
from timeline.io import bulk

YAML = """\
timeline: 1
title: T
sources:
  - id: s1
events:
  - id: a
    title: A
    when: 2017-09
    metrics:
      - name: n
        value: {value}
        unit: people
        source: s1
        quote: q
"""
HEADER = '{"timeline": 1, "title": "T", "sources": [{"id": "s1"}]}'
METRIC = '{{"name": "n", "value": {value}, "unit": "people", "source": "s1", "quote": "q"}}'
EVENT = '{{"id": "a", "title": "A", "when": "2017-09", "metrics": [' + METRIC + "]}}"
PATH = "events[0] (a).metrics[0].value: "

#: (spelling, what it reads as, or None: refused). JSON numbers and YAML plain scalars.
SPELLINGS: list[tuple[str, int | Decimal | None]] = [
    ("100", 100),
    ("0", 0),
    ("-0", 0),
    ("-3", -3),
    ("100.0", Decimal("100.0")),
    ("1.10", Decimal("1.10")),
    ("-0.0", Decimal("-0.0")),
    ("0.001", Decimal("0.001")),
    ("12345678901234567890", 12345678901234567890),
    ("1E2", None),
    ("1e2", None),
    ("1E+2", None),
    ("1e-3", None),
    ("1.5E1", None),
    ("0e0", None),
    ("-2.50e+3", None),
]
#: Spellings JSON has no number for, read as text in each format (JSON strings).
TEXT_SPELLINGS: list[tuple[str, int | Decimal | None]] = [
    ("+5", 5),
    ("007", 7),
    ("1E2", None),
    (".5", None),
    ("1.", None),
    ("0x10", None),
    ("1_000", None),
]


def _exact(value: object) -> tuple[type, str]:
    return type(value), str(value)


def read_yaml(value: str, tmp: Path) -> Timeline:
    return tio.loads(YAML.format(value=value), filename="n.yaml")


def read_jsonl(value: str, tmp: Path) -> Timeline:
    return bulk.loads_jsonl(f"{HEADER}\n{EVENT.format(value=value)}\n", filename="n.jsonl")


def read_parquet(value: str, tmp: Path) -> Timeline:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rest = '{"metrics": [' + METRIC.format(value=value) + "]}"
    table = pa.table(
        {"id": ["a"], "kind": ["event"], "title": ["A"], "edtf": ["2017-09"], "rest": [rest]}
    )
    meta = {"timeline": 1, "title": "T", "sources": [{"id": "s1"}], "relations": []}
    table = table.replace_schema_metadata({"timeline": json.dumps(meta)})
    path = tmp / "n.parquet"
    pq.write_table(table, path)
    return bulk.load_parquet(path)


READERS: dict[str, tuple[Callable[[str, Path], Timeline], str]] = {
    # name: (reader of a spelling, where its error is placed)
    "yaml": (read_yaml, "n.yaml:11:16: "),
    "jsonl": (read_jsonl, "n.jsonl:2: "),
    "parquet": (read_parquet, "n.parquet:1: "),
}


def _outcome(
    reader: str, spelling: str, tmp: Path, written: str | None = None
) -> tuple[type, str] | str:
    """What ``spelling`` reads as (type and text), or "refused", placed and quoted."""
    read, place = READERS[reader]
    try:
        t = read(spelling if written is None else written, tmp)
    except tio.LoadError as group:
        (error,) = group.exceptions
        text = str(error)
        if reader == "parquet":
            text = text.replace(str(tmp / "n.parquet"), "n.parquet")
        assert text.startswith(place + PATH), text
        assert spelling in text, text
        return "refused"
    return _exact(t["a"].metrics[0].value)


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_a_number_reads_as_yaml_reads_it(
    reader: str, spelling: str, expected: int | Decimal | None, tmp_path: Path
) -> None:
    want = "refused" if expected is None else _exact(expected)
    assert _outcome(reader, spelling, tmp_path) == want
    # YAML is the reference: the table says what it does.
    assert _outcome("yaml", spelling, tmp_path) == want


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS + TEXT_SPELLINGS)
def test_a_number_written_as_text_reads_as_yaml_reads_it(
    reader: str, spelling: str, expected: int | Decimal | None, tmp_path: Path
) -> None:
    want = "refused" if expected is None else _exact(expected)
    quoted = f"'{spelling}'" if reader == "yaml" else json.dumps(spelling)
    assert _outcome(reader, spelling, tmp_path, quoted) == want


def test_an_exponent_in_a_text_field_is_refused_as_a_number() -> None:
    line = '{"id": "a", "title": 1E2, "when": "2017-09"}'
    with pytest.raises(tio.LoadError) as caught:
        bulk.loads_jsonl(f"{HEADER}\n{line}\n", filename="n.jsonl")
    (error,) = caught.value.exceptions
    assert str(error).startswith("n.jsonl:2: events[0] (a).title: ")
    assert "1E2" in str(error)


def test_an_exponent_anywhere_is_placed() -> None:
    header = '{"timeline": 1E0, "title": "T", "sources": [{"id": "s1"}]}'
    relation = '{"relation": {"a": "a", "relation": "before", "b": "b", "quote": 2e1}}'
    lines = [
        header,
        '{"id": "a", "title": "A", "when": "2017"}',
        '{"id": "b", "title": "B", "when": "2018", "tags": [1, 2, 3E3]}',
        relation,
    ]
    with pytest.raises(tio.LoadError) as caught:
        bulk.loads_jsonl("\n".join(lines), filename="n.jsonl")
    found = [str(e).split(": ")[:2] for e in caught.value.exceptions]
    assert found == [
        ["n.jsonl:1", "timeline"],
        ["n.jsonl:3", "events[1] (b).tags[2]"],
        ["n.jsonl:4", "relations[0].quote"],
    ]


# --------------------------------------------------------------------------------------
# Every pair of formats.


def _via_yaml(t: Timeline, tmp: Path) -> Timeline:
    return tio.loads(tio.dumps(t))


def _via_jsonl(t: Timeline, tmp: Path) -> Timeline:
    return bulk.loads_jsonl(bulk.dumps_jsonl(t))


def _via_parquet(t: Timeline, tmp: Path) -> Timeline:
    pytest.importorskip("pyarrow")
    path = tmp / "t.parquet"
    bulk.dump_parquet(t, path)
    return bulk.load_parquet(path)


FORMATS: dict[str, Callable[[Timeline, Path], Timeline]] = {
    "yaml": _via_yaml,
    "jsonl": _via_jsonl,
    "parquet": _via_parquet,
}


def _typed(t: Timeline) -> Any:
    """The plain records of ``t`` with every number's type: ``100`` and ``Decimal(100)`` differ."""
    return repr(tio.to_records(t))


@settings(
    max_examples=min(settings.default.max_examples, 100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tst.timelines(max_size=4))
def test_every_pair_of_formats_round_trips(tmp_path: Path, t: Timeline) -> None:
    want = _typed(t)
    for first, there in FORMATS.items():
        middle = there(t, tmp_path)
        assert middle == t, first
        assert _typed(middle) == want, first
        for second, back in FORMATS.items():
            end = back(middle, tmp_path)
            assert end == t, (first, second)
            assert _typed(end) == want, (first, second)
