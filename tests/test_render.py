"""The renderers against golden text, every table format, and properties over any timeline."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
import tabulate
from hypothesis import given, settings

import timeline
from timeline import (
    Citation,
    DateBasis,
    Event,
    ExecutiveOrder,
    FiscalYearReport,
    Law,
    Metric,
    Operation,
    Source,
    Statement,
    Timeline,
    parse,
    safe,
)
from timeline.compare import report
from timeline.render import (
    COLUMNS,
    RenderError,
    chart,
    chronology,
    html_page,
    markdown,
    metrics_table,
    report_table,
    svg,
    table,
)
from timeline.strategies import timelines

EVENTS_YAML = Path(__file__).resolve().parents[1] / "events.yaml"


def sample() -> Timeline:
    """Six events: a day, a run of days, a moment, a fiscal year, an open period, a vague one."""
    post = Source("post", outlet="The Post", title="Raids widen", published=parse("2017-09-28"))
    wire = Source("wire", outlet="Wire")
    return Timeline(
        [
            ExecutiveOrder(
                id="order",
                title="Order on sanctuary grants signed",
                when=parse("2017-01-25"),
                sources=[Citation(post, "the order signed in January")],
            ),
            Operation(
                id="op",
                title="Operation Safe City",
                when=parse("2017-09-24/2017-09-27"),
                basis=DateBasis.derived("this week", parse("2017-09-28")),
                sources=[Citation(post, "arrests made over four days this week")],
            ),
            Statement(
                id="says", title="City Hall responds", when=parse("on(2017-09-28/2017-10-01)")
            ),
            FiscalYearReport(
                id="fy",
                title="Figures for the fiscal year",
                when=parse("FY2018"),
                basis=DateBasis.external("the agency's site"),
            ),
            Law(
                id="law",
                title="Detainer law",
                when=parse("2014/.."),
                sources=[Citation(wire, "since 2014")],
            ),
            Event(id="fall", title="Deportations fall", when=parse("2016-09~/2017-09~")),
        ],
        title="Sample",
    )


def shapes() -> Timeline:
    """One event per shape of date: vague period, unknown day, one of, instant, day, month."""
    texts = [
        "2017-02-XX/2017-04-XX",
        "2017-01-XX",
        "[2017-03,2017-05]",
        "2017-06-01T10:00Z",
        "2017-05-15",
        "2017-01",
    ]
    return Timeline(
        [Event(id=f"e{i}", title=f"shape {s}", when=parse(s)) for i, s in enumerate(texts)]
    )


def columns_of(text: str) -> int:
    """Display columns of one line, measured independently of the renderers."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def lines_of(text: str) -> list[str]:
    assert text.endswith("\n")
    return text[:-1].split("\n")


# --------------------------------------------------------------------------------------
# Golden text.

CHRONOLOGY_60 = """\
Sample
======

2014 – present — Detainer law (law)
c. September 2016 – c. September 2017 — Deportations fall
    (event)
Jan 25, 2017 — Order on sanctuary grants signed
    (executive-order)
Sep 24–27, 2017† — Operation Safe City (operation)
sometime between Sep 28, 2017 and Oct 1, 2017 — City Hall
    responds (statement)
FY2018‡ — Figures for the fiscal year (fiscal-year-report)

† date derived from a relative phrase in a source; ‡ date
known from outside the sources
"""
CHRONOLOGY_40_YEARS = """\
Sample
======

2014
----
2014 – present — Detainer law (law)
    also in 2015 … 2018
    source: Wire
        “since 2014”

2016
----
c. September 2016 – c. September 2017 —
    Deportations fall (event)
    also in 2017

2017
----
Jan 25, 2017 — Order on sanctuary grants
    signed (executive-order)
    source: The Post, “Raids widen”, Sep
        28, 2017
        “the order signed in January”
Sep 24–27, 2017† — Operation Safe City
    (operation)
    source: The Post, “Raids widen”, Sep
        28, 2017
        “arrests made over four days
        this week”
sometime between Sep 28, 2017 and Oct 1,
    2017 — City Hall responds
    (statement)
FY2018‡ — Figures for the fiscal year
    (fiscal-year-report)
    also in 2018

† date derived from a relative phrase in
a source; ‡ date known from outside the
sources
"""

