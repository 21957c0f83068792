"""numba side of formula evaluation: scalar math helpers and the point loops.

:data:`SCALAR_NAMESPACE` holds the numba implementation of every formula library name;
:func:`point_loop_definition` is the loop ``evaluate(X, p)`` over the rows of ``X`` (shape
``(n, ndim)``) that a formula's generated module compiles (:mod:`rootfit.kernels.generated`);
:func:`jit_row_model` loops a user's numba function ``f(x, p)`` in compiled code.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from typing import Any

import numba
import numpy as np

from rootfit.kernels import elementary
from rootfit.kernels.codegen import load, store
from rootfit.kernels.jit import jit as _jit
from rootfit.kernels.jit import jit_generated
from rootfit.kernels.special import (
    digamma,
    faddeeva_im,
    faddeeva_re,
    landau_density,
    landau_density_derivative,
)

__all__ = [
    "LIBRARY_NAMESPACE",
    "SCALAR_NAMESPACE",
    "is_numba_function",
    "jit_row_model",
    "point_loop_definition",
]


@_jit
def _sign(a: float) -> float:
    return 1.0 if a > 0 else (-1.0 if a < 0 else 0.0)


@_jit
def _sq(a: float) -> float:
    return a * a


@_jit
def _fmin(a: float, b: float) -> float:
    return a if a < b else b


@_jit
def _fmax(a: float, b: float) -> float:
    return a if a > b else b


@_jit
def _lt(a: float, b: float) -> float:
    return 1.0 if a < b else 0.0


@_jit
def _le(a: float, b: float) -> float:
    return 1.0 if a <= b else 0.0


@_jit
def _gt(a: float, b: float) -> float:
    return 1.0 if a > b else 0.0


@_jit
def _ge(a: float, b: float) -> float:
    return 1.0 if a >= b else 0.0


@_jit
def _eq(a: float, b: float) -> float:
    return 1.0 if a == b else 0.0


@_jit
def _ne(a: float, b: float) -> float:
    return 1.0 if a != b else 0.0


@_jit
def _and(a: float, b: float) -> float:
    return 1.0 if (a != 0 and b != 0) else 0.0


@_jit
def _or(a: float, b: float) -> float:
    return 1.0 if (a != 0 or b != 0) else 0.0


@_jit
def _not(a: float) -> float:
    return 1.0 if a == 0 else 0.0


@_jit
def _pow(a: float, b: float) -> float:
    return a**b


@_jit
def _tgamma(a: float) -> float:
    return math.gamma(a)


#: numba implementations of every formula library name (see :mod:`rootfit.functions.library`).
SCALAR_NAMESPACE: dict[str, Any] = {
    "f_sin": math.sin, "f_cos": math.cos, "f_tan": math.tan, "f_asin": math.asin,
    "f_acos": math.acos, "f_atan": math.atan, "f_atan2": math.atan2, "f_sinh": math.sinh,
    "f_cosh": math.cosh, "f_tanh": math.tanh, "f_exp": elementary.exp, "f_log": elementary.log,
    "f_log10": math.log10, "f_sqrt": math.sqrt, "f_ceil": math.ceil, "f_floor": math.floor,
    "f_pow": _pow, "f_abs": abs, "f_sign": _sign, "f_sq": _sq, "f_min": _fmin, "f_max": _fmax,
    "f_erf": math.erf, "f_erfc": math.erfc, "f_lgamma": math.lgamma, "f_tgamma": _tgamma,
    "f_digamma": digamma, "f_landau_density": landau_density,
    "f_landau_density_d": landau_density_derivative,
    "f_faddeeva_re": faddeeva_re, "f_faddeeva_im": faddeeva_im,
    "_lt": _lt, "_le": _le, "_gt": _gt, "_ge": _ge, "_eq": _eq, "_ne": _ne,
    "_and": _and, "_or": _or, "_not": _not,
}  # fmt: skip


#: The same names with the C library's ``exp`` and ``log``, for loops that the compiler does
#: not vectorise (the derivatives of a point written into a row of the output): there one call
#: costs a third of the inlined arithmetic of :mod:`rootfit.kernels.elementary`.
LIBRARY_NAMESPACE: dict[str, Any] = {**SCALAR_NAMESPACE, "f_exp": math.exp, "f_log": math.log}


def _ast_call(identifier: str, args: list[ast.expr]) -> ast.Call:
    return ast.Call(func=load(identifier), args=args, keywords=[])


def point_loop_definition(
    ndim: int, size: int | None = None, *, prepared: bool = False
) -> ast.FunctionDef:
    """``evaluate(X, p)`` looping ``kernel(X[i, 0], ..., X[i, ndim-1], p[, out[i]])`` over
    the rows of ``X``; ``size`` given: the kernel fills ``out[i, :size]`` (gradients);
    ``prepared``: ``q = prepare(p)`` is computed once and the kernel is
    ``kernel(X[i, 0], ..., p, q)``. The parameters are read once, ``t = parameters(p)`` (a
    tuple of scalars: loads from ``p`` after each store to ``out`` could not be shared, and
    repeated subexpressions such as a Gaussian's ``exp`` in every derivative would be computed
    again). The globals ``kernel``, ``parameters``, ``prepare`` and ``empty``
    (``numpy.empty``) are those of the namespace or module the definition is compiled in.

    Generated (rather than written once per dimension) because numba cannot unpack a variable
    number of coordinates into a call.
    """
    coords = [
        ast.Subscript(
            value=load("X"),
            slice=ast.Tuple(elts=[load("i"), ast.Constant(d)], ctx=ast.Load()),
            ctx=ast.Load(),
        )
        for d in range(ndim)
    ]
    shape: ast.expr = ast.Subscript(
        value=ast.Attribute(value=load("X"), attr="shape", ctx=ast.Load()),
        slice=ast.Constant(0),
        ctx=ast.Load(),
    )
    if size is not None:
        shape = ast.Tuple(elts=[shape, ast.Constant(size)], ctx=ast.Load())
    row = ast.Subscript(value=load("out"), slice=load("i"), ctx=ast.Load())
    extra: list[ast.expr] = [load("q")] if prepared else []
    call = _ast_call("kernel", [*coords, load("t"), *extra] + ([row] if size is not None else []))
    step: ast.stmt = (
        ast.Expr(value=call)
        if size is not None
        else ast.Assign(
            targets=[ast.Subscript(value=load("out"), slice=load("i"), ctx=ast.Store())],
            value=call,
        )
    )
    n_rows = ast.Subscript(
        value=ast.Attribute(value=load("X"), attr="shape", ctx=ast.Load()),
        slice=ast.Constant(0),
        ctx=ast.Load(),
    )
    body: list[ast.stmt] = [
        ast.Assign(targets=[store("t")], value=_ast_call("parameters", [load("p")])),
        *(
            [ast.Assign(targets=[store("q")], value=_ast_call("prepare", [load("t")]))]
            if prepared
            else []
        ),
        ast.Assign(targets=[store("out")], value=_ast_call("empty", [shape])),
        ast.For(
            target=store("i"),
            iter=_ast_call("range", [n_rows]),
            body=[step],
            orelse=[],
        ),
        ast.Return(value=load("out")),
    ]
    args = ast.arguments(
        posonlyargs=[],
        args=[ast.arg(arg="X"), ast.arg(arg="p")],
        kwonlyargs=[],
        kw_defaults=[],
        defaults=[],
    )
    return ast.FunctionDef(name="evaluate", args=args, body=body, decorator_list=[])


def jit_row_model(function: Any) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Compiled loop for a user's numba function with ROOT's signature ``f(x, p)``."""

    @jit_generated
    def evaluate(X: np.ndarray, p: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
        out = np.empty(X.shape[0])
        for i in range(X.shape[0]):
            out[i] = function(X[i], p)
        return out

    return evaluate


def is_numba_function(obj: object) -> bool:
    """True if ``obj`` is a numba-jitted function."""
    return isinstance(obj, numba.core.dispatcher.Dispatcher)
