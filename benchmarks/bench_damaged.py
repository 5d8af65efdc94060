"""Damaged copies of the sample's Parquet export: how each is read, and how long it takes.

Run from the repository root::

    python benchmarks/bench_damaged.py [--mutants 2000] [--seed 1]

Each copy has one to four bytes changed at random (as in
``tests/test_bulk_damaged.py``). Each is read with ``load_parquet`` and
counted as *refused* (a ``TimelineError``, by the start of its first
message: which row group and column, the digest, the footer), *exact* (the
timeline written, types included), *wrong* (another timeline) or *raw*
(any other exception). Wrong and raw must be 0. Figures depend on the
machine.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import timeline
from timeline import io as tio
from timeline.io import bulk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sample = timeline.sample()
    want = repr(tio.to_records(sample))
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        original = Path(folder) / "events.parquet"
        bulk.dump_parquet(sample, original)
        export = original.read_bytes()
        path = Path(folder) / "mutant.parquet"
        start = time.perf_counter()
        for _ in range(args.mutants):
            data = bytearray(export)
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(data))
                data[at] = (data[at] + rng.randint(1, 255)) % 256
            path.write_bytes(bytes(data))
            try:
                found = bulk.load_parquet(path)
            except tio.LoadError as group:
                outcomes["refused"] += 1
                message = str(group.exceptions[0])[len(str(path)) :]
                reasons[message.split(":")[1].strip()[:48] if ":" in message else message] += 1
            except Exception as error:  # counted: a raw error is what this looks for
                outcomes[f"raw {type(error).__name__}"] += 1
            else:
                exact = found == sample and repr(tio.to_records(found)) == want
                outcomes["exact" if exact else "wrong"] += 1
        elapsed = time.perf_counter() - start
    print(f"{args.mutants:,} mutants of a {len(export):,}-byte file, seed {args.seed}")
    print(f"{elapsed / args.mutants * 1000:.1f} ms a mutant")
    for outcome, count in outcomes.most_common():
        print(f"  {count:6,}  {outcome}")
    print("refused, by the start of the first message:")
    for reason, count in reasons.most_common(12):
        print(f"  {count:6,}  {reason}")


if __name__ == "__main__":
    main()
