"""A timeline held as columns is the same timeline: every question gets the same answer.

The property tests of the queries run on both backings (tests/test_queries.py);
these check the rest of the façade — the collection, views, grouping,
relations, renderers and exporters — and the column store's own parts.
"""

from __future__ import annotations

import pickle
import random
from typing import ClassVar

import attrs
import numpy as np
import pytest
from backings import held, plain
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Timeline, parse
from timeline import strategies as tst
from timeline.columns import ColumnStore, columnar, display_positions
from timeline.errors import UnknownEventError
from timeline.events import Event, Operation, RelationClaim, Statement
from timeline.export import FORMATS, export
from timeline.relations import Relation, Relations

pytest.importorskip("pyarrow")
import pyarrow as pa

SOME = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def both(t: Timeline) -> tuple[Timeline, Timeline]:
    """The timeline ``held`` strips, on objects, and the same as columns."""
    c = held(t, "columns")
    objects = Timeline(
        list(c), sources=list(c.sources.values()), title=c.title, relations=c.relations
    )
    return objects, c


@SOME
@given(tst.timelines(max_size=8, min_year=2016, max_year=2018), st.data())
def test_collection_is_the_same(t: Timeline, data: st.DataObject) -> None:
    o, c = both(t)
    assert o.backing == "objects"
    assert c.backing == "columns"
    assert c == o
    assert o == c
    assert hash(c) == hash(o)
    assert c.events == o.events
    assert list(c) == list(o)
    assert len(c) == len(o)
    assert list(c.ids) == list(o.ids)
    assert c.sources == o.sources
    assert c.relations == o.relations
    assert c.title == o.title
    assert c.first() == o.first()
    assert c.last() == o.last()
    for e in o:
        assert c[e.id] == e
        assert e in c
        assert e.id in c
        assert c.get(e.id) == e
    assert "no-such-id" not in c
    assert c.get("no-such-id") is None
    with pytest.raises(UnknownEventError):
        c["no-such-id"]
    assert pickle.loads(pickle.dumps(c)) == o
    assert (c | o) == (o | o)
    if len(o):
        keep = data.draw(st.sets(st.sampled_from(list(o.ids))))
        vc, vo = c.where(lambda e: e.id in keep), o.where(lambda e: e.id in keep)
        assert vc == vo
        assert list(vc.ids) == list(vo.ids)
        assert vc.relations == vo.relations
        kinds = data.draw(st.sets(st.sampled_from(sorted({e.kind for e in o})), min_size=1))
        assert c.of_kind(*kinds) == o.of_kind(*kinds)
        assert vc.of_kind(*kinds) == vo.of_kind(*kinds)


@SOME
@given(
    tst.timelines(max_size=6, min_year=2016, max_year=2018),
    st.sampled_from(["year", "fiscal-year", "kind", "place"]),
)
def test_grouping_and_relations_are_the_same(t: Timeline, key: str) -> None:
    o, c = both(t)
    try:
        expected = o.group_by(key)  # type: ignore[arg-type]
    except timeline.TimelineError as error:
        with pytest.raises(type(error)):
            c.group_by(key)  # type: ignore[arg-type]
        return
    found = c.group_by(key)  # type: ignore[arg-type]
    assert list(found) == list(expected)
    for k, g in found.items():
        assert g.certain == expected[k].certain
        assert g.possible == expected[k].possible
    try:
        matrix = o.relation_matrix()
    except (timeline.TimelineError, ValueError):
        return
    other = c.relation_matrix()
    assert list(other.pairs()) == list(matrix.pairs())
    assert [list(x.ids) for x in c.concurrent()] == [list(x.ids) for x in o.concurrent()]


@SOME
@given(tst.timelines(max_size=5, min_year=2016, max_year=2018), st.sampled_from(sorted(FORMATS)))
def test_exporters_and_renderers_are_the_same(t: Timeline, fmt: str) -> None:
    o, c = both(t)
    try:
        expected = export(o, fmt)
    except timeline.TimelineError as error:
        with pytest.raises(type(error)):
            export(c, fmt)
        return
    assert export(c, fmt) == expected
    assert timeline.render.chronology(c) == timeline.render.chronology(o)
    assert timeline.render.table(c) == timeline.render.table(o)
    assert timeline.dumps(c) == timeline.dumps(o)


def test_plain_events_are_columns_and_the_others_kept() -> None:
    when = parse("2017-09")
    events = [
        Event(id="a", title="A", when=when),
        Operation(id="b", title="B", when=parse("2017-09-24/2017-09-27"), places=("New York",)),
        Statement(id="c", title="C", when=when),
    ]
    c = Timeline(events).columnar()
    store = c._store
    assert isinstance(store, ColumnStore)
    assert sorted(store._made) == [c.ids.tolist().index("b")]
    # The plain rows share one value object for one date.
    assert c["a"].when is c["c"].when
    assert type(c["c"]) is Statement
    assert c["b"] == events[1]
    assert c.of_kind("statement").ids.tolist() == ["c"]
    assert columnar(c) is c


