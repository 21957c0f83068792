"""rootfit, iminuit and scipy implementations of workloads W1, W2, W4, W6 (WORKLOADS.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

Workload = Callable[[], Any]


def gaus(x, c, mu, s):
    return c * np.exp(-0.5 * ((x - mu) / s) ** 2)


def pol2(x, a, b, c):
    return a + b * x + c * x * x


def expo(x, a, b, c):
    return a * np.exp(-b * x) + c


def bigaus(xy, c, mx, sx, my, sy, rho):
    """ROOT's ``bigaus``: Constant times the normalised bivariate normal."""
    x, y = xy
    u, v = (x - mx) / sx, (y - my) / sy
    z = (u * u - 2 * rho * u * v + v * v) / (1 - rho * rho)
    return c * np.exp(-0.5 * z) / (2 * np.pi * sx * sy * np.sqrt(1 - rho * rho))


def fused_w3_nll(x):
    """iminuit's best case for W3 (WORKLOADS.md ``iminuit-numba``): a hand-fused parallel numba
    2·NLL of the extended truncated-normal plus truncated-exponential density."""
    import math

    import numba

    @numba.njit(parallel=True, fastmath=False)
    def kernel(x, ns, mu, sigma, nb, lam):
        norm_s = 0.5 * (
            math.erf((10 - mu) / (math.sqrt(2) * sigma)) - math.erf(-mu / (math.sqrt(2) * sigma))
        )
        cs = ns / (math.sqrt(2 * math.pi) * sigma * norm_s)
        cb = nb * lam / (1 - math.exp(-10 * lam))
        total = 0.0
        for i in numba.prange(x.size):
            z = (x[i] - mu) / sigma
            total += math.log(cs * math.exp(-0.5 * z * z) + cb * math.exp(-lam * x[i]))
        return 2 * (ns + nb - total)

    def nll(ns, mu, sigma, nb, lam):
        return kernel(x, ns, mu, sigma, nb, lam)

    return nll


def init_gaus(x, y):
    """ROOT's InitGaus on the fitted points (start values and Sigma limit)."""
    a = y.sum()
    mean = (y * x).sum() / a
    rms = np.sqrt((y * x * x).sum() / a - mean * mean)
    bw = np.min(np.diff(x))
    return [0.5 * (y.max() + bw * a / (2.506628 * rms)), mean, rms], (0.0, 10 * rms)


#: W3a: the first 10⁶ events of w3.npz; the extended density of WORKLOADS.md as a formula.
W3A_EVENTS = 1_000_000
W3_FORMULA = (
    "[ns]*exp(-0.5*((x-[mu])/[sigma])^2)/(sqrt(2*pi)*[sigma]"
    "*0.5*(erf((10-[mu])/(sqrt(2)*[sigma]))-erf((0-[mu])/(sqrt(2)*[sigma]))))"
    "+[nb]*[lambda]*exp(-[lambda]*x)/(1-exp(-10*[lambda]))"
)
#: Start values: (n_s, μ, σ, n_b, λ) = (0.15·N, 4.2, 0.5, 0.85·N, 0.30).
W3_START_FRACTIONS = np.array([0.15, 4.2, 0.5, 0.85, 0.30])


#: Fill workload: 1e7 values into 1000 bins.
FILL_VALUES = np.random.default_rng(17).normal(0.0, 1.5, 10_000_000)
#: Values filled one call at a time (ROOT-style loops; Python floats, as a loop would see them).
SCALAR_VALUES = np.random.default_rng(18).normal(0.0, 1.5, 10_000).tolist()


#: Evaluation workloads: formula, parameters; 1e6 points on [-5, 15].
EVAL_POINTS = np.linspace(-5.0, 15.0, 1_000_000)
EVAL_CASES = {
    "E1 gaus": ("gaus", np.array([3.0, 0.5, 1.3])),
    "E2 crystalball": ("crystalball", np.array([2.0, 0.5, 1.1, 1.2, 3.0])),
    "E3 landau+pol2": ("landau(0)+pol2(3)", np.array([2.0, 1.0, 0.7, 0.1, 0.01, -0.001])),
}


