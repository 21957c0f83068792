"""Turn an expression tree into a Python function object, without ``eval`` or ``exec``.

The tree (built by our own parser, so it contains only literals, variable and parameter
subscripts, arithmetic and calls of whitelisted library names) is translated node by node into
a Python ``ast`` expression, compiled with the builtin :func:`compile` and wrapped as a function
``model(x, p)`` whose globals are an explicit namespace of math implementations. No user text
ever reaches the compiler: only the tree does.

Two namespaces are used:

* the *scalar* one (numba-compiled helpers, :mod:`rootfit.kernels.formula`): the coordinates of
  one point are separate arguments ``x0, x1, ...``, the function is jitted and looped over
  points (separate float arguments let LLVM keep everything in registers);
* the *numpy* one (:data:`NUMPY_NAMESPACE`): ``x`` is the transposed coordinate array, so
  ``x[0]`` is the column of all first coordinates; this is the plain-numpy twin used by tests.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from rootfit.functions.expression import (
    Binary,
    Call,
    Cond,
    Node,
    Num,
    Param,
    Unary,
    Var,
    children,
    walk,
)
from rootfit.kernels.codegen import function_from_ast

__all__ = [
    "NUMPY_NAMESPACE",
    "build_function",
    "build_vector_function",
    "function_definition",
    "hoisted_subtrees",
    "prepare_definition",
    "vector_definition",
]

_ARITHMETIC = {"+": ast.Add, "-": ast.Sub, "*": ast.Mult, "/": ast.Div, "^": ast.Pow}
_HELPERS = {
    "<": "_lt", "<=": "_le", ">": "_gt", ">=": "_ge", "==": "_eq", "!=": "_ne",
    "&&": "_and", "||": "_or",
}  # fmt: skip


def _name(identifier: str) -> ast.Name:
    return ast.Name(id=identifier, ctx=ast.Load())


def _call(identifier: str, args: list[ast.expr]) -> ast.Call:
    return ast.Call(func=_name(identifier), args=args, keywords=[])


def _subscript(array: str, index: int) -> ast.Subscript:
    return ast.Subscript(value=_name(array), slice=ast.Constant(index), ctx=ast.Load())


def _to_ast(node: Node, vectorized: bool, hoisted: Mapping[Node, int] | None = None) -> ast.expr:
    if hoisted and node in hoisted:  # computed once per call, before the loop over points
        return ast.Subscript(value=_name("q"), slice=ast.Constant(hoisted[node]), ctx=ast.Load())
    if isinstance(node, Num):
        return ast.Constant(float(node.value))
    if isinstance(node, Var):
        return _subscript("x", node.index) if vectorized else _name(f"x{node.index}")
    if isinstance(node, Param):
        return _subscript("p", node.index)
    if isinstance(node, Unary):
        operand = _to_ast(node.operand, vectorized, hoisted)
        if node.op == "-":
            return ast.UnaryOp(op=ast.USub(), operand=operand)
        return _call("_not", [operand])
    if isinstance(node, Binary):
        left, right = (
            _to_ast(node.left, vectorized, hoisted),
            _to_ast(node.right, vectorized, hoisted),
        )
        if node.op in _ARITHMETIC:
            return ast.BinOp(left=left, op=_ARITHMETIC[node.op](), right=right)
        return _call(_HELPERS[node.op], [left, right])
    if isinstance(node, Call):
        return _call("f_" + node.name, [_to_ast(a, vectorized, hoisted) for a in node.args])
    if isinstance(node, Cond):
        cond = _to_ast(node.condition, vectorized, hoisted)
        a, b = (
            _to_ast(node.if_true, vectorized, hoisted),
            _to_ast(node.if_false, vectorized, hoisted),
        )
        if vectorized:
            return _call("_where", [cond, a, b])
        test = ast.Compare(left=cond, ops=[ast.NotEq()], comparators=[ast.Constant(0.0)])
        return ast.IfExp(test=test, body=a, orelse=b)
    raise TypeError(f"not an expression node: {node!r}")


def _arguments(vectorized: bool, ndim: int, extra: tuple[str, ...] = ()) -> ast.arguments:
    names = ["x"] if vectorized else [f"x{i}" for i in range(ndim)]
    return ast.arguments(
        posonlyargs=[],
        args=[ast.arg(arg=n) for n in (*names, "p", *extra)],
        kwonlyargs=[],
        kw_defaults=[],
        defaults=[],
    )


def build_function(
    tree: Node,
    namespace: Mapping[str, Any],
    *,
    vectorized: bool,
    name: str = "model",
    ndim: int = 1,
) -> Callable[..., Any]:
    """Build ``model(x, p)`` (vectorised: ``x`` is the transposed coordinate array) or
    ``model(x0, ..., x{ndim-1}, p)`` (one point, for numba) computing ``tree``.

    Parameters
    ----------
    tree : Node
        Expression tree.
    namespace : mapping
        Implementations of the helper and library names (``f_exp``, ``_lt``...).
    vectorized : bool
        Generate code for array arguments (numpy) instead of one point (numba).
    name : str
        Name of the generated function.
    """
    func = function_definition(tree, vectorized=vectorized, name=name, ndim=ndim)
    return function_from_ast(func, namespace, filename=f"<rootfit formula {name}>")


def function_definition(
    tree: Node,
    *,
    vectorized: bool,
    name: str = "model",
    ndim: int = 1,
    hoisted: Sequence[Node] | None = None,
) -> ast.FunctionDef:
    """The definition :func:`build_function` compiles (its globals are the namespace's
    names), e.g. to be placed in a generated module of fused kernels. With ``hoisted``
    (:func:`hoisted_subtrees`), those subtrees are read from a last argument ``q`` (the tuple
    :func:`prepare_definition` computes) instead of being computed at every point."""
    index = {node: k for k, node in enumerate(hoisted or ())}
    body = ast.Return(value=_to_ast(tree, vectorized, index))
    extra = ("q",) if hoisted is not None else ()
    return ast.FunctionDef(
        name=name, args=_arguments(vectorized, ndim, extra), body=[body], decorator_list=[]
    )


def _is_hoistable(node: Node) -> bool:
    """Worth computing once per call: no coordinate in it, and more than a literal or a
    parameter (or the negation of one)."""
    if any(isinstance(n, Var) for n in walk(node)):
        return False
    while isinstance(node, Unary) and node.op == "-":
        node = node.operand
    return not isinstance(node, Num | Param)


def hoisted_subtrees(tree: Node) -> tuple[Node, ...]:
    """The largest subtrees of ``tree`` that depend on the parameters only (each once), e.g. a
    normalisation ``sqrt(2*pi)*[sigma]*(erf(...) - erf(...))``: a loop over points computes
    them once per call. The arithmetic is unchanged — the same operations on the same values —
    so the results are identical, bit for bit; only the repetition goes."""
    found: dict[Node, None] = {}

    def visit(node: Node) -> None:
        if _is_hoistable(node):
            found[node] = None
            return
        if isinstance(node, Cond):  # a branch is computed only when it is taken
            visit(node.condition)
            return
        for child in children(node):
            visit(child)

    if not _is_hoistable(tree):  # a constant model stays as it is
        visit(tree)
    return tuple(found)


def prepare_definition(hoisted: Sequence[Node], name: str = "prepare") -> ast.FunctionDef:
    """``prepare(p)``: the tuple of the hoisted subtrees' values (one-point code)."""
    values = ast.Tuple(elts=[_to_ast(node, False) for node in hoisted], ctx=ast.Load())
    args = ast.arguments(
        posonlyargs=[], args=[ast.arg(arg="p")], kwonlyargs=[], kw_defaults=[], defaults=[]
    )
    return ast.FunctionDef(name=name, args=args, body=[ast.Return(value=values)], decorator_list=[])


