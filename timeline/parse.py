"""Text to time values: EDTF, the forms people write, and phrases relative to an anchor.

:func:`parse` is the one door through which text becomes a time value.
It reads, in this order:

1. EDTF levels 0 and 1 in full, and from level 2 seasons and sub-year
   groupings (codes 21–41), one-of ``[...]`` and all-of ``{...}`` sets, and
   qualifiers on single components; plus this library's extensions:
   fiscal years ``FY2018`` and quarters ``FY2018-Q1`` (a ``[calendar]`` tag
   names a fiscal calendar other than the US federal one), ISO weeks
   ``2017-W06`` (``[sunday]`` for weeks starting on another day), decades
   ``2010s``, moments ``on(...)`` and instants with an IANA zone tag
   ``2017-11-05T01:30:00-04:00[America/New_York]``.
2. Forms people write: ``Feb 13, 2017``, ``13 February 2017``,
   ``January 2017``, ``Sep 24-27, 2017``, ``Q3 2017``, ``fiscal year 2018``,
   ``c. 2014``, ``between January 24 and April 30, 2016``,
   ``first full week of February 2017``, ``week of Feb 6, 2017``,
   ``spring 2017``, ``winter 2017–18``, ``2 BCE``, two dates written out in
   full with one dash between them (``2014 – 2016``,
   ``January 2017 – Apr 30, 2017``), ...
   With a fiscal calendar that writes its years ``2018-19``
   (``FiscalCalendar.UK_GOVERNMENT``) such text is a fiscal year, unless it is
   an EDTF date: ``2011-12`` stays December 2011 and ``2020-21`` spring 2020
   (write ``FY2011-12``, ``FY2020-21``).
3. Phrases relative to ``anchor`` (``last week``, ``Wednesday``,
   ``the four days ending Wednesday``, ``since 2014``, ...).

Nothing is guessed: no day/month swapping, no "today" default, no dropped
qualifiers. Anything else raises :class:`~timeline.ParseError`, which quotes
the input and says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as _date
from datetime import datetime as _datetime
from typing import Any, Final

from timeline import calendar as cal
from timeline.errors import CalendarError, ConstraintError, ParseError, TimelineError
from timeline.when import (
    OPEN,
    UNKNOWN,
    AllOf,
    End,
    Extent,
    Instant,
    Moment,
    OneOf,
    Period,
    Precision,
    Qualifier,
    Range,
    TimeValue,
    Unspecified,
    _ExtentDraft,
    calendar_named,
    on,
)

__all__ = ["as_value", "parse"]

_TENSES: Final = ("past", "future", "nearest", "either")
_MAX_YEAR: Final = 999_999_999
_MAX_TEXT: Final = 10_000
_MAX_DEPTH: Final = 6
_MAX_DIGITS: Final = 20
_LONG_NUMBER: Final = re.compile(rf"[0-9]{{{_MAX_DIGITS + 1}}}")


class _Bad(Exception):
    """A reason the text cannot be read; becomes a ParseError for the whole input."""


class _Context:
    __slots__ = ("anchor", "depth", "fiscal", "tense", "tz", "week_start")

    def __init__(
        self,
        anchor: TimeValue | None,
        fiscal: cal.FiscalCalendar,
        week_start: int,
        tz: str | None,
        tense: str = "past",
    ) -> None:
        self.anchor = anchor
        self.fiscal = fiscal
        self.week_start = week_start
        self.tz = tz
        self.tense = tense
        self.depth = 0


def parse(
    text: str,
    *,
    anchor: TimeValue | _date | str | None = None,
    fiscal: cal.FiscalCalendar | None = None,
    week_start: int = cal.MONDAY,
    tz: str | None = None,
    tense: str = "past",
) -> TimeValue:
    """Read ``text`` as a time value.

    ``anchor`` is what relative phrases are read against (often an article's
    publication date); it may itself be vague, in which case the result is
    the union of every reading, and exact when the readings agree.
    ``fiscal`` is the calendar for ``FY2018`` and ``this fiscal year``
    (default :attr:`FiscalCalendar.US_FEDERAL`); ``week_start`` the first
    day of the week for ``first full week of ...`` and ``this week``
    (``timeline.calendar.MONDAY`` … ``SUNDAY``); ``tz`` an IANA zone for
    date-times written without an offset. ``tense`` decides a phrase that
    names a recurring time without saying which one (``Tuesday``,
    ``January``, ``Nov. 29``, ``the third quarter``, ``Thanksgiving``):
    ``"past"`` (the default) the latest occurrence that starts on or before
    the anchor, ``"future"`` the earliest that ends on or after it,
    ``"nearest"`` the nearer of the two, ``"either"`` both, as a one-of set
    when they differ (the rules: :mod:`timeline._news`).

    Raises :class:`~timeline.ParseError` (a ``ValueError``) naming the
    problem.
    """
    # Plain ISO days are most of what real files hold: read them inline, with no
    # call beyond the C date reader, before anything else. Of the ten-character
    # forms that reader takes, only YYYY-MM-DD has "-" at 7 (not YYYY-Www-D).
    if type(text) is str and len(text) == 10:
        try:
            rd = _fromisoformat(text).toordinal()
        except ValueError:
            pass  # the slow path says precisely why
        else:
            if text[7] == "-":
                # Extent._trusted, inlined: a draft filled by plain stores, then an Extent.
                draft: Any = _ExtentDraft()
                draft.label = text
                draft.first = rd
                draft.last = rd
                draft.unit = _DAY
                draft.qualifiers = ()
                draft.__class__ = Extent
                return draft  # type: ignore[no-any-return]
    if not isinstance(text, str):
        raise ParseError(repr(text), f"expected text, got {type(text).__name__}")
    fast = _fast_iso(text)
    if fast is not None:
        return fast
    calendar = cal.FiscalCalendar.US_FEDERAL if fiscal is None else fiscal
    if not isinstance(calendar, cal.FiscalCalendar):
        raise ParseError(text, f"fiscal must be a FiscalCalendar, not {fiscal!r}")
    if week_start not in range(7):
        raise ParseError(text, f"week_start must be 0 (Monday) to 6 (Sunday), not {week_start!r}")
    if tense not in _TENSES:
        raise ParseError(text, f"tense must be one of {', '.join(_TENSES)}, not {tense!r}")
    try:
        anchor_value = None if anchor is None else as_value(anchor)
    except ParseError as error:
        raise ParseError(text, f"anchor: {error.reason}") from None
    ctx = _Context(anchor_value, calendar, week_start, tz, tense)
    try:
        return _parse(text, ctx)
    except _Bad as bad:
        raise ParseError(text, str(bad)) from None
    except ParseError as error:
        raise ParseError(text, error.reason) from None
    except TimelineError as error:
        # A value out of the library's range (a decade before year 0, say) is a
        # reason the text cannot be read, like any other.
        raise ParseError(text, _strip_quoted(str(error))) from None


def as_value(value: TimeValue | _date | _datetime | str) -> TimeValue:
    """Turn a time value, a ``date``/``datetime`` (pendulum or standard) or text into a time value.

    This is where dates enter the library: a ``date`` becomes its day, an
    aware ``datetime`` an :class:`Instant` (a naive one is refused), text
    goes through :func:`parse`.
    """
    if isinstance(value, TimeValue):
        return value
    if isinstance(value, _datetime):
        try:
            return Instant.from_datetime(value)
        except ConstraintError as error:
            raise ParseError(repr(value), str(error)) from None
    if isinstance(value, _date):
        return Extent.from_rd(value.toordinal())
    if isinstance(value, str):
        return parse(value)
    raise ParseError(repr(value), f"cannot read a value of type {type(value).__name__} as a time")


def _strip_quoted(message: str) -> str:
    """Drop a leading ``'text': `` that a value's own error adds, since ParseError quotes it."""
    if message.startswith("'") and "': " in message:
        return message.split("': ", 1)[1]
    return message


