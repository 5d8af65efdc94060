"""What the CSV, TimelineJS and iCalendar readers share.

Each reader turns its format into the plain records of a timeline file and
hands them to :func:`timeline.io.records._from_records`, which checks them
as it checks a YAML file. The records layer names a problem by its path
(``events[3].when``); a reader knows where each path came from (a row and a
column, a slide and a key, a calendar component and a property), and
:class:`Places` puts that place on every error.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Final

import attrs

from timeline.collection import Timeline
from timeline.io._api import _read_at_most
from timeline.io._yaml import Limits
from timeline.io.errors import FieldError, LimitError, LoadError, _PositionedError
from timeline.io.records import _collector_paused, _from_records, to_records

__all__ = ["Base", "Place", "Places", "decode", "read_bytes", "slug"]


@attrs.frozen
class Place:
    """Where a record or a value came from: a line (or row) and column, and a label.

    ``label`` begins the message of an error placed here (``column 'When'``,
    ``VEVENT 3: DTSTART``); empty for none.
    """

    line: int | None = None
    column: int | None = None
    label: str = ""


_STEP: Final = re.compile(r"(\.[^.\[]+|\[[0-9]+\])$")
_RECORD: Final = re.compile(r"(events|sources)\[[0-9]+\]")


class Places:
    """The places of the records' paths; an error takes the place of its longest known prefix."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._places: dict[str, Place] = {}
        self._ids: dict[str, str] = {}
        self.errors: list[_PositionedError] = []

    def put(self, path: str, place: Place) -> None:
        self._places[path] = place

    def of(self, path: str) -> Place | None:
        while path:
            found = self._places.get(path)
            if found is not None:
                return found
            shorter = _STEP.sub("", path)
            if shorter == path:
                return None
            path = shorter
        return None

    def name(self, path: str, record_id: str) -> None:
        """Say that the record at ``path`` (``events[3]``) has the id ``record_id``."""
        self._ids[path] = record_id

    def error(self, path: str, message: str) -> None:
        """Report ``message`` about ``path``, placed as the path's place says."""
        record = _RECORD.match(path)
        event_id = self._ids.get(record.group(), "") if record is not None else ""
        self.errors.append(self._placed(FieldError(message, path=path, event_id=event_id)))

    def _placed(self, error: _PositionedError) -> _PositionedError:
        place = self.of(error.path)
        message = error.message
        if place is not None and place.label and not message.startswith(place.label):
            message = f"{place.label}: {message}"
        return type(error)(
            message,
            filename=self.filename,
            line=None if place is None else place.line,
            column=None if place is None else place.column,
            path=error.path,
            event_id=error.event_id,
        )

    def raise_errors(self) -> None:
        """Raise the errors reported so far, if any, as one :class:`LoadError`."""
        if self.errors:
            raise LoadError.of(self.filename, _in_order(self.errors))

    def timeline(self, data: dict[str, Any], *, bad_events: Iterable[str] = ()) -> Timeline:
        """The timeline of ``data``, or every problem (the reader's and the records') raised."""
        with _collector_paused():
            try:
                found = _from_records(data, self.filename, None, [], bad_events=bad_events)
            except LoadError as group:
                for error in group.exceptions:
                    assert isinstance(error, _PositionedError)
                    self.errors.append(self._placed(error))
                self.raise_errors()
                raise  # pragma: no cover - raise_errors raised
        self.raise_errors()
        return found


def _in_order(errors: list[_PositionedError]) -> list[_PositionedError]:
    return sorted(errors, key=lambda e: (e.line is None, e.line or 0, e.column or 0))


def read_bytes(path: str | os.PathLike[str], limits: Limits) -> tuple[str, bytes]:
    """The file's name as given and its bytes; a file over ``limits.max_bytes`` is refused."""
    filename = os.fspath(path)
    data = _read_at_most(filename, limits.max_bytes)
    if len(data) > limits.max_bytes:
        error = LimitError(
            f"the file holds more than {limits.max_bytes:,} bytes (Limits.max_bytes)",
            filename=filename,
        )
        raise LoadError.of(filename, [error])
    return filename, data


