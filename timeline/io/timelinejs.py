"""TimelineJS3 JSON in: Knight Lab's slides read as a timeline's records.

:func:`load_timelinejs` reads the JSON format of TimelineJS3
(https://timeline.knightlab.com/docs/json-format.html), as
:func:`timeline.export.timelinejs` writes it or as any other tool does. Each
slide of ``events`` becomes the record of one event, checked by
:mod:`timeline.io.records` as a YAML file's events are:

=====================  ======================================================
``unique_id``          the id; one that is not an id as it is (letters,
                       digits and ``- _ . :``) is made one by
                       :func:`slug`; a slide without one gets the slug of
                       its headline and its number (``operation-safe-city-3``)
``start_date``,        the date, as fine as the fields given: ``{"year":
``end_date``           2017}`` is the year 2017, with ``month`` the month,
                       with ``day`` the day, from the start's first day to
                       the end's last; ``hour``, ``minute`` and ``second``
                       make an instant in the zone ``tz`` (TimelineJS times
                       have none: without ``tz`` they are an error). Numbers
                       may be written as text (``"2017"``)
``display_date``       read with :func:`timeline.parse` (after its HTML is
                       read as text): when it gives a value whose possible
                       days meet those from ``start_date`` to ``end_date``
                       (an exporter draws a vague date over its certain
                       days, its possible days or one day of them, and as
                       coarsely as it is known), that value is the date
                       (so ``FY2018``, "sometime in January 2017" and
                       ``Sep 24–27, 2017`` read back as written); when the slide has no
                       ``start_date``, it is the date. Otherwise the date
                       comes from the fields and the display date is kept as
                       the note of the date's basis (``displayed as '...'``)
``text.headline``      the title, and ``text.text`` the summary, each read
                       from HTML as plain text: tags are dropped, entities
                       read, ``<br>`` is a line break, paragraphs (``<p>``,
                       ``<div>``, ``<li>``, ``<blockquote>``, headings) are
                       separated by a blank line; what ``<script>`` and
                       ``<style>`` hold is not text and is dropped. Nothing
                       of the HTML is run or fetched
``group``              the kind when it names a registered kind
                       (``operation``), else a tag
``media``              ``credit`` and ``url`` become a listed source (id
                       from the credit, or the URL; ``outlet`` the credit,
                       ``url`` the URL), cited by no event: a citation needs
                       a quote, which a slide does not have. ``caption`` and
                       ``thumbnail`` are presentation and are not read
``title``              the title slide's headline is the timeline's title
``eras``               each era is read as an event tagged ``era``
=====================  ======================================================

Other keys of a slide (``background``, ``autolink``, ``type``...) are
presentation and are not read; keys TimelineJS does not define are errors.

**Round trips.** A slide carries an event's id, kind, title, summary and
dates; the citations are in its text as a ``Sources: ...`` paragraph of the
sources' names, which cannot be read back as citations. With ``base=`` the
timeline a file was exported from, each slide whose id is an event of the
base takes from it what the slide does not carry (citations, metrics,
notes, the date's basis, the kind's own fields) and keeps the base's value
of each field the slide shows as the base's export shows it: so
``load_timelinejs(exported, base=t) == t``, and edits made to the slides
replace the base's values. Without ``base`` the ``Sources:`` paragraph is
part of the summary.

**Errors.** All problems are raised together as one
:class:`~timeline.io.LoadError`; JSON that does not parse is a
:class:`~timeline.io.JSONSyntaxError` at its line and column; every other
problem is placed by its slide and key (``events[3].start_date.month``),
since JSON readers do not keep lines: ``t.json: events[3] (safe-city).when:
events[3].start_date: month 13 ...``.
"""

from __future__ import annotations

import html
import html.parser
import json
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from timeline.collection import Timeline
from timeline.errors import TimelineError
from timeline.events import event_kinds
from timeline.io._readers import Base, Place, Places, decode, is_id, read_bytes, slug
from timeline.io._yaml import LIMITS, Limits
from timeline.io.errors import JSONSyntaxError, LoadError
from timeline.parse import parse
from timeline.safe import html as html_escaped
from timeline.when import Period, TimeValue, _edtf_year

__all__ = ["load_timelinejs", "loads_timelinejs"]

