"""Compile expression trees once per process (cached by tree) into evaluators."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from rootfit.functions.codegen import (
    NUMPY_NAMESPACE,
    build_function,
    build_vector_function,
    function_definition,
    hoisted_subtrees,
    prepare_definition,
    vector_definition,
)
from rootfit.functions.derivative import differentiate
from rootfit.functions.expression import Node, Param, Var, walk

__all__ = [
    "CompiledFormula",
    "CompiledVector",
    "compile_derivatives",
    "compile_fused",
    "compile_tree",
]

Evaluator = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class CompiledFormula:
    """Evaluators of one expression tree.

    Attributes
    ----------
    evaluate : callable
        numba loop ``evaluate(X, p)`` over the rows of ``X`` (shape ``(n, ndim)``).
    evaluate_numpy : callable
        The plain-numpy twin with the same signature.
    scalar : callable
        The jitted one-point function ``scalar(x0, ..., x{ndim-1}, p)``.
    ndim : int
        Number of coordinates ``scalar`` takes.
    """

    evaluate: Evaluator
    evaluate_numpy: Evaluator
    scalar: Any
    ndim: int = 1


def _numpy_evaluator(tree: Node) -> Evaluator:
    vector = build_function(tree, NUMPY_NAMESPACE, vectorized=True)

    def evaluate_numpy(X: np.ndarray, p: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            out = vector(X.T, np.asarray(p, dtype=np.float64))
        return np.broadcast_to(np.asarray(out, dtype=np.float64), (X.shape[0],)).copy()

    return evaluate_numpy


@dataclass(frozen=True)
class CompiledVector:
    """Evaluators of several trees at once (e.g. all partial derivatives).

    Attributes
    ----------
    evaluate : callable
        numba loop ``evaluate(X, p) -> (n, size)``.
    evaluate_numpy : callable
        The plain-numpy twin.
    trees : tuple of Node
        The compiled trees (e.g. the symbolic derivatives).
    """

    evaluate: Evaluator
    evaluate_numpy: Evaluator
    trees: tuple[Node, ...]


def _numpy_vector_evaluator(trees: tuple[Node, ...]) -> Evaluator:
    vector = build_vector_function(trees, NUMPY_NAMESPACE, vectorized=True)

    def evaluate_numpy(X: np.ndarray, p: np.ndarray) -> np.ndarray:
        out = np.empty((len(trees), X.shape[0]))
        with np.errstate(all="ignore"):
            vector(X.T, np.asarray(p, dtype=np.float64), out)
        return out.T.copy()

    return evaluate_numpy


@functools.lru_cache(maxsize=512)
def compile_derivatives(tree: Node, wrt: str, count: int) -> CompiledVector:
    """Compile the partial derivatives of ``tree`` with respect to the first ``count``
    parameters (``wrt="parameters"``) or variables (``wrt="variables"``).

    Raises
    ------
    NotDifferentiable
        If the tree uses a function without a symbolic derivative.
    """
    from rootfit.kernels.generated import vector_module

    make = Param if wrt == "parameters" else Var
    trees = tuple(differentiate(tree, make(j)) for j in range(count))
    ndim = max(_ndim(tree), *(_ndim(t) for t in trees))
    vector = vector_definition(trees, vectorized=False, name="derivatives", ndim=ndim)
    return CompiledVector(
        evaluate=vector_module(vector, count, ndim).evaluate,
        evaluate_numpy=_numpy_vector_evaluator(trees),
        trees=trees,
    )


@functools.lru_cache(maxsize=512)
def compile_tree(tree: Node) -> CompiledFormula:
    """Compile ``tree`` (once per machine: the kernels are kept on disk,
    :mod:`rootfit.kernels.generated`; loaded once per process)."""
    from rootfit.kernels.generated import formula_module

    ndim = _ndim(tree)
    hoisted = hoisted_subtrees(tree)  # computed once per call by the loop over points
    module = formula_module(
        function_definition(tree, vectorized=False, ndim=ndim),
        function_definition(tree, vectorized=False, ndim=ndim, hoisted=hoisted),
        prepare_definition(hoisted),
        ndim,
    )
    return CompiledFormula(
        evaluate=module.evaluate,
        evaluate_numpy=_numpy_evaluator(tree),
        scalar=module.scalar,
        ndim=ndim,
    )


@functools.lru_cache(maxsize=512)
def compile_fused(tree: Node, statistic: str) -> tuple[Any, Any]:
    """``(objective, entry)`` of ``tree`` fused with a statistic
    (:func:`rootfit.kernels.fused.fused_kernels`; kept on disk, loaded once per process)."""
    from rootfit.kernels.fused import fused_kernels

    ndim = _ndim(tree)
    hoisted = hoisted_subtrees(tree)
    model = function_definition(tree, vectorized=False, ndim=ndim, hoisted=hoisted)
    return fused_kernels(model, prepare_definition(hoisted), ndim, statistic)


def _ndim(tree: Node) -> int:
    variables = [n.index for n in walk(tree) if isinstance(n, Var)]
    return max(variables) + 1 if variables else 1
