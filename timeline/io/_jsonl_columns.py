"""A JSON Lines file's plain events straight into a column-held timeline.

:func:`timeline.io.loads_jsonl` decodes every line with the standard
library and reads every event through the records reader, one object each.
For a file of layout 2 whose event lines all are *plain* — string values for
``record`` (``"event"``), ``id``, ``kind``, ``title`` and ``when`` and
nothing else — this module reads the lines as columns with pyarrow's JSON
reader and hands them to :func:`timeline.io._columns.build`, which checks
them as the records reader would and builds a
:class:`timeline.columns.ColumnStore`.

A table reader may accept what the standard-library path refuses or reads
otherwise, so the bytes are held to what both read alike. Before the
reader sees them: JSON's escapes but for a lone surrogate (which the two read
differently), no carriage return, tab or other control character, valid
UTF-8, no blank line, and every line starting with ``{`` and ending with
``}``. The reader
is given the five fields as text and refuses anything else: a number, a
boolean, ``NaN``, a list or an object as a value, an unknown key, a key
twice, a trailing comma. After it: one row per line (so no line holds two
objects), every ``record`` is ``"event"``, and the file holds four quotes
for each field the reader found — a ``null``, the one other value it
takes, shows as a key's two quotes without a value's. Whenever anything is
not so — or the header is not a clean layout-2 header, or a line is a
relation — :func:`build_jsonl` returns ``None`` and the file is read line
by line as before, which reports every problem with its line.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from timeline.errors import TimelineError
from timeline.io._yaml import Limits

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = ["build_jsonl"]

_FIELDS: Final = ("record", "id", "kind", "title", "when")
_BOM: Final = b"\xef\xbb\xbf"


def _header(line: bytes, filename: str, limits: Limits) -> dict[str, Any] | None:
    """The header's records (title, sources), if it is a layout-2 header read without error."""
    from timeline.io import bulk

    try:
        head = json.loads(line)
    except ValueError:
        return None
    if type(head) is not dict or head.get("record") != "timeline":
        return None
    try:
        bulk._read_jsonl(bulk._lines(line), filename, limits)
    except TimelineError:
        return None
    data = {k: v for k, v in head.items() if k in bulk._HEADER_KEYS}
    if "source_list" in head:
        data["sources"] = head["source_list"]
    data["relations"] = []
    return data


