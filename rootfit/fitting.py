"""``fit(data, function, option)``: the pipeline behind ``Histogram.fit`` and ``Graph.fit``
(ROOT's ``HFit::Fit``).

It holds no numerics of its own; it wires the layers together once per call:

1. parse the option string (:func:`~rootfit.options.parse_fit_options`);
2. resolve the model (:class:`~rootfit.Function`);
3. build the fit data with ROOT's filling rules (:mod:`rootfit.fitdata.filling`);
4. choose the path (closed-form linear fit or Minuit2) and apply ROOT's automatic start
   values for predefined functions;
5. build the cost, run the :class:`~rootfit.Fitter`;
6. update the function (ROOT updates the TF1 it is given), attach a copy to the data object
   (unless ``N``; previous functions are replaced unless ``+``), print unless ``Q``.
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any, Literal

import numpy as np

from rootfit.costs import Chi2, Cost, EffectiveChi2, PearsonChi2, PoissonLikelihood
from rootfit.errors import DataError, FitOptionError, FitWarning, FunctionError
from rootfit.fitdata import BinData, DataOptions, ErrorType
from rootfit.fitdata.filling import (
    bin_data_from_graph,
    bin_data_from_graph2d,
    bin_data_from_histogram,
    check_not_empty,
)
from rootfit.fitter import Fitter
from rootfit.fitter.parameters import settings_from_function
from rootfit.functions import Function, init_expo, init_gaus
from rootfit.functions.predefined import init_2d_gaus
from rootfit.hist import Graph, Graph2D, Histogram, MultiGraph, Profile
from rootfit.options import FitOptions, MinimizerOptions, parse_fit_options
from rootfit.result import FitResult

__all__ = ["fit", "resolve_function"]

#: Options whose behaviour later work will add: (flag name, letters, what it does).
_NOT_YET = (
    ("improve", "M", "TMinuit 'improve' search"),
    ("user_fcn", "U", "user-defined objective"),
)


def resolve_function(function: Any, ndim: int = 1) -> Function:
    """Turn a name, formula, callable or Function into the Function to fit.

    A :class:`Function` is returned as is (the fit updates it in place, as ROOT updates the
    TF1 it is given); anything else creates a fresh one.
    """
    if isinstance(function, Function):
        model = function
    elif isinstance(function, str) or callable(function):
        model = Function(function, ndim=ndim if callable(function) else None)
    else:
        raise FunctionError(
            f"cannot fit {type(function).__name__!r}: give a predefined name, a formula, "
            "a callable or a rootfit.Function"
        )
    if model.ndim != ndim:
        raise FunctionError(
            f"function {model.name!r} has {model.ndim} variable(s) but the data is {ndim}-dimensional"
        )
    return model


def _check_supported(opts: FitOptions) -> None:
    for flag, letters, meaning in _NOT_YET:
        if getattr(opts, flag):
            raise FitOptionError(
                f"fit option {letters} ({meaning}) in {opts.text!r} is not supported yet"
            )


def _data_options(opts: FitOptions, model: Function) -> DataOptions:
    return DataOptions(
        integral=opts.integral,
        bin_volume=opts.bin_volume,
        use_empty=bool(opts.likelihood or opts.pearson or opts.unit_errors == 2),
        unit_errors=opts.unit_errors > 0,
        expected_errors=opts.pearson > 0,
        coord_errors=not opts.ignore_x_errors and model.number != 300,
    )


def _build_data(
    obj: Histogram | Profile | Graph | Graph2D | MultiGraph,
    opts: FitOptions,
    model: Function,
    fit_range: tuple[float, float] | None,
    nan_policy: Literal["raise", "omit"],
) -> BinData:
    data_opts = _data_options(opts, model)
    if isinstance(obj, Histogram | Profile):
        data = bin_data_from_histogram(obj, data_opts, fit_range, nan_policy=nan_policy)
    elif isinstance(obj, Graph2D):
        data = bin_data_from_graph2d(obj, data_opts, fit_range, nan_policy=nan_policy)
    else:
        points = obj.merged() if isinstance(obj, MultiGraph) else obj
        data = bin_data_from_graph(points, data_opts, fit_range, nan_policy=nan_policy)
    check_not_empty(data, f"{type(obj).__name__} {obj.name!r}".replace(" ''", ""))
    return data


def _uses_linear_fitter(opts: FitOptions, model: Function, data: BinData) -> bool:
    """ROOT's rule (spec §1.4)."""
    excluded = (
        opts.bound or opts.likelihood or opts.minos or opts.gradient or opts.improve
        or opts.user_fcn or opts.integral or opts.force_minimizer
    )  # fmt: skip
    return model.linear and not excluded and data.error_type < ErrorType.COORD