# --------------------------------------------------------------------------------------
# The fast path: plain ISO days, months and years are by far the most common input.


_DAY: Final = Precision.DAY
_fromisoformat: Final = _date.fromisoformat


def _fast_iso(text: str) -> Extent | None:
    n = len(text)
    if n == 10 and text[4] == "-" and text[7] == "-":
        # The C reader checks the digits (ASCII only) and the calendar in one call.
        try:
            rd = _fromisoformat(text).toordinal()
        except ValueError:
            return None  # the slow path says precisely why
        return Extent._trusted(text, rd, rd, _DAY)
    if n == 4 and text.isdigit() and text.isascii() and text != "0000":
        return Extent.year(int(text))
    if n == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        month = int(text[5:])
        if 1 <= month <= 12 and text.isascii():
            return Extent.month(int(text[:4]), month)
    return None


# --------------------------------------------------------------------------------------
# Dispatch.


def _parse(text: str, ctx: _Context) -> TimeValue:
    ctx.depth += 1
    try:
        if ctx.depth > _MAX_DEPTH:
            raise _Bad("too deeply nested")
        s = text.strip()
        if not s:
            raise _Bad("empty text")
        if len(s) > _MAX_TEXT:
            raise _Bad(f"longer than {_MAX_TEXT} characters")
        if not s.isascii() and any(c.isdigit() and not c.isascii() for c in s):
            raise _Bad("digits must be written 0–9")
        fast = _fast_iso(s)
        if fast is not None:
            return fast
        # int() refuses more than 4,300 digits with a bare ValueError; no form needs 20.
        if _LONG_NUMBER.search(s):
            raise _Bad(f"a number of more than {_MAX_DIGITS} digits")
        if re.fullmatch(r"[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}", s):
            raise _Bad(
                "numeric dates like 02/13/2017 are ambiguous (month/day or day/month): "
                "write 2017-02-13 or Feb 13, 2017"
            )
        value = _edtf(s, ctx)
        if value is not None:
            return value
        value = _news.read(s, ctx)
        if value is not None:
            return value
        notes: list[str] = []
        value = _human(s, ctx, notes)
        if value is not None:
            return value
        try:
            value = _relative(s, ctx)
        except _Bad:
            value = _in_digits(s, ctx)
            if value is None:
                raise
        if value is None:
            value = _in_digits(s, ctx)
        if value is not None:
            return value
        if notes:
            raise _Bad(notes[0])
        raise _Bad(
            "not a date this library can read (EDTF such as 2017-02-13 or 2017-01/2017-04, "
            "or forms such as 'Feb 13, 2017', 'January 2017', 'FY2018', 'Q3 2017')"
        )
    finally:
        ctx.depth -= 1


def _in_digits(s: str, ctx: _Context) -> TimeValue | None:
    """ "two thousand eight", "January twenty-sixth": the same text in digits, or None."""
    digits = _news.spelled_out(s)
    if digits is None:
        return None
    try:
        return _parse(digits, ctx)
    except _Bad:
        return None


# --------------------------------------------------------------------------------------
# EDTF and the library's extensions.

_Q = r"[?~%]"
_DATE_RE: Final = re.compile(
    rf"(?P<yp>{_Q})?(?P<year>-?[\dX]{{4}}|Y-?\d{{5,}})(?P<ys>{_Q})?"
    rf"(?:-(?P<mp>{_Q})?(?P<month>[\dX]{{2}})(?P<ms>{_Q})?"
    rf"(?:-(?P<dp>{_Q})?(?P<day>[\dX]{{2}})(?P<ds>{_Q})?)?)?"
)
_TIME_RE: Final = re.compile(
    r"(?P<date>-?\d{4}-\d{2}-\d{2})T(?P<h>\d{2})(?::(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?)?"
    r"(?P<off>Z|[+-]\d{2}(?::?\d{2}(?::\d{2})?)?)?(?:\[(?P<zone>[A-Za-z0-9_+\-/]+)\])?"
)
_FY_RE: Final = re.compile(
    rf"FY(?P<year>-?\d{{4}}|Y-?\d{{5,}})(?:-Q(?P<q>[1-4]))?(?P<qual>{_Q})?(?:\[(?P<tag>[a-z0-9-]+)\])?"
)
_WEEK_RE: Final = re.compile(
    rf"(?P<year>-?\d{{4}}|Y-?\d{{5,}})-?W(?P<week>\d{{2}})(?P<qual>{_Q})?"
    r"(?:\[(?P<tag>[a-z]+day)\])?"
)
_DECADE_RE: Final = re.compile(rf"(?P<d>\d{{3}}|[1-9]\d{{3,}})0s(?P<qual>{_Q})?")
_TIME_HEAD: Final = re.compile(r"-?\d+-\d+-\d+T")
_SPAN_RE: Final = re.compile(r"(?:FY ?)?(?P<y>\d{4})-(?P<e>\d{2})")


