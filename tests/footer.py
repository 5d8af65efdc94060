"""Parquet's footer as data: a Thrift struct in the compact protocol, read and written whole.

``footer(path)`` gives the FileMetaData as nested ``{field: (wire type, value)}``;
``rewrite(path, footer)`` writes it back, so that a test can change one field.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

STOP, TRUE, FALSE, I8, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(13)


class Thrift:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def byte(self) -> int:
        self.at += 1
        return self.data[self.at - 1]

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, kind: int) -> Any:
        if kind in (TRUE, FALSE):
            return kind == TRUE
        if kind == I8:
            return self.byte()
        if kind in (I16, I32, I64):
            return self.zigzag()
        if kind == DOUBLE:
            self.at += 8
            return self.data[self.at - 8 : self.at]
        if kind == BINARY:
            n = self.varint()
            self.at += n
            return self.data[self.at - n : self.at]
        if kind in (LIST, SET):
            head = self.byte()
            n, item = head >> 4, head & 0x0F
            if n == 15:
                n = self.varint()
            if item in (TRUE, FALSE):
                return (item, [self.byte() == 1 for _ in range(n)])
            return (item, [self.value(item) for _ in range(n)])
        if kind == MAP:
            n = self.varint()
            types = self.byte() if n else 0
            pairs = [(self.value(types >> 4), self.value(types & 0x0F)) for _ in range(n)]
            return (types, pairs)
        assert kind == STRUCT
        fields: dict[int, tuple[int, Any]] = {}
        last = 0
        while True:
            head = self.byte()
            if head == STOP:
                return fields
            delta, ftype = head >> 4, head & 0x0F
            fid = last + delta if delta else self.zigzag()
            fields[fid] = (ftype, self.value(ftype))
            last = fid


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        if n < 0x80:
            return bytes(out + bytes([n]))
        out.append((n & 0x7F) | 0x80)
        n >>= 7


def zigzag(n: int) -> bytes:
    return varint((n << 1) ^ (n >> 63))


def encode(kind: int, value: Any) -> bytes:
    if kind in (TRUE, FALSE):
        return b""  # a struct field's bool is in its header
    if kind == I8:
        return bytes([value])
    if kind in (I16, I32, I64):
        return zigzag(value)
    if kind == DOUBLE:
        return bytes(value)
    if kind == BINARY:
        return varint(len(value)) + bytes(value)
    if kind in (LIST, SET):
        item, items = value
        head = bytes([min(len(items), 15) << 4 | item])
        if len(items) >= 15:
            head += varint(len(items))
        if item in (TRUE, FALSE):
            return head + bytes(1 if v else 2 for v in items)
        return head + b"".join(encode(item, v) for v in items)
    if kind == MAP:
        types, pairs = value
        if not pairs:
            return b"\x00"
        body = b"".join(encode(types >> 4, k) + encode(types & 0x0F, v) for k, v in pairs)
        return varint(len(pairs)) + bytes([types]) + body
    out = bytearray()
    last = 0
    for fid, (ftype, v) in sorted(value.items()):
        if ftype in (TRUE, FALSE):
            ftype = TRUE if v else FALSE
        if 0 < fid - last <= 15:
            out += bytes([(fid - last) << 4 | ftype])
        else:
            out += bytes([ftype]) + zigzag(fid)
        out += encode(ftype, v)
        last = fid
    return bytes(out + b"\x00")


def footer(path: Path) -> dict[int, tuple[int, Any]]:
    """The FileMetaData of the Parquet file at ``path``."""
    data = path.read_bytes()
    (length,) = struct.unpack("<I", data[-8:-4])
    found: dict[int, tuple[int, Any]] = Thrift(data[-8 - length : -8]).value(STRUCT)
    assert encode(STRUCT, found) == data[-8 - length : -8]  # the codec is faithful
    return found


def rewrite(path: Path, metadata: dict[int, tuple[int, Any]]) -> None:
    """Replace the footer of the Parquet file at ``path`` with ``metadata``."""
    data = path.read_bytes()
    (length,) = struct.unpack("<I", data[-8:-4])
    new = encode(STRUCT, metadata)
    path.write_bytes(data[: -8 - length] + new + struct.pack("<I", len(new)) + b"PAR1")


def column_meta(metadata: dict[int, tuple[int, Any]], group: int, column: int) -> Any:
    """The ColumnMetaData fields of row group ``group``'s chunk ``column`` (0-based)."""
    return metadata[4][1][1][group][1][1][1][column][3][1]
