"""A timeline as a Parquet dataset: a directory of files, hive-partitioned by year.

:func:`dump_dataset` writes, and :func:`load_dataset` reads back equal, a
timeline too large for one file or meant for an engine that reads
directories (DuckDB, Polars, Spark; see :mod:`timeline.engines`)::

    events/
      _timeline.json                          the file-level data (below)
      year=2016/part-0.parquet
      year=2017/part-0.parquet
      year=__HIVE_DEFAULT_PARTITION__/part-0.parquet

Each part file has the rows and columns of :func:`timeline.io.bulk.dump_parquet`
(docs/parquet.md) for the events whose ``first_earliest`` falls in that year;
the events with no ``first_earliest`` (no beginning, or a first day outside
the years 1–9999) are in ``year=__HIVE_DEFAULT_PARTITION__``, the name Hive,
Spark, DuckDB and Polars all read as a null ``year``. The year is not a
column of the files: engines read it from the path (``hive_partitioning``),
as an integer. Rows keep the timeline's order within a file.

``_timeline.json`` (UTF-8, one JSON object; engines skip files whose name
begins with ``_``) holds what a Parquet file's ``timeline`` metadata key
holds — ``timeline`` (the format's version), ``title``, ``sources``,
``relations``, relations may name events of any partition — and
``dataset``: ``{"partition_by": "year", "files": [{"path":
"year=2017/part-0.parquet", "rows": 12}, ...]}``, the part files in order.
Only the files listed are read.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import Any, Final

from timeline.collection import Timeline
from timeline.errors import ConstraintError
from timeline.io import bulk
from timeline.io._api import _read_at_most
from timeline.io._yaml import Limits
from timeline.io.errors import DumpError, FieldError, JSONSyntaxError, LimitError, LoadError
from timeline.io.errors import _PositionedError as _Problem

__all__ = ["METADATA_FILE", "NULL_PARTITION", "dump_dataset", "load_dataset"]

METADATA_FILE: Final = "_timeline.json"
"""The name of a dataset's file-level data, in its directory."""

NULL_PARTITION: Final = "__HIVE_DEFAULT_PARTITION__"
"""The partition of the rows whose ``first_earliest`` is null."""

_PART: Final = re.compile(
    r"year=(?:[0-9]{1,4}|__HIVE_DEFAULT_PARTITION__)/part-[0-9]{1,9}\.parquet"
)
_KEYS: Final = ("timeline", "title", "sources", "relations")
_TEXT: Final = ("id", "kind", "title", "edtf", "rest")


