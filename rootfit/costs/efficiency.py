"""Binomial likelihood of an efficiency (ROOT's ``TBinomialEfficiencyFitter``).

Each bin holds ``k`` events that passed out of ``N`` (bins with ``N = 0`` carry no
information and are left out); the model gives the efficiency ``ε`` of the bin (at its centre,
or averaged over it with option ``I``). The statistic is the binomial negative log-likelihood
relative to the saturated model, ``-Σ k·log(ε N/k) + (N-k)·log((1-ε) N/(N-k))`` (a term is
absent when its count is 0), so that twice its minimum is a χ²-like goodness of fit, as ROOT
reports. An efficiency outside ``(0, 1)`` where it is needed adds ROOT's 10³⁰ penalty.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import FitType
from rootfit.costs.binned import BinnedCost
from rootfit.costs.prediction import Prediction
from rootfit.errors import DataError
from rootfit.fitdata import BinData

__all__ = ["BinomialEfficiency", "binomial_nll"]

#: ROOT's penalty for an efficiency at or beyond 0 or 1 where events need it.
PENALTY = 1.0e30


def binomial_nll(k: NDArray[np.float64], n: NDArray[np.float64], eff: NDArray[np.float64]) -> float:
    """``-Σ k·log(ε n/k) + (n-k)·log((1-ε) n/(n-k))`` (saturated model subtracted)."""
    failed = n - k
    with np.errstate(divide="ignore", invalid="ignore"):
        passed_terms = np.where(k > 0, np.where(eff > 0, k * np.log(eff * n / k), -PENALTY), 0.0)
        failed_terms = np.where(
            failed > 0, np.where(eff < 1, failed * np.log((1.0 - eff) * n / failed), -PENALTY), 0.0
        )
    return float(-np.sum(passed_terms) - np.sum(failed_terms))


class BinomialEfficiency(BinnedCost):
    """Binomial NLL of an efficiency model; ``data.values`` are the passed counts ``k``,
    ``totals`` the counts ``N`` (all positive) of the same bins.

    Parameters
    ----------
    data : BinData
        Bin coordinates (and edges for option ``I``) with the passed counts as values.
    totals : array_like
        The total counts of the bins.
    model : Model or Function
        The efficiency.
    prediction : Prediction, optional
        How the model predicts a bin (default from the data's flags).
    """

    errordef = 0.5
    fit_type = FitType.BINNED_LIKELIHOOD

    def __init__(
        self,
        data: BinData,
        totals: ArrayLike,
        model: Any,
        prediction: Prediction | None = None,
    ) -> None:
        super().__init__(data, model, prediction)
        self._k = np.asarray(data.values, dtype=np.float64)
        self._n = np.asarray(totals, dtype=np.float64)
        if self._n.shape != self._k.shape:
            raise DataError(f"{self._k.size} passed counts but {self._n.size} totals")
        if np.any(self._n <= 0) or np.any(self._k < 0) or np.any(self._k > self._n):
            raise DataError("efficiency data need 0 <= passed <= total and total > 0 in every bin")

    @property
    def totals(self) -> NDArray[np.float64]:
        """The total counts ``N`` of the bins."""
        return self._n

    def __call__(self, parameters: ArrayLike) -> float:
        return binomial_nll(self._k, self._n, self.model_values(parameters))

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """``-Σ (k/ε - (N-k)/(1-ε)) ∂ε/∂p`` over bins with ``0 < ε < 1``."""
        eff = self.model_values(parameters)
        inside = (eff > 0) & (eff < 1)
        safe = np.where(inside, eff, 0.5)
        d = np.where(inside, -(self._k / safe - (self._n - self._k) / (1.0 - safe)), 0.0)
        return np.asarray(self.model_gradient(parameters).T @ d, dtype=np.float64)

    def simulated(
        self, parameters: ArrayLike, rng: np.random.Generator, scale: float = 1.0
    ) -> BinomialEfficiency:
        """Passed counts drawn binomially from the model's efficiency (same totals)."""
        eff = np.clip(self.model_values(parameters), 0.0, 1.0)
        new = copy.copy(self)
        new.data = self.data.with_values(
            rng.binomial(self._n.astype(np.int64), eff).astype(np.float64)
        )
        new._k = new.data.values
        return new
