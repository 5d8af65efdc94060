"""Queries on timelines: filters, time queries, grouping, clusters, gaps, and the index.

Every time query is checked against a brute-force scan with ``relate``: an
event *possibly* passes when some relation of ``relate(event.when, x)`` is in
the test's set, *certainly* when there is at least one and all are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pytest
from backings import BACKINGS, held
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Extent, Relation, Relations, parse, relate
from timeline import strategies as tst
from timeline.calendar import SUNDAY, FiscalCalendar
from timeline.collection import Group, Timeline, named_days
from timeline.errors import ConstraintError, UnknownEventError
from timeline.events import (
    Citation,
    Event,
    ExecutiveOrder,
    FiscalYearReport,
    Operation,
    PressRelease,
    RelationClaim,
    Source,
    Statement,
)
from timeline.index import NO_END, NO_START, Index, Spans
from timeline.when import Period, TimeValue

P = parse

OVERLAP = Relations.ALL - Relations.of(
    Relation.BEFORE, Relation.MEETS, Relation.MET_BY, Relation.AFTER
)
TESTS: dict[str, Relations] = {
    "overlapping": OVERLAP,
    "within": Relations.of(Relation.STARTS, Relation.DURING, Relation.FINISHES, Relation.EQUALS),
    "containing": Relations.of(
        Relation.STARTED_BY, Relation.CONTAINS, Relation.FINISHED_BY, Relation.EQUALS
    ),
    "before": Relations.of(Relation.BEFORE, Relation.MEETS),
    "after": Relations.of(Relation.AFTER, Relation.MET_BY),
}
TIME_KEYS = ("year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter")

# Small years keep brute force quick and make events meet each other often.
FIRST_YEAR, LAST_YEAR = 2016, 2018
# Explicit example counts keep the file quick under every profile (about 15 s); a run with
# thousands of examples each passed while these were written.
PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ids(t: Iterable[Event]) -> list[str]:
    return [e.id for e in t]


def passes(rel: Relations, wanted: Relations, *, certain: bool) -> bool:
    if certain:
        return bool(rel) and rel <= wanted
    return bool(rel & wanted)


def brute(t: Timeline, x: object, wanted: Relations, *, certain: bool) -> list[str]:
    return [e.id for e in t if passes(relate(e.when, x), wanted, certain=certain)]


def relatable(t: Timeline, *others: object) -> bool:
    """relate() answers for every event against ``others``; it must never raise."""
    for e in t:
        for x in others:
            relate(e.when, x)
    return True


WHOLE_ERA = Period(Extent.year(1), Extent.year(9999))


def sane(value: TimeValue) -> bool:
    """Whether relate() finds a relation between ``value`` and a definite span holding it.

    A few values (an open start with a vague end, ``../2017-01-XX``) get no
    relation at all from relate(); they pass no test and belong to no group.
    """
    try:
        return bool(relate(value, WHOLE_ERA))
    except ValueError:
        return False


# --------------------------------------------------------------------------------------
# The seed examples.

WAPO = Source("washington-post-2017-09-28", outlet="The Washington Post")


def seed_timeline() -> Timeline:
    """The examples of the seed articles, by hand."""
    operation = Operation(
        id="safe-city",
        title="Operation Safe City",
        when=P("2017-09-24/2017-09-27"),
        places=("New York", "Los Angeles"),
        tags=("sanctuary",),
        actors=("ICE",),
        sources=(Citation(WAPO, "Operation Safe City"),),
    )
    order = ExecutiveOrder(
        id="executive-order",
        title="Executive order on sanctuary jurisdictions",
        when=timeline.on(P("2017-01")),
        tags=("sanctuary",),
        actors=("Trump",),
    )
    since = Statement(
        id="since-2014",
        title="Policy in place since 2014",
        when=P("2014/.."),
        places=("New York",),
    )
    report = FiscalYearReport(
        id="fy2018-report",
        title="ICE FY2018 report",
        when=P("FY2018"),
        fiscal_year=P("FY2018"),
        actors=("ICE",),
    )
    release = PressRelease(
        id="press-release",
        title="Press release on the operation",
        when=P("on(2017-09-28/2017-10-01)"),
        actors=("ICE",),
    )
    claim = RelationClaim(
        "press-release",
        Relations.of(Relation.AFTER),
        "safe-city",
        Citation(WAPO, "Federal officials said Thursday"),
    )
    return Timeline([report, operation, order, since, release], title="Seeds", relations=[claim])


def test_seed_order_and_lookup() -> None:
    t = seed_timeline()
    assert ids(t) == [
        "since-2014",
        "executive-order",
        "safe-city",
        "press-release",
        "fy2018-report",
    ]
    assert t.first() == t["since-2014"]
    assert t.last() == t["fy2018-report"]
    assert Timeline().first() is None
    assert Timeline().last() is None


def test_seed_fiscal_year_2017_possible_and_certain() -> None:
    t = seed_timeline()
    # Which events possibly overlap FY2017, and which certainly fall inside it.
    assert ids(t.overlapping("FY2017")) == [
        "since-2014",
        "executive-order",
        "safe-city",
        "press-release",
    ]
    assert ids(t.overlapping("FY2017", certain=True)) == [
        "since-2014",
        "executive-order",
        "safe-city",
    ]
    assert ids(t.within("FY2017")) == ["executive-order", "safe-city", "press-release"]
    assert ids(t.within("FY2017", certain=True)) == ["executive-order", "safe-city"]
    assert ids(t.containing("FY2017", certain=True)) == ["since-2014"]
    assert ids(t.containing("2017-09-25")) == ["since-2014", "safe-city"]


def test_seed_before_after_at_between() -> None:
    t = seed_timeline()
    op = t["safe-city"]
    assert ids(t.before(op, certain=True)) == ["executive-order"]
    # The release is some day Sep 28 – Oct 1: after the operation (Sep 24–27) whatever the day.
    assert ids(t.after(op, certain=True)) == ["press-release", "fy2018-report"]
    assert ids(t.after("2017-09-28")) == ["press-release", "fy2018-report"]
    assert ids(t.after("2017-09-28", certain=True)) == ["fy2018-report"]
    assert ids(t.at("2017-09-26", certain=True)) == ["since-2014", "safe-city"]
    assert ids(t.at("2017-09-30")) == ["since-2014", "press-release"]
    assert ids(t.at("2017-09-30", certain=True)) == ["since-2014"]
    assert ids(t.at(timeline.calendar.to_rd(2017, 9, 30))) == ["since-2014", "press-release"]
    assert ids(t.between("2017-01", "2017-09")) == ["executive-order", "safe-city", "press-release"]
    assert ids(t.between("2017-01", "2017-09", certain=True)) == ["executive-order", "safe-city"]
    assert ids(t.between("2017-09-24", "FY2018", certain=True)) == [
        "safe-city",
        "press-release",
        "fy2018-report",
    ]
    with pytest.raises(ConstraintError):
        t.at("2017-09")
    with pytest.raises(ConstraintError):
        t.between("2018", "2017")


def test_seed_nearest() -> None:
    t = seed_timeline()
    assert ids(t.nearest("2017-09-28")) == ["since-2014", "press-release"]
    plain = t.where(lambda e: e.id != "since-2014")
    assert ids(plain.nearest("2017-06-15")) == ["safe-city"]
    assert ids(plain.nearest("2013")) == ["executive-order"]
    assert ids(plain.nearest("2030")) == ["fy2018-report"]
    assert ids(Timeline().nearest("2017")) == []


def test_seed_group_by_fiscal_year() -> None:
    t = seed_timeline()
    groups = t.group_by("fiscal-year")
    assert [str(label) for label in groups] == ["FY2014", "FY2015", "FY2016", "FY2017", "FY2018"]
    fy17 = groups[Extent.fiscal_year(2017)]
    assert isinstance(fy17, Group)
    assert ids(fy17.certain) == ["executive-order", "safe-city"]
    assert ids(fy17.possible) == ["since-2014", "executive-order", "safe-city", "press-release"]
    assert ids(fy17.uncertain) == ["since-2014", "press-release"]
    fy18 = groups[Extent.fiscal_year(2018)]
    assert ids(fy18.certain) == ["fy2018-report"]
    assert ids(fy18.possible) == ["since-2014", "press-release", "fy2018-report"]
    # "Since 2014" is capped by the timeline's last named day (Sep 30, 2018).
    assert ids(groups[Extent.fiscal_year(2014)].possible) == ["since-2014"]
    assert Extent.fiscal_year(2019) not in groups


def test_seed_group_by_names() -> None:
    t = seed_timeline()
    kinds = t.group_by("kind")
    assert list(kinds) == [
        "executive-order",
        "fiscal-year-report",
        "operation",
        "press-release",
        "statement",
    ]
    assert kinds["operation"].certain == kinds["operation"].possible
    places = t.group_by("place")
    assert list(places) == ["Los Angeles", "New York", ""]
    assert ids(places["New York"].possible) == ["since-2014", "safe-city"]
    assert ids(places[""].possible) == ["executive-order", "press-release", "fy2018-report"]
    weeks = t.group_by("week", week_start=SUNDAY)
    # Sunday Sep 24 to Saturday Sep 30, 2017 holds the whole operation.
    week = Extent.week_containing(timeline.calendar.to_rd(2017, 9, 25), SUNDAY)
    assert week.first == timeline.calendar.to_rd(2017, 9, 24)
    assert ids(weeks[week].certain) == ["safe-city"]
    assert ids(weeks[week].possible) == ["since-2014", "safe-city", "press-release"]
    with pytest.raises(ConstraintError):
        t.group_by("decade")  # type: ignore[arg-type]
    with pytest.raises(ConstraintError):
        t.group_by("week", week_start=7)


def test_seed_filters() -> None:
    t = seed_timeline()
    assert ids(t.of_kind("operation")) == ["safe-city"]
    assert ids(t.of_kind(Statement)) == ["since-2014", "press-release"]
    assert ids(t.of_kind("statement", "fiscal-year-report")) == [
        "since-2014",
        "press-release",
        "fy2018-report",
    ]
    assert ids(t.of_kind()) == []
    with pytest.raises(ConstraintError, match="unknown event kind"):
        t.of_kind("hearing")
    assert ids(t.tagged("sanctuary")) == ["executive-order", "safe-city"]
    assert ids(t.at_place("Los Angeles", "Chicago")) == ["safe-city"]
    assert ids(t.involving("ICE")) == ["safe-city", "press-release", "fy2018-report"]
    assert ids(t.citing(WAPO.id)) == ["safe-city"]
    assert ids(t.where(lambda e: "report" in e.title)) == ["fy2018-report"]
    # Filters and queries chain, and keep the order.
    assert ids(t.involving("ICE").overlapping("FY2017", certain=True)) == ["safe-city"]


def test_seed_relations_network_clusters_gaps() -> None:
    t = seed_timeline()
    assert t.relate("executive-order", "safe-city") == Relations.of(Relation.BEFORE)
    matrix = t.relation_matrix()
    assert matrix.labels == tuple(ids(t))
    assert matrix["safe-city", "press-release"] == relate(t["safe-city"], t["press-release"])
    assert matrix["safe-city", "safe-city"] == Relations.of(Relation.EQUALS)
    with pytest.raises(UnknownEventError):
        matrix["safe-city", "nope"]
    pairs = list(matrix.pairs())
    assert len(pairs) == 10
    network = t.network()
    assert network.relations("press-release", "safe-city") == Relations.of(Relation.AFTER)
    # Everything overlaps "since 2014"; without it, only the operation and the release
    # form no cluster (the release comes after), and FY2018 holds the release possibly.
    assert [ids(c) for c in t.concurrent()] == [ids(t)]
    plain = t.where(lambda e: e.id != "since-2014")
    assert [ids(c) for c in plain.concurrent()] == [["press-release", "fy2018-report"]]
    assert plain.concurrent(certain=True) == []
    gaps = plain.gaps()
    assert [str(g) for g in gaps] == ["Feb 1 – Sep 23, 2017"]


def test_views_are_timelines() -> None:
    t = seed_timeline()
    view = t.overlapping("FY2017", certain=True)
    assert view._events is None  # nothing materialised until iterated
    assert len(view) == 3
    assert "safe-city" in view
    assert "fy2018-report" not in view
    assert t["fy2018-report"] not in view
    assert view.get("fy2018-report") is None
    with pytest.raises(UnknownEventError):
        view["fy2018-report"]
    assert view.title == t.title
    assert view.sources == t.sources
    rebuilt = Timeline(view.events, sources=list(t.sources.values()), title=t.title)
    assert rebuilt == view
    assert hash(rebuilt) == hash(view)
    # Claims follow their events.
    both = t.where(lambda e: e.id in {"safe-city", "press-release"})
    assert len(both.relations) == 1
    assert t.where(lambda e: e.id == "safe-city").relations == ()
    # A query matching everything returns the timeline itself.
    assert t.overlapping("2000/2030") is t


def test_events_yaml() -> None:
    from timeline.io import load

    t = load(Path(__file__).resolve().parents[1] / "events.yaml")
    fy2017 = P("FY2017")
    for name, query in QUERIES.items():
        for certain in (False, True):
            assert ids(query(t, fy2017, certain=certain)) == brute(
                t, fy2017, TESTS[name], certain=certain
            )
    assert set(ids(t.within(fy2017, certain=True))) <= set(ids(t.overlapping(fy2017)))
    groups = t.group_by("fiscal-year")
    for event in t:
        if sane(event.when):
            assert any(event in g.possible for g in groups.values())


# --------------------------------------------------------------------------------------
# Properties: every query agrees with a brute-force scan with relate().

QUERIES: dict[str, Callable[..., Timeline]] = {
    "overlapping": Timeline.overlapping,
    "within": Timeline.within,
    "containing": Timeline.containing,
    "before": Timeline.before,
    "after": Timeline.after,
}


@pytest.mark.parametrize("backing", BACKINGS)
@PROPERTY
@given(
    tst.timelines(max_size=10, min_year=FIRST_YEAR, max_year=LAST_YEAR),
    st.one_of(
        tst.time_values(min_year=FIRST_YEAR, max_year=LAST_YEAR),
        tst.days(min_year=FIRST_YEAR, max_year=LAST_YEAR),
    ),
    st.sampled_from(sorted(QUERIES)),
)
def test_queries_agree_with_relate(backing: str, t: Timeline, x: TimeValue, name: str) -> None:
    t = held(t, backing)
    assume(relatable(t, x))
    query = QUERIES[name]
    possible = ids(query(t, x))
    certain = ids(query(t, x, certain=True))
    assert possible == brute(t, x, TESTS[name], certain=False)
    assert certain == brute(t, x, TESTS[name], certain=True)
    assert set(certain) <= set(possible)


@pytest.mark.parametrize("backing", BACKINGS)
@PROPERTY
@given(
    tst.timelines(max_size=10, min_year=FIRST_YEAR, max_year=LAST_YEAR),
    tst.day_numbers(min_year=FIRST_YEAR, max_year=LAST_YEAR),
    st.booleans(),
)
def test_at_agrees_with_relate(backing: str, t: Timeline, day: int, certain: bool) -> None:
    t = held(t, backing)
    x = Extent.from_rd(day)
    assume(relatable(t, x))
    assert ids(t.at(day, certain=certain)) == brute(t, x, OVERLAP, certain=certain)


@pytest.mark.parametrize("backing", BACKINGS)
@PROPERTY
@given(
    tst.timelines(max_size=10, min_year=FIRST_YEAR, max_year=LAST_YEAR),
    st.one_of(
        tst.time_values(min_year=FIRST_YEAR, max_year=LAST_YEAR),
        tst.days(min_year=FIRST_YEAR, max_year=LAST_YEAR),
    ),
    st.sampled_from(sorted(QUERIES)),
    st.data(),
)
def test_queries_on_views_agree_with_relate(
    backing: str,
    t: Timeline,
    x: TimeValue,
    name: str,
    data: st.DataObject,
) -> None:
    t = held(t, backing)
    assume(relatable(t, x))
    keep = data.draw(st.sets(st.sampled_from(ids(t)))) if len(t) else set()
    view = t.where(lambda e: e.id in keep)
    for certain in (False, True):
        assert ids(QUERIES[name](view, x, certain=certain)) == brute(
            view, x, TESTS[name], certain=certain
        )


def hull(value: TimeValue) -> tuple[float, float]:
    lo, hi = value.earliest_day, value.latest_day
    return (-float("inf") if lo is None else lo, float("inf") if hi is None else hi)


@pytest.mark.parametrize("backing", BACKINGS)
@PROPERTY
@given(
    tst.timelines(max_size=10, min_year=FIRST_YEAR, max_year=LAST_YEAR),
    tst.time_values(min_year=FIRST_YEAR, max_year=LAST_YEAR),
)
def test_nearest_is_nearest_by_possible_span(backing: str, t: Timeline, x: TimeValue) -> None:
    t = held(t, backing)
    xl, xh = hull(x)

    def distance(e: Event) -> float:
        lo, hi = hull(e.when)
        return max(0.0, lo - xh, xl - hi)

    found = ids(t.nearest(x))
    if not len(t):
        assert found == []
        return
    best = min(distance(e) for e in t)
    assert found == [e.id for e in t if distance(e) == best]


def brute_units(key: str, first: int, last: int) -> list[Extent]:
    """Every unit of ``key`` meeting days ``first .. last``, made with Extent's constructors."""
    units = []
    day = first
    calendar = FiscalCalendar.US_FEDERAL
    while day <= last:
        y, m, _ = timeline.calendar.from_rd(day)
        if key == "year":
            unit = Extent.year(y)
        elif key == "month":
            unit = Extent.month(y, m)
        elif key == "quarter":
            unit = Extent.quarter(y, (m - 1) // 3 + 1)
        elif key == "week":
            unit = Extent.week_containing(day)
        elif key == "fiscal-year":
            unit = timeline.fiscal_year_of(day)
        else:
            unit = Extent.fiscal_quarter(*calendar.quarter_of(day))
        units.append(unit)
        day = unit.last + 1
    return units


@pytest.mark.parametrize("backing", BACKINGS)
@PROPERTY
@given(
    tst.timelines(max_size=8, min_year=FIRST_YEAR, max_year=LAST_YEAR), st.sampled_from(TIME_KEYS)
)
def test_group_by_agrees_with_relate(backing: str, t: Timeline, key: str) -> None:
    t = held(t, backing)
    assume(relatable(t, WHOLE_ERA))
    groups = t.group_by(key)  # type: ignore[arg-type]
    if not len(t):
        assert groups == {}
        return
    days = [d for e in t for d in named_days(e.when)]
    expected: dict[Extent, tuple[list[str], list[str]]] = {}
    for unit in brute_units(key, min(days), max(days)):
        possible = brute(t, unit, OVERLAP, certain=False)
        certain = brute(t, unit, TESTS["within"], certain=True)
        if possible:
            expected[unit] = (certain, possible)
    assert list(groups) == list(expected)
    for label, group in groups.items():
        assert (ids(group.certain), ids(group.possible)) == expected[label]  # type: ignore[index]
    for event in t:
        if sane(event.when):
            assert sum(event in g.possible for g in groups.values()) >= 1
        assert sum(event in g.certain for g in groups.values()) <= 1


def brute_clusters(t: Timeline, *, certain: bool) -> list[list[str]]:
    events = list(t)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(events):
        for j in range(i + 1, len(events)):
            if passes(relate(a.when, events[j].when), OVERLAP, certain=certain):
                parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[str]] = {}
    for i, e in enumerate(events):
        groups.setdefault(find(i), []).append(e.id)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: ids(t).index(g[0]))


