"""Sherpa-style covar and conf
===========================

Sherpa-style errors: ``covar`` (from the covariance, other parameters fixed) and ``conf``
(profile-based, other parameters free), and their projections ``int_proj`` / ``reg_proj``.

Sherpa's habit of quoting errors at a chosen sigma with both methods side by side shows at once
when a parabola is not enough: here the width of a narrow line fitted with the Cash-like
Poisson likelihood. Figures go to ``tutorials/output/``. Run:
``python tutorials/sherpa_covar_conf.py``.
"""

from __future__ import annotations

import os
import sys

import numpy as np

import rootfit as rf
from rootfit.intervals import sherpa

#: Where the figures go: ``tutorials/output/`` (the documentation's gallery runs the script in
#: that folder without setting ``__file__``).
OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(globals().get("__file__", "sherpa_covar_conf.py"))), "output"
)


def main(outdir: str = OUTPUT, fast: bool = False) -> dict[str, object]:
    os.makedirs(outdir, exist_ok=True)
    rng = np.random.default_rng(21)
    h = rf.Histogram(40, -2, 2, name="line", label="energy [keV]")
    h.fill(rng.normal(0.1, 0.15, 120))
    r = rf.fit(h, "gaus", "L")
    covar = sherpa.covar(r, sigma=1.6)
    conf = sherpa.conf(r, sigma=1.6)
    for name in r.parameter_names:
        c_low, c_up = covar[name]
        p_low, p_up = conf[name]
        print(f"{name:8} covar {c_low:+.4g} / {c_up:+.4g}   conf {p_low:+.4g} / {p_up:+.4g}")
    projection = sherpa.int_proj(r, "Sigma", nloop=9 if fast else 25)
    region = sherpa.reg_proj(r, "Mean", "Sigma", nloop=(7, 7) if fast else (21, 21))
    from rootfit.plotting import plot_profile, plot_surface

    plot_profile(projection).savefig(os.path.join(outdir, "sherpa_int_proj.png"))
    plot_surface(region).savefig(os.path.join(outdir, "sherpa_reg_proj.png"))
    return {"covar": covar, "conf": conf}


if __name__ == "__main__":
    main(*sys.argv[1:2])
