"""Several fits in sub-ranges (ROOT's multifit)
============================================

Port of ROOT's tutorial ``math/fit/multifit.C`` through the ROOT-spelled façade.

Three Gaussian fits in sub-ranges of one histogram (option ``R`` = use the function range,
``+`` = keep the previous functions), then a fit of their sum started from the three results.
The data are the tutorial's literal bin contents. Run: ``python tutorials/multifit.py``.
"""

from __future__ import annotations

import os
import sys

from rootfit import compat as ROOT

#: Where the figures go: ``tutorials/output/`` (the documentation's gallery runs the script in
#: that folder without setting ``__file__``).
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(globals().get("__file__", "multifit.py"))), "output"
)

X = [
    1.913521, 1.953769, 2.347435, 2.883654, 3.493567, 4.047560, 4.337210, 4.364347, 4.563004,
    5.054247, 5.194183, 5.380521, 5.303213, 5.384578, 5.563983, 5.728500, 5.685752, 5.080029,
    4.251809, 3.372246, 2.207432, 1.227541, 0.8597788, 0.4620524, 0.4245240, 0.4732193,
    0.6408807, 0.8989874, 1.234160, 1.566905, 1.973590, 2.351845, 2.576729, 2.765245, 2.924146,
    2.991828, 2.915218, 2.716541, 2.484551, 2.201442, 1.844055, 1.426532, 1.021655, 0.7054512,
    0.5119609, 0.3801516, 0.3227549, 0.3218446, 0.3286069,
]  # fmt: skip


def multifit(quiet: bool = False):
    """Run the tutorial; returns the histogram and the four fit results."""
    q = "Q" if quiet else ""
    h = ROOT.TH1F("h", "Example of several fits in subranges", len(X), 85, 134)
    for i, value in enumerate(X):
        h.SetBinContent(i + 1, value)
    g1 = ROOT.TF1("g1", "gaus", 85, 95)
    g2 = ROOT.TF1("g2", "gaus", 98, 108)
    g3 = ROOT.TF1("g3", "gaus", 110, 121)
    total = ROOT.TF1("total", "gaus(0)+gaus(3)+gaus(6)", 85, 125)
    results = [h.Fit(g1, "R" + q), h.Fit(g2, "R+" + q), h.Fit(g3, "R+" + q)]
    total.SetParameters([g.GetParameter(i) for g in (g1, g2, g3) for i in range(3)])
    results.append(h.Fit(total, "R+" + q))
    return h, results


def main(out_dir: str = OUTPUT) -> None:
    h, results = multifit()
    os.makedirs(out_dir, exist_ok=True)
    from rootfit.plotting import plot_fit

    path = os.path.join(out_dir, "multifit.png")
    plot_fit(h, results[-1].result, path)
    print(f"figure written to {path}")


if __name__ == "__main__":
    main(*sys.argv[1:])
