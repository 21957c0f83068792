"""ROOT's starred tutorials the Pythonic way, part 2
=================================================

More of ROOT's starred fit tutorials the Pythonic way (see also ``pythonic_fits.py``; the
façade ports with ROOT's own calls are the other files of this folder):

* **multifit** — three Gaussians fitted in sub-ranges, then their sum started from them;
* **fitExclude** — a straight background fitted with a window around a peak left out;
* **fitLinear** — linear models (``pol3``, ``"1 ++ exp(-x)"``) solved in closed form;
* **fitLinearRobust** — least trimmed squares (``ROB=0.75``) against outliers;
* **fitMultiGraph** — one parabola through three graphs;
* **ConfidenceIntervals** — the 95 % band of a straight-line fit;
* **minuit2GausFit** — χ², integral, Minos and likelihood fits with Minuit2 and Fumili2;
* **combinedFit** — two histograms sharing a parameter, fitted at once (a ``CostSum``).

Run: ``python tutorials/pythonic_fits2.py``; ``main(fast=True)`` is the test suite's run.
"""

from __future__ import annotations

import importlib.util
import os
import sys

import numpy as np

import rootfit as rf
from rootfit import intervals
from rootfit.plotting import plot_fit

# this folder (the documentation's gallery runs the script in it without setting __file__)
HERE = os.path.dirname(os.path.abspath(globals().get("__file__", "pythonic_fits2.py")))
#: Where the figures go: ``tutorials/output/``.
OUTPUT = os.path.join(HERE, "output")


