"""The README's examples run, and say what they print.

Three kinds of blocks: ``python`` blocks with ``>>>`` prompts are doctests;
other ``python`` blocks are scripts, run as they are; ``console`` blocks hold
``$ timeline ...`` commands whose output must be the lines that follow.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [body for lang, body in BLOCK.findall(text) if lang == language]


def test_readme_doctests() -> None:
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 15
    assert result.failed == 0


SCRIPTS = [b for b in blocks("python") if not b.lstrip().startswith(">>>")]
CONSOLES = blocks("console")


def test_the_readme_has_blocks_of_each_kind() -> None:
    assert SCRIPTS
    assert len(CONSOLES) >= 3


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.strip().splitlines()[0][:40])
def test_readme_scripts(script: str, tmp_path: Path) -> None:
    path = tmp_path / "readme_snippet.py"
    path.write_text(script, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]


# The seed articles lie beside the checkout; a command that reads one runs where they are.
SEEDS_PREFIX = "../shared/seeds/"


@pytest.mark.parametrize("block", CONSOLES, ids=lambda b: b.splitlines()[0][2:50])
def test_readme_commands_print_what_it_shows(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    first, *shown = block.rstrip("\n").split("\n")
    assert first.startswith("$ timeline "), first
    argv = shlex.split(first[2:])[1:]
    seeds = [arg for arg in argv if arg.startswith(SEEDS_PREFIX)]
    if seeds:
        missing = [arg for arg in seeds if not (ROOT / arg).is_file()]
        if missing:
            pytest.skip(f"seed article not found: {ROOT / missing[0]}")
        monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    assert code == 0
    printed = [line.rstrip() for line in out.getvalue().rstrip("\n").split("\n")]
    assert printed == shown
