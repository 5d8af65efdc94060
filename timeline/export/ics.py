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

Only events with a *certain* run of days are exported by default: a whole
unit (``2017``, ``FY2018``, ``2017-W06``) or a definite period is, as all its
days; a moment in a window ("sometime in January 2017"), an unspecified
unit, a period with a vague, open or unknown end, a qualified date (``?``,
``~``) or a set of dates with gaps is not. With ``include_uncertain=True``
those are exported as their hull (from the first to the last day they could
cover; a period's open or unknown end is cut at the edge of its other end,
so ``2014/..`` covers 2014) and ``DESCRIPTION`` begins with the human date
and ``(date uncertain)``. Events whose days lie outside years 1–9999 cannot
be written as iCalendar dates and are left out.

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
    check_bool,
    check_timeline,
    day_run,
    is_date_day,
    known_day,
    quote_for_readers,
    source_for_readers,
)
from timeline.export.errors import ExportError
from timeline.safe import one_line, terminal
from timeline.when import End, Period, TimeValue

__all__ = ["DEFAULT_PRODID", "FALLBACK_DTSTAMP", "ics"]

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


def _hull(value: TimeValue) -> tuple[int, int]:
    """From the first to the last day ``value`` could cover; an unbounded side is cut.

    A period with an open or unknown end is cut at the last (first) day of
    its other end (``2014/..`` gives all of 2014); any other unbounded value
    at its one known day, or at a day named in it when it is bounded on neither side.
    """
    lo, hi = value.earliest_day, value.latest_day
    if isinstance(value, Period):
        if isinstance(value.end, End) and isinstance(value.start, TimeValue):
            hi = value.start.latest_day
        elif isinstance(value.start, End) and isinstance(value.end, TimeValue):
            lo = value.end.earliest_day
    if lo is None:
        lo = hi if hi is not None else known_day(value)
    if hi is None:
        hi = lo
    return lo, hi


def _span(event: Event, include_uncertain: bool) -> tuple[int, int, bool] | None:
    """(first day, last day, certain) of the event's VEVENT, or None to leave it out."""
    run = day_run(event.when)
    certain = run is not None
    if run is None and include_uncertain:
        run = _hull(event.when)
    if run is None or not (is_date_day(run[0]) and is_date_day(run[1])):
        return None
    return run[0], run[1], certain


def _description(event: Event, certain: bool) -> str:
    date = str(event.when) if certain else f"{event.when} (date uncertain)"
    parts = [date]
    if event.summary:
        parts.append(event.summary)
    parts.extend(
        f"Source: {source_for_readers(c.source)}: “{quote_for_readers(c)}”" for c in event.sources
    )
    return terminal("\n\n".join(parts))


def ics(
    timeline: Timeline, *, include_uncertain: bool = False, prodid: str = DEFAULT_PRODID
) -> str:
    """``timeline`` as iCalendar text (CRLF line ends), one all-day VEVENT per exported event.

    Events keep the timeline's order. The output is deterministic: two calls
    give the same text. See the module's documentation for which events are
    exported and how.
    """
    import icalendar

    check_timeline(timeline)
    check_bool("include_uncertain", include_uncertain)
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
    for event in timeline:
        span = _span(event, include_uncertain)
        if span is None:
            continue
        first, last, certain = span
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
        if event.places:
            vevent.add("location", terminal("; ".join(event.places)))
        vevent.add("categories", [terminal(c) for c in (event.kind, *event.tags)])
        calendar.add_component(vevent)
    text: str = calendar.to_ical().decode("utf-8")
    return text