CHRONOLOGY_50_FISCAL = """\
Sample
======

FY2014
------
2014 – present — Detainer law (law)
    also in FY2015 … FY2018
    “since 2014” (Wire)

FY2016
------
c. September 2016 – c. September 2017 —
    Deportations fall (event)
    also in FY2017

FY2017
------
Jan 25, 2017 — Order on sanctuary grants signed
    (executive-order)
    “the order signed in January” (The Post)
Sep 24–27, 2017† — Operation Safe City (operation)
    “arrests made over four days this week” (The
        Post)
sometime between Sep 28, 2017 and Oct 1, 2017 —
    City Hall responds (statement)
    also in FY2018

FY2018
------
FY2018‡ — Figures for the fiscal year
    (fiscal-year-report)

† date derived from a relative phrase in a source;
‡ date known from outside the sources
"""

MARKDOWN_YEARS = """\
# Sample

## 2014

- **2014 – present** — Detainer law *(law)*
  - also in 2015 … 2018

  > since 2014
  > — Wire

## 2016

- **c. September 2016 – c. September 2017** — Deportations fall *(event)*
  - also in 2017

## 2017

- **Jan 25, 2017** — Order on sanctuary grants signed *(executive-order)*

  > the order signed in January
  > — The Post
- **Sep 24–27, 2017**† — Operation Safe City *(operation)*

  > arrests made over four days this week
  > — The Post
- **sometime between Sep 28, 2017 and Oct 1, 2017** — City Hall responds *(statement)*
- **FY2018**‡ — Figures for the fiscal year *(fiscal-year-report)*
  - also in 2018

† date derived from a relative phrase in a source; ‡ date known from outside the sources

## Sources

- The Post, *Raids widen*, Sep 28, 2017 (`post`)
- Wire (`wire`)
"""

TABLE_SIMPLE_100 = """\
id     date                                   kind                title
-----  -------------------------------------  ------------------  --------------------------------
law    2014 – present                         law                 Detainer law
fall   c. September 2016 – c. September 2017  event               Deportations fall
order  Jan 25, 2017                           executive-order     Order on sanctuary grants signed
op     Sep 24–27, 2017†                       operation           Operation Safe City
says   sometime between Sep 28, 2017 and Oct  statement           City Hall responds
       1, 2017
fy     FY2018‡                                fiscal-year-report  Figures for the fiscal year
"""

TABLE_GITHUB = r"""
| id    | edtf                        | precision   | title                            |
|-------|-----------------------------|-------------|----------------------------------|
| law   | 2014/..                     | year        | Detainer law                     |
| fall  | 2016-09\~/2017-09\~         | month       | Deportations fall                |
| order | 2017-01-25                  | day         | Order on sanctuary grants signed |
| op    | 2017-09-24/2017-09-27       | day         | Operation Safe City              |
| says  | on\(2017-09-28/2017-10-01\) | day         | City Hall responds               |
| fy    | FY2018                      | year        | Figures for the fiscal year      |
"""

CHART_40 = """\
Sample
Detainer law  █████████████████████████▶
Deportations…              ███████
Order on san…                █
Operation Sa…                    █
City Hall re…                    ░
Figures for …                    ██████
              ┬────┬────┬────┬────┬─────
              2014 2015 2016 2017 2018
█ certain  ░ possible  ◀ ▶ open end
"""

CHART_40_KINDS_ASCII = """\
Sample
event                      #######
executive-or~                #
fiscal-year-~                    ######
law           #########################>
operation                        #
statement                        .
              +----+----+----+----+-----
              2014 2015 2016 2017 2018
# certain  . possible  < > open end
"""

