"""The pieces of Minuit2 that Migrad and Hesse share, compiled: the parameter transformations,
the objective call, the numerical gradient, the EDM, the symmetric inverse and the
positive-definite correction.

Written from Minuit2's documented algorithm (the ``SinParameterTransformation``,
``Numerical2PGradientCalculator``, ``VariableMetricEDMEstimator``, ``MnPosDef`` and the
scaled Gauss–Jordan inverse), step for step, so that the compiled Migrad of
:mod:`rootfit.kernels.migrad` makes the same function calls as ROOT's and reaches the same
minimum. The limit transformations are Minuit2's ``long double`` arithmetic
(:mod:`rootfit.kernels.extended`), so bounded parameters take Minuit2's values too.

The *problem* tuple every function takes is ``(entry, ext, free, bounds, calls)``:

* ``entry`` — the address of the objective's C function ``double(uint32 n, double* p)``
  (:data:`rootfit.kernels.fused.C_SIGNATURE`); it is called on ``ext``;
* ``ext`` — the external parameter vector it reads, the fixed values (and a fused objective's
  context address) already in place;
* ``free`` — for each internal (free) parameter, its index in ``ext``;
* ``bounds`` — per free parameter ``(kind, lower, upper)``, kind one of :data:`NONE`,
  :data:`BOTH`, :data:`LOWER`, :data:`UPPER`;
* ``calls`` — a one-element int64 counter of objective calls.

The twin of every function here is Minuit2 itself (iminuit's build):
tests/test_compiled_migrad.py compares call counts, minima and covariances.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

from rootfit.kernels.extended import (
    sin_dint2ext,
    sin_ext2int,
    sin_int2ext,
    sqrt_dint2ext,
    sqrt_ext2int,
    sqrt_int2ext,
)
from rootfit.kernels.jit import jit

__all__ = [
    "BOTH",
    "LOWER",
    "NONE",
    "UPPER",
    "add_outer",
    "dint2ext",
    "dot",
    "edm",
    "evaluate",
    "ext2int",
    "external_error",
    "external_state",
    "int2ext",
    "invert",
    "numerical_gradient",
    "posdef",
    "symmetric_times",
]

#: Limit kinds of a free parameter.
NONE, BOTH, LOWER, UPPER = 0, 1, 2, 3

#: MinimumError status values (Minuit2's order).
UNSET, POSDEF, MADE_POSDEF, NOT_POSDEF, HESSE_FAILED, INVERT_FAILED, CALL_LIMIT = range(7)

#: Layout of the strategy vector (MnStrategy's settings).
(
    S_LEVEL,
    S_GRAD_NCYCLES,
    S_GRAD_STEP_TOL,
    S_GRAD_TOL,
    S_HESS_NCYCLES,
    S_HESS_STEP_TOL,
    S_HESS_G2_TOL,
    S_HESS_GRAD_NCYCLES,
    S_FORCE_POSDEF,
) = range(9)


@intrinsic
def _data_pointer(typingctx: Any, array: Any) -> Any:
    """``(double*) array.data`` of a contiguous float64 array."""
    signature = types.CPointer(types.float64)(array)

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        return context.make_array(array)(context, builder, args[0]).data

    return signature, codegen


@intrinsic
def _call_entry(typingctx: Any, address: Any, n: Any, pointer: Any) -> Any:
    """Call the C function at ``address`` as ``double(uint32, double*)``."""
    signature = types.float64(types.int64, types.uint32, types.CPointer(types.float64))

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        function_type = ir.FunctionType(
            ir.DoubleType(), [ir.IntType(32), ir.DoubleType().as_pointer()]
        )
        function = builder.inttoptr(args[0], function_type.as_pointer())
        return builder.call(function, [args[1], args[2]])

    return signature, codegen


@jit
def int2ext(kind: int, low: float, high: float, value: float) -> float:
    """External value of an internal one (sine for two limits, square roots for one)."""
    if kind == BOTH:
        return sin_int2ext(value, low, high)
    if kind == LOWER:
        return sqrt_int2ext(value, low, 1.0)
    if kind == UPPER:
        return sqrt_int2ext(value, high, -1.0)
    return value


@jit
def ext2int(kind: int, low: float, high: float, value: float, eps2: float) -> float:
    """Internal value of an external one (a value at a limit maps just inside it)."""
    if kind == BOTH:
        piby2 = 2.0 * math.atan(1.0)
        distnn = 8.0 * math.sqrt(eps2)
        return sin_ext2int(value, low, high, piby2, distnn, 1.0 - eps2)
    if kind == LOWER:
        return sqrt_ext2int(value, low, 1.0)
    if kind == UPPER:
        return sqrt_ext2int(value, high, -1.0)
    return value


@jit
def dint2ext(kind: int, low: float, high: float, value: float) -> float:
    """d external / d internal."""
    if kind == BOTH:
        return sin_dint2ext(value, low, high)
    if kind == LOWER:
        return sqrt_dint2ext(value, 1.0)
    if kind == UPPER:
        return sqrt_dint2ext(value, -1.0)
    return 1.0


@jit
def external_error(kind: int, low: float, high: float, x: float, err: float) -> float:
    """Minuit2's external error of internal error ``err`` at ``x``: the mean of the two
    half-intervals through the transformation (for two limits, the whole range when ``err``
    exceeds 1)."""
    if kind == NONE:
        return err
    centre = int2ext(kind, low, high, x)
    du1 = int2ext(kind, low, high, x + err) - centre
    du2 = int2ext(kind, low, high, x - err) - centre
    if kind == BOTH and err > 1.0:
        du1 = high - low
    return 0.5 * (abs(du1) + abs(du2))


@jit
def external_state(
    values: np.ndarray,
    free: np.ndarray,
    bounds: np.ndarray,
    x: np.ndarray,
    v: np.ndarray,
    up: float,
    with_errors: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Minuit2's user state of internal values ``x`` and inverse Hessian ``v``: all external
    values (``values`` holds the fixed ones), errors and covariance (zero rows for fixed
    parameters; zeros everywhere unless ``with_errors``), in Minuit2's order of arithmetic."""
    n = values.size
    out = values.copy()
    errors = np.zeros(n)
    cov = np.zeros((n, n))
    jac = np.empty(x.size)
    for k in range(x.size):
        kind, low, high = int(bounds[k, 0]), bounds[k, 1], bounds[k, 2]
        out[free[k]] = int2ext(kind, low, high, x[k])
        jac[k] = dint2ext(kind, low, high, x[k])
    if with_errors:
        scale = 2.0 * up
        for k in range(x.size):
            kind, low, high = int(bounds[k, 0]), bounds[k, 1], bounds[k, 2]
            errors[free[k]] = external_error(kind, low, high, x[k], math.sqrt(scale * v[k, k]))
            for m in range(k, x.size):  # the upper triangle, mirrored (Minuit2's order)
                cov[free[k], free[m]] = scale * (jac[k] * v[k, m] * jac[m])
                cov[free[m], free[k]] = cov[free[k], free[m]]
    return out, errors, cov


