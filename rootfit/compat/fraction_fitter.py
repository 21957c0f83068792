"""``TFractionFitter(data, mc)``: the fractions of Monte Carlo templates in a data histogram,
with the templates' statistical fluctuations (Barlow–Beeston, :mod:`rootfit.fitting.templates`).

``Constrain``/``UnConstrain`` bound a fraction, ``SetRangeX/Y/Z`` restrict the bins (ROOT bin
numbers), ``ExcludeBin``/``IncludeBin`` drop single bins (global bin numbers), ``SetWeight``
gives a template per-bin weights; ``Fit()`` returns the result (its status with ``int()``),
``GetResult(i, value, error)`` fills ``ctypes`` references, ``GetChisquare``/``GetNDF``/
``GetProb`` describe the fit, ``GetPlot()`` is the predicted data and ``GetMCPrediction(i)``
the fitted template ``i``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.compat.fitresult import TFitResultPtr
from rootfit.compat.minuit_commands import write_reference
from rootfit.compat.session import default_minimizer_options, set_last_fit
from rootfit.errors import DataError, FitError
from rootfit.fitting.templates import fit_fractions
from rootfit.hist import Histogram
from rootfit.result import FitResult

__all__ = ["TFractionFitter"]


class TFractionFitter:
    """ROOT's ``TFractionFitter(data, mc_array[, option])``."""

    def __init__(self, data: Histogram, mc: Any, option: str = "") -> None:
        self.data = data
        self.templates = [h for h in mc if h is not None]
        if not self.templates:
            raise DataError("TFractionFitter needs at least one template histogram")
        self._weights: list[Histogram | None] = [None] * len(self.templates)
        self._limits: list[tuple[float, float] | None] = [None] * len(self.templates)
        self._ranges: list[tuple[int, int] | None] = [None] * data.ndim
        self._excluded: set[int] = set()
        self._result: FitResult | None = None

    # configuration ----------------------------------------------------------------------------
    def _check(self, parm: int) -> int:
        if not 0 <= int(parm) < len(self.templates):
            raise DataError(f"template {parm} does not exist ({len(self.templates)} templates)")
        return int(parm)

    def Constrain(self, parm: int, low: float, high: float) -> None:
        if not float(low) < float(high):
            raise DataError(f"Constrain({parm}, {low}, {high}): the lower bound must be below")
        self._limits[self._check(parm)] = (float(low), float(high))

    def UnConstrain(self, parm: int) -> None:
        self._limits[self._check(parm)] = None

    def SetWeight(self, parm: int, weight: Histogram) -> None:
        self._weights[self._check(parm)] = weight

    def _set_range(self, axis: int, low: int, high: int) -> None:
        if axis >= self.data.ndim:
            raise DataError(f"the data histogram has {self.data.ndim} axes")
        nbins = self.data.axes[axis].nbins
        self._ranges[axis] = (max(int(low), 1), min(int(high), nbins))

    def SetRangeX(self, low: int, high: int) -> None:
        """The x bins ``low``…``high`` (ROOT bin numbers)."""
        self._set_range(0, low, high)

    def SetRangeY(self, low: int, high: int) -> None:
        self._set_range(1, low, high)

    def SetRangeZ(self, low: int, high: int) -> None:
        self._set_range(2, low, high)

    def ReleaseRangeX(self) -> None:
        self._ranges[0] = None

    def ExcludeBin(self, bin: int) -> None:
        self._excluded.add(int(bin))

    def IncludeBin(self, bin: int) -> None:
        self._excluded.discard(int(bin))

    def _bins(self) -> np.ndarray:
        """The mask of the bins used (under/overflow excluded)."""
        axes = self.data.axes
        shape = tuple(a.nbins for a in axes)
        use = np.ones(shape, dtype=bool)
        for k, window in enumerate(self._ranges):
            if window is not None:
                keep = np.zeros(shape[k], dtype=bool)
                keep[window[0] - 1 : window[1]] = True
                use &= keep.reshape([-1 if j == k else 1 for j in range(len(shape))])
        for global_bin in self._excluded:
            index = self.data.bin_indices(global_bin)
            inner = tuple(i - 1 for i in index)
            if all(0 <= i < n for i, n in zip(inner, shape, strict=True)):
                use[inner] = False
        return use

    # fitting ----------------------------------------------------------------------------------
    def Fit(self) -> TFitResultPtr:
        """Fit the fractions (start 1/k, steps 0.01, the process's default minimizer)."""
        self._result = fit_fractions(
            self.data,
            self.templates,
            weights=self._weights,
            limits=self._limits,
            bins=self._bins(),
            minimizer=default_minimizer_options(),
        )
        set_last_fit(self._result)
        return TFitResultPtr(self._result, name=f"TFitResult-{self.data.name}-TFractionFitter")

    def _need(self) -> FitResult:
        if self._result is None:
            raise FitError("TFractionFitter: call Fit() first")
        return self._result

    def GetResult(self, parm: int, value: Any = None, error: Any = None) -> tuple[float, float]:
        r = self._need()
        i = self._check(parm)
        v, e = float(r.values.to_numpy()[i]), float(r.errors.to_numpy()[i])
        write_reference(value, v)
        write_reference(error, e)
        return v, e

    def GetChisquare(self) -> float:
        """The likelihood-ratio χ² (twice the minimum: the statistic is relative to the
        saturated model of the data and of the templates)."""
        return float(self._need().chi2)

    def GetNDF(self) -> int:
        return int(self._need().ndf)

    def GetProb(self) -> float:
        from scipy import stats

        ndf = self.GetNDF()
        return float(stats.chi2.sf(self.GetChisquare(), ndf)) if ndf > 0 else 0.0

    def _histogram_of(self, values: np.ndarray, name: str) -> Any:
        from rootfit.compat.histogram_classes import as_root

        out = as_root(self.data)
        out.reset()
        out.name = name
        full = np.zeros(out.values().shape)
        full[self._bins()] = values
        out.set_values(full)
        out.SetDirectory(None)
        return out

    def GetPlot(self) -> Any:
        """The predicted data (the fitted templates times their strengths, summed)."""
        r = self._need()
        f, _ = r.cost.predictions(r.values.to_numpy())
        return self._histogram_of(f, f"Fraction fit to hist: {self.data.name}")

    def GetMCPrediction(self, parm: int) -> Any:
        """The fitted contents ``A_ji`` of template ``parm``."""
        r = self._need()
        _, A = r.cost.predictions(r.values.to_numpy())
        i = self._check(parm)
        return self._histogram_of(A[i], f"{self.templates[i].name}_AFit")
