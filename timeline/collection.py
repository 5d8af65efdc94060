"""The Timeline: an immutable collection of events with their sources, and its queries.

Iteration follows one documented order: by :func:`timeline.sort_key` of each
event's ``when`` (earliest possible start first; for display, not a claim of
chronology), then by id; among events that may start on the same first day, one
that a relation claim says starts no earlier than another comes after it (a
reaction after what it reacts to, a correction after the story). Look events up by
id with ``t[id]``.

**Certain and possible.** Dates are often vague, so every question about
time has two answers. An event *possibly* passes a test when some reading
of its date (and of the value asked about) passes it, and *certainly* when
every reading does. Both are exactly what :func:`timeline.relate` says:
an event possibly overlaps ``x`` when some relation in
``relate(event.when, x)`` shares time with ``x`` (anything but before,
meets, met by, after), and certainly overlaps it when there is at least one
relation and every one shares time. The queries default to *possible*; pass
``certain=True`` for the other answer. A value ``relate`` finds no relation
for passes neither; a value ``relate`` cannot read (it raises) makes every
query that reaches it raise the same error.

**Results are timelines.** Every query returns a new :class:`Timeline`: a
view that shares this timeline's events, keeps its title and sources and
the relation claims between its own events, and lists its events in the
same order. Views are cheap: they hold an array of positions and make no
event objects until iterated.

**The index.** The time queries go through an index built on first use
(and kept): the possible span of each event as numpy arrays
(:mod:`timeline.index`). The index finds the candidates by possible span
in ``O(log n + k)``; the exact decision for each candidate is vectorised for
definite values and for vague values with finite ends, and goes through
``relate`` for the rest (instants, open or unknown ends).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeAlias

import attrs

from timeline import calendar as cal
from timeline.calendar import FiscalCalendar
from timeline.errors import ConstraintError, UnknownEventError
from timeline.events import Event, RelationClaim, Source, kind_named
from timeline.when import AllOf, End, Extent, Instant, Moment, OneOf, Period, TimeValue, sort_key

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from timeline.index import Index, Spans
    from timeline.network import Network
    from timeline.relations import Relations

    Positions: TypeAlias = npt.NDArray[np.int64]
    Bools: TypeAlias = npt.NDArray[np.bool_]

__all__ = [
    "MAX_GROUPS",
    "MAX_MEMBERS",
    "Group",
    "GroupKey",
    "Placement",
    "Query",
    "RelationMatrix",
    "Timeline",
]

Query: TypeAlias = "TimeValue | Event | date | str"
"""What the time queries take: a time value, an event (its ``when``), a date or text."""

GroupKey: TypeAlias = Literal[
    "year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter", "kind", "place"
]
"""The keys :meth:`Timeline.group_by` groups by."""

_TIME_KEYS: Final = ("year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter")
_KEYS: Final = (*_TIME_KEYS, "kind", "place")

MAX_GROUPS: Final = 100_000
"""The most groups :meth:`Timeline.group_by` makes by a unit of time, unless told otherwise."""
MAX_MEMBERS: Final = 10_000_000
"""The most events :meth:`Timeline.group_by` lists in all its groups together, unless told."""

# A vague event whose possible span touches more units than this has its possible days
# read run by run, so that "2015 or 2019" costs two years, not the five its span touches.
_FEW_UNITS: Final = 8
# Pairs of (event, unit) decided at once: bounds the temporary arrays of a large grouping.
_PAIRS_AT_ONCE: Final = 1 << 18


class _Backing(Protocol):
    """What a timeline and its views ask of their backing (see :class:`_Store`)."""

    @property
    def claims(self) -> tuple[RelationClaim, ...]: ...
    @property
    def events(self) -> Sequence[Event]: ...
    @property
    def values(self) -> Sequence[TimeValue]: ...
    @property
    def ids(self) -> npt.NDArray[np.object_]: ...
    @property
    def spans(self) -> Spans: ...
    def __len__(self) -> int: ...
    def position(self, event_id: str) -> int | None: ...
    def take(self, positions: Iterable[int]) -> tuple[Event, ...]: ...
    def iter_events(self, positions: Iterable[int]) -> Iterator[Event]: ...
    def ids_at(self, positions: Positions | None) -> npt.NDArray[np.object_]: ...


class _Store:
    """What a timeline and all its views share: the events in order, and the arrays.

    The protocol every backing of a :class:`Timeline` implements: this one holds
    one :class:`Event` object per event; :class:`timeline.columns.ColumnStore`
    holds columns and makes the objects when asked. Positions are store
    positions (``0 .. len - 1``, in display order).
    """

    __slots__ = ("_ids", "_pos", "_spans", "_values", "claims", "events")

    def __init__(self, events: tuple[Event, ...], claims: tuple[RelationClaim, ...]) -> None:
        self.events: Sequence[Event] = events
        self._pos: dict[str, int] | None = None  # made on the first look-up by id
        self.claims = claims
        self._spans: Spans | None = None
        self._values: list[TimeValue] | None = None
        self._ids: npt.NDArray[np.object_] | None = None

    def __len__(self) -> int:
        return len(self.events)

    def position(self, event_id: str) -> int | None:
        """The position of the event with ``event_id``, or None."""
        if self._pos is None:
            self._pos = {e.id: i for i, e in enumerate(self.events)}
        return self._pos.get(event_id)

    def take(self, positions: Iterable[int]) -> tuple[Event, ...]:
        """The events at ``positions``."""
        events = self.events
        return tuple(events[p] for p in positions)

    def iter_events(self, positions: Iterable[int]) -> Iterator[Event]:
        """The events at ``positions``, one at a time."""
        events = self.events
        return (events[p] for p in positions)

    @property
    def ids(self) -> npt.NDArray[np.object_]:
        """The ids in store order, read-only: made once, then sliced by every view."""
        if self._ids is None:
            import numpy as np

            ids = np.array([e.id for e in self.events], dtype=object)
            ids.setflags(write=False)
            self._ids = ids
        return self._ids

    def ids_at(self, positions: Positions | None) -> npt.NDArray[np.object_]:
        """The ids at ``positions`` (all of them for None), as a read-only array of ``str``."""
        ids = self.ids
        if positions is None:
            return ids
        taken = taken_at(ids, positions)
        taken.setflags(write=False)
        return taken

    @property
    def values(self) -> Sequence[TimeValue]:
        """The ``when`` of each event, in store order."""
        if self._values is None:
            self._values = [e.when for e in self.events]
        return self._values

    @property
    def spans(self) -> Spans:
        if self._spans is None:
            from timeline.index import Spans

            self._spans = Spans.of(self.values)
        return self._spans


def _value_of(x: object) -> TimeValue:
    """The time value a query is about: an event's ``when``, or :func:`timeline.as_value`."""
    if isinstance(x, TimeValue):
        return x
    if isinstance(x, Event):
        return x.when
    from timeline.parse import as_value

    return as_value(x)  # type: ignore[arg-type]


