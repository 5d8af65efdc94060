"""Timelines as Arrow tables and pandas and polars DataFrames, both ways.

pyarrow, pandas and polars are optional (``pip install 'timeline[frames]'``)
and imported only when a function here is called; each raises
:class:`~timeline.MissingDependencyError` when the one it needs is missing.

**Writing.** :func:`to_arrow` gives one row per event, in the timeline's
order, with the columns of the Parquet layout (``docs/parquet.md``): ``id``,
``kind``, ``title``, ``edtf`` (``when`` as the YAML format writes it),
``precision``, ``qualifiers``, the four bounds ``first_earliest``,
``first_latest``, ``last_earliest``, ``last_latest`` (``date32``; null is
no beginning or no end), ``bounds_exact`` and ``rest`` (the event's other
fields as one JSON object). The table's schema metadata key ``timeline``
holds the title, the sources and the relations, as a Parquet file's does.
:func:`to_pandas` and :func:`to_polars` are that table converted (polars
without a copy); neither frame keeps the metadata, so read them back with
``base=`` the timeline they came from.

A timeline held as columns (:func:`timeline.columns.columnar`, or read by
``load_parquet`` or ``load_jsonl``) whose events are all plain — an id,
kind, title and date, no other field — goes to Arrow from its arrays: the
id and title columns are its own (no copy), the others are computed once per
distinct kind and date. Any other goes event by event, to the same table.

**Reading.** :func:`from_arrow`, :func:`from_pandas` and :func:`from_polars`
read one event per row. Every row is checked by
:func:`timeline.io.from_records`, so the guarantees are those of the YAML
reader. A table whose rows are all plain (text columns for the id, title
and date, and for the kind and an empty ``rest`` if there are any, no null,
no other field) is checked as columns and held as columns, with the same
result; any table the column checks are not sure of is read row by row.
Without ``columns=``, the columns are read by name:

* ``id``, ``kind``, ``title``, ``summary``, ``tags``, ... (any field of an
  event record) as that field; a column that is no field is reported, row
  by row, as the record's unknown key;
* ``when``, or else ``edtf``, as the date, written as in a YAML file;
* ``start`` and ``end``, when there is neither: a date (``date32``,
  ``datetime.date``), a timestamp or text each; a row with both is the
  period ``start/end``, a row with a start only is the start itself, and a
  row with an end only is an error. A timestamp with a time zone is that
  instant; one without a time zone must be a midnight, and stands for its
  day (what pandas makes of a column of dates);
* ``rest`` as a JSON object of more fields (what :func:`to_arrow` writes);
* the derived columns (``precision`` to ``bounds_exact``) are ignored.

``columns=`` maps field names (those above: ``when``, ``start``, ``end``,
``rest`` and the fields of a record) to the table's column names, such as
``{"title": "Headline", "when": "When"}``; the other columns are read by
name as above. A missing value — ``None``, a float NaN, pandas' ``NaT`` and
``pd.NA``, Arrow's null — is an absent field, never the text ``"nan"``: an
optional field takes its default, and a required one is reported missing.

Every problem is raised together as one :class:`~timeline.io.LoadError`;
each problem of a row names its row (1-based: row 3 is ``df.iloc[2]``) and
the column::

    <DataFrame>: row 3, column 'When': '2017-02-30': February has 28 days in 2017

The title, sources and relations come from ``base=`` (a timeline, such as
the one the table was made from) when it is given, else from the table's
``timeline`` metadata (Arrow tables of :func:`to_arrow`), else there are
none (rows cannot then cite sources).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from timeline.errors import MissingDependencyError, TimelineError
from timeline.io import bulk as _bulk
from timeline.io._yaml import Limits
from timeline.io.errors import FieldError, JSONSyntaxError, LimitError, LoadError
from timeline.io.errors import _PositionedError as _Error
from timeline.io.records import FORMAT_VERSION, _collector_paused, _from_records, to_records

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = [
    "from_arrow",
    "from_pandas",
    "from_polars",
    "to_arrow",
    "to_pandas",
    "to_polars",
]

_DATE_FIELDS: Final = ("when", "start", "end")
_NEEDED: Final = re.compile(r"needs the field ([A-Za-z_][A-Za-z0-9_]*)$")
_RECORD_PATH: Final = re.compile(r"events\[([0-9]+)\](?:\.([A-Za-z_][A-Za-z0-9_]*))?(.*)", re.S)


def _module(name: str) -> ModuleType:
    try:
        return __import__(name)
    except ImportError:
        raise MissingDependencyError(
            f"timeline.frames needs {name}, which is not installed: pip install 'timeline[frames]'"
        ) from None


# --------------------------------------------------------------------------------------
# Writing.


def to_arrow(timeline: Timeline) -> Any:
    """``timeline`` as a ``pyarrow.Table`` of the Parquet layout (module docstring).

    The schema metadata holds the title, sources and relations (key
    ``timeline``) and the digests of the text columns, as a Parquet file's.
    ``from_arrow(to_arrow(t)) == t``.
    """
    pa = _module("pyarrow")
    return _bulk._table(timeline, pa)


def to_pandas(timeline: Timeline) -> Any:
    """``timeline`` as a ``pandas.DataFrame``: :func:`to_arrow`'s columns, dates as ``date``.

    ``from_pandas(to_pandas(t), base=t) == t``.
    """
    _module("pandas")
    return to_arrow(timeline).to_pandas()


def to_polars(timeline: Timeline) -> Any:
    """``timeline`` as a ``polars.DataFrame`` of :func:`to_arrow`'s columns (no copy of them).

    ``from_polars(to_polars(t), base=t) == t``.
    """
    pl = _module("polars")
    return pl.from_arrow(to_arrow(timeline))


# --------------------------------------------------------------------------------------
# Reading.


def from_arrow(
    table: Any,
    *,
    columns: Mapping[str, str] | None = None,
    base: Timeline | None = None,
    filename: str = "<table>",
    limits: Limits = _bulk.BULK_LIMITS,
) -> Timeline:
    """The timeline of a ``pyarrow.Table`` (or ``RecordBatch``), one event per row.

    Columns, ``columns=``, missing values, ``base=`` and errors: the module
    docstring. ``filename`` names the table in errors; ``limits`` bounds the
    JSON of a ``rest`` column (depth, length of a value). Raises
    :class:`~timeline.io.LoadError` with every problem.
    """
    pa = _module("pyarrow")
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    if not isinstance(table, pa.Table):
        raise _fatal(filename, f"from_arrow reads a pyarrow.Table, not {type(table).__name__}")
    names = [str(name) for name in table.column_names]

    def values(name: str) -> list[Any]:
        found: list[Any] = table.column(names.index(name)).to_pylist()
        return found

    metadata = table.schema.metadata or {}
    if _bulk._COLUMNS:
        fast = _plain_columns(table, pa, names, columns, base, metadata, filename, limits)
        if fast is not None:
            return fast
    return _read(names, values, table.num_rows, columns, base, metadata, filename, limits)


_PLAIN_FIELDS: Final = frozenset({"id", "kind", "title", "when", "rest"})


def _plain_columns(
    table: Any,
    pa: ModuleType,
    names: list[str],
    columns: Mapping[str, str] | None,
    base: Timeline | None,
    metadata: Mapping[bytes, bytes],
    filename: str,
    limits: Limits,
) -> Timeline | None:
    """The timeline of a table of plain rows held as columns, or None to read it row by row.

    Plain: text columns for the id, title and date (``when`` or ``edtf``), and
    for the kind and ``rest`` if there are any, no other field, and no null, no
    other field in ``rest`` and no row the records reader would refuse or read
    otherwise (the checks of :func:`timeline.io._columns.build`). The columns
    are used as they are, without a copy where they are Arrow text already.
    """
    from timeline.collection import Timeline
    from timeline.io import _columns
    from timeline.io.records import _claim_records, _Dumper, _head_records

    if base is not None and not isinstance(base, Timeline):
        return None
    if not isinstance(limits, Limits) or not isinstance(columns, Mapping | None):
        return None
    try:
        mapping = _mapping(names, columns, filename)
    except LoadError:
        return None
    if not set(mapping) <= _PLAIN_FIELDS or not {"id", "title", "when"} <= set(mapping):
        return None
    chunks: dict[str, list[Any]] = {}
    for field, column in mapping.items():
        found = table.column(names.index(column))
        kind = found.type
        if pa.types.is_dictionary(kind):
            if not pa.types.is_string(kind.value_type):
                return None
        elif pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
            try:
                found = found.cast(pa.string())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                return None
        elif not pa.types.is_string(kind):
            return None
        chunks["edtf" if field == "when" else field] = found.chunks
    errors: list[_Error] = []
    data: dict[str, Any] = {"timeline": FORMAT_VERSION}
    try:
        if base is not None:
            out = _Dumper(base.sources)
            data.update(_head_records(base, out))
            data["relations"] = _claim_records(base, out)
        elif _bulk.PARQUET_METADATA_KEY.encode() in metadata:
            data.update(_bulk._metadata(metadata, filename, limits, errors))
        if errors:
            return None
        return _columns.build(chunks, table.num_rows, data, None, filename, limits)
    except TimelineError:
        return None


def _plain_frame(
    frame: Any,
    names: list[str],
    columns: Mapping[str, str] | None,
    base: Timeline | None,
    filename: str,
    limits: Limits,
) -> Timeline | None:
    """:func:`_plain_columns` of the frame's columns that are read, made Arrow arrays."""
    try:
        pa = _module("pyarrow")
        mapping = _mapping(names, columns, filename)
    except (MissingDependencyError, LoadError):
        return None
    if not set(mapping) <= _PLAIN_FIELDS or not {"id", "title", "when"} <= set(mapping):
        return None
    arrays = {}
    for column in mapping.values():
        try:
            arrays[column] = pa.array(frame.iloc[:, names.index(column)], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            return None
    table = pa.table(arrays)
    return _plain_columns(table, pa, list(arrays), mapping, base, {}, filename, limits)


def from_pandas(
    frame: Any,
    *,
    columns: Mapping[str, str] | None = None,
    base: Timeline | None = None,
    filename: str = "<DataFrame>",
    limits: Limits = _bulk.BULK_LIMITS,
) -> Timeline:
    """The timeline of a ``pandas.DataFrame``, one event per row (as :func:`from_arrow`).

    The index is not read. ``NaN``, ``None``, ``NaT`` and ``pd.NA`` are
    missing values.
    """
    pd = _module("pandas")
    if not isinstance(frame, pd.DataFrame):
        raise _fatal(filename, f"from_pandas reads a pandas.DataFrame, not {type(frame).__name__}")
    names = [str(name) for name in frame.columns]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise _fatal(filename, f"the frame has two columns named {twice[0]!r}")

    if _bulk._COLUMNS:
        fast = _plain_frame(frame, names, columns, base, filename, limits)
        if fast is not None:
            return fast

    def values(name: str) -> list[Any]:
        series = frame.iloc[:, names.index(name)]
        found: list[Any] = series.tolist()
        missing = series.isna().to_numpy()
        if missing.any():
            for i in missing.nonzero()[0].tolist():
                found[i] = None
        return found

    return _read(names, values, len(frame), columns, base, {}, filename, limits)


def from_polars(
    frame: Any,
    *,
    columns: Mapping[str, str] | None = None,
    base: Timeline | None = None,
    filename: str = "<DataFrame>",
    limits: Limits = _bulk.BULK_LIMITS,
) -> Timeline:
    """The timeline of a ``polars.DataFrame``, one event per row (as :func:`from_arrow`).

    Nulls and float NaN are missing values.
    """
    pl = _module("polars")
    if not isinstance(frame, pl.DataFrame):
        raise _fatal(filename, f"from_polars reads a polars.DataFrame, not {type(frame).__name__}")
    return from_arrow(
        frame.to_arrow(), columns=columns, base=base, filename=filename, limits=limits
    )


def _fatal(filename: str, message: str) -> LoadError:
    return LoadError.of(filename, [FieldError(message, filename=filename)])


def _mapping(names: list[str], columns: Mapping[str, str] | None, filename: str) -> dict[str, str]:
    """Field name -> column name, for every column that is read."""
    if columns is not None and not isinstance(columns, Mapping):
        raise _fatal(filename, f"columns must map field names to column names, not {columns!r}")
    given = dict(columns or {})
    problems: list[_Error] = []
    for field, column in given.items():
        if not isinstance(field, str) or not isinstance(column, str):
            problems.append(
                FieldError(
                    f"columns maps text to text, not {field!r}: {column!r}", filename=filename
                )
            )
        elif column not in names:
            problems.append(
                FieldError(
                    f"columns maps {field!r} to {column!r}, which the table does not have "
                    f"(it has {', '.join(map(repr, names)) or 'no columns'})",
                    filename=filename,
                )
            )
    if problems:
        raise LoadError.of(filename, problems)
    mapping = dict(given)
    if "edtf" in mapping and "when" not in mapping:
        mapping["when"] = mapping.pop("edtf")
    taken = set(mapping.values())
    for name in names:
        if name in taken or name in mapping or name in _bulk._DERIVED_COLUMNS:
            continue
        field = name
        if name == "edtf":
            if "when" in names or "when" in mapping:
                continue
            field = "when"
        mapping[field] = name
    if "when" in mapping and ("start" in mapping or "end" in mapping):
        raise _fatal(
            filename,
            f"the date is read from the column {mapping['when']!r}, and from "
            f"{mapping.get('start', mapping.get('end'))!r} too: map one of them",
        )
    return mapping


def _date_text(value: Any) -> str:
    """A date cell as the text of a date; ValueError when it is none."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0):
                raise ValueError(
                    f"{value.isoformat()!r} has a time of day but no time zone; give the "
                    "column a time zone, or dates"
                )
            return date(value.year, value.month, value.day).isoformat()
        plain = datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            tzinfo=value.tzinfo,
        )
        return plain.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise ValueError(f"must be a date, a timestamp or text, not {type(value).__name__}")


def _read(
    names: list[str],
    values: Any,
    n: int,
    columns: Mapping[str, str] | None,
    base: Timeline | None,
    metadata: Mapping[bytes, bytes],
    filename: str,
    limits: Limits,
) -> Timeline:
    from timeline.collection import Timeline

    if base is not None and not isinstance(base, Timeline):
        raise _fatal(filename, f"base must be a Timeline, not {type(base).__name__}")
    if not isinstance(limits, Limits):
        raise _fatal(filename, f"limits must be a Limits, not {limits!r}")
    mapping = _mapping(names, columns, filename)
    cells = {field: values(column) for field, column in mapping.items()}
    errors: list[_Error] = []
    data: dict[str, Any] = {"timeline": FORMAT_VERSION}
    if base is not None:
        records = to_records(base)
        data.update({k: records[k] for k in ("title", "sources", "relations") if k in records})
    elif _bulk.PARQUET_METADATA_KEY.encode() in metadata:
        data.update(_bulk._metadata(metadata, filename, limits, errors))
    ids = cells.get("id", [None] * n)

    def problem(i: int, column: str, message: str, cls: type[_Error] = FieldError) -> None:
        where = f"row {i + 1}, column {column!r}" if column else f"row {i + 1}"
        event_id = ids[i] if isinstance(ids[i], str) else ""
        errors.append(cls(f"{where}: {message}", filename=filename, event_id=event_id))

    events: list[dict[str, Any]] = []
    rows: list[int] = []
    bad: set[str] = set()
    plain = [f for f in cells if f not in _DATE_FIELDS and f != "rest"]
    starts, ends = cells.get("start"), cells.get("end")
    whens, rests = cells.get("when"), cells.get("rest")
    for i in range(n):
        record: dict[str, Any] = {}
        unread = False
        for field in plain:
            value = cells[field][i]
            if value is not None and not (type(value) is float and value != value):
                record[field] = value
        if whens is not None:
            value = whens[i]
            if value is not None:
                try:
                    record["when"] = _date_text(value)
                except ValueError as error:
                    problem(i, mapping["when"], str(error))
                    unread = True
        elif starts is not None or ends is not None:
            start = None if starts is None else starts[i]
            end = None if ends is None else ends[i]
            try:
                if start is not None and end is not None:
                    record["when"] = f"{_date_text(start)}/{_date_text(end)}"
                elif start is not None:
                    record["when"] = _date_text(start)
                elif end is not None:
                    raise ValueError("has an end but no start")
            except ValueError as error:
                column = mapping["end"] if start is None else mapping.get("start", "")
                problem(i, column, str(error))
                unread = True
        text = None if rests is None else rests[i]
        if text is not None:
            more = _rest(text, i, mapping["rest"], limits, problem)
            if more is None:
                unread = True
            else:
                twice = [k for k in more if k in record or k in mapping]
                if twice:
                    problem(i, mapping["rest"], f"holds {', '.join(twice)}, which have columns")
                    unread = True
                record.update(more)
        if unread:
            if isinstance(ids[i], str):
                bad.add(ids[i])
            continue
        events.append(record)
        rows.append(i)
    data["events"] = events
    origin = {field: column for field, column in mapping.items() if field not in _DATE_FIELDS}
    origin["when"] = mapping.get("when", mapping.get("start", ""))
    found: Timeline | None = None
    with _collector_paused():
        try:
            found = _from_records(data, filename, None, [], bad_events=bad)
        except LoadError as group:
            for member in group.exceptions:
                assert isinstance(member, _Error)
                errors.append(_placed(member, rows, origin, filename, mapping))
    if errors or found is None:
        raise LoadError.of(filename, errors)
    return found


def _rest(text: object, i: int, column: str, limits: Limits, problem: Any) -> dict[str, Any] | None:
    """The fields of a ``rest`` cell, or None (with the problem reported)."""
    if not isinstance(text, str):
        problem(i, column, f"must be a JSON object as text, not {type(text).__name__}")
        return None
    try:
        more = _bulk._decode(text, limits) if text else {}
    except _bulk._Limit as error:
        problem(i, column, error.message, LimitError)
        return None
    except _bulk._Spellings as spelled:
        shown = ", ".join(f"{path or 'the value'}: {text!r}" for path, text in spelled.found)
        problem(i, column, f"a number with an exponent is no number a timeline holds ({shown})")
        return None
    except ValueError as error:
        problem(i, column, _bulk._syntax_message(error), JSONSyntaxError)
        return None
    if type(more) is not dict:
        problem(i, column, f"must hold a JSON object, not {_bulk._kind_of(more)}")
        return None
    return more


def _placed(
    error: _Error,
    rows: list[int],
    origin: Mapping[str, str],
    filename: str,
    mapping: Mapping[str, str],
) -> _Error:
    """A records error of ``events[k]`` as one of its row and column."""
    found = _RECORD_PATH.fullmatch(error.path)
    if found is None:
        return error
    row = rows[int(found.group(1))] + 1
    field, tail = found.group(2), found.group(3)
    if field is None:
        named = _NEEDED.search(error.message)
        column = origin.get(named.group(1), "") if named is not None else ""
        where = f"row {row}, column {column!r}" if column else f"row {row}"
    else:
        column = origin.get(field, mapping.get("rest", field))
        inner = field if column == "rest" and field != "rest" else ""
        where = f"row {row}, column {column!r}"
        tail = f"{inner}{tail}"
    tail = tail.lstrip(".")
    message = f"{where}: {tail}: {error.message}" if tail else f"{where}: {error.message}"
    return type(error)(message, filename=filename, event_id=error.event_id)
