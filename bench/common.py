"""Timing helpers shared by the benchmark peers (no rootfit import: ROOT's venv uses it too)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def measure(run: Callable[[], Any], repeats: int = 5, min_time: float = 0.2) -> dict[str, float]:
    """First call (includes JIT) and the median of warm repeats, in seconds.

    Each warm sample runs ``run`` enough times to last ``min_time`` and reports the mean.
    """
    t0 = time.perf_counter()
    run()
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    run()
    one = max(time.perf_counter() - t0, 1e-7)
    inner = max(1, int(min_time / one))
    if one > 1.0:  # long workloads (W3a, W3b): fewer samples
        repeats = min(repeats, 3 if one < 5.0 else 1)
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            run()
        samples.append((time.perf_counter() - t0) / inner)
    return {"first": first, "median": statistics.median(samples)}