def _edtf(s: str, ctx: _Context) -> TimeValue | None:
    head = s[0]
    # The interval's "/" first: its ends may be sets or on(...) ("[2017-03-01..]/2018",
    # "on(2017-W01)/on(2017-W05)"), and a "/" inside brackets is not at the top level.
    slash = _top_level_slash(s)
    if slash is not None:
        return _interval(s[:slash], s[slash + 1 :], ctx)
    if head in "[{":
        return _set(s, ctx)
    if s.startswith("on(") and _closing(s, 2) == len(s) - 1:
        inner = _parse(s[3:-1], ctx)
        if isinstance(inner, Moment | Instant):
            raise _Bad("on(...) takes a date, not a moment or an instant")
        return on(inner)
    if "T" in s and _TIME_HEAD.match(s):
        m = _TIME_RE.fullmatch(s)
        if m is None:
            raise _Bad("not a valid date-time (expected YYYY-MM-DDThh:mm:ss with an offset)")
        return _instant(m, ctx)
    m = _FY_RE.fullmatch(s)
    if m is not None:
        return _fiscal(m, ctx)
    if s.startswith("FY") and re.fullmatch(r"FY\S*", s):
        if re.fullmatch(r"FY'?\d{2}(?:-?Q[1-4])?", s):
            return None  # FY17: a news form, read against the anchor
        span = _span_fiscal(s, ctx)
        if span is not None:
            return span
        if re.fullmatch(r"FY(-?\d{4}|Y-?\d{5,})-Q\d+\S*", s):
            raise _Bad("a fiscal quarter is Q1, Q2, Q3 or Q4, such as FY2018-Q1")
        raise _Bad("not a fiscal year: write FY followed by a four-digit year, such as FY2018")
    m = _WEEK_RE.fullmatch(s)
    if m is not None:
        first_weekday = cal.MONDAY if m["tag"] is None else _weekday_named(m["tag"])
        value = Extent.week(_year_number(m["year"]), int(m["week"]), first_weekday)
        return _with_whole_qualifier(value, m["qual"])
    m = _DECADE_RE.fullmatch(s)
    if m is not None:
        return _with_whole_qualifier(Extent.decade(int(m["d"])), m["qual"])
    if head in "0123456789-?~%YX":
        m = _DATE_RE.fullmatch(s)
        if m is not None:
            try:
                return _date_value(m)
            except _Bad:
                # "2018-19" is no EDTF date (there is no month 19): a fiscal year
                # written by its span, if the calendar writes its years so.
                span = _span_fiscal(s, ctx)
                if span is not None:
                    return span
                if _looks_like_span(s):
                    raise _Bad(
                        f"{s[5:]} is not a month; for the fiscal year {s}, pass fiscal= a "
                        "calendar that writes its years so (FiscalCalendar.UK_GOVERNMENT)"
                    ) from None
                raise
        if re.fullmatch(r"[?~%]?-?[\dX]{4}(-[?~%]?[\dX]{1,2}[?~%]?){0,2}[?~%]?", s):
            raise _Bad("months and days take two digits")
        if re.fullmatch(r"Y-?\d+(?:E\d+)?S\d+|Y-?\d+E\d+|-?\d{4}S\d+", s):
            raise _Bad("exponential years and significant digits are not supported")
        if re.fullmatch(r"Y-?\d{1,4}(-.*)?", s):
            raise _Bad("the Y prefix is for years of more than four digits (Y10000)")
        if re.fullmatch(r"-?\d{5,}(-.*)?", s):
            raise _Bad("years of more than four digits are written with a Y prefix (Y10000)")
    return None


def _looks_like_span(s: str) -> bool:
    m = _SPAN_RE.fullmatch(s)
    return m is not None and (int(m["y"]) + 1) % 100 == int(m["e"])


def _span_fiscal(s: str, ctx: _Context) -> Extent | None:
    """``2018-19``: the fiscal year that starts in 2018 and ends in 2019, or None.

    Read so with a calendar that writes its years this way (``label_style="span"``),
    and ``FY2018-19`` with any calendar. Text that is an EDTF date stays one:
    ``2011-12`` is December 2011 and ``2020-21`` spring 2020 whatever the calendar
    (write ``FY2011`` or ``FY2011-12``), so that ``parse(v.edtf) == v`` always.
    """
    if not (s.startswith("FY") or ctx.fiscal.label_style == "span"):
        return None
    m = _SPAN_RE.fullmatch(s)
    if m is None:
        return None
    start = int(m["y"])
    if (start + 1) % 100 != int(m["e"]):
        return None
    calendar = ctx.fiscal
    if (calendar.start_month, calendar.start_day) == (1, 1):
        raise _Bad(f"the fiscal years of {calendar.name or 'this calendar'} do not span two years")
    year = start if calendar.named_by == "start" else start + 1
    return Extent.fiscal_year(year, calendar)


def _closing(s: str, opening: int) -> int | None:
    """Index of the bracket that closes the one at ``opening``, or None."""
    depth = 0
    for i in range(opening, len(s)):
        if s[i] in "[{(":
            depth += 1
        elif s[i] in "]})":
            depth -= 1
            if depth == 0:
                return i
    return None


def _top_level_slash(s: str) -> int | None:
    """Index of the ``/`` that separates an interval, ignoring those inside brackets."""
    depth = 0
    for i, c in enumerate(s):
        if c in "[{(":
            depth += 1
        elif c in "]})":
            depth -= 1
        elif c == "/" and depth == 0:
            return i
    return None


def _interval(left: str, right: str, ctx: _Context) -> Period:
    start = _interval_end(left, ctx, "start")
    end = _interval_end(right, ctx, "end")
    if isinstance(start, End) and isinstance(end, End):
        raise _Bad("an interval needs a date at one end at least")
    try:
        return Period(start, end)
    except ConstraintError as error:
        raise _Bad(_strip_quoted(str(error))) from None


def _interval_end(part: str, ctx: _Context, which: str) -> TimeValue | End:
    part = part.strip()
    if part == "..":
        return OPEN
    if part == "":
        return UNKNOWN
    try:
        value = _parse(part, ctx)
    except _Bad as bad:
        raise _Bad(f"{which} {part!r}: {bad}") from None
    except (CalendarError, ConstraintError) as error:
        raise _Bad(f"{which} {part!r}: {_strip_quoted(str(error))}") from None
    if isinstance(value, Period | Instant):
        kind = "an interval" if isinstance(value, Period) else "a date-time"
        raise _Bad(f"{which} {part!r}: an interval end must be a date, not {kind}")
    return value


def _set(s: str, ctx: _Context) -> OneOf | AllOf:
    closing = "]" if s[0] == "[" else "}"
    if not s.endswith(closing):
        raise _Bad(f"a set opened with {s[0]!r} must close with {closing!r}")
    body = s[1:-1]
    items: list[TimeValue] = []
    for raw in _split_top_level(body):
        piece = raw.strip()
        if not piece:
            raise _Bad("empty item in a set")
        if ".." in piece and _top_level_slash(piece) is None:
            low, _, high = piece.partition("..")
            items.append(_range(low.strip(), high.strip(), ctx))
        else:
            value = _parse(piece, ctx)
            if isinstance(value, OneOf | AllOf):
                raise _Bad("sets cannot be nested")
            items.append(value)
    try:
        return OneOf(tuple(items)) if s[0] == "[" else AllOf(tuple(items))
    except ConstraintError as error:
        raise _Bad(str(error)) from None


