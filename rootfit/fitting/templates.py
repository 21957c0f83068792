"""Fitting the fractions of Monte Carlo templates in a data histogram (ROOT's
``TFractionFitter``; the statistic is :class:`~rootfit.costs.TemplateFractions`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from rootfit.costs.templates import TemplateFractions
from rootfit.errors import DataError
from rootfit.fitter import Fitter, ParameterSettings
from rootfit.hist import Histogram
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult

__all__ = ["fit_fractions", "fractions_cost"]


def fractions_cost(
    data: Histogram,
    templates: Sequence[Histogram],
    *,
    weights: Sequence[Histogram | None] | None = None,
    bins: ArrayLike | None = None,
) -> TemplateFractions:
    """The Barlow–Beeston statistic of ``data`` and ``templates`` over the bins ``bins`` (a
    boolean mask of the histograms' bins, under/overflow excluded; default all)."""
    if not templates:
        raise DataError("give at least one template")
    for h in templates:
        if h.values().shape != data.values().shape or any(
            not np.allclose(a.edges, b.edges) for a, b in zip(h.axes, data.axes, strict=True)
        ):
            raise DataError(f"template {h.name!r} does not have the data's binning")
    use = np.ones(data.values().shape, dtype=bool) if bins is None else np.asarray(bins, dtype=bool)
    w = None
    if weights is not None and any(x is not None for x in weights):
        w = np.array(
            [np.ones(use.sum()) if x is None else np.asarray(x.values())[use] for x in weights]
        )
    return TemplateFractions(
        np.asarray(data.values())[use],
        np.array([np.asarray(h.values())[use] for h in templates]),
        w,
        names=[f"frac{j}" for j in range(len(templates))],
    )


def fit_fractions(
    data: Histogram,
    templates: Sequence[Histogram],
    *,
    weights: Sequence[Histogram | None] | None = None,
    limits: Sequence[tuple[float, float] | None] | None = None,
    bins: ArrayLike | None = None,
    minimizer: MinimizerOptions | None = None,
) -> FitResult:
    """Fit the fraction of each template in ``data`` (ROOT's ``TFractionFitter``).

    The fractions start at ``1/k`` (ROOT's start) with steps of 0.01; ``limits`` bounds each of
    them (``(0, 1)`` as ROOT's ``Constrain``). ``result.chi2`` is ROOT's likelihood-ratio χ²
    and ``result.cost.predictions(result.values)`` gives the predicted data and the fitted
    templates.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.fitting.templates import fit_fractions
    >>> rng = np.random.default_rng(4)
    >>> signal, background = rf.Histogram(20, 0, 1), rf.Histogram(20, 0, 1)
    >>> signal.fill(rng.normal(0.5, 0.1, 2000))
    >>> background.fill(rng.uniform(0, 1, 2000))
    >>> data = rf.Histogram(20, 0, 1)
    >>> data.fill(np.concatenate([rng.normal(0.5, 0.1, 300), rng.uniform(0, 1, 700)]))
    >>> r = fit_fractions(data, [signal, background], limits=[(0, 1), (0, 1)])
    >>> bool(abs(r.values["frac0"] - 0.3) < 3 * r.errors["frac0"]), r.ndf
    (True, 18)
    """
    cost = fractions_cost(data, templates, weights=weights, bins=bins)
    k = cost.npar
    bounds: list[Any] = list(limits) if limits is not None else [None] * k
    if len(bounds) != k:
        raise DataError(f"{len(bounds)} limits for {k} templates")
    settings = [
        ParameterSettings(name, 1.0 / k, 0.01, *(bound if bound is not None else (-np.inf, np.inf)))
        for name, bound in zip(cost.parameter_names, bounds, strict=True)
    ]
    return Fitter(minimizer).fit(cost, settings)
