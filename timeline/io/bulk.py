"""Timelines in bulk: JSON Lines and Apache Parquet files.

YAML is for timelines people write and read; these two formats are for
timelines of millions of events. Both hold exactly what a YAML file holds,
and both are read through :mod:`timeline.io.records`, so every check of the
YAML format applies (unique ids, sources that exist, derived dates derived
again, ...) and ``loads_jsonl(dumps_jsonl(t)) == t`` and
``load_parquet(path) == t`` after ``dump_parquet(t, path)``. All problems of
a file are raised together as one :class:`~timeline.io.LoadError`, each
member placed by line (JSON Lines) or row (Parquet)::

    events.jsonl:42: events[40] (safe-city).when: '2017-02-30': February has 28 days in 2017
    events.parquet:41: events[40] (safe-city).title: must be text, not None

Reading never runs code named by the file: JSON is decoded by the standard
library's :mod:`json` into dicts, lists, text, numbers and booleans, and a
Parquet file's columns are read as text.

A file whose events are all *plain* (an id, a kind, a title and a date, no
other field) is held as columns (:mod:`timeline.columns`) without an object
per event: its columns are checked as arrays exactly as the records reader
checks each row, and any row they cannot vouch for sends the whole file
through the reader above, so that the result and every error are the same
(JSON Lines: :mod:`timeline.io._jsonl_columns`, with pyarrow's JSON reader
when pyarrow is installed; Parquet: :mod:`timeline.io._columns`).

**JSON Lines** (UTF-8, one JSON object per line, lines ended by ``\\n``;
a BOM at the start is dropped; blank lines are skipped). Every line names
its record in a ``record`` field, so that a table reader (DuckDB's
``read_json_auto``, polars' ``read_ndjson``) reads the file as one table and
``WHERE record = 'event'`` leaves the events alone, one row each, their
fields as columns (layout 2, :data:`JSONL_LAYOUT`)::

    {"record": "timeline", "timeline": 1, "layout": 2, "title": "...", "source_list": [...]}
    {"record": "event", "id": "safe-city", "kind": "operation", "title": "...", ...}
    {"record": "event", "id": "other-event", "title": "...", "when": "2017-09"}
    {"record": "relation", "relation": {"a": "safe-city", "relation": "before", "b": "other"}}

* Line 1, the *header*: ``record`` is ``"timeline"``, ``timeline`` the
  version of the format (``1``, as at the top of a YAML file), ``layout``
  the version of this layout of lines (``2``), ``title`` the title and
  ``source_list`` the list of source records (``id``, ``outlet``,
  ``author``, ``title``, ``published``, ``basis``, ``file``, ``url``), as
  ``sources:`` in a YAML file. ``record``, ``timeline`` and ``layout`` are
  required. The sources are not called ``sources`` here because that is an
  event's column, its citations: a table reader gives each name one type.
* An *event* line is one event record, exactly as an item of ``events:``
  in a YAML file (``id``, ``kind``, ``title``, ``when``, ``basis``,
  ``places``, ``sources``, ``metrics``, the kind's own fields...), with
  ``"record": "event"`` beside its fields.
* A *relation* line holds one relation record (``a``, ``relation``, ``b``,
  ``source``, ``quote``), as an item of ``relations:``, under the key
  ``relation``.

Writers put the events in the timeline's order, then the relations;
readers take them in any order after the header. On event rows the header's
columns ``timeline``, ``layout`` and ``source_list`` and the relation lines'
``relation`` are null, and ``title`` is the event's title.

*Layout 1* (written before the ``record`` field, and read as before): a
header ``{"timeline": 1, "title": ..., "sources": [...]}``, then one event
record per line, exactly as in YAML, but for lines that are an object whose
only key is ``relation``, each one relation record. A file is of layout 1
when its header has no ``record`` field.

Values are JSON types: text as strings, lists as arrays, records as
objects. Numbers may be JSON numbers or strings of digits as in YAML, and
read as YAML reads the same digits: ``100`` is ``int`` 100, ``1.10`` and
``100.0`` are ``Decimal("1.10")`` and ``Decimal("100.0")``, never floats. A
number written with an exponent (``1E2``, ``1e-3``), which YAML reads as
text that no number field takes, is refused with its line and path, so that
a number has one representation whatever the file's format; the line is
left out. The writer writes ``int`` as numbers and ``Decimal`` as strings
(``"9.5"``), so that no JSON reader turns them into binary floats. Booleans
are ``true`` and ``false``. ``null`` is a field's "nothing" where YAML's
empty value is (see :mod:`timeline.io.records`). Besides the checks of the
records, a line is an error when it is not one JSON object, repeats a key,
holds ``NaN`` or ``Infinity``, or holds a lone surrogate (``"\\ud800"``);
each is reported with its line, and the other lines are still read. A text
file has no checksum: a changed byte that still reads (a quote with one
letter changed) is read as the user's edit.

**Parquet** (read and written with pyarrow, an optional dependency:
``pip install 'timeline[parquet]'``): one row per event, in the timeline's
order, with these columns (``DATE`` is Parquet's date, Arrow's ``date32``):

========================  ========  ===================================================
``id``                    text      the event's id
``kind``                  text      its kind (``event``, ``operation``...)
``title``                 text      its title
``edtf``                  text      its date, as the YAML format writes ``when``
                                    (EDTF and this library's extensions)
``precision``             text      the grain of the date: ``day``, ``week``,
                                    ``month``, ``year``... (lower-case
                                    :class:`~timeline.Precision` names)
``qualifiers``            text      ``""``, ``"?"``, ``"~"`` or ``"%"``: every EDTF
                                    qualifier on the date or any of its parts
``first_earliest``        DATE      the earliest possible first day
``first_latest``          DATE      the latest possible first day
``last_earliest``         DATE      the earliest possible last day
``last_latest``           DATE      the latest possible last day
``bounds_exact``          boolean   whether the overlap SQL below is exact for the row
``rest``                  text      the event's other fields (``basis``, ``summary``,
                                    ``places``, ``actors``, ``tags``, ``sources``,
                                    ``metrics``, the kind's own fields) as one JSON
                                    object, as in a JSON Lines event line; ``{}`` if none
========================  ========  ===================================================

The file's key-value metadata holds one key, ``timeline``, whose value is a
JSON object with ``timeline`` (the format's version, ``1``), ``title``,
``sources`` and ``relations``, as in YAML. The columns from ``precision``
to ``bounds_exact`` are derived from ``edtf`` for SQL engines; the reader
ignores them (the date is ``edtf``), and so does nothing break when a tool
drops them. Null in ``id``, ``kind``, ``title`` or ``edtf`` is an absent
field (``kind`` then is ``event``).

**Damage.** :func:`dump_parquet` writes a CRC-32 checksum on every page and,
under the metadata key ``timeline.sha256`` (:data:`PARQUET_DIGEST_KEY`), a
JSON object of SHA-256 digests in lower-case hexadecimal: ``timeline``, of
the bytes of the metadata value ``timeline``; ``id``, ``kind``, ``title``,
``edtf`` and ``rest``, each of the UTF-8 of its column's values as one
compact JSON array (``["a","b",null]``: no spaces, text as it is but for
JSON's escapes; a column the file lacks is all nulls). :func:`load_parquet`
verifies the checksum of every page it reads (the text columns, and the
derived columns, whose pages SQL engines answer from) and each digest. A
file whose metadata does not match its digest is refused for that alone; a
column that does not match is refused, unless rows of the file have
problems of their own, which are reported instead (they say which rows). A
file without the key (written by another tool, or by a tool that rewrote
the file and dropped it) is read as before, and its pages' checksums are
verified where it has them. A tool that changes the content must drop the
key. Whatever pyarrow raises for a damaged file becomes a
:class:`~timeline.io.LoadError` naming the file, and, where the damage is
in the data, the row group and the column::

    events.parquet: row group 1, column 'title': the data cannot be read: could not
    verify page integrity, CRC checksum verification failed for page_ordinal 0

(one line, cut here).

**Size.** Besides the file's size and its data's size uncompressed as the
footer states, ``max_bytes`` bounds the size of the text the columns read
decode to, counted as the file is read, column by column and row group by
row group, before the text is decoded: 4 bytes for each value and the UTF-8
of its text, a dictionary's value as many times as rows hold it. So a file
of a few kilobytes whose rows repeat one long title (dictionary and
run-length encodings), or whose footer states sizes smaller than its
pages', is refused with a :class:`~timeline.io.LimitError` naming the row
group and the column, without the memory its text would take.

**The bounds.** Each day is a day of the proleptic Gregorian calendar, both
ends included. A date's *readings* are the runs of days it could stand for
(those :func:`timeline.relate` considers); the first day of every reading
lies in ``[first_earliest, first_latest]`` and its last day in
``[last_earliest, last_latest]``, each bound reached by some reading. Null
in a ``first_`` column means *no beginning* (an open or unknown start,
before every day), in a ``last_`` column *no end* (after every day): ``2017-06-01/..``
(still going) has ``last_earliest`` and ``last_latest`` null, ``2017-06-01/``
(it ended, when is not known) has ``last_earliest`` 2017-06-01 and
``last_latest`` null. A day outside the years 1–9999 is written as null,
and the row's ``bounds_exact`` is false.

**Overlap as SQL.** An event *possibly* overlaps the window of days
``[a, b]`` when some reading shares a day with it, and *certainly* when
every reading does, as :meth:`Timeline.overlapping(window, certain=...)
<timeline.collection.Timeline.overlapping>` says::

    -- possibly
    (first_earliest IS NULL OR first_earliest <= b) AND (last_latest IS NULL OR last_latest >= a)
    -- certainly
    (first_latest IS NULL OR first_latest <= b) AND (last_earliest IS NULL OR last_earliest >= a)

Both are exact — they select exactly the events that
``Timeline.overlapping`` selects for a window that is one definite run of
days (a day, a month, ``FY2017``, ``2017-01-24/2017-04-30``) — for the rows
whose ``bounds_exact`` is true: every date without a time of day whose
possible days form one unbroken run and whose bounds are days of the years
1–9999 or infinite on their own side. That is every definite date (days,
weeks, months, quarters, seasons, halves, years, decades, fiscal years and
quarters, and periods between them), every period with open (``..``) or
unknown ends, one day somewhere inside a run (``on(FY2018)``,
``2017-01-XX``), unspecified digits over consecutive units (``201X``,
``2017-XX``), qualified forms of all these (``2017-06~``), and a set
``[a, b]`` whose members leave no gap between them. ``bounds_exact`` is
false for dates with a time of day (compared to the microsecond by the
library), sets with gaps (``[2017-01, 2017-12]``: the "certainly" SQL stays
exact, the "possibly" SQL also selects windows in the gap) and ranges open
on the far side (``[..2017]``). For those rows the SQL is an approximation;
load the file with :func:`load_parquet` for the exact answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any, Final, NoReturn

from timeline import relations as _rel
from timeline import when as w
from timeline.collection import Timeline
from timeline.errors import MissingDependencyError, TimelineError
from timeline.io._api import _read_at_most
from timeline.io._yaml import Limits
from timeline.io.errors import (
    DumpError,
    FieldError,
    JSONSyntaxError,
    LimitError,
    LoadError,
    _PositionedError,
)
from timeline.io.records import FORMAT_VERSION, _collector_paused, _from_records, to_records
from timeline.safe import json_escaped

__all__ = [
    "BULK_LIMITS",
    "JSONL_LAYOUT",
    "PARQUET_DIGEST_KEY",
    "PARQUET_METADATA_KEY",
    "dump_jsonl",
    "dump_parquet",
    "dumps_jsonl",
    "load_jsonl",
    "load_parquet",
    "loads_jsonl",
]

BULK_LIMITS: Final = Limits(max_bytes=1 << 40)
"""The default limits of the bulk readers: those of YAML but for ``max_bytes`` (1 TiB).

