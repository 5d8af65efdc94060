"""Every script in examples/ runs and exits 0 (the docs that run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    names = {p.stem for p in EXAMPLES}
    assert {
        "chronology",
        "build_in_code",
        "check_claims",
        "fiscal_years",
        "property_test",
        "duckdb_overlap",
    } <= names


# What some examples must say, beyond saying something.
SHOWS = {"duckdb_overlap": ("FY2017", "same as Timeline.overlapping")}


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,  # examples find their files relative to themselves
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip(), "an example shows what it does"
    for words in SHOWS.get(script.stem, ()):
        assert words in done.stdout
    assert "Traceback" not in done.stderr