def _split_top_level(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(body):
        if c in "[{(":
            depth += 1
        elif c in "]})":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def _range(low: str, high: str, ctx: _Context) -> Range:
    def end(text: str) -> Extent | None:
        if not text:
            return None
        value = _parse(text, ctx)
        if not isinstance(value, Extent):
            raise _Bad(f"a range end must be a single date, not {text!r}")
        return value

    try:
        return Range(end(low), end(high))
    except ConstraintError as error:
        raise _Bad(_strip_quoted(str(error))) from None


def _qualifier(symbol: str | None) -> Qualifier:
    return Qualifier.NONE if symbol is None else _SYMBOLS[symbol]


_SYMBOLS: Final = {
    "?": Qualifier.UNCERTAIN,
    "~": Qualifier.APPROXIMATE,
    "%": Qualifier.UNCERTAIN_APPROXIMATE,
}


def _with_whole_qualifier(value: Extent, symbol: str | None) -> Extent:
    return value if symbol is None else value.with_qualifiers(_SYMBOLS[symbol])


def _year_number(text: str) -> int:
    if text.startswith("Y"):
        year = int(text[1:])
        if abs(year) > _MAX_YEAR:
            raise _Bad(f"years beyond ±{_MAX_YEAR:,} are not supported")
        if abs(year) <= 9999:
            raise _Bad("the Y prefix is for years of more than four digits")
        return year
    if text == "-0000":
        raise _Bad("year 0 has no sign: write 0000")
    return int(text)


def _date_value(m: re.Match[str]) -> TimeValue:
    year_text, month_text, day_text = m["year"], m["month"], m["day"]
    parts = [p for p in (year_text, month_text, day_text) if p is not None]
    # A suffix qualifier covers its component and every one to its left; a
    # prefix qualifier covers its own component only (EDTF level 2).
    prefixes = [m["yp"], m["mp"], m["dp"]][: len(parts)]
    suffixes = [m["ys"], m["ms"], m["ds"]][: len(parts)]
    qualifiers = [Qualifier.NONE] * len(parts)
    for i, symbol in enumerate(prefixes):
        qualifiers[i] |= _qualifier(symbol)
    for i, symbol in enumerate(suffixes):
        for j in range(i + 1):
            qualifiers[j] |= _qualifier(symbol)
    # Y12345-06-07: not EDTF (its Y prefix is for years alone), but the way this
    # library writes the days and months of years beyond four digits.
    if m["yp"] and len(parts) == 1:
        raise _Bad("a qualifier before a lone year is written after it (2004?)")
    if any("X" in p for p in parts):
        return _unspecified(parts, qualifiers)
    year = _year_number(year_text)
    if month_text is None:
        return Extent.year(year).with_qualifiers(*qualifiers)
    month = int(month_text)
    if day_text is None and 21 <= month <= 41:
        return Extent.season(year, month).with_qualifiers(*qualifiers)
    if not 1 <= month <= 12:
        raise _Bad(f"month must be 1–12 (or a season code 21–41), not {month}")
    if day_text is None:
        return Extent.month(year, month).with_qualifiers(*qualifiers)
    reason = cal.check_date(year, month, int(day_text))
    if reason is not None:
        raise _Bad(reason)
    return Extent.day(year, month, int(day_text)).with_qualifiers(*qualifiers)


def _unspecified(parts: list[str], qualifiers: list[Qualifier]) -> TimeValue:
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    if month is not None and "X" not in month and not 1 <= int(month) <= 12:
        raise _Bad(f"month must be 1–12, not {int(month)}")
    if day is not None and "X" not in day and not 1 <= int(day) <= 31:
        raise _Bad(f"day must be 1–31, not {int(day)}")
    if (
        month is not None
        and "X" in month
        and day is None
        and not re.fullmatch(r"[01X][\dX]", month)
    ):
        raise _Bad(f"no month matches {month!r}")
    if year.startswith("Y"):
        raise _Bad("years with a Y prefix cannot have unspecified digits")
    from timeline.when import _normalise_qualifiers

    try:
        return Unspecified("-".join(parts), _normalise_qualifiers(qualifiers))
    except ConstraintError:
        raise _Bad("no calendar date matches these digits") from None


def _fiscal(m: re.Match[str], ctx: _Context) -> Extent:
    year = _year_number(m["year"])
    calendar = ctx.fiscal if m["tag"] is None else _calendar(m["tag"])
    if m["q"] is None:
        value = Extent.fiscal_year(year, calendar)
    else:
        value = Extent.fiscal_quarter(year, int(m["q"]), calendar)
    return _with_whole_qualifier(value, m["qual"])


def _calendar(tag: str) -> cal.FiscalCalendar:
    try:
        return calendar_named(tag)
    except TimelineError:
        names = ", ".join(cal.FiscalCalendar.PRESETS)
        raise _Bad(f"unknown fiscal calendar {tag!r} (known: {names})") from None


def _weekday_named(tag: str) -> int:
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if tag not in names:
        raise _Bad(f"unknown weekday {tag!r}")
    return names.index(tag)


def _instant(m: re.Match[str], ctx: _Context) -> Instant:
    import pendulum
    from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

    y, mo, d = (int(p) for p in _split_date(m["date"]))
    reason = cal.check_date(y, mo, d)
    if reason is not None:
        raise _Bad(reason)
    if not 1 <= y <= 9999:
        raise _Bad("date-times are supported for years 1–9999")
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    sec = int(m["s"] or 0)
    micro = int((m["f"] or "0").ljust(6, "0"))
    if h > 23 or mi > 59 or sec > 59:
        raise _Bad("not a valid time of day (hours 0–23, minutes and seconds 0–59)")
    unit = Precision.SECOND if m["s"] else Precision.MINUTE if m["mi"] else Precision.HOUR
    zone = m["zone"] or ctx.tz
    offset_text = m["off"]
    if zone is not None:
        try:
            tz = pendulum.timezone(zone)
        except Exception:
            raise _Bad(f"unknown time zone {zone!r}") from None
    if offset_text is None:
        if zone is None:
            raise _Bad("a time needs an offset (Z, +01:00) or a zone: naive times are refused")
        try:
            local = pendulum.datetime(
                y, mo, d, h, mi, sec, micro, tz=tz, raise_on_unknown_times=True
            )
        except (AmbiguousTime, NonExistingTime) as error:
            kind = "is ambiguous" if isinstance(error, AmbiguousTime) else "does not exist"
            raise _Bad(
                f"{h:02d}:{mi:02d} on {m['date']} {kind} in {zone}: give the offset"
            ) from None
        return Instant.from_datetime(local, unit)
    offset = _offset_seconds(offset_text)
    fixed = _datetime(y, mo, d, h, mi, sec, micro, tzinfo=pendulum.FixedTimezone(offset))
    instant = Instant.from_datetime(fixed, unit)
    if zone is None:
        return instant
    try:
        zone_offsets = {fixed.astimezone(tz).utcoffset()}
    except OverflowError:
        # The UTC time lies outside years 1–9999 (late on 9999-12-31 west of UTC, early
        # on 0001-01-01 east of it): take the offsets the zone gives that wall time.
        wall = fixed.replace(tzinfo=None)
        zone_offsets = {tz.utcoffset(wall.replace(fold=fold)) for fold in (0, 1)}
    if not any(z is not None and int(z.total_seconds()) == offset for z in zone_offsets):
        raise _Bad(f"offset {offset_text} is not the offset of {zone} at that time")
    return Instant(instant.utc_us, offset, zone, unit)


def _split_date(text: str) -> list[str]:
    if text.startswith("-"):
        parts = text[1:].split("-")
        parts[0] = "-" + parts[0]
        return parts
    return text.split("-")


def _offset_seconds(text: str) -> int:
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes, seconds = int(digits[:2]), int(digits[2:4] or 0), int(digits[4:6] or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise _Bad(f"not a valid offset {text!r}")
    return sign * (hours * 3600 + minutes * 60 + seconds)


# --------------------------------------------------------------------------------------
# Forms people write.

_MONTHS: Final = {
    name: i + 1
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        )
    )
    for name in names
}
_MONTH_P: Final = r"(?P<{}>[A-Za-z]{{3,9}})\.?"
_DAY_P: Final = r"(?P<{}>\d{{1,2}}(?:st|nd|rd|th)?)"
_YEAR_P: Final = r"(?P<{}>\d{{1,4}}(?:\s*(?:BCE|BC|CE|AD))?)"
_DASH: Final = r"\s*(?:-|–|—|to|through|until)\s*"