``max_bytes`` bounds the size of the input (for Parquet, also the size of
its data uncompressed, and the size its columns decode to: see "Size" in
the module docstring); ``max_depth`` and ``max_scalar`` bound each JSON
value (a JSON Lines line, a Parquet ``rest`` value, the metadata) and
``max_scalar`` the Parquet text columns. ``max_nodes`` is not consulted:
memory grows with the bytes read, which ``max_bytes`` bounds.
"""

PARQUET_METADATA_KEY: Final = "timeline"
"""The key of a Parquet file's key-value metadata that holds the file-level data."""

PARQUET_DIGEST_KEY: Final = "timeline.sha256"
"""The key of a Parquet file's key-value metadata that holds the digests of its content.

Its value is a JSON object of SHA-256 digests by part: see "Damage" in the
module docstring.
"""

_HEX_DIGEST: Final = re.compile("[0-9a-f]{64}", re.ASCII)

_HEADER_KEYS: Final = ("timeline", "title", "sources")
_LAYOUT_2_HEADER_KEYS: Final = ("record", "timeline", "layout", "title", "source_list")

JSONL_LAYOUT: Final = 2
"""The layout of the JSON Lines files :func:`dumps_jsonl` writes (see the module docstring).

Layout 1, read but no longer written, has no ``record`` field: the header
holds the sources, each later line is an event but for ``{"relation": ...}``
lines.
"""
_COLUMN_KEYS: Final = ("id", "kind", "title", "when")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_ID_IN_LINE: Final = re.compile(r'"id"\s*:\s*"([A-Za-z0-9][A-Za-z0-9_.:-]*)"')
_EPOCH_RD: Final = 719163  # 1970-01-01, day 0 of Parquet's DATE
_FIRST_RD: Final = 1  # 0001-01-01
_LAST_RD: Final = 3652059  # 9999-12-31


def _pyarrow() -> tuple[ModuleType, ModuleType]:
    try:
        import pyarrow  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.parquet  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise MissingDependencyError(
            "reading and writing Parquet needs pyarrow, which is not installed: "
            "pip install 'timeline[parquet]'"
        ) from None
    return pyarrow, pyarrow.parquet


# --------------------------------------------------------------------------------------
# JSON values.


class _Duplicate(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a timeline file can hold")


class _Exponent(Exception):
    """A number written with an exponent was decoded (on the rare path: see ``_spellings``)."""


def _fraction(text: str) -> Decimal:
    # YAML reads no exponent (its 1E2 is the text '1E2', which no number field takes):
    # a JSON 1E2 read as Decimal('1E+2') would be one number with two representations.
    if "e" in text or "E" in text:
        raise _Exponent(text)
    return Decimal(text)


class _Spelled:
    """A number written with an exponent, kept as written to say where it is."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_DECODER: Final = json.JSONDecoder(
    object_pairs_hook=_object, parse_float=_fraction, parse_constant=_no_constant
)
_MARKING: Final = json.JSONDecoder(
    object_pairs_hook=_object, parse_float=_Spelled, parse_constant=_no_constant
)


class _Spellings(Exception):
    """Numbers written with an exponent in a value: ``(path inside it, text as written)`` each.

    ``value`` is the value decoded, with each such number as a ``_Spelled``.
    """

    def __init__(self, found: list[tuple[str, str]], value: Any) -> None:
        self.found = found
        self.value = value
        super().__init__(found)


def _spelled_in(value: object) -> list[tuple[str, str]]:
    """Where the ``_Spelled`` numbers of ``value`` are, in the order of its text."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[object, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _Spelled):
            found.append((path, item.text))
        elif isinstance(item, dict):
            for k, v in reversed(item.items()):
                stack.append((v, f"{path}.{k}" if path else k))
        elif isinstance(item, list):
            for i in range(len(item) - 1, -1, -1):
                stack.append((item[i], f"{path}[{i}]"))
    return found


def _exponent_errors(
    found: Sequence[tuple[str, str]], prefix: str, event_id: object, filename: str, line: int | None
) -> list[FieldError]:
    """The errors of the numbers ``found`` in one value, the value at ``prefix`` (a path).

    A relation line's value is ``{"relation": ...}``: its numbers are placed
    under ``prefix`` (``relations[3]``) without the ``relation`` key.
    """
    errors: list[FieldError] = []
    for path, text in found:
        message = (
            f"the number {text} is written with an exponent; a timeline file writes numbers "
            "with digits, an optional sign and an optional decimal point"
        )
        plain = Decimal(text)
        if abs(plain.adjusted()) <= 30:
            message += f" ({format(plain, 'f')})"
        if prefix.startswith("relations[") and path.startswith("relation"):
            path = path[len("relation") :]
        if prefix and path and path[0] != "[" and path[0] != ".":
            path = "." + path
        errors.append(
            FieldError(
                message,
                filename=filename,
                line=line,
                path=prefix + path,
                event_id=event_id if isinstance(event_id, str) else "",
            )
        )
    return errors


def _json_default(value: object) -> object:
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    if isinstance(value, _Spelled):  # only searched for surrogates, never written
        return value.text
    raise TypeError(f"cannot write {value!r}")


_ENCODER: Final = json.JSONEncoder(
    ensure_ascii=False, separators=(", ", ": "), default=_json_default, allow_nan=False
)
_COMPACT: Final = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), default=_json_default, allow_nan=False
)