def build_vector_function(
    trees: tuple[Node, ...],
    namespace: Mapping[str, Any],
    *,
    vectorized: bool,
    name: str = "vector",
    ndim: int = 1,
) -> Callable[..., Any]:
    """Build ``vector(x, p, out)`` (or ``vector(x0, ..., p, out)``) storing ``trees[j]`` into
    ``out[j]`` (no return value).

    Used for gradients: one compiled function computes every partial derivative of a point
    (numba then shares common subexpressions such as the exponential of a Gaussian).
    """
    func = vector_definition(trees, vectorized=vectorized, name=name, ndim=ndim)
    return function_from_ast(func, namespace, filename=f"<rootfit formula {name}>")


def vector_definition(
    trees: tuple[Node, ...], *, vectorized: bool, name: str = "vector", ndim: int = 1
) -> ast.FunctionDef:
    """The definition :func:`build_vector_function` compiles."""
    body: list[ast.stmt] = []
    for j, tree in enumerate(trees):
        target = ast.Subscript(value=_name("out"), slice=ast.Constant(j), ctx=ast.Store())
        if vectorized:  # out[j][...] = expr broadcasts scalars over the points
            target = ast.Subscript(
                value=ast.Subscript(value=_name("out"), slice=ast.Constant(j), ctx=ast.Load()),
                slice=ast.Constant(Ellipsis),
                ctx=ast.Store(),
            )
        body.append(ast.Assign(targets=[target], value=_to_ast(tree, vectorized)))
    body.append(ast.Return(value=ast.Constant(None)))
    return ast.FunctionDef(
        name=name, args=_arguments(vectorized, ndim, ("out",)), body=body, decorator_list=[]
    )


