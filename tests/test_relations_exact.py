"""relate() against brute force, for every shape of value, EDTF sets with ranges included.

The oracle here knows nothing of timeline.relations: it lists every concrete
run of days ``[start, end)`` a value allows, straight from the definitions,
and takes Allen's relation of every concrete pair with its own small
function. Values are drawn over a few weeks of January and February 2017 so
that listing is cheap. An open side cannot be listed to infinity: free days
run over a margin around the window wide enough for every order of four
endpoints beyond it, and an open end (``..``, an all-of set's open range)
is one fixed day further out still.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import timeline
from timeline import OPEN, UNKNOWN, AllOf, Extent, Moment, OneOf, Period, Range, parse
from timeline.errors import ConstraintError
from timeline.relations import Relation, Relations, relate

R = Relation
BASE = Extent.day(2017, 1, 1).first
WINDOW = 20  # days drawn: Jan 1 .. Jan 20, 2017
MARGIN = 6  # free days run this far beyond every finite day of the pair
FAR_BEFORE, FAR_AFTER = -10_000, 10_000  # the fixed day of an open end

Concrete = tuple[int, int]  # [start, end) in days after BASE


# -- the oracle ------------------------------------------------------------------------


def allen_codes(a: np.ndarray, b: np.ndarray) -> set[Relation]:
    """Allen's relation of every pair of half-open intervals, from the definitions."""
    s1, e1 = a[:, 0][:, None], a[:, 1][:, None]
    s2, e2 = b[:, 0][None, :], b[:, 1][None, :]
    table = {
        R.BEFORE: e1 < s2,
        R.MEETS: e1 == s2,
        R.OVERLAPS: (s1 < s2) & (s2 < e1) & (e1 < e2),
        R.STARTS: (s1 == s2) & (e1 < e2),
        R.DURING: (s2 < s1) & (e1 < e2),
        R.FINISHES: (s2 < s1) & (e1 == e2),
        R.EQUALS: (s1 == s2) & (e1 == e2),
        R.FINISHED_BY: (s1 < s2) & (e1 == e2),
        R.CONTAINS: (s1 < s2) & (e2 < e1),
        R.STARTED_BY: (s1 == s2) & (e2 < e1),
        R.OVERLAPPED_BY: (s2 < s1) & (s1 < e2) & (e2 < e1),
        R.MET_BY: s1 == e2,
        R.AFTER: e2 < s1,
    }
    count = sum(m.astype(np.int8) for m in table.values())
    assert (count == 1).all()  # exactly one relation per concrete pair
    return {r for r, m in table.items() if m.any()}


# Where free days (of an open range, an unknown end) run: set by oracle() for each pair.
LIMITS = [-MARGIN, WINDOW + MARGIN]


def finite_days(value: object) -> set[int]:
    """Every day number written in ``value`` (ends of units, of ranges, of patterns)."""
    if isinstance(value, Extent):
        return {value.first - BASE, value.last + 1 - BASE}
    if isinstance(value, timeline.Unspecified):
        return {d for run in pattern_days(value.pattern) for d in run}
    if isinstance(value, Moment):
        return finite_days(value.within)
    if isinstance(value, OneOf | AllOf):
        return set().union(*(finite_days(item) for item in value.items))
    if isinstance(value, Range | Period):
        ends = (value.low, value.high) if isinstance(value, Range) else (value.start, value.end)
        return set().union(*(finite_days(e) for e in ends))
    return set()


def days_of(value: timeline.TimeValue) -> set[int]:
    """Every day some concrete reading of ``value`` covers."""
    low, high = LIMITS
    return {d for s, e in concretes(value) for d in range(max(s, low), min(e, high))}


def pattern_days(pattern: str) -> list[Concrete]:
    """The units of a 2017 pattern with X digits, by matching every date of 2017."""
    regex = re.compile(pattern.replace("X", r"\d"))
    out = []
    first = BASE
    for offset in range(365):
        y, m, d = timeline.calendar.from_rd(first + offset)
        text = f"{y:04d}-{m:02d}-{d:02d}" if pattern.count("-") == 2 else f"{y:04d}-{m:02d}"
        if regex.fullmatch(text):
            out.append(offset)
    if pattern.count("-") == 2:
        return [(d, d + 1) for d in out]
    months: dict[str, list[int]] = {}
    for offset in out:
        y, m, _ = timeline.calendar.from_rd(first + offset)
        months.setdefault(f"{m}", []).append(offset)
    return [(min(v), max(v) + 1) for v in months.values()]


