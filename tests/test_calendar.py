"""Tests for timeline.calendar: day numbers, calendar units, weeks and fiscal years."""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Callable
from datetime import date
from itertools import pairwise

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline.calendar import (
    FRIDAY,
    MONDAY,
    SATURDAY,
    SUNDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    FiscalCalendar,
    century_bounds,
    check_date,
    days_in_month,
    days_in_year,
    decade_bounds,
    first_full_week,
    from_rd,
    half_bounds,
    is_leap,
    iso_week_bounds,
    iso_week_of,
    iso_weeks_in_year,
    month_bounds,
    nth_weekday,
    quadrimester_bounds,
    quarter_bounds,
    season_bounds,
    to_rd,
    week_bounds,
    week_of,
    week_start,
    weekday,
    weeks_in_year,
    year_bounds,
)
from timeline.errors import CalendarError

PRESETS = list(FiscalCalendar.PRESETS.values())
WIDE_YEARS = st.integers(min_value=-10000, max_value=20000)
WIDE_DAYS = st.integers(min_value=to_rd(-10000, 1, 1), max_value=to_rd(20000, 12, 31))
WEEKDAYS = st.integers(min_value=0, max_value=6)


def rd(iso: str) -> int:
    """Day number of an ISO date string in 1..9999, via the standard library."""
    return date.fromisoformat(iso).toordinal()


def span(first: str, last: str) -> tuple[int, int]:
    return rd(first), rd(last)


# --- leap years, month lengths, dates -------------------------------------------------


@pytest.mark.parametrize(
    ("year", "leap"),
    [
        (1900, False),
        (2000, True),
        (2004, True),
        (2100, False),
        (2017, False),
        (0, True),
        (-4, True),
        (-1, False),
        (-100, False),
        (-400, True),
        (10000, True),
    ],
)
def test_is_leap(year: int, leap: bool) -> None:
    assert is_leap(year) is leap
    assert days_in_year(year) == (366 if leap else 365)


@given(WIDE_YEARS)
def test_is_leap_matches_stdlib(year: int) -> None:
    assert is_leap(year) == stdlib_calendar.isleap(year)


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [
        (2017, 1, 31),
        (2017, 2, 28),
        (2016, 2, 29),
        (1900, 2, 28),
        (2000, 2, 29),
        (0, 2, 29),
        (-1, 2, 28),
        (2017, 4, 30),
        (2017, 6, 30),
        (2017, 9, 30),
        (2017, 11, 30),
        (2017, 12, 31),
    ],
)
def test_days_in_month(year: int, month: int, days: int) -> None:
    assert days_in_month(year, month) == days


@given(WIDE_YEARS, st.integers(min_value=1, max_value=12))
def test_days_in_month_matches_stdlib(year: int, month: int) -> None:
    assert days_in_month(year, month) == stdlib_calendar.monthrange(year, month)[1]


@pytest.mark.parametrize(
    ("year", "month", "day", "reason"),
    [
        (2017, 2, 29, "February has 28 days in 2017"),
        (2020, 2, 30, "February has 29 days in 2020"),
        (1900, 2, 29, "February has 28 days in 1900"),
        (-1, 2, 29, "February has 28 days in -1"),
        (2017, 4, 31, "April has 30 days"),
        (2017, 11, 31, "November has 30 days"),
        (2017, 13, 1, "month must be 1–12, not 13"),
        (2017, 0, 1, "month must be 1–12, not 0"),
        (2017, 1, 0, "day must be 1–31, not 0"),
        (2017, 1, 32, "day must be 1–31, not 32"),
        (12000, 6, 31, "June has 30 days"),
    ],
)
def test_invalid_dates(year: int, month: int, day: int, reason: str) -> None:
    assert check_date(year, month, day) == reason
    with pytest.raises(CalendarError) as info:
        to_rd(year, month, day)
    assert str(info.value) == reason


@pytest.mark.parametrize(
    ("year", "month", "day"), [(2020, 2, 29), (2000, 2, 29), (0, 2, 29), (2017, 12, 31)]
)
def test_check_date_valid(year: int, month: int, day: int) -> None:
    assert check_date(year, month, day) is None


