"""The fit plan: every ROOT rule of ``TH1::Fit`` / ``TGraph::Fit`` decided once, as data.

:func:`plan_fit` is pure: from the parsed options, the model's traits and what the fit target
says about itself it decides which data options build the points, which cost is minimised,
whether ROOT's closed-form linear fitter (or its robust variant) replaces Minuit2, whether
automatic start values apply, whether errors are normalised, which steps follow the minimum,
and what ROOT's side effects will be (store, draw, print). Each decision is an enum or a flag
of the frozen :class:`FitPlan`; the rules are tested as a table. Warnings that ROOT's quirks
deserve (``WL`` on an unweighted histogram) are returned as ``notes`` for the caller to emit.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass

from rootfit.errors import FitOptionError
from rootfit.fitdata import DataOptions, ErrorType, FitTarget
from rootfit.functions import Model, StartRule
from rootfit.options import FitOptions, MinimizerOptions

__all__ = ["CostChoice", "ErrorScaling", "FitPlan", "Report", "SolverPath", "Storage", "plan_fit"]


class CostChoice(enum.Enum):
    """The statistic minimised (spec §3)."""

    CHI2 = "chi2"
    """Neyman χ² (unit errors for ``W``/``WW`` and data without errors)."""
    PEARSON = "pearson"
    """Pearson χ², expected errors, no weights (``P``)."""
    PEARSON_WEIGHTED = "pearson_weighted"
    """Pearson χ² with bin weights (``PW``)."""
    EFFECTIVE_CHI2 = "effective_chi2"
    """Effective-variance χ² (graphs with x errors or asymmetric errors)."""
    POISSON = "poisson"
    """Extended binned Poisson likelihood (``L``, and ``WL`` with its correction)."""
    MULTINOMIAL = "multinomial"
    """Binned multinomial likelihood (``MULTI``)."""
    UNBINNED = "unbinned"
    """Unbinned likelihood of events (plain, extended or normalised; ``WL``: corrected)."""
    USER = "user"
    """The user's objective function of the parameters and the fit points (``U``)."""


class SolverPath(enum.Enum):
    """Which kind of solver runs (spec §1.4)."""

    MINIMIZER = "minimizer"
    """The minimizer of the options (Minuit2 by default)."""
    LINEAR = "linear"
    """ROOT's closed-form linear fitter."""
    ROBUST = "robust"
    """Least trimmed squares of a linear model (``ROB``)."""


class ErrorScaling(enum.Enum):
    """Whether parameter errors are scaled after the fit (spec §3.2, §4.8)."""

    NONE = "none"
    CHI2_PER_NDF = "chi2_per_ndf"
    """Errors × √(χ²/ndf): least squares on data without errors (``W``, ``WW``, ``P``, TGraph)."""


class Report(enum.Enum):
    """What ROOT prints after a fit."""

    QUIET = "quiet"
    PRINT = "print"
    VERBOSE = "verbose"


class Storage(enum.Enum):
    """What ROOT attaches to the fitted object."""

    NONE = "none"
    """``N``: nothing."""
    STORE = "store"
    """A copy of the fitted function, drawn."""
    STORE_HIDDEN = "store_hidden"
    """``0``: a copy, not drawn."""


@dataclass(frozen=True)
class FitPlan:
    """Every decision of one fit.

    Attributes
    ----------
    options : FitOptions
        The parsed options (after ROOT's fallbacks, e.g. ``WL`` → ``L``).
    data_options : DataOptions
        How the fit points are built.
    error_type : ErrorType
        The error type the points will carry.
    cost : CostChoice
        The statistic.
    path : SolverPath
        Minimizer, linear fitter or robust fitter.
    minimizer : MinimizerOptions
        The options the Fitter runs with (type and algorithm set for the linear paths).
    start_rule : StartRule
        Automatic start values to apply (NONE when ``B`` or on the linear path).
    use_function_range : bool
        ``R``: fit in the function's range (unless a range is given).
    hesse, minos, weight_correction, gradient : bool
        Steps after (and help during) the minimization.
    error_scaling : ErrorScaling
        Normalisation of the errors.
    report : Report
        What is printed (ROOT's side effect).
    storage : Storage
        What is attached to the fitted object (ROOT's side effect).
    keep_previous : bool
        ``+``: previously attached functions stay.
    notes : tuple of str
        Warnings the caller emits (ROOT's quirks that keep ROOT's outcome).
    extended : bool
        Unbinned fits: add the model's integral over the range (extended likelihood).
    normalize : bool
        Unbinned fits: divide the model by its integral over the range.
    """

    options: FitOptions
    data_options: DataOptions
    error_type: ErrorType
    cost: CostChoice
    path: SolverPath
    minimizer: MinimizerOptions
    start_rule: StartRule
    use_function_range: bool
    hesse: bool
    minos: bool
    weight_correction: bool
    gradient: bool
    error_scaling: ErrorScaling
    report: Report
    storage: Storage
    keep_previous: bool
    notes: tuple[str, ...] = ()
    extended: bool = False
    normalize: bool = False