CHART_SHAPES_80 = """\
shape 2017-01              ██████████
shape 2017-01-XX           ░░░░░░░░░░
shape 2017-02-XX/2017-04-…          ░░░░░░░███████████░░░░░░░░░
shape [2017-03,2017-05]                     ░░░░░░░░░░        ░░░░░░░░░░
shape 2017-05-15                                                  █
shape 2017-06-01T10:00Z                                                █
                           ┬────────┬───────┬────────┬────────┬────────┬────────
                           Jan 2017 Feb     Mar      Apr      May      Jun
█ certain  ░ possible  ◀ ▶ open end
"""


def test_chronology_at_60() -> None:
    assert chronology(sample(), width=60) == CHRONOLOGY_60


def test_chronology_with_year_headings_sources_and_quotes_at_40() -> None:
    out = chronology(sample(), width=40, headings="year", sources=True, quotes=True)
    assert out == CHRONOLOGY_40_YEARS


def test_chronology_with_fiscal_year_headings_and_quotes_at_50() -> None:
    # Oct 1, 2017 is in FY2018: the statement may fall in either fiscal year.
    out = chronology(sample(), width=50, headings="fiscal-year", quotes=True)
    assert out == CHRONOLOGY_50_FISCAL


def test_markdown_with_year_headings() -> None:
    assert markdown(sample(), headings="year") == MARKDOWN_YEARS


def test_table_simple_wrapped_to_100() -> None:
    out = table(sample(), columns=("id", "date", "kind", "title"), width=100)
    assert [line.rstrip() for line in lines_of(out)] == lines_of(TABLE_SIMPLE_100)


def test_table_github_escapes_markdown() -> None:
    out = table(sample(), columns=("id", "edtf", "precision", "title"), fmt="github")
    assert out == TABLE_GITHUB.removeprefix("\n")


def _chart_lines(out: str, width: int) -> list[str]:
    lines = lines_of(out)
    assert all(columns_of(line) == width for line in lines), [columns_of(x) for x in lines]
    return [line.rstrip() for line in lines]


def test_chart_at_40() -> None:
    assert _chart_lines(chart(sample(), width=40, vagueness=False), 40) == lines_of(CHART_40)


def test_chart_by_kind_in_ascii() -> None:
    out = chart(sample(), width=40, ascii=True, lanes="kind", vagueness=False)
    assert _chart_lines(out, 40) == lines_of(CHART_40_KINDS_ASCII)
    assert out.isascii()


def test_chart_of_each_shape_of_date() -> None:
    # A vague period is light at its ends and solid between; an unknown day and a choice of
    # months are light throughout; a day, an instant and a month are solid.
    assert _chart_lines(chart(shapes(), width=80, vagueness=False), 80) == lines_of(CHART_SHAPES_80)


@pytest.mark.parametrize("width", [20, 40, 80, 120])
@pytest.mark.parametrize("lanes", ["event", "kind"])
def test_chart_lines_are_exactly_width(width: int, lanes: str) -> None:
    for t in (sample(), shapes(), timeline.load(EVENTS_YAML)):
        _chart_lines(chart(t, width=width, lanes=lanes), width)


def test_chart_fits_wide_and_combining_labels() -> None:
    t = Timeline(
        [
            Event(id="a", title="東京で逮捕が続く東京で逮捕が続く", when=parse("2017")),
            Event(id="b", title="e\u0301e\u0301e\u0301 combining", when=parse("2018")),
        ]
    )
    for width in (20, 41, 80):
        _chart_lines(chart(t, width=width), width)


@pytest.mark.parametrize("width", [20, 33, 60, 100])
def test_chronology_wraps_to_width(width: int) -> None:
    out = chronology(timeline.load(EVENTS_YAML), width=width, sources=True, quotes=True)
    assert max(len(line) for line in lines_of(out)) <= width
    assert out.count("—") >= 50


def test_derived_dates_are_marked() -> None:
    t = timeline.load(EVENTS_YAML)
    out = chronology(t, width=1000)
    for event in t:
        line = next(x for x in lines_of(out) if x.endswith(f"— {event.title} ({event.kind})"))
        assert ("†" in line.split(" — ")[0]) == event.is_derived


