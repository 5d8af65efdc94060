"""Plain ISO dates read in bulk: :func:`read_plain` and :func:`parse_many`.

Most date columns are plain ISO days, months and years (``2017-09-28``,
``2017-09``, ``2017``). :func:`read_plain` tells which values of a column are
exactly such a text and gives their day numbers, with array arithmetic on the
bytes: an Arrow text array is read through its buffers (offsets, data,
validity) with no Python object per value, and a Python list through one
joined copy of its texts. :func:`parse_many` reads a column into time values
on top of it: one :class:`~timeline.Extent` per distinct plain value, shared
by every row that names it, and :func:`timeline.parse` for the rest.

How the bytes are read: each value's first ten bytes are taken as one 64-bit
word (bytes 0–7) and one 16-bit word (bytes 8–9). A year or a month has the
bytes after its end replaced by those of ``-01-`` or ``-`` (and ``01`` for the
day), so that every candidate is checked against the one pattern
``DDDD-DD-DD`` by a few word operations, and its year and month are gathered
by one multiplication into an index into tables of the first day and the
length of every month and every year of the years 1–9999. The work is done a
few thousand values at a time, so that the temporary arrays stay in cache.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from timeline.errors import ParseError
from timeline.when import Extent, Precision, TimeValue

if TYPE_CHECKING:
    from typing import TypeAlias

    import numpy as np
    import numpy.typing as npt

    # first, last, unit, ok.
    Columns: TypeAlias = tuple[
        npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.uint8], npt.NDArray[np.bool_]
    ]

__all__ = ["PlainDays", "parse_many", "read_plain"]

# Errors named in a ParseError beside the first.
_SHOWN: Final = 5
_UNITS: Final = {int(p): p for p in (Precision.YEAR, Precision.MONTH, Precision.DAY)}

# The forms, by a value's length in bytes: 0 none, 1 year, 2 month, 3 day.
_YEAR, _MONTH, _DAY = 1, 2, 3
_FORM_UNITS: Final = (0, int(Precision.YEAR), int(Precision.MONTH), int(Precision.DAY))
# Bytes 0–7 as a little-endian word x: the bytes of a value of each form to keep; the rest are
# those of _FILL, so that each reads as "DDDD-DD-": a year as its January "DDDD-01-" (its key
# then moved to the tables' second half, of whole years), a month as "DDDD-MM-".
_KEEP: Final = (0, 0x0000_0000_FFFF_FFFF, 0x00FF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)
_FILL: Final = 0x2D31_302D_0000_0000
# "DDDD-DD-" with 0x30 ("0") for a digit: x ^ _PATTERN holds each digit's value and 0 per dash.
_PATTERN: Final = 0x2D30_302D_3030_3030
# Added to the low seven bits of each byte of x ^ _PATTERN, it sets the top bit of the byte
# exactly when the byte is more than 9 (a digit), more than 1 (the tens of the month) or not 0
# (a dash). No byte carries into the next: 0x7F + 0x7F < 0x100.
_LIMIT: Final = 0x7F76_7E7F_7676_7676
_LOW7: Final = 0x7F7F_7F7F_7F7F_7F7F
_HIGH: Final = 0x8080_8080_8080_8080
# Bytes 8–9: the day, "01" for a year or a month.
_DAY_FILL: Final = 0x3130
# t = a * 10 + (a >> 8) holds two-digit numbers in bytes 0 (century), 2 (year in the century)
# and 5 (month, at most 19). One product gathers century * 2000 + year * 20 + month, that is
# 20 * year + month, at bit 40 (the cross terms land below bit 40, past bit 64, or at bit 60
# and up).
_LANES: Final = 0x0000_FF00_00FF_00FF
_GATHER: Final = (2000 << 40) | (20 << 24) | 1
_KEY_BITS: Final = 18
# A table of distinct values is used when the keys span at most this many slots per value.
_DENSE: Final = 4


@attrs.frozen(eq=False)
class PlainDays:
    """What :func:`read_plain` found in a column of ``n`` values: four read-only arrays.

    ``ok[i]`` is whether value ``i`` is exactly a plain ISO day, month or year of the years
    1–9999; where it is, ``first[i]`` and ``last[i]`` are its first and last days (rata die,
    as :attr:`Extent.first` and :attr:`Extent.last`) and ``unit[i]`` is
    ``int(Precision.DAY)``, ``int(Precision.MONTH)`` or ``int(Precision.YEAR)``; elsewhere
    all three are 0.
    """

    first: npt.NDArray[np.int64]
    last: npt.NDArray[np.int64]
    unit: npt.NDArray[np.uint8]
    ok: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.ok)


def read_plain(texts: object) -> PlainDays:
    """Which of ``texts`` are plain ISO dates, and their days.

    A value is plain when it is text of exactly the form ``YYYY-MM-DD``,
    ``YYYY-MM`` or ``YYYY``: ASCII digits, a real month and day, a year of
    1–9999, nothing around it. Exactly those are the values that
    :func:`timeline.parse` reads as an :class:`~timeline.Extent` of a
    calendar day, month or year of those years whose label is the text
    itself, and ``first``, ``last`` and ``unit`` are that Extent's.

    ``texts`` is a pyarrow ``string`` or ``large_string`` array (nulls are not
    plain), a dictionary array of those, a chunked array of any of them, a
    ``null`` array, or any iterable of Python objects (only ``str`` itself is
    read: other objects, subclasses of ``str`` among them, are not plain).
    Arrow arrays are read straight from their buffers.
    """
    import numpy as np

    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(texts, pa.ChunkedArray | pa.Array):
        return _frozen(*_read_arrow(texts, pa))
    items = texts if isinstance(texts, list | tuple) else list(texts)  # type: ignore[call-overload]
    n = len(items)
    if n == 0 or set(map(type, items)) == {str}:
        strings: Sequence[str] = items
        is_text = None
    else:
        is_text = np.fromiter((type(s) is str for s in items), dtype=np.bool_, count=n)
        strings = [s if type(s) is str else "" for s in items]
    # One byte per character: "?" for any that is not ASCII (it is not plain either way). The
    # texts are found by the line breaks between them, unless a text holds one.
    data = np.frombuffer("\n".join(strings).encode("ascii", "replace"), dtype=np.uint8)
    breaks = np.flatnonzero(data == 10)
    if len(breaks) == max(n - 1, 0):
        starts = np.empty(n, dtype=np.intp)
        ends = np.empty(n, dtype=np.intp)
        if n:
            starts[0] = 0
            np.add(breaks, 1, out=starts[1:])
            ends[:-1] = breaks
            ends[-1] = len(data)
    else:
        lengths = np.fromiter(map(len, strings), dtype=np.intp, count=n)
        ends = np.cumsum(lengths + 1) - 1
        starts = ends - lengths
    return _frozen(*_read_bytes(data, starts, ends, is_text))


def _frozen(
    first: npt.NDArray[np.int64],
    last: npt.NDArray[np.int64],
    unit: npt.NDArray[np.uint8],
    ok: npt.NDArray[np.bool_],
) -> PlainDays:
    for a in (first, last, unit, ok):
        a.setflags(write=False)
    return PlainDays(first, last, unit, ok)


def _read_arrow(array: Any, pa: Any) -> Columns:
    import numpy as np

    if isinstance(array, pa.ChunkedArray):
        parts = [_read_arrow(chunk, pa) for chunk in array.chunks]
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return _nothing(0)
        firsts, lasts, units, oks = zip(*parts, strict=True)
        return (
            np.concatenate(firsts),
            np.concatenate(lasts),
            np.concatenate(units),
            np.concatenate(oks),
        )
    kind = array.type
    if pa.types.is_dictionary(kind):
        # The dictionary's values, then one not plain for the nulls.
        found: list[Any] = [
            np.append(c, c.dtype.type(0)) for c in _read_arrow(array.dictionary, pa)
        ]
        codes = array.indices
        if not len(codes):
            return _nothing(0)
        index_type = np.dtype(codes.type.to_pandas_dtype())
        raw = np.frombuffer(codes.buffers()[1], dtype=index_type)
        at = raw[codes.offset : codes.offset + len(codes)].astype(np.intp)
        if codes.null_count:
            at[~_validity(codes, np)] = len(array.dictionary)
        first, last, unit, ok = (c[at] for c in found)
        return first, last, unit, ok
    if pa.types.is_null(kind):
        return _nothing(len(array))
    if pa.types.is_string(kind):
        width: Any = np.int32
    elif pa.types.is_large_string(kind):
        width = np.int64
    elif hasattr(pa.types, "is_string_view") and pa.types.is_string_view(kind):
        return _read_arrow(array.cast(pa.large_string()), pa)
    else:
        raise TypeError(f"dates are read from Arrow text, not {kind}")
    n = len(array)
    buffers = array.buffers()
    if n == 0 or buffers[1] is None:
        return _nothing(n)
    offsets = np.frombuffer(buffers[1], dtype=width)[array.offset : array.offset + n + 1]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.zeros(0, dtype=np.uint8)
    )
    valid = _validity(array, np) if array.null_count else None
    return _read_bytes(data, offsets[:-1], offsets[1:], valid)


def _validity(array: Any, np: Any) -> npt.NDArray[np.bool_]:
    """The validity bitmap of an Arrow array, one bool per value."""
    n, at = len(array), array.offset
    bitmap = np.frombuffer(array.buffers()[0], dtype=np.uint8)[at // 8 : (at + n + 7) // 8 + 1]
    bits: npt.NDArray[np.bool_] = np.unpackbits(bitmap, bitorder="little")[at % 8 : at % 8 + n]
    return bits.view(np.bool_)


def _nothing(n: int) -> Columns:
    import numpy as np

    return (
        np.zeros(n, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
        np.zeros(n, dtype=np.uint8),
        np.zeros(n, dtype=np.bool_),
    )


@functools.cache
def _tables() -> tuple[Any, ...]:
    """The tables :func:`_read_chunk` looks things up in.

    By key, the first day and the length of each month at ``20 * year + month``, then of each
    year at ``2**18 + 20 * year + 1``; every other slot (months 0 and 13–19, the year 0, years
    past 9999) has length 0. By a value's length in bytes (11 for any more), what to keep of
    its bytes 0–7, the key's offset and the unit.
    """
    import numpy as np

    size = 1 << _KEY_BITS
    years = np.arange(size // 20 + 1, dtype=np.int64)
    y0 = years - 1
    start = 365 * y0 + y0 // 4 - y0 // 100 + y0 // 400 + 1
    leap = (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))
    lengths = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
    months = lengths + np.outer(leap, np.arange(12) == 1)
    first = np.zeros((2, len(years), 20), dtype=np.int64)
    span = np.zeros((2, len(years), 20), dtype=np.uint16)
    first[0, :, 1] = start
    first[0, :, 2:13] = start[:, None] + np.cumsum(months, axis=1)[:, :-1]
    span[0, :, 1:13] = months
    first[1, :, 1] = start
    span[1, :, 1] = 365 + leap
    # Years 1–9999 only: 0 is no plain year here, nor is anything of five digits.
    span[:, 0] = 0
    span[:, 10000:] = 0
    forms = {4: _YEAR, 7: _MONTH, 10: _DAY}
    by_length = [forms.get(k, 0) for k in range(12)]
    return (
        first.reshape(2, -1)[:, :size].ravel(),
        span.reshape(2, -1)[:, :size].ravel(),
        np.array([_KEEP[f] for f in by_length], dtype=np.uint64),
        np.array([size if f == _YEAR else 0 for f in by_length], dtype=np.intp),
        np.array([_FORM_UNITS[f] for f in by_length], dtype=np.uint8),
    )


# Bytes 0–7 and 8–9 of a value, read at any byte offset.
_TEN_DTYPE: Final = {
    "names": ["x", "z"],
    "formats": ["<u8", "<u2"],
    "offsets": [0, 8],
    "itemsize": 10,
}
# Values read at once: the temporary arrays of a chunk stay in the processor's cache.
_CHUNK: Final = 1 << 15


def _ten_bytes(data: Any, starts: Any) -> Any:
    """The ten bytes at each of ``starts`` in ``data``, past its end read as zeros."""
    import numpy as np

    # Gathered as plain ten-byte items (numpy copies those fast; a structured type slowly).
    ten = np.dtype("V10")
    size = len(data)
    limit = size - 10
    if limit >= 0:
        every = np.ndarray((limit + 1,), dtype=ten, buffer=data, strides=(1,))
        out = every[np.minimum(starts, limit)]
    else:
        out = np.zeros(len(starts), dtype=ten)
    near_end = np.flatnonzero(starts > limit)
    if len(near_end):
        base = max(limit, 0)
        padded = np.zeros(20, dtype=np.uint8)
        padded[: size - base] = data[base:]
        tail = np.ndarray((11,), dtype=ten, buffer=padded, strides=(1,))
        out[near_end] = tail[np.clip(starts[near_end] - base, 0, 10)]
    return out.view(np.dtype(_TEN_DTYPE))  # type: ignore[call-overload]


def _read_bytes(data: Any, starts: Any, ends: Any, valid: Any) -> Columns:
    """:func:`read_plain` of the values ``data[starts[i]:ends[i]]``, where ``valid`` or all."""
    import numpy as np

    n = len(starts)
    first = np.empty(n, dtype=np.int64)
    last = np.empty(n, dtype=np.int64)
    unit = np.empty(n, dtype=np.uint8)
    ok = np.empty(n, dtype=np.bool_)
    tables = _tables()
    for lo in range(0, n, _CHUNK):
        hi = min(lo + _CHUNK, n)
        at = slice(lo, hi)
        _read_chunk(
            data,
            starts[at],
            ends[at],
            None if valid is None else valid[at],
            tables,
            (first[at], last[at], unit[at], ok[at]),
        )
    return first, last, unit, ok


def _read_chunk(data: Any, starts: Any, ends: Any, valid: Any, tables: Any, out: Any) -> None:
    """:func:`_read_bytes` of a few values, into ``out``: (first, last, unit, ok)."""
    import numpy as np

    first_of, span_of, keep_of, half_of, unit_of = tables
    first, last, unit, ok = out
    length = np.subtract(ends, starts, dtype=np.intp)
    np.clip(length, 0, 11, out=length)
    if valid is not None:
        length *= valid  # a null reads as the empty text
    ten = _ten_bytes(data, starts)
    # The kept bytes of x and those of _FILL, then ^ _PATTERN: digits' values and zero dashes.
    a = ten["x"] ^ np.uint64(_FILL)
    a &= keep_of[length]
    a ^= np.uint64(_FILL ^ _PATTERN)
    is_day = length == 10
    b = np.where(is_day, ten["z"], np.uint16(_DAY_FILL))
    b ^= np.uint16(0x3030)
    # The pattern is broken where a top bit is set.
    bad = a & np.uint64(_LOW7)
    bad += np.uint64(_LIMIT)
    bad |= a
    np.equal(bad & np.uint64(_HIGH), 0, out=ok)
    bad_day = b & np.uint16(0x7F7F)
    bad_day += np.uint16(0x7676)
    bad_day |= b
    ok &= (bad_day & np.uint16(0x8080)) == 0
    np.take(unit_of, length, out=unit)
    ok &= unit != 0
    day = (b & np.uint16(0xFF)) * np.uint16(10)
    day += b >> np.uint16(8)
    t = a * np.uint64(10)
    t += a >> np.uint64(8)
    t &= np.uint64(_LANES)
    t *= np.uint64(_GATHER)
    t >>= np.uint64(40)
    t &= np.uint64((1 << _KEY_BITS) - 1)
    key = t.astype(np.intp)
    key += half_of[length]
    span = span_of[key]
    day -= np.uint16(1)  # wraps for day 0: so day < span is 1 <= day <= span, and span > 0
    ok &= day < span
    np.add(first_of[key], day, out=first)
    # The last day: the first for a day; first + span - 1 for a month or a year (day 1 then).
    span -= np.uint16(1)
    span *= ~is_day
    np.add(first, span, out=last)
    first *= ok
    last *= ok
    unit *= ok


def _codes(keys: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """``(codes, distinct)``: the sorted distinct ``keys``, and the code of each key in them."""
    import numpy as np

    if not len(keys):
        return np.zeros(0, dtype=np.intp), keys.copy()
    low, high = int(keys.min()), int(keys.max())
    if high - low < _DENSE * len(keys) + 1024:
        shifted = keys - low
        seen = np.zeros(high - low + 1, dtype=np.bool_)
        seen[shifted] = True
        present = np.flatnonzero(seen)
        code_of = np.zeros(high - low + 1, dtype=np.intp)
        code_of[present] = np.arange(len(present), dtype=np.intp)
        return code_of[shifted], present.astype(np.int64) + low
    distinct, codes = np.unique(keys, return_inverse=True)
    return codes.astype(np.intp, copy=False).reshape(-1), distinct


def parse_many(texts: Iterable[object], **options: Any) -> list[TimeValue]:
    """The time value of each of ``texts``, in order: ``[parse(s, **options) for s in texts]``.

    Texts that are exactly a plain ISO day, month or year of the years
    1–9999 (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ASCII digits, nothing
    around them) are read in bulk; every other value, text or not, goes to
    :func:`timeline.parse` with ``options`` (``anchor=``, ``fiscal=``,
    ``tz=``...), which do not change what a plain date means. Equal texts
    of the plain forms give one shared (immutable) value.

    Raises :class:`~timeline.ParseError` when any value cannot be read: that
    of the first such value, its message naming the index of the value in
    ``texts`` and the indices of the next few bad ones.
    """
    import numpy as np

    pa: Any = sys.modules.get("pyarrow")
    arrow: Any = None
    items: Sequence[object] = ()
    if pa is not None and isinstance(texts, pa.ChunkedArray | pa.Array):
        arrow = texts
        if hasattr(pa.types, "is_string_view") and pa.types.is_string_view(arrow.type):
            arrow = arrow.cast(pa.large_string())  # Arrow takes no rows of it
        days = read_plain(arrow)
    else:
        items = texts if isinstance(texts, list | tuple) else list(texts)
        days = read_plain(items)
    n = len(days)
    every = bool(days.ok.all())
    rows = np.arange(n) if every else np.flatnonzero(days.ok)
    out: list[Any]
    if len(rows):
        firsts = days.first if every else days.first[rows]
        units = days.unit if every else days.unit[rows]
        # Day, month and year of one first day differ by unit: 16 > int(Precision.DAY).
        codes, distinct = _codes(firsts * 16 + units)
        # Any row of each distinct value: they all hold the same text.
        some_row = np.empty(len(distinct), dtype=np.intp)
        some_row[codes] = rows
        if arrow is not None:
            labels = arrow.take(pa.array(some_row)).to_pylist()
        else:
            labels = [items[i] for i in some_row.tolist()]
        found = [
            Extent._trusted(label, first, last, _UNITS[unit])
            for label, first, last, unit in zip(
                labels,
                (distinct >> 4).tolist(),
                days.last[some_row].tolist(),
                (distinct & 15).tolist(),
                strict=True,
            )
        ]
        # One shared object per distinct value, taken by code; the last slot for the others.
        table = np.empty(len(found) + 1, dtype=object)
        for k, value in enumerate(found):
            table[k] = value
        if every:
            out = table[codes].tolist()
        else:
            at = np.full(n, len(found), dtype=np.intp)
            at[rows] = codes
            out = table[at].tolist()
    else:
        out = [None] * n
    if every:
        return out
    others = np.flatnonzero(~days.ok)
    values: list[Any]  # text or not: parse says what is wrong with them
    if arrow is not None:
        values = arrow.take(pa.array(others)).to_pylist()
    else:
        values = [items[i] for i in others.tolist()]
    from timeline.parse import parse

    bad: list[tuple[int, ParseError]] = []
    # Equal texts read once: parse is a function of the text and the options.
    seen: dict[str, TimeValue | ParseError] = {}
    for i, value in zip(others.tolist(), values, strict=True):
        result = seen.get(value) if type(value) is str else None
        if result is None:
            try:
                result = parse(value, **options)
            except ParseError as error:
                result = error
            if type(value) is str:
                seen[value] = result
        if isinstance(result, ParseError):
            bad.append((i, result))
        else:
            out[i] = result
    if bad:
        i, first_bad = bad[0]
        more = ", ".join(str(k) for k, _ in bad[1 : 1 + _SHOWN])
        if len(bad) > 1 + _SHOWN:
            more += ", ..."
        where = f"texts[{i}]" + (f"; {len(bad) - 1} more, at {more}" if more else "")
        raise ParseError(first_bad.text, f"{first_bad.reason} ({where})") from first_bad
    return out