@pytest.mark.parametrize("month", [0, 13, -1])
def test_days_in_month_rejects_bad_month(month: int) -> None:
    with pytest.raises(CalendarError, match=f"^month must be 1–12, not {month}$"):
        days_in_month(2017, month)


def test_calendar_error_is_value_error() -> None:
    with pytest.raises(ValueError, match="February has 28 days in 2017"):
        to_rd(2017, 2, 29)


@given(st.dates())
def test_rd_matches_stdlib(day: date) -> None:
    number = day.toordinal()
    assert to_rd(day.year, day.month, day.day) == number
    assert from_rd(number) == (day.year, day.month, day.day)
    assert weekday(number) == day.weekday()


@given(WIDE_DAYS)
def test_rd_round_trip_and_continuity(number: int) -> None:
    year, month, day = from_rd(number)
    assert check_date(year, month, day) is None
    assert to_rd(year, month, day) == number
    following = from_rd(number + 1)
    if day < days_in_month(year, month):
        assert following == (year, month, day + 1)
    elif month < 12:
        assert following == (year, month + 1, 1)
    else:
        assert following == (year + 1, 1, 1)
    assert weekday(number + 1) == (weekday(number) + 1) % 7


@given(WIDE_YEARS, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_to_rd_is_periodic_over_400_years(year: int, month: int, day: int) -> None:
    # Checks the pure-arithmetic path (outside 1..9999) against the stdlib path.
    base = date(year % 400 + 400, month, day).toordinal()
    assert to_rd(year, month, day) == base + (year // 400 - 1) * 146097


@pytest.mark.parametrize(
    ("ymd", "number"),
    [
        ((1, 1, 1), 1),
        ((0, 12, 31), 0),
        ((0, 1, 1), -365),
        ((-1, 12, 31), -366),
        ((-1, 1, 1), -730),
        ((9999, 12, 31), 3652059),
        ((10000, 1, 1), 3652060),
        ((10000, 3, 1), 3652060 + 31 + 29),
    ],
)
def test_rd_anchors(ymd: tuple[int, int, int], number: int) -> None:
    assert to_rd(*ymd) == number
    assert from_rd(number) == ymd


def test_weekday_constants() -> None:
    days = [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]
    assert days == list(range(7))
    # 2017-02-06 was a Monday.
    assert [weekday(rd("2017-02-06") + i) for i in range(7)] == days
    assert weekday(0) == SUNDAY  # 0000-12-31


# --- calendar units ---------------------------------------------------------------------


@given(WIDE_YEARS)
def test_year_bounds(year: int) -> None:
    first, last = year_bounds(year)
    assert (first, last) == (to_rd(year, 1, 1), to_rd(year, 12, 31))
    assert last - first + 1 == days_in_year(year)
    assert year_bounds(year + 1)[0] == last + 1


@given(WIDE_YEARS)
def test_months_tile_the_year(year: int) -> None:
    bounds = [month_bounds(year, month) for month in range(1, 13)]
    assert bounds[0][0] == year_bounds(year)[0]
    assert bounds[-1][1] == year_bounds(year)[1]
    assert month_bounds(year + 1, 1)[0] == bounds[-1][1] + 1
    for month, (first, last) in enumerate(bounds, start=1):
        assert from_rd(first) == (year, month, 1)
        assert last - first + 1 == days_in_month(year, month)
    for (_, last), (first, _) in pairwise(bounds):
        assert first == last + 1


@pytest.mark.parametrize(
    ("function", "count", "months"),
    [(quarter_bounds, 4, 3), (quadrimester_bounds, 3, 4), (half_bounds, 2, 6)],
)
@given(year=WIDE_YEARS)
def test_sub_year_units_tile_the_year(
    function: Callable[[int, int], tuple[int, int]], count: int, months: int, year: int
) -> None:
    bounds = [function(year, part) for part in range(1, count + 1)]
    assert bounds[0][0] == year_bounds(year)[0]
    assert bounds[-1][1] == year_bounds(year)[1]
    for part, (first, _) in enumerate(bounds, start=1):
        assert first == month_bounds(year, (part - 1) * months + 1)[0]
    for (_, last), (first, _) in pairwise(bounds):
        assert first == last + 1


def test_unit_examples() -> None:
    assert month_bounds(2017, 2) == span("2017-02-01", "2017-02-28")
    assert month_bounds(2020, 2) == span("2020-02-01", "2020-02-29")
    assert quarter_bounds(2017, 1) == span("2017-01-01", "2017-03-31")
    assert quarter_bounds(2017, 4) == span("2017-10-01", "2017-12-31")
    assert quadrimester_bounds(2017, 2) == span("2017-05-01", "2017-08-31")
    assert half_bounds(2017, 2) == span("2017-07-01", "2017-12-31")
    assert quarter_bounds(9999, 4) == span("9999-10-01", "9999-12-31")


def test_decade_and_century_examples() -> None:
    assert decade_bounds(201) == span("2010-01-01", "2019-12-31")
    assert decade_bounds(0) == (to_rd(0, 1, 1), to_rd(9, 12, 31))
    assert decade_bounds(-1) == (to_rd(-10, 1, 1), to_rd(-1, 12, 31))
    assert century_bounds(20) == span("1900-01-01", "1999-12-31")
    assert century_bounds(21) == span("2000-01-01", "2099-12-31")
    assert century_bounds(1) == (to_rd(0, 1, 1), to_rd(99, 12, 31))
    assert century_bounds(101) == (to_rd(10000, 1, 1), to_rd(10099, 12, 31))


@given(st.integers(min_value=-1000, max_value=2000))
def test_decades_and_centuries_tile(n: int) -> None:
    first, last = decade_bounds(n)
    assert from_rd(first) == (n * 10, 1, 1)
    assert from_rd(last) == (n * 10 + 9, 12, 31)
    assert decade_bounds(n + 1)[0] == last + 1
    first, last = century_bounds(n)
    assert from_rd(first) == ((n - 1) * 100, 1, 1)
    assert from_rd(last) == ((n - 1) * 100 + 99, 12, 31)
    assert century_bounds(n + 1)[0] == last + 1


@pytest.mark.parametrize(
    ("year", "code", "first", "last"),
    [
        (2017, 21, "2017-03-01", "2017-05-31"),
        (2017, 22, "2017-06-01", "2017-08-31"),
        (2017, 23, "2017-09-01", "2017-11-30"),
        (2017, 24, "2017-12-01", "2018-02-28"),
        (2019, 24, "2019-12-01", "2020-02-29"),
        (2017, 25, "2017-03-01", "2017-05-31"),
        (2017, 26, "2017-06-01", "2017-08-31"),
        (2017, 27, "2017-09-01", "2017-11-30"),
        (2017, 28, "2017-12-01", "2018-02-28"),
        (2017, 29, "2017-09-01", "2017-11-30"),
        (2017, 30, "2017-12-01", "2018-02-28"),
        (2017, 31, "2017-03-01", "2017-05-31"),
        (2017, 32, "2017-06-01", "2017-08-31"),
        (2017, 33, "2017-01-01", "2017-03-31"),
        (2017, 34, "2017-04-01", "2017-06-30"),
        (2017, 35, "2017-07-01", "2017-09-30"),
        (2017, 36, "2017-10-01", "2017-12-31"),
        (2017, 37, "2017-01-01", "2017-04-30"),
        (2017, 38, "2017-05-01", "2017-08-31"),
        (2017, 39, "2017-09-01", "2017-12-31"),
        (2017, 40, "2017-01-01", "2017-06-30"),
        (2017, 41, "2017-07-01", "2017-12-31"),
    ],
)
def test_season_bounds(year: int, code: int, first: str, last: str) -> None:
    assert season_bounds(year, code) == span(first, last)


@given(WIDE_YEARS)
def test_seasons_tile(year: int) -> None:
    for codes in ((21, 22, 23, 24), (25, 26, 27, 28), (31, 32, 29, 30)):
        bounds = [season_bounds(year, code) for code in codes]
        assert bounds[0][0] == to_rd(year, 3, 1)
        assert bounds[-1][1] == to_rd(year + 1, 3, 1) - 1
        for (_, last), (first, _) in pairwise(bounds):
            assert first == last + 1
    assert season_bounds(year, 33) == quarter_bounds(year, 1)
    assert season_bounds(year, 39) == quadrimester_bounds(year, 3)
    assert season_bounds(year, 41) == half_bounds(year, 2)


# --- weeks ------------------------------------------------------------------------------


def test_iso_week_examples() -> None:
    assert iso_week_bounds(2017, 6) == span("2017-02-06", "2017-02-12")
    assert iso_week_bounds(2019, 1) == span("2018-12-31", "2019-01-06")
    assert iso_week_bounds(2020, 53) == span("2020-12-28", "2021-01-03")
    assert iso_week_bounds(2021, 1) == span("2021-01-04", "2021-01-10")
    assert iso_weeks_in_year(2020) == 53
    assert iso_weeks_in_year(2021) == 52
    assert iso_weeks_in_year(2015) == 53
    assert iso_week_of(rd("2021-01-03")) == (2020, 53)
    assert iso_week_of(rd("2018-12-31")) == (2019, 1)


def test_mmwr_week_examples() -> None:
    # CDC epidemiological (MMWR) weeks start on Sunday.
    assert week_bounds(2021, 1, SUNDAY) == span("2021-01-03", "2021-01-09")
    assert week_bounds(2017, 1, SUNDAY) == span("2017-01-01", "2017-01-07")
    assert week_bounds(2020, 53, SUNDAY) == span("2020-12-27", "2021-01-02")
    assert weeks_in_year(2014, SUNDAY) == 53
    assert weeks_in_year(2021, SUNDAY) == 52
    assert week_of(rd("2021-01-02"), SUNDAY) == (2020, 53)
    assert week_of(rd("2021-01-03"), SUNDAY) == (2021, 1)


@given(st.dates())
def test_iso_week_matches_stdlib(day: date) -> None:
    iso = day.isocalendar()
    number = day.toordinal()
    assert iso_week_of(number) == (iso.year, iso.week)
    assert week_of(number, MONDAY) == (iso.year, iso.week)
    first, last = iso_week_bounds(iso.year, iso.week)
    assert first == number - (iso.weekday - 1)
    assert last == first + 6
    if date.min.year < iso.year < date.max.year:
        assert iso_weeks_in_year(iso.year) == date(iso.year, 12, 28).isocalendar().week


@given(WIDE_DAYS, WEEKDAYS)
def test_week_of_definition(number: int, first_weekday: int) -> None:
    year, week = week_of(number, first_weekday)
    first, last = week_bounds(year, week, first_weekday)
    assert first <= number <= last
    assert first == week_start(number, first_weekday)
    assert weekday(first) == first_weekday
    # The week belongs to the year holding at least 4 of its days.
    assert sum(from_rd(d)[0] == year for d in range(first, last + 1)) >= 4


@given(WIDE_YEARS, WEEKDAYS)
def test_weeks_tile_the_week_year(year: int, first_weekday: int) -> None:
    count = weeks_in_year(year, first_weekday)
    assert count in (52, 53)
    bounds = [week_bounds(year, week, first_weekday) for week in range(1, count + 1)]
    week1_first, _ = bounds[0]
    # Week 1 has at least 4 days in `year`; the week before it has at most 3.
    assert to_rd(year, 1, 1) - 3 <= week1_first <= to_rd(year, 1, 4)
    assert week_bounds(year + 1, 1, first_weekday)[0] == bounds[-1][1] + 1
    for (_, last), (first, _) in pairwise(bounds):
        assert first == last + 1
    if first_weekday == MONDAY:
        assert iso_weeks_in_year(year) == count


@given(WIDE_DAYS, WEEKDAYS)
def test_week_start(number: int, first_weekday: int) -> None:
    start = week_start(number, first_weekday)
    assert number - 6 <= start <= number
    assert weekday(start) == first_weekday


@pytest.mark.parametrize(
    ("year", "month", "first_weekday", "first", "last"),
    [
        (2017, 2, MONDAY, "2017-02-06", "2017-02-12"),
        (2017, 2, SUNDAY, "2017-02-05", "2017-02-11"),
        (2017, 5, MONDAY, "2017-05-01", "2017-05-07"),
        (2017, 4, SATURDAY, "2017-04-01", "2017-04-07"),
        (2017, 4, SUNDAY, "2017-04-02", "2017-04-08"),
    ],
)
def test_first_full_week(year: int, month: int, first_weekday: int, first: str, last: str) -> None:
    assert first_full_week(year, month, first_weekday) == span(first, last)


@given(WIDE_YEARS, st.integers(min_value=1, max_value=12), WEEKDAYS)
def test_first_full_week_property(year: int, month: int, first_weekday: int) -> None:
    month_first, month_last = month_bounds(year, month)
    first, last = first_full_week(year, month, first_weekday)
    assert month_first <= first < month_first + 7
    assert last == first + 6 <= month_last
    assert weekday(first) == first_weekday


def test_nth_weekday_examples() -> None:
    assert nth_weekday(2017, 11, THURSDAY, 4) == rd("2017-11-23")  # US Thanksgiving
    assert nth_weekday(2017, 5, MONDAY, -1) == rd("2017-05-29")  # US Memorial Day
    assert nth_weekday(2017, 5, MONDAY, 1) == rd("2017-05-01")
    assert nth_weekday(2017, 5, MONDAY, 5) == rd("2017-05-29")
    assert nth_weekday(2017, 5, MONDAY, -5) == rd("2017-05-01")
    assert nth_weekday(2017, 5, SUNDAY, -2) == rd("2017-05-21")


@given(
    WIDE_YEARS,
    st.integers(min_value=1, max_value=12),
    WEEKDAYS,
    st.integers(min_value=-5, max_value=5).filter(bool),
)
def test_nth_weekday_property(year: int, month: int, day_of_week: int, n: int) -> None:
    first, last = month_bounds(year, month)
    matches = [d for d in range(first, last + 1) if weekday(d) == day_of_week]
    if abs(n) <= len(matches):
        assert nth_weekday(year, month, day_of_week, n) == matches[n - 1 if n > 0 else n]
    else:
        with pytest.raises(CalendarError, match=f"has only {len(matches)} "):
            nth_weekday(year, month, day_of_week, n)


# --- fiscal years -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "fiscal_year", "first", "last", "label"),
    [
        (FiscalCalendar.US_FEDERAL, 2018, "2017-10-01", "2018-09-30", "FY2018"),
        (FiscalCalendar.NEW_YORK_CITY, 2018, "2017-07-01", "2018-06-30", "FY2018"),
        (FiscalCalendar.NEW_YORK_STATE, 2018, "2017-04-01", "2018-03-31", "FY2018"),
        (FiscalCalendar.UK_GOVERNMENT, 2018, "2018-04-01", "2019-03-31", "2018-19"),
        (FiscalCalendar.UK_TAX, 2018, "2018-04-06", "2019-04-05", "2018-19"),
        (FiscalCalendar.AUSTRALIA, 2018, "2017-07-01", "2018-06-30", "FY2018"),
        (FiscalCalendar.JAPAN, 2018, "2018-04-01", "2019-03-31", "FY2018"),
        (FiscalCalendar.UK_TAX, 1999, "1999-04-06", "2000-04-05", "1999-00"),
        (FiscalCalendar.UK_GOVERNMENT, 2009, "2009-04-01", "2010-03-31", "2009-10"),
    ],
)
def test_fiscal_presets(
    preset: FiscalCalendar, fiscal_year: int, first: str, last: str, label: str
) -> None:
    assert preset.bounds(fiscal_year) == span(first, last)
    assert preset.label(fiscal_year) == label
    assert preset.year_of(rd(first)) == fiscal_year
    assert preset.year_of(rd(last)) == fiscal_year
    assert preset.year_of(rd(first) - 1) == fiscal_year - 1
    assert preset.year_of(rd(last) + 1) == fiscal_year + 1


def test_fiscal_preset_registry() -> None:
    assert list(FiscalCalendar.PRESETS) == [
        "us-federal",
        "new-york-city",
        "new-york-state",
        "uk-government",
        "uk-tax",
        "australia",
        "japan",
    ]
    for name, preset in FiscalCalendar.PRESETS.items():
        assert preset.name == name
        assert FiscalCalendar.named(name) is preset
    assert FiscalCalendar.named("uk-tax") == FiscalCalendar(4, 6, "start", "span", "uk-tax")
    assert FiscalCalendar() == FiscalCalendar(10, 1, "end", "fy", "")


def test_fiscal_calendar_is_immutable_and_hashable() -> None:
    calendar = FiscalCalendar.US_FEDERAL
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        calendar.start_month = 1  # type: ignore[misc]
    assert {calendar, FiscalCalendar(10, 1, "end", "fy", "us-federal")} == {calendar}
    assert hash(calendar) != hash(FiscalCalendar.NEW_YORK_CITY)


def test_fiscal_quarter_examples() -> None:
    us = FiscalCalendar.US_FEDERAL
    assert us.quarter_bounds(2018, 1) == span("2017-10-01", "2017-12-31")
    assert us.quarter_bounds(2018, 4) == span("2018-07-01", "2018-09-30")
    assert us.quarter_of(rd("2018-01-01")) == (2018, 2)
    uk_tax = FiscalCalendar.UK_TAX
    assert uk_tax.quarter_bounds(2018, 1) == span("2018-04-06", "2018-07-05")
    assert uk_tax.quarter_bounds(2018, 4) == span("2019-01-06", "2019-04-05")
    assert uk_tax.quarter_of(rd("2018-07-05")) == (2018, 1)
    assert uk_tax.quarter_of(rd("2018-07-06")) == (2018, 2)
    assert uk_tax.quarter_of(rd("2019-04-05")) == (2018, 4)
    assert uk_tax.quarter_of(rd("2019-04-06")) == (2019, 1)


def test_calendar_year_fiscal_calendar() -> None:
    by_end = FiscalCalendar(1, 1, "end", "span")
    by_start = FiscalCalendar(1, 1, "start", "fy")
    assert by_end.bounds(2018) == by_start.bounds(2018) == year_bounds(2018)
    assert by_end.year_of(rd("2018-12-31")) == by_start.year_of(rd("2018-12-31")) == 2018
    assert by_end.quarter_bounds(2018, 3) == quarter_bounds(2018, 3)
    assert by_end.label(2018) == "2018"
    assert by_start.label(2018) == "FY2018"


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.name)
@given(fiscal_year=WIDE_YEARS)
def test_fiscal_years_and_quarters_tile(preset: FiscalCalendar, fiscal_year: int) -> None:
    first, last = preset.bounds(fiscal_year)
    assert preset.bounds(fiscal_year + 1)[0] == last + 1
    assert last - first + 1 in (365, 366)
    assert from_rd(first)[1:] == (preset.start_month, preset.start_day)
    quarters = [preset.quarter_bounds(fiscal_year, q) for q in range(1, 5)]
    assert quarters[0][0] == first
    assert quarters[-1][1] == last
    for (_, end), (start, _) in pairwise(quarters):
        assert start == end + 1


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.name)
@given(number=WIDE_DAYS)
def test_fiscal_year_of_and_quarter_of(preset: FiscalCalendar, number: int) -> None:
    fiscal_year = preset.year_of(number)
    first, last = preset.bounds(fiscal_year)
    assert first <= number <= last
    year, quarter = preset.quarter_of(number)
    assert year == fiscal_year
    start, end = preset.quarter_bounds(year, quarter)
    assert start <= number <= end


