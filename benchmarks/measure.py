"""Timing and memory helpers shared by the benchmark scripts (not a benchmark itself)."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Seconds ``fn`` takes after a collection, and what it returns."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated by ``fn`` while it runs and holds its result."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak
