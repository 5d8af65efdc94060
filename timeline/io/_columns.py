"""A Parquet file's columns straight into a column-held timeline, when its rows are plain.

:func:`timeline.io.load_parquet` reads every row through the records reader,
one event object per row. Most rows of a big file are *plain*: an id, a kind,
a title and a date, no other field. For a file whose rows all are, this
module checks the columns as arrays — exactly the checks the records reader
would make of each such row, made conservatively — and builds a
:class:`timeline.columns.ColumnStore` without an object per row. Whenever a
check does not pass (a row that may have a problem, a row with more fields, a
digest that is not the file's), it returns ``None`` and the
file is read row by row as before, so that every problem is reported with its
row and field exactly as before: the fast path decides only what it is sure of.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from timeline.errors import TimelineError
from timeline.events import Event, kind_named
from timeline.io._yaml import Limits

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = ["build"]

_PLAIN_FIELDS: Final = frozenset({"id", "title", "when"})


def _one(chunks: list[Any], pa: Any) -> Any:
    """The chunks as one plain (not dictionary) text array; ``chunks`` is emptied.

    Plain chunks without nulls are copied into the joined array one at a time,
    each let go once copied, so that joining holds one chunk more than the
    column rather than the column twice.
    """
    import numpy as np

    if len(chunks) > 1 and all(c.type == pa.string() and not c.null_count for c in chunks):
        spans = [_span(c) for c in chunks]
        size = sum(hi - lo for _, lo, hi in spans)
        if size < 1 << 31:
            n = sum(len(c) for c in chunks)
            offsets = np.empty(n + 1, dtype=np.int32)
            body = np.empty(size, dtype=np.uint8)
            offsets[0] = row = at = 0
            for count, lo, hi in spans:
                chunk = chunks.pop(0)
                if not count:
                    continue
                buffers = chunk.buffers()
                own = np.frombuffer(buffers[1], dtype=np.int32)[
                    chunk.offset : chunk.offset + count + 1
                ]
                if hi > lo:
                    body[at : at + hi - lo] = np.frombuffer(buffers[2], dtype=np.uint8)[lo:hi]
                offsets[row + 1 : row + count + 1] = own[1:] - lo + at
                row, at = row + count, at + hi - lo
                del chunk, buffers, own
            return pa.Array.from_buffers(
                pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(body)]
            )
    arrays = [c.dictionary_decode() if pa.types.is_dictionary(c.type) else c for c in chunks]
    chunks.clear()
    if not arrays:
        return pa.array([], type=pa.string())
    if len(arrays) == 1:
        return arrays[0]
    # 32-bit offsets while the joined text fits them (nbytes counts more than the text).
    if any(a.type != pa.string() for a in arrays) or sum(a.nbytes for a in arrays) >= 1 << 31:
        arrays = [a.cast(pa.large_string()) for a in arrays]
    return pa.concat_arrays(arrays)


def _span(chunk: Any) -> tuple[int, int, int]:
    """A plain text chunk's length and the range of its bytes in its data buffer."""
    import numpy as np

    count = len(chunk)
    if not count:
        return 0, 0, 0
    large = str(chunk.type) == "large_string"
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64 if large else np.int32)
    return count, int(offsets[chunk.offset]), int(offsets[chunk.offset + count])


def _encoded(chunks: list[Any], pa: Any, pc: Any) -> Any:
    """The chunks as one dictionary array whose dictionary holds each value once.

    A column of few distinct values (kinds, dates) read from Parquet is already
    one: it is kept without decoding when its dictionary has no null, no value
    twice and none that no row holds (so that nothing is parsed that is not
    in the file's rows); any other is decoded and encoded afresh.
    """
    import numpy as np

    if chunks and all(pa.types.is_dictionary(c.type) for c in chunks):
        joined = (
            chunks[0]
            if len(chunks) == 1
            else pa.chunked_array(chunks).unify_dictionaries().combine_chunks()
        )
        values = joined.dictionary
        if (
            not values.null_count
            and not joined.null_count
            and len(values) <= len(joined)
            and len(pc.unique(values)) == len(values)
        ):
            used = np.zeros(len(values), dtype=np.bool_)
            used[np.asarray(joined.indices)] = True
            if bool(used.all()):
                return joined
    return pc.dictionary_encode(_one(chunks, pa))


def _buffers(array: Any) -> tuple[Any, Any]:
    """The offsets (int64, ``n + 1``, from 0) and the bytes of a text array without nulls."""
    import numpy as np

    n = len(array)
    large = str(array.type) == "large_string"
    buffers = array.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64 if large else np.int32)
    offsets = offsets[array.offset : array.offset + n + 1].astype(np.int64)
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.empty(0, dtype=np.uint8)
    )
    body = data[int(offsets[0]) : int(offsets[-1])]
    return offsets - offsets[0], body


