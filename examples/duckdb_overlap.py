"""Query a timeline with DuckDB: export it to Parquet and ask which events overlap a window.

::

    python examples/duckdb_overlap.py

The bundled events.yaml is written to a Parquet file in a temporary directory
(:func:`timeline.io.bulk.dump_parquet`; the layout is in docs/parquet.md). One
row per event carries the earliest and latest possible first and last day of
its date as DATE columns, so "possibly overlaps [a, b]" and "certainly
overlaps [a, b]" are plain SQL. For the rows whose ``bounds_exact`` is true the
SQL is exact; the others (here, a date with no end in sight) are decided by
the library. The ids printed are checked against ``Timeline.overlapping``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import duckdb

import timeline
from timeline.io import bulk

POSSIBLY = (
    "(first_earliest IS NULL OR first_earliest <= $b) "
    "AND (last_latest IS NULL OR last_latest >= $a)"
)
CERTAINLY = (
    "(first_latest IS NULL OR first_latest <= $b) "
    "AND (last_earliest IS NULL OR last_earliest >= $a)"
)


def main() -> int:
    chronology = timeline.sample()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.parquet"
        bulk.dump_parquet(chronology, path)
        print(f"{len(chronology)} events written to {path.name}")
        inexact = {
            row[0]
            for row in duckdb.execute(
                "SELECT id FROM read_parquet($p) WHERE NOT bounds_exact", {"p": str(path)}
            ).fetchall()
        }
        ok = True
        for window in ("FY2017", "2017-09"):
            value = timeline.parse(window)
            for word, condition in (("possibly", POSSIBLY), ("certainly", CERTAINLY)):
                rows = duckdb.execute(
                    f"SELECT id FROM read_parquet($p) WHERE bounds_exact AND {condition} "
                    "ORDER BY id",
                    {"p": str(path), "a": value.earliest, "b": value.latest},
                ).fetchall()
                ids = [row[0] for row in rows]
                query = chronology.overlapping(window, certain=word == "certainly")
                expected = sorted(e.id for e in query if e.id not in inexact)
                same = ids == expected
                ok = ok and same
                print(
                    f"\n{word} overlapping {window} ({value.earliest} to {value.latest}): "
                    f"{len(ids)} events"
                )
                for event_id in ids:
                    print(f"  {event_id}")
                print("  same as Timeline.overlapping" if same else "  DIFFERENT from the library")
        if inexact:
            print(f"\nleft to the library (bounds_exact is false): {', '.join(sorted(inexact))}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
