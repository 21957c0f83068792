"""Stacked batches: the same fit of many histograms with one binning, in one compiled loop.

Fitting a thousand small histograms one by one spends most of its time in per-fit Python
(options, data selection, start values, settings, result objects), not in Migrad. When every
histogram has the same axes and the fit qualifies (:func:`stacked_plan`: a χ² or Poisson
likelihood with a fused kernel, Migrad alone, automatic start values that are none, InitGaus,
InitExpo or Init2DGaus, one fit range at most, no options that change the points' meaning),
:func:`fit_stacked` does each step once for the whole batch:

1. the plan is made once (the first histogram's: the same for all, they differ only in
   contents);
2. the points of all histograms are selected at once — the same window, ROOT's empty-bin rule
   applied elementwise (:func:`~rootfit.fitdata.filling.adjust_errors`) — into one array;
3. start values for all fits in one compiled loop (:mod:`rootfit.kernels.starts`: InitGaus,
   InitExpo and Init2DGaus bit for bit), steps by ROOT's rule per row
   (:func:`~rootfit.fitter.parameters.step_rule`), Migrad's settings per row
   (:func:`~rootfit.fitter.backends.compiled_migrad.setup_rows`);
4. one cost on all points gives every fit's fused context (:func:`build_contexts`);
5. the compiled Migrads run on the CPU's cores (:func:`rootfit.kernels.migrad_batch.migrad_rows`
   releases the GIL; one thread per core, disjoint rows);
6. results are columns at once; each FitResult is built when read
   (:class:`~rootfit.batch.rows.ResultRows`), through the ordinary
   :meth:`~rootfit.fitting.problem.FitProblem.result_of`.

Every fit gives the result the ordinary path gives, bit for bit (tests/test_stacked.py): the
same points, start values, settings, the same compiled Migrad. A fit that would not end
cleanly and silently there — a histogram with non-finite or negative contents (for a
likelihood), too few points, no automatic start found, a Migrad that did not converge or
whose matrix was forced positive-definite, a minimum next to a limit or a parameter that did
not move (which the verdict may warn about) — is handed back (:class:`Stacked.fallback`) and
fitted by the ordinary path, with its warnings and errors recorded as usual. The first
qualifying histogram is also prepared the ordinary way, and the batch is abandoned (all
fitted the ordinary way) if its points, start state or settings differ from the stacked ones
in any bit.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.batch.rows import ResultColumns, ResultRows
from rootfit.batch.stacked_data import StackedPoints, same_binning, stack_points, start_state
from rootfit.costs import Chi2, PoissonLikelihood
from rootfit.fitdata import BinData, DataRange, as_fit_target
from rootfit.fitdata.filling import histogram_error_type, range_outside_window
from rootfit.fitter import Fitter
from rootfit.fitter.backends import BackendResult
from rootfit.fitter.backends.compiled_migrad import (
    MigradSetup,
    compiled_migrad_applies,
    migrad_arguments,
    minimum_flags,
    outcome_of,
    setup_rows,
)
from rootfit.fitter.backends.minuit_state import migrad_status
from rootfit.fitter.parameters import step_rule
from rootfit.fitter.verdict import AT_LIMIT
from rootfit.fitting.plan import CostChoice, ErrorScaling, FitPlan, SolverPath, plan_fit
from rootfit.fitting.problem import (
    COSTS,
    FitProblem,
    ResolvedModel,
    fit_range_of,
    prepare_fit,
    resolve_model,
)
from rootfit.functions import StartRule
from rootfit.hist import Histogram
from rootfit.kernels.fused import build_contexts
from rootfit.kernels.migrad import OUTCOME_FIELDS
from rootfit.kernels.migrad_batch import migrad_rows
from rootfit.kernels.minuit_core import POSDEF
from rootfit.options import parse_fit_options
from rootfit.result import FitResult

__all__ = ["MIN_FITS", "Stacked", "fit_stacked", "stacked_plan"]

#: Fewer fits than this are not worth stacking.
MIN_FITS = 8

#: Rows per thread below which one thread runs them all.
_ROWS_PER_THREAD = 64

_FIELD = {name: k for k, name in enumerate(OUTCOME_FIELDS)}

#: The automatic start values with a batched twin (:func:`~rootfit.batch.stacked_data.start_state`).
_BATCHED_STARTS = (StartRule.NONE, StartRule.GAUS, StartRule.EXPO, StartRule.GAUS_2D)


@dataclass(frozen=True)
class Stacked:
    """The outcome of :func:`fit_stacked`.

    Attributes
    ----------
    rows : ResultRows
        Every fit: built lazily where the stack ran it, None where it is in ``fallback``.
    fallback : tuple of int
        Fits the stack handed back, to be run by the ordinary path (their rows are to be
        replaced by its results).
    """

    rows: ResultRows
    fallback: tuple[int, ...]


def stacked_plan(
    target: Histogram, function: Any, option: str, range: Any = None
) -> tuple[FitPlan, ResolvedModel, DataRange] | None:
    """The plan of fitting ``function`` to ``target`` with ``option`` (in ``range``, or the
    function's range with ``R``), and the fit range, if a stack can run it (see the module
    docstring), else None. Never warns: a plan with notes, or a range outside the window, is
    not stacked."""
    fit_target = as_fit_target(target)
    try:
        options = parse_fit_options(option, fit_target.kind)
        resolved = resolve_model(function, fit_target.ndim)
        plan = plan_fit(options, resolved.model, fit_target)
        fit_range = fit_range_of(range, plan, resolved, fit_target.ndim)
    except Exception:  # the ordinary path raises it, per fit
        return None
    if not fit_range.single or any(
        range_outside_window(a, fit_range.axis(i)) for i, a in enumerate(target.axes)
    ):
        return None
    data = plan.data_options
    if (
        plan.notes
        or plan.path is not SolverPath.MINIMIZER
        or plan.cost not in (CostChoice.CHI2, CostChoice.POISSON)
        or plan.hesse
        or plan.minos
        or plan.gradient
        or plan.weight_correction
        or plan.error_scaling is ErrorScaling.CHI2_PER_NDF
        or plan.start_rule not in _BATCHED_STARTS
        or data.expected_errors
        or data.last_axis_is_value
        or data.integral
        or data.bin_volume
        or Fitter(plan.minimizer).backend.name != "Minuit2"
        or plan.minimizer.algorithm != "Migrad"
    ):
        return None
    return plan, resolved, fit_range


def _run(
    entry: int,
    contexts: NDArray[np.float64],
    starts: NDArray[np.intp],
    setup: tuple[Any, ...],
    plan: FitPlan,
    errordef: float,
    threads: int,
) -> tuple[NDArray[np.float64], ...]:
    free, bounds, start, steps, values, limited_at = setup
    nfit, npar = values.shape
    options = plan.minimizer
    out = (
        np.zeros((nfit, npar)),
        np.zeros((nfit, npar)),
        np.zeros((nfit, npar, npar)),
        np.zeros((nfit, len(OUTCOME_FIELDS))),
        np.zeros(nfit),
    )
    shared = (
        entry,
        contexts,
        starts,
        values,
        free,
        bounds,
        start,
        steps,
        limited_at,
        *migrad_arguments(options, errordef, npar),
    )
    n = max(1, min(threads, nfit // _ROWS_PER_THREAD))
    edges = np.linspace(0, nfit, n + 1).astype(int)
    if n == 1:
        migrad_rows(*shared, 0, nfit, *out)
    else:

        def run(lo: int, hi: int) -> None:
            migrad_rows(*shared, lo, hi, *out)

        with ThreadPoolExecutor(n) as pool:
            jobs = [pool.submit(run, int(lo), int(hi)) for lo, hi in itertools.pairwise(edges)]
            for job in jobs:
                job.result()
    return out


def _clean(
    info: NDArray[np.float64],
    start_fval: NDArray[np.float64],
    values: NDArray[np.float64],
    errors: NDArray[np.float64],
    setup: tuple[Any, ...],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    counts: NDArray[np.intp],
) -> NDArray[np.bool_]:
    """Fits whose outcome the ordinary path reports with no warning and no rerun: Migrad
    ended cleanly (no correction, no call limit, EDM below its target), the start value of the
    cost was finite, there are more points than free parameters, no free parameter stayed at
    its start value, and none ended within 1000 × :data:`~rootfit.fitter.verdict.AT_LIMIT` of its
    range of a limit (the verdict's own thresholds, :func:`rootfit.fitter.verdict.assess`, are
    inside these)."""
    free, _, start, _, _, _ = setup
    ok = (
        (info[:, _FIELD["status"]] == POSDEF)
        & (info[:, _FIELD["above_max_edm"]] == 0)
        & (info[:, _FIELD["call_limit"]] == 0)
        & (info[:, _FIELD["corrected"]] == 0)
        & (info[:, _FIELD["edm"]] >= 0)
        & np.isfinite(start_fval)
        & np.isfinite(values).all(axis=1)
        & np.isfinite(errors).all(axis=1)
        & (counts > free.size)
    )
    fitted = values[:, free]
    ok &= ~(fitted == start).any(axis=1)
    low, high = lower[:, free], upper[:, free]
    with np.errstate(invalid="ignore", over="ignore"):
        span = np.where(np.isfinite(high - low), high - low, np.maximum(np.abs(fitted), 1.0))
        near = 1e3 * AT_LIMIT * span  # wider than the verdict's: a superset of its warnings
        at_limit = (np.isfinite(low) & (fitted - low <= near)) | (
            np.isfinite(high) & (high - fitted <= near)
        )
    return ok & ~at_limit.any(axis=1)


def _statuses(info: NDArray[np.float64]) -> NDArray[np.int64]:
    """ROOT's status of clean outcomes (the rows of ``info``). They differ only in whether the
    covariance is accurate, so one row of each kind is read through
    :func:`~rootfit.fitter.backends.compiled_migrad.minimum_flags`."""
    status = np.zeros(len(info), dtype=np.int64)
    accurate = info[:, _FIELD["dcovar"]] < 0.1
    for kind in (True, False):
        rows = np.flatnonzero(accurate == kind)
        if rows.size:
            status[rows] = migrad_status(minimum_flags(info[rows[0]]))
    return status


def fit_stacked(
    targets: Sequence[Any],
    function: Any,
    option: str,
    *,
    range: Any = None,
    threads: int | None = None,
) -> Stacked | None:
    """Run the fits of a stackable batch (module docstring); None when it is not one.

    Parameters
    ----------
    targets : sequence
        The fit targets (all :class:`~rootfit.Histogram` with the same axes, or not stacked).
    function, option, range
        As for :func:`rootfit.fit` (no other keywords).
    threads : int, optional
        Threads running the compiled loop (default: the CPU count).
    """
    if len(targets) < MIN_FITS or not all(type(t) is Histogram for t in targets):
        return None
    hists: Sequence[Histogram] = targets
    if not same_binning(hists):
        return None
    planned = stacked_plan(hists[0], function, option, range)
    if planned is None:
        return None
    plan, resolved, fit_range = planned
    points = stack_points(hists, plan, fit_range)
    values, lower, upper, found = start_state(plan, resolved, points)
    state = resolved.state
    steps, outside = step_rule(values, state.errors, state.steps, lower, upper, state.fixed)
    rows = np.flatnonzero(points.usable & found & ~outside.any(axis=1))
    if rows.size == 0:
        return None
    setup = setup_rows(values[rows], steps[rows], lower[rows], upper[rows], state.fixed)
    if setup is None:
        return None
    problems = _Problems(plan, resolved, fit_range, points, values, lower, upper)
    first = int(rows[0])
    free, bounds, start, steps_, values_, limited_at = setup
    setup_row = (free, bounds[0], start[0], steps_[0], values_[0], limited_at)
    if not _same_problem(
        prepare_fit(hists[first], function, option, range=range),
        problems.problem(first),
        setup_row,
    ):
        return None
    data = BinData(
        coords=points.coords,
        values=points.values,
        errors=points.errors,
        error_type=histogram_error_type(plan.data_options),
    )
    cost = COSTS[plan.cost](data, resolved.model, plan)
    if not isinstance(cost, Chi2 | PoissonLikelihood):
        return None
    layout = cost.fused_layout()
    kernels = None if layout is None else resolved.model.fused_kernels(layout[0])
    if layout is None or kernels is None or kernels[1] is None or cost.offset_values:
        return None
    selected = np.concatenate([[0], np.cumsum(points.counts[rows])])
    in_stack = np.zeros(len(hists), dtype=bool)
    in_stack[rows] = True
    picks = np.flatnonzero(np.repeat(in_stack, points.counts))
    flags = np.array([cost.context_flag(int(points.counts[r])) for r in rows])
    contexts, starts = build_contexts(
        np.ascontiguousarray(cost.prediction.points[picks]),
        flags,
        [np.ascontiguousarray(column[picks]) for column in layout[2]],
        selected,
    )
    errordef = plan.minimizer.error_def or cost.errordef
    threads = threads or os.cpu_count() or 1
    out_values, out_errors, out_cov, info, start_fval = _run(
        int(kernels[1].address), contexts, starts, setup, plan, errordef, threads
    )
    clean = _clean(
        info, start_fval, out_values, out_errors, setup, lower[rows], upper[rows],
        points.counts[rows],
    )  # fmt: skip
    nfit = len(hists)
    columns = ResultColumns.empty(nfit, resolved.model.parameter_names)
    done = rows[clean]
    nfree = setup[0].size
    fval = info[clean, _FIELD["fval"]]
    columns.values[done], columns.errors[done] = out_values[clean], out_errors[clean]
    columns.chi2[done] = [cost.reported_chi2(float(f)) for f in fval]
    columns.ndf[done] = np.maximum(points.counts[done] - nfree, 0)
    columns.min_fcn[done], columns.status[done] = fval, _statuses(info[clean])
    columns.valid[done] = columns.present[done] = True
    outcomes = _Outcomes(
        rows={int(r): k for k, r in enumerate(rows) if clean[k]},
        values=out_values,
        errors=out_errors,
        covariance=out_cov,
        info=info,
    )
    builder = _Builder(problems, outcomes)
    fallback = tuple(int(i) for i in np.setdiff1d(np.arange(nfit), done))
    return Stacked(ResultRows(columns, dict.fromkeys(fallback), builder), fallback)


def _same_problem(ordinary: FitProblem, ours: FitProblem, setup_row: tuple[Any, ...]) -> bool:
    """Whether the stack's problem of a fit is the ordinary one in every bit: points, start
    state, settings, and the compiled Migrad's setup row (a guard: the stack computes them on
    arrays with the same rules)."""
    a, b = ordinary.data, ours.data
    if not isinstance(a, BinData) or not all(
        np.array_equal(getattr(a, name), getattr(b, name))
        for name in ("coords", "values", "errors", "inv_errors")
    ):
        return False
    if ordinary.start != ours.start or ordinary.settings != ours.settings:
        return False
    own = MigradSetup.from_settings(ordinary.settings)
    free, bounds, start, steps, values, limited_at = setup_row
    return (
        np.array_equal(own.free, free)
        and np.array_equal(own.bounds, bounds)
        and np.array_equal(own.start, start)
        and np.array_equal(own.steps, steps)
        and np.array_equal(own.values, values)
        and np.array_equal(own.limited_at, limited_at)
        and compiled_migrad_applies(ordinary.settings, ordinary.plan.minimizer)
    )


@dataclass(frozen=True)
class _Outcomes:
    """The compiled loop's outcomes; ``rows`` maps a fit's index to its row here."""

    rows: dict[int, int]
    values: NDArray[np.float64]
    errors: NDArray[np.float64]
    covariance: NDArray[np.float64]
    info: NDArray[np.float64]

    def raw(self, i: int) -> BackendResult:
        """Fit ``i``'s outcome as the Minuit2 backend reports it."""
        k = self.rows[i]
        return outcome_of(self.values[k], self.errors[k], self.covariance[k], self.info[k])