def _initialise(model: Function, data: BinData) -> None:
    """ROOT's automatic start values of predefined functions (spec §6.1)."""
    x, y = data.coords[:, 0], data.values
    if model.number in (110, 112, 410) and data.ndim >= 2:  # xygaus, bigaus, xylandau
        init2 = init_2d_gaus(data.coords[:, 0], data.coords[:, 1], y)
        if init2 is not None:
            values, limits_x, limits_y = init2
            model.set_parameters(np.concatenate([values, model.parameters[5:]]))
            model.set_limits(2, *limits_x)
            model.set_limits(4, *limits_y)
        return
    if model.number in (100, 400):  # gaus, gausn, landau, landaun
        init = init_gaus(x, y)
        if init is not None:
            values, (lo, hi) = init
            model.set_parameters(values)
            model.set_limits(2, lo, hi)
    elif model.number == 200:
        expo = init_expo(x, y)
        if expo is not None:
            model.set_parameters(expo)


def _make_cost(opts: FitOptions, model: Function, data: BinData) -> Cost:
    if opts.likelihood:
        return PoissonLikelihood(data, model, extended=opts.likelihood != "multinomial")
    if opts.pearson:
        return PearsonChi2(data, model, weighted=opts.pearson == 2)
    if data.error_type >= ErrorType.COORD:
        return EffectiveChi2(data, model)
    return Chi2(data, model)


def _drawing_range(obj: Histogram | Profile | Graph | Graph2D | MultiGraph, fit_range: Any) -> Any:
    """The fit range, else the visible window of each axis (ROOT's GetDrawingRange); 1-D
    objects give ``(lo, hi)``, 2-D/3-D ones a ``(lo, hi)`` per axis."""
    ndim = obj.ndim
    given: list[Any] = [None] * ndim
    if fit_range is not None:
        given = [fit_range] + [None] * (ndim - 1) if np.ndim(fit_range[0]) == 0 else list(fit_range)
    if isinstance(obj, Histogram | Profile):
        windows = []
        for axis in obj.axes:
            first, last = max(axis.first, 1), min(axis.last, axis.nbins)
            windows.append((float(axis.bin_low_edge(first)), float(axis.bin_up_edge(last))))
    elif isinstance(obj, Graph2D):
        windows = [
            (float(obj.x.min()), float(obj.x.max())),
            (float(obj.y.min()), float(obj.y.max())),
        ]
    else:
        points = obj.merged() if isinstance(obj, MultiGraph) else obj
        windows = [(float(points.x.min()), float(points.x.max()))]
    ranges = [tuple(g) if g is not None else w for g, w in zip(given, windows, strict=True)]
    return ranges[0] if ndim == 1 else tuple(ranges)


