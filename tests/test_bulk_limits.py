"""Parquet files that decode to far more than they hold are refused before they are decoded.

``Limits.max_bytes`` bounds the text a Parquet file decodes to, counted from
the data as it is read (a dictionary's value once for every row that uses
it), not from the sizes the file's footer states: dictionary-encoded and
run-length-encoded columns, and a footer that lies, are each refused with a
:class:`~timeline.io.LimitError` naming the row group and the column, and
the memory used on the way stays far below what decoding would take.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from footer import I64, LIST, STRUCT, column_meta, footer, rewrite

import timeline
from timeline import io as tio
from timeline.io import bulk

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

MiB = 1 << 20
TITLE = "x" * 99_999
META = {"timeline": 1, "title": "T", "sources": [], "relations": []}


def write(path: Path, rows: int, titles: list[str] | None = None, **options: Any) -> Path:
    """A file of ``rows`` events, each titled by ``titles`` in turn (default: TITLE)."""
    titles = titles or [TITLE]
    table = pa.table(
        {
            "id": [f"e{i}" for i in range(rows)],
            "kind": ["event"] * rows,
            # Made as a dictionary, so that writing does not take what reading must not.
            "title": pa.DictionaryArray.from_arrays(
                pa.array([i * len(titles) // rows for i in range(rows)], pa.int32()),
                pa.array(titles, pa.string()),
            ),
            "edtf": ["2017"] * rows,
            "rest": ["{}"] * rows,
        }
    )
    table = table.replace_schema_metadata({"timeline": json.dumps(META)})
    pq.write_table(table, path, **options)
    return path


def refused(path: Path, limits: tio.Limits) -> tio.LimitError:
    with pytest.raises(tio.LoadError) as caught:
        bulk.load_parquet(path, limits=limits)
    (error,) = caught.value.exceptions
    assert isinstance(error, tio.LimitError), error
    assert error.filename == str(path)
    return error


def test_a_dictionary_column_is_measured_decoded(tmp_path: Path) -> None:
    # One 99,999-character title on 1,000 rows: a few KB on disk, 100 MB decoded.
    path = write(tmp_path / "d.parquet", 1000, compression="zstd")
    assert path.stat().st_size < 20_000
    column = pq.ParquetFile(path).metadata.row_group(0).column(2)
    assert "RLE_DICTIONARY" in column.encodings
    error = refused(path, tio.Limits(max_bytes=MiB))
    assert "row group 1" in error.message
    assert "column 'title'" in error.message
    assert f"more than the limit of {MiB:,}" in error.message
    # Under the limit, the same file loads.
    assert len(bulk.load_parquet(path, limits=tio.Limits(max_bytes=200 * MiB))) == 1000


def test_a_million_rows_of_nothing_count(tmp_path: Path) -> None:
    # Nulls cost nothing on disk (runs of one definition level) but a record each in memory.
    rows = 1_000_000
    table = pa.table(
        {
            "id": pa.nulls(rows, pa.string()),
            "title": pa.nulls(rows, pa.string()),
            "edtf": pa.nulls(rows, pa.string()),
        }
    ).replace_schema_metadata({"timeline": json.dumps(META)})
    path = tmp_path / "n.parquet"
    pq.write_table(table, path)
    assert path.stat().st_size < 100_000
    error = refused(path, tio.Limits(max_bytes=MiB))
    assert "column 'id'" in error.message


def test_plain_compressed_text_is_refused_from_the_footer(tmp_path: Path) -> None:
    path = write(tmp_path / "p.parquet", 1000, compression="zstd", use_dictionary=False)
    assert path.stat().st_size < 200_000
    error = refused(path, tio.Limits(max_bytes=MiB))
    assert "uncompressed" in error.message


# --------------------------------------------------------------------------------------
# A footer that lies.


def lie_about_sizes(path: Path) -> None:
    """Rewrite the footer so that every row group and column chunk claims to be tiny."""
    metadata = footer(path)
    for group in metadata[4][1][1]:  # FileMetaData.row_groups
        group[2] = (I64, 1)  # RowGroup.total_byte_size
        for chunk in group[1][1][1]:  # RowGroup.columns
            meta = chunk[3][1]  # ColumnChunk.meta_data
            meta[6] = (I64, meta[7][1])  # total_uncompressed_size = total_compressed_size
    rewrite(path, metadata)


@pytest.mark.parametrize("dictionary", [False, True], ids=["plain", "dictionary"])
def test_a_footer_that_lies_about_sizes(tmp_path: Path, dictionary: bool) -> None:
    path = write(tmp_path / "l.parquet", 1000, compression="zstd", use_dictionary=dictionary)
    lie_about_sizes(path)
    group = pq.ParquetFile(path).metadata.row_group(0)
    assert group.total_byte_size == 1
    assert group.column(2).total_uncompressed_size < 100_000  # the lie is read
    assert pq.read_table(path).column("title")[0].as_py() == TITLE  # the data is intact
    error = refused(path, tio.Limits(max_bytes=MiB))
    assert "row group 1" in error.message
    assert "column 'title'" in error.message


# --------------------------------------------------------------------------------------
# Memory, as a safety net: in a process of its own, whose peak is its own.

PEAK = """
import sys
from timeline import io as tio
from timeline.io import bulk
try:
    bulk.load_parquet(sys.argv[1], limits=tio.Limits(max_bytes=1 << 20))
