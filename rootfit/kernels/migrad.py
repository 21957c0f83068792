"""Minuit2's Migrad, compiled: the whole minimisation — seed, variable-metric iterations, line
searches, numerical derivatives and the closing Hesse — in one compiled call that calls the
objective's C entry directly, with no Python between function calls.

Written from Minuit2's documented algorithm (``MnSeedGenerator``, ``VariableMetricBuilder``
with the Davidon update, ``MnLineSearch``, ``NegativeG2LineSearch``; the shared pieces in
:mod:`rootfit.kernels.minuit_core`, Hesse in :mod:`rootfit.kernels.hesse`), step for step, so
the function calls are the same as ROOT's and iminuit's for the same settings, and so is the
minimum. Its twin is Minuit2 itself: tests/test_compiled_migrad.py compares call counts,
values, errors and covariances with iminuit's Migrad.

:func:`migrad` runs one fit and releases the GIL while it runs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.kernels.hesse import hesse
from rootfit.kernels.jit import jit
from rootfit.kernels.minuit_core import (
    BOTH,
    CALL_LIMIT,
    LOWER,
    MADE_POSDEF,
    NONE,
    POSDEF,
    S_LEVEL,
    UPPER,
    add_outer,
    dot,
    edm,
    evaluate,
    ext2int,
    int2ext,
    numerical_gradient,
    packed_abs_sum,
    posdef,
    symmetric_times,
)

__all__ = ["OUTCOME_FIELDS", "migrad"]

#: The scalar results of :func:`migrad`, in order (``info`` array); ``corrected``: a matrix
#: was made positive-definite on the way (its eigenvalues, from LAPACK here and from Minuit2's
#: own routine in Minuit2, may differ in their last bits).
OUTCOME_FIELDS = (
    "fval",
    "edm",
    "ncalls",
    "status",
    "dcovar",
    "above_max_edm",
    "call_limit",
    "corrected",
)


@jit
def _at(problem: Any, x: np.ndarray, step: np.ndarray, slam: float) -> float:
    return evaluate(problem, x + slam * step)


@jit
def line_search(
    problem: Any, x: np.ndarray, f0: float, step: np.ndarray, gdel: float, eps: float, eps2: float
) -> Any:
    """Minuit2's line search from ``x`` along ``step`` (slope ``gdel``): ``(λ, f)`` of the
    lowest point found, by parabolas through two points and the slope, then three points."""
    overal = 1000.0
    undral = -100.0
    toler = 0.05
    slambg = 5.0
    alpha = 2.0
    maxiter = 12
    niter = 1
    slamin = 0.0
    for i in range(step.size):
        if step[i] == 0.0:
            continue
        ratio = abs(x[i] / step[i])
        if slamin == 0.0 or ratio < slamin:
            slamin = ratio
    if abs(slamin) < eps:
        slamin = eps
    slamin *= eps2
    f1 = _at(problem, x, step, 1.0)
    niter += 1
    fvmin, xvmin = f0, 0.0
    if f1 < f0:
        fvmin, xvmin = f1, 1.0
    toler8 = toler
    slamax = slambg
    flast = f1
    slam = 1.0
    x0, y0, x1, y1 = 0.0, f0, slam, flast
    f2 = 0.0
    while True:
        iterate = False
        denom = 2.0 * (flast - f0 - gdel * slam) / (slam * slam)
        slam = -gdel / denom if denom != 0.0 else 1.0
        if slam < 0.0:
            slam = slamax
        if slam > slamax:
            slam = slamax
        if slam < toler8:
            slam = toler8
        if slam < slamin:
            return xvmin, fvmin
        if abs(slam - 1.0) < toler8 and y1 < y0:
            return xvmin, fvmin
        if abs(slam - 1.0) < toler8:
            slam = 1.0 + toler8
        f2 = _at(problem, x, step, slam)
        niter += 1
        if f2 < fvmin:
            fvmin, xvmin = f2, slam
        if abs(y0 - fvmin) < abs(fvmin) * eps:
            iterate = True
            flast = f2
            toler8 = toler * slam
            overal = slam - toler8
            slamax = overal
            x1, y1 = slam, flast
        if not (iterate and niter < maxiter):
            break
    if niter >= maxiter:
        return xvmin, fvmin
    x2, y2 = slam, f2
    while True:
        slamax = max(slamax, alpha * abs(xvmin))
        # the parabola through the three points (centred for precision)
        dx12, dx13, dx23 = x0 - x1, x0 - x2, x1 - x2
        xm = (x0 + x1 + x2) / 3.0
        c0, c1, c2 = x0 - xm, x1 - xm, x2 - xm
        a = y0 / (dx12 * dx13) - y1 / (dx12 * dx23) + y2 / (dx13 * dx23)
        b = -y0 * (c1 + c2) / (dx12 * dx13) + y1 * (c0 + c2) / (dx12 * dx23)
        b -= y2 * (c0 + c1) / (dx13 * dx23)
        b -= 2.0 * xm * a
        if a < eps2:
            slam = xvmin + slamax if 2.0 * a * xvmin + b < 0.0 else xvmin - slamax
        else:
            slam = -b / (2.0 * a)
            if slam > xvmin + slamax:
                slam = xvmin + slamax
            if slam < xvmin - slamax:
                slam = xvmin - slamax
        if slam > 0.0:
            if slam > overal:
                slam = overal
        elif slam < undral:
            slam = undral
        f3 = 0.0
        while True:
            iterate = False
            toler9 = max(toler8, abs(toler8 * slam))
            if abs(x0 - slam) < toler9 or abs(x1 - slam) < toler9 or abs(x2 - slam) < toler9:
                return xvmin, fvmin
            f3 = _at(problem, x, step, slam)
            if f3 > y0 and f3 > y1 and f3 > y2:
                if slam > xvmin:
                    overal = min(overal, slam - toler8)
                if slam < xvmin:
                    undral = max(undral, slam + toler8)
                slam = 0.5 * (slam + xvmin)
                iterate = True
                niter += 1
            if not (iterate and niter < maxiter):
                break
        if niter >= maxiter:
            return xvmin, fvmin
        if y0 > y1 and y0 > y2:
            x0, y0 = slam, f3
        elif y1 > y0 and y1 > y2:
            x1, y1 = slam, f3
        else:
            x2, y2 = slam, f3
        if f3 < fvmin:
            fvmin, xvmin = f3, slam
        else:
            if slam > xvmin:
                overal = min(overal, slam - toler8)
            if slam < xvmin:
                undral = max(undral, slam + toler8)
        niter += 1
        if niter >= maxiter:
            break
    return xvmin, fvmin


@jit
def _inverse_g2(g2: np.ndarray, eps: float) -> np.ndarray:
    n = g2.size
    v = np.zeros((n, n))
    for i in range(n):
        v[i, i] = 1.0 / g2[i] if g2[i] > eps else 1.0
    return v


@jit
def _negative_g2(
    problem: Any, x: np.ndarray, fval: float, grd: np.ndarray, g2: np.ndarray, gstep: np.ndarray,
    up: float, eps: float, eps2: float, strategy: np.ndarray,
) -> Any:  # fmt: skip
    """Line searches along the parameters whose second derivative is not positive, until
    none is (Minuit2's NegativeG2LineSearch): the new point and value."""
    n = x.size
    iteration = 0
    while True:
        iterate = False
        for i in range(n):
            if g2[i] > 0.0:
                continue
            if abs(grd[i]) < eps and abs(g2[i]) < eps:
                continue
            step = np.zeros(n)
            step[i] = gstep[i] if grd[i] < 0.0 else -gstep[i]
            slam, fval = line_search(problem, x, fval, step, step[i] * grd[i], eps, eps2)
            x = x + slam * step
            numerical_gradient(problem, x, fval, grd, g2, gstep, up, eps, eps2, strategy)
            iterate = True
            break
        iteration += 1
        if not (iteration <= 2 * n and iterate):
            break
    return x, fval


@jit
def _davidon(
    v0: np.ndarray, dcovar0: float, dx: np.ndarray, dg: np.ndarray
) -> tuple[np.ndarray, float, bool]:
    """The Davidon (rank two, or BFGS when δᵀγ > γᵀVγ) update of the inverse Hessian."""
    n = dx.size
    delgam = dot(dx, dg)
    vg = symmetric_times(v0, dg, 1.0)
    gvg = dot(dg, vg)
    if delgam == 0.0 or gvg <= 0.0:
        return v0.copy(), dcovar0, False
    upd = np.zeros((n, n))
    add_outer(upd, dx, 1.0 / delgam)
    add_outer(upd, vg, -(1.0 / gvg))
    if delgam > gvg:
        t = dx * (1.0 / delgam)
        t += -(1.0 / gvg) * vg
        add_outer(upd, t, gvg)
    sum_upd = packed_abs_sum(upd)
    v1 = upd + v0
    return v1, 0.5 * (dcovar0 + sum_upd / packed_abs_sum(v1)), True


#: How the variable-metric iterations ended.
CONVERGED, ABOVE_MAX, REACHED_CALL_LIMIT = 0, 1, 2


@jit
def _valid(status: int) -> bool:
    """A usable error matrix: positive-definite, or made so."""
    return status == POSDEF or status == MADE_POSDEF


@jit
def _iterate(
    problem: Any, x: np.ndarray, fval: float, grd: np.ndarray, g2: np.ndarray,
    gstep: np.ndarray, v: np.ndarray, status: int, dcovar: float, state_edm: float,
    up: float, eps: float, eps2: float, strategy: np.ndarray, edmval: float, maxfcn: int,
) -> Any:  # fmt: skip
    """Variable-metric iterations from a state until the EDM (inflated by the matrix's
    uncertainty, 1 + 3·dcovar) is below ``edmval``: the last state, how it ended and whether
    a matrix was made positive-definite."""
    calls = problem[4]
    e = state_edm * (1.0 + 3.0 * dcovar)
    corrected = False
    while True:
        step = symmetric_times(v, grd, -1.0)
        if dot(grd, grd) <= 0.0:
            break
        gdel = dot(step, grd)
        if gdel > 0.0:
            v, status, dcovar = posdef(v, status, dcovar, eps, eps2)
            corrected = corrected or status == MADE_POSDEF
            step = symmetric_times(v, grd, -1.0)
            gdel = dot(step, grd)
            if gdel > 0.0:
                return x, fval, grd, g2, gstep, v, status, dcovar, state_edm, CONVERGED, corrected
        slam, fnew = line_search(problem, x, fval, step, gdel, eps, eps2)
        if abs(fnew - fval) <= abs(fval) * eps:
            break
        xnew = x + slam * step
        gnew, g2new, gsnew = grd.copy(), g2.copy(), gstep.copy()
        numerical_gradient(problem, xnew, fnew, gnew, g2new, gsnew, up, eps, eps2, strategy)
        e = edm(gnew, v)
        if np.isnan(e):
            return x, fval, grd, g2, gstep, v, status, dcovar, state_edm, CONVERGED, corrected
        if e < 0.0:
            v, status, dcovar = posdef(v, status, dcovar, eps, eps2)
            corrected = corrected or status == MADE_POSDEF
            e = edm(gnew, v)
            if e < 0.0:
                return x, fval, grd, g2, gstep, v, status, dcovar, state_edm, CONVERGED, corrected
        v, dcovar, updated = _davidon(v, dcovar, xnew - x, gnew - grd)
        if updated:
            status = POSDEF
        x, fval, grd, g2, gstep, state_edm = xnew, fnew, gnew, g2new, gsnew, e
        e *= 1.0 + 3.0 * dcovar
        if not (e > edmval and calls[0] < maxfcn):
            break
    outcome = CONVERGED
    if calls[0] >= maxfcn:
        outcome = REACHED_CALL_LIMIT
    elif e > edmval and e >= 10.0 * edmval and e >= abs(eps2 * fval):
        outcome = ABOVE_MAX
    return x, fval, grd, g2, gstep, v, status, dcovar, state_edm, outcome, corrected


@jit
def migrad(
    entry: int,
    ext: np.ndarray,
    free: np.ndarray,
    bounds: np.ndarray,
    calls: np.ndarray,
    start: np.ndarray,
    steps: np.ndarray,
    limited_at: np.ndarray,
    up: float,
    eps: float,
    strategy: np.ndarray,
    tolerance: float,
    maxfcn: int,
) -> Any:
    """One Migrad minimisation.

    Parameters
    ----------
    entry, ext, free, bounds, calls
        The problem (:mod:`rootfit.kernels.minuit_core`), as separate arguments (a tuple
        would cost more to type-check at the call than a small fit's minimisation).
    start, steps : ndarray
        External start values and steps of the free parameters (inside their limits).
    limited_at : ndarray of bool
        Whether the parameter at each external index has limits.
    up, eps : float
        Error definition and machine precision (Minuit2's ``eps``; ``eps2 = 2√eps``).
    strategy : ndarray
        The strategy's settings (layout ``S_*`` of :mod:`~rootfit.kernels.minuit_core`).
    tolerance : float
        Migrad stops when EDM < 0.002 · tolerance · up.
    maxfcn : int
        Call limit (×1.3 after a Hesse that asks for more iterations).

    Returns
    -------
    x : ndarray
        Internal parameters at the minimum.
    v : ndarray
        Inverse Hessian in internal coordinates (½ the covariance).
    info : ndarray
        :data:`OUTCOME_FIELDS`.
    """
    problem = (entry, ext, free, bounds, calls)
    eps2 = 2.0 * np.sqrt(eps)
    n = start.size
    x = np.empty(n)
    grd = np.empty(n)
    g2 = np.empty(n)
    gstep = np.empty(n)
    for i in range(n):
        kind, lo, hi = int(bounds[i, 0]), bounds[i, 1], bounds[i, 2]
        x[i] = ext2int(kind, lo, hi, start[i], eps2)
    fval = evaluate(problem, x)
    for i in range(n):  # the initial gradient from the steps
        kind, lo, hi = int(bounds[i, 0]), bounds[i, 1], bounds[i, 2]
        sav = int2ext(kind, lo, hi, x[i])
        plus = sav + steps[i]
        if (kind == BOTH or kind == UPPER) and plus > hi:
            plus = hi
        minus = sav - steps[i]
        if (kind == BOTH or kind == LOWER) and minus < lo:
            minus = lo
        vplu = ext2int(kind, lo, hi, plus, eps2) - x[i]
        vmin = ext2int(kind, lo, hi, minus, eps2) - x[i]
        gsmin = 8.0 * eps2 * (abs(x[i]) + eps2)
        dirin = max(0.5 * (abs(vplu) + abs(vmin)), gsmin)
        g2[i] = 2.0 * up / (dirin * dirin)
        gstep[i] = max(gsmin, 0.1 * dirin)
        grd[i] = g2[i] * dirin
        if kind != NONE and gstep[i] > 0.5:
            gstep[i] = 0.5
    numerical_gradient(problem, x, fval, grd, g2, gstep, up, eps, eps2, strategy)
    if np.any(g2 <= 0.0):
        x, fval = _negative_g2(problem, x, fval, grd, g2, gstep, up, eps, eps2, strategy)
    v = _inverse_g2(g2, eps)
    status, dcovar = POSDEF, 1.0
    state_edm = edm(grd, v)
    corrected = False
    if int(strategy[S_LEVEL]) == 2:
        v, status, dcovar, grd, g2, gstep, state_edm = hesse(
            problem, x, grd, g2, gstep, state_edm, limited_at, up, eps, eps2, strategy, True, 0
        )
        corrected = status == MADE_POSDEF
    edmval = 0.002 * max(tolerance * up, eps2)
    level = int(strategy[S_LEVEL])
    above_max = False
    call_limit = False
    maxfcn_eff = maxfcn
    ipass = 0
    final_edm = state_edm
    early = False
    while state_edm >= 0.0:
        x, fval, grd, g2, gstep, v, status, dcovar, state_edm, outcome, fixed = _iterate(
            problem, x, fval, grd, g2, gstep, v, status, dcovar, state_edm,
            up, eps, eps2, strategy, edmval, maxfcn_eff,
        )  # fmt: skip
        corrected = corrected or fixed
        above_max = outcome == ABOVE_MAX
        call_limit = outcome == REACHED_CALL_LIMIT
        final_edm = state_edm
        if call_limit or (ipass > 0 and (above_max or not _valid(status))):
            early = True
            break
        again = False
        if level >= 2 or (level == 1 and dcovar > 0.05):
            v, status, dcovar, grd, g2, gstep, state_edm = hesse(
                problem, x, grd, g2, gstep, state_edm, limited_at, up, eps, eps2,
                strategy, True, maxfcn,
            )  # fmt: skip
            corrected = corrected or status == MADE_POSDEF
            if not _valid(status):
                break
            final_edm = state_edm
            again = final_edm > edmval and final_edm >= abs(eps2 * fval)
        if ipass == 0:
            maxfcn_eff = int(maxfcn * 1.3)
        ipass += 1
        if not again:
            break
    if not early and state_edm >= 0.0:  # the last state's flags replace the iterations'
        above_max = final_edm > 10.0 * edmval
        call_limit = not above_max and status == CALL_LIMIT
    info = np.empty(len(OUTCOME_FIELDS))
    info[0] = fval
    info[1] = state_edm
    info[2] = calls[0]
    info[3] = status
    info[4] = dcovar
    info[5] = above_max
    info[6] = call_limit
    info[7] = corrected
    return x, v, info
