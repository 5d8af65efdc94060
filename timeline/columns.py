"""A timeline held as columns, with :class:`~timeline.Event` objects made on demand.

A :class:`~timeline.Timeline` has one of two backings, behind the same
façade (queries, views, grouping, ``relate``, renderers and exporters work
the same on both, and so do the property tests):

*objects*
    one :class:`~timeline.Event` per event, for timelines built in code;
*columns*
    :class:`ColumnStore`: the ids and titles as Arrow text arrays, each
    event's kind as a small code into the kinds it uses, and its ``when`` as a
    code into the distinct time values of the timeline (a million events of
    the years 1990–2030 name about 15,000 distinct days). The arrays that
    answer time queries (:class:`timeline.index.Spans`) are read once per
    distinct value and taken by code. Events whose fields are more than an
    id, kind, title and date are kept as objects beside the columns. An
    :class:`~timeline.Event` is made only when a caller asks for one (by
    iterating, ``t[id]``, ``t.events``), and not kept: a view of ten hits
    makes ten.

:func:`columnar` holds any timeline as columns; the bulk readers
(:func:`timeline.io.load_parquet`) build one straight from a file's columns.
It needs pyarrow (``pip install 'timeline[parquet]'``).

:func:`parse_many` reads a column of date texts at once: plain ISO days,
months and years (``2017-09-28``, ``2017-09``, ``2017``) are validated and
turned into day numbers with array arithmetic (numpy), and the rest go
through :func:`timeline.parse` one by one, so the results are always those
of ``parse``.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, overload

from timeline._plain import parse_many
from timeline.errors import MissingDependencyError
from timeline.events import Event, RelationClaim
from timeline.when import TimeValue

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from timeline.collection import Timeline
    from timeline.index import Spans

__all__ = ["ColumnStore", "columnar", "parse_many"]


# --------------------------------------------------------------------------------------
# The column store.

# Events made at once when a caller walks many of them.
_BATCH: Final = 4096


def _arrow() -> Any:
    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise MissingDependencyError(
            "a timeline held as columns needs pyarrow, which is not installed: "
            "pip install 'timeline[parquet]'"
        ) from None
    return pa


def _text_array(values: Any, pa: Any) -> Any:
    """One contiguous Arrow ``string`` or ``large_string`` array of ``values``."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if not isinstance(values, pa.Array):
        values = pa.array(list(values), type=pa.string())
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        raise TypeError(f"a text column must be Arrow text, not {values.type}")
    if values.null_count:
        raise ValueError("a text column of a column store has no nulls")
    return values


class _Events(Sequence[Event]):
    """The events of a :class:`ColumnStore`, in order, each made when asked for."""

    __slots__ = ("_store",)

    def __init__(self, store: ColumnStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return len(self._store)

    @overload
    def __getitem__(self, i: int) -> Event: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Event]: ...
    def __getitem__(self, i: int | slice) -> Event | Sequence[Event]:
        n = len(self._store)
        if isinstance(i, slice):
            return self._store.take(range(n)[i])
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("event index out of range")
        return self._store.event(i)

    def __iter__(self) -> Iterator[Event]:
        return self._store.iter_events(range(len(self._store)))


class _Values(Sequence[TimeValue]):
    """The ``when`` of each row: a code into the store's distinct values."""

    __slots__ = ("_codes", "_whens")

    def __init__(self, codes: npt.NDArray[Any], whens: tuple[TimeValue, ...]) -> None:
        self._codes = codes
        self._whens = whens

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, i: int) -> TimeValue: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[TimeValue]: ...
    def __getitem__(self, i: int | slice) -> TimeValue | Sequence[TimeValue]:
        if isinstance(i, slice):
            whens = self._whens
            return [whens[c] for c in self._codes[i].tolist()]
        return self._whens[int(self._codes[i])]

    def __iter__(self) -> Iterator[TimeValue]:
        whens = self._whens
        return (whens[c] for c in self._codes.tolist())


