"""Inspect your errors
===================

Inspect your errors: what a fit's uncertainties rest on, in the spirit of Gammapy's fitting
tutorial.

A Gaussian peak on a falling background is fitted with the Poisson likelihood, then looked at
from every side: the minimizer's path (``store_trace``), the covariance and its correlations,
``diagnose()``, another backend (Fumili2) for comparison, Minos against the parabolic errors, a
likelihood profile with re-optimisation, two-parameter contours at 1σ and 2σ, and a TS surface.
Figures go to ``tutorials/output/``. Run: ``python tutorials/inspect_errors.py``.
"""

from __future__ import annotations

import os
import sys

import numpy as np

import rootfit as rf
from rootfit import intervals
from rootfit.plotting import (
    plot_contours,
    plot_correlation,
    plot_fit,
    plot_profile,
    plot_surface,
    plot_trace,
)

#: Where the figures go: ``tutorials/output/`` (the documentation's gallery runs the script in
#: that folder without setting ``__file__``).
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(globals().get("__file__", "inspect_errors.py"))), "output"
)

MODEL = "gaus(0)+expo(3)"


def data(seed: int = 11) -> rf.Histogram:
    rng = np.random.default_rng(seed)
    h = rf.Histogram(60, 0, 10, name="peak", title="peak on a background", label="m [GeV]")
    h.fill(np.concatenate([rng.normal(5.0, 0.5, 600), rng.exponential(3.0, 4000)]))
    return h


def main(outdir: str = OUTPUT, fast: bool = False) -> rf.FitResult:
    os.makedirs(outdir, exist_ok=True)
    h = data()
    start = {"p0": 100.0, "p1": 5.2, "p2": 0.6, "p3": 5.0, "p4": -0.3}
    r = rf.fit(h, MODEL, "LE", start=start, store_trace=True)
    r.print()
    print(r.diagnose())
    fumili = rf.fit(
        h, MODEL, "L", start=start, minimizer=rf.MinimizerOptions(minimizer_type="Fumili2")
    )
    print(f"Migrad {r.min_fcn:.6f} in {r.ncalls} calls; Fumili2 {fumili.min_fcn:.6f} "
          f"in {fumili.ncalls} calls (the same minimum by another road)")  # fmt: skip
    for name, (lower, upper) in r.minos.items():
        print(f"{name:4} parabolic ±{r.errors[name]:.4g}   Minos {lower:+.4g} / {upper:+.4g}")
    size = 9 if fast else 21
    profile = intervals.profile(r, "p2", size=size)
    print("profile interval of the width:", profile.interval(sigma=1))
    plot_fit(h, r, os.path.join(outdir, "inspect_fit.png"), pulls="pull")
    plot_trace(r).savefig(os.path.join(outdir, "inspect_trace.png"))
    plot_correlation(r).savefig(os.path.join(outdir, "inspect_correlation.png"))
    plot_profile(profile).savefig(os.path.join(outdir, "inspect_profile.png"))
    contours = intervals.contours(r, "p1", "p2", size=12 if fast else 40)
    plot_contours(contours, best=r).savefig(os.path.join(outdir, "inspect_contours.png"))
    surface = intervals.surface(r, "p1", "p2", size=(9, 9) if fast else (31, 31))
    plot_surface(surface).savefig(os.path.join(outdir, "inspect_surface.png"))
    return r


if __name__ == "__main__":
    main(*sys.argv[1:2])
