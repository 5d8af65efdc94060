"""What the renderers share: display widths, date markers, and headings.

Everything here is pure and works on text that has already been made safe
for its destination.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

from timeline import safe
from timeline.calendar import FiscalCalendar
from timeline.collection import Timeline
from timeline.events import Basis, Event, Source
from timeline.render.errors import RenderError
from timeline.when import Extent

__all__ = [
    "HEADINGS",
    "MARKERS",
    "Section",
    "choose",
    "display_width",
    "fit",
    "legend",
    "marker",
    "sections",
    "source_parts",
]

HEADINGS: Final = ("year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter")
"""The ``headings=`` keys the chronologies accept (:meth:`Timeline.group_by`'s time keys)."""

MARKERS: Final = {
    Basis.DERIVED: ("†", "date derived from a relative phrase in a source"),
    Basis.EXTERNAL: ("‡", "date known from outside the sources"),
}
"""The mark after a date that was not stated in a source, and its legend."""


def choose(name: str, value: object, valid: Sequence[str]) -> str:
    """``value`` when it is one of ``valid``; else a RenderError listing them."""
    if not isinstance(value, str) or value not in valid:
        raise RenderError(f"{name} must be one of {', '.join(valid)}; not {value!r}")
    return value


def char_width(char: str) -> int:
    """Columns a terminal gives ``char``: 0 for combining marks, 2 for wide East Asian."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (ambiguous-width characters count one)."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def fit(text: str, width: int, *, ellipsis: str = "…") -> str:
    """``text`` cut (ending in ``ellipsis``) or padded with spaces to exactly ``width`` columns."""
    if display_width(text) <= width:
        return text + " " * (width - display_width(text))
    room = width - display_width(ellipsis)
    if room < 0:
        return " " * width
    out: list[str] = []
    used = 0
    for char in text:
        w = char_width(char)
        if used + w > room:
            break
        out.append(char)
        used += w
    return "".join(out) + ellipsis + " " * (room - used)


def marker(event: Event) -> str:
    """The mark put after the event's date: ``†`` derived, ``‡`` external, else ``""``."""
    found = MARKERS.get(event.basis.basis)
    return "" if found is None else found[0]


def legend(events: Iterable[Event]) -> list[tuple[str, str]]:
    """The markers used by ``events``, each with its meaning, in a fixed order."""
    used = {event.basis.basis for event in events}
    return [MARKERS[b] for b in (Basis.DERIVED, Basis.EXTERNAL) if b in used]


def source_parts(source: Source) -> tuple[str, str, str]:
    """A source's outlet (or its id), its title and its publication date, as raw text."""
    published = "" if source.published is None else str(source.published)
    return (source.outlet or source.id, source.title, published)


Placed = tuple[Event, tuple[Extent, ...]]
"""An event, and the other headings its date may also fall under, as :func:`also_in` names
them: every one when there are at most three, else the next three and the last."""
Section = tuple[Extent | None, list[Placed]]
"""A heading (``None`` for none) and its events."""


def sections(timeline: Timeline, headings: str | None, fiscal: FiscalCalendar) -> list[Section]:
    """The events under their headings, each listed once.

    Without headings, one section of every event in display order. With a
    key of :data:`HEADINGS`, a section per unit of :meth:`Timeline.group_by`
    in time order, holding the events whose date may fall in it first; an
    event whose date may fall in several is listed once, under the first,
    with the others it may also fall in. An event in no group (none exists
    for dates the grouping can place) goes to a last section without a
    heading. The cost is that of the sections made, through
    :meth:`Timeline.placements`: an event over years 1–9999 names its
    first and last weeks without the half million between, so headings
    need no limit.
    """
    if headings is None:
        return [(None, [(e, ()) for e in timeline])]
    key = choose("headings", headings, HEADINGS)
    if not isinstance(fiscal, FiscalCalendar):
        raise RenderError(f"fiscal must be a FiscalCalendar, not {fiscal!r}")
    placed: dict[Extent, list[Placed]] = {}
    rest: list[Placed] = []
    for placement in timeline.placements(key, calendar=fiscal, head=4):  # type: ignore[arg-type]
        event, first, last = placement.event, placement.first, placement.last
        if not first:
            rest.append((event, ()))
            continue
        others = first[1:] if last is None else (*first[1:], last)
        placed.setdefault(first[0], []).append((event, others))
    # The units of one key do not overlap, so their first days order them in time.
    out: list[Section] = [(label, placed[label]) for label in sorted(placed, key=_first_day)]
    if rest:
        out.append((None, rest))
    return out


def _first_day(label: Extent) -> int:
    return label.first


def also_in(labels: Sequence[Extent]) -> str:
    """The other headings an event may fall under, shortened when there are many."""
    names = [str(label) for label in labels]
    if len(names) <= 3:
        return ", ".join(names)
    return f"{names[0]} … {names[-1]}"


def one_line(text: str) -> str:
    """Text for one line of a terminal: controls made visible, whitespace runs made one space."""
    return " ".join(safe.terminal(text).split())
