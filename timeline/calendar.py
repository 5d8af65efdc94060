"""Calendar arithmetic on integer day numbers.

Conventions used throughout this module:

* Days are **rata die** (RD) integers: day 1 is 0001-01-01 in the proleptic Gregorian
  calendar, so for years 1..9999 a day number equals ``datetime.date.toordinal()``.
  Day 0 is 0000-12-31, and day numbers continue without gaps in both directions.
* Years use **astronomical numbering**: year 0 is 1 BCE, year -1 is 2 BCE, and so on.
  Every function accepts any integer year (0, negative, or beyond 9999); the Gregorian
  leap rule is applied proleptically.
* Every span is returned as ``(first, last)`` day numbers, **both inclusive**: the span
  covers ``last - first + 1`` days, and the next span of the same kind starts at
  ``last + 1``.
* Weekdays are numbered like ``datetime.date.weekday()``: 0 is Monday, 6 is Sunday.
* Months, quarters, weeks and the like are numbered from 1.

Invalid arguments (month 13, 30 February, week 53 of a 52-week year, ...) raise
:class:`~timeline.errors.CalendarError` with a message meant for people.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date as _date
from types import MappingProxyType
from typing import ClassVar, Final, Literal

import attrs

from timeline.errors import CalendarError

__all__ = [
    "FRIDAY",
    "HOLIDAYS",
    "HOLIDAY_NAMES",
    "MONDAY",
    "MONTH_NAMES",
    "SATURDAY",
    "SUNDAY",
    "THURSDAY",
    "TUESDAY",
    "WEDNESDAY",
    "WEEKDAY_NAMES",
    "FiscalCalendar",
    "HolidayRule",
    "century_bounds",
    "check_date",
    "days_in_month",
    "days_in_year",
    "decade_bounds",
    "first_full_week",
    "from_rd",
    "half_bounds",
    "holiday",
    "holiday_key",
    "is_leap",
    "iso_week_bounds",
    "iso_week_of",
    "iso_weeks_in_year",
    "month_bounds",
    "nth_weekday",
    "observed",
    "quadrimester_bounds",
    "quarter_bounds",
    "season_bounds",
    "to_rd",
    "week_bounds",
    "week_of",
    "week_start",
    "weekday",
    "weeks_in_year",
    "year_bounds",
]

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

# English names for messages; MONTH_NAMES[1] is "January", WEEKDAY_NAMES[MONDAY] "Monday".
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
# 400 Gregorian years are exactly 146097 days (a whole number of weeks), so shifting by
# whole cycles maps any day onto one `datetime.date` can represent, with the same
# month, day and weekday.
_CYCLE_DAYS = 146097
_CYCLE_YEARS = 400
_MAX_ORDINAL = 3652059  # date(9999, 12, 31).toordinal()


# --- days, months, years ---------------------------------------------------------------


def is_leap(year: int) -> bool:
    """Whether ``year`` has a 29 February (Gregorian rule, proleptic; year 0 is leap)."""
    # Python's % floors, so the rule holds unchanged for year 0 and negative years.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_year(year: int) -> int:
    """365 or 366."""
    return 366 if is_leap(year) else 365


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise CalendarError(f"month must be 1–12, not {month}")


def days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` (1–12) of ``year``."""
    _check_month(month)
    if month == 2 and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def check_date(year: int, month: int, day: int) -> str | None:
    """``None`` if ``year-month-day`` exists, else the reason it does not, for people.

    >>> check_date(2017, 2, 29)
    'February has 28 days in 2017'
    """
    if not 1 <= month <= 12:
        return f"month must be 1–12, not {month}"
    if not 1 <= day <= 31:
        return f"day must be 1–31, not {day}"
    if month == 2:
        length = 29 if is_leap(year) else 28
        if day > length:
            return f"February has {length} days in {year}"
    elif day > _DAYS_IN_MONTH[month]:
        return f"{MONTH_NAMES[month]} has {_DAYS_IN_MONTH[month]} days"
    return None


def _jan1(year: int) -> int:
    """The day number of 1 January of ``year``."""
    # Floor division makes the leap-day count correct for years <= 0 as well.
    p = year - 1
    return 365 * p + p // 4 - p // 100 + p // 400 + 1


def _rd(year: int, month: int, day: int) -> int:
    """Day number of a date already known to be valid."""
    if 0 < year < 10000:
        return _date(year, month, day).toordinal()
    return _jan1(year) + _DAYS_BEFORE_MONTH[month] + (month > 2 and is_leap(year)) + day - 1


def _month_start(year: int, month: int) -> int:
    """Day number of the 1st of ``month``, which may run past 12 into later years."""
    year += (month - 1) // 12
    return _rd(year, (month - 1) % 12 + 1, 1)


def _months(year: int, first_month: int, count: int) -> tuple[int, int]:
    """Inclusive bounds of ``count`` months starting with ``first_month`` of ``year``."""
    return _month_start(year, first_month), _month_start(year, first_month + count) - 1