def fit(
    obj: Histogram | Profile | Graph | Graph2D | MultiGraph,
    function: Any,
    option: str | FitOptions = "",
    *,
    range: Any = None,
    minimizer: MinimizerOptions | None = None,
    nan_policy: Literal["raise", "omit"] = "raise",
) -> FitResult:
    """Fit ``function`` to a histogram, profile or graph with ROOT's semantics.

    Parameters
    ----------
    obj : Histogram, Profile, Graph, Graph2D or MultiGraph
        The data.
    function : str or Function or callable
        Model.
    option : str
        ROOT option letters.
    range : (float, float) or sequence of (float, float), optional
        Fit range in x (used when lo < hi), or one range per axis; otherwise the function
        range with ``R``.
    minimizer : MinimizerOptions, optional
        Minimizer configuration.
    nan_policy : {"raise", "omit"}
        Non-finite data.

    Returns
    -------
    FitResult
    """
    if isinstance(obj, Histogram | Profile):
        target: Literal["histogram", "graph"] = "histogram"
    elif isinstance(obj, Graph | Graph2D | MultiGraph):
        target = "graph"
    else:
        raise DataError(
            f"cannot fit a {type(obj).__name__}; give a Histogram, Profile, Graph, Graph2D or MultiGraph"
        )
    opts = parse_fit_options(option, target)
    _check_supported(opts)
    if opts.likelihood == "weighted":
        if not getattr(obj, "has_sumw2", False):
            warnings.warn(
                "option WL on a histogram without Σw² (unweighted): a plain likelihood fit is done (as ROOT)",
                FitWarning,
                stacklevel=2,
            )
            opts = dataclasses.replace(opts, likelihood="poisson")
        elif opts.minos:
            warnings.warn(
                "Minos errors cannot be computed in weighted likelihood fits (as ROOT); Hesse errors are given",
                FitWarning,
                stacklevel=2,
            )
    model = resolve_function(function, ndim=obj.ndim)

    fit_range: Any = None
    if range is not None:
        fit_range = range
        if np.ndim(range[0]) == 0:
            lo, hi = (float(v) for v in range)
            fit_range = (lo, hi) if lo < hi else None
    elif opts.use_range:
        if model.range is None:
            raise FitOptionError(
                f"option R uses the function range, but function {model.name!r} has none; "
                "give Function(..., range=(lo, hi)) or range= to fit"
            )
        fit_range = model.range

    data = _build_data(obj, opts, model, fit_range, nan_policy)
    linear = _uses_linear_fitter(opts, model, data)
    if model.number and not opts.bound and not linear:
        _initialise(model, data)

    cost = _make_cost(opts, model, data)
    options = minimizer or MinimizerOptions.default()
    robust = None
    if linear:
        options = options.with_(minimizer_type="Linear")
        if opts.robust:  # honoured on the linear path only, as in ROOT
            robust = opts.robust_fraction
            h_text = f" (h={opts.robust_fraction:g})" if 0 < opts.robust_fraction < 1 else ""
            options = options.with_(algorithm="Robust" + h_text)
    if opts.verbose:
        options = options.with_(print_level=max(options.print_level, 3))
    normalize = (
        cost.kind == "least_squares"
        and data.error_type == ErrorType.NONE
        and opts.pearson != 2
        and robust is None
    )
    result = Fitter(options).fit(
        cost,
        settings_from_function(model),
        hesse=opts.minos,
        minos=opts.minos and opts.likelihood != "weighted",
        normalize_errors=normalize,
        gradient=opts.gradient,
        weight_correction=opts.likelihood == "weighted",
        robust=robust,
    )

    model.set_parameters(result.values.to_numpy())
    model.set_errors(result.errors.to_numpy())
    model.chi2, model.ndf, model.n_fit_points = result.chi2, result.ndf, result.n_points
    if not opts.no_store:
        stored = model.copy()
        stored.range = _drawing_range(obj, fit_range)
        stored.drawable = not opts.no_draw
        if not opts.add:
            obj.functions[:] = [f for f in obj.functions if not isinstance(f, Function)]
        obj.functions.append(stored)
    if not opts.quiet:
        result.print("V" if opts.verbose else "")
    return result