@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
    st.sampled_from(["start", "end"]),
    WIDE_DAYS,
)
def test_any_fiscal_calendar_contains_its_days(
    start_month: int, start_day: int, named_by: str, number: int
) -> None:
    fiscal = FiscalCalendar(start_month, start_day, named_by)  # type: ignore[arg-type]
    fiscal_year, quarter = fiscal.quarter_of(number)
    assert fiscal.year_of(number) == fiscal_year
    first, last = fiscal.bounds(fiscal_year)
    assert first <= number <= last
    start, end = fiscal.quarter_bounds(fiscal_year, quarter)
    assert start <= number <= end
    # The name is the calendar year of the start or of the end, as configured.
    assert fiscal_year == from_rd(first if named_by == "start" else last)[0]


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: month_bounds(2017, 13), "month must be 1–12, not 13"),
        (lambda: first_full_week(2017, 0), "month must be 1–12, not 0"),
        (lambda: quarter_bounds(2017, 5), "quarter must be 1–4, not 5"),
        (lambda: quarter_bounds(2017, 0), "quarter must be 1–4, not 0"),
        (lambda: quadrimester_bounds(2017, 4), "quadrimester must be 1–3, not 4"),
        (lambda: half_bounds(2017, 3), "half must be 1–2, not 3"),
        (lambda: season_bounds(2017, 20), "season code must be 21–41, not 20"),
        (lambda: season_bounds(2017, 42), "season code must be 21–41, not 42"),
        (lambda: iso_week_bounds(2021, 53), "2021 has no ISO week 53 (it has 52)"),
        (lambda: iso_week_bounds(-3, 53), "-3 has no ISO week 53 (it has 52)"),
        (lambda: iso_week_bounds(2020, 54), "week must be 1–53, not 54"),
        (lambda: iso_week_bounds(2020, 0), "week must be 1–53, not 0"),
        (
            lambda: week_bounds(2021, 53, SUNDAY),
            "2021 has no week 53 in weeks starting on Sunday (it has 52)",
        ),
        (
            lambda: week_bounds(2021, 1, 7),
            "first_weekday must be 0–6 (Monday–Sunday), not 7",
        ),
        (lambda: weeks_in_year(2021, -1), "first_weekday must be 0–6 (Monday–Sunday), not -1"),
        (lambda: week_of(1, 7), "first_weekday must be 0–6 (Monday–Sunday), not 7"),
        (lambda: week_start(1, 7), "first_weekday must be 0–6 (Monday–Sunday), not 7"),
        (lambda: nth_weekday(2021, 2, MONDAY, 5), "February 2021 has only 4 Mondays, not 5"),
        (lambda: nth_weekday(2021, 2, MONDAY, -5), "February 2021 has only 4 Mondays, not 5"),
        (lambda: nth_weekday(2021, 2, 7, 1), "weekday must be 0–6 (Monday–Sunday), not 7"),
        (
            lambda: nth_weekday(2021, 2, MONDAY, 0),
            "n must be non-zero (1 is the first, -1 the last)",
        ),
        (lambda: FiscalCalendar(start_month=13), "start_month must be 1–12, not 13"),
        (
            lambda: FiscalCalendar(start_day=29),
            "start_day must be 1–28 (a day every month has), not 29",
        ),
        (
            lambda: FiscalCalendar(named_by="middle"),  # type: ignore[arg-type]
            "named_by must be 'start' or 'end', not 'middle'",
        ),
        (
            lambda: FiscalCalendar(label_style="FY"),  # type: ignore[arg-type]
            "label_style must be 'fy' or 'span', not 'FY'",
        ),
        (
            lambda: FiscalCalendar(name="US Federal"),
            "name must be empty or lowercase words joined by hyphens, like 'us-federal', "
            "not 'US Federal'",
        ),
        (
            lambda: FiscalCalendar(name="us--federal"),
            "name must be empty or lowercase words joined by hyphens, like 'us-federal', "
            "not 'us--federal'",
        ),
        (lambda: FiscalCalendar.JAPAN.quarter_bounds(2018, 5), "quarter must be 1–4, not 5"),
        (
            lambda: FiscalCalendar.named("us"),
            "no fiscal calendar is called 'us'; known: us-federal, new-york-city, "
            "new-york-state, uk-government, uk-tax, australia, japan",
        ),
    ],
)
def test_calendar_errors(call: Callable[[], object], message: str) -> None:
    with pytest.raises(CalendarError) as info:
        call()
    assert str(info.value) == message


