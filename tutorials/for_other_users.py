"""rootfit for iminuit, lmfit and hist users
=========================================

rootfit for iminuit, lmfit and hist users: the same fit, four ways in.

* **hist / boost-histogram**: fill a ``hist.Hist`` as usual and hand it to ``rf.fit``; any UHI
  histogram is converted once (axis labels, name and title kept), and ``to_hist`` goes back.
* **iminuit**: a rootfit cost is a function of a parameter vector with an ``errordef``;
  ``intervals.to_minuit(result)`` gives a ready ``iminuit.Minuit`` at the minimum, with the same
  limits and fixed parameters, for ``minos``, ``mnprofile``, ``draw_mncontour``...
* **lmfit**: ``rf.minimize(residual, rf.Parameters(...))`` takes lmfit's residual functions and
  parameter objects (``vary``, ``min``/``max``, ``expr``) and reports lmfit's figures.
* **ROOT**: ``from rootfit import compat as ROOT`` and the macro's own lines.

All four find the same Gaussian (the lmfit route minimises a χ² of the counts, the others the
Poisson likelihood: they differ by a fraction of the error). Run:
``python tutorials/for_other_users.py``.
"""

from __future__ import annotations

import os
import sys

import numpy as np

import rootfit as rf
from rootfit import compat as ROOT
from rootfit import intervals
from rootfit.io.convert import to_hist

#: Where the figures go: ``tutorials/output/`` (the documentation's gallery runs the script in
#: that folder without setting ``__file__``).
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(globals().get("__file__", "for_other_users.py"))), "output"
)


def main(outdir: str = OUTPUT, fast: bool = False) -> dict[str, float]:
    import hist

    os.makedirs(outdir, exist_ok=True)
    values = np.random.default_rng(4).normal(0.5, 1.2, 5000)
    means = {}

    h = hist.Hist.new.Reg(50, -5, 5, name="x", label="x [cm]").Double()
    h.fill(values)
    from_hist = rf.fit(h, "gaus", "L")  # a hist.Hist is fitted as it is
    means["hist"] = from_hist.values["Mean"]
    back = to_hist(rf.Histogram(50, -5, 5, label="x [cm]"))
    print("to_hist keeps the label:", back.axes[0].label)

    minuit = intervals.to_minuit(from_hist)  # iminuit on the same cost, at the minimum
    minuit.minos("Mean")
    means["iminuit"] = float(minuit.values["Mean"])
    print("iminuit Minos of the mean:", minuit.merrors["Mean"].lower, minuit.merrors["Mean"].upper)

    counts, edges = np.histogram(values, bins=50, range=(-5, 5))
    centres, errors = 0.5 * (edges[1:] + edges[:-1]), np.sqrt(np.maximum(counts, 1))

    def residual(params: rf.Parameters) -> np.ndarray:
        v = params.valuesdict()
        model = v["amp"] * np.exp(-0.5 * ((centres - v["cen"]) / v["wid"]) ** 2)
        return (model - counts) / errors

    params = rf.Parameters()
    params.add("amp", 300.0, min=0)
    params.add("cen", 0.0)
    params.add("wid", 1.0, min=0)
    means["lmfit"] = rf.minimize(residual, params).params["cen"].value

    th1 = ROOT.TH1D("th1", "x", 50, -5, 5)
    th1.FillN(values.size, values, np.ones(values.size))
    means["ROOT"] = th1.Fit("gaus", "SQL").Parameter(1)
    for way, mean in means.items():
        print(f"{way:8} mean = {mean:.4f}")
    return means


if __name__ == "__main__":
    main(*sys.argv[1:2])