@pytest.mark.parametrize("backing", BACKINGS)
@PROPERTY
@given(tst.timelines(max_size=10, min_year=FIRST_YEAR, max_year=LAST_YEAR), st.booleans())
def test_concurrent_agrees_with_relate(backing: str, t: Timeline, certain: bool) -> None:
    t = held(t, backing)
    assume(relatable(t, *(e.when for e in t)))
    assert [ids(c) for c in t.concurrent(certain=certain)] == brute_clusters(t, certain=certain)


@pytest.mark.parametrize("backing", BACKINGS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tst.timelines(max_size=5, min_year=2017, max_year=2017))
def test_gaps_agree_with_relate(backing: str, t: Timeline) -> None:
    t = held(t, backing)
    assume(relatable(t, WHOLE_ERA))
    gaps = t.gaps()
    if not len(t):
        assert gaps == ()
        return
    days = [d for e in t for d in named_days(e.when)]
    free = []
    for day in range(min(days), max(days) + 1):
        x = Extent.from_rd(day)
        if not any(passes(relate(e.when, x), OVERLAP, certain=False) for e in t):
            free.append(day)
    runs: list[tuple[int, int]] = []
    for day in free:
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    assert [(g.earliest_day, g.latest_day) for g in gaps] == runs


# --------------------------------------------------------------------------------------
# The index on its own.

