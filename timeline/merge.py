"""Two timelines compared and joined: what one adds, removes and changes, and their union.

::

    >>> d = diff(before, after)
    >>> [e.id for e in d.added], [c.id for c in d.changed]
    (['new-event'], ['safe-city-operation'])
    >>> d.changed[0].changes
    (Change(path='when', old='2017-09', new='2017-09-24/2017-09-27'),)
    >>> union(before, extra)            # every event of both, each once
    <Timeline ...>

Both compare *records*: the plain data a timeline file holds
(:func:`timeline.io.to_records`), so a change is named by its place in the
file (``when``, ``metrics[0].value``, ``basis.derived``) and shown as the
file writes it (``'2017-09'``, ``45``, ``Decimal('9.5')``). Events and
sources are matched by id; relation claims by their whole record.

:func:`union` never chooses between two versions of one thing: the same id
with different content in the two timelines (an event, a source, a metric id
on two different events) is a conflict, and every conflict is raised at once
in a :class:`MergeConflictError`. Things that are equal in both are kept once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal

import attrs

from timeline.collection import Timeline
from timeline.errors import TimelineError
from timeline.events import Event, RelationClaim, Source

__all__ = ["Change", "Changed", "Conflict", "Diff", "MergeConflictError", "diff", "union"]

_ABSENT: Final = None


@attrs.frozen
class Change:
    """One value that differs: ``path`` in the record, its ``old`` and ``new`` plain values.

    ``path`` is relative to the record (``when``, ``metrics[0].value``,
    ``sources[1].quote``); the title of a timeline is ``title``. ``None``
    stands for a value that is absent on that side (a file never holds
    ``None`` itself: absent fields take their defaults).
    """

    path: str
    old: Any
    new: Any


@attrs.frozen
class Changed:
    """An event or source with the same id in both timelines and different content."""

    id: str
    changes: tuple[Change, ...]


@attrs.frozen
class Diff:
    """What turns timeline ``a`` into timeline ``b`` (see :func:`diff`).

    ``added`` are the events of ``b`` whose id ``a`` lacks (in ``b``'s
    order), ``removed`` the events of ``a`` whose id ``b`` lacks (in ``a``'s
    order), ``changed`` the events of both whose records differ (in ``a``'s
    order). The same for sources, and for relation claims, which have no id:
    a claim is added or removed as a whole. ``title`` is the change of title,
    or ``None``. A ``Diff`` is false when the timelines are equal.
    """

    added: tuple[Event, ...] = ()
    removed: tuple[Event, ...] = ()
    changed: tuple[Changed, ...] = ()
    sources_added: tuple[Source, ...] = ()
    sources_removed: tuple[Source, ...] = ()
    sources_changed: tuple[Changed, ...] = ()
    relations_added: tuple[RelationClaim, ...] = ()
    relations_removed: tuple[RelationClaim, ...] = ()
    title: Change | None = None

    def __bool__(self) -> bool:
        return any(
            (
                self.added,
                self.removed,
                self.changed,
                self.sources_added,
                self.sources_removed,
                self.sources_changed,
                self.relations_added,
                self.relations_removed,
                self.title,
            )
        )


@attrs.frozen
class Conflict:
    """An id the two timelines give different content: ``what`` it names and how they differ.

    ``what`` is ``"event"``, ``"source"`` or ``"metric"`` (a metric id held
    by different events in the two timelines); ``paths`` are the places
    that differ (:attr:`Change.path`), for a metric the two events' ids.
    """

    what: Literal["event", "source", "metric"]
    id: str
    paths: tuple[str, ...]

    def __str__(self) -> str:
        if self.what == "metric":
            a, b = self.paths
            return f"metric {self.id!r}: on event {a!r} in one timeline, {b!r} in the other"
        return f"{self.what} {self.id!r}: the timelines differ in {', '.join(self.paths)}"


class MergeConflictError(TimelineError, ValueError):
    """The timelines give one id different content; ``conflicts`` lists every such id.

    ``str(error)`` names them all in one line.
    """

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        names = "; ".join(str(c) for c in self.conflicts)
        count = len(self.conflicts)
        super().__init__(f"{count} conflicting id{'s' if count != 1 else ''}: {names}")


def _records(t: Timeline) -> dict[str, Any]:
    from timeline.io import to_records

    return to_records(t)


def _changes(path: str, old: Any, new: Any, out: list[Change]) -> None:
    """Append to ``out`` the places where plain values ``old`` and ``new`` differ."""
    if old == new and type(old) is type(new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        keys = [*old, *(k for k in new if k not in old)]
        for key in keys:
            _changes(f"{path}.{key}" if path else key, old.get(key), new.get(key), out)
        return
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (x, y) in enumerate(zip(old, new, strict=True)):
            _changes(f"{path}[{i}]", x, y, out)
        return
    out.append(Change(path, old, new))


def _compare(
    old: Mapping[str, tuple[Any, dict[str, Any]]], new: Mapping[str, tuple[Any, dict[str, Any]]]
) -> tuple[list[Any], list[Any], list[Changed]]:
    """Added, removed and changed items of two ``{id: (object, record)}`` mappings."""
    added = [item for key, (item, _) in new.items() if key not in old]
    removed = [item for key, (item, _) in old.items() if key not in new]
    changed = []
    for key, (_, record) in old.items():
        if key in new:
            found: list[Change] = []
            _changes("", record, new[key][1], found)
            if found:
                changed.append(Changed(key, tuple(found)))
    return added, removed, changed


def _by_id(items: Iterable[Any], records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {item.id: (item, record) for item, record in zip(items, records, strict=True)}


def _canonical(record: Any) -> str:
    return json.dumps(record, sort_keys=True, default=repr, ensure_ascii=False)


def diff(a: Timeline, b: Timeline) -> Diff:
    """What differs from ``a`` to ``b``: events, sources and relation claims, field by field.

    ``diff(a, b)`` is false exactly when ``a == b``. Raises
    :class:`~timeline.io.DumpError` when either timeline cannot be written
    as a file (see :func:`timeline.io.to_records`): the records are what is
    compared.
    """
    if not isinstance(a, Timeline) or not isinstance(b, Timeline):
        raise TypeError(f"diff compares two Timelines, not {a!r} and {b!r}")
    ra, rb = _records(a), _records(b)
    added, removed, changed = _compare(
        _by_id(a.events, ra.get("events", ())), _by_id(b.events, rb.get("events", ()))
    )
    s_added, s_removed, s_changed = _compare(
        _by_id(a.sources.values(), ra.get("sources", ())),
        _by_id(b.sources.values(), rb.get("sources", ())),
    )
    claims_a = [_canonical(r) for r in ra.get("relations", ())]
    claims_b = [_canonical(r) for r in rb.get("relations", ())]
    in_a, in_b = set(claims_a), set(claims_b)
    title = None if a.title == b.title else Change("title", a.title or None, b.title or None)
    return Diff(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        sources_added=tuple(s_added),
        sources_removed=tuple(s_removed),
        sources_changed=tuple(s_changed),
        relations_added=tuple(
            c for c, k in zip(b.relations, claims_b, strict=True) if k not in in_a
        ),
        relations_removed=tuple(
            c for c, k in zip(a.relations, claims_a, strict=True) if k not in in_b
        ),
        title=title,
    )


def union(a: Timeline, b: Timeline, *, title: str | None = None) -> Timeline:
    """Every event, source and relation claim of ``a`` and ``b``, each once.

    An event or source whose id is in both is kept once when its record is
    the same in both; when it differs, or when a metric id is held by
    different events in the two, nothing is merged: a
    :class:`MergeConflictError` lists every conflict (events, then sources,
    then metrics, each in ``a``'s order). Relation claims equal in both are
    kept once. The title is ``title`` when given, else ``a``'s, else ``b``'s.
    ``union(a, a) == a``, and ``union(a, b)`` holds the same events, sources
    and claims as ``union(b, a)``.

    Raises :class:`~timeline.io.DumpError` when either timeline cannot be
    written as a file (see :func:`diff`).
    """
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be text, not {title!r}")
    d = diff(a, b)
    conflicts = [Conflict("event", c.id, tuple(x.path for x in c.changes)) for c in d.changed]
    conflicts += [
        Conflict("source", c.id, tuple(x.path for x in c.changes)) for c in d.sources_changed
    ]
    events = [*a.events, *d.added]
    conflicts += _metric_conflicts(a, d.added)
    if conflicts:
        raise MergeConflictError(conflicts)
    sources = [*a.sources.values(), *d.sources_added]
    claims = [*a.relations, *d.relations_added]
    name = title if title is not None else a.title or b.title
    return Timeline(events, sources=sources, title=name, relations=claims)


def _metric_conflicts(a: Timeline, added: Iterable[Event]) -> list[Conflict]:
    """The metric ids of events ``added`` to ``a`` that an event of ``a`` holds already."""
    holders = {m.id: e.id for e in a.events for m in e.metrics if m.id}
    found = []
    for event in added:
        for metric in event.metrics:
            if metric.id and metric.id in holders:
                found.append(Conflict("metric", metric.id, (holders[metric.id], event.id)))
    return found
