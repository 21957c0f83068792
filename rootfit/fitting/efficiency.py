"""Fitting an efficiency to passed/total histograms with the binomial likelihood (ROOT's
``TBinomialEfficiencyFitter``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.costs.efficiency import BinomialEfficiency
from rootfit.errors import DataError, EmptyFitDataError
from rootfit.fitdata.filling import DataOptions, bin_data_from_histogram
from rootfit.fitter import Fitter
from rootfit.fitter.parameters import settings_from_state
from rootfit.functions import Function
from rootfit.hist import Histogram
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult

__all__ = ["fit_efficiency"]


def fit_efficiency(
    passed: Histogram,
    total: Histogram,
    function: Function,
    *,
    integral: bool = False,
    range: Any = None,
    minimizer: MinimizerOptions | None = None,
    minos: bool = False,
) -> FitResult:
    """Fit the efficiency ``function`` to ``passed``/``total`` by the binomial likelihood.

    The fit starts from the function's parameter state (values, limits, fixed flags) and
    updates it (values, errors, χ² = 2·NLL_min, ndf = bins used − free parameters), as ROOT.

    Parameters
    ----------
    passed, total : Histogram
        Counts of events that passed, and of all events, with the same binning.
    function : Function
        The efficiency model (values between 0 and 1).
    integral : bool
        Average the model over each bin (option ``I``) instead of its value at the centre.
    range : (float, float) or sequence of them, optional
        Fit range (default: the axes' ranges).
    minimizer : MinimizerOptions, optional
        Minimizer settings (default Minuit2 / Migrad).
    minos : bool
        Also compute Minos errors.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.fitting.efficiency import fit_efficiency
    >>> rng = np.random.default_rng(2)
    >>> x = rng.uniform(0, 10, 5000)
    >>> total, passed = rf.Histogram(20, 0, 10), rf.Histogram(20, 0, 10)
    >>> total.fill(x)
    >>> passed.fill(x[rng.random(x.size) < 0.9 / (1 + np.exp(5 - x))])
    >>> f = rf.Function("[0]/(1+exp([1]-x))", p0=0.5, p1=4)
    >>> r = fit_efficiency(passed, total, f)
    >>> bool(abs(r.values["p0"] - 0.9) < 4 * r.errors["p0"]), r.ndf
    (True, 18)
    """
    if passed.ndim != total.ndim or any(
        a.nbins != b.nbins or not np.allclose(a.edges, b.edges)
        for a, b in zip(passed.axes, total.axes, strict=True)
    ):
        raise DataError("the passed and total histograms must have the same binning")
    opts = DataOptions(integral=integral, use_empty=True)
    totals = bin_data_from_histogram(total, opts, range)
    counts = bin_data_from_histogram(passed, opts, range).values
    keep = totals.values > 0
    if not np.any(keep):
        raise EmptyFitDataError("no bin of the total histogram has entries in the fit range")
    data = totals.with_values(counts).selected(keep)
    cost = BinomialEfficiency(data, totals.values[keep], function.model)
    settings = settings_from_state(function.parameter_names, function.state)
    result = Fitter(minimizer).fit(cost, settings, minos=minos)
    function.state = function.state.replace(
        values=result.values.to_numpy(), errors=result.errors.to_numpy()
    )
    function.chi2, function.ndf, function.n_fit_points = result.chi2, result.ndf, result.n_points
    return result
