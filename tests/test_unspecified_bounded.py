"""Unspecified digits cost what their digit patterns do, not what their days do.

Bounds, candidate units, day counts and relations of ``XXXX-XX-XX``,
``XXXX-12-XX`` and the like are computed per year pattern, month pattern and
day pattern. Exact answers are checked against brute force (every day of
the years a small pattern allows, matched as text); the hostile patterns of
the issue against loose time and memory bounds, safety nets only (the
figures are in benchmarks/bench_hostile.py).
"""

from __future__ import annotations

import gc
import re
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_relations_exact import allen_codes

import timeline
from timeline import Unspecified, parse, relate
from timeline import calendar as cal
from timeline.network import Network
from timeline.relations import Relation, Relations

R = Relation


# -- brute force -----------------------------------------------------------------------


def years_of(pattern: str) -> list[int]:
    negative = pattern.startswith("-")
    digits = pattern.lstrip("-")
    regex = re.compile(digits.replace("X", r"\d"))
    found = [y for y in range(10 ** len(digits)) if regex.fullmatch(f"{y:0{len(digits)}d}")]
    return sorted(-y for y in found) if negative else found


def brute_units(pattern: str) -> list[tuple[int, int]]:
    """Every unit the pattern allows, ``(first, last)`` inclusive, by matching each date."""
    parts = pattern.lstrip("-").split("-")
    year_pattern = ("-" if pattern.startswith("-") else "") + parts[0]
    text_pattern = re.compile("-".join(parts[1:]).replace("X", r"\d"))
    units: dict[tuple[int, ...], list[int]] = {}
    for year in years_of(year_pattern):
        first, last = cal.year_bounds(year)
        if len(parts) == 1:
            units[(year,)] = [first, last]
            continue
        for rd in range(first, last + 1):
            _, m, d = cal.from_rd(rd)
            text = f"{m:02d}" if len(parts) == 2 else f"{m:02d}-{d:02d}"
            if text_pattern.fullmatch(text):
                key = (year, m) if len(parts) == 2 else (rd,)
                units.setdefault(key, []).append(rd)
    return sorted((min(v), max(v)) for v in units.values())


def brute_runs(pattern: str) -> list[tuple[int, int]]:
    """The units, with adjacent candidate days merged into runs (for day patterns)."""
    units = brute_units(pattern)
    if pattern.lstrip("-").count("-") < 2:
        return units
    out: list[tuple[int, int]] = []
    for a, b in units:
        if out and out[-1][1] + 1 == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def brute_relations(a: str, b: str) -> Relations:
    xs = np.array([(f, la + 1) for f, la in brute_units(a)], dtype=np.int64)
    ys = np.array([(f, la + 1) for f, la in brute_units(b)], dtype=np.int64)
    return Relations.of(allen_codes(xs, ys))


YEARS = ("201X", "20X6", "199X", "1X99", "2016", "-001X", "000X")
MONTHS = ("XX", "12", "01", "X2", "0X", "1X", "02")
DAYS = ("XX", "31", "0X", "3X", "X9", "29", "01", "1X", "X1")


@st.composite
def patterns(draw: st.DrawFn) -> str:
    year = draw(st.sampled_from(YEARS))
    depth = draw(st.integers(0, 2))
    if depth == 0:
        return year
    month = draw(st.sampled_from(MONTHS))
    if depth == 1:
        return f"{year}-{month}"
    text = f"{year}-{month}-{draw(st.sampled_from(DAYS))}"
    assume(brute_units(text))
    return text


def value_of(pattern: str) -> Unspecified:
    return Unspecified(pattern)


# -- exact answers ---------------------------------------------------------------------


@settings(deadline=None)
@given(patterns())
def test_units_and_bounds_equal_brute_force(pattern: str) -> None:
    units = brute_units(pattern)
    value = value_of(pattern)
    assert value._options() == tuple(brute_runs(pattern))
    assert value.earliest_day == units[0][0]
    assert value.latest_day == units[-1][1]
    sizes = [b - a + 1 for a, b in units]
    assert value.days_covered() == timeline.DayCount(min(sizes), max(sizes))
    assert value.is_definite == (len(units) == 1)


@settings(deadline=None, max_examples=60)
@given(patterns(), patterns())
def test_relations_of_two_patterns_equal_brute_force(a: str, b: str) -> None:
    assume(len(brute_units(a)) * len(brute_units(b)) <= 2_000_000)
    expected = brute_relations(a, b)
    assert relate(value_of(a), value_of(b)) == expected
    assert relate(value_of(b), value_of(a)) == expected.converse()


