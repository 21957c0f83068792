"""Generated modules of formula kernels, compiled with numba's disk cache.

A formula's compiled code is one module per expression tree (:func:`formula_module`: the
one-point function, its parameter-only subexpressions and the loop over points) and one per
set of derivatives (:func:`vector_module`); the fused kernels of :mod:`rootfit.kernels.fused`
are modules of the same kind. Each is built as an ``ast`` tree — from our own expression
trees, never from user text — and loaded through :mod:`rootfit.kernels.source_cache`, so a new
process loads the machine code instead of compiling it again.
"""

from __future__ import annotations

import ast
import copy
import types
from collections.abc import Sequence

from rootfit.kernels.codegen import load
from rootfit.kernels.formula import SCALAR_NAMESPACE, point_loop_definition
from rootfit.kernels.source_cache import load_generated

__all__ = ["decorated", "formula_module", "preamble", "vector_module"]


def _imports() -> list[ast.stmt]:
    def names(module: str, *items: tuple[str, str | None]) -> ast.stmt:
        aliases = [ast.alias(name=n, asname=a) for n, a in items]
        return ast.ImportFrom(module=module, names=aliases, level=0)

    return [
        ast.Import(names=[ast.alias(name="numba", asname=None)]),
        ast.Import(names=[ast.alias(name="numpy", asname="np")]),
        names("rootfit.kernels.costs", ("neumaier_add", None), ("safe_log", None)),
        names("rootfit.kernels.formula", ("SCALAR_NAMESPACE", "_NAMESPACE")),
        names("rootfit.kernels.fused", ("CHUNK", None), ("C_SIGNATURE", None), ("HEADER", None)),
        names("rootfit.kernels.fused", ("address_as_pointer", None), ("at", None)),
        names("rootfit.kernels.fused", ("chunk_terms", None)),
        names("rootfit.kernels.jit", ("JIT_OPTIONS", None), ("jit", None)),
    ]


def preamble(definitions: Sequence[ast.FunctionDef]) -> list[ast.stmt]:
    """The imports of a generated module, ``empty = np.empty``, and one global per formula
    library name the definitions use (``f_exp = _NAMESPACE['f_exp']``)."""
    used = {n.id for d in definitions for n in ast.walk(d) if isinstance(n, ast.Name)}
    helpers: list[ast.stmt] = [
        ast.Assign(
            targets=[ast.Name(id=name, ctx=ast.Store())],
            value=ast.Subscript(value=load("_NAMESPACE"), slice=ast.Constant(name), ctx=ast.Load()),
        )
        for name in sorted(used & set(SCALAR_NAMESPACE))
    ]
    empty = ast.Assign(
        targets=[ast.Name(id="empty", ctx=ast.Store())],
        value=ast.Attribute(value=load("np"), attr="empty", ctx=ast.Load()),
    )
    return [*_imports(), empty, *helpers]


def decorated(
    definition: ast.FunctionDef, name: str, decorator: ast.expr | None = None
) -> ast.FunctionDef:
    """A copy of ``definition`` named ``name`` under ``decorator`` (default: ``@jit``, the
    disk-cached configuration of :mod:`rootfit.kernels.jit`)."""
    out = copy.deepcopy(definition)
    out.name = name
    out.decorator_list = [decorator if decorator is not None else load("jit")]
    return out


def formula_module(
    scalar: ast.FunctionDef,
    kernel: ast.FunctionDef,
    prepare: ast.FunctionDef,
    ndim: int,
) -> types.ModuleType:
    """The compiled kernels of one formula: ``scalar(x0, ..., p)`` (one point),
    ``prepare(p) -> q`` (its parameter-only subexpressions), ``kernel(x0, ..., p, q)`` and
    ``evaluate(X, p)`` (the loop over the rows of ``X``, ``prepare`` once per call)."""
    body: list[ast.stmt] = [
        *preamble([scalar, kernel, prepare]),
        decorated(scalar, "scalar"),
        decorated(prepare, "prepare"),
        decorated(kernel, "kernel"),
        decorated(point_loop_definition(ndim, prepared=True), "evaluate"),
    ]
    return load_generated(ast.Module(body=body, type_ignores=[]))


def vector_module(vector: ast.FunctionDef, size: int, ndim: int) -> types.ModuleType:
    """The compiled kernels of several trees at once (derivatives): ``kernel(x0, ..., p, out)``
    and ``evaluate(X, p) -> (n, size)``."""
    body: list[ast.stmt] = [
        *preamble([vector]),
        decorated(vector, "kernel"),
        decorated(point_loop_definition(ndim, size), "evaluate"),
    ]
    return load_generated(ast.Module(body=body, type_ignores=[]))
