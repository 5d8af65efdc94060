"""The chart of :mod:`timeline.render.chart` as SVG, each way of being vague drawn its own way.

The output is one ``<svg>`` element, valid XML, the same bytes for the same
timeline: no random ids, no clock, coordinates written to one decimal
place. All user text is escaped (:func:`timeline.safe.html`, and the two
characters XML forbids that it lets through). Each lane is a ``<g
class="lane">`` with a ``<title>`` (a tooltip: the date as people write
it, and the title) and a ``data-lane`` attribute naming its event id or
kind. The marks, as :func:`timeline.render._days.look` reads the date:

* every day some reading covers: a light ``<rect class="possible">``
  (fainter where the date is one day somewhere in it);
* certain days: a solid ``<rect class="certain">``;
* a vague end: ``<path class="vague-end">`` steps fading away from the span;
* one day somewhere: a dotted ``<path class="somewhere">`` along the window;
* an open end (``..``): a ``<path class="open">`` arrow at the edge;
* an unknown end: ``class="unknown-end"`` steps fading to the edge between
  dashed lines, and a ``?``;
* a qualified side: ``~`` (approximate), ``?`` (uncertain) or ``~?``
  beside it (``<text class="qualifier">``), and a dashed outline
  (``<path class="qualified">``) round the date's marks.

With one lane per event, the date as people write it stands after the
marks where it fits, else before them (``<text class="date">``). The
legend (``<g class="legend">``) shows those marks the lanes draw. Colours
are presentation attributes, so the SVG needs no stylesheet and no
``id``: it can be pasted into a page any number of times.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from timeline import safe
from timeline.collection import Timeline
from timeline.events import Event
from timeline.render import _common as c
from timeline.render._days import LEGEND, QUALIFIER_SYMBOLS, Mark, legend_keys, look, possible_runs
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
_DATE: Final = "#444444"
_SWATCH: Final = 22
_FADE_STEPS: Final = 4


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
    keys = legend_keys(look(e.when) for e in events)
    height = top + max(1, len(groups)) * _ROW + 44 + len(_legend_rows(keys, width)) * _ROW
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
            out += _bars(event, y, (lo, hi), (x0, x1), x)
        if lanes == "event" and members:
            out += _date_beside(members[0], y, (lo, hi), (x0, x1), x)
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
    out.append(f'<g class="legend" fill="{_INK}">')
    for row, entries in enumerate(_legend_rows(keys, width)):
        for spot, name, words in entries:
            out += _swatch(name, spot, axis_y + 28 + row * _ROW)
            out.append(
                f'<text x="{_n(spot + _SWATCH + 4)}" y="{axis_y + 28 + row * _ROW + 9}">'
                f"{words}</text>"
            )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _path(left: float, top: float, right: float, bottom: float) -> str:
    return f"M{_n(left)} {_n(top)}H{_n(right)}V{_n(bottom)}H{_n(left)}Z"


def _fade(left: float, right: float, y: float, tall: float, outwards: int, cls: str) -> list[str]:
    """Steps of the certain colour fading away from the span: a vague or unknown end."""
    steps = max(1, min(_FADE_STEPS, int((right - left) // 3)))
    out = []
    for k in range(steps):
        a = left + (right - left) * k / steps
        b = left + (right - left) * (k + 1) / steps
        # The step nearest the span is the darkest.
        nearness = (steps - k) if outwards > 0 else (k + 1)
        opacity = 0.8 * nearness / (steps + 1)
        out.append(
            f'<path class="{cls}" d="{_path(a, y, b, y + tall)}" fill="{_CERTAIN}" '
            f'fill-opacity="{opacity:.2f}"/>'
        )
    return out


def _bars(
    event: Event,
    y: int,
    days: tuple[int, int],
    xs: tuple[int, int],
    x: Callable[[int], float],
) -> list[str]:
    """The marks of one event's date in the lane at ``y``."""
    lo, hi = days
    x0, x1 = xs
    seen = look(event.when)
    mid = y + _BAR / 2
    out: list[str] = []
    spans: list[tuple[float, float]] = []  # where the marks of the date are, for the qualifiers
    for a, b in possible_runs(event.when):
        if (a is not None and a > hi) or (b is not None and b < lo):
            continue
        left = x0 if a is None else x(a)
        right = max(x1 if b is None else x(b + 1), left + 2)
        faint = ' fill-opacity="0.45"' if seen.somewhere else ""
        out.append(
            f'<rect class="possible" x="{_n(left)}" y="{y}" width="{_n(right - left)}" '
            f'height="{_BAR}" fill="{_POSSIBLE}"{faint}/>'
        )
    for seg in seen.segments:
        if (seg.first is not None and seg.first > hi) or (seg.last is not None and seg.last < lo):
            continue
        left = x0 if seg.first is None else x(seg.first)
        right = max(x1 if seg.last is None else x(seg.last + 1), left + 2)
        spans.append((left, right))
        if seg.mark is Mark.CERTAIN:
            out.append(
                f'<rect class="certain" x="{_n(left)}" y="{y}" width="{_n(right - left)}" '
                f'height="{_BAR}" fill="{_CERTAIN}"/>'
            )
            if seg.last is None:
                out.append(
                    f'<path class="open" d="M{_n(x1)} {y - 1}L{_n(x1 + 10)} {_n(mid)}'
                    f'L{_n(x1)} {y + _BAR + 1}Z" fill="{_CERTAIN}"/>'
                )
            if seg.first is None:
                out.append(
                    f'<path class="open" d="M{_n(x0)} {y - 1}L{_n(x0 - 8)} {_n(mid)}'
                    f'L{_n(x0)} {y + _BAR + 1}Z" fill="{_CERTAIN}"/>'
                )
        elif seg.mark is Mark.VAGUE_END:
            outwards = 1 if seen.segments.index(seg) > 0 else -1
            out += _fade(left, right, y, _BAR, outwards, "vague-end")
        elif seg.mark is Mark.UNKNOWN_END:
            outwards = 1 if seg.last is None else -1
            out += _fade(left, right, y, _BAR, outwards, "unknown-end")
            out.append(
                f'<path class="unknown-end" d="M{_n(left)} {y}H{_n(right)}M{_n(left)} '
                f'{y + _BAR}H{_n(right)}" fill="none" stroke="{_CERTAIN}" '
                'stroke-dasharray="4 3"/>'
            )
            at = right + 4 if outwards > 0 else left - 10
            out.append(
                f'<text class="unknown-end" x="{_n(at)}" y="{y + _BAR - 1}" '
                f'font-weight="bold" fill="{_CERTAIN}">?</text>'
            )
        else:  # one day somewhere: dots along the window
            out.append(
                f'<path class="somewhere" d="M{_n(left + 2)} {_n(mid)}'
                f'H{_n(max(left + 2, right - 2))}" '
                f'stroke="{_CERTAIN}" stroke-width="3" stroke-linecap="round" '
                'stroke-dasharray="0 6"/>'
            )
            # A window without an end: the day may lie past the edge, nobody knows where.
            for unbounded, at in ((seg.last is None, right + 4), (seg.first is None, left - 10)):
                if unbounded:
                    out.append(
                        f'<text class="unknown-end" x="{_n(at)}" y="{y + _BAR - 1}" '
                        f'font-weight="bold" fill="{_CERTAIN}">?</text>'
                    )
    if spans:
        for side, at, anchor in (
            ("start", spans[0][0] - 3, "end"),
            ("end", spans[-1][1] + 3, "start"),
        ):
            symbol = QUALIFIER_SYMBOLS[seen.qualifier(side).value]
            if symbol:
                out.append(
                    f'<text class="qualifier" x="{_n(at)}" y="{y + _BAR - 1}" '
                    f'text-anchor="{anchor}" font-weight="bold" fill="{_INK}">{symbol}</text>'
                )
        if seen.start_qualifier or seen.end_qualifier:
            left, right = spans[0][0], spans[-1][1]
            out.append(
                f'<path class="qualified" d="{_path(left, y - 1.5, right, y + _BAR + 1.5)}" '
                f'fill="none" stroke="{_INK}" stroke-dasharray="3 2"/>'
            )
    return out


