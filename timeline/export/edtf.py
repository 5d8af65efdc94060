"""Timelines as EDTF lines: ``<id> TAB <edtf> TAB <title>``, one per event.

For scripts and diffs: each line's middle field is the event's date as
:func:`timeline.parse` reads it back (``parse(edtf) == event.when``), and
the title is put on one line with control characters shown as visible
escapes (:func:`timeline.safe.one_line`; tabs become spaces).
"""

from __future__ import annotations

from timeline.collection import Timeline
from timeline.export._common import check_timeline
from timeline.safe import one_line

__all__ = ["edtf_lines"]


def edtf_lines(timeline: Timeline) -> str:
    """One ``id\\tedtf\\ttitle`` line per event in the timeline's order, each ending in ``\\n``.

    An empty timeline gives ``""``.
    """
    check_timeline(timeline)
    return "".join(f"{e.id}\t{e.when.edtf}\t{one_line(e.title)}\n" for e in timeline)
