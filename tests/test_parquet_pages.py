"""load_parquet reads ids and titles plain only when their page headers say they are plain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from footer import footer, rewrite
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import Event, Timeline, parse
from timeline.io import LimitError, LoadError, bulk, load_parquet
from timeline.io import _pages as pages
from timeline.io._yaml import Limits

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

I32, STRUCT, BINARY, TRUE, FALSE, LIST = 5, 12, 8, 1, 2, 9


# A Thrift compact protocol writer, enough for page headers.
def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        if n < 0x80:
            out.append(n)
            return bytes(out)
        out.append(n & 0x7F | 0x80)
        n >>= 7


def _zigzag(n: int) -> bytes:
    return _varint((n << 1) ^ (n >> 63))


def _struct(fields: list[tuple[int, int, bytes]]) -> bytes:
    out, last = bytearray(), 0
    for number, kind, payload in fields:
        delta = number - last
        if 0 < delta <= 15:
            out.append(delta << 4 | kind)
        else:
            out += bytes([kind]) + _zigzag(number)
        out += payload
        last = number
    return bytes(out) + b"\x00"


def _i32(n: int) -> bytes:
    return _zigzag(n)


def _data_header(encoding: int = 0, statistics: bool = True) -> bytes:
    fields = [(1, I32, _i32(3)), (2, I32, _i32(encoding)), (3, I32, _i32(3)), (4, I32, _i32(3))]
    if statistics:  # max, min (binary), null_count (i64)
        stats = _struct(
            [(1, BINARY, _varint(2) + b"zz"), (2, BINARY, _varint(1) + b"a"), (3, 6, _zigzag(0))]
        )
        fields.append((5, STRUCT, stats))
    return _struct(fields)


def _header(
    kind: int = 0,
    unpacked: int = 30,
    stored: int = 20,
    inner: bytes | None = None,
    number: int = 5,
    crc: bool = True,
) -> bytes:
    fields = [(1, I32, _i32(kind)), (2, I32, _i32(unpacked)), (3, I32, _i32(stored))]
    if crc:
        fields.append((4, I32, _i32(-12345)))
    fields.append((number, STRUCT, _data_header() if inner is None else inner))
    return _struct(fields)


# A data page header's type and sizes, for the headers made wrong in one way below.
_BASE = [(1, I32, _i32(0)), (2, I32, _i32(1)), (3, I32, _i32(1))]


def test_a_plain_data_page_header_is_read() -> None:
    header = _header()
    assert pages.page(header + b"rest of the page") == (len(header), 20, 30)
    v2 = _struct(
        [
            (1, I32, _i32(3)),
            (2, I32, _i32(0)),
            (3, I32, _i32(3)),
            (4, I32, _i32(0)),
            (5, I32, _i32(0)),
            (6, I32, _i32(0)),
            (7, FALSE, b""),
        ]
    )
    header = _header(kind=3, inner=v2, number=8)
    assert pages.page(header) == (len(header), 20, 30)


@pytest.mark.parametrize(
    "header",
    [
        _header(
            kind=2, inner=_struct([(1, I32, _i32(3)), (2, I32, _i32(0))]), number=7
        ),  # dictionary
        _header(kind=1, inner=_struct([]), number=6),  # index page
        _header(kind=2),  # a dictionary page with a data page's header
        _header(kind=0, inner=_data_header(encoding=8)),  # RLE_DICTIONARY values
        _header(kind=0, inner=_data_header(encoding=2)),  # PLAIN_DICTIONARY
        _header(kind=0, inner=_data_header(encoding=6)),  # DELTA_LENGTH_BYTE_ARRAY
        _header(kind=0, inner=_data_header(encoding=7)),  # DELTA_BYTE_ARRAY: prefixes repeat
        _header(kind=3, inner=_data_header(), number=8),  # v2 without its fields
        _header(unpacked=-1),
        _struct([*_BASE[:2], (5, STRUCT, _data_header())]),  # no size stored
        _struct([_BASE[0], (1, I32, _i32(2)), *_BASE[1:], (5, STRUCT, _data_header())]),
        _struct([*_BASE, (5, STRUCT, _data_header()), (7, STRUCT, _struct([]))]),
        _struct([(1, BINARY, _varint(1) + b"x"), *_BASE[1:], (5, STRUCT, _data_header())]),
        _struct([*_BASE, (5, STRUCT, _data_header()), (9, I32, _i32(0))]),
        _struct(
            [
                *_BASE,
                (
                    5,
                    STRUCT,
                    _struct(
                        [
                            (1, I32, _i32(3)),
                            (2, I32, _i32(0)),
                            (2, I32, _i32(8)),
                            (3, I32, _i32(3)),
                            (4, I32, _i32(3)),
                        ]
                    ),
                ),
            ]
        ),
        b"",
        b"\x15",
    ],
    ids=[
        "dictionary-page",
        "index-page",
        "dictionary-typed",
        "rle-dictionary",
        "plain-dictionary",
        "delta-length",
        "delta-byte-array",
        "v2-bare",
        "negative-size",
        "missing-size",
        "type-twice",
        "extra-struct",
        "wrong-wire-type",
        "unknown-field",
        "encoding-twice",
        "empty",
        "cut",
    ],
)
def test_any_other_header_is_declined(header: bytes) -> None:
    with pytest.raises(pages._Declined):
        pages.page(header)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=64)
    | st.builds(
        lambda h, i, b: h[:i] + bytes([b]) + h[i + 1 :],
        st.just(_header()),
        st.integers(0, 40),
        st.integers(0, 255),
    )
)
def test_any_bytes_are_read_or_declined(data: bytes) -> None:
    try:
        size, stored, unpacked = pages.page(data)
    except pages._Declined:
        return
    assert 0 < size <= len(data)
    assert stored >= 0
    assert unpacked >= 0


def _timeline(n: int = 300) -> Timeline:
    return Timeline(
        Event(id=f"e{i}", title=f"Event {i} " + "x" * (i % 7), when=parse(f"2017-{i % 12 + 1:02d}"))
        for i in range(n)
    )


def _write(path: Path, **options: Any) -> None:
    table = bulk._table(_timeline(), pa)
    settings_ = {
        "compression": "zstd",
        "use_dictionary": ["kind", "edtf", "precision", "qualifiers", "rest"],
        "row_group_size": 100,
        **options,
    }
    pq.write_table(table, path, **settings_)


def _plain(
    path: Path, names: tuple[str, ...] = ("id", "title", "kind", "edtf"), budget: int = 1 << 30
) -> set[str]:
    return pages.plain_text_columns(str(path), pq.ParquetFile(path).metadata, names, budget)


def test_dump_parquet_writes_ids_and_titles_as_plain_pages(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    bulk.dump_parquet(_timeline(), path)
    assert _plain(path) == {"id", "title"}


@pytest.mark.parametrize(
    ("options", "plain"),
    [
        ({}, {"id", "title"}),
        ({"compression": "none"}, {"id", "title"}),
        ({"compression": "gzip", "write_page_checksum": True}, {"id", "title"}),
        ({"data_page_version": "2.0"}, {"id", "title"}),
        ({"data_page_size": 64, "write_batch_size": 8}, {"id", "title"}),  # pages
        ({"write_statistics": False}, {"id", "title"}),
        ({"use_dictionary": True}, set()),
        ({"use_dictionary": ["id"]}, {"title"}),
        ({"column_encoding": {"id": "DELTA_LENGTH_BYTE_ARRAY"}}, {"title"}),
        ({"column_encoding": {"title": "DELTA_BYTE_ARRAY"}}, {"id"}),
    ],
)
def test_only_chunks_of_plain_pages_are_plain(
    tmp_path: Path, options: dict[str, Any], plain: set[str]
) -> None:
    path = tmp_path / "t.parquet"
    if "column_encoding" in options:
        options = {**options, "use_dictionary": False}
    _write(path, **options)
    assert _plain(path, ("id", "title")) == plain
    if "column_encoding" not in options:  # read plain or not, the same timeline
        assert load_parquet(path) == _timeline()
    else:  # text in delta encodings cannot be read with a dictionary: refused, named
        with pytest.raises(LoadError) as raised:
            load_parquet(path)
        assert "the data cannot be read" in str(raised.value.exceptions[0])


def _chunks(path: Path, name: str) -> Any:
    """Each chunk of column ``name``: its metadata, and its pages as (start, header, stored,
    unpacked) read with :func:`pages.page`, which must fill the chunk."""
    data = path.read_bytes()
    meta = pq.ParquetFile(path).metadata
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        (chunk,) = [
            group.column(j)
            for j in range(group.num_columns)
            if group.column(j).path_in_schema == name
        ]
        at, end = chunk.data_page_offset, chunk.data_page_offset + chunk.total_compressed_size
        found = []
        while at < end:
            size, stored, unpacked = pages.page(data[at:end])
            found.append((at, size, stored, unpacked))
            at += size + stored
        assert at == end
        yield chunk, found


def test_columns_over_the_budget_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    _write(path)
    sizes = {
        name: sum(page[3] for _, found in _chunks(path, name) for page in found)
        for name in ("id", "title")
    }
    assert 0 < sizes["id"] < sizes["title"]
    both = sizes["id"] + sizes["title"]
    assert _plain(path, ("id", "title"), budget=both) == {"id", "title"}
    assert _plain(path, ("id", "title"), budget=both - 1) == {"id"}
    assert _plain(path, ("title", "id"), budget=both - 1) == {"title"}
    assert _plain(path, ("id", "title"), budget=sizes["id"] - 1) == set()


def test_header_sizes_add_up_to_the_footers(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    _write(path, data_page_size=64, write_batch_size=8)
    for chunk, found in _chunks(path, "id"):
        assert len(found) > 1
        assert sum(size + unpacked for _, size, _, unpacked in found) == (
            chunk.total_uncompressed_size
        )


def _told(path: Path, tell: Any = None, created_by: bytes | None = None) -> set[str]:
    """Which of id and title the check finds plain, after ``tell`` changed each chunk's metadata.

    ``tell(name, fields)`` changes the ColumnMetaData fields of a chunk of the
    column ``name`` in place; ``created_by`` replaces the writer's name. The
    footer is rewritten in the file, which the check reads as it is.
    """
    metadata = footer(path)
    names = pq.ParquetFile(path).schema_arrow.names
    if tell is not None:
        for group in metadata[4][1][1]:  # FileMetaData.row_groups
            for name, chunk in zip(names, group[1][1][1], strict=True):
                tell(name, chunk[3][1])  # ColumnChunk.meta_data
    if created_by is not None:
        metadata[6] = (BINARY, created_by)
    rewrite(path, metadata)
    meta = pq.ParquetFile(path).metadata
    return pages.plain_text_columns(str(path), meta, ("id", "title"), 1 << 30)


def test_a_dictionary_page_the_footer_does_not_state_is_found(tmp_path: Path) -> None:
    # The id chunks begin with a dictionary page; a footer that hides it is not believed.
    path = tmp_path / "t.parquet"
    _write(path, use_dictionary=["id"])
    assert _told(path) == {"title"}

    def hide(name: str, fields: dict[int, Any]) -> None:
        if name == "id":
            fields[9] = fields.pop(11)  # data_page_offset = dictionary_page_offset
            assert 11 not in fields

    assert _told(path, hide) == {"title"}
    assert not pq.ParquetFile(path).metadata.row_group(0).column(0).has_dictionary_page


@pytest.mark.parametrize("change", [-1, 1, 10**9])
def test_pages_that_do_not_fill_the_chunk_are_declined(tmp_path: Path, change: int) -> None:
    path = tmp_path / "t.parquet"
    _write(path)

    def resize(name: str, fields: dict[int, Any]) -> None:
        if name == "title":
            kind, size = fields[7]  # total_compressed_size
            fields[7] = (kind, size + change)

    assert _told(path, resize) == {"id"}


@pytest.mark.parametrize("created_by", [b"parquet-mr version 1.2.8", b"", b"polars"])
def test_files_of_other_writers_are_declined(tmp_path: Path, created_by: bytes) -> None:
    path = tmp_path / "t.parquet"
    _write(path)
    assert _told(path) == {"id", "title"}
    assert _told(path, created_by=created_by) == set()


def test_a_chunk_stated_to_be_in_another_file_is_declined(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    _write(path)
    metadata = footer(path)
    chunk = metadata[4][1][1][0][1][1][1][2]  # row group 1, the title chunk
    chunk[1] = (BINARY, b"other.parquet")  # ColumnChunk.file_path
    rewrite(path, metadata)
    assert pages.plain_text_columns(
        str(path), pq.ParquetFile(path).metadata, ("id", "title"), 1 << 30
    ) == {"id"}


def test_limits_refuse_plain_text_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Text over the limit is refused with the same error, read plain or as a dictionary.
    path = tmp_path / "t.parquet"
    _write(path)
    meta = pq.ParquetFile(path).metadata
    unpacked = sum(meta.row_group(g).total_byte_size for g in range(meta.num_row_groups))
    table = pq.read_table(path, columns=list(bulk._TEXT_COLUMNS))
    charged = sum(
        4 * len(column) + sum(len(v.encode()) for v in column.to_pylist() if v is not None)
        for column in table.columns
    )
    limits = Limits(max_bytes=max(unpacked, path.stat().st_size))
    assert limits.max_bytes < charged
    messages = []
    for plain in (True, False):
        if not plain:
            monkeypatch.setattr(pages, "plain_text_columns", lambda *a, **k: set())
        with pytest.raises(LoadError) as raised:
            load_parquet(path, limits=limits)
        assert any(isinstance(e, LimitError) for e in raised.value.exceptions)
        messages.append(str(raised.value))
    assert messages[0] == messages[1]


def test_changed_page_headers_are_refused_or_read_exactly(tmp_path: Path) -> None:
    # Every byte of the id and title pages' headers changed in turn: the file is read
    # exactly (the change declined or harmless) or refused with located errors.
    import random

    path = tmp_path / "t.parquet"
    want = _timeline(120)
    bulk.dump_parquet(want, path, compression="none")
    original = path.read_bytes()
    spots = [
        at + k
        for name in ("id", "title")
        for _, found in _chunks(path, name)
        for at, size, _, _ in found
        for k in range(size)
    ]
    assert len(spots) > 20
    rng = random.Random(14)
    mutant = tmp_path / "mutant.parquet"
    outcomes = {"exact": 0, "refused": 0}
    for spot in spots:
        data = bytearray(original)
        data[spot] = (data[spot] + rng.randint(1, 255)) % 256
        mutant.write_bytes(bytes(data))
        outcomes[_refused_or_exact(mutant, want)] += 1
    assert outcomes["refused"], outcomes


def _refused_or_exact(path: Path, want: Timeline) -> str:
    from timeline import TimelineError

    try:
        found = load_parquet(path)
    except LoadError as group:
        errors = list(group.exceptions)
    else:
        assert found == want
        return "exact"
    assert errors
    for error in errors:
        assert isinstance(error, TimelineError)
        assert str(error).startswith(str(path)), str(error)
    return "refused"


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_footer_s_bytes_changed_are_read_or_declined(tmp_path_factory: Any, data: Any) -> None:
    import io

    folder = tmp_path_factory.mktemp("footer")
    path = folder / "t.parquet"
    _write(path)
    raw = bytearray(path.read_bytes())
    length = int.from_bytes(raw[-8:-4], "little")
    start = len(raw) - 8 - length
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(start, len(raw) - 9))
        raw[at] = data.draw(st.integers(0, 255))
    try:
        groups = pages._footer_chunks(io.BytesIO(bytes(raw)), len(raw))
    except pages._Declined:
        return
    for chunks in groups:
        for chunk in chunks:
            assert chunk is None or (len(chunk) == 3 and all(type(v) is int for v in chunk[1:]))