_TOP_KEYS: Final = ("title", "events", "eras", "scale")
_SLIDE_KEYS: Final = (
    "start_date",
    "end_date",
    "display_date",
    "text",
    "media",
    "group",
    "unique_id",
    "background",
    "autolink",
    "type",
)
_DATE_KEYS: Final = (
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "display_date",
    "format",
)
_MEDIA_KEYS: Final = (
    "url",
    "credit",
    "caption",
    "thumbnail",
    "alt",
    "title",
    "link",
    "link_target",
)


def load_timelinejs(
    path: str | os.PathLike[str],
    *,
    base: Timeline | None = None,
    tz: str | None = None,
    limits: Limits = LIMITS,
) -> Timeline:
    """The timeline in the TimelineJS3 JSON file at ``path`` (see the module's documentation).

    ``base`` is the timeline the file was exported from, for what slides do
    not carry; ``tz`` the IANA zone of the slides' times of day. Reads at
    most ``limits.max_bytes`` bytes. Raises :class:`~timeline.io.LoadError`
    with every problem of the file, and :class:`OSError` when it cannot be
    read.
    """
    filename, data = read_bytes(path, limits)
    return loads_timelinejs(data, filename=filename, base=base, tz=tz, limits=limits)


def loads_timelinejs(
    text: str | bytes,
    *,
    filename: str = "<string>",
    base: Timeline | None = None,
    tz: str | None = None,
    limits: Limits = LIMITS,
) -> Timeline:
    """The timeline in TimelineJS3 JSON ``text`` (``str``, or UTF-8 ``bytes``).

    As :func:`load_timelinejs`; ``filename`` names the text in errors.
    """
    source = decode(text, filename, limits)
    data = _json(source, filename)
    return _Reader(filename, Base(base), tz).read(data)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} is repeated")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _json(text: str, filename: str) -> Any:
    line: int | None = None
    column: int | None = None
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=Decimal,
        )
    except json.JSONDecodeError as error:
        line, column = error.lineno, error.colno
        message = f"not well-formed JSON: {error.msg}"
    except RecursionError:
        message = "JSON nested too deeply to read"
    except ValueError as error:
        message = f"not allowed JSON: {error}"
    syntax = JSONSyntaxError(message, filename=filename, line=line, column=column)
    raise LoadError.of(filename, [syntax])


# --------------------------------------------------------------------------------------
# HTML as text.


