"""The Timeline: an immutable collection of events with their sources, and its queries.

Iteration follows one documented order: by :func:`timeline.sort_key` of each
event's ``when`` (earliest possible start first; for display, not a claim of
chronology), then by id. Look events up by id with ``t[id]``.

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

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

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

__all__ = ["Group", "GroupKey", "Query", "RelationMatrix", "Timeline"]

Query: TypeAlias = "TimeValue | Event | date | str"
"""What the time queries take: a time value, an event (its ``when``), a date or text."""

GroupKey: TypeAlias = Literal[
    "year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter", "kind", "place"
]
"""The keys :meth:`Timeline.group_by` groups by."""

_TIME_KEYS: Final = ("year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter")
_KEYS: Final = (*_TIME_KEYS, "kind", "place")
# The shortest unit of each key, in days, to refuse groupings that would make millions of groups.
_SHORTEST: Final = {
    "year": 365,
    "quarter": 90,
    "month": 28,
    "week": 7,
    "fiscal-year": 365,
    "fiscal-quarter": 89,
}
_MAX_GROUPS: Final = 5_000_000


class _Store:
    """What a timeline and all its views share: the events in order, and the arrays."""

    __slots__ = ("_spans", "_values", "claims", "events", "pos")

    def __init__(self, events: tuple[Event, ...], claims: tuple[RelationClaim, ...]) -> None:
        self.events = events
        self.pos = {e.id: i for i, e in enumerate(events)}
        self.claims = claims
        self._spans: Spans | None = None
        self._values: list[TimeValue] | None = None

    @property
    def values(self) -> list[TimeValue]:
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
        for event in items:
            if not isinstance(event, Event):
                raise ConstraintError(f"a timeline holds events, not {event!r}")
            if event.id in by_id:
                raise ConstraintError(f"two events have the id {event.id!r}")
            by_id[event.id] = event
        cited = {
            c.source.id: c.source
            for e in items
            for c in (*e.sources, *(m.citation for m in e.metrics))
        }
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
        items.sort(key=lambda e: (sort_key(e.when), e.id))
        self._store = _Store(tuple(items), claims)
        self._events = self._store.events
        self._positions = None
        self._sources = source_map
        self._title = title
        self._relations = claims
        self._index = None

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

        return np.arange(len(self._store.events), dtype=np.int64)

    def _iter_positions(self) -> Iterable[int]:
        if self._positions is None:
            return range(len(self._store.events))
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
            events = self._store.events
            self._events = tuple(events[p] for p in self._iter_positions())
        return self._events

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources, by id, in the order given."""
        return dict(self._sources)

    @property
    def relations(self) -> tuple[RelationClaim, ...]:
        """Relations between events that sources assert (those between this timeline's events)."""
        if self._relations is None:
            pos = self._store.pos
            self._relations = tuple(
                c for c in self._store.claims if self._has(pos[c.a]) and self._has(pos[c.b])
            )
        return self._relations

    def __iter__(self) -> Iterator[Event]:
        if self._events is not None:
            return iter(self._events)
        events = self._store.events
        return (events[p] for p in self._iter_positions())

    def __len__(self) -> int:
        if self._positions is None:
            return len(self._store.events)
        return len(self._positions)

    def _position_of(self, event_id: object) -> int | None:
        if not isinstance(event_id, str):
            return None
        p = self._store.pos.get(event_id)
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

    def __repr__(self) -> str:
        title = f" {self._title!r}" if self._title else ""
        return f"<Timeline{title} of {len(self)} events from {len(self._sources)} sources>"

    # -- filters -----------------------------------------------------------------------
    def where(self, predicate: Callable[[Event], object]) -> Timeline:
        """The events for which ``predicate(event)`` is true, in order."""
        import numpy as np

        events = self._store.events
        keep = [p for p in self._iter_positions() if predicate(events[p])]
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

        For ``"kind"`` and ``"place"`` possible and certain are the same: an
        event is in its kind's group, and in the group of each of its places
        (events without a place in the group ``""``, last).
        """
        if key not in _KEYS:
            raise ConstraintError(f"group_by() takes one of {', '.join(_KEYS)}, not {key!r}")
        if not (isinstance(week_start, int) and 0 <= week_start <= 6):
            raise ConstraintError(f"week_start is a weekday 0–6 (0 is Monday), not {week_start!r}")
        if not isinstance(calendar, FiscalCalendar):
            raise ConstraintError(f"calendar must be a FiscalCalendar, not {calendar!r}")
        if key == "kind":
            return self._group_by_names(lambda e: (e.kind,))
        if key == "place":
            return self._group_by_names(lambda e: e.places or ("",))
        return self._group_by_time(key, calendar, week_start)

    def _group_by_names(self, names: Callable[[Event], Iterable[str]]) -> dict[Extent | str, Group]:
        import numpy as np

        found: dict[str, list[int]] = {}
        events = self._store.events
        for p in self._iter_positions():
            for name in names(events[p]):
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

    def _group_by_time(
        self, key: str, calendar: FiscalCalendar, week_start: int
    ) -> dict[Extent | str, Group]:
        import numpy as np

        from timeline.index import Test, _expand

        extent = self._bounded_extent()
        if extent is None:
            return {}
        span_lo, span_hi = extent
        if (span_hi - span_lo) // _SHORTEST[key] > _MAX_GROUPS:
            raise ConstraintError(
                f"the events span {span_hi - span_lo + 1} days: too many {key} groups"
            )
        firsts: list[int] = []
        lasts: list[int] = []
        parts: list[tuple[int, ...]] = []
        rd = span_lo
        while rd <= span_hi:
            part, first, last = _unit_at(key, rd, calendar, week_start)
            parts.append(part)
            firsts.append(first)
            lasts.append(last)
            rd = last + 1
        ufirst = np.array(firsts, dtype=np.int64)
        ulast = np.array(lasts, dtype=np.int64)
        labels: dict[int, Extent] = {}

        def label(u: int) -> Extent:
            found = labels.get(u)
            if found is None:
                found = labels[u] = _unit_label(key, parts[u], calendar, week_start)
            return found

        store = self._store
        spans = store.spans
        pos = self._positions_array()
        clo = np.maximum(spans.lo[pos], span_lo)
        chi = np.minimum(spans.hi[pos], span_hi)
        u0 = np.searchsorted(ufirst, clo, side="right") - 1
        u1 = np.searchsorted(ufirst, chi, side="right") - 1
        counts = u1 - u0 + 1
        pair_pos = np.repeat(pos, counts)
        pair_unit = _expand(u0, counts)
        s2, e2 = ufirst[pair_unit], ulast[pair_unit] + 1

        def window(i: int) -> TimeValue:
            return label(int(pair_unit[i]))

        possible, _ = spans.decide_windows(pair_pos, s2, e2, Test.OVERLAPPING, store.values, window)
        _, certain = spans.decide_windows(pair_pos, s2, e2, Test.WITHIN, store.values, window)
        keep = possible
        pair_pos, pair_unit, certain = pair_pos[keep], pair_unit[keep], certain[keep]
        order = np.lexsort((pair_pos, pair_unit))
        pair_pos, pair_unit, certain = pair_pos[order], pair_unit[order], certain[order]
        cuts = np.flatnonzero(np.diff(pair_unit)) + 1
        out: dict[Extent | str, Group] = {}
        for unit_pos, unit_certain, unit in zip(
            np.split(pair_pos, cuts),
            np.split(certain, cuts),
            np.split(pair_unit, cuts),
            strict=True,
        ):
            if not len(unit):
                continue
            out[label(int(unit[0]))] = Group(
                label(int(unit[0])),
                self._view(unit_pos[unit_certain].copy()),
                self._view(unit_pos.copy()),
            )
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
        labels = tuple(store.events[p].id for p in pos_list)
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


def _unit_at(
    key: str, rd: int, calendar: FiscalCalendar, week_start: int
) -> tuple[tuple[int, ...], int, int]:
    """The unit of ``key`` holding day ``rd``: its numbers, and its first and last days."""
    if key == "year":
        y = cal.from_rd(rd)[0]
        return (y,), *cal.year_bounds(y)
    if key == "month":
        y, m, _ = cal.from_rd(rd)
        return (y, m), *cal.month_bounds(y, m)
    if key == "quarter":
        y, m, _ = cal.from_rd(rd)
        q = (m - 1) // 3 + 1
        return (y, q), *cal.quarter_bounds(y, q)
    if key == "week":
        wy, wk = cal.week_of(rd, week_start)
        return (wy, wk), *cal.week_bounds(wy, wk, week_start)
    if key == "fiscal-year":
        fy = calendar.year_of(rd)
        return (fy,), *calendar.bounds(fy)
    fy, fq = calendar.quarter_of(rd)
    return (fy, fq), *calendar.quarter_bounds(fy, fq)


def _unit_label(
    key: str, part: tuple[int, ...], calendar: FiscalCalendar, week_start: int
) -> Extent:
    if key == "year":
        return Extent.year(part[0])
    if key == "month":
        return Extent.month(part[0], part[1])
    if key == "quarter":
        return Extent.quarter(part[0], part[1])
    if key == "week":
        return Extent.week(part[0], part[1], week_start)
    if key == "fiscal-year":
        return Extent.fiscal_year(part[0], calendar)
    return Extent.fiscal_quarter(part[0], part[1], calendar)