def to_rd(year: int, month: int, day: int) -> int:
    """The day number of a date; :class:`CalendarError` if the date does not exist."""
    if 0 < year < 10000:
        try:
            return _date(year, month, day).toordinal()
        except ValueError:
            pass  # reported below, with our own wording
    reason = check_date(year, month, day)
    if reason is not None:
        raise CalendarError(reason)
    return _jan1(year) + _DAYS_BEFORE_MONTH[month] + (month > 2 and is_leap(year)) + day - 1


def from_rd(rd: int) -> tuple[int, int, int]:
    """The ``(year, month, day)`` of a day number (any integer)."""
    if 0 < rd <= _MAX_ORDINAL:
        d = _date.fromordinal(rd)
        return d.year, d.month, d.day
    cycles = (rd - 1) // _CYCLE_DAYS
    d = _date.fromordinal(rd - cycles * _CYCLE_DAYS)
    return d.year + cycles * _CYCLE_YEARS, d.month, d.day


def _year_of(rd: int) -> int:
    if 0 < rd <= _MAX_ORDINAL:
        return _date.fromordinal(rd).year
    cycles = (rd - 1) // _CYCLE_DAYS
    return _date.fromordinal(rd - cycles * _CYCLE_DAYS).year + cycles * _CYCLE_YEARS


def weekday(rd: int) -> int:
    """0 = Monday … 6 = Sunday, like ``datetime.date.weekday()``."""
    # Day 1 (0001-01-01) was a Monday.
    return (rd - 1) % 7


# --- calendar units -------------------------------------------------------------------


def year_bounds(year: int) -> tuple[int, int]:
    """Inclusive bounds of ``year``: 1 January .. 31 December."""
    return _jan1(year), _jan1(year + 1) - 1


def month_bounds(year: int, month: int) -> tuple[int, int]:
    """Inclusive bounds of ``month`` (1–12) of ``year``."""
    length = days_in_month(year, month)
    first = _rd(year, month, 1)
    return first, first + length - 1


def quarter_bounds(year: int, quarter: int) -> tuple[int, int]:
    """Inclusive bounds of calendar quarter 1–4 (Q1 = January–March)."""
    if not 1 <= quarter <= 4:
        raise CalendarError(f"quarter must be 1–4, not {quarter}")
    return _months(year, 3 * quarter - 2, 3)


def quadrimester_bounds(year: int, part: int) -> tuple[int, int]:
    """Inclusive bounds of four-month part 1–3 (1 = Jan–Apr, 2 = May–Aug, 3 = Sep–Dec)."""
    if not 1 <= part <= 3:
        raise CalendarError(f"quadrimester must be 1–3, not {part}")
    return _months(year, 4 * part - 3, 4)


def half_bounds(year: int, half: int) -> tuple[int, int]:
    """Inclusive bounds of half-year 1–2 (1 = January–June, 2 = July–December)."""
    if not 1 <= half <= 2:
        raise CalendarError(f"half must be 1–2, not {half}")
    return _months(year, 6 * half - 5, 6)


def decade_bounds(decade: int) -> tuple[int, int]:
    """Inclusive bounds of the years ``decade * 10`` .. ``decade * 10 + 9``.

    This is the EDTF ``201X`` style: decade 201 is 2010-01-01 .. 2019-12-31, decade 0 is
    years 0..9 and decade -1 is years -10..-1.
    """
    return _jan1(decade * 10), _jan1(decade * 10 + 10) - 1


def century_bounds(century: int) -> tuple[int, int]:
    """Inclusive bounds of the years ``(century - 1) * 100`` .. ``(century - 1) * 100 + 99``.

    This is the ``19XX`` style, numbered like ordinal centuries: century 20 is the 1900s,
    1900-01-01 .. 1999-12-31 (not the strict ordinal 20th century, 1901 .. 2000).
    Century 1 is years 0..99 and century 0 is years -100..-1.
    """
    first_year = (century - 1) * 100
    return _jan1(first_year), _jan1(first_year + 100) - 1


# code -> (first month, number of months); a first month past the year's end is allowed
# by `_months`, but every span here starts within `year` (winter spills into year + 1).
_SEASONS: Mapping[int, tuple[int, int]] = MappingProxyType(
    {
        # location-independent spring, summer, autumn, winter: Northern meteorological
        21: (3, 3),
        22: (6, 3),
        23: (9, 3),
        24: (12, 3),
        # Northern Hemisphere
        25: (3, 3),
        26: (6, 3),
        27: (9, 3),
        28: (12, 3),
        # Southern Hemisphere spring, summer, autumn, winter
        29: (9, 3),
        30: (12, 3),
        31: (3, 3),
        32: (6, 3),
        # quarters, quadrimesters, semesters
        33: (1, 3),
        34: (4, 3),
        35: (7, 3),
        36: (10, 3),
        37: (1, 4),
        38: (5, 4),
        39: (9, 4),
        40: (1, 6),
        41: (7, 6),
    }
)