class Timeline:
    """Events in display order, their sources, and relations sources assert.

    ``Timeline(events, sources=(), title="", relations=())``. Event ids must
    be unique; every cited source must be among ``sources`` (cited sources
    are added when ``sources`` is not given). Timelines are immutable and
    compare equal when their title, events, sources and relations are equal.

    The queries (see the module docstring for *certain* and *possible*)
    return timelines that keep this one's title and sources and the claims
    between their own events.
    """

    __slots__ = ("_events", "_index", "_positions", "_relations", "_sources", "_store", "_title")

    _events: tuple[Event, ...] | None
    _index: Index | None
    _positions: Positions | None
    _relations: tuple[RelationClaim, ...] | None

    def __init__(
        self,
        events: Iterable[Event] = (),
        *,
        sources: Iterable[Source] | None = None,
        title: str = "",
        relations: Iterable[RelationClaim] = (),
    ) -> None:
        items = list(events)
        by_id: dict[str, Event] = {}
        cited: dict[str, Source] = {}
        for event in items:
            if not isinstance(event, Event):
                raise ConstraintError(f"a timeline holds events, not {event!r}")
            if event.id in by_id:
                raise ConstraintError(f"two events have the id {event.id!r}")
            by_id[event.id] = event
            if event.sources or event.metrics:
                for c in (*event.sources, *(m.citation for m in event.metrics)):
                    cited[c.source.id] = c.source
        if sources is None:
            source_map = dict(sorted(cited.items()))
        else:
            source_map = {}
            for source in sources:
                if source.id in source_map:
                    raise ConstraintError(f"two sources have the id {source.id!r}")
                source_map[source.id] = source
            for sid, source in cited.items():
                if source_map.get(sid) != source:
                    raise ConstraintError(f"source {sid!r} is cited but not listed as given")
        claims = tuple(relations)
        for claim in claims:
            for ref in (claim.a, claim.b):
                if ref not in by_id:
                    raise ConstraintError(f"a relation names the unknown event {ref!r}")
        items = _display_order(items, claims)
        ordered = tuple(items)
        self._store: _Backing = _Store(ordered, claims)
        self._events = ordered
        self._positions = None
        self._sources = source_map
        self._title = title
        self._relations = claims
        self._index = None

    @classmethod
    def _of_store(cls, store: _Backing, sources: dict[str, Source], title: str) -> Timeline:
        """A timeline of ``store`` as it is: its rows in order, its claims checked already."""
        self = object.__new__(cls)
        self._store = store
        self._events = None
        self._positions = None
        self._sources = sources
        self._title = title
        self._relations = store.claims
        self._index = None
        return self

    @property
    def backing(self) -> Literal["objects", "columns"]:
        """How the events are held: one object each, or columns (:mod:`timeline.columns`)."""
        return "objects" if isinstance(self._store, _Store) else "columns"

    def columnar(self) -> Timeline:
        """This timeline held as columns (:func:`timeline.columns.columnar`); equal to it."""
        from timeline.columns import columnar

        return columnar(self)

    def _view(self, positions: Positions) -> Timeline:
        """The events at ``positions`` (store positions, ascending, a subset of this timeline's).

        The fast constructor: no sorting, no validation, no event objects.
        """
        if len(positions) == len(self):
            return self
        view = object.__new__(Timeline)
        positions.setflags(write=False)
        view._store = self._store
        view._positions = positions
        view._events = None
        view._sources = self._sources
        view._title = self._title
        view._relations = None
        view._index = None
        return view

    def _positions_array(self) -> Positions:
        if self._positions is not None:
            return self._positions
        import numpy as np

        return np.arange(len(self._store), dtype=np.int64)

    def _iter_positions(self) -> Iterable[int]:
        if self._positions is None:
            return range(len(self._store))
        ints: list[int] = self._positions.tolist()
        return ints

    def _has(self, position: int) -> bool:
        positions = self._positions
        if positions is None:
            return True
        import numpy as np

        i = int(np.searchsorted(positions, position))
        return i < len(positions) and int(positions[i]) == position

    # -- the collection ----------------------------------------------------------------
    @property
    def title(self) -> str:
        """The timeline's title (may be empty)."""
        return self._title

    @property
    def events(self) -> tuple[Event, ...]:
        """The events in display order."""
        if self._events is None:
            self._events = self._store.take(self._iter_positions())
        return self._events

    @property
    def ids(self) -> npt.NDArray[np.object_]:
        """The ids of the events in display order, as a read-only numpy array of ``str``.

        Equal to ``[e.id for e in self]``, made without event objects: a view's
        ids are its timeline's array taken at the view's positions, and a view
        whose events are next to each other in its timeline (a query on a timeline
        of days, say) gets a slice of that array, which shares its memory: copy
        it (``.copy()``) to keep a few ids without the timeline's.
        """
        return self._store.ids_at(self._positions)

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources, by id, in the order given."""
        return dict(self._sources)

    @property
    def relations(self) -> tuple[RelationClaim, ...]:
        """Relations between events that sources assert (those between this timeline's events)."""
        if self._relations is None:
            self._relations = tuple(
                c
                for c in self._store.claims
                if self._position_of(c.a) is not None and self._position_of(c.b) is not None
            )
        return self._relations

    def __iter__(self) -> Iterator[Event]:
        if self._events is not None:
            return iter(self._events)
        return self._store.iter_events(self._iter_positions())

    def __len__(self) -> int:
        if self._positions is None:
            return len(self._store)
        return len(self._positions)

    def _position_of(self, event_id: object) -> int | None:
        if not isinstance(event_id, str):
            return None
        p = self._store.position(event_id)
        return p if p is not None and self._has(p) else None

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Event):
            p = self._position_of(item.id)
            return p is not None and self._store.events[p] == item
        return self._position_of(item) is not None

    def __getitem__(self, event_id: str) -> Event:
        p = self._position_of(event_id)
        if p is None:
            raise UnknownEventError(event_id)
        return self._store.events[p]

    def get(self, event_id: str, default: Event | None = None) -> Event | None:
        """The event with ``event_id``, or ``default``."""
        p = self._position_of(event_id)
        return default if p is None else self._store.events[p]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return (
            self._title == other._title
            and self.events == other.events
            and list(self._sources.items()) == list(other._sources.items())
            and self.relations == other.relations
        )

    def __hash__(self) -> int:
        return hash((self._title, self.events, tuple(self._sources.items()), self.relations))

    def __or__(self, other: object) -> Timeline:
        """Every event, source and claim of both, each once: :meth:`union`."""
        if not isinstance(other, Timeline):
            return NotImplemented
        return self.union(other)

    def union(self, other: Timeline, *, title: str | None = None) -> Timeline:
        """Every event, source and claim of both timelines, each once.

        The same id with different content in the two is never resolved by
        choice: :class:`~timeline.merge.MergeConflictError` lists every such
        conflict. The title is this timeline's unless ``title`` is given
        (:func:`timeline.merge.union`).
        """
        from timeline.merge import union

        return union(self, other, title=title)

    def __repr__(self) -> str:
        title = f" {self._title!r}" if self._title else ""
        return f"<Timeline{title} of {len(self)} events from {len(self._sources)} sources>"

    # -- filters -----------------------------------------------------------------------
    def where(self, predicate: Callable[[Event], object]) -> Timeline:
        """The events for which ``predicate(event)`` is true, in order."""
        import numpy as np

        positions = self._iter_positions()
        events = self._store.iter_events(positions)
        keep = [p for p, e in zip(positions, events, strict=True) if predicate(e)]
        return self._view(np.array(keep, dtype=np.int64))

    def of_kind(self, *kinds: str | type[Event]) -> Timeline:
        """The events of any of ``kinds``: kind names (``"operation"``) or event classes.

        A kind includes its subkinds (``of_kind("statement")`` lists press
        releases too). An unknown name is a :class:`~timeline.ConstraintError`
        listing the known kinds. No kinds, no events.
        """
        classes: list[type[Event]] = []
        for kind in kinds:
            cls = kind_named(kind) if isinstance(kind, str) else kind
            if not (isinstance(cls, type) and issubclass(cls, Event)):
                raise ConstraintError(f"a kind is a kind name or an Event class, not {kind!r}")
            classes.append(cls)
        wanted = tuple(classes)
        kinds_in = getattr(self._store, "kinds_in", None)
        if kinds_in is not None:
            import numpy as np

            positions = self._positions_array()
            mask = kinds_in(wanted)[positions]
            return self._view(np.ascontiguousarray(positions[mask]))
        return self.where(lambda e: isinstance(e, wanted))

    def tagged(self, *tags: str) -> Timeline:
        """The events with at least one of ``tags``. No tags, no events."""
        wanted = frozenset(tags)
        return self.where(lambda e: not wanted.isdisjoint(e.tags))

    def at_place(self, *places: str) -> Timeline:
        """The events with at least one of ``places`` among theirs. No places, no events."""
        wanted = frozenset(places)
        return self.where(lambda e: not wanted.isdisjoint(e.places))

    def involving(self, *actors: str) -> Timeline:
        """The events with at least one of ``actors`` among theirs. No actors, no events."""
        wanted = frozenset(actors)
        return self.where(lambda e: not wanted.isdisjoint(e.actors))

    def citing(self, *source_ids: str) -> Timeline:
        """The events that cite any of ``source_ids``, in their own citations or their metrics'."""
        wanted = frozenset(source_ids)
        return self.where(
            lambda e: (
                any(c.source.id in wanted for c in e.sources)
                or any(m.citation.source.id in wanted for m in e.metrics)
            )
        )

    # -- tables ------------------------------------------------------------------------
    def to_arrow(self) -> Any:
        """This timeline as a ``pyarrow.Table``: :func:`timeline.frames.to_arrow`."""
        from timeline import frames

        return frames.to_arrow(self)

    def to_pandas(self) -> Any:
        """This timeline as a ``pandas.DataFrame``: :func:`timeline.frames.to_pandas`."""
        from timeline import frames

        return frames.to_pandas(self)

    def to_polars(self) -> Any:
        """This timeline as a ``polars.DataFrame``: :func:`timeline.frames.to_polars`."""
        from timeline import frames

        return frames.to_polars(self)

    @classmethod
    def from_arrow(
        cls,
        table: Any,
        *,
        columns: Mapping[str, str] | None = None,
        base: Timeline | None = None,
    ) -> Timeline:
        """The timeline of a ``pyarrow.Table``: :func:`timeline.frames.from_arrow`."""
        from timeline import frames

        return frames.from_arrow(table, columns=columns, base=base)

    @classmethod
    def from_pandas(
        cls,
        frame: Any,
        *,
        columns: Mapping[str, str] | None = None,
        base: Timeline | None = None,
    ) -> Timeline:
        """The timeline of a ``pandas.DataFrame``: :func:`timeline.frames.from_pandas`."""
        from timeline import frames

        return frames.from_pandas(frame, columns=columns, base=base)

    @classmethod
    def from_polars(
        cls,
        frame: Any,
        *,
        columns: Mapping[str, str] | None = None,
        base: Timeline | None = None,
    ) -> Timeline:
        """The timeline of a ``polars.DataFrame``: :func:`timeline.frames.from_polars`."""
        from timeline import frames

        return frames.from_polars(frame, columns=columns, base=base)

    # -- time queries ------------------------------------------------------------------
    @property
    def index(self) -> Index:
        """The interval index over the events' possible spans, built on first use and kept.

        Its ids are positions in the timeline this one was queried from.
        """
        if self._index is None:
            from timeline.index import Index

            spans = self._store.spans
            p = self._positions
            if p is None:
                self._index = Index.from_bounds(spans.lo, spans.hi)
            else:
                self._index = Index.from_bounds(spans.lo[p], spans.hi[p], ids=p)
        return self._index

    def _select(self, x: Query, name: str, certain: bool) -> Timeline:
        from timeline import index as ix

        test = ix.TESTS[name]
        probe = ix.Probe(_value_of(x))
        if test is ix.Test.BEFORE:
            first, last = ix.NO_START, probe.hi
        elif test is ix.Test.AFTER:
            first, last = probe.lo, ix.NO_END
        else:
            first, last = probe.lo, probe.hi
        candidates = self.index.overlapping(first, last)
        store = self._store
        return self._view(
            store.spans.select(candidates, probe, test, store.values, certain=certain)
        )

    def overlapping(self, x: Query, *, certain: bool = False) -> Timeline:
        """The events that share time with ``x``: possibly (by default) or certainly.

        Shares time means any relation but before, meets, met by and after.
        ``x`` is a time value, an event (its ``when``), a date or text
        (:func:`timeline.as_value`). For a vague ``x`` the certain answer
        holds for every reading of ``x`` as well.
        """
        return self._select(x, "overlapping", certain)

    def within(self, x: Query, *, certain: bool = False) -> Timeline:
        """The events that lie inside ``x`` (starts, during, finishes or equals).

        ``t.within("FY2017", certain=True)`` lists the events that fall in
        FY2017 whatever their vague dates turn out to be; without
        ``certain``, those that may.
        """
        return self._select(x, "within", certain)

    def containing(self, x: Query, *, certain: bool = False) -> Timeline:
        """The events that hold all of ``x`` (started by, contains, finished by or equals)."""
        return self._select(x, "containing", certain)

    def before(self, x: Query, *, certain: bool = False) -> Timeline:
        """The events over before ``x`` begins: before or meets (Sep 24–27 meets Sep 28)."""
        return self._select(x, "before", certain)

    def after(self, x: Query, *, certain: bool = False) -> Timeline:
        """The events that begin after ``x`` is over (after or met by)."""
        return self._select(x, "after", certain)

    def between(self, a: Query, b: Query, *, certain: bool = False) -> Timeline:
        """The events within the period from the start of ``a`` to the end of ``b``.

        ``between("2017-01", "2017-03")`` is ``within("2017-01/2017-03")``:
        January 1 through March 31. A period ``a`` gives its start, a period
        ``b`` its end; an instant gives its (UTC) day. A
        :class:`~timeline.ConstraintError` if ``b`` must end before ``a``
        starts.
        """
        start: TimeValue | End = _value_of(a)
        end: TimeValue | End = _value_of(b)
        if isinstance(start, Period):
            start = start.start
        if isinstance(end, Period):
            end = end.end
        if isinstance(start, Instant):
            start = Extent.from_rd(start.earliest_day)
        if isinstance(end, Instant):
            end = Extent.from_rd(end.latest_day)
        return self._select(Period(start, end), "within", certain)

    def at(self, day: int | date | str | TimeValue, *, certain: bool = False) -> Timeline:
        """The events that possibly (or certainly) happen on ``day``: overlap that one day.

        ``day`` is a rata die number, a date, or text or a value naming one
        day; anything else (a month, an instant) is a
        :class:`~timeline.ConstraintError`.
        """
        if isinstance(day, int) and not isinstance(day, bool):
            value: TimeValue = Extent.from_rd(day)
        else:
            value = _value_of(day)
        rd = value.earliest_day
        if isinstance(value, Instant) or rd is None or rd != value.latest_day:
            raise ConstraintError(
                f"at() takes one day, not {value!r}; use overlapping() for longer values"
            )
        return self._select(Extent.from_rd(rd), "overlapping", certain)

    def nearest(self, x: Query) -> Timeline:
        """The events whose possible span is nearest to ``x``'s, ties all kept, in order.

        The distance is the number of days strictly between the two
        possible spans (first to last possible day), 0 when they share a
        day: so if any event possibly overlaps ``x``'s possible span, the
        result is every such event. Empty only for an empty timeline.
        """
        from timeline.index import Probe

        probe = Probe(_value_of(x))
        return self._view(self.index.nearest(probe.lo, probe.hi))

    def first(self) -> Event | None:
        """The first event in the display order, or ``None`` for an empty timeline.

        There is no ``certain=`` here: the display order is not a claim that
        the first event happened first. Ask ``before(x, certain=True)`` or
        :meth:`network` (``linear_order()``) for chronology.
        """
        for event in self:
            return event
        return None

    def last(self) -> Event | None:
        """The last event in the display order (see :meth:`first`), or ``None``."""
        if not len(self):
            return None
        if self._positions is None:
            return self._store.events[-1]
        return self._store.events[int(self._positions[-1])]

    # -- grouping ----------------------------------------------------------------------
    def group_by(
        self,
        key: GroupKey,
        *,
        calendar: FiscalCalendar = FiscalCalendar.US_FEDERAL,
        week_start: int = cal.MONDAY,
        max_groups: int = MAX_GROUPS,
        max_members: int = MAX_MEMBERS,
    ) -> dict[Extent | str, Group]:
        """Group the events by a calendar unit, or by kind or place, in order.

        ``key`` is ``"year"``, ``"quarter"``, ``"month"``, ``"week"`` (weeks
        starting on ``week_start``, Monday by default: ISO weeks),
        ``"fiscal-year"`` or ``"fiscal-quarter"`` (of ``calendar``),
        ``"kind"`` or ``"place"``. Returns a dict from each group's label to
        its :class:`Group`, only groups with events, in order: units in time
        order, labelled by the unit (an :class:`~timeline.Extent` such as
        ``FY2018``); kinds and places by name.

        For the units, an event is *possible* in every unit it possibly
        overlaps, so an event whose span straddles a boundary is listed in
        each unit it may fall in; it is *certain* in a unit when it
        certainly lies within it (so in one unit at most). An event with an
        open or unknown end is listed from its known end as far as the
        timeline's bounded extent goes: from the first to the last day that
        any of its events' dates names (see :func:`named_days`: the bounded
        ends of a date, and of its parts where it is unbounded). ``since
        2014`` in a timeline whose last named day is in 2019 is possible in
        2014 to 2019 and certain in none. An empty timeline has no groups.

        **Limits.** The cost is that of the groups made, not of the time
        between them: at its peak about 40 bytes per event listed in a group
        and 400 bytes per group. A grouping by a unit that would make more
        than ``max_groups`` groups (default :data:`MAX_GROUPS`, 100,000), or
        list more than ``max_members`` events in all its groups together
        (default :data:`MAX_MEMBERS`, 10,000,000), raises a
        :class:`~timeline.LimitError` before building anything (its
        ``filename`` is the call, ``group_by('week')``); pass larger limits
        to allow it. Both count the units each event's possible days touch:
        an event over years 1–9999 touches 521,723 weeks. The largest
        grouping the defaults allow peaks at about 400 MB. Headings need no
        limit: :meth:`placements` names each event's first and last units.

        For ``"kind"`` and ``"place"`` possible and certain are the same: an
        event is in its kind's group, and in the group of each of its places
        (events without a place in the group ``""``, last). The limits do
        not apply to them: they make at most one group per event and place.
        """
        if key not in _KEYS:
            raise ConstraintError(f"group_by() takes one of {', '.join(_KEYS)}, not {key!r}")
        _check_unit_options(calendar, week_start)
        _check_limit("max_groups", max_groups)
        _check_limit("max_members", max_members)
        if key == "kind":
            return self._group_by_names(lambda e: (e.kind,))
        if key == "place":
            return self._group_by_names(lambda e: e.places or ("",))
        return self._group_by_time(key, _Units(key, calendar, week_start), max_groups, max_members)

    def placements(
        self,
        key: Literal["year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter"],
        *,
        calendar: FiscalCalendar = FiscalCalendar.US_FEDERAL,
        week_start: int = cal.MONDAY,
        head: int = 4,
    ) -> tuple[Placement, ...]:
        """Where each event falls among the units of ``key``, without listing every unit.

        One :class:`Placement` per event, in display order: the units it is
        possible in by :meth:`group_by` (same ``key``, ``calendar`` and
        ``week_start``), the first ``head`` of them in time order and, when
        there are more, the last. What headings need: an event over years
        1–9999 costs its first and last weeks, not the half million between,
        so there is no limit to reach. ``O(n · head)`` in time and memory for
        ``n`` events, plus the runs of days of vague dates made of several
        (``[2015, 2019]``). An event in no unit (a date ``relate`` finds no
        relation for) has no units. A ``head`` below 1, or a key that is not
        a unit of time, is a :class:`~timeline.ConstraintError`.
        """
        if key not in _TIME_KEYS:
            raise ConstraintError(f"placements() takes one of {', '.join(_TIME_KEYS)}, not {key!r}")
        _check_unit_options(calendar, week_start)
        if isinstance(head, bool) or not isinstance(head, int) or head < 1:
            raise ConstraintError(f"head is an int of at least 1, not {head!r}")
        import numpy as np

        from timeline.index import _expand

        units = _Units(key, calendar, week_start)
        ranges = self._unit_ranges(units)
        owner, u0, u1, known = ranges
        if not len(owner):
            return tuple(Placement(event, (), None) for event in self)
        # Every unit of a known range is possible: such a range needs only its first `head`
        # units and its last. The other ranges are short: one unit of a definite date, a
        # vague date's few units, or one unit where a run of its days starts or ends.
        counts = u1 - u0 + 1
        front = np.where(known, np.minimum(counts, head), counts)
        back = known & (counts > head)
        pair_pos = np.concatenate([np.repeat(owner, front), owner[back]])
        pair_unit = np.concatenate([_expand(u0, front), u1[back]])
        free = np.concatenate([np.repeat(known, front), known[back]])
        possible = free.copy()
        possible[~free], _ = self._decide_units(
            units, pair_pos[~free], pair_unit[~free], certain=False
        )
        pair_pos, pair_unit = pair_pos[possible], pair_unit[possible]
        order = np.lexsort((pair_unit, pair_pos))
        pair_pos, pair_unit = pair_pos[order], pair_unit[order]
        distinct = np.unique(pair_unit)
        labels = units.labels(distinct)
        label_of: list[int] = np.searchsorted(distinct, pair_unit).tolist()
        by_position: dict[int, list[int]] = {}
        for p, u in zip(pair_pos.tolist(), label_of, strict=True):
            by_position.setdefault(p, []).append(u)
        positions = self._iter_positions()
        events = self._store.iter_events(positions)
        out: list[Placement] = []
        for p, event in zip(positions, events, strict=True):
            found = by_position.get(p, [])
            first = tuple(labels[u] for u in found[:head])
            last = labels[found[-1]] if len(found) > head else None
            out.append(Placement(event, first, last))
        return tuple(out)

    def _group_by_names(self, names: Callable[[Event], Iterable[str]]) -> dict[Extent | str, Group]:
        import numpy as np

        found: dict[str, list[int]] = {}
        positions = self._iter_positions()
        events = self._store.iter_events(positions)
        for p, event in zip(positions, events, strict=True):
            for name in names(event):
                found.setdefault(name, []).append(p)
        out: dict[Extent | str, Group] = {}
        for name in sorted(found, key=lambda s: (s == "", s)):
            t = self._view(np.array(found[name], dtype=np.int64))
            out[name] = Group(name, t, t)
        return out

    def _bounded_extent(self) -> tuple[int, int] | None:
        """The first and last days any event's date names, or None for an empty timeline.

        See :func:`named_days`; a date bounded on both sides names its hull's ends.
        """
        import numpy as np

        from timeline.index import NO_END, NO_START

        spans = self._store.spans
        p = self._positions_array()
        lo, hi = spans.lo[p], spans.hi[p]
        days = [lo[lo != NO_START], hi[hi != NO_END]]
        values = self._store.values
        unbounded = p[(lo == NO_START) | (hi == NO_END)].tolist()
        named = [d for q in unbounded for d in named_days(values[q])]
        days.append(np.array(named, dtype=np.int64))
        every = np.concatenate(days)
        if not len(every):
            return None
        return int(every.min()), int(every.max())

    def _unit_ranges(self, units: _Units) -> tuple[Positions, Positions, Positions, Bools]:
        """The candidate units of each event: ``(position, first unit, last unit, known)``.

        Ranges ascending by position, and by unit within one; the ranges of
        one event share no unit. Every unit an event is possible in lies in
        one of its ranges: the units its possible days touch, within the
        bounded extent. A definite date, or one vague run, is one range of
        exactly its units.

        ``known`` marks ranges whose units need no decision: the event is
        possible in each (it possibly covers a day of it) and certain in
        none (some reading of it covers days outside). Those are a definite
        run over several units, and the units strictly inside a run of days
        a vague event possibly covers (:meth:`Spans.covered
        <timeline.index.Spans.covered>`), where readings cover days on both
        sides. They keep a grouping's cost at a few operations per event in a
        group, and a vague event over ten millennia from costing a call of
        ``relate`` per unit.
        """
        import numpy as np

        from timeline.index import SIMPLE

        pos = self._positions_array()
        extent = self._bounded_extent()
        if extent is None:
            return pos[:0], pos[:0], pos[:0], np.zeros(0, dtype=np.bool_)
        span_lo, span_hi = extent
        store = self._store
        spans = store.spans
        clo = np.maximum(spans.lo[pos], span_lo)
        chi = np.minimum(spans.hi[pos], span_hi)
        u0, u1 = units.of(clo), units.of(chi)
        simple = spans.kind[pos] == SIMPLE
        wide = np.flatnonzero(~simple & (u1 - u0 >= _FEW_UNITS))
        known = simple & (u1 > u0)
        if not len(wide):
            return pos, u0, u1, known
        owners: list[int] = []
        firsts: list[int] = []
        lasts: list[int] = []
        knowns: list[bool] = []
        for i in wide.tolist():
            # A value relate() cannot read raises here what deciding any unit would raise.
            run_lo, run_hi = spans.covered(pos[i : i + 1], store.values)
            p = int(pos[i])
            u1[i] = u0[i] - 1  # replaced by the runs' units below
            run_lo = np.maximum(run_lo, span_lo)
            run_hi = np.minimum(run_hi, span_hi)
            ok = run_lo <= run_hi
            a: list[int] = units.of(run_lo[ok]).tolist()
            b: list[int] = units.of(run_hi[ok]).tolist()
            for first, last, inside in _split_runs(a, b):
                owners.append(p)
                firsts.append(first)
                lasts.append(last)
                knowns.append(inside)
        keep = u0 <= u1
        owner = np.concatenate([pos[keep], np.array(owners, dtype=np.int64)])
        first_unit = np.concatenate([u0[keep], np.array(firsts, dtype=np.int64)])
        last_unit = np.concatenate([u1[keep], np.array(lasts, dtype=np.int64)])
        known = np.concatenate([known[keep], np.array(knowns, dtype=np.bool_)])
        order = np.lexsort((first_unit, owner))
        return owner[order], first_unit[order], last_unit[order], known[order]

    def _decide_units(
        self,
        units: _Units,
        pair_pos: Positions,
        pair_unit: Positions,
        *,
        certain: bool,
        table: _UnitTable | None = None,
    ) -> tuple[Bools, Bools]:
        """Is each event possibly in its unit, and (when ``certain``) certainly within it?"""
        import numpy as np

        from timeline.index import Test

        store = self._store
        spans = store.spans
        if table is None:
            s2, e2 = units.first(pair_unit), units.first(pair_unit + 1)
        else:
            s2, e2 = table.bounds(pair_unit)
        labels: dict[int, Extent] = {}

        def window(i: int) -> TimeValue:
            u = int(pair_unit[i])
            found = labels.get(u)
            if found is None:
                found = labels[u] = units.labels(pair_unit[i : i + 1])[0]
            return found

        possible, _ = spans.decide_windows(pair_pos, s2, e2, Test.OVERLAPPING, store.values, window)
        if not certain:
            return possible, np.zeros(len(possible), dtype=np.bool_)
        _, sure = spans.decide_windows(pair_pos, s2, e2, Test.WITHIN, store.values, window)
        return possible, sure

    def _decide_ranges(
        self,
        units: _Units,
        ranges: tuple[Positions, Positions, Positions, Bools],
        max_members: int,
        place: tuple[str, str],
        table: _UnitTable,
    ) -> tuple[Positions, Positions, Bools]:
        """The (position, unit, certain) of every candidate pair the event is possible in.

        Ascending by position. Refuses with a LimitError, before making the
        pairs, when there are more than ``max_members``; decides them a
        bounded batch at a time.
        """
        import numpy as np

        from timeline.index import _expand

        owner, u0, u1, known = ranges
        counts = u1 - u0 + 1
        members = int(counts.sum(dtype=np.float64))
        if members > max_members:
            raise _limit(
                *place,
                f"{members:,} events in its groups, more than max_members={max_members:,}",
                "max_members",
            )
        cum = np.cumsum(counts)
        bounds = np.unique(np.searchsorted(cum, np.arange(0, members, _PAIRS_AT_ONCE), "right"))
        kept_pos: list[Positions] = []
        kept_unit: list[Positions] = []
        kept_certain: list[Bools] = []
        for start, end in zip(bounds.tolist(), [*bounds[1:].tolist(), len(counts)], strict=True):
            part = slice(start, end)
            pair_pos = np.repeat(owner[part], counts[part])
            pair_unit = _expand(u0[part], counts[part])
            free = np.repeat(known[part], counts[part])
            possible = free.copy()
            sure = np.zeros(len(free), dtype=np.bool_)
            ask = ~free
            possible[ask], sure[ask] = self._decide_units(
                units, pair_pos[ask], pair_unit[ask], certain=True, table=table
            )
            kept_pos.append(pair_pos[possible])
            kept_unit.append(pair_unit[possible])
            kept_certain.append(sure[possible])
        return np.concatenate(kept_pos), np.concatenate(kept_unit), np.concatenate(kept_certain)

    def _group_by_time(
        self, key: str, units: _Units, max_groups: int, max_members: int
    ) -> dict[Extent | str, Group]:
        import numpy as np

        from timeline.index import _expand

        ranges = self._unit_ranges(units)
        _, u0, u1, _ = ranges
        if not len(u0):
            return {}
        # The units the ranges touch, each once, counted before any pair is made.
        order = np.argsort(u0, kind="stable")
        a, b = u0[order], u1[order]
        reach = np.maximum.accumulate(b)
        before = np.r_[a[0] - 1, reach[:-1]]
        groups = int(np.maximum(b - np.maximum(a - 1, before), 0).sum(dtype=np.float64))
        if groups > max_groups:
            raise _limit(
                "group_by",
                key,
                f"{groups:,} groups, more than max_groups={max_groups:,}",
                "max_groups",
            )
        new = np.flatnonzero(a > before)
        firsts, lasts = a[new], reach[np.r_[new[1:], len(a)] - 1]
        table = _UnitTable(units, _expand(firsts, lasts - firsts + 1))
        pair_pos, pair_unit, certain = self._decide_ranges(
            units, ranges, max_members, ("group_by", key), table
        )
        # Stable: the pairs come by position, so each unit keeps its events in order.
        order = np.argsort(pair_unit, kind="stable")
        pair_pos, pair_unit, certain = pair_pos[order], pair_unit[order], certain[order]
        if not len(pair_unit):
            return {}
        starts = np.flatnonzero(np.r_[True, pair_unit[1:] != pair_unit[:-1]])
        labels = units.labels(pair_unit[starts])
        sure_counts: list[int] = np.add.reduceat(certain, starts).tolist()
        bounds: list[int] = [*starts.tolist(), len(pair_unit)]
        # Most units of a long grouping hold nothing for certain: they share one empty view.
        none = self._view(pair_pos[:0])
        out: dict[Extent | str, Group] = {}
        for i, label in enumerate(labels):
            unit_pos = pair_pos[bounds[i] : bounds[i + 1]]
            if sure_counts[i]:
                sure = self._view(unit_pos[certain[bounds[i] : bounds[i + 1]]])
            else:
                sure = none
            out[label] = Group(label, sure, self._view(unit_pos))
        return out

    # -- relations between events ------------------------------------------------------
    def relate(self, a_id: str, b_id: str) -> Relations:
        """The relations of event ``a_id`` to event ``b_id`` that their dates allow.

        By dates alone, as :func:`timeline.relate`; :meth:`network` adds the
        relations sources assert.
        """
        from timeline.relations import relate

        return relate(self[a_id].when, self[b_id].when)

    def relation_matrix(self) -> RelationMatrix:
        """The relations the dates allow between every pair of events, as one matrix.

        Labels are the event ids in display order; the diagonal is
        ``equals`` (an event is itself). ``O(n²)`` memory and time: for a few
        thousand events (definite dates are related in one vectorised step).
        """
        import numpy as np

        from timeline.index import SIMPLE, definite_relations
        from timeline.relations import Relation, relate

        store = self._store
        spans = store.spans
        pos = self._positions_array()
        n = len(pos)
        bits = np.zeros((n, n), dtype=np.uint16)
        simple = np.flatnonzero(spans.kind[pos] == SIMPLE)
        s = spans.lo[pos[simple]]
        e = spans.hi[pos[simple]] + 1
        bits[np.ix_(simple, simple)] = definite_relations(
            s[:, None], e[:, None], s[None, :], e[None, :]
        )
        other = np.flatnonzero(spans.kind[pos] != SIMPLE).tolist()
        values = store.values
        pos_list: list[int] = pos.tolist()
        for i in other:
            a = values[pos_list[i]]
            for j in range(n):
                if j == i or (j in other and j < i):
                    continue
                rel = relate(a, values[pos_list[j]])
                bits[i, j] = rel.bits
                bits[j, i] = rel.converse().bits
        np.fill_diagonal(bits, 1 << Relation.EQUALS)
        labels = tuple(store.ids_at(pos).tolist())
        return RelationMatrix(labels, bits)

    def network(self) -> Network:
        """The constraint network of the events' dates and the relations sources assert.

        Every event's ``when`` by its id, plus this timeline's
        :attr:`relations` as assertions (each with its quote as the reason),
        closed under path consistency. Raises
        :class:`~timeline.InconsistentError` when they contradict.
        """
        from timeline.network import Assertion, Network

        assertions = [
            Assertion(
                c.a,
                c.relations,
                c.b,
                c.citation.quote if c.citation is not None else "asserted by a source",
            )
            for c in self.relations
        ]
        return Network.from_values({e.id: e.when for e in self}, assertions)

    def concurrent(self, *, certain: bool = False) -> list[Timeline]:
        """Clusters of events that overlap: possibly (by default) or certainly.

        Two events are linked when they possibly (certainly) share time, as
        :meth:`overlapping` decides; a cluster is a connected group of
        linked events, so its events need not all overlap each other. Only
        clusters of two or more events are returned, each in display order,
        ordered by their first event. A sweep over the possible spans finds
        them in ``O(n log n)`` for definite dates; vague ones add their
        candidates from the index.
        """
        import numpy as np

        from timeline.index import _BIG, SHAPED, SIMPLE, Test

        store = self._store
        spans, values = store.spans, store.values
        pos = self._positions_array()
        m = len(pos)
        if m < 2:
            return []
        kind, lo, hi = spans.kind[pos], spans.lo[pos], spans.hi[pos]
        parent = list(range(m))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)

        simple = np.flatnonzero(kind == SIMPLE)
        if len(simple):
            order = simple[np.argsort(lo[simple], kind="stable")]
            reach = np.maximum.accumulate(hi[order])
            new = np.r_[True, lo[order][1:] > reach[:-1]]
            heads = order[np.maximum.accumulate(np.where(new, np.arange(len(order)), 0))]
            for i, head in zip(order.tolist(), heads.tolist(), strict=True):
                if i != head:
                    union(i, head)

        def local(q: Positions) -> Positions:
            return q if self._positions is None else np.searchsorted(pos, q)

        cache: dict[tuple[TimeValue, TimeValue], int] = {}
        yes = Test.OVERLAPPING.bits
        from timeline.relations import relate

        for i in np.flatnonzero(kind != SIMPLE).tolist():
            p = int(pos[i])
            candidates = self.index.overlapping(int(lo[i]), int(hi[i]))
            rest = candidates
            if kind[i] == SHAPED:
                ck = spans.kind[candidates]
                plain = (
                    (ck == SIMPLE) & (spans.lo[candidates] > -_BIG) & (spans.hi[candidates] < _BIG)
                )
                others = candidates[plain]
                if len(others):
                    possible, sure = spans.shaped_against_simple(p, others, Test.OVERLAPPING)
                    linked = others[sure if certain else possible]
                    for j in np.unique(local(linked)).tolist():
                        union(i, int(j))
                rest = candidates[~plain]
            rest_local: list[int] = np.asarray(local(rest)).tolist()
            for c, j in zip(rest.tolist(), rest_local, strict=True):
                if c == p or (kind[j] != SIMPLE and j < i) or find(i) == find(j):
                    continue
                pair = (values[p], values[c])
                bits = cache.get(pair)
                if bits is None:
                    bits = cache[pair] = relate(*pair).bits
                linked_now = (bits != 0 and not bits & ~yes) if certain else bool(bits & yes)
                if linked_now:
                    union(i, j)
        roots = np.array([find(i) for i in range(m)], dtype=np.int64)
        order = np.argsort(roots, kind="stable")
        cuts = np.flatnonzero(np.diff(roots[order])) + 1
        groups = [g for g in np.split(order, cuts) if len(g) > 1]
        groups.sort(key=lambda g: int(g[0]))
        return [self._view(pos[g]) for g in groups]

    def gaps(self) -> tuple[Period, ...]:
        """Runs of days on which no event possibly happens, in order.

        Between the first and the last day that any event names (its
        bounded extent, as for :meth:`group_by`): each gap is a
        :class:`~timeline.Period` of days, both ends included, on which
        :meth:`at` would find no event. Empty for an empty timeline.
        """
        import numpy as np

        extent = self._bounded_extent()
        if extent is None:
            return ()
        span_lo, span_hi = extent
        store = self._store
        firsts, lasts = store.spans.covered(self._positions_array(), store.values)
        firsts = np.maximum(firsts, span_lo)
        lasts = np.minimum(lasts, span_hi)
        keep = firsts <= lasts
        firsts, lasts = firsts[keep], lasts[keep]
        order = np.argsort(firsts, kind="stable")
        firsts, lasts = firsts[order], lasts[order]
        # Covered through reach[i] before run i starts.
        reach = np.maximum.accumulate(np.r_[span_lo - 1, lasts])
        starts = np.r_[firsts, span_hi + 1]
        open_ = np.flatnonzero(starts > reach + 1)
        return tuple(
            Period(Extent.from_rd(int(reach[i]) + 1), Extent.from_rd(int(starts[i]) - 1))
            for i in open_.tolist()
        )

    def _minus(self, other: Timeline) -> Timeline:
        import numpy as np

        drop = other._positions_array()
        return self._view(np.setdiff1d(self._positions_array(), drop, assume_unique=True))


