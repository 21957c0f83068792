"""Scale-out benchmarks (``make bench`` runs them after the peer table).

* S1 — W4's 1000 small fits: a serial loop of ``rf.fit``, ``rf.fit_many`` with the default
  executor (a forked process pool on this machine), and ``rf.fit_many`` on a Dask
  ``LocalCluster`` (2 worker processes): fits per second and the ratio to the serial loop.
* S2 — W3's extended unbinned fit (first ``--events`` events, default W3b's 1e7): in memory
  against :class:`rootfit.ChunkedEvents` on the same LocalCluster (chunks of 1e6 events), the
  same option ``G`` (analytic gradient) for both; times, their ratio and the largest difference
  of the fitted values in units of their errors.
"""

from __future__ import annotations

import functools
import time
from typing import Any

import numpy as np

import rootfit as rf

W3_MODEL = (
    "[0]*exp(-0.5*((x-[1])/[2])^2)/(sqrt(2*pi)*[2]*0.5*(erf((10-[1])/(sqrt(2)*[2]))"
    "-erf(-[1]/(sqrt(2)*[2]))))+[3]*[4]*exp(-[4]*x)/(1-exp(-10*[4]))"
)


def _best_of(run: Any, repeats: int = 3) -> float:
    run()  # warm: compiled kernels, forked pools
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def batch_throughput(w4: dict[str, np.ndarray], client: Any) -> dict[str, float]:
    hists = [rf.Histogram.from_counts(c, w4["edges"]) for c in w4["counts"]]
    return {
        "serial loop": _best_of(lambda: [rf.fit(h, "gaus", "Q") for h in hists]),
        "fit_many (default)": _best_of(lambda: rf.fit_many(hists, "gaus", "Q", progress=False)),
        "fit_many (LocalCluster)": _best_of(
            lambda: rf.fit_many(hists, "gaus", "Q", executor=client, progress=False)
        ),
    }


def w3_options(model: rf.Function, n: int) -> dict[str, Any]:
    """W3's range, extended likelihood and start values for ``n`` events (WORKLOADS.md)."""
    start = [0.15 * n, 4.2, 0.5, 0.85 * n, 0.3]
    names = dict(zip(model.parameter_names, start, strict=True))
    return dict(range=(0, 10), extended=True, start=names)


def unbinned_chunked(x: np.ndarray, client: Any) -> dict[str, Any]:
    model = rf.Function(W3_MODEL)
    options = functools.partial(w3_options, model)
    kw = options(x.size)
    rf.fit(x[:10_000], model, "G", **options(10_000))  # compile here, not in the timing
    t0 = time.perf_counter()
    memory = rf.fit(x, model, "G", **kw)
    t_memory = time.perf_counter() - t0
    t0 = time.perf_counter()
    events = rf.ChunkedEvents(x, client=client, chunks=1_000_000)  # pieces sent to the workers
    t_load = time.perf_counter() - t0
    warm = rf.ChunkedEvents(x[:10_000], client=client, chunks=5_000)
    rf.fit(warm, model, "G", **options(10_000))  # compile on the workers
    t0 = time.perf_counter()
    chunked = rf.fit(events, model, "G", **kw)
    t_chunked = time.perf_counter() - t0
    errors = memory.errors.to_numpy()
    diff = np.abs(chunked.values.to_numpy() - memory.values.to_numpy()) / errors
    return {
        "events": x.size,
        "in memory": t_memory,
        "chunked": t_chunked,
        "persist": t_load,
        "calls": (memory.ncalls, chunked.ncalls),
        "max |diff|/error": float(diff.max()),
        "valid": (memory.valid, chunked.valid),
    }


def run(data_dir: str, events: int) -> None:
    import os

    from rootfit.executors import local_dask_client

    w4 = dict(np.load(os.path.join(data_dir, "w4.npz")))
    x = np.load(os.path.join(data_dir, "w3.npz"))["x"][:events]
    with local_dask_client(2) as client:
        batch = batch_throughput(w4, client)
        unbinned = unbinned_chunked(x, client)
    serial = batch["serial loop"]
    print("\nscale-out (this machine: 2 cores; LocalCluster = 2 worker processes)")
    print(f"{'S1 W4 1000 fits':28} {'time':>10} {'fits/s':>9} {'speed-up':>9}")
    for name, t in batch.items():
        print(f"  {name:26} {t * 1e3:8.1f} ms {1000 / t:9.0f} {serial / t:8.2f}x")
    u = unbinned
    print(
        f"S2 W3 {u['events']:.0e} events, option G: in memory {u['in memory']:.2f} s, "
        f"chunked {u['chunked']:.2f} s (ratio chunked/memory {u['chunked'] / u['in memory']:.2f}; "
        f"persisting the chunks {u['persist']:.2f} s), calls {u['calls']}, "
        f"max |Δvalue|/error {u['max |diff|/error']:.1e}, valid {u['valid']}"
    )


def w3_recipe(n: int, seed: int = 303) -> np.ndarray:
    """``n`` events of W3's recipe (WORKLOADS.md): 20 % truncated N(4, 0.6), 80 % truncated
    exponential λ = 0.35, on [0, 10], shuffled."""
    rng = np.random.default_rng(seed)
    signal = rng.normal(4.0, 0.6, 3 * n // 10)
    signal = signal[(signal > 0) & (signal < 10)][: n // 5]
    u = rng.random(n - signal.size)
    background = -np.log(1 - u * (1 - np.exp(-3.5))) / 0.35  # inverse CDF on [0, 10]
    return rng.permutation(np.concatenate([signal, background]))


def main() -> None:
    """``python bench/scaleout.py --big N``: the chunked fit of N events of W3's recipe against
    the in-memory fit (value-only Migrad, as the agreement check of the scale-out work)."""
    import argparse

    from rootfit.executors import local_dask_client

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--big", type=float, default=1e8)
    args = ap.parse_args()
    x = w3_recipe(int(args.big))
    model = rf.Function(W3_MODEL)
    n = x.size
    kw = w3_options(model, n)
    with local_dask_client(2) as client:
        events = rf.ChunkedEvents(x, client=client, chunks=2_000_000)
        t0 = time.perf_counter()
        chunked = rf.fit(events, model, **kw)
        t_chunked = time.perf_counter() - t0
    t0 = time.perf_counter()
    memory = rf.fit(x, model, **kw)
    t_memory = time.perf_counter() - t0
    diff = np.abs(chunked.values.to_numpy() - memory.values.to_numpy()) / memory.errors.to_numpy()
    print(
        f"{n:.2e} events: chunked {t_chunked:.1f} s ({chunked.ncalls} calls, valid "
        f"{chunked.valid}), in memory {t_memory:.1f} s ({memory.ncalls} calls, valid "
        f"{memory.valid}); max |Δvalue|/error {diff.max():.2e}"
    )
    print("chunked", chunked.values, "\nmemory ", memory.values)


if __name__ == "__main__":
    main()
