"""Benchmark: values with unspecified digits that once took seconds, and the sets fixed with them.

Each case runs cold (the shape caches cleared first), best of ``--repeat``
runs, and is printed beside the figure measured on the code before bounds
and relations were computed from digit patterns (the issue's figures, on
the same kind of 2-core machine; ``>90`` did not finish in 90 s):

1. ``XXXX-12-XX``, ``XXXX-XX-XX`` and ``[XXXX-XX-XX,-XXXX-XX-XX]``: parse,
   bounds, days covered, and ``relate`` against a day, an open period and
   a qualified copy of itself;
2. ``19XX-XX-1X``, ``XXXX`` and ``XXXX-XX`` the same way;
3. a ``Network`` of 300 such values (30 patterns, four qualifiers);
4. peak memory of each case (tracemalloc, a separate cold run);
5. what is refused, and how fast: ``XXXX-XX-X1`` against a period (more
   than 150,000 runs to list) and a period between two days of
   ``XXXX-12-XX`` (more than 200,000 alternatives).

Run: ``python benchmarks/bench_hostile.py``. Figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable

import timeline
from timeline import parse, relate
from timeline.network import Network

# Seconds each case took before (the figures; the others were not measured).
BEFORE: dict[str, str] = {
    "XXXX-12-XX": "0.6",
    "XXXX-XX-XX": "6.4",
    "[XXXX-XX-XX,-XXXX-XX-XX]": "15",
    "network of 300": ">90",
}


def cold() -> None:
    from timeline import relations, when

    for cache in (when._year_options, when._year_runs, when._leap_kinds, when._year_template):
        cache.cache_clear()
    relations._cached_shapes.cache_clear()
    relations._template_bits.cache_clear()
    relations._year_kinds.cache_clear()
    gc.collect()


def best(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        cold()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak(fn: Callable[[], object]) -> int:
    cold()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def one_value(text: str) -> Callable[[], object]:
    def work() -> object:
        value = parse(text)
        twin = parse("XXXX-12-XX?") if text.startswith("[") else parse(text + "?")
        return (
            value.earliest_day,
            value.latest_day,
            value.days_covered(),
            relate(value, parse("2017-01-07")),
            relate(value, parse("2014/..")),
            relate(value, twin),
        )

    return work


NETWORK_TEXTS = [
    "XXXX-XX-XX",
    "XXXX-12-XX",
    "-XXXX-XX-XX",
    "19XX-XX-1X",
    "XXXX",
    "XXXX-XX",
    "XXXX-XX-X1",
    "XXXX-02-29",
    *(f"XXXX-{m:02d}-XX" for m in range(1, 13)),
    *(f"1{d}XX-XX-XX" for d in range(10)),
]


def network() -> object:
    values = {}
    for i in range(300):
        qualifier = ("", "?", "~", "%")[i // len(NETWORK_TEXTS) % 4]
        values[f"v{i}"] = parse(NETWORK_TEXTS[i % len(NETWORK_TEXTS)] + qualifier)
    return Network.from_values(values)


def refused(a: str, b: str) -> tuple[float, str]:
    cold()
    start = time.perf_counter()
    try:
        relate(parse(a), parse(b))
    except timeline.TimelineError as error:
        return time.perf_counter() - start, str(error)
    return time.perf_counter() - start, "(answered)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases: list[tuple[str, Callable[[], object]]] = [
        (text, one_value(text))
        for text in (
            "XXXX-12-XX",
            "XXXX-XX-XX",
            "[XXXX-XX-XX,-XXXX-XX-XX]",
            "19XX-XX-1X",
            "XXXX",
            "XXXX-XX",
        )
    ]
    cases.append(("network of 300", network))
    print(f"{'case':<28} {'before s':>9} {'now s':>9} {'peak MiB':>9}")
    for name, fn in cases:
        seconds = best(1 if name.startswith("network") else args.repeat, fn)
        mib = peak(fn) / 2**20 if not name.startswith("network") else float("nan")
        print(f"{name:<28} {BEFORE.get(name, '-'):>9} {seconds:>9.4f} {mib:>9.1f}")
    print()
    for a, b in (("XXXX-XX-X1", "2017-01-05/2017-01-09"), ("XXXX-12-XX/XXXX-12-XX", "2017")):
        seconds, message = refused(a, b)
        print(f"refused in {seconds:.4f} s: {message}")


if __name__ == "__main__":
    main()
