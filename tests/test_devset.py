"""The date-finding development set is valid, and the benchmark's validator and scores are right."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "benchmarks" / "devset"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_find_dates", ROOT / "benchmarks" / "bench_find_dates.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _records(name: str) -> list[dict[str, Any]]:
    with (DEVSET / f"{name}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.mark.parametrize("name", ["dev", "test"])
def test_devset_file_is_valid(name: str) -> None:
    assert bench.validate(_records(name), f"{name}.jsonl") == []


def test_splits_share_no_document() -> None:
    dev = {r["id"] for r in _records("dev")}
    test = {r["id"] for r in _records("test")}
    assert dev
    assert test
    assert not dev & test
    assert len(test) * 2 <= len(dev) + 1  # about a third held out


def _spoil(change: str, record: dict[str, Any]) -> None:
    first, second = record["mentions"][0], record["mentions"][1]
    if change == "offset":
        first["start"] += 1
    elif change == "overlap":
        second["start"] = first["start"]
    elif change == "order":
        second["earliest"], second["latest"] = "2016-10-01", "2016-09-01"
    elif change == "day":
        first["earliest"] = "2016-02-30"
    elif change == "basis":
        first["basis"] = "guess"
    elif change == "weekday":
        first["earliest"] = first["latest"] = "2016-09-27"  # a Tuesday, marked Wednesday
    elif change == "key":
        del first["basis"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("offset", "is 'ednesday', not 'Wednesday'"),
        ("overlap", "overlaps or precedes"),
        ("order", "is after latest"),
        ("day", "is not an ISO day"),
        ("basis", "basis 'guess'"),
        ("weekday", "Wednesday marked 2016-09-27"),
        ("key", "keys"),
    ],
)
def test_validator_reports_each_fault(change: str, message: str) -> None:
    records = copy.deepcopy(_records("dev"))
    record = next(r for r in records if r["id"] == "voa-2016-09-28-spending-bill")
    assert record["mentions"][0]["text"] == "Wednesday"
    _spoil(change, record)
    problems = bench.validate(records, "dev.jsonl")
    assert problems
    assert all(problem.startswith("dev.jsonl:") for problem in problems)
    assert any(message in problem for problem in problems)


def _m(start: int, end: int, first: str | None = None, last: str | None = None) -> Any:
    day = dt.date.fromisoformat
    return bench.Mention(start, end, first and day(first), last and day(last))


def test_scores_strict_relaxed_and_value() -> None:
    gold = [
        _m(0, 10, "2017-01-01", "2017-01-31"),
        _m(20, 30, "2017-02-01", "2017-02-01"),
        _m(40, 50),
    ]
    predicted = [
        _m(0, 10, "2017-01-01", "2017-01-31"),  # exact span, right value
        _m(18, 25, "2017-02-02", "2017-02-02"),  # overlaps by 5, wrong value
        _m(22, 28, "2017-02-01", "2017-02-01"),  # overlaps the same gold by 6, right value
        _m(41, 45, "2017-03-01", "2017-03-01"),  # overlaps a gold mention without a value
        _m(60, 65, "2017-04-01", "2017-04-01"),  # spurious
    ]
    counts = bench.Counts()
    counts.add(predicted, gold)
    assert (counts.predicted, counts.gold) == (5, 3)
    assert counts.strict == 1
    assert counts.relaxed == 3  # the larger overlap, (22, 28), takes the second gold
    assert (counts.value_correct, counts.value_predicted, counts.value_gold) == (2, 4, 2)
    assert bench.prf(2, 4, 2) == pytest.approx((50.0, 100.0, 200 / 3))


def test_period_bounds_of_dateparser_periods() -> None:
    moment = dt.datetime(2017, 9, 28, 12)
    bounds = bench._period_bounds
    assert bounds(moment, "day") == (dt.date(2017, 9, 28), dt.date(2017, 9, 28))
    assert bounds(moment, "week") == (dt.date(2017, 9, 25), dt.date(2017, 10, 1))
    assert bounds(moment, "month") == (dt.date(2017, 9, 1), dt.date(2017, 9, 30))
    assert bounds(dt.datetime(2017, 12, 5), "month") == (
        dt.date(2017, 12, 1),
        dt.date(2017, 12, 31),
    )
    assert bounds(moment, "year") == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert bounds(None, "day") == (None, None)
