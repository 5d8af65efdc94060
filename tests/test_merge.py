"""timeline.merge: diff and union of two timelines (laws as properties, rules as examples)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import strategies as tst
from timeline.errors import TimelineError
from timeline.events import Citation, Event, Metric, RelationClaim, Source
from timeline.merge import Change, Conflict, MergeConflictError, diff, union
from timeline.relations import Relation, Relations


def ev(id: str, when: str = "2017-09", title: str | None = None, **kw: object) -> Event:
    return Event(id=id, title=title or id.upper(), when=timeline.parse(when), **kw)  # type: ignore[arg-type]


def ids(t: timeline.Timeline) -> list[str]:
    return [e.id for e in t]


# --------------------------------------------------------------------------------------
# Laws.


@given(tst.timelines(max_size=4))
def test_a_timeline_does_not_differ_from_itself(t: timeline.Timeline) -> None:
    assert not diff(t, t)
    assert union(t, t) == t


@given(tst.timelines(max_size=6), st.data())
def test_parts_of_one_timeline_merge_into_their_union(
    t: timeline.Timeline, data: st.DataObject
) -> None:
    # Alone, a part may lack the metrics its comparisons and notes name: left out here.
    events = [attrs.evolve(e, metrics=(), notes=()) for e in t]
    left = data.draw(st.sets(st.sampled_from(range(len(events)))) if events else st.just(set()))
    right = data.draw(st.sets(st.sampled_from(range(len(events)))) if events else st.just(set()))
    a = timeline.Timeline([events[i] for i in sorted(left)], title=t.title)
    b = timeline.Timeline([events[i] for i in sorted(right)])
    merged = union(a, b)
    assert set(ids(merged)) == {events[i].id for i in left | right}
    assert merged.events == union(b, a).events
    assert set(merged.sources) == set(a.sources) | set(b.sources)
    assert merged.title == t.title
    d, back = diff(a, b), diff(b, a)
    assert {e.id for e in d.added} == {events[i].id for i in right - left}
    assert {e.id for e in d.removed} == {events[i].id for i in left - right}
    assert (d.added, d.removed, d.changed) == (back.removed, back.added, ())
    assert bool(d) == (left != right or bool(d.title) or a.sources != b.sources)


@given(tst.timelines(min_size=1, max_size=4), st.data())
def test_a_changed_title_is_a_change_and_a_conflict(
    t: timeline.Timeline, data: st.DataObject
) -> None:
    event = data.draw(st.sampled_from(list(t)))
    other = timeline.Timeline(
        [attrs.evolve(event, title=event.title + " (updated)") if e is event else e for e in t],
        sources=t.sources.values(),
        title=t.title,
        relations=t.relations,
    )
    d = diff(t, other)
    assert [c.id for c in d.changed] == [event.id]
    assert d.changed[0].changes == (Change("title", event.title, event.title + " (updated)"),)
    with pytest.raises(MergeConflictError) as caught:
        union(t, other)
    assert caught.value.conflicts == (Conflict("event", event.id, ("title",)),)


# --------------------------------------------------------------------------------------
# Rules.

S1 = Source(id="s1", outlet="amNY", published=timeline.parse("2017-09-28"))
S1_OTHER = Source(id="s1", outlet="AM New York", published=timeline.parse("2017-09-28"))
QUOTE = Citation(source=S1, quote="45 people")


def cited(id: str, source: Source, quote: str = "words") -> Event:
    return ev(id, sources=(Citation(source=source, quote=quote),))


class TestDiff:
    def test_field_by_field(self) -> None:
        a = timeline.Timeline([ev("x", "2017-09"), ev("gone")], title="T")
        b = timeline.Timeline([ev("x", "2017-09-24/2017-09-27", title="New"), ev("new")])
        d = diff(a, b)
        assert ids(timeline.Timeline(d.added)) == ["new"]
        assert ids(timeline.Timeline(d.removed)) == ["gone"]
        assert [c.id for c in d.changed] == ["x"]
        assert d.changed[0].changes == (
            Change("title", "X", "New"),
            Change("when", "2017-09", "2017-09-24/2017-09-27"),
        )
        assert d.title == Change("title", "T", None)

    def test_nested_values_are_named_by_their_place(self) -> None:
        m = Metric(name="arrests", value=45, unit="people", citation=QUOTE)
        a = timeline.Timeline([ev("x", metrics=(m,))])
        b = timeline.Timeline([ev("x", metrics=(attrs.evolve(m, value=50),))])
        assert diff(a, b).changed[0].changes == (Change("metrics[0].value", 45, 50),)

    def test_an_added_field_is_new_and_a_removed_one_old(self) -> None:
        a = timeline.Timeline([ev("x")])
        b = timeline.Timeline([ev("x", tags=("raids",))])
        assert diff(a, b).changed[0].changes == (Change("tags", None, ["raids"]),)
        assert diff(b, a).changed[0].changes == (Change("tags", ["raids"], None),)

    def test_sources_and_claims(self) -> None:
        claim = RelationClaim(a="x", relations=Relations.of(Relation.BEFORE), b="y")
        a = timeline.Timeline([cited("x", S1), ev("y")])
        b = timeline.Timeline([cited("x", S1_OTHER), ev("y")], relations=[claim])
        d = diff(a, b)
        assert d.changed == ()  # the event names its source by id, which did not change
        assert [(c.id, [x.path for x in c.changes]) for c in d.sources_changed] == [
            ("s1", ["outlet"])
        ]
        assert d.relations_added == (claim,)
        assert d.relations_removed == ()
        assert diff(b, a).relations_removed == (claim,)

    def test_bad_arguments(self) -> None:
        with pytest.raises(TypeError):
            diff(timeline.Timeline(), [])  # type: ignore[arg-type]


class TestUnion:
    def test_equal_events_are_kept_once(self) -> None:
        a = timeline.Timeline([ev("x"), ev("y")], title="A")
        b = timeline.Timeline([ev("y"), ev("z")], title="B")
        merged = union(a, b)
        assert ids(merged) == ["x", "y", "z"]
        assert merged.title == "A"
        assert union(a, b, title="Both").title == "Both"
        assert union(timeline.Timeline([ev("x")]), b).title == "B"

    def test_every_conflict_is_listed_and_nothing_is_overwritten(self) -> None:
        a = timeline.Timeline([ev("x", "2017"), ev("y", title="Y"), cited("s", S1), ev("ok")])
        b = timeline.Timeline([ev("x", "2018"), ev("y", title="Why"), cited("s", S1_OTHER)])
        with pytest.raises(MergeConflictError) as caught:
            union(a, b)
        error = caught.value
        assert isinstance(error, TimelineError)
        assert isinstance(error, ValueError)
        assert error.conflicts == (
            Conflict("event", "x", ("when",)),
            Conflict("event", "y", ("title",)),
            Conflict("source", "s1", ("outlet",)),
        )
        assert str(error) == (
            "3 conflicting ids: event 'x': the timelines differ in when; "
            "event 'y': the timelines differ in title; "
            "source 's1': the timelines differ in outlet"
        )

    def test_one_metric_id_on_two_events_is_a_conflict(self) -> None:
        m = Metric(id="arrests", name="arrests", value=45, unit="people", citation=QUOTE)
        a = timeline.Timeline([ev("x", metrics=(m,))])
        b = timeline.Timeline([ev("y", metrics=(m,))])
        with pytest.raises(MergeConflictError) as caught:
            union(a, b)
        assert caught.value.conflicts == (Conflict("metric", "arrests", ("x", "y")),)
        assert "metric 'arrests': on event 'x' in one timeline, 'y' in the other" in str(
            caught.value
        )

    def test_claims_are_merged_once(self) -> None:
        before = RelationClaim(a="x", relations=Relations.of(Relation.BEFORE), b="y")
        after = RelationClaim(a="y", relations=Relations.of(Relation.AFTER), b="x")
        a = timeline.Timeline([ev("x"), ev("y")], relations=[before])
        b = timeline.Timeline([ev("x"), ev("y")], relations=[before, after])
        assert union(a, b).relations == (before, after)

    def test_a_file_round_trip(self) -> None:
        sample = timeline.sample()
        merged = union(sample, timeline.loads(timeline.dumps(sample)))
        assert merged == sample

    def test_bad_title(self) -> None:
        with pytest.raises(TypeError):
            union(timeline.Timeline(), timeline.Timeline(), title=3)  # type: ignore[arg-type]


def test_timelines_union_with_the_or_operator() -> None:
    import timeline

    t = timeline.sample()
    half = t.where(lambda e: e.kind == "statement")
    rest = t.where(lambda e: e.kind != "statement")
    assert len(half | rest) == len(t)
    assert {e.id for e in half | rest} == {e.id for e in t}
    assert (t | t) == t
    assert t.union(t, title="Both").title == "Both"
    changed = timeline.Timeline(
        [timeline.Event(id=t.events[0].id, title="another title", when=t.events[0].when)]
    )
    with pytest.raises(timeline.MergeConflictError):
        _ = t | changed