@settings(deadline=None, max_examples=60)
@given(patterns(), st.integers(-4000, 8000), st.integers(0, 800))
def test_relations_to_a_span_equal_brute_force(pattern: str, first: int, length: int) -> None:
    base = cal.year_bounds(1990)[0]
    span = timeline.Period(
        timeline.Extent.from_rd(base + first), timeline.Extent.from_rd(base + first + length)
    )
    xs = np.array([(f, la + 1) for f, la in brute_units(pattern)], dtype=np.int64)
    ys = np.array([(base + first, base + first + length + 1)], dtype=np.int64)
    assert relate(value_of(pattern), span) == Relations.of(allen_codes(xs, ys))


@settings(deadline=None, max_examples=60)
@given(
    patterns(),
    st.integers(-2000, 6000),
    st.integers(0, 40),
    st.integers(0, 500),
    st.integers(0, 40),
    st.sampled_from(["vague", "open start", "open end"]),
)
def test_relations_to_a_vague_period_equal_brute_force(
    pattern: str, first: int, spread: int, gap: int, spread2: int, kind: str
) -> None:
    base = cal.year_bounds(1990)[0] + first
    day = timeline.Extent.from_rd

    def moment(lo: int, hi: int) -> timeline.TimeValue:
        return (
            timeline.on(day(lo)) if lo == hi else timeline.Moment(timeline.Period(day(lo), day(hi)))
        )

    c = base + spread + gap
    far = 10**9  # an open end: beyond every day of every pattern
    if kind == "vague":
        value = timeline.Period(moment(base, base + spread), moment(c, c + spread2))
        readings = [
            (s, e + 1) for s in range(base, base + spread + 1) for e in range(c, c + spread2 + 1)
        ]
    elif kind == "open start":
        value = timeline.Period(timeline.OPEN, moment(c, c + spread2))
        readings = [(-far, e + 1) for e in range(c, c + spread2 + 1)]
    else:
        value = timeline.Period(moment(base, base + spread), timeline.OPEN)
        readings = [(s, far) for s in range(base, base + spread + 1)]
    xs = np.array([(f, la + 1) for f, la in brute_units(pattern)], dtype=np.int64)
    ys = np.array(readings, dtype=np.int64)
    assume(len(xs) * len(ys) <= 2_000_000)
    expected = Relations.of(allen_codes(xs, ys))
    assert relate(value_of(pattern), value) == expected
    assert relate(value, value_of(pattern)) == expected.converse()


TABLE = [
    # pattern, earliest, latest, days covered
    ("XXXX-12-XX", "0000-12-01", "9999-12-31", (1, 1)),
    ("XXXX-XX-XX", "0000-01-01", "9999-12-31", (1, 1)),
    ("-XXXX-XX-XX", "-9999-01-01", "0000-12-31", (1, 1)),
    ("19XX-XX-1X", "1900-01-10", "1999-12-19", (1, 1)),
    ("XXXX-02-29", "0000-02-29", "9996-02-29", (1, 1)),
    ("XXXX-XX", "0000-01-01", "9999-12-31", (28, 31)),
    ("XXXX", "0000-01-01", "9999-12-31", (365, 366)),
    ("XXX1-02", "0001-02-01", "9991-02-28", (28, 28)),
]


def rd_of(text: str) -> int:
    negative = text.startswith("-")
    y, m, d = (int(p) for p in text.lstrip("-").split("-"))
    return cal.to_rd(-y if negative else y, m, d)


@pytest.mark.parametrize(("pattern", "earliest", "latest", "covered"), TABLE)
def test_bounds_of_the_hostile_patterns(
    pattern: str, earliest: str, latest: str, covered: tuple[int, int]
) -> None:
    value = parse(pattern)
    assert isinstance(value, Unspecified)
    assert value.earliest_day == rd_of(earliest)
    assert value.latest_day == rd_of(latest)
    assert value.days_covered() == timeline.DayCount(*covered)
    assert not value.is_definite


