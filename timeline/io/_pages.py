"""What a Parquet file's page headers say of a text column: whether it is plain text only.

:func:`timeline.io.load_parquet` reads text columns dictionary-encoded, so
that a column's decoded size is known before it is decoded: a dictionary page
holding one long value that a million rows repeat would otherwise decode to
gigabytes from a few kilobytes of file. For a column stored without a
dictionary (ids and titles, which :func:`timeline.io.dump_parquet` writes
so), that guard costs a hash of every value, most of what reading the
column takes. This module reads the headers of a column's pages from the
file, as the Parquet reader will meet them, and says when every page of every
chunk is a data page of PLAIN-encoded values. Such a page's values cannot
decode to more than its size uncompressed (each value is stored as its
length and its bytes), which the header states before the page is read: the
column can then be read as plain text, its decoded size bounded in advance.

The check declines whatever it does not know: a dictionary page, an index
page, any encoding but PLAIN, a header field it does not expect or finds
twice, a field of an unexpected type, pages that do not exactly fill the
chunk's byte range, a file not written by Arrow's Parquet writer (older
writers' chunk ranges need adjusting). Declining costs only speed: the
column is then read as before. The chunks' byte ranges are read from the
footer here too, not asked of pyarrow, whose objects for a chunk's metadata
can end the process on a damaged footer (:func:`_footer_chunks`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Final

__all__ = ["plain_text_columns"]

# Page types and the one encoding accepted (parquet.thrift).
_DATA_PAGE: Final = 0
_DATA_PAGE_V2: Final = 3
_PLAIN: Final = 0

# Thrift compact protocol wire types.
_TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY = 1, 2, 3, 4, 5, 6, 7, 8
_LIST, _SET, _MAP, _STRUCT = 9, 10, 11, 12

# The writer whose chunk ranges are read as stated (no padding for older writers).
_WRITER: Final = "parquet-cpp-arrow version "

# Bounds on the work: header bytes read per page, pages per file, nesting of structs.
_MAX_HEADER: Final = 1 << 20
_MAX_PAGES: Final = 1 << 16
_MAX_DEPTH: Final = 8


class _Declined(Exception):
    """The header is not one the check knows: the column is read as before."""


class _Short(_Declined):
    """The header goes on past the bytes read so far."""


class _Reader:
    """Thrift compact protocol, only what page headers use, on bytes with bounds checked."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise _Short("the header goes past the bytes read")
        value = self.data[self.at]
        self.at += 1
        return value

    def varint(self) -> int:
        shift = result = 0
        for _ in range(10):
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
        raise _Declined("a number of more than ten bytes")

    def integer(self, bits: int) -> int:
        raw = self.varint()
        if raw >> bits:
            raise _Declined("a number wider than its type")
        return (raw >> 1) ^ -(raw & 1)

    def skip(self, kind: int, depth: int) -> None:
        """Pass over a value of wire type ``kind`` (statistics, which are not needed)."""
        if depth > _MAX_DEPTH:
            raise _Declined("structs nested too deep")
        if kind in (_TRUE, _FALSE):
            return
        if kind == _BYTE:
            self.byte()
        elif kind == _I16:
            self.integer(16)
        elif kind == _I32:
            self.integer(32)
        elif kind == _I64:
            self.integer(64)
        elif kind == _DOUBLE:
            self.take(8)
        elif kind == _BINARY:
            self.take(self.varint())
        elif kind in (_LIST, _SET):
            head = self.byte()
            size, element = head >> 4, head & 0x0F
            if size == 15:
                size = self.varint()
            for _ in range(size):
                self.skip_element(element, depth + 1)
        elif kind == _MAP:
            size = self.varint()
            if size:
                head = self.byte()
                for _ in range(size):
                    self.skip_element(head >> 4, depth + 1)
                    self.skip_element(head & 0x0F, depth + 1)
        elif kind == _STRUCT:
            for _, field_kind in self.fields():
                self.skip(field_kind, depth + 1)
        else:
            raise _Declined(f"an unknown wire type {kind}")

    def skip_element(self, kind: int, depth: int) -> None:
        # In lists, sets and maps a bool is a byte of its own.
        if kind in (_TRUE, _FALSE):
            self.byte()
        else:
            self.skip(kind, depth)

    def take(self, size: int) -> None:
        if size < 0:
            raise _Declined("a negative length")
        if self.at + size > len(self.data):
            raise _Short("the header goes past the bytes read")
        self.at += size

    def fields(self) -> Any:
        """Each field of a struct as (id, wire type), to the struct's end; an id only once."""
        seen: set[int] = set()
        last = 0
        while True:
            head = self.byte()
            if head == 0:
                return
            delta, kind = head >> 4, head & 0x0F
            number = last + delta if delta else self.integer(16)
            if number in seen:
                raise _Declined(f"field {number} twice")
            seen.add(number)
            last = number
            yield number, kind