def digest(array: Any, *, step: int = 1 << 17) -> str:
    """The SHA-256 of the column as one compact JSON array: ``_ColumnDigest``'s of its values.

    The rows are hashed ``step`` at a time, so no copy of the whole column is
    made. A slice without nulls whose text holds no ``"``, backslash or
    character below U+0020 (which JSON escapes) is each value's UTF-8 bytes
    between quotes, which is what Arrow's CSV writer makes of it when told to
    quote every value and to end each row with a comma; any other slice is
    written by the JSON encoder itself, from its values as ``str``. A
    dictionary array's values are looked at once each, its rows written as
    the values they hold.
    """
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.csv as csv  # type: ignore[import-untyped,unused-ignore]

    from timeline.io.bulk import _COMPACT

    n = len(array)
    if n == 0:
        return hashlib.sha256(b"[]").hexdigest()
    # Each slice is looked at for escapes only when the whole column has some.
    plain = _csv_writes(array, pa)
    # The delimiter is never written (one column) but must differ from the end of a row.
    options = csv.WriteOptions(
        include_header=False, quoting_style="all_valid", eol=",", delimiter="\t"
    )
    h = hashlib.sha256(b"[")
    for start in range(0, n, step):
        piece = array.slice(start, step)
        last = start + step >= n
        if plain or _csv_writes(piece, pa):
            sink = pa.BufferOutputStream()
            csv.write_csv(pa.table({"v": piece}), sink, options)
            written = memoryview(sink.getvalue())
            h.update(written[:-1] if last else written)  # the last comma dropped
        else:
            h.update(_COMPACT.encode(piece.to_pylist())[1:-1].encode("utf-8", "surrogatepass"))
            if not last:
                h.update(b",")
    h.update(b"]")
    return h.hexdigest()


def _csv_writes(piece: Any, pa: Any) -> bool:
    """Whether the CSV writer writes the text array's rows as JSON would: no null, no escape."""
    values = piece.dictionary if pa.types.is_dictionary(piece.type) else piece
    return not piece.null_count and not values.null_count and not _escaped(values)


def _escaped(values: Any, size: int = 1 << 20) -> bool:
    """Whether some value of the text array holds a byte JSON escapes: ``"``, ``\\``, below 0x20.

    The bytes are looked at ``size`` at a time, so no mask of the whole column is made.
    """
    import numpy as np

    _, lo, hi = _span(values)
    if hi <= lo:
        return False
    body = np.frombuffer(values.buffers()[2], dtype=np.uint8)
    for start in range(lo, hi, size):
        text = body[start : min(hi, start + size)]
        if bool(((text < 0x20) | (text == 0x22) | (text == 0x5C)).any()):
            return True
    return False


def _all_ids(array: Any) -> bool:
    """Whether every value is an id (timeline.events._ID): byte tables, no regex."""
    import numpy as np

    offsets, body = _buffers(array)
    lengths = np.diff(offsets)
    if not len(lengths) or int(lengths.min()) < 1:
        return False
    allowed = np.zeros(256, dtype=np.bool_)
    first = np.zeros(256, dtype=np.bool_)
    for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789":
        allowed[c] = first[c] = True
    for c in b"_.:-":
        allowed[c] = True
    return bool(allowed[body].all()) and bool(first[body[offsets[:-1]]].all())


def _all_distinct(array: Any, pc: Any) -> bool:
    """Whether no value of the text array (no nulls) is there twice.

    Each value's bytes and length are folded into a 64-bit number, a byte
    position at a time, and the numbers sorted: equal values give equal
    numbers, so numbers all different prove the values are. Only when two
    numbers are equal (or the values are long) does Arrow's hash table of the
    values themselves decide. The numbers take 18 bytes a value while they are
    made; the hash table takes about 60.
    """
    import numpy as np

    offsets, body = _buffers(array)
    n = len(offsets) - 1
    if n < 2:
        return True
    lengths = np.diff(offsets).astype(np.int32 if len(body) < 1 << 31 else np.int64)
    starts = offsets[:-1].astype(lengths.dtype)
    del offsets
    longest = int(lengths.max())
    if longest <= _FOLDED_BYTES:
        folded = lengths.astype(np.uint64)
        at = np.empty_like(starts)
        byte = np.empty(n, dtype=np.uint8)
        last = max(len(body) - 1, 0)
        with np.errstate(over="ignore"):
            for k in range(longest):
                np.add(starts, k, out=at)
                np.minimum(at, last, out=at)
                np.take(body, at, out=byte)
                byte[lengths <= k] = 0
                folded *= np.uint64(_FOLD)
                np.add(folded, byte, out=folded, casting="unsafe")
        del starts, at, byte, lengths
        folded.sort()
        if not bool((folded[1:] == folded[:-1]).any()):
            return True
        del folded
    return bool(len(pc.unique(array)) == n)


