"""``import timeline`` stays light, and its public names are tidy."""

from __future__ import annotations

import ast
import subprocess
import sys

import timeline

# Prints the heavy modules a bare `import timeline` loads (after pallets/click's test_imports.py).
LOADED_HEAVY = (
    "import timeline, sys; "
    "print(sorted(m for m in sys.modules if m.split('.')[0] in {'hypothesis','yaml','tabulate'}"
    " or m.startswith(('timeline.export', 'timeline.render', 'pyarrow', 'icalendar'))))"
)


def test_import_does_not_load_heavy_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOADED_HEAVY], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.strip()) == []


def test_all_is_sorted_and_unique() -> None:
    names = list(timeline.__all__)

    # The isort-style order ruff keeps (RUF022): CONSTANTS, then Classes, then functions.
    def kind(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert names == sorted(names, key=kind)
    assert len(names) == len(set(names))


def test_all_names_exist() -> None:
    missing = [name for name in timeline.__all__ if not hasattr(timeline, name)]
    assert missing == []


def test_renderers_and_exporters_load_when_first_used() -> None:
    script = (
        "import sys, timeline; "
        "assert 'timeline.render' not in sys.modules; "
        "print(timeline.render.chronology.__module__, timeline.export.export.__module__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["timeline.render.text", "timeline.export"]
