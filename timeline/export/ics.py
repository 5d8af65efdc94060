"""Timelines as iCalendar (RFC 5545) files, for calendar programs.

Each event becomes an all-day ``VEVENT``:

``UID``
    ``<event id>@timeline``: stable, so a calendar that imports the file
    again updates its events instead of doubling them.
``DTSTART;VALUE=DATE`` and ``DTEND;VALUE=DATE``
    the first day and the day *after* the last (iCalendar's end is
    exclusive). An event whose last day is 9999-12-31, after which no date
    can be written, has ``DURATION`` in days instead of ``DTEND``.
``DTSTAMP``
    the same for every event and every run, so that the output is
    deterministic: midnight UTC after the last day any source of the
    timeline could have been published, or :data:`FALLBACK_DTSTAMP` when no
    source has a known publication day.
``SUMMARY``, ``DESCRIPTION``, ``LOCATION``, ``CATEGORIES``
    the title; the human date, the summary and the citations; the places
    joined with ``"; "``; the kind and the tags.

Which events are exported, and as which days, is the shared policy for vague
dates (:class:`~timeline.export.Vague`, docs/exports.md). By default
(``vague="definite"``) only events whose days are one known run are: a whole
unit (``2017``, ``FY2018``, ``2017-W06``) or a definite period, as all its
days; a moment in a window ("sometime in January 2017"), an unspecified
unit, a period with a vague, open or unknown end, a qualified date (``?``,
``~``) or a set of dates with gaps is left out, and :func:`ics_report` says
which and why. ``include_uncertain=True`` is ``vague="possible"``: those
events are exported over their possible days, an open or unknown side cut at
the first or last day any event of the calendar could cover.
``vague="certain"`` exports the days each event surely covers and leaves out
the dates that have none (iCalendar has no marker for "one day somewhere").
An event drawn over other days than its own is flagged three ways: its
``DESCRIPTION`` begins with the human date and ``(date uncertain)``, it is
``TRANSP:TRANSPARENT`` (it does not claim the time), and
``X-TIMELINE-DAYS`` says what the days are (``POSSIBLE``, ``SOMEWHERE``: the
window of one day somewhere, ``CERTAIN``). Events whose days lie outside
years 1–9999 cannot be written as iCalendar dates and are left out.

Quotes and source names are shown as readers read them
(:func:`timeline.safe.display_text`: HTML character references decoded).

The timeline's title is the calendar's name (``NAME``, ``X-WR-CALNAME``), on
one line (:func:`timeline.safe.one_line`). Other text is data: icalendar
escapes ``,``, ``;``, ``\\`` and line breaks, and readers undo it. Control
characters, bidirectional overrides and lone surrogates, which iCalendar
text may not hold, are written as visible escapes
(:func:`timeline.safe.terminal`).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from timeline.collection import Timeline
from timeline.events import Event
from timeline.export._common import (
    OUT_OF_RANGE,
    UNCERTAIN,
    Days,
    Drawn,
    LeftOut,
    Vague,
    check_bool,
    check_timeline,
    check_vague,
    edges,
    hull,
    is_date_day,
    quote_for_readers,
    source_for_readers,
)
from timeline.export.errors import ExportError
from timeline.safe import one_line, terminal

__all__ = ["DEFAULT_PRODID", "FALLBACK_DTSTAMP", "ics", "ics_report"]

DEFAULT_PRODID: Final = "-//timeline//timeline export//EN"
"""The ``PRODID`` of the calendar unless another is given."""

FALLBACK_DTSTAMP: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The ``DTSTAMP`` of a timeline none of whose sources has a known publication day."""

_UID_DOMAIN: Final = "timeline"


def _dtstamp(timeline: Timeline) -> dt.datetime:
    days = [
        day
        for s in timeline.sources.values()
        if s.published is not None
        and (day := s.published.latest_day) is not None
        and is_date_day(day + 1)
    ]
    if not days:
        return FALLBACK_DTSTAMP
    after = dt.date.fromordinal(max(days) + 1)
    return dt.datetime(after.year, after.month, after.day, tzinfo=dt.UTC)


