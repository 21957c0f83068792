"""Minuit2 through iminuit, configured exactly as ROOT's ``Minuit2Minimizer`` (spec §4, §10b).

This is the only module that imports iminuit. Settings that make iminuit reproduce ROOT:
tolerance 0.01 (same EDM rule), strategy 1, ROOT's step sizes as initial errors, ROOT's call
limit, and a single Migrad pass (``iterate=1``; iminuit would otherwise retry). The cost is
handed to iminuit as it is (no wrapper per call): it has ``errordef`` and ``_parameters``. A
cost with a fused kernel (``cost.fused``, :mod:`rootfit.kernels.fused`) is handed over as its C
entry instead, which Minuit calls without Python; its data's address then travels as one more
parameter, fixed, named :data:`CONTEXT_PARAMETER`, which never leaves this module.
Hesse (ROOT's ParabErrors, status + 100·code) and Minos (status + 10·bits) are steps on the
:class:`MinuitMinimum`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from iminuit import Minuit, _core
from iminuit.warnings import IMinuitWarning
from numpy.typing import NDArray

from rootfit._distributions import chi2_cdf
from rootfit.costs import Cost
from rootfit.errors import FitError, FitOptionError
from rootfit.fitter.backends.base import Backend, BackendResult, Capabilities, Minimum
from rootfit.fitter.backends.minuit_state import (
    cov_status,
    covariance_change,
    hesse_status,
    migrad_status,
    zero_fixed,
)
from rootfit.fitter.parameters import ParameterSettings
from rootfit.options import MinimizerOptions
from rootfit.result.intervals import MinosError

__all__ = [
    "ALGORITHMS",
    "CONTEXT_PARAMETER",
    "Minuit",
    "Minuit2",
    "MinuitMinimum",
    "MinuitSteps",
    "configured_minuit",
    "core_hesse",
    "core_migrad",
    "minuit_minimum",
    "run_algorithm",
]

ALGORITHMS = ("Migrad", "Simplex", "Combined", "Minimize")

#: Name of the fixed parameter that carries a fused objective's context address.
CONTEXT_PARAMETER = "__rootfit_context__"


def configured_minuit(
    cost: Cost,
    settings: Sequence[ParameterSettings],
    options: MinimizerOptions,
    errordef: float,
    gradient: bool,
    *,
    compiled: bool = False,
) -> Minuit:
    """An ``iminuit.Minuit`` on ``cost`` with ROOT's settings; with ``compiled``, the cost's
    fused C entry when it has one (see the module docstring; the values, errors and
    covariance then have one more, fixed, entry at the end)."""
    fused = getattr(cost, "fused", None) if compiled and not gradient else None
    start = np.array([s.value for s in settings])
    names = [s.name for s in settings]
    if fused is not None:
        m = Minuit(fused, np.append(start, fused.address), name=[*names, CONTEXT_PARAMETER])
        m.fixed[CONTEXT_PARAMETER] = True
    else:
        m = Minuit(cost, start, name=names, grad=cost.gradient if gradient else None)
    if errordef != cost.errordef:  # a user's ErrorDef overrides the cost's (ROOT's rule)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IMinuitWarning)
            m.errordef = errordef
    m.strategy = options.strategy
    for s in settings:
        m.errors[s.name] = s.step if s.step > 0 else 0.1
        if s.bounded:
            m.limits[s.name] = (s.lower, s.upper)
        m.fixed[s.name] = s.fixed
    return m


def _parameter_state(settings: Sequence[ParameterSettings], address: float) -> Any:
    """The start state exactly as :func:`configured_minuit` leaves it in an ``iminuit.Minuit``
    (steps, then limits — value clamped and step set again, as iminuit does —, then fixed
    flags), plus the fixed context parameter."""
    state = _core.MnUserParameterState()
    for i, s in enumerate(settings):
        step = s.step if s.step > 0 else 0.1
        state.add(s.name, s.value, step)
        if s.bounded:
            low = -np.inf if s.lower is None else s.lower
            high = np.inf if s.upper is None else s.upper
            if low != -np.inf and high != np.inf:
                if low == high:
                    state.fix(i)
                else:
                    state.set_limits(i, low, high)
            elif low != -np.inf:
                state.set_lower_limit(i, low)
            elif high != np.inf:
                state.set_upper_limit(i, high)
            state.set_value(i, min(max(s.value, low), high))
            state.set_error(i, step)
        if s.fixed:
            state.fix(i)
    state.add(CONTEXT_PARAMETER, address, 1.0)
    state.fix(len(settings))
    return state


def core_migrad(
    fused: Any, settings: Sequence[ParameterSettings], options: MinimizerOptions, errordef: float
) -> tuple[Any, Any]:
    """One Migrad pass on a fused C entry through iminuit's C++ core, with the settings of
    :func:`configured_minuit` and :func:`run_algorithm`: ``(fcn, minimum)``
    (see :mod:`~rootfit.fitter.backends.core_migrad`)."""
    _core.MnPrint.global_level = options.print_level
    fcn = _core.FCN(fused, None, None, None, False, errordef)
    state = _parameter_state(settings, fused.address)
    migrad = _core.MnMigrad(fcn, state, _core.MnStrategy(options.strategy))
    if options.precision > 0:
        migrad.precision = options.precision
    return fcn, migrad(options.call_limit(len(settings)), options.tolerance)


def core_hesse(fcn: Any, minimum: Any, options: MinimizerOptions, errordef: float) -> None:
    """Hesse on a minimum of :func:`core_migrad`, updated in place (as ``Minuit.hesse``)."""
    edm_goal = 2e-3 * max(options.tolerance * errordef, _core.MnMachinePrecision().eps2)
    _core.MnHesse(_core.MnStrategy(options.strategy))(fcn, minimum, 0, edm_goal)


def run_algorithm(m: Minuit, algorithm: str, options: MinimizerOptions, npar: int) -> None:
    """Run Migrad, Simplex or Combined/Minimize (Simplex then Migrad when Migrad alone fails)
    with ROOT's tolerance, precision and call limit."""
    m.tol = options.tolerance
    m.print_level = options.print_level
    if options.precision > 0:
        m.precision = options.precision
    ncall = options.call_limit(npar)
    if algorithm == "Simplex":
        m.simplex(ncall=ncall)
        return
    m.migrad(ncall=ncall, iterate=1)
    if algorithm in ("Combined", "Minimize") and not m.valid:
        m.simplex(ncall=ncall).migrad(ncall=ncall, iterate=1)


