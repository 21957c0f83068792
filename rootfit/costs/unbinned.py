"""Unbinned negative log-likelihood (ROOT's ``LogLikelihoodFCN``, spec §3.6).

``NLL = -Σ w_i·log f(x_i)`` with ROOT's safe log, three ways:

* plain (ROOT's default): ``f`` must be a normalised density — ROOT does not normalise it;
* extended: ``+ ν(p)`` with ``ν = ∫ f`` over the data range(s) (``f`` is then the density of
  expected events: its integral is the expected number);
* normalised (``normalize=True``, rootfit's convenience for shapes): ``f`` is divided by its
  integral over the range, i.e. ``+ Σw·log ∫f``.

Per-event weights enter as ``w_i``; the correction of the covariance for weighted events
(ROOT's ``SetWeightCorrection``, spec §4.7) uses :meth:`UnbinnedNLL.squared_weight_cost`, the
same NLL with weights ``w²`` (and the extended term scaled by Σw²/Σw).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType
from rootfit.costs.binned import as_model
from rootfit.costs.normalization import RangeIntegral
from rootfit.costs.sampling import sample_intervals
from rootfit.errors import FitError
from rootfit.fitdata import DataRange
from rootfit.fitdata.events import Chunk, Events
from rootfit.fitdata.unbindata import UnBinData
from rootfit.functions import Function, Model
from rootfit.kernels import costs as kernels

__all__ = ["UnbinnedNLL", "event_sums"]

_EPS = 2.0 * np.finfo(np.float64).tiny  # ROOT's safelog threshold
#: Returned when the normalisation integral is not positive (no valid density there).
_NO_DENSITY = 1e300
#: From this many events the likelihood is minimised with an offset (:attr:`offset_values`).
OFFSET_EVENTS = 1_000_000

Terms = tuple[float, NDArray[np.float64], NDArray[np.float64]]


def event_sums(
    chunk: Chunk, model: Model, parameters: NDArray[np.float64], order: int
) -> tuple[Any, ...]:
    """The sums over a chunk of events a likelihood needs: ``-Σ w·log f`` (ROOT's safe log),
    then with ``order ≥ 1`` the score sum ``Σ w·s`` (``s = ∂f/∂p / f``), with ``order 2``
    also ``Σ w·s sᵀ`` — the same compiled kernels in memory and on every Dask worker. The
    chunk carries exactly the model's coordinates (:meth:`~rootfit.fitdata.Events.columns`), contiguous."""
    x, weights = chunk
    if order == 0:
        fused = model.fused_kernels("unbinned")
        if fused is not None:  # model and log-likelihood in one loop, no array of densities
            flat = np.ascontiguousarray(np.asarray(x).T).reshape(-1)  # column-major
            return (float(fused[0](flat, np.ascontiguousarray(weights), parameters)),)
    f = model.evaluator(x, parameters)
    value = float(kernels.unbinned_nll(f, weights))
    if order == 0:
        return (value,)
    inverse = 1.0 / np.where(f > _EPS, f, _EPS)
    scores = np.ascontiguousarray(model.gradient(x, parameters) * inverse[:, None])
    w = np.ascontiguousarray(weights)
    if order == 1:
        return value, w @ scores
    first, second = kernels.gauss_newton_terms(scores, w, w)
    return value, first, second


class UnbinnedNLL(Cost):
    """Negative log-likelihood of events.

    Parameters
    ----------
    events : Events or array_like, shape (n,) or (n, ndim)
        The events: :class:`~rootfit.fitdata.UnBinData` in memory,
        :class:`~rootfit.fitdata.ChunkedEvents` on a Dask cluster, or an array (turned into
        UnBinData with ``weights`` and ``range``).
    model : Model or Function
        A density (plain), the density of expected events (extended) or a shape (normalised).
    weights : array_like, optional
        Per-event weights, for array events.
    extended : bool
        Add the integral of the model over the range (ROOT's extended likelihood).
    normalize : bool
        Divide the model by its integral over the range (not with ``extended``).
    range : optional
        The data range, for array events.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> x = np.random.default_rng(1).normal(0.5, 1.0, 1000)
    >>> nll = UnbinnedNLL(x, rf.Function("gausn"), extended=True, range=(-5, 6))
    >>> r = rf.Fitter().fit(nll, [900.0, 0.0, 1.2])
    >>> round(r.values["Constant"])  # the fitted number of events
    1000
    """

    errordef = 0.5
    fit_type = FitType.UNBINNED_LIKELIHOOD

    def __init__(
        self,
        events: Events | ArrayLike,
        model: Model | Function,
        weights: ArrayLike | None = None,
        *,
        extended: bool = False,
        normalize: bool = False,
        range: Any = None,
    ) -> None:
        model = as_model(model)
        if isinstance(events, Events):
            if weights is not None or range is not None:
                raise FitError("give weights and range to UnBinData, not to the cost")
            data = events
        else:
            data = UnBinData(events, weights, range=range)
        if data.ndim < model.ndim:
            raise FitError(f"events must have {model.ndim} coordinate(s), they have {data.ndim}")
        if data.size == 0:
            raise FitError("cannot build a cost on empty fit data")
        if extended and normalize:
            raise FitError(
                "an extended fit needs the density of expected events, not a normalised shape: "
                "give normalize=False and a model with a yield (e.g. 'gausn' or '[N]*...')"
            )
        super().__init__(model.parameter_names, data.size)
        self.model = model
        self.data = data
        self.extended = bool(extended)
        self.normalize = bool(normalize)
        self._extended_scale = 1.0
        self._sum_weights = data.sum_of_weights
        self._integral = (
            RangeIntegral(model, DataRange(data.range.axes[: model.ndim], data.range.more))
            if extended or normalize
            else None
        )
        if self._integral is not None:
            self._integral.check_vanishes_at_infinity(np.array(model.defaults, dtype=np.float64))
        self._bind()

    def _bind(self) -> None:
        # the sums read only the model's coordinates: the events are cut to them once
        self._events = self.data.columns(self.model.ndim)
        self._model_handle = self._events.broadcast(self.model)

    def _sums(self, p: NDArray[np.float64], order: int) -> tuple[Any, ...]:
        return self._events.map_reduce(event_sums, self._model_handle, p, order)

    @property
    def offset_values(self) -> bool:
        """Likelihoods of a million events and more are minimised with an offset (their size
        would otherwise swamp Minuit's derivatives and EDM)."""
        return self.data.size >= OFFSET_EVENTS

    @property
    def picklable(self) -> bool:
        """Events on a cluster do not travel with a pickled cost."""
        return self.data.picklable

    def default_parameters(self) -> NDArray[np.float64]:
        """The model's default start values."""
        return np.array(self.model.defaults, dtype=np.float64)

    def integral(self, parameters: ArrayLike) -> float:
        """The model's integral over the data range (needs ``extended`` or ``normalize``)."""
        if self._integral is None:
            raise FitError("the integral is computed for extended or normalised fits only")
        return self._integral(self.parameter_array(parameters))

    def __call__(self, parameters: ArrayLike) -> float:
        p = self.parameter_array(parameters)
        nll = float(self._sums(p, 0)[0])
        if self._integral is None:
            return nll
        nu = self._integral(p)
        if self.extended:
            return nll + self._extended_scale * nu
        if not nu > 0:
            return _NO_DENSITY
        return nll + self._sum_weights * float(np.log(nu))

    def _normalisation(self, p: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]] | None:
        """``(log I, ∇I/I)`` of a normalised fit (None otherwise; ``log I = inf`` when the
        integral is not positive)."""
        if not self.normalize:
            return None
        assert self._integral is not None
        nu = self._integral(p)
        if not nu > 0:
            return math.inf, np.zeros(p.size)
        return math.log(nu), self._integral.gradient(p) / nu

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``-Σ w·∂log(f/I)/∂p`` (+ ``∂ν/∂p`` when extended)."""
        p = self.parameter_array(parameters)
        _, score = self._sums(p, 1)
        g = -np.asarray(score, dtype=np.float64)
        norm = self._normalisation(p)
        if norm is not None:
            g = g + self._sum_weights * norm[1]
        if self.extended:
            assert self._integral is not None
            g = g + self._extended_scale * self._integral.gradient(p)
        return np.asarray(g, dtype=np.float64)

    def gauss_newton(self, parameters: ArrayLike) -> Terms:
        """NLL, gradient and Fumili's Hessian ``Σ w·s sᵀ`` of the per-event scores ``s`` of
        ``log(f/I)`` (the extended term adds to the gradient; its curvature is left out, as
        ROOT's)."""
        p = self.parameter_array(parameters)
        value, score, outer = self._sums(p, 2)
        s1 = np.asarray(score, dtype=np.float64)  # Σ w·s
        g, h = -s1, np.asarray(outer, dtype=np.float64)
        norm = self._normalisation(p)
        if norm is not None:
            log_i, a = norm
            if not math.isfinite(log_i):  # no density: the value says so, the terms stay
                return _NO_DENSITY, g, h
            w = self._sum_weights  # the scores of f/I are s − a: Σ w(s−a)(s−a)ᵀ expanded
            value += w * log_i
            g = g + w * a
            h = h - np.outer(a, s1) - np.outer(s1, a) + w * np.outer(a, a)
        if self.extended:
            assert self._integral is not None
            value += self._extended_scale * self._integral(p)
            g = g + self._extended_scale * self._integral.gradient(p)
        return float(value), g, h

    def simulated(
        self, parameters: ArrayLike, rng: np.random.Generator, scale: float = 1.0
    ) -> UnbinnedNLL:
        """The same likelihood on events drawn from the model at ``parameters`` over the data
        range (the range of the events when none is set): a Poisson number of events with mean
        ν(p) when extended, as many as the data otherwise (``scale`` has no meaning for events).

        Raises
        ------
        FitError
            Models of more than one coordinate, or weighted events.
        """
        if self.model.ndim != 1:
            raise FitError("toys of event data are drawn for 1-D models only")
        if self.data.weighted:
            raise FitError("toys of weighted events are not drawn (the weights have no model)")
        p = self.parameter_array(parameters)
        intervals = self.data.range.intervals(0) or (self.data.extent(0),)
        n = int(rng.poisson(self.integral(p))) if self.extended else self.data.size
        events = sample_intervals(
            lambda x: self.model.evaluator(np.ascontiguousarray(x.reshape(-1, 1)), p),
            intervals,
            n,
            rng,
        )
        data = UnBinData(events, range=self.data.range)
        return UnbinnedNLL(data, self.model, extended=self.extended, normalize=self.normalize)

    def squared_weight_cost(self) -> UnbinnedNLL:
        """The NLL with weights ``w²`` (extended term × Σw²/Σw): its Hessian corrects the
        covariance of a weighted fit to ``C·H₂·C`` (spec §4.7)."""
        data = self.data.squared_weights()
        companion = UnbinnedNLL(data, self.model, extended=self.extended, normalize=self.normalize)
        sw = self.data.sum_of_weights
        companion._extended_scale = self.data.sum_of_weights2 / sw if sw else 1.0
        return companion

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_model_handle", "_events")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._bind()
