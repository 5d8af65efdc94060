"""The ids a column-held timeline's views give: the same with and without the made strs.

A column store makes a view's ids from its Arrow text until its views have
asked for as many ids as it holds; then it makes every id a ``str`` once and
takes views' ids from that array. Either way the ids are the same.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import Event, Timeline, parse
from timeline.columns import ColumnStore


def _timeline(n: int) -> Timeline:
    days = [f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)]
    return Timeline(
        [Event(id=f"e{i:04d}", title=f"t{i}", when=parse(d)) for i, d in enumerate(days)]
    )


def _store(t: Timeline) -> ColumnStore:
    store = t.columnar()._store
    assert isinstance(store, ColumnStore)
    return store


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 60),
    st.lists(st.lists(st.integers(0, 10**6), max_size=30), min_size=1, max_size=12),
)
def test_views_ids_are_the_same_before_and_after_the_strs_are_made(
    n: int, asks: list[list[int]]
) -> None:
    t = _timeline(n)
    store = _store(t)
    expected = np.array([e.id for e in t], dtype=object)
    for ask in asks:
        positions = np.array(sorted({p % n for p in ask}), dtype=np.int64)
        got = store.ids_at(positions)
        assert got.dtype == object
        assert not got.flags.writeable
        assert all(type(x) is str for x in got)
        assert got.tolist() == expected[positions].tolist()
    every = store.ids_at(None)
    assert every.tolist() == expected.tolist()
    assert not every.flags.writeable


def test_the_strs_are_made_once_the_views_asked_for_as_many_ids_as_the_store_holds() -> None:
    t = _timeline(100)
    store = _store(t)
    before = store.nbytes
    half = np.arange(50, dtype=np.int64)
    store.ids_at(half)
    assert store.nbytes == before  # 50 of 100 asked: still made from the Arrow text
    store.ids_at(half)
    store.ids_at(half[:1])
    assert store.nbytes > before  # 101 asked: every id is a str now, held once
    assert store.ids_at(half).tolist() == [e.id for e in t][:50]


def test_every_id_asked_for_keeps_the_strs() -> None:
    t = _timeline(30)
    store = _store(t)
    before = store.nbytes
    first = store.ids_at(None)
    assert store.nbytes > before
    assert store.ids_at(None) is first  # read-only, so shared
    taken = store.ids_at(np.array([3, 1], dtype=np.int64))
    ids = [e.id for e in t]
    assert taken.tolist() == [ids[3], ids[1]]
    assert not taken.flags.writeable


def test_a_view_of_a_view_and_a_pickled_store_give_the_same_ids() -> None:
    import pickle

    t = _timeline(40).columnar()
    view = t.overlapping("2017-03").overlapping("2017-03-05/2017-03-20")
    objects = _timeline(40).overlapping("2017-03").overlapping("2017-03-05/2017-03-20")
    assert view.ids.tolist() == objects.ids.tolist()
    _ = t.ids  # the strs made
    again = pickle.loads(pickle.dumps(t))
    assert again.ids.tolist() == t.ids.tolist()
    assert again.overlapping("2017-03").ids.tolist() == t.overlapping("2017-03").ids.tolist()
