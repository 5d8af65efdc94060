"""What the exporters share: argument checks, day and number text, JSON text, runs of days,
and text quoted from sources as readers see it."""

from __future__ import annotations

import json
from datetime import date as _date
from decimal import Decimal
from typing import Any, Final

from timeline import calendar as cal
from timeline.collection import Timeline
from timeline.events import Citation, Source
from timeline.export.errors import ExportError
from timeline.safe import display_text, json_escaped
from timeline.when import (
    AllOf,
    End,
    Moment,
    OneOf,
    Period,
    Qualifier,
    Range,
    TimeValue,
    _edtf_year,
)

_MAX_DAY_RD: Final = _date.max.toordinal()


def check_timeline(timeline: object) -> Timeline:
    if not isinstance(timeline, Timeline):
        raise ExportError(f"expected a Timeline to export, not {timeline!r}")
    return timeline


def check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ExportError(f"{name} must be True or False, not {value!r}")
    return value


def day_text(rd: int) -> str:
    """``YYYY-MM-DD`` for years 0–9999, other years as EDTF does (``-0044-03-15``)."""
    y, m, d = cal.from_rd(rd)
    return f"{_edtf_year(y)}-{m:02d}-{d:02d}"


def is_date_day(rd: int) -> bool:
    """True when ``datetime.date`` can hold the day (years 1–9999)."""
    return 1 <= rd <= _MAX_DAY_RD


def number_text(value: int | Decimal) -> str:
    """An exact number as digits: ``45``, ``-3``, ``1.10`` (never an exponent)."""
    try:
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    except ValueError as error:  # more digits than int -> str allows
        raise ExportError(f"cannot write the number: {error}") from None


def qualifier_words(qualifier: Qualifier) -> str:
    """``""``, ``"uncertain"``, ``"approximate"`` or ``"uncertain approximate"``."""
    words = []
    if qualifier & Qualifier.UNCERTAIN:
        words.append("uncertain")
    if qualifier & Qualifier.APPROXIMATE:
        words.append("approximate")
    return " ".join(words)


def html_escaped(source: Source) -> bool | None:
    """Whether ``source``'s text was copied from HTML with its escapes: ``None`` when not known.

    Read from the source's ``html_escaped`` field where the model has one; until then
    :func:`timeline.safe.display_text` detects references in the text itself.
    """
    flag = getattr(source, "html_escaped", None)
    return flag if isinstance(flag, bool) else None


def quote_for_readers(citation: Citation) -> str:
    """The citation's words for people to read: its source's HTML references decoded."""
    return display_text(citation.quote, html_escaped=html_escaped(citation.source))


def source_for_readers(source: Source) -> str:
    """``str(source)`` (outlet, title, day) for people to read, references decoded."""
    return display_text(str(source), html_escaped=html_escaped(source))


def json_text(data: Any, indent: int | None) -> str:
    """``data`` as JSON text ending in a newline, UTF-8 readable, with no raw control character.

    Keys keep their order. Characters a terminal or an editor would act on are
    written as ``\\uXXXX`` escapes, which every JSON reader turns back into
    the same characters.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    return json_escaped(text) + "\n"


def day_run(value: TimeValue) -> tuple[int, int] | None:
    """The one run of days ``value`` surely covers, inclusive, or ``None``.

    ``None`` when the days are not known (a moment in a window, an unspecified
    unit among several, a vague or unbounded end), when the value is qualified
    (``?``, ``~``, ``%``), or when it is a set of dates with gaps between them.
    A whole unit such as ``2017`` or ``FY2018`` is a run: all its days.
    """
    if not value.is_definite or value.is_qualified:
        return None
    lo, hi = value.earliest_day, value.latest_day
    if lo is None or hi is None:
        return None
    if isinstance(value, AllOf):
        spans = []
        for item in value.items:
            first, last = item.earliest_day, item.latest_day
            if first is None or last is None:
                return None
            spans.append((first, last))
        reach = lo - 1
        for first, last in sorted(spans):
            if first > reach + 1:
                return None
            reach = max(reach, last)
    return lo, hi


def known_day(value: TimeValue) -> int:
    """A day to place the value at: its first possible day, else its last, else one named in it.

    ``../[2000-01-01..]`` (since some time, still going on 2000-01-01) is
    bounded on neither side, but names 2000-01-01.
    """
    for rd in (value.earliest_day, value.latest_day):
        if rd is not None:
            return rd
    parts: tuple[TimeValue | End | None, ...] = ()
    if isinstance(value, Period):
        parts = (value.start, value.end)
    elif isinstance(value, Moment):
        parts = (value.within,)
    elif isinstance(value, OneOf | AllOf):
        parts = value.items
    elif isinstance(value, Range):
        parts = (value.low, value.high)
    for part in parts:
        if isinstance(part, TimeValue):
            return known_day(part)
    raise ExportError(f"{value.edtf!r} names no day at all")
