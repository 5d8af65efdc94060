"""Time ``timeline.parse`` against python-edtf and ``datetime.date.fromisoformat``.

Run from the repository root after ``pip install -e '.[test,bench]'``::

    python benchmarks/bench_parse.py [--count 10000] [--repeat 3] [--seed 20170213]

The input is a deterministic mix of date strings: days, months, years, closed and
open intervals, qualified values (``2014~``, ``2017-02?``, ``2004-06-11%``) and fiscal
years (``FY2018``). Each implementation is timed, best of ``--repeat`` runs, only on
the strings it understands, and every ratio compares per-string times on the very
same strings. Results depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import time
from collections.abc import Callable, Sequence

import timeline

try:
    from edtf import parse_edtf
except ImportError:  # the `bench` extra is not installed
    parse_edtf = None

FIRST_DAY = dt.date(1900, 1, 1).toordinal()
LAST_DAY = dt.date(2099, 12, 31).toordinal()


def _day(rng: random.Random) -> dt.date:
    return dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))


def _days(rng: random.Random) -> tuple[dt.date, dt.date]:
    start = _day(rng)
    return start, start + dt.timedelta(days=rng.randint(0, 400))


# One maker per kind of string; make_strings takes them in turn.
MAKERS: tuple[Callable[[random.Random], str], ...] = (
    lambda rng: _day(rng).isoformat(),  # 2017-02-13
    lambda rng: _day(rng).isoformat()[:7],  # 2017-02
    lambda rng: _day(rng).isoformat()[:4],  # 2017
    lambda rng: "/".join(d.isoformat() for d in _days(rng)),  # 2017-01-24/2017-04-30
    lambda rng: f"{_day(rng).year}/..",  # 2014/..
    lambda rng: f"{_day(rng).year}~",  # 2014~
    lambda rng: f"{_day(rng).isoformat()[:7]}?",  # 2017-02?
    lambda rng: f"{_day(rng).isoformat()}%",  # 2004-06-11%
    lambda rng: f"FY{_day(rng).year}",  # FY2018
)


def make_strings(count: int, seed: int) -> list[str]:
    """``count`` date strings, the same ones for the same ``seed``."""
    rng = random.Random(seed)
    return [MAKERS[i % len(MAKERS)](rng) for i in range(count)]


def understood(parse: Callable[[str], object], strings: Sequence[str]) -> list[str]:
    """The strings ``parse`` accepts without raising."""
    ok = []
    for s in strings:
        try:
            parse(s)
        except Exception:  # each parser has its own error types; any refusal counts
            continue
        ok.append(s)
    return ok


def best_time(
    parse: Callable[[str], object],
    strings: Sequence[str],
    repeat: int,
) -> float:
    """The fastest of ``repeat`` runs of ``parse`` over all ``strings``, in seconds.

    The results are kept, as a program reading a file keeps them.
    """
    best = math.inf
    for _ in range(repeat):
        kept: list[object] = []
        keep = kept.append
        start = time.perf_counter()
        for s in strings:
            keep(parse(s))
        best = min(best, time.perf_counter() - start)
    return best


def row(name: str, strings: Sequence[str], seconds: float, base: float | None) -> list[str]:
    """A table row; ``base`` is timeline's µs per string on the same strings."""
    us = seconds * 1e6 / len(strings) if strings else math.nan
    if base is None:
        ratio = "(baseline)"
    else:
        times = us / base
        if times >= 10:
            ratio = f"= {times:.1f}× timeline"
        elif times >= 1:
            ratio = f"= {times:.2f}× timeline"
        else:  # the peer is faster: say by how much, the way round people read it
            ratio = f"= {times:.2f}× timeline (timeline {1 / times:.1f}× slower)"
    return [name, f"{len(strings):,}", f"{seconds * 1e3:.1f}", f"{us:.2f}", ratio]


def print_table(rows: list[list[str]]) -> None:
    header = ["implementation", "strings", "total ms", "µs/str", "vs timeline"]
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        cells = [
            cell.ljust(width) if i in (0, 4) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(r, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="strings in the mix")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; best kept")
    parser.add_argument("--seed", type=int, default=20170213, help="seed of the mix")
    args = parser.parse_args(argv)

    strings = make_strings(args.count, args.seed)
    days = [s for s in strings if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s)]
    ours: Callable[[str], object] = timeline.parse

    ours_ok = understood(ours, strings)
    print(
        f"{len(strings):,} strings ({len(MAKERS)} kinds, seed {args.seed}), best of {args.repeat}"
    )
    print(f"timeline.parse understands {len(ours_ok):,} of them")
    t_ours = best_time(ours, ours_ok, args.repeat)
    rows = [row("timeline.parse (all it understands)", ours_ok, t_ours, None)]

    if parse_edtf is None:
        print("python-edtf is not installed: the peer is skipped (pip install -e '.[test,bench]')")
    else:
        both = understood(parse_edtf, ours_ok)
        print(f"edtf.parse_edtf understands {len(both):,} of those (not FY2018 and the like)")
        print(f"timing edtf.parse_edtf on {len(both):,} strings (slow) ...", flush=True)
        t_ours_both = best_time(ours, both, args.repeat)
        t_edtf = best_time(parse_edtf, both, args.repeat)
        base = t_ours_both * 1e6 / len(both) if both else math.nan
        rows.append(row("timeline.parse (what edtf understands)", both, t_ours_both, None))
        rows.append(row("edtf.parse_edtf (same strings)", both, t_edtf, base))

    # A run over the days takes about a millisecond: the two are timed in turns, many
    # times, so that both see the same moments of a busy machine.
    t_ours_days, t_iso = math.inf, math.inf
    for _ in range(max(args.repeat, 25)):
        t_ours_days = min(t_ours_days, best_time(ours, days, 1))
        t_iso = min(t_iso, best_time(dt.date.fromisoformat, days, 1))
    base_days = t_ours_days * 1e6 / len(days) if days else math.nan
    rows.append(row("timeline.parse (plain ISO days)", days, t_ours_days, None))
    rows.append(row("date.fromisoformat (same days)", days, t_iso, base_days))
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
