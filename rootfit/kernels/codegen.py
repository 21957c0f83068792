"""The one code-generation helper: a Python function object from an ``ast.FunctionDef``.

Formula trees (:mod:`rootfit.functions.codegen`) and the generated point loops
(:mod:`rootfit.kernels.formula`) are built as ``ast`` nodes and turned into functions here,
with the builtin :func:`compile` on the *tree* — never ``eval``/``exec`` of text. A fused
model-and-cost kernel is generated the same way.

CPython 3.11 and 3.12 keep the depth counter of their AST conversions per interpreter, not per
thread: two threads converting trees at once (``ast.parse``, ``compile`` of a tree) can fail
with "AST constructor recursion depth mismatch" — as two Dask worker threads of one process
compiling a model's kernels do. Every such conversion here goes through :func:`parse` or
:func:`function_from_ast`, which hold :data:`AST_LOCK` (a lock, no state).
"""

from __future__ import annotations

import ast
import threading
import types
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["AST_LOCK", "function_from_ast", "load", "parse", "store"]

#: Serialises the conversions between Python ``ast`` objects and the compiler's trees.
AST_LOCK = threading.Lock()


def parse(source: str) -> ast.Module:
    """``ast.parse(source)`` under :data:`AST_LOCK`."""
    with AST_LOCK:
        return ast.parse(source)


def load(identifier: str) -> ast.Name:
    """``identifier`` read as a name."""
    return ast.Name(id=identifier, ctx=ast.Load())


def store(identifier: str) -> ast.Name:
    """``identifier`` as an assignment target."""
    return ast.Name(id=identifier, ctx=ast.Store())


def function_from_ast(
    func: ast.FunctionDef, namespace: Mapping[str, Any], *, filename: str = "<rootfit generated>"
) -> Callable[..., Any]:
    """Compile one function definition into a function whose globals are ``namespace``.

    Parameters
    ----------
    func : ast.FunctionDef
        The definition (locations are filled in here).
    namespace : mapping
        Every global name the body uses (helpers, math implementations, numpy).
    filename : str
        Shown in tracebacks.

    Returns
    -------
    function
    """
    module = ast.fix_missing_locations(ast.Module(body=[func], type_ignores=[]))
    with AST_LOCK:
        code = compile(module, filename, "exec")
    func_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(func_code, dict(namespace), func.name)
