"""Every quote in events.yaml is a verbatim substring of the seed article it names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

EVENTS_YAML = Path(__file__).resolve().parents[1] / "events.yaml"


def load_events() -> list[dict[str, Any]]:
    with EVENTS_YAML.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    events: list[dict[str, Any]] = data["events"]
    return events


def test_events_have_the_expected_fields() -> None:
    events = load_events()
    assert events
    for i, event in enumerate(events):
        assert set(event) == {"id", "title", "when", "source", "quote"}, f"events[{i}]"
        assert all(isinstance(v, str) and v for v in event.values()), f"events[{i}]"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", event["id"]), f"events[{i}].id"
    ids = [event["id"] for event in events]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_quotes_are_verbatim(seeds_dir: Path) -> None:
    wrong = []
    for i, event in enumerate(load_events()):
        seed = seeds_dir / event["source"]
        if not seed.is_file():
            wrong.append(f"events[{i}].source: no seed file {event['source']!r}")
        elif event["quote"] not in seed.read_text(encoding="utf-8"):
            wrong.append(f"events[{i}].quote: not in {event['source']}: {event['quote']!r}")
    assert wrong == []
