"""Fuzzing the ``timeline`` command line with hypothesis, in process.

Absurd arguments (huge and negative widths, unknown formats, escape sequences,
NUL characters, options without values, paths to directories and to files that
are not timelines) and files with random edits. For every command line:

* :func:`timeline.cli.main` returns 0, 1 or 2 and never raises;
* a failure (1 or 2) says why on standard error, one ``timeline:`` line per
  problem (argparse's usage lines aside) and never a traceback;
* nothing written to standard output or standard error can act on a terminal:
  no control characters but newlines, no bidirectional controls.

The example counts are the hypothesis profile's ``max_examples``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutated

from timeline.cli import main

REPO = Path(__file__).resolve().parents[1]
GOOD = (Path(__file__).parent / "hostile" / "good.yaml").read_bytes()

FUZZ = settings(
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Not `new`, which writes the files it is given, and not `--engine spark`, which starts a JVM.
COMMANDS = (
    "show",
    "table",
    "chart",
    "query",
    "relate",
    "check",
    "validate",
    "export",
    "diff",
    "merge",
    "schema",
    "completion",
)
OPTIONS = (
    "--kind",
    "--tag",
    "--place",
    "--source",
    "--overlapping",
    "--within",
    "--between",
    "--before",
    "--after",
    "--certain",
    "--possible",
    "--group-by",
    "--ids",
    "--format",
    "--columns",
    "--width",
    "--lanes",
    "--ascii",
    "--headings",
    "--sources",
    "--quotes",
    "--markdown",
    "--metrics",
    "--strict",
    "--from",
    "--engine",
    "--containing",
    "--include-uncertain",
    "--vagueness",
    "--interactive",
    "--indent",
    "--step",
    "--title",
    "--no-pager",
    "--color",
    "--fiscal",
    "--vague",
    "--base",
    "--tz",
    "--timed",
    "--csv-columns",
    "--output",
    "-o",
    "--help",
    "--version",
    "--",
    "-",
)
VALUES = (
    "FY2017",
    "2017",
    "2017-02-13",
    "2016-01-24/2016-04-30",
    "2014/..",
    "Sep 24-27, 2017",
    "operation",
    "statement",
    "New York",
    "safe-city-operation",
    "year",
    "fiscal-year",
    "week",
    "kind",
    "json",
    "csv",
    "ics",
    "html",
    "svg",
    "jsonl",
    "parquet",
    "yaml",
    "YAML",
    "vega-lite",
    "dataset",
    "duckdb",
    "never",
    "auto",
    "possible",
    "definite",
    "japan",
    "timelinejs",
    "date=When,title=Headline",
    "Europe/London",
    "Mars/Olympus",
    "days",
    "sheet.csv",
    "slides.json",
    "calendar.ics",
    "bash",
    "zsh",
    "mermaid",
    "edtf",
    "github",
    "grid",
    "latex",
    "date,title",
    "date,nonsense",
    "event",
    "",
    " ",
    "0",
    "-1",
    "1",
    "10",
    "100000000",
    "9" * 40,
    "1e3",
    "nan",
    "2021-W53",
    "2017-02-29",
    "\x1b[2J",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b]8;;http://x\x07link\x1b]8;;\x07",
    "\x9b31m",
    "\u202eevil",
    "a\nb",
    "\x00",
    "x" * 5000,
    "events.yaml",
    "missing.yaml",
    "missing.jsonl",
    "missing.parquet",
    "directory",
    "directory.yaml",
    "good.yaml",
    "mutated.yaml",
    "garbage.jsonl",
    "garbage.parquet",
    "empty.yaml",
    "out.txt",
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with the files the vocabulary names; every run happens inside it."""
    where = tmp_path_factory.mktemp("cli")
    (where / "events.yaml").write_bytes((REPO / "events.yaml").read_bytes())
    (where / "good.yaml").write_bytes(GOOD)
    (where / "directory").mkdir()
    (where / "directory.yaml").mkdir()
    (where / "garbage.jsonl").write_bytes(b'{"timeline": 1}\n{"id": [\x00\xff\n')
    (where / "garbage.parquet").write_bytes(b"PAR1 not really PAR1")
    (where / "empty.yaml").write_bytes(b"")
    (where / "sheet.csv").write_bytes(b"When,Headline\n2017-09,A\n=1+1,\x1b[2J\n")
    (where / "slides.json").write_bytes(b'{"events": [{"start_date": {"year": "x"}}]}')
    (where / "calendar.ics").write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n")
    return where