def _depth_and_longest(value: object) -> tuple[int, int]:
    """How deeply ``value`` nests (a scalar: 0) and its longest text (key or value)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    depth = longest = 0
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            depth = max(depth, level + 1)
            for k, v in item.items():
                longest = max(longest, len(k))
                stack.append((v, level + 1))
        elif isinstance(item, list):
            depth = max(depth, level + 1)
            stack.extend((v, level + 1) for v in item)
        elif isinstance(item, str):
            longest = max(longest, len(item))
    return depth, longest


def _decode(text: str, limits: Limits) -> Any:
    """The JSON value ``text`` holds; raises ValueError (or LimitError's message) otherwise.

    Raises ``_Limit`` for a value beyond ``limits``, and ``_Spellings`` for a
    value that is otherwise right but holds numbers written with an exponent.
    """
    suspicious = text.count("[") + text.count("{") > limits.max_depth
    spelled = False
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        raise _Limit(f"JSON values nest more than {limits.max_depth} deep") from None
    except _Exponent:
        # Rare: decoded again, each such number kept as written, to say where it is.
        try:
            value = _MARKING.decode(text)
        except RecursionError:
            raise _Limit(f"JSON values nest more than {limits.max_depth} deep") from None
        spelled = True
    if suspicious or len(text) > limits.max_scalar:
        depth, longest = _depth_and_longest(value)
        if depth > limits.max_depth:
            raise _Limit(f"JSON values nest more than {limits.max_depth} deep")
        if longest > limits.max_scalar:
            raise _Limit(
                f"a text is {longest:,} characters long, more than the limit of "
                f"{limits.max_scalar:,}"
            )
    if "\\u" in text and _SURROGATE.search(_COMPACT.encode(value)):
        raise ValueError("a lone surrogate (an escape \\ud800 to \\udfff) is not Unicode text")
    if spelled:
        raise _Spellings(_spelled_in(value), value)
    return value


class _Limit(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _syntax_message(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"not well-formed JSON: {error.msg} (column {error.colno})"
    return str(error)


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    if value is None:
        return "null"
    return f"{value!r}"


# --------------------------------------------------------------------------------------
# Placing the errors of the records layer.


def _placed(
    error: _PositionedError, filename: str, line: Callable[[str], int | None]
) -> _PositionedError:
    """``error`` with the file's name and the line (or row) its path is in."""
    return type(error)(
        error.message,
        filename=filename,
        line=line(error.path),
        column=None,
        path=error.path,
        event_id=error.event_id,
    )


_INDEXED: Final = re.compile(r"(events|relations|sources)\[([0-9]+)\]")


def _raise(filename: str, errors: Sequence[_PositionedError]) -> NoReturn:
    raise LoadError.of(filename, sorted(errors, key=lambda e: (e.line is None, e.line or 0)))


def _read_records(
    data: dict[str, Any],
    filename: str,
    line: Callable[[str], int | None],
    errors: list[_PositionedError],
    bad_events: set[str],
) -> Timeline:
    """The timeline of ``data`` (the records of a whole file), or every problem raised."""
    with _collector_paused():
        try:
            found = _from_records(data, filename, None, [], bad_events=bad_events)
        except LoadError as group:
            for error in group.exceptions:
                assert isinstance(error, _PositionedError)
                errors.append(_placed(error, filename, line))
            _raise(filename, errors)
    if errors:
        _raise(filename, errors)
    return found


# --------------------------------------------------------------------------------------
# JSON Lines.


def loads_jsonl(
    text: str | bytes, *, filename: str = "<string>", limits: Limits = BULK_LIMITS
) -> Timeline:
    """The timeline in JSON Lines ``text`` (``str``, or ``bytes`` in UTF-8; a BOM is dropped).

    ``filename`` names the text in errors. Raises
    :class:`~timeline.io.LoadError` with every problem found, each placed
    by line; a text beyond ``limits.max_bytes`` is refused before it is
    read (see :data:`BULK_LIMITS` for the others).
    """
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a Limits, not {limits!r}")
    size = len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str) else len(text)
    if size > limits.max_bytes:
        message = f"the input is {size:,} bytes, more than the limit of {limits.max_bytes:,}"
        raise LoadError.of(filename, [LimitError(message, filename=filename)])
    if _COLUMNS:
        # A file whose events are all plain is read as columns; any other, or any
        # line the column reader cannot vouch for, is read line by line.
        from timeline.io._jsonl_columns import build_jsonl

        fast = build_jsonl(text, filename, limits)
        if fast is not None:
            return fast
    return _read_jsonl(_lines(text), filename, limits)


def load_jsonl(path: str | os.PathLike[str], *, limits: Limits = BULK_LIMITS) -> Timeline:
    """The timeline in the JSON Lines file at ``path`` (see :func:`loads_jsonl`).

    Errors name the file as ``path`` was given; :class:`OSError` when it
    cannot be read. Reads at most ``limits.max_bytes`` bytes, plus one to
    know there are more.
    """
    filename = os.fspath(path)
    data = _read_at_most(filename, limits.max_bytes)
    return loads_jsonl(data, filename=filename, limits=limits)


def _lines(text: str | bytes) -> Iterator[tuple[int, str | None, str]]:
    """``(line number, text or None when not UTF-8, problem)`` for each line of ``text``."""
    if isinstance(text, str):
        if text.startswith("\ufeff"):
            text = text[1:]
        for i, line in enumerate(text.split("\n"), 1):
            found = None if line.isascii() else _SURROGATE.search(line)
            if found is None:
                yield i, line, ""
            else:  # bytes cannot hold one; text made in Python can
                yield (
                    i,
                    None,
                    f"a lone surrogate U+{ord(found.group()):04X} at column {found.start() + 1}"
                    " is not Unicode text",
                )
        return
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        for i, raw in enumerate(text.split(b"\n"), 1):
            try:
                yield i, raw.decode("utf-8"), ""
            except UnicodeDecodeError as error:
                yield (
                    i,
                    None,
                    f"not UTF-8: the byte {raw[error.start]:#04x} at column {error.start + 1}",
                )
        return
    for i, line in enumerate(decoded.split("\n"), 1):
        yield i, line, ""


def _read_jsonl(
    lines: Iterator[tuple[int, str | None, str]], filename: str, limits: Limits
) -> Timeline:
    errors: list[_PositionedError] = []
    bad_events: set[str] = set()
    header: dict[str, Any] | None = None
    header_line = 1
    layout = 1
    events: list[Any] = []
    event_lines: list[int] = []
    relations: list[Any] = []
    relation_lines: list[int] = []
    decode = _decode

    def problem(cls: type[_PositionedError], number: int, message: str) -> None:
        errors.append(cls(message, filename=filename, line=number))

    for number, line, trouble in lines:
        if line is not None and (not line or line.isspace()):
            continue
        is_header = header is None
        if is_header:
            # The first line is the header even when it cannot be read: the next line
            # is an event all the same. Its version stands in, so that the line's
            # problem is reported once.
            header_line = number
            header = {"timeline": FORMAT_VERSION}
        if line is None:
            problem(JSONSyntaxError, number, trouble)
            continue
        try:
            record = decode(line, limits)
        except _Limit as error:
            problem(LimitError, number, error.message)
            _note_bad(line, bad_events)
            continue
        except _Spellings as spelled:
            # The line is left out, as a line that cannot be read: its value is not one
            # the other formats could hold.
            value = spelled.value
            prefix, event_id = "", None
            if is_header:
                pass
            elif type(value) is dict and (
                (layout == 2 and value.get("record") == "relation")
                or (len(value) == 1 and "relation" in value)
            ):
                prefix = f"relations[{len(relations)}]"
            elif type(value) is dict:
                prefix, event_id = f"events[{len(events)}]", value.get("id")
                _note_bad(line, bad_events)
            errors.extend(_exponent_errors(spelled.found, prefix, event_id, filename, number))
            continue
        except ValueError as error:  # JSONDecodeError, _Duplicate, a constant, digits
            problem(JSONSyntaxError, number, _syntax_message(error))
            _note_bad(line, bad_events)
            continue
        if is_header:
            if type(record) is not dict:
                problem(
                    JSONSyntaxError,
                    number,
                    f"the first line must be the header object "
                    f'{{"record": "timeline", "timeline": {FORMAT_VERSION}, "layout": '
                    f'{JSONL_LAYOUT}, "title": ...}}, not {_kind_of(record)}',
                )
                continue
            header = record
            if "record" in header:
                layout = _check_layout(header, number, problem)
            else:
                for key in header:
                    if key not in _HEADER_KEYS:
                        problem(
                            FieldError,
                            number,
                            f"unknown key {key!r} in the header; it has timeline, title and "
                            "sources, and each event and relation is a line of its own",
                        )
            continue
        if layout == 2:
            found = _layout_2_record(record, number, problem)
            if found is None:
                _note_bad(line, bad_events)
                continue
            what, record = found
            if what == "relation":
                relations.append(record)
                relation_lines.append(number)
            else:
                events.append(record)
                event_lines.append(number)
            continue
        if type(record) is dict and len(record) == 1 and "relation" in record:
            relations.append(record["relation"])
            relation_lines.append(number)
            continue
        if type(record) is not dict:
            problem(
                JSONSyntaxError, number, f"a line must be a JSON object, not {_kind_of(record)}"
            )
            continue
        events.append(record)
        event_lines.append(number)
    if header is None:
        problem(
            FieldError,
            1,
            "the file is empty; its first line is the header "
            f'{{"record": "timeline", "timeline": {FORMAT_VERSION}, ...}}',
        )
        _raise(filename, errors)
    assert header is not None
    data = {k: v for k, v in header.items() if k in _HEADER_KEYS}
    if layout == 2 and "source_list" in header:
        data["sources"] = header["source_list"]
    tables = {"events": event_lines, "relations": relation_lines}
    data["events"] = events
    data["relations"] = relations

    def line_of(path: str) -> int | None:
        found = _INDEXED.match(path)
        if found is not None and found.group(1) in tables:
            return tables[found.group(1)][int(found.group(2))]
        return header_line

    return _read_records(data, filename, line_of, errors, bad_events)


def _check_layout(
    header: dict[str, Any], number: int, problem: Callable[[type[_PositionedError], int, str], None]
) -> int:
    """The layout a header with a ``record`` key states (2), its problems reported."""
    if header.get("record") != "timeline":
        problem(
            FieldError,
            number,
            f"record: the header's record is 'timeline', not {_kind_of(header.get('record'))}",
        )
    layout = header.get("layout")
    if layout != JSONL_LAYOUT or type(layout) is not int:
        problem(
            FieldError,
            number,
            f"layout: a header with a record field is of layout {JSONL_LAYOUT}, not "
            f"{_kind_of(layout) if 'layout' in header else 'without one'}",
        )
    for key in header:
        if key not in _LAYOUT_2_HEADER_KEYS:
            problem(
                FieldError,
                number,
                f"unknown key {key!r} in the header; it has record, timeline, layout, title "
                "and source_list, and each event and relation is a line of its own",
            )
    return JSONL_LAYOUT


def _layout_2_record(
    record: Any, number: int, problem: Callable[[type[_PositionedError], int, str], None]
) -> tuple[str, Any] | None:
    """``(what, the record)`` of a line after a layout-2 header, or None (reported)."""
    if type(record) is not dict:
        problem(JSONSyntaxError, number, f"a line must be a JSON object, not {_kind_of(record)}")
        return None
    what = record.get("record")
    if what == "event":
        return "event", {k: v for k, v in record.items() if k != "record"}
    if what == "relation":
        extra = sorted(k for k in record if k not in ("record", what))
        if extra or what not in record:
            problem(
                FieldError,
                number,
                'a relation line is {"record": "relation", "relation": {...}}'
                + (f"; unknown key {extra[0]!r}" if extra else "; it has no 'relation'"),
            )
            return None
        return what, record[what]
    shown = "no record field" if "record" not in record else f"record {_kind_of(what)}"
    problem(
        FieldError,
        number,
        f"each line after the header names its record, 'event' or 'relation'; this one has {shown}",
    )
    return None


def _note_bad(line: str, bad: set[str]) -> None:
    """Remember the id of an event on a line that cannot be read, if it can be seen.

    So that relations naming it are not reported as naming no event.
    """
    found = _ID_IN_LINE.search(line)
    if found is not None:
        bad.add(found.group(1))


def dumps_jsonl(timeline: Timeline) -> str:
    """The JSON Lines text of ``timeline``; :func:`loads_jsonl` reads it back equal.

    The same timeline always gives the same text. Raises
    :class:`~timeline.io.DumpError` for what the file could not hold as it
    is (see :func:`timeline.io.to_records`; lone surrogates in text).
    """
    return "".join(_jsonl_lines(timeline))


