"""ROOT's starred tutorials the Pythonic way, part 1
=================================================

ROOT's starred fit tutorials the Pythonic way: each function below is one tutorial
(``fit1``, ``myfit``, ``FittingDemo``, ``fitNormSum``, ``fitConvolution``, ``fit2``,
``graph2dfit``), with seeded numpy data in place of ``gRandom``, pure ``rf.fit`` calls, and a
figure written to ``tutorials/output/``.

* **fit1** — a histogram filled from a formula that references another function by name,
  fitted with the formula alone (ROOT: ``FillRandom`` + ``Fit("sqroot")``).
* **myfit** — a Python function as the model, fitted in a range (ROOT: a C++ function + ``R``).
* **FittingDemo** — quadratic background plus a Lorentzian peak on the tutorial's 60 bins,
  first from every parameter at 1, then from that result with a width and a position for the
  peak (ROOT's two tries).
* **fitNormSum** — a normalised sum of a Crystal Ball and an exponential (``NSUM``): the
  coefficients are the expected counts per unit of x (so per bin once multiplied by its width).
* **fitConvolution** — a decay (an exponential starting at 0) convolved with a Gaussian
  resolution (``CONV``) over the whole spectrum; the resolution's constant and mean are fixed
  (they would repeat the exponential's). ROOT's tutorial fits an untruncated ``expo`` in a
  0–5 window, where slope and width are barely told apart.
* **fit2** — a 2-D function fitted to a 2-D histogram.
* **graph2dfit** — a surface fitted to scattered 2-D points (a ``Graph2D``).

Run: ``python tutorials/pythonic_fits.py``; ``main(fast=True)`` is the test suite's run.
"""

from __future__ import annotations

import os
import sys

import numpy as np

import rootfit as rf
from rootfit.plotting import plot_fit

#: Where the figures go: ``tutorials/output/`` (the documentation's gallery runs the script in
#: that folder without setting ``__file__``).
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(globals().get("__file__", "pythonic_fits.py"))), "output"
)


def fit1(rng: np.random.Generator, out: str) -> rf.FitResult:
    sqroot = "x*gaus(0) + [3]*sqrt(x)"
    truth = rf.Function(sqroot, range=(0, 10))
    truth.set_parameters([10, 4, 1, 20])
    h = rf.Histogram(200, 0, 10, name="h1f", title="Test random numbers", label="x")
    h.fill_random(truth, 10_000, rng)
    r = h.fit(sqroot, "Q", start=[8.0, 4.2, 1.2, 18.0])
    plot_fit(h, r, os.path.join(out, "fit1.png"), pulls="pull")
    return r


def myfit(rng: np.random.Generator, out: str) -> rf.FitResult:
    def fitf(x: np.ndarray, a: float, b: float, c: float) -> np.ndarray:
        """A user function of the data and three parameters (ROOT: a C++ function)."""
        return a * np.exp(-0.5 * ((x - b) / c) ** 2)

    h = rf.Histogram(100, -4, 4, name="hpx", title="px distribution", label="px")
    h.fill(rng.normal(0.0, 1.0, 25_000))
    r = rf.fit(h, fitf, range=(-3, 3), start={"a": 500.0, "b": 0.0, "c": 1.0})
    plot_fit(h, r, os.path.join(out, "myfit.png"))
    return r


#: FittingDemo's 60 bins (ROOT's tutorial data: Bevington's exercise).
DEMO_DATA = [
    6, 1, 10, 12, 6, 13, 23, 22, 15, 21, 23, 26, 36, 25, 27, 35, 40, 44, 66, 81,
    75, 57, 48, 45, 46, 41, 35, 36, 53, 32, 40, 37, 38, 31, 36, 44, 42, 37, 32, 32,
    43, 44, 35, 33, 33, 39, 29, 41, 32, 44, 26, 39, 29, 35, 32, 21, 21, 15, 25, 15,
]  # fmt: skip


def fitting_demo(rng: np.random.Generator, out: str) -> rf.FitResult:
    model = "[0] + [1]*x + [2]*x*x + (0.5*[3]*[4]/pi) / max(1e-10, (x-[5])^2 + 0.25*[4]^2)"
    h = rf.Histogram.from_counts(np.array(DEMO_DATA, dtype=float), np.linspace(0, 3, 61))
    h.title = "Lorentzian peak on quadratic background"
    first = rf.fit(h, model, start=[1.0] * 6)  # ROOT's first try: every parameter at 1
    start = first.values.to_numpy()
    start[4], start[5] = 0.2, 1.0  # then a width and a position for the peak
    r = rf.fit(h, model, start=start)
    print(f"FittingDemo: first try χ² {first.chi2:.4g}, second {r.chi2:.4g}")
    plot_fit(h, r, os.path.join(out, "FittingDemo.png"), pulls="pull")
    return r


