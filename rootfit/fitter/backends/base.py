"""The backend protocol: one signature for every minimizer, declared capabilities checked
before anything runs, and the steps after the minimum.

A backend turns ``(cost, settings, options, errordef)`` into a :class:`Minimum`. The
:class:`~rootfit.Fitter` then runs the steps it was asked for on that minimum — Hesse, Minos —
and, for ROOT's weighted likelihood (``WL``), asks the backend for the Hesse covariance of the
squared-weight companion cost. What a backend can do is declared in its
:class:`Capabilities`; :meth:`Backend.check` refuses a request it cannot serve (a Poisson
likelihood handed to the linear solver, Minos from a solver without it, an analytic gradient
the cost does not have) with a clear error before the minimization starts.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.costs import Cost
from rootfit.errors import FitOptionError
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions
from rootfit.result.intervals import MinosError

__all__ = [
    "Backend",
    "BackendResult",
    "Capabilities",
    "DelegatingMinimum",
    "Minimum",
    "Request",
    "is_weighted_least_squares",
]


def is_weighted_least_squares(cost: Cost) -> bool:
    """True if ``cost`` offers the :class:`~rootfit.costs.WeightedLeastSquares` view (checked
    by attribute: a runtime protocol check costs more than a small fit)."""
    return callable(getattr(cost, "least_squares_targets", None)) and callable(
        getattr(cost, "model_values", None)
    )


@dataclass(frozen=True)
class BackendResult:
    """Raw outcome of one minimization (before error normalisation and Chi2 reporting)."""

    values: NDArray[np.float64]
    errors: NDArray[np.float64]
    covariance: NDArray[np.float64]
    min_fcn: float
    edm: float
    ncalls: int
    status: int
    cov_status: int
    valid: bool
    minimizer: str
    minos: dict[str, tuple[float, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do.

    Attributes
    ----------
    linear_least_squares_only : bool
        Only costs that are weighted least squares of a model linear in its parameters
        (:class:`~rootfit.costs.WeightedLeastSquares` with ``linear``).
    covariance : bool
        Gives a parameter covariance.
    hesse : bool
        Can run Hesse after the minimum (also needed for the ``WL`` correction).
    minos : bool
        Can run Minos.
    gradient : bool
        Can use the cost's analytic gradient.
    """

    linear_least_squares_only: bool = False
    covariance: bool = True
    hesse: bool = True
    minos: bool = True
    gradient: bool = True


@dataclass(frozen=True)
class Request:
    """What the Fitter will ask of a backend for one fit."""

    hesse: bool = False
    minos: bool | Sequence[str] = False
    gradient: bool = False
    weight_correction: bool = False


class Minimum(abc.ABC):
    """The state of a backend after minimizing; the steps after the minimum update it."""

    #: The current outcome (replaced by each step).
    outcome: BackendResult

    def hesse(self) -> None:
        """Recompute the covariance with Hesse (ROOT's ParabErrors)."""
        raise FitOptionError(f"{type(self).__name__} has no Hesse step")

    def minos(self, names: Sequence[str]) -> None:
        """Minos errors of the named free parameters."""
        raise FitOptionError(f"{type(self).__name__} has no Minos step")

    def minos_errors(self, names: Sequence[str], factor: float = 1.0) -> dict[str, MinosError]:
        """Minos intervals of the named free parameters where the statistic rises by
        ``factor·errordef`` (1 for one sigma), with Minos's flags; the outcome is unchanged."""
        raise FitOptionError(f"{type(self).__name__} has no Minos step")

    def contour(self, x: str, y: str, size: int, factor: float) -> NDArray[np.float64]:
        """``size`` points ``(n, 2)`` of the curve where the statistic, minimised over the other
        parameters, is the minimum plus ``factor·errordef`` (Minuit's ``MnContours``)."""
        raise FitOptionError(f"{type(self).__name__} cannot compute contours")

    def to_minuit(self) -> Any:
        """An ``iminuit.Minuit`` at this minimum (same cost, limits, fixed parameters and
        errordef), for iminuit's own tools."""
        raise FitOptionError(f"{type(self).__name__} has no iminuit state")


class DelegatingMinimum(Minimum):
    """A minimum whose Minos, contours and iminuit bridge are those of another minimum of the
    same fit, built the first time one is asked for (:meth:`_delegate`)."""

    @abc.abstractmethod
    def _delegate(self) -> Minimum:
        """The minimum the steps run on."""

    def minos(self, names: Sequence[str]) -> None:
        steps = self._delegate()
        steps.minos(names)
        self.outcome = steps.outcome

    def minos_errors(self, names: Sequence[str], factor: float = 1.0) -> dict[str, MinosError]:
        return self._delegate().minos_errors(names, factor)

    def contour(self, x: str, y: str, size: int, factor: float) -> NDArray[np.float64]:
        return self._delegate().contour(x, y, size, factor)

    def to_minuit(self) -> Any:
        return self._delegate().to_minuit()


class Backend(abc.ABC):
    """A minimizer: ROOT's type name, its capabilities, and :meth:`minimize`."""

    #: ROOT's minimizer type (``"Minuit2"``, ``"Linear"``...).
    name: str = ""
    #: What it can do.
    capabilities: Capabilities = Capabilities()

    def check(self, cost: Cost, request: Request, options: MinimizerOptions) -> None:
        """Raise :class:`~rootfit.errors.FitOptionError` if this backend cannot serve ``request``
        on ``cost`` with ``options`` (called before :meth:`minimize`)."""
        caps = self.capabilities
        what = f"minimizer {self.name!r}"
        least_squares = is_weighted_least_squares(cost)
        if caps.linear_least_squares_only and not (
            least_squares and getattr(cost, "linear", False)
        ):
            kind = "a model that is not linear" if least_squares else f"a {type(cost).__name__}"
            raise FitOptionError(
                f"{what} solves weighted least squares of models linear in their parameters "
                f"(Chi2 or PearsonChi2 of polN or '++' formulas); it cannot minimise {kind}"
            )
        if request.gradient and not caps.gradient:
            raise FitOptionError(f"{what} does not use analytic gradients (option G)")
        if request.gradient and not cost.has_gradient:
            raise FitOptionError(
                f"{type(cost).__name__} has no analytic gradient; option G cannot be used "
                "(ROOT does not support it with x errors either)"
            )
        if request.hesse and not caps.hesse:
            raise FitOptionError(f"{what} has no Hesse step (its covariance is exact or absent)")
        if request.minos and not caps.minos:
            raise FitOptionError(f"{what} cannot compute Minos errors")
        if request.weight_correction:
            if not caps.hesse:
                raise FitOptionError(f"{what} cannot compute the weighted-likelihood correction")
            if not hasattr(cost, "squared_weight_cost"):
                raise FitOptionError(f"{type(cost).__name__} has no weighted-likelihood correction")

    @abc.abstractmethod
    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> Minimum:
        """Minimise ``cost`` from ``settings``."""

    def hesse_covariance(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
    ) -> NDArray[np.float64]:
        """Covariance from Hesse alone at the given values (no minimization)."""
        raise FitOptionError(f"minimizer {self.name!r} cannot compute a Hesse covariance")