class _Text(html.parser.HTMLParser):
    _BLOCKS: Final = frozenset(
        ("p", "div", "li", "ul", "ol", "blockquote", "tr", "table", "section", "article", "hr")
    ) | frozenset(f"h{n}" for n in range(1, 7))
    _SKIPPED: Final = frozenset(("script", "style", "template"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.buffer: list[str] = []
        self.skipping = 0

    def _flush(self) -> None:
        text = "".join(self.buffer)
        if text.strip():
            self.blocks.append(text)
        self.buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.buffer.append("\n")
        elif tag in self._BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.buffer.append("\n")
        elif tag in self._BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.buffer.append(data)


def html_text(markup: str) -> str:
    """The text of an HTML fragment: tags dropped, entities read, paragraphs as blank lines.

    ``<br>`` is a line break; a paragraph (``p``, ``div``, ``li``, ``blockquote``,
    a heading, ...) is separated from the next by a blank line; the contents of
    ``script``, ``style`` and ``template`` are dropped. Text without markup
    comes back as it is, entities read (``&amp;`` is ``&``).
    """
    if "<" not in markup:
        return html.unescape(markup)
    parser = _Text()
    parser.feed(markup)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.blocks)


# --------------------------------------------------------------------------------------
# Dates given as fields.


class _Bad(Exception):
    """A date's fields that do not make a date; ``field`` names the one at fault."""

    def __init__(self, message: str, field: str = "year") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _whole(value: object, name: str) -> int | None:
    """A date field's number: an int, or text of digits (TimelineJS writes both); None if empty."""
    if value is None or value == "":
        return None
    if type(value) is int:
        return value
    if type(value) is str:
        text = value.strip().replace(",", "")
        body = text[1:] if text[:1] in "+-" else text
        if body.isascii() and body.isdigit() and len(body) <= 12:
            return int(text)
    raise _Bad(f"{name} must be a whole number, not {value!r}", name)


def date_fields(fields: Mapping[str, object], tz: str | None) -> TimeValue | None:
    """The value that TimelineJS date fields name, as fine as the fields given.

    ``fields`` has ``year``, ``month``, ``day``, ``hour``, ``minute``,
    ``second``, ``millisecond`` (any may be missing); ``None`` when none of
    them is given. Raises ``_Bad`` naming the problem.
    """
    numbers = {k: _whole(fields.get(k), k) for k in _DATE_KEYS[:7]}
    if all(v is None for v in numbers.values()):
        return None
    year, month, day = numbers["year"], numbers["month"], numbers["day"]
    if year is None:
        raise _Bad("a date needs its year")
    if day is not None and month is None:
        raise _Bad("a day needs its month", "day")
    text = _edtf_year(year)
    if month is not None:
        if not 1 <= month <= 12:
            raise _Bad(f"month must be 1 to 12, not {month}", "month")
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    hour, minute, second = numbers["hour"], numbers["minute"], numbers["second"]
    if numbers["millisecond"]:
        raise _Bad(
            "milliseconds are not read: a time is known to the second at most", "millisecond"
        )
    if hour is not None or minute is not None or second is not None:
        if day is None:
            raise _Bad("a time of day needs its day", "hour")
        if hour is None:
            raise _Bad("a time of day needs its hour", "hour")
        if minute is None and second is not None:
            raise _Bad("seconds need their minute", "second")
        if tz is None:
            raise _Bad(
                "a time of day needs its zone, which TimelineJS does not say: "
                "read the file with tz= (an IANA zone such as 'America/New_York')",
                "hour",
            )
        text += f"T{hour:02d}"
        if minute is not None:
            text += f":{minute:02d}"
        if second is not None:
            text += f":{second:02d}"
        text += f"[{tz}]"
    try:
        return parse(text)
    except TimelineError as error:
        field = "hour" if "T" in text else "day" if day is not None else "month"
        raise _Bad(str(error), field) from None


def span(start: TimeValue, end: TimeValue | None) -> TimeValue:
    """From ``start`` to ``end`` (``start`` alone when ``end`` is None or the same)."""
    if end is None or end == start:
        return start
    try:
        return Period(start, end)
    except TimelineError as error:
        raise _Bad(str(error)) from None


def first_last(fields: Mapping[str, object]) -> tuple[int | None, int | None]:
    """The first and last day of the unit that date fields name (None for a missing end)."""
    try:
        value = date_fields(fields, "UTC")
    except _Bad:
        return None, None
    if value is None:
        return None, None
    return value.earliest_day, value.latest_day


def displayed(
    display: str, start: TimeValue | None, end: TimeValue | None
) -> tuple[TimeValue | None, str]:
    """The date a display date gives, when it agrees with the fields; else the note to keep.

    Returns ``(value, "")`` when ``display`` reads as a value whose first and
    last days are those of ``start`` and ``end`` (or when there are no
    fields), else ``(None, note)``; ``(None, "")`` for an empty display.
    """
    text = display.strip()
    if not text:
        return None, ""
    try:
        value = parse(text)
    except TimelineError:
        value = None
    if start is None:
        return value, ""
    if value is not None and _holds(value, start, end):
        return value, ""
    return None, f"displayed as {text!r}"


def _holds(value: TimeValue, start: TimeValue, end: TimeValue | None) -> bool:
    """Whether the days from ``start`` to ``end`` meet the days ``value`` could cover.

    An exporter draws a vague date over its certain days, its possible days or
    one of them, each written only as finely as the date is known (a month
    somewhere in 2000 is drawn as the year 2000): any of those meets them.
    """
    lo, hi = value.earliest_day, value.latest_day
    first, last = start.earliest_day, (end or start).latest_day
    if first is None or last is None:
        return False
    return (hi is None or first <= hi) and (lo is None or lo <= last)


# --------------------------------------------------------------------------------------
# Slides.


def _kinds() -> frozenset[str]:
    return frozenset(event_kinds())


class _Reader:
    def __init__(self, filename: str, base: Base, tz: str | None) -> None:
        self.places = Places(filename)
        self.base = base
        self.tz = tz
        self.kinds = _kinds()
        self.ids: dict[str, str] = {}
        self.sources: dict[str, dict[str, str]] = {}

    def error(self, path: str, message: str) -> None:
        self.places.error(path, message)

    def read(self, data: Any) -> Timeline:
        places = self.places
        if not isinstance(data, dict):
            self.error("", f"a TimelineJS file is a JSON object with events, not {_kind(data)}")
            places.raise_errors()
        for key in data:
            if key not in _TOP_KEYS:
                self.error(str(key), f"unknown key {key!r}; a TimelineJS file has title, events")
        title = self._title(data.get("title"))
        events: list[dict[str, Any]] = []
        for section in ("events", "eras"):
            slides = data.get(section, [])
            if not isinstance(slides, list):
                self.error(section, f"must be a list of slides, not {_kind(slides)}")
                continue
            for i, slide in enumerate(slides):
                record = self._slide(slide, f"{section}[{i}]", len(events), section == "eras")
                if record is not None:
                    events.append(record)
        sources = list(self.sources.values())
        records = self.base.records(events, title)
        if sources:
            records["sources"] = [*records.get("sources", []), *sources]
        return places.timeline(records)

    def _title(self, slide: object) -> str | None:
        if slide is None:
            return None
        if not isinstance(slide, dict):
            self.error("title", f"the title slide must be an object, not {_kind(slide)}")
            return None
        text = slide.get("text")
        headline = text.get("headline") if isinstance(text, dict) else None
        if not isinstance(headline, str):
            return None
        base = self.base.timeline
        if base is not None and headline == html_escaped(base.title):
            return base.title
        return html_text(headline)

    def _slide(self, slide: object, where: str, index: int, era: bool) -> dict[str, Any] | None:
        path = f"events[{index}]"
        if where != path:  # an era, or a slide after one that is not an object
            self.places.put(path, Place(label=where))
        if not isinstance(slide, dict):
            self.error(path, f"a slide must be an object, not {_kind(slide)}")
            return None
        for key in slide:
            if key not in _SLIDE_KEYS:
                self.error(path, f"unknown key {key!r}; a slide has {', '.join(_SLIDE_KEYS)}")
        text = slide.get("text", {})
        if not isinstance(text, dict):
            self.error(path, f"text must be an object with headline and text, not {_kind(text)}")
            text = {}
        headline = text.get("headline", "")
        body = text.get("text", "")
        for name, value in (("headline", headline), ("text", body)):
            if not isinstance(value, str):
                self.error(path, f"text.{name} must be text, not {_kind(value)}")
        headline = headline if isinstance(headline, str) else ""
        body = body if isinstance(body, str) else ""
        record_id = self._id(slide.get("unique_id"), headline, where, path, index)
        self.places.name(path, record_id)
        base_event = self.base.objects.get(record_id)
        record: dict[str, Any] = dict(self.base.events.get(record_id, {}))
        record["id"] = record_id
        if base_event is not None and (
            headline == html_escaped(base_event.title)
            or html_text(headline) == _as_read(base_event.title)
        ):
            record["title"] = base_event.title
        elif headline:
            record["title"] = html_text(headline)
        else:
            record.pop("title", None)
        self.places.put(f"{path}.title", Place(label=f"{where}.text.headline"))
        self._summary(record, body, base_event)
        self.places.put(f"{path}.summary", Place(label=f"{where}.text.text"))
        self._group(record, slide.get("group"), base_event, where, path)
        if era:
            tags = list(record.get("tags", []))
            if "era" not in tags:
                record["tags"] = [*tags, "era"]
        self._when(record, slide, base_event, where, path)
        self._media(slide.get("media"), where, path)
        return record

    def _id(self, raw: object, headline: str, where: str, path: str, index: int) -> str:
        if raw is None or raw == "":
            made = f"{slug(html_text(headline))}-{index + 1}"
            self.places.put(f"{path}.id", Place(label=f"{where} (no unique_id; read as {made!r})"))
            return made
        if not isinstance(raw, str):
            self.error(path, f"unique_id must be text, not {_kind(raw)}")
            return f"slide-{index + 1}"
        if is_id(raw):
            self.places.put(f"{path}.id", Place(label=f"{where}.unique_id"))
            return raw
        made = slug(raw, fallback=f"slide-{index + 1}")
        label = f"{where}.unique_id {raw!r} (read as the id {made!r})"
        self.places.put(f"{path}.id", Place(label=label))
        return made

    def _summary(self, record: dict[str, Any], body: str, base_event: Any) -> None:
        summary = html_text(body)
        if base_event is not None:
            # The exporter adds the sources' names as a last paragraph: with the
            # base, they are its citations, which the record keeps.
            if base_event.sources:
                cited = "; ".join(str(c.source) for c in base_event.sources)
                ending = _as_read(f"Sources: {cited}")
                if summary == ending or summary.endswith("\n\n" + ending):
                    summary = summary[: -len(ending)].removesuffix("\n\n")
            if summary == _as_read(base_event.summary):
                summary = base_event.summary
        if summary:
            record["summary"] = summary
        else:
            record.pop("summary", None)

    def _group(
        self, record: dict[str, Any], group: object, base_event: Any, where: str, path: str
    ) -> None:
        if group is None or group == "":
            if base_event is None:
                record.pop("kind", None)
            return
        if not isinstance(group, str):
            self.error(path, f"{where}.group must be text, not {_kind(group)}")
            return
        name = html_text(group)
        if name in self.kinds:
            if name != "event":
                record["kind"] = name
            else:
                record.pop("kind", None)
            return
        self.places.put(f"{path}.tags", Place(label=f"{where}.group"))
        tags = list(record.get("tags", []))
        if name.strip() and name not in tags:
            record["tags"] = [*tags, name]

    def _when(
        self, record: dict[str, Any], slide: dict[str, Any], base_event: Any, where: str, path: str
    ) -> None:
        at = f"{path}.when"

        def fail(key: str, message: str) -> None:
            self.places.put(at, Place(label=f"{where}.{key}"))
            self.error(at, message)
            # A stand-in, so that the record's other fields are still checked; the
            # date's own error is reported, and the file is refused.
            record["when"] = "0000"
            record.pop("basis", None)

        values: list[TimeValue | None] = []
        for key in ("start_date", "end_date"):
            fields = slide.get(key)
            if fields is None:
                values.append(None)
                continue
            if not isinstance(fields, dict):
                fail(key, f"must be an object (year, month, day...), not {_kind(fields)}")
                return
            unknown = [k for k in fields if k not in _DATE_KEYS]
            if unknown:
                fail(key, f"unknown key {unknown[0]!r}; a date has {', '.join(_DATE_KEYS)}")
                return
            try:
                values.append(date_fields(fields, self.tz))
            except _Bad as bad:
                fail(key, bad.message)
                return
        start, end = values
        if start is None and end is not None:
            fail("end_date", "an end date needs a start_date")
            return
        display = slide.get("display_date", "")
        if not isinstance(display, str):
            fail("display_date", f"must be text, not {_kind(display)}")
            return
        shown = html_text(display)
        self.places.put(at, Place(label=f"{where}.start_date"))
        if base_event is not None and _agrees(base_event.when, display, start, end):
            record["when"] = base_event.when.edtf
            return
        if base_event is not None:
            record.pop("basis", None)  # the base's basis is that of another date
        value, note = displayed(shown, start, end)
        if start is None:
            self.places.put(at, Place(label=f"{where}.display_date"))
            if value is not None:
                record["when"] = value.edtf
            elif shown.strip():
                record["when"] = shown  # the records' check says why it does not read
            else:
                record.pop("when", None)
            return
        if value is None:
            try:
                value = span(start, end)
            except _Bad as bad:
                fail("end_date", bad.message)
                return
        record["when"] = value.edtf
        if note:
            record["basis"] = {"note": note}

    def _media(self, media: object, where: str, path: str) -> None:
        if media is None:
            return
        if not isinstance(media, dict):
            self.error(path, f"{where}.media must be an object, not {_kind(media)}")
            return
        unknown = [k for k in media if k not in _MEDIA_KEYS]
        if unknown:
            self.error(path, f"{where}.media: unknown key {unknown[0]!r}")
        credit, url = media.get("credit", ""), media.get("url", "")
        if not isinstance(credit, str) or not isinstance(url, str):
            self.error(path, f"{where}.media: credit and url must be text")
            return
        credit = html_text(credit).strip()
        url = url.strip()
        if not credit and not url:
            return
        sid = slug(credit or url, fallback="media")
        existing = self.sources.get(sid)
        record = {"id": sid}
        if credit:
            record["outlet"] = credit
        if url:
            record["url"] = url
        if existing is None or existing == record:
            self.sources[sid] = record
        else:
            # Another credit or URL gives the same id: keep both, the second under its number.
            n = 2
            while f"{sid}-{n}" in self.sources:
                n += 1
            self.sources[f"{sid}-{n}"] = record | {"id": f"{sid}-{n}"}


def _as_read(text: str) -> str:
    """``text`` as it reads back from a paragraph of the exporter's HTML."""
    return html_text("<p>" + html_escaped(text).replace("\n", "<br>") + "</p>")


def _agrees(value: TimeValue, display: str, start: TimeValue | None, end: TimeValue | None) -> bool:
    """Whether a slide shows ``value`` as the export shows it: its display date, days within."""
    if display != html_escaped(str(value)) or start is None:
        return False
    return _holds(value, start, end)


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    if value is None:
        return "null"
    return f"{value!r}"