RUNS = st.lists(
    st.tuples(st.integers(-50, 400), st.integers(0, 60), st.integers(0, 30)), max_size=60
)


def as_bounds(runs: list[tuple[int, int, int]]) -> tuple[list[int], list[int]]:
    firsts, lasts = [], []
    for start, length, kind in runs:
        # A few runs unbounded on one side or the other, a few very long.
        firsts.append(NO_START if kind == 0 else start)
        lasts.append(NO_END if kind == 1 else start + (length * 10_000 if kind == 2 else length))
    return firsts, lasts


@settings(max_examples=100, deadline=None)
@given(RUNS, st.lists(st.tuples(st.integers(-100, 500), st.integers(0, 80)), max_size=10))
def test_index_agrees_with_a_scan(
    runs: list[tuple[int, int, int]], windows: list[tuple[int, int]]
) -> None:
    firsts, lasts = as_bounds(runs)
    index = Index.from_bounds(firsts, lasts)
    assert len(index) == len(runs)
    f, la = np.array(firsts, dtype=np.int64), np.array(lasts, dtype=np.int64)
    qa = [a for a, _ in windows]
    qb = [a + n for a, n in windows]
    batch_q, batch_ids = index.overlapping_batch(qa, qb)
    for q, (a, b) in enumerate(zip(qa, qb, strict=True)):
        expected = np.flatnonzero((f <= b) & (la >= a))
        assert index.overlapping(a, b).tolist() == expected.tolist()
        assert sorted(batch_ids[batch_q == q].tolist()) == expected.tolist()
        distance = np.maximum(0, np.maximum(f - b, a - la))
        near = np.flatnonzero(distance == distance.min()) if len(runs) else expected
        assert index.nearest(a, b).tolist() == near.tolist()
    assert index.overlapping(5, 4).tolist() == []