def season_bounds(year: int, code: int) -> tuple[int, int]:
    """Inclusive bounds of EDTF season/sub-year ``code`` (21–41) of ``year``.

    Seasons are meteorological (whole months). 21–24 are spring, summer, autumn and winter
    without a hemisphere and use the Northern bounds; 25–28 are the same explicitly
    Northern (spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter December of ``year``
    through the end of February of ``year + 1``); 29–32 are Southern spring (Sep–Nov),
    summer (December of ``year`` – February of ``year + 1``), autumn (Mar–May) and winter
    (Jun–Aug); 33–36 are quarters 1–4, 37–39 quadrimesters 1–3, 40–41 semesters 1–2.
    """
    span = _SEASONS.get(code)
    if span is None:
        raise CalendarError(f"season code must be 21–41, not {code}")
    return _months(year, *span)


# --- weeks ----------------------------------------------------------------------------


def _check_weekday(value: int, what: str) -> None:
    if not 0 <= value <= 6:
        raise CalendarError(f"{what} must be 0–6 (Monday–Sunday), not {value}")


def week_start(rd: int, first_weekday: int = MONDAY) -> int:
    """The first day of the week (starting on ``first_weekday``) that contains ``rd``."""
    _check_weekday(first_weekday, "first_weekday")
    return rd - (rd - 1 - first_weekday) % 7


def _week1_start(year: int, first_weekday: int) -> int:
    # Week 1 is the week with at least 4 days in `year`, i.e. the week containing
    # 4 January, whatever day weeks start on.
    jan4 = _jan1(year) + 3
    return jan4 - (jan4 - 1 - first_weekday) % 7


def weeks_in_year(year: int, first_weekday: int) -> int:
    """52 or 53: the number of weeks in ``year`` under :func:`week_bounds` numbering."""
    _check_weekday(first_weekday, "first_weekday")
    return (_week1_start(year + 1, first_weekday) - _week1_start(year, first_weekday)) // 7


def week_bounds(year: int, week: int, first_weekday: int = MONDAY) -> tuple[int, int]:
    """Inclusive bounds (7 days) of ``week`` of week-year ``year``.

    Weeks start on ``first_weekday``; week 1 is the first week with at least 4 of its days
    in ``year``, so week 1 may start in December of ``year - 1`` and the last week may end
    in January of ``year + 1``. With ``MONDAY`` this is ISO 8601; with ``SUNDAY`` it is the
    US CDC/MMWR epidemiological week.
    """
    count = weeks_in_year(year, first_weekday)
    if not 1 <= week <= count:
        if not 1 <= week <= 53:
            raise CalendarError(f"week must be 1–53, not {week}")
        if first_weekday == MONDAY:
            raise CalendarError(f"{year} has no ISO week {week} (it has {count})")
        raise CalendarError(
            f"{year} has no week {week} in weeks starting on "
            f"{WEEKDAY_NAMES[first_weekday]} (it has {count})"
        )
    first = _week1_start(year, first_weekday) + 7 * (week - 1)
    return first, first + 6


def week_of(rd: int, first_weekday: int = MONDAY) -> tuple[int, int]:
    """``(week_year, week)`` of ``rd`` in :func:`week_bounds` numbering."""
    # A week belongs to the year that holds its 4th day; the 4th day of week 1 falls on
    # 1–7 January, so counting 7-day steps from 1 January gives the week number.
    fourth = week_start(rd, first_weekday) + 3
    year = _year_of(fourth)
    return year, (fourth - _jan1(year)) // 7 + 1


def iso_weeks_in_year(year: int) -> int:
    """52 or 53: the number of ISO 8601 weeks in ISO week-year ``year``."""
    return weeks_in_year(year, MONDAY)


def iso_week_bounds(year: int, week: int) -> tuple[int, int]:
    """Inclusive bounds, Monday .. Sunday, of ISO 8601 week ``year-Wweek``."""
    return week_bounds(year, week, MONDAY)


def iso_week_of(rd: int) -> tuple[int, int]:
    """``(iso_year, iso_week)`` of ``rd``, as in ``datetime.date.isocalendar()``."""
    return week_of(rd, MONDAY)


def first_full_week(year: int, month: int, first_weekday: int = MONDAY) -> tuple[int, int]:
    """Inclusive bounds of the first week starting on ``first_weekday`` wholly inside
    ``month`` of ``year`` (it always exists: months have at least 28 days)."""
    _check_weekday(first_weekday, "first_weekday")
    first = month_bounds(year, month)[0]
    first += (first_weekday - weekday(first)) % 7
    return first, first + 6


