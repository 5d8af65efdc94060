"""The ``timeline`` command: a thin shell over the library.

::

    timeline show [FILE]                    the chronology, as text or Markdown
    timeline table [FILE] --format github   a table in any tabulate format
    timeline chart [FILE]                   a chart on a shared time axis
    timeline query [FILE] --overlapping FY2017 --certain --group-by year
    timeline query PATH --engine duckdb     the same query on DuckDB, Polars or Spark
    timeline relate A B [FILE]              the Allen relations possible between two events
    timeline check [FILE]                   validation, claim checks, parts, conflicts
    timeline validate [FILE]                validation only
    timeline export [FILE] --format ics     json, csv, timelinejs, ics, mermaid, html, svg...
    timeline new [FILE]                     a commented template to start a timeline from
    timeline diff A B                       events added, removed and changed, field by field
    timeline merge A B [-o OUT]             the union of two timelines; conflicts refused
    timeline schema                         the JSON Schema of the file format
    timeline completion bash|zsh|tcsh       a shell completion script
    timeline find ARTICLE --published DATE  the dates in an article's text, as a table
    timeline draft ARTICLE --published DATE a draft timeline of an article, as YAML

``FILE`` is a timeline in YAML (``.yaml``/``.yml``, or ``-`` for standard
input), JSON Lines (``.jsonl``), Parquet (``.parquet``) or a Parquet dataset
(a directory with ``_timeline.json``), or in the format ``--from`` names;
without one, the sample that ships with the package. Exit codes: 0 success,
1 bad input, a failed check or (``diff``) timelines that differ, with one
line per problem on standard error naming file, line and field; 2 a usage
error, in one line and a hint. Everything written to the terminal is
neutralised: control characters and escape sequences in the data are shown,
not sent. Long output goes through a pager and headings and dates are
coloured when standard output is a terminal (``--no-pager``, ``--color``,
``NO_COLOR``); reading and writing that takes more than a second shows its
progress on standard error when that is a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn, get_args

from timeline import safe
from timeline.collection import GroupKey
from timeline.errors import MissingDependencyError, TimelineError
from timeline.render import HEADINGS, table_formats

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = ["main"]

PROG: Final = "timeline"
_GROUPS: Final = get_args(GroupKey)
_ENGINES: Final = ("duckdb", "polars", "spark")
_READERS: Final = ("yaml", "jsonl", "parquet", "dataset", "csv", "timelinejs", "ics")
_SHELLS: Final = ("bash", "zsh", "tcsh")
_COLOR_MODES: Final = ("auto", "always", "never")
# What shtab completes a file argument with, by shell (shtab.FILE, without importing shtab).
_COMPLETE_FILE: Final = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}
_PROGRESS_DELAY: Final = 1.0  # seconds of work before a progress line appears
_SNIFF_BYTES: Final = 1 << 20


class _UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


def _suggestion(value: str, known: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the known name closest to ``value``, or ``""``."""
    close = difflib.get_close_matches(value.lower(), [k.lower() for k in known], n=1)
    if not close:
        return ""
    best = next(k for k in known if k.lower() == close[0])
    return f"; did you mean {best!r}?"


def _short_usage(parser: argparse.ArgumentParser) -> str:
    """``usage: timeline query [OPTIONS] [FILE]``: the command's shape in one line."""
    parts = [parser.prog]
    if any(a.option_strings and a.dest != "help" for a in parser._actions):
        parts.append("[OPTIONS]")
    for action in parser._actions:
        if action.option_strings:
            continue
        name = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
        if isinstance(action, argparse._SubParsersAction):
            parts.append(f"{name} ...")
        elif action.nargs == "?":
            parts.append(f"[{name}]")
        else:
            parts.append(name)
    return "usage: " + " ".join(parts)


def _usage_error(parser: argparse.ArgumentParser, message: str) -> None:
    """The error in one line, then the command's shape and where its options are listed."""
    sys.stderr.write(f"{PROG}: error: {safe.one_line(message)}\n")
    hint = f"{_short_usage(parser)}  (try '{parser.prog} --help')"
    sys.stderr.write(safe.one_line(hint) + "\n")


class _Parser(argparse.ArgumentParser):
    """Errors in one line and a hint, never the whole usage block; suggestions for choices."""

    def error(self, message: str) -> NoReturn:
        _usage_error(self, message)
        self.exit(2)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is None or value in action.choices:
            return
        known = [str(c) for c in action.choices]
        what = "command" if isinstance(action, argparse._SubParsersAction) else "value"
        message = f"unknown {what} {value!r}{_suggestion(str(value), known)}"
        if len(known) <= 40:
            message += f" (choose from {', '.join(known)})"
        raise argparse.ArgumentError(action, message)


def _choice(known: Sequence[str]) -> Callable[[str], str]:
    """An argparse type: ``known`` names in any case (``--format CSV``)."""

    def lower(value: str) -> str:
        return value.lower() if value.lower() in known else value

    return lower


# --------------------------------------------------------------------------------------
# Reading a timeline.


def _format_of(file: str, given: str | None) -> str:
    if given is not None:
        return given
    if file == "-":
        return "yaml"
    path = Path(file)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".parquet":
        return "parquet"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".ics", ".ical", ".ifb"):
        return "ics"
    if suffix == ".json":
        return "json"  # told apart by its content, in _read
    with contextlib.suppress(OSError, ValueError):
        from timeline.io.dataset import METADATA_FILE

        if path.is_dir() and (path / METADATA_FILE).is_file():
            return "dataset"
    return "yaml"


