"""The forms news text writes, read against an anchor (timeline._news), one table of examples.

Every example is read against ANCHOR, Wednesday, Feb 15, 2017, with the default
tense ("past"); the rules are in the module docstring of timeline._news.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline import Extent, OneOf, ParseError, parse
from timeline import calendar as cal
from timeline.parts import Century, Part, century, part
from timeline.strategies import extents, time_values

ANCHOR = "2017-02-15"

EXAMPLES = [
    ("January", "2017-01-01", "2017-01-31"),
    ("last April", "2016-04-01", "2016-04-30"),
    ("Nov. 29", "2016-11-29", "2016-11-29"),
    ("Sept. 30", "2016-09-30", "2016-09-30"),
    ("Aug. 7", "2016-08-07", "2016-08-07"),
    ("Friday, Feb. 10", "2017-02-10", "2017-02-10"),
    ("March 5", "2016-03-05", "2016-03-05"),
    ("Nov. 29, 1998", "1998-11-29", "1998-11-29"),
    ("the third quarter", "2016-07-01", "2016-09-30"),
    ("third-quarter", "2016-07-01", "2016-09-30"),
    ("the fourth quarter", "2016-10-01", "2016-12-31"),
    ("the latest quarter", "2016-10-01", "2016-12-31"),
    ("the quarter", "2016-10-01", "2016-12-31"),
    ("the first half", "2017-01-01", "2017-06-30"),
    ("the year-earlier quarter", "2015-10-01", "2015-12-31"),
    ("the year-ago period", "2016-01-01", "2016-12-31"),
    ("fiscal 1989", "1988-10-01", "1989-09-30"),
    ("FY17", "2016-10-01", "2017-09-30"),
    ("fiscal 17", "2016-10-01", "2017-09-30"),
    ("the 1989 period", "1989-01-01", "1989-12-31"),
    ("a year earlier", "2016-01-01", "2016-12-31"),
    ("a year ago", "2016-01-01", "2016-12-31"),
    ("year-earlier", "2016-01-01", "2016-12-31"),
    ("the day before yesterday", "2017-02-13", "2017-02-13"),
    ("a decade ago", "2007-01-01", "2007-12-31"),
    ("in two weeks", "2017-02-27", "2017-03-05"),
    ("two years from now", "2019-01-01", "2019-12-31"),
    ("next Friday", "2017-02-17", "2017-02-24"),
    ("next week", "2017-02-20", "2017-02-26"),
    ("next month", "2017-03-01", "2017-03-31"),
    ("next year", "2018-01-01", "2018-12-31"),
    ("tomorrow", "2017-02-16", "2017-02-16"),
    ("tonight", "2017-02-15", "2017-02-15"),
    ("this morning", "2017-02-15", "2017-02-15"),
    ("yesterday", "2017-02-14", "2017-02-14"),
    ("early 2017", "2017-01-01", "2017-04-30"),
    ("mid-2017", "2017-05-01", "2017-08-31"),
    ("late November", "2016-11-21", "2016-11-30"),
    ("late 1990s", "1996-01-01", "1999-12-31"),
    ("earlier this year", "2017-01-01", "2017-02-15"),
    ("earlier this month", "2017-02-01", "2017-02-15"),
    ("later this year", "2017-02-15", "2017-12-31"),
    ("early next year", "2018-01-01", "2018-04-30"),
    ("the end of 1998", "1998-09-01", "1998-12-31"),
    ("the beginning of next year", "2018-01-01", "2018-04-30"),
    ("the first half of 2017", "2017-01-01", "2017-06-30"),
    ("last fall", "2016-09-01", "2016-11-30"),
    ("this summer", "2017-06-01", "2017-08-31"),
    ("next spring", "2017-03-01", "2017-05-31"),
    ("Thanksgiving", "2016-11-24", "2016-11-24"),
    ("Christmas", "2016-12-25", "2016-12-25"),
    ("New Year's Day", "2017-01-01", "2017-01-01"),
    ("Labor Day", "2016-09-05", "2016-09-05"),
    ("Memorial Day", "2016-05-30", "2016-05-30"),
    ("Independence Day", "2016-07-04", "2016-07-04"),
    ("Election Day", "2016-11-08", "2016-11-08"),
    ("the 1990s", "1990-01-01", "1999-12-31"),
    ("the '80s", "1980-01-01", "1989-12-31"),
    ("the late 1980s", "1986-01-01", "1989-12-31"),
    ("the 19th century", "1801-01-01", "1900-12-31"),
    ("Tue", "2017-02-14", "2017-02-14"),
    ("Mon", "2017-02-13", "2017-02-13"),
    ("last Tuesday", "2017-02-14", "2017-02-14"),
    ("Tuesday", "2017-02-14", "2017-02-14"),
    ("since 2014", "2014-01-01", None),
    ("the four days ending Wednesday", "2017-02-12", "2017-02-15"),
    ("between January 24 and April 30, 2016", "2016-01-24", "2016-04-30"),
    ("fiscal year 2018", "2017-10-01", "2018-09-30"),
    ("Sep 24-27, 2017", "2017-09-24", "2017-09-27"),
    ("in 2014", "2014-01-01", "2014-12-31"),
    ("the last three or four years", "2013-02-15", "2017-02-15"),
    ("the past week", "2017-02-08", "2017-02-15"),
    ("this weekend", "2017-02-18", "2017-02-19"),
    ("the third quarter of fiscal 2017", "2017-04-01", "2017-06-30"),
    ("the end of the year", "2017-09-01", "2017-12-31"),
    ("early(2009-01-20/2017-01-20)", "2009-01-20", "2011-09-21"),
    ("century(19)", "1801-01-01", "1900-12-31"),
    ("this century", "2001-01-01", "2100-12-31"),
    ("mid-'90s", "1993-01-01", "1996-12-31"),
    ("late last year", "2016-09-01", "2016-12-31"),
    ("the 2000s", "2000-01-01", "2009-12-31"),
    ("Thursday morning", "2017-02-09", "2017-02-09"),
    ("in the first half of 2017", "2017-01-01", "2017-06-30"),
    # Every abbreviation, with or without its period.
    ("Sep 30", "2016-09-30", "2016-09-30"),
    ("Jan. 5", "2017-01-05", "2017-01-05"),
    ("Feb 15", "2017-02-15", "2017-02-15"),
    ("15 February", "2017-02-15", "2017-02-15"),
    ("the 3rd of March", "2016-03-03", "2016-03-03"),
    ("Wed", "2017-02-15", "2017-02-15"),
    ("Thurs.", "2017-02-09", "2017-02-09"),
    ("on Tues", "2017-02-14", "2017-02-14"),
    # In a year named relative to the anchor.
    ("November last year", "2016-11-01", "2016-11-30"),
    ("Nov. 29 of last year", "2016-11-29", "2016-11-29"),
    ("last Oct. 1", "2016-10-01", "2016-10-01"),
    ("next March 5", "2017-03-05", "2017-03-05"),
    ("March of next year", "2018-03-01", "2018-03-31"),
    ("Christmas 2016", "2016-12-25", "2016-12-25"),
    ("last Christmas", "2016-12-25", "2016-12-25"),
    ("next Thanksgiving", "2017-11-23", "2017-11-23"),
    ("the second quarter of 2016", "2016-04-01", "2016-06-30"),
    ("the 2016 third quarter", "2016-07-01", "2016-09-30"),
    ("the second half of last year", "2016-07-01", "2016-12-31"),
    ("this quarter", "2017-01-01", "2017-03-31"),
    ("fiscal '17", "2016-10-01", "2017-09-30"),
    ("FY17-Q2", "2017-01-01", "2017-03-31"),
    ("two days later", "2017-02-17", "2017-02-17"),
    ("the previous year", "2016-01-01", "2016-12-31"),
    ("that month", "2017-02-01", "2017-02-28"),
    ("last weekend", "2017-02-11", "2017-02-12"),
    ("mid-November", "2016-11-11", "2016-11-20"),
    ("the early 20th century", "1901-01-01", "1934-12-31"),
    ("the nineteenth century", "1801-01-01", "1900-12-31"),
    ("last century", "1901-01-01", "2000-12-31"),
    ("the '90s", "1990-01-01", "1999-12-31"),
    ("the middle of 2016", "2016-05-01", "2016-08-31"),
    ("the start of the month", "2017-02-01", "2017-02-10"),
    ("later this week", "2017-02-15", "2017-02-19"),
    ("tomorrow morning", "2017-02-16", "2017-02-16"),
    ("last night", "2017-02-14", "2017-02-15"),
    ("yesterday afternoon", "2017-02-14", "2017-02-14"),
    ("the past three years", "2014-02-15", "2017-02-15"),
    ("three weeks from now", "2017-03-06", "2017-03-12"),
    ("in a month", "2017-03-01", "2017-03-31"),
    ("the fiscal year", "2016-10-01", "2017-09-30"),
    ("the 2008–09 season", "2008-01-01", "2009-12-31"),
    ("the federal fiscal year", "2016-10-01", "2017-09-30"),
    ("the previous fiscal year", "2015-10-01", "2016-09-30"),
    # Numbers in words.
    ("two thousand eight", "2008-01-01", "2008-12-31"),
    ("nineteen-sixty-nine", "1969-01-01", "1969-12-31"),
    ("February twentieth, nineteen sixty-two", "1962-02-20", "1962-02-20"),
    ("January twenty-sixth", "2017-01-26", "2017-01-26"),
    ("fifty years ago", "1967-01-01", "1967-12-31"),
    ("the end of two thousand and two", "2002-09-01", "2002-12-31"),
    ("twenty seventeen", "2017-01-01", "2017-12-31"),
    ("nineteen oh five", "1905-01-01", "1905-12-31"),
]


@pytest.mark.parametrize(("text", "earliest", "latest"), EXAMPLES)
def test_news_forms(text: str, earliest: str | None, latest: str | None) -> None:
    value = parse(text, anchor=ANCHOR)
    assert (value.earliest and str(value.earliest), value.latest and str(value.latest)) == (
        earliest,
        latest,
    )
    # The value writes itself as text that reads back as the same value.
    assert parse(value.edtf) == value


@pytest.mark.parametrize(("text", "_e", "_l"), EXAMPLES)
def test_news_forms_read_back_from_their_human_text(text: str, _e: object, _l: object) -> None:
    value = parse(text, anchor=ANCHOR)
    if not isinstance(value, Extent):
        return  # one-of sets and vague periods promise their EDTF text only
    assert parse(str(value), anchor=ANCHOR) == value


@pytest.mark.parametrize(
    ("text", "tense", "earliest", "latest"),
    [
        # "will meet Tuesday" (future) against "said Tuesday" (past), on a Wednesday.
        ("Tuesday", "past", "2017-02-14", "2017-02-14"),
        ("Tuesday", "future", "2017-02-21", "2017-02-21"),
        ("Tuesday", "nearest", "2017-02-14", "2017-02-14"),
        ("Saturday", "nearest", "2017-02-18", "2017-02-18"),
        ("Wednesday", "future", "2017-02-15", "2017-02-15"),
        # A February article's "January" is this January; a future "January" the next one.
        ("January", "past", "2017-01-01", "2017-01-31"),
        ("January", "future", "2018-01-01", "2018-01-31"),
        ("February", "future", "2017-02-01", "2017-02-28"),
        ("December", "nearest", "2016-12-01", "2016-12-31"),
        ("the third quarter", "future", "2017-07-01", "2017-09-30"),
        ("Nov. 29", "future", "2017-11-29", "2017-11-29"),
        ("Thanksgiving", "future", "2017-11-23", "2017-11-23"),
        ("fall", "future", "2017-09-01", "2017-11-30"),
    ],
)
def test_tense_decides_what_the_phrase_does_not(
    text: str, tense: str, earliest: str, latest: str
) -> None:
    value = parse(text, anchor=ANCHOR, tense=tense)
    assert (str(value.earliest), str(value.latest)) == (earliest, latest)


def test_either_keeps_both_readings() -> None:
    value = parse("Tuesday", anchor=ANCHOR, tense="either")
    assert isinstance(value, OneOf)
    assert value == OneOf((Extent.day(2017, 2, 14), Extent.day(2017, 2, 21)))
    # When the readings agree there is nothing to hide.
    assert parse("Wednesday", anchor=ANCHOR, tense="either") == Extent.day(2017, 2, 15)


def test_next_weekday_is_both_when_the_coming_one_is_this_week() -> None:
    # On a Wednesday, "next Friday" is the day after tomorrow or the Friday after.
    assert parse("next Friday", anchor=ANCHOR) == OneOf(
        (Extent.day(2017, 2, 17), Extent.day(2017, 2, 24))
    )
    # On a Saturday, the coming Friday is in next week already.
    assert parse("next Friday", anchor="2017-02-18") == Extent.day(2017, 2, 24)


def test_a_weekday_must_agree_with_its_day() -> None:
    assert parse("Friday, Nov. 13", anchor="2015-11-20") == Extent.day(2015, 11, 13)
    with pytest.raises(ParseError, match="is not a Friday"):
        parse("Friday, Nov. 14, 2015")


def test_earlier_shifts_the_reference_keeping_its_kind() -> None:
    q3 = parse("Q3 2017")
    assert parse("a year earlier", anchor=q3) == parse("Q3 2016")
    assert parse("the year-earlier quarter", anchor=q3) == parse("Q3 2016")
    assert parse("the year-ago period", anchor=parse("FY2018")) == parse("FY2017")
    assert parse("the 1989 period", anchor=parse("H1 1990")) == parse("H1 1989")
    assert parse("a year earlier", anchor="2017-11") == parse("2016-11")
    assert parse("the fiscal year", anchor=parse("FY2020")) == parse("FY2020")
    assert parse("the previous fiscal year", anchor=parse("FY2020")) == parse("FY2019")


@pytest.mark.parametrize(
    "text",
    ["January", "Tuesday", "the third quarter", "FY17", "the '80s", "a year earlier", "Christmas"],
)
def test_relative_forms_need_an_anchor(text: str) -> None:
    with pytest.raises(ParseError):
        parse(text)


def test_two_years_with_a_dash() -> None:
    assert parse("2008–09") == parse("2008/2009")
    assert parse("2008-09") == Extent.month(2008, 9)  # the hyphen stays EDTF's September
    uk = cal.FiscalCalendar.UK_GOVERNMENT
    assert parse("2008–09", fiscal=uk) == Extent.fiscal_year(2008, uk)


def test_tense_is_checked() -> None:
    with pytest.raises(ParseError, match="tense must be one of"):
        parse("Tuesday", anchor=ANCHOR, tense="soon")


def test_parts_and_centuries_are_extents_with_their_words() -> None:
    early = parse("early 2017")
    assert isinstance(early, Part)
    assert isinstance(early, Extent)
    assert (early.which, early.whole) == ("early", parse("2017"))
    assert str(early) == "early 2017"
    assert early.precision == parse("2017").precision  # never more precise than the words
    nineteenth = parse("the 19th century")
    assert isinstance(nineteenth, Century)
    assert nineteenth.number == 19
    assert str(nineteenth) == "19th century"
    presidency = parse("2009-01-20/2017-01-20")
    latter = part("late", presidency)
    assert parse(latter.edtf) == latter
    assert latter.latest_day == presidency.latest_day
    with pytest.raises(ParseError):
        parse("early(2017-01/..)")


_DAYS = st.dates(date(1900, 1, 1), date(2100, 12, 31))


@given(_DAYS, st.sampled_from(["January", "Nov. 29", "Tuesday", "the third quarter", "fall"]))
def test_past_starts_by_the_anchor_and_future_ends_after_it(day: date, text: str) -> None:
    rd = day.toordinal()
    past = parse(text, anchor=day, tense="past")
    future = parse(text, anchor=day, tense="future")
    assert past.earliest_day is not None
    assert past.earliest_day <= rd
    assert future.latest_day is not None
    assert future.latest_day >= rd
    # Nothing nearer: the past reading is the latest that starts by the anchor.
    assert rd - past.earliest_day < 400
    assert future.latest_day - rd < 400
    either = parse(text, anchor=day, tense="either")
    members = either.items if isinstance(either, OneOf) else (either,)
    assert past in members
    assert future in members
    nearest = parse(text, anchor=day, tense="nearest")
    assert nearest in (past, future)


@given(_DAYS, st.sampled_from(["year", "month", "week"]))
def test_earlier_this_unit_lies_before_the_anchor_in_its_unit(day: date, unit: str) -> None:
    rd = day.toordinal()
    value = parse(f"earlier this {unit}", anchor=day)
    first = {"year": date(day.year, 1, 1), "month": day.replace(day=1)}.get(
        unit, day - timedelta(days=day.weekday())
    )
    assert value.earliest_day == first.toordinal()
    assert value.latest_day == rd
    assert value.earliest_day is not None
    assert cal.from_rd(value.earliest_day)[0] == day.year or unit == "week"


@given(st.sampled_from(["2017", "1990s", "2017-11", "2016-02", "FY2018", "2017-35", "2017-W06"]))
def test_the_three_parts_cover_their_whole_in_order(whole_text: str) -> None:
    whole = parse(whole_text)
    early, mid, late = (part(which, whole) for which in ("early", "mid", "late"))
    assert early.earliest_day == whole.earliest_day
    assert late.latest_day == whole.latest_day
    # In order, each reaching at least to the next (neighbours may share a unit), and
    # each within the whole.
    assert early.earliest_day < mid.earliest_day < late.earliest_day
    assert mid.earliest_day <= early.latest_day + 1
    assert late.earliest_day <= mid.latest_day + 1
    for value in (early, mid, late):
        assert whole.earliest_day <= value.earliest_day <= value.latest_day <= whole.latest_day
        assert parse(value.edtf) == value
        assert parse(str(value)) == value


@given(st.integers(1, 100))
def test_centuries_are_ordinal(n: int) -> None:
    value = century(n)
    assert cal.from_rd(value.earliest_day)[:2] == ((n - 1) * 100 + 1, 1)
    assert cal.from_rd(value.latest_day)[0] == n * 100
    assert parse(value.edtf) == value
    assert parse(str(value)) == value


_PHRASES = [text for text, _, _ in EXAMPLES]
_ANCHORS = st.one_of(
    time_values(),
    st.builds(part, st.sampled_from(["early", "mid", "late"]), extents()),
    st.integers(1, 100).map(century),
)


@given(
    _ANCHORS, st.sampled_from(_PHRASES), st.sampled_from(["past", "future", "nearest", "either"])
)
def test_any_anchor_gives_a_value_or_a_parse_error(anchor: object, text: str, tense: str) -> None:
    # Whatever the anchor (vague, open, a set, an instant), a phrase reads or is refused
    # with a ParseError: never another exception.
    try:
        value = parse(text, anchor=anchor, tense=tense)  # type: ignore[arg-type]
    except ParseError:
        return
    assert parse(value.edtf) == value


def test_a_part_moves_as_its_whole() -> None:
    assert parse("a year earlier", anchor=parse("mid-2019")) == parse("mid-2018")
    assert parse("the year-ago period", anchor=parse("late FY2018")) == parse("late FY2017")


@pytest.mark.parametrize("text", ["mid-July", "early 2017", "the 19th century", "late 1990s"])
def test_one_day_somewhere_in_a_part(text: str) -> None:
    whole = parse(text, anchor=ANCHOR)
    moment = parse(f"sometime in {text}", anchor=ANCHOR)
    assert (moment.earliest_day, moment.latest_day) == (whole.earliest_day, whole.latest_day)
    assert parse(moment.edtf) == moment
    since = parse(f"since {text}", anchor="2019-08-20")
    assert since.earliest_day == parse(text, anchor="2019-08-20").earliest_day
    assert parse(since.edtf) == since