def nth_weekday(year: int, month: int, weekday: int, n: int) -> int:
    """The ``n``-th ``weekday`` (0 = Monday) of ``month``: ``n = 1`` is the first,
    ``n = -1`` the last, ``n = -2`` the second to last; :class:`CalendarError` if the
    month has fewer than ``abs(n)`` of them."""
    _check_weekday(weekday, "weekday")
    if n == 0:
        raise CalendarError("n must be non-zero (1 is the first, -1 the last)")
    first, last = month_bounds(year, month)
    # The parameter `weekday` hides the function, hence `(rd - 1) % 7` spelled out.
    if n > 0:
        rd = first + (weekday - (first - 1)) % 7 + 7 * (n - 1)
    else:
        rd = last - ((last - 1) - weekday) % 7 + 7 * (n + 1)
    if not first <= rd <= last:
        count = (last - (first + (weekday - (first - 1)) % 7)) // 7 + 1
        raise CalendarError(
            f"{MONTH_NAMES[month]} {year} has only {count} {WEEKDAY_NAMES[weekday]}s, not {abs(n)}"
        )
    return rd


# --- fiscal years ---------------------------------------------------------------------

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _validate_start_month(_: object, __: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 12:
        raise CalendarError(f"start_month must be 1–12, not {value}")


def _validate_start_day(_: object, __: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 28:
        raise CalendarError(f"start_day must be 1–28 (a day every month has), not {value}")


def _validate_named_by(_: object, __: attrs.Attribute[str], value: str) -> None:
    if value not in ("start", "end"):
        raise CalendarError(f"named_by must be 'start' or 'end', not {value!r}")


def _validate_label_style(_: object, __: attrs.Attribute[str], value: str) -> None:
    if value not in ("fy", "span"):
        raise CalendarError(f"label_style must be 'fy' or 'span', not {value!r}")


def _validate_name(_: object, __: attrs.Attribute[str], value: str) -> None:
    if value and _NAME.fullmatch(value) is None:
        raise CalendarError(
            f"name must be empty or lowercase words joined by hyphens, "
            f"like 'us-federal', not {value!r}"
        )


@attrs.frozen
class FiscalCalendar:
    """A fiscal year that starts every year on ``start_month``/``start_day``.

    A fiscal year runs from its start date up to and including the day before the next
    start date. It is numbered by the calendar year in which it starts
    (``named_by="start"``) or ends (``named_by="end"``); a year starting on 1 January
    starts and ends in the same calendar year, so both namings agree.
    ``label_style="fy"`` labels it ``"FY2018"``; ``"span"`` labels it by the calendar year
    it starts in and the last two digits of the year it ends in (``"2018-19"``,
    ``"1999-00"``).

    ``start_day`` is limited to 1–28 so that every month and every year has it.
    """

    start_month: int = attrs.field(default=10, validator=_validate_start_month)
    start_day: int = attrs.field(default=1, validator=_validate_start_day)
    named_by: Literal["start", "end"] = attrs.field(default="end", validator=_validate_named_by)
    label_style: Literal["fy", "span"] = attrs.field(default="fy", validator=_validate_label_style)
    name: str = attrs.field(default="", validator=_validate_name)

    US_FEDERAL: ClassVar[FiscalCalendar]
    NEW_YORK_CITY: ClassVar[FiscalCalendar]
    NEW_YORK_STATE: ClassVar[FiscalCalendar]
    UK_GOVERNMENT: ClassVar[FiscalCalendar]
    UK_TAX: ClassVar[FiscalCalendar]
    AUSTRALIA: ClassVar[FiscalCalendar]
    JAPAN: ClassVar[FiscalCalendar]
    PRESETS: ClassVar[Mapping[str, FiscalCalendar]]

    def _offset(self) -> int:
        """Fiscal year number minus the calendar year in which it starts."""
        if self.named_by == "start" or (self.start_month == 1 and self.start_day == 1):
            return 0
        return 1

    def _locate(self, rd: int) -> tuple[int, int, int]:
        """The calendar year in which rd's fiscal year starts, and rd's month and day."""
        year, month, day = from_rd(rd)
        if (month, day) < (self.start_month, self.start_day):
            year -= 1
        return year, month, day

    def bounds(self, fiscal_year: int) -> tuple[int, int]:
        """Inclusive bounds: the start date .. the day before the next start date."""
        year = fiscal_year - self._offset()
        return (
            _rd(year, self.start_month, self.start_day),
            _rd(year + 1, self.start_month, self.start_day) - 1,
        )

    def year_of(self, rd: int) -> int:
        """The number of the fiscal year containing ``rd``."""
        return self._locate(rd)[0] + self._offset()

    def quarter_bounds(self, fiscal_year: int, quarter: int) -> tuple[int, int]:
        """Inclusive bounds of fiscal quarter 1–4; Q1 starts on the fiscal year's start."""
        if not 1 <= quarter <= 4:
            raise CalendarError(f"quarter must be 1–4, not {quarter}")
        year = fiscal_year - self._offset()
        month = self.start_month + 3 * (quarter - 1)
        return self._quarter_start(year, month), self._quarter_start(year, month + 3) - 1

    def _quarter_start(self, year: int, month: int) -> int:
        return _rd(year + (month - 1) // 12, (month - 1) % 12 + 1, self.start_day)

    def quarter_of(self, rd: int) -> tuple[int, int]:
        """``(fiscal_year, quarter)`` of ``rd``."""
        start_year, month, day = self._locate(rd)
        months = (month - self.start_month) % 12 - (day < self.start_day)
        # Quarters change on `start_day`, not on the 1st: a day before `start_day` still
        # belongs to the previous month's quarter (-1 wraps round to the 12th month).
        return start_year + self._offset(), (months % 12) // 3 + 1

    def label(self, fiscal_year: int) -> str:
        """``"FY2018"`` or ``"2018-19"``, according to ``label_style``."""
        if self.label_style == "fy":
            return f"FY{fiscal_year}"
        start = fiscal_year - self._offset()
        end = start if (self.start_month, self.start_day) == (1, 1) else start + 1
        if end == start:
            return str(start)
        return f"{start}-{end % 100:02d}"

    @classmethod
    def named(cls, name: str) -> FiscalCalendar:
        """The preset called ``name``; :class:`CalendarError` naming the presets otherwise."""
        try:
            return cls.PRESETS[name]
        except KeyError:
            known = ", ".join(cls.PRESETS)
            raise CalendarError(f"no fiscal calendar is called {name!r}; known: {known}") from None


FiscalCalendar.US_FEDERAL = FiscalCalendar(10, 1, "end", "fy", "us-federal")
FiscalCalendar.NEW_YORK_CITY = FiscalCalendar(7, 1, "end", "fy", "new-york-city")
FiscalCalendar.NEW_YORK_STATE = FiscalCalendar(4, 1, "end", "fy", "new-york-state")
FiscalCalendar.UK_GOVERNMENT = FiscalCalendar(4, 1, "start", "span", "uk-government")
FiscalCalendar.UK_TAX = FiscalCalendar(4, 6, "start", "span", "uk-tax")
FiscalCalendar.AUSTRALIA = FiscalCalendar(7, 1, "end", "fy", "australia")
FiscalCalendar.JAPAN = FiscalCalendar(4, 1, "start", "fy", "japan")
FiscalCalendar.PRESETS = MappingProxyType(
    {
        preset.name: preset
        for preset in (
            FiscalCalendar.US_FEDERAL,
            FiscalCalendar.NEW_YORK_CITY,
            FiscalCalendar.NEW_YORK_STATE,
            FiscalCalendar.UK_GOVERNMENT,
            FiscalCalendar.UK_TAX,
            FiscalCalendar.AUSTRALIA,
            FiscalCalendar.JAPAN,
        )
    }
)


# --- US holidays ----------------------------------------------------------------------
#
# Every day below is computed from the rule in force that year; none is looked up in a
# table of dates. Each rule's docstring cites the law (or the proclamation, or the lack
# of either) it follows, and returns None for a year before the day existed.


def _fixed(year: int, month: int, day: int, since: int) -> int | None:
    return _rd(year, month, day) if year >= since else None


def _new_years_day(year: int) -> int | None:
    """1 January, in every year: the day is the date, whatever the law (a reader of "New
    Year's Day 1776" means 1 January 1776). The Act of June 28, 1870 (16 Stat. 168) made it a
    holiday for federal employees (the first 1 January after the Act was in 1871); now
    5 U.S.C. 6103(a).
    """
    return _fixed(year, 1, 1, 1)


def _martin_luther_king_jr_day(year: int) -> int | None:
    """The third Monday of January, from 1986: Pub. L. 98-144 (1983) made the Birthday of
    Martin Luther King, Jr. a legal public holiday from 1986; now 5 U.S.C. 6103(a)."""
    return nth_weekday(year, 1, MONDAY, 3) if year >= 1986 else None


def _washingtons_birthday(year: int) -> int | None:
    """22 February from 1879 (the Act of January 31, 1879, 20 Stat. 277, for the District of
    Columbia; extended to every federal office in 1885); the third Monday of February from
    1971 under the Uniform Monday Holiday Act (Pub. L. 90-363, 82 Stat. 250, of 1968).
    Federal law calls it Washington's Birthday; "Presidents' Day" is the common name."""
    if year >= 1971:
        return nth_weekday(year, 2, MONDAY, 3)
    return _fixed(year, 2, 22, 1879)


def _memorial_day(year: int) -> int | None:
    """30 May from 1888, when Congress added Decoration Day to the holidays of the District
    of Columbia and so of federal employees; the last Monday of May from 1971 under the
    Uniform Monday Holiday Act (Pub. L. 90-363, 82 Stat. 250, of 1968)."""
    if year >= 1971:
        return nth_weekday(year, 5, MONDAY, -1)
    return _fixed(year, 5, 30, 1888)


def _juneteenth(year: int) -> int | None:
    """19 June, from 2021: the Juneteenth National Independence Day Act (Pub. L. 117-17,
    June 17, 2021); now 5 U.S.C. 6103(a)."""
    return _fixed(year, 6, 19, 2021)


def _independence_day(year: int) -> int | None:
    """4 July, in every year (the date of the Declaration; "the Fourth of July, 1776" is that
    day); a federal holiday from the Act of June 28, 1870 (16 Stat. 168); now 5 U.S.C. 6103(a).
    """
    return _fixed(year, 7, 4, 1)


def _labor_day(year: int) -> int | None:
    """The first Monday of September, from 1894: the Act of June 28, 1894 (28 Stat. 96);
    now 5 U.S.C. 6103(a)."""
    return nth_weekday(year, 9, MONDAY, 1) if year >= 1894 else None


def _columbus_day(year: int) -> int | None:
    """12 October 1937–1970, proclaimed by the President every year from 1937 at the
    request of Congress (a joint resolution of 1934); the second Monday of October from
    1971, when the Uniform Monday Holiday Act (Pub. L. 90-363, 82 Stat. 250, of 1968) made
    it a legal public holiday. Presidents have also proclaimed the same Monday Indigenous
    Peoples' Day since 2021, and several states and cities keep it under that name only."""
    if year >= 1971:
        return nth_weekday(year, 10, MONDAY, 2)
    return _fixed(year, 10, 12, 1937)


def _veterans_day(year: int) -> int | None:
    """11 November from 1938, as Armistice Day (the Act of May 13, 1938, 52 Stat. 351),
    renamed Veterans Day in 1954 (the Act of June 1, 1954, 68 Stat. 168); the fourth Monday
    of October 1971–1977 under the Uniform Monday Holiday Act (Pub. L. 90-363); 11 November
    again from 1978 (Pub. L. 94-97, of 1975)."""
    if 1971 <= year <= 1977:
        return nth_weekday(year, 10, MONDAY, 4)
    return _fixed(year, 11, 11, 1938)


def _thanksgiving(year: int) -> int | None:
    """From 1863 to 1938 the last Thursday of November, the day Lincoln's proclamation of
    October 3, 1863 set and later proclamations followed (those of 1865 and 1869 chose
    7 December and 18 November instead; this rule does not model them). 1939–1941 the
    next-to-last Thursday, the day of Franklin Roosevelt's federal proclamations (states
    differed: about half kept the last Thursday). From 1942 the fourth Thursday, fixed by
    the joint resolution of December 26, 1941 (Pub. L. 77-379, 55 Stat. 862); now
    5 U.S.C. 6103(a). The Act of June 28, 1870 had already made the proclaimed day a
    holiday for federal employees."""
    if year >= 1942:
        return nth_weekday(year, 11, THURSDAY, 4)
    if year >= 1939:
        return nth_weekday(year, 11, THURSDAY, -2)
    return nth_weekday(year, 11, THURSDAY, -1) if year >= 1863 else None


def _christmas(year: int) -> int | None:
    """25 December, in every year ("Christmas 1776" is that day); a federal holiday from the
    Act of June 28, 1870 (16 Stat. 168); now 5 U.S.C. 6103(a).
    """
    return _fixed(year, 12, 25, 1)


def _election_day(year: int) -> int | None:
    """The Tuesday after the first Monday of November (so 2–8 November), from 1845: the Act
    of January 23, 1845 (5 Stat. 721) fixed it for choosing presidential electors, and later
    law for electing Congress (now 3 U.S.C. 1 and 2 U.S.C. 7). Federal elections fall in
    even years only; the day is given for every year because most states hold their own
    elections on the same Tuesday in odd years."""
    return nth_weekday(year, 11, MONDAY, 1) + 1 if year >= 1845 else None


def _inauguration_day(year: int) -> int | None:
    """In the years after a presidential election year (``year % 4 == 1``): 4 March
    1793–1933, the start of the term under the Act of March 1, 1792 (1 Stat. 239);
    20 January from 1937 under the Twentieth Amendment (ratified 1933). None in 1789, when
    Washington took office on 30 April. When the day was a Sunday the public ceremony was
    held on the Monday (5 March 1821, 1849, 1877 and 1917; 21 January 1957, 1985 and 2013),
    the day :func:`observed` gives from 1971."""
    if year % 4 != 1:
        return None
    if year >= 1937:
        return _rd(year, 1, 20)
    return _fixed(year, 3, 4, 1793)


def _easter(year: int) -> int | None:
    """Easter Sunday by the Gregorian computus (the anonymous Gregorian algorithm, as given
    in Meeus, *Astronomical Algorithms*, ch. 8), from 1583, the first Easter after the
    Gregorian reform; 22 March – 25 April. No law makes it a federal holiday."""
    if year < 1583:
        return None
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own letter)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return _rd(year, month, day + 1)


def _good_friday(year: int) -> int | None:
    """The Friday before Easter (see ``easter``), from 1583. Not a federal holiday."""
    easter = _easter(year)
    return None if easter is None else easter - 2


def _mothers_day(year: int) -> int | None:
    """The second Sunday of May, from 1914: the joint resolution of May 8, 1914
    (38 Stat. 770), proclaimed by Wilson; now 36 U.S.C. 117. Not a legal public holiday."""
    return nth_weekday(year, 5, SUNDAY, 2) if year >= 1914 else None


def _fathers_day(year: int) -> int | None:
    """The third Sunday of June, from 1972: Pub. L. 92-278 (1972), signed by Nixon; now
    36 U.S.C. 109. Not a legal public holiday."""
    return nth_weekday(year, 6, SUNDAY, 3) if year >= 1972 else None


def _black_friday(year: int) -> int | None:
    """The day after Thanksgiving (see ``thanksgiving``), in every year that has one. No
    law names it."""
    thanksgiving = _thanksgiving(year)
    return None if thanksgiving is None else thanksgiving + 1


def _cyber_monday(year: int) -> int | None:
    """The Monday after Thanksgiving (see ``thanksgiving``), in every year that has one. No
    law names it."""
    thanksgiving = _thanksgiving(year)
    return None if thanksgiving is None else thanksgiving + 4


def _halloween(year: int) -> int | None:
    """31 October. No law names it; given for every year from 1."""
    return _fixed(year, 10, 31, 1)


def _valentines_day(year: int) -> int | None:
    """14 February. No law names it; given for every year from 1."""
    return _fixed(year, 2, 14, 1)


def _christmas_eve(year: int) -> int | None:
    """24 December. Not a legal public holiday (Presidents have closed federal offices on
    it by executive order in some years); given for every year from 1."""
    return _fixed(year, 12, 24, 1)


def _new_years_eve(year: int) -> int | None:
    """31 December. No law names it; given for every year from 1."""
    return _fixed(year, 12, 31, 1)


@attrs.frozen
class HolidayRule:
    """How one US holiday's day is found in a given year.

    ``key`` is the canonical lower-case name (a key of :data:`HOLIDAYS`), ``title`` the
    name for people. ``day(year)`` is the rata die of the holiday in ``year``, or None in a
    year before it existed; its docstring cites the law it follows. ``observance`` says
    what :func:`observed` does with it: ``"weekend"`` for the legal public holidays of
    5 U.S.C. 6103(a) (Saturday moves to Friday, Sunday to Monday), ``"sunday"`` for
    Inauguration Day (5 U.S.C. 6103(c): only Sunday moves, to Monday), ``"none"`` for the
    days no federal law gives a day off.
    """

    key: str
    title: str
    day: Callable[[int], int | None]
    observance: Literal["weekend", "sunday", "none"] = "none"


HOLIDAYS: Final[Mapping[str, HolidayRule]] = MappingProxyType(
    {
        rule.key: rule
        for rule in (
            HolidayRule("new year's day", "New Year's Day", _new_years_day, "weekend"),
            HolidayRule(
                "martin luther king jr. day",
                "Martin Luther King Jr. Day",
                _martin_luther_king_jr_day,
                "weekend",
            ),
            HolidayRule(
                "washington's birthday", "Washington's Birthday", _washingtons_birthday, "weekend"
            ),
            HolidayRule("memorial day", "Memorial Day", _memorial_day, "weekend"),
            HolidayRule("juneteenth", "Juneteenth", _juneteenth, "weekend"),
            HolidayRule("independence day", "Independence Day", _independence_day, "weekend"),
            HolidayRule("labor day", "Labor Day", _labor_day, "weekend"),
            HolidayRule("columbus day", "Columbus Day", _columbus_day, "weekend"),
            HolidayRule("veterans day", "Veterans Day", _veterans_day, "weekend"),
            HolidayRule("thanksgiving", "Thanksgiving Day", _thanksgiving, "weekend"),
            HolidayRule("christmas", "Christmas Day", _christmas, "weekend"),
            HolidayRule("inauguration day", "Inauguration Day", _inauguration_day, "sunday"),
            HolidayRule("election day", "Election Day", _election_day),
            HolidayRule("easter", "Easter Sunday", _easter),
            HolidayRule("good friday", "Good Friday", _good_friday),
            HolidayRule("mother's day", "Mother's Day", _mothers_day),
            HolidayRule("father's day", "Father's Day", _fathers_day),
            HolidayRule("black friday", "Black Friday", _black_friday),
            HolidayRule("cyber monday", "Cyber Monday", _cyber_monday),
            HolidayRule("halloween", "Halloween", _halloween),
            HolidayRule("valentine's day", "Valentine's Day", _valentines_day),
            HolidayRule("christmas eve", "Christmas Eve", _christmas_eve),
            HolidayRule("new year's eve", "New Year's Eve", _new_years_eve),
        )
    }
)
"""The US holidays :func:`holiday` knows, by canonical lower-case name: the eleven legal
public holidays of 5 U.S.C. 6103(a) and Inauguration Day first, then the days that no law
gives off but news text dates by (Election Day, Easter, Mother's Day, Black Friday, ...)."""

HOLIDAY_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        **{key: key for key in HOLIDAYS},
        "new years day": "new year's day",
        "new year's": "new year's day",
        "new years": "new year's day",
        "mlk day": "martin luther king jr. day",
        "mlk jr. day": "martin luther king jr. day",
        "martin luther king day": "martin luther king jr. day",
        "martin luther king jr day": "martin luther king jr. day",
        "martin luther king, jr. day": "martin luther king jr. day",
        "birthday of martin luther king, jr.": "martin luther king jr. day",
        "presidents day": "washington's birthday",
        "presidents' day": "washington's birthday",
        "president's day": "washington's birthday",
        "decoration day": "memorial day",
        "juneteenth national independence day": "juneteenth",
        # No spelling with digits ("July 4th"): that is a date, read as one in any year.
        "fourth of july": "independence day",
        "the fourth of july": "independence day",
        "july fourth": "independence day",
        "indigenous peoples' day": "columbus day",
        "veterans' day": "veterans day",
        "armistice day": "veterans day",
        "thanksgiving day": "thanksgiving",
        "christmas day": "christmas",
        "xmas": "christmas",
        "easter sunday": "easter",
        "saint valentine's day": "valentine's day",
        "st. valentine's day": "valentine's day",
    }
)
"""Spellings of holiday names in news text -> the :data:`HOLIDAYS` key they mean.

Keys are lower case with ASCII apostrophes; :func:`holiday_key` also accepts other case,
typographic apostrophes, and spellings without the apostrophes and full stops shown here.
"""


