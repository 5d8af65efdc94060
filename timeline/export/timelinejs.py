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

**Dates.** ``start_date`` is the first day the event could cover and
``end_date`` the last (inclusive), each given only as finely as it is known:
``month`` only when the value is finer than a year or the day does not fall
on a year's edge, ``day`` only when it is a week or finer or the day does not
fall on a month's edge. A year gives ``{"year": 2017}``, a month ``{"year":
2017, "month": 1}``, FY2018 runs from ``{"year": 2017, "month": 10}`` to
``{"year": 2018, "month": 9}``. ``end_date`` is left out when it would equal
``start_date``, and for an open or unknown end; an event with no known first
day starts at its last possible day, and one bounded on neither side at a
day named in it. Years are astronomical (0 is 1 BCE), as
in JavaScript. Because TimelineJS fills missing fields with the first month
or day, ``display_date`` is always our human date ("sometime in January
2017", "FY2018"), so a vague date is never shown as January 1.

**Text.** TimelineJS puts headlines, text, display dates and groups into the
page as HTML, so every text is escaped with :func:`timeline.safe.html`.
"""

from __future__ import annotations

from typing import Any

from timeline import calendar as cal
from timeline.collection import Timeline
from timeline.events import Event
from timeline.export._common import check_timeline, json_text, known_day
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


def _dates(value: TimeValue) -> tuple[dict[str, int], dict[str, int] | None]:
    if isinstance(value, Period):
        start, end = value.start, value.end
        first_grain = _grain(start) if not isinstance(start, End) else Precision.DAY
        last_grain = _grain(end) if not isinstance(end, End) else Precision.DAY
    else:
        first_grain = last_grain = _grain(value)
    lo, hi = value.earliest_day, value.latest_day
    if lo is None:
        if hi is None:  # unbounded both ways, as ../[2000-01-01..]
            return _date(known_day(value), Precision.DAY, last=False), None
        return _date(hi, last_grain, last=True), None
    start_date = _date(lo, first_grain, last=False)
    if hi is None:
        return start_date, None
    end_date = _date(hi, last_grain, last=True)
    return start_date, (None if end_date == start_date else end_date)


def _paragraph(text: str) -> str:
    return "<p>" + html(text).replace("\n", "<br>") + "</p>"


def _text(event: Event) -> str:
    parts = []
    if event.summary:
        parts.append(_paragraph(event.summary))
    if event.sources:
        parts.append(_paragraph("Sources: " + "; ".join(str(c.source) for c in event.sources)))
    return "".join(parts)


def _slide(event: Event) -> dict[str, Any]:
    start_date, end_date = _dates(event.when)
    slide: dict[str, Any] = {"start_date": start_date}
    if end_date is not None:
        slide["end_date"] = end_date
    slide["display_date"] = html(str(event.when))
    slide["text"] = {"headline": html(event.title), "text": _text(event)}
    slide["group"] = html(event.kind)
    slide["unique_id"] = event.id
    return slide


def timelinejs(timeline: Timeline) -> str:
    """``timeline`` as TimelineJS3 JSON text (ending in a newline), slides in the timeline's order.

    The timeline's title, if any, becomes the title slide. The output is
    deterministic.
    """
    check_timeline(timeline)
    data: dict[str, Any] = {}
    if timeline.title:
        data["title"] = {"text": {"headline": html(timeline.title), "text": ""}}
    data["events"] = [_slide(event) for event in timeline]
    return json_text(data, 2)
