"""Timelines out to other formats: pure functions, a Timeline in and text out.

=================  =========================  ===========================================
format name        function                   what it writes
=================  =========================  ===========================================
``json``           :func:`to_json`            the data of the YAML file, as JSON
``csv``            :func:`events_csv`         one spreadsheet row per event
``metrics-csv``    :func:`metrics_csv`        one spreadsheet row per metric
``timelinejs``     :func:`timelinejs`         TimelineJS3 JSON
``ics``            :func:`ics`                iCalendar, one all-day event per event
``mermaid``        :func:`mermaid_timeline`   a Mermaid ``timeline`` diagram
``mermaid-gantt``  :func:`mermaid_gantt`      a Mermaid ``gantt`` chart
``edtf``           :func:`edtf_lines`         ``id<TAB>edtf<TAB>title`` lines
=================  =========================  ===========================================

:func:`export` picks the function by name (:data:`FORMATS`);
:func:`export_report` also says which events the export left out and why.
Vague dates are drawn by one policy (:class:`Vague`: ``definite``,
``certain`` or ``possible``; docs/exports.md). Every output is
deterministic, and user text in it is made harmless for its destination
(:mod:`timeline.safe`) while formats with their own escapes (JSON,
iCalendar) keep the data. ``icalendar`` is imported only when a calendar is
written.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from timeline.collection import Timeline
from timeline.export._common import Drawn as Drawn
from timeline.export._common import LeftOut as LeftOut
from timeline.export._common import Vague as Vague
from timeline.export.csv import events_csv as events_csv
from timeline.export.csv import metrics_csv as metrics_csv
from timeline.export.edtf import edtf_lines as edtf_lines
from timeline.export.errors import ExportError as ExportError
from timeline.export.ics import ics as ics
from timeline.export.ics import ics_report
from timeline.export.json import to_json as to_json
from timeline.export.mermaid import mermaid_gantt as mermaid_gantt
from timeline.export.mermaid import mermaid_timeline as mermaid_timeline
from timeline.export.timelinejs import timelinejs as timelinejs

__all__ = [
    "FORMATS",
    "Drawn",
    "ExportError",
    "ExportResult",
    "LeftOut",
    "Vague",
    "edtf_lines",
    "events_csv",
    "export",
    "export_report",
    "ics",
    "mermaid_gantt",
    "mermaid_timeline",
    "metrics_csv",
    "timelinejs",
    "to_json",
]

FORMATS: Final[Mapping[str, Callable[..., str]]] = types.MappingProxyType(
    {
        "json": to_json,
        "csv": events_csv,
        "metrics-csv": metrics_csv,
        "timelinejs": timelinejs,
        "ics": ics,
        "mermaid": mermaid_timeline,
        "mermaid-gantt": mermaid_gantt,
        "edtf": edtf_lines,
    }
)
"""Every export by its format name (the names ``timeline export --format`` takes)."""


def _options_of(function: Callable[..., str]) -> list[str]:
    parameters = inspect.signature(function).parameters.values()
    return [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]


def export(timeline: Timeline, fmt: str, **options: Any) -> str:
    """``timeline`` in the format named ``fmt`` (a key of :data:`FORMATS`), with its options.

    Raises :class:`ExportError` naming the valid formats for an unknown
    ``fmt``, and naming the format's options for an option it does not take
    (``export(t, "ics", include_uncertain=True)``; ``json`` takes
    ``indent``, ``ics`` takes ``include_uncertain`` and ``prodid``, the
    others none).
    """
    function = FORMATS.get(fmt) if isinstance(fmt, str) else None
    if function is None:
        raise ExportError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    known = _options_of(function)
    unknown = sorted(set(options) - set(known))
    if unknown:
        takes = f"it takes {', '.join(known)}" if known else "it takes none"
        raise ExportError(f"format {fmt!r} has no option {', '.join(unknown)}; {takes}")
    return function(timeline, **options)


@attrs.frozen
class ExportResult:
    """An export's text and what it left out.

    ``left_out`` holds one :class:`LeftOut` (event id, reason) per event the
    text does not show, in the timeline's order; ``total`` is the number of
    events in the timeline.
    """

    text: str
    left_out: tuple[LeftOut, ...]
    total: int

    @property
    def reasons(self) -> dict[str, int]:
        """How many events were left out for each reason, reasons in order of first use."""
        counts: dict[str, int] = {}
        for item in self.left_out:
            counts[item.reason] = counts.get(item.reason, 0) + 1
        return counts


def export_report(timeline: Timeline, fmt: str, **options: Any) -> ExportResult:
    """:func:`export`, with the events the text leaves out (:class:`ExportResult`).

    Only ``ics`` leaves events out: those its policy for vague dates does not
    draw (``"uncertain date"``) and those outside years 1–9999 (``"outside
    years 1–9999"``). Every other format shows every event. Raises as
    :func:`export` does.
    """
    text = export(timeline, fmt, **options)
    left_out: tuple[LeftOut, ...] = ()
    if fmt == "ics":
        left_out = ics_report(timeline, **options)[1]
    return ExportResult(text, left_out, len(timeline))