def _bare(name: str) -> str:
    """``name`` without case, apostrophes, full stops, commas and extra white space."""
    for mark in "'’‘ʼ`´.,":
        name = name.replace(mark, "")
    return " ".join(name.casefold().split())


_BARE_NAMES: Mapping[str, str] = MappingProxyType(
    {_bare(spelling): key for spelling, key in HOLIDAY_NAMES.items()}
)
# The spelling of HOLIDAY_NAMES each bare name came from first, for suggestions.
_SPELLING_OF: Mapping[str, str] = MappingProxyType(
    {_bare(spelling): spelling for spelling in reversed(tuple(HOLIDAY_NAMES))}
)


def holiday_key(name: str) -> str | None:
    """The :data:`HOLIDAYS` key that ``name`` (any spelling of :data:`HOLIDAY_NAMES`) means,
    or None. Case, apostrophes (straight or typographic), full stops, commas and runs of
    white space are ignored: ``"Presidents’ Day"`` and ``"presidents day"`` are
    ``"washington's birthday"``."""
    if not isinstance(name, str):
        return None
    return _BARE_NAMES.get(_bare(name))


def _rule(name: str) -> HolidayRule:
    if not isinstance(name, str):
        raise CalendarError(f"a holiday name must be a str, not {type(name).__name__}")
    key = holiday_key(name)
    if key is not None:
        return HOLIDAYS[key]
    import difflib  # only when a name is wrong: `import timeline.calendar` stays light

    close = difflib.get_close_matches(_bare(name), _BARE_NAMES, n=10, cutoff=0.7)
    # The closest spelling of each holiday, closest first, at most three holidays.
    suggestions: dict[str, str] = {}
    for bare in close:
        suggestions.setdefault(_BARE_NAMES[bare], _SPELLING_OF[bare])
    if suggestions:
        spellings = list(suggestions.values())[:3]
        hint = "did you mean " + " or ".join(repr(spelling) for spelling in spellings) + "?"
    else:
        hint = "known: " + ", ".join(HOLIDAYS)
    raise CalendarError(f"no holiday is called {name!r}; {hint}")