def _multifit_data() -> list[float]:
    """The literal bins of ROOT's multifit tutorial (kept in ``multifit.py`` beside this)."""
    spec = importlib.util.spec_from_file_location("multifit", os.path.join(HERE, "multifit.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.X)


def multifit(rng: np.random.Generator, out: str) -> rf.FitResult:
    x = _multifit_data()
    h = rf.Histogram.from_counts(np.array(x), np.linspace(85, 85 + len(x), len(x) + 1))
    parts = [rf.fit(h, "gaus", range=window) for window in ((85, 95), (98, 108), (110, 121))]
    start = np.concatenate([p.values.to_numpy() for p in parts])
    r = rf.fit(h, "gaus(0)+gaus(3)+gaus(6)", range=(85, 125), start=start)
    plot_fit(h, r, os.path.join(out, "multifit.png"))
    return r


def fit_exclude(rng: np.random.Generator, out: str) -> rf.FitResult:
    h = rf.Histogram(100, 0, 5, title="background with a peak")
    h.fill(np.concatenate([rng.triangular(0, 5, 5, 20_000), rng.normal(2.8, 0.15, 2000)]))
    x, y, e = h.axis.centers, h.values(), h.errors()
    keep = ((x < 2.4) | (x > 3.2)) & (e > 0)  # the peak's window is left out
    side_bands = rf.Graph(x[keep], y[keep], yerr=e[keep], title="side bands")
    r = rf.fit(side_bands, "pol1")
    plot_fit(side_bands, r, os.path.join(out, "fitExclude.png"))
    return r


def fit_linear(rng: np.random.Generator, out: str) -> rf.FitResult:
    x = np.linspace(-1, 1, 40)
    y = 1.0 + 2.0 * x - 0.5 * x**3 + rng.normal(0, 0.05, x.size)
    g = rf.Graph(x, y, yerr=np.full(x.size, 0.05), title="pol3 in closed form")
    r = rf.fit(g, "pol3")  # a linear model: solved by linear least squares, no iterations
    expo_line = rf.fit(g, "1 ++ exp(-x)")
    print(
        f"fitLinear: pol3 by {r.minimizer}; '1 ++ exp(-x)' χ²/ndf {expo_line.chi2:.4g}/{expo_line.ndf}"
    )
    plot_fit(g, r, os.path.join(out, "fitLinear.png"), pulls="pull")
    return r


def fit_linear_robust(rng: np.random.Generator, out: str) -> rf.FitResult:
    x = np.linspace(-1, 1, 60)
    y = 1.0 + x + x**2 + x**3 + rng.normal(0, 0.1, x.size)
    y[rng.choice(x.size, 12, replace=False)] += rng.uniform(2, 5, 12)  # outliers
    g = rf.Graph(x, y, title="cubic with outliers")
    ordinary, robust = rf.fit(g, "pol3"), rf.fit(g, "pol3", "ROB=0.75")
    print("fitLinearRobust:", np.round(ordinary.values.to_numpy(), 3), "vs",
          np.round(robust.values.to_numpy(), 3))  # fmt: skip
    return robust


def fit_multi_graph(rng: np.random.Generator, out: str) -> rf.FitResult:
    mg = rf.MultiGraph(title="three measurements of one parabola")
    for lo, hi in ((-2, 0), (-0.5, 1.5), (1, 3)):
        x = np.linspace(lo, hi, 12)
        y = 0.5 * x**2 - x + 2 + rng.normal(0, 0.1, x.size)
        mg.add(rf.Graph(x, y, yerr=np.full(x.size, 0.1)))
    r = rf.fit(mg, "pol2", "F")  # F: Minuit instead of the linear solver
    plot_fit(mg, r, os.path.join(out, "fitMultiGraph.png"))
    return r


def confidence_intervals(rng: np.random.Generator, out: str) -> rf.FitResult:
    x = rng.uniform(-1, 1, 50)
    y = 3.0 * x + rng.normal(0, 0.5, x.size)
    g = rf.Graph(x, y, title="a line and its 95% band")
    r = rf.fit(g, "pol1")
    band = intervals.confidence_band(r, np.linspace(-1, 1, 5), cl=0.95)
    print("ConfidenceIntervals: 95% half-widths", np.round(band.error, 4))
    plot_fit(g, r, os.path.join(out, "ConfidenceIntervals.png"), band=0.95)
    return r


def minuit2_gaus_fit(rng: np.random.Generator, out: str) -> rf.FitResult:
    h = rf.Histogram(100, -5, 5, title="gaussian")
    h.fill(rng.normal(0, 1, 10_000))
    last = None
    for minimizer in ("Minuit2", "Fumili2"):
        options = rf.MinimizerOptions(minimizer_type=minimizer)
        for letters in ("Q", "EQ", "IGEQ", "LEQ"):
            last = rf.fit(h, "gaus", letters, minimizer=options)
            print(f"minuit2GausFit {minimizer:7} {letters:5} Sigma = {last.values['Sigma']:.5f}"
                  f" ± {last.errors['Sigma']:.5f}")  # fmt: skip
    assert last is not None
    return last


def combined_fit(rng: np.random.Generator, out: str) -> rf.FitResult:
    background = rf.Histogram(100, 0, 100, title="background")
    background.fill(rng.exponential(1 / 0.05, 20_000))
    signal = rf.Histogram(100, 0, 100, title="signal + background")
    signal.fill(np.concatenate([rng.exponential(1 / 0.05, 20_000), rng.normal(30, 5, 1000)]))
    cost = rf.CostSum(
        rf.prepare_fit(background, "expo").cost,
        rf.prepare_fit(signal, "expo(0)+gaus(2)").cost,
        rename=[{"Constant": "A_b", "Slope": "slope"}, {"p0": "A_sb", "p1": "slope"}],
    )  # the two exponentials share their slope
    r = rf.Fitter().fit(cost, [7.0, -0.05, 7.0, 50.0, 30.0, 5.0])
    shown = ", ".join(
        f"{n}={v:.4g}" for n, v in zip(cost.parameter_names, r.values.to_numpy(), strict=True)
    )
    print("combinedFit:", shown)
    return r


TUTORIALS = {
    "multifit": multifit, "fitExclude": fit_exclude, "fitLinear": fit_linear,
    "fitLinearRobust": fit_linear_robust, "fitMultiGraph": fit_multi_graph,
    "ConfidenceIntervals": confidence_intervals, "minuit2GausFit": minuit2_gaus_fit,
    "combinedFit": combined_fit,
}  # fmt: skip


def main(outdir: str = OUTPUT, fast: bool = False) -> dict[str, rf.FitResult]:
    os.makedirs(outdir, exist_ok=True)
    results = {}
    for name, tutorial in TUTORIALS.items():
        results[name] = r = tutorial(np.random.default_rng(2027), outdir)
        print(f"{name:20} valid={r.valid} χ²/ndf={r.chi2:.4g}/{r.ndf}")
    return results


if __name__ == "__main__":
    main(*sys.argv[1:2])
