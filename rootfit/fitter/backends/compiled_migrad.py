"""Migrad compiled together with the objective (:mod:`rootfit.kernels.migrad`): the per-fit
path of fits whose cost has a fused C entry and that ask nothing of Minuit but its minimum.

The whole minimisation is one compiled call: no Python between function calls and no C++
objects to build or read, so a small fit costs its function calls and little more. The
settings are read exactly as :func:`~rootfit.fitter.backends.minuit.configured_minuit` gives
them to iminuit (same steps, limits, fixed flags, strategy, tolerance, precision, call limit),
and the outcome as Minuit2 reports it (values and errors through the limit transformations,
covariance, EDM, status flags), so the minimum and call count are those of the C++ Migrad
(tests/test_compiled_migrad.py). It runs where that holds bit for bit
(:func:`compiled_migrad_applies`: limits need the platform's ``long double``,
:mod:`rootfit.kernels.extended`); a fit that does not end
cleanly (status ≠ 0) is run again on the C++ core, whose report is given, so failure modes are
Minuit2's own. Hesse on request, Minos, contours and the iminuit bridge run on the C++ core (:class:`~rootfit.fitter.backends.core_migrad.CoreMigradMinimum`), built the
first time one is asked for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
from numpy.typing import NDArray

from rootfit.costs import Cost
from rootfit.fitter.backends.base import BackendResult, DelegatingMinimum, Minimum
from rootfit.fitter.backends.minuit_state import cov_status, migrad_status
from rootfit.fitter.parameters import ParameterSettings
from rootfit.kernels import extended
from rootfit.kernels.fused import FusedObjective
from rootfit.kernels.migrad import OUTCOME_FIELDS, migrad
from rootfit.kernels.minuit_core import (
    BOTH,
    HESSE_FAILED,
    LOWER,
    MADE_POSDEF,
    NONE,
    POSDEF,
    UNSET,
    UPPER,
    external_state,
)
from rootfit.options import MinimizerOptions

__all__ = [
    "CompiledMigradMinimum",
    "MigradSetup",
    "compiled_migrad_applies",
    "migrad_arguments",
    "minimum_flags",
    "outcome_of",
    "parameter_setup",
    "setup_rows",
    "strategy_vector",
]

#: Minuit2's machine precision: 4 × the float64 epsilon (pinned against iminuit by a test).
DEFAULT_EPS = 4.0 * float(np.finfo(np.float64).eps)

#: Position of each field in the compiled Migrad's outcome vector.
_FIELD = {name: i for i, name in enumerate(OUTCOME_FIELDS)}

_STRATEGIES = {
    0: (0, 2, 0.5, 0.1, 3, 0.5, 0.1, 1, 1),
    1: (1, 3, 0.3, 0.05, 5, 0.3, 0.05, 2, 1),
    2: (2, 5, 0.1, 0.02, 7, 0.1, 0.02, 6, 1),
}


def compiled_migrad_applies(
    settings: Sequence[ParameterSettings], options: MinimizerOptions
) -> bool:
    """Whether the compiled Migrad reproduces Minuit2 bit for bit on these settings: at least
    one free parameter, strategy 0–2, no printing, and — for parameters with limits — a
    platform whose ``long double`` arithmetic :mod:`rootfit.kernels.extended` reproduces
    (Minuit2 computes the limit transformations in it; in double, the last-bit differences
    grow to 10⁻³ of an error on a long ill-conditioned fit)."""
    free = [s for s in settings if not s.fixed]
    limited = any(s.lower != -math.inf or s.upper != math.inf for s in free)
    return (
        bool(free)
        and (extended.EXACT or not limited)
        and options.strategy in (0, 1, 2)
        and options.print_level <= 0
    )


def strategy_vector(strategy: int) -> NDArray[np.float64]:
    """Minuit2's settings of a strategy (0, 1, 2), in :mod:`rootfit.kernels.minuit_core`'s
    layout; None for the others (strategy 3 uses central mixed derivatives, not compiled)."""
    return np.array(_STRATEGIES[strategy], dtype=np.float64)


@dataclass(frozen=True)
class MigradSetup:
    """The compiled Migrad's inputs for one set of parameter settings (what iminuit's
    parameter state would hold): free parameters, their limits, start values and steps."""

    free: NDArray[np.intp]
    bounds: NDArray[np.float64]
    start: NDArray[np.float64]
    steps: NDArray[np.float64]
    values: NDArray[np.float64]
    limited_at: NDArray[np.bool_]

    @classmethod
    def from_settings(cls, settings: Sequence[ParameterSettings]) -> MigradSetup:
        """As :func:`~rootfit.fitter.backends.minuit.configured_minuit`: a step of 0 becomes
        0.1; equal limits fix; a start value outside its limits is clamped."""
        rows, free, start, steps, values, limited = [], [], [], [], [], []
        for i, s in enumerate(settings):
            kind, low, high, value, step, is_free = parameter_setup(
                s.value, s.step, s.lower, s.upper, s.fixed
            )
            values.append(value)
            limited.append(kind != NONE)
            if is_free:
                free.append(i)
                rows.append((kind, low, high))
                start.append(value)
                steps.append(step)
        return cls(
            free=np.array(free, dtype=np.intp),
            bounds=np.array(rows, dtype=np.float64).reshape(len(free), 3),
            start=np.array(start, dtype=np.float64),
            steps=np.array(steps, dtype=np.float64),
            values=np.array(values, dtype=np.float64),
            limited_at=np.array(limited, dtype=np.bool_),
        )

    def outcome(
        self, x: NDArray[np.float64], v: NDArray[np.float64], info: NDArray[np.float64], up: float
    ) -> BackendResult:
        """Minuit2's user state of a compiled Migrad result (``x``, ``v``, ``info``)."""
        code = int(info[_FIELD["status"]])
        values, errors, cov = external_state(
            self.values, self.free, self.bounds, x, v, up, code in (POSDEF, MADE_POSDEF)
        )
        return outcome_of(values, errors, cov, info)


