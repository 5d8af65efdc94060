"""Benchmark: the interval index behind timeline queries, against three peers.

1,000,000 random closed runs of days between 1990 and 2030 (deterministic
seed): 90% one day long, 9.5% one to eight weeks, 0.5% one to five years.
Every implementation is asked the same windows and must return the same
ids (checked, and the check printed):

- ``timeline.index.Index`` (built straight from the arrays with
  ``Index.from_bounds``; one query returns a sorted array of ids),
- ``ncls`` (a nested containment list, Cython; ``find_overlap`` per query,
  and ``all_overlaps_both`` for a whole batch),
- ``intervaltree`` (pure Python; building it for 10**6 runs takes about 35 s
  and gigabytes, so by default it gets the first 100,000 runs and is checked
  against a timeline index of the same runs; ``--itree-n`` changes that),
- ``pandas.IntervalIndex`` (``overlaps`` scans every interval per query, so
  it answers only ``--pandas-queries`` of the windows; its figure is per query).

Timed: building the index, 10,000 small windows (1–30 days) and 1,000
one-year windows, one at a time and as a batch where the library has one.
Then, for a ``Timeline`` of 100,000 events (``--events``), end to end: making
the events and the timeline, the first query (which builds the index), and
what a query costs when it returns ids, a ``Timeline`` view with the exact
certain/possible decision, and that view's events materialised.

Run: ``python benchmarks/bench_index.py`` (``--quick`` for 100,000 runs and
fewer queries). Needs numpy, and for the peers ``pip install -e '.[bench]'``
(ncls, intervaltree, pandas); a peer that is not installed is skipped.
Figures depend on the machine: compare ratios.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from timeline import calendar as cal
from timeline.index import Index

Ints = npt.NDArray[np.int64]
FIRST_DAY = cal.to_rd(1990, 1, 1)
LAST_DAY = cal.to_rd(2030, 12, 31)


def runs(n: int, seed: int) -> tuple[Ints, Ints]:
    """``n`` closed runs of days: mostly one day, some weeks, a few years."""
    rng = np.random.default_rng(seed)
    kind = rng.random(n)
    length = np.where(
        kind < 0.9,
        1,
        np.where(kind < 0.995, rng.integers(7, 57, n), rng.integers(365, 1827, n)),
    )
    firsts = rng.integers(FIRST_DAY, LAST_DAY - length + 2, n)
    return firsts.astype(np.int64), (firsts + length - 1).astype(np.int64)


def windows(n: int, low: int, high: int, seed: int) -> tuple[Ints, Ints]:
    """``n`` windows of ``low`` to ``high`` days inside the runs' years."""
    rng = np.random.default_rng(seed)
    length = rng.integers(low, high + 1, n)
    firsts = rng.integers(FIRST_DAY, LAST_DAY - length + 2, n)
    return firsts.astype(np.int64), (firsts + length - 1).astype(np.int64)