@settings(max_examples=100, deadline=None)
@given(
    starts=st.lists(st.integers(-50, 400), max_size=60),
    length=st.sampled_from([(0, 0), (1, 1), (2, 3), (4, 7)]),
    lengths=st.lists(st.integers(0, 3), min_size=60, max_size=60),
    order=st.sampled_from(["sorted", "as drawn", "ids shuffled"]),
    windows=st.lists(st.tuples(st.integers(-100, 500), st.integers(0, 80)), max_size=10),
    data=st.data(),
)
def test_an_index_of_one_length_class_agrees_with_a_scan(
    starts: list[int],
    length: tuple[int, int],
    lengths: list[int],
    order: str,
    windows: list[tuple[int, int]],
    data: st.DataObject,
) -> None:
    # Runs all of one length class and none wide: each query is one slice, its answer
    # sorted only when the ids do not already ascend along it.
    low, high = length
    firsts = sorted(starts) if order == "sorted" else starts
    lasts = [f + low + (k % (high - low + 1)) for f, k in zip(firsts, lengths, strict=False)]
    ids = None
    if order == "ids shuffled":
        ids = data.draw(st.permutations(range(1000, 1000 + len(firsts))))
    index = Index.from_bounds(firsts, lasts, ids=ids)
    f, la = np.array(firsts, dtype=np.int64), np.array(lasts, dtype=np.int64)
    named = np.arange(len(firsts)) if ids is None else np.array(ids, dtype=np.int64)
    if firsts:
        assert index._one is not None
        along = named[np.argsort(f, kind="stable")]
        assert index._ascending is bool(np.all(along[1:] > along[:-1]))
    for a, n in windows:
        expected = sorted(named[(f <= a + n) & (la >= a)].tolist())
        assert index.overlapping(a, a + n).tolist() == expected