def _days(event: Event, policy: Vague, edge: tuple[int, int] | None) -> Days | str:
    """The days of the event's VEVENT, or why it is left out."""
    days = hull(event.when, policy, edge)
    if days is None or days.drawn is Drawn.MARKER:
        return UNCERTAIN
    if not (is_date_day(days.first) and is_date_day(days.last)):
        return OUT_OF_RANGE
    return days


def _description(event: Event, certain: bool) -> str:
    date = str(event.when) if certain else f"{event.when} (date uncertain)"
    parts = [date]
    if event.summary:
        parts.append(event.summary)
    parts.extend(
        f"Source: {source_for_readers(c.source)}: “{quote_for_readers(c)}”" for c in event.sources
    )
    return terminal("\n\n".join(parts))


def _policy(include_uncertain: object, vague: object) -> Vague:
    check_bool("include_uncertain", include_uncertain)
    if include_uncertain and vague is not None:
        raise ExportError("give include_uncertain=True or vague, not both")
    return check_vague(vague, Vague.POSSIBLE if include_uncertain else Vague.DEFINITE)


def ics_report(
    timeline: Timeline,
    *,
    include_uncertain: bool = False,
    prodid: str = DEFAULT_PRODID,
    vague: Vague | str | None = None,
) -> tuple[str, tuple[LeftOut, ...]]:
    """:func:`ics`'s text, and the events it left out with the reason for each, in order."""
    import icalendar

    check_timeline(timeline)
    policy = _policy(include_uncertain, vague)
    if not isinstance(prodid, str) or not prodid.strip() or not prodid.isprintable():
        raise ExportError(f"prodid must be non-empty printable text, not {prodid!r}")
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if timeline.title:
        # NAME and X-WR-CALNAME are read back without unescaping: keep the name on one line.
        calendar.calendar_name = one_line(timeline.title)
    stamp = _dtstamp(timeline)
    edge = edges(timeline) if policy is not Vague.DEFINITE else None
    left_out: list[LeftOut] = []
    for event in timeline:
        days = _days(event, policy, edge)
        if isinstance(days, str):
            left_out.append(LeftOut(event.id, days))
            continue
        first, last = days.first, days.last
        certain = days.drawn is Drawn.DEFINITE
        vevent = icalendar.Event()
        vevent.add("uid", f"{event.id}@{_UID_DOMAIN}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", dt.date.fromordinal(first))
        if is_date_day(last + 1):
            vevent.add("dtend", dt.date.fromordinal(last + 1))
        else:
            vevent.add("duration", dt.timedelta(days=last - first + 1))
        vevent.add("summary", terminal(event.title))
        vevent.add("description", _description(event, certain))
        if not certain:
            vevent.add("transp", "TRANSPARENT")
            vevent.add("x-timeline-days", days.drawn.name)
        if event.places:
            vevent.add("location", terminal("; ".join(event.places)))
        vevent.add("categories", [terminal(c) for c in (event.kind, *event.tags)])
        calendar.add_component(vevent)
    text: str = calendar.to_ical().decode("utf-8")
    return text, tuple(left_out)


def ics(
    timeline: Timeline,
    *,
    include_uncertain: bool = False,
    prodid: str = DEFAULT_PRODID,
    vague: Vague | str | None = None,
) -> str:
    """``timeline`` as iCalendar text (CRLF line ends), one all-day VEVENT per exported event.

    Events keep the timeline's order. The output is deterministic: two calls
    give the same text. ``vague`` is the policy for vague dates (a
    :class:`~timeline.export.Vague` or its name; ``"definite"`` unless
    ``include_uncertain=True``, which is ``"possible"``); see the module's
    documentation for which events are exported and how, and
    :func:`ics_report` for the events left out.
    """
    return ics_report(timeline, include_uncertain=include_uncertain, prodid=prodid, vague=vague)[0]
