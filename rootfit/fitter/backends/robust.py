"""Robust linear fits by least trimmed squares (ROOT's ``ROB`` / ``ROB=0.h`` graph option).

The estimate minimises the sum of the ``h`` smallest squared residuals (unit weights), with
ROOT's ``h``: ``floor((n + npar + 1)/2)`` by default, ``fraction·n`` with ``ROB=0.h`` (never
below the default). The final parameters are the least-squares fit of the best ``h`` points.
Small problems (at most 20 000 subsets) are solved exactly by enumerating the subsets; larger
ones use FAST-LTS (Rousseeuw & Van Driessen: 500 random elemental starts, C-steps, the 10 best
refined to convergence) with a fixed seed, so results are reproducible. ROOT runs FAST-LTS with
its own random numbers: with ``ROB=0.8`` on the spec's graph both give the same answer; with
the default ``h`` ROOT stops in a local optimum whose trimmed sum is larger than rootfit's.
As in ROOT, no parameter errors are given. Selected by ``MinimizerOptions(minimizer_type=
"Linear", algorithm="Robust")``; the fraction of good points is the extra option
``robust_fraction`` (0 = ROOT's default ``h``).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FitWarning, warn
from rootfit.fitter.backends.base import Capabilities
from rootfit.fitter.backends.linear import LinearSolver
from rootfit.options import MinimizerOptions

__all__ = ["RobustSolver", "trimmed_size"]

_EXHAUSTIVE_LIMIT = 20_000
_SEED = 20260514


def trimmed_size(n: int, npar: int, fraction: float) -> int:
    """ROOT's ``h``: ``floor((n + npar + 1)/2)``, or ``fraction·n`` when that is larger.

    A fraction that would keep fewer points than the default is replaced by the default with
    a :class:`~rootfit.errors.FitWarning`, as ROOT does.
    """
    default = (n + npar + 1) // 2
    if 0 < fraction < 1:
        requested = int(fraction * n)
        if requested < default:
            warn(
                f"robust fraction {fraction:g} keeps {requested} of {n} points, fewer than "
                f"the minimum {default}; using {default}",
                FitWarning,
            )
        return max(requested, default)
    return default


def _lstsq(A: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    beta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return np.asarray(beta, dtype=np.float64)


def _trimmed(
    A: NDArray[np.float64], y: NDArray[np.float64], beta: NDArray[np.float64], h: int
) -> tuple[float, NDArray[np.intp]]:
    r2 = (y - A @ beta) ** 2
    order = np.argsort(r2, kind="stable")[:h]
    return float(r2[order].sum()), np.sort(order)


def _c_steps(
    A: NDArray[np.float64], y: NDArray[np.float64], subset: NDArray[np.intp], h: int, steps: int
) -> tuple[float, NDArray[np.intp]]:
    value = math.inf
    for _ in range(steps):
        beta = _lstsq(A[subset], y[subset])
        new_value, new_subset = _trimmed(A, y, beta, h)
        if new_value >= value and np.array_equal(new_subset, subset):
            break
        value, subset = new_value, new_subset
    return value, subset


def best_subset(A: NDArray[np.float64], y: NDArray[np.float64], h: int) -> NDArray[np.intp]:
    """Indices of the ``h`` points of the least-trimmed-squares solution."""
    n, p = A.shape
    if math.comb(n, h) <= _EXHAUSTIVE_LIMIT:
        best_value, best = math.inf, np.arange(h)
        for subset in itertools.combinations(range(n), h):
            idx = np.array(subset)
            value, _ = _trimmed(A, y, _lstsq(A[idx], y[idx]), h)
            if value < best_value:
                best_value, best = value, idx
        return best
    rng = np.random.default_rng(_SEED)
    candidates = []
    for _ in range(500):
        start = rng.choice(n, size=p, replace=False)
        candidates.append(_c_steps(A, y, np.sort(start), h, 2))
    candidates.sort(key=lambda c: c[0])
    refined = [_c_steps(A, y, subset, h, 100) for _, subset in candidates[:10]]
    return min(refined, key=lambda c: c[0])[1]


class RobustSolver(LinearSolver):
    """ROOT's ``ROB``: least trimmed squares of a linear model (no parameter errors)."""

    capabilities = Capabilities(
        linear_least_squares_only=True, covariance=False, hesse=False, minos=False, gradient=False
    )

    def _solve(
        self,
        A: NDArray[np.float64],
        y: NDArray[np.float64],
        w: NDArray[np.float64],
        options: MinimizerOptions,
    ) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
        """Least squares of the best ``h`` points (unit weights, as ROOT); no covariance."""
        fraction = float(options.extra_option("robust_fraction", 0.0))
        subset = best_subset(A, y, trimmed_size(y.size, A.shape[1], fraction))
        return _lstsq(A[subset], y[subset]), None

    def type_name(self, options: MinimizerOptions) -> str:
        """``Linear / Robust`` or ``Linear / Robust (h=0.8)``."""
        fraction = float(options.extra_option("robust_fraction", 0.0))
        return "Linear / Robust" + (f" (h={fraction:g})" if 0 < fraction < 1 else "")