@attrs.frozen
class Group:
    """One group of :meth:`Timeline.group_by`: its label and its events.

    ``possible`` holds every event that may belong to the group, ``certain``
    those that belong to it whatever their vague dates turn out to be
    (always a part of ``possible``); :attr:`uncertain` the difference.
    """

    label: Extent | str
    certain: Timeline
    possible: Timeline

    @property
    def uncertain(self) -> Timeline:
        """The events that may or may not belong to the group."""
        return self.possible._minus(self.certain)


@attrs.frozen
class Placement:
    """Where one event falls among the units of a grouping: :meth:`Timeline.placements`.

    ``first`` holds the first units the event is possible in (at most
    ``head`` of them), in time order; ``last`` the last such unit when there
    are more than ``head``, else ``None``. An event in no unit has neither.
    """

    event: Event
    first: tuple[Extent, ...]
    last: Extent | None


class RelationMatrix:
    """The relations between every pair of events, by dates: :meth:`Timeline.relation_matrix`.

    ``labels`` are the event ids in display order; ``bits[i, j]`` is
    :attr:`Relations.bits` of ``labels[i]`` to ``labels[j]`` (a read-only
    ``uint16`` array). ``m[a, b]`` is the :class:`~timeline.Relations` of
    event ``a`` to event ``b``.
    """

    __slots__ = ("_index", "bits", "labels")

    def __init__(self, labels: Sequence[str], bits: npt.NDArray[np.uint16]) -> None:
        self.labels = tuple(labels)
        self._index = {label: i for i, label in enumerate(self.labels)}
        bits.setflags(write=False)
        self.bits = bits

    def __getitem__(self, pair: tuple[str, str]) -> Relations:
        from timeline.relations import Relations

        a, b = pair
        try:
            i, j = self._index[a], self._index[b]
        except KeyError as error:
            raise UnknownEventError(error.args[0]) from None
        return Relations(int(self.bits[i, j]))

    def __len__(self) -> int:
        return len(self.labels)

    def pairs(self) -> Iterator[tuple[str, Relations, str]]:
        """Every pair ``(a, relations, b)`` with ``a`` before ``b`` in the labels' order."""
        from timeline.relations import Relations

        n = len(self.labels)
        for i in range(n):
            for j in range(i + 1, n):
                yield self.labels[i], Relations(int(self.bits[i, j])), self.labels[j]

    def __repr__(self) -> str:
        return f"<RelationMatrix of {len(self)} events>"