def decode(data: str | bytes, filename: str, limits: Limits) -> str:
    """``data`` as text: UTF-8 with or without a BOM; a BOM at the start of text is dropped."""
    if isinstance(data, str):
        text = data
    else:
        if len(data) > limits.max_bytes:
            error = LimitError(
                f"the text holds more than {limits.max_bytes:,} bytes (Limits.max_bytes)",
                filename=filename,
            )
            raise LoadError.of(filename, [error])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line = data.count(b"\n", 0, bad.start) + 1
            column = bad.start - (data.rfind(b"\n", 0, bad.start) + 1) + 1
            bad_text = FieldError(
                f"the file is not UTF-8: byte 0x{data[bad.start]:02x} at offset {bad.start}",
                filename=filename,
                line=line,
                column=column,
            )
            raise LoadError.of(filename, [bad_text]) from None
    return text.removeprefix("\ufeff")


_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_SLUG_LENGTH: Final = 48


def is_id(text: str) -> bool:
    """Whether ``text`` may be an id as it is (letters, digits and - _ . :)."""
    return _ID.fullmatch(text) is not None


def slug(text: str, *, fallback: str = "event") -> str:
    """``text`` as an id's stem: ASCII letters and digits in lower case, joined by ``-``.

    Accents are dropped (``Péter`` gives ``peter``), anything else becomes one
    ``-``, at most 48 characters are kept (cut at a ``-`` where one is near);
    text with no letter or digit gives ``fallback``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(stem) > _SLUG_LENGTH:
        cut = stem.rfind("-", 0, _SLUG_LENGTH + 1)
        stem = stem[: cut if cut > _SLUG_LENGTH // 2 else _SLUG_LENGTH].rstrip("-")
    return stem or fallback


class Base:
    """The records of the timeline a file was exported from, for what the file does not carry.

    ``events`` are the base's event records by id; ``data`` the rest of its
    file (title, sources, relations), which the reader's timeline keeps.
    """

    def __init__(self, base: Timeline | None) -> None:
        self.timeline = base
        if base is None:
            self.data: dict[str, Any] = {}
            self.events: dict[str, dict[str, Any]] = {}
            self.objects: dict[str, Any] = {}
            return
        if not isinstance(base, Timeline):
            raise TypeError(f"base must be a Timeline, not {base!r}")
        data = to_records(base)
        self.events = {record["id"]: record for record in data.pop("events", [])}
        self.objects = {event.id: event for event in base}
        self.data = data

    def __bool__(self) -> bool:
        return self.timeline is not None

    def records(
        self, events: list[dict[str, Any]], title: str | None = None, *, keep: bool = False
    ) -> dict[str, Any]:
        """The data of a timeline file: ``events``, with the base's title, sources and relations.

        ``title``, when given, replaces the base's. With ``keep``, the base's
        events that ``events`` do not hold follow them as they are. Of the
        base's relations, those between two of the events are kept.
        """
        if keep:
            held = {record.get("id") for record in events}
            events = [*events, *(r for i, r in self.events.items() if i not in held)]
        data: dict[str, Any] = {"timeline": 1}
        if title is not None:
            data["title"] = title
        elif "title" in self.data:
            data["title"] = self.data["title"]
        if "sources" in self.data:
            data["sources"] = self.data["sources"]
        data["events"] = events
        # The base's relations between events the file holds; one naming an event
        # the file does not hold (a row deleted, an event a calendar leaves out)
        # has nothing to relate.
        ids = {record.get("id") for record in events}
        relations = [
            claim
            for claim in self.data.get("relations", [])
            if claim.get("a") in ids and claim.get("b") in ids
        ]
        if relations:
            data["relations"] = relations
        return data