def rss() -> int:
    """Resident memory of this process now, in bytes (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def build_memory(name: str, n: int, seed: int) -> int:
    """Resident memory that building ``name`` over ``n`` runs adds, in a fresh process."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import bench_index as b; "
        "print(b.measure(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))"
    )
    here = os.path.dirname(os.path.abspath(__file__))
    result = subprocess.run(
        [sys.executable, "-c", code, here, name, str(n), str(seed)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return int(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        print(f"  (measuring {name} failed: {result.stderr.strip()[-300:]})")
        return 0


def measure(name: str, n: int, seed: int) -> int:
    """In a child process: build ``name`` and return the resident memory it holds."""
    f, la = runs(n, seed)
    peer = {p.name: p for p in all_peers() if p is not None}[name]
    gc.collect()
    before = rss()
    kept = peer.build(f, la)
    gc.collect()
    after = rss()
    del kept
    return after - before


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t, out = timed(fn)
        best = min(best, t)
    return best, out


class Peer:
    """One implementation: how to build it, and ask one window (ids back, any order)."""

    def __init__(
        self,
        name: str,
        build: Callable[[Ints, Ints], Any],
        query: Callable[[Any, int, int], Ints],
        batch: Callable[[Any, Ints, Ints], tuple[Ints, Ints]] | None = None,
    ) -> None:
        self.name, self.build, self.query, self.batch = name, build, query, batch


def timeline_peer() -> Peer:
    return Peer(
        "timeline Index",
        lambda f, la: Index.from_bounds(f, la),
        lambda ix, a, b: ix.overlapping(a, b),
        lambda ix, qa, qb: ix.overlapping_batch(qa, qb),
    )


def ncls_peer() -> Peer | None:
    try:
        from ncls import NCLS
    except ImportError:
        return None

    def build(f: Ints, la: Ints) -> Any:
        return NCLS(f, la + 1, np.arange(len(f), dtype=np.int64))

    def query(tree: Any, a: int, b: int) -> Ints:
        return np.fromiter((r[2] for r in tree.find_overlap(a, b + 1)), dtype=np.int64)

    def batch(tree: Any, qa: Ints, qb: Ints) -> tuple[Ints, Ints]:
        q, found = tree.all_overlaps_both(qa, qb + 1, np.arange(len(qa), dtype=np.int64))
        return np.asarray(q, dtype=np.int64), np.asarray(found, dtype=np.int64)

    return Peer("ncls", build, query, batch)


def intervaltree_peer() -> Peer | None:
    try:
        from intervaltree import IntervalTree
    except ImportError:
        return None

    def build(f: Ints, la: Ints) -> Any:
        return IntervalTree.from_tuples(
            zip(f.tolist(), (la + 1).tolist(), range(len(f)), strict=True)
        )

    def query(tree: Any, a: int, b: int) -> Ints:
        return np.fromiter((iv.data for iv in tree.overlap(a, b + 1)), dtype=np.int64)

    return Peer("intervaltree", build, query)


def pandas_peer() -> Peer | None:
    try:
        import pandas as pd
    except ImportError:
        return None

    def build(f: Ints, la: Ints) -> Any:
        return pd.IntervalIndex.from_arrays(f, la, closed="both")

    def query(ix: Any, a: int, b: int) -> Ints:
        return np.flatnonzero(ix.overlaps(pd.Interval(a, b, closed="both"))).astype(np.int64)

    return Peer("pandas IntervalIndex", build, query)


def all_peers() -> list[Peer | None]:
    return [timeline_peer(), ncls_peer(), intervaltree_peer(), pandas_peer()]


def same(found: Sequence[Ints], expected: Sequence[Ints]) -> bool:
    return all(np.array_equal(np.sort(a), e) for a, e in zip(found, expected, strict=True))


def run_peer(
    peer: Peer,
    f: Ints,
    la: Ints,
    small: tuple[Ints, Ints],
    year: tuple[Ints, Ints],
    reference: Callable[[int, int], Ints],
    limit: int | None,
) -> dict[str, Any]:
    """Build and query one peer; check each answer against ``reference``."""
    build_s, ix = timed(lambda: peer.build(f, la))
    row: dict[str, Any] = {"name": peer.name, "n": len(f), "build": build_s}
    for label, (qa, qb) in (("small", small), ("year", year)):
        row.update(ask(peer, ix, label, qa, qb, reference, limit))
    return row


def ask(
    peer: Peer,
    ix: Any,
    label: str,
    qa: Ints,
    qb: Ints,
    reference: Callable[[int, int], Ints],
    limit: int | None,
) -> dict[str, Any]:
    """Time one peer on windows ``[qa[i], qb[i]]``, one at a time and as a batch."""
    row: dict[str, Any] = {}
    count = len(qa) if limit is None else min(limit, len(qa))
    pairs = list(zip(qa[:count].tolist(), qb[:count].tolist(), strict=True))
    seconds, found = best_of(1 if limit else 3, lambda: [peer.query(ix, a, b) for a, b in pairs])
    expected = [reference(a, b) for a, b in pairs]
    row[label] = seconds / count
    row[label + "_count"] = count
    row[label + "_ok"] = same(found, expected)
    row[label + "_hits"] = sum(len(x) for x in found) / count
    batch = peer.batch
    if batch is not None and limit is None:
        seconds, (q, ids) = best_of(3, lambda: batch(ix, qa, qb))
        order = np.lexsort((ids, q))
        q, ids = q[order], ids[order]
        cuts = np.searchsorted(q, np.arange(count + 1))
        row[label + "_batch"] = seconds / count
        row[label + "_batch_ok"] = same(
            [ids[cuts[i] : cuts[i + 1]] for i in range(count)], expected
        )
    return row


def microseconds(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs"


def report(rows: list[dict[str, Any]]) -> None:
    base = rows[0]
    print()
    print(
        f"{'implementation':22} {'runs':>9} {'build':>9} {'×':>6}  "
        f"{'small window':>14} {'×':>6}  {'one year':>14} {'×':>6}  {'check':>6}"
    )
    for row in rows:
        scale = base["n"] / row["n"]
        ok = row["small_ok"] and row["year_ok"]
        print(
            f"{row['name']:22} {row['n']:>9,} {row['build']:>8.3f}s "
            f"{row['build'] * scale / base['build']:>5.1f}x  "
            f"{microseconds(row['small']):>14} {row['small'] / base['small']:>5.1f}x  "
            f"{microseconds(row['year']):>14} {row['year'] / base['year']:>5.1f}x  "
            f"{'same' if ok else 'DIFFER':>6}"
        )
    print("  (build × is scaled to the same number of runs, linearly; query times are per query)")
    batched = [r for r in rows if "small_batch" in r]
    if batched:
        print()
        print("Batch queries (all windows in one call), per query:")
        for row in batched:
            ok = row["small_batch_ok"] and row["year_batch_ok"]
            print(
                f"  {row['name']:20} small {microseconds(row['small_batch']):>12}   "
                f"one year {microseconds(row['year_batch']):>12}   "
                f"check {'same' if ok else 'DIFFER'}"
            )
    print()
    print(
        "Results per query (average ids): small "
        f"{base['small_hits']:,.0f}, one year {base['year_hits']:,.0f}"
    )
    for row in rows[1:]:
        print(
            f"check {row['name']}: {row['small_count']} small and {row['year_count']} one-year "
            f"windows on {row['n']:,} runs -> "
            f"{'identical ids' if row['small_ok'] and row['year_ok'] else 'DIFFERENT ids'}"
        )


def end_to_end(n: int, seed: int, queries: int) -> None:
    """A Timeline of ``n`` events: making it, the first query, and the cost of a query's result."""
    import timeline
    from timeline.collection import Timeline
    from timeline.events import Event
    from timeline.when import Extent, Period

    f, la = runs(n, seed)

    def make_events() -> list[Event]:
        out = []
        for i, (a, b) in enumerate(zip(f.tolist(), la.tolist(), strict=True)):
            when = Extent.from_rd(a) if a == b else Period(Extent.from_rd(a), Extent.from_rd(b))
            out.append(Event(id=f"e{i}", title="event", when=when))
        # A few vague events, as real timelines have: a day somewhere in a month.
        for i in range(0, n, 100):
            out[i] = Event(id=f"e{i}", title="event", when=timeline.on(Extent.month(2017, 1)))
        return out

    events_s, events = timed(make_events)
    build_s, t = timed(lambda: Timeline(events))
    qa, qb = windows(queries, 1, 30, seed + 1)
    values = [
        Period(Extent.from_rd(a), Extent.from_rd(b))
        for a, b in zip(qa.tolist(), qb.tolist(), strict=True)
    ]
    first_s, _ = timed(lambda: t.overlapping(values[0]))
    index = t.index
    spans = t._store.spans
    ids_s, found = best_of(
        3, lambda: [index.overlapping(v.earliest_day, v.latest_day) for v in values]
    )
    view_s, views = best_of(3, lambda: [t.overlapping(v) for v in values])
    certain_s, _ = best_of(3, lambda: [t.overlapping(v, certain=True) for v in values])
    list_s, _ = best_of(3, lambda: [list(view) for view in views])
    hits = sum(len(x) for x in found) / len(values)
    per_event = (index.nbytes + spans.nbytes) / n
    print()
    print(f"End to end: a Timeline of {n:,} events ({n // 100:,} of them vague)")
    print(f"  making the events            {events_s:8.3f} s")
    print(f"  Timeline(events)             {build_s:8.3f} s   (validates and sorts)")
    print(
        f"  first query                  {first_s:8.3f} s   (reads every value, builds the index)"
    )
    print(f"  {queries:,} small-window queries, per query ({hits:,.0f} events each):")
    print(f"    ids from the index         {microseconds(ids_s / len(values)):>12}")
    print(f"    Timeline view (possible)   {microseconds(view_s / len(values)):>12}")
    print(f"    Timeline view (certain)    {microseconds(certain_s / len(values)):>12}")
    print(f"    + list(view) of events     {microseconds(list_s / len(values)):>12}")
    print(
        f"  memory: index {index.nbytes / n:.1f} + spans {spans.nbytes / n:.1f} "
        f"= {per_event:.1f} bytes per event (numpy arrays; the events themselves not counted)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="runs of days (1,000,000)")
    parser.add_argument("--small", type=int, default=10_000, help="small windows (10,000)")
    parser.add_argument("--years", type=int, default=1_000, help="one-year windows (1,000)")
    parser.add_argument("--itree-n", type=int, default=100_000, help="runs for intervaltree")
    parser.add_argument("--pandas-queries", type=int, default=100, help="windows pandas answers")
    parser.add_argument("--events", type=int, default=None, help="events end to end (100,000)")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--quick", action="store_true", help="100,000 runs, fewer queries")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.small, args.years = 100_000, 1_000, 100
        args.itree_n, args.pandas_queries = 20_000, 20
    if args.events is None:
        args.events = 20_000 if args.quick else 100_000
    f, la = runs(args.n, args.seed)
    small = windows(args.small, 1, 30, args.seed + 1)
    year = windows(args.years, 365, 365, args.seed + 2)
    print(
        f"{args.n:,} runs of days in 1990–2030 (seed {args.seed}); "
        f"{args.small:,} windows of 1–30 days, {args.years:,} of one year"
    )
    reference_index = Index.from_bounds(f, la)
    reference = reference_index.overlapping
    rows = [run_peer(timeline_peer(), f, la, small, year, reference, limit=None)]
    peers = [(ncls_peer(), None, args.n), (intervaltree_peer(), None, args.itree_n)]
    peers.append((pandas_peer(), args.pandas_queries, args.n))
    for peer, limit, size in peers:
        if peer is None:
            continue
        size = min(size, args.n)
        sub_reference = (
            reference_index if size == args.n else Index.from_bounds(f[:size], la[:size])
        )
        print(f"... {peer.name} on {size:,} runs", flush=True)
        rows.append(
            run_peer(peer, f[:size], la[:size], small, year, sub_reference.overlapping, limit)
        )
    # The reference's own answers are checked against a brute-force scan on a few windows.
    sample = list(zip(small[0][:20].tolist(), small[1][:20].tolist(), strict=True))
    scan_ok = all(
        np.array_equal(reference(a, b), np.flatnonzero((f <= b) & (la >= a))) for a, b in sample
    )
    print(
        f"check timeline Index against a full scan on 20 windows: {'same' if scan_ok else 'DIFFER'}"
    )
    missing = [
        n
        for n, p in (
            ("ncls", ncls_peer),
            ("intervaltree", intervaltree_peer),
            ("pandas", pandas_peer),
        )
        if p() is None
    ]
    if missing:
        print(f"not installed, skipped: {', '.join(missing)}")
    report(rows)
    print()
    print(
        "Memory per run: timeline Index keeps "
        f"{reference_index.nbytes / args.n:.1f} bytes (its arrays). Resident memory held "
        "after building, in a fresh process (an upper bound: the allocator may keep freed "
        "temporaries):"
    )
    for row in rows:
        grown = build_memory(row["name"], row["n"], args.seed)
        print(f"  {row['name']:22} {grown / row['n']:7.1f} bytes per run ({row['n']:,} runs)")
    if args.events:
        end_to_end(args.events, args.seed, min(args.small, 1_000))


if __name__ == "__main__":
    main()
