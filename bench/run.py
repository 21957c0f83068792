"""``make bench``: rootfit against the peers that are installed, as speed-ups from one run.

Workloads W1–W8 are ``../shared/bench/WORKLOADS.md``'s (W3a: its first 10⁶ events, W3b all 10⁷);
``F1``–``F3`` fill histograms (``F2``/``F3``: 10⁴ single-value fills in a Python loop, the
façade's ``TH1D.Fill`` and the Pythonic ``Histogram.fill``); ``E1``–``E3`` evaluate formulas.

Peers: iminuit, scipy, lmfit and boost-histogram in this environment; ROOT 6.40 in its own
virtualenv (``--root-python``), run as a subprocess. Timings are the median of warm repeats;
the first call (JIT compilation included) is reported separately, and the cold start — a new
process importing the package and running its first fit — is measured for rootfit and ROOT.
The table (bench/report.py) gives each workload's speed-up against its target peers and the
target of the performance issue, and compares with the previous results (bench/results.json,
rewritten with ``--save``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coldstart
import report
from common import measure
from peers_lmfit import lmfit_workloads
from peers_python import (
    EVAL_CASES,
    boost_workloads,
    iminuit_workloads,
    numpy_workloads,
    rootfit_workloads,
    scipy_workloads,
)

WORKLOADS = [
    "F1 fill 1e7", "F2 Fill 1e4", "F3 fill 1e4", *EVAL_CASES,
    "W1", "W2", "W3a", "W3b", "W4", "W4 loop", "W5", "W6a", "W6b", "W6c", "W6d", "W7", "W8",
]  # fmt: skip


def load(data_dir: str) -> dict[str, dict[str, np.ndarray]]:
    names = ("w1", "w2", "w3", "w4", "w5", "w6")
    return {n: dict(np.load(os.path.join(data_dir, f"{n}.npz"))) for n in names}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="bench/data")
    ap.add_argument("--root-python", default=".venv-root/bin/python")
    ap.add_argument("--json", help="also write the timings to this file")
    ap.add_argument(
        "--events", type=int, default=10_000_000, help="events of the chunked unbinned fit"
    )
    ap.add_argument("--no-scaleout", action="store_true", help="skip the Dask benchmarks")
    ap.add_argument(
        "--results",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json"),
        help="results of the previous run, compared with this one",
    )
    ap.add_argument("--save", action="store_true", help="write this run's results to --results")
    args = ap.parse_args(argv)
    data = load(args.data)
    timings: dict[str, dict[str, dict[str, float]]] = {}
    for peer, factory in (
        ("rootfit", rootfit_workloads),
        ("numpy", numpy_workloads),
        ("iminuit", iminuit_workloads),
        ("scipy", scipy_workloads),
        ("lmfit", lmfit_workloads),
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

    previous = report.load_results(args.results)
    print("\n".join(report.table(WORKLOADS, timings, previous)))
    root_python = args.root_python if os.path.exists(args.root_python) else None
    cold = coldstart.run(os.path.join(args.data, "w1.npz"), root_python)
    print("\n".join(report.cold_start_rows(cold)))
    if args.save:
        report.save_results(args.results, timings, cold)
        print(f"results written to {args.results}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(timings, fh, indent=1)
    if not args.no_scaleout:
        import scaleout

        scaleout.run(args.data, args.events)


if __name__ == "__main__":
    main()
