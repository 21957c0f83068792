"""Preparing an unbinned fit of events: start values and parameters that cancel.

* ROOT's automatic start values of predefined functions (``InitGaus``, ``InitExpo``,
  ``Init2DGaus``) are computed on a histogram of the events scaled to a density (events per
  unit of the coordinates), so a ``gaus`` starts at the peak density of expected events and a
  ``gausn`` at the number of events — what an extended fit needs.
* In a normalised fit the model is divided by its integral, so a parameter that only scales
  the model (``Constant`` of ``gaus`` and of ``expo``) cancels and has no minimum: it is fixed,
  and the result says so (error 0, ``fixed``).
"""

from __future__ import annotations

import numpy as np

from rootfit.fitdata import Events
from rootfit.functions import Model, ParameterState, StartRule, apply_start_rule

__all__ = ["event_start_state", "fix_scale_parameters"]

#: Bins per axis of the histogram the start values are computed on.
_BINS = {1: 100, 2: 30, 3: 12}


def event_start_state(rule: StartRule, state: ParameterState, data: Events) -> ParameterState:
    """``state`` with ROOT's automatic start values computed from the events."""
    if rule is StartRule.NONE or data.size < 2:
        return state
    ndim = 2 if rule is StartRule.GAUS_2D else 1
    if data.ndim < ndim:
        return state
    edges = []
    for i in range(ndim):
        spans = data.range.intervals(i)
        lo, hi = (min(a for a, _ in spans), max(b for _, b in spans)) if spans else data.extent(i)
        if not hi > lo:
            return state
        edges.append(np.linspace(lo, hi, _BINS[ndim] + 1))
    counts = data.histogram(edges)
    centres = [0.5 * (e[1:] + e[:-1]) for e in edges]
    grid = np.meshgrid(*centres, indexing="ij")
    coords = np.stack([g.ravel() for g in grid], axis=1)
    volume = float(np.prod([e[1] - e[0] for e in edges]))
    return apply_start_rule(rule, state, coords, counts.ravel() / volume)


def fix_scale_parameters(
    model: Model, state: ParameterState, data: Events
) -> tuple[ParameterState, tuple[str, ...]]:
    """Fix the free parameters that only scale the model: changing ``p_j`` multiplies ``f`` by
    the same factor at every event (``Constant`` of ``gaus``; of ``expo``, where it is an
    offset in the exponent).

    Returns the new state and the names fixed.
    """
    x = np.ascontiguousarray(data.head(64)[:, : model.ndim])
    p = np.array(state.values, dtype=np.float64)
    fixed: list[str] = []
    with np.errstate(all="ignore"):
        f1 = model.evaluator(x, p)
        usable = np.isfinite(f1) & (f1 != 0)
        if not usable.any():
            return state, ()
        for j, name in enumerate(model.parameter_names):
            if state.fixed[j]:
                continue
            moved = p.copy()
            moved[j] = 1.75 * p[j] if p[j] != 0 else 1.0
            ratio = model.evaluator(x, moved)[usable] / f1[usable]
            if np.all(np.isfinite(ratio)) and np.allclose(ratio, ratio[0], rtol=1e-12, atol=0.0):
                fixed.append(name)
    if not fixed:
        return state, ()
    new = state
    for name in fixed:
        new = new.with_fixed(model.parameter_names.index(name))
    return new, tuple(fixed)
