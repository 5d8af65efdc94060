"""Tests for the US holidays of timeline.calendar: the federal rules, their history, the
spellings news text uses, and the federal observed day; checked against the ``holidays``
package and ``dateutil.easter``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from datetime import date

import pytest
from dateutil.easter import easter as dateutil_easter
from hypothesis import example, given
from hypothesis import strategies as st

import timeline
from timeline.calendar import (
    FRIDAY,
    HOLIDAY_NAMES,
    HOLIDAYS,
    MONDAY,
    SATURDAY,
    SUNDAY,
    THURSDAY,
    TUESDAY,
    HolidayRule,
    from_rd,
    holiday,
    holiday_key,
    observed,
    weekday,
)
from timeline.errors import CalendarError

holidays_package = pytest.importorskip("holidays")
from holidays.constants import GOVERNMENT, PUBLIC, UNOFFICIAL  # noqa: E402


def rd(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def iso(day: int | None) -> str | None:
    return None if day is None else date.fromordinal(day).isoformat()


FEDERAL = (
    "new year's day",
    "martin luther king jr. day",
    "washington's birthday",
    "memorial day",
    "juneteenth",
    "independence day",
    "labor day",
    "columbus day",
    "veterans day",
    "thanksgiving",
    "christmas",
)

# --- known dates --------------------------------------------------------------------------

KNOWN = [
    # Thanksgiving: last Thursday to 1938, next-to-last 1939–1941, fourth from 1942.
    ("thanksgiving", 1863, "1863-11-26"),
    ("thanksgiving", 1862, None),
    ("thanksgiving", 1938, "1938-11-24"),
    ("thanksgiving", 1939, "1939-11-23"),  # the last Thursday was the 30th
    ("thanksgiving", 1940, "1940-11-21"),
    ("thanksgiving", 1941, "1941-11-20"),
    ("thanksgiving", 1942, "1942-11-26"),
    ("thanksgiving", 2016, "2016-11-24"),
    ("thanksgiving", 2017, "2017-11-23"),
    ("thanksgiving", 2018, "2018-11-22"),  # a five-Thursday November: fourth, not last
    ("black friday", 2017, "2017-11-24"),
    ("black friday", 1939, "1939-11-24"),
    ("cyber monday", 2017, "2017-11-27"),
    ("cyber monday", 2019, "2019-12-02"),
    # Uniform Monday Holiday Act, from 1971.
    ("memorial day", 1887, None),
    ("memorial day", 1888, "1888-05-30"),
    ("memorial day", 1970, "1970-05-30"),
    ("memorial day", 1971, "1971-05-31"),
    ("memorial day", 2017, "2017-05-29"),
    ("washington's birthday", 1878, None),
    ("washington's birthday", 1879, "1879-02-22"),
    ("washington's birthday", 1970, "1970-02-22"),
    ("washington's birthday", 1971, "1971-02-15"),
    ("washington's birthday", 2017, "2017-02-20"),
    ("columbus day", 1936, None),
    ("columbus day", 1937, "1937-10-12"),
    ("columbus day", 1970, "1970-10-12"),
    ("columbus day", 1971, "1971-10-11"),
    ("columbus day", 2017, "2017-10-09"),
    ("veterans day", 1937, None),
    ("veterans day", 1938, "1938-11-11"),
    ("veterans day", 1954, "1954-11-11"),
    ("veterans day", 1970, "1970-11-11"),
    ("veterans day", 1971, "1971-10-25"),
    ("veterans day", 1975, "1975-10-27"),
    ("veterans day", 1977, "1977-10-24"),
    ("veterans day", 1978, "1978-11-11"),
    ("veterans day", 2017, "2017-11-11"),
    ("martin luther king jr. day", 1985, None),
    ("martin luther king jr. day", 1986, "1986-01-20"),
    ("martin luther king jr. day", 2017, "2017-01-16"),
    ("juneteenth", 2020, None),
    ("juneteenth", 2021, "2021-06-19"),
    ("juneteenth", 2024, "2024-06-19"),
    ("labor day", 1893, None),
    ("labor day", 1894, "1894-09-03"),
    ("labor day", 2017, "2017-09-04"),
    # The fixed-date days are their date in every year, federal or not.
    ("independence day", 1776, "1776-07-04"),
    ("independence day", 1869, "1869-07-04"),
    ("independence day", 1870, "1870-07-04"),
    ("independence day", 2017, "2017-07-04"),
    ("christmas", 1776, "1776-12-25"),
    ("christmas", 1869, "1869-12-25"),
    ("christmas", 1870, "1870-12-25"),
    ("christmas", 2017, "2017-12-25"),
    ("new year's day", 1776, "1776-01-01"),
    ("new year's day", 1869, "1869-01-01"),
    ("new year's day", 1870, "1870-01-01"),
    ("new year's day", 2017, "2017-01-01"),
    # Election Day: the Tuesday after the first Monday, so never 1 November.
    ("election day", 1844, None),
    ("election day", 1845, "1845-11-04"),
    ("election day", 2016, "2016-11-08"),
    ("election day", 2017, "2017-11-07"),
    ("election day", 2020, "2020-11-03"),
    ("election day", 2022, "2022-11-08"),  # 1 November 2022 was a Tuesday
    # Inauguration Day: 4 March 1793–1933, 20 January from 1937, only in years % 4 == 1.
    ("inauguration day", 1789, None),
    ("inauguration day", 1793, "1793-03-04"),
    ("inauguration day", 1861, "1861-03-04"),
    ("inauguration day", 1933, "1933-03-04"),
    ("inauguration day", 1937, "1937-01-20"),
    ("inauguration day", 2013, "2013-01-20"),  # a Sunday: observed() gives the ceremony
    ("inauguration day", 2017, "2017-01-20"),
    ("inauguration day", 2016, None),
    ("inauguration day", 2018, None),
    # Easter by the Gregorian computus; Good Friday two days before.
    ("easter", 1961, "1961-04-02"),
    ("easter", 2017, "2017-04-16"),
    ("easter", 2019, "2019-04-21"),
    ("easter", 2285, "2285-03-22"),  # the earliest possible date
    ("easter", 2038, "2038-04-25"),  # the latest possible date
    ("easter", 1583, "1583-04-10"),
    ("easter", 1582, None),
    ("good friday", 2017, "2017-04-14"),
    ("good friday", 2019, "2019-04-19"),
    ("mother's day", 1913, None),
    ("mother's day", 1914, "1914-05-10"),
    ("mother's day", 2017, "2017-05-14"),
    ("father's day", 1971, None),
    ("father's day", 1972, "1972-06-18"),
    ("father's day", 2017, "2017-06-18"),
    # No law: any year from 1.
    ("halloween", 1, "0001-10-31"),
    ("halloween", 0, None),
    ("halloween", 2017, "2017-10-31"),
    ("valentine's day", 1800, "1800-02-14"),
    ("christmas eve", 2017, "2017-12-24"),
    ("new year's eve", 2017, "2017-12-31"),
]


@pytest.mark.parametrize(("name", "year", "expected"), KNOWN)
def test_known_dates(name: str, year: int, expected: str | None) -> None:
    assert iso(holiday(name, year)) == expected


def test_days_beyond_what_datetime_holds() -> None:
    assert from_rd(holiday("thanksgiving", 12017) or 0)[:2] == (12017, 11)
    assert from_rd(holiday("easter", 10000) or 0)[0] == 10000
    assert holiday("christmas eve", -5) is None


# --- names --------------------------------------------------------------------------------

SPELLINGS = [
    ("new year's day", "new year's day"),
    ("new years day", "new year's day"),
    ("new year's", "new year's day"),
    ("mlk day", "martin luther king jr. day"),
    ("martin luther king jr. day", "martin luther king jr. day"),
    ("martin luther king day", "martin luther king jr. day"),
    ("presidents day", "washington's birthday"),
    ("presidents' day", "washington's birthday"),
    ("washington's birthday", "washington's birthday"),
    ("memorial day", "memorial day"),
    ("juneteenth", "juneteenth"),
    ("independence day", "independence day"),
    ("fourth of july", "independence day"),
    ("july fourth", "independence day"),
    ("the fourth of july", "independence day"),
    ("labor day", "labor day"),
    ("columbus day", "columbus day"),
    ("indigenous peoples' day", "columbus day"),
    ("veterans day", "veterans day"),
    ("thanksgiving", "thanksgiving"),
    ("thanksgiving day", "thanksgiving"),
    ("christmas", "christmas"),
    ("christmas day", "christmas"),
    ("christmas eve", "christmas eve"),
    ("new year's eve", "new year's eve"),
    ("election day", "election day"),
    ("inauguration day", "inauguration day"),
    ("easter", "easter"),
    ("easter sunday", "easter"),
    ("good friday", "good friday"),
    ("halloween", "halloween"),
    ("valentine's day", "valentine's day"),
    ("mother's day", "mother's day"),
    ("father's day", "father's day"),
    ("black friday", "black friday"),
    ("cyber monday", "cyber monday"),
]


@pytest.mark.parametrize(("spelling", "key"), SPELLINGS)
def test_news_spellings(spelling: str, key: str) -> None:
    assert HOLIDAY_NAMES[spelling] == key
    assert holiday_key(spelling) == key
    assert holiday(spelling, 2017) == holiday(key, 2017)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Thanksgiving", "thanksgiving"),
        ("THANKSGIVING DAY", "thanksgiving"),
        ("New Year’s Day", "new year's day"),  # a typographic apostrophe
        ("New Years Day", "new year's day"),
        ("Presidents’ Day", "washington's birthday"),
        ("Martin Luther King, Jr. Day", "martin luther king jr. day"),
        ("Martin Luther King Jr Day", "martin luther king jr. day"),
        ("MLK Day", "martin luther king jr. day"),
        ("  the  Fourth of July ", "independence day"),
        ("Mothers Day", "mother's day"),
        ("Valentines Day", "valentine's day"),
        ("Veterans’ Day", "veterans day"),
        ("Armistice Day", "veterans day"),
        ("Decoration Day", "memorial day"),
        ("Juneteenth National Independence Day", "juneteenth"),
    ],
)
def test_names_ignore_case_apostrophes_stops_and_spacing(text: str, key: str) -> None:
    assert holiday_key(text) == key


def test_every_key_is_a_spelling_of_itself_and_every_spelling_has_a_rule() -> None:
    assert all(HOLIDAY_NAMES[key] == key for key in HOLIDAYS)
    assert set(HOLIDAY_NAMES.values()) == set(HOLIDAYS)
    assert all(rule.key == key for key, rule in HOLIDAYS.items())
    for spelling in HOLIDAY_NAMES:
        assert spelling == " ".join(spelling.lower().split())
        assert "’" not in spelling


def test_no_spelling_has_a_digit() -> None:
    # "July 4th" is a date in any year; read as a holiday it would not exist before 1870.
    assert [s for s in HOLIDAY_NAMES if any(c.isdigit() for c in s)] == []


def test_the_legal_public_holidays_are_the_eleven_of_5_usc_6103() -> None:
    weekend = [key for key, rule in HOLIDAYS.items() if rule.observance == "weekend"]
    assert weekend == list(FEDERAL)
    assert [k for k, r in HOLIDAYS.items() if r.observance == "sunday"] == ["inauguration day"]


def test_every_rule_says_what_it_follows() -> None:
    for rule in HOLIDAYS.values():
        assert rule.day.__doc__, rule.key
        assert rule.title[0].isupper()


def test_spellings_that_differ_only_in_punctuation_mean_one_holiday() -> None:
    # holiday_key ignores apostrophes and full stops, so two spellings that differ only
    # there must not name different holidays.
    seen: dict[str, str] = {}
    for spelling, key in HOLIDAY_NAMES.items():
        bare = spelling.replace("'", "").replace(".", "").replace(",", "")
        assert seen.setdefault(bare, key) == key, spelling


def test_registries_are_read_only() -> None:
    with pytest.raises(TypeError):
        HOLIDAYS["flag day"] = HOLIDAYS["halloween"]  # type: ignore[index]
    with pytest.raises(TypeError):
        HOLIDAY_NAMES["xmas day"] = "christmas"  # type: ignore[index]
    assert isinstance(HOLIDAYS["thanksgiving"], HolidayRule)


def test_unknown_name_is_a_calendar_error_naming_the_closest() -> None:
    with pytest.raises(CalendarError) as info:
        holiday("thanksgivng", 2017)
    assert str(info.value) == "no holiday is called 'thanksgivng'; did you mean 'thanksgiving'?"
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, timeline.TimelineError)
    with pytest.raises(CalendarError) as info:
        holiday("Christmass", 2017)
    assert str(info.value) == (
        "no holiday is called 'Christmass'; did you mean 'christmas' or 'christmas eve'?"
    )
    with pytest.raises(CalendarError, match=r"did you mean 'labor day'\?$"):
        holiday("labour day", 2017)
    with pytest.raises(CalendarError) as info:
        holiday("zzz", 2017)
    assert str(info.value).startswith("no holiday is called 'zzz'; known: new year's day, ")
    assert str(info.value).endswith(", christmas eve, new year's eve")
    with pytest.raises(CalendarError, match="no holiday is called ''"):
        observed("", 2017)
    assert holiday_key("flag day") is None


def test_a_name_that_is_not_a_str_is_a_calendar_error() -> None:
    with pytest.raises(CalendarError, match="a holiday name must be a str, not int"):
        holiday(4, 2017)  # type: ignore[arg-type]
    assert holiday_key(4) is None  # type: ignore[arg-type]


# --- laws ---------------------------------------------------------------------------------

YEARS = st.integers(min_value=1971, max_value=12000)


@given(st.integers(min_value=1986, max_value=12000))
@example(1986)
@example(2021)
def test_weekday_rules(year: int) -> None:
    def on(name: str) -> tuple[int, int, int]:
        day = holiday(name, year)
        assert day is not None
        month, dom = from_rd(day)[1:]
        return month, dom, weekday(day)

    assert on("martin luther king jr. day")[::2] == (1, MONDAY)
    assert 15 <= on("martin luther king jr. day")[1] <= 21
    assert on("washington's birthday")[::2] == (2, MONDAY)
    assert on("memorial day")[::2] == (5, MONDAY)
    assert on("memorial day")[1] >= 25
    assert on("labor day")[::2] == (9, MONDAY)
    assert on("labor day")[1] <= 7
    assert on("columbus day")[::2] == (10, MONDAY)
    assert on("thanksgiving")[::2] == (11, THURSDAY)
    assert 22 <= on("thanksgiving")[1] <= 28
    assert on("black friday")[2] == FRIDAY
    assert on("cyber monday")[2] == MONDAY
    assert on("election day")[::2] == (11, TUESDAY)
    assert 2 <= on("election day")[1] <= 8
    assert on("mother's day")[::2] == (5, SUNDAY)
    assert on("father's day")[::2] == (6, SUNDAY)
    assert on("easter")[2] == SUNDAY
    assert (3, 22) <= on("easter")[:2] <= (4, 25)
    assert holiday("good friday", year) == (holiday("easter", year) or 0) - 2
    assert holiday("black friday", year) == (holiday("thanksgiving", year) or 0) + 1
    assert holiday("cyber monday", year) == (holiday("thanksgiving", year) or 0) + 4


@given(st.integers(min_value=1583, max_value=9999))
def test_easter_matches_dateutil(year: int) -> None:
    assert holiday("easter", year) == dateutil_easter(year).toordinal()


def test_easter_matches_dateutil_in_every_year_it_supports() -> None:
    wrong = [
        y for y in range(1583, 10000) if holiday("easter", y) != dateutil_easter(y).toordinal()
    ]
    assert wrong == []


# --- observed days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("juneteenth", 2021, "2021-06-18"),  # Saturday -> Friday
        ("independence day", 2021, "2021-07-05"),  # Sunday -> Monday
        ("independence day", 2017, "2017-07-04"),
        ("new year's day", 2017, "2017-01-02"),  # Sunday -> Monday
        ("new year's day", 2022, "2021-12-31"),  # Saturday -> Friday of the year before
        ("christmas", 2021, "2021-12-24"),
        ("christmas", 2022, "2022-12-26"),
        ("veterans day", 2017, "2017-11-10"),
        ("veterans day", 1975, "1975-10-27"),  # a Monday by rule
        ("thanksgiving", 2017, "2017-11-23"),
        ("inauguration day", 2013, "2013-01-21"),  # Sunday -> Monday (5 U.S.C. 6103(c))
        ("inauguration day", 1985, "1985-01-21"),
        ("inauguration day", 2001, "2001-01-20"),  # Saturday stays: no Friday rule here
        ("inauguration day", 2014, None),
        ("juneteenth", 2020, None),
        ("christmas", 1970, None),  # before Executive Order 11582
        ("fourth of july", 1971, "1971-07-05"),
    ],
)
def test_observed(name: str, year: int, expected: str | None) -> None:
    assert iso(observed(name, year)) == expected


@pytest.mark.parametrize("name", ["easter", "halloween", "christmas eve", "election day"])
def test_observed_needs_a_legal_public_holiday(name: str) -> None:
    with pytest.raises(CalendarError, match="not a legal public holiday"):
        observed(name, 2017)


@given(st.sampled_from((*FEDERAL, "inauguration day")), YEARS)
def test_observed_is_a_weekday_next_to_the_holiday(name: str, year: int) -> None:
    day, off = holiday(name, year), observed(name, year)
    assert (day is None) == (off is None)
    if day is not None and off is not None:
        if weekday(day) == SUNDAY:
            assert off == day + 1
        elif weekday(day) == SATURDAY and name != "inauguration day":
            assert off == day - 1
        else:
            assert off == day


# --- against the holidays package ---------------------------------------------------------

# The package's English names -> our keys.
PACKAGE_NAMES = {
    "New Year's Day": "new year's day",
    "Birthday of Martin Luther King, Jr.": "martin luther king jr. day",
    "Martin Luther King Jr. Day": "martin luther king jr. day",
    "Washington's Birthday": "washington's birthday",
    "Memorial Day": "memorial day",
    "Juneteenth National Independence Day": "juneteenth",
    "Independence Day": "independence day",
    "Labor Day": "labor day",
    "Columbus Day": "columbus day",
    "Armistice Day": "veterans day",
    "Veterans Day": "veterans day",
    "Thanksgiving Day": "thanksgiving",
    "Christmas Day": "christmas",
    "Christmas Eve": "christmas eve",
    "New Year's Eve": "new year's eve",
    "Election Day": "election day",
    "Inauguration Day": "inauguration day",
    "Easter Sunday": "easter",
    "Good Friday": "good friday",
    "Halloween": "halloween",
    "Valentine's Day": "valentine's day",
    "Mother's Day": "mother's day",
    "Father's Day": "father's day",
}


def package_days(year: int, *, observed_days: bool = False) -> dict[str, set[int]]:
    """Our key -> the days the ``holidays`` package lists for it in ``year``.

    Federal holidays come from its GOVERNMENT category, the pre-1971 Memorial Day and
    Columbus Day from PUBLIC (its GOVERNMENT category starts both in 1971), the customary
    days from UNOFFICIAL, and Inauguration Day from the District of Columbia's holidays.
    With ``observed_days`` the days are the ones it marks "(observed)".
    """
    found: dict[str, set[int]] = {}
    tables = (
        holidays_package.US(
            years=year, categories=(GOVERNMENT, PUBLIC, UNOFFICIAL), observed=observed_days
        ),
        holidays_package.US(years=year, subdiv="DC", categories=PUBLIC, observed=observed_days),
    )
    for table in tables:
        for day in table:
            for label in table.get_list(day):
                observed_label = label.endswith(" (observed)")
                if observed_label != observed_days:
                    continue
                key = PACKAGE_NAMES.get(label.removesuffix(" (observed)"))
                if key is not None and (key != "inauguration day" or table.subdiv == "DC"):
                    found.setdefault(key, set()).add(day.toordinal())
    return found


def first_tuesday_after_a_monday(year: int) -> int:
    """The first Tuesday of November that is not 1 November, found by walking the days."""
    day = rd(f"{year}-11-02")
    while weekday(day) != TUESDAY:
        day += 1
    return day


# Where the package and the rules here part, and why; every entry is checked to still
# differ, so that a change on either side shows. (key, year) -> (package's day, ours).
DISAGREEMENTS: Mapping[tuple[str, int], tuple[str | None, str | None]] = {
    # The Act of June 28, 1870 (16 Stat. 168) made New Year's Day a holiday; the package
    # starts with the first 1 January after it, 1871; the rule here counts 1870, the
    # year of the Act, like Independence Day and Christmas.
    # Christmas, Independence Day and New Year's Day are their dates in every year here (a reader of
    # "Christmas 1776" means 25 December 1776), while the package starts them with the
    # federal holiday.
    **{("new year's day", y): (None, f"{y}-01-01") for y in range(1777, 1871)},
    **{("christmas", y): (None, f"{y}-12-25") for y in range(1777, 1870)},
    **{("independence day", y): (None, f"{y}-07-04") for y in range(1777, 1870)},
    # Before 1942 the day was set each year by proclamation. Johnson proclaimed
    # 7 December 1865 and Grant 18 November 1869; the rule here computes the last
    # Thursday that Lincoln's proclamation of 1863 set and the others followed.
    ("thanksgiving", 1865): ("1865-12-07", "1865-11-30"),
    ("thanksgiving", 1869): ("1869-11-18", "1869-11-25"),
    # 10 April 1862 was Lincoln's day of thanksgiving for victories in the war, not the
    # autumn Thanksgiving, whose annual proclamation began in 1863.
    ("thanksgiving", 1862): ("1862-04-10", None),
    # The package dates Valentine's Day in the US from 1847 and Christmas Eve and New
    # Year's Eve from 1870 (the year Christmas and New Year's Day became federal
    # holidays); no law defines these days, so the rules here give them in every year.
    **{("valentine's day", y): (None, f"{y}-02-14") for y in range(1777, 1847)},
    **{("christmas eve", y): (None, f"{y}-12-24") for y in range(1777, 1870)},
    **{("new year's eve", y): (None, f"{y}-12-31") for y in range(1777, 1870)},
    # The package has an Inauguration Day on 4 March 1789, the day the Confederation
    # Congress (resolution of September 13, 1788) set for the new government to begin;
    # Washington took the oath on 30 April 1789, and 4 March became Inauguration Day by
    # the Act of March 1, 1792 (1 Stat. 239), from 1793.
    ("inauguration day", 1789): ("1789-03-04", None),
    # The package lists Election Day only in presidential election years; federal law
    # (2 U.S.C. 7, 3 U.S.C. 1) fixes the same Tuesday for the elections of Congress in
    # every even year, and states hold their elections on it in odd years too.
    **{
        ("election day", y): (None, iso(first_tuesday_after_a_monday(y)))
        for y in range(1845, 2101)
        if y % 4 != 0
    },
    # Easter and Good Friday from the first Gregorian Easter (1583) on; the package
    # lists them from the year its US calendar starts, 1777, so no year here differs.
}
# The package's Black Friday and Cyber Monday are not modelled; they follow Thanksgiving.


def compare(year: int) -> list[tuple[str, int, str | None, str | None]]:
    """Every holiday whose day here differs from the package's in ``year``, unpinned."""
    theirs = package_days(year)
    wrong = []
    for key in HOLIDAYS:
        if key in ("black friday", "cyber monday"):
            continue
        package = theirs.get(key, set())
        assert len(package) <= 1, (key, year, package)
        their_day = iso(next(iter(package))) if package else None
        ours = iso(holiday(key, year))
        if (their_day, ours) != DISAGREEMENTS.get((key, year), (ours, ours)):
            wrong.append((key, year, their_day, ours))
    return wrong


