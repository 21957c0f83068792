"""Many small fits in one process: memory does not grow (10 000 fits under the slow marker, a
short run by default)."""

from __future__ import annotations

import gc
import os

import numpy as np
import pytest

import rootfit as rf


def _rss_mib() -> float:
    """Resident memory of this process (Linux /proc; the test is skipped elsewhere)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _fits(n: int) -> None:
    rng = np.random.default_rng(0)
    for _ in range(n):
        h = rf.Histogram(30, -4, 4)
        h.fill(rng.normal(rng.uniform(-0.5, 0.5), 1.0, 300))
        r = rf.fit(h, "gaus")
        assert r.valid


def _growth(warmup: int, n: int) -> float:
    _fits(warmup)
    gc.collect()
    before = _rss_mib()
    _fits(n)
    gc.collect()
    return _rss_mib() - before


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_memory_is_stable_over_many_fits():
    assert _growth(200, 800) < 15.0


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_ten_thousand_fits_do_not_grow_memory():
    assert _growth(500, 10_000) < 30.0
