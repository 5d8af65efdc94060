"""Time ``timeline.io.load`` against a bare ``yaml.load`` of the same file.

Run from the repository root::

    python benchmarks/bench_load.py [--events 100000] [--repeat 3] [--seed 20170928]

The input is a deterministic timeline file of ``--events`` events (one source for
every ten events): a mix of every built-in kind, vague dates (months, intervals,
fiscal years, qualified and unspecified values), places, actors and tags,
citations, metrics with hedges and comparisons, and one event in eight with a
derived date that the loader re-runs. It is written to a temporary file, then

* ``timeline.io.load`` reads it into a :class:`~timeline.collection.Timeline`
  (YAML events, plain data, validated objects, every date parsed, every
  derivation re-run), and
* ``yaml.load(text, Loader=yaml.CSafeLoader)`` reads it into plain Python data
  (the C parser and PyYAML's constructor; no dates parsed, nothing checked),
  once as it comes and once with the garbage collector paused, as
  ``timeline.io.load`` pauses it,

each the best of ``--repeat`` runs, side by side with the ratio. Peak memory is
measured separately for each (tracemalloc, which slows the runs it watches).
The file is bigger than the default :class:`timeline.io.Limits` allow, so the
benchmark raises ``max_bytes`` and ``max_nodes``. Figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from measure import peak_memory

import timeline
from timeline import io as tio

KINDS = (
    "event",
    "operation",
    "ruling",
    "fiscal-year-report",
    "lawsuit",
    "statement",
    "press-release",
    "law",
    "executive-order",
    "publication",
)
PLACES = ("New York City", "Los Angeles", "Chicago", "Houston", "São Paulo", "Zürich")
UNITS = ("people", "percent", "dollars", "cases")
HEDGES = ("exact", "about", "nearly", "just-under", "more-than", "at-least")
PHRASES = ("the four days ending Wednesday", "last week", "yesterday", "last month", "this year")


def _when(rng: random.Random) -> str:
    year = rng.randint(1990, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    choice = rng.randrange(10)
    if choice < 3:
        return f"{year}-{month:02d}-{day:02d}"
    if choice == 3:
        return f"{year}-{month:02d}"
    if choice == 4:
        return f"{year}-{month:02d}-{day:02d}/{year + 1}-{month:02d}-{day:02d}"
    if choice == 5:
        return f"FY{year}"
    if choice == 6:
        return f"{year}-{month:02d}~"
    if choice == 7:
        return f"{str(year)[:3]}X"
    if choice == 8:
        return f"{year}/.."
    return f"{year}-{month:02d}-{day:02d}?"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_text(events: int, seed: int = 20170928) -> str:
    """A timeline file of ``events`` events, the same text for the same arguments."""
    rng = random.Random(seed)
    out = ["timeline: 1", "title: Generated benchmark timeline", "sources:"]
    n_sources = max(1, events // 10)
    published = []
    for i in range(n_sources):
        day = f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        published.append(day)
        out += [
            f"  - id: src-{i}",
            f"    outlet: Outlet {i % 37}",
            f"    title: {_quoted(f'Report number {i}: what happened')}",
            f'    published: "{day}"',
            f"    url: https://example.org/articles/{i}",
        ]
    out.append("events:")
    for i in range(events):
        kind = KINDS[i % len(KINDS)]
        src = rng.randrange(n_sources)
        out += [
            f"  - id: ev-{i}",
            f"    kind: {kind}",
            f"    title: Event number {i} in the record",
        ]
        if i % 8 == 0:
            phrase = rng.choice(PHRASES)
            when = timeline.parse(phrase, anchor=timeline.parse(published[src])).edtf
            out += [
                f"    when: {_quoted(when)}",
                "    basis:",
                f"      derived: {phrase}",
                "      anchor: published",
            ]
        else:
            out.append(f"    when: {_quoted(_when(rng))}")
        if i % 3 == 0:
            out.append(f"    summary: {_quoted(f'A summary of event {i}, with a few more words.')}")
        out.append(f"    places: [{rng.choice(PLACES)}]")
        if i % 2 == 0:
            out.append(f"    actors: [ICE, Actor {i % 11}]")
        out.append(f"    tags: [tag-{i % 5}, tag-{i % 7}]")
        if kind == "operation":
            out += [f"    name: Operation {i}", "    agency: ICE"]
        elif kind == "fiscal-year-report":
            out += ["    agency: ICE", f"    fiscal_year: FY{rng.randint(2000, 2024)}"]
        elif kind == "lawsuit":
            out += ["    plaintiffs: [City of Chicago]", "    defendants: [Jeff Sessions]"]
        out += [
            "    sources:",
            f"      - source: src-{src}",
            f"        quote: {_quoted(f'the words of source {src} about event {i}')}",
        ]
        if i % 2 == 0:
            out += [
                "    metrics:",
                f"      - id: m-{i}",
                "        name: arrests",
                f"        value: {rng.randint(1, 100_000)}",
                f"        unit: {rng.choice(UNITS)}",
                f"        qualifier: {rng.choice(HEDGES)}",
                f"        place: {rng.choice(PLACES)}",
                f"        source: src-{src}",
                f"        quote: {_quoted(f'{i} people were arrested')}",
            ]
            if i % 4 == 0 and i >= 4:
                out += [
                    "        comparison:",
                    "          kind: change",
                    f"          value: {rng.randint(1, 99)}.{rng.randint(0, 9)}",
                    "          unit: percent",
                    f"          baseline: m-{i - 2}",
                    "          text: an increase",
                ]
    out.append("relations:")
    for i in range(0, min(events, 1000) - 1, 2):
        out.append(f"  - {{a: ev-{i}, relation: before, b: ev-{i + 1}}}")
    return "\n".join(out) + "\n"


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20170928)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args()

    text = make_text(args.events, args.seed)
    limits = tio.Limits(max_bytes=len(text.encode()) + 1, max_nodes=100 * args.events + 1000)
    fd, name = tempfile.mkstemp(suffix=".yaml")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)

        def ours() -> object:
            return tio.load(path, limits=limits)

        def bare() -> object:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def bare_gc_paused() -> object:
            gc.disable()
            try:
                return bare()
            finally:
                gc.enable()

        loaded = ours()
        assert isinstance(loaded, timeline.collection.Timeline)
        assert len(loaded) == args.events
        size = path.stat().st_size
        print(f"{args.events:,} events, {len(loaded.sources):,} sources, {size / 2**20:.1f} MiB")
        t_ours = best_of(args.repeat, ours)
        t_bare = best_of(args.repeat, bare)
        t_paused = best_of(args.repeat, bare_gc_paused)
        print(f"{'':36}{'time (s)':>10}{'peak (MiB)':>12}")
        rows = [
            ("timeline.io.load", t_ours, ours),
            ("yaml.load (CSafeLoader)", t_bare, bare),
            ("yaml.load (CSafeLoader), gc paused", t_paused, bare_gc_paused),
        ]
        for label, seconds, fn in rows:
            peak = "" if args.no_memory else f"{peak_memory(fn) / 2**20:.0f}"
            print(f"{label:36}{seconds:>10.2f}{peak:>12}")
        print(f"ratio timeline.io.load / yaml.load: {t_ours / t_bare:.2f}")
        print(f"ratio timeline.io.load / yaml.load with gc paused: {t_ours / t_paused:.2f}")
    finally:
        path.unlink()


if __name__ == "__main__":
    main()
