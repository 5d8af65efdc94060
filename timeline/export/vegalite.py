"""Timelines as a Vega-Lite specification: a chart that users restyle with Vega-Lite itself.

:func:`vega_lite` writes one JSON object with the Vega-Lite v5 ``$schema``,
the events inline as ``data.values``, and layered marks that draw each
event's date as :func:`timeline.render._days.look` reads it, as the SVG and
the HTML page do:

* ``possible``: a light bar over every day some reading of the date covers;
* ``certain``: a solid bar over the days every reading covers;
* ``somewhere``: a dot in the middle of a date that is one day somewhere;
* ``open end``: a triangle at the edge where the date runs on (``..``);
* ``unknown end``: a ``?`` at the edge where it ended, nobody knows when;
* ``qualifier``: ``~`` (approximate) or ``?`` (uncertain) beside a side.

Each value (one per event, in display order) holds ``order``, ``id``,
``title``, ``kind``, ``date`` (as people write it, with ``†``/``‡``),
``edtf``, ``vagueness`` (``definite``, ``vague`` or ``somewhere``),
``start_side`` and ``end_side`` (``known``, ``vague``, ``open`` or
``unknown``), ``start_qualifier`` and ``end_qualifier`` (``""``, ``"~"``,
``"?"`` or ``"~?"``), ``possible_start``/``possible_end`` (and
``possible_middle``, the middle day, where a ``somewhere`` date's dot is) and
``certain_start``/``certain_end`` (``null`` when no day is certain), and
``url`` (the first http(s) address among its sources, or ``null``).

Days are ISO ``YYYY-MM-DD`` text read as UTC (the x scale is ``utc``); a
``*_start`` is the first day and a ``*_end`` **the day after the last**, so
a bar from one to the other covers exactly the days. An unbounded side is
written as the axis's edge (``start_side``/``end_side`` say why). Years
outside 0–9999 are written in ISO's expanded form (``-000044-03-15``).

Colours, sizes and the axis are ordinary Vega-Lite properties (``config``,
``mark``, ``encoding``), so a user restyles the chart by editing them;
:func:`altair_chart` gives the same specification as an Altair chart, for
those who build charts in Python.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from timeline import calendar as cal
from timeline.collection import Timeline
from timeline.events import Event
from timeline.export._common import check_timeline, json_text
from timeline.export.errors import ExportError
from timeline.render import _common as rc
from timeline.render._days import QUALIFIER_SYMBOLS, Mark, look
from timeline.render.chart import axis_range

if TYPE_CHECKING:
    import altair

__all__ = ["SCHEMA", "altair_chart", "vega_lite"]

SCHEMA: Final = "https://vega.github.io/schema/vega-lite/v5.json"
"""The ``$schema`` of every specification :func:`vega_lite` writes."""

CERTAIN: Final = "#1f4e79"
POSSIBLE: Final = "#a9c8e8"
_MIN_WIDTH: Final = 100


def _iso(rd: int) -> str:
    y, m, d = cal.from_rd(rd)
    if 0 <= y <= 9999:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return f"{'-' if y < 0 else '+'}{abs(y):06d}-{m:02d}-{d:02d}"


def _url(event: Event) -> str | None:
    for citation in event.sources:
        url = citation.source.url
        if not url:
            continue
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            continue
        if parts.scheme.lower() in ("http", "https") and parts.netloc and url.isprintable():
            return url.strip()
    return None


def _value(order: int, event: Event, lo: int, hi: int) -> dict[str, Any]:
    seen = look(event.when)
    marks = seen.segments

    def clip(day: int | None, edge: int) -> int:
        return edge if day is None else min(max(day, lo), hi + 1)

    firsts = [s.first for s in marks]
    lasts = [s.last for s in marks]
    p_start = lo if None in firsts else clip(min(f for f in firsts if f is not None), lo)
    p_end = hi + 1 if None in lasts else clip(max(x for x in lasts if x is not None) + 1, hi + 1)
    sure = next((s for s in marks if s.mark is Mark.CERTAIN), None)
    return {
        "order": order,
        "id": event.id,
        "title": " ".join(event.title.split()),
        "kind": event.kind,
        "date": f"{event.when}{rc.marker(event)}",
        "edtf": event.when.edtf,
        "vagueness": seen.vagueness,
        "start_side": seen.start,
        "end_side": seen.end,
        "start_qualifier": QUALIFIER_SYMBOLS[seen.start_qualifier.value],
        "end_qualifier": QUALIFIER_SYMBOLS[seen.end_qualifier.value],
        "possible_start": _iso(p_start),
        "possible_end": _iso(max(p_end, p_start + 1)),
        "possible_middle": _iso((p_start + max(p_end, p_start + 1) - 1) // 2),
        "certain_start": None if sure is None else _iso(clip(sure.first, lo)),
        "certain_end": None
        if sure is None
        else _iso(hi + 1 if sure.last is None else clip(sure.last + 1, hi + 1)),
        "url": _url(event),
    }


_TOOLTIP: Final = [
    {"field": "title", "type": "nominal", "title": "event"},
    {"field": "date", "type": "nominal"},
    {"field": "kind", "type": "nominal"},
    {"field": "vagueness", "type": "nominal"},
    {"field": "url", "type": "nominal", "title": "source"},
]


def _spec(timeline: Timeline, width: int, step: int, title: str | None) -> dict[str, Any]:
    events = list(timeline)
    bounds = axis_range(events)
    name = " ".join((timeline.title if title is None else title).split())
    lo, hi = bounds if bounds is not None else (cal.to_rd(2000, 1, 1), cal.to_rd(2000, 12, 31))
    values = [_value(i, e, lo, hi) for i, e in enumerate(events)]
    x_scale = {"type": "utc", "domain": [_iso(lo), _iso(hi + 1)]}
    y = {
        "field": "title",
        "type": "nominal",
        "sort": {"field": "order"},
        "axis": {"title": None, "labelLimit": 360},
    }
    at_start = {"field": "possible_start", "type": "temporal"}
    at_end = {"field": "possible_end", "type": "temporal"}
    layers: list[dict[str, Any]] = [
        {
            "name": "possible",
            "mark": {"type": "bar", "color": POSSIBLE, "height": {"band": 0.7}},
            "encoding": {
                "x": {
                    "field": "possible_start",
                    "type": "temporal",
                    "scale": x_scale,
                    "axis": {"title": None, "format": "%Y", "grid": True},
                },
                "x2": {"field": "possible_end"},
                "opacity": {
                    "condition": {"test": "datum.vagueness === 'somewhere'", "value": 0.5},
                    "value": 1,
                },
                "strokeDash": {
                    "condition": {"test": "datum.end_side === 'unknown'", "value": [4, 3]},
                    "value": [1, 0],
                },
                "stroke": {"value": CERTAIN},
                "strokeWidth": {
                    "condition": {"test": "datum.end_side === 'unknown'", "value": 1},
                    "value": 0,
                },
            },
        },
        {
            "name": "certain",
            "transform": [{"filter": "datum.certain_start !== null"}],
            "mark": {"type": "bar", "color": CERTAIN, "height": {"band": 0.7}},
            "encoding": {
                "x": {"field": "certain_start", "type": "temporal"},
                "x2": {"field": "certain_end"},
            },
        },
        {
            "name": "somewhere",
            "transform": [{"filter": "datum.vagueness === 'somewhere'"}],
            "mark": {"type": "point", "shape": "circle", "filled": True, "size": 24},
            "encoding": {
                "x": {"field": "possible_middle", "type": "temporal"},
                "color": {"value": CERTAIN},
            },
        },
        {
            "name": "open end",
            "transform": [{"filter": "datum.end_side === 'open'"}],
            "mark": {"type": "point", "shape": "triangle-right", "filled": True, "size": 90},
            "encoding": {"x": at_end, "color": {"value": CERTAIN}},
        },
        {
            "name": "open start",
            "transform": [{"filter": "datum.start_side === 'open'"}],
            "mark": {"type": "point", "shape": "triangle-left", "filled": True, "size": 90},
            "encoding": {"x": at_start, "color": {"value": CERTAIN}},
        },
        {
            "name": "unknown end",
            "transform": [{"filter": "datum.end_side === 'unknown'"}],
            "mark": {"type": "text", "text": "?", "dx": 6, "align": "left", "fontWeight": "bold"},
            "encoding": {"x": at_end, "color": {"value": CERTAIN}},
        },
        {
            "name": "unknown start",
            "transform": [{"filter": "datum.start_side === 'unknown'"}],
            "mark": {"type": "text", "text": "?", "dx": -6, "align": "right", "fontWeight": "bold"},
            "encoding": {"x": at_start, "color": {"value": CERTAIN}},
        },
        {
            "name": "qualifier",
            "transform": [{"filter": "datum.end_qualifier !== ''"}],
            "mark": {"type": "text", "dx": 4, "align": "left", "fontWeight": "bold"},
            "encoding": {"x": at_end, "text": {"field": "end_qualifier"}},
        },
    ]
    for layer in layers:
        layer["encoding"]["tooltip"] = _TOOLTIP
        if layer["name"] in ("possible", "certain"):
            layer["encoding"]["href"] = {"field": "url"}
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "description": "A timeline: light bars are the days each event may cover, solid bars "
        "the days it certainly covers; ▶ runs on, ? ended on an unknown day, ~ approximate.",
        "width": width,
        "height": {"step": step},
        "data": {"values": values},
        "encoding": {"y": y},
        "layer": layers,
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 11}},
    }
    if name:
        spec = {
            "$schema": SCHEMA,
            "title": name,
            **{k: v for k, v in spec.items() if k != "$schema"},
        }
    return spec


def _check(width: object, step: object) -> tuple[int, int]:
    if isinstance(width, bool) or not isinstance(width, int) or width < _MIN_WIDTH:
        raise ExportError(f"width must be an int of at least {_MIN_WIDTH}, not {width!r}")
    if isinstance(step, bool) or not isinstance(step, int) or not 4 <= step <= 200:
        raise ExportError(f"step must be an int from 4 to 200, not {step!r}")
    return width, step


def vega_lite(
    timeline: Timeline,
    *,
    width: int = 800,
    step: int = 18,
    title: str | None = None,
    indent: int | None = 2,
) -> str:
    """``timeline`` as a Vega-Lite v5 specification: JSON text ending in a newline.

    ``width`` is the plot's width in pixels (at least 100); ``step`` the
    height of each event's row (4 to 200); ``title`` the chart's title
    (the timeline's by default; ``""`` for none). The module's docstring
    describes the data and the layers. The same timeline gives the same
    text. An empty timeline gives a valid specification with no values.
    """
    check_timeline(timeline)
    width, step = _check(width, step)
    if indent is not None and (isinstance(indent, bool) or not isinstance(indent, int)):
        raise ExportError(f"indent must be an int or None, not {indent!r}")
    if title is not None and not isinstance(title, str):
        raise ExportError(f"title must be a str or None, not {title!r}")
    spec = _spec(timeline, width, step, title)
    assert not any(isinstance(v, float) and not math.isfinite(v) for v in spec.values())
    return json_text(spec, indent)


def altair_chart(
    timeline: Timeline, *, width: int = 800, step: int = 18, title: str | None = None
) -> altair.LayerChart:
    """The specification of :func:`vega_lite` as an Altair ``LayerChart``, checked by Altair.

    Needs the ``altair`` package; without it, an :class:`ExportError` says so.
    """
    import json

    try:
        import altair as alt
    except ImportError:
        raise ExportError("altair_chart needs the altair package: pip install altair") from None
    spec = json.loads(vega_lite(timeline, width=width, step=step, title=title, indent=None))
    chart: altair.LayerChart = alt.LayerChart.from_dict(spec)
    return chart