def numpy_eval(name: str, x: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Hand-written numpy versions of the evaluation workloads."""
    if name == "E1 gaus":
        return p[0] * np.exp(-0.5 * ((x - p[1]) / p[2]) ** 2)
    if name == "E2 crystalball":
        c, mean, sigma, alpha, n = p
        z = (x - mean) / sigma
        a = abs(alpha)
        tail = np.exp(-0.5 * a * a) * (n / a / (n / a - a - z)) ** n
        return c * np.where(z > -a, np.exp(-0.5 * z * z), tail)
    # no numpy Landau exists: rootfit's plain-numpy twin of the Landau kernel
    from rootfit.kernels.reference import landau_density

    return p[0] * landau_density((x - p[1]) / p[2]) + p[3] + p[4] * x + p[5] * x * x


# ------------------------------------------------------------------------------ rootfit
def rootfit_workloads(data: dict[str, Any]) -> dict[str, Workload]:
    import rootfit as rf

    evals = {}
    for key, (formula, params) in EVAL_CASES.items():
        f = rf.Function(formula)
        evals[key] = lambda f=f, params=params: f.evaluate(EVAL_POINTS, params)

    w1 = rf.Histogram.from_counts(data["w1"]["counts"], data["w1"]["edges"])
    w2 = rf.Histogram.from_counts(data["w2"]["counts"], data["w2"]["edges"])
    w2_model = rf.Function("gaus(0)+expo(3)")
    w2_model.set_parameters(data["w2"]["p0"])
    w4 = [rf.Histogram.from_counts(c, data["w4"]["edges"]) for c in data["w4"]["counts"]]
    w5 = data["w5"]
    h5 = rf.Histogram.from_numpy(w5["counts"], w5["xedges"], w5["yedges"])
    bigaus = rf.Function("bigaus")
    w3a = data["w3"]["x"][:W3A_EVENTS]
    w3_model = rf.Function(W3_FORMULA)
    w3b = data["w3"]["x"]

    def w3_start(size):  # by name: ROOT orders named parameters alphabetically
        fractions = W3_START_FRACTIONS * [size, 1, 1, size, 1]
        return dict(zip(("ns", "mu", "sigma", "nb", "lambda"), fractions, strict=True))

    w6 = data["w6"]
    g_pol2 = rf.Graph(w6["pol2_x"], w6["pol2_y"], xerr=w6["pol2_ex"], yerr=w6["pol2_ey"])
    g_expo = rf.Graph(w6["expo_x"], w6["expo_y"], xerr=w6["expo_ex"], yerr=w6["expo_ey"])
    expo_model = rf.Function("[0]*exp(-[1]*x)+[2]")
    pol2_model = rf.Function("pol2")

    def w4_batch(hists):  # the batch API: one stacked batch; the workload's outputs
        batch = rf.fit_many(hists, "gaus", "SQN")
        return batch.values(), batch.parameter_errors(), float(batch.table()["chi2"].sum())

    def fresh(model, start):
        f = model.copy()
        f.set_parameters(start)
        return f

    from rootfit import intervals

    def w7():
        r = w2.fit(w2_model.copy(), "LSQNE")
        return r, intervals.contour(r, 1, 2, cl=0.683, size=50)

    w8_fit = w2.fit(w2_model.copy(), "LSQN")
    band_x = np.linspace(0, 10, 1000)

    def fill() -> Any:
        h = rf.Histogram(1000, -5, 5)
        h.fill(FILL_VALUES)
        return h

    from rootfit import compat

    def scalar_fill() -> Any:  # ROOT-style loops: one call per value
        h = compat.TH1D("hscalar", "", 1000, -5, 5)
        for v in SCALAR_VALUES:
            h.Fill(v)
        return h

    def scalar_fill_pythonic() -> Any:
        h = rf.Histogram(1000, -5, 5)
        for v in SCALAR_VALUES:
            h.fill(v)
        return h

    return {
        **evals,
        "F1 fill 1e7": fill,
        "F2 Fill 1e4": scalar_fill,
        "F3 fill 1e4": scalar_fill_pythonic,
        "W1": lambda: w1.fit("gaus", "SQN"),
        "W2": lambda: w2.fit(w2_model.copy(), "LSQN"),
        "W3a": lambda: rf.fit(
            w3a, w3_model, "L", extended=True, range=(0, 10), start=w3_start(w3a.size)
        ),
        "W3b": lambda: rf.fit(
            w3b, w3_model, "L", extended=True, range=(0, 10), start=w3_start(w3b.size)
        ),
        "W4": lambda: w4_batch(w4),
        "W4 loop": lambda: [h.fit("gaus", "SQN") for h in w4],
        "W5": lambda: h5.fit(fresh(bigaus, w5["p0"]), "SQN"),
        "W6a": lambda: g_pol2.fit(fresh(pol2_model, w6["pol2_p0"]), "SQN"),
        "W6b": lambda: g_expo.fit(fresh(expo_model, w6["expo_p0"]), "SQN"),
        "W6c": lambda: g_pol2.fit(fresh(pol2_model, w6["pol2_p0"]), "SQNEX0"),
        "W6d": lambda: g_expo.fit(fresh(expo_model, w6["expo_p0"]), "SQNEX0"),
        "W7": w7,
        "W8": lambda: intervals.confidence_band(w8_fit, band_x, 0.95, norm=True),
    }


# ------------------------------------------------------------------------------ iminuit
def iminuit_workloads(data: dict[str, Any]) -> dict[str, Workload]:
    from iminuit import Minuit
    from iminuit.cost import LeastSquares

    def migrad(cost, start, limits=None):
        m = Minuit(cost, *start)
        m.tol, m.strategy = 0.01, 1
        m.errors = [0.3 * abs(v) if v else 0.3 for v in start]
        if limits:
            m.limits[2] = limits
            m.errors[2] = start[2] / 2
        m.migrad(iterate=1)
        return m

    def w1_fit(counts, edges):
        x = 0.5 * (edges[1:] + edges[:-1])
        keep = counts > 0
        start, lim = init_gaus(x[keep], counts[keep])
        return migrad(LeastSquares(x[keep], counts[keep], np.sqrt(counts[keep]), gaus), start, lim)

    w1, w2, w4, w6 = data["w1"], data["w2"], data["w4"], data["w6"]
    w5 = data["w5"]

    def w5_fit():
        xc = 0.5 * (w5["xedges"][1:] + w5["xedges"][:-1])
        yc = 0.5 * (w5["yedges"][1:] + w5["yedges"][:-1])
        gx, gy = np.meshgrid(xc, yc, indexing="ij")
        keep = w5["counts"] > 0
        xy = (gx[keep], gy[keep])
        n = w5["counts"][keep]
        return migrad(LeastSquares(xy, n, np.sqrt(n), bigaus), list(w5["p0"]))

    w3a = data["w3"]["x"][:W3A_EVENTS]
    w3b = data["w3"]["x"]
    nll_a, nll_b = fused_w3_nll(w3a), fused_w3_nll(w3b)

    def w3_fit(nll, size):
        m = Minuit(nll, *(W3_START_FRACTIONS * np.array([size, 1, 1, size, 1])))
        m.errordef = 1.0
        m.tol, m.strategy = 0.01, 1
        m.migrad(iterate=1)
        m.hesse()
        return m

    x2 = 0.5 * (w2["edges"][1:] + w2["edges"][:-1])

    def w2_model(x, p0, p1, p2, p3, p4):
        return p0 * np.exp(-0.5 * ((x - p1) / p2) ** 2) + np.exp(p3 + p4 * x)

    def w2_nll(p0, p1, p2, p3, p4):
        f = np.maximum(w2_model(x2, p0, p1, p2, p3, p4), 1e-300)
        y = w2["counts"]
        return np.sum(f - y) + np.sum(np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / f), 0.0))

    w2_nll.errordef = 0.5  # type: ignore[attr-defined]

    def w7():
        m = migrad(w2_nll, list(w2["p0"]))
        m.hesse()
        m.minos()
        return m.mncontour("p1", "p2", cl=0.683, size=50)

    from scipy import stats

    w8_fit = migrad(w2_nll, list(w2["p0"]))
    band_x = np.linspace(0, 10, 1000)
    ndf = x2.size - 5
    t_factor = stats.t.ppf(0.975, ndf) * np.sqrt(2 * w8_fit.fval / ndf)

    def w8():
        # ci = t(ndf, 0.975)·√(χ²/ndf)·√(gᵀCg), g by iminuit's numerical gradient of the model
        p = np.array(w8_fit.values)
        cov = np.array(w8_fit.covariance)
        h = 1e-5 * np.maximum(np.abs(p), 1e-3)
        grads = np.empty((band_x.size, p.size))
        for j in range(p.size):
            up, down = p.copy(), p.copy()
            up[j] += h[j]
            down[j] -= h[j]
            grads[:, j] = (w2_model(band_x, *up) - w2_model(band_x, *down)) / (2 * h[j])
        return t_factor * np.sqrt(np.einsum("ij,jk,ik->i", grads, cov, grads))

    def lsq_eff(x, y, ex, ey, model, start):
        def chi2(*p):
            h = np.maximum(0.01 * ex, 8e-8 * (np.abs(x) + 1e-8))
            d = (model(x + h / 2, *p) - model(x - h / 2, *p)) / h
            return np.sum((y - model(x, *p)) ** 2 / (ey**2 + (ex * d) ** 2))

        chi2.errordef = 1.0  # type: ignore[attr-defined]
        return migrad(chi2, list(start))

    return {
        "W1": lambda: w1_fit(w1["counts"], w1["edges"]),
        "W2": lambda: migrad(w2_nll, list(w2["p0"])),
        "W3a": lambda: w3_fit(nll_a, w3a.size),
        "W3b": lambda: w3_fit(nll_b, w3b.size),
        "W4": lambda: [w1_fit(c, w4["edges"]) for c in w4["counts"]],
        "W5": w5_fit,
        "W6a": lambda: lsq_eff(
            w6["pol2_x"], w6["pol2_y"], w6["pol2_ex"], w6["pol2_ey"], pol2, w6["pol2_p0"]
        ),
        "W6b": lambda: lsq_eff(
            w6["expo_x"], w6["expo_y"], w6["expo_ex"], w6["expo_ey"], expo, w6["expo_p0"]
        ),
        "W6c": lambda: migrad(
            LeastSquares(w6["pol2_x"], w6["pol2_y"], w6["pol2_ey"], pol2), list(w6["pol2_p0"])
        ),
        "W6d": lambda: migrad(
            LeastSquares(w6["expo_x"], w6["expo_y"], w6["expo_ey"], expo), list(w6["expo_p0"])
        ),
        "W7": w7,
        "W8": w8,
    }


# ------------------------------------------------------------------------------ numpy
def numpy_workloads(data: dict[str, Any]) -> dict[str, Workload]:
    out: dict[str, Workload] = {
        "F1 fill 1e7": lambda: np.histogram(FILL_VALUES, bins=1000, range=(-5, 5))
    }
    return out | {
        key: (lambda key=key, p=p: numpy_eval(key, EVAL_POINTS, p))
        for key, (_, p) in EVAL_CASES.items()
    }


# ------------------------------------------------------------------------------ scipy
def scipy_workloads(data: dict[str, Any]) -> dict[str, Workload]:
    from scipy.optimize import curve_fit

    def w1_fit(counts, edges):
        x = 0.5 * (edges[1:] + edges[:-1])
        keep = counts > 0
        start, _ = init_gaus(x[keep], counts[keep])
        return curve_fit(
            gaus, x[keep], counts[keep], p0=start, sigma=np.sqrt(counts[keep]), absolute_sigma=True
        )

    w1, w4, w6, w5 = data["w1"], data["w4"], data["w6"], data["w5"]

    def w5_fit():
        xc = 0.5 * (w5["xedges"][1:] + w5["xedges"][:-1])
        yc = 0.5 * (w5["yedges"][1:] + w5["yedges"][:-1])
        gx, gy = np.meshgrid(xc, yc, indexing="ij")
        keep = w5["counts"] > 0
        n = w5["counts"][keep]
        return curve_fit(
            bigaus, (gx[keep], gy[keep]), n, p0=w5["p0"], sigma=np.sqrt(n), absolute_sigma=True
        )

    return {
        "W1": lambda: w1_fit(w1["counts"], w1["edges"]),
        "W4": lambda: [w1_fit(c, w4["edges"]) for c in w4["counts"]],
        "W5": w5_fit,
        "W6c": lambda: curve_fit(
            pol2, w6["pol2_x"], w6["pol2_y"], p0=[0, 0, 0], sigma=w6["pol2_ey"], absolute_sigma=True
        ),
        "W6d": lambda: curve_fit(
            expo,
            w6["expo_x"],
            w6["expo_y"],
            p0=w6["expo_p0"],
            sigma=w6["expo_ey"],
            absolute_sigma=True,
        ),
    }


# ------------------------------------------------------------------------------ boost-histogram
def boost_workloads(data: dict[str, Any]) -> dict[str, Workload]:
    import boost_histogram as bh

    def fill() -> Any:
        h = bh.Histogram(bh.axis.Regular(1000, -5, 5))
        h.fill(FILL_VALUES)
        return h

    def scalar_fill() -> Any:
        h = bh.Histogram(bh.axis.Regular(1000, -5, 5))
        for v in SCALAR_VALUES:
            h.fill(v)
        return h

    return {"F1 fill 1e7": fill, "F2 Fill 1e4": scalar_fill, "F3 fill 1e4": scalar_fill}
