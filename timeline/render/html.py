"""One self-contained HTML page: the chart, the chronology with sources and quotes, the sources.

The page loads nothing: no scripts, fonts, images or style sheets from
anywhere, and a Content-Security-Policy ``<meta>`` forbids it to (only its
own inline style and its own inline script (left out with
``interactive=False``), each pinned by its hash, are allowed). It reads on a phone: a viewport
``<meta>``, long words broken, and a chart whose time axis always fits the
column, so that the page never scrolls sideways; each event's row holds
its whole title and its date above its bar. Zooming (buttons that need no
script) widens the axis inside the chart's own scrolling box. Everything
the chart says is also in the chronology below it, so the page is
complete without the chart. All user text goes through
:func:`timeline.safe.html`.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
from typing import Final
from urllib.parse import urlsplit

from timeline import calendar as cal
from timeline import safe
from timeline.calendar import FiscalCalendar
from timeline.collection import Timeline
from timeline.events import Event, Source
from timeline.render import _common as c
from timeline.render._days import LEGEND, QUALIFIER_SYMBOLS, Mark, legend_keys, look
from timeline.render.chart import axis_range, tick_sets, year_label
from timeline.render.svg import xml_text
from timeline.when import _MONTH_ABBR

__all__ = ["ZOOMS", "html_page"]

# The page's one script, for interactive=True: keys, wheel, pinch and drag on the chart.
# It only changes which zoom level is checked and where the plot is scrolled to, so the
# page without it is the same page, zoomed by its buttons and scrolled by hand.
_SCRIPT: Final = """
(() => {
  const figure = document.querySelector("figure.chart");
  if (!figure) return;
  const plot = figure.querySelector(".plot");
  const levels = [...figure.querySelectorAll("input[name=zoom]")];
  let centre = 0.5;
  const index = () => Math.max(0, levels.findIndex((r) => r.checked));
  const remember = () => {
    centre = (plot.scrollLeft + plot.clientWidth / 2) / plot.scrollWidth;
  };
  const show = (at) => {
    plot.dataset.zoom = levels[index()].value;
    plot.scrollLeft = at * plot.scrollWidth - plot.clientWidth / 2;
    remember();
  };
  const zoom = (i, x) => {
    i = Math.max(0, Math.min(levels.length - 1, i));
    if (i === index()) return;
    const px = x === undefined ? plot.clientWidth / 2 : x;
    const at = (plot.scrollLeft + px) / plot.scrollWidth;
    levels[i].checked = true;
    plot.dataset.zoom = levels[i].value;
    plot.scrollLeft = at * plot.scrollWidth - px;
    remember();
  };
  // Two fingers zoom the axis, not the page: only where this script handles them.
  plot.style.touchAction = "pan-x pan-y";
  plot.addEventListener("scroll", remember, { passive: true });
  levels.forEach((r) => r.addEventListener("change", () => show(centre)));
  plot.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = plot.clientWidth * 0.25;
    switch (e.key) {
      case "+": case "=": zoom(index() + 1); break;
      case "-": case "_": zoom(index() - 1); break;
      case "ArrowLeft": plot.scrollLeft -= step; break;
      case "ArrowRight": plot.scrollLeft += step; break;
      case "Home": zoom(0); plot.scrollLeft = 0; break;
      case "End": plot.scrollLeft = plot.scrollWidth; break;
      default: return;
    }
    e.preventDefault();
  });
  let wheel = 0;
  plot.addEventListener("wheel", (e) => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    wheel += e.deltaY;
    if (Math.abs(wheel) < 40) return;
    zoom(index() + (wheel < 0 ? 1 : -1), e.clientX - plot.getBoundingClientRect().left);
    wheel = 0;
  }, { passive: false });
  const touches = new Map();
  let drag = null, pinch = 0, moved = false;
  plot.addEventListener("pointerdown", (e) => {
    touches.set(e.pointerId, e.clientX);
    if (e.pointerType === "mouse" && e.button === 0) {
      drag = { x: e.clientX, left: plot.scrollLeft };
      moved = false;
    }
    if (touches.size === 2) {
      const [a, b] = [...touches.values()];
      pinch = Math.abs(a - b);
    }
  });
  plot.addEventListener("pointermove", (e) => {
    if (touches.has(e.pointerId)) touches.set(e.pointerId, e.clientX);
    if (drag && e.buttons === 1) {
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > 4) moved = true;
      plot.scrollLeft = drag.left - dx;
    }
    if (touches.size === 2 && pinch > 0) {
      const [a, b] = [...touches.values()];
      const now = Math.abs(a - b);
      const mid = (a + b) / 2 - plot.getBoundingClientRect().left;
      if (now > pinch * 1.4) { zoom(index() + 1, mid); pinch = now; }
      else if (now < pinch / 1.4) { zoom(index() - 1, mid); pinch = now; }
    }
  });
  const lift = (e) => { touches.delete(e.pointerId); drag = null; pinch = 0; };
  ["pointerup", "pointercancel", "pointerleave"].forEach((t) => plot.addEventListener(t, lift));
  plot.addEventListener("click", (e) => {
    if (moved) { e.preventDefault(); moved = false; }
  }, true);
})();
"""

_STYLE: Final = """
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #222; background: #fff; }
main { max-width: 64em; margin: 0 auto; padding: 1em; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; line-height: 1.25; }
h2 { font-size: 1.2em; margin-top: 1.5em; border-bottom: 1px solid #ddd; }
section.chronology, section.sources { max-width: 48em; }
figure { margin: 1em 0; }
ol.events, ul.sources { padding-left: 0; list-style: none; }
li.event { margin: 0 0 1em; padding-left: .75em; border-left: 3px solid #1f4e79; }
li.event.vague { border-left-color: #a9c8e8; }
.when { font-weight: 600; }
.kind { color: #555; font-size: .875em; }
.also { color: #555; font-size: .875em; margin: 0; }
.event ul { margin: .25em 0 0; padding-left: 1em; }
blockquote { margin: .25em 0 .5em; padding-left: .75em; border-left: 2px solid #ccc;
  color: #333; }
.legend { color: #555; font-size: .875em; }
/* The chart: the time axis always fits the column; zooming widens it inside .plot, which
   scrolls sideways on its own, so the page itself never does. */
.chart { margin: 1em 0 2em; position: relative; }
.skip { position: absolute; left: -9999px; }
.skip:focus { position: static; display: inline-block; margin-bottom: .5em; }
.zoom { border: 0; padding: 0; margin: 0 0 .5em; display: flex; flex-wrap: wrap;
  gap: .25em; align-items: center; font-size: .875em; }
.zoom legend { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); }
.zoom input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.zoom label { border: 1px solid #888; border-radius: .25em; padding: .1em .3em;
  cursor: pointer; min-width: 1.9em; text-align: center; }
.zoom input:checked + label { background: #1f4e79; border-color: #1f4e79; color: #fff; }
.zoom input:focus-visible + label { outline: 2px solid #c60; outline-offset: 1px; }
.zoom .hint { color: #555; margin-left: .5em; }
.plot { overflow-x: auto; overflow-y: hidden; container-type: inline-size;
  border: 1px solid #ddd; border-radius: .25em; }
.plot:focus-visible { outline: 2px solid #c60; outline-offset: 2px; }
.canvas { --zoom: 1; width: calc(var(--zoom) * 100%); position: relative;
  container: canvas / inline-size; }
ol.rows { list-style: none; margin: 0; padding: 2em 0 2em; position: relative; }
.row { padding: .2em 0 .35em; border-top: 1px solid #f0f0f0; }
.label { position: sticky; left: 0; box-sizing: border-box;
  max-width: calc(100cqw / var(--zoom));
  margin: 0; padding: 0 .5em; font-size: .875em; line-height: 1.3; }
.label .date { color: #444; }
.label .date::before { content: " · "; color: #888; }
.track { display: block; position: relative; height: 14px; margin: .2em 0 0;
  color: inherit; }
.track:focus-visible { outline: 2px solid #c60; outline-offset: 2px; }
.seg, .q, .hull { position: absolute; top: 1px; height: 12px; box-sizing: border-box; }
.seg { min-width: 3px; }
.seg.certain { background: #1f4e79; }
.seg.vague-end.lead { background: linear-gradient(to left, rgb(31 78 121 / .75),
  rgb(31 78 121 / .08)); }
.seg.vague-end.tail { background: linear-gradient(to right, rgb(31 78 121 / .75),
  rgb(31 78 121 / .08)); }
.seg.unknown-end { border-top: 1px dashed #1f4e79; border-bottom: 1px dashed #1f4e79; }
.seg.unknown-end.lead { background: linear-gradient(to left, rgb(31 78 121 / .5),
  transparent); }
.seg.unknown-end.tail { background: linear-gradient(to right, rgb(31 78 121 / .5),
  transparent); }
.seg.unknown-end::after { content: "?"; position: absolute; top: -4px; font-weight: 700;
  font-size: 14px; line-height: 18px; color: #1f4e79; }
.seg.unknown-end.tail::after { right: 2px; }
.seg.unknown-end.lead::after { left: 2px; }
.seg.somewhere { min-width: 7px; background-color: rgb(169 200 232 / .55);
  background-image: radial-gradient(circle, #1f4e79 0 1.6px, transparent 2.2px);
  background-size: 7px 12px; background-position: center; }
.seg.open-window::after, .seg.open-since::before { content: "?"; position: absolute;
  top: -4px; font-weight: 700; font-size: 14px; line-height: 18px; color: #1f4e79; }
.seg.open-window::after { right: 2px; }
.seg.open-since::before { left: 2px; }
.seg.open-end::after, .seg.open-start::before { content: ""; position: absolute; top: -2px;
  border: 8px solid transparent; border-top-width: 8px; border-bottom-width: 8px; }
.seg.open-end::after { right: -14px; border-left: 8px solid #1f4e79; border-right-width: 6px; }
.seg.open-start::before { left: -14px; border-right: 8px solid #1f4e79;
  border-left-width: 6px; }
.hull { outline: 1px dashed #222; outline-offset: 1px; top: 1px; }
.q { font-weight: 700; font-size: 14px; line-height: 12px; padding: 0 3px; }
.q.before { transform: translateX(-100%); }
.ticks { position: absolute; inset: 0; display: none; pointer-events: none; }
.tick { position: absolute; top: 0; bottom: 0; border-left: 1px solid #e4e4e4; }
.tick span { position: absolute; left: 3px; font-size: .75em; color: #555;
  white-space: nowrap; }
.tick span:first-child { top: .4em; }
.tick span + span { bottom: .4em; }
ul.key { list-style: none; padding: 0; margin: .5em 0 0; display: flex; flex-wrap: wrap;
  gap: .25em 1.25em; font-size: .875em; color: #333; }
ul.key li { display: flex; align-items: center; gap: .4em; }
.swatch { position: relative; display: inline-block; width: 2.5em; height: 14px; }
.swatch .seg, .swatch .hull { left: 0; width: 100%; }
.swatch .seg.open-end { width: calc(100% - 14px); }
.swatch .q { left: 50%; transform: translateX(-50%); }
"""


def _h(text: str) -> str:
    return xml_text(text)


def _url(url: str) -> str | None:
    """The URL if it is an http(s) address, for a link; else None (shown as text)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and url.isprintable():
        return url.strip()
    return None


def _readable(text: str, source: Source) -> str:
    """A source's text as people read it: HTML references it was copied with decoded.

    The source's ``html_escaped`` flag decides where the model has one; else
    :func:`timeline.safe.display_text` detects them. The result still goes
    through :func:`_h`.
    """
    flag = getattr(source, "html_escaped", None)
    return safe.display_text(text, html_escaped=flag if isinstance(flag, bool) else None)


def _source(source: Source) -> str:
    outlet, title, published = (_readable(part, source) for part in c.source_parts(source))
    bits = [f"<cite>{_h(outlet)}</cite>"]
    if title:
        bits.append(f"“{_h(title)}”")
    if published:
        bits.append(_h(published))
    text = ", ".join(bits)
    link = _url(source.url) if source.url else None
    if link is not None:
        text += f' <a href="{_h(link)}" rel="noopener noreferrer nofollow">{_h(link)}</a>'
    elif source.url:
        text += f" {_h(source.url)}"
    return text


def _event(event: Event, others: tuple[object, ...]) -> list[str]:
    from timeline.render._days import certain_run

    vague = certain_run(event.when) is None
    mark = c.marker(event)
    out = [
        f'<li class="event{" vague" if vague else ""}" data-event-id="{_h(event.id)}" '
        f'id="event-{_h(event.id)}">',
        f'<span class="when">{_h(str(event.when))}</span>'
        + (f'<span class="mark">{mark}</span>' if mark else "")
        + f" — {_h(' '.join(event.title.split()))} "
        f'<span class="kind">({_h(event.kind)})</span>',
    ]
    if others:
        out.append(f'<p class="also">also in {_h(c.also_in(others))}</p>')  # type: ignore[arg-type]
    if event.sources:
        out.append("<ul>")
        for citation in event.sources:
            source = citation.source
            out.append(
                f'<li><a href="#source-{_h(source.id)}">'
                f"{_h(_readable(source.outlet or source.id, source))}</a>"
                f"<blockquote>{_h(_readable(citation.quote, source))}</blockquote></li>"
            )
        out.append("</ul>")
    out.append("</li>")
    return out


ZOOMS: Final = (1, 2, 4, 8, 16, 32, 64, 128)
"""The chart's zoom levels: how many times the column's width its time axis is."""
_TICK_CHAR: Final = 6.5  # px a character of a 12px tick label takes, to choose the ticks
_MAX_TICKS: Final = 600


def _pct(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


class _Places:
    """The page's position classes: one per distinct (left, width), in the page's style."""

    def __init__(self) -> None:
        self.rules: dict[str, str] = {}

    def of(self, rule: str) -> str:
        name = self.rules.get(rule)
        if name is None:
            name = self.rules[rule] = f"x{len(self.rules)}"
        return name

    def css(self) -> str:
        return "\n".join(f".{name}{{{rule}}}" for rule, name in self.rules.items())


_MONTHS: Final = _MONTH_ABBR


def _fine_ticks(lo: int, hi: int) -> list[list[tuple[int, str]]]:
    """Months, weeks and days over any span, for a zoomed axis; the year where it changes.

    :func:`tick_sets` offers months and days only for short spans, as a
    terminal is never wider than a screen; a zoomed page is.
    """
    (y1, m1, _), (y2, m2, _) = cal.from_rd(lo), cal.from_rd(hi)
    months = (y2 - y1) * 12 + m2 - m1 + 1
    out: list[list[tuple[int, str]]] = []
    if months <= _MAX_TICKS:
        for step in (6, 3, 1):
            ticks: list[tuple[int, str]] = []
            for k in range(0, months, 1):
                y, m = y1 + (m1 - 1 + k) // 12, (m1 - 1 + k) % 12 + 1
                day = cal.month_bounds(y, m)[0]
                if (m - 1) % step or not lo <= day <= hi:
                    continue
                year = not ticks or m == 1
                ticks.append((day, f"{_MONTHS[m - 1]} {year_label(y)}" if year else _MONTHS[m - 1]))
            out.append(ticks)
    for step in (7, 1):
        if (hi - lo) // step + 1 > _MAX_TICKS:
            continue
        ticks = []
        last_year = None
        for day in range(lo, hi + 1, step):
            y, m, d = cal.from_rd(day)
            name = f"{_MONTHS[m - 1]} {d}"
            ticks.append((day, f"{name} {year_label(y)}" if y != last_year else name))
            last_year = y
        out.append(ticks)
    return out


def _tick_layers(lo: int, hi: int) -> list[tuple[float, list[tuple[int, str]]]]:
    """Tick sets from coarse to fine, each with the least canvas width (px) its labels fit."""
    n = hi - lo + 1
    found: list[tuple[float, list[tuple[int, str]]]] = []
    for ticks in tick_sets(lo, hi) + _fine_ticks(lo, hi):
        if not ticks or len(ticks) > _MAX_TICKS:
            continue
        need = 0.0
        for (a, label), (b, _) in itertools.pairwise(ticks):
            need = max(need, (len(label) * _TICK_CHAR + 10) * n / max(1, b - a))
        need = max(need, (len(ticks[-1][1]) * _TICK_CHAR + 6) * n / max(1, hi + 1 - ticks[-1][0]))
        found.append((need, ticks))
    found.sort(key=lambda item: (len(item[1]), item[0]))
    layers: list[tuple[float, list[tuple[int, str]]]] = []
    for need, ticks in found:
        if not layers or (need > layers[-1][0] and len(ticks) > len(layers[-1][1])):
            layers.append((need, ticks))
    return layers


def _track(event: Event, lo: int, hi: int, places: _Places) -> list[str]:
    """The spans that draw one event's date on its track, as :func:`look` reads it."""
    n = hi - lo + 1

    def at(day: int | None, default: float) -> float:
        return default if day is None else (min(max(day, lo), hi + 1) - lo) * 100 / n

    seen = look(event.when)
    out: list[str] = []
    spans: list[tuple[float, float]] = []
    last = len(seen.segments) - 1
    for i, seg in enumerate(seen.segments):
        left = at(seg.first, 0.0)
        right = at(None if seg.last is None else seg.last + 1, 100.0)
        spans.append((left, right))
        classes = ["seg", seg.mark.value]
        if seg.mark is Mark.CERTAIN:
            if seg.last is None:
                classes.append("open-end")
            if seg.first is None:
                classes.append("open-start")
        elif seg.mark in (Mark.VAGUE_END, Mark.UNKNOWN_END):
            classes.append("lead" if i == 0 and last > 0 else "tail")
        else:
            # A window without an end: the day may lie past the edge, nobody knows where.
            classes += ["open-window"] * (seg.last is None) + ["open-since"] * (seg.first is None)
        classes.append(places.of(f"left:{_pct(left)};width:{_pct(right - left)}"))
        out.append(f'<span class="{" ".join(classes)}"></span>')
    if spans:
        qualified = False
        for side, edge in (("start", spans[0][0]), ("end", spans[-1][1])):
            symbol = QUALIFIER_SYMBOLS[seen.qualifier(side).value]
            if symbol:
                qualified = True
                where = "before" if side == "start" else "after"
                place = places.of(f"left:{_pct(edge)}")
                out.append(f'<span class="q {where} {place}" aria-hidden="true">{symbol}</span>')
        if qualified:
            rule = f"left:{_pct(spans[0][0])};width:{_pct(spans[-1][1] - spans[0][0])}"
            out.append(f'<span class="hull {places.of(rule)}"></span>')
    return out


_KEY_SWATCH: Final = {
    "certain": '<span class="seg certain"></span>',
    "vague-end": '<span class="seg vague-end tail"></span>',
    "somewhere": '<span class="seg somewhere"></span>',
    "open": '<span class="seg certain open-end"></span>',
    "unknown-end": '<span class="seg unknown-end tail"></span>',
    "~": '<span class="hull"></span><span class="q">~</span>',
    "?": '<span class="hull"></span><span class="q">?</span>',
    "~?": '<span class="hull"></span><span class="q">~?</span>',
}


def _chart(timeline: Timeline, places: _Places, interactive: bool) -> tuple[list[str], str]:
    """The chart's markup, and the style rules it needs besides :data:`_STYLE`."""
    events = list(timeline)
    bounds = axis_range(events)
    if bounds is None:
        return [], ""
    lo, hi = bounds
    first, last = year_label(cal.from_rd(lo)[0]), year_label(cal.from_rd(hi)[0])
    years = first if first == last else f"{first}–{last}"
    count = f"{len(events)} event{'s' * (len(events) != 1)}"
    help_text = (
        "arrow keys pan, + and − zoom, Home resets"
        if interactive
        else "zoom in, then scroll sideways to pan"
    )
    out = [
        f'<figure class="chart" aria-label="Chart of {count}, {_h(years)}">',
        # Each bar is a link: a keyboard reader can jump past them all at once.
        '<a class="skip" href="#chronology">Skip the chart</a>',
        '<fieldset class="zoom"><legend>Zoom the time axis</legend>',
    ]
    for z in ZOOMS:
        checked = " checked" if z == 1 else ""
        out.append(
            f'<input type="radio" name="zoom" id="zoom-{z}" value="{z}"{checked}>'
            f'<label for="zoom-{z}">{z}×</label>'
        )
    out.append(f'<span class="hint">{help_text}</span></fieldset>')
    out.append(
        f'<div class="plot" tabindex="0" role="group" data-zoom="1" '
        f'aria-label="Time axis {_h(years)}, {count}: {help_text}">'
    )
    out.append('<div class="canvas">')
    rules: list[str] = []
    layers = _tick_layers(lo, hi)
    n = hi - lo + 1
    for k, (need, ticks) in enumerate(layers):
        out.append(f'<div class="ticks t{k}" aria-hidden="true">')
        for day, name in ticks:
            place = places.of(f"left:{_pct((day - lo) * 100 / n)}")
            out.append(
                f'<span class="tick {place}"><span>{_h(name)}</span><span>{_h(name)}</span></span>'
            )
        out.append("</div>")
        if k == 0:
            rules.append(".t0 { display: block; }")
        else:
            rules.append(
                f"@container canvas (min-width: {math.ceil(need)}px) "
                f"{{ .t{k - 1} {{ display: none; }} .t{k} {{ display: block; }} }}"
            )
    out.append('<ol class="rows">')
    for event in events:
        title = " ".join(event.title.split())
        date = f"{event.when}{c.marker(event)}"
        name = f"{date} — {title}"
        out.append('<li class="row">')
        out.append(f'<p class="label">{_h(title)}<span class="date">{_h(date)}</span></p>')
        out.append(
            f'<a class="track" href="#event-{_h(event.id)}" aria-label="{_h(name)}" '
            f'data-bar="{_h(event.id)}">' + "".join(_track(event, lo, hi, places)) + "</a>"
        )
        out.append("</li>")
    out += ["</ol>", "</div>", "</div>"]
    keys = legend_keys(look(e.when) for e in events)
    out.append('<ul class="key" aria-label="Key">')
    for key, words in LEGEND:
        if key in keys:
            out.append(
                f'<li data-key="{key}"><span class="swatch" aria-hidden="true">'
                f"{_KEY_SWATCH[key]}</span>{_h(words)}</li>"
            )
    out.append("</ul>")
    out.append("</figure>")
    for z in ZOOMS[1:]:
        rules.append(f".chart:has(#zoom-{z}:checked) .canvas {{ --zoom: {z}; }}")
    return out, "\n".join(rules)


def html_page(
    timeline: Timeline,
    *,
    title: str | None = None,
    headings: str | None = "year",
    fiscal: FiscalCalendar = FiscalCalendar.US_FEDERAL,
    interactive: bool = True,
) -> str:
    """``timeline`` as one HTML5 page that needs nothing else: chart, chronology, sources.

    ``title`` defaults to the timeline's title (or ``"Timeline"``), shown
    once, as the page's heading. The chart draws each event on its own
    row: its full title (wrapped, never cut) with its date, over a bar
    (``<a class="track" data-bar="<id>">``, a link to the event in the
    chronology, named by its date and title) drawn as
    :func:`timeline.render._days.look` reads the date, and a key of the
    marks used. Its time axis fits the column; the zoom buttons (radio
    inputs, no script needed) widen it up to 128 times inside a box that
    scrolls sideways on its own, and the ticks get finer as it widens.
    ``interactive`` (the default) adds a script (pinned by its hash in the
    Content-Security-Policy, as the style is) for the keyboard (arrow keys
    pan, ``+`` and ``-`` zoom, ``Home`` resets), the wheel with Ctrl (a
    trackpad's pinch), a two-finger pinch and a mouse drag; the page reads
    the same without it.

    ``headings`` groups the chronology as :func:`chronology` does (``None``
    for one list). Each event is one ``<li class="event">`` with
    ``data-event-id`` (and ``id="event-<id>"``), holding its date (and
    mark: ``†`` derived, ``‡`` external), title, kind, and each quote
    with a link to its source in the closing list of sources. Source URLs
    become links only when they are http or https addresses. Ends with a
    newline.
    """
    name = " ".join((timeline.title if title is None else title).split()) or "Timeline"
    places = _Places()
    figure, rules = _chart(timeline, places, bool(interactive)) if len(timeline) else ([], "")
    style = _STYLE + rules + "\n" + places.css() + "\n"
    style_hash = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    scripts = "'none'"
    if interactive and figure:
        script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
        scripts = f"'sha256-{script_hash}'"
    csp = (
        "default-src 'none'; "
        f"style-src 'sha256-{style_hash}'; "
        f"img-src 'none'; font-src 'none'; script-src {scripts}; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_h(name)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_h(name)}</h1>",
    ]
    if not len(timeline):
        out += ["<p>No events.</p>", "</main>", "</body>", "</html>"]
        return "\n".join(out) + "\n"
    out += figure
    out.append('<section class="chronology" id="chronology">')
    for label, placed in c.sections(timeline, headings, fiscal):
        if headings is not None:
            out.append(f"<h2>{_h('Other dates' if label is None else str(label))}</h2>")
        out.append('<ol class="events">')
        for event, others in placed:
            out += _event(event, others)
        out.append("</ol>")
    marks = c.legend(timeline)
    if marks:
        out.append(
            '<p class="legend">' + "; ".join(f"{m} {_h(meaning)}" for m, meaning in marks) + "</p>"
        )
    out.append("</section>")
    if timeline.sources:
        out += ['<section class="sources">', "<h2>Sources</h2>", '<ul class="sources">']
        for source in timeline.sources.values():
            out.append(f'<li id="source-{_h(source.id)}">{_source(source)}</li>')
        out += ["</ul>", "</section>"]
    out += ["</main>", "</body>"]
    if interactive and figure:
        out.append(f"<script>{_SCRIPT}</script>")
    out.append("</html>")
    return "\n".join(out) + "\n"
