"""lmfit-style confidence intervals
================================

lmfit-style confidence intervals: ``rf.minimize`` on a residual function of named
``Parameters``, then ``conf_interval`` (the F-test, with traces) and ``conf_interval2d``.

The model is lmfit's documented double exponential, ``a1·exp(-x/t1) + a2·exp(-(x-0.1)/t2)``,
whose two time constants are strongly correlated: the F-test intervals are visibly
asymmetric where the standard errors are not. As in lmfit's documentation, Nelder–Mead brings
the rough start close before Levenberg–Marquardt finishes. Run: ``python tutorials/lmfit_conf_interval.py``.
"""

from __future__ import annotations

import os
import sys

import numpy as np

import rootfit as rf

#: Where the figures go: ``tutorials/output/`` (the documentation's gallery runs the script in
#: that folder without setting ``__file__``).
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(globals().get("__file__", "lmfit_conf_interval.py"))), "output"
)


def residual(params: rf.Parameters, x: np.ndarray, data: np.ndarray) -> np.ndarray:
    v = params.valuesdict()
    with np.errstate(over="ignore"):  # Nelder-Mead tries wild time constants: inf is rejected
        model = v["a1"] * np.exp(-x / v["t1"]) + v["a2"] * np.exp(-(x - 0.1) / v["t2"])
    return model - data


def main(outdir: str = OUTPUT, fast: bool = False) -> dict[str, object]:
    os.makedirs(outdir, exist_ok=True)
    rng = np.random.default_rng(7)
    x = np.linspace(1, 10, 250)
    data = 3.0 * np.exp(-x / 2.0) - 5.0 * np.exp(-(x - 0.1) / 10.0) + 0.1 * rng.normal(size=x.size)
    p = rf.Parameters()
    p.add("a1", 4.0)
    p.add("a2", 4.0)
    p.add("t1", 3.0)
    p.add("t2", 3.0)
    # lmfit's recipe for this example: Nelder-Mead from the rough start, then leastsq
    rough = rf.minimize(residual, p, args=(x, data), method="nelder")
    fit = rf.minimize(residual, rough.params, args=(x, data), method="leastsq")
    for name, par in fit.params.items():
        print(f"{name}: {par.value:.5g} ± {par.stderr:.2g}")
    sigmas = (1, 2) if fast else (1, 2, 3)
    intervals, traces = rf.conf_interval(fit, sigmas=sigmas, trace=True)
    for name, rows in intervals.items():
        print(name, "  ".join(f"{p_:.4f}:{v:.5g}" for p_, v in rows))
    grid = rf.conf_interval2d(fit, "a1", "t2", 8 if fast else 30, 8 if fast else 30)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5.5, 4.5))
    ax = figure.add_subplot(1, 1, 1)
    mesh = ax.contourf(grid[0], grid[1], grid[2], levels=10)
    figure.colorbar(mesh, ax=ax, label="probability")
    ax.set_xlabel("a1")
    ax.set_ylabel("t2")
    figure.savefig(os.path.join(outdir, "lmfit_conf_interval2d.png"), dpi=100)
    return {"fit": fit, "intervals": intervals, "traces": traces}


if __name__ == "__main__":
    main(*sys.argv[1:2])
