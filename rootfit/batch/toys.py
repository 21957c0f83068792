"""Toy studies: data drawn from a fitted model, refitted, as a table of values and pulls.

Each toy draws a new data set from the result's cost at the fitted values (Gaussian around the
model with the data errors for χ², Poisson for binned likelihoods, events from the density for
unbinned fits with a Poisson count when extended, new central values for constraints) and
refits it from the fitted values with the result's limits and fixed parameters. Every toy has
its own seed drawn from ``rng`` before the batch, so a study is the same on every executor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit._optional import require
from rootfit.batch.result import BatchResult
from rootfit.costs import Cost
from rootfit.errors import FitError
from rootfit.executors import ExecutorSpec, run_tasks
from rootfit.fitter import Fitter, ParameterSettings
from rootfit.fitter.parameters import result_settings
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult

__all__ = ["ToyStudy", "ToyTask", "toy_study"]


@dataclass(frozen=True)
class ToyTask:
    """Draw one toy from ``cost`` at ``truth`` with a seed and refit it (picklable)."""

    cost: Cost
    truth: tuple[float, ...]
    settings: tuple[ParameterSettings, ...]
    minimizer: MinimizerOptions | None = None
    hesse: bool = False
    #: √(χ²/ndf) of a fit whose errors were scaled by it (the toys scatter by that much).
    scale: float | None = None

    def __call__(self, seed: int) -> FitResult:
        rng = np.random.default_rng(seed)
        toy = self.cost.simulated(np.array(self.truth), rng, self.scale or 1.0)
        fit = Fitter(self.minimizer).fit(
            toy, self.settings, hesse=self.hesse, normalize_errors=self.scale is not None
        )
        return replace(fit, cost=None)  # the toy's data stays in the worker


@dataclass(frozen=True)
class ToyStudy:
    """The refits of toys drawn from one fitted model.

    Attributes
    ----------
    truth : ndarray
        The parameter values the toys were drawn with (the fitted values).
    parameter_names : tuple of str
    batch : BatchResult
        Every toy's fit (without its data), failures by index.
    seeds : ndarray
        The seed of each toy (``numpy.random.default_rng(seed)`` redraws it).
    """

    truth: NDArray[np.float64]
    parameter_names: tuple[str, ...]
    batch: BatchResult
    seeds: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.batch)

    def values(self) -> NDArray[np.float64]:
        """Fitted values, shape ``(ntoys, npar)`` (NaN where a toy failed to fit)."""
        return self.batch.values()

    def errors(self) -> NDArray[np.float64]:
        """Parabolic errors, shape ``(ntoys, npar)``."""
        return self.batch.parameter_errors()

    def pulls(self) -> NDArray[np.float64]:
        """``(value - truth) / error`` per toy and parameter (NaN for fixed parameters and
        failed toys)."""
        errors = self.errors()
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(errors > 0, (self.values() - self.truth) / errors, np.nan)

    def valid(self) -> NDArray[np.bool_]:
        """Which toys ran and are valid."""
        return np.array([r is not None and r.valid for r in self.batch.results])

    def pull_summary(self) -> dict[str, tuple[float, float]]:
        """Mean and standard deviation of each free parameter's pulls over the valid toys
        (about (0, 1) for an unbiased fit with correct errors)."""
        pulls = self.pulls()[self.valid()]
        out = {}
        for k, name in enumerate(self.parameter_names):
            column = pulls[:, k]
            column = column[np.isfinite(column)]
            if column.size > 1:
                out[name] = (float(column.mean()), float(column.std(ddof=1)))
        return out

    def table(self) -> NDArray[Any]:
        """One row per toy: ``seed``, then per parameter its value, ``<name>_error`` and
        ``<name>_pull``, then ``min_fcn``, ``status``, ``valid`` and ``error``."""
        base = self.batch.table()
        names = [n for n in base.dtype.names or () if n not in ("chi2", "ndf")]
        pulls = self.pulls()
        fields = [("seed", "i8")] + [(n, base.dtype[n]) for n in names]
        fields += [(f"{n}_pull", "f8") for n in self.parameter_names]
        out = np.zeros(len(base), dtype=fields)
        out["seed"] = self.seeds
        for n in names:
            out[n] = base[n]
        for k, n in enumerate(self.parameter_names):
            out[f"{n}_pull"] = pulls[:, k]
        return out

    def to_pandas(self) -> Any:
        """:meth:`table` as a ``pandas.DataFrame``."""
        pd = require("pandas", feature="ToyStudy.to_pandas", extra="pandas")
        return pd.DataFrame(self.table())


def toy_study(
    result: FitResult,
    n: int,
    rng: np.random.Generator,
    *,
    hesse: bool = False,
    minimizer: MinimizerOptions | None = None,
    executor: ExecutorSpec = None,
    progress: bool | None = None,
) -> ToyStudy:
    """Draw ``n`` toys from a fitted model and refit each (see :meth:`FitResult.toys`).

    Raises
    ------
    FitError
        The result does not keep its cost, or the cost cannot draw its data.
    """
    if result.cost is None:
        raise FitError("toys are drawn from the fitted cost; this result does not keep it")
    if not isinstance(rng, np.random.Generator):
        raise FitError(f"rng must be a numpy.random.Generator, not {type(rng).__name__}")
    if int(n) < 1:
        raise FitError(f"the number of toys must be positive, not {n!r}")
    truth = result.values.to_numpy()
    result.cost.simulated(truth, np.random.default_rng(0))  # fails here, not once per toy
    seeds = rng.integers(0, 2**62, size=int(n))
    scale = None
    if result.normalized_errors and result.ndf > 0:
        scale = float(np.sqrt(result.chi2 / result.ndf))
    task = ToyTask(
        result.cost,
        tuple(float(v) for v in truth),
        result_settings(result),
        minimizer,
        hesse,
        scale,
    )
    outcomes = run_tasks(
        task, list(seeds), executor=executor, progress=progress, description="toys"
    )
    batch = BatchResult.from_outcomes(outcomes)
    batch.warn_if_failed("toys")
    return ToyStudy(truth, tuple(result.parameter_names), batch, seeds)
