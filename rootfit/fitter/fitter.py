"""``Fitter``: runs a backend on a cost and turns the outcome into a :class:`FitResult`
(ROOT::Fit::Fitter).

The Fitter holds only its (frozen) :class:`MinimizerOptions`; each :meth:`Fitter.fit` call is
independent. ErrorDef comes from the cost (1 for χ², 0.5 for likelihoods) unless the options
override it; the reported Chi2 and ndf follow ROOT's rules (spec §3.7).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from rootfit.costs import Cost
from rootfit.errors import FitOptionError, FitWarning
from rootfit.fitter.backends import BackendResult, linear, minuit
from rootfit.fitter.backends import robust as robust_backend
from rootfit.fitter.parameters import ParameterSettings, default_step
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult, ParameterView

__all__ = ["Fitter"]

BACKENDS = ("Minuit2", "Linear")


class Fitter:
    """Minimise a cost and build a :class:`FitResult`.

    Parameters
    ----------
    options : MinimizerOptions, optional
        Defaults to ROOT 6.40's (Minuit2 / Migrad, strategy 1, tolerance 0.01).

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.fitdata import BinData
    >>> data = BinData(np.arange(5.0), [1.1, 2.9, 5.2, 7.1, 8.8], errors=np.full(5, 0.2))
    >>> cost = rf.Chi2(data, rf.Function("pol1"))
    >>> r = rf.Fitter().fit(cost, [0.0, 1.0])
    >>> r.valid
    True
    """

    def __init__(self, options: MinimizerOptions | None = None) -> None:
        self.options = options or MinimizerOptions.default()
        if self.options.minimizer_type not in BACKENDS:
            raise FitOptionError(
                f"minimizer {self.options.minimizer_type!r} is not supported yet; "
                f"available: {', '.join(BACKENDS)}"
            )

    def fit(
        self,
        cost: Cost,
        parameters: Sequence[ParameterSettings] | Sequence[float] | np.ndarray | None = None,
        *,
        hesse: bool = False,
        minos: bool | Sequence[str] = False,
        normalize_errors: bool = False,
        gradient: bool = False,
        weight_correction: bool = False,
        robust: float | None = None,
    ) -> FitResult:
        """Minimise ``cost``.

        Parameters
        ----------
        cost : Cost
            The objective (carries errordef, data size and parameter names).
        parameters : sequence of ParameterSettings or of float, optional
            Start values (steps ``0.3·|v|``, no limits) or full settings; default: the cost
            model's current parameter values.
        hesse : bool
            Run Hesse after Migrad (ROOT's ``E``/ParabErrors).
        minos : bool or sequence of str
            Minos errors for all or the named parameters.
        normalize_errors : bool
            Scale errors by ``sqrt(chi2/ndf)`` (least-squares fits without data errors).
        gradient : bool
            Give Minuit2 the cost's analytic gradient (ROOT's option ``G``).
        robust : float, optional
            With the Linear minimizer: least trimmed squares, keeping this fraction of the points
            (0 = ROOT's default ``(n + npar + 1)/2``) — ROOT's ``ROB``.
        weight_correction : bool
            Weighted-histogram likelihood (ROOT's ``WL``): the covariance becomes ``C·H₂·C`` with
            ``H₂`` the Hessian of the cost's squared-weight companion at the minimum.

        Returns
        -------
        FitResult
        """
        settings = self._settings(cost, parameters)
        errordef = self.options.error_def or cost.errordef
        if self.options.minimizer_type == "Linear" and robust is not None:
            raw = robust_backend.solve_robust(cost, settings, robust, self.options.algorithm)
        elif self.options.minimizer_type == "Linear":
            raw = linear.solve(cost, settings, self.options)
        else:
            if gradient and not cost.has_gradient:
                raise FitOptionError(
                    f"{type(cost).__name__} has no analytic gradient; option G cannot be used "
                    "(ROOT does not support it with x errors either)"
                )
            raw = minuit.minimize(
                cost,
                settings,
                self.options,
                errordef,
                hesse=hesse,
                minos=minos,
                grad=cost.gradient if gradient else None,
            )
        if weight_correction:
            raw = self._weight_corrected(cost, settings, raw, errordef)
        nfree = sum(not s.fixed for s in settings)
        ndf = max(cost.ndata - nfree, 0)
        chi2 = cost.reported_chi2(raw.min_fcn)
        errors, cov, normalized = raw.errors, raw.covariance, False
        if normalize_errors and cost.kind == "least_squares" and ndf > 0 and chi2 > 0:
            scale = chi2 / ndf
            errors, cov, normalized = errors * math.sqrt(scale), cov * scale, True
        names = tuple(s.name for s in settings)
        result = FitResult(
            parameter_names=names,
            values=ParameterView(names, raw.values),
            errors=ParameterView(names, errors),
            covariance=cov,
            fixed=tuple(s.fixed for s in settings),
            bounds=tuple((s.lower, s.upper) if s.bounded else None for s in settings),
            min_fcn=raw.min_fcn,
            chi2=chi2,
            ndf=ndf,
            n_points=cost.ndata,
            edm=raw.edm,
            ncalls=raw.ncalls,
            status=raw.status,
            cov_status=raw.cov_status,
            valid=raw.valid,
            minimizer=raw.minimizer,
            minos=raw.minos,
            normalized_errors=normalized,
            cost=cost,
        )
        if not result.valid:
            warnings.warn(
                f"fit did not converge (status {result.status}, {result.minimizer}); "
                "the result is marked valid=False",
                FitWarning,
                stacklevel=2,
            )
        return result

    def _weight_corrected(
        self, cost: Cost, settings: Sequence[ParameterSettings], raw: BackendResult, errordef: float
    ) -> BackendResult:
        if not hasattr(cost, "squared_weight_cost"):
            raise FitOptionError(f"{type(cost).__name__} has no weighted-likelihood correction")
        at_minimum = [replace(s, value=float(v)) for s, v in zip(settings, raw.values, strict=True)]
        c2 = minuit.hesse_covariance(cost.squared_weight_cost(), at_minimum, self.options, errordef)
        free = np.array([not s.fixed for s in settings])
        c1f = raw.covariance[np.ix_(free, free)]
        corrected = np.zeros_like(raw.covariance)
        corrected[np.ix_(free, free)] = c1f @ np.linalg.inv(c2[np.ix_(free, free)]) @ c1f
        errors = np.sqrt(np.clip(np.diag(corrected), 0.0, None))
        return replace(raw, covariance=corrected, errors=errors, minos={})

    @staticmethod
    def _settings(
        cost: Cost, parameters: Sequence[ParameterSettings] | Sequence[float] | np.ndarray | None
    ) -> tuple[ParameterSettings, ...]:
        names = cost.parameter_names
        if parameters is None:
            parameters = cost.model.parameters
        items = list(parameters)
        if len(items) != len(names):
            raise FitOptionError(f"cost has {len(names)} parameters, {len(items)} settings given")
        if all(isinstance(p, ParameterSettings) for p in items):
            return tuple(items)
        return tuple(
            ParameterSettings(n, float(v), default_step(float(v)))
            for n, v in zip(names, items, strict=True)
        )
