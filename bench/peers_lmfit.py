"""lmfit implementations of workloads W1, W2, W4, W5, W6 and W7 (WORKLOADS.md).

lmfit minimises residual vectors with Levenberg–Marquardt (``leastsq``): χ² fits give their
weighted residuals, the effective-variance fits divide by the effective error at each call, and
the Poisson likelihood (W2) gives its deviance residuals ``sign(y - f)·√(2·(f - y + y·log(y/f)))``,
whose squares sum to the Baker–Cousins χ². W7 is the W2 fit followed by ``conf_interval`` at one
sigma (a profile interval like Minos; lmfit has no contour).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from peers_python import Workload, bigaus, expo, gaus, init_gaus, pol2


def lmfit_workloads(data: dict[str, Any]) -> dict[str, Workload]:
    import lmfit

    def params(names, values, limits=None):
        out = lmfit.Parameters()
        for name, value in zip(names, values, strict=True):
            out.add(name, value=float(value))
        for name, (lo, hi) in (limits or {}).items():
            out[name].set(min=lo, max=hi)
        return out

    def fit(residual, p, **kw):
        return lmfit.minimize(residual, p, method="leastsq", **kw)

    def w1_fit(counts, edges):
        x = 0.5 * (edges[1:] + edges[:-1])
        keep = counts > 0
        x, y = x[keep], counts[keep]
        sigma = np.sqrt(y)
        start, limits = init_gaus(x, y)

        def residual(p):
            return (y - gaus(x, p["c"], p["mu"], p["s"])) / sigma

        return fit(residual, params(("c", "mu", "s"), start, {"s": limits}))

    w1, w2, w4, w5, w6 = data["w1"], data["w2"], data["w4"], data["w5"], data["w6"]
    x2 = 0.5 * (w2["edges"][1:] + w2["edges"][:-1])
    y2 = w2["counts"]
    log_y2 = np.log(np.where(y2 > 0, y2, 1.0))
    names2 = ("p0", "p1", "p2", "p3", "p4")

    def deviance(p):
        f = p["p0"] * np.exp(-0.5 * ((x2 - p["p1"]) / p["p2"]) ** 2) + np.exp(
            p["p3"] + p["p4"] * x2
        )
        f = np.maximum(f, 1e-300)
        d = f - y2 + np.where(y2 > 0, y2 * (log_y2 - np.log(f)), 0.0)
        return np.sign(y2 - f) * np.sqrt(np.maximum(2.0 * d, 0.0))

    def w2_fit():
        return fit(deviance, params(names2, w2["p0"]))

    def w7():
        result = w2_fit()
        mini = lmfit.Minimizer(deviance, result.params)
        return lmfit.conf_interval(mini, result, sigmas=[1])

    def w5_fit():
        xc = 0.5 * (w5["xedges"][1:] + w5["xedges"][:-1])
        yc = 0.5 * (w5["yedges"][1:] + w5["yedges"][:-1])
        gx, gy = np.meshgrid(xc, yc, indexing="ij")
        keep = w5["counts"] > 0
        xy, n = (gx[keep], gy[keep]), w5["counts"][keep]
        sigma = np.sqrt(n)
        names = ("c", "mx", "sx", "my", "sy", "rho")

        def residual(p):
            return (n - bigaus(xy, *(p[k] for k in names))) / sigma

        return fit(residual, params(names, w5["p0"]))

    def graph_fit(kind, effective):
        x, y, ex, ey = (w6[f"{kind}_{k}"] for k in ("x", "y", "ex", "ey"))
        model = pol2 if kind == "pol2" else expo
        names = ("a", "b", "c")
        h = np.maximum(0.01 * ex, 8e-8 * (np.abs(x) + 1e-8))

        def residual(p):
            v = [p[k] for k in names]
            if not effective:
                return (y - model(x, *v)) / ey
            d = (model(x + h / 2, *v) - model(x - h / 2, *v)) / h
            return (y - model(x, *v)) / np.sqrt(ey**2 + (ex * d) ** 2)

        return lambda: fit(residual, params(names, w6[f"{kind}_p0"]))

    return {
        "W1": lambda: w1_fit(w1["counts"], w1["edges"]),
        "W2": w2_fit,
        "W4": lambda: [w1_fit(c, w4["edges"]) for c in w4["counts"]],
        "W5": w5_fit,
        "W6a": graph_fit("pol2", True),
        "W6b": graph_fit("expo", True),
        "W6c": graph_fit("pol2", False),
        "W6d": graph_fit("expo", False),
        "W7": w7,
    }
