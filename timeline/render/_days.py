"""Which days an event certainly covers and which it only possibly covers, for the charts.

Both come from the same reading of a date that :func:`timeline.relate` uses
(the *shapes* of :mod:`timeline.relations`: ranges for the first day, the
day after the last, and the length), so a chart never says more than the
relations do:

* a day is *possible* when some reading of the date covers it (the runs of
  :meth:`timeline.index.Spans.covered`);
* a day is *certain* when every reading covers it: from the latest possible
  first day to the earliest possible last day. For a day, month or year
  every day is certain; for a :class:`~timeline.Moment` (one unknown day in
  a window) none is, unless the window is one day; for a period with vague
  ends, the days between its latest possible start and earliest possible
  end. A :class:`~timeline.OneOf` is certain only on days every choice
  covers.

Days are rata die numbers; ``None`` stands for an unbounded side.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from typing import Final

import attrs

from timeline import relations as rel
from timeline.errors import TimelineError
from timeline.when import AllOf, Instant, OneOf, Period, Qualifier, TimeValue

__all__ = [
    "LEGEND",
    "QUALIFIER_SYMBOLS",
    "SIDES",
    "Look",
    "Mark",
    "Run",
    "Segment",
    "certain_run",
    "legend_keys",
    "look",
    "possible_runs",
]

Run = tuple[int | None, int | None]
"""Inclusive first and last day; ``None`` where the run is unbounded on that side."""

# Days this far out are relate()'s stand-ins for "no limit".
_FAR: Final = 1 << 50


def _day(value: int) -> int | None:
    return None if abs(value) >= _FAR else value


def possible_runs(value: TimeValue) -> list[Run]:
    """Runs of days that some reading of ``value`` covers (may overlap), in no set order."""
    from timeline.index import _covered_runs

    try:
        runs = _covered_runs(value)
    except TimelineError:
        lo, hi = value.earliest_day, value.latest_day
        return [(lo, hi)]
    return [(_day(a), _day(b)) for a, b in runs if a <= b]


def certain_run(value: TimeValue) -> Run | None:
    """The run of days every reading of ``value`` covers, or ``None`` when there is none."""
    if isinstance(value, Instant):
        return (value.earliest_day, value.latest_day)
    if isinstance(value, OneOf | AllOf) and rel._has_instant(value):
        if isinstance(value, AllOf):
            return (value.earliest_day, value.latest_day)
        return _intersect([certain_run(item) for item in value.items])
    try:
        shapes = rel._shapes(value)
    except TimelineError:
        return None
    runs: list[tuple[int, int]] = []
    for shape in shapes:
        readings = rel._readings(shape)
        if readings is None:
            continue  # no reading at all
        _, last_start, first_end, _ = readings
        if first_end <= last_start or last_start >= _FAR or first_end <= -_FAR:
            # No day every reading covers: the start may come arbitrarily late, or the
            # end arbitrarily early (a start of "some day from June 8, 2004 on").
            return None
        runs.append((last_start, first_end - 1))
    return _intersect([(_day(a), _day(b)) for a, b in runs]) if runs else None


def _intersect(runs: list[Run | None]) -> Run | None:
    if not runs or any(r is None for r in runs):
        return None
    los = [r[0] for r in runs if r is not None]
    his = [r[1] for r in runs if r is not None]
    lo = None if all(x is None for x in los) else max(x for x in los if x is not None)
    hi = None if all(x is None for x in his) else min(x for x in his if x is not None)
    if lo is not None and hi is not None and hi < lo:
        return None
    return (lo, hi)


class Mark(enum.Enum):
    """How a stretch of days of one date is drawn: the legend shared by every chart."""

    CERTAIN = "certain"
    """Every reading of the date covers these days: a solid bar."""
    VAGUE_END = "vague-end"
    """A span's first (or last) day falls somewhere here: a bar fading away from the span."""
    SOMEWHERE = "somewhere"
    """The date is one day (or one of several units) somewhere here: a faint dotted band."""
    UNKNOWN_END = "unknown-end"
    """A span that ended (or began) on a day nobody knows, at or past here: a dashed fade, ``?``."""


SIDES: Final = ("known", "vague", "open", "unknown")
"""What a date's side can be: a known day, a vague one, open (``..``), unknown (nothing)."""


@attrs.frozen
class Segment:
    """A run of days drawn one way: inclusive ``first`` and ``last``, ``None`` where unbounded."""

    first: int | None
    last: int | None
    mark: Mark