def test_taken_at_slices_a_run_and_gathers_the_rest() -> None:
    from timeline.collection import taken_at

    values = np.array([f"e{i}" for i in range(10)], dtype=object)
    values.setflags(write=False)
    for positions, run in (([3, 4, 5], True), ([0], True), ([2, 5, 6], False), ([], False)):
        at = np.array(positions, dtype=np.int64)
        found = taken_at(values, at)
        assert found.tolist() == values[at].tolist()
        assert np.shares_memory(found, values) is run
        if run:  # a slice of read-only values is read-only
            assert not found.flags.writeable


def test_index_ids_and_errors() -> None:
    index = Index.from_bounds([30, 10, 20], [35, 12, 40], ids=[7, 8, 9])
    assert index.overlapping(11, 31).tolist() == [7, 8, 9]
    assert index.overlapping(36, 50).tolist() == [9]
    assert index.nbytes > 0
    assert "3 runs" in repr(index)
    with pytest.raises(ConstraintError, match="ends before"):
        Index.from_bounds([5], [4])
    with pytest.raises(ConstraintError):
        Index.from_bounds([1, 2], [3])
    with pytest.raises(TypeError):
        Index()
    empty = Index.from_bounds([], [])
    assert empty.overlapping(0, 10).tolist() == []
    assert empty.nearest(0, 10).tolist() == []
    assert index.overlapping_batch([11, 36], [31, 50])[0].tolist() == [0, 0, 0, 1]
    q, found = empty.overlapping_batch([0], [1])
    assert q.tolist() == found.tolist() == []


