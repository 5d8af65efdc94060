"""The ``timeline`` command: a thin shell over the library.

::

    timeline show [FILE]                    the chronology, as text or Markdown
    timeline table [FILE] --format github   a table in any tabulate format
    timeline chart [FILE]                   a chart on a shared time axis
    timeline query [FILE] --overlapping FY2017 --certain --group-by year
    timeline relate A B [FILE]              the Allen relations possible between two events
    timeline check [FILE]                   validation, claim checks, parts, conflicts
    timeline export [FILE] --format ics     json, csv, timelinejs, ics, mermaid, html, svg...
    timeline schema                         the JSON Schema of the file format
    timeline find ARTICLE --published DATE  the dates in an article's text, as a table
    timeline draft ARTICLE --published DATE a draft timeline of an article, as YAML

``FILE`` is a timeline in YAML (``.yaml``/``.yml``, or ``-`` for standard
input), JSON Lines (``.jsonl``) or Parquet (``.parquet``); without one, the
sample that ships with the package. Exit codes: 0 success, 1 bad input or a
failed check (one line per problem on standard error, naming file, line and
field), 2 a usage error. Everything written to the terminal is neutralised:
control characters and escape sequences in the data are shown, not sent.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn, get_args

from timeline import safe
from timeline.collection import GroupKey
from timeline.errors import TimelineError
from timeline.render import HEADINGS, table_formats

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = ["main"]

PROG: Final = "timeline"
_GROUPS: Final = get_args(GroupKey)


class _UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {safe.one_line(message)}\n")


# --------------------------------------------------------------------------------------
# Reading a timeline.


def _read(file: str | None) -> Timeline:
    from timeline import io

    if file is None:
        from timeline.sample import sample_path

        return io.load(sample_path())
    if file == "-":
        return io.loads(sys.stdin.buffer.read(), filename="<stdin>")
    path = Path(file)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        from timeline.io import bulk

        return bulk.load_jsonl(path)
    if suffix == ".parquet":
        from timeline.io import bulk

        return bulk.load_parquet(path)
    return io.load(path)


def _date(text: str) -> Any:
    """An option's date, read when the options are: a bad one is refused before any file."""
    from timeline.parse import parse

    try:
        return parse(text)
    except TimelineError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# --------------------------------------------------------------------------------------
# Filters shared by the commands that list events.


def _filter(t: Timeline, args: argparse.Namespace) -> Timeline:
    certain = bool(getattr(args, "certain", False))
    if args.kind:
        t = t.of_kind(*args.kind)
    if args.tag:
        t = t.tagged(*args.tag)
    if args.place:
        t = t.at_place(*args.place)
    if args.source:
        t = t.citing(*args.source)
    if args.overlapping is not None:
        t = t.overlapping(args.overlapping, certain=certain)
    if args.within is not None:
        t = t.within(args.within, certain=certain)
    if args.between is not None:
        a, b = args.between
        t = t.between(a, b, certain=certain)
    if args.before is not None:
        t = t.before(args.before, certain=certain)
    if args.after is not None:
        t = t.after(args.after, certain=certain)
    return t


def _add_filters(p: argparse.ArgumentParser, *, with_certainty: bool = True) -> None:
    g = p.add_argument_group("which events")
    g.add_argument("--kind", action="append", metavar="KIND", help="only this kind (repeatable)")
    g.add_argument("--tag", action="append", metavar="TAG", help="only events with this tag")
    g.add_argument("--place", action="append", metavar="PLACE", help="only events at this place")
    g.add_argument("--source", action="append", metavar="ID", help="only events citing a source")
    g.add_argument(
        "--overlapping", type=_date, metavar="DATE", help="events overlapping DATE (e.g. FY2017)"
    )
    g.add_argument("--within", type=_date, metavar="DATE", help="events within DATE")
    g.add_argument(
        "--between", type=_date, nargs=2, metavar=("FROM", "TO"), help="events from FROM to TO"
    )
    g.add_argument("--before", type=_date, metavar="DATE", help="events before DATE")
    g.add_argument("--after", type=_date, metavar="DATE", help="events after DATE")
    if with_certainty:
        c = g.add_mutually_exclusive_group()
        c.add_argument(
            "--certain",
            action="store_true",
            help="only events that certainly match, whatever their vague dates turn out to be",
        )
        c.add_argument(
            "--possible",
            dest="certain",
            action="store_false",
            help="events that possibly match (the default)",
        )


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 20 <= width <= 1000:
        raise argparse.ArgumentTypeError(f"a width from 20 to 1000, not {width}")
    return width


def _path(value: str) -> str:
    if not value or "\0" in value:
        raise argparse.ArgumentTypeError(f"not a file name: {value!r}")
    return value


def _default_width() -> int:
    return max(40, min(160, shutil.get_terminal_size((80, 24)).columns))


# --------------------------------------------------------------------------------------
# The commands. Each returns the text to print and, when it fails, why (exit code 1).


