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

from typing import Final

from timeline import relations as rel
from timeline.errors import TimelineError
from timeline.when import AllOf, Instant, OneOf, TimeValue

__all__ = ["Run", "certain_run", "possible_runs"]

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
        if first_end <= last_start:
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