def dump_jsonl(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write ``timeline`` to the file at ``path`` as JSON Lines (see :func:`dumps_jsonl`).

    The text is made before the file is opened, so a :class:`DumpError`
    leaves an existing file as it was.
    """
    text = dumps_jsonl(timeline)
    Path(path).write_text(text, encoding="utf-8", newline="\n")


def _jsonl_lines(timeline: Timeline) -> list[str]:
    records = to_records(timeline)
    header: dict[str, Any] = {
        "record": "timeline",
        "timeline": records["timeline"],
        "layout": JSONL_LAYOUT,
    }
    if "title" in records:
        header["title"] = records["title"]
    if "sources" in records:
        header["source_list"] = records["sources"]
    lines = [_line(header, "")]
    encode = _ENCODER.encode
    for i, event in enumerate(records.get("events", ())):
        lines.append(_line({"record": "event", **event}, f"events[{i}]", encode))
    for i, claim in enumerate(records.get("relations", ())):
        lines.append(_line({"record": "relation", "relation": claim}, f"relations[{i}]", encode))
    return lines


def _line(
    record: Mapping[str, Any], path: str, encode: Callable[[Any], str] = _ENCODER.encode
) -> str:
    try:
        text = encode(record)
    except ValueError as error:  # an int with more digits than str() allows
        raise DumpError(path, str(error)) from None
    found = None if text.isascii() else _SURROGATE.search(text)
    if found is not None:
        raise DumpError(
            path,
            f"holds a lone surrogate U+{ord(found.group()):04X}, which is not Unicode text "
            "and cannot be written as UTF-8",
        )
    # Shown or catted, a .jsonl file is what it says: no raw controls or bidi marks.
    return json_escaped(text) + "\n"


# --------------------------------------------------------------------------------------
# The bounds of a date, for the Parquet columns.

_NEG_EDGE: Final = _rel._NEG + 64
_POS_EDGE: Final = _rel._POS - 64
Bounds = tuple[int | None, int | None, int | None, int | None, bool]
"""first_earliest, first_latest, last_earliest, last_latest (rata die or None), exact."""


def _day(v: int, side: int) -> tuple[int | None, bool]:
    """A bound as a day, or None; and whether it is exact (a day in range, or on its side)."""
    if v <= _NEG_EDGE:
        return None, side < 0
    if v >= _POS_EDGE:
        return None, side > 0
    if _FIRST_RD <= v <= _LAST_RD:
        return v, True
    return None, False


def bounds(value: w.TimeValue) -> Bounds:
    """The four Parquet bounds of ``value`` and its ``bounds_exact`` (see the module docstring).

    Days are rata die numbers; ``None`` is a null.
    """
    if type(value) is w.Extent:
        first, last = value.first, value.last
        if first >= _FIRST_RD and last <= _LAST_RD:
            return first, first, last, last, True
    if isinstance(value, w.Instant) or _rel._has_instant(value):
        return _hull(value)
    try:
        shapes = _rel._shapes(value)
    except (TimelineError, ValueError):
        return _hull(value)
    runs: list[tuple[int, int]] = []
    s_min = s_max = e_min = e_max = 0
    for shape in shapes:
        readings = _rel._readings(shape)
        if readings is None:
            continue  # no reading at all
        a, b, c, d = readings
        if not runs:
            s_min, s_max, e_min, e_max = a, b, c, d
        else:
            s_min, s_max = min(s_min, a), max(s_max, b)
            e_min, e_max = min(e_min, c), max(e_max, d)
        runs.append((a, d - 1))
    if not runs:
        return _hull(value)
    fe, ok1 = _day(s_min, -1)
    fl, ok2 = _day(s_max, -1)
    le, ok3 = _day(e_min - 1, 1)
    ll, ok4 = _day(e_max - 1, 1)
    # Exact unless the readings leave a gap, where some window lies between them.
    exact = ok1 and ok2 and ok3 and ok4 and len(_rel._merge(runs)) == 1
    return fe, fl, le, ll, exact


def _hull(value: w.TimeValue) -> Bounds:
    lo, hi = value.earliest_day, value.latest_day
    lo = lo if lo is not None and _FIRST_RD <= lo <= _LAST_RD else None
    hi = hi if hi is not None and _FIRST_RD <= hi <= _LAST_RD else None
    return lo, hi, lo, hi, False


# --------------------------------------------------------------------------------------
# Parquet.

_TEXT_COLUMNS: Final = ("id", "kind", "title", "edtf", "rest")
_DERIVED_COLUMNS: Final = (
    "precision",
    "qualifiers",
    "first_earliest",
    "first_latest",
    "last_earliest",
    "last_latest",
    "bounds_exact",
)


def _is_text(pa: ModuleType, kind: Any, *, binary: bool = False) -> bool:
    """Whether ``kind`` holds text (or, with ``binary``, bytes), dictionary-encoded or not."""
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if binary and (pa.types.is_binary(kind) or pa.types.is_large_binary(kind)):
        return True
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _narrow(kind: Any) -> bool:
    """Whether each value of ``kind`` takes a fixed width of at most 8 bytes."""
    try:
        return bool(kind.bit_width <= 64)
    except ValueError:  # not of a fixed width
        return False


def dump_parquet(
    timeline: Timeline, path: str | os.PathLike[str], *, compression: str = "zstd"
) -> None:
    """Write ``timeline`` to the Parquet file at ``path`` (layout: the module docstring).

    ``compression`` is a Parquet codec pyarrow knows (``"zstd"``,
    ``"snappy"``, ``"gzip"``, ``"none"``...). The table is made before the
    file is opened, so a :class:`~timeline.io.DumpError` leaves an existing
    file as it was. :func:`load_parquet` reads the file back equal. Every
    page carries a CRC-32 checksum, and the metadata key
    :data:`PARQUET_DIGEST_KEY` the digest of the content (module docstring),
    which :func:`load_parquet` verifies.
    Raises :class:`MissingDependencyError` without pyarrow.
    """
    pa, pq = _pyarrow()
    table = _table(timeline, pa)
    pq.write_table(table, os.fspath(path), **_write_options(table, compression))


# Columns written without a dictionary: an id or a title is seldom repeated, so a
# dictionary only grows the file until the writer gives up on it, and a reader that
# keeps text dictionary-encoded (as load_parquet does, to measure what a file's
# dictionaries would decode to) has to build one for it either way.
_PLAIN_WRITTEN: Final = frozenset({"id", "title"})
_ROW_GROUP: Final = 1 << 17


def _write_options(table: Any, compression: str) -> dict[str, Any]:
    """pyarrow's ``write_table`` options for the layout's files (dump_parquet, dump_dataset)."""
    return {
        "compression": compression,
        "write_page_checksum": True,
        "use_dictionary": [n for n in table.column_names if n not in _PLAIN_WRITTEN],
        "row_group_size": _ROW_GROUP,
    }


def _table(timeline: Timeline, pa: ModuleType) -> Any:
    import numpy as np

    if _COLUMNS:
        from timeline.columns import ColumnStore, plain_columnar

        held: Timeline | None = timeline
        if not isinstance(timeline._store, ColumnStore) and len(timeline) >= _COLUMNAR_FROM:
            held = plain_columnar(timeline)  # the same table, from arrays
        table = None if held is None else _column_table(held, pa)
        if table is not None:
            return table
    records = to_records(timeline)
    events = records.get("events", [])
    n = len(events)
    ids: list[str] = []
    kinds: list[str] = []
    titles: list[str] = []
    edtfs: list[str] = []
    rests: list[str] = []
    encode = _COMPACT.encode
    for i, record in enumerate(events):
        rest = dict(record)
        ids.append(rest.pop("id"))
        kinds.append(rest.pop("kind", "event"))
        titles.append(rest.pop("title"))
        edtfs.append(rest.pop("when"))
        rests.append(_line(rest, f"events[{i}]", encode)[:-1])
    precisions: list[str] = []
    qualifiers: list[str] = []
    days = np.zeros((4, n), dtype=np.int64)
    nulls = np.zeros((4, n), dtype=np.bool_)
    exact = np.zeros(n, dtype=np.bool_)
    cache: dict[int, tuple[str, str, Bounds]] = {}
    for i, event in enumerate(timeline.events):
        value = event.when
        found = cache.get(id(value))
        if found is None:
            found = cache[id(value)] = (
                value.precision.name.lower(),
                value.qualifier.symbol,
                bounds(value),
            )
        precisions.append(found[0])
        qualifiers.append(found[1])
        b = found[2]
        for j in range(4):
            day = b[j]
            if day is None:
                nulls[j, i] = True
            else:
                days[j, i] = day
        exact[i] = b[4]
    dates = [
        pa.array((days[j] - _EPOCH_RD).astype(np.int32), type=pa.int32(), mask=nulls[j]).cast(
            pa.date32()
        )
        for j in range(4)
    ]
    meta = {
        "timeline": FORMAT_VERSION,
        "title": records.get("title", ""),
        "sources": records.get("sources", []),
        "relations": records.get("relations", []),
    }
    columns = {
        "id": pa.array(ids, type=pa.string()),
        "kind": pa.array(kinds, type=pa.string()),
        "title": pa.array(titles, type=pa.string()),
        "edtf": pa.array(edtfs, type=pa.string()),
        "precision": pa.array(precisions, type=pa.string()),
        "qualifiers": pa.array(qualifiers, type=pa.string()),
        "first_earliest": dates[0],
        "first_latest": dates[1],
        "last_earliest": dates[2],
        "last_latest": dates[3],
        "bounds_exact": pa.array(exact, type=pa.bool_()),
        "rest": pa.array(rests, type=pa.string()),
    }
    table = pa.table(columns)
    raw = _line(meta, "", _COMPACT.encode)[:-1].encode("utf-8")
    digests = {PARQUET_METADATA_KEY: hashlib.sha256(raw).hexdigest()}
    for name, values in zip(_TEXT_COLUMNS, (ids, kinds, titles, edtfs, rests), strict=True):
        digest = _ColumnDigest()
        digest.add(values)
        digests[name] = digest.hexdigest()
    return table.replace_schema_metadata(
        {PARQUET_METADATA_KEY: raw, PARQUET_DIGEST_KEY: _COMPACT.encode(digests).encode("ascii")}
    )


# From this many events a timeline of plain events held as objects is written through
# its columns (Timeline.columnar), which is faster than event by event.
_COLUMNAR_FROM: Final = 4096


def _column_table(timeline: Timeline, pa: ModuleType) -> Any:
    """:func:`_table` of a column-held timeline of plain events, from its arrays; else None.

    The id and title columns are the timeline's own arrays (no copy when it is
    the whole of them), the kind and date columns and the derived ones are
    computed once per distinct value and taken for each row, and the digests
    come from the arrays (:func:`timeline.io._columns.digest`). Any event with
    more than an id, kind, title and date, or text a digest needs JSON escapes
    for, leaves the table to the event-by-event path.
    """
    import numpy as np

    from timeline.columns import ColumnStore
    from timeline.io import _columns
    from timeline.io.records import _claim_records, _Dumper, _head_records, _plain_when

    store = timeline._store
    if not isinstance(store, ColumnStore) or store._made or not len(timeline):
        return None
    ids, titles = store._ids, store._titles
    kind_codes, when_codes = store._kind_codes, store._when_codes
    if timeline._positions is not None:
        rows = pa.array(timeline._positions)
        ids, titles = ids.take(rows), titles.take(rows)
        kind_codes, when_codes = kind_codes[timeline._positions], when_codes[timeline._positions]
    n = len(ids)
    if 2 * n >= 2**31:  # the rest column's offsets are int32
        return None
    try:
        out = _Dumper(timeline.sources)
        head = _head_records(timeline, out)
        meta = {
            "timeline": FORMAT_VERSION,
            "title": head.get("title", ""),
            "sources": head.get("sources", []),
            "relations": _claim_records(timeline, out),
        }
        whens = [_plain_when(value) for value in store._whens]
    except DumpError:
        return None  # reported, with the event's place, by the event-by-event path
    found = [bounds(value) for value in store._whens]
    days = np.array([[b[j] if b[j] is not None else 0 for b in found] for j in range(4)])
    nulls = np.array([[b[j] is None for b in found] for j in range(4)], dtype=np.bool_)
    days = days.reshape(4, len(found)).astype(np.int64)
    nulls = nulls.reshape(4, len(found))
    codes = pa.array(when_codes.astype(np.int32))

    def per_row(values: list[str]) -> Any:
        return pa.DictionaryArray.from_arrays(codes, pa.array(values, type=pa.string()))

    kind_rows = pa.DictionaryArray.from_arrays(
        pa.array(kind_codes.astype(np.int32)),
        pa.array([cls.kind for cls in store._kinds], type=pa.string()),
    )
    text = {
        "id": ids,
        "kind": kind_rows,
        "title": titles,
        "edtf": per_row(whens),
        "rest": pa.StringArray.from_buffers(
            n,
            pa.py_buffer(np.arange(0, 2 * n + 1, 2, dtype=np.int32)),
            pa.py_buffer(b"{}" * n),
        ),
    }
    raw = _line(meta, "", _COMPACT.encode)[:-1].encode("utf-8")
    digests = {PARQUET_METADATA_KEY: hashlib.sha256(raw).hexdigest()}
    digests.update((name, _columns.digest(values)) for name, values in text.items())
    dates = [
        pa.array(
            (days[j] - _EPOCH_RD).astype(np.int32)[when_codes],
            type=pa.int32(),
            mask=nulls[j][when_codes],
        ).cast(pa.date32())
        for j in range(4)
    ]
    columns = {
        "id": ids,
        "kind": kind_rows.dictionary_decode(),
        "title": titles,
        "edtf": text["edtf"].dictionary_decode(),
        "precision": per_row([v.precision.name.lower() for v in store._whens]).dictionary_decode(),
        "qualifiers": per_row([v.qualifier.symbol for v in store._whens]).dictionary_decode(),
        "first_earliest": dates[0],
        "first_latest": dates[1],
        "last_earliest": dates[2],
        "last_latest": dates[3],
        "bounds_exact": pa.array(np.array([b[4] for b in found], dtype=np.bool_)[when_codes]),
        "rest": text["rest"],
    }
    table = pa.table(columns)
    return table.replace_schema_metadata(
        {PARQUET_METADATA_KEY: raw, PARQUET_DIGEST_KEY: _COMPACT.encode(digests).encode("ascii")}
    )


class _ColumnDigest:
    """The SHA-256 of a text column's values as one compact JSON array, fed chunk by chunk.

    ``["a","b",null]``: so the digest does not depend on how the rows are
    cut into row groups and pages.
    """

    def __init__(self) -> None:
        self._hash = hashlib.sha256(b"[")
        self._first = True

    def add(self, values: Sequence[str | None]) -> None:
        if not values:
            return
        text = _COMPACT.encode(values)[1:-1]
        if not self._first:
            text = "," + text
        self._first = False
        self._hash.update(text.encode("utf-8", "surrogatepass"))

    def hexdigest(self) -> str:
        done = self._hash.copy()
        done.update(b"]")
        return done.hexdigest()


def load_parquet(path: str | os.PathLike[str], *, limits: Limits = BULK_LIMITS) -> Timeline:
    """The timeline in the Parquet file at ``path`` (layout: the module docstring).

    Only the columns ``id``, ``kind``, ``title``, ``edtf`` and ``rest`` and
    the metadata keys ``timeline`` and ``timeline.sha256`` are read. Raises
    :class:`~timeline.io.LoadError` with every problem, each placed by row
    (1-based: ``events.parquet:41: events[40]...``; problems of the
    metadata have no row, and those of the data as stored name the row group
    and the column), :class:`MissingDependencyError` without pyarrow, and
    :class:`OSError` when the file cannot be opened. Whatever pyarrow says of
    a damaged file becomes a ``LoadError``: a page whose checksum does not
    match, a content that does not match its digest, a footer that cannot be
    read. A file, or its data uncompressed as its footer states, beyond
    ``limits.max_bytes`` is refused before its rows are read; so is, column
    by column and row group by row group, text that decodes to more (each
    value counted as 4 bytes and its UTF-8, from the data as read, not from
    the footer), before it is decoded.
    """
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a Limits, not {limits!r}")
    pa, pq = _pyarrow()
    filename = os.fspath(path)
    size = os.stat(filename).st_size

    def fatal(message: str, cls: type[_PositionedError] = FieldError) -> LoadError:
        return LoadError.of(filename, [cls(message, filename=filename)])

    if size > limits.max_bytes:
        raise fatal(
            f"the file is {size:,} bytes, more than the limit of {limits.max_bytes:,}", LimitError
        )
    failures = (pa.ArrowException, *_FAILURES)
    try:
        parquet = pq.ParquetFile(filename)
        meta = parquet.metadata
        group_rows = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        schema = parquet.schema_arrow
        n = meta.num_rows
    except failures as error:
        raise fatal(f"not a Parquet file pyarrow can read: {error}") from None
    if unpacked > limits.max_bytes:
        raise fatal(
            f"the data is {unpacked:,} bytes uncompressed, more than the limit of "
            f"{limits.max_bytes:,}",
            LimitError,
        )
    if n != sum(group_rows) or any(rows < 0 for rows in group_rows):
        raise fatal(
            f"the footer says the file has {n:,} rows, and its row groups "
            f"{sum(group_rows):,}: the file is damaged"
        )
    errors: list[_PositionedError] = []
    stored = schema.metadata or {}
    data = _metadata(stored, filename, limits, errors)
    wanted = []
    missing: list[_PositionedError] = []
    for name in _TEXT_COLUMNS:
        index = schema.get_field_index(name)
        if index < 0:
            if name in ("id", "title", "edtf"):
                missing.append(FieldError(f"the file has no column {name!r}", filename=filename))
            continue
        kind = schema.field(index).type
        if not _is_text(pa, kind):
            if pa.types.is_dictionary(kind):
                kind = kind.value_type
            missing.append(
                FieldError(f"the column {name!r} must hold text, not {kind}", filename=filename)
            )
            continue
        wanted.append(name)
    if missing:  # the rows cannot be read: report what is known
        _raise(filename, errors + missing)
    expected = _expected_digests(stored, filename)
    raw_meta = stored.get(PARQUET_METADATA_KEY.encode())
    if (
        expected is not None
        and raw_meta is not None
        and hashlib.sha256(raw_meta).hexdigest() != expected[PARQUET_METADATA_KEY]
    ):
        # Every record depends on the metadata: its own errors would mislead.
        raise fatal(_mismatch(f"the metadata {PARQUET_METADATA_KEY!r}"))
    derived = [
        name
        for name in _DERIVED_COLUMNS
        if schema.get_field_index(name) >= 0 and len(schema.get_all_field_indices(name)) == 1
    ]
    # Read as text (dictionary-encoded, measured before decoding) when they hold text or
    # bytes; any other kind of value must be at most 8 bytes wide (dates, flags).
    derived_texts = [n for n in derived if _is_text(pa, schema.field(n).type, binary=True)]
    wide: list[_PositionedError] = [
        FieldError(
            f"the column {n!r} must hold text, dates or flags, not {schema.field(n).type}",
            filename=filename,
        )
        for n in derived
        if n not in derived_texts and not _narrow(schema.field(n).type)
    ]
    if wide:
        _raise(filename, errors + wide)
    texts = [*wanted, *derived_texts]
    # Text columns are read dictionary-encoded, so that their decoded size is known
    # before they are decoded; ids and titles stored as plain pages only (as
    # dump_parquet writes them) have it stated by their pages' headers, and are read
    # as they are stored, without a dictionary hashed from every value.
    from timeline.io import _pages

    plain = _pages.plain_text_columns(
        filename, meta, [name for name in ("id", "title") if name in wanted], limits.max_bytes
    )
    try:
        parquet = pq.ParquetFile(
            filename,
            read_dictionary=[name for name in texts if name not in plain],
            page_checksum_verification=True,
        )
    except failures as error:
        raise fatal(f"not a Parquet file pyarrow can read: {error}") from None
    if _COLUMNS and not errors:
        # Rows that are all plain become columns, without an object per row.
        from timeline.io import _columns

        reader = _ColumnReader(parquet, group_rows, filename, limits, failures)
        together = reader.arrows(wanted)
        if together is None:  # a problem: found again, and named, a column at a time
            reader = _ColumnReader(parquet, group_rows, filename, limits, failures)
            together = {name: reader.arrow(name) for name in wanted}
        fast = _columns.build(together, n, data, expected, filename, limits)
        if fast is not None:
            if not reader.verify_all(derived, derived_texts):
                reader = _ColumnReader(parquet, group_rows, filename, limits, failures)
                for name in derived:
                    reader.verify(name, texts=name in derived_texts)
            return fast
        del together
    reader = _ColumnReader(parquet, group_rows, filename, limits, failures)
    columns: dict[str, list[str | None]] = {}
    mismatch = ""
    for name in _TEXT_COLUMNS:
        digest = _ColumnDigest()
        if name in wanted:
            columns[name] = reader.column(name, digest)
        else:
            digest.add([None] * n)
        if not mismatch and expected is not None and digest.hexdigest() != expected[name]:
            mismatch = _mismatch(f"the column {name!r}")
    for name in derived:  # not read, but the SQL engines' answers depend on them
        reader.verify(name, texts=name in derived_texts)
    del parquet, reader
    events, rows, bad_events = _rows(columns, n, filename, limits, errors)
    data["events"] = events

    def row_of(path: str) -> int | None:
        found = _INDEXED.match(path)
        if found is not None and found.group(1) == "events":
            return rows[int(found.group(2))]
        return None

    # Rows with problems of their own are refused for them, which say which rows; the
    # digest of a column decides only of rows that read without a problem.
    found = _read_records(data, filename, row_of, errors, bad_events)
    if mismatch:
        raise fatal(mismatch)
    return found


# Whether load_parquet and loads_jsonl build a column-held timeline when every row is plain.
_COLUMNS = True


def _mismatch(what: str) -> str:
    return (
        f"the content does not match its digest: {what} is not what was written "
        f"(the metadata key {PARQUET_DIGEST_KEY!r}); the file was damaged, or changed by a "
        "tool that kept the digests of what was there"
    )


# What pyarrow raises for a damaged file besides its own ArrowException: its Python
# layer lets builtins through (a footer whose numbers point nowhere, text not UTF-8).
_FAILURES: Final = (
    OSError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    MemoryError,
    OverflowError,
    NotImplementedError,
    ArithmeticError,
)


def _expected_digests(stored: Mapping[bytes, bytes], filename: str) -> dict[str, str] | None:
    """The digests the file states, by part (see the module docstring); None if it states none."""
    raw = stored.get(PARQUET_DIGEST_KEY.encode())
    if raw is None:
        return None
    parts = (PARQUET_METADATA_KEY, *_TEXT_COLUMNS)
    value: Any = None
    # Not held to limits.max_scalar: a digest is 64 digits whatever the limit. Its size
    # is bounded by the file's.
    with contextlib.suppress(_Exponent, ValueError, RecursionError):  # and UnicodeDecodeError
        value = _DECODER.decode(raw.decode("utf-8"))
    if not (
        type(value) is dict
        and sorted(value) == sorted(parts)
        and all(type(v) is str and _HEX_DIGEST.fullmatch(v) for v in value.values())
    ):
        text = raw[:80].decode("utf-8", "replace")
        message = (
            f"the metadata key {PARQUET_DIGEST_KEY!r} must be a JSON object of SHA-256 digests "
            f"(64 lower-case hexadecimal digits) for {', '.join(parts)}, not {text!r}"
            f"{'...' if len(raw) > 80 else ''}: the file is damaged"
        )
        raise LoadError.of(filename, [FieldError(message, filename=filename)])
    return dict(value)


class _ColumnReader:
    """Reads a file's text columns one row group at a time, within ``limits.max_bytes``.

    Each chunk's decoded size (4 bytes a value and its UTF-8, a dictionary's
    value counted for each row that uses it) is measured before the chunk is
    decoded, against what is left of the limit for the whole file.
    """

    def __init__(
        self,
        parquet: Any,
        group_rows: list[int],
        filename: str,
        limits: Limits,
        failures: tuple[type[BaseException], ...],
    ) -> None:
        import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

        self._pc = pc
        self._parquet = parquet
        self._group_rows = group_rows
        self._filename = filename
        self._limit = limits.max_bytes
        self._failures = failures
        self.used = 0

    def _error(self, message: str, cls: type[_PositionedError] = FieldError) -> LoadError:
        return LoadError.of(self._filename, [cls(message, filename=self._filename)])

    def column(self, name: str, digest: _ColumnDigest) -> list[str | None]:
        """Every value of the text column ``name``, fed to ``digest`` as they are read."""
        values: list[str | None] = []
        first = 1
        for g, count in enumerate(self._group_rows):
            where = f"row group {g + 1}, column {name!r}"
            last = first + count - 1
            self._charge(4 * count, where, first, last)  # the least its values can take
            try:
                chunks = self._parquet.read_row_group(g, columns=[name], use_threads=False)
                chunks = chunks.column(0).chunks
            except self._failures as error:
                raise self._error(f"{where}: the data cannot be read: {error}") from None
            for chunk in chunks:
                try:
                    size = self._text_bytes(chunk)
                except self._failures as error:
                    raise self._error(f"{where}: the data cannot be read: {error}") from None
                self._charge(size, where, first, last)
                try:
                    texts = self._texts(chunk)
                except self._failures as error:
                    raise self._error(f"{where}: the data cannot be read: {error}") from None
                digest.add(texts)
                values += texts
            if len(values) != last:
                raise self._error(
                    f"{where}: {len(values) - first + 1:,} values for the {count:,} rows "
                    "the footer states: the file is damaged"
                )
            first = last + 1
        return values

    def arrow(self, name: str) -> list[Any]:
        """The Arrow chunks of the text column ``name``, charged as :meth:`column` charges."""
        out: list[Any] = []
        first = 1
        for g, count in enumerate(self._group_rows):
            where = f"row group {g + 1}, column {name!r}"
            last = first + count - 1
            self._charge(4 * count, where, first, last)
            try:
                chunks = self._parquet.read_row_group(g, columns=[name], use_threads=False)
                chunks = chunks.column(0).chunks
                for chunk in chunks:
                    self._charge(self._text_bytes(chunk), where, first, last)
                    out.append(self._distinct(chunk))
            except self._failures as error:
                raise self._error(f"{where}: the data cannot be read: {error}") from None
            if sum(len(c) for c in chunks) != count:
                raise self._error(
                    f"{where}: {sum(len(c) for c in chunks):,} values for the {count:,} rows "
                    "the footer states: the file is damaged"
                )
            first = last + 1
        return out

    def arrows(self, names: list[str]) -> dict[str, list[Any]] | None:
        """:meth:`arrow` of each of ``names``, a row group's columns read at once on threads.

        The same charges, made before a group is decoded as :meth:`arrow` makes
        them; ``None`` on any problem, which :meth:`arrow` then finds and names.
        """
        out: dict[str, list[Any]] = {name: [] for name in names}
        failures: tuple[type[BaseException], ...] = (LoadError, *self._failures)
        first = 1
        try:
            for g, count in enumerate(self._group_rows):
                last = first + count - 1
                self._charge(4 * count * len(names), f"row group {g + 1}", first, last)
                table = self._parquet.read_row_group(g, columns=names, use_threads=True)
                for i, name in enumerate(names):
                    chunks = table.column(i).chunks
                    for chunk in chunks:
                        self._charge(self._text_bytes(chunk), f"row group {g + 1}", first, last)
                        out[name].append(self._distinct(chunk))
                    if sum(len(c) for c in chunks) != count:
                        return None
                del table
                first = last + 1
        except failures:
            return None
        return out

    def verify_all(self, names: list[str], texts: list[str]) -> bool:
        """:meth:`verify` of each of ``names`` at once; False on any problem (then one by one)."""
        failures: tuple[type[BaseException], ...] = (LoadError, *self._failures)
        first = 1
        try:
            for g, count in enumerate(self._group_rows):
                last = first + count - 1
                self._charge(8 * count * len(names), f"row group {g + 1}", first, last)
                table = self._parquet.read_row_group(g, columns=names, use_threads=True)
                for i, name in enumerate(names):
                    for chunk in table.column(i).chunks:
                        size = (
                            self._text_bytes(chunk) - 4 * len(chunk)
                            if name in texts
                            else chunk.nbytes - 8 * len(chunk)
                        )
                        self._charge(max(size, 0), f"row group {g + 1}", first, last)
                del table
                first = last + 1
        except failures:
            return False
        return True

    def verify(self, name: str, *, texts: bool) -> None:
        """Read the column ``name``, so that its pages' checksums are verified, and drop it."""
        first = 1
        for g, count in enumerate(self._group_rows):
            where = f"row group {g + 1}, column {name!r}"
            last = first + count - 1
            self._charge(8 * count, where, first, last)  # a date or a flag takes at most 8
            try:
                chunks = self._parquet.read_row_group(g, columns=[name], use_threads=False)
                chunks = chunks.column(0).chunks
                for chunk in chunks:
                    size = (
                        self._text_bytes(chunk) - 4 * len(chunk)
                        if texts
                        else chunk.nbytes - 8 * len(chunk)
                    )
                    self._charge(max(size, 0), where, first, last)
            except self._failures as error:
                raise self._error(f"{where}: the data cannot be read: {error}") from None
            del chunks
            first = last + 1

    def _charge(self, size: int, where: str, first: int, last: int) -> None:
        self.used += size
        if self.used > self._limit:
            raise self._error(
                f"{where}: the text read decodes to {self.used:,} bytes with rows {first:,} "
                f"to {last:,}, more than the limit of {self._limit:,}",
                LimitError,
            )

    def _text_bytes(self, chunk: Any) -> int:
        """The UTF-8 bytes of the chunk's values, a dictionary's as often as rows hold them."""
        pc = self._pc
        if hasattr(chunk, "dictionary"):
            lengths = pc.binary_length(chunk.dictionary)
            total = pc.sum(pc.take(lengths, chunk.indices)).as_py()
        else:
            total = pc.sum(pc.binary_length(chunk)).as_py()
        return 4 * len(chunk) + (total or 0)

    @staticmethod
    def _distinct(chunk: Any) -> Any:
        """A dictionary chunk whose rows hold its values once each, in order, as those values.

        A column of distinct values (ids, titles) is read as a dictionary so that
        its decoded size is known first; its dictionary then is the column, and
        taking it spares a decoded copy.
        """
        import numpy as np

        if not hasattr(chunk, "dictionary") or chunk.null_count:
            return chunk
        values, indices = chunk.dictionary, chunk.indices
        if len(values) != len(indices) or values.null_count:
            return chunk
        codes = np.asarray(indices)
        if len(codes) and not (codes[0] == 0 and bool(np.all(np.diff(codes) == 1))):
            return chunk
        return values

    def _texts(self, chunk: Any) -> list[str | None]:
        if not hasattr(chunk, "dictionary"):
            texts: list[str | None] = chunk.to_pylist()
            return texts
        # One str per distinct value, shared by the rows that hold it.
        values: list[str | None] = chunk.dictionary.to_pylist()
        indices = chunk.indices
        if indices.null_count:
            values.append(None)
            indices = self._pc.fill_null(indices, len(values) - 1)
        return [values[i] for i in indices.to_numpy(zero_copy_only=False).tolist()]


