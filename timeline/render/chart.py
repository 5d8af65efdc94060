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
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from timeline import calendar as cal
from timeline.collection import Timeline, named_days
from timeline.events import Event
from timeline.render import _common as c
from timeline.render._days import certain_run, possible_runs
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


class _Style:
    def __init__(self, ascii: bool) -> None:
        if ascii:
            self.cells, self.left, self.right = (" ", ".", "#"), "<", ">"
            self.rule, self.tick, self.cut = "-", "+", "~"
        else:
            self.cells, self.left, self.right = (" ", "░", "█"), "◀", "▶"
            self.rule, self.tick, self.cut = "─", "┬", "…"


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


def chart(timeline: Timeline, *, width: int = 80, lanes: str = "event", ascii: bool = False) -> str:
    """A chart of ``timeline`` exactly ``width`` columns wide (at least 20).

    ``lanes="event"`` draws one lane per event in display order, labelled
    with its title; ``lanes="kind"`` one per kind (in name order), each
    cell the strongest of its events (certain over possible). ``ascii``
    draws with ``#``, ``.``, ``<``, ``>``, ``-`` and ``+`` instead of block
    and box characters. The timeline's title, if any, is the first line;
    a legend is the last. An empty timeline says ``No events.``.
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

    for label, members in groups:
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
    key = (
        f"{style.cells[_CERTAIN]} certain  {style.cells[_POSSIBLE]} possible  "
        f"{style.left} {style.right} open end"
    )
    lines.append(c.fit(key, width, ellipsis=style.cut))
    return "\n".join(lines) + "\n"