class _SortedIds(Sequence[str]):
    """The ids in sorted order, read from the Arrow array through a permutation."""

    __slots__ = ("_ids", "_order")

    def __init__(self, ids: Any, order: npt.NDArray[np.int64]) -> None:
        self._ids = ids
        self._order = order

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, k: Any) -> Any:
        return self._ids[int(self._order[k])].as_py()


class ColumnStore:
    """The backing of a column-held :class:`~timeline.Timeline` (see the module docstring).

    Rows are in the timeline's display order. ``ids`` and ``titles`` are
    Arrow text arrays without nulls; ``kind_codes[i]`` indexes ``kinds``
    (event classes) and ``when_codes[i]`` indexes ``whens`` (time values);
    ``made`` holds the events of rows that are more than those four fields
    (their columns hold the same id, kind, title and date). Build one with
    :func:`columnar` or a bulk reader: the constructor trusts its input.
    """

    __slots__ = (
        "_asked",
        "_id_bytes",
        "_id_strs",
        "_ids",
        "_kind_codes",
        "_kinds",
        "_made",
        "_sorted",
        "_spans",
        "_titles",
        "_when_codes",
        "_whens",
        "claims",
        "events",
        "values",
    )

    def __init__(
        self,
        *,
        ids: Any,
        titles: Any,
        kind_codes: npt.NDArray[Any],
        kinds: Sequence[type[Event]],
        when_codes: npt.NDArray[Any],
        whens: Sequence[TimeValue],
        claims: Sequence[RelationClaim] = (),
        made: Mapping[int, Event] | None = None,
    ) -> None:
        import numpy as np

        pa = _arrow()
        self._ids = _text_array(ids, pa)
        self._titles = _text_array(titles, pa)
        self._kind_codes = np.ascontiguousarray(kind_codes)
        self._kinds = tuple(kinds)
        self._when_codes = np.ascontiguousarray(when_codes)
        self._whens = tuple(whens)
        self._made = dict(made or {})
        self.claims = tuple(claims)
        for a in (self._kind_codes, self._when_codes):
            a.setflags(write=False)
        n = len(self._ids)
        if not (len(self._titles) == len(self._kind_codes) == len(self._when_codes) == n):
            raise ValueError("the columns of a column store must have one length")
        self._spans: Spans | None = None
        self._sorted: _SortedIds | None = None
        self._id_strs: npt.NDArray[np.object_] | None = None
        self._id_bytes = 0
        self._asked = 0
        self.events: Sequence[Event] = _Events(self)
        self.values: Sequence[TimeValue] = _Values(self._when_codes, self._whens)

    def __len__(self) -> int:
        return len(self._ids)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._state(),))

    def _state(self) -> dict[str, Any]:
        return {
            "ids": self._ids,
            "titles": self._titles,
            "kind_codes": self._kind_codes,
            "kinds": self._kinds,
            "when_codes": self._when_codes,
            "whens": self._whens,
            "claims": self.claims,
            "made": self._made,
        }

    @property
    def nbytes(self) -> int:
        """Bytes held by the columns and the query arrays (not the distinct values' objects)."""
        total = self._ids.nbytes + self._titles.nbytes
        total += self._kind_codes.nbytes + self._when_codes.nbytes
        if self._spans is not None:
            total += self._spans.nbytes
        if self._sorted is not None:
            total += self._sorted._order.nbytes
        if self._id_strs is not None:
            total += self._id_strs.nbytes + self._id_bytes
        return int(total)

    # -- events ------------------------------------------------------------------------
    def event(self, p: int) -> Event:
        """The event at position ``p``, made now."""
        made = self._made.get(p)
        if made is not None:
            return made
        cls = self._kinds[int(self._kind_codes[p])]
        return cls(
            id=self._ids[p].as_py(),
            title=self._titles[p].as_py(),
            when=self._whens[int(self._when_codes[p])],
        )

    def iter_events(self, positions: Iterable[int]) -> Iterator[Event]:
        """The events at ``positions``, made a batch at a time."""
        batch: list[int] = []
        for p in positions:
            batch.append(p)
            if len(batch) == _BATCH:
                yield from self.take(batch)
                batch = []
        if batch:
            yield from self.take(batch)

    def take(self, positions: Iterable[int]) -> tuple[Event, ...]:
        """The events at ``positions``."""
        import numpy as np

        at = np.fromiter(positions, dtype=np.int64)
        if not len(at):
            return ()
        pa = _arrow()
        index = pa.array(at)
        ids: list[str] = self._ids.take(index).to_pylist()
        titles: list[str] = self._titles.take(index).to_pylist()
        kinds, whens = self._kinds, self._whens
        kind_codes: list[int] = self._kind_codes[at].tolist()
        when_codes: list[int] = self._when_codes[at].tolist()
        made = self._made
        out: list[Event] = []
        for k, p in enumerate(at.tolist()):
            found = made.get(p) if made else None
            if found is None:
                found = kinds[kind_codes[k]](id=ids[k], title=titles[k], when=whens[when_codes[k]])
            out.append(found)
        return tuple(out)

    # -- ids ---------------------------------------------------------------------------
    @property
    def ids(self) -> npt.NDArray[np.object_]:
        """Every id in order, as a read-only numpy array of ``str``."""
        return self.ids_at(None)

    def ids_at(self, positions: npt.NDArray[np.int64] | None) -> npt.NDArray[np.object_]:
        """The ids at ``positions`` (every one for None), as a read-only array of ``str``.

        A view's ids are made from the Arrow text until the views have asked for
        as many ids as the store holds, or for all of them at once. Then every
        id is made a ``str`` once and kept (about 60 bytes an id, counted in
        :attr:`nbytes`), and each view's ids are taken from that array: so
        asking for ids never costs more than twice making each one once, and
        a store that is only loaded and queried a few times stays small.
        """
        import numpy as np

        strs = self._id_strs
        if strs is None:
            n = len(self._ids)
            self._asked += n if positions is None else len(positions)
            if positions is not None and self._asked <= n:
                taken = self._ids.take(_arrow().array(positions))
                out: npt.NDArray[np.object_] = np.asarray(
                    taken.to_numpy(zero_copy_only=False), dtype=object
                )
                out.setflags(write=False)
                return out
            strs = np.asarray(self._ids.to_numpy(zero_copy_only=False), dtype=object)
            strs.setflags(write=False)
            self._id_bytes = sum(map(sys.getsizeof, strs.tolist()))
            self._id_strs = strs
        if positions is None:
            return strs
        from timeline.collection import taken_at

        picked: npt.NDArray[np.object_] = taken_at(strs, positions)
        picked.setflags(write=False)
        return picked

    def position(self, event_id: str) -> int | None:
        """The position of the event with ``event_id``: a binary search over the sorted ids."""
        if self._sorted is None:
            import numpy as np

            pc = _compute()
            order = np.asarray(pc.sort_indices(self._ids), dtype=np.int64)
            self._sorted = _SortedIds(self._ids, order)
        found = self._sorted
        k = bisect.bisect_left(found, event_id)
        if k < len(found) and found[k] == event_id:
            return int(found._order[k])
        return None

    # -- arrays for the queries ----------------------------------------------------------
    @property
    def spans(self) -> Spans:
        """The query arrays: those of the distinct values, taken by each row's code."""
        if self._spans is None:
            from timeline.index import Spans

            self._spans = Spans.of(self._whens).take(self._when_codes)
        return self._spans

    def kinds_in(self, classes: tuple[type[Event], ...]) -> npt.NDArray[np.bool_]:
        """For each row, whether its event is an instance of any of ``classes``."""
        import numpy as np

        hit = np.array([issubclass(k, classes) for k in self._kinds], dtype=np.bool_)
        if not len(hit):
            return np.zeros(len(self), dtype=np.bool_)
        mask: npt.NDArray[np.bool_] = hit[self._kind_codes]
        return mask


