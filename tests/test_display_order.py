"""A timeline's display order: by (sort_key(when), id), ties in the order given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import strategies as tst
from timeline.collection import _key_order
from timeline.events import Event
from timeline.when import sort_key

DATES = st.sampled_from(
    ["2017", "2017-09", "2017-09-24", "2017-09-24/2017-09-27", "2017-09?", "FY2018", "../2017"]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "e10", "e9"]), DATES), max_size=30),
    st.booleans(),
)
def test_key_order_is_the_sort_by_key_and_id(rows: list[tuple[str, str]], share: bool) -> None:
    # Dates shared as one object, or as equal objects of their own; ids may repeat, so
    # that ties show whether the given order is kept.
    parsed = {text: timeline.parse(text) for _, text in rows}
    items = [
        Event(id=i, title=f"row {k}", when=parsed[text] if share else timeline.parse(text))
        for k, (i, text) in enumerate(rows)
    ]
    expected = sorted(items, key=lambda e: (sort_key(e.when), e.id))
    found = _key_order(items)
    assert [(e.id, e.title) for e in found] == [(e.id, e.title) for e in expected]


@settings(max_examples=50, deadline=None)
@given(st.lists(tst.events(), max_size=12, unique_by=lambda e: e.id))
def test_a_timeline_lists_events_by_key_and_id(events: list[Event]) -> None:
    t = timeline.Timeline(events)
    assert list(t) == sorted(events, key=lambda e: (sort_key(e.when), e.id))