# A .json file is a timeline's data (`export --format json`, read as YAML reads JSON) when it
# begins with its version, and TimelineJS3 when it has slides with dates; else it is asked.
_JSON_TIMELINE: Final = re.compile(rb'\A\s*\{\s*"timeline"\s*:')
_JSON_SLIDES: Final = re.compile(rb'"(?:start_date|unique_id)"\s*:')


def _json_kind(name: str, data: bytes) -> str:
    head = data[:_SNIFF_BYTES]
    if _JSON_TIMELINE.match(head):
        return "yaml"
    if _JSON_SLIDES.search(head):
        return "timelinejs"
    raise _UsageError(
        f"{name} is JSON of no kind it can tell: give --from yaml (a timeline's data, as "
        "'export --format json' writes) or --from timelinejs"
    )


_TIMELINE_KEY: Final = re.compile(rb"""(?m)^[ \t]*\{?[ \t]*["']?(?:timeline|events)["']?[ \t]*:""")


def _not_a_timeline(data: bytes) -> str | None:
    """Why ``data`` is plainly not a timeline file (a README, a TOML file), or None."""
    head = data[:_SNIFF_BYTES]
    if not head.strip():
        return "it is empty"
    if _TIMELINE_KEY.search(head) is None:
        return "no 'events' list"
    return None


def _read_yaml(name: str, data: bytes) -> Timeline:
    from timeline import io

    try:
        return io.loads(data, filename=name)
    except io.LoadError:
        why = _not_a_timeline(data)
        if why is not None:
            raise _NotATimeline(f"{name} is not a timeline file ({why})") from None
        raise


class _NotATimeline(TimelineError, ValueError):
    """A file that is no timeline at all: said in one line, not in the parser's words."""


def _read(file: str | None, fmt: str | None = None, args: Any = None) -> Timeline:
    """The timeline in ``file`` (None: the sample), read as ``fmt`` or as its name says.

    ``args`` gives the readers' options (``--columns``, ``--tz``) where a command has them.
    """
    from timeline import io

    if file is None:
        from timeline.sample import sample_path

        return io.load(sample_path())
    kind = _format_of(file, fmt)
    name = "<stdin>" if file == "-" else file
    columns = getattr(args, "csv_columns", None)
    tz = getattr(args, "tz", None)
    base_file = getattr(args, "base", None)
    if columns is not None and kind != "csv":
        raise _UsageError(f"--columns maps the columns of a CSV file, and {name} is read as {kind}")
    base = None if base_file is None else _read(base_file)
    with _progress(f"reading {safe.one_line(name)}"):
        if kind in ("parquet", "dataset"):
            if file == "-":
                raise _UsageError(f"--from {kind} reads a file, not standard input")
            if kind == "parquet":
                return io.load_parquet(file)
            from timeline.io.dataset import load_dataset

            return load_dataset(file)
        if file == "-":
            data = sys.stdin.buffer.read()
        else:
            from timeline.io._api import _read_at_most

            data = _read_at_most(
                file, io.BULK_LIMITS.max_bytes if kind == "jsonl" else io.LIMITS.max_bytes
            )
        if kind == "json":
            kind = _json_kind(name, data)
        if kind == "jsonl":
            return io.loads_jsonl(data, filename=name)
        if kind == "csv":
            from timeline.io.csv import loads_csv

            return loads_csv(data, filename=name, columns=columns, base=base, tz=tz, sniff=True)
        if kind == "timelinejs":
            from timeline.io.timelinejs import loads_timelinejs

            return loads_timelinejs(data, filename=name, base=base, tz=tz)
        if kind == "ics":
            from timeline.io.ics import loads_ics

            timed: Any = getattr(args, "timed", None) or "error"  # checked by argparse
            return loads_ics(data, filename=name, base=base, tz=tz, timed=timed)
        return _read_yaml(name, data)


def _csv_columns(text: str) -> str | dict[str, str]:
    """``--columns``: a layout's name (timeline, timelinejs) or ``field=Column,...``."""
    from timeline.io.csv import FIELDS

    if text.lower() in ("timeline", "timelinejs"):
        return text.lower()
    mapping: dict[str, str] = {}
    for item in text.split(","):
        field, equals, column = item.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not equals or not field or not column:
            raise argparse.ArgumentTypeError(
                f"{item.strip()!r} is not FIELD=Column; give timeline, timelinejs or "
                "FIELD=Column,... (e.g. date=When,title=Headline)"
            )
        if field not in FIELDS:
            raise argparse.ArgumentTypeError(
                f"unknown field {field!r}{_suggestion(field, FIELDS)} (fields: {', '.join(FIELDS)})"
            )
        if field in mapping:
            raise argparse.ArgumentTypeError(f"the field {field!r} is given twice")
        mapping[field] = column
    return mapping


def _date(text: str) -> Any:
    """An option's date, read when the options are: a bad one is refused before any file."""
    from timeline.parse import parse

    try:
        return parse(text)
    except TimelineError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _fiscal_names() -> list[str]:
    from timeline.calendar import FiscalCalendar

    return sorted(FiscalCalendar.PRESETS)


def _fiscal(name: str | None) -> Any:
    """The fiscal calendar named by ``--fiscal`` (default: the US federal one)."""
    from timeline.calendar import FiscalCalendar

    return FiscalCalendar.PRESETS[name] if name else FiscalCalendar.US_FEDERAL


