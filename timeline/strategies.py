"""Hypothesis strategies for :mod:`timeline`'s values: time values, events, whole timelines.

Use them to test code that takes time values, events or timelines::

    from hypothesis import given

    import timeline
    from timeline import strategies as tst

    @given(tst.fiscal_years(qualified=True))
    def test_fiscal_years_round_trip(value):
        assert timeline.parse(value.edtf) == value

This is the only module of the package that imports :mod:`hypothesis`; it is
not imported by ``import timeline``. Every function validates its arguments
when it is called, and raises :class:`hypothesis.errors.InvalidArgument` for a
bad one, rather than when the strategy is first drawn from.

The package registers these strategies with hypothesis through its entry
point (see :mod:`timeline._hypothesis`), so ``st.from_type(timeline.Event)``,
``st.from_type(timeline.Period)`` and ``st.builds`` of functions annotated with
the library's types work without importing this module; each type draws from
the strategy of its name with the defaults.

**Years.** Every strategy takes ``min_year`` and ``max_year``: inclusive
astronomical years (0 is 1 BCE) within :data:`MIN_YEAR` .. :data:`MAX_YEAR`,
by default 1 .. 9999. A value honours them as the strategy says; for calendar
units it is *numbered by* a year in the range: a day, month, season, quarter,
quadrimester, half or year by its calendar year, a week by its week-year, a
fiscal year or quarter by its fiscal year, a decade by any of its years.
Units at either end of the range can therefore spill over it (winter 9999
ends in February 10000, FY1 of the US federal calendar starts in year 0), and
for those :attr:`~timeline.TimeValue.earliest` and ``latest`` may raise
:class:`~timeline.RangeError`; ``earliest_day`` and ``latest_day`` always work.

**Boundaries.** Days are drawn about half of the time from days where
calendars change: 28 February – 1 March (29 February in leap years), 31 March –
6 April (quarters, UK tax years), 30 June – 1 July, 30 September – 1 October,
28 December – 4 January (ISO weeks), in years that are themselves biased towards
the ends of the range and towards awkward years (1900, 2000, 2100, years with
53 ISO weeks). Instants in zones with daylight saving time are drawn about half
of the time within a few hours of a change of offset, so that gaps and folds
come up.

**Shrinking.** Every strategy shrinks towards 2000-01-01 (or the year of the
range nearest to 2000), towards values without qualifiers, towards the
simplest kind of value it makes, and towards the first fiscal preset
(``US_FEDERAL``); each docstring says more.

Custom fiscal calendars drawn by :func:`fiscal_calendars` are named after their
fields (``custom-07-15-end-fy``), because :mod:`timeline` knows a calendar again by
its name; do not give another calendar such a name.
"""

from __future__ import annotations

import functools
import operator
import typing
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from itertools import pairwise
from typing import Final, Literal, TypeVar

import pendulum
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from timeline import calendar as cal
from timeline.calendar import FiscalCalendar
from timeline.collection import Timeline
from timeline.events import (
    Citation,
    Comparison,
    ComparisonKind,
    DateBasis,
    Event,
    Hedge,
    Metric,
    Source,
    event_kinds,
)
from timeline.relations import Relation
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
    on,
)

_T = TypeVar("_T")

__all__ = [
    "EXTENT_PRECISIONS",
    "MAX_YEAR",
    "MIN_YEAR",
    "citations",
    "comparisons",
    "date_bases",
    "day_numbers",
    "days",
    "events",
    "extents",
    "fiscal_calendars",
    "fiscal_quarters",
    "fiscal_years",
    "instants",
    "metrics",
    "moments",
    "periods",
    "ranges",
    "related_pairs",
    "related_triples",
    "sets",
    "sources",
    "time_values",
    "timelines",
    "unspecified_values",
    "weeks",
]

#: The earliest year the strategies accept: EDTF writes years with four digits.
MIN_YEAR: Final = -9999
#: The latest year the strategies accept.
MAX_YEAR: Final = 9999

#: Every precision :func:`extents` can make, in the order it shrinks towards.
EXTENT_PRECISIONS: Final = (
    Precision.DAY,
    Precision.MONTH,
    Precision.YEAR,
    Precision.WEEK,
    Precision.QUARTER,
    Precision.HALF,
    Precision.QUADRIMESTER,
    Precision.SEASON,
    Precision.DECADE,
)
_UNSPECIFIED_PRECISIONS: Final = (Precision.YEAR, Precision.MONTH, Precision.DAY)
_INSTANT_UNITS: Final = (Precision.SECOND, Precision.MINUTE, Precision.HOUR)

# Days where some calendar changes unit (see the module docstring).
_BOUNDARY_MONTH_DAYS: Final = (
    (1, 1),
    (12, 31),
    (2, 28),
    (2, 29),
    (3, 1),
    (3, 31),
    (4, 1),
    (4, 5),
    (4, 6),
    (6, 30),
    (7, 1),
    (9, 30),
    (10, 1),
    (12, 28),
    (12, 29),
    (12, 30),
    (1, 2),
    (1, 3),
    (1, 4),
)
# Years whose calendars are awkward: leap and non-leap centuries, years with 53 ISO weeks,
# years starting on each weekday, the Unix epoch.
_AWKWARD_YEARS: Final = (
    2000,
    1999,
    2001,
    1900,
    2100,
    1600,
    2400,
    2004,
    2015,
    2016,
    2017,
    2020,
    2026,
    1970,
    1582,
    0,
    -1,
    -44,
)
_QUALIFIERS: Final = (Qualifier.UNCERTAIN, Qualifier.APPROXIMATE, Qualifier.UNCERTAIN_APPROXIMATE)
_ANY_QUALIFIER: Final = (Qualifier.NONE, *_QUALIFIERS)

#: Zones whose rules are awkward, the default of :func:`instants`.
_DEFAULT_ZONES: Final = (
    "Europe/London",  # UTC in winter, +01:00 in summer
    "America/New_York",  # the fold at 01:00–02:00 on the first Sunday of November
    "Australia/Sydney",  # daylight saving time in the southern summer
    "Australia/Lord_Howe",  # a 30-minute change
    "America/St_Johns",  # -03:30, with daylight saving time
    "Asia/Kolkata",  # +05:30
    "Asia/Kathmandu",  # +05:45
    "Pacific/Chatham",  # +12:45 / +13:45
    "Europe/Dublin",  # negative daylight saving time in the tz database
    "Pacific/Apia",  # skipped 30 December 2011 entirely
    "America/Sao_Paulo",
)
# Offsets people use, in minutes east of UTC; fixed-offset instants are drawn from these
# about half of the time, and otherwise from any offset below a day.
_COMMON_OFFSETS: Final = (0, 60, -300, -240, 330, 345, 540, -210, 765, 840, -720, 600, -60)
_MAX_OFFSET_MINUTES: Final = 23 * 60 + 59
_GRAIN_SECONDS: Final = {Precision.HOUR: 3600, Precision.MINUTE: 60, Precision.SECOND: 1}
_NEAR_TRANSITION_SECONDS: Final = 3 * 3600


# --------------------------------------------------------------------------------------
# Argument validation: eager, with hypothesis's own exception.


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")


def _check_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an int")
    return value


def _check_years(min_year: object, max_year: object) -> tuple[int, int]:
    lo = _check_int("min_year", min_year)
    hi = _check_int("max_year", max_year)
    for name, year in (("min_year", lo), ("max_year", hi)):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise InvalidArgument(
                f"{name}={year!r} is outside the supported years {MIN_YEAR}..{MAX_YEAR}"
            )
    if lo > hi:
        raise InvalidArgument(f"min_year={lo!r} is greater than max_year={hi!r}")
    return lo, hi


def _check_strategy(name: str, value: object) -> None:
    if not isinstance(value, SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a hypothesis strategy or None")


def _check_precisions(
    name: str, value: object, allowed: Sequence[Precision]
) -> tuple[Precision, ...]:
    """The allowed precisions in ``value``, in the order of ``allowed``."""
    if value is None:
        return tuple(allowed)
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidArgument(f"{name}={value!r} must be a collection of Precision members")
    chosen = list(value)
    for p in chosen:
        if not isinstance(p, Precision):
            raise InvalidArgument(f"{name} holds {p!r}, which is not a Precision member")
        if p not in allowed:
            names = ", ".join(a.name for a in allowed)
            raise InvalidArgument(f"{name} holds {p.name}; this strategy makes only {names}")
    if not chosen:
        raise InvalidArgument(f"{name}={value!r} is empty")
    return tuple(p for p in allowed if p in chosen)


def _check_size(name: str, value: object, least: int) -> int:
    n = _check_int(name, value)
    if n < least:
        raise InvalidArgument(f"{name}={n!r} must be at least {least}")
    return n


# --------------------------------------------------------------------------------------
# Building blocks. Hypothesis works out properties of every strategy object the first
# time it is drawn from, which is slow, so the blocks are made once per set of
# arguments (functools caches) and never inside a draw.

_memo = functools.lru_cache(maxsize=1024)


@_memo
def _ints(lo: int, hi: int) -> SearchStrategy[int]:
    return st.integers(lo, hi)


def _clamp(value: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, value))


