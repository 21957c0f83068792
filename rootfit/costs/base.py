"""The cost protocol: what every objective tells a minimizer and the Fitter.

A cost is a callable ``cost(parameters) -> float`` that owns everything needed to minimise it
and to report the minimum the way ROOT does:

* ``parameter_names`` and ``npar``;
* ``errordef`` (1 for χ², 0.5 for negative log-likelihoods) and ``ndata`` (for ndf);
* ``fit_type`` (:class:`FitType`): least squares get ROOT's error normalisation;
* ``reported_chi2(min_fcn)``: ROOT's ``FitResult::Chi2`` for that minimum (χ², 2·NLL for
  binned likelihoods, -1 for unbinned ones);
* optionally ``gradient(parameters)`` (``has_gradient`` says whether it exists),
  ``default_parameters()`` (start values the cost knows, e.g. the model's defaults) and
  ``gauss_newton(parameters)`` (value, gradient and Fumili's approximate Hessian, for the
  Fumili minimizer; :class:`GaussNewton`, tested with :func:`has_gauss_newton`).

Costs never import a minimizer; an instance can be handed to ``iminuit.Minuit`` directly (it
has ``errordef`` and ``_parameters``). Costs add: ``cost_a + cost_b`` is a
:class:`~rootfit.costs.combined.CostSum`. A cost holds no compiled code in its pickled
state, so costs pickle and can be shipped to other processes.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    from rootfit.costs.combined import CostSum

__all__ = [
    "Cost",
    "FitType",
    "GaussNewton",
    "WeightedLeastSquares",
    "has_gauss_newton",
    "pickles",
]


class FitType(enum.Enum):
    """What the minimum of a cost means (ROOT's ``FitType``)."""

    LEAST_SQUARES = "least_squares"
    """χ² of some kind: Chi2 = minimum; errors may be normalised by √(χ²/ndf)."""
    BINNED_LIKELIHOOD = "binned_likelihood"
    """Poisson NLL with the saturated term: Chi2 = 2·minimum (Baker–Cousins)."""
    UNBINNED_LIKELIHOOD = "unbinned_likelihood"
    """Unbinned NLL: Chi2 is not defined (-1)."""
    GENERIC = "generic"
    """Any other objective: Chi2 = minimum."""


class Cost:
    """Base class of the costs; see the module docstring for the protocol.

    Parameters
    ----------
    parameter_names : sequence of str
        Names in order.
    ndata : int
        Number of data points (for the degrees of freedom).
    """

    #: 1 for χ² costs, 0.5 for negative log-likelihoods.
    errordef: float = 1.0
    #: What the minimum means.
    fit_type: FitType = FitType.GENERIC

    def __init__(self, parameter_names: Sequence[str], ndata: int) -> None:
        self._parameters: dict[str, None] = {str(n): None for n in parameter_names}
        if len(self._parameters) != len(parameter_names):
            raise ValueError(f"parameter names must be unique, got {list(parameter_names)}")
        self._ndata = int(ndata)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Parameter names, in order."""
        return tuple(self._parameters)

    @property
    def npar(self) -> int:
        """Number of parameters."""
        return len(self._parameters)

    @property
    def ndata(self) -> int:
        """Number of data points (for degrees of freedom)."""
        return self._ndata

    def __call__(self, parameters: ArrayLike) -> float:
        """Value of the statistic at ``parameters``."""
        raise NotImplementedError

    def parameter_array(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``parameters`` as a contiguous float64 vector, checked to have this cost's length
        (compiled kernels index it without bounds checks).

        Raises
        ------
        FitError
            A vector of another length.
        """
        p = np.ascontiguousarray(parameters, dtype=np.float64)
        if p.shape != (len(self._parameters),):
            from rootfit.errors import FitError

            raise FitError(
                f"{type(self).__name__} takes {len(self._parameters)} parameters "
                f"{list(self._parameters)}, got an array of shape {p.shape}"
            )
        return p

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """Gradient of the statistic with respect to the parameters."""
        raise NotImplementedError(f"{type(self).__name__} has no gradient")

    @property
    def has_gradient(self) -> bool:
        """True if :meth:`gradient` is implemented."""
        return type(self).gradient is not Cost.gradient

    def reported_chi2(self, min_fcn: float) -> float:
        """ROOT's ``FitResult::Chi2`` for a minimum ``min_fcn`` of this cost."""
        if self.fit_type is FitType.BINNED_LIKELIHOOD:
            return 2.0 * min_fcn
        if self.fit_type is FitType.UNBINNED_LIKELIHOOD:
            return -1.0
        return min_fcn

    def default_parameters(self) -> NDArray[np.float64] | None:
        """Start values the cost knows (the model's defaults), or None."""
        return None

    def simulated(
        self, parameters: ArrayLike, rng: np.random.Generator, scale: float = 1.0
    ) -> Cost:
        """The same statistic on data drawn from the model at ``parameters`` (a toy, a
        parametric bootstrap replica); ``scale`` multiplies Gaussian data errors (fits whose
        errors were scaled by √(χ²/ndf)).

        Raises
        ------
        FitError
            Costs that cannot draw their data.
        """
        from rootfit.errors import FitError

        raise FitError(f"{type(self).__name__} cannot simulate its data (toys, bootstraps)")

    @property
    def offset_values(self) -> bool:
        """True if the statistic is so large that Minuit should minimise it minus its start
        value (:class:`~rootfit.costs.offset.OffsetCost`); the reported minimum is unchanged."""
        return False

    @property
    def picklable(self) -> bool:
        """True if the cost can be pickled (costs of user callables that another process
        cannot import — lambdas, local functions — cannot; a result then drops its cost when
        pickled)."""
        return True

    def __add__(self, other: Any) -> CostSum:
        from rootfit.costs.combined import CostSum

        if not isinstance(other, Cost):
            return NotImplemented
        return CostSum(self, other)

    def __radd__(self, other: Any) -> Cost:
        if isinstance(other, int) and other == 0:  # sum([cost_a, cost_b])
            return self
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.ndata} points, parameters={list(self._parameters)})"


@runtime_checkable
class WeightedLeastSquares(Protocol):
    """A cost a closed-form linear solver can minimise: ``Σ w²(y - f(p))²`` with ``f`` linear
    in ``p``."""

    @property
    def linear(self) -> bool:
        """True if the model is linear in its parameters."""
        ...

    def least_squares_targets(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``(y, w)``: observed values and inverse errors of the least-squares problem."""
        ...

    def model_values(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """The model prediction of every point."""
        ...


@runtime_checkable
class GaussNewton(Protocol):
    """A cost that is a sum of point terms of the model values, so that its Hessian has
    Fumili's approximation ``Σ b_i ∂f_i/∂p ∂f_i/∂pᵀ`` (positive semi-definite)."""

    def gauss_newton(
        self, parameters: ArrayLike
    ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        """``(value, gradient, approximate Hessian)`` at ``parameters``."""
        ...


def has_gauss_newton(cost: Cost) -> bool:
    """True if ``cost`` offers :meth:`GaussNewton.gauss_newton` (and, for a sum, every term)."""
    method = getattr(cost, "gauss_newton", None)
    if not callable(method):
        return False
    terms = getattr(cost, "terms", None)
    return terms is None or all(has_gauss_newton(t) for t in terms)


def pickles(obj: object) -> bool:
    """True if ``obj`` can be pickled (user callables another process cannot import cannot)."""
    import pickle

    try:
        pickle.dumps(obj)
    except Exception:
        return False
    return True