def _lines_ok(body: bytes | memoryview, *, block: int = 1 << 22) -> tuple[int, int] | None:
    """The numbers of lines and of quotes of ``body`` (which ends with a newline).

    None if a line is not plain. Ruled out: an escape both readers may not read
    alike (:func:`_escaped_quotes`: a lone surrogate, say), a carriage return,
    tab or other control character, a blank line, and a line that does not
    start with ``{`` and end with ``}``. An escaped quote is not counted. The
    bytes are looked at ``block`` at a time as numpy arrays, so no mask of the
    whole text is made.
    """
    import numpy as np

    data = np.frombuffer(body, dtype=np.uint8)
    size = len(data)
    if not size or data[0] != 0x7B:
        return None
    lines = quotes = 0
    backslashes: list[Any] = []
    counted = 0
    for start in range(0, size, block):
        part = data[start : start + block]
        ends = np.flatnonzero(part == 0x0A) + start
        # The newline is the one byte below 0x20 allowed.
        if np.count_nonzero(part < 0x20) != len(ends) or np.count_nonzero(part == 0x7F):
            return None
        at = np.flatnonzero(part == 0x5C)
        counted += len(at)
        if counted > max(size // _BACKSLASHES, 1 << 16):
            return None
        if len(at):
            backslashes.append(at + start)
        # Each newline follows "}" and each but the last is followed by "{": no line
        # is blank, and each starts and ends as an object does.
        if len(ends) and (
            int(ends[0]) == 0
            or not bool(np.all(data[ends - 1] == 0x7D))
            or not bool(np.all(data[ends[ends + 1 < size] + 1] == 0x7B))
        ):
            return None
        lines += len(ends)
        quotes += int(np.count_nonzero(part == 0x22))
    if backslashes:
        escaped = _escaped_quotes(data, np.concatenate(backslashes))
        if escaped is None:
            return None
        quotes -= escaped
    return lines, quotes


# At most one byte in this many a backslash (or 65,536 in all), or the file is read line
# by line: their positions take 8 bytes each.
_BACKSLASHES: Final = 16


def _escaped_quotes(data: Any, at: Any) -> int | None:
    """How many quotes of ``data`` the backslashes at ``at`` (ascending) escape.

    A run of backslashes is pairs (``\\\\``, each a backslash), and when it is
    odd its last escapes the byte after it: a quote, ``/``, ``b``, ``f``,
    ``n``, ``r``, ``t``, or ``u`` and four hex digits that are not a surrogate
    unless a high one is followed at once by a low one (a pair, one character
    to both readers; a lone surrogate is read differently). Any other escape
    gives None.
    """
    import numpy as np

    breaks = np.flatnonzero(np.diff(at) != 1) + 1
    firsts = at[np.r_[0, breaks]]
    after = at[np.r_[breaks - 1, len(at) - 1]] + 1  # the byte after each run
    odd = after[(after - firsts) % 2 == 1]
    if not len(odd):
        return 0
    if int(odd.max()) >= len(data):
        return None
    escaped = data[odd]
    if not bool(np.all(np.isin(escaped, np.frombuffer(b'"/bfnrtu', dtype=np.uint8)))):
        return None
    u = odd[escaped == 0x75]
    if len(u):
        if int(u.max()) + 4 >= len(data):
            return None
        # \uD800-\uDFFF: D (either case), then 8-F (either case) for the second digit.
        lead = (data[u + 1] | 0x20) == 0x64
        second = data[u + 2] | 0x20
        high = u[lead & ((second == 0x38) | (second == 0x39) | (second == 0x61) | (second == 0x62))]
        low = u[lead & ((second == 0x63) | (second == 0x64) | (second == 0x65) | (second == 0x66))]
        if len(high) != len(low) or not bool(np.all(low - high == 6)):
            return None
    return int(np.count_nonzero(escaped == 0x22))


def _utf8(data: bytes, pa: Any) -> bool:
    """Whether ``data`` is UTF-8, as ``data.decode("utf-8")`` would say, without making the str.

    Arrow checks the bytes where they are (no surrogates, no overlong forms,
    nothing past U+10FFFF, as Python's codec).
    """
    import numpy as np

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    array = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        array.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def build_jsonl(text: str | bytes, filename: str, limits: Limits) -> Timeline | None:
    """The timeline of a JSON Lines text whose events are all plain, or None to read it by line."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.json as pj  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    from timeline.io import _columns

    if isinstance(text, str):
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
    else:
        data = text
        if not _utf8(data, pa):
            return None
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    end = data.find(b"\n")
    if end < 0 or b"\r" in data:
        return None
    header = _header(data[:end], filename, limits)
    if header is None:
        return None
    # The lines after the header, without a copy when the text ends with a newline.
    body: bytes | memoryview = (
        memoryview(data)[end + 1 :] if data.endswith(b"\n") else data[end + 1 :] + b"\n"
    )
    if len(body) <= 1:
        return None
    counted = _lines_ok(body)
    if counted is None:
        return None
    lines, quotes = counted
    schema = pa.schema([(name, pa.string()) for name in _FIELDS])
    options = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    try:
        table = pj.read_json(pa.BufferReader(body), parse_options=options)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None
    n = table.num_rows
    if n != lines or table.schema != schema:
        return None  # a line of more than one object
    # The reader takes only text for these fields and refuses a key twice; a null
    # is the one other value it takes, and a quoted key without a quoted value
    # shows it.
    fields = sum(n - table.column(name).null_count for name in _FIELDS)
    if quotes != 4 * fields:
        return None
    record = table.column("record")
    if record.null_count or not pc.all(pc.equal(record, "event")).as_py():
        return None
    kinds = table.column("kind").fill_null("event")
    chunks = {
        "id": table.column("id").chunks,
        "kind": kinds.chunks,
        "title": table.column("title").chunks,
        "edtf": table.column("when").chunks,
    }
    del table
    return _columns.build(chunks, n, header, None, filename, limits)