def _data_options(opts: FitOptions, model: Model, reduced: bool) -> DataOptions:
    return DataOptions(
        integral=opts.integral,
        bin_volume=opts.bin_volume,
        use_empty=bool(opts.likelihood or opts.pearson or opts.unit_errors == 2),
        unit_errors=opts.unit_errors > 0,
        expected_errors=opts.pearson > 0,
        coord_errors=not opts.ignore_x_errors and not model.traits.constant,
        last_axis_is_value=reduced,
    )


def _uses_linear_fitter(opts: FitOptions, model: Model, error_type: ErrorType) -> bool:
    """ROOT's rule (spec §1.4)."""
    excluded = (
        opts.bound or opts.likelihood or opts.minos or opts.gradient or opts.improve
        or opts.user_fcn or opts.integral or opts.force_minimizer
    )  # fmt: skip
    return model.traits.linear and not excluded and error_type < ErrorType.COORD


def _cost_choice(opts: FitOptions, error_type: ErrorType) -> CostChoice:
    if opts.user_fcn:
        return CostChoice.USER
    if opts.target == "unbinned":
        return CostChoice.UNBINNED
    if opts.likelihood == "multinomial":
        return CostChoice.MULTINOMIAL
    if opts.likelihood:
        return CostChoice.POISSON
    if opts.pearson:
        return CostChoice.PEARSON_WEIGHTED if opts.pearson == 2 else CostChoice.PEARSON
    if error_type >= ErrorType.COORD:
        return CostChoice.EFFECTIVE_CHI2
    return CostChoice.CHI2


_LEAST_SQUARES = (CostChoice.CHI2, CostChoice.PEARSON, CostChoice.EFFECTIVE_CHI2)


