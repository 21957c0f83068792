"""Minuit2's Hesse, compiled: the full matrix of second derivatives by finite differences at a
minimum, made positive-definite and inverted (what Migrad runs at its end with strategy ≥ 1).

Written from Minuit2's documented algorithm (``MnHesse``'s numerical branch and its
``HessianGradientCalculator``), step for step; the problem tuple and the twin are those of
:mod:`rootfit.kernels.minuit_core`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from rootfit.kernels.jit import jit
from rootfit.kernels.minuit_core import (
    CALL_LIMIT,
    HESSE_FAILED,
    INVERT_FAILED,
    MADE_POSDEF,
    NOT_POSDEF,
    POSDEF,
    S_HESS_G2_TOL,
    S_HESS_GRAD_NCYCLES,
    S_HESS_NCYCLES,
    S_HESS_STEP_TOL,
    S_LEVEL,
    edm,
    evaluate,
    invert,
    posdef,
)

__all__ = ["hesse"]


@jit
def _diagonal(g2: np.ndarray, eps2: float) -> np.ndarray:
    """The diagonal matrix Hesse returns when it fails: 1/g2 (1 where that is too small)."""
    n = g2.size
    v = np.zeros((n, n))
    for j in range(n):
        tmp = 1.0 if g2[j] < eps2 else 1.0 / g2[j]
        v[j, j] = 1.0 if tmp < eps2 else tmp
    return v


@jit
def _refine_gradient(
    problem: Any,
    x: np.ndarray,
    fval: float,
    grd: np.ndarray,
    g2: np.ndarray,
    gstep: np.ndarray,
    up: float,
    eps: float,
    eps2: float,
    strategy: np.ndarray,
) -> None:
    """First derivatives refined with the second derivatives just found, in place (Minuit2's
    HessianGradientCalculator; its lower step bound uses the signed value, as Minuit2's)."""
    dfmin = 4.0 * eps2 * (abs(fval) + up)
    ncycle = int(strategy[S_HESS_GRAD_NCYCLES])
    for i in range(x.size):
        xtf = x[i]
        dmin = 4.0 * eps2 * (xtf + eps2)
        epspri = eps2 + abs(grd[i] * eps2)
        optstp = math.sqrt(dfmin / (abs(g2[i]) + epspri))
        d = 0.2 * abs(gstep[i])
        if d > optstp:
            d = optstp
        if d < dmin:
            d = dmin
        chgold = 10000.0
        for j in range(ncycle):
            x[i] = xtf + d
            fs1 = evaluate(problem, x)
            x[i] = xtf - d
            fs2 = evaluate(problem, x)
            x[i] = xtf
            grdold = grd[i]
            grdnew = (fs1 - fs2) / (2.0 * d)
            dgmin = eps * (abs(fs1) + abs(fs2)) / d
            if grdnew == 0.0:
                break
            change = abs((grdold - grdnew) / grdnew)
            if change > chgold and j > 1:
                break
            chgold = change
            grd[i] = grdnew
            gstep[i] = d
            if change < 0.05:
                break
            if abs(grdold - grdnew) < dgmin:
                break
            if d < dmin:
                break
            d *= 0.2


@jit
def hesse(
    problem: Any,
    x: np.ndarray,
    grd0: np.ndarray,
    g20: np.ndarray,
    gstep0: np.ndarray,
    edm0: float,
    limited_at: np.ndarray,
    up: float,
    eps: float,
    eps2: float,
    strategy: np.ndarray,
    force_posdef: bool,
    maxcalls: int,
) -> Any:
    """Hesse at ``x`` starting from the gradient state ``(grd0, g20, gstep0)``.

    ``limited_at[i]`` says whether the parameter at *external* index ``i`` has limits: Minuit2
    reads the limits for the step bound of internal parameter ``i`` there.

    Returns ``(v, status, dcovar, grd, g2, gstep, edm)``: ``v`` the inverse of the second
    derivative matrix (½ the covariance), Minuit2's error status, and the new gradient state
    and EDM (the old ones when it failed).
    """
    n = x.size
    x = x.copy()
    amin = evaluate(problem, x)
    aimsag = math.sqrt(eps2) * (abs(amin) + up)
    if maxcalls == 0:
        maxcalls = 200 + 100 * n + 5 * n * n
    vhmat = np.zeros((n, n))
    g2 = g20.copy()
    gst = gstep0.copy()
    grd = grd0.copy()
    dirin = gstep0.copy()
    yy = np.zeros(n)
    calls = problem[4]
    for i in range(n):
        xtf = x[i]
        dmin = 8.0 * eps2 * (abs(xtf) + eps2)
        d = abs(gst[i])
        if d < dmin:
            d = dmin
        for _ in range(int(strategy[S_HESS_NCYCLES])):
            sag = 0.0
            fs1 = 0.0
            fs2 = 0.0
            found = False
            for _multiply in range(5):
                x[i] = xtf + d
                fs1 = evaluate(problem, x)
                x[i] = xtf - d
                fs2 = evaluate(problem, x)
                x[i] = xtf
                sag = 0.5 * (fs1 + fs2 - 2.0 * amin)
                if sag != 0.0:
                    found = True
                    break
                if limited_at[i]:
                    if d > 0.5:
                        break
                    d *= 10.0
                    if d > 0.5:
                        d = 0.51
                    continue
                d *= 10.0
            if not found:
                return _diagonal(g2, eps2), HESSE_FAILED, 1.0, grd0, g20, gstep0, edm0
            g2bfor = g2[i]
            g2[i] = 2.0 * sag / (d * d)
            grd[i] = (fs1 - fs2) / (2.0 * d)
            gst[i] = d
            dirin[i] = d
            yy[i] = fs1
            dlast = d
            d = math.sqrt(2.0 * aimsag / abs(g2[i]))
            if limited_at[i]:
                d = min(0.5, d)
            if d < dmin:
                d = dmin
            if abs((d - dlast) / d) < strategy[S_HESS_STEP_TOL]:
                break
            if abs((g2[i] - g2bfor) / g2[i]) < strategy[S_HESS_G2_TOL]:
                break
            d = min(d, 10.0 * dlast)
            d = max(d, 0.1 * dlast)
        vhmat[i, i] = g2[i]
        if calls[0] > maxcalls:
            return _diagonal(g2, eps2), CALL_LIMIT, 1.0, grd0, g20, gstep0, edm0
    if strategy[S_LEVEL] > 0:
        _refine_gradient(problem, x, amin, grd, g2, gst, up, eps, eps2, strategy)
    for i in range(n):
        x[i] += dirin[i]
        for j in range(i + 1, n):
            x[j] += dirin[j]
            fs1 = evaluate(problem, x)
            vhmat[i, j] = (fs1 + amin - yy[i] - yy[j]) / (dirin[i] * dirin[j])
            vhmat[j, i] = vhmat[i, j]
            x[j] -= dirin[j]
        x[i] -= dirin[i]
    corrected, made_status, _ = posdef(vhmat, POSDEF, 1.0, eps, eps2)
    if force_posdef:
        vhmat = corrected
    if not invert(vhmat):
        return _diagonal(g2, eps2), INVERT_FAILED, 1.0, grd0, g20, gstep0, edm0
    if made_status == MADE_POSDEF:
        status = MADE_POSDEF if force_posdef else NOT_POSDEF
        return vhmat, status, 1.0, grd, g2, gst, edm(grd, vhmat)
    return vhmat, POSDEF, 0.0, grd, g2, gst, edm(grd, vhmat)
