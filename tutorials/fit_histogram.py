"""Fitting a histogram the rootfit way
===================================

Fitting a histogram the rootfit way: chi-square, Poisson likelihood and Minos.

Fills a histogram with a fixed-seed sample, fits ``gaus`` with the default Neyman chi-square,
with the Poisson likelihood (``L``, the right choice for low counts) and with Minos errors
(``E``), and compares. Run: ``python tutorials/fit_histogram.py``.
"""

from __future__ import annotations

import numpy as np

import rootfit as rf


def main() -> dict[str, rf.FitResult]:
    rng = np.random.default_rng(2026)
    h = rf.Histogram(60, -3, 3, name="h", title="200 gaussian values", label="x")
    h.fill(rng.normal(0.2, 0.8, 200))
    results = {option: h.fit("gaus", option + "Q") for option in ("", "L", "LE")}
    for option, r in results.items():
        print(
            f"option {option or '(none)':6} chi2/ndf = {r.chi2:7.3f}/{r.ndf}  "
            f"Mean = {r.values['Mean']:.4f} ± {r.errors['Mean']:.4f}  "
            f"Sigma = {r.values['Sigma']:.4f} ± {r.errors['Sigma']:.4f}"
        )
    lo, up = results["LE"].minos["Sigma"]
    print(f"Minos interval of Sigma: {lo:+.4f} / {up:+.4f}")
    results["LE"].print()
    return results


if __name__ == "__main__":
    main()