def test_every_year_the_holidays_package_covers_agrees() -> None:
    # The package's US calendar covers 1777–2100; every year of it is checked.
    assert (holidays_package.US.start_year, holidays_package.US.end_year) == (1777, 2100)
    wrong = [row for year in range(1777, 2101) for row in compare(year)]
    assert wrong == []


def test_every_pinned_disagreement_still_differs() -> None:
    for (key, year), (theirs, ours) in DISAGREEMENTS.items():
        assert theirs != ours
        assert iso(holiday(key, year)) == ours


def observed_package_days(year: int) -> dict[str, set[int]]:
    """The package's observed days for the holidays of ``year``: an observed New Year's
    Day on 31 December belongs to the next year's holiday."""
    found: dict[str, set[int]] = {}
    for y in (year - 1, year):
        for key, days in package_days(y, observed_days=True).items():
            for day in days:
                holiday_year = from_rd(day + 1 if key == "new year's day" else day)[0]
                if holiday_year == year:
                    found.setdefault(key, set()).add(day)
    return found


def test_observed_days_1971_to_2100_agree_with_the_holidays_package() -> None:
    wrong = []
    for year in range(1971, 2101):
        theirs = observed_package_days(year)
        for key in (*FEDERAL, "inauguration day"):
            day, off = holiday(key, year), observed(key, year)
            # The package lists an observed day only when it differs from the holiday.
            expected = next(iter(theirs[key])) if key in theirs else day
            if off != expected:
                wrong.append((key, year, iso(expected), iso(off)))
    assert wrong == []


# --- import cost --------------------------------------------------------------------------


def test_importing_the_calendar_loads_no_new_module() -> None:
    script = (
        "import sys; before = set(sys.modules); import timeline.calendar; "
        "print(sorted(m for m in set(sys.modules) - before "
        "if m.split('.')[0] in {'difflib', 'holidays', 'dateutil'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