def range_units(r: Range) -> list[Concrete]:
    """A range inside a one-of set: one of its units (days or months here)."""
    unit = r.low if r.low is not None else r.high
    assert unit is not None
    if unit.unit is timeline.Precision.DAY:
        lo = LIMITS[0] if r.low is None else r.low.first - BASE
        hi = LIMITS[1] - 1 if r.high is None else r.high.last - BASE
        return [(d, d + 1) for d in range(lo, hi + 1)]
    assert r.low is not None
    assert r.high is not None
    out = []
    month = r.low
    while month.first <= r.high.first:
        out.append((month.first - BASE, month.last + 1 - BASE))
        month = Extent.from_rd(month.last + 1)
        month = Extent.month(*timeline.calendar.from_rd(month.first)[:2])
    return out


def concretes(value: timeline.TimeValue) -> set[Concrete]:
    """Every concrete run ``[start, end)`` ``value`` can stand for, by definition."""
    if isinstance(value, Extent):
        return {(value.first - BASE, value.last + 1 - BASE)}
    if isinstance(value, timeline.Unspecified):
        return set(pattern_days(value.pattern))
    if isinstance(value, Moment):
        return {(d, d + 1) for d in days_of(value.within)}
    if isinstance(value, OneOf):
        out: set[Concrete] = set()
        for item in value.items:
            out |= set(range_units(item)) if isinstance(item, Range) else concretes(item)
        return out
    if isinstance(value, AllOf):
        # Every member holds: the run from the earliest start to the latest end.
        acc: set[Concrete] | None = None
        for item in value.items:
            if isinstance(item, Range):
                lo = FAR_BEFORE if item.low is None else item.low.first - BASE
                hi = FAR_AFTER if item.high is None else item.high.last + 1 - BASE
                options = {(lo, hi)}
            else:
                options = concretes(item)
            if acc is None:
                acc = options
            else:
                acc = {(min(s, t), max(e, f)) for s, e in acc for t, f in options}
        assert acc is not None
        return acc
    if isinstance(value, Period):
        if value.start is OPEN:
            starts = {FAR_BEFORE}
        elif value.start is UNKNOWN:
            starts = set(range(LIMITS[0], LIMITS[1]))
        else:
            assert isinstance(value.start, timeline.TimeValue)
            starts = {s for s, _ in concretes(value.start)}
        if value.end is OPEN:
            ends = {FAR_AFTER}
        elif value.end is UNKNOWN:
            ends = set(range(LIMITS[0] + 1, LIMITS[1] + 1))
        else:
            assert isinstance(value.end, timeline.TimeValue)
            ends = {e for _, e in concretes(value.end)}
        return {(s, e) for s in starts for e in ends if s < e}
    raise AssertionError(value)


def oracle(a: timeline.TimeValue, b: timeline.TimeValue) -> Relations:
    written = finite_days(a) | finite_days(b)
    LIMITS[:] = [min(written) - MARGIN, max(written) + MARGIN]
    xs = np.array(sorted(concretes(a)), dtype=np.int64)
    ys = np.array(sorted(concretes(b)), dtype=np.int64)
    return Relations.of(allen_codes(xs, ys))


# -- values of every shape over the window ---------------------------------------------


def day(n: int) -> Extent:
    return Extent.from_rd(BASE + n)


days = st.integers(0, WINDOW - 1)
DAY_PATTERNS = ("2017-01-0X", "2017-01-1X", "2017-01-X5", "2017-01-X1")
# Month patterns reach far beyond the window; they are drawn with few other shapes.
MONTH_PATTERNS = ("2017-0X", "2017-X2")


@st.composite
def spans(draw: st.DrawFn) -> tuple[int, int]:
    a = draw(days)
    return a, min(WINDOW - 1, a + draw(st.integers(0, 6)))


