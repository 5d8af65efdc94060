"""A chronology as plain text for a terminal: one block per event, wrapped to a width.

Each event starts a block with its date as people write it, at the
precision the sources give (``Jan 25, 2017``, ``FY2018``, ``sometime in
January 2017``), a mark when the date was not stated (``†`` derived from a
relative phrase, ``‡`` known from outside the sources; a legend line at the
end says so), its title and, in parentheses, its kind. Lines wrap at
``width`` with a hanging indent of four spaces.

User text (titles, quotes, outlets) goes through :func:`timeline.safe.terminal`:
control characters and escape sequences are shown, never sent.
"""

from __future__ import annotations

import textwrap
from typing import Final

from timeline import safe
from timeline.calendar import FiscalCalendar
from timeline.collection import Timeline
from timeline.events import Event, Source
from timeline.render import _common as c
from timeline.render.errors import RenderError

__all__ = ["chronology"]

MIN_WIDTH: Final = 20
"""The narrowest ``width`` the text renderers accept."""
_INDENT: Final = "    "


def _check_width(width: object) -> int:
    if isinstance(width, bool) or not isinstance(width, int) or width < MIN_WIDTH:
        raise RenderError(f"width must be an int of at least {MIN_WIDTH}, not {width!r}")
    return width


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    wrapper = textwrap.TextWrapper(
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or [first.rstrip()]


def _event_lines(
    event: Event, others: tuple[object, ...], width: int, *, sources: bool, quotes: bool
) -> list[str]:
    head = f"{c.one_line(str(event.when))}{c.marker(event)} — {c.one_line(event.title)}"
    lines = _wrap(f"{head} ({event.kind})", width, "", _INDENT)
    if others:
        lines += _wrap(f"also in {c.also_in(others)}", width, _INDENT, _INDENT * 2)  # type: ignore[arg-type]
    seen: set[str] = set()
    for citation in event.sources:
        source = citation.source
        if sources and source.id not in seen:
            seen.add(source.id)
            outlet, title, published = (c.one_line(p) for p in c.source_parts(source))
            text = ", ".join(p for p in (outlet, f"“{title}”" if title else "", published) if p)
            lines += _wrap(f"source: {text}", width, _INDENT, _INDENT * 2)
        if quotes:
            # For readers: HTML references the quote was copied with are decoded.
            words = safe.display_text(citation.quote, html_escaped=_escaped(source))
            quote = f"“{c.one_line(words)}”"
            if sources:
                lines += _wrap(quote, width, _INDENT * 2, _INDENT * 2)
            else:
                outlet = c.one_line(source.outlet or source.id)
                lines += _wrap(f"{quote} ({outlet})", width, _INDENT, _INDENT * 2)
    return lines


def chronology(
    timeline: Timeline,
    *,
    width: int = 80,
    headings: str | None = None,
    fiscal: FiscalCalendar = FiscalCalendar.US_FEDERAL,
    sources: bool = False,
    quotes: bool = False,
) -> str:
    """The events of ``timeline`` in display order, as text wrapped to ``width`` columns.

    ``headings`` groups the events under a heading per ``"year"``,
    ``"quarter"``, ``"month"``, ``"week"``, ``"fiscal-year"`` or
    ``"fiscal-quarter"`` (of ``fiscal``), as :meth:`Timeline.group_by` does.
    An event whose date may fall under several headings is listed once,
    under the first, followed by ``also in …`` naming the others (the
    first and the last when there are more than three). Headings cost the
    events they place, whatever span their dates cover: an event over years
    1–9999 under ``"week"`` makes one heading, not half a million.
    ``sources`` adds a line per cited source (outlet, title, date published);
    ``quotes`` the words quoted from each. The title of the timeline, if
    any, comes first; a legend of the date marks used comes last. An empty
    timeline gives its title and ``No events.``. Every line ends without
    trailing spaces and the text ends with a newline. Lines are at most
    ``width`` characters unless a single word is longer (it is then
    broken); ``width`` is at least 20.
    """
    width = _check_width(width)
    lines: list[str] = []
    if timeline.title:
        lines += _wrap(c.one_line(timeline.title), width, "", "")
        lines.append("=" * min(width, c.display_width(lines[-1])))
        lines.append("")
    if not len(timeline):
        lines.append("No events.")
        return "\n".join(lines) + "\n"
    for label, placed in c.sections(timeline, headings, fiscal):
        if headings is not None:
            name = "Other dates" if label is None else str(label)
            lines += [name, "-" * len(name)]
        for event, others in placed:
            lines += _event_lines(event, others, width, sources=sources, quotes=quotes)
        if headings is not None:
            lines.append("")
    if lines[-1] == "":
        lines.pop()
    marks = c.legend(timeline)
    if marks:
        lines.append("")
        lines += _wrap("; ".join(f"{m} {meaning}" for m, meaning in marks), width, "", "")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _escaped(source: Source) -> bool | None:
    """Whether the source says its text is HTML-escaped (None: detect, see display_text)."""
    flag = getattr(source, "html_escaped", None)
    return flag if isinstance(flag, bool) else None