def _date_beside(
    event: Event, y: int, days: tuple[int, int], xs: tuple[int, int], x: Callable[[int], float]
) -> list[str]:
    """The event's date written after its marks where it fits, else before them, else not."""
    lo, hi = days
    x0, x1 = xs
    first, last = event.when.earliest_day, event.when.latest_day
    left = x0 if first is None else x(max(first, lo))
    right = x1 if last is None else x(min(last, hi) + 1)
    text = f"{event.when}{c.marker(event)}"
    seen = look(event.when)
    # Past the qualifier written beside that side, if any.
    after = 6 + 8 * len(QUALIFIER_SYMBOLS[seen.end_qualifier.value])
    before = 6 + 8 * len(QUALIFIER_SYMBOLS[seen.start_qualifier.value])
    need = len(text) * _CHAR * 0.9
    if right + after + need <= x1 and last is not None:
        at, anchor = right + after, "start"
    elif left - before - need >= x0 and first is not None:
        at, anchor = left - before, "end"
    else:
        return []
    return [
        f'<text class="date" x="{_n(at)}" y="{y + _BAR - 1}" text-anchor="{anchor}" '
        f'font-size="{_FONT - 1}" fill="{_DATE}">{xml_text(text)}</text>'
    ]


def _legend_rows(keys: set[str], width: int) -> list[list[tuple[float, str, str]]]:
    """The legend entries ``keys`` names, flowed into rows: (x, key, words) each."""
    rows: list[list[tuple[float, str, str]]] = [[]]
    at = 4.0
    for key, words in LEGEND:
        if key not in keys:
            continue
        need = _SWATCH + 4 + len(words) * _CHAR + 14
        if rows[-1] and at + need > width - 4:
            rows.append([])
            at = 4.0
        rows[-1].append((at, key, words))
        at += need
    return rows if rows[0] else []


