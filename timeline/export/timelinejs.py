"""Timelines as TimelineJS3 JSON (Knight Lab's storytelling timelines).

The format (https://timeline.knightlab.com/docs/json-format.html) is one
object with ``events``, a list of slides, and an optional ``title`` slide.
Each event becomes a slide::

    {"start_date": {"year": 2017, "month": 9, "day": 24},
     "end_date": {"year": 2017, "month": 9, "day": 27},
     "display_date": "Sep 24–27, 2017",
     "text": {"headline": "Operation Safe City", "text": "<p>...</p>"},
     "group": "operation",
     "unique_id": "safe-city-operation"}

**Dates.** Vague dates follow the shared policy
(:class:`~timeline.export.Vague`, docs/exports.md), ``vague="certain"`` by
default: ``start_date`` and ``end_date`` (inclusive) are the first and last
day the event surely covers, an open side drawn to the timeline's edge (the
first or last day any event could cover); a date with no certain day at all
("one day somewhere in 2009–2017") is a point, a slide with no
``end_date``, on its first possible day, never a span as long as its
window. ``vague="possible"`` gives the first and last possible days instead.
Each date is given only as finely as it is known:
``month`` only when the value is finer than a year or the day does not fall
on a year's edge, ``day`` only when it is a week or finer or the day does not
fall on a month's edge. A year gives ``{"year": 2017}``, a month ``{"year":
2017, "month": 1}``, FY2018 runs from ``{"year": 2017, "month": 10}`` to
``{"year": 2018, "month": 9}``. ``end_date`` is left out when it would equal
``start_date``. Years are astronomical (0 is 1 BCE), as in JavaScript.
Because TimelineJS fills missing fields with the first month or day, and
because the days drawn are not always the date's own, ``display_date`` is
always our human date ("sometime between Jan 20, 2009 and Jan 20, 2017",
"FY2018"), so a vague date is never shown as January 1 or as a span.

**Text.** TimelineJS puts headlines, text, display dates and groups into the
page as HTML, so every text is escaped with :func:`timeline.safe.html`;
source names are first decoded for readers (:func:`timeline.safe.display_text`),
so an HTML reference in them is escaped once, not twice.
"""

from __future__ import annotations

from typing import Any

from timeline import calendar as cal
from timeline.collection import Timeline
from timeline.events import Event
from timeline.export._common import (
    Drawn,
    Vague,
    check_timeline,
    edges,
    hull,
    json_text,
    source_for_readers,
)
from timeline.export.mermaid import chart_policy
from timeline.safe import html
from timeline.when import (
    AllOf,
    End,
    Extent,
    Moment,
    OneOf,
    Period,
    Precision,
    Range,
    TimeValue,
    Unspecified,
)

__all__ = ["timelinejs"]


def _unspecified_grain(value: Unspecified) -> Precision:
    parts = value.pattern.lstrip("-").split("-")
    for i, part in enumerate(parts):
        if "X" in part.upper():
            return (Precision.DECADE, Precision.YEAR, Precision.MONTH)[i]
    return (Precision.YEAR, Precision.MONTH, Precision.DAY)[len(parts) - 1]


def _grain(value: TimeValue) -> Precision:
    """The unit to which the value's edges are known: a month's are known to the month."""
    if isinstance(value, Extent):
        return value.unit
    if isinstance(value, Unspecified):
        return _unspecified_grain(value)
    if isinstance(value, Moment):
        return _grain(value.within)
    if isinstance(value, Period):
        return min(_grain(end) for end in (value.start, value.end) if isinstance(end, TimeValue))
    if isinstance(value, Range):
        return min(end.unit for end in (value.low, value.high) if end is not None)
    if isinstance(value, OneOf | AllOf):
        return min(_grain(item) for item in value.items)
    return Precision.DAY


def _date(rd: int, grain: Precision, *, last: bool) -> dict[str, int]:
    """A TimelineJS date object for day ``rd``, as fine as ``grain`` and the day's place need."""
    y, m, d = cal.from_rd(rd)
    if last:
        on_edge_day, on_edge_month = d == cal.days_in_month(y, m), m == 12
    else:
        on_edge_day, on_edge_month = d == 1, m == 1
    with_day = grain >= Precision.WEEK or not on_edge_day
    with_month = with_day or grain > Precision.YEAR or not on_edge_month
    out = {"year": y}
    if with_month:
        out["month"] = m
    if with_day:
        out["day"] = d
    return out


def _dates(
    value: TimeValue, policy: Vague, edge: tuple[int, int] | None
) -> tuple[dict[str, int], dict[str, int] | None]:
    if isinstance(value, Period):
        start, end = value.start, value.end
        first_grain = _grain(start) if not isinstance(start, End) else Precision.DAY
        last_grain = _grain(end) if not isinstance(end, End) else Precision.DAY
    else:
        first_grain = last_grain = _grain(value)
    days = hull(value, policy, edge)
    assert days is not None  # only the definite policy leaves dates out
    if days.drawn is Drawn.MARKER:
        return _date(days.first, first_grain, last=False), None
    start_date = _date(days.first, first_grain, last=False)
    if days.first == days.last:
        return start_date, None
    end_date = _date(days.last, last_grain, last=True)
    return start_date, (None if end_date == start_date else end_date)


def _paragraph(text: str) -> str:
    return "<p>" + html(text).replace("\n", "<br>") + "</p>"


def _text(event: Event) -> str:
    parts = []
    if event.summary:
        parts.append(_paragraph(event.summary))
    if event.sources:
        names = "; ".join(source_for_readers(c.source) for c in event.sources)
        parts.append(_paragraph("Sources: " + names))
    return "".join(parts)


def _slide(event: Event, policy: Vague, edge: tuple[int, int] | None) -> dict[str, Any]:
    start_date, end_date = _dates(event.when, policy, edge)
    slide: dict[str, Any] = {"start_date": start_date}
    if end_date is not None:
        slide["end_date"] = end_date
    slide["display_date"] = html(str(event.when))
    slide["text"] = {"headline": html(event.title), "text": _text(event)}
    slide["group"] = html(event.kind)
    slide["unique_id"] = event.id
    return slide


def timelinejs(timeline: Timeline, *, vague: Vague | str | None = None) -> str:
    """``timeline`` as TimelineJS3 JSON text (ending in a newline), slides in the timeline's order.

    The timeline's title, if any, becomes the title slide. ``vague`` is the
    policy for vague dates: ``"certain"`` (the default) or ``"possible"``.
    The output is deterministic.
    """
    check_timeline(timeline)
    policy = chart_policy(vague)
    edge = edges(timeline)
    data: dict[str, Any] = {}
    if timeline.title:
        data["title"] = {"text": {"headline": html(timeline.title), "text": ""}}
    data["events"] = [_slide(event, policy, edge) for event in timeline]
    return json_text(data, 2)