def _rebuild(state: dict[str, Any]) -> ColumnStore:
    return ColumnStore(**state)


def _compute() -> Any:
    _arrow()
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    return pc


# --------------------------------------------------------------------------------------
# Building one.


def _is_plain(event: Event) -> bool:
    """Whether ``event`` is its kind made of its id, title and date alone."""
    try:
        bare = type(event)(id=event.id, title=event.title, when=event.when)
    except (TypeError, ValueError):
        return False
    return bare == event


def _plain_test(event: Event) -> Callable[[Event], bool]:
    """:func:`_is_plain` for the events of ``event``'s kind, their other fields compared at once.

    A kind of this library's own has defaults that depend on nothing else, so
    an event of it is plain when its fields other than id, title and date are
    those of one bare event of its kind; any other kind is asked event by event.
    """
    import operator

    import attrs

    cls = type(event)
    if cls.__module__ != Event.__module__:
        return _is_plain
    try:
        bare = cls(id=event.id, title=event.title, when=event.when)
    except (TypeError, ValueError):
        return lambda _: False  # a field without a default: never plain
    names = [f.name for f in attrs.fields(cls) if f.eq and f.name not in ("id", "title", "when")]
    if not names:
        return lambda _: True
    getter = operator.attrgetter(*names)
    values = getter(bare)
    return lambda e: bool(getter(e) == values)


