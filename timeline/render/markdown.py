"""A chronology as Markdown: headings, a list of events, quotes as blockquotes, sources last.

Every piece of user text goes through :func:`timeline.safe.markdown`, so a
title cannot open a link, an image, raw HTML or a table cell of its own.
"""

from __future__ import annotations

import re
from typing import Final

from timeline import safe
from timeline.calendar import FiscalCalendar
from timeline.collection import Timeline
from timeline.events import Event
from timeline.render import _common as c
from timeline.when import Extent

__all__ = ["markdown"]

# What makes a line a list item, a heading underline or a rule when it starts one.
_BLOCK_START: Final = re.compile(r"[-=]|\d+(?=[.)](\s|$))")


def _md(text: str) -> str:
    """User text as literal inline Markdown on one line (whitespace runs become one space)."""
    return safe.markdown(" ".join(text.split()))


def _md_start(text: str) -> str:
    """:func:`_md` for text that starts a line (or follows a list marker): no block syntax."""
    out = _md(text)
    found = _BLOCK_START.match(out)
    if found is None:
        return out
    end = found.end()
    return out[:end] + "\\" + out[end:] if found.group().isdigit() else "\\" + out


def _event(event: Event, others: tuple[Extent, ...], *, quotes: bool) -> list[str]:
    mark = c.marker(event)
    lines = [
        f"- **{_md(str(event.when))}**{mark} — {_md(event.title)} *({_md(event.kind)})*",
    ]
    if others:
        lines.append(f"  - also in {_md(c.also_in(others))}")
    if quotes:
        for citation in event.sources:
            lines.append("")
            flag = getattr(citation.source, "html_escaped", None)
            words = safe.display_text(
                citation.quote, html_escaped=flag if isinstance(flag, bool) else None
            )
            lines.append(f"  > {_md_start(words)}")
            lines.append(f"  > — {_md(citation.source.outlet or citation.source.id)}")
    return lines


def markdown(
    timeline: Timeline,
    *,
    headings: str | None = None,
    fiscal: FiscalCalendar = FiscalCalendar.US_FEDERAL,
    quotes: bool = True,
    sources: bool = True,
) -> str:
    """The events of ``timeline`` as a Markdown document.

    The timeline's title is a level-1 heading; ``headings`` (as for
    :func:`chronology`) adds a level-2 heading per group, an event listed
    once under the first group its date may fall in, with a sub-item naming
    the others. Each event is a list item: **date**, its mark (``†``
    derived, ``‡`` external, explained in a legend paragraph), title and
    kind. ``quotes`` adds each quoted passage as a blockquote under its
    event; ``sources`` ends the document with a ``Sources`` section listing
    every source of the timeline in order. The text ends with a newline.
    """
    out: list[str] = []
    if timeline.title:
        out += [f"# {_md(timeline.title)}", ""]
    if not len(timeline):
        out.append("No events.")
        return "\n".join(out) + "\n"
    for label, placed in c.sections(timeline, headings, fiscal):
        if headings is not None:
            out += [f"## {_md('Other dates' if label is None else str(label))}", ""]
        for event, others in placed:
            out += _event(event, others, quotes=quotes)
        out.append("")
    marks = c.legend(timeline)
    if marks:
        out += ["; ".join(f"{m} {meaning}" for m, meaning in marks), ""]
    if sources and timeline.sources:
        out += ["## Sources", ""]
        for source in timeline.sources.values():
            outlet, title, published = (_md(p) for p in c.source_parts(source))
            outlet = _md_start(c.source_parts(source)[0])
            parts = (
                [outlet] + ([f"*{title}*"] if title else []) + ([published] if published else [])
            )
            item = ", ".join(parts)
            if source.url:
                item += f" — {_md(source.url)}"
            out.append(f"- {item} (`{source.id}`)")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
