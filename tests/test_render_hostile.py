"""Hostile text in titles, quotes, places and outlets, through every renderer and table format."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import tabulate
from test_render import assert_only_the_pages_own_script

from timeline import Citation, Event, Metric, Source, Timeline, parse
from timeline.compare import report
from timeline.render import (
    COLUMNS,
    chart,
    chronology,
    html_page,
    markdown,
    metrics_table,
    report_table,
    svg,
    table,
)

HOSTILE = [
    "\x1b[2J",
    "\x1b]8;;http://evil\x07click\x1b]8;;\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x9b31m",
    "\u202eevil",
    "a|b\nc",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "]]>",
    "*bold* [x](javascript:alert(1))",
    "\ud800",
    "nul\x00here",
]
# Raw ESC, the other C0 controls but tab and newline, DEL, C1, bidi controls, surrogates.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def hostile() -> Timeline:
    events = []
    for i, text in enumerate(HOSTILE):
        source = Source(f"s{i}", outlet=text, title=text, url=text)
        citation = Citation(source, text)
        metric = Metric(text, i, text, citation, place=text)
        events.append(
            Event(
                id=f"e{i}",
                title=text,
                when=parse(f"{2000 + i}"),
                places=(text, "x"),
                actors=(text,),
                tags=(text,),
                sources=(citation,),
                metrics=(metric,),
            )
        )
    return Timeline(events, title=HOSTILE[0] + HOSTILE[6])


def outputs(t: Timeline) -> dict[str, str]:
    return {
        "chronology": chronology(t, headings="year", sources=True, quotes=True),
        "markdown": markdown(t, headings="year"),
        "chart": chart(t),
        "chart-kind-ascii": chart(t, lanes="kind", ascii=True),
        "svg": svg(t),
        "html": html_page(t),
    }


def test_every_renderer_neutralises_hostile_text() -> None:
    t = hostile()
    before = hostile()
    for name, out in outputs(t).items():
        assert not FORBIDDEN.search(out), name
        out.encode("utf-8")  # no lone surrogate survives
    assert t == before


def test_svg_and_html_hold_no_script_of_the_data_and_parse() -> None:
    outs = outputs(hostile())
    assert "<script" not in outs["svg"].lower()
    # The page's own script, and nothing the data could open.
    assert_only_the_pages_own_script(outs["html"])
    ET.fromstring(outs["svg"])
    # The page's links are only http(s) addresses; javascript: stays text.
    assert 'href="javascript' not in outs["html"]
    assert 'href="http://evil' not in outs["html"]


def _cells(line: str) -> int:
    """Cells of a Markdown table row: pipes not escaped by an odd run of backslashes."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) - 1


@pytest.mark.parametrize("fmt", tabulate.tabulate_formats)
def test_every_table_format_neutralises_hostile_text(fmt: str) -> None:
    t = hostile()
    tables = [
        table(t, columns=COLUMNS, fmt=fmt),
        table(t, columns=("title", "places"), fmt=fmt, width=60),
        metrics_table(t, fmt=fmt),
        report_table(report(t), fmt=fmt),
    ]
    for out in tables:
        assert not FORBIDDEN.search(out)
        out.encode("utf-8")
        if fmt in ("html", "unsafehtml", "mediawiki", "textile", "moinmoin"):
            assert "<script" not in out.lower()
        if fmt == "tsv":
            assert "\t=cmd" not in out
            assert not any(line.startswith("=") for line in out.splitlines())
    if fmt in ("pipe", "github"):
        for out in tables[:3]:
            rows = [line for line in out.splitlines() if line.startswith("|")]
            assert len({_cells(row) for row in rows}) == 1, rows
    assert t == hostile()


def test_markdown_chronology_opens_no_link_or_html() -> None:
    out = markdown(hostile())
    assert "](javascript" not in out
    # Markdown shows a backslash-escaped bracket as itself: no tag can open.
    assert not re.search(r"(?<!\\)<", out)
