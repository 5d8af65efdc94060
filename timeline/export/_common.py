"""What the exporters share: argument checks, day and number text, JSON text, runs of days,
and text quoted from sources as readers see it."""

from __future__ import annotations

import enum
import json
from datetime import date as _date
from decimal import Decimal
from typing import Any, Final

import attrs

from timeline import calendar as cal
from timeline.collection import Timeline
from timeline.errors import TimelineError
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


# --------------------------------------------------------------------------------------
# The one policy for vague values, shared by every exporter that draws days.


class Vague(enum.Enum):
    """What an exporter draws for a date whose days are not one known run.

    Every date is read as :mod:`timeline.render._days` reads it for the charts
    (the readings :func:`timeline.relate` uses): its *certain* days are those
    every reading covers, its *possible* days those some reading covers. A
    date that is one known run (``2017``, ``FY2018``, ``2017-09-24/2017-09-27``,
    unqualified) is drawn as that run under every policy.
    """

    DEFINITE = "definite"
    """Only dates that are one known run, unqualified; every other event is left out."""
    CERTAIN = "certain"
    """The days every reading covers. A span with vague ends shrinks to the days it
    surely covered; a qualified date keeps its days, flagged. A date with no certain
    day at all ("one day somewhere in 2009–2017") is a marker on its first possible
    day where the format has markers, and is left out where it has none."""
    POSSIBLE = "possible"
    """From the first to the last day any reading covers, flagged as possible; a date
    that is one day somewhere is drawn as its window, flagged as a window."""


class Drawn(enum.Enum):
    """What the days :func:`hull` gives stand for, so that each format can flag them."""

    DEFINITE = "definite"
    """The date's own days: nothing to flag."""
    CERTAIN = "certain"
    """Days every reading covers, short of (or qualified beyond) what the date says."""
    POSSIBLE = "possible"
    """Days some reading covers: more than the date surely covers."""
    SOMEWHERE = "somewhere"
    """The window of a date that is one day (or one unit) somewhere in it."""
    MARKER = "marker"
    """One day standing for a date with no certain day: its first possible day."""


@attrs.frozen
class Days:
    """The run of days an exporter draws for a date: inclusive ``first`` and ``last``.

    ``cut`` is True when a side of the date is unbounded and the run stops at the
    export's edge there instead.
    """

    first: int
    last: int
    drawn: Drawn
    cut: bool = False


@attrs.frozen
class LeftOut:
    """An event an export left out, and why (``"uncertain date"``, ``"outside years 1–9999"``)."""

    event_id: str
    reason: str


UNCERTAIN: Final = "uncertain date"
OUT_OF_RANGE: Final = "outside years 1–9999"


def check_vague(value: object, default: Vague) -> Vague:
    """``value`` as a :class:`Vague` (its member or its name), or ``default`` for ``None``."""
    if value is None:
        return default
    if isinstance(value, Vague):
        return value
    if isinstance(value, str):
        for member in Vague:
            if member.value == value:
                return member
    names = ", ".join(m.value for m in Vague)
    raise ExportError(f"vague must be one of {names}, not {value!r}")


def edges(timeline: Timeline) -> tuple[int, int] | None:
    """The first and last days (years 1–9999) any event of ``timeline`` could cover or names.

    Where an unbounded side of a date is cut. ``None`` when no event names a
    day that a date can hold.
    """
    days = [d for e in timeline for d in (e.when.earliest_day, e.when.latest_day) if d is not None]
    days.extend(known_day(e.when) for e in timeline)
    drawable = [d for d in days if is_date_day(d)]
    return (min(drawable), max(drawable)) if drawable else None


def _cut(
    run: tuple[int | None, int | None], edge: tuple[int, int] | None, named: int
) -> tuple[int, int, bool]:
    lo, hi = run
    low, high = (named, named) if edge is None else edge
    first = low if lo is None else lo
    last = high if hi is None else hi
    if last < first:  # the edge lies on the wrong side of the known one: one day
        first, last = (last, last) if lo is None else (first, first)
    return first, last, lo is None or hi is None


def hull(value: TimeValue, policy: Vague, edge: tuple[int, int] | None = None) -> Days | None:
    """The days to draw for ``value`` under ``policy``, or ``None`` to leave it out.

    A date that is one known run is that run (:attr:`Drawn.DEFINITE`). Else:
    under :attr:`Vague.DEFINITE`, ``None``; under :attr:`Vague.CERTAIN`, the
    days every reading covers (:attr:`Drawn.CERTAIN`), or for a date with no
    certain day its first possible day (:attr:`Drawn.MARKER`; the format draws
    a marker there or leaves the event out); under :attr:`Vague.POSSIBLE`,
    from its first to its last possible day (:attr:`Drawn.POSSIBLE`, or
    :attr:`Drawn.SOMEWHERE` for a date that is one day somewhere). An
    unbounded side stops at ``edge`` (the export's :func:`edges`; the date's
    own known day without one), and :attr:`Days.cut` says so. Days outside
    years 1–9999 are returned as they are: formats that cannot write them
    leave the event out.
    """
    run = day_run(value)
    if run is not None:
        return Days(run[0], run[1], Drawn.DEFINITE)
    if policy is Vague.DEFINITE:
        return None
    from timeline.render._days import certain_run, look

    named = known_day(value)
    try:
        seen = look(value)
    except TimelineError:  # a date too large to read day by day: its bounds
        seen = None
    if policy is Vague.CERTAIN:
        sure = None if seen is None or seen.somewhere else certain_run(value)
        if sure is None:
            first = value.earliest_day
            day = named if first is None else first
            return Days(day, day, Drawn.MARKER)
        first, last, cut = _cut(sure, edge, named)
        return Days(first, last, Drawn.CERTAIN, cut)
    first, last, cut = _cut((value.earliest_day, value.latest_day), edge, named)
    somewhere = seen is not None and seen.somewhere
    return Days(first, last, Drawn.SOMEWHERE if somewhere else Drawn.POSSIBLE, cut)
