"""Binned and point costs: Neyman χ², Pearson χ², effective-variance χ², Poisson likelihood
(ROOT's ``Chi2FCN``, ``PoissonLikelihoodFCN``; formulas in spec §3).

:class:`BinnedCost` holds the fit data, the model (a frozen
:class:`~rootfit.functions.Model`; a :class:`~rootfit.Function` is read for its model only) and
a prediction strategy (:mod:`rootfit.costs.prediction`); each statistic is one numba kernel
(:mod:`rootfit.kernels.costs`, numpy twins in :mod:`rootfit.kernels.reference`).
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType
from rootfit.costs.prediction import AtCentre, Prediction, prediction_for
from rootfit.errors import FitError
from rootfit.fitdata import BinData, ErrorType
from rootfit.functions import Function, Model
from rootfit.kernels import costs as kernels
from rootfit.kernels.fused import FusedObjective, build_context

__all__ = [
    "BinnedCost",
    "Chi2",
    "EffectiveChi2",
    "PearsonChi2",
    "PoissonLikelihood",
    "SquaredWeightPoissonLikelihood",
]


def as_model(model: Model | Function) -> Model:
    """The model of a Function (its parameter state is not used), or the model itself."""
    found = getattr(model, "model", model)
    if not isinstance(found, Model):
        raise FitError(f"a cost needs a rootfit Model or Function, not {type(model).__name__}")
    return found


class BinnedCost(Cost):
    """Base class: a statistic of a model on :class:`~rootfit.fitdata.BinData`.

    Parameters
    ----------
    data : BinData
        The fit points.
    model : Model or Function
        The model (a Function's parameter state is not used).
    prediction : Prediction, optional
        How the model predicts each point (default: ROOT's rule from the data's flags).
    """

    fit_type = FitType.LEAST_SQUARES

    def __init__(
        self, data: BinData, model: Model | Function, prediction: Prediction | None = None
    ) -> None:
        model = as_model(model)
        if data.size == 0:
            raise FitError("cannot build a cost on empty fit data")
        if model.ndim > data.ndim:
            raise FitError(
                f"model has {model.ndim} variables but the data has {data.ndim} coordinate(s)"
            )
        super().__init__(model.parameter_names, data.size)
        self.data = data
        self.model = model
        self.prediction = prediction or prediction_for(data)
        self._bind()

    def _bind(self) -> None:
        """The compiled pieces used per call (rebuilt after unpickling, never pickled)."""
        self._evaluate = self.model.evaluator
        self._predict = self.prediction.bind(self._evaluate)
        self.__dict__.pop("_fused", None)

    @property
    def fused(self) -> FusedObjective | None:
        """The statistic and the model in one compiled loop, with the C entry Minuit calls
        (:mod:`rootfit.kernels.fused`); None when the model has no one-point kernel (callables,
        composites), the prediction is not the model at the points (``I``, ``WIDTH``) or the
        statistic has no fused kernel. Built on first use."""
        try:
            return self._fused
        except AttributeError:
            self._fused: FusedObjective | None = self._make_fused()
            return self._fused

    def __call__(self, parameters: ArrayLike) -> float:
        """The statistic at ``parameters``: the fused kernel when there is one, else the
        model's evaluator and the statistic's kernel (:meth:`_statistic`)."""
        p = self.parameter_array(parameters)
        fused = self.fused
        if fused is not None:
            return fused.value(p)
        return self._statistic(p)

    def _statistic(self, p: NDArray[np.float64]) -> float:
        """The statistic on the plain path (``p`` checked by :meth:`parameter_array`)."""
        raise NotImplementedError

    def _fused_layout(self) -> tuple[str, float, tuple[NDArray[np.float64], ...]] | None:
        """``(statistic, flag, columns)`` of the fused kernel (:mod:`rootfit.kernels.fused`)."""
        return None

    def fused_layout(self) -> tuple[str, float, tuple[NDArray[np.float64], ...]] | None:
        """``(statistic, flag, columns)`` of the fused kernel at the points (the prediction is
        the model at the points), or None when this cost has no fused kernel."""
        prediction = self.prediction
        if not isinstance(prediction, AtCentre) or prediction.scale is not None:
            return None
        return self._fused_layout()

    def _make_fused(self) -> FusedObjective | None:
        layout = self.fused_layout()
        if layout is None:
            return None
        prediction = self.prediction
        assert isinstance(prediction, AtCentre)
        compiled = self.model.fused_kernels(layout[0])
        if compiled is None:
            return None
        context = build_context(prediction.points, layout[1], layout[2])
        return FusedObjective(compiled, context, self.errordef, self.npar)

    @property
    def linear(self) -> bool:
        """True if the model is linear in its parameters."""
        return self.model.traits.linear

    def default_parameters(self) -> NDArray[np.float64]:
        """The model's default start values."""
        return np.array(self.model.defaults, dtype=np.float64)

    def model_values(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """Model prediction per point (times bin volume for ``WIDTH``)."""
        return self._predict(self.parameter_array(parameters))

    def model_gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``∂f_i/∂p_j`` per point, shape ``(n, npar)`` (times bin volume for ``WIDTH``)."""
        p = self.parameter_array(parameters)
        return self.prediction.jacobian(self.model.gradient, p)

    def simulated(
        self, parameters: ArrayLike, rng: np.random.Generator, scale: float = 1.0
    ) -> BinnedCost:
        """The same statistic on data drawn from the model at ``parameters`` (a parametric
        bootstrap replica): Gaussian around the model with the data errors times ``scale`` for
        χ², Poisson for likelihoods and Pearson's χ².

        Raises
        ------
        FitError
            Statistics whose weights depend on the observed values (``PW``, ``WL``) or with
            coordinate errors.
        """
        f = self.model_values(parameters)
        new = copy.copy(self)
        new.data = self.data.with_values(self._draw(f, rng, scale))
        new._y = new.data.values  # type: ignore[attr-defined]
        new._bind()
        return new

    def _draw(self, f: NDArray[np.float64], rng: np.random.Generator, scale: float) -> Any:
        raise FitError(f"{type(self).__name__} cannot simulate its data (parametric bootstrap)")

    def __getstate__(self) -> dict[str, Any]:
        compiled = ("_evaluate", "_predict", "_fused", "_shifted")
        return {k: v for k, v in self.__dict__.items() if k not in compiled}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._bind()


_DBL_MAX = float(np.finfo(np.float64).max)
_SQRT_MAX = float(np.sqrt(_DBL_MAX))


class Chi2(BinnedCost):
    """Neyman χ²: ``Σ ((y - f)/e)²`` (unit errors for data without errors)."""

    def __init__(
        self, data: BinData, model: Model | Function, prediction: Prediction | None = None
    ) -> None:
        if data.error_type >= ErrorType.COORD:
            raise FitError("data with coordinate errors needs EffectiveChi2")
        super().__init__(data, model, prediction)
        self._y = data.values
        self._inv = data.inv_errors

    def _statistic(self, p: NDArray[np.float64]) -> float:
        return float(kernels.chi2(self._y, self._inv, self._predict(p)))

    def _fused_layout(self) -> tuple[str, float, tuple[NDArray[np.float64], ...]]:
        return "chi2", self.context_flag(self.ndata), (self._y, self._inv)

    def context_flag(self, ndata: int) -> float:
        """The fused context's flag for ``ndata`` points: the cap of one χ² term (ROOT caps
        each term at DBL_MAX / n so that the sum stays finite)."""
        return _DBL_MAX / max(ndata, 1)

    def least_squares_targets(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``(y, 1/e)`` of the weighted least-squares problem."""
        return self._y, self._inv

    def _draw(self, f: NDArray[np.float64], rng: np.random.Generator, scale: float) -> Any:
        with np.errstate(divide="ignore"):
            sigma = np.where(self._inv > 0, scale / self._inv, 0.0)
        return f + sigma * rng.standard_normal(f.size)

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``-2 Σ (y - f)·inv² ∂f/∂p``."""
        r = (self._y - self.model_values(parameters)) * self._inv**2
        return np.asarray(-2.0 * (self.model_gradient(parameters).T @ r), dtype=np.float64)

    def gauss_newton(
        self, parameters: ArrayLike
    ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        """χ², its gradient and ``2·JᵀWJ`` (exact for models linear in the parameters)."""
        p = self.parameter_array(parameters)
        f = self._predict(p)
        inv2 = self._inv**2
        g, h = kernels.gauss_newton_terms(
            np.ascontiguousarray(self.model_gradient(p)), -2.0 * (self._y - f) * inv2, 2.0 * inv2
        )
        return float(kernels.chi2(self._y, self._inv, f)), g, h


class PearsonChi2(BinnedCost):
    """Pearson χ²: ``Σ (y - f)²·w / f`` over points with f > 0.

    Parameters
    ----------
    data : BinData
        Fit points (all bins, empty ones included).
    model : Model or Function
        Model.
    weighted : bool
        ``PW``: ``w = y/e²`` per non-empty bin and ``Σy/Σe²`` for empty bins; otherwise
        ``w = 1`` (``P``).
    prediction : Prediction, optional
        How the model predicts each point.
    """

    def __init__(
        self,
        data: BinData,
        model: Model | Function,
        *,
        weighted: bool = False,
        prediction: Prediction | None = None,
    ) -> None:
        super().__init__(data, model, prediction)
        self._y = data.values
        self.weighted = bool(weighted)
        w = np.ones(data.size)
        if weighted:
            if data.errors is None:
                raise FitError("a weighted Pearson χ² needs the bin errors")
            e2 = data.errors**2
            s_e2 = data.sum_of_error2
            global_w = data.sum_of_content / s_e2 if s_e2 > 0 else 1.0
            with np.errstate(divide="ignore", invalid="ignore"):
                w = np.where((self._y != 0) & (e2 > 0), self._y / e2, global_w)
        self._w = np.ascontiguousarray(w)

    def _statistic(self, p: NDArray[np.float64]) -> float:
        return float(kernels.pearson_chi2(self._y, self._w, self._predict(p)))

    def _draw(self, f: NDArray[np.float64], rng: np.random.Generator, scale: float) -> Any:
        if self.weighted:
            raise FitError("a weighted Pearson χ² (PW) cannot simulate its data")
        return rng.poisson(np.clip(f, 0.0, None)).astype(np.float64)

    def least_squares_targets(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``(y, 1/e)`` of the data: what ROOT's linear fitter solves for ``P`` (the expected
        errors are not used by it; ``P`` data has no errors, so the weights are 1)."""
        return self._y, self.data.inv_errors

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``-Σ w (y - f)(y + f)/f² ∂f/∂p`` over points with f > 0."""
        f = self.model_values(parameters)
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(f > 0, -self._w * (self._y - f) * (self._y + f) / f**2, 0.0)
        return np.asarray(self.model_gradient(parameters).T @ d, dtype=np.float64)


class EffectiveChi2(BinnedCost):
    """Effective-variance χ² for points with x errors (and optionally asymmetric y errors).

    ``Σ (y - f)² / (ey² + (ex·∂f/∂x)²)`` where ``ey`` is the upper error when the model lies above
    the point. The derivative is ROOT's Richardson estimate with step
    ``h = max(0.01·ex, 8e-8·(|x| + 1e-8))``, recomputed at every call.
    """

    def __init__(self, data: BinData, model: Model | Function) -> None:
        super().__init__(data, model)
        if data.coord_errors is None:
            raise FitError("EffectiveChi2 needs coordinate errors")
        model = self.model
        points = self.prediction.points
        self._y = data.values
        errors = data.errors if data.errors is not None else np.zeros(data.size)
        if data.error_type == ErrorType.ASYM:
            assert data.errors_low is not None and data.errors_high is not None
            self._ey_low, self._ey_high = data.errors_low, data.errors_high
        else:
            self._ey_low = self._ey_high = np.ascontiguousarray(errors)
        ex = data.coord_errors[:, : model.ndim]
        x = points[:, : model.ndim]
        self._ex = ex
        self._active = [d for d in range(model.ndim) if np.any(ex[:, d] > 0)]
        #: The derivative step of each active coordinate.
        self._steps = {
            d: np.maximum(0.01 * ex[:, d], 8e-8 * (np.abs(x[:, d]) + 1e-8)) for d in self._active
        }

    @functools.cached_property
    def _shifted(self) -> list[tuple[int, NDArray[np.float64], tuple[NDArray[np.float64], ...]]]:
        """The points moved by ``±h`` and ``±h/2`` in each active coordinate (the plain path;
        the fused kernel moves them as it goes)."""
        points = self.prediction.points
        out = []
        for d, h in self._steps.items():
            shifted = []
            for step in (h, -h, 0.5 * h, -0.5 * h):
                xs = points.copy()
                xs[:, d] += step
                shifted.append(np.ascontiguousarray(xs))
            out.append((d, h, tuple(shifted)))
        return out

    def x_variance(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``Σ_d (ex_d·∂f/∂x_d)²`` per point at ``parameters``."""
        p = self.parameter_array(parameters)
        total = np.zeros(self.ndata)
        for d, h, (xp, xm, xp2, xm2) in self._shifted:
            d_full = (self._evaluate(xp, p) - self._evaluate(xm, p)) / (2 * h)
            d_half = (self._evaluate(xp2, p) - self._evaluate(xm2, p)) / h
            deriv = (4 * d_half - d_full) / 3
            total += (self._ex[:, d] * deriv) ** 2
        return total

    def _statistic(self, p: NDArray[np.float64]) -> float:
        f = self._predict(p)
        return float(
            kernels.effective_chi2(self._y, f, self._ey_low, self._ey_high, self.x_variance(p))
        )

    def _fused_layout(self) -> tuple[str, float, tuple[NDArray[np.float64], ...]] | None:
        if self.model.ndim != 1:  # the fused kernel differentiates in one variable
            return None
        ex = np.ascontiguousarray(self._ex[:, 0])
        step = self._steps.get(0, np.ones(self.ndata))
        columns = (self._y, self._ey_low, self._ey_high, ex, np.ascontiguousarray(step))
        return "effective_chi2", float(bool(self._steps)), columns


class PoissonLikelihood(BinnedCost):
    """Binned Poisson negative log-likelihood with the saturated-model term.

    ``Σ f - y + y·log(y/f)`` (extended, default) or ``Σ y·log(y/f)`` (multinomial). Its
    minimum is half the Baker–Cousins χ², which is what :meth:`reported_chi2` returns
    (``2·NLL_min``, as ROOT 6.40).
    """

    errordef = 0.5
    fit_type = FitType.BINNED_LIKELIHOOD

    def __init__(
        self,
        data: BinData,
        model: Model | Function,
        *,
        extended: bool = True,
        prediction: Prediction | None = None,
    ) -> None:
        super().__init__(data, model, prediction)
        self._y = data.values
        self.extended = bool(extended)

    def _statistic(self, p: NDArray[np.float64]) -> float:
        return float(kernels.poisson_nll(self._y, self._predict(p), self.extended))

    def _fused_layout(self) -> tuple[str, float, tuple[NDArray[np.float64], ...]] | None:
        if type(self) is not PoissonLikelihood:  # other weights: no fused kernel
            return None
        return "poisson", self.context_flag(self.ndata), (self._y, kernels.logs(self._y))

    def context_flag(self, ndata: int) -> float:
        """The fused context's flag: 1 for the extended likelihood (any ``ndata``)."""
        return float(self.extended)

    def _draw(self, f: NDArray[np.float64], rng: np.random.Generator, scale: float) -> Any:
        if type(self) is not PoissonLikelihood:
            raise FitError(f"{type(self).__name__} cannot simulate its data")
        return rng.poisson(np.clip(f, 0.0, None)).astype(np.float64)

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``Σ (1 - y/f) ∂f/∂p`` (without the 1 when not extended), over points with f > 0."""
        f = self.model_values(parameters)
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(f > 0, (1.0 if self.extended else 0.0) - self._y / f, 0.0)
        return np.asarray(self.model_gradient(parameters).T @ d, dtype=np.float64)

    def gauss_newton(
        self, parameters: ArrayLike
    ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        """NLL, gradient ``Σ (1 - y/f) ∂f`` and Fumili's Hessian ``Σ y/f² ∂f ∂fᵀ``; a bin with
        ``f <= 0`` and ``y > 0`` gets ROOT's large finite coefficients (√DBL_MAX)."""
        p = self.parameter_array(parameters)
        f = self._predict(p)
        y = self._y
        positive = f > 0
        safe_f = np.where(positive, f, 1.0)
        extended = 1.0 if self.extended else 0.0
        a = np.where(positive, extended - y / safe_f, np.where(y > 0, _SQRT_MAX, extended))
        b = np.where(positive, y / safe_f**2, np.where(y > 0, _SQRT_MAX, 0.0))
        g, h = kernels.gauss_newton_terms(np.ascontiguousarray(self.model_gradient(p)), a, b)
        return float(kernels.poisson_nll(y, f, self.extended)), g, h

    def squared_weight_cost(self) -> SquaredWeightPoissonLikelihood:
        """The companion NLL with bin weights ``w = e²/y`` (ROOT's ``WL`` second pass)."""
        return SquaredWeightPoissonLikelihood(
            self.data, self.model, extended=self.extended, prediction=self.prediction
        )


class SquaredWeightPoissonLikelihood(PoissonLikelihood):
    """``Σ w·[f - y + y·log(y/f)]`` with ``w = e²/y`` per non-empty bin and ``Σe²/Σy`` for empty
    bins: its Hessian H₂ corrects the covariance of a weighted-histogram likelihood fit to
    ``C·H₂·C`` (ROOT's ``WL``, spec §4.7)."""

    def __init__(
        self,
        data: BinData,
        model: Model | Function,
        *,
        extended: bool = True,
        prediction: Prediction | None = None,
    ) -> None:
        super().__init__(data, model, extended=extended, prediction=prediction)
        if data.errors is None:
            raise FitError("the squared-weight likelihood needs the bin errors")
        y, e2 = data.values, data.errors**2
        total = data.sum_of_content
        global_weight = data.sum_of_error2 / total if total != 0 else 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            self._w = np.ascontiguousarray(
                np.where(y != 0, e2 / np.where(y != 0, y, 1.0), global_weight)
            )

    def _statistic(self, p: NDArray[np.float64]) -> float:
        return float(
            kernels.weighted_poisson_nll(self._y, self._predict(p), self._w, self.extended)
        )

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``Σ w·(1 - y/f) ∂f/∂p``."""
        f = self.model_values(parameters)
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(f > 0, self._w * ((1.0 if self.extended else 0.0) - self._y / f), 0.0)
        return np.asarray(self.model_gradient(parameters).T @ d, dtype=np.float64)