def dump_dataset(
    timeline: Timeline,
    directory: str | os.PathLike[str],
    *,
    partition_by: str = "year",
    compression: str = "zstd",
) -> None:
    """Write ``timeline`` as a dataset in ``directory`` (layout: the module docstring).

    ``directory`` must not exist or be empty; it is made. The dataset is
    written beside it first and moved into place at the end, so a failure
    leaves no partial dataset. ``partition_by`` is ``"year"`` (the only
    partitioning there is; anything else is a
    :class:`~timeline.ConstraintError`); ``compression`` a Parquet codec, as
    for :func:`~timeline.io.bulk.dump_parquet`. Raises
    :class:`~timeline.io.DumpError` when ``directory`` holds files or cannot
    be written, and :class:`~timeline.MissingDependencyError` without pyarrow.
    """
    if partition_by != "year":
        raise ConstraintError(f"a dataset is partitioned by 'year', not {partition_by!r}")
    pa, pq = bulk._pyarrow()
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DumpError(
            "", f"{os.fspath(target)}: a dataset is written into a new or empty directory"
        )
    table = bulk._table(timeline, pa)
    meta: bytes = table.schema.metadata[bulk.PARQUET_METADATA_KEY.encode()]
    table = table.replace_schema_metadata(None)
    years = pc.year(table.column("first_earliest"))
    values = sorted({y for y in years.to_pylist() if y is not None})
    files: list[dict[str, Any]] = []
    work = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"
    try:
        work.mkdir(parents=True)
        for year in [*values, None]:
            mask = pc.is_null(years) if year is None else pc.equal(years, year)
            part = table.filter(mask)
            if year is None and not len(part) and files:
                continue  # an empty timeline still has a file, for the engines' schema
            name = f"year={NULL_PARTITION if year is None else year}/part-0.parquet"
            (work / name).parent.mkdir()
            pq.write_table(part, work / name, **bulk._write_options(part, compression))
            files.append({"path": name, "rows": len(part)})
        dataset = json.dumps({"partition_by": "year", "files": files}, separators=(",", ":"))
        # The metadata is one compact JSON object: the dataset's part goes in before its end.
        sidecar = meta[:-1] + b',"dataset":' + dataset.encode("ascii") + b"}"
        (work / METADATA_FILE).write_bytes(sidecar)
        if target.exists():
            target.rmdir()
        work.rename(target)
    except OSError as error:
        raise DumpError(
            "", f"{os.fspath(target)}: the dataset cannot be written: {error}"
        ) from None
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def load_dataset(
    directory: str | os.PathLike[str], *, limits: Limits = bulk.BULK_LIMITS
) -> Timeline:
    """The timeline of the dataset in ``directory`` (layout: the module docstring).

    Reads ``_timeline.json`` and the part files it lists (the columns ``id``,
    ``kind``, ``title``, ``edtf`` and ``rest``), and checks everything the
    Parquet reader checks. Raises :class:`~timeline.io.LoadError` with every
    problem — of the metadata, of a part file (a file that is missing, damaged
    or has another number of rows than listed, named by its path), of a row
    (placed by file and row) — and :class:`~timeline.MissingDependencyError`
    without pyarrow. ``limits.max_bytes`` bounds the metadata file and the
    part files together, on disk and uncompressed as their footers state;
    ``limits.max_depth`` and ``max_scalar`` bound each JSON value and text.
    """
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a Limits, not {limits!r}")
    pa, pq = bulk._pyarrow()
    root = Path(directory)
    where = os.fspath(root / METADATA_FILE)

    def fatal(message: str, cls: type[_Problem] = FieldError, name: str = where) -> LoadError:
        return LoadError.of(name, [cls(message, filename=name)])

    try:
        raw = _read_at_most(where, limits.max_bytes)
    except OSError as error:
        raise fatal(f"not a dataset: {error.strerror or error}") from None
    if len(raw) > limits.max_bytes:
        raise fatal(f"the file is more than the limit of {limits.max_bytes:,} bytes", LimitError)
    data, files = _metadata(raw, where, limits)
    used = len(raw)
    errors: list[_Problem] = []
    events: list[Any] = []
    bad: set[str] = set()
    failures = (pa.ArrowException, *bulk._FAILURES)
    for name, rows in files:
        path = os.fspath(root / name)
        try:
            used += os.stat(path).st_size
            parquet = pq.ParquetFile(path, page_checksum_verification=True)
            meta = parquet.metadata
            used += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
            if used > limits.max_bytes:
                raise fatal(
                    f"the dataset is more than the limit of {limits.max_bytes:,} bytes",
                    LimitError,
                    path,
                )
            present = set(parquet.schema_arrow.names)
            wanted = [c for c in _TEXT if c in present]
            table = parquet.read(columns=wanted, use_threads=False)
        except failures as error:
            raise fatal(f"not a Parquet file pyarrow can read: {error}", name=path) from None
        if table.num_rows != rows:
            raise fatal(
                f"the file has {table.num_rows:,} rows, and {METADATA_FILE} says {rows:,}",
                name=path,
            )
        for column in ("id", "title", "edtf"):
            if column not in present:
                raise fatal(f"the file has no column {column!r}", name=path)
        part: dict[str, list[str | None]] = {}
        for column in wanted:
            kind = table.schema.field(column).type
            if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
                raise fatal(f"the column {column!r} must hold text, not {kind}", name=path)
            try:
                part[column] = table.column(column).to_pylist()
            except failures as error:
                raise fatal(f"the column {column!r} cannot be read: {error}", name=path) from None
        found, _, skipped = bulk._rows(part, rows, path, limits, errors)
        events.extend(found)
        bad |= skipped
    data["events"] = events
    return bulk._read_records(data, os.fspath(root), lambda _: None, errors, bad)


def _metadata(
    raw: bytes, where: str, limits: Limits
) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """The file-level records and the part files (path, rows) of a ``_timeline.json``."""

    def fatal(message: str, cls: type[_Problem] = FieldError) -> LoadError:
        return LoadError.of(where, [cls(message, filename=where)])

    try:
        value = bulk._decode(raw.decode("utf-8"), limits)
    except UnicodeDecodeError as error:
        raise fatal(f"not UTF-8: {error}", JSONSyntaxError) from None
    except bulk._Limit as error:
        raise fatal(error.message, LimitError) from None
    except bulk._Spellings:
        raise fatal("a number is written with an exponent", JSONSyntaxError) from None
    except ValueError as error:
        raise fatal(bulk._syntax_message(error), JSONSyntaxError) from None
    if type(value) is not dict:
        raise fatal(f"must be a JSON object, not {bulk._kind_of(value)}")
    unknown = [k for k in value if k not in (*_KEYS, "dataset")]
    if unknown:
        raise fatal(f"unknown key {unknown[0]!r}; it has {', '.join(_KEYS)}, dataset")
    dataset = value.get("dataset")
    if type(dataset) is not dict or dataset.get("partition_by") != "year":
        raise fatal('"dataset" must be an object with "partition_by": "year" and "files"')
    listed = dataset.get("files")
    if type(listed) is not list:
        raise fatal('"dataset"."files" must be a list of {"path": ..., "rows": ...}')
    files: list[tuple[str, int]] = []
    for i, item in enumerate(listed):
        path = item.get("path") if type(item) is dict else None
        rows = item.get("rows") if type(item) is dict else None
        if type(path) is not str or _PART.fullmatch(path) is None:
            raise fatal(
                f'"dataset"."files"[{i}].path must be year=YYYY/part-N.parquet, not {path!r}'
            )
        if type(rows) is not int or rows < 0:
            raise fatal(f'"dataset"."files"[{i}].rows must be a count of rows, not {rows!r}')
        files.append((path, rows))
    if len({p for p, _ in files}) != len(files):
        raise fatal('"dataset"."files" lists a file twice')
    return {k: v for k, v in value.items() if k in _KEYS}, files