@pytest.mark.parametrize("name", ["", "x", "us-federal", "fy-2018"])
def test_valid_fiscal_names(name: str) -> None:
    assert FiscalCalendar(name=name).name == name


# --------------------------------------------------------------------------------------
# Fiscal years through the public API: the first and last day of each preset's fiscal
# year, and which fiscal year the days on both sides of a boundary belong to. Written
# out by hand, not computed.

# preset: (first day of FY2018, last day of FY2018, its EDTF); UK years are written 2018-19
# in prose and FY2018[uk-tax] in EDTF, both named by the year they start in.
FY2018: dict[str, tuple[date, date, str]] = {
    "us-federal": (date(2017, 10, 1), date(2018, 9, 30), "FY2018"),
    "new-york-city": (date(2017, 7, 1), date(2018, 6, 30), "FY2018[new-york-city]"),
    "new-york-state": (date(2017, 4, 1), date(2018, 3, 31), "FY2018[new-york-state]"),
    "uk-government": (date(2018, 4, 1), date(2019, 3, 31), "FY2018[uk-government]"),
    "uk-tax": (date(2018, 4, 6), date(2019, 4, 5), "FY2018[uk-tax]"),
    "australia": (date(2017, 7, 1), date(2018, 6, 30), "FY2018[australia]"),
    "japan": (date(2018, 4, 1), date(2019, 3, 31), "FY2018[japan]"),
}