_WEEKDAYS: Final = {
    name: i
    for i, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_NUMBER_WORDS: Final = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBERS: Final = {w: i for i, w in enumerate(_NUMBER_WORDS.split(" "))}
# Season name -> EDTF code: without a hemisphere, northern, southern.
_SEASON_CODES: Final = {
    "spring": (21, 25, 29),
    "summer": (22, 26, 30),
    "autumn": (23, 27, 31),
    "fall": (23, 27, 31),
    "winter": (24, 28, 32),
}


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _month(text: str) -> int:
    number = _MONTHS.get(text.lower().rstrip("."))
    if number is None:
        raise _NotThis
    return number


class _NotThis(Exception):
    """The text does not have this shape after all; try the next form.

    An argument, if any, says why, for the error raised when no form fits.
    """


def _year(text: str) -> int:
    t = text.strip().upper()
    era = ""
    for suffix in ("BCE", "BC", "CE", "AD"):
        if t.endswith(suffix):
            era, t = suffix, t[: -len(suffix)].strip()
            break
    year = int(t)
    if era in ("BCE", "BC"):
        if year == 0:
            raise _Bad("there is no year 0 BCE (1 BCE is followed by 1 CE)")
        return 1 - year
    if era == "" and len(t) < 4 and not t.startswith("0"):
        # "Feb 13, 17" would be a guess at the century.
        raise _NotThis
    return year


def _inner(text: str, ctx: _Context) -> TimeValue:
    """Parse a part of a form; if it cannot be read, let the next form try the whole.

    The reason is kept for the error raised when no form fits ("c. Feb 30, 2017"
    says February has 28 days).
    """
    try:
        return _parse(text, ctx)
    except _Bad as bad:
        raise _NotThis(str(bad)) from None
    except (CalendarError, ConstraintError) as error:
        raise _NotThis(_strip_quoted(str(error))) from None


def _day_number(text: str) -> int:
    """``13`` or ``13th``; the ordinal ending must be the right one (``13st`` is refused)."""
    digits = text.rstrip("stndrhSTNDRH")
    number = int(digits)
    ending = text[len(digits) :].lower()
    if ending:
        right = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
        if ending != (right or "th"):
            raise _Bad(f"{text!r}: write {number}{right or 'th'}")
    return number


def _day(year: int, month: int, day: str) -> Extent:
    number = _day_number(day)
    reason = cal.check_date(year, month, number)
    if reason is not None:
        raise _Bad(reason)
    return Extent.day(year, month, number)


_HumanForm = tuple[re.Pattern[str], Callable[[re.Match[str], _Context], TimeValue]]


def _f_date(m: re.Match[str], ctx: _Context) -> TimeValue:
    return _day(_year(m["y"]), _month(m["m"]), m["d"])


def _f_my(m: re.Match[str], ctx: _Context) -> TimeValue:
    return Extent.month(_year(m["y"]), _month(m["m"]))


def _f_year_era(m: re.Match[str], ctx: _Context) -> TimeValue:
    return Extent.year(_year(m["y"]))


def _f_day_range(m: re.Match[str], ctx: _Context) -> TimeValue:
    year, month = _year(m["y"]), _month(m["m"])
    return Period(_day(year, month, m["d1"]), _day(year, month, m["d2"]))


def _f_cross_month(m: re.Match[str], ctx: _Context) -> TimeValue:
    year = _year(m["y"])
    return Period(_day(year, _month(m["m1"]), m["d1"]), _day(year, _month(m["m2"]), m["d2"]))


def _f_cross_year(m: re.Match[str], ctx: _Context) -> TimeValue:
    start = _day(_year(m["y1"]), _month(m["m1"]), m["d1"])
    return Period(start, _day(_year(m["y2"]), _month(m["m2"]), m["d2"]))


def _f_month_range(m: re.Match[str], ctx: _Context) -> TimeValue:
    year = _year(m["y"])
    return Period(Extent.month(year, _month(m["m1"])), Extent.month(year, _month(m["m2"])))


def _f_between(m: re.Match[str], ctx: _Context) -> TimeValue:
    left, right = m["a"].strip(), m["b"].strip()
    end = _parse(right, ctx)
    year_match = re.search(r"([0-9]{4})\s*$", right)
    start: TimeValue | None = None
    if year_match is not None and not re.search(r"[0-9]{4}", left):
        # "between January 24 and April 30, 2016": the year is written once, at the end,
        # and it is the start's year too (not a year read from the anchor).
        try:
            start = _parse(f"{left}, {year_match[1]}", ctx)
        except _Bad:
            start = None
    if start is None:
        start = _parse(left, ctx)
    if isinstance(start, Period | Instant) or isinstance(end, Period | Instant):
        raise _Bad("'between' takes two dates")
    return Period(start, end)


def _f_span_fiscal(m: re.Match[str], ctx: _Context) -> TimeValue:
    value = _span_fiscal(f"FY{m['y']}-{m['e']}", ctx)
    if value is None:
        raise _NotThis
    return value


def _f_season(m: re.Match[str], ctx: _Context) -> TimeValue:
    year = int(m["y"])
    hemisphere = (m["h"] or "").lower()
    code = _SEASON_CODES[m["s"].lower()][("", "northern", "southern").index(hemisphere)]
    value = Extent.season(year, code)
    if m["e"] is not None:
        # "winter 2017–18": the second year is the one the season ends in.
        if cal.from_rd(value.last)[0] == year:
            raise _Bad(f"{m['s']} {year} lies within {year}: write {m['s']} {year}")
        if int(m["e"]) != (year + 1) % 100:
            raise _Bad(f"{m['s']} {year} ends in {year + 1}, not in {m['e']}")
    return value


def _f_first_full_week(m: re.Match[str], ctx: _Context) -> TimeValue:
    year, month = _year(m["y"]), _month(m["m"])
    first, _ = cal.first_full_week(year, month, ctx.week_start)
    return Extent.week_containing(first, ctx.week_start)


def _f_week_of(m: re.Match[str], ctx: _Context) -> TimeValue:
    day = _inner(m["rest"], ctx)
    if isinstance(day, Period):
        first, last = day.start, day.end
        if (
            isinstance(first, Extent)
            and isinstance(last, Extent)
            and first.unit is last.unit is Precision.DAY
            and not (first.qualifiers or last.qualifiers)
            and last.first - first.first == 6
        ):
            # "week of Feb 7–13, 2017": the seven days named, a week starting that day.
            return Extent.week_containing(first.first, cal.weekday(first.first))
    if not (isinstance(day, Extent) and day.unit is Precision.DAY and not day.qualifiers):
        raise _Bad("'week of' takes a day, such as week of Feb 6, 2017")
    rd = day.first
    weekday = cal.weekday(rd)
    # The week that starts on the day named, when weeks start on that day in this
    # reading (ctx.week_start) or in one of the two common conventions; else the
    # week of this reading that holds the day.
    if weekday in (ctx.week_start, cal.MONDAY, cal.SUNDAY):
        return Extent.week_containing(rd, weekday)
    return Extent.week_containing(rd, ctx.week_start)


def _f_circa(m: re.Match[str], ctx: _Context) -> TimeValue:
    value = _inner(m["rest"], ctx)
    if not isinstance(value, Extent):
        # Perhaps "c. 2004 – 2006", a range whose start is approximate.
        raise _NotThis("'c.' applies to a single date, such as c. 2014")
    return value.with_qualifiers(value.qualifier | Qualifier.APPROXIMATE)


def _f_uncertain(m: re.Match[str], ctx: _Context) -> TimeValue:
    value = _inner(m["rest"], ctx)
    if not isinstance(value, Extent):
        # Perhaps "June 2004 – August 2006?", a range whose end is uncertain.
        raise _NotThis("a '?' after a date applies to a single date, such as Jun 11, 2004?")
    return value.with_qualifiers(value.qualifier | Qualifier.UNCERTAIN)


def _f_sometime(m: re.Match[str], ctx: _Context) -> TimeValue:
    value = _inner(m["rest"], ctx)
    if isinstance(value, Instant):
        raise _Bad("'sometime in' takes a date, not a date-time")
    return on(value)


def _f_present(m: re.Match[str], ctx: _Context) -> TimeValue:
    start = _inner(m["a"], ctx)
    if isinstance(start, Period | Instant):
        raise _Bad("'... – present' takes a date")
    return Period(start, OPEN)


def _f_decade(m: re.Match[str], ctx: _Context) -> TimeValue:
    return Extent.decade(int(m["d"]))


def _f_fiscal(m: re.Match[str], ctx: _Context) -> TimeValue:
    year = m["y"] or m["y2"] or m["y3"]
    q = m["q"] or m["q2"]
    if q is None:
        return Extent.fiscal_year(int(year), ctx.fiscal)
    return Extent.fiscal_quarter(int(year), int(q), ctx.fiscal)


def _f_tagged_fiscal(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``FY2018 (new-york-city)``, ``2018-19 (uk-government)``: how str() writes other calendars."""
    try:
        calendar = calendar_named(m["name"])
    except TimelineError:
        raise _NotThis from None
    rest = m["rest"].strip()
    span = re.fullmatch(r"(?:FY ?)?(\d{4})-(\d{2})(?: Q([1-4]))?", rest)
    if span is not None and calendar.label_style == "span":
        start = int(span[1])
        if (start + 1) % 100 != int(span[2]):
            raise _Bad(f"{rest!r} is not a fiscal year: the second year must follow the first")
        year = start if calendar.named_by == "start" else start + 1
        if span[3] is not None:
            # "2018-19 Q3 (uk-government)": how str() writes such a calendar's quarters.
            return Extent.fiscal_quarter(year, int(span[3]), calendar)
        return Extent.fiscal_year(year, calendar)
    saved = ctx.fiscal
    ctx.fiscal = calendar
    try:
        value = _inner(rest, ctx)
    finally:
        ctx.fiscal = saved
    if not (isinstance(value, Extent) and value.calendar == calendar):
        raise _Bad(f"({m['name']}) names a fiscal calendar, but {rest!r} is not a fiscal year")
    return value


def _f_four_months(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``January–April 2017 (four-month term)``: how str() writes a quadrimester."""
    value = _inner(m["rest"], ctx)
    if isinstance(value, Period) and isinstance(value.start, Extent):
        first = value.start.first
        y, month, _ = cal.from_rd(first)
        if month in (1, 5, 9):
            term = Extent.season(y, 37 + (month - 1) // 4)
            if term.first == value.earliest_day and term.last == value.latest_day:
                return term
    raise _Bad("a four-month term runs January–April, May–August or September–December")


def _f_quarter(m: re.Match[str], ctx: _Context) -> TimeValue:
    return Extent.quarter(int(m["y"] or m["y2"]), int(m["q"] or m["q2"]))


def _f_half(m: re.Match[str], ctx: _Context) -> TimeValue:
    half = m["h"] or {"first": "1", "second": "2"}[m["hw"].lower()]
    return Extent.half(int(m["y"]), int(half))


# Where a range of two dates written out in full splits: a spaced dash or word, an
# unspaced en or em dash, or a hyphen between two years (2014-2016).
_RANGE_SPLIT: Final = _p(
    r"\s(?:-|–|—|to|through|until|till)\s|(?<=\S)[–—](?=\S)|(?<=^[0-9]{4})-(?=[0-9]{4}$)"
)


def _f_range(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``2014 – 2016``, ``January 2017 – Apr 30, 2017``, ``from 2014 until 2015``.

    Only a text with exactly one separator is read so; the forms with a year
    written once (``Sep 24 – Oct 2, 2017``) come earlier.
    """
    text = m["body"]
    cuts = list(_RANGE_SPLIT.finditer(text))
    if len(cuts) != 1:
        raise _NotThis
    cut = cuts[0]
    start = _inner(text[: cut.start()], ctx)
    end = _inner(text[cut.end() :], ctx)
    if isinstance(start, Period | Instant) or isinstance(end, Period | Instant):
        raise _Bad("a range 'A – B' takes two dates")
    return Period(start, end)


_HUMAN: Final[tuple[_HumanForm, ...]] = (
    (_p(r"(?P<rest>.+?)\s*\((?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\)"), _f_tagged_fiscal),
    (_p(r"(?P<rest>.+?)\s*\(four-month term\)"), _f_four_months),
    (_p(r"(?:c\.|ca\.|circa|about|around)\s*(?P<rest>.+)"), _f_circa),
    (_p(r"(?P<rest>.+?)\s*\?"), _f_uncertain),
    (_p(r"(?:sometime|some time)\s+(?:in|during)\s+(?P<rest>.+)"), _f_sometime),
    (_p(r"(?:sometime|some time)\s+(?P<rest>between\s+.+\s+and\s+.+)"), _f_sometime),
    (_p(r"between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)"), _f_between),
    (_p(r"(?P<a>.+?)\s*(?:-|–|—|to)\s*(?:present|now|today|ongoing)"), _f_present),
    (
        _p(
            rf"{_MONTH_P.format('m1')}\s+{_DAY_P.format('d1')},?\s+{_YEAR_P.format('y1')}{_DASH}"
            rf"{_MONTH_P.format('m2')}\s+{_DAY_P.format('d2')},?\s+{_YEAR_P.format('y2')}"
        ),
        _f_cross_year,
    ),
    (
        _p(
            rf"{_MONTH_P.format('m1')}\s+{_DAY_P.format('d1')}{_DASH}"
            rf"{_MONTH_P.format('m2')}\s+{_DAY_P.format('d2')},?\s+{_YEAR_P.format('y')}"
        ),
        _f_cross_month,
    ),
    (
        _p(
            rf"{_MONTH_P.format('m')}\s+{_DAY_P.format('d1')}{_DASH}"
            rf"{_DAY_P.format('d2')},?\s+{_YEAR_P.format('y')}"
        ),
        _f_day_range,
    ),
    (
        _p(rf"{_MONTH_P.format('m1')}{_DASH}{_MONTH_P.format('m2')},?\s+{_YEAR_P.format('y')}"),
        _f_month_range,
    ),
    (_p(rf"{_MONTH_P.format('m')}\s+{_DAY_P.format('d')},?\s+{_YEAR_P.format('y')}"), _f_date),
    (
        _p(
            rf"(?:the\s+)?{_DAY_P.format('d')}\s+(?:of\s+)?{_MONTH_P.format('m')},?\s+"
            rf"{_YEAR_P.format('y')}"
        ),
        _f_date,
    ),
    (_p(rf"{_MONTH_P.format('m')},?\s+{_YEAR_P.format('y')}"), _f_my),
    (_p(r"(?P<y>\d{1,4}\s*(?:BCE|BC|CE|AD))"), _f_year_era),
    (
        _p(
            r"(?:(?:the\s+)?(?:FY\s*|fiscal\s+(?:year\s+)?)(?P<y>\d{4})(?:\s*-?\s*Q(?P<q>[1-4]))?"
            r"|Q(?P<q2>[1-4])\s+FY\s*(?P<y2>\d{4})"
            r"|(?:the\s+)?(?P<y3>\d{4})\s+fiscal\s+year)"
        ),
        _f_fiscal,
    ),
    (_p(r"FY\s*(?P<y>\d{4})-(?P<e>\d{2})"), _f_span_fiscal),
    (
        _p(r"(?:Q(?P<q>[1-4])\s*,?\s*(?P<y>\d{4})|(?P<y2>\d{4})\s*-?\s*Q(?P<q2>[1-4]))"),
        _f_quarter,
    ),
    (
        _p(r"(?:H(?P<h>[12])|(?P<hw>first|second)\s+half\s+of)\s+(?P<y>\d{4})"),
        _f_half,
    ),
    (
        _p(
            r"(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>\d{4})"
            r"(?:\s*[-–]\s*(?P<e>\d{2}))?(?:\s*\((?P<h>northern|southern)\))?"
        ),
        _f_season,
    ),
    (
        _p(
            rf"(?:the\s+)?first\s+full\s+week\s+(?:of|in)\s+{_MONTH_P.format('m')},?\s+"
            rf"{_YEAR_P.format('y')}"
        ),
        _f_first_full_week,
    ),
    (_p(r"(?:the\s+)?week\s+of\s+(?P<rest>.+)"), _f_week_of),
    (_p(r"(?:the\s+)?(?P<d>\d{3})0s"), _f_decade),
    (_p(r"(?:from\s+)?(?P<body>.+)"), _f_range),
)


def _human(s: str, ctx: _Context, notes: list[str]) -> TimeValue | None:
    text = " ".join(s.split())
    for pattern, build in _HUMAN:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            return build(match, ctx)
        except _NotThis as not_this:
            if not_this.args:
                notes.append(str(not_this.args[0]))
            continue
    return None


# --------------------------------------------------------------------------------------
# Phrases relative to an anchor.

_RELATIVE: Final = _p(
    r"(?P<named>today|yesterday)"
    r"|(?P<last>last|this|next)\s+(?P<unit>week|month|year|fiscal\s+year|quarter)"
    r"|(?:on\s+)?(?P<lastday>last\s+)?(?P<weekday>[A-Za-z]+day)"
    r"|(?:(?:the|a|an)\s+)?(?:(?:past|last)\s+)?(?P<n>\d+|[a-z]+)[\s-]days?(?:\s+[a-z]+)?"
    r"\s+(?:ending|that\s+ended|ended|to)\s+(?:on\s+)?(?P<endday>[A-Za-z]+day)"
    r"|(?P<ago>\d+|[a-z]+)\s+(?P<agounit>days?|weeks?|months?|years?)\s+ago"
    r"|since\s+(?P<since>.+)"
)


def _relative(s: str, ctx: _Context) -> TimeValue | None:
    text = " ".join(s.split())
    m = _RELATIVE.fullmatch(text)
    if m is None:
        return None
    if m["since"] is not None:
        return _since(m["since"], ctx)
    if m["weekday"] is not None and m["weekday"].lower() not in _WEEKDAYS:
        return None
    if ctx.anchor is None:
        raise _Bad(f"{text!r} is relative: pass anchor= (for instance the publication date)")
    reader = _reader(m, ctx)
    readings: list[TimeValue] = []
    for rd in _anchor_days(ctx.anchor):
        value = reader(rd)
        if value not in readings:
            readings.append(value)
    return _union(readings)


_MAX_ANCHOR_DAYS: Final = 400
_UNIX_EPOCH_RD: Final = 719_163  # date(1970, 1, 1).toordinal()
_US_PER_DAY: Final = 86_400_000_000


def _anchor_days(anchor: TimeValue) -> list[int]:
    """Every day the anchor could be, in order; a relative phrase is read on each.

    An instant's day is its local calendar day (an article dated 23:30 at -04:00
    was published that day, not the next UTC one). A vague anchor gives the days
    it allows: those of an unspecified pattern (``2017-XX-13``: twelve days) or of
    each member of a one-of set, not every day between its first and last.
    """
    runs = sorted(_anchor_runs(anchor))
    merged: list[tuple[int, int]] = []
    for lo, hi in runs:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    if sum(hi - lo + 1 for lo, hi in merged) > _MAX_ANCHOR_DAYS:
        raise _Bad(
            f"the anchor is too vague (more than {_MAX_ANCHOR_DAYS} days) "
            "to read a relative phrase against"
        )
    return [rd for lo, hi in merged for rd in range(lo, hi + 1)]


def _anchor_runs(value: TimeValue) -> list[tuple[int, int]]:
    if isinstance(value, Instant):
        local = value.utc_us + value.offset * 1_000_000
        rd = local // _US_PER_DAY + _UNIX_EPOCH_RD
        return [(rd, rd)]
    if isinstance(value, Unspecified):
        return list(value._options())
    if isinstance(value, Moment):
        return _anchor_runs(value.within)
    if isinstance(value, OneOf):
        return [run for item in value.items for run in _anchor_runs(item)]
    lo, hi = value.earliest_day, value.latest_day
    if lo is None or hi is None:
        raise _Bad("the anchor is unbounded, so a relative phrase has no reading")
    return [(lo, hi)]


def _count(text: str) -> int:
    t = text.lower()
    if t.isdigit():
        return int(t)
    if t in _NUMBERS:
        return _NUMBERS[t]
    raise _Bad(f"not a number: {text!r}")


def _reader(m: re.Match[str], ctx: _Context) -> Callable[[int], TimeValue]:
    if m["named"] is not None:
        back = 0 if m["named"].lower() == "today" else 1
        return lambda rd: Extent.from_rd(rd - back)
    if m["weekday"] is not None:
        target = _WEEKDAYS[m["weekday"].lower()]
        strictly = m["lastday"] is not None

        def weekday(rd: int) -> TimeValue:
            back = (cal.weekday(rd) - target) % 7
            if strictly and back == 0:
                back = 7
            return Extent.from_rd(rd - back)

        return weekday
    if m["endday"] is not None:
        n = _count(m["n"])
        if n < 1:
            raise _Bad("a run of days needs at least one day")
        target_name = m["endday"].lower()
        if target_name not in _WEEKDAYS:
            raise _Bad(f"not a weekday: {m['endday']!r}")
        target = _WEEKDAYS[target_name]

        def ending(rd: int) -> TimeValue:
            last = rd - (cal.weekday(rd) - target) % 7
            return Period(Extent.from_rd(last - n + 1), Extent.from_rd(last))

        return ending
    if m["ago"] is not None:
        unit = m["agounit"].lower().rstrip("s")
        if m["ago"].lower() in ("a", "an"):
            if m["agounit"].lower() != unit:
                raise _Bad(f"{m['ago']} {m['agounit']}: write one {unit} or two {unit}s")
            n = 1
        else:
            n = _count(m["ago"])
        if unit == "day":
            return lambda rd: Extent.from_rd(rd - n)
        if unit == "week":
            return lambda rd: Extent.week_containing(rd - 7 * n, ctx.week_start)

        def months_or_years(rd: int) -> TimeValue:
            y, mo, _ = cal.from_rd(rd)
            if unit == "year":
                return Extent.year(y - n)
            index = y * 12 + (mo - 1) - n
            return Extent.month(index // 12, index % 12 + 1)

        return months_or_years
    which = (m["last"] or "this").lower()
    step = {"last": -1, "this": 0, "next": 1}[which]
    unit = " ".join(m["unit"].lower().split())

    def unit_reading(rd: int) -> TimeValue:
        y, mo, _ = cal.from_rd(rd)
        if unit == "week":
            return Extent.week_containing(
                cal.week_start(rd, ctx.week_start) + 7 * step, ctx.week_start
            )
        if unit == "month":
            index = y * 12 + (mo - 1) + step
            return Extent.month(index // 12, index % 12 + 1)
        if unit == "quarter":
            index = y * 4 + (mo - 1) // 3 + step
            return Extent.quarter(index // 4, index % 4 + 1)
        if unit == "year":
            return Extent.year(y + step)
        return Extent.fiscal_year(ctx.fiscal.year_of(rd) + step, ctx.fiscal)

    return unit_reading


def _since(rest: str, ctx: _Context) -> TimeValue:
    start = _parse(rest, ctx)
    if isinstance(start, Period | Instant):
        raise _Bad("'since' takes a date")
    if ctx.anchor is None:
        return Period(on(start), OPEN)
    days = _anchor_days(ctx.anchor)
    first = start.earliest_day
    possible = days if first is None else [rd for rd in days if rd >= first]
    if not possible:
        raise _Bad(f"{rest!r} begins after the anchor, so it cannot have been going on since")
    # Still going at the anchor: the last day is on or after the earliest day the
    # anchor allows (and the start allows).
    still = OneOf((Range(Extent.from_rd(possible[0]), None),))
    return Period(on(start), still)


def _union(readings: list[TimeValue]) -> TimeValue:
    """One value for every reading: the reading itself when they agree, else one of them."""
    if len(readings) == 1:
        return readings[0]
    if all(isinstance(r, Extent) and r.unit is Precision.DAY for r in readings):
        days = sorted(r.earliest_day for r in readings if isinstance(r, Extent))
        if days[-1] - days[0] + 1 == len(days):
            return on(Period(Extent.from_rd(days[0]), Extent.from_rd(days[-1])))
    return OneOf(tuple(sorted(readings)))


# The news forms (a part of this grammar with its own vocabularies); imported last,
# since they are built from the pieces above.
from timeline import _news  # noqa: E402

#: Every lower-case word that may occur inside a date phrase parse reads.
_VOCABULARY: Final[frozenset[str]] = _news.VOCABULARY