def _kind(text: str) -> str:
    from timeline.events import event_kinds

    known = sorted(event_kinds())
    if text in known:
        return text
    if text.lower() in known:
        return text.lower()
    raise argparse.ArgumentTypeError(f"unknown event kind {text!r}{_suggestion(text, known)}")


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
        for source in args.source:
            if source not in t.sources:
                known = list(t.sources)
                raise _Failure(f"no source with id {source!r}{_suggestion(source, known)}")
        t = t.citing(*args.source)
    if args.overlapping is not None:
        t = t.overlapping(args.overlapping, certain=certain)
    if args.within is not None:
        t = t.within(args.within, certain=certain)
    if args.containing is not None:
        t = t.containing(args.containing, certain=certain)
    if args.between is not None:
        a, b = args.between
        t = t.between(a, b, certain=certain)
    if args.before is not None:
        t = t.before(args.before, certain=certain)
    if args.after is not None:
        t = t.after(args.after, certain=certain)
    return t


class _Failure(TimelineError, ValueError):
    """What the command line finds wrong with the input (exit code 1), said in one line."""


def _add_filters(p: argparse.ArgumentParser, *, with_certainty: bool = True) -> None:
    g = p.add_argument_group("which events")
    g.add_argument(
        "--kind", action="append", type=_kind, metavar="KIND", help="only this kind (repeatable)"
    )
    g.add_argument("--tag", action="append", metavar="TAG", help="only events with this tag")
    g.add_argument("--place", action="append", metavar="PLACE", help="only events at this place")
    g.add_argument("--source", action="append", metavar="ID", help="only events citing a source")
    g.add_argument(
        "--overlapping", type=_date, metavar="DATE", help="events overlapping DATE (e.g. FY2017)"
    )
    g.add_argument("--within", type=_date, metavar="DATE", help="events within DATE")
    g.add_argument("--containing", type=_date, metavar="DATE", help="events containing DATE")
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


def _whole(low: int, high: int) -> Callable[[str], int]:
    def whole(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"a number from {low} to {high}, not {number}")
        return number

    return whole


_width = _whole(20, 1000)


def _path(value: str) -> str:
    if not value or "\0" in value:
        raise argparse.ArgumentTypeError(f"not a file name: {value!r}")
    return value


def _default_width() -> int:
    return max(40, min(160, shutil.get_terminal_size((80, 24)).columns))


# --------------------------------------------------------------------------------------
# The commands. Each returns the text to print and, when it fails, why (exit code 1;
# one line per problem).


