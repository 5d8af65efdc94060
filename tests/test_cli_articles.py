"""``timeline find`` and ``timeline draft``: dates in an article, and its draft timeline."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import timeline
from timeline import cli
from timeline._cli_articles import register

Run = Callable[..., tuple[int, str, str]]

ARTICLE = (
    "Federal officials said Thursday that 498 people were arrested in a four-day operation "
    "that ended Wednesday.\n\nSince 2014, the city has refused to hold people for ICE; "
    "arrests rose between January 24 and April 30, 2016. The mayor will speak Tuesday."
)


def _subparsers(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise AssertionError("the timeline parser has no subcommands")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the command line with find and draft in it, as cli.py wires them."""
    built = cli._parser
    if "find" not in _subparsers(built()).choices:

        def with_articles() -> argparse.ArgumentParser:
            parser = built()
            register(_subparsers(parser))
            return parser

        monkeypatch.setattr(cli, "_parser", with_articles)

    def call(*argv: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "safe-city.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_find_prints_each_mention_with_its_offset_and_reading(run: Run, article: Path) -> None:
    code, out, err = run("find", str(article), "--published", "2017-09-28")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["offset", "text", "value", "resolved"]
    rows = "\n".join(lines[2:])
    for mention in timeline.find_dates(ARTICLE, anchor="2017-09-28"):
        assert str(mention.start) in rows
        assert mention.text in rows
        assert str(mention.value) in rows
    assert "Sep 28, 2017" in rows  # Thursday, against the publication date
    assert "Jan 24 – Apr 30, 2016" in rows
    assert "stated" in rows
    assert "anchor" in rows


def test_find_takes_any_tabulate_format(run: Run, article: Path) -> None:
    code, out, _ = run("find", str(article), "--published", "2017-09-28", "--format", "github")
    assert code == 0
    assert out.startswith("| ")
    assert out.splitlines()[1].startswith("|--")


def test_find_without_a_publication_date_keeps_the_stated_dates(run: Run, article: Path) -> None:
    code, out, _ = run("find", str(article))
    assert code == 0
    assert "Jan 24 – Apr 30, 2016" in out
    assert "Thursday" not in out


def test_find_reads_standard_input(run: Run) -> None:
    code, out, _ = run("find", "-", stdin=b"It opened in August 2013.")
    assert code == 0
    assert "August 2013" in out


def test_find_says_when_there_is_nothing(run: Run) -> None:
    code, out, _ = run("find", "-", stdin=b"498 people, $1,998 and 11 percent.")
    assert (code, out) == (0, "(no dates found)\n")


def test_find_shows_escape_sequences_instead_of_sending_them(run: Run) -> None:
    code, out, _ = run("find", "-", stdin=b"In August\x1b[2J 2013 and in\x1b]0;x\x07 2014.")
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out


def test_bytes_that_are_not_utf8_do_not_stop_it(run: Run) -> None:
    code, out, _ = run("find", "-", stdin=b"\xff\xfe In August 2013.")
    assert code == 0
    assert "August 2013" in out


def test_draft_writes_yaml_that_load_reads_back(run: Run, article: Path, tmp_path: Path) -> None:
    code, out, err = run("draft", str(article), "--published", "2017-09-28", "--outlet", "The Post")
    assert (code, err) == (0, "")
    drafted = timeline.loads(out)
    assert "draft" in drafted.title.lower()
    (source,) = drafted.sources.values()
    assert (source.id, source.outlet, source.file) == ("safe-city", "The Post", "safe-city.txt")
    assert source.published == timeline.parse("2017-09-28")
    assert len(drafted) >= 3
    for event in drafted:
        assert event.sources[0].quote in ARTICLE
    expected = timeline.draft(ARTICLE, source=source)
    assert drafted == expected

    path = tmp_path / "draft.yaml"
    code, out, _ = run(
        "draft", str(article), "--published", "2017-09-28", "--outlet", "The Post", "-o", str(path)
    )
    assert (code, out) == (0, "")
    assert timeline.load(path) == expected


def test_draft_takes_a_url(run: Run, article: Path) -> None:
    code, out, _ = run("draft", str(article), "--url", "https://example.org/a")
    assert code == 0
    (source,) = timeline.loads(out).sources.values()
    assert source.url == "https://example.org/a"
    assert source.published is None


@pytest.mark.parametrize("command", ["find", "draft"])
def test_a_bad_publication_date_is_a_usage_error(run: Run, article: Path, command: str) -> None:
    code, _, err = run(command, str(article), "--published", "someday")
    assert code == 2
    assert "someday" in err


@pytest.mark.parametrize("command", ["find", "draft"])
def test_a_missing_article_is_one_line_and_exit_1(run: Run, tmp_path: Path, command: str) -> None:
    code, out, err = run(command, str(tmp_path / "nowhere.txt"))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "nowhere.txt" in err


def test_help_names_both_commands(run: Run) -> None:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = cli.main(["find", "--help"])
    assert code == 0
    assert "--published" in out.getvalue()