@attrs.frozen
class Look:
    """How one date is drawn: its segments, what each side is, and its qualifier.

    ``start`` and ``end`` are one of :data:`SIDES`: ``"open"`` when the
    certain days run on without limit (``2014/..``: an arrow),
    ``"unknown"`` when only the possible days do (``2014/``: it ended,
    nobody knows when), ``"vague"`` when the possible days reach beyond the
    certain ones, else ``"known"``. A date with no certain day is
    ``somewhere`` and both its sides are ``"vague"`` (or ``"unknown"``
    where its window is unbounded). ``start_qualifier`` and
    ``end_qualifier`` are the EDTF qualifiers of each side (a period's
    ends have their own; any other date has one for both): ``c. September
    2017`` is an approximate end, drawn so, although its bounds are known.
    """

    segments: tuple[Segment, ...]
    start: str
    end: str
    somewhere: bool
    start_qualifier: Qualifier
    end_qualifier: Qualifier

    @property
    def vagueness(self) -> str:
        """``"somewhere"``; ``"vague"``: a span with a vague or unknown side; else ``"definite"``.

        An open side is definite: the span is known to run on. Qualifiers
        (``~``, ``?``) do not change the class, as they never change bounds.
        """
        if self.somewhere:
            return "somewhere"
        return "vague" if {self.start, self.end} & {"vague", "unknown"} else "definite"

    def qualifier(self, side: str) -> Qualifier:
        """The qualifier of ``side`` (``"start"`` or ``"end"``)."""
        return self.start_qualifier if side == "start" else self.end_qualifier


def _lo(run: Run) -> float:
    return -math.inf if run[0] is None else run[0]


def _hi(run: Run) -> float:
    return math.inf if run[1] is None else run[1]


def look(value: TimeValue) -> Look:
    """How ``value`` is drawn, from :func:`certain_run` and :func:`possible_runs`.

    The segments of a date with a certain run are that run (``CERTAIN``)
    and, for each possible run, the days it reaches beyond it on either
    side (``VAGUE_END``, or ``UNKNOWN_END`` where unbounded); of a date
    without one, each possible run (``SOMEWHERE``). Segments are in order
    of their first day, and never overlap.
    """
    sure = certain_run(value)
    runs = sorted(set(possible_runs(value)), key=lambda r: (_lo(r), _hi(r)))
    if sure is None:
        merged: list[Run] = []
        for run in runs:
            if merged and _lo(run) <= _hi(merged[-1]) + 1:
                first, last = merged[-1][0], merged[-1][1]
                merged[-1] = (first, None if last is None or run[1] is None else max(last, run[1]))
            else:
                merged.append(run)
        segments = tuple(Segment(a, b, Mark.SOMEWHERE) for a, b in merged)
        start = "unknown" if merged and merged[0][0] is None else "vague"
        end = "unknown" if merged and merged[-1][1] is None else "vague"
        return Look(segments, start, end, True, *_side_qualifiers(value))
    lo = min((_lo(r) for r in runs), default=_lo(sure))
    hi = max((_hi(r) for r in runs), default=_hi(sure))
    out = []
    if sure[0] is None:
        start = "open"
    elif lo < sure[0]:
        start = "unknown" if lo == -math.inf else "vague"
        mark = Mark.UNKNOWN_END if start == "unknown" else Mark.VAGUE_END
        out.append(Segment(None if lo == -math.inf else int(lo), sure[0] - 1, mark))
    else:
        start = "known"
    out.append(Segment(sure[0], sure[1], Mark.CERTAIN))
    if sure[1] is None:
        end = "open"
    elif hi > sure[1]:
        end = "unknown" if hi == math.inf else "vague"
        mark = Mark.UNKNOWN_END if end == "unknown" else Mark.VAGUE_END
        out.append(Segment(sure[1] + 1, None if hi == math.inf else int(hi), mark))
    else:
        end = "known"
    return Look(tuple(out), start, end, False, *_side_qualifiers(value))


def _side_qualifiers(value: TimeValue) -> tuple[Qualifier, Qualifier]:
    """The qualifiers of a date's first and last side: a period's ends', else its own."""
    if isinstance(value, Period):
        return tuple(  # type: ignore[return-value]
            e.qualifier if isinstance(e, TimeValue) else Qualifier.NONE
            for e in (value.start, value.end)
        )
    return value.qualifier, value.qualifier


LEGEND: Final = (
    ("certain", "certain"),
    ("vague-end", "vague end"),
    ("somewhere", "one day somewhere in"),
    ("open", "open end"),
    ("unknown-end", "unknown end"),
    ("~", "approximate"),
    ("?", "uncertain"),
    ("~?", "approximate and uncertain"),
)
"""Every chart's legend, in this order: a key and its words (the key names a :class:`Mark`,
``"open"``, or the symbol written beside a qualified side)."""

QUALIFIER_SYMBOLS: Final = ("", "?", "~", "~?")
"""The symbol written beside a side, by :class:`~timeline.Qualifier` value (``%`` is ``~?``)."""


def legend_keys(looks: Iterable[Look]) -> set[str]:
    """The keys of :data:`LEGEND` that drawing ``looks`` uses."""
    used: set[str] = set()
    for seen in looks:
        for seg in seen.segments:
            used.add(seg.mark.value)
            if seg.mark is Mark.CERTAIN and None in (seg.first, seg.last):
                used.add("open")
            if seg.mark is Mark.SOMEWHERE and None in (seg.first, seg.last):
                used.add("unknown-end")  # the "?" at the edge of a window without end
        for q in (seen.start_qualifier, seen.end_qualifier):
            if q.value:
                used.add(QUALIFIER_SYMBOLS[q.value])
    return used