def _np_landau_density(v: Any) -> Any:
    from rootfit.kernels.reference import landau_density

    return landau_density(np.asarray(v, dtype=np.float64))


def _np_landau_density_d(v: Any) -> Any:
    from rootfit.kernels.reference import landau_density_derivative

    return landau_density_derivative(np.asarray(v, dtype=np.float64))


def _np_faddeeva_re(u: Any, y: Any) -> Any:
    from rootfit.kernels.reference import faddeeva

    return faddeeva(u, y).real


def _np_faddeeva_im(u: Any, y: Any) -> Any:
    from rootfit.kernels.reference import faddeeva

    return faddeeva(u, y).imag


def _scipy_special(name: str) -> Callable[..., Any]:
    """``scipy.special.<name>``, imported at the first call: importing scipy.special costs a
    cold start more than a compiled fit, and most formulas never call it."""

    def call(*args: Any) -> Any:
        from scipy import special

        return getattr(special, name)(*args)

    call.__name__ = name
    return call


def _as_float(v: Any) -> Any:
    return np.asarray(v, dtype=np.float64)


#: numpy implementations (the plain-numpy twin of the numba scalar namespace).
NUMPY_NAMESPACE: dict[str, Any] = {
    "f_sin": np.sin, "f_cos": np.cos, "f_tan": np.tan, "f_asin": np.arcsin,
    "f_acos": np.arccos, "f_atan": np.arctan, "f_atan2": np.arctan2, "f_sinh": np.sinh,
    "f_cosh": np.cosh, "f_tanh": np.tanh, "f_exp": np.exp, "f_log": np.log,
    "f_log10": np.log10, "f_sqrt": np.sqrt, "f_ceil": np.ceil, "f_floor": np.floor,
    "f_pow": np.power, "f_abs": np.abs, "f_sign": np.sign, "f_sq": np.square,
    "f_min": np.minimum, "f_max": np.maximum, "f_erf": _scipy_special("erf"),
    "f_erfc": _scipy_special("erfc"), "f_lgamma": _scipy_special("gammaln"),
    "f_tgamma": _scipy_special("gamma"), "f_digamma": _scipy_special("digamma"),
    "f_landau_density": _np_landau_density,
    "f_landau_density_d": _np_landau_density_d, "f_faddeeva_re": _np_faddeeva_re,
    "f_faddeeva_im": _np_faddeeva_im,
    "_lt": lambda a, b: _as_float(np.less(a, b)), "_le": lambda a, b: _as_float(np.less_equal(a, b)),
    "_gt": lambda a, b: _as_float(np.greater(a, b)),
    "_ge": lambda a, b: _as_float(np.greater_equal(a, b)),
    "_eq": lambda a, b: _as_float(np.equal(a, b)), "_ne": lambda a, b: _as_float(np.not_equal(a, b)),
    "_and": lambda a, b: _as_float(np.logical_and(a, b)),
    "_or": lambda a, b: _as_float(np.logical_or(a, b)),
    "_not": lambda a: _as_float(np.logical_not(a)),
    "_where": lambda c, a, b: np.where(np.asarray(c) != 0, a, b),
}  # fmt: skip