@jit
def evaluate(problem: Any, x: np.ndarray) -> float:
    """The objective at internal parameters ``x`` (one call counted)."""
    entry, ext, free, bounds, calls = problem
    for i in range(x.size):
        ext[free[i]] = int2ext(int(bounds[i, 0]), bounds[i, 1], bounds[i, 2], x[i])
    calls[0] += 1
    return _call_entry(entry, np.uint32(ext.size), _data_pointer(ext))  # type: ignore[call-arg]


@jit
def numerical_gradient(
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
    """Two-point derivatives at ``x``, refined from the previous ones in place (Minuit2's
    Numerical2PGradientCalculator: a few cycles per parameter, the step chosen from the
    second derivative and the function's precision)."""
    bounds = problem[3]
    dfmin = 8.0 * eps2 * (abs(fval) + up)
    vrysml = 8.0 * eps * eps
    ncycle = int(strategy[S_GRAD_NCYCLES])
    step_tol = strategy[S_GRAD_STEP_TOL]
    grad_tol = strategy[S_GRAD_TOL]
    for i in range(x.size):
        xtf = x[i]
        epspri = eps2 + abs(grd[i] * eps2)
        stepb4 = 0.0
        for _ in range(ncycle):
            optstp = math.sqrt(dfmin / (abs(g2[i]) + epspri))
            step = max(optstp, abs(0.1 * gstep[i]))
            if bounds[i, 0] != NONE and step > 0.5:
                step = 0.5
            stpmax = 10.0 * abs(gstep[i])
            if step > stpmax:
                step = stpmax
            stpmin = max(vrysml, 8.0 * abs(eps2 * x[i]))
            if step < stpmin:
                step = stpmin
            if abs((step - stepb4) / step) < step_tol:
                break
            gstep[i] = step
            stepb4 = step
            x[i] = xtf + step
            fs1 = evaluate(problem, x)
            x[i] = xtf - step
            fs2 = evaluate(problem, x)
            x[i] = xtf
            grdb4 = grd[i]
            grd[i] = 0.5 * (fs1 - fs2) / step
            g2[i] = (fs1 + fs2 - 2.0 * fval) / step / step
            if abs(grdb4 - grd[i]) / (abs(grd[i]) + dfmin / step) < grad_tol:
                break


@jit
def symmetric_times(v: np.ndarray, x: np.ndarray, alpha: float) -> np.ndarray:
    """``alpha · V x`` for symmetric ``V``, summed in the order of BLAS ``dspmv`` on packed
    upper storage (as Minuit2 does, so the last bits agree)."""
    n = x.size
    y = np.zeros(n)
    for j in range(n):
        temp1 = alpha * x[j]
        temp2 = 0.0
        for i in range(j):
            y[i] += temp1 * v[i, j]
            temp2 += v[i, j] * x[i]
        y[j] += temp1 * v[j, j] + alpha * temp2
    return y


@jit
def add_outer(m: np.ndarray, x: np.ndarray, alpha: float) -> None:
    """``M += alpha · x xᵀ`` in place, in the order of BLAS ``dspr`` (upper triangle, then
    mirrored)."""
    n = x.size
    for j in range(n):
        if x[j] != 0.0:
            temp = alpha * x[j]
            for i in range(j + 1):
                m[i, j] += x[i] * temp
                m[j, i] = m[i, j]


@jit
def dot(a: np.ndarray, b: np.ndarray) -> float:
    """Σ aᵢbᵢ in index order."""
    total = 0.0
    for i in range(a.size):
        total += a[i] * b[i]
    return total


@jit
def edm(grd: np.ndarray, v: np.ndarray) -> float:
    """Estimated distance to the minimum, ½ gᵀ V g."""
    if grd.size == 1:
        return 0.5 * grd[0] * grd[0] * v[0, 0]
    return 0.5 * dot(grd, symmetric_times(v, grd, 1.0))


@jit
def packed_abs_sum(m: np.ndarray) -> float:
    """Σ |m_ij| over the upper triangle in packed (column) order, as Minuit2 sums it."""
    total = 0.0
    for j in range(m.shape[0]):
        for i in range(j + 1):
            total += abs(m[i, j])
    return total


@jit
def invert(a: np.ndarray) -> bool:
    """Invert a symmetric matrix in place: scaled to a unit diagonal, then Gauss–Jordan
    without pivoting (Minuit2's ``mnvert``); False when it cannot."""
    n = a.shape[0]
    if n == 1:
        if not a[0, 0] > 0.0:
            return False
        a[0, 0] = 1.0 / a[0, 0]
        return True
    s = np.empty(n)
    q = np.empty(n)
    pp = np.empty(n)
    for i in range(n):
        if a[i, i] < 0.0:
            return False
        s[i] = 1.0 / math.sqrt(a[i, i])
    for i in range(n):
        for j in range(i, n):
            a[i, j] *= s[i] * s[j]
    for k in range(n):
        if a[k, k] == 0.0:
            return False
        q[k] = 1.0 / a[k, k]
        pp[k] = 1.0
        a[k, k] = 0.0
        for j in range(k):
            pp[j] = a[j, k]
            q[j] = a[j, k] * q[k]
            a[j, k] = 0.0
        for j in range(k + 1, n):
            pp[j] = a[k, j]
            q[j] = -a[k, j] * q[k]
            a[k, j] = 0.0
        for j in range(n):
            for m in range(j, n):
                a[j, m] += pp[j] * q[m]
    for j in range(n):
        for m in range(j, n):
            a[j, m] *= s[j] * s[m]
            a[m, j] = a[j, m]
    return True


@jit
def posdef(v: np.ndarray, status: int, dcovar: float, eps: float, eps2: float) -> Any:
    """Minuit2's positive-definite correction of a symmetric matrix: ``(matrix, status,
    dcovar)``, the diagonal raised when an eigenvalue of the scaled matrix is too small."""
    n = v.shape[0]
    err = v.copy()
    if n == 1:
        if err[0, 0] < eps:
            err[0, 0] = 1.0
            return err, MADE_POSDEF, 1.0
        if err[0, 0] > eps:
            return err, status, dcovar
    epspdf = max(1.0e-6, eps2)
    dgmin = err[0, 0]
    for i in range(n):
        if err[i, i] < dgmin:
            dgmin = err[i, i]
    dg = 0.5 + epspdf - dgmin if dgmin <= 0.0 else 0.0
    scaled = np.empty((n, n))
    s = np.empty(n)
    for i in range(n):
        err[i, i] += dg
        if err[i, i] < 0.0:
            err[i, i] = 1.0
        s[i] = 1.0 / math.sqrt(err[i, i])
        for j in range(i + 1):
            scaled[i, j] = err[i, j] * s[i] * s[j]
            scaled[j, i] = scaled[i, j]
    if np.all(np.isfinite(scaled)):
        eigenvalues = np.linalg.eigvalsh(scaled)
        pmin, pmax = eigenvalues[0], abs(eigenvalues[n - 1])
        pmax = 1.0 if pmax < 1.0 else pmax
    else:  # Minuit2's eigenvalues of a matrix with NaN are NaN: the diagonal becomes NaN
        pmin = pmax = np.nan
    if pmin > epspdf * pmax:
        return err, POSDEF, dcovar
    padd = 0.001 * pmax - pmin
    for i in range(n):
        err[i, i] *= 1.0 + padd
    return err, MADE_POSDEF, 1.0
