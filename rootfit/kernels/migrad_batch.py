"""Many compiled Migrads in one call: the fits of a stacked batch (:mod:`rootfit.batch.stacked`).

Every fit has the same objective (one C entry of a fused (model, statistic) pair) and the same
free parameters and kinds of limits; each has its own context (its points, in one array of
contexts, :func:`rootfit.kernels.fused.build_contexts`), start values, steps and limits. The
loop runs :func:`rootfit.kernels.migrad.migrad` on each and reads the user state as
:func:`rootfit.kernels.minuit_core.external_state` does for one fit, so each row is exactly
what :class:`~rootfit.fitter.backends.compiled_migrad.CompiledMigradMinimum` computes for that
fit alone. It releases the GIL: several threads run disjoint row ranges at once.
"""

from __future__ import annotations

import numpy as np

from rootfit.kernels.jit import jit
from rootfit.kernels.migrad import migrad
from rootfit.kernels.minuit_core import (
    MADE_POSDEF,
    POSDEF,
    _call_entry,
    _data_pointer,
    external_state,
)

__all__ = ["migrad_rows"]

#: Index of the status code in the outcome vector (kernels/migrad.py's OUTCOME_FIELDS).
_STATUS = 3


@jit
def migrad_rows(
    entry: int,
    contexts: np.ndarray,
    starts: np.ndarray,
    values: np.ndarray,
    free: np.ndarray,
    bounds: np.ndarray,
    start: np.ndarray,
    steps: np.ndarray,
    limited_at: np.ndarray,
    up: float,
    eps: float,
    strategy: np.ndarray,
    tolerance: float,
    maxfcn: int,
    first: int,
    last: int,
    out_values: np.ndarray,
    out_errors: np.ndarray,
    out_cov: np.ndarray,
    out_info: np.ndarray,
    out_start_fval: np.ndarray,
) -> None:
    """Migrad on fits ``first:last``; results written to the ``out_`` arrays at those rows.

    Parameters
    ----------
    entry : int
        Address of the fused objective's C entry.
    contexts, starts : ndarray
        The contexts and where fit ``r``'s begins.
    values : ndarray, shape (nfit, npar)
        External values (fixed parameters' values included), inside their limits.
    free, limited_at : ndarray
        Free parameters' indices, and which parameters have limits (shared by all fits).
    bounds, start, steps : ndarray
        Per fit: limits ``(nfit, nfree, 3)``, start values and steps ``(nfit, nfree)``.
    up, eps, strategy, tolerance, maxfcn
        As for :func:`~rootfit.kernels.migrad.migrad`.
    out_values, out_errors, out_cov, out_info, out_start_fval : ndarray
        Values, errors, covariance (user state), Migrad's outcome vector and the objective at
        the start values, per fit.
    """
    npar = values.shape[1]
    base = contexts.ctypes.data
    for r in range(first, last):
        ext = np.empty(npar + 1)
        ext[:npar] = values[r]
        ext[npar] = float(base + 8 * starts[r])
        out_start_fval[r] = _call_entry(entry, np.uint32(ext.size), _data_pointer(ext))  # type: ignore[call-arg]
        calls = np.zeros(1, dtype=np.int64)
        x, v, info = migrad(
            entry,
            ext,
            free,
            bounds[r],
            calls,
            start[r],
            steps[r],
            limited_at,
            up,
            eps,
            strategy,
            tolerance,
            maxfcn,
        )
        code = int(info[_STATUS])
        state = external_state(
            values[r], free, bounds[r], x, v, up, code == POSDEF or code == MADE_POSDEF
        )
        out_values[r] = state[0]
        out_errors[r] = state[1]
        out_cov[r] = state[2]
        out_info[r] = info
