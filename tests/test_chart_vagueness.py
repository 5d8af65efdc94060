"""Vagueness drawn alike in every chart: one reading of each date (look), one legend."""

from __future__ import annotations

import itertools
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings

from timeline import Event, Timeline, parse, sample
from timeline import calendar as cal
from timeline.render import chart, svg
from timeline.render._days import Mark, certain_run, look, possible_runs
from timeline.strategies import time_values, timelines
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


# --------------------------------------------------------------------------------------
# The terminal chart.

CHART_60 = """\
span                ████████████████████████████████████████
one day             ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░
approximate            ~████████████████████████████████~
vague ends              ▒▒▒▒████████████████████████▒▒▒▒
ended, unknown when              █┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄?
still going                      ██████████████████████████▶
uncertain                                    ?██████?
                    ────┬────────┬────────┬────────┬────────
                        2010     2012     2014     2016
█ certain  ▒ vague end  ░ one day somewhere in  ◀ ▶ open end
┄? unknown end  ~ approximate  ? uncertain
"""

CHART_40_ASCII = """\
span          ##########################
one day       ..........................
approximate    ~######################~
vague ends      ===################===
ended, unkno~         #::::::::::::::::?
still going           #################>
uncertain                     ?####?
              --+-----+-----+-----+-----
                2010  2012  2014  2016
# certain  = vague end
. one day somewhere in  < > open end
:? unknown end  ~ approximate
? uncertain
"""


def columns_of(text: str) -> int:
    """Display columns of one line, measured independently of the renderers."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _lines(out: str, width: int) -> list[str]:
    assert out.endswith("\n")
    lines = out[:-1].split("\n")
    assert all(columns_of(line) == width for line in lines)
    return [line.rstrip() for line in lines]


def test_chart_draws_each_way_of_being_vague_with_its_own_character() -> None:
    assert _lines(chart(shapes(), width=60, vagueness=True), 60) == CHART_60.splitlines()


def test_chart_of_vagueness_in_ascii() -> None:
    out = chart(shapes(), width=40, vagueness=True, ascii=True)
    assert out.isascii()
    assert _lines(out, 40) == CHART_40_ASCII.splitlines()


def test_an_unknown_end_is_no_open_end() -> None:
    # "still going on Sep 25, 2019" says nothing of later days: a "?", not an arrow.
    t = Timeline([Event(id="a", title="limits", when=parse("2014-XX-XX/[2019-09-25..]"))])
    row = chart(t, width=40, vagueness=True).splitlines()[0]
    assert row.rstrip().endswith("?")
    assert "▶" not in row


def test_the_legend_names_only_what_the_chart_draws() -> None:
    t = Timeline([Event(id="a", title="a", when=parse("2017-03-01/2017-05-01"))])
    out = chart(t, width=80, vagueness=True)
    assert out.splitlines()[-1].rstrip() == "█ certain"


@pytest.mark.parametrize("width", [20, 33, 80, 121])
@pytest.mark.parametrize("lanes", ["event", "kind"])
def test_vagueness_chart_lines_are_exactly_width(width: int, lanes: str) -> None:
    for t in (shapes(), sample()):
        for ascii in (False, True):
            _lines(chart(t, width=width, lanes=lanes, ascii=ascii, vagueness=True), width)


@settings(max_examples=40, deadline=None)
@given(timelines(max_size=5))
def test_vagueness_chart_of_any_timeline_fits(t: Timeline) -> None:
    for width in (20, 57):
        _lines(chart(t, width=width, vagueness=True), width)


def test_approximate_and_uncertain_is_written_beside_the_bar_in_two_cells() -> None:
    t = Timeline([Event(id="a", title="a", when=parse("2010/2015%"))])
    row = chart(t, width=40, vagueness=True).splitlines()[0].rstrip()
    assert row.endswith("█~?")


# --------------------------------------------------------------------------------------
# The SVG.

NS = "{http://www.w3.org/2000/svg}"


def _lanes(out: str) -> dict[str | None, ET.Element]:
    root = ET.fromstring(out)
    return {g.get("data-lane"): g for g in root.iter(f"{NS}g") if g.get("class") == "lane"}


def _classes(lane: ET.Element) -> set[str | None]:
    return {el.get("class") for el in lane.iter() if el.get("class")}


# (event of shapes(), classes its lane must hold, classes it must not)
SVG_MARKS = [
    ("e0", {"certain"}, {"vague-end", "somewhere", "unknown-end", "open", "qualified"}),
    ("e1", {"possible", "somewhere"}, {"certain", "vague-end"}),
    ("e2", {"certain", "vague-end"}, {"somewhere", "unknown-end", "open"}),
    ("e3", {"certain", "qualifier", "qualified"}, {"vague-end"}),
    ("e4", {"certain", "open"}, {"unknown-end"}),
    ("e5", {"certain", "unknown-end"}, {"open"}),
    ("e6", {"certain", "qualifier", "qualified"}, {"vague-end"}),
]


@pytest.mark.parametrize(("lane", "present", "absent"), SVG_MARKS)
def test_svg_draws_each_way_of_being_vague_its_own_way(
    lane: str, present: set[str], absent: set[str]
) -> None:
    found = _classes(_lanes(svg(shapes()))[lane])
    assert present <= found
    assert not absent & found


def test_svg_writes_the_qualifier_and_the_unknown_end_as_text() -> None:
    lanes = _lanes(svg(shapes()))
    texts = {lane: [t.text for t in g.iter(f"{NS}text")] for lane, g in lanes.items()}
    assert texts["e3"].count("~") == 2  # c. 2010 to c. 2016: both sides approximate
    assert "?" in texts["e6"]
    assert "?" in texts["e5"]
    assert "2012 – ?" in texts["e5"]  # the date beside its bar


def test_svg_legend_shows_what_the_lanes_draw() -> None:
    root = ET.fromstring(svg(shapes()))
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
    words = [t.text for t in legend.iter(f"{NS}text") if t.text and len(t.text) > 2]
    assert words == [
        "certain",
        "vague end",
        "one day somewhere in",
        "open end",
        "unknown end",
        "approximate",
        "uncertain",
    ]
    one = Timeline([Event(id="a", title="a", when=parse("2017"))])
    legend = next(g for g in ET.fromstring(svg(one)).iter(f"{NS}g") if g.get("class") == "legend")
    assert [t.text for t in legend.iter(f"{NS}text")] == ["certain"]


def test_svg_legend_fits_a_narrow_picture() -> None:
    out = svg(shapes(), width=240)
    root = ET.fromstring(out)
    height = float(root.get("height", "0"))
    for el in root.iter(f"{NS}text"):
        assert float(el.get("y", "0")) <= height


def test_a_day_somewhere_in_a_window_without_end_gets_a_question_mark_everywhere() -> None:
    t = Timeline([Event(id="a", title="a", when=parse("on(2019-09-25/..)"))])
    assert look(t["a"].when).segments[0].last is None
    assert chart(t, width=40, vagueness=True).splitlines()[0].rstrip().endswith("?")
    lane = _lanes(svg(t))["a"]
    assert [x.text for x in lane.iter(f"{NS}text") if x.get("class") == "unknown-end"] == ["?"]
    from timeline.render import html_page

    assert 'class="seg somewhere open-window' in html_page(t)