def _covariance(m: Minuit, fixed: NDArray[np.bool_]) -> NDArray[np.float64] | None:
    """The covariance of the fit's own parameters (fixed rows zero), or None."""
    if m.covariance is None:
        return None
    n = len(fixed)
    return zero_fixed(np.array(m.covariance, dtype=np.float64)[:n, :n], fixed)


class MinuitMinimum(Minimum):
    """The iminuit object after Migrad/Simplex; Hesse and Minos run on it.

    Parameters
    ----------
    m : iminuit.Minuit
        After minimization.
    settings : sequence of ParameterSettings
        The settings it started from.
    algorithm : str
        The algorithm run (Simplex gives no covariance: status 5, covariance status -1).
    label : str, optional
        ROOT's ``MinimizerType`` (default ``"Minuit2 / <algorithm>"``).
    rebuild : callable, optional
        ``rebuild(outcome)``: an iminuit object on the cost itself at that outcome's minimum,
        for :meth:`to_minuit` when ``m`` minimised the cost's fused C entry.
    """

    def __init__(
        self,
        m: Minuit,
        settings: Sequence[ParameterSettings],
        algorithm: str,
        label: str | None = None,
        rebuild: Callable[[BackendResult], Minuit] | None = None,
    ) -> None:
        self._m = m
        self._rebuild = rebuild
        self._fixed = np.array([s.fixed for s in settings])
        self._algorithm = algorithm
        self._label = label or f"Minuit2 / {algorithm}"
        fmin = m.fmin
        assert fmin is not None
        status = self._minimization_status(fmin)
        covariance_status = cov_status(fmin)
        if algorithm == "Simplex":
            covariance_status, status = -1, (5 if status == 0 else status)
        self.outcome = self._outcome(status, covariance_status, {})

    def _minimization_status(self, fmin: Any) -> int:
        return migrad_status(fmin)

    def _hesse_status(self, fmin: Any) -> int:
        """What a Hesse step adds to the status (Minuit2: 100·code)."""
        return hesse_status(fmin)

    def _minos_status(self, bits: int) -> int:
        """What Minos adds to the status (Minuit2: 10·bits)."""
        return 10 * bits

    def _outcome(
        self, status: int, cov_status: int, minos: dict[str, tuple[float, float]]
    ) -> BackendResult:
        m = self._m
        fmin = m.fmin
        assert fmin is not None
        n = len(self._fixed)
        cov = _covariance(m, self._fixed)
        return BackendResult(
            values=np.array(m.values, dtype=np.float64)[:n],
            errors=np.where(self._fixed, 0.0, np.array(m.errors, dtype=np.float64)[:n]),
            covariance=np.zeros((n, n)) if cov is None else cov,
            min_fcn=float(fmin.fval),
            edm=float(fmin.edm),
            ncalls=int(fmin.nfcn),
            status=status,
            cov_status=cov_status,
            valid=bool(fmin.is_valid),
            minimizer=self._label,
            minos=minos,
        )

    def hesse(self) -> None:
        """Hesse on the minimum, as ROOT's ``ParabErrors``: skipped when Migrad already ended
        with its own Hesse (``Dcovar == 0``: ``E`` then reports Migrad's errors, verified on the
        1-D reference fits), run when Migrad's covariance comes from its variable-metric updates
        (verified on a TH2 ``xygaus`` fit: ROOT's errors and call count are Hesse's)."""
        fmin = self._m.fmin
        assert fmin is not None
        if self._algorithm == "Simplex":
            return
        if fmin.is_valid and covariance_change(fmin._src) == 0.0:
            return
        self._m.hesse()
        after = self._m.fmin
        assert after is not None
        status = self.outcome.status + self._hesse_status(after)
        self.outcome = self._outcome(status, cov_status(after), self.outcome.minos)

    def minos(self, names: Sequence[str]) -> None:
        """Minos for the named free parameters; ROOT's bits (1 lower invalid, 2 upper invalid,
        4 call limit, 8 new minimum, 16 at a limit) are added to the status times 10."""
        minos, bits = _run_minos(self._m, names, self.outcome.minos)
        status = self.outcome.status + self._minos_status(bits)
        self.outcome = replace(self.outcome, status=status, minos=minos)

    def minos_errors(self, names: Sequence[str], factor: float = 1.0) -> dict[str, MinosError]:
        return _minos_errors(self._m, names, factor)

    def contour(self, x: str, y: str, size: int, factor: float) -> NDArray[np.float64]:
        return _contour(self._m, x, y, size, factor)

    def to_minuit(self) -> Minuit:
        """The iminuit object itself (after Migrad, and Hesse or Minos if they ran); when it
        minimised the fused C entry, a new one on the cost at this minimum (Migrad confirming
        it), so that the context parameter stays internal."""
        if self._rebuild is None or CONTEXT_PARAMETER not in self._m.parameters:
            return self._m
        return self._rebuild(self.outcome)


