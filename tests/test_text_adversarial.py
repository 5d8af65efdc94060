"""find_dates on hostile text: a megabyte of what a scanner could choke on, and odd characters.

The time bounds are loose safety nets against a scan that is not linear
(a backtracking pattern, a quadratic loop), not measurements; the
measurements are in benchmarks/.
"""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import find_dates, split_sentences

MB = 1_000_000

HOSTILE = {
    "month names": "January February March Sept. Nov. ",
    "digits": "2014 2015 1999 0 12 ",
    "the the the": "the the the ",
    "commas": ", , , ,,,, ",
    "between and": "between between and and ",
    "long numbers": "1234567890" * 50 + " ",
    "markup": "<a<p <div class='2017'",
    "dates": "Sep 24-27, 2017 since 2014 in fiscal year 2018 last week Friday. ",
}
# Cheaper shapes, checked on 100 kB for their offsets only.
ODD = {
    "dots": "...... ",
    "no spaces": "2014-2015/2016,",
    "apostrophes": "year's ’s '' 2014's ",
    "quotes and brackets": "(“2014”) [2015] {‘since 2016’} ",
}


def _seconds(text: str) -> float:
    gc.collect()
    started = time.perf_counter()
    find_dates(text, anchor="2017-09-28")
    return time.perf_counter() - started


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_megabyte_of_hostile_text_is_scanned_in_linear_time(name: str) -> None:
    unit = HOSTILE[name]
    one = (unit * (MB // len(unit) + 1))[:MB]
    first, second = _seconds(one), _seconds(one + one)
    assert first < 10, f"{name}: 1 MB took {first:.1f} s"
    # Other work on the machine can slow one run: the best of three tries decides.
    for _ in range(2):
        if second < 2.5 * first:
            break
        first, second = min(first, _seconds(one)), min(second, _seconds(one + one))
    assert second < 2.5 * first, f"{name}: 2 MB took {second:.2f} s, 1 MB {first:.2f} s"


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_shapes_keep_the_offsets(name: str) -> None:
    unit = ODD[name]
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    end = 0
    for m in find_dates(text, anchor="2017-09-28"):
        assert end <= m.start
        assert text[m.start : m.end] == m.text
        end = m.end


def test_ten_megabytes_are_within_the_limit() -> None:
    text = ("In 2014, officials said Thursday. " * 300_000)[: timeline.text.MAX_CHARS]
    mentions = find_dates(text, anchor="2017-09-28")
    assert len(mentions) > 100_000
    with pytest.raises(timeline.LimitError):
        find_dates(text + "x")


@pytest.mark.parametrize(
    ("text", "year_found"),
    [
        ("\x00in 2014\x00", True),
        ("in\x1b[2J 2014", True),  # a year that ends its sentence
        ("in 2014 \ud800 since 2015 \udfff", True),
        ("In 2014 🎉🎉 since 2015", True),
        ("in ٢٠١٤ and in 2014", True),
        ("\u202ein 2014\u202c", True),
        ("in\u00a02014", True),
        ("in 2014\r\nsince 2015", True),
        ("Ⅻ 2014 and more", False),  # "Ⅻ 2014" is no date context
        ("in 2014" + "\u0301" * 50, True),
    ],
)
def test_odd_characters_never_break_the_offsets(text: str, year_found: bool) -> None:
    mentions = find_dates(text, anchor="2017-09-28")
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert any(m.text.endswith("2014") for m in mentions) is year_found


@given(st.text(alphabet=st.characters(codec=None), max_size=500))
def test_any_characters_at_all(text: str) -> None:
    end = 0
    for m in find_dates(text, anchor="2017-09-28"):
        assert end <= m.start
        assert text[m.start : m.end] == m.text
        end = m.end
    for a, b in split_sentences(text):
        assert 0 <= a < b <= len(text)


def test_many_phrases_in_one_sentence_are_all_found() -> None:
    text = ", ".join(f"in {year}" for year in range(1900, 2100))
    assert [m.text for m in find_dates(text)] == [str(year) for year in range(1900, 2100)]
