"""The HTML page in a real browser: every event rendered once, and a page at phone width."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import timeline
from timeline.render import html_page

CHROMIUM = shutil.which("chromium")
EVENTS_YAML = Path(__file__).resolve().parents[1] / "events.yaml"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None and os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
    # .ci/run installs chromium and sets this: there the test must run, not skip.
    raise RuntimeError("TIMELINE_REQUIRE_BROWSER=1 but chromium is not on the PATH")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.html"
    path.write_text(html_page(timeline.load(EVENTS_YAML)), encoding="utf-8")
    return path


def test_every_event_is_rendered_once(tmp_path: Path, page: Path) -> None:
    result = _run(tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    events = list(timeline.load(EVENTS_YAML))
    assert dom.count('<li class="event') == len(events)
    for event in events:
        assert dom.count(f'data-event-id="{event.id}"') == 1, event.id


def test_page_renders_at_phone_width(tmp_path: Path, page: Path) -> None:
    shot = tmp_path / "page.png"
    result = _run(tmp_path, f"--screenshot={shot}", "--window-size=390,2000", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 1000
