"""Allen relations: the composition table, exact relation sets for vague values, networks."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import Extent, Period, parse
from timeline.network import Assertion, InconsistentError, Network
from timeline.relations import (
    Relation,
    Relations,
    compose,
    is_before,
    is_within,
    overlaps,
    relate,
)
from timeline.strategies import related_pairs, related_triples

R = Relation


# -- brute force helpers, written independently of the library -------------------------


def brute_relation(a: tuple[int, int], b: tuple[int, int]) -> Relation:
    """Allen relation of half-open [s, e) intervals, straight from the definitions."""
    (s1, e1), (s2, e2) = a, b
    table = {
        R.BEFORE: e1 < s2,
        R.MEETS: e1 == s2,
        R.OVERLAPS: s1 < s2 < e1 < e2,
        R.STARTS: s1 == s2 and e1 < e2,
        R.DURING: s2 < s1 and e1 < e2,
        R.FINISHES: s2 < s1 and e1 == e2,
        R.EQUALS: s1 == s2 and e1 == e2,
        R.FINISHED_BY: s1 < s2 and e1 == e2,
        R.CONTAINS: s1 < s2 and e2 < e1,
        R.STARTED_BY: s1 == s2 and e2 < e1,
        R.OVERLAPPED_BY: s2 < s1 < e2 < e1,
        R.MET_BY: s1 == e2,
        R.AFTER: e2 < s1,
    }
    (found,) = [r for r, holds in table.items() if holds]
    return found


INTERVALS = [(s, e) for s in range(7) for e in range(s + 1, 7)]


def test_composition_table_matches_enumeration() -> None:
    expected: dict[tuple[Relation, Relation], set[Relation]] = {}
    for a, b, c in itertools.product(INTERVALS, repeat=3):
        key = (brute_relation(a, b), brute_relation(b, c))
        expected.setdefault(key, set()).add(brute_relation(a, c))
    assert len(expected) == 169
    for (r1, r2), rels in expected.items():
        assert set(compose(r1, r2)) == rels, (r1, r2)


def test_relation_converses_and_phrases() -> None:
    for r in Relation:
        assert r.converse.converse is r
        for x, y in itertools.product(INTERVALS, repeat=2):
            if brute_relation(x, y) is r:
                assert brute_relation(y, x) is r.converse
        assert r.phrase
    assert R.BEFORE.converse is R.AFTER
    assert R.STARTS.converse is R.STARTED_BY
    assert R.EQUALS.converse is R.EQUALS
    assert str(R.FINISHED_BY) == "finished by"


def test_relations_set_type() -> None:
    s = Relations.of(R.BEFORE, R.MEETS)
    assert s.phrase == "before or meets"
    assert list(s) == [R.BEFORE, R.MEETS]
    assert len(s) == 2
    assert R.MEETS in s
    assert R.AFTER not in s
    assert s.certain is None
    assert Relations.of(R.DURING).certain is R.DURING
    assert s.converse() == Relations.of(R.AFTER, R.MET_BY)
    assert s & Relations.of(R.MEETS, R.AFTER) == Relations.of(R.MEETS)
    assert s | Relations.of(R.AFTER) == Relations.of(R.BEFORE, R.MEETS, R.AFTER)
    assert Relations.NONE.phrase == "impossible"
    assert not Relations.NONE
    assert len(Relations.ALL) == 13
    assert hash(Relations.of(R.BEFORE)) == hash(Relations.of([R.BEFORE]))
    assert Relations.of(R.BEFORE, R.MEETS, R.OVERLAPS).phrase == "before, meets or overlaps"
    with pytest.raises(timeline.TimelineError):
        Relations(1 << 13)
    with pytest.raises(AttributeError):
        s._bits = 3  # type: ignore[misc]


# -- definite values -------------------------------------------------------------------

BASE = Extent.day(2017, 1, 1).first


def span(first: int, last: int) -> Period | Extent:
    if first == last:
        return Extent.from_rd(BASE + first)
    return Period(Extent.from_rd(BASE + first), Extent.from_rd(BASE + last))


spans = st.tuples(st.integers(0, 40), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1]))


@given(spans, spans)
def test_definite_pairs_have_exactly_one_relation(a: tuple[int, int], b: tuple[int, int]) -> None:
    rel = relate(span(*a), span(*b))
    expected = brute_relation((a[0], a[1] + 1), (b[0], b[1] + 1))
    assert rel.certain is expected
    assert relate(span(*b), span(*a)) == rel.converse()


def test_day_grain_meets() -> None:
    op = parse("Sep 24-27, 2017")
    assert relate(op, parse("2017-09-28")).certain is R.MEETS
    assert relate(parse("2017-09-28"), op).certain is R.MET_BY


# -- vague values: exact sets ----------------------------------------------------------


def concretes(value: timeline.TimeValue) -> set[tuple[int, int]]:
    """Every concrete half-open interval a small vague value can stand for (by definition)."""
    if isinstance(value, Extent):
        return {(value.first, value.last + 1)}
    if isinstance(value, timeline.Moment):
        within = value.within
        lo, hi = within.earliest_day, within.latest_day
        assert lo is not None
        assert hi is not None
        return {(d, d + 1) for d in range(lo, hi + 1)}
    if isinstance(value, timeline.OneOf):
        return set().union(*(concretes(item) for item in value.items))
    if isinstance(value, Period):
        assert isinstance(value.start, timeline.TimeValue)
        assert isinstance(value.end, timeline.TimeValue)
        firsts = {s for s, _ in concretes(value.start)}
        lasts = {e - 1 for _, e in concretes(value.end)}
        return {(f, la + 1) for f in firsts for la in lasts if f <= la}
    raise AssertionError(value)


@st.composite
def small_vague(draw: st.DrawFn) -> timeline.TimeValue:
    kind = draw(st.sampled_from(["definite", "moment", "period", "oneof"]))
    a = draw(st.integers(0, 12))
    b = a + draw(st.integers(0, 4))
    if kind == "definite":
        return span(a, b)
    if kind == "moment":
        return timeline.on(span(a, b))
    if kind == "oneof":
        days = sorted(draw(st.sets(st.integers(0, 16), min_size=1, max_size=3)))
        return timeline.OneOf(tuple(Extent.from_rd(BASE + d) for d in days))
    c = b + draw(st.integers(0, 3))
    d = c + draw(st.integers(0, 4))
    start = draw(st.sampled_from([span(a, a), timeline.on(span(a, b))]))
    end = draw(st.sampled_from([span(d, d), timeline.on(span(c, d))]))
    return Period(start, end)


@given(small_vague(), small_vague())
def test_vague_sets_equal_brute_force(a: timeline.TimeValue, b: timeline.TimeValue) -> None:
    expected = {brute_relation(x, y) for x in concretes(a) for y in concretes(b)}
    assert set(relate(a, b)) == expected
    assert relate(b, a) == relate(a, b).converse()


@given(st.integers(0, 30), st.integers(0, 20), st.integers(0, 20), st.data())
def test_narrowing_never_adds_relations(a: int, n: int, m: int, data: st.DataObject) -> None:
    wide = timeline.on(span(a, a + n))
    lo = data.draw(st.integers(a, a + n))
    hi = data.draw(st.integers(lo, a + n))
    narrow = timeline.on(span(lo, hi))
    other = timeline.on(span(10, 10 + m))
    assert relate(narrow, other) <= relate(wide, other)


def test_examples_from_the_issue() -> None:
    feb_day = timeline.on(parse("2017-02"))
    assert relate(feb_day, parse("2017-02-13")) == Relations.of(
        R.BEFORE, R.MEETS, R.EQUALS, R.MET_BY, R.AFTER
    )
    jan_day, mar_day = timeline.on(parse("2017-01")), timeline.on(parse("2017-03"))
    assert relate(jan_day, mar_day) == Relations.of(R.BEFORE)
    since = parse("since 2014", anchor=parse("2017-09-XX"))
    assert relate(since, parse("FY2018")) == Relations.of(
        R.BEFORE, R.MEETS, R.OVERLAPS, R.FINISHED_BY, R.CONTAINS
    )


def test_examples_from_the_seeds() -> None:
    operation = parse("the four days ending Wednesday", anchor=parse("2017-09-28"))
    assert operation == parse("2017-09-24/2017-09-27")
    assert relate(operation, parse("FY2017")).certain is R.DURING
    assert relate(operation, parse("FY2018")).certain is R.BEFORE
    assert relate(operation, parse("2017-09-28")).certain is R.MEETS
    assert relate(parse("FY2018"), parse("2018")).certain is R.OVERLAPS
    order = timeline.on(parse("January 2017"))
    assert relate(order, operation).certain is R.BEFORE
    assert is_before(order, operation) is True


def test_open_and_unknown_ends() -> None:
    assert relate(parse("2014/.."), parse("FY2018")).certain is R.CONTAINS
    assert relate(parse("2014/"), parse("FY2018")) == Relations.of(
        R.BEFORE, R.MEETS, R.OVERLAPS, R.FINISHED_BY, R.CONTAINS
    )
    assert relate(parse("../2014"), parse("2014-06")).certain is R.CONTAINS


def test_unspecified_digits_are_whole_units() -> None:
    # A year of the 2010s either contains the day or lies wholly before or after it.
    assert relate(parse("201X"), parse("2015-03-05")) == Relations.of(R.BEFORE, R.CONTAINS, R.AFTER)


def test_instants_compare_as_utc() -> None:
    late = parse("2017-09-28T23:00:00-04:00")  # 03:00 UTC on Sep 29
    assert relate(late, parse("2017-09-28")).certain is R.AFTER
    assert relate(late, parse("2017-09-29")).certain is R.DURING
    a = parse("2017-11-05T01:30:00-04:00[America/New_York]")
    b = parse("2017-11-05T01:30:00-05:00[America/New_York]")
    assert relate(a, b).certain is R.BEFORE


def test_three_valued_questions() -> None:
    feb_day = timeline.on(parse("2017-02"))
    assert overlaps(feb_day, parse("2017-02-13")) is None
    assert overlaps(parse("2017-02"), parse("2017-02-13")) is True
    assert overlaps(parse("2017-01"), parse("2017-02-13")) is False
    assert is_within(parse("Sep 24-27, 2017"), parse("FY2017")) is True
    assert is_within(parse("FY2018"), parse("2018")) is False
    assert is_within(feb_day, parse("2017-02-01/2017-02-14")) is None
    assert is_before(parse("2017"), parse("2017-06")) is False


# -- networks --------------------------------------------------------------------------


def test_network_tightens_and_lists() -> None:
    values = {
        "order": timeline.on(parse("2017-01")),
        "operation": parse("Sep 24-27, 2017"),
        "ruling": timeline.on(parse("2017")),
    }
    net = Network.from_values(values, [Assertion("ruling", Relations.of(R.AFTER), "order")])
    assert net.relations("ruling", "order") == Relations.of(R.AFTER)
    assert net.relations("order", "ruling") == Relations.of(R.BEFORE)
    assert ("order", R.BEFORE, "operation") in net.certain_pairs()
    ambiguous = {(a, b) for a, _, b in net.ambiguous_pairs()}
    assert ambiguous == {("operation", "ruling")}
    order = net.linear_order()
    assert order.index("order") < order.index("operation")
    assert order.index("order") < order.index("ruling")


def test_network_contradiction_names_the_chain() -> None:
    with pytest.raises(InconsistentError) as info:
        Network.build(
            ["a", "b", "c"],
            [("a", R.BEFORE, "b"), ("b", R.BEFORE, "c"), ("c", R.BEFORE, "a")],
        )
    message = str(info.value)
    assert {"a", "b", "c"} <= {x for step in info.value.chain for x in (step[0], step[2])}
    assert "asserted" in message
    assert isinstance(info.value, timeline.TimelineError)


def test_assertion_against_dates_is_a_contradiction() -> None:
    values = {"order": parse("2017-01-25"), "operation": parse("2017-09-24/2017-09-27")}
    with pytest.raises(InconsistentError) as info:
        Network.from_values(values, [("order", R.AFTER, "operation")])
    assert "dates" in str(info.value)


@st.composite
def small_networks(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, Relations]]]:
    n = draw(st.integers(3, 4))
    facts = []
    for i, j in itertools.combinations(range(n), 2):
        if draw(st.booleans()):
            rels = draw(st.sets(st.sampled_from(list(Relation)), min_size=1, max_size=5))
            facts.append((i, j, Relations.of(rels)))
    return n, facts


def allowed_relations(
    n: int, facts: list[tuple[int, int, Relations]]
) -> dict[tuple[int, int], set[Relation]]:
    """For every pair, the relations some assignment satisfying all facts gives (enumeration).

    Every configuration of n intervals appears among intervals with endpoints
    in 0..2n-1, so enumerating those assignments is exhaustive.
    """
    import numpy as np

    pool = [(s, e) for s in range(2 * n) for e in range(s + 1, 2 * n)]
    table = np.array([[brute_relation(a, b) for b in pool] for a in pool], dtype=np.int8)
    grids = np.meshgrid(*[np.arange(len(pool))] * n, indexing="ij")
    choice = [g.ravel() for g in grids]
    ok = np.ones(len(choice[0]), dtype=bool)
    for i, j, rels in facts:
        bits = np.array([r in rels for r in Relation])
        ok &= bits[table[choice[i], choice[j]]]
    out = {}
    for i, j in itertools.combinations(range(n), 2):
        seen = np.unique(table[choice[i][ok], choice[j][ok]])
        out[(i, j)] = {Relation(int(r)) for r in seen}
    return out


@settings(deadline=None, max_examples=80)
@given(small_networks())
def test_path_consistency_is_sound(network: tuple[int, list[tuple[int, int, Relations]]]) -> None:
    n, facts = network
    labels = [str(i) for i in range(n)]
    assertions = [(str(i), rels, str(j)) for i, j, rels in facts]
    allowed = allowed_relations(n, facts)
    if not any(allowed.values()):
        # No solution: closure may or may not notice (path consistency is incomplete).
        with contextlib.suppress(InconsistentError):
            Network.build(labels, assertions)
        return
    net = Network.build(labels, assertions)
    for (i, j), rels in allowed.items():
        assert rels <= set(net.relations(str(i), str(j))), (i, j)
    # And closure removes something whenever enumeration shows a fact was loose.
    assert any(net.relations(str(i), str(j)) != Relations.ALL for i, j in allowed) or not facts


def test_network_of_many_items_closes() -> None:
    values = {f"d{i}": Extent.from_rd(BASE + 3 * i) for i in range(40)}
    net = Network.from_values(values)
    assert not net.ambiguous_pairs()
    assert net.linear_order() == list(values)


# -- strategies for values in a chosen relation ----------------------------------------


@pytest.mark.parametrize("relation", list(Relation))
@settings(max_examples=25)
@given(data=st.data())
def test_related_pairs_are_in_the_relation(relation: Relation, data: st.DataObject) -> None:
    a, b = data.draw(related_pairs(relation))
    assert relate(a, b).certain is relation


@settings(max_examples=60)
@given(st.sampled_from(list(Relation)), st.sampled_from(list(Relation)), st.data())
def test_related_triples_compose(first: Relation, second: Relation, data: st.DataObject) -> None:
    a, b, c = data.draw(related_triples(first, second))
    assert relate(a, b).certain is first
    assert relate(b, c).certain is second
    assert relate(a, c) <= compose(first, second)


def test_related_pairs_reach_every_relation() -> None:
    from hypothesis import find

    for relation in (Relation.MEETS, Relation.EQUALS, Relation.FINISHED_BY):
        pair = find(related_pairs(), lambda p, r=relation: relate(*p).certain is r)
        assert relate(*pair).certain is relation


def test_related_pairs_validate_arguments() -> None:
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        related_pairs("before")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        related_triples(Relation.BEFORE, 3)  # type: ignore[arg-type]


def test_open_start_with_a_vague_end() -> None:
    # The open start is unbounded: its length has no upper limit either.
    assert relate(parse("../2017-01-XX"), parse("2016")).certain is R.CONTAINS
    assert relate(parse("../2017-01-XX"), parse("2017-01-15")) == Relations.of(
        R.BEFORE, R.MEETS, R.FINISHED_BY, R.CONTAINS
    )


def test_instants_inside_sets() -> None:
    one_of = timeline.OneOf((parse("2017-09-28T10:00:00Z"), parse("2017-09-30")))
    assert relate(one_of, parse("2017-09-28")) == Relations.of(R.DURING, R.AFTER)


def test_ranges_mixing_calendar_and_fiscal_years() -> None:
    # Read through the hull of the range: every relation stays possible, none raises.
    assert relate(parse("[2016..FY2017]"), parse("2016-06")) == Relations.ALL