def _swatch(key: str, at: float, y: float) -> list[str]:
    """The legend's sample of ``key``, drawn as the lanes draw it, ``_SWATCH`` wide."""
    right = at + _SWATCH
    box = f'x="{_n(at)}" y="{_n(y)}" width="{_SWATCH}" height="10"'
    mid = y + 5
    if key == "certain":
        return [f'<rect {box} fill="{_CERTAIN}"/>']
    if key == "vague-end":
        return [f'<rect {box} fill="{_POSSIBLE}"/>', *_fade(at, right, y, 10, 1, "key")]
    if key == "somewhere":
        return [
            f'<rect {box} fill="{_POSSIBLE}" fill-opacity="0.45"/>',
            f'<path d="M{_n(at + 2)} {_n(mid)}H{_n(right - 2)}" stroke="{_CERTAIN}" '
            'stroke-width="3" stroke-linecap="round" stroke-dasharray="0 6"/>',
        ]
    if key == "open":
        return [
            f'<rect x="{_n(at)}" y="{_n(y)}" width="{_SWATCH - 8}" height="10" fill="{_CERTAIN}"/>',
            f'<path d="M{_n(right - 8)} {_n(y - 1)}L{_n(right + 2)} {_n(mid)}'
            f'L{_n(right - 8)} {_n(y + 11)}Z" fill="{_CERTAIN}"/>',
        ]
    if key == "unknown-end":
        return [
            *_fade(at, right - 9, y, 10, 1, "key"),
            f'<path d="M{_n(at)} {_n(y)}H{_n(right - 9)}M{_n(at)} {_n(y + 10)}H{_n(right - 9)}" '
            f'fill="none" stroke="{_CERTAIN}" stroke-dasharray="4 3"/>',
            f'<text x="{_n(right - 7)}" y="{_n(y + 9)}" font-weight="bold" '
            f'fill="{_CERTAIN}">?</text>',
        ]
    return [
        f'<text x="{_n(right - 2)}" y="{_n(y + 9)}" text-anchor="end" font-weight="bold">'
        f"{key}</text>"
    ]