def test_empty_timeline() -> None:
    empty = Timeline()
    assert chronology(empty) == "No events.\n"
    assert markdown(empty) == "No events.\n"
    assert _chart_lines(chart(empty, width=30), 30) == ["No events."]
    ET.fromstring(svg(empty))
    assert "No events." in html_page(empty)


# --------------------------------------------------------------------------------------
# Tables.

COLUMN_SETS = [("date", "kind", "title"), COLUMNS, ("id",), ("metrics", "sources", "places")]


@pytest.mark.parametrize("fmt", tabulate.tabulate_formats)
def test_every_format_renders_every_column_set(fmt: str) -> None:
    t = sample()
    for columns in COLUMN_SETS:
        out = table(t, columns=columns, fmt=fmt)
        assert isinstance(out, str)
        assert out.endswith("\n")
        # Ids need no escaping in any format but the Markdown-like and wiki ones.
        if columns == ("id",) and fmt not in ("mediawiki", "moinmoin", "textile"):
            for event in t:
                assert event.id in out


@pytest.mark.parametrize("fmt", tabulate.tabulate_formats)
def test_text_that_looks_like_a_number_stays_text(fmt: str) -> None:
    t = Timeline(
        [
            Event(id="x", title="1e3", when=parse("2017")),
            Event(id="y", title="0x1F", when=parse("2018")),
        ]
    )
    out = table(t, columns=("title", "id"), fmt=fmt)
    assert "1e3" in out
    assert "1000" not in out
    assert "0x1F" in out


def test_metrics_table_keeps_numbers_exact() -> None:
    source = Source("s", outlet="S")
    metric = Metric("share", Decimal("2.50"), "percent", Citation(source, "2.50 percent"))
    big = Metric("arrests", 1234567, "people", Citation(source, "1,234,567 people"))
    t = Timeline([Event(id="x", title="x", when=parse("2017"), metrics=[metric, big])])
    for fmt in tabulate.tabulate_formats:
        out = metrics_table(t, fmt=fmt)
        assert "2.50" in out
        assert "1,234,567" in out


def test_metrics_and_report_tables_of_the_sample() -> None:
    t = timeline.load(EVENTS_YAML)
    rows = lines_of(metrics_table(t, fmt="plain"))
    assert len(rows) == 1 + sum(len(e.metrics) for e in t)
    rep = report(t)
    for fmt in tabulate.tabulate_formats:
        out = report_table(rep, fmt=fmt)
        assert all(name in out for name in ("claims", "parts", "conflicts", "agreements"))
    one = report_table(rep, sections=["conflicts"])
    assert one.startswith("conflicts\n\n")
    assert "claims" not in one


def test_table_width_wraps_cells() -> None:
    t = timeline.load(EVENTS_YAML)
    for fmt in ("simple", "grid", "pipe", "psql"):
        out = table(t, fmt=fmt, width=80)
        assert max(len(line) for line in lines_of(out)) <= 80


def test_bad_arguments_name_the_choices() -> None:
    t = sample()
    with pytest.raises(RenderError, match="title"):
        table(t, columns=("date", "nope"))
    with pytest.raises(RenderError, match="github"):
        table(t, fmt="nope")
    with pytest.raises(RenderError, match="fiscal-year"):
        chronology(t, headings="decade")
    with pytest.raises(RenderError, match="kind"):
        chart(t, lanes="place")
    with pytest.raises(RenderError, match="width"):
        chart(t, width=10)
    with pytest.raises(RenderError, match="width"):
        chronology(t, width=5)
    with pytest.raises(RenderError, match="claims"):
        report_table(report(t), sections=["nope"])
    with pytest.raises(timeline.TimelineError):
        table(t, columns=())
    with pytest.raises(ValueError):
        svg(t, width=10)


# --------------------------------------------------------------------------------------
# SVG and HTML.