@pytest.mark.parametrize(
    ("firsts", "lasts"),
    [([1, 2, 3, 5], [1, 2, 3, 5]), ([1, 2, 3, 5], [1, 4, 3, 9]), ([5, 3, 2, 1], [5, 3, 2, 1])],
)
def test_an_index_is_not_changed_through_its_caller_arrays(
    firsts: list[int], lasts: list[int]
) -> None:
    f, la = np.array(firsts, dtype=np.int64), np.array(lasts, dtype=np.int64)
    ids = np.array([40, 30, 20, 10], dtype=np.int64)
    index = Index.from_bounds(f, la, ids=ids)
    before = [index.overlapping(a, a + 2).tolist() for a in range(12)]
    f[:] = 100
    la[:] = 100
    ids[:] = 0
    assert [index.overlapping(a, a + 2).tolist() for a in range(12)] == before


def test_an_index_shares_frozen_bounds() -> None:
    # Runs of a day in order, from read-only arrays of their own: the index keeps the
    # last days as they are, as a timeline's spans hand them over, instead of a copy.
    his = np.arange(10, 20, dtype=np.int64)
    his.setflags(write=False)
    index = Index.from_bounds(his, his)
    assert np.shares_memory(index._his, his)
    assert index.overlapping(12, 13).tolist() == [2, 3]
    t = Timeline(
        [Event(id=f"e{i}", title="x", when=timeline.parse(f"2017-01-0{i + 1}")) for i in range(5)]
    )
    assert np.shares_memory(t.index._his, t._store.spans.hi)


def test_spans_read_values_by_kind() -> None:
    values = [P("2017-01-05"), P("2017-01/2017-03"), P("2017-01-XX"), P("2014/.."), P("201X")]
    spans = Spans.of(values)
    assert spans.kind.tolist() == [0, 0, 1, 0, 1]
    assert spans.lo.tolist()[3] == P("2014").earliest_day
    assert spans.hi.tolist()[3] == NO_END
    assert spans.nbytes > 0