def _show(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline import render

    t = _filter(_read(args.file, args.source_format, args), args)
    options: dict[str, Any] = {
        "headings": args.headings,
        "sources": args.sources,
        "fiscal": _fiscal(args.fiscal),
    }
    if args.markdown:
        return render.markdown(t, **options, quotes=args.quotes), None
    width = args.width or _default_width()
    return render.chronology(t, **options, quotes=args.quotes, width=width), None


def _table(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline import render

    t = _filter(_read(args.file, args.source_format, args), args)
    if args.metrics:
        return render.metrics_table(t, fmt=args.format), None
    columns = ("date", "kind", "title")
    if args.columns:
        columns = tuple(c.strip() for c in args.columns.split(",") if c.strip())
    return render.table(t, columns=columns, fmt=args.format, width=args.width), None


def _chart(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline import render

    t = _filter(_read(args.file, args.source_format, args), args)
    width = args.width or _default_width()
    chart = render.chart(
        t, width=width, lanes=args.lanes, ascii=args.ascii, vagueness=args.vagueness
    )
    return chart, None


def _query(args: argparse.Namespace) -> tuple[str, str | None]:
    if args.engine is not None:
        return _query_engine(args)
    t = _filter(_read(args.file, args.source_format, args), args)
    if args.group_by is None:
        return _listing(t, ids=args.ids), None
    groups = t.group_by(args.group_by, calendar=_fiscal(args.fiscal))
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


_NOT_ON_ENGINES: Final = {
    "kind": "--kind",
    "tag": "--tag",
    "place": "--place",
    "source": "--source",
    "between": "--between",
    "source_format": "--from",
    "csv_columns": "--columns",
    "tz": "--tz",
    "base": "--base",
    "timed": "--timed",
}


def _query_engine(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline import engines

    for name, option in _NOT_ON_ENGINES.items():
        if getattr(args, name):
            raise _UsageError(f"--engine takes the time filters only, not {option}")
    if args.group_by in ("kind", "place"):
        raise _UsageError(f"--engine groups by units of time, not by {args.group_by}")
    if args.file is None or args.file == "-":
        raise _UsageError("--engine reads a Parquet file or dataset: give its PATH")
    tests = {k: getattr(args, k) for k in ("overlapping", "within", "containing", "before")}
    with _progress(f"querying {safe.one_line(args.file)} on {args.engine}"):
        found = engines.query(
            args.file,
            args.engine,
            **tests,
            after=args.after,
            certain=bool(args.certain),
            group_by=args.group_by,
            calendar=_fiscal(args.fiscal),
        )
    if args.group_by is None:
        return "\n".join(safe.one_line(str(i)) for i in found) or "(no events)", None
    lines = []
    for count in found:
        assert isinstance(count, engines.GroupCount)
        shown = count.certain if args.certain else count.possible
        if shown:
            lines.append(
                f"{safe.one_line(str(count.label))}  ({_count(count.certain, count.possible)})"
            )
    return "\n".join(lines) or "(no events)", None


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
    t = _read(args.file, args.source_format, args)
    for event_id in (args.a, args.b):
        if event_id not in t:
            known = [e.id for e in t]
            return "", f"no event with id {event_id!r}{_suggestion(event_id, known)}"
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


def _name(file: str | None) -> str:
    return "<stdin>" if file == "-" else file or "the sample"


def _check(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline.compare import report

    t = _read(args.file, args.source_format, args)
    r = report(t)
    failed = r.failures(strict=args.strict)
    text = safe.terminal(r.text())
    verdict = f"\n\n{len(failed)} finding(s) fail the check" if failed else "\n\nAll checks pass"
    explained = len(r.explained())
    if explained:
        verdict += f"; {explained} finding(s) explained by inconsistencies the file states"
    verdict += "" if failed else "."
    failure = f"{_name(args.file)}: {len(failed)} finding(s) fail the check" if failed else None
    return f"{len(t)} events read and valid.\n\n{text}{verdict}", failure


def _validate(args: argparse.Namespace) -> tuple[str, str | None]:
    t = _read(args.file, args.source_format, args)
    parts = [_plural(len(t), "event"), _plural(len(t.sources), "source")]
    if t.relations:
        parts.append(_plural(len(t.relations), "relation claim"))
    return f"{_name(args.file)}: {', '.join(parts)}, read and valid.", None


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _writers() -> dict[str, Callable[..., str]]:
    """Every text format ``export`` writes, by name: the library's exports and more."""
    from timeline import export, render
    from timeline.io import bulk, dumps

    writers: dict[str, Callable[..., str]] = {
        **export.FORMATS,
        "yaml": dumps,
        "jsonl": bulk.dumps_jsonl,
        "markdown": render.markdown,
        "html": render.html_page,
        "svg": render.svg,
    }
    if "vega-lite" not in writers:
        with contextlib.suppress(ImportError):
            from timeline.export.vegalite import vega_lite

            writers["vega-lite"] = vega_lite
    return writers


# The options whose --no- form is passed on (the writer's default is True).
_NEGATABLE: Final = ("interactive",)

# The export options, by the keyword of the writers that take them. Markdown writes
# sources and quotes unless told not to (its library defaults).
_EXPORT_OPTIONS: Final = (
    "width",
    "lanes",
    "title",
    "headings",
    "interactive",
    "indent",
    "include_uncertain",
    "vague",
    "step",
    "fiscal",
)


def _keywords(function: Callable[..., str]) -> list[str]:
    import inspect

    parameters = inspect.signature(function).parameters.values()
    return [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]


def _export_options(
    fmt: str, writer: Callable[..., str], args: argparse.Namespace
) -> dict[str, Any]:
    takes = _keywords(writer)
    options: dict[str, Any] = {}
    for name in _EXPORT_OPTIONS:
        value = getattr(args, name, None)
        if value is None or (value is False and name not in _NEGATABLE):
            continue
        if name not in takes:
            known = [f"--{k.replace('_', '-')}" for k in _EXPORT_OPTIONS if k in takes]
            also = f" (it takes {', '.join(known)})" if known else " (it takes no options)"
            raise _UsageError(f"--format {fmt} takes no --{name.replace('_', '-')}{also}")
        options[name] = _fiscal(value) if name == "fiscal" else value
    return options


def _write_file(t: Timeline, fmt: str, output: str, text: str | None) -> None:
    with _progress(f"writing {safe.one_line(output)}"):
        if fmt == "parquet":
            from timeline.io import bulk

            bulk.dump_parquet(t, output)
        else:
            assert text is not None
            Path(output).write_text(text, encoding="utf-8", newline="")


def _export(args: argparse.Namespace) -> tuple[str, str | None]:
    fmt = args.format
    if fmt == "parquet" and args.output is None:  # said before the file is read
        raise _UsageError("--format parquet writes a binary file: give --output FILE")
    writer = _writers().get(fmt)
    options = {} if writer is None else _export_options(fmt, writer, args)
    if writer is None and any(getattr(args, k, None) for k in _EXPORT_OPTIONS):
        raise _UsageError(f"--format {fmt} takes no options")
    t = _filter(_read(args.file, args.source_format, args), args)
    left_out = ""
    if writer is None:
        text = None
    elif fmt in _library_formats():
        from timeline.export import export_report

        report = export_report(t, fmt, **options)
        text, left_out = report.text, _left_out(report, _keywords(writer), options.get("vague"))
    else:
        text = writer(t, **options)
    if args.output is not None:
        _write_file(t, fmt, args.output, text)
        text = ""
    if left_out:
        sys.stderr.write(f"{PROG}: {left_out}\n")
    return text or "", None


def _library_formats() -> frozenset[str]:
    from timeline import export

    return frozenset(export.FORMATS)


def _left_out(report: Any, takes: Sequence[str], vague: str | None) -> str:
    """``"N of M events left out (reason: n, ...)"`` and how to draw them, or ``""``."""
    if not report.left_out:
        return ""
    reasons = ", ".join(f"{reason}: {n}" for reason, n in report.reasons.items())
    line = f"{len(report.left_out)} of {report.total} events left out ({reasons})"
    if "uncertain date" in report.reasons and "vague" in takes and vague != "possible":
        wider = "--vague possible" if vague == "certain" else "--vague certain or possible"
        line += f"; {wider} draws the vague ones"
    return line


def _schema(args: argparse.Namespace) -> tuple[str, str | None]:
    import json

    from timeline.io import json_schema

    return json.dumps(json_schema(), indent=2, sort_keys=True), None


def _template_text() -> str:
    from importlib import resources

    return resources.files("timeline").joinpath("data", "template.yaml").read_text("utf-8")


def _new(args: argparse.Namespace) -> tuple[str, str | None]:
    text = _template_text()
    if args.file is None or args.file == "-":
        return text, None
    path = Path(args.file)
    if path.exists() and not args.force:
        return "", f"{args.file} exists; give --force to replace it"
    path.write_text(text, encoding="utf-8", newline="\n")
    name = safe.one_line(args.file)
    sys.stderr.write(f"{PROG}: wrote {name}; 'timeline check {name}' reads it\n")
    return "", None


def _shown(value: Any) -> str:
    import json

    if value is None:
        return "(absent)"
    if isinstance(value, str):
        return safe.one_line(json.dumps(value, ensure_ascii=False))
    return safe.one_line(json.dumps(value, ensure_ascii=False, default=str))


def _diff(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline.merge import diff

    a = _read(args.a, args.source_format, args)
    b = _read(args.b, args.source_format, args)
    d = diff(a, b)
    if not d:
        return "", None
    lines = [f"--- {safe.one_line(args.a)}", f"+++ {safe.one_line(args.b)}"]
    if d.title is not None:
        lines.append(f"~ title: {_shown(d.title.old)} → {_shown(d.title.new)}")
    for event in d.removed:
        lines.append(f"- {_line_with_id(event)}")
    for event in d.added:
        lines.append(f"+ {_line_with_id(event)}")
    for changed in d.changed:
        lines.append(f"~ {safe.one_line(changed.id)}")
        lines += [
            f"    {safe.one_line(c.path)}: {_shown(c.old)} → {_shown(c.new)}"
            for c in changed.changes
        ]
    for source in d.sources_removed:
        lines.append(f"- source {safe.one_line(source.id)}")
    for source in d.sources_added:
        lines.append(f"+ source {safe.one_line(source.id)}")
    for changed in d.sources_changed:
        lines.append(f"~ source {safe.one_line(changed.id)}")
        lines += [
            f"    {safe.one_line(c.path)}: {_shown(c.old)} → {_shown(c.new)}"
            for c in changed.changes
        ]
    for claim in d.relations_removed:
        lines.append(f"- relation {_claim(claim)}")
    for claim in d.relations_added:
        lines.append(f"+ relation {_claim(claim)}")
    counts = [
        f"{len(d.added)} added",
        f"{len(d.removed)} removed",
        f"{len(d.changed)} changed",
    ]
    failure = f"{args.a} and {args.b} differ: events {', '.join(counts)}"
    others = len(d.sources_added) + len(d.sources_removed) + len(d.sources_changed)
    if others:
        failure += f"; {_plural(others, 'source')} differ"
    claims = len(d.relations_added) + len(d.relations_removed)
    if claims:
        failure += f"; {_plural(claims, 'relation claim')} differ"
    return "\n".join(lines), failure


def _line_with_id(event: Any) -> str:
    return f"{safe.one_line(event.id)}: {_line(event, ids=False)}"


def _claim(claim: Any) -> str:
    return f"{safe.one_line(claim.a)} {claim.relations.phrase} {safe.one_line(claim.b)}"


def _merge(args: argparse.Namespace) -> tuple[str, str | None]:
    from timeline.io import dumps
    from timeline.merge import MergeConflictError, union

    a = _read(args.a, args.source_format, args)
    b = _read(args.b, args.source_format, args)
    try:
        merged = union(a, b, title=args.title)
    except MergeConflictError as error:
        lines = [f"{args.a} and {args.b}: {c}" for c in error.conflicts]
        lines.append(f"{len(error.conflicts)} conflicting id(s): nothing merged, nothing written")
        return "", "\n".join(lines)
    if args.output is None:
        return safe.terminal(dumps(merged)), None
    fmt = _format_of(args.output, None)
    if fmt == "dataset":
        raise _UsageError("merge writes one file: YAML, JSON Lines (.jsonl) or Parquet")
    if fmt == "jsonl":
        from timeline.io import bulk

        text: str | None = bulk.dumps_jsonl(merged)
    else:
        text = None if fmt == "parquet" else dumps(merged)
    _write_file(merged, fmt, args.output, text)
    return "", None


def _completion(args: argparse.Namespace) -> tuple[str, str | None]:
    try:
        import shtab
    except ImportError:
        raise MissingDependencyError(
            "shell completion needs shtab, which is not installed: pip install 'timeline[cli]'"
        ) from None
    script: str = shtab.complete(_parser(), shell=args.shell)
    return script, None


def _export_formats() -> list[str]:
    return sorted({*_writers(), "parquet"})


# --------------------------------------------------------------------------------------
# Colour: the command line's own codes, added to text already neutralised.

_CODES: Final = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def _styled(text: str, style: str) -> str:
    return f"\x1b[{_CODES[style]}m{text}\x1b[0m"


_UNDERLINE: Final = re.compile(r"[=-]{3,}")
_SHOW_DATE: Final = re.compile(r"^(\S.*?)( — )")
_QUERY_DATE: Final = re.compile(r"^(  [ ?] )?(\S.*?)( — )")
_GROUP_HEADING: Final = re.compile(r"^(\S.*  \(\d[^)]*\))$")
_VERDICT: Final = re.compile(r"^(\d+\. )([A-Z][A-Z -]*?)(:)")
_GOOD: Final = frozenset({"HOLDS", "ADDS UP", "AGREE", "AGREES"})
_BAD: Final = frozenset({"OFF", "OVER", "SAME QUANTITY"})


def _headings(lines: list[str]) -> set[int]:
    """The lines that are headings: each one over a line of ``===`` or ``---``."""
    found: set[int] = set()
    for i in range(len(lines) - 1):
        if lines[i].strip() and _UNDERLINE.fullmatch(lines[i + 1]):
            found.update((i, i + 1))
    return found


def _paint_show(text: str) -> str:
    lines = text.split("\n")
    headings = _headings(lines)
    for i, line in enumerate(lines):
        if i in headings:
            lines[i] = _styled(line, "bold")
        else:
            lines[i] = _SHOW_DATE.sub(lambda m: _styled(m.group(1), "cyan") + m.group(2), line)
    return "\n".join(lines)


def _paint_query(text: str) -> str:
    def date(m: re.Match[str]) -> str:
        return (m.group(1) or "") + _styled(m.group(2), "cyan") + m.group(3)

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _GROUP_HEADING.match(line):
            lines[i] = _styled(line, "bold")
        else:
            lines[i] = _QUERY_DATE.sub(date, line)
    return "\n".join(lines)


def _paint_check(text: str) -> str:
    def verdict(m: re.Match[str]) -> str:
        word = m.group(2)
        style = "green" if word in _GOOD else "red" if word in _BAD else "yellow"
        return m.group(1) + _styled(word, style) + m.group(3)

    lines = text.split("\n")
    headings = _headings(lines)
    for i, line in enumerate(lines):
        lines[i] = _styled(line, "bold") if i in headings else _VERDICT.sub(verdict, line)
    return "\n".join(lines)


def _paint_diff(text: str) -> str:
    styles = {"+": "green", "-": "red", "~": "yellow"}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        style = styles.get(line[:1])
        if style is not None:
            lines[i] = _styled(line, "bold" if line[:4] in ("--- ", "+++ ") else style)
    return "\n".join(lines)


def _colour(args: argparse.Namespace) -> bool:
    mode = getattr(args, "color", "auto")
    if mode != "auto":
        return bool(mode == "always")
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _is_terminal(sys.stdout)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------------------
# The pager and the progress line.


def _rows(text: str, columns: int) -> int:
    return sum(max(1, math.ceil(len(line) / columns)) for line in text.split("\n"))


def _spawn(argv: list[str], env: dict[str, str]) -> Any:
    return subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)


def _page(text: str) -> bool:
    """Show ``text`` (already neutralised) through the user's pager; False when there is none.

    ``$PAGER``, else ``less``; ``LESS`` defaults to ``FRX`` (quit when one
    screen is enough, pass the colour codes, keep the screen) as git does.
    ``-R`` passes every escape sequence, which is why only text whose own
    escapes have been made visible is paged.
    """
    command = os.environ.get("PAGER", "less")
    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    if not argv or argv[0] == "cat":
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        process = _spawn(argv, env)
    except OSError:
        return False
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    with contextlib.suppress(BrokenPipeError):  # the reader quit the pager early
        process.stdin.write(text.encode(encoding, "replace"))
        process.stdin.close()
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # the pager handles Ctrl-C itself: wait for it to end
            continue


def _should_page(args: argparse.Namespace, text: str) -> bool:
    if not getattr(args, "page", False) or getattr(args, "no_pager", False):
        return False
    if not _is_terminal(sys.stdout):
        return False
    size = shutil.get_terminal_size((80, 24))
    return _rows(text, max(1, size.columns)) >= size.lines


@contextlib.contextmanager
def _progress(label: str) -> Iterator[None]:
    """A line on standard error saying what runs and for how long, once it runs for a second.

    Only when standard error is a terminal and tqdm is installed; it is
    cleared when the work ends.
    """
    if not _is_terminal(sys.stderr):
        yield
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield
        return
    done = threading.Event()

    def show() -> None:
        if done.wait(_PROGRESS_DELAY):
            return
        bar = tqdm(
            total=None, desc=label, bar_format="{desc}… {elapsed}", file=sys.stderr, leave=False
        )
        try:
            while not done.wait(0.25):
                bar.refresh()
        finally:
            bar.close()

    thread = threading.Thread(target=show, name="timeline-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


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
    _output_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def command(
        name: str,
        run: Callable[[argparse.Namespace], tuple[str, str | None]],
        text: str,
        paint: Callable[[str], str] | None = None,
    ) -> Any:
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(run=run, page=paint is not None, paint=paint, subparser=p)
        if paint is not None:
            _output_options(p)
        return p

    def file_argument(p: argparse.ArgumentParser, name: str = "file", what: str = "") -> None:
        action = p.add_argument(
            name,
            nargs="?" if name == "file" else None,
            type=_path,
            metavar=name.upper(),
            help=what
            or "a timeline: YAML, .jsonl, .parquet, a Parquet dataset directory, .csv, "
            ".ics, TimelineJS .json, or - for standard input (see --from); default: the "
            "bundled sample",
        )
        action.complete = _COMPLETE_FILE  # type: ignore[attr-defined]

    def source_format(p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group("reading FILE")
        g.add_argument(
            "--from",
            dest="source_format",
            type=_choice(_READERS),
            choices=_READERS,
            metavar="FMT",
            help="read FILE as this format: " + ", ".join(_READERS) + " (default: by its "
            "extension: .jsonl, .parquet, .csv, a dataset directory, .json when it tells; "
            "else yaml)",
        )
        names = ["--csv-columns"] if p.prog.endswith(" table") else ["--columns", "--csv-columns"]
        g.add_argument(
            *names,
            dest="csv_columns",
            type=_csv_columns,
            metavar="MAP",
            help="the columns of a CSV file: timeline (the events CSV of 'export --format "
            "csv'), timelinejs (the TimelineJS3 sheet) or FIELD=Column,... "
            "(date=When,title=Headline); default: told by the header",
        )
        g.add_argument(  # type: ignore[attr-defined]
            "--base",
            type=_path,
            metavar="FILE",
            help="the timeline a CSV, TimelineJS or iCalendar file was exported from: it gives "
            "back what the file does not hold (quotes, metrics, the basis of dates)",
        ).complete = _COMPLETE_FILE
        g.add_argument(
            "--tz",
            metavar="ZONE",
            help="the IANA time zone of the times of day in a TimelineJS file or sheet, or of "
            "an iCalendar's floating times",
        )
        timed = ("error", "start", "days")
        g.add_argument(
            "--timed",
            type=_choice(timed),
            choices=timed,
            help="ics: what a timed event that lasts becomes: an error (the default), the "
            "instant it starts, or the days it covers",
        )

    p = command("show", _show, "Print the chronology: one block per event, in order.", _paint_show)
    file_argument(p)
    source_format(p)
    p.add_argument(
        "--headings",
        type=_choice(HEADINGS),
        choices=HEADINGS,
        help="group the events under headings",
    )
    fiscal_help = (
        "the fiscal calendar of fiscal-year and fiscal-quarter: "
        + ", ".join(_fiscal_names())
        + " (default: us-federal)"
    )
    p.add_argument(
        "--fiscal",
        type=_choice(_fiscal_names()),
        choices=_fiscal_names(),
        metavar="NAME",
        help=fiscal_help,
    )
    p.add_argument("--sources", action="store_true", help="list each event's sources")
    p.add_argument("--quotes", action="store_true", help="quote the words each event rests on")
    p.add_argument("--markdown", action="store_true", help="Markdown instead of plain text")
    p.add_argument("--width", type=_width, help="wrap to this many columns (default: terminal)")
    _add_filters(p)

    p = command("table", _table, "Print the events (or their numbers) as a table.", str)
    file_argument(p)
    source_format(p)
    tables = sorted(table_formats())
    p.add_argument(
        "--format",
        default="simple",
        type=_choice(tables),
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
    p.add_argument(
        "--width", type=_width, help="wrap the title column so rows fit this many columns"
    )
    p.add_argument("--metrics", action="store_true", help="one row per reported number")
    _add_filters(p)

    p = command("chart", _chart, "Draw the events on a shared time axis.", str)
    file_argument(p)
    source_format(p)
    p.add_argument("--width", type=_width, help="columns to fill (default: terminal)")
    lanes = ("event", "kind")
    p.add_argument(
        "--lanes", type=_choice(lanes), choices=lanes, default="event", help="one lane per"
    )
    p.add_argument("--ascii", action="store_true", help="draw with ASCII characters only")
    p.add_argument(
        "--vagueness",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="draw each way of being vague with its own character, with a legend "
        "(the default; --no-vagueness: only certain and possible days)",
    )
    _add_filters(p)

    p = command("query", _query, "List the events that match, possibly grouped.", _paint_query)
    file_argument(p)
    source_format(p)
    p.add_argument("--group-by", type=_choice(_GROUPS), choices=_GROUPS, help="group the events")
    p.add_argument(
        "--fiscal",
        type=_choice(_fiscal_names()),
        choices=_fiscal_names(),
        metavar="NAME",
        help=fiscal_help,
    )
    p.add_argument("--ids", action="store_true", help="show event ids instead of titles")
    p.add_argument(
        "--engine",
        type=_choice(_ENGINES),
        choices=_ENGINES,
        help="run the query on this engine over FILE, a Parquet file or dataset, and print "
        "the ids of the events (or the counts of the groups); takes the time filters and "
        "--certain, and --group-by a unit of time",
    )
    _add_filters(p)

    p = command(
        "relate",
        _relate,
        "Say how two events relate in time (Allen's relations).",
        str,
    )
    p.add_argument("a", metavar="A", help="the id of an event")
    p.add_argument("b", metavar="B", help="the id of another event")
    file_argument(p)
    source_format(p)

    p = command(
        "check",
        _check,
        "Validate a timeline and check its numbers: stated comparisons and contrasts, "
        "parts against totals, sources that disagree, and the notes the file states. "
        "Exits 1 when a claim or a contrast is off, parts exceed their total (or fall "
        "short of one they are said to make up), or two sources give different numbers "
        "for the same quantity, unless an inconsistency the file states explains it.",
        _paint_check,
    )
    file_argument(p)
    source_format(p)
    p.add_argument(
        "--strict",
        action="store_true",
        help="also fail on claims and contrasts that cannot be checked, stated parts short "
        "of a total that may not be all of it, and possible conflicts",
    )

    p = command(
        "validate",
        _validate,
        "Read a timeline and say whether it is valid: every problem on a line of its own "
        "(exit 1), or how many events, sources and relation claims it holds (exit 0). "
        "The first part of 'check', without the checks of its numbers.",
    )
    file_argument(p)
    source_format(p)

    p = command("export", _export, "Write the timeline in another format.")
    file_argument(p)
    source_format(p)
    formats = _export_formats()
    p.add_argument(
        "--format",
        required=True,
        type=_choice(formats),
        choices=formats,
        metavar="FMT",
        help="one of: " + ", ".join(formats),
    )
    p.add_argument(
        "-o", "--output", type=_path, metavar="PATH", help="write to PATH instead of stdout"
    ).complete = _COMPLETE_FILE
    g = p.add_argument_group("options of the formats that take them")
    g.add_argument(
        "--include-uncertain",
        action="store_true",
        help="ics: also write the events without a certain run of days, over the days "
        "they may cover (they are left out by default, and counted on standard error)",
    )
    vague = ("definite", "certain", "possible")
    g.add_argument(
        "--vague",
        type=_choice(vague),
        choices=vague,
        help="ics, timelinejs, mermaid-gantt: how a vague date is drawn: definite (only "
        "dates that are one known run; the others are left out), certain (the days every "
        "reading covers) or possible (the days some reading covers); docs/exports.md",
    )
    g.add_argument(
        "--width", type=_whole(1, 100_000), help="svg, vega-lite: the picture's width in pixels"
    )
    g.add_argument(
        "--lanes", type=_choice(lanes), choices=lanes, help="svg: one lane per event or kind"
    )
    g.add_argument("--step", type=_whole(1, 1000), help="vega-lite: the height of a row")
    g.add_argument("--title", help="html, vega-lite: the title shown (default: the timeline's)")
    g.add_argument(
        "--headings",
        type=_choice(HEADINGS),
        choices=HEADINGS,
        help="html, markdown: group the events under headings",
    )
    g.add_argument(
        "--fiscal",
        type=_choice(_fiscal_names()),
        choices=_fiscal_names(),
        metavar="NAME",
        help="html, markdown: " + fiscal_help,
    )
    g.add_argument(
        "--interactive",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="html: keys, Ctrl+wheel, pinch and drag to zoom (a small inline script, "
        "the default; --no-interactive leaves it out)",
    )
    g.add_argument("--indent", type=_whole(0, 16), help="json, vega-lite: spaces of indentation")
    _add_filters(p)

    p = command(
        "new",
        _new,
        "Write a commented template timeline to FILE (or standard output), to fill in; "
        "'timeline check' accepts it as it is.",
    )
    file_argument(p, what="where to write the template (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = command(
        "diff",
        _diff,
        "Print what turns timeline A into timeline B: events removed (-), added (+) and "
        "changed (~, field by field), then sources and relation claims. Exits 0 when they "
        "hold the same, 1 when they differ (as diff(1) does) or cannot be read.",
        _paint_diff,
    )
    file_argument(p, "a", "the first timeline")
    file_argument(p, "b", "the second timeline")
    source_format(p)

    p = command(
        "merge",
        _merge,
        "Write the union of timelines A and B: every event, source and relation claim of "
        "both, each once. An id the two give different content is a conflict: every "
        "conflict is listed and nothing is written (exit 1).",
    )
    file_argument(p, "a", "the first timeline (its title is kept)")
    file_argument(p, "b", "the second timeline")
    source_format(p)
    p.add_argument(
        "-o",
        "--output",
        type=_path,
        metavar="PATH",
        help="write to PATH (.yaml, .jsonl or .parquet) instead of YAML on stdout",
    ).complete = _COMPLETE_FILE
    p.add_argument("--title", help="the merged timeline's title (default: A's, else B's)")

    command("schema", _schema, "Print the JSON Schema of the timeline file format.")

    p = command(
        "completion",
        _completion,
        "Print a completion script for a shell (needs shtab: pip install 'timeline[cli]'); "
        "see docs/cli.md for where to put it.",
    )
    p.add_argument("shell", type=_choice(_SHELLS), choices=_SHELLS, help="the shell")

    # Reading articles: `timeline find` and `timeline draft`.
    from timeline import _cli_articles

    _cli_articles.register(sub)
    return parser


def _output_options(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: given before or after the command, neither hides the other.
    p.add_argument(
        "--no-pager",
        action="store_true",
        default=argparse.SUPPRESS,
        help="never page long output",
    )
    p.add_argument(
        "--color",
        type=_choice(_COLOR_MODES),
        choices=_COLOR_MODES,
        default=argparse.SUPPRESS,
        help="colour headings and dates: auto (when standard output is a terminal and "
        "NO_COLOR is not set), always or never",
    )


# --------------------------------------------------------------------------------------
# Entry point.


def _complain(message: str) -> None:
    for line in message.split("\n"):
        sys.stderr.write(f"{PROG}: {safe.one_line(line)}\n")


def _emit(args: argparse.Namespace, text: str) -> None:
    if text:
        if not text.endswith("\n"):
            text += "\n"
        page = _should_page(args, text)
        paint = getattr(args, "paint", None)
        if paint is not None and _colour(args):
            text = paint(text)
        if not (page and _page(text)):
            sys.stdout.write(text)
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if not arguments:
        parser.print_help(sys.stderr)
        sys.stderr.write(f"\n{PROG}: error: give a COMMAND, one of those above\n")
        return 2
    try:
        args = parser.parse_args(arguments)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else 2
    code: int
    try:
        run: Callable[[argparse.Namespace], tuple[str, str | None]] = args.run
        text, failure = run(args)
        _emit(args, text)
        if failure is not None:
            _complain(failure)
        code = 1 if failure is not None else 0
    except _UsageError as error:
        _usage_error(getattr(args, "subparser", parser), str(error))
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
