"""What parse promises and did not keep: every preset's text reads back, and refusals say why."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline import Extent, ParseError, parse
from timeline import calendar as cal

_PRESETS = sorted(cal.FiscalCalendar.PRESETS.values(), key=lambda c: c.name)


@given(st.sampled_from(_PRESETS), st.integers(1900, 2100), st.integers(1, 4))
def test_every_fiscal_quarter_reads_back_from_its_text(
    calendar: cal.FiscalCalendar, year: int, quarter: int
) -> None:
    value = Extent.fiscal_quarter(year, quarter, calendar)
    assert parse(str(value)) == value
    assert parse(value.edtf) == value
    whole = Extent.fiscal_year(year, calendar)
    assert parse(str(whole)) == whole


def test_a_uk_quarter_reads_back() -> None:
    value = Extent.fiscal_quarter(2018, 3, cal.FiscalCalendar.UK_GOVERNMENT)
    assert str(value) == "2018-19 Q3 (uk-government)"
    assert parse("2018-19 Q3 (uk-government)") == value


@pytest.mark.parametrize("text", ["Y171010000S3", "Y-171010000S3", "2017S3", "Y17E7S3", "Y17E7"])
def test_significant_digits_are_refused_by_name(text: str) -> None:
    with pytest.raises(ParseError, match="significant digits are not supported"):
        parse(text)


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("Mon", cal.MONDAY),
        ("Tue", cal.TUESDAY),
        ("Tues.", cal.TUESDAY),
        ("Wed", cal.WEDNESDAY),
        ("Thu", cal.THURSDAY),
        ("Thur", cal.THURSDAY),
        ("Thurs", cal.THURSDAY),
        ("Fri", cal.FRIDAY),
        ("Sat.", cal.SATURDAY),
        ("Sun", cal.SUNDAY),
    ],
)
def test_weekday_abbreviations_match(text: str, weekday: int) -> None:
    value = parse(text, anchor="2017-02-15")
    assert isinstance(value, Extent)
    assert cal.weekday(value.first) == weekday
    assert 0 <= 736_375 - value.first < 7  # the latest such day by Feb 15, 2017 (rd 736375)
