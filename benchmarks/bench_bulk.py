"""Read a large timeline from JSON Lines and Parquet, against the bare decoder of each format.

Run from the repository root::

    python benchmarks/bench_bulk.py [--events 1000000] [--seed 20170928] [--no-memory]

The timeline is generated deterministically and quickly (event objects made
directly, each distinct date parsed once): 80% days between 1990 and 2030,
then months, ISO weeks, periods of days, fiscal years, approximate months,
unspecified decades, ``on(month)`` and open-ended periods; one source per
hundred events, a citation on every event, a metric on one event in twenty.
It is written with ``dump_jsonl`` and ``dump_parquet`` to a temporary
directory, and each file is read

* into an indexed :class:`~timeline.collection.Timeline` (every record
  checked, every date parsed; one ``overlapping`` query builds the index), and
* by the bare decoder of its format: ``json.loads`` per line, and
  ``pyarrow.parquet.read_table(path).to_pylist()`` (rows as dicts; no
  checks, no dates),

side by side with the ratio, with the peak memory of each (tracemalloc in a
second run, which it slows) and the file sizes. Figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
from measure import peak_memory, timed

import timeline
from timeline import calendar as cal
from timeline.events import Citation, Hedge, Metric, Source, kind_named
from timeline.io import bulk

PLACES = ("New York City", "Los Angeles", "Chicago", "Houston", "São Paulo", "Zürich")
KINDS = ("event", "event", "event", "statement", "ruling", "publication")
FIRST_DAY = cal.to_rd(1990, 1, 1)
LAST_DAY = cal.to_rd(2030, 12, 31)


def _when(rng: random.Random) -> str:
    rd = rng.randint(FIRST_DAY, LAST_DAY)
    y, m, d = cal.from_rd(rd)
    c = rng.random()
    if c < 0.80:
        return f"{y}-{m:02d}-{d:02d}"
    if c < 0.86:
        return f"{y}-{m:02d}"
    if c < 0.90:
        return f"{y}-W{rng.randint(1, 52):02d}"
    if c < 0.94:
        y2, m2, d2 = cal.from_rd(rd + rng.randint(1, 120))
        return f"{y}-{m:02d}-{d:02d}/{y2}-{m2:02d}-{d2:02d}"
    if c < 0.96:
        return f"FY{y}"
    if c < 0.97:
        return f"{y}-{m:02d}~"
    if c < 0.98:
        return f"{str(y)[:3]}X"
    if c < 0.99:
        return f"on({y}-{m:02d})"
    if c < 0.995:
        return f"{y}-{m:02d}-{d:02d}/.."
    return f"{y}-{m:02d}-{d:02d}?"


def make_timeline(n: int, seed: int = 20170928) -> timeline.Timeline:
    """A timeline of ``n`` events, the same for the same arguments."""
    rng = random.Random(seed)
    values: dict[str, timeline.TimeValue] = {}
    sources = []
    for i in range(max(1, n // 100)):
        day = f"{rng.randint(1990, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        published = timeline.parse(day)
        sources.append(
            Source(f"src-{i}", outlet=f"Outlet {i % 37}", title=f"Report {i}", published=published)
        )
    kinds = [kind_named(k) for k in KINDS]
    events = []
    for i in range(n):
        text = _when(rng)
        when = values.get(text)
        if when is None:
            when = values[text] = timeline.parse(text)
        source = sources[rng.randrange(len(sources))]
        metrics: tuple[Metric, ...] = ()
        if i % 20 == 0:
            quote = Citation(source, f"{i} people were arrested")
            value = rng.randint(1, 10_000)
            metrics = (Metric("arrests", value, "people", quote, Hedge.ABOUT, id=f"m-{i}"),)
        events.append(
            kinds[i % len(kinds)](
                id=f"ev-{i}",
                title=f"Event number {i} in the record",
                when=when,
                places=(PLACES[i % len(PLACES)],),
                tags=(f"tag-{i % 7}",),
                sources=(Citation(source, f"the words of {source.id} on event {i}"),),
                metrics=metrics,
            )
        )
    return timeline.Timeline(events, sources=sources, title="Generated bulk timeline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20170928)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args()
    n = args.events

    made, chronology = timed(lambda: make_timeline(n, args.seed))
    assert isinstance(chronology, timeline.Timeline)
    print(f"{n:,} events, {len(chronology.sources):,} sources (made in {made:.1f} s)")
    window = timeline.parse("2017-09")
    with tempfile.TemporaryDirectory() as folder:
        jsonl = Path(folder) / "events.jsonl"
        parquet = Path(folder) / "events.parquet"
        write_jsonl, _ = timed(lambda: bulk.dump_jsonl(chronology, jsonl))
        write_parquet, _ = timed(lambda: bulk.dump_parquet(chronology, parquet))

        def indexed(load: Callable[[Path], timeline.Timeline], path: Path) -> Callable[[], object]:
            def run() -> object:
                t = load(path)
                t.overlapping(window)  # builds the index
                return t

            return run

        def bare_jsonl() -> object:
            with open(jsonl, encoding="utf-8") as f:
                return [json.loads(line) for line in f]

        def bare_parquet() -> object:
            return pq.read_table(parquet).to_pylist()

        rows = [
            (
                "JSON Lines",
                jsonl,
                write_jsonl,
                indexed(bulk.load_jsonl, jsonl),
                bare_jsonl,
                "json.loads per line",
            ),
            (
                "Parquet",
                parquet,
                write_parquet,
                indexed(bulk.load_parquet, parquet),
                bare_parquet,
                "read_table().to_pylist()",
            ),
        ]
        print(
            f"{'':12}{'size (MiB)':>11}{'write (s)':>10}{'read (s)':>10}{'µs/event':>10}"
            f"{'bare (s)':>10}{'ratio':>7}{'peak (MiB)':>12}{'bare peak':>11}"
        )
        for name, path, wrote, ours, bare, label in rows:
            t_ours, loaded = timed(ours)
            assert isinstance(loaded, timeline.Timeline)
            assert len(loaded) == n
            del loaded
            t_bare, _ = timed(bare)
            peak = bare_peak = ""
            if not args.no_memory:
                peak = f"{peak_memory(ours) / 2**20:.0f}"
                bare_peak = f"{peak_memory(bare) / 2**20:.0f}"
            size = path.stat().st_size / 2**20
            print(
                f"{name:12}{size:>11.1f}{wrote:>10.1f}{t_ours:>10.1f}{t_ours / n * 1e6:>10.1f}"
                f"{t_bare:>10.1f}{t_ours / t_bare:>7.1f}{peak:>12}{bare_peak:>11}"
            )
            print(f"{'':12}bare decoder: {label}")


if __name__ == "__main__":
    main()
