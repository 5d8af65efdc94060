"""Timelines <-> YAML files: the two layers put together."""

from __future__ import annotations

import inspect
import os
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from timeline.collection import Timeline
from timeline.errors import ConstraintError
from timeline.io import _yaml
from timeline.io._yaml import LIMITS, Limits
from timeline.io.records import _collector_paused, _from_records, to_records

__all__ = ["EXTENSIONS", "READ_FORMATS", "dump", "dumps", "load", "loads", "read"]


def load(path: str | os.PathLike[str], *, limits: Limits = LIMITS) -> Timeline:
    """The timeline in the YAML file at ``path``.

    Errors name the file as ``path`` was given. Reads at most
    ``limits.max_bytes`` bytes (plus one, to know there are more). Raises
    :class:`~timeline.io.LoadError` with every problem of the file, and
    :class:`OSError` when the file cannot be read.
    """
    filename = os.fspath(path)
    return loads(_read_at_most(filename, limits.max_bytes), filename=filename, limits=limits)


def _read_at_most(filename: str, max_bytes: int) -> bytes:
    """The file's first ``max_bytes`` bytes, plus one to know there are more."""
    with open(filename, "rb") as f:
        # read(n) allocates n bytes first: ask for no more than the file says it holds,
        # then for the rest if it held more (a pipe, a file in /proc, one still growing).
        size = os.fstat(f.fileno()).st_size
        data = f.read(min(size, max_bytes) + 1)
        if not size < len(data) <= max_bytes:
            return data
        chunks, total = [data], len(data)
        while total <= max_bytes:
            chunk = f.read(min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)


_CHUNK: Final = 1 << 20  # what a pipe is read by


def loads(text: str | bytes, *, filename: str = "<string>", limits: Limits = LIMITS) -> Timeline:
    """The timeline in YAML ``text`` (``str``, or ``bytes`` in UTF-8; a BOM is dropped).

    ``filename`` names the text in errors. Raises
    :class:`~timeline.io.LoadError` with every problem found.
    """
    with _collector_paused():
        data, positions, errors = _yaml.read(text, filename=filename, limits=limits)
        return _from_records(data, filename, positions, errors)


def dumps(timeline: Timeline) -> str:
    """The YAML text of ``timeline``; :func:`loads` reads it back equal.

    The same timeline always gives the same text. Raises
    :class:`~timeline.io.DumpError` for what the file could not hold as it
    is (see :func:`timeline.io.to_records`; lone surrogates in text).
    """
    return _yaml.write(to_records(timeline))


def dump(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write ``timeline`` to the file at ``path`` as UTF-8 YAML (see :func:`dumps`).

    The text is made before the file is opened, so a :class:`DumpError`
    leaves an existing file as it was.
    """
    text = dumps(timeline)
    Path(path).write_text(text, encoding="utf-8", newline="\n")


READ_FORMATS: Final = ("yaml", "jsonl", "parquet", "csv", "timelinejs", "ics")
"""The formats :func:`read` reads, by the names ``--from`` takes."""

EXTENSIONS: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        ".yaml": "yaml",
        ".yml": "yaml",
        ".jsonl": "jsonl",
        ".parquet": "parquet",
        ".csv": "csv",
        ".ics": "ics",
        ".ical": "ics",
        ".ifb": "ics",
    }
)
"""The file name endings :func:`read` tells a format by (case does not matter).

``.json`` is not among them: TimelineJS JSON and the JSON of
:func:`timeline.export.to_json` share it, so it needs ``format=``.
"""


def _reader(name: str) -> Callable[..., Timeline]:
    if name == "yaml":
        return load
    if name in ("jsonl", "parquet"):
        from timeline.io import bulk

        return bulk.load_jsonl if name == "jsonl" else bulk.load_parquet
    if name == "csv":
        from timeline.io.csv import load_csv

        return load_csv
    if name == "timelinejs":
        from timeline.io.timelinejs import load_timelinejs

        return load_timelinejs
    from timeline.io.ics import load_ics

    return load_ics


def format_of(path: str | os.PathLike[str]) -> str | None:
    """The format :func:`read` would read ``path`` as without ``format=``; None if unknown."""
    return EXTENSIONS.get(Path(os.fspath(path)).suffix.lower())


def read(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    columns: str | Mapping[str, str] | None = None,
    **options: Any,
) -> Timeline:
    """The timeline in the file at ``path``, read by the reader of its format.

    ``format`` is one of :data:`READ_FORMATS` (``yaml``, ``jsonl``,
    ``parquet``, ``csv``, ``timelinejs``, ``ics``); without it the format is
    told by the file name's ending (:data:`EXTENSIONS`). ``columns`` is the
    CSV reader's (:func:`timeline.io.csv.load_csv`): a layout name, a
    mapping of fields to columns, or their text (``date=When,title=Headline``).
    Other ``options`` go to the format's reader: ``base`` and ``tz`` to the
    CSV, TimelineJS and iCalendar readers, ``sniff`` to the CSV one,
    ``timed`` to the iCalendar one, ``limits`` to each.

    Raises :class:`~timeline.ConstraintError` for an unknown format, a file
    name that does not say its format, ``columns`` for another format than
    CSV and an option the reader does not take (naming those it takes);
    :class:`~timeline.io.LoadError` with every problem of the file; and
    :class:`OSError` when the file cannot be read.
    """
    name = format if format is not None else format_of(path)
    if name is None:
        raise ConstraintError(
            f"cannot tell the format of {os.fspath(path)!r} by its name: give the format "
            f"({', '.join(READ_FORMATS)})"
        )
    if name not in READ_FORMATS:
        raise ConstraintError(
            f"unknown format {name!r}; the formats read are {', '.join(READ_FORMATS)}"
        )
    reader = _reader(name)
    if columns is not None:
        if name != "csv":
            raise ConstraintError(f"columns are read from a CSV file only, not from {name}")
        options["columns"] = columns
    takes = [
        p.name
        for p in inspect.signature(reader).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    unknown = sorted(set(options) - set(takes))
    if unknown:
        raise ConstraintError(
            f"the {name} reader has no option {', '.join(unknown)}; it takes {', '.join(takes)}"
        )
    return reader(path, **options)