def _plain_checker() -> Callable[[Event], bool]:
    """:func:`_is_plain`, with each kind's test (:func:`_plain_test`) made once."""
    tests: dict[type[Event], Callable[[Event], bool]] = {}

    def plain(event: Event) -> bool:
        test = tests.get(type(event))
        if test is None:
            test = tests[type(event)] = _plain_test(event)
        return test(event)

    return plain


def display_positions(
    ids: Any,
    when_codes: npt.NDArray[Any],
    whens: Sequence[TimeValue],
    claims: Sequence[RelationClaim] = (),
) -> npt.NDArray[np.int64]:
    """The rows in display order (:class:`~timeline.Timeline`'s): a permutation.

    By ``(sort_key(when), id)``, the distinct values ranked once in Python and
    the rows sorted by rank and id by Arrow; then, among rows that may start
    on the same first moment, the claims' order, as a timeline keeps it.
    """
    import numpy as np

    from timeline.collection import value_ranks

    pa, pc = _arrow(), _compute()
    n = len(when_codes)
    rank, first_rank = value_ranks(whens)
    codes = np.asarray(when_codes, dtype=np.int64)
    row_rank = rank[codes] if n else np.empty(0, dtype=np.int64)
    ids = _text_array(ids, pa)
    if n > 1:
        same = row_rank[1:] == row_rank[:-1]
        in_order = bool(np.all(row_rank[1:] >= row_rank[:-1]))
        if in_order and same.any():
            ahead = np.asarray(pc.less(ids.slice(0, n - 1), ids.slice(1)), dtype=np.bool_)
            in_order = bool(np.all(ahead | ~same))
    else:
        in_order = True
    if in_order:
        order = np.arange(n, dtype=np.int64)
    else:
        table = pa.table({"rank": row_rank, "id": ids})
        order = np.asarray(
            pc.sort_indices(table, sort_keys=[("rank", "ascending"), ("id", "ascending")]),
            dtype=np.int64,
        )
    if claims:
        order = _claims_order(order, ids, codes, first_rank, whens, claims)
    return order


