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

__all__ = ["decorated", "formula_module", "parameters_definition", "preamble", "vector_module"]


def _imports() -> list[ast.stmt]:
    def names(module: str, *items: tuple[str, str | None]) -> ast.stmt:
        aliases = [ast.alias(name=n, asname=a) for n, a in items]
        return ast.ImportFrom(module=module, names=aliases, level=0)

    return [
        ast.Import(names=[ast.alias(name="numba", asname=None)]),
        ast.Import(names=[ast.alias(name="numpy", asname="np")]),
        names("rootfit.kernels.costs", ("neumaier_add", None), ("safe_log", None)),
        names("rootfit.kernels.formula", ("SCALAR_NAMESPACE", "_NAMESPACE")),
        names("rootfit.kernels.formula", ("LIBRARY_NAMESPACE", "_LIBRARY")),
        names("rootfit.kernels.fused", ("C_SIGNATURE", None), ("HEADER", None)),
        names("rootfit.kernels.fused", ("address_as_pointer", None)),
        names("rootfit.kernels.fused_templates", ("CHUNK", None), ("at", None)),
        names("rootfit.kernels.fused_templates", ("chunk_terms", None)),
        names("rootfit.kernels.jit", ("JIT_OPTIONS", None), ("jit", None)),
    ]


def preamble(definitions: Sequence[ast.FunctionDef], *, library: bool = False) -> list[ast.stmt]:
    """The imports of a generated module, ``empty = np.empty``, and one global per formula
    library name the definitions use (``f_exp = _NAMESPACE['f_exp']``; ``library``: from
    :data:`~rootfit.kernels.formula.LIBRARY_NAMESPACE`, ``_LIBRARY['f_exp']``)."""
    used = {n.id for d in definitions for n in ast.walk(d) if isinstance(n, ast.Name)}
    helpers: list[ast.stmt] = [
        ast.Assign(
            targets=[ast.Name(id=name, ctx=ast.Store())],
            value=ast.Subscript(
                value=load("_LIBRARY" if library else "_NAMESPACE"),
                slice=ast.Constant(name),
                ctx=ast.Load(),
            ),
        )
        for name in sorted(used & set(SCALAR_NAMESPACE))
    ]
    empty = ast.Assign(
        targets=[ast.Name(id="empty", ctx=ast.Store())],
        value=ast.Attribute(value=load("np"), attr="empty", ctx=ast.Load()),
    )
    return [*_imports(), empty, *helpers]


def parameters_definition(definitions: Sequence[ast.FunctionDef]) -> ast.FunctionDef:
    """``parameters(p)``: ``(p[0], ..., p[k])`` up to the highest parameter the definitions
    read, a tuple of scalars that stays in registers through the loop (``p`` itself if a
    definition uses ``p`` other than as ``p[constant]``)."""
    indices: list[int] = []
    constant_reads: set[int] = set()
    for node in (n for d in definitions for n in ast.walk(d)):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "p"
            and isinstance(node.slice, ast.Constant)
            and type(node.slice.value) is int
        ):
            indices.append(node.slice.value)
            constant_reads.add(id(node.value))
    whole = any(
        isinstance(n, ast.Name) and n.id == "p" and id(n) not in constant_reads
        for d in definitions
        for n in ast.walk(d)
    )
    elements: list[ast.expr] = [
        ast.Subscript(value=load("p"), slice=ast.Constant(k), ctx=ast.Load())
        for k in range(max(indices, default=-1) + 1)
    ]
    value = load("p") if whole else ast.Tuple(elts=elements, ctx=ast.Load())
    args = ast.arguments(
        posonlyargs=[], args=[ast.arg(arg="p")], kwonlyargs=[], kw_defaults=[], defaults=[]
    )
    body: list[ast.stmt] = [ast.Return(value=value)]
    return ast.FunctionDef(name="parameters", args=args, body=body, decorator_list=[load("jit")])


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
        parameters_definition([kernel, prepare]),
        decorated(point_loop_definition(ndim, prepared=True), "evaluate"),
    ]
    return load_generated(ast.Module(body=body, type_ignores=[]))


def vector_module(vector: ast.FunctionDef, size: int, ndim: int) -> types.ModuleType:
    """The compiled kernels of several trees at once (derivatives): ``kernel(x0, ..., p, out)``
    and ``evaluate(X, p) -> (n, size)``, with the C library's ``exp`` and ``log`` (the loop
    writes rows and is not vectorised)."""
    body: list[ast.stmt] = [
        *preamble([vector], library=True),
        decorated(vector, "kernel"),
        parameters_definition([vector]),
        decorated(point_loop_definition(ndim, size), "evaluate"),
    ]
    return load_generated(ast.Module(body=body, type_ignores=[]))