def _metadata(
    metadata: Mapping[bytes, bytes], filename: str, limits: Limits, errors: list[_PositionedError]
) -> dict[str, Any]:
    """The file's metadata as decoded; when it cannot be read, its problem is in ``errors``.

    The rows are then read as of this version of the format, so that their own
    problems are reported and the metadata's is not told twice (as a missing version).
    """
    raw = metadata.get(PARQUET_METADATA_KEY.encode())
    if raw is None:
        errors.append(
            FieldError(
                f"the file's key-value metadata has no key {PARQUET_METADATA_KEY!r} "
                f'(a JSON object {{"timeline": {FORMAT_VERSION}, "title": ..., "sources": [...], '
                '"relations": [...]})',
                filename=filename,
            )
        )
        return dict(_UNREAD)
    where = f"the metadata {PARQUET_METADATA_KEY!r}"
    try:
        value = _decode(raw.decode("utf-8"), limits)
    except UnicodeDecodeError as error:
        errors.append(JSONSyntaxError(f"{where} is not UTF-8: {error}", filename=filename))
        return dict(_UNREAD)
    except _Limit as error:
        errors.append(LimitError(f"{where}: {error.message}", filename=filename))
        return dict(_UNREAD)
    except _Spellings as spelled:
        errors.extend(_exponent_errors(spelled.found, "", "", filename, None))
        return dict(_UNREAD)
    except ValueError as error:
        errors.append(JSONSyntaxError(f"{where}: {_syntax_message(error)}", filename=filename))
        return dict(_UNREAD)
    if type(value) is not dict:
        errors.append(
            FieldError(f"{where} must be a JSON object, not {_kind_of(value)}", filename=filename)
        )
        return dict(_UNREAD)
    keys = (*_HEADER_KEYS, "relations")
    for key in value:
        if key not in keys:
            errors.append(
                FieldError(
                    f"unknown key {key!r} in {where}; it has {', '.join(keys)}",
                    filename=filename,
                )
            )
    return {k: v for k, v in value.items() if k in keys}