def minimum_flags(info: NDArray[np.float64]) -> SimpleNamespace:
    """A compiled Migrad's outcome vector under the names of Minuit2's ``FunctionMinimum``
    flags (what :mod:`~rootfit.fitter.backends.minuit_state`'s readers read)."""
    code = int(info[_FIELD["status"]])
    above, limit = bool(info[_FIELD["above_max_edm"]]), bool(info[_FIELD["call_limit"]])
    return SimpleNamespace(
        is_valid=code in (POSDEF, MADE_POSDEF) and not above and not limit,
        edm=float(info[_FIELD["edm"]]),
        has_covariance=code != UNSET,
        has_posdef_covar=code == POSDEF,
        has_made_posdef_covar=code == MADE_POSDEF,
        has_accurate_covar=code == POSDEF and info[_FIELD["dcovar"]] < 0.1,
        hesse_failed=code == HESSE_FAILED,
        is_above_max_edm=above,
        has_reached_call_limit=limit,
    )


def outcome_of(
    values: NDArray[np.float64],
    errors: NDArray[np.float64],
    covariance: NDArray[np.float64],
    info: NDArray[np.float64],
) -> BackendResult:
    """The Minuit2 backend's report of a compiled Migrad: the user state (``values``,
    ``errors``, ``covariance``) and the outcome vector ``info`` read as ROOT reads a
    ``FunctionMinimum`` (status, covariance status, validity)."""
    flags = minimum_flags(info)
    return BackendResult(
        values=values,
        errors=errors,
        covariance=covariance,
        min_fcn=float(info[_FIELD["fval"]]),
        edm=flags.edm,
        ncalls=int(info[_FIELD["ncalls"]]),
        status=migrad_status(flags),
        cov_status=cov_status(flags),
        valid=bool(flags.is_valid and flags.edm >= 0),
        minimizer="Minuit2 / Migrad",
    )


def parameter_setup(
    value: float, step: float, lower: float, upper: float, fixed: bool
) -> tuple[int, float, float, float, float, bool]:
    """One parameter as the compiled Migrad takes it: ``(kind, low, high, value, step,
    free)`` — the kind of limits and the finite ones (0 for an open side), the value clamped
    into its limits, a step of 0 made 0.1, and whether it is free (not fixed, limits apart)."""
    has_low, has_high = lower != -math.inf, upper != math.inf
    kind = BOTH if has_low and has_high else LOWER if has_low else UPPER if has_high else NONE
    return (
        kind,
        lower if has_low else 0.0,
        upper if has_high else 0.0,
        min(max(value, lower), upper),
        step if step > 0 else 0.1,
        not (fixed or (kind == BOTH and lower == upper)),
    )