def fit_norm_sum(rng: np.random.Generator, out: str) -> rf.FitResult:
    model = rf.Function("NSUM([nsig]*crystalball, [nbkg]*expo)", range=(-5, 5))
    truth = {"nsig": 5e3, "nbkg": 1e5, "Mean": 3.0, "Sigma": 0.3, "Alpha": 2.0, "N": 1.5,
             "Slope": -0.3}  # fmt: skip
    model.set_parameters(**truth)
    h = rf.Histogram(200, -5, 5, name="h_ExpCB", title="Exponential background + Crystal Ball")
    h.fill_random(model, 105_000, rng)
    # the fitted coefficients are counts per bin width: start from the generated numbers × 0.05
    start = {**truth, "nsig": 5e3 * 0.05, "nbkg": 1e5 * 0.05}
    r = rf.fit(h, model, start=start)
    plot_fit(h, r, os.path.join(out, "fitNormSum.png"), pulls="pull")
    return r


def fit_convolution(rng: np.random.Generator, out: str) -> rf.FitResult:
    x = rng.exponential(1 / 0.3, 100_000) + rng.normal(0.0, 3.0, 100_000)
    h = rf.Histogram(100, -10, 20, name="h_ExpGauss", title="Exponential convolved with a Gaussian")
    h.fill(x)
    # the decay starts at 0 (a truncated exponential), smeared by a resolution centred at 0;
    # the Gaussian's own constant and mean would only repeat the exponential's: both fixed
    model = rf.Function("CONV((x>0)*exp([c]+[s]*x), gaus)", range=(-15, 25))
    start = {"c": 5.0, "s": -0.2, "Constant": 1.0, "Mean": 0.0, "Sigma": 2.0}
    r = rf.fit(h, model, start=start, fix=["Constant", "Mean"])
    plot_fit(h, r, os.path.join(out, "fitConvolution.png"), pulls="pull")
    return r


def fit2(rng: np.random.Generator, out: str) -> rf.FitResult:
    model = "[0]*exp(-0.5*((x-[1])/[2])^2)*exp(-0.5*((y-[3])/[4])^2)"
    h = rf.Histogram(rf.Axis(30, -3, 3, label="x"), rf.Axis(30, -3, 3, label="y"), name="h2")
    h.fill(rng.normal(0.2, 0.6, 20_000), rng.normal(-0.4, 0.9, 20_000))
    r = rf.fit(h, model, start=[200.0, 0.0, 1.0, 0.0, 1.0])
    plot_fit(h, r, os.path.join(out, "fit2.png"))
    return r


def graph2dfit(rng: np.random.Generator, out: str) -> rf.FitResult:
    x, y = rng.uniform(-4, 4, 400), rng.uniform(-4, 4, 400)
    z = np.sin(x) / x * np.sin(y) / y + rng.normal(0, 0.02, 400)
    g = rf.Graph2D(x, y, z, name="graph", title="sin(x)/x · sin(y)/y")
    r = rf.fit(g, "[0]*sin([1]*x)/x*sin([2]*y)/y", start=[0.8, 1.2, 0.9])
    plot_fit(g, r, os.path.join(out, "graph2dfit.png"))
    return r


TUTORIALS = {
    "fit1": fit1, "myfit": myfit, "FittingDemo": fitting_demo, "fitNormSum": fit_norm_sum,
    "fitConvolution": fit_convolution, "fit2": fit2, "graph2dfit": graph2dfit,
}  # fmt: skip


def main(outdir: str = OUTPUT, fast: bool = False) -> dict[str, rf.FitResult]:
    os.makedirs(outdir, exist_ok=True)
    results = {}
    for name, tutorial in TUTORIALS.items():
        results[name] = r = tutorial(np.random.default_rng(2026), outdir)
        shown = ", ".join(f"{n}={r.values[n]:.4g}±{r.errors[n]:.2g}" for n in r.parameter_names)
        print(f"{name:15} valid={r.valid} χ²/ndf={r.chi2:.4g}/{r.ndf}  {shown}")
    return results


if __name__ == "__main__":
    main(*sys.argv[1:2])
