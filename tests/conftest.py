"""Shared test set-up: hypothesis profiles, the seed articles, the two YAML parsers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

#: The seed articles live beside the checkout (``<parent>/shared/seeds``), not in it.
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

settings.register_profile("dev", max_examples=100)
settings.register_profile("ci", max_examples=400, deadline=None, print_blob=True, derandomize=False)
# An explicit HYPOTHESIS_PROFILE wins; otherwise CI gets the thorough profile.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def seeds_dir() -> Path:
    """The seed articles' directory; skips the test when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(params=[False, True], ids=["C parser", "pure parser"])
def pure(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run the test with libyaml, then with PyYAML's pure-Python parser."""
    if request.param:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")
    return bool(request.param)