def _minos_errors(m: Minuit, names: Sequence[str], factor: float = 1.0) -> dict[str, MinosError]:
    """Minos intervals (statistic + ``factor·errordef``) of the named free parameters of
    ``m``, with Minos's flags; ``m`` keeps its minimum."""
    wanted = [n for n in names if not m.fixed[n]]
    if not wanted:
        return {}
    cl = chi2_cdf(factor, 1)  # iminuit turns a probability back into the factor
    m.minos(*wanted, cl=None if factor == 1.0 else cl)
    out = {}
    for name in wanted:
        me = m.merrors[name]
        out[name] = MinosError(
            name,
            float(me.lower),
            float(me.upper),
            cl,
            lower_valid=bool(me.lower_valid),
            upper_valid=bool(me.upper_valid),
            at_limit=bool(me.at_lower_limit or me.at_upper_limit),
            at_call_limit=bool(me.at_lower_max_fcn or me.at_upper_max_fcn),
            new_minimum=bool(me.lower_new_min or me.upper_new_min),
        )
    return out


def _run_minos(
    m: Minuit, names: Sequence[str], known: dict[str, tuple[float, float]]
) -> tuple[dict[str, tuple[float, float]], int]:
    """Minos errors of the named free parameters of ``m`` and ROOT's status bits."""
    minos = dict(known)
    bits = 0
    for name, me in _minos_errors(m, names).items():
        minos[name] = (me.lower, me.upper)
        bits |= me.status_bits
    return minos, bits


def _contour(m: Minuit, x: str, y: str, size: int, factor: float) -> NDArray[np.float64]:
    cl = chi2_cdf(factor, 2)
    pts = np.asarray(m.mncontour(x, y, cl=cl, size=int(size)), dtype=np.float64)
    if pts.shape[0] > 1 and np.array_equal(pts[0], pts[-1]):  # iminuit closes the curve
        pts = pts[:-1]
    return pts