RELATIONS = [
    ("XXXX-12-XX", "2017-01-07", {R.BEFORE, R.AFTER}),
    ("XXXX-XX-XX", "2017-01-07", {R.BEFORE, R.MEETS, R.EQUALS, R.MET_BY, R.AFTER}),
    ("XXXX-12-XX", "XXXX-01-01", {R.BEFORE, R.MEETS, R.AFTER}),
    ("XXXX-12-XX", "XXXX", {R.BEFORE, R.FINISHES, R.DURING, R.MEETS, R.AFTER}),
    # A month starts, lies in or finishes its year, meets the next, is met by the last.
    ("XXXX-XX", "XXXX", {R.BEFORE, R.MEETS, R.STARTS, R.DURING, R.FINISHES, R.MET_BY, R.AFTER}),
    ("XXXX-02-29", "XXX1", {R.BEFORE, R.AFTER}),
    ("XXXX-02-29", "XXX0", {R.BEFORE, R.DURING, R.AFTER}),
    # -0000 is the year 0000: the two share its days.
    ("-XXXX-XX-XX", "XXXX-XX-XX", {R.BEFORE, R.MEETS, R.EQUALS, R.MET_BY, R.AFTER}),
    ("-XXXX-XX-XX", "0001-01-01", {R.BEFORE, R.MEETS}),
    ("[XXXX-XX-XX,-XXXX-XX-XX]", "2017-01-07", {R.BEFORE, R.MEETS, R.EQUALS, R.MET_BY, R.AFTER}),
    ("XXXX-12-3X", "2017", {R.BEFORE, R.DURING, R.FINISHES, R.MEETS, R.AFTER}),
]


@pytest.mark.parametrize(("a", "b", "expected"), RELATIONS)
def test_relations_of_the_hostile_patterns(a: str, b: str, expected: set[Relation]) -> None:
    assert relate(parse(a), parse(b)) == Relations.of(expected)
    assert relate(parse(b), parse(a)) == Relations.of(expected).converse()


# -- bounded work ----------------------------------------------------------------------

HOSTILE = ["XXXX-12-XX", "XXXX-XX-XX", "[XXXX-XX-XX,-XXXX-XX-XX]", "19XX-XX-1X", "XXXX", "XXXX-XX"]


def cold() -> None:
    """Forget what earlier work cached (shapes of equal values), so each run starts cold."""
    from timeline import relations

    relations._cached_shapes.cache_clear()
    relations._template_bits.cache_clear()
    relations._year_kinds.cache_clear()
    gc.collect()


def seconds_and_peak(fn: Callable[[], object]) -> tuple[float, int]:
    """Seconds ``fn`` takes, and (in a second cold run, traced) its peak bytes."""
    cold()
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    cold()
    tracemalloc.start()
    try:
        fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_value_is_bounded(text: str) -> None:
    def work() -> object:
        # parse afresh: nothing computed for an equal value before may be reused
        value = parse(text)
        other = parse(text + "?") if not text.startswith("[") else parse("XXXX-12-XX?")
        return (
            value.earliest_day,
            value.latest_day,
            value.days_covered(),
            relate(value, parse("2017-01-07")),
            relate(value, other),
            relate(value, parse("2014/..")),
        )

    seconds, peak = seconds_and_peak(work)
    assert seconds < 1.0  # safety net: each took 0.6–15 s before, milliseconds now
    assert peak < 100 * 2**20


def test_a_network_of_300_hostile_values_closes() -> None:
    texts = [
        "XXXX-XX-XX",
        "XXXX-12-XX",
        "-XXXX-XX-XX",
        "19XX-XX-1X",
        "XXXX",
        "XXXX-XX",
        "XXXX-XX-X1",
        "XXXX-02-29",
        *(f"XXXX-{m:02d}-XX" for m in range(1, 13)),
        *(f"1{d}XX-XX-XX" for d in range(10)),
    ]
    values = {}
    for i in range(300):
        qualifier = ("", "?", "~", "%")[i // len(texts) % 4]
        values[f"v{i}"] = parse(texts[i % len(texts)] + qualifier)

    cold()
    start = time.perf_counter()
    network = Network.from_values(values)
    assert time.perf_counter() - start < 20.0  # safety net: it did not finish in 90 s before
    assert network.relations("v0", "v1") == relate(values["v0"], values["v1"])


def test_too_many_units_to_list_is_refused_naming_the_limit() -> None:
    value = parse("XXXX-XX-X1")  # about 370,000 runs of days: bounds need none of them
    assert value.earliest_day == rd_of("0000-01-01")
    assert value.days_covered() == timeline.DayCount(1, 1)
    # Against another pattern it compares by digits; against a period it would list them.
    assert relate(value, parse("XXXX-12-XX")) == Relations.of(
        R.BEFORE, R.MEETS, R.EQUALS, R.MET_BY, R.AFTER
    )
    start = time.perf_counter()
    with pytest.raises(timeline.TimelineError, match="limit of 150,000"):
        relate(value, parse("2017-01-05/2017-01-09"))
    assert time.perf_counter() - start < 1.0


def test_a_period_between_hostile_days_is_refused_naming_the_limit() -> None:
    value = parse("XXXX-12-XX/XXXX-12-XX")
    assert value.earliest_day == rd_of("0000-12-01")
    with pytest.raises(timeline.TimelineError, match="limit of 200,000"):
        relate(value, parse("2017-01-07"))
