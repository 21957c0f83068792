"""``FitResult``: a frozen snapshot of a fit (ROOT::Fit::FitResult).

The result is data, not an engine: numbers, the options of the fit and a snapshot of the model
(the frozen :class:`~rootfit.functions.Model`, never the cost or the data arrays). Tools that
need the cost (scans, contours, bands) take it explicitly, e.g. from the
:class:`~rootfit.fitting.FitProblem` that produced the result. A result pickles, compares equal
after a round trip, and renders itself as ROOT's ``Print`` does (:mod:`rootfit.result.render`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit._distributions import chi2_sf
from rootfit.errors import ParameterKeyError, did_you_mean

__all__ = ["FitResult", "ParameterKeyError", "ParameterView"]


class ParameterView(Mapping[str, float]):
    """Read-only per-parameter numbers, indexable by name or by position.

    ``view["Mean"]``, ``view[1]`` and ``view[-1]`` all work; iteration yields the names (it is a
    mapping: ``"Mean" in view`` is True, ``10 in view`` False), ``np.asarray(view)`` gives the
    values.
    """

    __slots__ = ("_names", "_values")

    def __init__(self, names: tuple[str, ...], values: NDArray[np.float64]) -> None:
        self._names = tuple(names)
        self._values = np.array(values, dtype=np.float64)
        self._values.flags.writeable = False

    def __getitem__(self, key: int | str) -> float:
        if isinstance(key, str):
            try:
                return float(self._values[self._names.index(key)])
            except ValueError:
                raise ParameterKeyError(
                    f"no parameter {key!r}{did_you_mean(key, self._names)}; "
                    f"parameters are {list(self._names)}"
                ) from None
        try:
            i = operator.index(key)
        except TypeError:
            raise ParameterKeyError(
                f"parameters are indexed by name or position, not {type(key).__name__}"
            ) from None
        n = len(self._names)
        if not -n <= i < n:
            raise ParameterKeyError(f"parameter index {i} out of range for {n} parameters")
        return float(self._values[i])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ParameterView):
            return self._names == other._names and bool(
                np.array_equal(self._values, other._values, equal_nan=True)
            )
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ParameterView, (self._names, self._values))

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __array__(self, dtype: Any = None, copy: Any = None) -> NDArray[np.float64]:
        return np.array(self._values, dtype=dtype)

    def to_numpy(self) -> NDArray[np.float64]:
        """The values as a new array."""
        return self._values.copy()

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v:.6g}" for n, v in zip(self._names, self._values, strict=True))
        return f"ParameterView({inner})"


@dataclass(frozen=True, eq=False)
class FitResult:
    """Outcome of a fit.

    Attributes
    ----------
    parameter_names : tuple of str
        Parameter names in order.
    values, errors : ParameterView
        Best-fit values and parabolic errors (0 for fixed parameters).
    covariance : ndarray
        ``npar × npar`` covariance (rows and columns of fixed parameters are 0).
    fixed : tuple of bool
        Which parameters were fixed.
    bounds : tuple of (float, float) or None
        Limits of bounded parameters.
    min_fcn : float
        Value of the objective at the minimum.
    chi2 : float
        ROOT's ``Chi2()``: χ² for least squares, 2·NLL for binned likelihoods, -1 if undefined.
    ndf : int
        Degrees of freedom ``n_points - n_free`` (0 if negative).
    n_points : int
        Number of fitted points.
    edm : float
        Estimated distance to minimum (-1 if not applicable).
    ncalls : int
        Number of objective evaluations.
    status : int
        ROOT's status code (0 = success; Minuit2: migrad + 10·minos + 100·hesse).
    cov_status : int
        -1 not available, 0 not computed, 1 approximate, 2 forced pos-def, 3 accurate.
    valid : bool
        The minimizer's convergence flag.
    minimizer : str
        ``"Minuit2 / Migrad"``, ``"Linear / Migrad"``...
    minos : mapping of str to (float, float)
        Minos errors ``(lower, upper)`` (lower negative) of the parameters where Minos ran.
    normalized_errors : bool
        Errors were scaled by ``sqrt(chi2/ndf)`` (fits without data errors).
    errordef : float
        The statistic's rise that defined one-sigma errors (1 for χ², 0.5 for −log L, or the
        ErrorDef the options set).
    model : Model or None
        Snapshot of the fitted model (None for a cost without a model, e.g. a CostSum).
    options : FitOptions or None
        The parsed fit options (None for fits run directly through a Fitter).
    fit_range : DataRange or None
        The fit range (each axis restricted or not).
    trace : Trace or None
        With ``store_trace=True``: every parameter vector evaluated and the statistic there.
    cost : Cost or None
        The minimised cost (it holds the fitted data: ``result.data``); kept so that later
        tools (Hesse or Minos again, scans, contours, bands) work from the result alone. It is
        not part of equality.
    """

    parameter_names: tuple[str, ...]
    values: ParameterView
    errors: ParameterView
    covariance: NDArray[np.float64]
    fixed: tuple[bool, ...]
    bounds: tuple[tuple[float, float] | None, ...]
    min_fcn: float
    chi2: float
    ndf: int
    n_points: int
    edm: float
    ncalls: int
    status: int
    cov_status: int
    valid: bool
    minimizer: str
    minos: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    normalized_errors: bool = False
    errordef: float = 1.0
    model: Any = field(default=None, repr=False)
    options: Any = field(default=None, repr=False)
    fit_range: Any = field(default=None, repr=False)
    trace: Any = field(default=None, repr=False)
    cost: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        cov = np.array(self.covariance, dtype=np.float64)
        cov.flags.writeable = False
        object.__setattr__(self, "covariance", cov)
        object.__setattr__(self, "minos", dict(self.minos))

    @classmethod
    def failed(cls, status: int) -> FitResult:
        """The empty result of a fit that could not run (ROOT's negative ``TFitResultPtr``
        status: -1 no data, -3 no parameters)."""
        empty = np.empty(0)
        return cls(
            parameter_names=(),
            values=ParameterView((), empty),
            errors=ParameterView((), empty),
            covariance=np.zeros((0, 0)),
            fixed=(),
            bounds=(),
            min_fcn=float("nan"),
            chi2=float("nan"),
            ndf=0,
            n_points=0,
            edm=float("nan"),
            ncalls=0,
            status=int(status),
            cov_status=-1,
            valid=False,
            minimizer="",
        )

    def with_context(self, *, options: Any = None, fit_range: Any = None) -> FitResult:
        """The same result with the fit's options and range recorded."""
        new = object.__new__(FitResult)
        new.__dict__.update(self.__dict__, options=options, fit_range=fit_range)
        return new

    def replaced(self, **changes: Any) -> FitResult:
        """A copy with some fields changed (e.g. after Hesse or Minos ran again)."""
        new = object.__new__(FitResult)
        new.__dict__.update(self.__dict__)
        for name, value in changes.items():
            if name not in new.__dict__:
                raise AttributeError(f"FitResult has no field {name!r}")
            new.__dict__[name] = value
        new.__post_init__()
        return new

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FitResult):
            return NotImplemented
        for f in fields(self):
            if f.name == "cost":
                continue
            a, b = getattr(self, f.name), getattr(other, f.name)
            if isinstance(a, np.ndarray):
                if not np.array_equal(a, b, equal_nan=True):
                    return False
            elif a != b and not (isinstance(a, float) and a != a and b != b):
                return False
        return True

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt through the constructor, so the covariance is read-only again; a cost of a
        # user callable another process cannot import is left behind
        values = [getattr(self, f.name) for f in fields(self)]
        if self.cost is not None and not getattr(self.cost, "picklable", True):
            values[[f.name for f in fields(self)].index("cost")] = None
        return (FitResult, tuple(values))

    # ------------------------------------------------------------------ derived numbers
    @property
    def npar(self) -> int:
        """Total number of parameters."""
        return len(self.parameter_names)

    @property
    def nfree(self) -> int:
        """Number of free parameters."""
        return self.npar - sum(self.fixed)

    @property
    def prob(self) -> float:
        """``P(χ²_ndf > chi2)`` (1 when chi2 is undefined, as ROOT)."""
        if self.chi2 < 0:
            return 1.0
        if self.ndf <= 0:
            return 0.0
        return chi2_sf(self.chi2, self.ndf)

    @property
    def data(self) -> Any:
        """The fitted data (``BinData`` or ``UnBinData``), if the cost holds it."""
        return getattr(self.cost, "data", None)

    @property
    def global_cc(self) -> NDArray[np.float64]:
        """Global correlation coefficients ``sqrt(1 - 1/(C_ii·(C⁻¹)_ii))`` of the free
        parameters (-1 for fixed ones, and for all when the covariance is not available)."""
        out = np.full(self.npar, -1.0)
        free = np.array([not f for f in self.fixed])
        cov = self.covariance[np.ix_(free, free)]
        if cov.size == 0 or self.cov_status < 1:
            return out
        try:
            inverse = np.linalg.inv(cov)
        except np.linalg.LinAlgError:
            return out
        with np.errstate(divide="ignore", invalid="ignore"):
            rho2 = 1.0 - 1.0 / (np.diag(cov) * np.diag(inverse))
        out[free] = np.sqrt(np.clip(rho2, 0.0, 1.0))
        return out

    @property
    def correlation(self) -> NDArray[np.float64]:
        """Correlation matrix (0 rows/columns for fixed parameters, 1 on their diagonal)."""
        d = np.sqrt(np.diag(self.covariance))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = self.covariance / np.outer(d, d)
        corr = np.where(np.outer(d, d) > 0, corr, 0.0)
        np.fill_diagonal(corr, 1.0)
        return corr

    def lower_error(self, key: int | str) -> float:
        """Minos lower error (negative), or minus the parabolic error if Minos did not run."""
        name = self._name(key)
        if name in self.minos:
            return self.minos[name][0]
        return -self.errors[name]

    def upper_error(self, key: int | str) -> float:
        """Minos upper error, or the parabolic error if Minos did not run."""
        name = self._name(key)
        if name in self.minos:
            return self.minos[name][1]
        return self.errors[name]

    def _name(self, key: int | str) -> str:
        return key if isinstance(key, str) else self.parameter_names[key]

    def diagnose(self, tolerance: float = 0.01) -> Any:
        """Check what to trust in this result — convergence, EDM against its goal, covariance
        status, parameters within 1σ of a limit, Minos/Hesse asymmetry, χ² probability,
        correlations above 0.99 — each finding with advice
        (:mod:`rootfit.result.diagnostics`); ``print(result.diagnose())`` shows them."""
        from rootfit.result.diagnostics import diagnose

        return diagnose(self, tolerance)

    def plot(self, data: Any = None, path: Any = None, **options: Any) -> Any:
        """Draw the fit (:func:`rootfit.plotting.plot_fit`: curve over the fit range, band,
        statistics box, ``pulls="pull"``...) over ``data``, by default the points the fit used.

        Returns
        -------
        FitFigure
        """
        from rootfit.plotting import plot_fit

        if data is None:
            data = _fitted_points(self)
        return plot_fit(data, self, path, **options)

    def toys(
        self,
        n: int,
        rng: np.random.Generator,
        *,
        hesse: bool = False,
        minimizer: Any = None,
        executor: Any = None,
        progress: bool | None = None,
    ) -> Any:
        """Draw ``n`` data sets from the fitted model and refit each (a toy study).

        Parameters
        ----------
        n : int
            Number of toys.
        rng : numpy.random.Generator
            Source of the per-toy seeds (the study is the same on every executor).
        hesse : bool
            Run Hesse after each refit.
        minimizer : MinimizerOptions, optional
            For the refits.
        executor, progress
            Where the refits run (:mod:`rootfit.executors`) and the progress bar.

        Returns
        -------
        ToyStudy
            Values, errors and pulls per toy (``.table()``, ``.pull_summary()``).

        Examples
        --------
        >>> import numpy as np, rootfit as rf
        >>> h = rf.Histogram(40, -4, 4)
        >>> h.fill(np.random.default_rng(1).normal(size=4000))
        >>> study = rf.fit(h, "gaus", "L").toys(50, np.random.default_rng(2), executor="serial")
        >>> len(study), study.values().shape
        (50, (50, 3))
        """
        from rootfit.batch.toys import toy_study

        return toy_study(
            self, n, rng, hesse=hesse, minimizer=minimizer, executor=executor, progress=progress
        )

    # ------------------------------------------------------------------ rendering
    def to_string(self, option: str = "") -> str:
        """ROOT's ``FitResult::Print`` text (``option="V"`` adds the matrices)."""
        from rootfit.result.render import render_result

        return render_result(self, verbose="V" in option.upper())

    def print(self, option: str = "") -> None:
        """Print :meth:`to_string` (ROOT's ``Print``)."""
        print(self.to_string(option), end="")

    def __str__(self) -> str:
        return self.to_string()

    def _repr_html_(self) -> str:
        """Notebook view: the outcome, then one row per parameter (value, parabolic error,
        Minos errors, limits, fixed)."""
        from rootfit._html import table

        good, bad = "#c8f0c8", "#f0c8c8"
        summary = [
            ("valid", (str(self.valid), good if self.valid else bad)),
            ("status", self.status),
            ("minimizer", self.minimizer),
            ("min FCN", f"{self.min_fcn:.8g}"),
            ("EDM", f"{self.edm:.3g}"),
            ("calls", self.ncalls),
        ]
        if self.chi2 >= 0 and self.ndf > 0:
            summary.append(("χ²/ndf", f"{self.chi2:.5g} / {self.ndf}"))
            summary.append(("Prob", f"{chi2_sf(self.chi2, self.ndf):.4g}"))
        rows = []
        for i, name in enumerate(self.parameter_names):
            lower, upper = self.minos.get(name, (None, None))
            bounds = self.bounds[i]
            rows.append(
                [
                    i,
                    name,
                    f"{self.values[i]:.6g}",
                    f"{self.errors[i]:.3g}",
                    "" if lower is None else f"{lower:.3g}",
                    "" if upper is None else f"{upper:.3g}",
                    "" if bounds is None else f"[{bounds[0]:.4g}, {bounds[1]:.4g}]",
                    "yes" if self.fixed[i] else "",
                ]
            )
        header = ["", "name", "value", "error", "Minos −", "Minos +", "limits", "fixed"]
        return table([[k, v] for k, v in summary], caption="FitResult") + table(rows, header)

    def __repr__(self) -> str:
        pars = ", ".join(
            f"{n}={self.values[n]:.6g}±{self.errors[n]:.3g}" for n in self.parameter_names
        )
        return (
            f"FitResult(valid={self.valid}, status={self.status}, chi2={self.chi2:.6g}, "
            f"ndf={self.ndf}, {pars})"
        )


def _fitted_points(result: FitResult) -> Any:
    """The points a 1-D fit used, as a graph (values and errors as fitted)."""
    from rootfit.errors import DataError
    from rootfit.hist import Graph

    data = getattr(result.cost, "data", None)
    values = getattr(data, "values", None)
    if data is None or values is None or np.ndim(data.coords) != 2 or data.coords.shape[1] != 1:
        raise DataError("give the data to draw: this result keeps no 1-D fitted points")
    errors = data.errors
    return Graph(data.coords[:, 0], values, yerr=errors)