except tio.LoadError as error:
    print(type(error.exceptions[0]).__name__)
# The peak of this process alone (getrusage's would include its parent's at the fork).
with open("/proc/self/status") as status:
    print(next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmHWM:")))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_twenty_thousand_repeated_titles_stay_small_in_memory(tmp_path: Path) -> None:
    # 20,000 rows in runs of two titles: 2 GB decoded (3.9 GB as Python objects).
    path = write(tmp_path / "r.parquet", 20_000, [TITLE, "y" * 99_999], compression="zstd")
    assert path.stat().st_size < 100_000
    found = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PEAK), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    assert found[0] == "LimitError"
    assert int(found[1]) < 500  # MiB: pyarrow and the library, well short of the 2 GB


# --------------------------------------------------------------------------------------
# A footer pyarrow reads but cannot describe column by column.

DESCRIBE = """
import sys
from timeline.io import LoadError, load_parquet
try:
    load_parquet(sys.argv[1])
except LoadError as error:
    print("LoadError", str(error))
else:
    print("loaded")
"""


@pytest.mark.parametrize("column", ["id", "title", "edtf", "first_earliest"])
def test_a_damaged_size_histogram_is_refused_not_fatal(tmp_path: Path, column: str) -> None:
    # pyarrow's column metadata objects throw from C++ where Python cannot catch it
    # (the process ends) when a level histogram has the wrong length; reading the
    # column reports it as an error. The loader must not ask for those objects
    # before reading.
    path = tmp_path / "h.parquet"
    events = [
        timeline.Event(id=f"e{i}", title=f"Event {i}", when=timeline.parse("2017"))
        for i in range(3)
    ]
    tio.dump_parquet(timeline.Timeline(events), path)
    metadata = footer(path)
    j = pq.ParquetFile(path).schema_arrow.get_field_index(column)
    stats = column_meta(metadata, 0, j).setdefault(16, (STRUCT, {}))[1]  # size_statistics
    stats[2] = (LIST, (I64, [0, 0]))  # repetition_level_histogram: a flat column has one level
    rewrite(path, metadata)
    with pytest.raises(OSError, match="histogram"):
        pq.read_table(path)  # pyarrow's own word for it
    done = subprocess.run(
        [sys.executable, "-c", DESCRIBE, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("LoadError"), done.stdout
    assert str(path) in done.stdout


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("binary", [pa.binary(), pa.large_binary()], ids=str)
def test_a_derived_column_of_bytes_is_measured_before_it_is_decoded(
    tmp_path: Path, binary: Any
) -> None:
    # A value of half a megabyte repeated by 1,200 rows: 600 MB decoded from a file
    # of 2 kB, whose footer states the dictionary's size (under the limit).
    rows = 1200
    big = pa.DictionaryArray.from_arrays(
        pa.array([0] * rows, pa.int32()), pa.array([b"x" * (MiB // 2)], binary)
    )
    table = pa.table(
        {
            "id": [f"e{i}" for i in range(rows)],
            "title": ["T"] * rows,
            "edtf": ["2017"] * rows,
            "precision": big,
        }
    )
    path = tmp_path / "d.parquet"
    meta = {"timeline": json.dumps(META)}
    pq.write_table(
        table.replace_schema_metadata(meta), path, compression="zstd", store_schema=False
    )
    assert path.stat().st_size < 100_000
    found = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PEAK), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    assert found[0] == "LimitError"
    assert int(found[1]) < 300  # MiB


@pytest.mark.parametrize(
    "kind", [pa.decimal128(30, 2), pa.binary(16), pa.list_(pa.int8())], ids=str
)
def test_a_derived_column_of_values_wider_than_8_bytes_is_refused(
    tmp_path: Path, kind: Any
) -> None:
    values = {"decimal128": [1, 2], "fixed_size_binary": [b"x" * 16] * 2, "list": [[1], [2]]}
    key = next(k for k in values if str(kind).startswith(k))
    import decimal

    column = [decimal.Decimal(v) for v in values[key]] if key == "decimal128" else values[key]
    table = pa.table(
        {
            "id": ["e0", "e1"],
            "title": ["T", "U"],
            "edtf": ["2017", "2018"],
            "first_earliest": pa.array(column, kind),
        }
    )
    path = tmp_path / "w.parquet"
    pq.write_table(table.replace_schema_metadata({"timeline": json.dumps(META)}), path)
    with pytest.raises(tio.LoadError) as found:
        bulk.load_parquet(path)
    (error,) = found.value.exceptions
    assert "the column 'first_earliest' must hold text, dates or flags, not " in str(error)
    assert error.filename == str(path)
