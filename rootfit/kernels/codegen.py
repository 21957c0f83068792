"""The one code-generation helper: a Python function object from an ``ast.FunctionDef``.

Formula trees (:mod:`rootfit.functions.codegen`) and the generated point loops
(:mod:`rootfit.kernels.formula`) are built as ``ast`` nodes and turned into functions here,
with the builtin :func:`compile` on the *tree* — never ``eval``/``exec`` of text. A fused
model-and-cost kernel is generated the same way.
"""

from __future__ import annotations

import ast
import types
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["function_from_ast", "load", "store"]


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
    code = compile(module, filename, "exec")
    func_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(func_code, dict(namespace), func.name)