def plan_fit(
    options: FitOptions,
    model: Model,
    target: FitTarget,
    *,
    minimizer: MinimizerOptions | None = None,
    extended: bool | None = None,
    normalize: bool | None = None,
    scale_errors: bool | None = None,
) -> FitPlan:
    """Decide every rule of a ROOT-style fit.

    Parameters
    ----------
    options : FitOptions
        Parsed for ``target.kind``.
    model : Model
        The model (its traits decide linear path, start values, x-error use).
    target : FitTarget
        What is fitted (its error type under the data options, whether it is weighted).
    minimizer : MinimizerOptions, optional
        The base minimizer configuration (default: ROOT 6.40's).
    extended, normalize : bool, optional
        For event data: an extended likelihood (default False); the model divided by its
        integral over the range (default: when not extended). Binned data refuses them.
    scale_errors : bool, optional
        The one switch of the χ²/ndf error scaling: None follows ROOT (least squares on data
        without errors — ``W``, ``WW``, ``P``, graphs without errors — are scaled by
        √(χ²/ndf)); True scales any least-squares fit, False none. The result's covariance,
        and so every band computed from it, carries the scaling.

    Returns
    -------
    FitPlan

    Raises
    ------
    FitOptionError
        ``extended``/``normalize`` for binned data, or an extended normalised fit.
    """
    notes: list[str] = []
    opts = options
    unbinned = target.kind == "unbinned"
    if not unbinned and (extended is not None or normalize is not None):
        raise FitOptionError(
            "extended= and normalize= apply to unbinned fits of events; a binned likelihood "
            "is extended by default (option MULTI for the multinomial form)"
        )
    extended = bool(extended)
    as_density = (not extended) if normalize is None else bool(normalize)
    if unbinned and extended and as_density:
        raise FitOptionError(
            "an extended fit needs the density of expected events, not a normalised shape: "
            "use normalize=False with a model that has a yield (e.g. 'gausn' or '[N]*...')"
        )
    if opts.likelihood == "weighted":
        if not target.weighted:
            what = "events without weights" if unbinned else "a histogram without Σw² (unweighted)"
            notes.append(f"option WL on {what}: a plain likelihood fit is done (as ROOT)")
            opts = dataclasses.replace(opts, likelihood="unbinned" if unbinned else "poisson")
        elif opts.minos:
            notes.append(
                "Minos errors cannot be computed in weighted likelihood fits (as ROOT); Hesse "
                "errors are given"
            )
    reduced = target.kind == "histogram" and model.ndim == target.ndim - 1
    if reduced and (opts.integral or opts.likelihood or opts.pearson):
        notes.append(
            f"a {target.ndim}-D histogram fitted with a {model.ndim}-D function is a χ² fit of "
            "the last axis' bin centres: options I, L and P are ignored (as ROOT)"
        )
        opts = dataclasses.replace(opts, integral=False, likelihood=None, pearson=0)
    if unbinned and target.weighted and opts.likelihood != "weighted":
        notes.append(
            "weighted events fitted without option W: the errors are those of an unweighted "
            "fit; give option 'W' for the weighted-events correction (as ROOT's "
            "SetWeightCorrection)"
        )
    data_options = _data_options(opts, model, reduced)
    error_type = target.error_type(data_options)
    cost = _cost_choice(opts, error_type)
    path = SolverPath.MINIMIZER
    chosen = minimizer or MinimizerOptions.default()
    if _uses_linear_fitter(opts, model, error_type):
        path = SolverPath.LINEAR
        chosen = chosen.with_(minimizer_type="Linear")
        if opts.robust:  # honoured on the linear path only, as in ROOT
            path = SolverPath.ROBUST
            chosen = chosen.with_(algorithm="Robust").with_extra(
                robust_fraction=opts.robust_fraction
            )
    if opts.improve:  # ROOT: M switches to TMinuit with its IMPROVE search
        chosen = chosen.with_(minimizer_type="Minuit", algorithm="MigradImproved")
    if opts.verbose:
        chosen = chosen.with_(print_level=max(chosen.print_level, 3))
    normalize = (
        cost in _LEAST_SQUARES and error_type == ErrorType.NONE and path is not SolverPath.ROBUST
    ) or reduced  # ROOT forces the normalisation of a fit of one dimension less (spec §4.8)
    if scale_errors is not None:
        if scale_errors and cost not in _LEAST_SQUARES:
            raise FitOptionError(
                "scale_errors=True applies to least-squares fits; a likelihood's errors come "
                "from its curvature (errordef 0.5) and are not scaled by χ²/ndf"
            )
        normalize = bool(scale_errors)
    automatic = not opts.bound and path is SolverPath.MINIMIZER
    return FitPlan(
        options=opts,
        data_options=data_options,
        error_type=error_type,
        cost=cost,
        path=path,
        minimizer=chosen,
        start_rule=model.traits.start_rule if automatic else StartRule.NONE,
        use_function_range=opts.use_range,
        hesse=opts.minos,
        minos=opts.minos and opts.likelihood != "weighted",
        weight_correction=opts.likelihood == "weighted",
        gradient=opts.gradient,
        error_scaling=ErrorScaling.CHI2_PER_NDF if normalize else ErrorScaling.NONE,
        report=Report.VERBOSE if opts.verbose else (Report.QUIET if opts.quiet else Report.PRINT),
        storage=(
            Storage.NONE
            if opts.no_store
            else Storage.STORE_HIDDEN
            if opts.no_draw
            else Storage.STORE
        ),
        keep_previous=opts.add,
        notes=tuple(notes),
        extended=unbinned and extended,
        normalize=unbinned and as_density,
    )