def test_svg_is_xml_deterministic_and_marks_certain_and_possible() -> None:
    out = svg(shapes())
    assert out == svg(shapes())
    root = ET.fromstring(out)
    ns = "{http://www.w3.org/2000/svg}"
    lanes = {g.get("data-lane"): g for g in root.iter(f"{ns}g") if g.get("class") == "lane"}
    assert list(lanes) == [e.id for e in shapes()]

    def classes(event_id: str) -> set[str | None]:
        return {r.get("class") for r in lanes[event_id].iter(f"{ns}rect")}

    assert classes("e1") == {"possible"}  # one unknown day of January
    assert classes("e5") == {"possible", "certain"}  # January: every day certain
    assert classes("e0") == {"possible", "certain"}  # vague ends, a certain middle
    assert lanes["e3"].find(f"{ns}title") is not None
    assert lanes["e3"].findtext(f"{ns}title") == "Jun 1, 2017, 10:00 UTC — shape 2017-06-01T10:00Z"


def test_svg_open_end_has_an_arrow() -> None:
    root = ET.fromstring(svg(sample()))
    assert any(p.get("class") == "open" for p in root.iter("{http://www.w3.org/2000/svg}path"))


def assert_only_the_pages_own_script(page: str) -> None:
    """The page's one script: inline, with no source, its hash in the policy, no user data."""
    import base64
    import hashlib

    from timeline.render.html import _SCRIPT

    assert page.lower().count("<script") == 1
    assert f"<script>{_SCRIPT}</script>" in page
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page


def test_html_page_is_self_contained() -> None:
    out = html_page(timeline.load(EVENTS_YAML))
    assert out.startswith("<!DOCTYPE html>\n")
    assert "Content-Security-Policy" in out
    assert "default-src 'none'" in out
    assert 'name="viewport"' in out
    # One inline script, the page's own (the same whatever the data), pinned by its hash.
    assert_only_the_pages_own_script(out)
    assert "<script" not in html_page(timeline.load(EVENTS_YAML), interactive=False)
    assert "http://" not in out.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in out
    for event in timeline.load(EVENTS_YAML):
        assert out.count(f'data-event-id="{event.id}"') == 1


def test_importing_render_does_not_import_tabulate() -> None:
    code = (
        "import sys, timeline.render; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'tabulate', 'hypothesis'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------
# Properties.


@settings(max_examples=40, deadline=None)
@given(timelines(max_size=5))
def test_every_renderer_shows_every_event(t: Timeline) -> None:
    text = chronology(t, width=100_000, sources=True, quotes=True)
    for event in t:
        assert " ".join(safe.terminal(event.title).split()) in text
    assert isinstance(markdown(t), str)
    ids = table(t, columns=("id", "title", "date"), fmt="plain")
    for event in t:
        assert event.id in ids
    for fmt in ("github", "html", "grid"):
        assert isinstance(table(t, columns=COLUMNS, fmt=fmt), str)
    assert isinstance(metrics_table(t), str)
    for width in (20, 57):
        lines = lines_of(chart(t, width=width))
        assert all(columns_of(line) == width for line in lines)
    root = ET.fromstring(svg(t))
    lanes = [g.get("data-lane") for g in root.iter("{http://www.w3.org/2000/svg}g")]
    assert [x for x in lanes if x is not None] == [e.id for e in t]
    page = html_page(t, headings=None)
    for event in t:
        assert page.count(f'data-event-id="{event.id}"') == 1


# Grouping by year walks every year of the span: keep the years few.
@settings(max_examples=25, deadline=None)
@given(timelines(max_size=5, min_year=1990, max_year=2030))
def test_headings_list_every_event_once(t: Timeline) -> None:
    text = chronology(t, width=100_000, headings="year")
    for event in t:
        line = " ".join(safe.terminal(event.title).split())
        assert sum(line in x for x in lines_of(text)) >= 1
    assert isinstance(markdown(t, headings="month"), str)
    page = html_page(t, headings="fiscal-year")
    for event in t:
        assert page.count(f'data-event-id="{event.id}"') == 1
