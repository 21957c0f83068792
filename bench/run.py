"""``make bench``: rootfit against the peers that are installed, as ratios from one run.

``F2``/``F3``: 10⁴ single-value fills in a Python loop, the façade's ``TH1D.Fill`` and the
Pythonic ``Histogram.fill`` (ROOT's and boost-histogram's scalar fill for both).

Peers: iminuit and scipy in this environment; ROOT 6.40 in its own virtualenv
(``--root-python``), run as a subprocess. Timings are the median of warm repeats; the first
call (JIT compilation included) is reported separately. Ratios > 1 mean rootfit is slower.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import measure
from peers_python import (
    EVAL_CASES,
    boost_workloads,
    iminuit_workloads,
    numpy_workloads,
    rootfit_workloads,
    scipy_workloads,
)

WORKLOADS = [
    "F1 fill 1e7", "F2 Fill 1e4", "F3 fill 1e4", *EVAL_CASES, "W1", "W2", "W4", "W6a", "W6b", "W6c", "W6d", "W7", "W8"
]  # fmt: skip


def load(data_dir: str) -> dict[str, dict[str, np.ndarray]]:
    return {n: dict(np.load(os.path.join(data_dir, f"{n}.npz"))) for n in ("w1", "w2", "w4", "w6")}


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1e3:9.3f} ms" if seconds < 1 else f"{seconds:9.3f} s "


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="bench/data")
    ap.add_argument("--root-python", default=".venv-root/bin/python")
    ap.add_argument("--json", help="also write the timings to this file")
    ap.add_argument(
        "--events", type=int, default=10_000_000, help="events of the chunked unbinned fit"
    )
    ap.add_argument("--no-scaleout", action="store_true", help="skip the Dask benchmarks")
    args = ap.parse_args(argv)
    data = load(args.data)
    timings: dict[str, dict[str, dict[str, float]]] = {}
    for peer, factory in (
        ("rootfit", rootfit_workloads),
        ("numpy", numpy_workloads),
        ("iminuit", iminuit_workloads),
        ("scipy", scipy_workloads),
        ("boost-histogram", boost_workloads),
    ):
        try:
            work = factory(data)
        except ImportError as exc:
            print(f"skipping {peer}: {exc}", file=sys.stderr)
            continue
        timings[peer] = {name: measure(run) for name, run in work.items()}
    if os.path.exists(args.root_python):
        here = os.path.dirname(os.path.abspath(__file__))
        out = subprocess.run(
            [args.root_python, os.path.join(here, "root_peer.py"), args.data],
            capture_output=True,
            text=True,
        )
        if out.returncode == 0:
            timings["ROOT"] = json.loads(out.stdout.strip().splitlines()[-1])
        else:
            print(f"ROOT peer failed:\n{out.stderr[-2000:]}", file=sys.stderr)
    else:
        print(
            f"ROOT not found at {args.root_python} (make references installs it)", file=sys.stderr
        )

    peers = [p for p in ("ROOT", "numpy", "boost-histogram", "iminuit", "scipy") if p in timings]
    header = f"{'workload':15} {'rootfit':>12} {'(1st call)':>12} " + " ".join(
        f"{p:>12} {'ratio':>6}" for p in peers
    )
    print(header)
    print("-" * len(header))
    for w in WORKLOADS:
        ours = timings["rootfit"].get(w)
        row = f"{w:15} {fmt(ours['median']) if ours else '-':>12} {fmt(ours['first']) if ours else '-':>12} "
        for p in peers:
            theirs = timings[p].get(w)
            ratio = f"{ours['median'] / theirs['median']:6.2f}" if ours and theirs else "     -"
            row += f"{fmt(theirs['median']) if theirs else '-':>12} {ratio} "
        print(row)
    print("ratio = rootfit time / peer time (median of warm repeats, one run, one machine)")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(timings, fh, indent=1)
    if not args.no_scaleout:
        import scaleout

        scaleout.run(args.data, args.events)


if __name__ == "__main__":
    main()
