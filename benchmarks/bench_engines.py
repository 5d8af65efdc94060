"""The certain/possible queries of timeline.engines on DuckDB, Polars and Spark, side by side.

Run from the repository root::

    python benchmarks/bench_engines.py [--n 1000000] [--engines duckdb,polars,spark]
                                       [--dataset] [--seed 20170928]

``--n 10000000`` for ten million events. The events are made as columns with
numpy and pyarrow (no event objects; the layout of docs/parquet.md, bounds
consistent with each ``edtf``): 80% days between 1990 and 2029, 10% months,
5% one unknown day of a month (``2017-09-XX``), 4% periods still going
(``2017-09-28/..``) and 1% sets with a gap (``[2017-01,2017-12]``, not exact:
the library decides them). They are written as one Parquet file (or, with
``--dataset``, as a dataset partitioned by year, as timeline.io.dataset
writes it) and each engine, in a process of its own, runs

* ``overlapping("2015")`` possibly and certainly,
* ``within("2015-Q2")`` possibly (vague rows near the edges go back to the library),
* ``group_counts("year")``,

printing the seconds of each (best of ``--repeat``, after one warm-up run that
also starts Spark), the ratio to DuckDB, and the peak resident memory of the
engine's process tree (Spark's JVM included) over the whole run. Figures
depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

QUERIES = {
    "overlapping 2015, possible": {"overlapping": "2015", "certain": False},
    "overlapping 2015, certain": {"overlapping": "2015", "certain": True},
    "within 2015-Q2, possible": {"within": "2015-Q2", "certain": False},
    "group_counts year": {"group_by": "year"},
}


def make(n: int, seed: int, path: Path, as_dataset: bool) -> None:
    """Write ``n`` generated events at ``path``: one Parquet file, or a dataset."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    epoch = np.datetime64("1970-01-01", "D")
    lo = (np.datetime64("1990-01-01", "D") - epoch).astype(np.int64)
    hi = (np.datetime64("2029-12-31", "D") - epoch).astype(np.int64)
    day = rng.integers(lo, hi + 1, n)
    shape = rng.choice(5, n, p=[0.80, 0.10, 0.05, 0.04, 0.01])
    days = pa.array(day.astype("datetime64[D]"))
    month_first = day.astype("datetime64[D]").astype("datetime64[M]")
    first_of_month = (month_first.astype("datetime64[D]") - epoch).astype(np.int64)
    last_of_month = ((month_first + 1).astype("datetime64[D]") - epoch).astype(np.int64) - 1
    year = month_first.astype("datetime64[Y]")
    first_of_year = (year.astype("datetime64[D]") - epoch).astype(np.int64)
    last_of_year = ((year + 1).astype("datetime64[D]") - epoch).astype(np.int64) - 1

    fe, fl, le, ll = day.copy(), day.copy(), day.copy(), day.copy()
    month, xx, going, gap = (shape == k for k in (1, 2, 3, 4))
    fe[month], fl[month] = first_of_month[month], first_of_month[month]
    le[month], ll[month] = last_of_month[month], last_of_month[month]
    fe[xx], fl[xx] = first_of_month[xx], last_of_month[xx]
    le[xx], ll[xx] = first_of_month[xx], last_of_month[xx]
    # [YYYY-01,YYYY-12]: January or December.
    fe[gap], fl[gap] = first_of_year[gap], last_of_year[gap] - 30
    le[gap], ll[gap] = first_of_year[gap] + 30, last_of_year[gap]

    text_day = pc.strftime(days, format="%Y-%m-%d")
    text_month = pc.strftime(days, format="%Y-%m")
    text_year = pc.strftime(days, format="%Y")
    edtf = pc.choose(
        pa.array(shape.astype(np.int8)),
        text_day,
        text_month,
        pc.binary_join_element_wise(text_month, "XX", "-"),
        pc.binary_join_element_wise(text_day, "..", "/"),
        pc.binary_join_element_wise(
            pc.binary_join_element_wise("[", text_year, ""),
            pc.binary_join_element_wise(text_year, "12]", "-"),
            "-01,",
        ),
    )

    def dates(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
        return pa.array(values.astype(np.int32), mask=mask).cast(pa.date32())

    ids = pc.binary_join_element_wise("e", pc.cast(pa.array(np.arange(n)), pa.string()), "")
    precision = pc.choose(
        pa.array(shape.astype(np.int8)),
        *(pa.scalar(p) for p in ("day", "month", "day", "day", "month")),
    )
    table = pa.table(
        {
            "id": ids,
            "kind": pa.array(np.full(n, "event", dtype=object), pa.string()),
            "title": ids,
            "edtf": edtf,
            "precision": precision,
            "qualifiers": pa.array(np.full(n, "", dtype=object), pa.string()),
            "first_earliest": dates(fe),
            "first_latest": dates(fl),
            "last_earliest": dates(le, going),
            "last_latest": dates(ll, going),
            "bounds_exact": pa.array(~gap),
            "rest": pa.array(np.full(n, "{}", dtype=object), pa.string()),
        }
    )
    _check(table.slice(0, 5_000))
    if not as_dataset:
        pq.write_table(table, path, compression="zstd")
        return
    years = pc.year(table.column("first_earliest"))
    path.mkdir()
    for y in sorted(set(years.to_pylist())):
        part = path / f"year={y}"
        part.mkdir()
        pq.write_table(table.filter(pc.equal(years, y)), part / "part-0.parquet")


def _check(table: object) -> None:
    """The generated bounds are those dump_parquet writes for each edtf (a sample)."""
    import timeline
    from timeline.calendar import to_rd
    from timeline.io import bulk

    for row in table.to_pylist():  # type: ignore[attr-defined]
        expected = bulk.bounds(timeline.parse(row["edtf"]))
        got = tuple(
            None if row[c] is None else to_rd(row[c].year, row[c].month, row[c].day)
            for c in ("first_earliest", "first_latest", "last_earliest", "last_latest")
        )
        assert (*got, row["bounds_exact"]) == expected, (row, expected)


def worker(engine: str, path: str, repeat: int) -> None:
    """Run the queries on one engine; print one JSON object of seconds and result sizes."""
    from timeline import engines

    session = None
    if engine == "spark":
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master("local[*]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.memory", "6g")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
    out: dict[str, object] = {}
    for name, query in QUERIES.items():
        kwargs = dict(query)
        engines.query(path, engine, session=session, **kwargs)  # type: ignore[arg-type]
        best = float("inf")
        size = 0
        for _ in range(repeat):
            start = time.perf_counter()
            found = engines.query(path, engine, session=session, **kwargs)  # type: ignore[arg-type]
            best = min(best, time.perf_counter() - start)
            size = len(found)
        out[name] = {"seconds": best, "size": size}
    if session is not None:
        session.stop()
    print(json.dumps(out))


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run(engine: str, path: Path, repeat: int) -> tuple[dict[str, dict[str, float]], int]:
    """The worker's figures and the peak RSS of its process tree, polled every 20 ms."""
    command = [sys.executable, __file__, "--worker", engine, str(path), "--repeat", str(repeat)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    stdout, _ = child.communicate()
    done.set()
    watcher.join()
    if child.returncode:
        raise SystemExit(f"{engine} failed with exit code {child.returncode}")
    return json.loads(stdout.strip().splitlines()[-1]), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--engines", default="duckdb,polars,spark")
    parser.add_argument("--dataset", action="store_true")
    parser.add_argument("--seed", type=int, default=20170928)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "PATH"))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], args.worker[1], args.repeat)
        return
    names = args.engines.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("events" if args.dataset else "events.parquet")
        start = time.perf_counter()
        make(args.n, args.seed, path, args.dataset)
        made = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(tmp).rglob("*.parquet"))
        print(
            f"{args.n:,} events, {'a dataset' if args.dataset else 'one file'} of "
            f"{size / 2**20:,.1f} MiB, made in {made:.1f} s"
        )
        figures = {name: run(name, path, args.repeat) for name in names}
    base = names[0]
    header = f"{'query':<30}" + "".join(f"{name:>18}" for name in names)
    print(header)
    print("-" * len(header))
    for query in QUERIES:
        cells = []
        for name in names:
            seconds = figures[name][0][query]["seconds"]
            ratio = seconds / figures[base][0][query]["seconds"]
            cells.append(f"{seconds:8.3f} s {ratio:5.1f}x")
        sizes = {figures[name][0][query]["size"] for name in names}
        agree = "" if len(sizes) == 1 else "  (the engines disagree!)"
        print(f"{query:<30}" + "".join(f"{c:>18}" for c in cells) + agree)
    print(
        f"{'peak RSS (process tree)':<30}"
        + "".join(f"{figures[name][1] / 2**20:>14,.0f} MiB" for name in names)
    )
    print(f"(ratios to {base}; best of {args.repeat} after a warm-up)")


if __name__ == "__main__":
    main()