def _struct(reader: _Reader, expected: dict[int, int], depth: int = 0) -> dict[int, Any]:
    """A struct's fields: the i32 ones as numbers, the struct ones passed over (as True).

    ``expected`` maps each known field id to its wire type; any other field,
    or a known one of another type, declines.
    """
    found: dict[int, Any] = {}
    for number, kind in reader.fields():
        if expected.get(number) != kind and not (
            expected.get(number) == _TRUE and kind in (_TRUE, _FALSE)
        ):
            raise _Declined(f"field {number} of wire type {kind}")
        if kind == _I32:
            found[number] = reader.integer(32)
        else:
            reader.skip(kind, depth + 1)
            found[number] = True
    return found


# PageHeader: type, sizes, crc; data_page_header (5), index (6), dictionary (7), v2 (8).
_PAGE_HEADER: Final = {
    1: _I32,
    2: _I32,
    3: _I32,
    4: _I32,
    5: _STRUCT,
    6: _STRUCT,
    7: _STRUCT,
    8: _STRUCT,
}
# DataPageHeader: num_values, encoding, the levels' encodings, statistics.
_DATA_HEADER: Final = {1: _I32, 2: _I32, 3: _I32, 4: _I32, 5: _STRUCT}
# DataPageHeaderV2: num_values, num_nulls, num_rows, encoding, the levels' byte
# lengths, is_compressed, statistics.
_V2_HEADER: Final = {1: _I32, 2: _I32, 3: _I32, 4: _I32, 5: _I32, 6: _I32, 7: _TRUE, 8: _STRUCT}


def page(data: bytes) -> tuple[int, int, int]:
    """The header at the start of ``data``: its length, the page's size stored and uncompressed.

    Raises :class:`_Declined` unless it is the header of a data page (v1 or
    v2) of PLAIN values with every required field, each once.
    """
    reader = _Reader(data)
    top: dict[int, Any] = {}
    for number, kind in reader.fields():
        if _PAGE_HEADER.get(number) != kind:
            raise _Declined(f"page header field {number} of wire type {kind}")
        if kind == _I32:
            top[number] = reader.integer(32)
            continue
        if number == 5:
            top[number] = _struct(reader, _DATA_HEADER)
        elif number == 8:
            top[number] = _struct(reader, _V2_HEADER)
        else:
            raise _Declined(f"page header field {number}")
    if not {1, 2, 3} <= top.keys():
        raise _Declined("a required field missing")
    kind, unpacked, stored = top[1], top[2], top[3]
    if kind == _DATA_PAGE and top.keys() - {1, 2, 3, 4} == {5}:
        inner, need, encoding = top[5], {1, 2, 3, 4}, 2
    elif kind == _DATA_PAGE_V2 and top.keys() - {1, 2, 3, 4} == {8}:
        inner, need, encoding = top[8], {1, 2, 3, 4, 5, 6}, 4
    else:
        raise _Declined(f"a page of type {kind}")
    if not need <= inner.keys() or inner[encoding] != _PLAIN:
        raise _Declined("not PLAIN values")
    if unpacked < 0 or stored < 0:
        raise _Declined("a negative size")
    return reader.at, stored, unpacked


def _chunk_pages(file: Any, start: int, length: int, budget: list[int]) -> int:
    """The size uncompressed of the chunk's pages, each checked by :func:`page`."""
    end, at, total = start + length, start, 0
    while at < end:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Declined("too many pages")
        file.seek(at)
        most = min(end - at, _MAX_HEADER)
        data = file.read(min(most, 4096))
        while True:
            try:
                size, stored, unpacked = page(data)
                break
            except _Short:
                more = file.read(most - len(data)) if len(data) < most else b""
                if not more:
                    raise
                data += more
        at += size + stored
        total += unpacked
    if at != end:
        raise _Declined("the pages do not fill the chunk")
    return total


# ColumnChunk: file_path, meta_data, the encryption fields; ColumnMetaData:
# path_in_schema, total_compressed_size, data_page_offset, dictionary_page_offset.
_CHUNK: Final = {1: _BINARY, 3: _STRUCT, 8: _STRUCT, 9: _BINARY}
_CHUNK_META: Final = {3: _LIST, 7: _I64, 9: _I64, 11: _I64}


def _list_of(reader: _Reader, element: int) -> int:
    """The length of the list that follows, whose elements must be of wire type ``element``."""
    head = reader.byte()
    size, kind = head >> 4, head & 0x0F
    if size == 15:
        size = reader.varint()
    if kind != element:
        raise _Declined(f"a list of wire type {kind}")
    return size


_Chunk = tuple[tuple[bytes, ...], int, int] | None


