"""Timelines <-> YAML files: the two layers put together."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from timeline.collection import Timeline
from timeline.io import _yaml
from timeline.io._yaml import LIMITS, Limits
from timeline.io.records import _collector_paused, _from_records, to_records

__all__ = ["dump", "dumps", "load", "loads"]


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