def test_a_column_store_checks_its_columns() -> None:
    with pytest.raises(ValueError, match="one length"):
        ColumnStore(
            ids=pa.array(["a"]),
            titles=pa.array(["A", "B"]),
            kind_codes=np.zeros(1, dtype=np.uint8),
            kinds=[Event],
            when_codes=np.zeros(1, dtype=np.int32),
            whens=[parse("2017")],
        )
    with pytest.raises(ValueError, match="nulls"):
        ColumnStore(
            ids=pa.array(["a", None]),
            titles=pa.array(["A", "B"]),
            kind_codes=np.zeros(2, dtype=np.uint8),
            kinds=[Event],
            when_codes=np.zeros(2, dtype=np.int32),
            whens=[parse("2017")],
        )


IDS = st.text(alphabet="abcAB09-_.:é", min_size=1, max_size=4).filter(
    lambda s: s[0].isascii() and s[0].isalnum()
)


# Vague values print long: the repr of a drawn list may pass hypothesis's size warning.
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(IDS, tst.time_values(min_year=2016, max_year=2018)),
        max_size=12,
        unique_by=lambda p: p[0],
    ),
    st.randoms(use_true_random=False),
    st.data(),
)
def test_display_positions_is_the_timeline_order(
    rows: list[tuple[str, timeline.TimeValue]], rnd: random.Random, data: st.DataObject
) -> None:
    rows = [(i, v) for i, v in rows if i.isascii()]
    events = [Event(id=i, title="t", when=v) for i, v in rows]
    claims: list[RelationClaim] = []
    if len(events) >= 2:
        for _ in range(data.draw(st.integers(0, 3))):
            a, b = data.draw(st.permutations(events))[:2]
            relation = data.draw(st.sampled_from(list(Relation)))
            claims.append(RelationClaim(a.id, Relations.of(relation), b.id))
    expected = [e.id for e in Timeline(events, relations=claims)]
    rnd.shuffle(events)
    whens: dict[timeline.TimeValue, int] = {}
    codes = np.array([whens.setdefault(e.when, len(whens)) for e in events], dtype=np.int32)
    ids = pa.array([e.id for e in events], type=pa.string())
    order = display_positions(ids, codes, list(whens), claims)
    assert [events[k].id for k in order.tolist()] == expected


def test_ids_of_a_view_are_taken_from_the_column() -> None:
    days = [parse(f"2017-01-{d:02d}") for d in range(1, 29)]
    t = Timeline([Event(id=f"e{d:02d}", title="t", when=v) for d, v in enumerate(days, 1)])
    c = t.columnar()
    hits = c.overlapping("2017-01-03/2017-01-05")
    assert hits.ids.tolist() == ["e03", "e04", "e05"]
    assert not hits.ids.flags.writeable
    assert hits.backing == "columns"
    assert plain(hits["e03"]) == hits["e03"]


@SOME
@given(st.lists(tst.events(), max_size=8, unique_by=lambda e: e.id), st.data())
def test_the_events_kept_as_objects_are_those_not_plain(
    events: list[Event], data: st.DataObject
) -> None:
    from timeline.columns import _is_plain

    # Half of them made plain, so that both sorts are there.
    chosen = [plain(e) if data.draw(st.booleans()) else e for e in events]
    t = Timeline(chosen)
    c = t.columnar()
    store = c._store
    assert isinstance(store, ColumnStore)
    assert sorted(store._made) == [i for i, e in enumerate(t) if not _is_plain(e)]
    assert c == t


@attrs.frozen(kw_only=True)
class _Slugged(Event):
    """A kind of a user's own whose field depends on the title."""

    kind: ClassVar[str] = "test-slugged"
    slug: str = attrs.field(default=attrs.Factory(lambda self: self.title.lower(), takes_self=True))


def test_a_users_kind_is_asked_event_by_event() -> None:
    # Each of a and b is its bare self (its slug its own title's); c is not. One bare
    # event's slug would not do for the others.
    a = _Slugged(id="a", title="A", when=parse("2017"))
    b = _Slugged(id="b", title="B", when=parse("2017"))
    c = _Slugged(id="c", title="C", when=parse("2017"), slug="other")
    held = Timeline([a, b, c]).columnar()
    store = held._store
    assert isinstance(store, ColumnStore)
    assert sorted(store._made) == [2]
    assert [held["a"], held["b"], held["c"]] == [a, b, c]