@contextlib.contextmanager
def inside(where: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(where)
    try:
        yield
    finally:
        os.chdir(before)


def run(where: Path, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    # "-" reads standard input: an empty one, as from `timeline show - < /dev/null`.
    stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    with (
        inside(where),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch.object(sys, "stdin", stdin),
    ):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def harmless(text: str) -> bool:
    """No character a terminal acts on or that reorders text: controls, bidi controls.

    Tabs and line ends pass; so do other format characters (a zero-width joiner
    holds emoji together, a soft hyphen is a hyphenation hint).
    """
    text = text.replace("\r\n", "\n")  # CSV and iCalendar end their lines so
    return all(
        c in "\n\t" or (unicodedata.category(c) not in ("Cc", "Cs") and c not in BIDI) for c in text
    )


def check(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), code
    assert "Traceback" not in err
    assert harmless(out), repr(out[:500])
    assert harmless(err), repr(err[:500])
    if code:
        assert err.strip(), "a failure must say why"
        lines = [line for line in err.splitlines() if line.strip()]
        # "timeline: ...", or argparse's "timeline show: error: ..." after its usage lines.
        ours = [line for line in lines if re.match(r"timeline( [a-z]+)?: ", line)]
        assert ours, err
    if code == 1:
        assert all(line.startswith("timeline: ") for line in err.splitlines()), err


ARGVS = st.lists(
    st.one_of(
        st.sampled_from(COMMANDS),
        st.sampled_from(OPTIONS),
        st.sampled_from(VALUES),
        st.text(max_size=12),
    ),
    max_size=8,
)


@FUZZ
@given(st.sampled_from(COMMANDS), ARGVS)
def test_absurd_command_lines(workdir: Path, command: str, rest: list[str]) -> None:
    check(*run(workdir, [command, *rest]))


@FUZZ
@given(ARGVS)
def test_anything_at_all(workdir: Path, argv: list[str]) -> None:
    check(*run(workdir, argv))


# Escape sequences (ESC, the 8-bit CSI, a right-to-left override) and YAML anchors.
PIECES = (b"\x1b[2J", b"\xc2\x9b", b"\xe2\x80\xae", b"&a ", b"*a")


@FUZZ
@given(
    mutated((GOOD,), PIECES, max_edits=3),
    st.sampled_from(
        [
            ["show", "--sources", "--quotes"],
            ["table", "--metrics", "--format", "grid"],
            ["chart", "--width", "60"],
            ["check", "--strict"],
            ["query", "--group-by", "fiscal-year"],
            ["export", "--format", "csv"],
            ["export", "--format", "jsonl"],
            ["export", "--format", "ics"],
        ]
    ),
)
def test_mutated_files(workdir: Path, document: bytes, command: list[str]) -> None:
    (workdir / "mutated.yaml").write_bytes(document)
    code, out, err = run(workdir, [*command, "mutated.yaml"])
    check(code, out, err)
    assert code in (0, 1), err  # the command line itself is right


def test_the_harmless_check_can_fail() -> None:
    assert not harmless("a\x1bb")
    assert not harmless("\u202e")
    assert not harmless("\x9b")
    assert not harmless("a\rb")
    assert not harmless("\u2067")
    assert harmless("\u00ad \U0001f468\u200d\U0001f469")
    assert harmless("Sep 24–27, 2017 ✓\r\n")
