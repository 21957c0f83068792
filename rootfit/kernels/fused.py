"""Fused model-and-statistic kernels, and the C entry point Minuit calls without Python.

A fit statistic of a formula model is one compiled loop over the fit points: the model at
one point (generated from its expression tree, :meth:`rootfit.functions.Model.fused_kernels`)
and the statistic's term are evaluated together, with no array of model values in between. The loop reads everything it
needs from one float64 *context* array built once per cost:

========================  ===============================================================
``ctx[0]``                number of points ``n``
``ctx[1]``                coordinates per point (columns of the point block)
``ctx[2]``                the statistic's flag (the χ² term cap, "extended", "x errors")
``ctx[3]``                length of the whole context
``ctx[4 : 4+n·stride]``   the points, column-major: all first coordinates, then all second ones
then                      the statistic's columns, ``n`` values each (see :data:`COLUMNS`)
========================  ===============================================================

Each (model, statistic) pair is one generated module (:func:`generated_module`): the model's
one-point function from its expression tree, adapters that read a point from the context, the
statistic's loop and its C entry, the last two copied from
:mod:`~rootfit.kernels.fused_templates`. It is written to disk and compiled with numba's cache
(:mod:`~rootfit.kernels.source_cache`), so a new process loads it instead of compiling it.

For Minuit the loop is compiled as a C function ``double fcn(uint32 n, double* p)``
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
import inspect
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
from numba import types
from numba.extending import intrinsic
from numpy.typing import NDArray

from rootfit.kernels import fused_templates
from rootfit.kernels.codegen import load, parse
from rootfit.kernels.generated import decorated, parameters_definition, preamble
from rootfit.kernels.source_cache import load_generated

__all__ = [
    "COLUMNS",
    "C_SIGNATURE",
    "HEADER",
    "STATISTICS",
    "FusedObjective",
    "address_as_pointer",
    "build_context",
    "build_contexts",
    "fused_kernels",
    "generated_module",
]

#: Length of the context header.
HEADER = fused_templates.HEADER

#: The per-point columns each statistic reads after the points, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "chi2": ("y", "inverse error"),
    "poisson": ("y", "log y"),
    "effective_chi2": ("y", "lower y error", "upper y error", "x error", "derivative step"),
}

#: The statistics with a fused kernel (``"unbinned"`` works on arrays, without a context).
STATISTICS = (*COLUMNS, "unbinned")

#: The C signature iminuit calls: ``double fcn(uint32 n, double* p)``.
C_SIGNATURE = types.float64(types.uint32, types.CPointer(types.float64))


@intrinsic
def address_as_pointer(typingctx: Any, address: Any) -> Any:
    """``(double*) address`` inside compiled code (the context's address, see the module)."""
    signature = types.CPointer(types.float64)(types.int64)

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        return builder.inttoptr(args[0], context.get_value_type(types.CPointer(types.float64)))

    return signature, codegen


def _function(name: str, args: list[str], body: list[ast.stmt], decorator: ast.expr) -> ast.stmt:
    return ast.FunctionDef(
        name=name,
        args=ast.arguments(
            posonlyargs=[],
            args=[ast.arg(arg=a) for a in args],
            kwonlyargs=[],
            kw_defaults=[],
            defaults=[],
        ),
        body=body,
        decorator_list=[decorator],
    )


def _row(ndim: int, shifted: bool) -> ast.stmt:
    """``row(a, base, n, i, p, q) = model(a[base + i], a[base + n + i], ..., p, q)`` (read with
    :func:`~rootfit.kernels.fused_templates.at`): point
    ``i`` of a column-major block of ``n`` points at ``base``; ``shifted`` moves the first
    coordinate by ``dx`` (generated: numba cannot unpack a variable number of coordinates into
    a call)."""
    offset = ast.BinOp(left=load("base"), op=ast.Add(), right=load("i"))
    coords: list[ast.expr] = [
        ast.Call(
            func=load("at"),
            args=[
                load("a"),
                offset
                if d == 0
                else ast.BinOp(
                    left=offset,
                    op=ast.Add(),
                    right=ast.BinOp(left=ast.Constant(d), op=ast.Mult(), right=load("n")),
                ),
            ],
            keywords=[],
        )
        for d in range(ndim)
    ]
    args = ["a", "base", "n", "i", "p", "q"]
    if shifted:
        coords[0] = ast.BinOp(left=coords[0], op=ast.Add(), right=load("dx"))
        args.append("dx")
    call = ast.Call(func=load("model"), args=[*coords, load("p"), load("q")], keywords=[])
    name = "shifted" if shifted else "row"
    return _function(name, args, [ast.Return(value=call)], load("jit"))


def _template(function: Any, name: str, decorator: ast.expr) -> ast.stmt:
    """A template of :mod:`~rootfit.kernels.fused_templates` as a definition of the generated
    module (annotations dropped: the generated module does not import their names)."""
    definition = parse(textwrap.dedent(inspect.getsource(function))).body[0]
    assert isinstance(definition, ast.FunctionDef)
    for arg in definition.args.args:
        arg.annotation = None
    definition.returns = None
    definition.name = name
    definition.decorator_list = [decorator]
    return definition


def _cfunc_decorator() -> ast.expr:
    """``numba.cfunc(C_SIGNATURE, cache=True, error_model=JIT_OPTIONS["error_model"])``."""
    error_model = ast.Subscript(
        value=load("JIT_OPTIONS"), slice=ast.Constant("error_model"), ctx=ast.Load()
    )
    return ast.Call(
        func=ast.Attribute(value=load("numba"), attr="cfunc", ctx=ast.Load()),
        args=[load("C_SIGNATURE")],
        keywords=[
            ast.keyword(arg="cache", value=ast.Constant(True)),
            ast.keyword(arg="error_model", value=error_model),
        ],
    )


def generated_module(
    model: ast.FunctionDef, prepare: ast.FunctionDef, ndim: int, statistic: str
) -> ast.Module:
    """The module of one (model, statistic) pair: the model's one-point function
    ``model(x0, ..., p, q)`` and its ``prepare(p)`` (the parameter-only subexpressions ``q``,
    computed once per call), the row adapters, the statistic's loop (``objective``) and its C
    entry (``entry``)."""
    templates = {**fused_templates.OBJECTIVES, **fused_templates.ARRAY_OBJECTIVES}
    if statistic not in templates:
        raise ValueError(f"no fused kernel for statistic {statistic!r}; choose from {STATISTICS}")
    body: list[ast.stmt] = [
        *preamble([model, prepare]),
        decorated(prepare, "prepare"),
        decorated(model, "model"),
        parameters_definition([model, prepare]),
        _row(ndim, shifted=False),
    ]
    if statistic == "effective_chi2":
        body.append(_row(ndim, shifted=True))
    body.append(_template(templates[statistic], "objective", load("jit")))
    if statistic in fused_templates.OBJECTIVES:
        body.append(_template(fused_templates.entry, "entry", _cfunc_decorator()))
    return ast.Module(body=body, type_ignores=[])


def fused_kernels(
    model: ast.FunctionDef, prepare: ast.FunctionDef, ndim: int, statistic: str
) -> tuple[Any, Any]:
    """``(objective, entry)`` of one (model, statistic) pair, compiled once per machine
    (:mod:`rootfit.kernels.source_cache`).

    Parameters
    ----------
    model : ast.FunctionDef
        The model's one-point function ``model(x0, ..., x{ndim-1}, p, q)`` whose globals are
        names of :data:`~rootfit.kernels.formula.SCALAR_NAMESPACE`.
    prepare : ast.FunctionDef
        ``prepare(p) -> q``: the model's parameter-only subexpressions (a tuple, maybe empty).
    ndim : int
        Number of coordinates it takes.
    statistic : {"chi2", "poisson", "effective_chi2", "unbinned"}
        The statistic.

    Returns
    -------
    objective : numba dispatcher
        ``objective(ctx, p) -> float`` (``objective(x, w, p)`` on the flat event coordinates
        and their weights for ``"unbinned"``).
    entry : numba cfunc or None
        The same as a C function for Minuit (see the module docstring); None for
        ``"unbinned"``, whose cost adds its normalisation in Python.
    """
    module = load_generated(generated_module(model, prepare, ndim, statistic))
    return module.objective, getattr(module, "entry", None)


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
    ctx[HEADER : HEADER + n * stride] = points.T.ravel()
    for k, column in enumerate(columns):
        start = HEADER + n * stride + k * n
        ctx[start : start + n] = column
    return ctx


def build_contexts(
    points: NDArray[np.float64],
    flags: NDArray[np.float64],
    columns: Sequence[NDArray[np.float64]],
    offsets: NDArray[np.intp],
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """The contexts of many fits in one array: fit ``r`` has the points
    ``offsets[r]:offsets[r + 1]`` of ``points`` and of each column, and the flag ``flags[r]``.

    Returns
    -------
    contexts : ndarray
        The contexts one after the other, each laid out as :func:`build_context` lays it out.
    starts : ndarray
        Where each fit's context starts in ``contexts``.
    """
    total, stride = points.shape
    counts = np.diff(offsets)
    if any(np.shape(c) != (total,) for c in columns) or offsets[-1] != total:
        raise ValueError(f"every column needs {total} values and the offsets must end there")
    lengths = HEADER + counts * (stride + len(columns))
    starts = np.zeros(counts.size, dtype=np.intp)
    np.cumsum(lengths[:-1], out=starts[1:])
    contexts = np.empty(int(lengths.sum()))
    header = np.stack([counts, np.full(counts.size, stride), flags, lengths], axis=1)
    contexts[starts[:, None] + np.arange(HEADER)] = header
    fit_of_point = np.repeat(np.arange(counts.size), counts)
    local = np.arange(total) - offsets[:-1][fit_of_point]
    first = starts[fit_of_point] + HEADER  # where each point's fit keeps its point block
    contexts[first[:, None] + counts[fit_of_point, None] * np.arange(stride) + local[:, None]] = (
        points
    )
    after = first + counts[fit_of_point] * stride
    for k, column in enumerate(columns):
        contexts[after + k * counts[fit_of_point] + local] = column
    return contexts, starts


class FusedObjective:
    """A fused statistic bound to its context: callable from Python (``f(p)``), and what
    iminuit calls from C++ (``entry`` is the C entry, ``ctypes`` its address for iminuit,
    ``errordef`` the cost's; the object
    keeps the context alive while Minuit holds it).

    Parameters
    ----------
    kernels : (objective, entry)
        From :func:`fused_kernels`.
    context : ndarray
        From :func:`build_context`.
    errordef : float
        The cost's errordef.
    npar : int
        The number of parameters (checked at every call from Python).
    """

    __slots__ = ("_address", "_objective", "context", "ctypes", "entry", "errordef", "npar")

    def __init__(
        self, kernels: tuple[Any, Any], context: NDArray[np.float64], errordef: float, npar: int
    ) -> None:
        self._objective = kernels[0]
        self.entry = kernels[1]
        self.ctypes = kernels[1].ctypes
        self.context = context
        self.errordef = float(errordef)
        self.npar = int(npar)
        self._address = float(context.ctypes.data)  # numpy makes a ctypes view per access

    @property
    def address(self) -> float:
        """The context's address as the float64 Minuit passes as the last parameter."""
        return self._address

    def __call__(self, parameters: NDArray[np.float64]) -> float:
        p = np.ascontiguousarray(parameters, dtype=np.float64)
        if p.shape != (self.npar,):  # the compiled loop indexes it without bounds checks
            raise ValueError(f"{self.npar} parameters expected, got an array of shape {p.shape}")
        return self.value(p)

    def value(self, p: NDArray[np.float64]) -> float:
        """The objective at ``p``, a contiguous float64 vector of ``npar`` values that the
        caller has checked (costs do, :meth:`~rootfit.costs.Cost.parameter_array`)."""
        return float(self._objective(self.context, p))
