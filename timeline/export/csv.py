"""Timelines as CSV for spreadsheets: one row per event, or one row per metric.

Both tables are RFC 4180 CSV (comma-separated, ``"``-quoted where needed,
``\\r\\n`` line ends) with a header row. Text cells are made safe for a
spreadsheet: control characters and bidirectional overrides become visible
escapes (:func:`timeline.safe.terminal`; line breaks are kept), and a cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
a leading ``'`` (:func:`timeline.safe.csv_cell`) so that it is shown, not run
as a formula. Number cells (``value``, ``comparison_value``, ``metrics``)
are plain digits and never get the ``'``. Lists (places, actors, tags,
sources) are joined with ``"; "``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Final

from timeline.collection import Timeline
from timeline.events import Basis, Event
from timeline.export._common import check_timeline, day_text, number_text, qualifier_words
from timeline.io.csv import EVENT_COLUMNS as _EVENT_COLUMNS
from timeline.safe import csv_cell, terminal

__all__ = ["EVENT_COLUMNS", "METRIC_COLUMNS", "events_csv", "metrics_csv"]

# The columns loads_csv reads back (timeline.io.csv), one tuple for both directions.
EVENT_COLUMNS: Final = _EVENT_COLUMNS
"""The columns of :func:`events_csv`.

``date`` is the human date (``Sep 24–27, 2017``); ``earliest`` and
``latest`` the first and last day the event could cover (``YYYY-MM-DD``,
inclusive; empty for an open or unknown end); ``precision`` the name of the
value's :class:`~timeline.Precision` in lower case; ``qualifier`` empty,
``uncertain``, ``approximate`` or ``uncertain approximate``; ``sources`` the
ids of the cited sources; ``basis`` ``stated``, ``derived`` or ``external``
and ``basis_detail`` the phrase of a derived date or how an external one is
known; ``metrics`` the number of metrics.
"""

METRIC_COLUMNS: Final = (
    "event_id",
    "metric_id",
    "name",
    "value",
    "unit",
    "qualifier",
    "place",
    "period",
    "period_date",
    "source",
    "quote",
    "comparison_kind",
    "comparison_value",
    "comparison_unit",
    "comparison_qualifier",
    "comparison_baseline",
    "comparison_text",
)
"""The columns of :func:`metrics_csv`.

``value`` is exact (``45``, ``1.10``); ``qualifier`` the hedge (``exact``,
``about``, ``just-under``...); ``period`` the EDTF of the period counted
over and ``period_date`` its human date; ``source`` the cited source's id and
``quote`` its words; the ``comparison_*`` columns are empty when the metric
states no comparison.
"""


def _text(value: str) -> str:
    return csv_cell(terminal(value))


def _joined(values: Iterable[str]) -> str:
    return _text("; ".join(values))


def _table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _basis_detail(event: Event) -> str:
    basis = event.basis
    if basis.basis is Basis.DERIVED:
        return basis.phrase
    if basis.basis is Basis.EXTERNAL:
        return basis.how
    return ""


def _event_row(event: Event) -> list[str]:
    when = event.when
    lo, hi = when.earliest_day, when.latest_day
    return [
        _text(event.id),
        _text(event.kind),
        _text(when.edtf),
        _text(str(when)),
        "" if lo is None else _text(day_text(lo)),
        "" if hi is None else _text(day_text(hi)),
        when.precision.name.lower(),
        qualifier_words(when.qualifier),
        _text(event.title),
        _text(event.summary),
        _joined(event.places),
        _joined(event.actors),
        _joined(event.tags),
        _joined(c.source.id for c in event.sources),
        event.basis.basis.value,
        _text(_basis_detail(event)),
        str(len(event.metrics)),
    ]


def events_csv(timeline: Timeline) -> str:
    """One row per event, in the timeline's order, with the columns :data:`EVENT_COLUMNS`."""
    check_timeline(timeline)
    return _table(EVENT_COLUMNS, (_event_row(e) for e in timeline))


def _metric_rows(timeline: Timeline) -> Iterable[list[str]]:
    for event in timeline:
        for metric in event.metrics:
            period = metric.period
            comparison = metric.comparison
            row = [
                _text(event.id),
                _text(metric.id),
                _text(metric.name),
                number_text(metric.value),
                _text(metric.unit),
                metric.qualifier.value,
                _text(metric.place),
                "" if period is None else _text(period.edtf),
                "" if period is None else _text(str(period)),
                _text(metric.citation.source.id),
                _text(metric.citation.quote),
            ]
            if comparison is None:
                row.extend([""] * (len(METRIC_COLUMNS) - len(row)))
            else:
                row.extend(
                    [
                        comparison.kind.value,
                        number_text(comparison.value),
                        _text(comparison.unit),
                        comparison.qualifier.value,
                        _text(comparison.baseline),
                        _text(comparison.text),
                    ]
                )
            yield row


def metrics_csv(timeline: Timeline) -> str:
    """One row per metric, events in the timeline's order and metrics in their own.

    The columns are :data:`METRIC_COLUMNS`.
    """
    check_timeline(timeline)
    return _table(METRIC_COLUMNS, _metric_rows(timeline))
