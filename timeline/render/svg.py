"""The chart of :mod:`timeline.render.chart` as SVG: certain days solid, possible days light.

The output is one ``<svg>`` element, valid XML, the same bytes for the same
timeline: no random ids, no clock, coordinates written to one decimal
place. All user text is escaped (:func:`timeline.safe.html`, and the two
characters XML forbids that it lets through). Each lane is a ``<g
class="lane">`` with a ``<title>`` (a tooltip: the date as people write
it, and the title) and a ``data-lane`` attribute naming its event id or
kind; certain runs are ``<rect class="certain">``, possible ones ``<rect
class="possible">``, open ends a ``<path class="open">`` arrow. Colours
are presentation attributes, so the SVG needs no stylesheet and no
``id``: it can be pasted into a page any number of times.
"""

from __future__ import annotations

from typing import Final

from timeline import safe
from timeline.collection import Timeline
from timeline.events import Event
from timeline.render import _common as c
from timeline.render._days import certain_run, possible_runs
from timeline.render.chart import LANES, axis_range, tick_sets
from timeline.render.errors import RenderError

__all__ = ["svg"]

MIN_WIDTH: Final = 240
_ROW: Final = 18
_BAR: Final = 12
_FONT: Final = 12
_CHAR: Final = 6.6  # the average advance of a 12px sans-serif character, for fitting labels
_CERTAIN: Final = "#1f4e79"
_POSSIBLE: Final = "#a9c8e8"
_INK: Final = "#222222"
_RULE: Final = "#888888"


def xml_text(text: str) -> str:
    """User text for XML content or an attribute: :func:`safe.html`, without U+FFFE/U+FFFF."""
    return safe.html(text).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _short(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(0, chars - 1)] + "…"


def _describe(event: Event) -> str:
    return f"{event.when}{c.marker(event)} — {' '.join(event.title.split())}"


def svg(timeline: Timeline, *, width: int = 960, lanes: str = "event") -> str:
    """The chart of ``timeline`` as an SVG document ``width`` pixels wide (at least 240).

    One lane per event in display order (``lanes="kind"``: one per kind),
    labelled on the left, on a shared axis with tick labels, and a legend.
    The ``viewBox`` has the same size as ``width`` and ``height``, so the
    picture scales when a page sets its width. Ends with a newline.
    """
    if isinstance(width, bool) or not isinstance(width, int) or width < MIN_WIDTH:
        raise RenderError(f"width must be an int of at least {MIN_WIDTH}, not {width!r}")
    lanes = c.choose("lanes", lanes, LANES)
    events = list(timeline)
    if lanes == "event":
        groups = [(e.id, " ".join(e.title.split()), _describe(e), [e]) for e in events]
    else:
        kinds: dict[str, list[Event]] = {}
        for e in events:
            kinds.setdefault(e.kind, []).append(e)
        groups = [
            (k, k, f"{k}: {len(kinds[k])} event{'s' * (len(kinds[k]) != 1)}", kinds[k])
            for k in sorted(kinds)
        ]
    top = 8 + (_ROW + 6 if timeline.title else 0)
    label_w = round(width * 0.3)
    x0, x1 = label_w + 8, width - 14
    height = top + max(1, len(groups)) * _ROW + 56
    title = xml_text(" ".join(timeline.title.split())) or "Timeline"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" '
        f'font-size="{_FONT}">',
        f"<title>{title}</title>",
    ]
    if timeline.title:
        out.append(
            f'<text x="4" y="{top - 10}" font-weight="bold" fill="{_INK}">'
            f"{xml_text(_short(' '.join(timeline.title.split()), int((width - 8) / _CHAR)))}"
            "</text>"
        )
    bounds = axis_range(events)
    if bounds is None:
        out.append(f'<text x="4" y="{top + _FONT}" fill="{_INK}">No events.</text>')
        out.append("</svg>")
        return "\n".join(out) + "\n"
    lo, hi = bounds
    n = hi - lo + 1
    span = x1 - x0

    def x(day: int) -> float:
        return x0 + (min(max(day, lo), hi + 1) - lo) * span / n

    for i, (key, label, tip, members) in enumerate(groups):
        y = top + i * _ROW
        out.append(f'<g class="lane" data-lane="{xml_text(key)}">')
        out.append(f"<title>{xml_text(tip)}</title>")
        out.append(
            f'<text x="4" y="{y + _BAR - 1}" fill="{_INK}">'
            f"{xml_text(_short(label, int(label_w / _CHAR)))}</text>"
        )
        for event in members:
            bars = [(a, b, "possible", _POSSIBLE) for a, b in possible_runs(event.when)]
            sure = certain_run(event.when)
            if sure is not None:
                bars.append((sure[0], sure[1], "certain", _CERTAIN))
            for a, b, cls, colour in bars:
                if (a is not None and a > hi) or (b is not None and b < lo):
                    continue
                left = x0 if a is None else x(a)
                right = x1 if b is None else x(b + 1)
                right = max(right, left + 2)
                out.append(
                    f'<rect class="{cls}" x="{_n(left)}" y="{y}" width="{_n(right - left)}" '
                    f'height="{_BAR}" fill="{colour}"/>'
                )
                mid = y + _BAR / 2
                if b is None:
                    out.append(
                        f'<path class="open" d="M{_n(x1)} {y - 1}L{_n(x1 + 10)} {_n(mid)}'
                        f'L{_n(x1)} {y + _BAR + 1}Z" fill="{colour}"/>'
                    )
                if a is None:
                    out.append(
                        f'<path class="open" d="M{_n(x0)} {y - 1}L{_n(x0 - 8)} {_n(mid)}'
                        f'L{_n(x0)} {y + _BAR + 1}Z" fill="{colour}"/>'
                    )
        out.append("</g>")
    axis_y = top + len(groups) * _ROW + 4
    out.append(f'<g class="axis" fill="{_INK}" stroke="{_RULE}">')
    out.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}"/>')
    chosen: list[tuple[int, str]] = []
    for ticks in tick_sets(lo, hi):
        spots = [x(day) for day, _ in ticks]
        if ticks and all(
            spots[j + 1] - spots[j] >= len(ticks[j][1]) * _CHAR + 8 for j in range(len(ticks) - 1)
        ):
            chosen = ticks
            break
    for day, name in chosen:
        at = _n(x(day))
        out.append(f'<line x1="{at}" y1="{axis_y}" x2="{at}" y2="{axis_y + 5}"/>')
        out.append(f'<text x="{at}" y="{axis_y + 18}" stroke="none">{xml_text(name)}</text>')
    out.append("</g>")
    key_y = axis_y + 28
    out.append(f'<g class="legend" fill="{_INK}">')
    out.append(f'<rect x="{x0}" y="{key_y}" width="14" height="10" fill="{_CERTAIN}"/>')
    out.append(f'<text x="{x0 + 18}" y="{key_y + 9}">certain</text>')
    out.append(f'<rect x="{x0 + 80}" y="{key_y}" width="14" height="10" fill="{_POSSIBLE}"/>')
    out.append(f'<text x="{x0 + 98}" y="{key_y + 9}">possible</text>')
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
