"""A timeline as JSON: exactly the data of its YAML file.

The JSON holds what :func:`timeline.io.to_records` gives, in the same order,
so that ``timeline.io.from_records(json.loads(text)) == timeline``. Numbers
stay exact in every JSON reader: integers within ±(2**53 − 1) are JSON
numbers; larger integers and every ``Decimal`` are strings of digits
(``"1.10"``), which :func:`~timeline.io.from_records` reads back as the
same ``int`` or ``Decimal``. Nothing goes through ``float``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from timeline.collection import Timeline
from timeline.export._common import check_timeline, json_text, number_text
from timeline.export.errors import ExportError

__all__ = ["to_json"]

_SAFE_INTEGER: Final = 2**53 - 1
"""The largest integer every JSON reader (JavaScript's included) holds exactly."""


def _plain(value: Any) -> Any:
    """The records with their numbers as JSON readers keep them exactly."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        return value if -_SAFE_INTEGER <= value <= _SAFE_INTEGER else number_text(value)
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    raise ExportError(f"cannot write {value!r} as JSON")  # records hold nothing else


def to_json(timeline: Timeline, *, indent: int | None = 2) -> str:
    """``timeline`` as JSON text (ending in a newline), the data of its YAML file.

    ``indent`` is the number of spaces per level, or ``None`` for one line.
    Text is kept exactly; control, bidirectional and lone surrogate
    characters are written as ``\\uXXXX`` escapes, which readers turn back
    into the same characters. The output is deterministic. Raises
    :class:`~timeline.io.DumpError` for a timeline its file cannot hold (see
    :func:`timeline.io.to_records`).
    """
    from timeline.io.records import to_records

    check_timeline(timeline)
    if indent is not None and (isinstance(indent, bool) or not isinstance(indent, int)):
        raise ExportError(f"indent must be a whole number of spaces or None, not {indent!r}")
    if indent is not None and not 0 <= indent <= 16:
        raise ExportError(f"indent must be 0–16 spaces, not {indent}")
    return json_text(_plain(to_records(timeline)), indent)
