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
from collections.abc import Mapping
from datetime import date as _date
from types import MappingProxyType
from typing import ClassVar, Literal

import attrs

from timeline.errors import CalendarError

__all__ = [
    "FRIDAY",
    "MONDAY",
    "MONTH_NAMES",
    "SATURDAY",
    "SUNDAY",
    "THURSDAY",
    "TUESDAY",
    "WEDNESDAY",
    "WEEKDAY_NAMES",
    "FiscalCalendar",
    "century_bounds",
    "check_date",
    "days_in_month",
    "days_in_year",
    "decade_bounds",
    "first_full_week",
    "from_rd",
    "half_bounds",
    "is_leap",
    "iso_week_bounds",
    "iso_week_of",
    "iso_weeks_in_year",
    "month_bounds",
    "nth_weekday",
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
