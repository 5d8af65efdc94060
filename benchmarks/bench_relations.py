"""Benchmark: Allen relations and the constraint network.

1. ``timeline.relate`` on definite values against a bare function comparing
   integer tuples (the floor any implementation pays), as a ratio.
2. ``relate`` on vague values (a day somewhere in a month against a day).
3. Closing a constraint network of 100 and 300 items built from dates.

Run: ``python benchmarks/bench_relations.py``. Figures depend on the machine.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import timeline
from timeline.network import Network
from timeline.relations import relate


def bare(a: tuple[int, int], b: tuple[int, int]) -> int:
    s1, e1 = a
    s2, e2 = b
    if e1 < s2:
        return 0
    if e1 == s2:
        return 1
    if e2 < s1:
        return 12
    if e2 == s1:
        return 11
    if s1 == s2:
        return 6 if e1 == e2 else 3 if e1 < e2 else 9
    if e1 == e2:
        return 5 if s1 > s2 else 7
    if s1 < s2:
        return 2 if e1 < e2 else 8
    return 4 if e1 < e2 else 10


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    rng = random.Random(7)
    n = 100_000
    firsts = [rng.randint(736000, 737000) for _ in range(2 * n)]
    values = [timeline.Extent.from_rd(d) for d in firsts]
    months = [timeline.Extent.month(2017, rng.randint(1, 12)) for _ in range(n)]
    pairs = list(zip(values[:n], months, strict=True))
    tuples = [((a.first, a.last + 1), (b.first, b.last + 1)) for a, b in pairs]

    t_bare = best_of(3, lambda: [bare(a, b) for a, b in tuples])
    t_relate = best_of(3, lambda: [relate(a, b) for a, b in pairs])
    vague = [(timeline.on(b), a) for a, b in pairs[:5000]]
    t_vague = best_of(3, lambda: [relate(a, b) for a, b in vague])

    print(f"{'what':<44}{'pairs':>9}{'µs/pair':>10}{'ratio':>10}")
    print(f"{'bare integer-tuple comparison':<44}{n:>9}{t_bare / n * 1e6:>10.3f}{1:>9.1f}×")
    print(
        f"{'timeline.relate, definite':<44}{n:>9}{t_relate / n * 1e6:>10.3f}"
        f"{t_relate / t_bare:>9.1f}×"
    )
    print(
        f"{'timeline.relate, day-in-month vs day':<44}{len(vague):>9}"
        f"{t_vague / len(vague) * 1e6:>10.3f}{t_vague / len(vague) / (t_bare / n):>9.1f}×"
    )
    print()
    for size in (100, 300):
        items: dict[str, timeline.TimeValue] = {}
        for i in range(size):
            y, m = rng.randint(2000, 2020), rng.randint(1, 12)
            k = rng.random()
            month = timeline.Extent.month(y, m)
            items[f"e{i}"] = (
                month
                if k < 0.3
                else timeline.on(month)
                if k < 0.6
                else (timeline.Extent.day(y, m, rng.randint(1, 28)))
            )
        t0 = time.perf_counter()
        net = Network.from_values(items)
        took = time.perf_counter() - t0
        print(
            f"network of {size} items from dates: closed in {took:.2f} s, "
            f"{len(net.ambiguous_pairs())} ambiguous pairs left"
        )


if __name__ == "__main__":
    main()
