"""The inputs of a stacked batch (:mod:`rootfit.batch.stacked`) on arrays: which histograms
share a binning, all their fit points in one array, and every fit's automatic start values.

Each step applies the ordinary path's rule to all histograms at once — the window of
:func:`~rootfit.fitdata.filling.histogram_window`, ROOT's empty-bin rule
(:func:`~rootfit.fitdata.filling.adjust_errors`, elementwise), InitGaus, InitExpo and Init2DGaus as
:func:`~rootfit.functions.predefined.apply_start_rule` applies them (their batched twins in
:mod:`rootfit.kernels.starts`) — and marks the fits it cannot take (non-finite
contents, no points, negative contents in a likelihood fit, no automatic start).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from rootfit.fitdata import DataRange
from rootfit.fitdata.filling import adjust_errors, bin_centres, histogram_window
from rootfit.fitting.plan import CostChoice, FitPlan
from rootfit.fitting.problem import ResolvedModel
from rootfit.functions import StartRule
from rootfit.hist import Histogram
from rootfit.kernels.starts import expo_starts, gaus2d_starts, gaus_starts

__all__ = ["StackedPoints", "same_binning", "stack_points", "start_state"]


def same_binning(hists: Sequence[Histogram]) -> bool:
    """Whether all histograms have the axes and zoom of the first (a regular axis is its
    number of bins and range: its edges and centres are computed from them)."""
    first = hists[0].axes
    keys = [(a.regular, a.nbins, a.lo, a.hi, a.first, a.last) for a in first]
    for h in hists[1:]:
        axes = h.axes
        if len(axes) != len(first):
            return False
        for a, b, key in zip(axes, first, keys, strict=True):
            if a is b:
                continue
            if (a.regular, a.nbins, a.lo, a.hi, a.first, a.last) != key:
                return False
            if not a.regular and a != b:
                return False
    return True


@dataclass
class StackedPoints:
    """The points of all fits (fit ``r`` at ``offsets[r]:offsets[r + 1]``) and which fits the
    stack can run."""

    coords: NDArray[np.float64]
    values: NDArray[np.float64]
    errors: NDArray[np.float64]
    offsets: NDArray[np.intp]
    counts: NDArray[np.intp]
    usable: NDArray[np.bool_]


def stack_points(hists: Sequence[Histogram], plan: FitPlan, fit_range: DataRange) -> StackedPoints:
    """Every histogram's fit points in ``fit_range``, as
    :func:`~rootfit.fitdata.filling.bin_data_from_histogram` selects them, in one array."""
    bins, index = histogram_window(hists[0], fit_range)
    values = np.stack([h.values(flow=True)[index] for h in hists], dtype=np.float64)
    variances = np.stack([h.variances(flow=True)[index] for h in hists], dtype=np.float64)
    values = values.reshape(len(hists), -1)
    errors = np.sqrt(variances.reshape(len(hists), -1))  # Histogram.errors, all at once
    keep, adjusted = adjust_errors(errors, values, plan.data_options)
    finite = np.isfinite(values).all(axis=1) & np.isfinite(errors).all(axis=1)
    counts = keep.sum(axis=1)
    usable = finite & (counts > 0)
    if plan.cost is CostChoice.POISSON:  # negative contents warn in a likelihood fit
        usable &= ~((values < 0) & keep).any(axis=1)
    keep &= usable[:, None]
    counts = keep.sum(axis=1)
    offsets = np.zeros(len(hists) + 1, dtype=np.intp)
    np.cumsum(counts, out=offsets[1:])
    centres = bin_centres(hists[0], bins)
    rows, cols = np.nonzero(keep)
    return StackedPoints(
        coords=np.ascontiguousarray(centres[cols]),
        values=np.ascontiguousarray(values[rows, cols]),
        errors=np.ascontiguousarray(adjusted[rows, cols]),
        offsets=offsets,
        counts=counts,
        usable=usable,
    )


def start_state(
    plan: FitPlan, resolved: ResolvedModel, points: StackedPoints
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    """Start values and limits of every fit (``(nfit, npar)``) after the plan's automatic
    start values, and the fits whose start rule found nothing (their state is the model's:
    other limits, another stack)."""
    state = resolved.state
    nfit = points.counts.size
    values = np.tile(state.values, (nfit, 1))
    lower = np.tile(state.lower, (nfit, 1))
    upper = np.tile(state.upper, (nfit, 1))
    found = np.ones(nfit, dtype=bool)
    if plan.start_rule is StartRule.GAUS:  # apply_start_rule's GAUS branch, row by row
        starts, found = gaus_starts(points.coords[:, 0], points.values, points.offsets)
        values[:, :3] = np.where(found[:, None], starts, values[:, :3])
        sigma_high = 10 * starts[:, 2]
        lower[:, 2] = np.where(found, 0.0, lower[:, 2])
        upper[:, 2] = np.where(found, sigma_high, upper[:, 2])
        found &= sigma_high > 0
    elif plan.start_rule is StartRule.GAUS_2D:  # apply_start_rule's GAUS_2D branch
        if points.coords.shape[1] < 2:
            return values, lower, upper, np.zeros(nfit, dtype=bool)
        starts, found = gaus2d_starts(
            np.ascontiguousarray(points.coords[:, 0]),
            np.ascontiguousarray(points.coords[:, 1]),
            points.values,
            points.offsets,
        )
        values[:, :5] = np.where(found[:, None], starts, values[:, :5])
        for k in (2, 4):  # SigmaX, SigmaY in [0, 10 rms]
            lower[:, k] = np.where(found, 0.0, lower[:, k])
            upper[:, k] = np.where(found, 10 * starts[:, k], upper[:, k])
            found &= 10 * starts[:, k] > 0
    elif plan.start_rule is StartRule.EXPO:  # apply_start_rule's EXPO branch
        starts, found = expo_starts(points.coords[:, 0], points.values, points.offsets)
        values[:, :2] = np.where(found[:, None], starts, values[:, :2])
    return values, lower, upper, found
