"""Text for readers: HTML character references decoded for display, kept in the data."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import Timeline
from timeline.export import export
from timeline.safe import display_text

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "events.yaml"
ENTITIES = ("&apos;", "&quot;", "&amp;", "&#39;")


@pytest.fixture(scope="module")
def sample() -> Timeline:
    return timeline.load(SAMPLE_PATH)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("later narrowed ICE&apos;s focus", "later narrowed ICE's focus"),
        ("&quot;approximately 75 percent&quot; had", '"approximately 75 percent" had'),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("it&#39;s", "it's"),
        ("it&#x27;s", "it's"),
        ("it&#X27;s", "it's"),
        ("a&nbsp;b", "a\xa0b"),
        ("&lt;b&gt;", "<b>"),
        ("&amp;quot;", "&quot;"),  # decoded once
        # Not references: no semicolon, unknown names, a lone ampersand.
        ("AT&T", "AT&T"),
        ("R&D and Q&A", "R&D and Q&A"),
        ("&amp without a semicolon", "&amp without a semicolon"),
        ("&copyright", "&copyright"),
        ("&nosuchname;", "&nosuchname;"),
        ("& ;", "& ;"),
        ("", ""),
        ("plain text", "plain text"),
    ],
)
def test_detection(text: str, shown: str) -> None:
    assert display_text(text) == shown


@pytest.mark.parametrize(
    ("text", "html_escaped", "shown"),
    [
        ("ICE&apos;s", True, "ICE's"),
        ("ICE&apos;s", False, "ICE&apos;s"),
        ("ICE&apos;s", None, "ICE's"),
        # A source known to be escaped is decoded as HTML reads it, legacy names too.
        ("&amp R&D", True, "& R&D"),
        ("&amp R&D", None, "&amp R&D"),
        # A source known not to be escaped keeps a literal reference.
        ("write &amp; for &", False, "write &amp; for &"),
    ],
)
def test_the_source_flag_decides(text: str, html_escaped: bool | None, shown: str) -> None:
    assert display_text(text, html_escaped=html_escaped) == shown


def test_decoded_markup_is_text_for_the_next_escape() -> None:
    shown = display_text("&lt;script&gt;alert(1)&lt;/script&gt; &#x202e;gnp.exe")
    assert shown == "<script>alert(1)</script> \u202egnp.exe"
    assert timeline.safe.html(shown) == "&lt;script&gt;alert(1)&lt;/script&gt; gnp.exe"
    assert timeline.safe.terminal(shown).endswith("\\u202egnp.exe")


@given(st.text())
def test_detection_undoes_html_escape(text: str) -> None:
    assert display_text(html.escape(text, quote=True)) == text
    assert display_text(html.escape(text, quote=True), html_escaped=True) == text


@given(st.text(st.characters(blacklist_characters="&")))
def test_text_without_an_ampersand_is_unchanged(text: str) -> None:
    for flag in (None, True, False):
        assert display_text(text, html_escaped=flag) == text


@given(st.text())
def test_a_source_known_not_escaped_is_unchanged(text: str) -> None:
    assert display_text(text, html_escaped=False) == text


def test_hostile_run_of_ampersands_is_linear() -> None:
    text = "&" * 200_000 + "#" * 200_000 + "&amp;" * 10_000
    assert display_text(text).endswith("&" * 10_000)


# --------------------------------------------------------------------------------------
# The sample: seed 004's quotes keep their entities in the data and lose them on display.


def test_the_sample_quotes_hold_entities(sample: Timeline) -> None:
    quotes = [c.quote for e in sample for c in e.sources]
    quotes += [m.citation.quote for e in sample for m in e.metrics]
    assert any("&apos;" in q for q in quotes)
    assert any("&quot;" in q for q in quotes)
    assert not any("&apos;" in display_text(q) or "&quot;" in display_text(q) for q in quotes)


@pytest.mark.parametrize("fmt", ["ics", "timelinejs", "mermaid", "mermaid-gantt"])
def test_no_entity_in_outputs_for_people(sample: Timeline, fmt: str) -> None:
    options = {"include_uncertain": True} if fmt == "ics" else {}
    text = export(sample, fmt, **options)
    if fmt == "ics":
        text = text.replace("\r\n ", "")  # iCalendar folds long lines
        assert "“later narrowed ICE's focus to convicted felons”" in text
        assert "“Today's extended press release does not confirm" in text
    for entity in ("&apos;", "&quot;", "&#39;"):
        assert entity not in text, fmt


def test_timelinejs_escapes_after_decoding(sample: Timeline) -> None:
    # TimelineJS text is HTML: what a reference decodes to is escaped again, once.
    for slide in json.loads(export(sample, "timelinejs"))["events"]:
        for text in (slide["text"]["headline"], slide["text"]["text"], slide["display_date"]):
            assert "&amp;apos;" not in text
            assert "&amp;quot;" not in text


def test_data_formats_keep_quotes_byte_exact(sample: Timeline) -> None:
    rows = list(csv.DictReader(io.StringIO(export(sample, "metrics-csv"))))
    by_id = {r["metric_id"]: r["quote"] for r in rows}
    assert by_id["arrests-2017-w06-national-convicted-share"] == (
        "Of that total, &quot;approximately 75 percent&quot; had criminal convictions."
    )
    data = json.loads(export(sample, "json"))
    text = json.dumps(data)
    assert "later narrowed ICE&apos;s focus to convicted felons" in text
    assert timeline.io.from_records(data) == sample


def test_the_samples_quotes_read_without_references_in_every_chronology() -> None:
    import timeline
    from timeline import render

    t = timeline.sample()
    raw = [c.quote for e in t for c in e.sources if "&apos;" in c.quote or "&quot;" in c.quote]
    assert raw  # seed 004's quotes hold them, byte-exact in the data
    for out in (
        render.chronology(t, quotes=True, sources=True),
        render.chronology(t, quotes=True),
        render.markdown(t, quotes=True),
        render.html_page(t),
    ):
        assert "&apos;" not in out
        assert "&amp;apos;" not in out
        assert "&quot;approximately" not in out
    assert "ICE's request" in render.chronology(t, quotes=True)


def test_the_check_report_quotes_read_without_references() -> None:
    import timeline
    from timeline.compare import report

    text = report(timeline.sample()).text()
    assert "&quot;" not in text
    assert "&apos;" not in text
    assert '"approximately 75 percent"' in text