def _show(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline import render

    t = _filter(_read(args.file), args)
    options: dict[str, Any] = {"headings": args.headings, "sources": args.sources}
    if args.markdown:
        return render.markdown(t, **options, quotes=args.quotes), None
    width = args.width or _default_width()
    return render.chronology(t, **options, quotes=args.quotes, width=width), None


def _table(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline import render

    t = _filter(_read(args.file), args)
    if args.metrics:
        return render.metrics_table(t, fmt=args.format), None
    if args.columns:
        columns = tuple(c.strip() for c in args.columns.split(",") if c.strip())
        return render.table(t, columns=columns, fmt=args.format), None
    return render.table(t, fmt=args.format), None


def _chart(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline import render

    t = _filter(_read(args.file), args)
    width = args.width or _default_width()
    return render.chart(t, width=width, lanes=args.lanes, ascii=args.ascii), None


def _query(args: argparse.Namespace) -> tuple[str, str | None]:
    t = _filter(_read(args.file), args)
    if args.group_by is None:
        return _listing(t, ids=args.ids), None
    groups = t.group_by(args.group_by)
    blocks = []
    for label, group in groups.items():
        name = str(label) if str(label) else "(none)"
        shown = group.certain if args.certain else group.possible
        if not len(shown):
            continue
        heading = f"{safe.one_line(name)}  ({_count(len(group.certain), len(group.possible))})"
        lines = [heading]
        for event in shown:
            maybe = "" if event.id in group.certain else "?"
            lines.append(f"  {maybe:1} {_line(event, ids=args.ids)}")
        blocks.append("\n".join(lines))
    legend = "" if args.certain else "\n\n? possibly in the group: its dates may fall outside it"
    return "\n\n".join(blocks) + (legend if blocks else "(no events)"), None


def _count(certain: int, possible: int) -> str:
    if certain == possible:
        return f"{certain} event{'s' if certain != 1 else ''}"
    return f"{certain} certain, {possible} possible"


def _line(event: Any, *, ids: bool) -> str:
    if ids:
        return safe.one_line(event.id)
    return f"{safe.one_line(str(event.when))} — {safe.one_line(event.title)}"


def _listing(t: Timeline, *, ids: bool) -> str:
    if not len(t):
        return "(no events)"
    return "\n".join(_line(e, ids=ids) for e in t)


def _relate(args: argparse.Namespace) -> tuple[str, str | None]:
    t = _read(args.file)
    relations = t.relate(args.a, args.b)
    a, b = safe.one_line(args.a), safe.one_line(args.b)
    when_a, when_b = safe.one_line(str(t[args.a].when)), safe.one_line(str(t[args.b].when))
    head = f"{a}: {when_a}\n{b}: {when_b}\n"
    if len(relations) == 1:
        return head + f"certain: {a} {relations.phrase} {b}", None
    if not relations:
        why = "no relation is possible: the dates contradict each other"
        return head + why, f"{args.a} and {args.b}: {why}"
    return head + f"possible ({len(relations)} of 13): {a} {relations.phrase} {b}", None


def _check(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline.compare import report

    t = _read(args.file)
    r = report(t)
    failed = r.failures(strict=args.strict)
    text = safe.terminal(r.text())
    verdict = f"\n\n{len(failed)} finding(s) fail the check" if failed else "\n\nAll checks pass"
    explained = len(r.explained())
    if explained:
        verdict += f"; {explained} finding(s) explained by inconsistencies the file states"
    verdict += "" if failed else "."
    name = "<stdin>" if args.file == "-" else args.file or "the sample"
    failure = f"{name}: {len(failed)} finding(s) fail the check" if failed else None
    return f"{len(t)} events read and valid.\n\n{text}{verdict}", failure


def _writers() -> dict[str, Callable[[Timeline], str]]:
    """Every text format ``export`` writes, by name: the library's exports and more."""
    from timeline import export, render
    from timeline.io import bulk, dumps

    return {
        **export.FORMATS,
        "yaml": dumps,
        "jsonl": bulk.dumps_jsonl,
        "markdown": lambda t: render.markdown(t, sources=True, quotes=True),
        "html": render.html_page,
        "svg": render.svg,
    }


def _export(args: argparse.Namespace) -> tuple[str, str | None]:
    fmt = args.format
    if fmt == "parquet" and args.output is None:  # said before the file is read
        raise _UsageError("--format parquet writes a binary file: give --output FILE")
    t = _filter(_read(args.file), args)
    if fmt == "parquet":  # the one format that is not text
        from timeline.io import bulk

        bulk.dump_parquet(t, args.output)
        return "", None
    text = _writers()[fmt](t)
    if args.output is not None:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        return "", None
    return text, None


def _schema(args: argparse.Namespace) -> tuple[str, str | None]:
    import json

    from timeline.io import json_schema

    return json.dumps(json_schema(), indent=2, sort_keys=True), None


def _export_formats() -> list[str]:
    return sorted({*_writers(), "parquet"})


# --------------------------------------------------------------------------------------
# The parser.


def _parser() -> argparse.ArgumentParser:
    from timeline import __version__

    parser = _Parser(
        prog=PROG,
        description="Chronologies you can trust, from dated events whose dates are often vague.",
        epilog="Without FILE, every command works on the sample timeline that ships with "
        "the package. Run 'timeline COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def command(
        name: str, run: Callable[[argparse.Namespace], tuple[str, str | None]], text: str
    ) -> Any:
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(run=run)
        return p

    def file_argument(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "file",
            nargs="?",
            type=_path,
            metavar="FILE",
            help="a timeline (.yaml, .yml, .jsonl, .parquet, or - for standard input); "
            "default: the bundled sample",
        )

    p = command("show", _show, "Print the chronology: one block per event, in order.")
    file_argument(p)
    p.add_argument("--headings", choices=HEADINGS, help="group the events under headings")
    p.add_argument("--sources", action="store_true", help="list each event's sources")
    p.add_argument("--quotes", action="store_true", help="quote the words each event rests on")
    p.add_argument("--markdown", action="store_true", help="Markdown instead of plain text")
    p.add_argument("--width", type=_width, help="wrap to this many columns (default: terminal)")
    _add_filters(p)

    p = command("table", _table, "Print the events (or their numbers) as a table.")
    file_argument(p)
    tables = sorted(table_formats())
    p.add_argument(
        "--format",
        default="simple",
        choices=tables,
        metavar="FMT",
        help="any tabulate format: " + ", ".join(tables),
    )
    p.add_argument(
        "--columns",
        metavar="A,B,...",
        help="columns: date, kind, title, places, actors, tags, metrics, sources, edtf, id, "
        "precision (default: date,kind,title)",
    )
    p.add_argument("--metrics", action="store_true", help="one row per reported number")
    _add_filters(p)

    p = command("chart", _chart, "Draw the events on a shared time axis.")
    file_argument(p)
    p.add_argument("--width", type=_width, help="columns to fill (default: terminal)")
    p.add_argument("--lanes", choices=("event", "kind"), default="event", help="one lane per")
    p.add_argument("--ascii", action="store_true", help="draw with ASCII characters only")
    _add_filters(p)

    p = command("query", _query, "List the events that match, possibly grouped.")
    file_argument(p)
    p.add_argument("--group-by", choices=_GROUPS, help="group the events")
    p.add_argument("--ids", action="store_true", help="show event ids instead of titles")
    _add_filters(p)

    p = command("relate", _relate, "Say how two events relate in time (Allen's relations).")
    p.add_argument("a", metavar="A", help="the id of an event")
    p.add_argument("b", metavar="B", help="the id of another event")
    file_argument(p)

    p = command(
        "check",
        _check,
        "Validate a timeline and check its numbers: stated comparisons and contrasts, "
        "parts against totals, sources that disagree, and the notes the file states. "
        "Exits 1 when a claim or a contrast is off, parts exceed their total (or fall "
        "short of one they are said to make up), or two sources give different numbers "
        "for the same quantity, unless an inconsistency the file states explains it.",
    )
    file_argument(p)
    p.add_argument(
        "--strict",
        action="store_true",
        help="also fail on claims and contrasts that cannot be checked, stated parts short "
        "of a total that may not be all of it, and possible conflicts",
    )

    p = command("export", _export, "Write the timeline in another format.")
    file_argument(p)
    formats = _export_formats()
    p.add_argument(
        "--format",
        required=True,
        choices=formats,
        metavar="FMT",
        help="one of: " + ", ".join(formats),
    )
    p.add_argument(
        "-o", "--output", type=_path, metavar="PATH", help="write to PATH instead of stdout"
    )
    _add_filters(p)

    command("schema", _schema, "Print the JSON Schema of the timeline file format.")

    # Reading articles: `timeline find` and `timeline draft`.
    from timeline import _cli_articles

    _cli_articles.register(sub)
    return parser


# --------------------------------------------------------------------------------------
# Entry point.


def _complain(message: str) -> None:
    sys.stderr.write(f"{PROG}: {safe.one_line(message)}\n")


def _write(stream: IO[str], text: str) -> None:
    if text:
        stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else 2
    code: int
    try:
        run: Callable[[argparse.Namespace], tuple[str, str | None]] = args.run
        text, failure = run(args)
        _write(sys.stdout, text)
        if failure is not None:
            _complain(failure)
        code = 1 if failure is not None else 0
    except _UsageError as error:
        parser.print_usage(sys.stderr)
        _complain(f"error: {error}")
        return 2
    except TimelineError as error:
        members = getattr(error, "exceptions", None)
        if members:
            for member in members:
                _complain(str(member))
        else:
            _complain(str(error))
        return 1
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            # The reader went away (`timeline show | head`): not an error of ours.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        name = error.filename if error.filename is not None else ""
        _complain(f"{name}: {error.strerror or error}" if name else str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
