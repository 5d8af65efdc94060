"""The ``find`` and ``draft`` commands: dates in an article, and a draft timeline of it.

::

    timeline find ARTICLE --published DATE [--format FMT]
    timeline draft ARTICLE --published DATE [--outlet NAME] [--url URL] [-o FILE]

``ARTICLE`` is a text file (UTF-8; bytes that are not UTF-8 are read as
U+FFFD) or ``-`` for standard input. :func:`register` adds both commands to
the ``timeline`` command's subparsers; each handler returns the text to print
and, when it fails, why, as the other commands do.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, Final

from timeline import safe
from timeline.errors import TimelineError

__all__ = ["draft_command", "find_command", "register"]

_SOURCE_ID: Final = re.compile(r"[^A-Za-z0-9_.:-]+")


def _date(text: str) -> Any:
    """An option's date, read when the options are: a bad one is refused before the file."""
    from timeline.parse import parse

    try:
        return parse(text)
    except TimelineError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _path(value: str) -> str:
    if not value or "\0" in value:
        raise argparse.ArgumentTypeError(f"not a file name: {value!r}")
    return value


def _read(name: str) -> str:
    from timeline.text import MAX_CHARS

    # Four bytes a character at most: more than that is over the limit however it decodes.
    limit = 4 * MAX_CHARS + 1
    if name == "-":
        data = sys.stdin.buffer.read(limit)
    else:
        with Path(name).open("rb") as file:
            data = file.read(limit)
    return data.decode("utf-8", errors="replace")


def _source(args: argparse.Namespace) -> Any:
    from timeline.events import Source

    file = "" if args.article == "-" else Path(args.article).name
    stem = "article" if args.article == "-" else Path(args.article).stem
    source_id = _SOURCE_ID.sub("-", stem).strip("-._:") or "article"
    return Source(
        id=source_id,
        outlet=args.outlet or "",
        published=args.published,
        file=file,
        url=args.url or "",
    )


def find_command(args: argparse.Namespace) -> tuple[str, str | None]:
    """``timeline find``: the date mentions of the article as a table."""
    import tabulate

    from timeline.text import Resolution, find_dates

    text = _read(args.article)
    mentions = find_dates(text, anchor=args.published)
    if not mentions:
        return "(no dates found)", None
    rows = []
    for m in mentions:
        how = m.resolved.value
        if m.resolved is Resolution.CONTEXT and m.reference is not None:
            start, end = m.reference
            how = f"context: {text[start:end]}"
        elif m.resolved is Resolution.ANCHOR:
            how = "anchor"
        if m.tense is not None and m.resolved is not Resolution.STATED:
            how += f" ({m.tense})"
        rows.append(
            [m.start, safe.one_line(m.text), safe.one_line(str(m.value)), safe.one_line(how)]
        )
    table: str = tabulate.tabulate(
        rows,
        headers=["offset", "text", "value", "resolved"],
        tablefmt=args.format,
        disable_numparse=True,
        colalign=("right", "left", "left", "left"),
    )
    return table, None


def draft_command(args: argparse.Namespace) -> tuple[str, str | None]:
    """``timeline draft``: a draft timeline of the article, as YAML."""
    from timeline.io import dumps
    from timeline.text import draft

    text = _read(args.article)
    yaml = dumps(draft(text, source=_source(args)))
    if args.output is not None:
        Path(args.output).write_text(yaml, encoding="utf-8", newline="")
        return "", None
    return safe.terminal(yaml), None


def register(subparsers: Any) -> None:
    """Add ``find`` and ``draft`` to the ``timeline`` command's subparsers."""
    from timeline.render import table_formats

    def command(name: str, run: Any, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser(name, help=text, description=text)
        p.set_defaults(run=run)
        p.add_argument(
            "article",
            type=_path,
            metavar="ARTICLE",
            help="the article: a text file (UTF-8), or - for standard input",
        )
        p.add_argument(
            "--published",
            type=_date,
            metavar="DATE",
            help="the article's publication date, which relative phrases are read against "
            "(without it they are left out)",
        )
        return p

    p = command(
        "find",
        find_command,
        "Print the dates found in an article: offset, text, value and how it was read.",
    )
    tables = sorted(table_formats())
    p.add_argument(
        "--format",
        default="simple",
        choices=tables,
        metavar="FMT",
        help="any tabulate format: " + ", ".join(tables),
    )

    p = command(
        "draft",
        draft_command,
        "Write a draft timeline of an article as YAML: one candidate event per sentence "
        "that carries a date, quoting it, for a person to check and curate.",
    )
    p.add_argument("--outlet", metavar="NAME", help="the outlet that published the article")
    p.add_argument("--url", metavar="URL", help="where the article is published")
    p.add_argument(
        "-o", "--output", type=_path, metavar="FILE", help="write to FILE instead of stdout"
    )
