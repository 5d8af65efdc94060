"""Benchmark: groupings and headings over events that span years 1–9999.

Each case is timed (best of ``--repeat`` runs of ``time.perf_counter``) and
its peak memory traced once (``tracemalloc``, in a run of its own, since
tracing slows Python several times over). A grouping beyond its limits is
refused with a ``LimitError``: the figure is then the cost of refusing.

The cases:

- ``group_by(key)`` of one event from 0001-01-01 to 9999-12-31, for every
  unit of time (the weeks and months are refused: 521,723 and 119,988 groups);
- the same with an open end (``0001/..`` and a day in 9999), which goes
  through ``relate`` at the ends of its run of days only;
- ``group_by("year")`` of 1,000 such events: 9,999,000 events in groups,
  just under ``max_members``, the largest grouping the defaults allow;
- ``group_by("week")`` of 10,000 such events (5.2 billion pairs, which the
  code before the limits tried to allocate as 38.9 GiB of arrays);
- ``group_by("month")`` of 100,000 short events spread over 1990–2030;
- ``chronology(headings="week")`` and ``Timeline.placements("week")`` of
  one wide event, and of 10,000 wide events.

Run: ``python benchmarks/bench_grouping.py`` (``--quick`` skips the largest
cases). Figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

from measure import peak_memory

from timeline import LimitError, Timeline, parse
from timeline import calendar as cal
from timeline.events import Statement
from timeline.render import chronology
from timeline.when import Extent


def wide(*whens: str, copies: int = 1) -> Timeline:
    return Timeline(
        Statement(id=f"e{i}-{j}", title="wide", when=parse(when))
        for i, when in enumerate(whens)
        for j in range(copies)
    )


def short(n: int) -> Timeline:
    first, last = cal.to_rd(1990, 1, 1), cal.to_rd(2030, 12, 31)
    return Timeline(
        Statement(id=f"d{i}", title="short", when=Extent.from_rd(first + i * (last - first) // n))
        for i in range(n)
    )


def best(fn: Callable[[], object], repeat: int) -> tuple[float, str]:
    """The best time of ``repeat`` runs, and what the call gave (its size or its refusal)."""
    times = []
    shown = ""
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        try:
            result: object = fn()
            shown = f"{len(result):,}" if hasattr(result, "__len__") else "ok"  # type: ignore[arg-type]
        except LimitError as error:
            shown = "LimitError: " + error.message.split(" (")[0]
        times.append(time.perf_counter() - start)
        result = None  # nothing kept between runs
    return min(times), shown


def refused(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        try:
            return fn()
        except LimitError:
            return None

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    one = wide("0001-01-01/9999-12-31")
    open_end = wide("0001/..", "9999-12-31")
    cases: list[tuple[str, Callable[[], object]]] = []
    for key in ("year", "quarter", "month", "week", "fiscal-year", "fiscal-quarter"):
        cases.append((f"group_by({key!r}), one event 0001–9999", lambda k=key: one.group_by(k)))
    for key in ("year", "quarter", "week"):
        cases.append((f"group_by({key!r}), open end 0001/..", lambda k=key: open_end.group_by(k)))
    cases.append(("placements('week'), one event", lambda: one.placements("week")))
    cases.append(
        ("chronology(headings='week'), one event", lambda: chronology(one, headings="week"))
    )
    days = short(100_000)
    cases.append(("group_by('month'), 100,000 short events", lambda: days.group_by("month")))
    if not args.quick:
        many = wide("0001-01-01/9999-12-31", copies=10_000)
        thousand = wide("0001-01-01/9999-12-31", copies=1_000)
        cases.append(("group_by('week'), 10,000 events 0001–9999", lambda: many.group_by("week")))
        cases.append(
            ("group_by('year'), 1,000 events 0001–9999", lambda: thousand.group_by("year"))
        )
        cases.append(("placements('week'), 10,000 events", lambda: many.placements("week")))
        cases.append(
            (
                "chronology(headings='week'), 10,000 events",
                lambda: chronology(many, headings="week"),
            )
        )
    print(f"| case | result | best of {args.repeat} | peak traced memory |")
    print("| --- | --- | --- | --- |")
    for name, fn in cases:
        seconds, shown = best(fn, args.repeat)
        peak = peak_memory(refused(fn))
        print(f"| {name} | {shown} | {seconds * 1000:,.1f} ms | {peak / 2**20:,.1f} MiB |")


if __name__ == "__main__":
    main()