def test_every_preset_is_in_the_table() -> None:
    assert set(FY2018) == set(timeline.FiscalCalendar.PRESETS)


def shifted(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


@pytest.mark.parametrize("name", sorted(FY2018))
# Year 2: the day before US federal FY2 is in year 0, which only a day number can hold.
@pytest.mark.parametrize("year", [2, 1999, 2000, 2018, 2024, 9998])
def test_fiscal_year_boundaries(name: str, year: int) -> None:
    calendar = timeline.FiscalCalendar.named(name)
    first_2018, last_2018, _ = FY2018[name]
    # No preset starts on 29 February, so shifting by whole years is exact.
    first, last = shifted(first_2018, year - 2018), shifted(last_2018, year - 2018)
    fy = timeline.fiscal_year(year, calendar=calendar)
    assert (fy.first, fy.last) == (first.toordinal(), last.toordinal())
    before, after = first.toordinal() - 1, last.toordinal() + 1
    assert timeline.fiscal_year_of(first, calendar=calendar) == fy
    assert timeline.fiscal_year_of(last, calendar=calendar) == fy
    assert timeline.fiscal_year_of(first.toordinal(), calendar=calendar) == fy
    assert timeline.fiscal_year_of(before, calendar=calendar) == timeline.fiscal_year(
        year - 1, calendar=calendar
    )
    assert timeline.fiscal_year_of(after, calendar=calendar) == timeline.fiscal_year(
        year + 1, calendar=calendar
    )
    # Quarters tile the year, starting on its first day.
    quarters = [timeline.fiscal_quarter(year, q, calendar=calendar) for q in (1, 2, 3, 4)]
    assert quarters[0].first == fy.first
    assert quarters[-1].last == fy.last
    for a, b in pairwise(quarters):
        assert b.first == a.last + 1
    assert timeline.parse(fy.edtf) == fy


@pytest.mark.parametrize("name", sorted(FY2018))
def test_fiscal_year_labels_parse_back(name: str) -> None:
    calendar = timeline.FiscalCalendar.named(name)
    first, last, edtf = FY2018[name]
    fy = timeline.parse(edtf)
    assert fy == timeline.fiscal_year(2018, calendar=calendar)
    assert fy.edtf == edtf
    assert (fy.first, fy.last) == (first.toordinal(), last.toordinal())
    # The prose label reads back with the calendar passed in.
    assert timeline.parse(calendar.label(2018), fiscal=calendar) == fy