def setup_rows(
    values: NDArray[np.float64],
    steps: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    fixed: NDArray[np.bool_],
) -> (
    tuple[
        NDArray[np.intp],
        NDArray[np.float64],
        NDArray[np.float64],
        NDArray[np.float64],
        NDArray[np.float64],
        NDArray[np.bool_],
    ]
    | None
):
    """:class:`MigradSetup`'s arrays for many fits of the same parameters at once (arrays of
    shape ``(nfit, npar)``; ``fixed`` shape ``(npar,)``; :func:`parameter_setup` on each):
    ``(free, bounds, start, steps, values, limited_at)`` with ``bounds`` of shape
    ``(nfit, nfree, 3)``, ``start`` and ``steps`` ``(nfit, nfree)``, ``values``
    ``(nfit, npar)``; None when the fits do not share their free parameters and kinds of
    limits (one compiled loop runs them all)."""
    nfit, npar = np.shape(values)
    by_parameter = [np.ascontiguousarray(a).T.tolist() for a in (values, steps, lower, upper)]
    array = np.empty((npar, nfit, 6))
    shape = []
    for i, (v, st, lo, hi) in enumerate(zip(*by_parameter, strict=True)):
        flag = bool(fixed[i])
        array[i] = [parameter_setup(*args, flag) for args in zip(v, st, lo, hi, strict=True)]
        kinds, free_flags = array[i, :, 0], array[i, :, 5]
        if np.any(kinds != kinds[0]) or np.any(free_flags != free_flags[0]):
            return None
        shape.append((int(kinds[0]), bool(free_flags[0])))
    array = array.transpose(1, 0, 2)
    free = np.array([i for i, (_, is_free) in enumerate(shape) if is_free], dtype=np.intp)
    bounds = np.ascontiguousarray(array[:, free, :3])
    start = np.ascontiguousarray(array[:, free, 3])
    step = np.ascontiguousarray(array[:, free, 4])
    limited_at = np.array([kind != NONE for kind, _ in shape], dtype=np.bool_)
    return free, bounds, start, step, np.ascontiguousarray(array[:, :, 3]), limited_at


def migrad_arguments(
    options: MinimizerOptions, errordef: float, npar: int
) -> tuple[float, float, NDArray[np.float64], float, int]:
    """The compiled Migrad's ``(up, eps, strategy, tolerance, maxfcn)`` for ROOT's options: the
    options' precision or Minuit2's, the strategy's settings, the call limit of ``npar``
    parameters."""
    eps = options.precision if options.precision > 0 else DEFAULT_EPS
    return (
        float(errordef),
        float(eps),
        strategy_vector(options.strategy),
        float(options.tolerance),
        int(options.call_limit(npar)),
    )


def run_migrad(
    fused: FusedObjective,
    setup: MigradSetup,
    options: MinimizerOptions,
    errordef: float,
) -> tuple[BackendResult, bool]:
    """One compiled Migrad on a fused objective with ROOT's options: its outcome, and whether
    a matrix was made positive-definite on the way (then the last bits can differ from
    Minuit2's, whose eigenvalue routine is not LAPACK's)."""
    n = setup.values.size
    ext = np.empty(n + 1)  # the values, then the context's address
    ext[:n] = setup.values
    ext[n] = fused.address
    calls = np.zeros(1, dtype=np.int64)
    x, v, info = migrad(
        fused.entry.address,
        ext,
        setup.free,
        setup.bounds,
        calls,
        setup.start,
        setup.steps,
        setup.limited_at,
        *migrad_arguments(options, errordef, len(setup.values)),
    )
    return setup.outcome(x, v, info, float(errordef)), bool(info[_FIELD["corrected"]])


class CompiledMigradMinimum(DelegatingMinimum):
    """Migrad's minimum of a fused objective from the compiled Migrad; Hesse, Minos, contours
    and the iminuit bridge on the C++ core (the same Migrad, run when first asked for).

    Parameters
    ----------
    cost : Cost
        The cost (its ``fused`` objective is minimised).
    fused : FusedObjective
        ``cost.fused``.
    settings : sequence of ParameterSettings
        Start values, steps, limits, fixed flags.
    options : MinimizerOptions
        Strategy 0–2, tolerance, precision, call limit (algorithm Migrad).
    errordef : float
        Up value.
    """

    def __init__(
        self,
        cost: Cost,
        fused: FusedObjective,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
    ) -> None:
        self._args = (cost, fused, tuple(settings), options, errordef)
        self._core: Minimum | None = None
        self._outcome: BackendResult | None = None

    @property
    def outcome(self) -> BackendResult:
        """Migrad's outcome, run on first read: a Hesse asked for first runs Migrad on the C++
        core only (where Hesse runs), not here as well."""
        if self._outcome is None:
            self._outcome = self._migrad()
        return self._outcome

    @outcome.setter
    def outcome(self, value: BackendResult) -> None:
        self._outcome = value

    def _migrad(self) -> BackendResult:
        _, fused, settings, options, errordef = self._args
        outcome, corrected = run_migrad(
            fused, MigradSetup.from_settings(settings), options, errordef
        )
        if outcome.status != 0 or not outcome.valid or corrected:
            # a fit in trouble (non-finite values, a matrix forced positive-definite, call
            # limit...): Minuit2's own report, on the C++ core, is the one given
            return self._delegate().outcome
        return outcome

    def _delegate(self) -> Minimum:
        if self._core is None:
            from rootfit.fitter.backends.core_migrad import CoreMigradMinimum

            self._core = CoreMigradMinimum(*self._args)
        return self._core

    def hesse(self) -> None:
        core = self._delegate()
        core.hesse()
        self.outcome = core.outcome