# What the rows are read with when the metadata cannot be: the version, nothing more.
_UNREAD: Final = {"timeline": FORMAT_VERSION}


def _rows(
    columns: Mapping[str, list[str | None]],
    n: int,
    filename: str,
    limits: Limits,
    errors: list[_PositionedError],
) -> tuple[list[Any], list[int], set[str]]:
    """The event records of the rows, the row number of each, and the ids of rows left out.

    A row with a value beyond the limits or a ``rest`` that cannot be read is left
    out, with its problem reported, as JSON Lines leaves out such a line.
    """
    none: list[str | None] = [None] * n
    ids, kinds, titles, edtfs, rests = (columns.get(name, none) for name in _TEXT_COLUMNS)
    longest = limits.max_scalar
    events: list[Any] = []
    rows: list[int] = []
    bad: set[str] = set()
    decode = _decode
    for i in range(n):
        record: dict[str, Any] = {}
        unread = False
        for key, column in (("id", ids), ("kind", kinds), ("title", titles), ("when", edtfs)):
            value = column[i]
            if value is not None:
                if len(value) > longest:
                    errors.append(
                        LimitError(
                            f"the {key} is {len(value):,} characters long, more than the "
                            f"limit of {longest:,}",
                            filename=filename,
                            line=i + 1,
                            path=f"events[{i}].{key}",
                            event_id=(ids[i] or "") if key != "id" else "",
                        )
                    )
                    unread = True
                record[key] = value
        rest = rests[i]
        if rest:
            try:
                more = decode(rest, limits)
            except _Limit as error:
                errors.append(_row_error(LimitError, error.message, filename, i, ids[i]))
                unread, more = True, {}
            except _Spellings as spelled:
                found = _exponent_errors(spelled.found, f"events[{i}]", ids[i], filename, i + 1)
                errors.extend(found)
                unread, more = True, {}
            except ValueError as error:
                message = f"the column 'rest': {_syntax_message(error)}"
                errors.append(_row_error(JSONSyntaxError, message, filename, i, ids[i]))
                unread, more = True, {}
            if type(more) is not dict:
                message = f"the column 'rest' must hold a JSON object, not {_kind_of(more)}"
                errors.append(_row_error(JSONSyntaxError, message, filename, i, ids[i]))
                more = {}
            twice = [k for k in _COLUMN_KEYS if k in more]
            if twice:
                message = (
                    f"the column 'rest' holds {', '.join(twice)}, which "
                    f"{'has a column' if len(twice) == 1 else 'have columns'} of its own"
                )
                errors.append(_row_error(FieldError, message, filename, i, ids[i]))
                more = {k: v for k, v in more.items() if k not in _COLUMN_KEYS}
            record.update(more)
        if unread:
            event_id = ids[i]
            if event_id is not None and len(event_id) <= longest:
                bad.add(event_id)  # relations naming it are not reported again
            continue
        events.append(record)
        rows.append(i + 1)
    return events, rows, bad


def _row_error(
    cls: type[_PositionedError], message: str, filename: str, i: int, event_id: object
) -> _PositionedError:
    return cls(
        message,
        filename=filename,
        line=i + 1,
        path=f"events[{i}]",
        event_id=event_id if isinstance(event_id, str) else "",
    )