@st.composite
def definite(draw: st.DrawFn) -> timeline.TimeValue:
    a, b = draw(spans())
    kind = draw(st.sampled_from(["day", "period", "month"]))
    if kind == "month":
        return Extent.month(2017, draw(st.integers(1, 2)))
    return day(a) if kind == "day" or a == b else Period(day(a), day(b))


@st.composite
def moments(draw: st.DrawFn) -> timeline.TimeValue:
    a, b = draw(spans())
    return Moment(Period(day(a), day(b))) if a != b else timeline.on(day(a))


@st.composite
def day_ranges(draw: st.DrawFn) -> Range:
    a, b = draw(spans())
    shape = draw(st.sampled_from(["closed", "from", "until"]))
    if shape == "from":
        return Range(day(a), None)
    if shape == "until":
        return Range(None, day(b))
    return Range(day(a), day(b))


# In a one-of set a range of months is one of its months (listed when closed); in an
# all-of set, every day of them.
closed_month_ranges = st.just(Range(Extent.month(2017, 1), Extent.month(2017, 2)))
month_ranges = st.sampled_from(
    [Range(Extent.month(2017, 1), Extent.month(2017, 2)), Range(None, Extent.month(2017, 1))]
)
unspecified = st.sampled_from(DAY_PATTERNS).map(timeline.Unspecified)
month_unspecified = st.sampled_from(MONTH_PATTERNS).map(timeline.Unspecified)
day_unspecified = st.sampled_from(DAY_PATTERNS).map(timeline.Unspecified)


@st.composite
def one_ofs(draw: st.DrawFn) -> OneOf:
    items = draw(
        st.lists(
            st.one_of(definite(), day_ranges(), moments(), day_unspecified, closed_month_ranges),
            min_size=1,
            max_size=3,
        )
    )
    # An open range of months has no end to list; the oracle lists closed ones only.
    assume(
        not any(
            isinstance(i, Range)
            and i.high is None
            and i.low is not None
            and i.low.unit is not timeline.Precision.DAY
            for i in items
        )
    )
    return OneOf(tuple(items))


@st.composite
def all_ofs(draw: st.DrawFn) -> AllOf:
    items = draw(
        st.lists(
            st.one_of(definite(), day_ranges(), moments(), day_unspecified, month_ranges),
            min_size=1,
            max_size=3,
        )
    )
    return AllOf(tuple(items))


@st.composite
def period_ends(draw: st.DrawFn) -> timeline.TimeValue | timeline.End:
    kind = draw(st.sampled_from(["day", "moment", "unspecified", "oneof", "open", "unknown"]))
    if kind == "day":
        return day(draw(days))
    if kind == "moment":
        return draw(moments())
    if kind == "unspecified":
        return draw(day_unspecified)
    if kind == "oneof":
        return OneOf(
            tuple(draw(st.lists(st.one_of(day_ranges(), days.map(day)), min_size=1, max_size=2)))
        )
    return OPEN if kind == "open" else UNKNOWN


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start, end = draw(period_ends()), draw(period_ends())
    try:
        return Period(start, end)
    except ConstraintError:
        assume(False)
        raise


values = st.one_of(definite(), moments(), unspecified, periods(), one_ofs(), all_ofs())


# -- the properties --------------------------------------------------------------------


@settings(deadline=None)
@given(values, values)
def test_relate_equals_brute_force_for_every_shape(
    a: timeline.TimeValue, b: timeline.TimeValue
) -> None:
    assert relate(a, b) == oracle(a, b), (a.edtf, b.edtf)
    assert relate(b, a) == relate(a, b).converse()


@settings(deadline=None)
@given(st.one_of(one_ofs(), all_ofs()), values)
def test_sets_with_ranges_equal_brute_force(a: timeline.TimeValue, b: timeline.TimeValue) -> None:
    assert relate(a, b) == oracle(a, b), (a.edtf, b.edtf)


@settings(deadline=None)
@given(month_unspecified, st.one_of(definite(), moments(), unspecified, one_ofs()))
def test_month_patterns_equal_brute_force(a: timeline.TimeValue, b: timeline.TimeValue) -> None:
    assert relate(a, b) == oracle(a, b), (a.edtf, b.edtf)
    assert relate(b, a) == oracle(b, a), (b.edtf, a.edtf)