@_memo
def _around(centre: int, lo: int, hi: int) -> SearchStrategy[int]:
    """Integers in ``lo..hi`` that shrink towards ``centre`` (clamped into the range)."""
    centre = _clamp(centre, lo, hi)
    return st.integers(lo - centre, hi - centre).map(functools.partial(operator.add, centre))


_BOOLS: Final = st.booleans()
_BOOL_PAIRS: Final = st.tuples(st.booleans(), st.booleans())
_QUALIFIER_KINDS: Final = st.sampled_from(("none", "none", "whole", "parts"))
_WHOLE_QUALIFIERS: Final = st.sampled_from(_QUALIFIERS)
_BOUNDARIES: Final = st.sampled_from(_BOUNDARY_MONTH_DAYS)
_SHORT_LENGTHS: Final = st.integers(0, 40)
_VAGUE_SIDES: Final = st.sampled_from(("neither", "start", "end", "both"))
_NEAR_TRANSITION: Final = st.integers(-_NEAR_TRANSITION_SECONDS, _NEAR_TRANSITION_SECONDS)
_MICROSECONDS: Final = st.one_of(st.just(0), st.integers(1, 999_999))
_OFFSET_MINUTES: Final = st.one_of(
    st.sampled_from(_COMMON_OFFSETS), st.integers(-_MAX_OFFSET_MINUTES, _MAX_OFFSET_MINUTES)
)
# Monday (ISO) and Sunday (US CDC) weeks most of the time; shrinks towards Monday.
_ALL_WEEKDAYS: Final = (
    cal.MONDAY,
    cal.SUNDAY,
    cal.TUESDAY,
    cal.WEDNESDAY,
    cal.THURSDAY,
    cal.FRIDAY,
    cal.SATURDAY,
)
_WEEKDAYS: Final = st.one_of(
    st.sampled_from((cal.MONDAY, cal.SUNDAY)), st.sampled_from(_ALL_WEEKDAYS)
)


@_memo
def _component_qualifiers(n: int) -> SearchStrategy[list[Qualifier]]:
    return st.lists(st.sampled_from(_ANY_QUALIFIER), min_size=n, max_size=n)


# --------------------------------------------------------------------------------------
# Years and days.


@_memo
def _years(lo: int, hi: int) -> SearchStrategy[int]:
    """Years in ``lo..hi``, half of them the range's ends or awkward years; towards 2000."""
    centre = _clamp(2000, lo, hi)
    special = {lo, hi, lo + 1, hi - 1, *_AWKWARD_YEARS}
    chosen = sorted((y for y in special if lo <= y <= hi), key=lambda y: (abs(y - centre), y))
    return st.one_of(_around(centre, lo, hi), st.sampled_from(chosen))


def _leap_year_near(year: int, lo: int, hi: int) -> int | None:
    """The leap year in ``lo..hi`` nearest to ``year``, if there is one within 8 years."""
    for step in range(9):
        for candidate in (year + step, year - step):
            if lo <= candidate <= hi and cal.is_leap(candidate):
                return candidate
    return None


@st.composite
def _boundary_days(draw: st.DrawFn, lo: int, hi: int) -> int:
    year = draw(_years(lo, hi))
    month, day = draw(_BOUNDARIES)
    if (month, day) == (2, 29) and not cal.is_leap(year):
        leap = _leap_year_near(year, lo, hi)
        if leap is None:
            day = 28
        else:
            year = leap
    return cal.to_rd(year, month, day)


@_memo
def _day_numbers(lo: int, hi: int) -> SearchStrategy[int]:
    first, last = cal.year_bounds(lo)[0], cal.year_bounds(hi)[1]
    centre = cal.to_rd(_clamp(2000, lo, hi), 1, 1)
    return st.one_of(_around(centre, first, last), _boundary_days(lo, hi))


def day_numbers(*, min_year: int = 1, max_year: int = 9999) -> SearchStrategy[int]:
    """Rata die day numbers (``date.toordinal()``) of days in ``min_year`` .. ``max_year``.

    About half of them are days where calendars change unit (see the module
    docstring), the rest are spread over the whole range. Shrinks towards
    2000-01-01, or 1 January of the year of the range nearest to 2000.
    """
    lo, hi = _check_years(min_year, max_year)
    return _day_numbers(lo, hi)


# --------------------------------------------------------------------------------------
# Qualifiers.


def _draw_qualifiers(draw: st.DrawFn, components: int) -> tuple[Qualifier, ...]:
    """None half of the time, else one for the whole value or (if it has parts) one per part.

    Normalised as :meth:`Extent.with_qualifiers` stores them (and parse returns them).
    """
    kind = draw(_QUALIFIER_KINDS)
    if kind == "none":
        return ()
    if kind == "whole" or components == 1:
        return (draw(_WHOLE_QUALIFIERS),)
    parts = tuple(draw(_component_qualifiers(components)))
    if all(q is Qualifier.NONE for q in parts):
        return ()
    if all(q is parts[0] for q in parts):
        return (parts[0],)
    return parts


@st.composite
def _qualified(draw: st.DrawFn, values: SearchStrategy[Extent], components: int) -> Extent:
    value = draw(values)
    qualifiers = _draw_qualifiers(draw, components)
    return value.with_qualifiers(*qualifiers) if qualifiers else value


def _maybe_qualified(
    strategy: SearchStrategy[Extent], qualified: bool, components: int = 1
) -> SearchStrategy[Extent]:
    return _qualified(strategy, components) if qualified else strategy


# --------------------------------------------------------------------------------------
# Extents.


def days(
    *, min_year: int = 1, max_year: int = 9999, qualified: bool = False
) -> SearchStrategy[Extent]:
    """Calendar days (``Extent`` of precision ``DAY``) in ``min_year`` .. ``max_year``.

    Days are drawn as by :func:`day_numbers`. With ``qualified=True``, some
    carry qualifiers on the whole (``2017-02-13?``) or per component
    (``?2017-02-~13``). Shrinks towards 2000-01-01 without qualifiers.
    """
    lo, hi = _check_years(min_year, max_year)
    _check_bool("qualified", qualified)
    return _maybe_qualified(_day_numbers(lo, hi).map(Extent.from_rd), qualified, 3)


@_memo
def _week_numbers(count: int) -> SearchStrategy[int]:
    # The weeks around the new year are the awkward ones.
    return st.one_of(st.integers(1, count), st.sampled_from((1, count, 2, count - 1)))


@st.composite
def _weeks(draw: st.DrawFn, lo: int, hi: int, first_weekdays: SearchStrategy[int]) -> Extent:
    year = draw(_years(lo, hi))
    first_weekday = draw(first_weekdays)
    week = draw(_week_numbers(cal.weeks_in_year(year, first_weekday)))
    return Extent.week(year, week, first_weekday)


def weeks(
    *,
    first_weekdays: Collection[int] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
    qualified: bool = False,
) -> SearchStrategy[Extent]:
    """Weeks (``Extent`` of precision ``WEEK``) of week-years ``min_year`` .. ``max_year``.

    ``first_weekdays`` are the days weeks start on (``timeline.calendar.MONDAY``
    … ``SUNDAY``); by default any, mostly Monday (ISO 8601, ``2017-W06``) and
    Sunday (US CDC, ``2017-W06[sunday]``). The weeks around the new year are
    drawn often. Shrinks towards ISO week 1 of 2000 without qualifiers.
    """
    lo, hi = _check_years(min_year, max_year)
    _check_bool("qualified", qualified)
    if first_weekdays is None:
        weekday_strategy = _WEEKDAYS
    else:
        if isinstance(first_weekdays, str | bytes) or not isinstance(first_weekdays, Iterable):
            raise InvalidArgument(f"first_weekdays={first_weekdays!r} must be a collection of ints")
        chosen = list(first_weekdays)
        for wd in chosen:
            if isinstance(wd, bool) or not isinstance(wd, int) or not 0 <= wd <= 6:
                raise InvalidArgument(f"first_weekdays holds {wd!r}; weekdays are 0 (Monday)–6")
        if not chosen:
            raise InvalidArgument("first_weekdays is empty")
        weekday_strategy = st.sampled_from(sorted(set(chosen)))
    return _maybe_qualified(_weeks(lo, hi, weekday_strategy), qualified)


def _custom_calendar(
    start_month: int,
    start_day: int,
    named_by: Literal["start", "end"],
    label_style: Literal["fy", "span"],
) -> FiscalCalendar:
    name = f"custom-{start_month:02d}-{start_day:02d}-{named_by}-{label_style}"
    return FiscalCalendar(start_month, start_day, named_by, label_style, name)


