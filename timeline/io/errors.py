"""The exceptions of :mod:`timeline.io`.

Reading a file collects every problem it finds and raises them together, as
one :class:`LoadError`; each member says where the problem is::

    TimelineError
    ├── LoadError (ExceptionGroup)    every problem of one file, together
    ├── FieldError (ValueError)       a value, key or record the format does not allow
    ├── YAMLSyntaxError (ValueError)  text that is not well-formed YAML (or not UTF-8)
    ├── JSONSyntaxError (ValueError)  a JSON Lines line that is not one allowed JSON object
    ├── LimitError (ValueError)       a file beyond the :class:`~timeline.io.Limits`
    └── DumpError (ValueError)        a timeline that cannot be written faithfully

``FieldError``, ``YAMLSyntaxError`` and ``LimitError`` share the attributes
``filename``, ``line``, ``column`` (1-based; ``None`` when not known, e.g. for
plain data that did not come from a file), ``path`` (``events[3].when``; empty
for the file as a whole), ``event_id`` (the id of the event — or, under
``sources``, of the source — the path is in; empty if none) and ``message``.
Their ``str()`` is one line::

    events.yaml:41:7: events[3] (safe-city).when: '2017-02-30': February has 28 days in 2017

Catch the group with ``except LoadError`` (or ``except TimelineError``), or
its members one kind at a time with ``except* FieldError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from timeline.errors import TimelineError

__all__ = [
    "DumpError",
    "FieldError",
    "JSONSyntaxError",
    "LimitError",
    "LoadError",
    "YAMLSyntaxError",
]


def _where(path: str, event_id: str) -> str:
    """``events[3].when`` with the record's id after its index: ``events[3] (safe-city).when``."""
    if not event_id or not path.startswith(("events[", "sources[")):
        return path
    end = path.index("]") + 1
    return f"{path[:end]} ({event_id}){path[end:]}"


class _PositionedError(TimelineError, ValueError):
    """A problem at a place in a file: the common body of the members of a LoadError."""

    def __init__(
        self,
        message: str,
        *,
        filename: str = "<string>",
        line: int | None = None,
        column: int | None = None,
        path: str = "",
        event_id: str = "",
    ) -> None:
        self.filename = filename
        self.line = line
        self.column = column
        self.path = path
        self.event_id = event_id
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        place = self.filename
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        where = _where(self.path, self.event_id)
        return f"{place}: {where}: {self.message}" if where else f"{place}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild,
            (type(self), self.message, self.filename, self.line, self.column, self.path),
            {"event_id": self.event_id},
        )


def _rebuild(
    cls: type[_PositionedError],
    message: str,
    filename: str,
    line: int | None,
    column: int | None,
    path: str,
) -> _PositionedError:
    return cls(message, filename=filename, line=line, column=column, path=path)


class FieldError(_PositionedError):
    """A value, a key or a record that the file format does not allow.

    A wrong type, an unknown or missing field, a date that does not parse, a
    reference to nothing, a derived date that does not re-derive, a duplicate
    key, a tag or an anchor.
    """


class YAMLSyntaxError(_PositionedError):
    """Text that is not well-formed YAML, is not UTF-8, or holds characters YAML forbids.

    ``line`` and ``column`` are those of the problem as the YAML parser
    reports it (for bytes that are not UTF-8, of the first bad byte, whose
    offset the message gives).
    """


class JSONSyntaxError(_PositionedError):
    """A JSON Lines line that is not one JSON object the format allows.

    Not well-formed JSON, not UTF-8, a repeated key, ``NaN`` or
    ``Infinity``, a lone surrogate, nesting too deep to decode, or a line
    that is not an object. ``line`` is the line's number; ``column`` is
    ``None``.
    """


class LimitError(_PositionedError):
    """A file beyond one of the :class:`~timeline.io.Limits`; reading stops there."""


class LoadError(TimelineError, ExceptionGroup[_PositionedError]):
    """Every problem found in one file, as members of one exception group.

    The members are :class:`FieldError`, :class:`YAMLSyntaxError`,
    :class:`JSONSyntaxError` and :class:`LimitError`, in the order of the
    file. ``filename`` names the file; ``str()`` is a header line followed by
    one line per member. Each member names the file; ``line`` is the line
    (YAML, JSON Lines) or the row (Parquet, 1-based) where known. A problem
    of a Parquet file's data as stored (a page whose checksum does not match,
    data pyarrow cannot read, text beyond the limits) has no row: its message
    begins with the row group and the column (``row group 1, column
    'title': ...``).
    """

    # ExceptionGroup builds itself in __new__; Self keeps subclasses' types.
    def __new__(cls, message: str, errors: Sequence[_PositionedError]) -> Self:
        return super().__new__(cls, message, errors)

    @classmethod
    def of(cls, filename: str, errors: Sequence[_PositionedError]) -> Self:
        """The group of ``errors`` found in ``filename``: ``"events.yaml: 3 errors"``."""
        count = len(errors)
        return cls(f"{filename}: {count} error{'s' if count != 1 else ''}", errors)

    @property
    def filename(self) -> str:
        """The file the members are about (that of the first one)."""
        first = self.exceptions[0] if self.exceptions else None
        return first.filename if isinstance(first, _PositionedError) else ""

    def derive(self, excs: Sequence[_PositionedError]) -> LoadError:  # type: ignore[override]
        """The same kind of group with other members (what ``except*`` and ``split`` use)."""
        return LoadError(self.message, excs)

    def __str__(self) -> str:
        lines = [self.message]
        lines += [str(error) for error in self.exceptions]
        return "\n".join(lines)


class DumpError(TimelineError, ValueError):
    """A timeline that cannot be written so that reading it back gives it again.

    ``path`` is where in the written data the problem is (``events[3].title``)
    and ``message`` what it is: text that is not valid Unicode (a lone
    surrogate), an anchor named ``published`` that does not give the anchor
    kept, a derived date that does not re-derive, a baseline naming no metric,
    two metrics with one id.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.message))