@settings(deadline=None)
@given(st.lists(st.one_of(day_ranges(), moments(), definite(), periods()), min_size=1, max_size=3))
def test_a_one_of_set_is_the_union_of_its_members(items: list[timeline.TimeValue]) -> None:
    other = Period(day(5), day(12))
    # A range in a one-of set is a member like any other: one of its days.
    expected = Relations.NONE
    for item in items:
        expected |= relate(OneOf((item,)), other)
    assert relate(OneOf(tuple(items)), other) == expected


# -- the examples ---------------------------------------------------------------

EXAMPLES = [
    # A range in a one-of set is one of its days.
    ("[2017-01-05..2017-01-08]", "2017-01-07", {R.BEFORE, R.MEETS, R.EQUALS, R.MET_BY}),
    ("[..2017-01-08]", "2017-01-07", {R.BEFORE, R.MEETS, R.EQUALS, R.MET_BY}),
    ("[2017-01-07..]", "2017-01-07", {R.EQUALS, R.MET_BY, R.AFTER}),
    # An all-of set is every one of its days: the span from the first to the last.
    ("{2017-01-02..2017-01-08}", "2017-01-02/2017-01-08", {R.EQUALS}),
    ("{2017-01-02,2017-01-05..2017-01-08}", "2017-01-02/2017-01-08", {R.EQUALS}),
    ("{..2017-01-20}", "2017-01-06", {R.CONTAINS}),
    ("{..2017-01-20}", "../2017-01-06", {R.STARTED_BY}),
    ("{..2017-01-20}", "../2017-01-20", {R.EQUALS}),
    ("{2017-01-10..}", "2017-01-10/..", {R.EQUALS}),
    ("{..2017-01-20}", "../2017-01-XX", {R.STARTS, R.EQUALS, R.STARTED_BY}),
    # Members chosen independently: the span runs from the earlier to the later one.
    ("{2017-01-0X,2017-01-05}", "2017-01-05", {R.FINISHED_BY, R.EQUALS, R.STARTED_BY}),
]


@pytest.mark.parametrize(("a", "b", "expected"), EXAMPLES)
def test_examples(a: str, b: str, expected: set[Relation]) -> None:
    assert relate(parse(a), parse(b)) == Relations.of(expected)
    assert relate(parse(b), parse(a)) == Relations.of(expected).converse()


def test_all_of_days_far_apart_is_not_any_run_between() -> None:
    # {a day of Jan 1-10, Jan 5}: the span is fixed by both days, never Jan 1-10 whole.
    value = AllOf((timeline.Unspecified("2017-01-0X"), day(4)))
    assert relate(value, Period(day(0), day(9))) == oracle(value, Period(day(0), day(9)))
    assert relate(value, Period(day(0), day(9))) == Relations.of(R.STARTS, R.DURING)


def test_every_shape_is_drawn() -> None:
    from hypothesis import find

    for kind in (OneOf, AllOf, Period, Moment, timeline.Unspecified, Extent):
        find(values, lambda v, k=kind: isinstance(v, k))
    find(
        values,
        lambda v: (
            isinstance(v, OneOf)
            and any(isinstance(i, Range) and None in (i.low, i.high) for i in v.items)
        ),
    )
    find(
        values,
        lambda v: (
            isinstance(v, AllOf) and any(isinstance(i, Range) and i.low is None for i in v.items)
        ),
    )


def test_oracle_enumerates_by_definition() -> None:
    # Self-checks of the oracle on values whose readings are plain to see.
    assert concretes(parse("[2017-01-02..2017-01-04]")) == {(1, 2), (2, 3), (3, 4)}
    assert concretes(parse("{2017-01-02..2017-01-04}")) == {(1, 4)}
    assert concretes(parse("2017-01-1X")) == {(d, d + 1) for d in range(9, 19)}
    assert len(concretes(parse("2017-0X"))) == 9
    assert all(s < e for s, e in itertools.chain(concretes(parse("2017-01-XX/")), [(0, 1)]))
