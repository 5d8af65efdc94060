"""Vagueness drawn alike in every chart: one reading of each date (look), one legend."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings

from timeline import Event, Timeline, parse
from timeline import calendar as cal
from timeline.render._days import Mark, certain_run, look, possible_runs
from timeline.strategies import time_values
from timeline.when import TimeValue

C, V, S, U = Mark.CERTAIN, Mark.VAGUE_END, Mark.SOMEWHERE, Mark.UNKNOWN_END


def rd(text: str) -> int:
    y, m, d = (int(x) for x in text.split("-"))
    return cal.to_rd(y, m, d)


# (date, vagueness, start side, end side, marks of the segments in order)
LOOKS = [
    ("2009/2017", "definite", "known", "known", [C]),
    ("on(2009/2017)", "somewhere", "vague", "vague", [S]),
    ("2017-01-XX", "somewhere", "vague", "vague", [S]),
    ("[2017-03,2017-05]", "somewhere", "vague", "vague", [S, S]),
    ("2017-02-XX/2017-04-XX", "vague", "vague", "vague", [V, C, V]),
    ("2017-01-20/on(2017-09-01/2017-09-30)", "vague", "known", "vague", [C, V]),
    ("2014/..", "definite", "known", "open", [C]),
    ("../2014", "definite", "open", "known", [C]),
    ("2014/", "vague", "known", "unknown", [C, U]),
    ("/2014", "vague", "unknown", "known", [U, C]),
    ("2016-09~/2017-09~", "definite", "known", "known", [C]),
    ("2017-06-01T10:00Z", "definite", "known", "known", [C]),
]


@pytest.mark.parametrize(("text", "vagueness", "start", "end", "marks"), LOOKS)
def test_each_shape_of_date_has_its_look(
    text: str, vagueness: str, start: str, end: str, marks: list[Mark]
) -> None:
    found = look(parse(text))
    assert (found.vagueness, found.start, found.end) == (vagueness, start, end)
    assert [s.mark for s in found.segments] == marks


def test_segments_of_a_vague_period_split_at_its_certain_days() -> None:
    found = look(parse("2017-02-XX/2017-04-XX"))
    assert [(s.first, s.last) for s in found.segments] == [
        (rd("2017-02-01"), rd("2017-02-27")),
        (rd("2017-02-28"), rd("2017-04-01")),
        (rd("2017-04-02"), rd("2017-04-30")),
    ]


def test_an_unknown_end_runs_on_without_limit_after_the_certain_days() -> None:
    found = look(parse("2014/"))
    assert [(s.first, s.last) for s in found.segments] == [
        (rd("2014-01-01"), rd("2014-01-01")),
        (rd("2014-01-02"), None),
    ]


def test_qualifiers_belong_to_their_side() -> None:
    q = look(parse("2014~/2016"))
    assert (q.qualifier("start").symbol, q.qualifier("end").symbol) == ("~", "")
    q = look(parse("2017?"))
    assert (q.qualifier("start").symbol, q.qualifier("end").symbol) == ("?", "?")


def _days_of(runs: list[tuple[int | None, int | None]], lo: int, hi: int) -> set[int]:
    out: set[int] = set()
    for a, b in runs:
        first = lo if a is None else max(a, lo)
        last = hi if b is None else min(b, hi)
        out.update(range(first, last + 1))
    return out


@settings(deadline=None)
@given(time_values(min_year=2000, max_year=2010))
def test_segments_cover_exactly_the_possible_days_in_order(value: TimeValue) -> None:
    found = look(value)
    segs = found.segments
    lo, hi = cal.to_rd(1990, 1, 1), cal.to_rd(2020, 12, 31)
    # In order and disjoint.
    for a, b in itertools.pairwise(segs):
        assert a.last is not None
        assert b.first is not None
        assert a.last < b.first
    assert _days_of([(s.first, s.last) for s in segs], lo, hi) == _days_of(
        possible_runs(value), lo, hi
    )
    sure = certain_run(value)
    certain = [(s.first, s.last) for s in segs if s.mark is Mark.CERTAIN]
    assert certain == ([] if sure is None else [sure])
    assert found.somewhere == (sure is None)
    if sure is None:
        assert all(s.mark is Mark.SOMEWHERE for s in segs)


def shapes() -> Timeline:
    """One event per way of being vague, each titled with what it is."""
    texts = [
        ("span", "2009/2017"),
        ("one day", "on(2009/2017)"),
        ("vague ends", "2010-XX/2016-XX"),
        ("approximate", "2010~/2016~"),
        ("still going", "2012/.."),
        ("ended, unknown when", "2012/"),
        ("uncertain", "2015?"),
    ]
    return Timeline(
        [Event(id=f"e{i}", title=title, when=parse(s)) for i, (title, s) in enumerate(texts)]
    )