def _column_chunk(reader: _Reader) -> _Chunk:
    """A ColumnChunk's path in the schema and byte range (start, length) of its pages.

    None for a chunk in another file, an encrypted one, one with a dictionary
    page, or one without the fields its range is made of.
    """
    path: tuple[bytes, ...] | None = None
    numbers: dict[int, int] = {}
    usable = True
    for number, kind in reader.fields():
        if number not in _CHUNK:
            reader.skip(kind, 2)
            continue
        if _CHUNK[number] != kind:
            raise _Declined(f"column chunk field {number} of wire type {kind}")
        if number != 3:  # elsewhere, or encrypted
            usable = False
            reader.skip(kind, 2)
            continue
        for inner, inner_kind in reader.fields():
            if inner not in _CHUNK_META:
                reader.skip(inner_kind, 3)
            elif _CHUNK_META[inner] != inner_kind:
                raise _Declined(f"column metadata field {inner} of wire type {inner_kind}")
            elif inner == 3:
                parts = []
                for _ in range(_list_of(reader, _BINARY)):
                    size = reader.varint()
                    at = reader.at
                    reader.take(size)
                    parts.append(reader.data[at : at + size])
                path = tuple(parts)
            else:
                numbers[inner] = reader.integer(64)
    if not usable or 11 in numbers or path is None or not {7, 9} <= numbers.keys():
        return None
    return path, numbers[9], numbers[7]


def _footer_chunks(file: Any, size: int) -> list[list[_Chunk]]:
    """Each row group's column chunks (:func:`_column_chunk`), read from the file's footer.

    Read here rather than asked of pyarrow: its objects for a column chunk's
    metadata check the size statistics as they are made, and a check that
    fails there ends the process (the exception is thrown where Python cannot
    catch it), while reading the column reports it as an error.
    """
    if size < 12:
        raise _Declined("too short for a footer")
    file.seek(size - 8)
    tail = file.read(8)
    length = int.from_bytes(tail[:4], "little")
    if tail[4:] != b"PAR1" or length > size - 12:
        raise _Declined("not a plain Parquet footer")
    file.seek(size - 8 - length)
    reader = _Reader(file.read(length))
    groups: list[list[_Chunk]] | None = None
    for number, kind in reader.fields():
        if number != 4:  # FileMetaData.row_groups
            reader.skip(kind, 1)
            continue
        if kind != _LIST:
            raise _Declined(f"row groups of wire type {kind}")
        groups = []
        for _ in range(_list_of(reader, _STRUCT)):
            chunks = None
            for field, field_kind in reader.fields():
                if field != 1:  # RowGroup.columns
                    reader.skip(field_kind, 2)
                    continue
                if field_kind != _LIST:
                    raise _Declined(f"columns of wire type {field_kind}")
                chunks = [_column_chunk(reader) for _ in range(_list_of(reader, _STRUCT))]
            if chunks is None:
                raise _Declined("a row group without columns")
            groups.append(chunks)
    if groups is None:
        raise _Declined("a footer without row groups")
    return groups


def plain_text_columns(filename: str, metadata: Any, names: Sequence[str], budget: int) -> set[str]:
    """Those of ``names`` whose every chunk holds only data pages of PLAIN values.

    ``metadata`` is the file's pyarrow ``FileMetaData``, as pyarrow read it:
    the column chunks are read again from the footer (:func:`_footer_chunks`)
    and must agree with it in number. Their pages' sizes uncompressed, as the
    headers state, sum to at most ``budget`` bytes; a column over what is
    left of it is not counted in. Any doubt (see the module docstring) leaves
    the column out.
    """
    found: set[str] = set()
    try:
        if not str(metadata.created_by or "").startswith(_WRITER):
            return found
        size = os.stat(filename).st_size
        schema = metadata.schema
        paths = [tuple(schema.column(j).path.split(".")) for j in range(len(schema))]
        pages = [_MAX_PAGES]
        with open(filename, "rb") as file:
            try:
                groups = _footer_chunks(file, size)
            except _Declined:
                return found
            if len(groups) != metadata.num_row_groups or any(
                len(chunks) != len(paths) for chunks in groups
            ):
                return found
            for name in names:
                total = 0
                try:
                    where = [j for j, path in enumerate(paths) if path == (name,)]
                    if len(where) != 1:
                        raise _Declined(f"{len(where)} columns named {name!r}")
                    for chunks in groups:
                        chunk = chunks[where[0]]
                        if chunk is None:
                            raise _Declined("a chunk with a dictionary, elsewhere or encrypted")
                        path, start, length = chunk
                        if (
                            path != (name.encode(),)
                            or start < 4
                            or length < 0
                            or start + length > size
                        ):
                            raise _Declined("a chunk of another column or out of the file")
                        total += _chunk_pages(file, start, length, pages)
                except _Declined:
                    continue
                if total <= budget:
                    found.add(name)
                    budget -= total
    except (OSError, ValueError, TypeError, AttributeError, IndexError):
        return set()
    return found