def _claims_order(
    order: npt.NDArray[np.int64],
    ids: Any,
    codes: npt.NDArray[np.int64],
    first_rank: npt.NDArray[np.int64],
    whens: Sequence[TimeValue],
    claims: Sequence[RelationClaim],
) -> npt.NDArray[np.int64]:
    """``order`` with each run of one first possible moment put in the claims' order."""
    import numpy as np

    from timeline.collection import _run_order, _starts_no_earlier
    from timeline.relations import relate

    pa = _arrow()
    row_of: dict[str, int] = {}
    names = {c.a for c in claims} | {c.b for c in claims}
    hits = np.flatnonzero(np.asarray(_compute().is_in(ids, value_set=pa.array(sorted(names)))))
    for row, name in zip(hits.tolist(), ids.take(pa.array(hits)).to_pylist(), strict=True):
        row_of[name] = row
    no_earlier = _starts_no_earlier()
    after: dict[str, set[str]] = {}
    for c in claims:
        a, b = row_of.get(c.a), row_of.get(c.b)
        if a is None or b is None or a == b:
            continue
        allowed = relate(whens[int(codes[a])], whens[int(codes[b])]) & c.relations
        if allowed and not allowed.bits & ~no_earlier.bits:
            after.setdefault(c.b, set()).add(c.a)
    if not after:
        return order
    ordered_first = first_rank[codes[order]]
    moved = {row_of[name] for name in (set(after) | {x for s in after.values() for x in s})}
    runs = sorted({int(first_rank[codes[row]]) for row in moved})
    out = order.copy()
    for f in runs:
        lo = int(np.searchsorted(ordered_first, f, side="left"))
        hi = int(np.searchsorted(ordered_first, f, side="right"))
        rows = order[lo:hi]
        run = [
            _Row(i, int(row))
            for i, row in zip(ids.take(pa.array(rows)).to_pylist(), rows, strict=True)
        ]
        ordered: list[Any] = _run_order(run, after)  # type: ignore[arg-type]
        out[lo:hi] = [r.row for r in ordered]
    return out


class _Row:
    """A row standing in for its event where only the id matters."""

    __slots__ = ("id", "row")

    def __init__(self, event_id: str, row: int) -> None:
        self.id = event_id
        self.row = row


def columnar(timeline: Timeline) -> Timeline:
    """``timeline`` held as columns: equal to it, with the same order, sources and claims.

    Events made of an id, kind, title and date alone become columns; the
    others are kept as objects beside them. Needs pyarrow.
    """
    held = _columnar(timeline, plain_only=False)
    assert held is not None
    return held


def plain_columnar(timeline: Timeline) -> Timeline | None:
    """:func:`columnar` of a timeline whose events are all plain; None at the first that is not.

    Each event is asked once whether it is plain, and the columns are made
    only when every one is (for writers that have a faster path for those).
    """
    return _columnar(timeline, plain_only=True)


def _columnar(timeline: Timeline, *, plain_only: bool) -> Timeline | None:
    import numpy as np

    from timeline.collection import Timeline

    store = timeline._store
    if isinstance(store, ColumnStore) and timeline._positions is None:
        return None if plain_only and store._made else timeline
    events = timeline.events
    pa = _arrow()
    kinds: dict[type[Event], int] = {}
    whens: dict[TimeValue, int] = {}
    seen: dict[int, int] = {}  # id() of a date object -> its code; the objects outlive this
    kind_list = [0] * len(events)
    when_list = [0] * len(events)
    made: dict[int, Event] = {}
    plain = _plain_checker()
    for i, event in enumerate(events):
        kind_list[i] = kinds.setdefault(type(event), len(kinds))
        when = event.when
        code = seen.get(id(when))
        if code is None:
            code = seen[id(when)] = whens.setdefault(when, len(whens))
        when_list[i] = code
        if not plain(event):
            if plain_only:
                return None
            made[i] = event
    kind_codes = np.asarray(kind_list, dtype=np.int32)
    when_codes = np.asarray(when_list, dtype=np.int32)
    del kind_list, when_list, seen
    column = ColumnStore(
        ids=pa.array([e.id for e in events], type=pa.string()),
        titles=pa.array([e.title for e in events], type=pa.string()),
        kind_codes=kind_codes.astype(np.uint8) if len(kinds) < 256 else kind_codes,
        kinds=list(kinds),
        when_codes=when_codes,
        whens=list(whens),
        claims=timeline.relations,
        made=made,
    )
    return Timeline._of_store(column, dict(timeline.sources), timeline.title)
