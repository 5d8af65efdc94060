"""Groupings and headings cost what they produce, not the span of time their events cover.

An event that spans years 1–9999 touches half a million weeks. ``group_by``
either gives the exact groups (when there are at most ``max_groups`` of them,
holding at most ``max_members`` events in all) or refuses with a
:class:`timeline.LimitError` before building anything; headings place each
event under the first unit it may fall in and name the others it may fall
in without listing them, so they never need a limit. Each hostile case runs
under a loose time and memory bound (safety nets, not measurements: those
are in ``benchmarks/bench_grouping.py``).
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Extent, LimitError, TimelineError, parse
from timeline import calendar as cal
from timeline import strategies as tst
from timeline.calendar import FiscalCalendar
from timeline.cli import main
from timeline.collection import (
    MAX_GROUPS,
    MAX_MEMBERS,
    Placement,
    Timeline,
    _Units,
)
from timeline.errors import ConstraintError
from timeline.events import Statement
from timeline.render import chronology, markdown

T = TypeVar("T")

TIME_KEYS = ("year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter")
# Loose safety nets: the cases below take milliseconds and a few MB when bounded.
SECONDS = 2.0
MEGABYTES = 50
# Units of each key from 0001-01-01 through 9999-12-31 (US federal fiscal years, ISO weeks).
UNITS_0001_9999 = {
    "year": 9999,
    "quarter": 39_996,
    "month": 119_988,
    "week": 521_723,
    "fiscal-year": 10_000,
    "fiscal-quarter": 39_996,
}


def bounded(fn: Callable[[], T], *, seconds: float = SECONDS, megabytes: int = MEGABYTES) -> T:
    """``fn()``, failing when it takes over ``seconds`` or peaks above ``megabytes``.

    Timed and traced in two runs, since tracemalloc slows Python several times over.
    A LimitError (or any TimelineError) is returned, not raised, so refusals are bounded too.
    """
    gc.collect()
    start = time.perf_counter()
    result = outcome(fn)
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.2f} s"
    gc.collect()
    tracemalloc.start()
    try:
        outcome(fn)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < megabytes * 2**20, f"peaked at {peak / 2**20:.1f} MB"
    return result  # type: ignore[return-value]


def outcome(fn: Callable[[], T]) -> T | TimelineError:
    try:
        return fn()
    except TimelineError as error:
        return error


def events(*whens: str, copies: int = 1) -> Timeline:
    return Timeline(
        Statement(id=f"e{i}-{j}", title=f"event {i}", when=parse(when))
        for i, when in enumerate(whens)
        for j in range(copies)
    )


# --------------------------------------------------------------------------------------
# The unit arithmetic, against the calendar's own functions.


def unit_at(key: str, rd: int, calendar: FiscalCalendar, week_start: int) -> tuple[int, int]:
    """The first and last days of the unit of ``key`` holding day ``rd``, by the calendar."""
    if key == "year":
        return cal.year_bounds(cal.from_rd(rd)[0])
    if key == "month":
        y, m, _ = cal.from_rd(rd)
        return cal.month_bounds(y, m)
    if key == "quarter":
        y, m, _ = cal.from_rd(rd)
        return cal.quarter_bounds(y, (m - 1) // 3 + 1)
    if key == "week":
        return cal.week_bounds(*cal.week_of(rd, week_start), week_start)
    if key == "fiscal-year":
        return calendar.bounds(calendar.year_of(rd))
    return calendar.quarter_bounds(*calendar.quarter_of(rd))


DAYS = st.one_of(
    st.integers(min_value=cal.to_rd(1990, 1, 1), max_value=cal.to_rd(2030, 12, 31)),
    st.integers(min_value=-(10**12), max_value=10**12),
)


def fiscal(month: int, day: int, named_by: str) -> FiscalCalendar:
    # A calendar needs a name to be written, and a name belongs to one calendar.
    return FiscalCalendar(month, day, named_by, name=f"test-{month}-{day}-{named_by}")  # type: ignore[arg-type]


CALENDARS = st.sampled_from(sorted(FiscalCalendar.PRESETS.values(), key=repr)) | st.builds(
    fiscal, st.integers(1, 12), st.integers(1, 28), st.sampled_from(["start", "end"])
)


@settings(max_examples=300, deadline=None)
@given(DAYS, st.sampled_from(TIME_KEYS), CALENDARS, st.integers(0, 6))
def test_units_agree_with_the_calendar(
    day: int, key: str, calendar: FiscalCalendar, week_start: int
) -> None:
    import numpy as np

    units = _Units(key, calendar, week_start)
    unit = units.of(np.array([day], dtype=np.int64))
    first, last = unit_at(key, day, calendar, week_start)
    assert units.first(unit).tolist() == [first]
    assert units.first(unit + 1).tolist() == [last + 1]
    (label,) = units.labels(unit)
    assert (label.first, label.last) == (first, last)
    assert units.of(np.array([first, last, last + 1], dtype=np.int64)).tolist() == [
        int(unit[0]),
        int(unit[0]),
        int(unit[0]) + 1,
    ]


# --------------------------------------------------------------------------------------
# group_by: exact under the limits, refused beyond them, and quick either way.


@pytest.mark.parametrize("key", TIME_KEYS)
def test_one_event_over_ten_millennia(key: str) -> None:
    t = events("0001-01-01/9999-12-31")
    count = UNITS_0001_9999[key]
    # The groups themselves cost some 10 µs each: 40,000 quarters get a looser bound.
    seconds = SECONDS if count <= 10_000 else 5 * SECONDS
    found = bounded(lambda: t.group_by(key), seconds=seconds)  # type: ignore[arg-type]
    if count > MAX_GROUPS:
        assert isinstance(found, LimitError)
        assert f"{count:,} groups" in str(found)
        assert "max_groups" in str(found)
        assert isinstance(found, TimelineError)
        assert isinstance(found, ValueError)
        return
    assert not isinstance(found, LimitError)
    assert len(found) == count
    labels = list(found)
    assert isinstance(labels[0], Extent)
    assert isinstance(labels[-1], Extent)
    assert labels[0].first <= cal.to_rd(1, 1, 1) <= labels[0].last
    assert labels[-1].first <= cal.to_rd(9999, 12, 31) <= labels[-1].last
    assert all(len(g.possible) == 1 and not len(g.certain) for g in found.values())


@pytest.mark.parametrize("key", TIME_KEYS)
@pytest.mark.parametrize(
    "whens",
    [("0001/..", "9999-12-31"), ("../9999", "0001-01-01"), ("0001-01-01/", "9999-12-31")],
    ids=["open-end", "open-start", "unknown-end"],
)
def test_an_open_event_over_ten_millennia(key: str, whens: tuple[str, ...]) -> None:
    # A lower limit keeps the test quick: 9,999 years and 10,000 fiscal years pass it.
    t = events(*whens)
    found = bounded(lambda: t.group_by(key, max_groups=10_000))  # type: ignore[arg-type]
    if UNITS_0001_9999[key] > 10_000:
        assert isinstance(found, LimitError)
        return
    assert not isinstance(found, TimelineError)
    assert len(found) == UNITS_0001_9999[key]
    open_id = next(e.id for e in t if e.when.earliest_day is None or e.when.latest_day is None)
    assert all(open_id in g.possible for g in found.values())
    assert not any(open_id in g.certain for g in found.values())
    other = next(e for e in t if e.id != open_id)
    assert sum(other in g.certain for g in found.values()) == 1


@pytest.mark.parametrize("key", TIME_KEYS)
def test_many_events_over_ten_millennia_are_refused(key: str) -> None:
    # 2,000 copies: 20 million (event, year) pairs, past max_members; the weeks would have
    # been 1.04 billion pairs, 38.9 GiB for the pairs' arrays alone.
    t = events("0001-01-01/9999-12-31", copies=2_000)
    found = bounded(lambda: t.group_by(key))  # type: ignore[arg-type]
    assert isinstance(found, LimitError)
    assert "max_groups" in str(found) or "max_members" in str(found)


def test_the_weeks_of_ten_thousand_events_never_raise_memory_error() -> None:
    t = events("0001-01-01/9999-12-31", copies=10_000)
    assert isinstance(bounded(lambda: t.group_by("week")), LimitError)


@pytest.mark.parametrize("key", TIME_KEYS)
def test_an_alternative_far_apart_costs_its_two_units(key: str) -> None:
    # Possible in the first and the last unit only: the span between costs nothing.
    t = events("[0001-01-01,9999-12-31]", "[0001-01-01..0001-01-03,9999-12-31]")
    groups = bounded(lambda: t.group_by(key))  # type: ignore[arg-type]
    assert not isinstance(groups, TimelineError)
    assert len(groups) == 2
    assert [len(g.possible) for g in groups.values()] == [2, 2]
    assert [len(g.certain) for g in groups.values()] == [0, 0]


@pytest.mark.parametrize("key", TIME_KEYS)
def test_many_short_events_over_ten_millennia(key: str) -> None:
    # 2,000 days spread over ten millennia: each in one unit, nothing between them counts.
    step = (cal.to_rd(9999, 12, 31) - 1) // 1_999
    days = [Extent.from_rd(1 + i * step) for i in range(2_000)]
    t = Timeline(Statement(id=f"d{i}", title="a day", when=d) for i, d in enumerate(days))
    groups = bounded(lambda: t.group_by(key))  # type: ignore[arg-type]
    assert not isinstance(groups, TimelineError)
    assert len(groups) == 2_000
    assert all(len(g.certain) == len(g.possible) == 1 for g in groups.values())


def test_the_limits_are_exact_and_can_be_raised() -> None:
    t = events("2000-01-01/2000-12-31", "2000-06-01/2001-01-31")
    months = t.group_by("month")
    assert len(months) == 13
    members = sum(len(g.possible) for g in months.values())
    assert members == 12 + 8
    assert t.group_by("month", max_groups=13, max_members=members) == months
    with pytest.raises(LimitError, match=r"13 groups, more than max_groups=12"):
        t.group_by("month", max_groups=12)
    with pytest.raises(LimitError, match=r"20 events in its groups, more than max_members=19"):
        t.group_by("month", max_members=19)
    assert (MAX_GROUPS, MAX_MEMBERS) == (100_000, 10_000_000)


def test_the_limit_is_reported_where_it_applies() -> None:
    t = events("0001-01-01/9999-12-31")
    with pytest.raises(LimitError) as info:
        t.group_by("week")
    assert str(info.value) == (
        "group_by('week'): 521,723 groups, more than max_groups=100,000 "
        "(pass a larger max_groups= to allow it)"
    )


@pytest.mark.parametrize("name", ["max_groups", "max_members"])
@pytest.mark.parametrize("value", [0, -1, 1.5, True, "10"])
def test_the_limits_are_positive_ints(name: str, value: object) -> None:
    with pytest.raises(ConstraintError, match=name):
        events("2017").group_by("year", **{name: value})  # type: ignore[arg-type]


def test_the_names_need_no_limit() -> None:
    t = events("0001-01-01/9999-12-31", copies=3)
    assert len(t.group_by("kind", max_groups=1, max_members=3)) == 1


# --------------------------------------------------------------------------------------
# Placements and headings: bounded by the events, whatever their span.


@pytest.mark.parametrize("key", TIME_KEYS)
def test_placements_of_one_event_over_ten_millennia(key: str) -> None:
    t = events("0001-01-01/9999-12-31", "2017-03-01")
    found = bounded(lambda: t.placements(key))  # type: ignore[arg-type]
    assert not isinstance(found, TimelineError)
    assert [p.event.id for p in found] == [e.id for e in t]
    wide, day = found
    assert len(wide.first) == 4
    assert wide.last is not None
    assert wide.first[0].first <= cal.to_rd(1, 1, 1) <= wide.first[0].last
    assert wide.last.first <= cal.to_rd(9999, 12, 31) <= wide.last.last
    assert len(day.first) == 1
    assert day.last is None
    assert day.first[0].first <= cal.to_rd(2017, 3, 1) <= day.first[0].last


def test_placements_of_many_wide_events() -> None:
    t = events("0001-01-01/9999-12-31", "0001/..", "[0001-01-01,9999-12-31]", copies=2_000)
    found = bounded(lambda: t.placements("week"))
    assert not isinstance(found, TimelineError)
    assert len(found) == 6_000
    assert {len(p.first) for p in found} == {2, 4}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tst.timelines(max_size=8, min_year=2016, max_year=2018), st.sampled_from(TIME_KEYS))
def test_placements_agree_with_group_by(t: Timeline, key: str) -> None:
    try:
        groups = t.group_by(key)  # type: ignore[arg-type]
    except ValueError:
        return  # a value relate() cannot read: both raise (checked in test_queries)
    under: dict[str, list[Extent]] = {}
    for label, group in groups.items():
        assert isinstance(label, Extent)
        for event in group.possible:
            under.setdefault(event.id, []).append(label)
    for placement in t.placements(key, head=3):  # type: ignore[arg-type]
        labels = under.get(placement.event.id, [])
        assert isinstance(placement, Placement)
        assert placement.first == tuple(labels[:3])
        assert placement.last == (labels[-1] if len(labels) > 3 else None)


def test_placements_check_their_arguments() -> None:
    t = events("2017")
    with pytest.raises(ConstraintError):
        t.placements("kind")  # type: ignore[arg-type]
    with pytest.raises(ConstraintError):
        t.placements("year", head=0)
    with pytest.raises(ConstraintError):
        t.placements("week", week_start=7)
    assert Timeline().placements("week") == ()


@pytest.mark.parametrize("key", TIME_KEYS)
def test_headings_of_one_event_over_ten_millennia(key: str) -> None:
    t = events("0001-01-01/9999-12-31", "2017-03-01")
    text = bounded(lambda: chronology(t, headings=key, width=100))
    md = bounded(lambda: markdown(t, headings=key))
    assert isinstance(text, str)
    assert isinstance(md, str)
    labels = [str(label) for label in t.placements(key)[0].first]  # type: ignore[arg-type]
    assert text.splitlines()[0] == labels[0]
    assert text.count("also in") == md.count("also in") == 1
    assert f"also in {labels[1]} … " in text


def test_week_headings_text() -> None:
    t = events("0001-01-01/9999-12-31", "2017-03-01")
    assert chronology(t, headings="week", width=100) == (
        "week of Jan 1, 1\n"
        "----------------\n"
        "Jan 1, 1 – Dec 31, 9999 — event 0 (statement)\n"
        "    also in week of Jan 8, 1 … week of Dec 27, 9999\n"
        "\n"
        "week of Feb 27, 2017\n"
        "--------------------\n"
        "Mar 1, 2017 — event 1 (statement)\n"
    )
    assert markdown(t, headings="week") == (
        "## week of Jan 1, 1\n"
        "\n"
        "- **Jan 1, 1 – Dec 31, 9999** — event 0 *(statement)*\n"
        "  - also in week of Jan 8, 1 … week of Dec 27, 9999\n"
        "\n"
        "## week of Feb 27, 2017\n"
        "\n"
        "- **Mar 1, 2017** — event 1 *(statement)*\n"
    )


# --------------------------------------------------------------------------------------
# The command line.


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def wide_file(tmp_path: Path) -> Path:
    path = tmp_path / "wide.yaml"
    timeline.dump(events("0001-01-01/9999-12-31"), path)
    return path


def test_cli_week_headings_of_ten_millennia(
    wide_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = bounded(
        lambda: run(capsys, "show", "--headings", "week", "--width", "80", str(wide_file))
    )
    assert (code, err) == (0, "")
    assert out == (
        "week of Jan 1, 1\n"
        "----------------\n"
        "Jan 1, 1 – Dec 31, 9999 — event 0 (statement)\n"
        "    also in week of Jan 8, 1 … week of Dec 27, 9999\n"
    )


@pytest.mark.parametrize("markdown_flag", [[], ["--markdown"]])
@pytest.mark.parametrize("key", TIME_KEYS)
def test_cli_headings_of_ten_millennia(
    wide_file: Path, capsys: pytest.CaptureFixture[str], key: str, markdown_flag: list[str]
) -> None:
    code, out, err = bounded(
        lambda: run(capsys, "show", *markdown_flag, "--headings", key, str(wide_file))
    )
    assert (code, err) == (0, "")
    assert out.count("also in") == 1


def test_cli_group_by_week_of_ten_millennia_is_one_line(
    wide_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = bounded(lambda: run(capsys, "query", "--group-by", "week", str(wide_file)))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith("timeline: group_by('week'): 521,723 groups, more than max_groups")