class MinuitSteps(Minimum):
    """A minimum found by another engine (Fumili, scipy, Levenberg–Marquardt, a scan); its
    Hesse and Minos steps are Minuit2's, run from that point with the same limits.

    Parameters
    ----------
    cost : Cost
        The objective.
    settings : sequence of ParameterSettings
        Limits, fixed flags and steps (values are replaced by the minimum's).
    options : MinimizerOptions
        Strategy and tolerance for the steps.
    errordef : float
        Up value.
    outcome : BackendResult
        What the engine found.
    """

    def __init__(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        outcome: BackendResult,
    ) -> None:
        self._cost = cost
        self._settings = [
            replace(s, value=float(v)) for s, v in zip(settings, outcome.values, strict=True)
        ]
        self._options = options
        self._errordef = errordef
        self.outcome = outcome

    def _minuit(self, compiled: bool = True) -> Minuit:
        m = configured_minuit(
            self._cost, self._settings, self._options, self._errordef, False, compiled=compiled
        )
        m.print_level = 0
        return m

    def hesse(self) -> None:
        """Covariance, errors, EDM and covariance status from Minuit2's Hesse at the minimum
        (status + 100 if Hesse fails, as ROOT's)."""
        m = self._minuit()
        m.hesse()
        fmin = m.fmin
        assert fmin is not None
        fixed = np.array([s.fixed for s in self._settings])
        cov = _covariance(m, fixed)
        failed = fmin.hesse_failed or cov is None
        if cov is None:
            cov = np.zeros((len(fixed), len(fixed)))
        self.outcome = replace(
            self.outcome,
            covariance=cov,
            errors=np.sqrt(np.clip(np.diag(cov), 0.0, None)),
            edm=float(fmin.edm),
            ncalls=self.outcome.ncalls + int(fmin.nfcn),
            cov_status=cov_status(fmin),
            status=self.outcome.status + (100 if failed else 0),
            valid=self.outcome.valid and not failed,
        )

    def _confirmed(self, compiled: bool = True) -> Minuit:
        """Minuit at this minimum after Migrad confirmed it (Minos and contours need
        Minuit's own state)."""
        m = self._minuit(compiled)
        m.migrad(ncall=self._options.call_limit(len(self._settings)), iterate=1)
        return m

    def minos(self, names: Sequence[str]) -> None:
        """Minos from the minimum (Migrad first confirms it, as Minos needs Minuit's state)."""
        m = self._confirmed()
        if not m.valid:
            self.outcome = replace(self.outcome, status=self.outcome.status + 10 * 3)
            return
        minos, bits = _run_minos(m, names, self.outcome.minos)
        self.outcome = replace(self.outcome, status=self.outcome.status + 10 * bits, minos=minos)

    def minos_errors(self, names: Sequence[str], factor: float = 1.0) -> dict[str, MinosError]:
        return _minos_errors(self._confirmed(), names, factor)

    def contour(self, x: str, y: str, size: int, factor: float) -> NDArray[np.float64]:
        return _contour(self._confirmed(), x, y, size, factor)

    def to_minuit(self) -> Minuit:
        """A new iminuit object on the cost at this minimum (Migrad confirmed it)."""
        return self._confirmed(compiled=False)


def minuit_minimum(
    cost: Cost,
    settings: Sequence[ParameterSettings],
    options: MinimizerOptions,
    errordef: float,
    gradient: bool = False,
) -> MinuitMinimum:
    """The options' algorithm run in an ``iminuit.Minuit`` (on the cost's fused C entry when
    it has one); its iminuit bridge is a Minuit on the cost itself."""
    m = configured_minuit(cost, settings, options, errordef, gradient, compiled=True)
    run_algorithm(m, options.algorithm, options, len(settings))

    def rebuild(outcome: BackendResult) -> Minuit:
        return MinuitSteps(cost, settings, options, errordef, outcome).to_minuit()

    return MinuitMinimum(m, settings, options.algorithm, rebuild=rebuild)


class Minuit2(Backend):
    """ROOT's default minimizer: Minuit2 with Migrad, Simplex or Combined."""

    name = "Minuit2"
    capabilities = Capabilities()

    def check(self, cost: Cost, request: Any, options: MinimizerOptions) -> None:
        if options.algorithm not in ALGORITHMS:
            raise FitOptionError(
                f"Minuit2 algorithm {options.algorithm!r} is not supported; choose one of {ALGORITHMS}"
            )
        super().check(cost, request, options)

    def minimize(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
        *,
        gradient: bool = False,
    ) -> Minimum:
        fused = None if gradient else getattr(cost, "fused", None)
        if fused is not None and options.algorithm == "Migrad":
            from rootfit.fitter.backends.compiled_migrad import (
                CompiledMigradMinimum,
                compiled_migrad_applies,
            )

            if compiled_migrad_applies(settings, options):
                return CompiledMigradMinimum(cost, fused, settings, options, errordef)
            from rootfit.fitter.backends.core_migrad import CoreMigradMinimum

            return CoreMigradMinimum(cost, fused, settings, options, errordef)
        return minuit_minimum(cost, settings, options, errordef, gradient)

    def hesse_covariance(
        self,
        cost: Cost,
        settings: Sequence[ParameterSettings],
        options: MinimizerOptions,
        errordef: float,
    ) -> NDArray[np.float64]:
        """Covariance from Hesse alone at the given values (no minimization), fixed rows zero."""
        m = configured_minuit(cost, settings, options, errordef, gradient=False, compiled=True)
        m.print_level = 0
        m.hesse()
        cov = _covariance(m, np.array([s.fixed for s in settings]))
        if cov is None:
            raise FitError("Hesse gave no covariance")
        return cov
