"""A chart of a timeline for a terminal: one lane per event (or per kind) on a shared axis.

Each lane is a label, a space, and a row of cells, one cell per stretch of
days of the axis. A cell is drawn

* ``█`` (``#`` with ``ascii=True``) when the lane *certainly* covers a day
  in it,
* ``░`` (``.``) when it only *possibly* covers one (a vague date: one
  unknown day in a window, or the vague ends of a period),
* blank otherwise;

and a lane whose date runs on without limit ends at the edge in ``▶`` or
``◀`` (``>``, ``<``). Certain and possible are what :func:`timeline.relate`
says (see :mod:`timeline.render._days`). Below the lanes an axis with tick
labels: days, months or years, as many as fit. Every line is exactly
``width`` columns wide (display columns: wide characters count two) and
ends without a newline of its own; the text ends with one.

With ``vagueness=True`` (the default) each way of being vague has its own character,
as the SVG and the HTML page draw them (:func:`timeline.render._days.look`):

==========  =========  ====================================================
unicode     ascii      meaning
==========  =========  ====================================================
``█``       ``#``      certain days: every reading of the date covers them
``▒``       ``=``      a vague end: the first or last day is somewhere here
``░``       ``.``      one day (or one of several units) somewhere in here
``▶`` ``◀`` ``>`` ``<`` an open end (``2014/..``): it runs on past the edge
``┄`` ``?`` ``:`` ``?`` an unknown end (``2014/``): it ended, nobody knows when
``~``       ``~``      an approximate side (``c. 2014``), beside the bar
``?``       ``?``      an uncertain side (``2014?``), beside the bar
==========  =========  ====================================================

and the legend names those the chart uses, on as many lines as it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from timeline import calendar as cal
from timeline.collection import Timeline, named_days
from timeline.events import Event
from timeline.render import _common as c
from timeline.render._days import (
    LEGEND,
    QUALIFIER_SYMBOLS,
    Look,
    Mark,
    certain_run,
    look,
    possible_runs,
)
from timeline.render.errors import RenderError

__all__ = ["LANES", "chart"]

LANES: Final = ("event", "kind")
"""What a lane of :func:`chart` can stand for."""
MIN_WIDTH: Final = 20
_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_EMPTY, _POSSIBLE, _CERTAIN = 0, 1, 2
# Cell states of the vagueness chart: a cell shows the strongest mark in it.
_RANK: Final = {Mark.SOMEWHERE: 1, Mark.UNKNOWN_END: 2, Mark.VAGUE_END: 3, Mark.CERTAIN: 4}


class _Style:
    def __init__(self, ascii: bool) -> None:
        if ascii:
            self.cells, self.left, self.right = (" ", ".", "#"), "<", ">"
            self.rule, self.tick, self.cut = "-", "+", "~"
            self.marks = (" ", ".", ":", "=", "#")
        else:
            self.cells, self.left, self.right = (" ", "░", "█"), "◀", "▶"
            self.rule, self.tick, self.cut = "─", "┬", "…"
            self.marks = (" ", "░", "┄", "▒", "█")


def year_label(year: int) -> str:
    """A year as people write it: ``2017``, ``44 BCE`` (astronomical year -43)."""
    return f"{1 - year} BCE" if year <= 0 else str(year)


def axis_range(events: Sequence[Event]) -> tuple[int, int] | None:
    """First and last day of the axis: every bounded day the dates name, widened to whole units.

    Spans of more than two years widen to whole years, of more than two
    months to whole months. ``None`` when no date names a day.
    """
    days = [d for e in events for d in named_days(e.when)]
    if not days:
        return None
    lo, hi = min(days), max(days)
    if hi - lo > 2 * 366:
        return cal.year_bounds(cal.from_rd(lo)[0])[0], cal.year_bounds(cal.from_rd(hi)[0])[1]
    if hi - lo > 62:
        y1, m1, _ = cal.from_rd(lo)
        y2, m2, _ = cal.from_rd(hi)
        return cal.month_bounds(y1, m1)[0], cal.month_bounds(y2, m2)[1]
    return lo, hi


def tick_sets(lo: int, hi: int) -> list[list[tuple[int, str]]]:
    """Tick sets from fine to coarse: each a list of (day, label) inside ``[lo, hi]``."""
    out: list[list[tuple[int, str]]] = []
    span = hi - lo
    y1, y2 = cal.from_rd(lo)[0], cal.from_rd(hi)[0]
    if span <= 120:
        for step in (1, 2, 7, 14):
            out.append(
                [
                    (d, f"{_MONTHS[cal.from_rd(d)[1] - 1]} {cal.from_rd(d)[2]}")
                    for d in range(lo, hi + 1, step)
                ]
            )
    if span <= 366 * 6:
        for step in (1, 2, 3, 6):
            ticks: list[tuple[int, str]] = []
            for y in range(y1, y2 + 1):
                for m in range(1, 13, step):
                    d = cal.month_bounds(y, m)[0]
                    if lo <= d <= hi:
                        first = not ticks or m == 1
                        name = _MONTHS[m - 1]
                        ticks.append((d, f"{name} {year_label(y)}" if first else name))
            out.append(ticks)
    step = 1
    while True:
        first_year = y1 + (-y1) % step
        ticks = [
            (cal.year_bounds(y)[0], year_label(y))
            for y in range(first_year, y2 + 1, step)
            if lo <= cal.year_bounds(y)[0] <= hi
        ]
        out.append(ticks)
        if len(ticks) <= 2 or step >= 10**6:
            break
        # 1, 2, 5, 10, 20, 50, ...
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return out


def _place_ticks(ticks: list[tuple[int, str]], column: dict[int, int], room: int) -> str | None:
    """The tick label line, or None when two labels would touch; a last label may be dropped."""
    line = [" "] * room
    end = -1
    for i, (day, label) in enumerate(ticks):
        at = column[day]
        if at <= end:
            return None
        if at + len(label) > room:
            if i == len(ticks) - 1:
                break
            return None
        line[at : at + len(label)] = label
        end = at + len(label)
    return "".join(line)


def chart(
    timeline: Timeline,
    *,
    width: int = 80,
    lanes: str = "event",
    ascii: bool = False,
    vagueness: bool = True,
) -> str:
    """A chart of ``timeline`` exactly ``width`` columns wide (at least 20).

    ``lanes="event"`` draws one lane per event in display order, labelled
    with its title; ``lanes="kind"`` one per kind (in name order), each
    cell the strongest of its events (certain over possible). ``ascii``
    draws with ``#``, ``.``, ``<``, ``>``, ``-`` and ``+`` instead of block
    and box characters. ``vagueness`` (the default) draws each way of being
    vague with its own character (the module's table) and legend; with
    ``vagueness=False`` a cell is only certain or possible. The timeline's
    title, if any, is the first line; the legend is last. An empty
    timeline says ``No events.``.
    """
    if isinstance(width, bool) or not isinstance(width, int) or width < MIN_WIDTH:
        raise RenderError(f"width must be an int of at least {MIN_WIDTH}, not {width!r}")
    lanes = c.choose("lanes", lanes, LANES)
    style = _Style(bool(ascii))
    lines: list[str] = []
    if timeline.title:
        lines.append(c.fit(c.one_line(timeline.title), width, ellipsis=style.cut))
    events = list(timeline)
    bounds = axis_range(events)
    if bounds is None:
        lines.append(c.fit("No events.", width))
        return "\n".join(lines) + "\n"
    lo, hi = bounds
    if lanes == "event":
        groups = [(c.one_line(e.title), [e]) for e in events]
    else:
        kinds: dict[str, list[Event]] = {}
        for e in events:
            kinds.setdefault(e.kind, []).append(e)
        groups = [(kind, kinds[kind]) for kind in sorted(kinds)]
    label_width = min(max(c.display_width(label) for label, _ in groups), max(6, width // 3))
    room = width - label_width - 1
    n = hi - lo + 1

    def first_col(day: int) -> int:
        return min(room - 1, max(0, (day - lo) * room // n))

    def last_col(day: int) -> int:
        return min(room - 1, max(0, -(-(day - lo + 1) * room // n) - 1))

    used: set[str] = set()
    for label, members in groups:
        if vagueness:
            looks = [look(e.when) for e in members]
            row = _vague_row(looks, (first_col, last_col), room, lo, hi, style, used)
            lines.append(f"{c.fit(label, label_width, ellipsis=style.cut)} {''.join(row)}")
            continue
        cells = [_EMPTY] * room
        left = right = False
        for event in members:
            runs: list[tuple[int | None, int | None, int]] = [
                (a, b, _POSSIBLE) for a, b in possible_runs(event.when)
            ]
            sure = certain_run(event.when)
            if sure is not None:
                runs.append((sure[0], sure[1], _CERTAIN))
            for a, b, state in runs:
                if (a is not None and a > hi) or (b is not None and b < lo):
                    continue
                left = left or a is None
                right = right or b is None
                c0 = 0 if a is None else first_col(a)
                c1 = room - 1 if b is None else last_col(b)
                for i in range(c0, c1 + 1):
                    cells[i] = max(cells[i], state)
        row = [style.cells[state] for state in cells]
        if left:
            row[0] = style.left
        if right:
            row[-1] = style.right
        lines.append(f"{c.fit(label, label_width, ellipsis=style.cut)} {''.join(row)}")

    column = {}
    chosen: list[tuple[int, str]] = []
    labels = None
    for ticks in tick_sets(lo, hi):
        for day, _ in ticks:
            column[day] = first_col(day)
        placed = _place_ticks(ticks, column, room)
        if placed is not None and ticks:
            chosen, labels = ticks, placed
            break
    rule = [style.rule] * room
    for day, _ in chosen:
        rule[column[day]] = style.tick
    pad = " " * (label_width + 1)
    lines.append(pad + "".join(rule))
    lines.append(pad + (labels if labels is not None else " " * room))
    if vagueness:
        lines += [c.fit(line, width, ellipsis=style.cut) for line in _key(style, used, width)]
        return "\n".join(lines) + "\n"
    key = (
        f"{style.cells[_CERTAIN]} certain  {style.cells[_POSSIBLE]} possible  "
        f"{style.left} {style.right} open end"
    )
    lines.append(c.fit(key, width, ellipsis=style.cut))
    return "\n".join(lines) + "\n"


def _vague_row(
    looks: list[Look],
    cols: tuple[Callable[[int], int], Callable[[int], int]],
    room: int,
    lo: int,
    hi: int,
    style: _Style,
    used: set[str],
) -> list[str]:
    """One lane's cells in the vagueness chart; adds the legend entries it draws to ``used``.

    ``cols`` are the first and the last column of a day.
    """
    first_col, last_col = cols
    ranks = [0] * room
    ends: dict[int, str] = {}  # cells an arrow or a "?" takes, drawn over the bar
    beside: list[tuple[int, int, str]] = []  # (edge cell, step outwards, qualifier symbol)
    for seen in looks:
        for seg in seen.segments:
            if (seg.first is not None and seg.first > hi) or (
                seg.last is not None and seg.last < lo
            ):
                continue
            c0 = 0 if seg.first is None else first_col(seg.first)
            c1 = room - 1 if seg.last is None else last_col(seg.last)
            for i in range(c0, c1 + 1):
                ranks[i] = max(ranks[i], _RANK[seg.mark])
            used.add(seg.mark.value)
            if seg.mark is Mark.CERTAIN:
                if seg.first is None:
                    ends[0] = style.left
                    used.add("open")
                if seg.last is None:
                    ends[room - 1] = style.right
                    used.add("open")
            elif seg.mark is Mark.UNKNOWN_END or seg.first is None or seg.last is None:
                if seg.first is None:
                    ends[0] = "?"
                if seg.last is None:
                    ends[room - 1] = "?"
                used.add("unknown-end")
        bar = [seg for seg in seen.segments if seg.mark is not Mark.SOMEWHERE] or list(
            seen.segments
        )
        for side, seg, step in (("start", bar[0], -1), ("end", bar[-1], 1)):
            symbol = QUALIFIER_SYMBOLS[seen.qualifier(side).value]
            day = seg.first if side == "start" else seg.last
            if symbol and day is not None and lo <= day <= hi:
                beside.append((first_col(day) if step < 0 else last_col(day), step, symbol))
                used.add(symbol)
    row = [style.marks[r] for r in ranks]
    for at, step, symbol in beside:
        k = len(symbol)
        outside = range(at - k, at) if step < 0 else range(at + 1, at + 1 + k)
        if not all(0 <= i < room and ranks[i] == 0 for i in outside):
            # No room beside the bar: on the bar's own edge cells instead.
            first = at if step < 0 else at - k + 1
            first = min(max(0, first), room - k)
            outside = range(first, first + k)
        for i, char in zip(outside, symbol, strict=True):
            row[i] = char
    for at, mark in ends.items():
        row[at] = mark
    return row


def _key(style: _Style, used: set[str], width: int) -> list[str]:
    """The legend of the vagueness chart: the entries ``used``, in a fixed order, wrapped."""
    glyphs = {
        "certain": style.marks[4],
        "vague-end": style.marks[3],
        "somewhere": style.marks[1],
        "open": f"{style.left} {style.right}",
        "unknown-end": f"{style.marks[2]}?",
    }
    entries = [(key, f"{glyphs.get(key, key)} {words}") for key, words in LEGEND]
    words = [text for name, text in entries if name in used]
    lines: list[str] = []
    for word in words:
        if lines and c.display_width(lines[-1]) + 2 + c.display_width(word) <= width:
            lines[-1] += "  " + word
        else:
            lines.append(word)
    return lines or [""]
