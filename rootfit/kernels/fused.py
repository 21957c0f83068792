"""Fused model-and-statistic kernels, and the C entry point Minuit calls without Python.

A fit statistic of a formula model is one compiled loop over the fit points: the model's
one-point kernel (:attr:`rootfit.functions.Model.point_kernel`) and the statistic's term are
evaluated together, with no array of model values in between. The loop reads everything it
needs from one float64 *context* array built once per cost:

========================  ===============================================================
``ctx[0]``                number of points ``n``
``ctx[1]``                coordinates per point (the row stride of the point block)
``ctx[2]``                the statistic's flag (the χ² term cap, "extended", "x errors")
``ctx[3]``                length of the whole context
``ctx[4 : 4+n·stride]``   the points, row-major
then                      the statistic's columns, ``n`` values each (see :data:`COLUMNS`)
========================  ===============================================================

For Minuit the same loop is compiled as a C function ``double fcn(uint32 n, double* p)``
(iminuit calls such a function from C++ without entering Python). That signature has no room
for data, so the context travels as one more, fixed, parameter: its address, exact as a float64
(addresses are below 2⁵³). One compiled function thus serves every fit of a (model, statistic)
pair, and the context, owned by the cost, is kept alive by the object Minuit holds
(:class:`FusedObjective`).

Every loop here has a twin: the cost's plain path (the model's evaluator and the statistic
kernels of :mod:`rootfit.kernels.costs`, themselves twinned in :mod:`rootfit.kernels.reference`);
tests/test_fused.py checks them equal bit for bit.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Sequence
from typing import Any

import numba
import numpy as np
from numba import types
from numba.extending import intrinsic
from numpy.typing import NDArray

from rootfit.kernels.codegen import function_from_ast, load
from rootfit.kernels.costs import safe_log
from rootfit.kernels.jit import JIT_OPTIONS, jit_generated

__all__ = [
    "COLUMNS",
    "HEADER",
    "STATISTICS",
    "FusedObjective",
    "build_context",
    "fused_kernels",
]

#: Length of the context header.
HEADER = 4

#: The per-point columns each statistic reads after the points, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "chi2": ("y", "inverse error"),
    "poisson": ("y", "log y"),
    "effective_chi2": ("y", "lower y error", "upper y error", "x error", "derivative step"),
}

#: The statistics with a fused kernel.
STATISTICS = tuple(COLUMNS)

_C_SIGNATURE = types.float64(types.uint32, types.CPointer(types.float64))


@intrinsic
def _address_as_pointer(typingctx: Any, address: Any) -> Any:
    """``(double*) address`` inside compiled code (the context's address, see the module)."""
    signature = types.CPointer(types.float64)(types.int64)

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        return builder.inttoptr(args[0], context.get_value_type(types.CPointer(types.float64)))

    return signature, codegen


def _row_adapter(kernel: Any, ndim: int, shifted: bool = False) -> Any:
    """``row(ctx, b, p) = kernel(ctx[b], ..., ctx[b + ndim - 1], p)``; with ``shifted``,
    ``row(ctx, b, p, dx)`` moves the first coordinate by ``dx`` (generated: numba cannot unpack
    a variable number of coordinates into a call)."""
    coords: list[ast.expr] = [
        ast.Subscript(
            value=load("ctx"),
            slice=ast.BinOp(left=load("b"), op=ast.Add(), right=ast.Constant(d)),
            ctx=ast.Load(),
        )
        for d in range(ndim)
    ]
    names = ["ctx", "b", "p"]
    if shifted:
        coords[0] = ast.BinOp(left=coords[0], op=ast.Add(), right=load("dx"))
        names.append("dx")
    call = ast.Call(func=load("kernel"), args=[*coords, load("p")], keywords=[])
    args = ast.arguments(
        posonlyargs=[],
        args=[ast.arg(arg=name) for name in names],
        kwonlyargs=[],
        kw_defaults=[],
        defaults=[],
    )
    func = ast.FunctionDef(name="row", args=args, body=[ast.Return(value=call)], decorator_list=[])
    return jit_generated(function_from_ast(func, {"kernel": kernel}, filename="<rootfit row>"))


def _chi2_loop(row: Any) -> Any:
    @jit_generated
    def objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover - compiled
        n = np.int64(ctx[0])
        stride = np.int64(ctx[1])
        cap = ctx[2]
        y0 = HEADER + n * stride
        w0 = y0 + n
        total = 0.0
        for i in range(n):
            r = (ctx[y0 + i] - row(ctx, HEADER + i * stride, p)) * ctx[w0 + i]
            term = r * r
            total += term if term < cap else cap
        return total

    return objective


def _poisson_loop(row: Any) -> Any:
    @jit_generated
    def objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover - compiled
        n = np.int64(ctx[0])
        stride = np.int64(ctx[1])
        extended = ctx[2] != 0.0
        y0 = HEADER + n * stride
        l0 = y0 + n
        total = 0.0
        for i in range(n):
            f = row(ctx, HEADER + i * stride, p)
            fi = f if f > 0.0 else 0.0
            yi = ctx[y0 + i]
            if extended:
                total += fi - yi
            if yi > 0:
                total += yi * (ctx[l0 + i] - safe_log(fi))
        return total

    return objective


def _effective_chi2_loop(row: Any, shifted: Any) -> Any:
    """Effective variance with ROOT's Richardson derivative in the first coordinate (models of
    one variable); the flag says whether any point has an x error."""

    @jit_generated
    def objective(ctx: np.ndarray, p: np.ndarray) -> float:  # pragma: no cover - compiled
        n = np.int64(ctx[0])
        stride = np.int64(ctx[1])
        active = ctx[2] != 0.0
        y0 = HEADER + n * stride
        total = 0.0
        for i in range(n):
            b = HEADER + i * stride
            d = ctx[y0 + i] - row(ctx, b, p)
            ey = ctx[y0 + 2 * n + i] if d < 0 else ctx[y0 + n + i]
            x_var = 0.0
            if active:
                h = ctx[y0 + 4 * n + i]
                up = shifted(ctx, b, p, h)
                down = shifted(ctx, b, p, -h)
                up2 = shifted(ctx, b, p, 0.5 * h)
                down2 = shifted(ctx, b, p, -0.5 * h)
                d_full = (up - down) / (2 * h)
                d_half = (up2 - down2) / h
                ex = ctx[y0 + 3 * n + i]
                x_var = (ex * ((4 * d_half - d_full) / 3)) ** 2
            var = ey * ey + x_var
            if var > 0:
                total += d * d / var
        return total

    return objective


_LOOPS: dict[str, Callable[..., Any]] = {
    "chi2": _chi2_loop,
    "poisson": _poisson_loop,
    "effective_chi2": _effective_chi2_loop,
}


def _c_entry(objective: Any) -> Any:
    """The C function ``double fcn(uint32 n, double* p)``: ``p[n-1]`` is the context's address."""

    @numba.cfunc(_C_SIGNATURE, error_model=JIT_OPTIONS["error_model"])
    def entry(n: int, values: Any) -> float:  # pragma: no cover - compiled
        p = numba.carray(values, n)
        address = np.int64(p[n - 1])
        pointer: Any = _address_as_pointer(address)  # type: ignore[call-arg]
        header = numba.carray(pointer, HEADER)
        ctx = numba.carray(pointer, np.int64(header[3]))
        return objective(ctx, p[: n - 1])

    return entry


@functools.lru_cache(maxsize=256)
def fused_kernels(kernel: Any, ndim: int, statistic: str) -> tuple[Any, Any]:
    """``(objective, entry)`` of one (model kernel, statistic) pair, compiled once per process.

    Parameters
    ----------
    kernel : numba dispatcher
        The model's one-point kernel ``kernel(x0, ..., x{ndim-1}, p)``.
    ndim : int
        Number of coordinates the kernel takes.
    statistic : {"chi2", "poisson", "effective_chi2"}
        The statistic.

    Returns
    -------
    objective : numba dispatcher
        ``objective(ctx, p) -> float``.
    entry : numba cfunc
        The same as a C function for Minuit (see the module docstring).
    """
    loop = _LOOPS[statistic]
    row = _row_adapter(kernel, ndim)
    if statistic == "effective_chi2":
        objective = loop(row, _row_adapter(kernel, ndim, shifted=True))
    else:
        objective = loop(row)
    return objective, _c_entry(objective)


def build_context(
    points: NDArray[np.float64], flag: float, columns: Sequence[NDArray[np.float64]]
) -> NDArray[np.float64]:
    """The context array of :mod:`this module <rootfit.kernels.fused>` (points ``(n, stride)``,
    one value per point in each column)."""
    n, stride = points.shape
    if any(np.shape(c) != (n,) for c in columns):
        raise ValueError(f"every column needs {n} values")
    length = HEADER + n * stride + n * len(columns)
    ctx = np.empty(length)
    ctx[:HEADER] = (n, stride, flag, length)
    ctx[HEADER : HEADER + n * stride] = points.ravel()
    for k, column in enumerate(columns):
        start = HEADER + n * stride + k * n
        ctx[start : start + n] = column
    return ctx


class FusedObjective:
    """A fused statistic bound to its context: callable from Python (``f(p)``), and what
    iminuit calls from C++ (``ctypes`` is the C entry, ``errordef`` the cost's; the object
    keeps the context alive while Minuit holds it).

    Parameters
    ----------
    kernels : (objective, entry)
        From :func:`fused_kernels`.
    context : ndarray
        From :func:`build_context`.
    errordef : float
        The cost's errordef.
    """

    __slots__ = ("_objective", "context", "ctypes", "errordef")

    def __init__(
        self, kernels: tuple[Any, Any], context: NDArray[np.float64], errordef: float
    ) -> None:
        self._objective = kernels[0]
        self.ctypes = kernels[1].ctypes
        self.context = context
        self.errordef = float(errordef)

    @property
    def address(self) -> float:
        """The context's address as the float64 Minuit passes as the last parameter."""
        return float(self.context.ctypes.data)

    def __call__(self, parameters: NDArray[np.float64]) -> float:
        return float(self._objective(self.context, parameters))