@_memo
def _fiscal_calendars(presets: bool, custom: bool) -> SearchStrategy[FiscalCalendar]:
    strategies: list[SearchStrategy[FiscalCalendar]] = []
    if presets:
        strategies.append(st.sampled_from(tuple(FiscalCalendar.PRESETS.values())))
    if custom:
        strategies.append(
            st.builds(
                _custom_calendar,
                st.integers(1, 12),
                st.one_of(st.integers(1, 28), st.sampled_from((1, 6, 28))),
                st.sampled_from(("end", "start")),
                st.sampled_from(("fy", "span")),
            )
        )
    return st.one_of(strategies)


def fiscal_calendars(
    *, presets: bool = True, custom: bool = True
) -> SearchStrategy[FiscalCalendar]:
    """Fiscal calendars: the presets of :attr:`FiscalCalendar.PRESETS` and custom ones.

    Custom calendars start on any month and any day 1–28, are named by the
    year they start or end in and labelled either way; each is named after its
    fields (``custom-07-15-end-fy``), so no two different calendars share a
    name. Shrinks towards the first preset, ``US_FEDERAL``.
    """
    _check_bool("presets", presets)
    _check_bool("custom", custom)
    if not (presets or custom):
        raise InvalidArgument("presets=False and custom=False leave no calendars to draw")
    return _fiscal_calendars(presets, custom)


def _calendars_or_default(calendars: object) -> SearchStrategy[FiscalCalendar]:
    if calendars is None:
        return _fiscal_calendars(True, True)
    _check_strategy("calendars", calendars)
    assert isinstance(calendars, SearchStrategy)
    return calendars


@_memo
def _fiscal_years(
    lo: int, hi: int, calendars: SearchStrategy[FiscalCalendar], qualified: bool
) -> SearchStrategy[Extent]:
    strategy = st.builds(Extent.fiscal_year, _years(lo, hi), calendars)
    return _maybe_qualified(strategy, qualified)


@_memo
def _fiscal_quarters(
    lo: int, hi: int, calendars: SearchStrategy[FiscalCalendar], qualified: bool
) -> SearchStrategy[Extent]:
    strategy = st.builds(Extent.fiscal_quarter, _years(lo, hi), _ints(1, 4), calendars)
    return _maybe_qualified(strategy, qualified)


def fiscal_years(
    *,
    calendars: SearchStrategy[FiscalCalendar] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
    qualified: bool = False,
) -> SearchStrategy[Extent]:
    """Fiscal years (``FY2018``, ``FY2018[uk-tax]``) numbered ``min_year`` .. ``max_year``.

    ``calendars`` draws the calendar, by default :func:`fiscal_calendars`;
    calendars other than ``US_FEDERAL`` need a name, which the values are
    written with. Shrinks towards FY2000 of the first calendar, without
    qualifiers.
    """
    lo, hi = _check_years(min_year, max_year)
    _check_bool("qualified", qualified)
    return _fiscal_years(lo, hi, _calendars_or_default(calendars), qualified)


def fiscal_quarters(
    *,
    calendars: SearchStrategy[FiscalCalendar] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
    qualified: bool = False,
) -> SearchStrategy[Extent]:
    """Fiscal quarters (``FY2018-Q1``) of fiscal years numbered ``min_year`` .. ``max_year``.

    ``calendars`` as for :func:`fiscal_years`. Shrinks towards FY2000-Q1 of
    the first calendar, without qualifiers.
    """
    lo, hi = _check_years(min_year, max_year)
    _check_bool("qualified", qualified)
    return _fiscal_quarters(lo, hi, _calendars_or_default(calendars), qualified)


def _season_extents(lo: int, hi: int, first_code: int, last_code: int) -> SearchStrategy[Extent]:
    return st.builds(Extent.season, _years(lo, hi), _ints(first_code, last_code))


