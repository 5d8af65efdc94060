"""The forms news text writes, read against an anchor: the rules of :func:`timeline.parse`.

This is a part of parse's grammar, not a second one: each rule is a pattern
matched against the whole (normalised) text and a builder that reads the
pieces, often by calling parse again on a part ("early next year" is the
early third of what "next year" reads). The vocabularies are data, below.

The rules for what a phrase without a year means, and why:

*Tense* (``parse(..., tense=)``) decides a phrase that names a recurring
time without saying which one: a bare weekday (``Tuesday``), month
(``January``), day (``Nov. 29``), season (``fall``), holiday
(``Thanksgiving``), quarter (``the third quarter``) or half (``the first
half``). With ``"past"`` (the default: news reports what happened) it is the
latest occurrence that starts on or before the anchor, so a January article's
"January" is this January; with ``"future"`` the earliest that ends on or
after the anchor; with ``"nearest"`` the one nearest the anchor (the past one
on a tie); with ``"either"`` the past and the future readings as a one-of
set, when they differ.

*last*, *this*, *next*: ``last April`` is the latest April that ended before
the anchor, ``next April`` the earliest that starts after it, ``this April``
the one of the anchor's year (a season: the one holding the anchor, else the
one of its year). ``last Friday`` is the latest Friday before the anchor's
day; ``this Friday`` the one of the anchor's week; ``next Friday`` is the
Friday of next week, or — when the coming Friday is still in this week — one
of the coming Friday and the next week's (speakers mean both).

*The quarter*: ``the quarter``, ``the latest quarter``, ``the most recent
quarter`` are the latest quarter that ended before the anchor (the one a
company has just reported); ``the third quarter`` follows the tense rule.

*Earlier, later*: ``a year earlier``, ``the year-earlier quarter``, ``the
year-ago period``, ``two days later`` shift the anchor — which is, for a
sentence, the date it is about — keeping its kind: a quarter a year earlier
is the same quarter of the year before. Against a day they are never more
precise than the words: ``a year earlier`` than a day is the year before, a
month later the month after. ``a year ago``, ``in two weeks``, ``two years
from now`` count from the anchor's day the same way.

*Parts*: ``early``, ``mid``, ``late``, ``the beginning/middle/end of`` are
thirds of the whole (see :mod:`timeline.parts`); ``earlier this year`` is
one day somewhere from the start of the anchor's year to the anchor's day,
``later this month`` one day from the anchor's day to the month's end (the
anchor's day is in both: "earlier this week" may be this morning).

*Numbers in words*, as broadcast scripts write them (``two thousand
eight``, ``nineteen sixty-two``, ``January twenty-sixth``, ``fifty years
ago``), read as the same text in digits.

*Decades written with two digits* (``the '80s``) are the latest such decade
that starts by the anchor's year; *fiscal years written with two digits*
(``FY17``, ``fiscal 17``) the one within 50 years of the anchor's year.
Both need an anchor: without one the century would be a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

from timeline import calendar as cal
from timeline.parse import (
    _MONTHS,
    _NUMBERS,
    _WEEKDAYS,
    _anchor_days,
    _Bad,
    _Context,
    _parse,
    _union,
)
from timeline.parts import Part, century, part
from timeline.when import (
    Extent,
    Moment,
    OneOf,
    Period,
    Precision,
    Qualifier,
    Range,
    TimeValue,
    _first_day_range,
    _last_day_range,
    on,
)

__all__ = ["TENSES", "VOCABULARY", "read", "spelled_out"]

#: The readings ``parse(..., tense=)`` takes.
TENSES: Final = ("past", "future", "nearest", "either")

# --------------------------------------------------------------------------------------
# Vocabularies.

_ORDINAL_WORDS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}
_UNITS_WORDS: Final = {w: i for w, i in _NUMBERS.items() if i < 20}
_TENS_WORDS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_PART_WORDS: Final = {
    "early": "early",
    "mid": "mid",
    "late": "late",
    "beginning": "early",
    "start": "early",
    "early part": "early",
    "first part": "early",
    "middle": "mid",
    "end": "late",
    "close": "late",
    "latter part": "late",
    "last part": "late",
}
_SEASONS: Final = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}
_TIMES_OF_DAY: Final = ("morning", "afternoon", "evening", "night", "tonight")
_UNITS: Final = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
}
_STRUCTURE: Final = (
    "a an the of in on at during this that next last past coming previous prior preceding "
    "following same latest most recent current early mid late earlier later beginning start "
    "middle end close latter part first second third fourth half quarter fiscal fy year years "
    "month months week weeks weekend day days decade decades century centuries period ago "
    "from now today tonight tomorrow yesterday morning afternoon evening night before after "
    "since between and to until till through ending ended or s q1 q2 q3 q4 h1 h2 st nd rd th "
    "bce bc ce ad c ca circa about around sometime some time present ongoing full northern "
    "southern spring summer fall autumn winter federal"
)


def _holiday_names() -> tuple[str, ...]:
    return tuple(sorted(cal.HOLIDAY_NAMES, key=len, reverse=True))


def _vocabulary() -> frozenset[str]:
    words: set[str] = set(_STRUCTURE.split())
    words.update(_MONTHS, _WEEKDAYS, _NUMBERS, _SEASONS, _UNITS, _TIMES_OF_DAY)
    words.update(_TENS_WORDS, ("hundred", "thousand", "oh", "twentieth", "thirtieth"))
    for phrase in (*_ORDINAL_WORDS, *_PART_WORDS, *_holiday_names()):
        words.update(re.findall(r"[a-z]+", phrase))
    return frozenset(words)


#: Every lower-case word that may occur inside a date phrase parse reads.
VOCABULARY: Final[frozenset[str]] = _vocabulary()

# --------------------------------------------------------------------------------------
# Pattern pieces (whole words only; no piece can repeat, so matching is linear).


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH: Final = rf"(?:{_alternatives(_MONTHS)})\.?"
_WEEKDAY: Final = rf"(?:{_alternatives(_WEEKDAYS)})\.?"
_DAYNUM: Final = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
_COUNT: Final = rf"(?:\d{{1,3}}|a|an|one|{_alternatives(_NUMBERS)})"
_UNIT: Final = rf"(?:{_alternatives(_UNITS)})"
_WHICH: Final = r"(?:last|this|next|past|coming|this past|this coming)"
_QUARTER_ORD: Final = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_YEARISH: Final = r"(?:\d{4}|last year|this year|next year|the year)"

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], _Context], TimeValue]]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _normalise(text: str) -> str:
    text = " ".join(text.split())
    return text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("‑", "-")


# --------------------------------------------------------------------------------------
# Readings against the anchor.


def _need_anchor(ctx: _Context, text: str) -> TimeValue:
    if ctx.anchor is None:
        raise _Bad(f"{text!r} is relative: pass anchor= (for instance the publication date)")
    return ctx.anchor


# More readings of a run of days than this (a vague anchor) become one period whose ends
# are each a range of days: wider than the set of runs, never narrower.
_MANY_RUNS: Final = 24


def _each_day(ctx: _Context, text: str, reader: Callable[[int], TimeValue]) -> TimeValue:
    """``reader`` on every day the anchor could be; one value for all the readings."""
    anchor = _need_anchor(ctx, text)
    readings: list[TimeValue] = []
    seen: set[TimeValue] = set()
    for rd in _anchor_days(anchor):
        value = reader(rd)
        if value not in seen:
            seen.add(value)
            readings.append(value)
    if len(readings) > _MANY_RUNS:
        wide = _widened(readings)
        if wide is not None:
            return wide
    return _union(readings)


def _widened(readings: list[TimeValue]) -> TimeValue | None:
    """One value that allows every reading: periods whose ends are ranges of days, or one
    day somewhere in the hull of readings that are each one day somewhere."""
    if all(
        isinstance(r, Moment) or (isinstance(r, Extent) and r.unit is Precision.DAY)
        for r in readings
    ):
        lo = min(_lo(r) for r in readings)
        hi = max(_hi(r) for r in readings)
        return on(Period(Extent.from_rd(lo), Extent.from_rd(hi)))
    if not all(isinstance(r, Period) for r in readings):
        return None
    ends: list[int] = []
    for r in readings:
        assert isinstance(r, Period)
        for low, high in (_first_day_range(r.start), _last_day_range(r.end)):
            if low is None or high is None:
                return None
            ends.extend((low, high))
    firsts_lo, firsts_hi = min(ends[0::4]), max(ends[1::4])
    lasts_lo, lasts_hi = min(ends[2::4]), max(ends[3::4])
    return Period(_day_range(firsts_lo, firsts_hi), _day_range(lasts_lo, lasts_hi))


def _day_range(lo: int, hi: int) -> TimeValue:
    if lo == hi:
        return Extent.from_rd(lo)
    return OneOf((Range(Extent.from_rd(lo), Extent.from_rd(hi)),))


def _lo(value: TimeValue) -> int:
    day = value.earliest_day
    assert day is not None  # the candidates are definite
    return day


def _hi(value: TimeValue) -> int:
    day = value.latest_day
    assert day is not None
    return day


def _by_tense(candidates: Sequence[TimeValue], rd: int, tense: str) -> TimeValue:
    """The candidate the tense picks (see the module's docstring)."""
    ordered = sorted(candidates, key=lambda e: (_lo(e), _hi(e)))
    past = next((e for e in reversed(ordered) if _lo(e) <= rd), None)
    future = next((e for e in ordered if _hi(e) >= rd), None)
    if past is None:
        if future is None:
            raise _Bad("no occurrence near the anchor")
        return future
    if future is None or tense == "past" or past == future:
        return past
    if tense == "future":
        return future
    if tense == "nearest":
        gap_past = 0 if _hi(past) >= rd else rd - _hi(past)
        gap_future = 0 if _lo(future) <= rd else _lo(future) - rd
        return past if gap_past <= gap_future else future
    return OneOf((past, future))


def _latest_ended(candidates: Sequence[TimeValue], rd: int) -> TimeValue:
    ended = [e for e in candidates if _hi(e) < rd]
    if not ended:
        raise _Bad("none ended before the anchor, within the years the library reads")
    return max(ended, key=_lo)


def _earliest_started(candidates: Sequence[TimeValue], rd: int) -> TimeValue:
    started = [e for e in candidates if _lo(e) > rd]
    if not started:
        raise _Bad("none starts after the anchor, within the years the library reads")
    return min(started, key=_lo)


def _which_reading(
    which: str | None, make: Callable[[int], Extent | None], ctx: _Context, text: str
) -> TimeValue:
    """A recurring unit (``make(year)``), picked by ``last``/``this``/``next`` or the tense."""

    def reading(rd: int) -> TimeValue:
        year = cal.from_rd(rd)[0]
        candidates = [e for y in range(year - 2, year + 3) if (e := make(y)) is not None]
        if not candidates:
            raise _Bad(f"{text!r} does not fall near the anchor")
        w = (which or "").lower()
        if w in ("last", "past", "this past"):
            return _latest_ended(candidates, rd)
        if w in ("next", "coming", "this coming"):
            return _earliest_started(candidates, rd)
        if w == "this":
            holding = [e for e in candidates if e.first <= rd <= e.last]
            if holding:
                return holding[0]
            same = [e for e in candidates if cal.from_rd(e.first)[0] == year]
            if same:
                return same[0]
        return _by_tense(candidates, rd, ctx.tense)

    return _each_day(ctx, text, reading)


def _safe(make: Callable[[int], Extent]) -> Callable[[int], Extent | None]:
    def wrapped(year: int) -> Extent | None:
        try:
            return make(year)
        except _Bad:
            return None
        except Exception:  # a day that year lacks (Feb 29), a year out of range
            return None

    return wrapped


# --------------------------------------------------------------------------------------
# Shifting a value: "a year earlier", "two days later", "in two weeks".


def _count(text: str) -> int:
    t = text.lower()
    if t in ("a", "an", "one"):
        return 1
    if t.isdigit():
        return int(t)
    if t in _NUMBERS:
        return _NUMBERS[t]
    raise _Bad(f"not a number: {text!r}")


def _shift_day(rd: int, n: int, unit: str, week_start: int) -> Extent:
    """The unit that holds ``rd`` moved by ``n`` units, at that unit's precision."""
    y, m, _ = cal.from_rd(rd)
    if unit == "day":
        return Extent.from_rd(rd + n)
    if unit == "week":
        return Extent.week_containing(rd + 7 * n, week_start)
    if unit == "month":
        index = y * 12 + m - 1 + n
        return Extent.month(index // 12, index % 12 + 1)
    if unit == "quarter":
        index = y * 4 + (m - 1) // 3 + n
        return Extent.quarter(index // 4, index % 4 + 1)
    if unit == "decade":
        return Extent.year(y + 10 * n).with_qualifiers(Qualifier.APPROXIMATE)
    return Extent.year(y + n)


def _shift_value(value: TimeValue, n: int, unit: str, ctx: _Context, text: str) -> TimeValue:
    """``value`` moved by ``n`` units, keeping its kind where the unit allows."""
    if isinstance(value, Part):
        # Mid-2019 a year earlier is mid-2018.
        whole = _shift_value(value.whole, n, unit, ctx, text)
        if isinstance(whole, Extent | Period):
            return _part(value.which, whole)
    if isinstance(value, Extent) and type(value) is Extent and value.unit is not Precision.DAY:
        shifted = _shift_extent(value, n, unit)
        if shifted is not None:
            return shifted
    if isinstance(value, Extent) and value.unit is Precision.DAY:
        return _shift_day(value.first, n, unit, ctx.week_start)
    saved = ctx.anchor
    ctx.anchor = value
    try:
        return _each_day(ctx, text, lambda rd: _shift_day(rd, n, unit, ctx.week_start))
    finally:
        ctx.anchor = saved


def _shift_extent(value: Extent, n: int, unit: str) -> Extent | None:
    if type(value) is not Extent:
        return None  # a part or a century: shifted day by day
    label = value.label
    calendar = value.calendar
    years = {"year": n, "decade": 10 * n}.get(unit)
    if calendar is not None:
        number = int(label[2:].split("[")[0].split("-Q")[0].lstrip("Y"))
        if unit == "quarter" and value.unit is Precision.QUARTER:
            q = int(label.split("-Q")[1][0]) - 1 + n + number * 4
            return Extent.fiscal_quarter(q // 4, q % 4 + 1, calendar)
        if years is None:
            return None
        if value.unit is Precision.QUARTER:
            q = int(label.split("-Q")[1][0])
            return Extent.fiscal_quarter(number + years, q, calendar)
        return Extent.fiscal_year(number + years, calendar)
    y, m, _ = cal.from_rd(value.first)
    if value.unit is Precision.MONTH:
        step = {"month": n, "quarter": 3 * n}.get(unit, None if years is None else 12 * years)
        if step is None:
            return None
        index = y * 12 + m - 1 + step
        return Extent.month(index // 12, index % 12 + 1)
    if value.unit is Precision.YEAR and years is not None:
        return Extent.year(y + years)
    if value.unit is Precision.DECADE and years is not None and years % 10 == 0:
        return Extent.decade(y // 10 + years // 10)
    if value.unit in (Precision.QUARTER, Precision.HALF, Precision.SEASON, Precision.QUADRIMESTER):
        code = int(label.rsplit("-", 1)[1])
        year = int(label.rsplit("-", 1)[0])
        if years is not None:
            return Extent.season(year + years, code)
        if unit == "quarter" and value.unit is Precision.QUARTER:
            q = year * 4 + code - 33 + n
            return Extent.quarter(q // 4, q % 4 + 1)
    return None


# --------------------------------------------------------------------------------------
# The builders.


def _f_notation_part(m: re.Match[str], ctx: _Context) -> TimeValue:
    return _part(m["which"].lower(), _parse(m["whole"], ctx))


def _f_notation_century(m: re.Match[str], ctx: _Context) -> TimeValue:
    return century(int(m["n"]))


def _part(which: str, whole: TimeValue) -> TimeValue:
    if isinstance(whole, OneOf) and all(isinstance(i, Extent) for i in whole.items):
        return OneOf(tuple(part(which, i) for i in whole.items))
    if isinstance(whole, Moment):
        raise _Bad("a part of a period needs the period, not one day somewhere in it")
    try:
        return part(which, whole)
    except Exception as error:
        raise _Bad(str(error)) from None


def _f_part(m: re.Match[str], ctx: _Context) -> TimeValue:
    which = _PART_WORDS[" ".join(m["which"].lower().split())]
    rest = m["rest"]
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]  # "late (Jan 20, 2009 – Jan 20, 2017)", as a part of a span prints
    return _part(which, _parse(rest, ctx))


def _f_century(m: re.Match[str], ctx: _Context) -> TimeValue:
    if m["n"] is not None:
        return century(int(m["n"]))
    return century(_ORDINAL_WORDS[" ".join(m["word"].lower().split())])


def _f_relative_century(m: re.Match[str], ctx: _Context) -> TimeValue:
    step = {"this": 0, "the current": 0, "last": -1, "the last": -1, "the previous": -1}
    n = step.get(" ".join(m["which"].lower().split()), 1)
    return _each_day(ctx, m[0], lambda rd: century((cal.from_rd(rd)[0] - 1) // 100 + 1 + n))


def _f_short_decade(m: re.Match[str], ctx: _Context) -> TimeValue:
    digit = int(m["d"])

    def reading(rd: int) -> TimeValue:
        year = cal.from_rd(rd)[0]
        start = year - (year - digit * 10) % 100
        return Extent.decade(start // 10)

    return _each_day(ctx, m[0], reading)


def _f_short_fiscal(m: re.Match[str], ctx: _Context) -> TimeValue:
    short = int(m["y"])
    if ctx.anchor is None:
        raise _Bad(
            f"{m[0]!r} is not a fiscal year with its century: write FY20{m['y']}, "
            "or pass anchor= to read two digits as the year nearest the anchor"
        )

    def reading(rd: int) -> TimeValue:
        year = cal.from_rd(rd)[0]
        full = year - 50 + (short - (year - 50)) % 100
        quarter = m.groupdict().get("q")
        if quarter is not None:
            return Extent.fiscal_quarter(full, int(quarter), ctx.fiscal)
        return Extent.fiscal_year(full, ctx.fiscal)

    return _each_day(ctx, m[0], reading)


def _f_day_word(m: re.Match[str], ctx: _Context) -> TimeValue:
    word = " ".join(m["word"].lower().split())
    offsets = {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "earlier today": 0,
        "later today": 0,
        "tomorrow": 1,
        "yesterday": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    if word == "last night":
        # The night runs from the evening of the day before into the anchor's day.
        return _each_day(
            ctx, m[0], lambda rd: on(Period(Extent.from_rd(rd - 1), Extent.from_rd(rd)))
        )
    back = offsets[word if word in offsets else word.split(" ", 1)[0]]
    return _each_day(ctx, m[0], lambda rd: Extent.from_rd(rd + back))


def _f_weekday(m: re.Match[str], ctx: _Context) -> TimeValue:
    target = _WEEKDAYS[m["day"].lower().rstrip(".")]
    which = " ".join((m["which"] or "").lower().split())

    def reading(rd: int) -> TimeValue:
        back = (cal.weekday(rd) - target) % 7
        ahead = (target - cal.weekday(rd)) % 7
        if which in ("last", "past", "this past"):
            return Extent.from_rd(rd - (back or 7))
        if which in ("coming", "this coming"):
            return Extent.from_rd(rd + (ahead or 7))
        if which == "this":
            start = cal.week_start(rd, ctx.week_start)
            return Extent.from_rd(start + (target - ctx.week_start) % 7)
        if which == "next":
            start = cal.week_start(rd, ctx.week_start) + 7
            next_week = start + (target - ctx.week_start) % 7
            coming = rd + (ahead or 7)
            if coming == next_week:
                return Extent.from_rd(coming)
            return OneOf((Extent.from_rd(coming), Extent.from_rd(next_week)))
        past, future = Extent.from_rd(rd - back), Extent.from_rd(rd + ahead)
        return _by_tense([past, future], rd, ctx.tense)

    return _each_day(ctx, m[0], reading)


def _f_weekday_then(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``Friday, Nov. 13`` or ``Friday, Nov. 13, 2015``: the weekday must agree."""
    target = _WEEKDAYS[m["day"].lower().rstrip(".")]
    rest = m["rest"]
    if re.search(r"\d{4}\s*$", rest):
        value = _parse(rest, ctx)
        if not (isinstance(value, Extent) and value.unit is Precision.DAY):
            raise _Bad(f"a weekday goes with a day, not {rest!r}")
        if cal.weekday(value.first) != target:
            raise _Bad(f"{value} is not a {m['day']}")
        return value
    mm = _YEARLESS_DAY.fullmatch(_normalise(rest))
    if mm is None:
        raise _Bad(f"a weekday goes with a day, not {rest!r}")
    month, day = _month_day(mm)

    def make(year: int) -> Extent | None:
        try:
            rd = cal.to_rd(year, month, day)
        except Exception:
            return None
        return Extent.from_rd(rd) if cal.weekday(rd) == target else None

    return _which_reading(None, make, ctx, m[0])


_YEARLESS_DAY: Final = _rx(
    rf"(?:(?P<m>{_MONTH})\s+(?P<d>{_DAYNUM})|(?:the\s+)?(?P<d2>{_DAYNUM})\s+(?:of\s+)?(?P<m2>{_MONTH}))"
)


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    month = _MONTHS[(m["m"] or m["m2"]).lower().rstrip(".")]
    day_text = (m["d"] or m["d2"]).lower()
    digits = day_text.rstrip("stndrh")
    if digits != day_text:
        from timeline.parse import _day_number

        _day_number(day_text)
    day = int(digits)
    if not 1 <= day <= 31 or cal.check_date(2000, month, day) is not None:
        raise _Bad(f"there is no day {day} in that month")
    return month, day


def _f_yearless_day(m: re.Match[str], ctx: _Context) -> TimeValue:
    month, day = _month_day(m)

    def make(year: int) -> Extent | None:
        if cal.check_date(year, month, day) is not None:
            return None
        return Extent.day(year, month, day)

    return _in_year_or_tense(m, make, ctx)


def _in_year_or_tense(m: Any, make: Callable[[int], Extent | None], ctx: _Context) -> TimeValue:
    """``X``, ``last X``, ``X last year``, ``X of next year``."""
    rel = (m.groupdict().get("rel") or "").lower()
    which = m.groupdict().get("which")
    if rel:
        step = {"last year": -1, "this year": 0, "next year": 1}[" ".join(rel.split())]

        def reading(rd: int) -> TimeValue:
            value = make(cal.from_rd(rd)[0] + step)
            if value is None:
                raise _Bad(f"{m[0]!r} does not exist that year")
            return value

        return _each_day(ctx, m[0], reading)
    return _which_reading(which, make, ctx, m[0])


def _f_month(m: re.Match[str], ctx: _Context) -> TimeValue:
    month = _MONTHS[m["m"].lower().rstrip(".")]
    return _in_year_or_tense(m, lambda y: Extent.month(y, month), ctx)


def _f_season(m: re.Match[str], ctx: _Context) -> TimeValue:
    code = _SEASONS[m["s"].lower()]
    return _in_year_or_tense(m, lambda y: Extent.season(y, code), ctx)


def _holiday_extent(name: str) -> Callable[[int], Extent | None]:
    def make(year: int) -> Extent | None:
        try:
            rd = cal.holiday(name, year)
        except Exception:
            return None
        return None if rd is None else Extent.from_rd(rd)

    return make


def _f_holiday(m: re.Match[str], ctx: _Context) -> TimeValue:
    make = _holiday_extent(" ".join(m["h"].lower().split()))
    if m["y"] is not None:
        value = make(int(m["y"]))
        if value is None:
            raise _Bad(f"{m['h']} was not a holiday in {m['y']}")
        return value
    return _in_year_or_tense(m, make, ctx)


def _quarter_number(text: str) -> int:
    t = text.lower()
    return {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(t) or int(t[0])


def _f_quarter(m: re.Match[str], ctx: _Context) -> TimeValue:
    q = _quarter_number(m["q"])
    fiscal = m.groupdict().get("fiscal") or m.groupdict().get("fy")
    year = m["y"] or m.groupdict().get("y2")
    if year is not None and year.isdigit():
        y = int(year)
        return Extent.fiscal_quarter(y, q, ctx.fiscal) if fiscal else Extent.quarter(y, q)
    if fiscal:

        def reading(rd: int) -> TimeValue:
            fy = ctx.fiscal.year_of(rd)
            candidates = [Extent.fiscal_quarter(y, q, ctx.fiscal) for y in range(fy - 2, fy + 3)]
            return _by_tense(candidates, rd, ctx.tense)

        return _each_day(ctx, m[0], reading)
    return _in_year_or_tense(_Rel(m, year), lambda y: Extent.quarter(y, q), ctx)


class _Rel:
    """A match seen through a year phrase ("of last year") held in another group."""

    def __init__(self, m: re.Match[str], rel: str | None) -> None:
        self._m = m
        self._rel = rel if rel is not None and not rel.isdigit() else None

    def groupdict(self) -> dict[str, str | None]:
        d = dict(self._m.groupdict())
        d["rel"] = None if self._rel == "the year" else self._rel
        if self._rel == "the year":
            d["rel"] = "this year"
        return d

    def __getitem__(self, key: int | str) -> str | None:
        return self._m[key]


def _f_half(m: re.Match[str], ctx: _Context) -> TimeValue:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    year = m["y"]
    if year is not None and year.isdigit():
        return Extent.half(int(year), h)
    return _in_year_or_tense(_Rel(m, year), lambda y: Extent.half(y, h), ctx)


def _f_the_quarter(m: re.Match[str], ctx: _Context) -> TimeValue:
    word = " ".join((m["w"] or "").lower().split())

    def reading(rd: int) -> TimeValue:
        y, mo, _ = cal.from_rd(rd)
        index = y * 4 + (mo - 1) // 3
        step = {"current": 0, "this": 0, "next": 1, "coming": 1}.get(word, -1)
        index += step
        return Extent.quarter(index // 4, index % 4 + 1)

    return _each_day(ctx, m[0], reading)


def _f_unit_of_anchor(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``the year``, ``that month``, ``the same day``: the anchor's own unit."""
    unit = _UNITS[m["u"].lower()]
    return _shift_anchor(ctx, m[0], 0, unit)


def _shift_anchor(ctx: _Context, text: str, n: int, unit: str) -> TimeValue:
    anchor = _need_anchor(ctx, text)
    return _shift_value(anchor, n, unit, ctx, text)


def _f_earlier(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``a year earlier``, ``two days later``, ``the year-ago quarter``: the anchor moved."""
    n = _count(m["n"]) if m["n"] else 1
    unit = _UNITS[m["u"].lower()]
    direction = m["dir"].lower()
    sign = -1 if direction in ("earlier", "before", "ago", "prior", "previously") else 1
    return _shift_anchor(ctx, m[0], sign * n, unit)


def _f_year_ago_noun(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``the year-earlier quarter``, ``the year-ago period``, ``the prior-year quarter``."""
    noun = (m["noun"] or "period").lower()
    anchor = _need_anchor(ctx, m[0])
    if noun == "quarter" and not (isinstance(anchor, Extent) and anchor.unit is Precision.QUARTER):
        # Against a day: the quarter a year before the one just reported.
        latest = _f_the_quarter_value(ctx, m[0])
        return _shift_value(latest, -1, "year", ctx, m[0])
    return _shift_value(anchor, -1, "year", ctx, m[0])


def _f_the_quarter_value(ctx: _Context, text: str) -> TimeValue:
    def reading(rd: int) -> TimeValue:
        y, mo, _ = cal.from_rd(rd)
        index = y * 4 + (mo - 1) // 3 - 1
        return Extent.quarter(index // 4, index % 4 + 1)

    return _each_day(ctx, text, reading)


def _f_the_fiscal_year(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``the fiscal year``, ``that fiscal year``, ``the previous fiscal year``.

    The fiscal year the anchor is about: the anchor itself when it is a fiscal year
    (a sentence about FY2020), else the one holding each day of the anchor.
    """
    word = (m["w"] or "").lower()
    step = {"previous": -1, "prior": -1, "preceding": -1, "following": 1, "next": 1}.get(word, 0)
    anchor = _need_anchor(ctx, m[0])
    calendar = anchor.calendar if isinstance(anchor, Extent) else None
    if type(anchor) is Extent and calendar is not None:
        number = int(anchor.label[2:].split("[")[0].split("-Q")[0].lstrip("Y"))
        return Extent.fiscal_year(number + step, calendar)
    return _each_day(
        ctx, m[0], lambda rd: Extent.fiscal_year(ctx.fiscal.year_of(rd) + step, ctx.fiscal)
    )


def _f_two_years(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``2008–09`` (with a dash, not EDTF's hyphen): from 2008 into 2009.

    A season, a school or a fiscal year that spans two calendar years; which one
    the text does not say, so the value is the span of the two years. A fiscal
    calendar that writes its years so (``FiscalCalendar.UK_GOVERNMENT``) reads the
    same text as its fiscal year first.
    """
    start = int(m["y"])
    if (start + 1) % 100 != int(m["e"]):
        raise _Bad(f"{m[0]!r}: the second year must follow the first")
    if ctx.fiscal.label_style == "span" and not m[0].lower().endswith("season"):
        from timeline.parse import _span_fiscal

        fiscal = _span_fiscal(f"{m['y']}-{m['e']}", ctx)
        if fiscal is not None:
            return fiscal
    return Period(Extent.year(start), Extent.year(start + 1))


def _f_year_period(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``the 1989 period``, ``the 1989 quarter``: the anchor's period in that year."""
    year = int(m["y"])
    anchor = ctx.anchor
    if type(anchor) is Extent and anchor.unit not in (Precision.DAY, Precision.YEAR):
        anchor_year = cal.from_rd(anchor.first)[0]
        if anchor.calendar is not None:
            anchor_year = int(anchor.label[2:].split("[")[0].split("-Q")[0].lstrip("Y"))
        shifted = _shift_extent(anchor, year - anchor_year, "year")
        if shifted is not None:
            return shifted
    return Extent.year(year)


def _f_from_now(m: Any, ctx: _Context) -> TimeValue:
    """``in two weeks``, ``two years from now``: counted from the anchor's day."""
    n = _count(m["n"])
    unit = _UNITS[m["u"].lower()]
    return _each_day(ctx, m[0], lambda rd: _shift_day(rd, n, unit, ctx.week_start))


def _f_ago(m: re.Match[str], ctx: _Context) -> TimeValue:
    n = _count(m["n"])
    unit = _UNITS[m["u"].lower()]
    if unit in ("decade", "quarter"):
        return _each_day(ctx, m[0], lambda rd: _shift_day(rd, -n, unit, ctx.week_start))
    raise _Bad("read by the relative forms")  # days/weeks/months/years: parse's own rule


def _f_earlier_this(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``earlier this year``: one day from the unit's start to the anchor's day.

    The anchor's own day is included: an article published in the evening may call
    that morning "earlier this week", and a bound must not exclude what the words allow.
    """
    later = m["dir"].lower() == "later"
    unit = _UNITS[m["u"].lower()]

    def reading(rd: int) -> TimeValue:
        whole = _shift_day(rd, 0, unit, ctx.week_start)
        lo, hi = (rd, whole.last) if later else (whole.first, rd)
        if lo > hi:
            raise _Bad(f"{m[0]!r} has no day left in the {unit} of the anchor")
        if lo == hi:
            return Extent.from_rd(lo)
        return on(Period(Extent.from_rd(lo), Extent.from_rd(hi)))

    return _each_day(ctx, m[0], reading)


def _f_past_n(m: re.Match[str], ctx: _Context) -> TimeValue:
    """``the past three years``, ``the last three or four years``: up to the anchor's day."""
    low = _count(m["n"]) if m["n"] else 1
    high = _count(m["n2"]) if m["n2"] else low
    unit = _UNITS[m["u"].lower()]
    if high < low:
        low, high = high, low

    def back(rd: int, n: int) -> int:
        y, mo, d = cal.from_rd(rd)
        if unit == "day":
            return rd - n
        if unit == "week":
            return rd - 7 * n
        months = {"month": n, "quarter": 3 * n, "year": 12 * n, "decade": 120 * n}[unit]
        index = y * 12 + mo - 1 - months
        year, month = index // 12, index % 12 + 1
        return cal.to_rd(year, month, min(d, cal.days_in_month(year, month)))

    def reading(rd: int) -> TimeValue:
        end = Extent.from_rd(rd)
        if low == high:
            return Period(Extent.from_rd(back(rd, low)), end)
        start = Range(Extent.from_rd(back(rd, high)), Extent.from_rd(back(rd, low)))
        return Period(OneOf((start,)), end)

    return _each_day(ctx, m[0], reading)


def _f_weekend(m: re.Match[str], ctx: _Context) -> TimeValue:
    which = (m["which"] or "").lower()

    def reading(rd: int) -> TimeValue:
        saturday = rd + (cal.SATURDAY - cal.weekday(rd)) % 7 - 7
        candidates = [_weekend(saturday + 7 * k) for k in range(-2, 3)]
        if which in ("last", "past", "this past"):
            return _latest_ended(candidates, rd)
        if which in ("next", "coming", "this coming"):
            return _earliest_started(candidates, rd)
        if which == "this":
            start = cal.week_start(rd, ctx.week_start)
            this = [c for c in candidates if start <= _lo(c) <= start + 6]
            if not this:
                raise _Bad("the anchor's week has no weekend")
            return this[0]
        return _by_tense(candidates, rd, ctx.tense)

    return _each_day(ctx, m[0], reading)


def _weekend(saturday: int) -> Period:
    return Period(Extent.from_rd(saturday), Extent.from_rd(saturday + 1))


def _f_strip(m: re.Match[str], ctx: _Context) -> TimeValue:
    return _parse(m["rest"], ctx)


def _f_the_year_unit(m: re.Match[str], ctx: _Context) -> TimeValue:
    unit = _UNITS[m["u"].lower()]
    return _each_day(ctx, m[0], lambda rd: _shift_day(rd, 0, unit, ctx.week_start))


def _holiday_pattern() -> str:
    names = _holiday_names()
    return _alternatives(names) if names else r"(?!x)x"


_REL_YEAR: Final = r"(?:\s+(?:of\s+)?(?P<rel>last year|this year|next year))?"

_RULES: Final[tuple[_Rule, ...]] = (
    # The library's notation: early(2017), late(2009-01-20/2017-01-20), century(19).
    (_rx(r"(?P<which>early|mid|late)\((?P<whole>.+)\)"), _f_notation_part),
    (_rx(r"century\((?P<n>\d{1,3})\)"), _f_notation_century),
    # Days named by a word.
    (
        _rx(
            r"(?P<word>today|tonight|this (?:morning|afternoon|evening)|(?:earlier|later) today"
            r"|tomorrow(?: (?:morning|afternoon|evening|night))?"
            r"|yesterday(?: (?:morning|afternoon|evening))?|last night"
            r"|the day before yesterday|the day after tomorrow)"
        ),
        _f_day_word,
    ),
    # Weekdays.
    (
        _rx(
            rf"(?:on\s+)?(?:(?P<which>this past|this coming|last|this|next|past|coming)\s+)?"
            rf"(?P<day>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
        ),
        _f_weekday,
    ),
    (_rx(rf"(?P<day>{_WEEKDAY}),?\s+(?P<rest>(?:{_MONTH}|\d|the\s).+)"), _f_weekday_then),
    # Days, months, seasons and holidays without a year.
    (
        _rx(
            rf"(?:(?P<which>{_WHICH})\s+)?"
            rf"(?:(?P<m>{_MONTH})\s+(?P<d>{_DAYNUM})|(?:the\s+)?(?P<d2>{_DAYNUM})\s+(?:of\s+)?"
            rf"(?P<m2>{_MONTH})){_REL_YEAR}"
        ),
        _f_yearless_day,
    ),
    (_rx(rf"(?:(?P<which>{_WHICH})\s+)?(?P<m>{_MONTH}){_REL_YEAR}"), _f_month),
    (
        _rx(
            rf"(?:(?P<which>{_WHICH})\s+)?(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)"
            rf"{_REL_YEAR}"
        ),
        _f_season,
    ),
    (
        _rx(
            rf"(?:(?P<which>{_WHICH})\s+)?(?P<h>{_holiday_pattern()})"
            rf"(?:,?\s+(?:of\s+)?(?P<y>\d{{4}}))?{_REL_YEAR}"
        ),
        _f_holiday,
    ),
    # Quarters and halves.
    (
        _rx(
            rf"(?:the\s+)?(?:(?P<y2>\d{{4}})\s+)?(?P<fiscal>fiscal\s+)?(?P<q>{_QUARTER_ORD})"
            rf"(?:[\s-]+fiscal)?[\s-]+quarter(?:\s+(?:of\s+)?(?P<fy>fiscal\s+(?:year\s+)?)?"
            rf"(?P<y>{_YEARISH}))?"
        ),
        _f_quarter,
    ),
    (
        _rx(rf"(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half(?:\s+of\s+(?P<y>{_YEARISH}))?"),
        _f_half,
    ),
    (
        _rx(
            r"(?:the\s+)?(?:(?P<w>latest|most recent|recent|past|previous|prior|current|this"
            r"|next|coming|just-ended|just ended)\s+)?quarter"
        ),
        _f_the_quarter,
    ),
    # Fiscal years with two digits.
    (
        _rx(r"(?:fy\s*'?|fiscal\s+(?:year\s+)?')(?P<y>\d{2})(?:\s*-?\s*q(?P<q>[1-4]))?"),
        _f_short_fiscal,
    ),
    (_rx(r"fiscal\s+(?:year\s+)?(?P<y>\d{2})"), _f_short_fiscal),
    # Decades and centuries.
    (_rx(r"(?:the\s+)?'(?P<d>\d)0'?s"), _f_short_decade),
    (_rx(r"(?:the\s+)(?P<d>\d)0'?s"), _f_short_decade),
    (
        _rx(
            rf"(?:the\s+)?(?:(?P<n>\d{{1,3}})(?:st|nd|rd|th)|(?P<word>{_alternatives(_ORDINAL_WORDS)}))"
            r"[\s-]+century"
        ),
        _f_century,
    ),
    (
        _rx(r"(?P<which>this|the current|last|the last|the previous|next|the next)\s+century"),
        _f_relative_century,
    ),
    # Earlier and later.
    (
        _rx(r"(?P<dir>earlier|later)\s+this\s+(?P<u>week|month|year|quarter)"),
        _f_earlier_this,
    ),
    (
        _rx(
            rf"(?:the\s+)?(?:(?P<n>{_COUNT})\s+)?(?P<u>{_UNIT})[\s-]+"
            r"(?P<dir>earlier|before|prior|previously|later|after|afterwards|afterward)"
        ),
        _f_earlier,
    ),
    (
        _rx(
            r"(?:the\s+)?(?:(?:year[\s-](?:earlier|ago)|prior[\s-]year|previous[\s-]year"
            r"|year[\s-]before))(?:\s+(?P<noun>quarter|period|month|year|half))?"
        ),
        _f_year_ago_noun,
    ),
    (
        _rx(
            r"the\s+same\s+(?P<noun>quarter|period|month|half)\s+(?:a\s+year\s+(?:earlier|ago|"
            r"before)|last\s+year|of\s+last\s+year|the\s+previous\s+year|the\s+year\s+before)"
        ),
        _f_year_ago_noun,
    ),
    (
        _rx(r"the\s+(?:previous|prior|preceding)\s+(?P<u>day|week|month|quarter|year|decade)"),
        lambda m, ctx: _shift_anchor(ctx, m[0], -1, _UNITS[m["u"].lower()]),
    ),
    (
        _rx(r"the\s+(?:following|next)\s+(?P<u>day|week|month|quarter|year|decade)"),
        lambda m, ctx: _shift_anchor(ctx, m[0], 1, _UNITS[m["u"].lower()]),
    ),
    (_rx(r"(?:that|the\s+same)\s+(?P<u>day|week|month|quarter|year)"), _f_unit_of_anchor),
    (_rx(r"the\s+(?P<y>\d{4})\s+(?:period|quarter|half|season)"), _f_year_period),
    (_rx(r"(?:the\s+)?(?P<y>\d{4})[–—](?P<e>\d{2})(?:\s+season)?"), _f_two_years),
    (
        _rx(
            r"(?:the|that)\s+(?:(?P<w>same|current|federal|previous|prior|preceding|following"
            r"|next)\s+)?(?:federal\s+)?fiscal\s+year"
        ),
        _f_the_fiscal_year,
    ),
    (
        _rx(
            rf"(?:in\s+(?P<n>{_COUNT})\s+(?P<u>{_UNIT})|(?P<n2>{_COUNT})\s+(?P<u2>{_UNIT})\s+from\s+now)"
        ),
        lambda m, ctx: _f_from_now(_Pick(m), ctx),
    ),
    (_rx(rf"(?:about\s+)?(?P<n>{_COUNT})\s+(?P<u>decades?|quarters?)\s+ago"), _f_ago),
    (
        _rx(
            rf"(?:in\s+|over\s+|during\s+)?the\s+(?:past|last|previous|preceding)\s+"
            rf"(?:(?P<n>{_COUNT})(?:\s+or\s+(?P<n2>{_COUNT}))?\s+)?(?P<u>{_UNIT})"
        ),
        _f_past_n,
    ),
    (
        _rx(r"(?:(?P<which>this past|this coming|last|this|next|past|coming)\s+|the\s+)?weekend"),
        _f_weekend,
    ),
    # Parts of a period.
    (
        _rx(r"(?:the\s+)?(?P<which>early|mid|late)[\s-]+(?P<rest>.+)"),
        _f_part,
    ),
    (
        _rx(
            r"(?:the\s+)?(?:very\s+)?(?P<which>beginning|start|middle|end|close|early\s+part"
            r"|first\s+part|latter\s+part|last\s+part)\s+of\s+(?P<rest>.+)"
        ),
        _f_part,
    ),
    (_rx(r"the\s+(?P<u>year|month|week)"), _f_the_year_unit),
    # Words around a date that do not change it.
    (_rx(r"(?:in|on|during|at)\s+(?P<rest>.+)"), _f_strip),
)


class _Pick:
    """The two spellings of ``in two weeks`` / ``two weeks from now`` seen as one."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: int | str) -> str:
        if key == 0:
            return self._m[0]
        value = self._m[key] or self._m[f"{key}2"]
        assert value is not None
        return value


def read(text: str, ctx: _Context) -> TimeValue | None:
    """The value of a news form, or None when no rule has its shape."""
    s = _normalise(text)
    if len(s) > 200:
        return None
    for pattern, build in _RULES:
        m = pattern.fullmatch(s)
        if m is not None:
            try:
                return build(m, ctx)
            except _Bad:
                if build is _f_ago:
                    return None
                raise
    return None


# --------------------------------------------------------------------------------------
# Numbers written in words ("two thousand eight", "nineteen sixty-two", "January
# twenty-sixth"), as broadcast scripts write them: rewritten in digits, then read.

_ORDINAL_UNITS: Final = {w: i for w, i in _ORDINAL_WORDS.items() if i < 20}
_ORDINAL_UNITS_ALL: Final = {**_ORDINAL_UNITS, "twentieth": 20, "thirtieth": 30}
_NUMBER_ALTERNATIVES: Final = _alternatives(
    [*_UNITS_WORDS, *_TENS_WORDS, *_ORDINAL_UNITS_ALL, "hundred", "thousand", "oh", "and"]
)
_NUMBER_START: Final = _alternatives([*_UNITS_WORDS, *_TENS_WORDS, *_ORDINAL_UNITS_ALL])
_NUMBER_WORD: Final = re.compile(rf"\b(?:{_NUMBER_START})\b")
# Each word is matched once and the separators cannot overlap the words: linear.
_RUN: Final = re.compile(
    rf"\b(?:{_NUMBER_START})(?:[\s-]+(?:{_NUMBER_ALTERNATIVES}))*\b", re.IGNORECASE
)


def _below_hundred(words: list[str]) -> tuple[int, bool] | None:
    """``sixty-two`` → (62, False); ``twenty-sixth`` → (26, True); None if not one number."""
    if len(words) == 1:
        w = words[0]
        for table, ordinal in ((_UNITS_WORDS, False), (_TENS_WORDS, False)):
            if w in table:
                return table[w], ordinal
        if w in _ORDINAL_UNITS_ALL:
            return _ORDINAL_UNITS_ALL[w], True
        return None
    if len(words) == 2 and words[0] in _TENS_WORDS:
        tens = _TENS_WORDS[words[0]]
        if words[1] in _UNITS_WORDS and 0 < _UNITS_WORDS[words[1]] < 10:
            return tens + _UNITS_WORDS[words[1]], False
        if words[1] in _ORDINAL_UNITS and _ORDINAL_UNITS[words[1]] < 10:
            return tens + _ORDINAL_UNITS[words[1]], True
    return None


def _number(words: list[str]) -> tuple[int, bool] | None:
    """The number a run of number words writes, and whether it is an ordinal."""
    if "thousand" in words:
        i = words.index("thousand")
        head = _below_hundred(words[:i])
        rest = [w for w in words[i + 1 :] if w != "and"]
        tail = _below_hundred(rest) if rest else (0, False)
        if head is None or tail is None or head[1]:
            return None
        return head[0] * 1000 + tail[0], tail[1]
    if "hundred" in words:
        i = words.index("hundred")
        head = _below_hundred(words[:i])
        rest = [w for w in words[i + 1 :] if w != "and"]
        tail = _below_hundred(rest) if rest else (0, False)
        if head is None or tail is None or head[1]:
            return None
        return head[0] * 100 + tail[0], tail[1]
    whole = _below_hundred(words)
    if whole is not None:
        return whole
    # A year said in two halves: "nineteen sixty-two", "twenty seventeen", "nineteen oh five".
    for cut in (1, 2):
        head = _below_hundred(words[:cut])
        rest = words[cut:]
        if head is None or head[1] or not head[0] >= 10 or not rest:
            continue
        if rest[0] == "oh" and len(rest) == 2:
            tail = _below_hundred(rest[1:])
            if tail is not None and not tail[1] and tail[0] < 10:
                return head[0] * 100 + tail[0], False
            continue
        tail = _below_hundred(rest)
        if tail is not None and not tail[1] and tail[0] >= 10:
            return head[0] * 100 + tail[0], False
    return None


def _ordinal_suffix(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def spelled_out(text: str) -> str | None:
    """``text`` with its numbers in words written in digits, or None if it has none."""
    if _NUMBER_WORD.search(text.lower()) is None:
        return None
    changed = False
    pieces: list[str] = []
    last = 0
    for m in _RUN.finditer(text):
        words = [w for w in re.split(r"[\s-]+", m[0].lower()) if w]
        while words and words[-1] == "and":
            words.pop()
        value = _number(words)
        if value is None:
            continue
        n, ordinal = value
        pieces.append(text[last : m.start()])
        pieces.append(f"{n}{_ordinal_suffix(n)}" if ordinal else str(n))
        last = m.start() + len(m[0])
        changed = True
    if not changed:
        return None
    pieces.append(text[last:])
    return "".join(pieces)
