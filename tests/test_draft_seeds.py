"""Drafts of the five seed articles, against the events built from them by hand.

For each seed article, ``timeline.draft`` is run with the article's
``published`` date from ``events.yaml``; an event of ``events.yaml`` that
the text itself dates (its basis is stated or derived, not external) is
*recovered* when some draft event has the same earliest and latest day and a
quote that overlaps one of its quotes in the article. The test prints what
is recovered and what is missed, and holds a floor so the count cannot fall.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import timeline
from timeline.events import Basis, Event
from timeline.text import draft

ROOT = Path(__file__).resolve().parents[1]

#: Dated events of events.yaml the drafts recover; raise it as the drafts improve.
RECOVERED_AT_LEAST = 24


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(quote)
    while at >= 0:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def _bounds(event: Event) -> tuple[int | None, int | None]:
    return event.when.earliest_day, event.when.latest_day


def _recovery(seeds: Path) -> tuple[list[str], list[str]]:
    curated = timeline.load(ROOT / "events.yaml")
    recovered: list[str] = []
    missed: list[str] = []
    drafts: dict[str, tuple[str, timeline.Timeline]] = {}
    for source in curated.sources.values():
        text = (seeds / source.file).read_text(encoding="utf-8")
        drafts[source.id] = (text, draft(text, source=source))
    for event in curated:
        if event.basis.basis is Basis.EXTERNAL:
            continue
        found = False
        for citation in event.sources:
            text, drafted = drafts[citation.source.id]
            quoted = _spans(text, citation.quote)
            for candidate in drafted:
                if _bounds(candidate) != _bounds(event):
                    continue
                if _overlap(quoted, _spans(text, candidate.sources[0].quote)):
                    found = True
        line = f"{event.id}: {event.when}"
        (recovered if found else missed).append(line)
    return recovered, missed


def test_the_drafts_recover_the_dated_events(seeds_dir: Path) -> None:
    recovered, missed = _recovery(seeds_dir)
    print(f"\nrecovered {len(recovered)} of {len(recovered) + len(missed)} dated events")
    for line in recovered:
        print(f"  + {line}")
    for line in missed:
        print(f"  - {line}")
    assert len(recovered) >= RECOVERED_AT_LEAST


@pytest.mark.parametrize("index", range(5))
def test_each_draft_is_a_valid_timeline_that_reads_back(seeds_dir: Path, index: int) -> None:
    curated = timeline.load(ROOT / "events.yaml")
    source = sorted(curated.sources.values(), key=lambda s: s.file)[index]
    text = (seeds_dir / source.file).read_text(encoding="utf-8")
    drafted = draft(text, source=source)
    assert len(drafted) > 0
    assert "draft" in drafted.title.lower()
    for event in drafted:
        (citation,) = event.sources
        assert citation.quote in text
        assert citation.source == source
        assert "draft" in event.tags
    assert timeline.loads(timeline.dumps(drafted)) == drafted
    assert draft(text, source=source) == drafted