def holiday(name: str, year: int) -> int | None:
    """The rata die of US holiday ``name`` in ``year``, by the rule in force that year.

    ``name`` is any spelling :func:`holiday_key` accepts. None when the holiday did not
    exist in ``year`` (Martin Luther King Jr. Day before 1986, Juneteenth before 2021,
    Inauguration Day outside the years after a presidential election year, ...). The day
    is the holiday itself, never a weekday observed in its place: see :func:`observed`.
    :class:`CalendarError` for an unknown name, suggesting the closest known ones.
    """
    return _rule(name).day(year)


def observed(name: str, year: int) -> int | None:
    """The rata die of the day federal employees have off for holiday ``name`` of ``year``.

    The rule of 5 U.S.C. 6103(b) and Executive Order 11582, in force from 1971: a legal
    public holiday on a Saturday is observed on the Friday before, one on a Sunday on the
    Monday after, any other on its day. The Friday may fall in the year before: New Year's
    Day 2022, a Saturday, was observed on 31 December 2021. Inauguration Day, a holiday for
    federal employees in and around Washington, D.C., moves only from a Sunday, to the
    Monday (5 U.S.C. 6103(c)). None when :func:`holiday` is None or
    ``year`` is before 1971 (earlier observance rules are not modelled).
    :class:`CalendarError` for an unknown name, or for a day that is not a legal public
    holiday (Easter, Election Day, Christmas Eve, ...).
    """
    rule = _rule(name)
    if rule.observance == "none":
        raise CalendarError(
            f"{rule.title} is not a legal public holiday, so it has no observed day"
        )
    day = rule.day(year)
    if day is None or year < 1971:
        return None
    if weekday(day) == SUNDAY:
        return day + 1
    if weekday(day) == SATURDAY and rule.observance == "weekend":
        return day - 1
    return day