def named_days(value: TimeValue) -> list[int]:
    """The bounded days a date names, for the bounded extent of :meth:`Timeline.group_by`.

    The first and last days the date could cover; where either is
    unbounded, also the days its parts name (``[..2015, 2019..]`` names
    Dec 31, 2015 and Jan 1, 2019).
    """
    lo, hi = value.earliest_day, value.latest_day
    if lo is not None and hi is not None:
        return [lo, hi]
    out = [d for d in (lo, hi) if d is not None]
    if isinstance(value, OneOf | AllOf):
        for item in value.items:
            out.extend(named_days(item))
    elif isinstance(value, Period):
        for end in (value.start, value.end):
            if isinstance(end, TimeValue):
                out.extend(named_days(end))
    elif isinstance(value, Moment):
        out.extend(named_days(value.within))
    return out


_STRIDES: Final = {
    "year": 12,
    "quarter": 3,
    "month": 1,
    "week": 0,
    "fiscal-year": 12,
    "fiscal-quarter": 3,
}


class _Units:
    """The units of one time key, numbered so that consecutive units have consecutive numbers.

    A unit's number comes from its days by arithmetic alone, on whole arrays, so the cost is
    that of the days asked about and never of the span between them. Years, quarters and
    months, and their fiscal kin, count months since year 0 (``12 * year + month - 1``), a
    fiscal month starting on the calendar's start day; weeks count 7-day steps.
    """

    __slots__ = ("calendar", "day", "key", "month", "stride", "week_start")

    def __init__(self, key: str, calendar: FiscalCalendar, week_start: int) -> None:
        self.key = key
        self.calendar = calendar
        self.week_start = week_start
        fiscal = key in ("fiscal-year", "fiscal-quarter")
        self.stride: int = _STRIDES[key]
        self.month = calendar.start_month - 1 if fiscal else 0
        self.day = calendar.start_day - 1 if fiscal else 0

    def of(self, days: Positions) -> Positions:
        """The number of the unit holding each day."""
        if not self.stride:
            weeks: Positions = (days - 1 - self.week_start) // 7
            return weeks
        months, day_of_month = _civil(days)
        # Before its start day, a day belongs to the previous month's unit.
        months = months - (day_of_month <= self.day)
        units: Positions = (months - self.month) // self.stride
        return units

    def first(self, units: Positions) -> Positions:
        """The first day of each unit (so ``first(units + 1) - 1`` is the last)."""
        if not self.stride:
            days: Positions = units * 7 + 1 + self.week_start
            return days
        starts: Positions = _month_first(units * self.stride + self.month) + self.day
        return starts

    def labels(self, units: Positions) -> list[Extent]:
        """Each unit as the Extent that names it (``2017``, ``2017-W39``, ``FY2018`` ...)."""
        key = self.key
        numbers: list[int] = units.tolist()
        if key == "year":
            return [Extent.year(u) for u in numbers]
        if key == "quarter":
            return [Extent.quarter(u // 4, u % 4 + 1) for u in numbers]
        if key == "month":
            return [Extent.month(u // 12, u % 12 + 1) for u in numbers]
        firsts: list[int] = self.first(units).tolist()
        if key == "week":
            start = self.week_start
            return [Extent.week(*cal.week_of(d, start), start) for d in firsts]
        calendar = self.calendar
        if key == "fiscal-year":
            return [Extent.fiscal_year(calendar.year_of(d), calendar) for d in firsts]
        return [Extent.fiscal_quarter(*calendar.quarter_of(d), calendar) for d in firsts]


class _UnitTable:
    """The first and last days of a grouping's units, worked out once per unit.

    A long grouping asks for the same units once per event in them; looking them up costs
    less than the calendar arithmetic.
    """

    __slots__ = ("firsts", "nexts", "units")

    def __init__(self, units: _Units, every: Positions) -> None:
        self.units = every  # ascending, each once
        self.firsts = units.first(every)
        self.nexts = units.first(every + 1)

    def bounds(self, units: Positions) -> tuple[Positions, Positions]:
        """The first day of each unit, and the day after its last (all in the table)."""
        i = self.units.searchsorted(units)
        return self.firsts[i], self.nexts[i]


# The proleptic Gregorian calendar on arrays (the algorithms of H. Hinnant's
# "chrono-compatible low-level date algorithms"), counting from March so that the leap day
# ends a year: day 1 is 0001-01-01, as in timeline.calendar; months are 12 * year + month - 1.
def _civil(days: Positions) -> tuple[Positions, Positions]:
    """The month (``12 * year + month - 1``) and the day of the month of each day."""
    z = days + 305  # days since 0000-03-01
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1_460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    months: Positions = 12 * (yoe + era * 400) + mp + 2
    day_of_month: Positions = doy - (153 * mp + 2) // 5 + 1
    return months, day_of_month


def _month_first(months: Positions) -> Positions:
    """The first day of each month (``12 * year + month - 1``)."""
    march_year = (months - 2) // 12
    mp = (months - 2) % 12
    era = march_year // 400
    yoe = march_year - era * 400
    doe = 365 * yoe + yoe // 4 - yoe // 100 + (153 * mp + 2) // 5
    days: Positions = era * 146_097 + doe - 305
    return days


def _split_runs(firsts: list[int], lasts: list[int]) -> list[tuple[int, int, bool]]:
    """The units of runs ``firsts[i] .. lasts[i]``, each once: ``(first, last, inside)`` ranges.

    In order. The units where some run starts or ends come one to a range, ``inside`` false;
    ``inside`` marks the ranges between them that lie strictly inside some run.
    """
    runs = sorted(zip(firsts, lasts, strict=True))
    edges = sorted({*firsts, *lasts})
    out: list[tuple[int, int, bool]] = []
    i = 0
    reach = edges[0] - 1 if edges else 0  # the furthest unit of the runs begun so far
    for edge, after in zip(edges, [*edges[1:], None], strict=True):
        out.append((edge, edge, False))
        while i < len(runs) and runs[i][0] <= edge:
            reach = max(reach, runs[i][1])
            i += 1
        # No run starts between this edge and the next, so one begun here covers the gap.
        if after is not None and after - edge > 1 and reach >= after:
            out.append((edge + 1, after - 1, True))
    return out


def _check_unit_options(calendar: object, week_start: object) -> None:
    if not (isinstance(week_start, int) and 0 <= week_start <= 6):
        raise ConstraintError(f"week_start is a weekday 0–6 (0 is Monday), not {week_start!r}")
    if not isinstance(calendar, FiscalCalendar):
        raise ConstraintError(f"calendar must be a FiscalCalendar, not {calendar!r}")


def _check_limit(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConstraintError(f"{name} is an int of at least 1, not {value!r}")


def _limit(call: str, key: str, what: str, name: str) -> Exception:
    """The LimitError of a grouping: its place is the call, ``group_by('week')``."""
    from timeline.io.errors import LimitError

    return LimitError(f"{what} (pass a larger {name}= to allow it)", filename=f"{call}({key!r})")


# --------------------------------------------------------------------------------------
# The display order.


# a's relation to b when a starts no earlier than b does (as bits of Relations).
def _starts_no_earlier() -> Relations:
    from timeline.relations import Relation, Relations

    return Relations.of(
        Relation.STARTS,
        Relation.STARTED_BY,
        Relation.EQUALS,
        Relation.DURING,
        Relation.FINISHES,
        Relation.OVERLAPPED_BY,
        Relation.MET_BY,
        Relation.AFTER,
    )


def _display_order(items: list[Event], claims: Sequence[RelationClaim]) -> list[Event]:
    """``items`` by ``(sort_key(when), id)``, ties of first possible day broken by the claims.

    Events whose dates may start on the same first day keep the key's order,
    except that an event a claim (with what the dates allow) says starts no
    earlier than another comes after it: a reaction after what it reacts to,
    a correction after the story. Only the claims' own events move, never
    across a different first possible day, so the order stays total and
    deterministic; a cycle of such claims keeps the key's order.
    """
    items = _key_order(items)
    if not claims:
        return items
    from timeline.relations import relate

    no_earlier = _starts_no_earlier()
    by_id = {e.id: e for e in items}
    after: dict[str, set[str]] = {}  # b -> the events that must come after b
    for c in claims:
        a, b = by_id.get(c.a), by_id.get(c.b)
        if a is None or b is None or a is b:
            continue
        allowed = relate(a.when, b.when) & c.relations
        if allowed and not allowed.bits & ~no_earlier.bits:
            after.setdefault(b.id, set()).add(a.id)
    if not after:
        return items
    out: list[Event] = []
    i = 0
    while i < len(items):
        # one run of events with the same first possible moment
        first = sort_key(items[i].when)[0]
        j = i
        while j < len(items) and sort_key(items[j].when)[0] == first:
            j += 1
        out += _run_order(items[i:j], after)
        i = j
    return out


def taken_at(values: npt.NDArray[Any], positions: Positions) -> npt.NDArray[Any]:
    """``values[positions]`` for ascending, distinct ``positions`` (a view's).

    Positions that are one run (a query on a timeline in date order often
    gives one) are a slice of ``values``, sharing its memory, made without
    touching each value; any others are gathered into a new array.
    """
    n = len(positions)
    if n and int(positions[-1]) - int(positions[0]) == n - 1:
        first = int(positions[0])
        return values[first : first + n]
    return values[positions]


def value_ranks(values: Sequence[TimeValue]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each value's rank by ``sort_key`` (equal keys, one rank) and by its first moment alone."""
    import numpy as np

    keys = [sort_key(v) for v in values]
    rank = np.empty(len(values), dtype=np.int64)
    first_rank = np.empty(len(values), dtype=np.int64)
    previous: object = None
    previous_first: object = None
    r = f = -1
    for k in sorted(range(len(values)), key=keys.__getitem__):
        key = keys[k]
        if key != previous:
            r += 1
            previous = key
        if key[0] != previous_first:
            f += 1
            previous_first = key[0]
        rank[k] = r
        first_rank[k] = f
    return rank, first_rank


def _key_order(items: list[Event]) -> list[Event]:
    """``sorted(items, key=lambda e: (sort_key(e.when), e.id))``, with fewer comparisons.

    Each distinct date object is keyed once and its key ranked; the events are
    then sorted by id (skipped when they already are) and, stably, by rank:
    the same order, ties kept in the order given.
    """
    import numpy as np

    n = len(items)
    if n < 2:
        return list(items)
    ids = [e.id for e in items]
    seen: dict[int, int] = {}
    whens: list[TimeValue] = []
    codes = [0] * n
    for i, e in enumerate(items):
        when = e.when
        code = seen.get(id(when))  # the objects live while items does
        if code is None:
            code = seen[id(when)] = len(whens)
            whens.append(when)
        codes[i] = code
    rank, _ = value_ranks(whens)
    rows = rank[np.asarray(codes, dtype=np.int64)]
    if all(a <= b for a, b in itertools.pairwise(ids)):
        by_id = np.arange(n, dtype=np.int64)
    else:
        by_id = np.asarray(sorted(range(n), key=ids.__getitem__), dtype=np.int64)
    order = by_id[np.argsort(rows[by_id], kind="stable")]
    return [items[i] for i in order.tolist()]


def _run_order(run: list[Event], after: dict[str, set[str]]) -> list[Event]:
    """A stable topological order of ``run`` under ``after`` (key order among the free)."""
    if len(run) < 2:
        return run
    place = {e.id: k for k, e in enumerate(run)}
    indegree = [0] * len(run)
    succ: list[list[int]] = [[] for _ in run]
    for b, later in after.items():
        if b not in place:
            continue
        for a in later:
            if a in place:
                succ[place[b]].append(place[a])
                indegree[place[a]] += 1
    ready = [k for k in range(len(run)) if indegree[k] == 0]
    heapq.heapify(ready)
    done = [False] * len(run)
    order: list[int] = []
    while len(order) < len(run):
        if not ready:  # a cycle of claims: the first left in key order goes next
            ready.append(next(k for k in range(len(run)) if not done[k]))
        k = heapq.heappop(ready)
        if done[k]:
            continue
        done[k] = True
        order.append(k)
        for n in succ[k]:
            indegree[n] -= 1
            if indegree[n] == 0 and not done[n]:
                heapq.heappush(ready, n)
    return [run[k] for k in order]