# Values up to this many bytes are folded (_all_distinct), with FNV's 64-bit prime as
# the multiplier.
_FOLDED_BYTES: Final = 48
_FOLD: Final = 0x100000001B3


def _all_visible(array: Any) -> bool:
    """Whether no value is blank to ``str.strip()`` (the records reader's test of a title).

    A value with a visible ASCII character, or with a character no whitespace
    shares a first byte with (most letters beyond ASCII), is not blank; the
    others are made ``str`` and asked, so the answer is Python's own for any
    whitespace Unicode has.
    """
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    offsets, body = _buffers(array)
    lengths = np.diff(offsets)
    if not len(lengths) or int(lengths.min()) < 1:
        return False
    # 0x21..0x7E: less than 0x5E once 0x21 is taken away, bytes below it wrapping round.
    visible = np.less(body - np.uint8(0x21), np.uint8(0x5E))
    seen = np.logical_or.reduceat(visible, offsets[:-1])
    if bool(np.all(seen)):
        return True
    del visible
    # A byte that begins a character no whitespace begins with (whitespace beyond ASCII
    # is U+0085, U+00A0, U+1680, U+2000-U+205F and U+3000: leads C2, E1, E2, E3).
    lead = body >= 0xC3
    for byte in _SPACE_LEADS:
        lead &= body != byte
    seen |= np.logical_or.reduceat(lead, offsets[:-1])
    del lead
    if bool(np.all(seen)):
        return True
    asked = array.take(pa.array(np.flatnonzero(~seen))).to_pylist()
    return all(value.strip() for value in asked)


# The lead bytes from 0xC3 up of the UTF-8 of characters str.isspace() is true of.
_SPACE_LEADS: Final = (0xE1, 0xE2, 0xE3)


def _plain_kind(name: str) -> type[Event] | None:
    """The kind named ``name`` when an event of it may be only an id, title and date."""
    try:
        cls = kind_named(name)
    except TimelineError:
        return None
    for field in attrs.fields(cls):
        if field.name not in _PLAIN_FIELDS and field.default is attrs.NOTHING:
            return None
    return cls


def build(
    chunks: MutableMapping[str, list[Any]],
    n: int,
    data: Mapping[str, Any],
    expected: Mapping[str, str] | None,
    filename: str,
    limits: Limits,
) -> Timeline | None:
    """The timeline of a file whose rows are all plain, or None to read it row by row.

    ``chunks`` are the Arrow chunks of the text columns the file has (each
    read within the limits and with its pages' checksums verified), taken
    out of the mapping column by column so that each is freed once joined;
    ``data`` the file's metadata as decoded (title, sources, relations);
    ``expected`` the digests the file states.
    """
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    if not n or any(name not in chunks for name in ("id", "title", "edtf")):
        return None
    # Each column's chunks are let go once it is one array (kinds and dates as codes).
    columns: dict[str, Any] = {}
    for name in list(chunks):
        parts = list(chunks.pop(name))
        columns[name] = _encoded(parts, pa, pc) if name in ("kind", "edtf") else _one(parts, pa)
        del parts
    if any(len(a) != n for a in columns.values()):
        return None
    ids, titles, edtfs = columns["id"], columns["title"], columns["edtf"]
    kinds = columns.get("kind")
    rests = columns.get("rest")
    # Nothing but id, kind, title and date: every row's rest is missing or empty.
    if rests is not None and rests.null_count != n:
        empty = pc.is_in(rests, value_set=pa.array(["", "{}"]), skip_nulls=True)
        if not pc.all(pc.or_kleene(empty, pc.is_null(rests))).as_py():
            return None
    for a in (ids, titles, edtfs, kinds):  # the rests are "" or "{}", byte for byte
        if a is None:
            continue
        values = a.dictionary if pa.types.is_dictionary(a.type) else a
        # Parquet readers take text as UTF-8 without looking: the rows say where not.
        try:
            values.validate(full=True)
        except pa.ArrowInvalid:
            return None
        if a.null_count:
            return None
        # Bytes bound characters: count characters only for a column that may be long.
        if (pc.max(pc.binary_length(values)).as_py() or 0) > limits.max_scalar and (
            pc.max(pc.utf8_length(values)).as_py() or 0
        ) > limits.max_scalar:
            return None
    # The digests are computed on a thread of their own while the other checks run
    # (hashlib and numpy let go of the GIL); any check that fails refuses the columns,
    # whichever ends first.
    if expected is None:
        return _checked(columns, n, data, filename, pa, pc)
    if n < _THREADED_FROM:
        if not _digests_match(columns, n, expected):
            return None
        return _checked(columns, n, data, filename, pa, pc)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:  # leaving it waits for the thread
        digests = pool.submit(_digests_match, columns, n, expected)
        found = _checked(columns, n, data, filename, pa, pc)
        if found is None or not digests.result():
            return None
        return found