def _decade_of(year: int) -> Extent:
    return Extent.decade(year // 10)


@_memo
def _extents_of(
    precision: Precision,
    lo: int,
    hi: int,
    qualified: bool,
    fiscal: bool,
    calendars: SearchStrategy[FiscalCalendar],
) -> tuple[SearchStrategy[Extent], ...]:
    """The strategies for one precision; none when the range allows none (decades).

    Dates take a qualifier per component (year, month, day), and so do year–code
    forms (``2017-21``); every extent can take one for the whole.
    """
    dates, coded = 3, 2
    if precision is Precision.DAY:
        return (_maybe_qualified(_day_numbers(lo, hi).map(Extent.from_rd), qualified, dates),)
    if precision is Precision.MONTH:
        months = st.builds(Extent.month, _years(lo, hi), _ints(1, 12))
        return (_maybe_qualified(months, qualified, coded),)
    if precision is Precision.YEAR:
        years = _maybe_qualified(_years(lo, hi).map(Extent.year), qualified)
        return (years, _fiscal_years(lo, hi, calendars, qualified)) if fiscal else (years,)
    if precision is Precision.WEEK:
        return (_maybe_qualified(_weeks(lo, hi, _WEEKDAYS), qualified),)
    if precision is Precision.QUARTER:
        quarters = _maybe_qualified(_season_extents(lo, hi, 33, 36), qualified, coded)
        if fiscal:
            return (quarters, _fiscal_quarters(lo, hi, calendars, qualified))
        return (quarters,)
    if precision is Precision.HALF:
        return (_maybe_qualified(_season_extents(lo, hi, 40, 41), qualified, coded),)
    if precision is Precision.QUADRIMESTER:
        return (_maybe_qualified(_season_extents(lo, hi, 37, 39), qualified, coded),)
    if precision is Precision.SEASON:
        return (_maybe_qualified(_season_extents(lo, hi, 21, 32), qualified, coded),)
    assert precision is Precision.DECADE
    if hi < 0:
        return ()
    return (_maybe_qualified(_years(max(lo, 0), hi).map(_decade_of), qualified),)


@_memo
def _extents(
    lo: int,
    hi: int,
    precisions: tuple[Precision, ...] = EXTENT_PRECISIONS,
    qualified: bool = True,
    fiscal: bool = True,
    calendars: SearchStrategy[FiscalCalendar] | None = None,
) -> SearchStrategy[Extent] | None:
    """:func:`extents` without the checks; ``None`` if no precision fits the years."""
    calendar_strategy = _fiscal_calendars(True, True) if calendars is None else calendars
    strategies = [
        strategy
        for precision in precisions
        for strategy in _extents_of(precision, lo, hi, qualified, fiscal, calendar_strategy)
    ]
    return st.one_of(strategies) if strategies else None


def _any_extents(lo: int, hi: int, qualified: bool) -> SearchStrategy[Extent]:
    strategy = _extents(lo, hi, qualified=qualified)
    assert strategy is not None  # days always fit
    return strategy


def extents(
    *,
    precisions: Collection[Precision] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
    qualified: bool = True,
    fiscal: bool = True,
    calendars: SearchStrategy[FiscalCalendar] | None = None,
) -> SearchStrategy[Extent]:
    """Calendar units of every kind the library makes, numbered ``min_year`` .. ``max_year``.

    ``precisions`` limits the units to some of :data:`EXTENT_PRECISIONS`
    (default: all): days, months, years (``2017``, and with ``fiscal``
    fiscal years), weeks starting on any weekday (mostly Monday and Sunday),
    quarters (``2017-33``, and with ``fiscal`` fiscal quarters), halves
    (``2017-40``), quadrimesters (``2017-37``), seasons (codes 21–32, both
    hemispheres) and decades (``2010s``; only of years 0 and later, so none
    when ``max_year < 0``). ``calendars`` draws the fiscal calendars, by
    default :func:`fiscal_calendars`. With ``qualified`` (the default) half
    of the extents carry a qualifier on the whole, or for dates and
    year–code forms (``2017-21``) sometimes one per component.

    Shrinks towards the day 2000-01-01 without qualifiers, then towards the
    precisions in the order of :data:`EXTENT_PRECISIONS`.
    """
    lo, hi = _check_years(min_year, max_year)
    chosen = _check_precisions("precisions", precisions, EXTENT_PRECISIONS)
    _check_bool("qualified", qualified)
    _check_bool("fiscal", fiscal)
    strategy = _extents(lo, hi, chosen, qualified, fiscal, _calendars_or_default(calendars))
    if strategy is None:
        raise InvalidArgument(
            f"precisions={precisions!r}: decades are of years 0 and later, "
            f"and max_year={hi!r} is before year 0"
        )
    return strategy


# --------------------------------------------------------------------------------------
# Unspecified digits.


def _matches(pattern: str, low: int, high: int) -> int:
    """How many numbers in ``low..high`` have zero-padded digits matching ``pattern``."""
    width = len(pattern)
    return sum(
        all(p in ("X", c) for p, c in zip(pattern, f"{n:0{width}d}", strict=True))
        for n in range(low, high + 1)
    )


def _masked(digits: str, mask: Sequence[bool]) -> str:
    return "".join("X" if m else c for c, m in zip(digits, mask, strict=True))


def _year_blocks(lo: int, hi: int, k: int) -> list[tuple[int, int]]:
    """The runs of ``10**k`` years that ``k`` trailing ``X`` digits write, inside ``lo..hi``.

    Returns ``(first_index, last_index)`` spans of a numbering of the blocks in
    chronological order: index ``i >= 0`` is years ``i * 10**k`` onwards,
    index ``-b`` (``b >= 1``) the years ``-(b + 1) * 10**k + 1`` .. ``-b * 10**k``
    (``-001X`` is -19 .. -10). Blocks straddling year 0 are not written.
    """
    size = 10**k
    spans = []
    neg_first = max(1, -(hi // size))  # b * size >= -hi
    neg_last = (-lo + 1) // size - 1  # (b + 1) * size - 1 <= -lo
    if neg_first <= neg_last:
        spans.append((-neg_last, -neg_first))
    pos_first = -(-max(lo, 0) // size)
    pos_last = (hi + 1) // size - 1
    if pos_first <= pos_last:
        spans.append((pos_first, pos_last))
    return spans


@_memo
def _block_indices(lo: int, hi: int, k: int) -> SearchStrategy[int]:
    """Indices of :func:`_year_blocks`, shrinking towards the block holding 2000."""
    spans = _year_blocks(lo, hi, k)
    ends = [i for span in spans for i in span]
    centre = _clamp(2000 // 10**k, min(ends), max(ends))
    return st.one_of([_around(centre, first, last) for first, last in spans])


def _block_years(index: int, k: int) -> tuple[int, str]:
    """First year of block ``index`` (see :func:`_year_blocks`), and its pattern."""
    size = 10**k
    b = abs(index)
    pattern = (f"{b:0{4 - k}d}" if k < 4 else "") + "X" * k
    if index >= 0:
        return b * size, pattern
    return -(b + 1) * size + 1, "-" + pattern


@st.composite
def _unspecified(
    draw: st.DrawFn,
    lo: int,
    hi: int,
    precisions: SearchStrategy[Precision],
    max_options: int,
    year_ks: tuple[int, ...],
    qualified: bool,
) -> Unspecified:
    precision = draw(precisions)
    ks = year_ks if precision is not Precision.YEAR else year_ks[1:]
    k = ks[draw(_ints(0, len(ks) - 1))]
    if k == 0:
        year = draw(_years(lo, hi))
        year_pattern = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    else:
        first_year, year_pattern = _block_years(draw(_block_indices(lo, hi, k)), k)
        year = first_year + draw(_ints(0, 10**k - 1))
    pattern, components = year_pattern, 1
    if precision is not Precision.YEAR:
        month = draw(_ints(1, 12))
        month_mask = list(draw(_BOOL_PAIRS))
        day, day_mask = 1, [False, False]
        if precision is Precision.DAY:
            day = draw(_ints(1, cal.days_in_month(year, month)))
            day_mask = list(draw(_BOOL_PAIRS))
        finest = day_mask if precision is Precision.DAY else month_mask
        if k == 0 and not any(month_mask) and not any(day_mask):
            finest[1] = True  # at least one digit must be unspecified
        # Specify digits again, least telling first, until few enough units match; a
        # single X never allows more than 10.
        for mask, digit in ((day_mask, 0), (month_mask, 0), (day_mask, 1), (month_mask, 1)):
            count = 10**k * _matches(_masked(f"{month:02d}", month_mask), 1, 12)
            if precision is Precision.DAY:
                count *= _matches(_masked(f"{day:02d}", day_mask), 1, 31)
            if count <= max_options or sum(month_mask) + sum(day_mask) + k <= 1:
                break
            mask[digit] = False
        pattern += "-" + _masked(f"{month:02d}", month_mask)
        components = 2
        if precision is Precision.DAY:
            pattern += "-" + _masked(f"{day:02d}", day_mask)
            components = 3
    # Qualifiers are drawn before the value is made: making one lists its candidates.
    qualifiers = _draw_qualifiers(draw, components) if qualified else ()
    return Unspecified(pattern, qualifiers)


@_memo
def _unspecified_values(
    lo: int, hi: int, precisions: tuple[Precision, ...], max_options: int, qualified: bool
) -> SearchStrategy[Unspecified] | None:
    """:func:`unspecified_values` without the checks; ``None`` if no pattern fits."""
    year_ks = tuple(
        k for k in range(5) if 10**k <= max_options and (k == 0 or _year_blocks(lo, hi, k))
    )
    if len(year_ks) == 1:
        precisions = tuple(p for p in precisions if p is not Precision.YEAR)
    if not precisions:
        return None
    # Shrinks towards month patterns; towards year patterns only when only they are asked.
    order = tuple(p for p in (Precision.MONTH, Precision.DAY, Precision.YEAR) if p in precisions)
    return _unspecified(lo, hi, st.sampled_from(order), max_options, year_ks, qualified)


def unspecified_values(
    *,
    precisions: Collection[Precision] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
    max_options: int = 400,
    qualified: bool = True,
) -> SearchStrategy[Unspecified]:
    """Values with unspecified digits: ``201X``, ``19XX``, ``1984-1X``, ``2017-01-XX``, ...

    ``precisions`` is a subset of ``YEAR``, ``MONTH`` and ``DAY`` (default
    all three), the unit the pattern stands for one of. Years have ``X`` only
    in trailing digits (``201X``, ``19XX``, ``-001X``); months and days in
    any digit (``2017-X2``, ``2017-XX-3X``).

    Every year a pattern allows lies in ``min_year`` .. ``max_year``, and no
    pattern allows more than ``max_options`` (at least 10; default 400, which
    admits ``19XX`` and ``2017-XX-XX`` but not ``20XX-XX``) candidate units,
    counting 31 days to every month. A year pattern needs ten whole aligned
    years in the range (2010–2019, say): without them the strategy draws
    month and day patterns only, and :class:`InvalidArgument` if
    ``precisions`` asks for years only.

    Shrinks towards ``200X`` (``2000-0X`` when year patterns are left out),
    then towards values without qualifiers.
    """
    lo, hi = _check_years(min_year, max_year)
    chosen = _check_precisions("precisions", precisions, _UNSPECIFIED_PRECISIONS)
    options = _check_size("max_options", max_options, 10)
    _check_bool("qualified", qualified)
    strategy = _unspecified_values(lo, hi, chosen, options, qualified)
    if strategy is None:
        raise InvalidArgument(
            f"no year pattern such as 201X fits in min_year={lo!r} .. max_year={hi!r} "
            f"with max_options={options!r}: it needs ten whole years such as 2010–2019"
        )
    return strategy


def _all_unspecified(lo: int, hi: int, qualified: bool) -> SearchStrategy[Unspecified]:
    strategy = _unspecified_values(lo, hi, _UNSPECIFIED_PRECISIONS, 400, qualified)
    assert strategy is not None  # month patterns always fit
    return strategy


# --------------------------------------------------------------------------------------
# Moments, periods and sets.


def _as_moment(value: TimeValue) -> Moment:
    moment = on(value)
    assert isinstance(moment, Moment), (value, moment)
    return moment


# Extents that on() keeps as a Moment (days, months and years become Unspecified).
_MOMENT_PRECISIONS: Final = (
    Precision.WEEK,
    Precision.QUARTER,
    Precision.HALF,
    Precision.QUADRIMESTER,
    Precision.SEASON,
    Precision.DECADE,
)


@_memo
def _moment_extents(lo: int, hi: int, qualified: bool) -> SearchStrategy[Extent]:
    calendars = _fiscal_calendars(True, True)
    units = _extents(lo, hi, _MOMENT_PRECISIONS, qualified)
    assert units is not None
    return st.one_of(units, _fiscal_years(lo, hi, calendars, qualified))


@_memo
def _moments(lo: int, hi: int, qualified: bool) -> SearchStrategy[Moment]:
    within: SearchStrategy[TimeValue] = st.one_of(
        _moment_extents(lo, hi, qualified),
        _periods(lo, hi, qualified, True, True, True),
    )
    return within.map(_as_moment)


def moments(
    *, min_year: int = 1, max_year: int = 9999, qualified: bool = True
) -> SearchStrategy[Moment]:
    """One day somewhere inside another value, as :func:`timeline.on` makes it.

    ``on(2017-W06)``, ``on(FY2018)``, ``on(2017-21)``, ``on(2017-01/2017-03)``:
    only values for which EDTF has no form of its own (``on`` of a month is
    the :class:`~timeline.Unspecified` ``2017-01-XX``, drawn by
    :func:`unspecified_values`). The inner value honours the years as its
    strategy does. Shrinks towards ``on(2000s)``.
    """
    lo, hi = _check_years(min_year, max_year)
    _check_bool("qualified", qualified)
    return _moments(lo, hi, qualified)


def _ordered(start: TimeValue, end: TimeValue) -> Period:
    """A period of two values, swapped if ``end`` must lie wholly before ``start``."""
    lo, hi = start.earliest_day, end.latest_day
    if lo is not None and hi is not None and hi < lo:
        start, end = end, start
    return Period(start, end)


def _period_of(pair: tuple[TimeValue, TimeValue]) -> Period:
    """The reading of :func:`timeline.period`: from sometime in one until sometime in another."""
    return _ordered(on(pair[0]), on(pair[1]))


def _still_going(rd: int) -> OneOf:
    """``[2017-03-01..]``: the end of a period still going on that day (``since 2014``)."""
    return OneOf((Range(Extent.from_rd(rd), None),))


@st.composite
def _day_periods(draw: st.DrawFn, days: SearchStrategy[int], limit: int) -> Period:
    first = draw(days)
    if draw(_BOOLS):
        first, last = sorted((first, draw(days)))
    else:
        last = min(first + draw(_SHORT_LENGTHS), limit)
    return Period(Extent.from_rd(first), Extent.from_rd(last))


@st.composite
def _value_periods(
    draw: st.DrawFn, ends: SearchStrategy[TimeValue], vague: SearchStrategy[TimeValue] | None
) -> Period:
    start = draw(ends)
    end = draw(ends)
    if vague is not None:
        which = draw(_VAGUE_SIDES)
        if which in ("start", "both"):
            start = draw(vague)
        if which in ("end", "both"):
            end = draw(vague)
    return _ordered(start, end)


@st.composite
def _open_periods(
    draw: st.DrawFn, ends: SearchStrategy[TimeValue], markers: SearchStrategy[End]
) -> Period:
    marker = draw(markers)
    value = draw(ends)
    return Period(value, marker) if draw(_BOOLS) else Period(marker, value)


@_memo
def _periods(
    lo: int, hi: int, qualified: bool, open_ends: bool, unknown_ends: bool, vague_ends: bool
) -> SearchStrategy[Period]:
    ends: SearchStrategy[TimeValue] = _any_extents(lo, hi, qualified)
    strategies: list[SearchStrategy[Period]] = [
        _day_periods(_day_numbers(lo, hi), cal.year_bounds(hi)[1]),
    ]
    vague: SearchStrategy[TimeValue] | None = None
    if vague_ends:
        vague = st.one_of(
            ends.map(on),
            _all_unspecified(lo, hi, qualified),
            _day_numbers(lo, hi).map(_still_going),
        )
        strategies.append(st.tuples(ends, ends).map(_period_of))
    strategies.append(_value_periods(ends, vague))
    markers = (OPEN,) * open_ends + (UNKNOWN,) * unknown_ends
    if markers:
        any_end = ends if vague is None else st.one_of(ends, vague)
        strategies.append(_open_periods(any_end, st.sampled_from(markers)))
    return st.one_of(strategies)


def periods(
    *,
    min_year: int = 1,
    max_year: int = 9999,
    open_ends: bool = True,
    unknown_ends: bool = True,
    vague_ends: bool = True,
    qualified: bool = True,
) -> SearchStrategy[Period]:
    """Periods, built valid: never one whose end must lie before its start.

    Definite day-to-day periods (``2017-01-02/2017-01-09``), periods between
    units of any precision (``2017-01/2017-04-30``, ``2017-W06/FY2018``), and
    optionally ends that are vague (``2017-02-XX/2017-04-XX``,
    ``on(2017-W06)``, ``[2017-03-01..]`` "still going on that day"),
    :data:`~timeline.OPEN` (``2014/..``) or :data:`~timeline.UNKNOWN`
    (``2014/``) at one end (never at both: parse reads ``../..`` as no period).
    Ends honour the years as :func:`extents` does. Shrinks towards the
    one-day period ``2000-01-01/2000-01-01``.
    """
    lo, hi = _check_years(min_year, max_year)
    for name, flag in (
        ("open_ends", open_ends),
        ("unknown_ends", unknown_ends),
        ("vague_ends", vague_ends),
        ("qualified", qualified),
    ):
        _check_bool(name, flag)
    return _periods(lo, hi, qualified, open_ends, unknown_ends, vague_ends)


@st.composite
def _ranges(
    draw: st.DrawFn, units: tuple[SearchStrategy[Extent], ...], shapes: SearchStrategy[str]
) -> Range:
    same_unit = units[draw(_ints(0, len(units) - 1))]
    low, high = sorted((draw(same_unit), draw(same_unit)), key=lambda e: e.first)
    shape = draw(shapes)
    if shape == "from":
        return Range(low, None)
    if shape == "until":
        return Range(None, high)
    return Range(low, high)


@_memo
def _set_items(lo: int, hi: int, qualified: bool) -> SearchStrategy[TimeValue]:
    items: list[SearchStrategy[TimeValue]] = [
        _any_extents(lo, hi, qualified),
        _all_unspecified(lo, hi, qualified),
        _ranges(_unit_strategies(lo, hi, qualified), _RANGE_SHAPES),
        # Moments inside sets wrap extents only: parse reads four levels of nesting at most.
        _moment_extents(lo, hi, qualified).map(_as_moment),
        _periods(lo, hi, qualified, True, True, True),
    ]
    if hi >= 1:
        items.append(_instants(_DEFAULT_ZONES, True, _INSTANT_UNITS, max(lo, 1), hi))
    return st.one_of(items)


def _one_of(items: list[TimeValue]) -> OneOf:
    return OneOf(tuple(items))


def _all_of(items: list[TimeValue]) -> AllOf:
    return AllOf(tuple(items))


@_memo
def _sets(
    lo: int,
    hi: int,
    qualified: bool,
    min_size: int,
    max_size: int,
    one_of: bool = True,
    all_of: bool = True,
) -> SearchStrategy[OneOf | AllOf]:
    items = st.lists(_set_items(lo, hi, qualified), min_size=min_size, max_size=max_size)
    kinds: list[SearchStrategy[OneOf | AllOf]] = []
    if one_of:
        kinds.append(items.map(_one_of))
    if all_of:
        kinds.append(items.map(_all_of))
    return st.one_of(kinds)


def sets(
    *,
    min_size: int = 1,
    max_size: int = 4,
    min_year: int = 1,
    max_year: int = 9999,
    qualified: bool = True,
    one_of: bool = True,
    all_of: bool = True,
) -> SearchStrategy[OneOf | AllOf]:
    """EDTF sets: :class:`~timeline.OneOf` ``[a,b]`` and :class:`~timeline.AllOf` ``{a,b}``.

    Between ``min_size`` (at least 1) and ``max_size`` items, in the order
    drawn: extents, unspecified values, ranges (``2017-01..2017-03``,
    ``2017-01..``, ``..2017-03``), moments, periods and instants, honouring
    the years as their own strategies do. ``one_of`` and ``all_of`` say
    which of the two kinds of set to make (both by default; not neither).
    Shrinks towards ``[2000-01-01]`` (``{2000-01-01}`` without ``one_of``).
    """
    lo, hi = _check_years(min_year, max_year)
    least = _check_size("min_size", min_size, 1)
    most = _check_size("max_size", max_size, 1)
    if least > most:
        raise InvalidArgument(f"min_size={least!r} is greater than max_size={most!r}")
    _check_bool("qualified", qualified)
    _check_bool("one_of", one_of)
    _check_bool("all_of", all_of)
    if not (one_of or all_of):
        raise InvalidArgument("one_of=False and all_of=False leave no sets to draw")
    return _sets(lo, hi, qualified, least, most, one_of, all_of)


@_memo
def _unit_strategies(lo: int, hi: int, qualified: bool) -> tuple[SearchStrategy[Extent], ...]:
    """One strategy per precision that fits the years, for ranges of units of one size."""
    units = []
    for precision in EXTENT_PRECISIONS:
        strategy = _extents(lo, hi, (precision,), qualified)
        if strategy is not None:
            units.append(strategy)
    return tuple(units)


_RANGE_SHAPES: Final = st.sampled_from(("closed", "from", "until"))


def ranges(
    *, min_year: int = 1, max_year: int = 9999, qualified: bool = True
) -> SearchStrategy[Range]:
    """EDTF set members ``a..b``: two units of one precision, or one with an open side.

    Closed ranges (``2017-01..2017-03``), ranges from a unit on
    (``2017-01..``) and until one (``..2017-03``); both ends are of the same
    precision and in order. Ends honour the years as :func:`extents` does.
    A :class:`~timeline.Range` means something only inside a set (see
    :func:`sets`). Shrinks towards ``2000-01-01..2000-01-01``.
    """
    lo, hi = _check_years(min_year, max_year)
    _check_bool("qualified", qualified)
    return _ranges(_unit_strategies(lo, hi, qualified), _RANGE_SHAPES)


# --------------------------------------------------------------------------------------
# Instants.


def _offset_seconds(wall: datetime, tz: tzinfo, fold: int) -> int:
    offset = wall.replace(tzinfo=tz, fold=fold).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


@functools.lru_cache(maxsize=4096)
def _transitions(zone: str, year: int) -> tuple[datetime, ...]:
    """Wall times in ``year`` at which a gap or fold of ``zone`` ends, to the second."""
    tz = pendulum.timezone(zone)
    points = [datetime(year, month, 1) for month in range(1, 13)]
    points.append(datetime(year, 12, 31, 23, 59, 59))
    found = []
    for a, b in pairwise(points):
        before = _offset_seconds(a, tz, 0)
        if _offset_seconds(b, tz, 0) == before:
            continue
        low, high = 0, int((b - a).total_seconds())
        while high - low > 1:
            mid = (low + high) // 2
            if _offset_seconds(a + timedelta(seconds=mid), tz, 0) == before:
                low = mid
            else:
                high = mid
        found.append(a + timedelta(seconds=high))
    return tuple(found)


def _floor(wall: datetime, unit: Precision) -> datetime:
    if unit is Precision.HOUR:
        return wall.replace(minute=0, second=0, microsecond=0)
    if unit is Precision.MINUTE:
        return wall.replace(second=0, microsecond=0)
    return wall


def _ceil(wall: datetime, unit: Precision) -> datetime:
    floor = _floor(wall, unit)
    return floor if floor == wall else floor + timedelta(seconds=_GRAIN_SECONDS[unit])


def _resolve(wall: datetime, tz: tzinfo, unit: Precision, lo: int, hi: int) -> datetime:
    """``wall`` moved out of any gap (forwards, or backwards at the end of the range)."""
    for _ in range(4):
        before, after = _offset_seconds(wall, tz, 0), _offset_seconds(wall, tz, 1)
        if before >= after:
            return wall
        gap = timedelta(seconds=after - before)
        try:
            forward: datetime | None = _ceil(wall + gap, unit)
        except OverflowError:
            forward = None
        if forward is not None and lo <= forward.year <= hi:
            wall = forward
        else:
            wall = _floor(wall - gap, unit)
    # Gaps that follow each other within hours: noon of the day is none of them.
    return wall.replace(hour=12, minute=0, second=0, microsecond=0)


@st.composite
def _walls(draw: st.DrawFn, days: SearchStrategy[int], unit: Precision) -> datetime:
    """Naive local date-times on ``days``, at a whole ``unit``; shrinks towards midnight."""
    y, m, d = cal.from_rd(draw(days))
    grain = _GRAIN_SECONDS[unit]
    seconds = grain * draw(_ints(0, 86_400 // grain - 1))
    # Drawn whatever the unit, so that every unit takes the same draws and the
    # shrinker can move between them.
    micro = draw(_MICROSECONDS)
    if unit is not Precision.SECOND:
        micro = 0
    hours, rest = divmod(seconds, 3600)
    return datetime(y, m, d, hours, rest // 60, rest % 60, micro)


@st.composite
def _zone_instants(
    draw: st.DrawFn,
    zones: SearchStrategy[str],
    units: SearchStrategy[Precision],
    lo: int,
    hi: int,
) -> Instant:
    zone = draw(zones)
    unit = draw(units)
    tz = pendulum.timezone(zone)
    wall = draw(_walls(_day_numbers(lo, hi), unit))
    if draw(_BOOLS):
        changes = _transitions(zone, draw(_years(lo, hi)))
        if changes:
            change = changes[draw(_ints(0, len(changes) - 1))]
            near = _floor(change + timedelta(seconds=draw(_NEAR_TRANSITION)), unit)
            wall = near if lo <= near.year <= hi else _floor(change, unit)
    wall = _resolve(wall, tz, unit, lo, hi)
    fold = draw(_ints(0, 1))
    return Instant.from_datetime(wall.replace(tzinfo=tz, fold=fold), unit)


@st.composite
def _fixed_instants(draw: st.DrawFn, units: SearchStrategy[Precision], lo: int, hi: int) -> Instant:
    unit = draw(units)
    offset = timezone(timedelta(minutes=draw(_OFFSET_MINUTES)))
    wall = draw(_walls(_day_numbers(lo, hi), unit))
    return Instant.from_datetime(wall.replace(tzinfo=offset), unit)


@_memo
def _instants(
    zones: tuple[str, ...], fixed_offsets: bool, units: tuple[Precision, ...], lo: int, hi: int
) -> SearchStrategy[Instant]:
    strategies: list[SearchStrategy[Instant]] = []
    unit_strategy = st.sampled_from(units)
    if fixed_offsets:
        strategies.append(_fixed_instants(unit_strategy, lo, hi))
    if zones:
        strategies.append(_zone_instants(st.sampled_from(zones), unit_strategy, lo, hi))
    return st.one_of(strategies)


def instants(
    *,
    zones: Sequence[str] | None = None,
    fixed_offsets: bool = True,
    units: Collection[Precision] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
) -> SearchStrategy[Instant]:
    """Instants, written to the hour, minute or second, at a fixed offset or in a zone.

    ``zones`` are IANA zone names for instants tagged with their zone
    (``2017-11-05T01:30:00-04:00[America/New_York]``); by default a set of
    zones with awkward rules (daylight saving time in both hemispheres,
    30- and 45-minute offsets, negative DST, a skipped day); ``()`` for none.
    About half of the zoned instants lie within three hours of a change of
    offset; local times in a gap are moved past it, and local times in a
    fold come with either offset, which the written offset tells apart.
    With ``fixed_offsets``, instants are also drawn in UTC (``Z``) and at
    fixed offsets (``+05:30``), mostly common ones. ``units`` is a subset of
    ``HOUR``, ``MINUTE`` and ``SECOND`` (default all); seconds sometimes
    carry microseconds.

    The local date lies in ``min_year`` .. ``max_year``, which must meet years
    1–9999. Early dates in a zone use its local mean time, whose offset may
    have seconds (``America/New_York`` before 1883 is -04:56:02).

    Shrinks towards midnight UTC on 2000-01-01, written to the second
    (``2000-01-01T00:00:00Z``), or midnight in the first zone.
    """
    lo, hi = _check_years(min_year, max_year)
    if hi < 1:
        raise InvalidArgument(f"max_year={hi!r}: instants are supported in years 1–9999 only")
    _check_bool("fixed_offsets", fixed_offsets)
    chosen_units = _check_precisions("units", units, _INSTANT_UNITS)
    if zones is None:
        zone_names: tuple[str, ...] = _DEFAULT_ZONES
    else:
        if isinstance(zones, str | bytes) or not isinstance(zones, Iterable):
            raise InvalidArgument(f"zones={zones!r} must be a sequence of IANA zone names")
        zone_names = tuple(zones)
        for name in zone_names:
            if not isinstance(name, str):
                raise InvalidArgument(f"zones holds {name!r}, which is not a zone name")
            try:
                pendulum.timezone(name)
            except Exception as error:  # pendulum raises several kinds for bad names
                raise InvalidArgument(f"zones holds {name!r}, which is not a time zone") from error
    if not zone_names and not fixed_offsets:
        raise InvalidArgument("zones=() and fixed_offsets=False leave no instants to draw")
    return _instants(zone_names, fixed_offsets, chosen_units, max(lo, 1), hi)


# --------------------------------------------------------------------------------------
# Everything.


@_memo
def _time_values(lo: int, hi: int, qualified: bool) -> SearchStrategy[TimeValue]:
    strategies: list[SearchStrategy[TimeValue]] = [
        _any_extents(lo, hi, qualified),
        _all_unspecified(lo, hi, qualified),
        _moments(lo, hi, qualified),
        _periods(lo, hi, qualified, True, True, True),
        _sets(lo, hi, qualified, 1, 4),
    ]
    if hi >= 1:
        strategies.append(_instants(_DEFAULT_ZONES, True, _INSTANT_UNITS, max(lo, 1), hi))
    return st.one_of(strategies)


def time_values(
    *, min_year: int = 1, max_year: int = 9999, qualified: bool = True
) -> SearchStrategy[TimeValue]:
    """Any time value :func:`timeline.parse` can return, of every kind.

    Draws from :func:`extents`, :func:`unspecified_values`, :func:`moments`,
    :func:`periods`, :func:`sets` and (when the range meets years 1–9999)
    :func:`instants`, each with its defaults and honouring the years as it
    documents. Shrinks towards the day 2000-01-01.
    """
    lo, hi = _check_years(min_year, max_year)
    _check_bool("qualified", qualified)
    return _time_values(lo, hi, qualified)


# --------------------------------------------------------------------------------------
# Values in a chosen Allen relation.


def _span_value(start: int, end: int) -> TimeValue:
    """The days ``[start, end)`` as a day (one day) or a period of days."""
    if end - start == 1:
        return Extent.from_rd(start)
    return Period(Extent.from_rd(start), Extent.from_rd(end - 1))


_MIN_LENGTH: Final = {
    Relation.OVERLAPS: 2,
    Relation.FINISHED_BY: 2,
    Relation.STARTED_BY: 2,
    Relation.OVERLAPPED_BY: 2,
    Relation.CONTAINS: 3,
}


def _other_end(draw: st.DrawFn, relation: Relation, s: int, e: int) -> tuple[int, int]:
    """Days ``[s2, e2)`` such that ``[s, e)`` is in ``relation`` to them.

    ``[s, e)`` must be at least ``_MIN_LENGTH[relation]`` days long.
    """
    gap = draw(st.integers(1, 60))
    extra = draw(st.integers(1, 60))
    if relation in (
        Relation.OVERLAPS,
        Relation.FINISHED_BY,
        Relation.STARTED_BY,
        Relation.OVERLAPPED_BY,
    ):
        inside = draw(st.integers(s + 1, e - 1))
    table = {
        Relation.BEFORE: lambda: (e + gap, e + gap + extra),
        Relation.MEETS: lambda: (e, e + extra),
        Relation.OVERLAPS: lambda: (inside, e + extra),
        Relation.STARTS: lambda: (s, e + extra),
        Relation.DURING: lambda: (s - gap, e + extra),
        Relation.FINISHES: lambda: (s - gap, e),
        Relation.EQUALS: lambda: (s, e),
        Relation.FINISHED_BY: lambda: (inside, e),
        Relation.STARTED_BY: lambda: (s, inside),
        Relation.OVERLAPPED_BY: lambda: (s - gap, inside),
        Relation.MET_BY: lambda: (s - extra, s),
        Relation.AFTER: lambda: (s - gap - extra, s - gap),
    }
    if relation is Relation.CONTAINS:
        s2 = draw(st.integers(s + 1, e - 2))
        return s2, draw(st.integers(s2 + 1, e - 1))
    return table[relation]()


@st.composite
def _related(draw: st.DrawFn, relation: Relation, lo: int, hi: int) -> tuple[TimeValue, TimeValue]:
    # Room on both sides for the other interval (at most 120 days beyond).
    first, last = cal.year_bounds(lo)[0] + 121, cal.year_bounds(hi)[1] - 300
    s = draw(st.integers(first, max(first, last)))
    e = s + draw(st.integers(_MIN_LENGTH.get(relation, 1), 90))
    s2, e2 = _other_end(draw, relation, s, e)
    return _span_value(s, e), _span_value(s2, e2)


def related_pairs(
    relation: Relation | None = None, *, min_year: int = 1, max_year: int = 9999
) -> SearchStrategy[tuple[TimeValue, TimeValue]]:
    """Pairs ``(a, b)`` of definite values with ``relate(a, b).certain is relation``.

    Random values almost never meet or equal each other; this strategy makes
    every one of Allen's thirteen relations as likely as any other (with
    ``relation=None``, any of them). Values are days or periods of days within
    the years given. Shrinks towards short spans near the start of the range.
    """
    lo, hi = _check_years(min_year, max_year)
    if max(lo, 1) > min(hi, 9998):
        raise InvalidArgument("related_pairs needs a year range that meets years 1–9998")
    lo, hi = max(lo, 1), min(hi, 9998)
    if relation is None:
        return st.sampled_from(list(Relation)).flatmap(lambda r: _related(r, lo, hi))
    if not isinstance(relation, Relation):
        raise InvalidArgument(f"relation must be a timeline.Relation, not {relation!r}")
    return _related(relation, lo, hi)


@st.composite
def _triples(
    draw: st.DrawFn, first: Relation, second: Relation, lo: int, hi: int
) -> tuple[TimeValue, TimeValue, TimeValue]:
    base = cal.year_bounds(lo)[0] + 241
    s = draw(st.integers(base, max(base, cal.year_bounds(hi)[1] - 500)))
    e = s + draw(
        st.integers(max(_MIN_LENGTH.get(first.converse, 1), _MIN_LENGTH.get(second, 1)), 90)
    )
    # b = [s, e); a is in `first` to b, i.e. b is in first's converse to a.
    a = _other_end(draw, first.converse, s, e)
    c = _other_end(draw, second, s, e)
    return _span_value(*a), _span_value(s, e), _span_value(*c)


def related_triples(
    first: Relation, second: Relation, *, min_year: int = 1, max_year: int = 9999
) -> SearchStrategy[tuple[TimeValue, TimeValue, TimeValue]]:
    """Triples ``(a, b, c)`` with ``a`` in ``first`` to ``b`` and ``b`` in ``second`` to ``c``.

    For testing code that chains relations (composition): what ``a`` is to
    ``c`` is then one of ``compose(first, second)``. Values are days or
    periods of days within the years given (which must meet years 2–9997).
    Shrinks towards short spans near the start of the range.
    """
    lo, hi = _check_years(min_year, max_year)
    for name, value in (("first", first), ("second", second)):
        if not isinstance(value, Relation):
            raise InvalidArgument(f"{name} must be a timeline.Relation, not {value!r}")
    if max(lo, 2) > min(hi, 9997):
        raise InvalidArgument("related_triples needs a year range that meets years 2–9997")
    return _triples(first, second, max(lo, 2), min(hi, 9997))


# --------------------------------------------------------------------------------------
# Sources, metrics, events and whole timelines.

_ID_CHARS: Final = "abcdefghijklmnopqrstuvwxyz0123456789-"
_IDS: Final = st.text(_ID_CHARS, min_size=1, max_size=12).map(lambda s: "e" + s)
_TEXT_CHARS: Final = st.characters(exclude_categories=["Cs"])
_TEXTS: Final = st.text(_TEXT_CHARS, min_size=1, max_size=40).map(
    lambda s: s if s.strip() else "text"
)
_OPTIONAL_TEXTS: Final = st.one_of(st.just(""), _TEXTS)
_NAMES: Final = st.lists(_TEXTS, max_size=3).map(tuple)


def _numbers() -> SearchStrategy[int | Decimal]:
    return st.one_of(
        st.integers(-(10**12), 10**12),
        st.decimals(
            allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
        ),
    )


# Stated (with or without a note) or known from outside; never derived, whose phrase
# must read to the date it qualifies.
_DATE_BASES: Final = st.one_of(
    st.just(DateBasis.stated()),
    st.builds(DateBasis.stated, _TEXTS),
    st.builds(DateBasis.external, _TEXTS, note=_OPTIONAL_TEXTS),
)


def date_bases() -> SearchStrategy[DateBasis]:
    """How dates were obtained: stated (maybe with a note) or external (with ``how``).

    Never derived: a derived basis must read to the date it belongs to, so
    build those by hand. Shrinks towards the plain stated basis.
    """
    return _DATE_BASES


@_memo
def _sources(lo: int, hi: int) -> SearchStrategy[Source]:
    return st.builds(
        Source,
        id=_IDS,
        outlet=_OPTIONAL_TEXTS,
        author=_OPTIONAL_TEXTS,
        title=_OPTIONAL_TEXTS,
        published=st.one_of(st.none(), _days_strategy(lo, hi)),
        basis=_DATE_BASES,
        file=_OPTIONAL_TEXTS,
        url=_OPTIONAL_TEXTS,
    )


def _days_strategy(lo: int, hi: int) -> SearchStrategy[TimeValue]:
    return _day_numbers(lo, hi).map(Extent.from_rd)


@st.composite
def _drawn(draw: st.DrawFn, factory: str, lo: int, hi: int) -> object:
    # A composite keeps the strategy's repr short (hypothesis prints it in reports).
    return draw({"sources": _sources, "metrics": _metrics}[factory](lo, hi))


def sources(*, min_year: int = 1, max_year: int = 9999) -> SearchStrategy[Source]:
    """Sources with ids, optional outlet/author/title/file/url and an optional day published.

    The day published lies in ``min_year`` .. ``max_year``; its basis is
    drawn by :func:`date_bases`. Shrinks towards a source with only an id.
    """
    lo, hi = _check_years(min_year, max_year)
    return typing.cast(SearchStrategy[Source], _drawn("sources", lo, hi))


def citations(*, min_year: int = 1, max_year: int = 9999) -> SearchStrategy[Citation]:
    """A source (as :func:`sources` draws it) and a non-blank quote (any Unicode but lone
    surrogates). Shrinks towards a source with only an id and a one-character quote.
    """
    lo, hi = _check_years(min_year, max_year)
    return st.builds(Citation, source=sources(min_year=lo, max_year=hi), quote=_TEXTS)


_COMPARISONS: Final = st.builds(
    Comparison,
    kind=st.sampled_from(ComparisonKind),
    value=_numbers(),
    unit=st.sampled_from(("percent", "times", "fraction", "people")),
    text=_TEXTS,
    qualifier=st.sampled_from(Hedge),
)


def comparisons() -> SearchStrategy[Comparison]:
    """Comparisons stated with a number: a kind, an exact value, a unit, the words, a hedge.

    The baseline is left empty: it names another metric, which only a
    timeline has (:func:`timelines` fills it in). Shrinks towards a change of
    ``0`` percent, exact.
    """
    return _COMPARISONS


@_memo
def _metrics(lo: int, hi: int) -> SearchStrategy[Metric]:
    comparison = _COMPARISONS
    return st.builds(
        Metric,
        name=st.sampled_from(("arrests", "removals", "detainers", "people with criminal records")),
        value=_numbers(),
        unit=st.sampled_from(("people", "percent", "requests")),
        citation=st.builds(Citation, source=_sources(lo, hi), quote=_TEXTS),
        qualifier=st.sampled_from(Hedge),
        place=_OPTIONAL_TEXTS,
        period=st.one_of(st.none(), _time_values(lo, hi, True)),
        comparison=st.one_of(st.none(), comparison),
        id=st.one_of(st.just(""), _IDS),
        note=_OPTIONAL_TEXTS,
    )


def metrics(*, min_year: int = 1, max_year: int = 9999) -> SearchStrategy[Metric]:
    """Numbers with a unit, a hedge, a place, a period, a citation and maybe a comparison.

    Values are exact (``int`` or ``Decimal``). Shrinks towards ``0`` arrests
    with no place, period or comparison. Comparison baselines are left empty
    (a timeline resolves them); see :func:`timelines`.
    """
    lo, hi = _check_years(min_year, max_year)
    return typing.cast(SearchStrategy[Metric], _drawn("metrics", lo, hi))


def _field_strategy(hint: object, lo: int, hi: int) -> SearchStrategy[object] | None:
    """A strategy for a kind's own field, from its type; None for a type it does not know."""
    if hint is str:
        return _OPTIONAL_TEXTS
    if hint == tuple[str, ...]:
        return _NAMES
    if hint == TimeValue | None:
        return st.one_of(st.none(), _time_values(lo, hi, True))
    if hint is TimeValue:
        return _time_values(lo, hi, True)
    if hint is int:
        return st.integers(-1000, 1000)
    if hint is bool:
        return st.booleans()
    return None


def _kind_strategy(cls: type[Event], lo: int, hi: int) -> SearchStrategy[Event]:
    import attrs

    hints = typing.get_type_hints(cls)
    base = {f.name for f in attrs.fields(Event)}
    extra: dict[str, SearchStrategy[object]] = {}
    for field in attrs.fields(cls):
        if field.name in base or not field.init:
            continue
        strategy = _field_strategy(hints.get(field.name), lo, hi)
        if strategy is not None:
            extra[field.name] = strategy
        elif field.default is attrs.NOTHING:
            raise InvalidArgument(
                f"cannot draw {cls.__name__}.{field.name} of type {hints.get(field.name)!r}"
            )
    return st.builds(
        cls,
        id=_IDS,
        title=_TEXTS,
        when=_time_values(lo, hi, True),
        summary=_OPTIONAL_TEXTS,
        places=_NAMES,
        actors=_NAMES,
        tags=_NAMES,
        sources=st.lists(
            st.builds(Citation, source=_sources(lo, hi), quote=_TEXTS), max_size=2
        ).map(tuple),
        metrics=st.lists(_metrics(lo, hi), max_size=2).map(tuple),
        basis=_DATE_BASES,
        **extra,
    )


def _kind_names(kinds: object) -> tuple[str, ...]:
    """The registered kind names ``kinds`` asks for, ``event`` first, checked."""
    registered = event_kinds()
    if kinds is None:
        names = sorted(registered)
    else:
        if isinstance(kinds, str | bytes) or not isinstance(kinds, Iterable):
            raise InvalidArgument(
                f"kinds={kinds!r} must be a collection of kind names or Event classes"
            )
        names = []
        known = ", ".join(sorted(registered))
        for kind in kinds:
            if isinstance(kind, type) and issubclass(kind, Event):
                if registered.get(kind.kind) is not kind:
                    raise InvalidArgument(
                        f"{kind.__qualname__} is not a registered kind; "
                        "decorate it with timeline.register_kind"
                    )
                name = kind.kind
            elif isinstance(kind, str):
                if kind not in registered:
                    raise InvalidArgument(f"unknown event kind {kind!r}; known: {known}")
                name = kind
            else:
                raise InvalidArgument(
                    f"kinds holds {kind!r}, which is neither a kind name nor an Event class"
                )
            if name not in names:
                names.append(name)
    if not names:
        raise InvalidArgument("kinds must name at least one kind")
    # Stable: the plain kind first (what events shrink towards), the rest as given.
    names.sort(key=lambda n: n != "event")
    return tuple(names)


def events(
    *,
    kinds: Iterable[str | type[Event]] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
) -> SearchStrategy[Event]:
    """Events of the registered kinds (all by default, user kinds included) with every field.

    ``kinds`` names the kinds to draw, by name (``"operation"``) or by class
    (``timeline.Operation``); a class stands for its own kind only, not its
    subclasses. Every value is an instance of exactly one of those classes.
    Kind-specific fields of text, lists of text, time values, ints and
    booleans are drawn; a kind with a required field of another type is an
    ``InvalidArgument``. Time values honour the years as :func:`time_values`
    does. Dates are stated or external (a derived date needs a phrase that
    reads to the event's date; build those by hand).

    Shrinks towards a plain ``event`` (or the first kind given) with no
    sources or metrics.
    """
    lo, hi = _check_years(min_year, max_year)
    names = _kind_names(kinds)
    for name in names:
        _kind_strategy_cached(name, lo, hi)  # a field it cannot draw fails now
    return _events(lo, hi, names)


@_memo
def _kind_strategy_cached(name: str, lo: int, hi: int) -> SearchStrategy[Event]:
    return _kind_strategy(event_kinds()[name], lo, hi)


@st.composite
def _events(draw: st.DrawFn, lo: int, hi: int, names: tuple[str, ...]) -> Event:
    # A composite keeps the strategy's repr short (hypothesis prints it in reports).
    name = draw(st.sampled_from(names))
    return draw(_kind_strategy_cached(name, lo, hi))


_REUSE: Final = st.integers(0, 3)


@st.composite
def _timelines(
    draw: st.DrawFn, lo: int, hi: int, min_size: int, max_size: int, kinds: tuple[str, ...]
) -> Timeline:
    drawn = draw(
        st.lists(
            _events(lo, hi, kinds),
            min_size=min_size,
            max_size=max_size,
            unique_by=lambda e: e.id,
        )
    )
    # One source per id: later citations of an id reuse the first source drawn for it,
    # and about a quarter of citations cite a source cited before (shrinking: never).
    chosen: dict[str, Source] = {}
    metric_ids: set[str] = set()

    def cite(c: Citation) -> Citation:
        if chosen and draw(_REUSE) == 3:
            return Citation(chosen[draw(st.sampled_from(sorted(chosen)))], c.quote)
        return Citation(chosen.setdefault(c.source.id, c.source), c.quote)

    def fix_metric(m: Metric) -> Metric:
        mid = m.id if m.id and m.id not in metric_ids else ""
        metric_ids.add(mid)
        comparison = m.comparison
        if comparison is not None and metric_ids - {""}:
            baseline = draw(st.sampled_from(sorted(metric_ids - {""})))
            comparison = _evolve(comparison, baseline=baseline)
        return _evolve(m, citation=cite(m.citation), id=mid, comparison=comparison)

    out = []
    for event in drawn:
        out.append(
            _evolve(
                event,
                sources=tuple(cite(c) for c in event.sources),
                metrics=tuple(fix_metric(m) for m in event.metrics),
            )
        )
    title = draw(_OPTIONAL_TEXTS)
    return Timeline(out, title=title)


def _evolve(instance: _T, **changes: object) -> _T:
    import attrs

    return attrs.evolve(instance, **changes)  # type: ignore[misc]


def timelines(
    *,
    min_size: int = 0,
    max_size: int = 8,
    kinds: Iterable[str | type[Event]] | None = None,
    min_year: int = 1,
    max_year: int = 9999,
) -> SearchStrategy[Timeline]:
    """Whole timelines: events with unique ids, sources shared by id, baselines resolved.

    Between ``min_size`` and ``max_size`` events, drawn as by :func:`events`
    with ``kinds`` and the years; a source id cited twice names the same
    source, and a comparison's baseline names a metric of the timeline. What
    :func:`timeline.dumps` writes, :func:`timeline.loads` reads back equal.
    Shrinks towards the empty timeline (``min_size`` plain events).
    """
    lo, hi = _check_years(min_year, max_year)
    least = _check_size("min_size", min_size, 0)
    most = _check_size("max_size", max_size, 0)
    if least > most:
        raise InvalidArgument(f"min_size={least} is more than max_size={most}")
    names = _kind_names(kinds)
    for name in names:
        _kind_strategy_cached(name, lo, hi)  # a field it cannot draw fails now
    return _timelines(lo, hi, least, most, names)
