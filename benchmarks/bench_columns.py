"""A large timeline read from Parquet and JSON Lines and queried, against columnar peers.

Run from the repository root::

    python benchmarks/bench_columns.py [--quick] [--events 1000000] [--queries 10000]
                                       [--repeat 3] [--seed 20170928] [--big] [--profile]

``--events`` day-precision events (ids ``e0000001``..., kinds mostly
``event`` with one in a hundred ``operation`` and one in a hundred
``statement``, titles ``Event 1234567``, days between 1990 and 2030, the same
for the same seed) are built once in code, in a process of their own, and
written with ``timeline.io.dump_parquet`` and ``dump_jsonl`` to a temporary
directory. Every figure is then taken in a fresh process (clean memory, cold
imports), the best of ``--repeat`` processes for the timings (3; 2 with ``--quick``;
one when a call takes more than ten seconds):

1. Parquet file to the first answered overlap query (a 1–30-day window,
   returning ids): ``load_parquet(path)`` then ``t.overlapping(w).ids``,
   against DuckDB (``SELECT id FROM read_parquet(path) WHERE ...`` on a new
   connection, connecting included), ``timeline.engines.select`` on DuckDB
   (the SQL the library generates, on a new connection) and polars
   ``read_parquet`` then a filter. The clock starts once the top-level
   module is imported (whatever a call imports lazily is inside it); the
   imports are shown on a row of their own. The library's load is also
   timed after a first use on a ten-event file, in a process of its own:
   what the first call imports (pyarrow's modules, and pandas, which
   pyarrow imports on first use when it is installed) is shown apart.
2. JSON Lines to an indexed timeline: ``load_jsonl(path)`` then ``t.index``,
   against decoding the same file into dicts with msgspec
   (``Decoder.decode_lines`` on the whole file, and ``decode`` per line),
   orjson per line and ``json.loads`` per line (reading the file included).
3. ``--queries`` windows of 1–30 days on the loaded timeline:
   ``t.overlapping(w).ids`` and the raw ``t.index.overlapping(first, last)``
   (positions) against ``ncls`` ``find_overlap`` returning its tuples, built
   from the file's bound columns; every window's ids are checked to agree.
4. Memory of the timeline loaded from Parquet (after the first query) and of
   ``Timeline(events)`` built in code (events included), per event: what is
   retained (tracemalloc after a collection, plus the bytes held in
   pyarrow's memory pool, which tracemalloc does not see), the peak of loading
   and of the first query (each phase's traced and pool peaks summed, an upper
   bound; the query's pool counted on a pool of its own), and the growth of
   resident memory (``/proc/self/statm`` and ``resource.getrusage``'s peak, in a
   run without tracemalloc). Each
   measured process first loads (or builds) a ten-event timeline so that
   imports and first-use caches are not counted. Also the seconds of making
   the events and of ``Timeline(events)``.
5. ``--big``: ten million events (written as columns by
   ``bench_engines.make``, without event objects) through
   ``timeline.engines.select`` on DuckDB and Spark: the first query (DuckDB's
   connection and Spark's session start included), the best of the next
   ``--repeat``, a one-year query, and the peak resident memory of the
   Python process and of its whole process tree (Spark's JVM is a process
   of its own, started by the Python one).

``--quick`` runs 100,000 events and 1,000 queries; ``--profile`` adds the 15
functions with the most cumulative (and own) time in ``load_parquet`` and the first
query. A peer that is not installed is skipped with a note (``pip install -e
'.[bench,engines]'``). Figures depend on the machine: compare the ratios.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIRST_DAY = datetime.date(1990, 1, 1).toordinal()  # the library's day numbers (RD) are ordinals
LAST_DAY = datetime.date(2030, 12, 31).toordinal()
EPOCH_DAY = datetime.date(1970, 1, 1).toordinal()
KINDS = ("event", "operation", "statement")
BASELINE_BUILD = 12.7  # seconds of Timeline(events) for 1,000,000 events before the columns
LONG = 10.0  # seconds: a call this slow is timed in one process, not the best of --repeat
PEERS = ("duckdb", "polars", "msgspec", "orjson", "ncls", "pyspark")


# --------------------------------------------------------------------------------------
# Data, windows and measures, shared by the workers.


def make_events(n: int, seed: int) -> list[Any]:
    """``n`` day-precision events, the same for the same seed (one Extent per distinct day)."""
    import numpy as np

    from timeline.events import kind_named
    from timeline.when import Extent

    rng = np.random.default_rng(seed)
    days: list[int] = rng.integers(FIRST_DAY, LAST_DAY + 1, n).tolist()
    kinds: list[int] = rng.choice(len(KINDS), n, p=[0.98, 0.01, 0.01]).tolist()
    numbers: list[int] = rng.integers(1_000_000, 10_000_000, n).tolist()
    classes = [kind_named(k) for k in KINDS]
    values: dict[int, Any] = {}
    events = []
    for i in range(n):
        day = days[i]
        when = values.get(day)
        if when is None:
            when = values[day] = Extent.from_rd(day)
        events.append(classes[kinds[i]](id=f"e{i + 1:07d}", title=f"Event {numbers[i]}", when=when))
    return events


def windows(count: int, seed: int) -> list[tuple[int, int]]:
    """``count`` windows ``(first, last)`` of 1 to 30 days (day numbers) in 1990–2030."""
    import numpy as np

    rng = np.random.default_rng(seed + 1)
    length = rng.integers(1, 31, count)
    firsts = rng.integers(FIRST_DAY, LAST_DAY - length + 2, count)
    return list(zip(firsts.tolist(), (firsts + length - 1).tolist(), strict=True))


def value(first: int, last: int) -> Any:
    """The time value of a window: one day, or a period of days."""
    from timeline.when import Extent, Period

    if first == last:
        return Extent.from_rd(first)
    return Period(Extent.from_rd(first), Extent.from_rd(last))


def rss() -> int:
    """Resident bytes of this process now (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def peak_rss() -> int:
    """The highest resident bytes of this process so far (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def arrow_pool() -> tuple[int, int]:
    """Bytes held by pyarrow's default memory pool now, and the most it has held."""
    if "pyarrow" not in sys.modules:
        return 0, 0
    import pyarrow as pa

    pool = pa.default_memory_pool()
    return pool.bytes_allocated(), pool.max_memory()


def best(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The fewest seconds of ``repeat`` runs of ``fn`` (after a collection each), and a result."""
    seconds, out = float("inf"), None
    for _ in range(repeat):
        out = None  # the last run's result is let go before the clock starts, not on it
        gc.collect()
        start = time.perf_counter()
        found = fn()
        seconds = min(seconds, time.perf_counter() - start)
        out = found
        del found
    return seconds, out


def clocked(imports: Callable[[], Any], call: Callable[[Any], Any]) -> dict[str, Any]:
    """Seconds of ``imports()``, then of ``call(modules)``; the result's length."""
    start = time.perf_counter()
    modules = imports()
    imported = time.perf_counter()
    found = call(modules)
    done = time.perf_counter()
    return {"import": imported - start, "call": done - imported, "found": len(found)}


# --------------------------------------------------------------------------------------
# The workers: each runs in a fresh process and prints one JSON object.


def w_build(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """Make the events and the timeline; write the files (and a ten-event pair for warm-ups)."""
    import timeline

    warm = timeline.Timeline(make_events(10, seed))
    _ = warm.overlapping(value(FIRST_DAY, LAST_DAY)).ids
    timeline.io.dump_parquet(warm, folder / "warm.parquet")
    timeline.io.dump_jsonl(warm, folder / "warm.jsonl")
    del warm
    gc.collect()
    before = rss()
    start = time.perf_counter()
    events = make_events(n, seed)
    made = time.perf_counter()
    t = timeline.Timeline(events)
    built = time.perf_counter()
    first, last = windows(1, seed)[0]
    _ = t.overlapping(value(first, last)).ids
    queried = time.perf_counter()
    del events
    gc.collect()
    held = rss() - before
    peak = peak_rss() - before
    out: dict[str, Any] = {
        "events": made - start,
        "timeline": built - made,
        "first_query": queried - built,
        "rss": held,
        "rss_peak": peak,
    }
    for name, dump in (("parquet", timeline.io.dump_parquet), ("jsonl", timeline.io.dump_jsonl)):
        path = folder / f"events.{name}"
        start = time.perf_counter()
        dump(t, path)
        out[f"write_{name}"] = time.perf_counter() - start
        out[f"size_{name}"] = path.stat().st_size
    return out


def w_build_trace(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """Memory of making the events and ``Timeline(events)``, traced."""
    import tracemalloc

    import timeline

    warm = timeline.Timeline(make_events(10, seed))
    _ = warm.overlapping(value(FIRST_DAY, LAST_DAY)).ids
    del warm
    first, last = windows(1, seed)[0]
    window = value(first, last)
    gc.collect()
    tracemalloc.start()
    events = make_events(n, seed)
    made = tracemalloc.get_traced_memory()[0]
    t = timeline.Timeline(events)
    _ = t.overlapping(window).ids
    del events
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pool, pool_peak = arrow_pool()
    assert len(t) == n
    return {"events": made, "held": held, "peak": peak, "pool": pool, "pool_peak": pool_peak}


def w_parquet_timeline(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    first, last = windows(1, seed)[0]

    def imports() -> Any:
        import timeline.io

        return timeline

    def call(timeline: Any) -> Any:
        t = timeline.io.load_parquet(folder / "events.parquet")
        return t.overlapping(value(first, last)).ids

    return clocked(imports, call)


def w_parquet_warmed(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """The same after a first use on the ten-event file (whose seconds are its own figure)."""
    import timeline.io

    first, last = windows(1, seed)[0]
    start = time.perf_counter()
    _ = timeline.io.load_parquet(folder / "warm.parquet").overlapping(value(first, last)).ids
    used = time.perf_counter()
    t = timeline.io.load_parquet(folder / "events.parquet")
    found = t.overlapping(value(first, last)).ids
    done = time.perf_counter()
    return {"first_use": used - start, "call": done - used, "found": len(found)}


def w_parquet_duckdb(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    first, last = windows(1, seed)[0]
    path = str(folder / "events.parquet").replace("'", "''")
    sql = f"SELECT id FROM read_parquet('{path}') WHERE first_earliest <= ? AND last_latest >= ?"
    params = [datetime.date.fromordinal(last), datetime.date.fromordinal(first)]

    def imports() -> Any:
        import duckdb

        return duckdb

    def call(duckdb: Any) -> Any:
        return duckdb.connect().execute(sql, params).fetchall()

    return clocked(imports, call)


def w_parquet_engines(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    first, last = windows(1, seed)[0]

    def imports() -> Any:
        import duckdb

        from timeline import engines

        return duckdb, engines

    def call(modules: Any) -> Any:
        duckdb, engines = modules
        window = value(first, last)
        return engines.select(
            folder / "events.parquet", "duckdb", overlapping=window, connection=duckdb.connect()
        )

    return clocked(imports, call)


def w_parquet_polars(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    first, last = windows(1, seed)[0]
    a, b = datetime.date.fromordinal(first), datetime.date.fromordinal(last)

    def imports() -> Any:
        import polars

        return polars

    def call(pl: Any) -> Any:
        frame = pl.read_parquet(folder / "events.parquet")
        found = frame.filter((pl.col("first_earliest") <= b) & (pl.col("last_latest") >= a))
        return found.get_column("id")

    return clocked(imports, call)


def w_jsonl_timeline(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    def imports() -> Any:
        import timeline.io

        return timeline

    def call(timeline: Any) -> Any:
        t = timeline.io.load_jsonl(folder / "events.jsonl")
        _ = t.index
        return t

    return clocked(imports, call)


def w_jsonl_warmed(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """The same after a first use on the ten-event file (whose seconds are its own figure)."""
    import timeline.io

    start = time.perf_counter()
    _ = timeline.io.load_jsonl(folder / "warm.jsonl").index
    used = time.perf_counter()
    t = timeline.io.load_jsonl(folder / "events.jsonl")
    _ = t.index
    done = time.perf_counter()
    return {"first_use": used - start, "call": done - used, "found": len(t)}


def w_jsonl_msgspec_lines(
    folder: Path, n: int, seed: int, options: dict[str, Any]
) -> dict[str, Any]:
    def imports() -> Any:
        import msgspec

        return msgspec

    def call(msgspec: Any) -> Any:
        return msgspec.json.Decoder().decode_lines((folder / "events.jsonl").read_bytes())

    return clocked(imports, call)


def w_jsonl_msgspec(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    def imports() -> Any:
        import msgspec

        return msgspec

    def call(msgspec: Any) -> Any:
        decode = msgspec.json.Decoder().decode
        with open(folder / "events.jsonl", "rb") as f:
            return [decode(line) for line in f]

    return clocked(imports, call)


def w_jsonl_orjson(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    def imports() -> Any:
        import orjson

        return orjson

    def call(orjson: Any) -> Any:
        with open(folder / "events.jsonl", "rb") as f:
            return [orjson.loads(line) for line in f]

    return clocked(imports, call)


def w_jsonl_json(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    def imports() -> Any:
        import json

        return json

    def call(json: Any) -> Any:
        with open(folder / "events.jsonl", "rb") as f:
            return [json.loads(line) for line in f]

    return clocked(imports, call)


def w_parquet_rss(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """Resident memory that loading and the first query add (no tracemalloc)."""
    import timeline

    first, last = windows(1, seed)[0]
    window = value(first, last)
    _ = timeline.io.load_parquet(folder / "warm.parquet").overlapping(window).ids
    gc.collect()
    before = rss()
    t = timeline.io.load_parquet(folder / "events.parquet")
    _ = t.overlapping(window).ids
    gc.collect()
    assert len(t) == n
    return {"rss": rss() - before, "rss_peak": peak_rss() - before}


def w_parquet_trace(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """Traced memory of loading and the first query, and pyarrow's pool."""
    import tracemalloc

    import timeline

    first, last = windows(1, seed)[0]
    window = value(first, last)
    _ = timeline.io.load_parquet(folder / "warm.parquet").overlapping(window).ids
    gc.collect()
    import pyarrow as pa

    pool_before, _ = arrow_pool()
    tracemalloc.start()
    t = timeline.io.load_parquet(folder / "events.parquet")
    loaded, load_peak = tracemalloc.get_traced_memory()
    load_pool, load_pool_peak = arrow_pool()
    # The query's own pool peak: a pool not used before counts from nothing (the
    # buffers of the load still go back to theirs when they are freed).
    loads = pa.default_memory_pool()
    fresh = pa.system_memory_pool()
    if fresh.backend_name == loads.backend_name or fresh.max_memory():
        fresh = None
    else:
        pa.set_memory_pool(fresh)
    tracemalloc.reset_peak()
    _ = t.overlapping(window).ids
    gc.collect()
    held, query_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pool, pool_peak = loads.bytes_allocated(), loads.max_memory()
    if fresh is not None:
        query_pool_peak = load_pool - pool_before + fresh.max_memory()
        pool += fresh.bytes_allocated()
        pool_peak = max(pool_peak, load_pool_peak)
    else:
        query_pool_peak = pool_peak - pool_before  # the whole run's: an upper bound
    assert len(t) == n
    return {
        "loaded": loaded,
        "load_peak": load_peak,
        "load_pool": load_pool - pool_before,
        "load_pool_peak": load_pool_peak - pool_before,
        "held": held,
        "peak": max(load_peak, query_peak),
        "query_peak": query_peak,
        "query_pool_peak": query_pool_peak,
        "pool": pool - pool_before,
        "pool_peak": pool_peak - pool_before,
    }


def w_queries(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """Many windows on the loaded timeline against ncls; the answers checked."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    import timeline

    repeat, count = options["repeat"], options["queries"]
    path = folder / "events.parquet"
    pairs = windows(count, seed)
    values = [value(a, b) for a, b in pairs]
    t = timeline.io.load_parquet(path)
    index_s, index = best(1, lambda: t.index)
    _ = t.overlapping(values[0]).ids
    out: dict[str, Any] = {"count": count, "index_build": index_s}
    out["view"], views = best(repeat, lambda: [t.overlapping(v).ids for v in values])
    out["raw"], raws = best(repeat, lambda: [index.overlapping(a, b) for a, b in pairs])
    all_ids = t.ids
    out["hits"] = sum(len(v) for v in views) / count
    checks = [
        np.array_equal(np.sort(v), np.sort(all_ids[r])) for v, r in zip(views, raws, strict=True)
    ]
    out["raw_same"] = all(checks)
    if importlib.util.find_spec("ncls") is not None:
        from ncls import NCLS

        table = pq.read_table(path, columns=["id", "first_earliest", "last_latest"])
        starts = table.column("first_earliest").cast(pa.int32()).to_numpy().astype(np.int64)
        ends = table.column("last_latest").cast(pa.int32()).fill_null(2**31 - 1 - EPOCH_DAY)
        ends = ends.to_numpy().astype(np.int64)
        file_ids = np.asarray(table.column("id").to_numpy(zero_copy_only=False), dtype=object)
        start = time.perf_counter()
        tree = NCLS(starts + EPOCH_DAY, ends + EPOCH_DAY + 1, np.arange(len(starts)))
        out["ncls_build"] = time.perf_counter() - start
        out["ncls"], found = best(
            repeat, lambda: [list(tree.find_overlap(a, b + 1)) for a, b in pairs]
        )
        checks = [
            np.array_equal(np.sort(v), np.sort(file_ids[[r[2] for r in f]]))
            for v, f in zip(views, found, strict=True)
        ]
        out["ncls_same"] = all(checks)
    return out


def w_profile(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """The functions with the most cumulative time in load_parquet and the first query."""
    import cProfile
    import io
    import pstats

    import timeline

    first, last = windows(1, seed)[0]
    window = value(first, last)
    _ = timeline.io.load_parquet(folder / "warm.parquet").overlapping(window).ids
    profile = cProfile.Profile()
    profile.enable()
    t = timeline.io.load_parquet(folder / "events.parquet")
    _ = t.overlapping(window).ids
    profile.disable()
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats("cumulative").print_stats(15)
    stats.sort_stats("tottime").print_stats(15)
    return {"text": text.getvalue()}


def w_big_make(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    import bench_engines

    path = folder / "big.parquet"
    start = time.perf_counter()
    bench_engines.make(n, seed, path, as_dataset=False)
    return {"seconds": time.perf_counter() - start, "size": path.stat().st_size}


def w_big(folder: Path, n: int, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """Queries of timeline.engines on the ten-million-event file, on one engine."""
    engine, repeat = options["engine"], options["repeat"]
    from timeline import engines

    first, last = windows(1, seed)[0]
    window = value(first, last)
    path = folder / "big.parquet"
    out: dict[str, Any] = {}
    start = time.perf_counter()
    session = connection = None
    if engine == "spark":
        session = engines.spark_session()
        session.sparkContext.setLogLevel("ERROR")
        out["session"] = time.perf_counter() - start
    else:
        import duckdb

        connection = duckdb.connect()

    def ask(x: Any) -> list[str]:
        return engines.select(path, engine, overlapping=x, session=session, connection=connection)

    found = ask(window)
    out["first"] = time.perf_counter() - start
    out["found"] = len(found)
    out["again"], _ = best(repeat, lambda: ask(window))
    out["year"], year = best(1, lambda: ask("2015"))
    out["year_found"] = len(year)
    out["rss_peak"] = peak_rss()
    if session is not None:
        session.stop()
    return out


WORKERS: dict[str, Callable[[Path, int, int, dict[str, Any]], dict[str, Any]]] = {
    "build": w_build,
    "build-trace": w_build_trace,
    "parquet-timeline": w_parquet_timeline,
    "parquet-warmed": w_parquet_warmed,
    "parquet-duckdb": w_parquet_duckdb,
    "parquet-engines": w_parquet_engines,
    "parquet-polars": w_parquet_polars,
    "jsonl-timeline": w_jsonl_timeline,
    "jsonl-warmed": w_jsonl_warmed,
    "jsonl-msgspec-lines": w_jsonl_msgspec_lines,
    "jsonl-msgspec": w_jsonl_msgspec,
    "jsonl-orjson": w_jsonl_orjson,
    "jsonl-json": w_jsonl_json,
    "parquet-rss": w_parquet_rss,
    "parquet-trace": w_parquet_trace,
    "queries": w_queries,
    "profile": w_profile,
    "big-make": w_big_make,
    "big": w_big,
}


# --------------------------------------------------------------------------------------
# The parent: runs the workers and prints the table.


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it (bench_engines' helper)."""
    import bench_engines

    return bench_engines._tree_rss(root)


def spawn(
    name: str, folder: Path, n: int, seed: int, options: dict[str, Any], tree: bool = False
) -> dict[str, Any] | None:
    """Run worker ``name`` in a fresh process; its figures (None, with a note, if it failed)."""
    command = [sys.executable, __file__, "--worker", name, str(folder), str(n), str(seed)]
    command.append(json.dumps(options))
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=poll, daemon=True)
    if tree:
        watcher.start()
    stdout, stderr = child.communicate()
    done.set()
    if tree:
        watcher.join()
    if child.returncode:
        print(f"  ({name} failed with exit code {child.returncode}: {stderr.strip()[-400:]})")
        return None
    out: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    if tree:
        out["tree_peak"] = peak
    return out


def best_of(
    repeat: int, name: str, folder: Path, n: int, seed: int, options: dict[str, Any]
) -> dict[str, Any] | None:
    """The fastest of ``repeat`` fresh processes of worker ``name`` (by its call's seconds).

    A call of more than ``LONG`` seconds is not repeated: the noise of the machine
    matters less there, and the full run stays within minutes.
    """
    done: list[dict[str, Any]] = []
    for _ in range(repeat):
        out = spawn(name, folder, n, seed, options)
        if out is None:
            continue
        done.append(out)
        if out["call"] > LONG:
            break
    return min(done, key=lambda r: r["call"]) if done else None


def seconds(s: float) -> str:
    return f"{s:.3f} s" if s < 10 else f"{s:.1f} s"


def micro(s: float) -> str:
    return f"{s * 1e6:,.1f} µs"


def mib(b: float) -> str:
    return f"{b / 2**20:,.0f} MiB"


def verdict(met: bool) -> str:
    return "met" if met else "missed"


class Table:
    """Rows of ``what | timeline | peer | ratio``, printed with aligned columns."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def section(self, title: str) -> None:
        self.rows.append((title,))

    def row(self, *cells: str) -> None:
        self.rows.append(cells)

    def print(self) -> None:
        cells = [r for r in self.rows if len(r) > 1]
        widths = [max(len(r[i]) for r in cells if len(r) > i) for i in range(4)]
        for r in self.rows:
            if len(r) == 1:
                print(r[0])
                continue
            line = f"  {r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}"
            if len(r) > 2:
                line += f" | {r[2]:<{widths[2]}}"
            if len(r) > 3:
                line += f" | {r[3]}"
            print(line.rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=None, help="events (1,000,000)")
    parser.add_argument("--queries", type=int, default=None, help="query windows (10,000)")
    parser.add_argument("--repeat", type=int, default=None, help="fresh processes (3; quick 2)")
    parser.add_argument("--seed", type=int, default=20170928)
    parser.add_argument("--quick", action="store_true", help="100,000 events, 1,000 queries")
    parser.add_argument("--big", action="store_true", help="10,000,000 events on DuckDB, Spark")
    parser.add_argument("--big-events", type=int, default=10_000_000)
    parser.add_argument("--profile", action="store_true", help="profile load_parquet")
    parser.add_argument("--worker", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        name, folder, n, seed, options = args.worker
        out = WORKERS[name](Path(folder), int(n), int(seed), json.loads(options))
        print(json.dumps(out))
        return
    n = args.events or (100_000 if args.quick else 1_000_000)
    count = args.queries or (1_000 if args.quick else 10_000)
    repeat, seed = args.repeat or (2 if args.quick else 3), args.seed
    started = time.perf_counter()
    have = {p: importlib.util.find_spec(p) is not None for p in PEERS}
    missing = [p for p in PEERS if not have[p] and (p != "pyspark" or args.big)]
    options: dict[str, Any] = {"repeat": repeat, "queries": count}
    table = Table()
    profile = None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{n:,} day-precision events in 1990–2030 (seed {seed}): building, writing ...")
        build = spawn("build", folder, n, seed, options)
        if build is None:
            raise SystemExit("could not build the timeline")
        print(
            f"  made in {build['events']:.1f} s + Timeline {build['timeline']:.1f} s; "
            f"Parquet {mib(build['size_parquet'])} (written in {build['write_parquet']:.1f} s), "
            f"JSON Lines {mib(build['size_jsonl'])} ({build['write_jsonl']:.1f} s)"
        )
        print(f"... Parquet to the first query ({repeat} fresh processes each)", flush=True)
        first = {
            name: best_of(repeat, f"parquet-{name}", folder, n, seed, options)
            for name, peer in (
                ("timeline", "timeline"),
                ("warmed", "timeline"),
                ("duckdb", "duckdb"),
                ("engines", "duckdb"),
                ("polars", "polars"),
            )
            if have.get(peer, True)
        }
        print("... JSON Lines to an indexed timeline", flush=True)
        lines = {
            name: best_of(repeat, f"jsonl-{name}", folder, n, seed, options)
            for name, peer in (
                ("timeline", "timeline"),
                ("warmed", "timeline"),
                ("msgspec-lines", "msgspec"),
                ("msgspec", "msgspec"),
                ("orjson", "orjson"),
                ("json", "json"),
            )
            if have.get(peer, True)
        }
        print(f"... {count:,} queries", flush=True)
        queries = spawn("queries", folder, n, seed, options)
        print("... memory", flush=True)
        loaded_rss = spawn("parquet-rss", folder, n, seed, options)
        loaded_trace = spawn("parquet-trace", folder, n, seed, options)
        built_trace = spawn("build-trace", folder, n, seed, options)
        if args.profile:
            print("... profile", flush=True)
            profile = spawn("profile", folder, n, seed, options)
        big: dict[str, dict[str, Any] | None] = {}
        big_made = None
        if args.big:
            print(f"... {args.big_events:,} events for the engines", flush=True)
            big_made = spawn("big-make", folder, args.big_events, seed, options)
            engines = [e for e, p in (("duckdb", "duckdb"), ("spark", "pyspark")) if have[p]]
            for engine in engines if big_made else []:
                print(f"... {engine} on {args.big_events:,} events", flush=True)
                big[engine] = spawn(
                    "big", folder, args.big_events, seed, {**options, "engine": engine}, tree=True
                )

    base = first.get("timeline")
    table.section(
        f"1. Parquet file → first overlap query (.ids; a 1–30-day window), {n:,} events, "
        f"best of {repeat} fresh processes (one if over {LONG:.0f} s)"
    )
    if base:
        ours = base["call"]
        peers = (
            ("duckdb", "DuckDB SQL, new connection"),
            ("engines", "timeline.engines, DuckDB"),
            ("polars", "polars read_parquet + filter"),
        )
        label = f"load_parquet + overlapping(w).ids ({base['found']:,} ids)"
        for key, name in peers:
            theirs = first.get(key)
            if not theirs:
                continue
            ratio = ours / theirs["call"]
            aim = f" (aim ≤2×: {verdict(ratio <= 2)})" if key == "duckdb" else ""
            table.row(
                label,
                seconds(ours) if label else "",
                f"{name} {seconds(theirs['call'])} ({theirs['found']:,})",
                f"{ratio:.2f}× {key}{aim}",
            )
            label = ""
        warmed, duckdb = first.get("warmed"), first.get("duckdb")
        if warmed:
            table.row(
                "  after a first use (a ten-event file)",
                seconds(warmed["call"]),
                f"the first use {seconds(warmed['first_use'])} (pyarrow's modules, and "
                "pandas if pyarrow finds it)",
                f"{warmed['call'] / duckdb['call']:.2f}× duckdb" if duckdb else "",
            )
        table.row(
            "the imports before the clock",
            seconds(base["import"]),
            ", ".join(f"{k} {seconds(first[k]['import'])}" for k, _ in peers if first.get(k)),
        )
    base = lines.get("timeline")
    table.section(f"2. JSON Lines → indexed timeline, {n:,} events, best of {repeat} processes")
    if base:
        ours = base["call"]
        label = "load_jsonl + t.index"
        for key, name in (
            ("msgspec-lines", "msgspec decode_lines, whole file"),
            ("msgspec", "msgspec decode per line"),
            ("orjson", "orjson.loads per line"),
            ("json", "json.loads per line"),
        ):
            theirs = lines.get(key)
            if not theirs:
                continue
            ratio = ours / theirs["call"]
            aim = "" if key == "json" else f" (aim ≤3×: {verdict(ratio <= 3)})"
            table.row(
                label,
                seconds(ours) if label else "",
                f"{name} {seconds(theirs['call'])}",
                f"{ratio:.2f}×{aim}",
            )
            label = ""
        warmed = lines.get("warmed")
        fastest = min(
            (lines[k]["call"] for k in ("msgspec-lines", "msgspec") if lines.get(k)), default=None
        )
        if warmed:
            table.row(
                "  after a first use (a ten-event file)",
                seconds(warmed["call"]),
                f"the first use {seconds(warmed['first_use'])}",
                f"{warmed['call'] / fastest:.2f}× msgspec's faster" if fastest else "",
            )
    table.section(f"3. {count:,} overlap queries of 1–30 days on {n:,} events, per query")
    if queries:
        q = queries
        hits = f"{q['hits']:,.0f} ids each"
        if "ncls" in q:
            ncls = f"ncls find_overlap, tuples {micro(q['ncls'] / count)}"
            for label, key in (
                (f"t.overlapping(w).ids ({hits})", "view"),
                ("t.index.overlapping(first, last)", "raw"),
            ):
                speed = q["ncls"] / q[key]
                table.row(
                    label,
                    micro(q[key] / count),
                    ncls,
                    f"{speed:.1f}× as fast as ncls (aim ≥10×: {verdict(speed >= 10)})",
                )
            table.row(
                "index build (t.index after load)",
                seconds(q["index_build"]),
                f"ncls build {seconds(q['ncls_build'])}",
            )
            same = q["ncls_same"] and q["raw_same"]
            table.row(
                "same ids on every window",
                "yes" if same else "NO",
                f"view = raw index {q['raw_same']}, view = ncls {q['ncls_same']}",
            )
        else:
            table.row(f"t.overlapping(w).ids ({hits})", micro(q["view"] / count))
            table.row("t.index.overlapping(first, last)", micro(q["raw"] / count))
    table.section(
        "4. Memory per event: retained after a collection (tracemalloc + pyarrow's pool), "
        "peak while loading and querying; RSS growth in a run without tracemalloc"
    )
    if loaded_trace and loaded_rss:
        m = loaded_trace
        held = (m["held"] + m["pool"]) / n
        # Each phase's two peaks summed (an upper bound: they need not coincide).
        loading = (m["load_peak"] + m["load_pool_peak"]) / n
        querying = (m["query_peak"] + m["query_pool_peak"]) / n
        peak = max(loading, querying)
        table.row(
            "load_parquet + first query, retained",
            f"{held:.0f} B",
            f"tracemalloc {m['held'] / n:.0f} + pyarrow pool {m['pool'] / n:.0f}; "
            f"RSS +{loaded_rss['rss'] / n:.0f} B",
            f"aim ≤120 B: {verdict(held <= 120)}",
        )
        table.row(
            "  peak while loading and querying",
            f"{peak:.0f} B",
            f"load: tracemalloc {m['load_peak'] / n:.0f} + pyarrow pool "
            f"{m['load_pool_peak'] / n:.0f}; first query: {m['query_peak'] / n:.0f} + "
            f"{m['query_pool_peak'] / n:.0f}; RSS peak +{loaded_rss['rss_peak'] / n:.0f} B",
            f"{peak / held:.1f}× retained (aim <2×: {verdict(peak < 2 * held)})",
        )
    if built_trace and build:
        m = built_trace
        held = (m["held"] + m["pool"]) / n
        peak = (m["peak"] + m["pool_peak"]) / n
        table.row(
            "Timeline(events) in code + first query",
            f"{held:.0f} B",
            f"tracemalloc {m['held'] / n:.0f} (events alone {m['events'] / n:.0f}) + pyarrow "
            f"pool {m['pool'] / n:.0f}; RSS +{build['rss'] / n:.0f} B",
        )
        table.row(
            "  peak while building",
            f"{peak:.0f} B",
            f"RSS peak +{build['rss_peak'] / n:.0f} B",
            f"{peak / held:.1f}× retained",
        )
    if build:
        baseline = BASELINE_BUILD * n / 1_000_000
        table.row("making the events", seconds(build["events"]))
        table.row(
            "Timeline(events)",
            seconds(build["timeline"]),
            f"baseline {seconds(baseline)}" + ("" if n == 1_000_000 else " (scaled)"),
            f"{baseline / build['timeline']:.1f}× as fast",
        )
        table.row("its first query (builds the index)", seconds(build["first_query"]))
    if args.big:
        size = f", {mib(big_made['size'])}" if big_made else ""
        table.section(f"5. {args.big_events:,} events through timeline.engines.select{size}")
        for engine, b in big.items():
            if not b:
                continue
            start = f" (session start {seconds(b['session'])})" if "session" in b else ""
            table.row(
                f"{engine}: first 1–30-day query{start}",
                seconds(b["first"]),
                f"next, best of {repeat} {seconds(b['again'])}; {b['found']:,} ids; "
                f"'2015' {seconds(b['year'])} ({b['year_found']:,} ids)",
            )
            jvm = "; the JVM is a process of its own" if engine == "spark" else ""
            table.row(
                f"{engine}: peak RSS",
                mib(b["rss_peak"]),
                f"Python process; its process tree {mib(b['tree_peak'])}{jvm}",
            )
    print()
    table.print()
    notes = []
    if missing:
        notes.append(f"not installed, skipped: {', '.join(missing)}")
    notes.append(
        "memory: tracemalloc sees Python objects and numpy arrays; pyarrow's own pool "
        "(bytes_allocated, max_memory) is added; RSS from /proc/self/statm and "
        "resource.getrusage (ru_maxrss); peaks of the two are summed, an upper bound"
    )
    notes.append(f"ran in {time.perf_counter() - started:.0f} s")
    for note in notes:
        print(f"({note})")
    if profile:
        print()
        print("load_parquet + first query (imports done before), by cumulative and own time:")
        print(profile["text"].strip())


if __name__ == "__main__":
    main()