@dataclass(frozen=True)
class _Problems:
    """Every stacked fit's problem from the batch's own inputs — its points and start state
    as they were at the call (the histogram may have changed since) — as
    :func:`~rootfit.fitting.problem.prepare_fit` makes it."""

    plan: FitPlan
    resolved: ResolvedModel
    fit_range: DataRange
    points: StackedPoints
    values: NDArray[np.float64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]

    def problem(self, i: int) -> FitProblem:
        """Fit ``i``'s problem (what ``prepare_fit`` gives for its histogram at the call)."""
        lo, hi = self.points.offsets[i], self.points.offsets[i + 1]
        data = BinData(
            coords=self.points.coords[lo:hi],
            values=self.points.values[lo:hi],
            errors=self.points.errors[lo:hi],
            error_type=histogram_error_type(self.plan.data_options),
        )
        state = self.resolved.state.replace(
            values=self.values[i], lower=self.lower[i], upper=self.upper[i]
        )
        return FitProblem(
            plan=self.plan,
            data=data,
            cost=COSTS[self.plan.cost](data, self.resolved.model, self.plan),
            start=state,
            fit_range=self.fit_range,
            function_name=self.resolved.name,
            model=self.resolved.model,
        )


@dataclass(frozen=True)
class _Builder:
    """Builds the FitResult of a stacked fit: its problem around its stacked outcome."""

    problems: _Problems
    outcomes: _Outcomes

    def __call__(self, i: int) -> FitResult:
        return self.problems.problem(i).result_of(self.outcomes.raw(i))
