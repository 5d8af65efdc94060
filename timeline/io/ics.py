"""iCalendar in: a calendar's events read as a timeline's records, through ``icalendar``.

:func:`load_ics` reads each ``VEVENT`` of an RFC 5545 calendar as the record
of one event, checked by :mod:`timeline.io.records` as a YAML file's events
are:

=====================  ======================================================
``UID``                the id: as it is when it is one (letters, digits and
                       ``- _ . :``), else its slug (:func:`slug`); the export's
                       ``<id>@timeline`` is ``<id>``. Two UIDs that give one
                       id are reported (the record names both). An event
                       without a UID gets the slug of its summary and its
                       number (``operation-safe-city-3``)
``DTSTART``,           an all-day event (``VALUE=DATE``) is its days, from
``DTEND``,             ``DTSTART`` to the day *before* ``DTEND`` (iCalendar's
``DURATION``           end is exclusive), or ``DTSTART`` plus ``DURATION``
                       days; without either, the one day ``DTSTART``. A timed
                       event is an instant in the zone of its ``TZID``, or
                       UTC (``Z``); a floating time (no zone) needs ``tz=``.
                       A timed event that lasts (a ``DTEND`` or ``DURATION``
                       after its start) is refused unless ``timed=``
                       ``"start"`` (its start, the end kept as the basis's
                       note) or ``"days"`` (the days it touches, in its zone)
``SUMMARY``            the title; ``DESCRIPTION`` the summary
``LOCATION``           the places, joined with ``"; "`` as the export joins them
``CATEGORIES``         tags; in the export's own events (UIDs ending in
                       ``@timeline``) the first is the kind
``URL``                a listed source with that URL (cited by no event: a
                       citation needs a quote)
``RRULE``, ``RDATE``,  refused: a repeating event (or one occurrence of
``EXDATE``,            one) is not read, with a located error; expand the
``RECURRENCE-ID``      series into single events before reading
=====================  ======================================================

The calendar's ``NAME`` (or ``X-WR-CALNAME``) is the timeline's title.
Components other than ``VEVENT`` (``VTODO``, ``VJOURNAL``, ``VTIMEZONE``,
``VALARM``) are not events and are not read.

**The export's own calendars.** :func:`timeline.export.ics` writes the
human date as the first paragraph of each ``DESCRIPTION`` (with ``(date
uncertain)`` when the days are the hull of a vaguer date). In events whose
UID ends in ``@timeline``, that paragraph is read with
:func:`timeline.parse`: when it gives a value with the event's days (or,
for an uncertain one, any value), that value is the date (``2017`` reads as
the year, not as 365 days) and the paragraph is not part of the summary.
The ``Source: ...`` paragraphs the export adds stay in the summary: they
name the sources but are no citations. With ``base=`` the timeline the
calendar was exported from, each event whose id is one of the base keeps
the base's citations, metrics, notes, basis and fields when its
description, days, title and places are those the export writes for it, and the
base's events the calendar does not hold (the export leaves out those with
no certain run of days unless ``include_uncertain=True``, and those outside
years 1–9999) are kept as they are: ``load_ics(ics(t), base=t) == t``.

**Errors.** All problems are raised together as one
:class:`~timeline.io.LoadError`. ``icalendar`` keeps no line numbers;
this reader finds each event's ``BEGIN:VEVENT`` line and each property's
line in the text and places an error there, and the message names the
component and the property: ``cal.ics:12: events[3] (x).when: VEVENT 4:
DTSTART: ...``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from typing import Any, Final, Literal

from timeline.collection import Timeline
from timeline.errors import ConstraintError, TimelineError
from timeline.events import event_kinds
from timeline.io._readers import Base, Place, Places, decode, is_id, read_bytes, slug
from timeline.io._yaml import LIMITS, Limits
from timeline.io.errors import FieldError, LoadError
from timeline.parse import parse
from timeline.safe import terminal
from timeline.when import Instant, TimeValue

__all__ = ["load_ics", "loads_ics"]

Timed = Literal["error", "start", "days"]

_UID_SUFFIX: Final = "@timeline"
_RECURRENCE: Final = ("RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID")
_UNCERTAIN: Final = " (date uncertain)"
_FIELDS: Final = {
    "UID": "id",
    "SUMMARY": "title",
    "DESCRIPTION": "summary",
    "LOCATION": "places",
    "CATEGORIES": "tags",
    "DTSTART": "when",
    "DTEND": "when",
    "DURATION": "when",
}
_PROPERTY: Final = re.compile(r"([A-Za-z0-9-]+)[;:]")
_Fail = Callable[[str, str], tuple[TimeValue | None, bool]]


def load_ics(
    path: str | os.PathLike[str],
    *,
    base: Timeline | None = None,
    tz: str | None = None,
    timed: Timed = "error",
    limits: Limits = LIMITS,
) -> Timeline:
    """The timeline of the iCalendar file at ``path`` (see the module's documentation).

    ``base`` is the timeline the calendar was exported from; ``tz`` the IANA
    zone of floating times; ``timed`` what a timed event with a duration
    becomes (``"error"``, ``"start"`` or ``"days"``). Reads at most
    ``limits.max_bytes`` bytes. Raises :class:`~timeline.io.LoadError` with
    every problem of the file, :class:`~timeline.ConstraintError` for a
    ``timed`` it does not know, and :class:`OSError` when the file cannot be
    read.
    """
    filename, data = read_bytes(path, limits)
    return loads_ics(data, filename=filename, base=base, tz=tz, timed=timed, limits=limits)


def loads_ics(
    text: str | bytes,
    *,
    filename: str = "<string>",
    base: Timeline | None = None,
    tz: str | None = None,
    timed: Timed = "error",
    limits: Limits = LIMITS,
) -> Timeline:
    """The timeline of iCalendar ``text`` (``str``, or UTF-8 ``bytes``); as :func:`load_ics`."""
    if timed not in ("error", "start", "days"):
        raise ConstraintError(f"timed must be 'error', 'start' or 'days', not {timed!r}")
    import icalendar

    source = decode(text, filename, limits)
    try:
        calendar = icalendar.Calendar.from_ical(source)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        bad = FieldError(f"not iCalendar: {error}", filename=filename)
        raise LoadError.of(filename, [bad]) from None
    if not isinstance(calendar, icalendar.Calendar):
        bad = FieldError(
            f"not a calendar: the text begins a {calendar.name}, not a VCALENDAR",
            filename=filename,
        )
        raise LoadError.of(filename, [bad])
    return _Reader(filename, Base(base), tz, timed, _lines(source)).read(calendar)


def _lines(text: str) -> list[dict[str, int]]:
    """For each VEVENT in the text, the line it begins on (``""``) and its properties' lines."""
    found: list[dict[str, int]] = []
    current: dict[str, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line[0] in " \t":
            continue  # a folded line goes on the property above it
        upper = line.upper()
        if upper.startswith("BEGIN:VEVENT"):
            current = {"": number}
            found.append(current)
        elif upper.startswith("END:VEVENT"):
            current = None
        elif current is not None:
            match = _PROPERTY.match(line)
            if match is not None:
                current.setdefault(match.group(1).upper(), number)
    return found


class _Reader:
    def __init__(
        self,
        filename: str,
        base: Base,
        tz: str | None,
        timed: Timed,
        lines: list[dict[str, int]],
    ) -> None:
        self.places = Places(filename)
        self.base = base
        self.tz = tz
        self.timed = timed
        self.lines = lines
        self.kinds = frozenset(event_kinds())
        self.sources: dict[str, dict[str, str]] = {}
        self.uids: dict[str, str] = {}

    def read(self, calendar: Any) -> Timeline:
        events = [self._event(i, vevent) for i, vevent in enumerate(calendar.walk("VEVENT"))]
        title = None
        for key in ("NAME", "X-WR-CALNAME"):
            if key in calendar:
                title = str(calendar[key])
                break
        base = self.base.timeline
        if title is not None and base is not None and title == _one_line(base.title):
            title = base.title
        # A calendar leaves out the events it cannot draw: the base keeps them.
        data = self.base.records(events, title, keep=True)
        if self.sources:
            data["sources"] = [*data.get("sources", []), *self.sources.values()]
        return self.places.timeline(data)

    def _put(self, path: str, index: int, prop: str) -> None:
        lines = self.lines[index] if index < len(self.lines) else {}
        line = lines.get(prop, lines.get(""))
        self.places.put(path, Place(line, None, f"VEVENT {index + 1}: {prop}"))

    def _event(self, index: int, vevent: Any) -> dict[str, Any]:
        path = f"events[{index}]"
        lines = self.lines[index] if index < len(self.lines) else {}
        self.places.put(path, Place(lines.get(""), None, f"VEVENT {index + 1}"))
        summary = _text(vevent.get("SUMMARY"))
        own, record_id = self._id(index, vevent, summary, path)
        self.places.name(path, record_id)
        event = self.base.objects.get(record_id)
        record: dict[str, Any] = dict(self.base.events.get(record_id, {}))
        record["id"] = record_id
        for name, problem in getattr(vevent, "errors", []):
            at = f"{path}.{_FIELDS.get(name.upper(), name.lower())}"
            self._put(at, index, name.upper())
            self.places.error(at, f"cannot be read: {problem}")
        for name in _RECURRENCE:
            if name in vevent:
                self._put(f"{path}.when", index, name)
                self.places.error(
                    f"{path}.when",
                    "a repeating event (or one occurrence of one) is not read: expand the "
                    "series into single events first",
                )
        self._put(f"{path}.title", index, "SUMMARY")
        if event is not None and summary == terminal(event.title):
            record["title"] = event.title
        elif summary.strip():
            record["title"] = summary
        else:
            record.pop("title", None)
        location = _text(vevent.get("LOCATION"))
        self._put(f"{path}.places", index, "LOCATION")
        if event is not None and location == terminal("; ".join(event.places)):
            pass  # the base's places, as they are
        elif location:
            record["places"] = location.split("; ")
        else:
            record.pop("places", None)
        self._categories(record, vevent, own, event, index, path)
        value, uncertain = self._when(record, vevent, index, path)
        self._description(record, vevent, own, event, value, uncertain, index, path)
        url = _text(vevent.get("URL")).strip()
        if url:
            sid = slug(url, fallback="url")
            self.sources.setdefault(sid, {"id": sid, "url": url})
        return record

    def _id(self, index: int, vevent: Any, summary: str, path: str) -> tuple[bool, str]:
        uid = _text(vevent.get("UID")).strip()
        lines = self.lines[index] if index < len(self.lines) else {}
        if not uid:
            made = f"{slug(summary)}-{index + 1}"
            label = f"VEVENT {index + 1} (no UID; read as {made!r})"
            self.places.put(f"{path}.id", Place(lines.get(""), None, label))
            return False, made
        own = uid.endswith(_UID_SUFFIX) and is_id(uid.removesuffix(_UID_SUFFIX))
        made = uid.removesuffix(_UID_SUFFIX) if own else uid if is_id(uid) else slug(uid)
        label = f"VEVENT {index + 1}: UID"
        if made != uid and not own:
            label += f" {uid!r} (read as the id {made!r})"
        other = self.uids.setdefault(made, uid)
        if other != uid:
            label += f"; the UID {other!r} gives that id too"
        self.places.put(f"{path}.id", Place(lines.get("UID", lines.get("")), None, label))
        return own, made

    def _categories(
        self, record: dict[str, Any], vevent: Any, own: bool, event: Any, index: int, path: str
    ) -> None:
        raw = vevent.get("CATEGORIES")
        groups = raw if isinstance(raw, list) else [] if raw is None else [raw]
        names = [str(c) for group in groups for c in getattr(group, "cats", [group])]
        self._put(f"{path}.tags", index, "CATEGORIES")
        self._put(f"{path}.kind", index, "CATEGORIES")
        if own and names and names[0] in self.kinds:
            kind, names = names[0], names[1:]
            if event is not None and kind == terminal(event.kind):
                kind = event.kind
            if kind != "event":
                record["kind"] = kind
            else:
                record.pop("kind", None)
        if event is not None and names == [terminal(t) for t in event.tags]:
            return  # the base's tags, as they are
        if names:
            record["tags"] = names
        else:
            record.pop("tags", None)

    def _when(
        self, record: dict[str, Any], vevent: Any, index: int, path: str
    ) -> tuple[TimeValue | None, bool]:
        """The date's value read from DTSTART and its end, and whether it is a timed instant."""
        at = f"{path}.when"
        self._put(at, index, "DTSTART")

        def fail(prop: str, message: str) -> tuple[TimeValue | None, bool]:
            self._put(at, index, prop)
            self.places.error(at, message)
            record["when"] = "0000"  # a stand-in: the event's other fields are still checked
            record.pop("basis", None)
            return None, False

        start = _dt(vevent.get("DTSTART"))
        if start is None:
            if "DTSTART" in vevent:  # broken: reported with the component's errors
                record["when"] = "0000"  # a stand-in: the event's other fields are still checked
                record.pop("basis", None)
                return None, False
            return fail("DTSTART", "an event needs its start (DTSTART)")
        end = _dt(vevent.get("DTEND"))
        duration = _dt(vevent.get("DURATION"))
        if end is not None and duration is not None:
            return fail("DURATION", "an event has DTEND or DURATION, not both")
        if isinstance(start, dt.datetime):
            return self._timed(record, start, end, duration, index, at, fail)
        if not isinstance(start, dt.date):
            return fail("DTSTART", f"must be a date or a date-time, not {start!r}")
        if end is not None:
            if isinstance(end, dt.datetime) or not isinstance(end, dt.date):
                return fail("DTEND", "the end of an all-day event is a date (VALUE=DATE)")
            if end <= start:
                return fail(
                    "DTEND", f"ends on {end}, not after its start {start}: DTEND is exclusive"
                )
            last = end - dt.timedelta(days=1)
        elif duration is not None:
            if not isinstance(duration, dt.timedelta) or duration.days < 1 or duration.seconds:
                return fail(
                    "DURATION", "the duration of an all-day event is a number of whole days"
                )
            last = start + dt.timedelta(days=duration.days - 1)
        else:
            last = start  # RFC 5545: an all-day event without an end is one day
        text = start.isoformat() if last == start else f"{start.isoformat()}/{last.isoformat()}"
        value = parse(text)
        record["when"] = value.edtf
        return value, False

    def _timed(
        self,
        record: dict[str, Any],
        start: dt.datetime,
        end: object,
        duration: object,
        index: int,
        at: str,
        fail: _Fail,
    ) -> tuple[TimeValue | None, bool]:
        first = self._instant(start, at, index, "DTSTART", fail)
        if first is None:
            return None, False
        if end is None and duration is None:
            record["when"] = first.edtf
            return first, True
        if duration is not None:
            if not isinstance(duration, dt.timedelta):
                return fail("DURATION", f"must be a duration, not {duration!r}")
            finish = start + duration
        elif isinstance(end, dt.datetime):
            finish = end
        else:
            return fail("DTEND", "the end of a timed event is a date-time")
        if finish == start:
            record["when"] = first.edtf
            return first, True
        if finish < start:
            return fail("DTEND", "the event ends before it starts")
        if self.timed == "start":
            record["when"] = first.edtf
            record["basis"] = {"note": f"ends {finish.isoformat()}"}
            return first, True
        if self.timed == "days":
            local_end = finish.astimezone(start.tzinfo) if start.tzinfo is not None else finish
            last = (local_end - dt.timedelta(microseconds=1)).date()
            day = start.date()
            text = day.isoformat() if last == day else f"{day.isoformat()}/{last.isoformat()}"
            record["when"] = parse(text).edtf
            return parse(text), False
        return fail(
            "DTEND" if end is not None else "DURATION",
            "a timed event that lasts cannot be held as a span of instants: read the "
            "calendar with timed='start' (its start, the end kept as a note) or "
            "timed='days' (the days it touches)",
        )

    def _instant(
        self, value: dt.datetime, at: str, index: int, prop: str, fail: _Fail
    ) -> Instant | None:
        if value.tzinfo is None or value.utcoffset() is None:
            if self.tz is None:
                fail(
                    prop,
                    "a floating time (no TZID, no Z) needs its zone: read the calendar with "
                    "tz= (an IANA zone such as 'America/New_York')",
                )
                return None
            text = value.replace(microsecond=0).isoformat() + f"[{self.tz}]"
            try:
                found = parse(text)
            except TimelineError as error:
                fail(prop, str(error))
                return None
            assert isinstance(found, Instant)
            return found
        try:
            return Instant.from_datetime(value)
        except TimelineError as error:
            fail(prop, str(error))
            return None

    def _description(
        self,
        record: dict[str, Any],
        vevent: Any,
        own: bool,
        event: Any,
        value: TimeValue | None,
        timed: bool,
        index: int,
        path: str,
    ) -> None:
        text = _text(vevent.get("DESCRIPTION"))
        self._put(f"{path}.summary", index, "DESCRIPTION")
        if event is not None and value is not None and _describes(text, event):
            head = text.partition("\n\n")[0]
            lo, hi = event.when.earliest_day, event.when.latest_day
            days = (value.earliest_day, value.latest_day)
            if head.endswith(_UNCERTAIN) or days == (lo, hi):
                record["when"] = event.when.edtf
                if event.summary:
                    record["summary"] = event.summary
                else:
                    record.pop("summary", None)
                return
        if own and value is not None and not timed:
            head, _, rest = text.partition("\n\n")
            shown = head.removesuffix(_UNCERTAIN)
            try:
                stated = parse(shown)
            except TimelineError:
                stated = None
            days = (value.earliest_day, value.latest_day)
            if stated is not None and (
                head.endswith(_UNCERTAIN) or (stated.earliest_day, stated.latest_day) == days
            ):
                record["when"] = stated.edtf
                text = rest
            elif head.endswith(_UNCERTAIN):
                record["basis"] = {"note": f"the calendar says {head!r}"}
                text = rest
        if text:
            record["summary"] = text
        else:
            record.pop("summary", None)


def _describes(text: str, event: Any) -> bool:
    """Whether ``text`` is a DESCRIPTION the export writes for ``event``.

    Its first paragraph is the event's human date (with ``(date uncertain)``
    when the days are not the date's own), then comes the summary, then
    the paragraphs that name the sources, which are not compared: how a
    source is named is the export's to choose.
    """
    date = terminal(str(event.when))
    head, _, rest = text.partition("\n\n")
    if head not in (date, date + _UNCERTAIN):
        return False
    summary = terminal(event.summary)
    if not summary:
        return not rest or rest.startswith("Source: ")
    return rest == summary or rest.startswith(summary + "\n\nSource: ")


def _dt(prop: object) -> Any:
    """The value of a date, time or duration property; None if absent or broken.

    A broken property is among the component's errors, and reported from there.
    """
    if prop is None:
        return None
    try:
        return getattr(prop, "dt", None)
    except Exception:  # icalendar raises its own error for a property it could not read
        return None


def _one_line(text: str) -> str:
    from timeline.safe import one_line

    return one_line(text)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)