# From this many rows the digests are computed beside the other checks.
_THREADED_FROM: Final = 65536


def _digests_match(columns: Mapping[str, Any], n: int, expected: Mapping[str, str]) -> bool:
    """Whether the digests of the columns, computed from the arrays, are those the file states."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    for name in ("id", "kind", "title", "edtf", "rest"):
        column = columns.get(name)
        if column is None:  # a column the file has not is all nulls
            column = pa.nulls(n, pa.string())
        if digest(column) != expected[name]:
            return False
    return True


def _checked(
    columns: Mapping[str, Any], n: int, data: Mapping[str, Any], filename: str, pa: Any, pc: Any
) -> Timeline | None:
    """:func:`build`'s timeline once the columns are joined and hold no null: the other checks."""
    import numpy as np

    from timeline._plain import parse_many
    from timeline.collection import Timeline
    from timeline.columns import ColumnStore, display_positions
    from timeline.io.records import _collector_paused, _from_records

    ids, titles, edtfs = columns["id"], columns["title"], columns["edtf"]
    kinds = columns.get("kind")
    if not _all_ids(ids) or not _all_visible(titles):
        return None
    if not _all_distinct(ids, pc):
        return None
    # Kinds: codes into the few kinds named.
    if kinds is None:
        kind_classes: list[type[Event]] = [Event]
        kind_codes = np.zeros(n, dtype=np.uint8)
    else:
        encoded = kinds
        kind_classes = []
        for name in encoded.dictionary.to_pylist():
            cls = _plain_kind(name)
            if cls is None:
                return None
            kind_classes.append(cls)
        if len(kind_classes) > 255:
            return None
        kind_codes = np.asarray(encoded.indices, dtype=np.uint8)
    # Dates: each distinct text read once, as the records reader reads it (parse).
    encoded = edtfs
    try:
        whens = parse_many(encoded.dictionary)
    except TimelineError:
        return None
    when_codes = np.asarray(encoded.indices, dtype=np.int32)
    # The file's title, sources and relations, read by the records reader with the
    # events the relations name (plain records of their rows).
    named: set[str] = set()
    relations = data.get("relations")
    if relations is not None:
        if type(relations) is not list:
            return None
        for claim in relations:
            if type(claim) is not dict:
                return None
            for key in ("a", "b"):
                if type(claim.get(key)) is str:
                    named.add(claim[key])
    rows = np.flatnonzero(np.asarray(pc.is_in(ids, value_set=pa.array(sorted(named), pa.string()))))
    if len(rows) != len(named):
        return None  # a relation names an event that is not there: reported row by row
    at = pa.array(rows)
    records: list[dict[str, Any]] = []
    kind_names = None if kinds is None else kinds.take(at).to_pylist()
    for k, (i, t, d) in enumerate(
        zip(
            ids.take(at).to_pylist(),
            titles.take(at).to_pylist(),
            edtfs.take(at).to_pylist(),
            strict=True,
        )
    ):
        record = {"id": i, "title": t, "when": d}
        if kind_names is not None:
            record["kind"] = kind_names[k]
        records.append(record)
    head = dict(data)
    head["events"] = records
    try:
        with _collector_paused():
            small = _from_records(head, filename, None, [], bad_events=set())
    except TimelineError:
        return None
    claims = small.relations
    order = display_positions(ids, when_codes, whens, claims)
    if not bool(np.all(order == np.arange(n))):
        taken = pa.array(order)
        ids, titles = ids.take(taken), titles.take(taken)
        kind_codes, when_codes = kind_codes[order], when_codes[order]
    store = ColumnStore(
        ids=ids,
        titles=titles,
        kind_codes=kind_codes,
        kinds=kind_classes,
        when_codes=when_codes,
        whens=whens,
        claims=claims,
    )
    return Timeline._of_store(store, dict(small.sources), small.title)
