"""The robustness battery: bad input gets a clear error naming the problem, and a fit that did
not do its job says so (``valid=False``, ROOT's status, a warning of a specific class).

Each row is ``(id, action, expectation)``: :class:`Raises` (the exception class and a message
fragment), :class:`Invalid` (a result with ``valid=False``, optionally ROOT's status, and the
warning class and fragment that say why) or :class:`Warns` (a usable outcome with a warning).
"""

from __future__ import annotations

import pickle
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

import rootfit as rf
import rootfit.io
from rootfit import compat as ROOT
from rootfit.compat import session
from rootfit.costs import CostSum, GaussianConstraint, UnbinnedNLL
from rootfit.errors import (
    ConvergenceWarning,
    DataError,
    DataFileError,
    DataWarning,
    EmptyFitDataError,
    FitError,
    FitOptionError,
    FitWarning,
    FunctionError,
    LimitWarning,
    MissingFileError,
    NoParametersError,
    ParameterKeyError,
    RootfitError,
    RootfitWarning,
    StartValueWarning,
    UnpicklableModelError,
)
from rootfit.fitdata import BinData, UnBinData

from .cases import G, X, Y, gaus_at, graph, hist, with_nan


@dataclass(frozen=True)
class Raises:
    error: type[BaseException]
    match: str


@dataclass(frozen=True)
class Invalid:
    warning: type[Warning]
    match: str
    status: int | None = None


@dataclass(frozen=True)
class Warns:
    warning: type[Warning]
    match: str


Case = tuple[str, Callable[[], Any], Any]
CASES: list[Case] = []


def case(name: str, expectation: Any) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    def register(action: Callable[[], Any]) -> Callable[[], Any]:
        CASES.append((name, action, expectation))
        return action

    return register


def add(name: str, action: Callable[[], Any], expectation: Any) -> None:
    CASES.append((name, action, expectation))


# -- data: NaN and inf (raise by default, omit with a DataWarning) -------------------------------
for field in ("x", "y", "yerr", "xerr"):
    for value in (np.nan, np.inf):

        def _graph(field=field, value=value, policy="raise"):
            kw = {"x": X, "y": Y, "yerr": np.full(10, 0.2), "xerr": np.full(10, 0.1)}
            kw[field] = with_nan(kw[field], 4, value)
            return rf.fit(rf.Graph(**kw), "pol1", nan_policy=policy)

        add(f"graph {field}={value} raises", _graph, Raises(DataError, "non-finite"))
        add(
            f"graph {field}={value} omitted",
            lambda f=_graph: f(policy="omit"),
            Warns(DataWarning, "dropped 1 fit point"),
        )
add(
    "graph2d z NaN",
    lambda: rf.fit(
        rf.Graph2D([0, 1, 2, 3, 4], [0, 1, 0, 1, 0], [1, np.nan, 2, 3, 4]), "[0]+[1]*x+[2]*y"
    ),
    Raises(DataError, "non-finite"),
)
add(
    "histogram content NaN",
    lambda: rf.fit((lambda h: (h.set_value(5, np.nan), h)[1])(hist()), "gaus"),
    Raises(DataError, "non-finite values"),
)
add(
    "histogram content NaN omitted",
    lambda: rf.fit((lambda h: (h.set_value(5, np.nan), h)[1])(hist()), "gaus", nan_policy="omit"),
    Warns(DataWarning, "dropped 1 fit point"),
)
add(
    "histogram error inf",
    lambda: rf.fit((lambda h: (h.set_error(5, np.inf), h)[1])(hist()), "gaus"),
    Raises(DataError, "non-finite errors"),
)
add(
    "events NaN",
    lambda: rf.fit(with_nan(np.random.default_rng(1).normal(size=50)), "gaus"),
    Raises(DataError, "non-finite"),
)
add(
    "events NaN omitted",
    lambda: rf.fit(with_nan(np.random.default_rng(1).normal(size=200)), "gaus", nan_policy="omit"),
    Warns(DataWarning, "dropped 1 event"),
)
add(
    "event weights NaN",
    lambda: UnBinData([1.0, 2.0, 3.0], [1.0, np.nan, 1.0]),
    Raises(DataError, "non-finite"),
)
add(
    "bindata values inf",
    lambda: BinData([0.0, 1.0], [1.0, np.inf]),
    Raises(DataError, "non-finite values"),
)
add(
    "fill NaN", lambda: rf.Histogram(10, 0, 1).fill([0.5, np.nan]), Raises(DataError, "contain NaN")
)
add(
    "fill NaN omitted",
    lambda: rf.Histogram(10, 0, 1).fill([0.5, np.nan], nan_policy="omit"),
    Warns(DataWarning, "dropped 1 fill value"),
)
add(
    "fill NaN weight",
    lambda: rf.Histogram(10, 0, 1).fill([0.5, 0.6], weights=[1.0, np.nan]),
    Raises(DataError, "weights contain NaN"),
)
add(
    "fill bad nan_policy",
    lambda: rf.Histogram(10, 0, 1).fill([0.5], nan_policy="ignore"),
    Raises(DataError, "nan_policy"),
)
add(
    "fit bad nan_policy",
    lambda: rf.fit(hist(), "gaus", nan_policy="drop"),
    Raises(DataError, "nan_policy"),
)

# -- data: not numbers ---------------------------------------------------------------------------
for label, bad in (
    ("strings", ["a", "b", "c"]),
    ("None", [1.0, None, 2.0]),
    ("objects", [1.0, object(), 2.0]),
):
    add(
        f"graph x {label}",
        lambda bad=bad: rf.Graph(bad, [1.0, 2.0, 3.0]),
        Raises(DataError, "x must be numbers"),
    )
    add(
        f"graph yerr {label}",
        lambda bad=bad: rf.Graph([1.0, 2, 3], [1.0, 2, 3], yerr=bad),
        Raises(DataError, "must be numbers"),
    )
    add(
        f"fill {label}",
        lambda bad=bad: rf.Histogram(10, 0, 1).fill(bad),
        Raises(DataError, "fill values must be numbers"),
    )
    add(
        f"set_values {label}",
        lambda bad=bad: rf.Histogram(3, 0, 1).set_values(bad),
        Raises(DataError, "values must be numbers"),
    )
    add(
        f"bindata {label}",
        lambda bad=bad: BinData([0.0, 1, 2], bad),
        Raises(DataError, "values must be numbers"),
    )
    add(
        f"events {label}",
        lambda bad=bad: rf.fit(UnBinData(bad), "gaus"),
        Raises(DataError, "events must be numbers"),
    )
add(
    "fill weights strings",
    lambda: rf.Histogram(10, 0, 1).fill([0.1, 0.2], weights=["a", "b"]),
    Raises(DataError, "weights must be numbers"),
)
add(
    "from_counts strings",
    lambda: rf.Histogram.from_counts(["1", "x"], [0, 1, 2]),
    Raises(DataError, "counts must be numbers"),
)
add(
    "graph2d strings",
    lambda: rf.Graph2D([0, 1], [0, 1], ["a", "b"]),
    Raises(DataError, "z must be numbers"),
)
add(
    "edges strings",
    lambda: rf.Histogram(edges=["a", "b"]),
    Raises(DataError, "edges must be numbers"),
)

# -- data: shapes and dimensions ----------------------------------------------------------------
add("graph x/y lengths", lambda: rf.Graph([1, 2, 3], [1, 2]), Raises(DataError, "equal length"))
add(
    "graph yerr length",
    lambda: rf.Graph([1, 2, 3], [1, 2, 3], yerr=[1, 2]),
    Raises(DataError, "yerr has shape"),
)
add(
    "graph xerr length",
    lambda: rf.Graph([1, 2, 3], [1, 2, 3], xerr=[1, 2, 3, 4]),
    Raises(DataError, "xerr has shape"),
)
add(
    "graph2d lengths",
    lambda: rf.Graph2D([0, 1], [0, 1, 2], [1, 2]),
    Raises(DataError, "equal length"),
)
add("bindata lengths", lambda: BinData([1.0, 2.0], [1.0]), Raises(DataError, "values has shape"))
add(
    "bindata errors length",
    lambda: BinData([1.0, 2.0], [1.0, 2.0], errors=[1.0]),
    Raises(DataError, "errors has 1 entries"),
)
add(
    "fill weights length",
    lambda: rf.Histogram(10, 0, 1).fill([0.1, 0.2], weights=[1.0]),
    Raises(DataError, "weights length"),
)
add(
    "fill 2-D with one array",
    lambda: rf.Histogram(rf.Axis(2, 0, 1), rf.Axis(2, 0, 1)).fill([0.1, 0.2]),
    Raises(DataError, "coordinate array"),
)
add(
    "fill coordinate lengths",
    lambda: rf.Histogram(rf.Axis(2, 0, 1), rf.Axis(2, 0, 1)).fill([0.1], [0.2, 0.3]),
    Raises(DataError, "differ in length"),
)
add(
    "set_values shape",
    lambda: rf.Histogram(3, 0, 1).set_values([1, 2]),
    Raises(DataError, "expected values of shape (3,)"),
)
add(
    "from_counts edges",
    lambda: rf.Histogram.from_counts([1, 2, 3], [0, 1]),
    Raises(DataError, "3 counts need 4 edges"),
)
add(
    "event weights length",
    lambda: UnBinData([1.0, 2.0], [1.0]),
    Raises(DataError, "weights have shape"),
)
add(
    "events 3-D array",
    lambda: UnBinData(np.zeros((2, 2, 2))),
    Raises(DataError, "events must have shape"),
)
add(
    "model of wrong dimension",
    lambda: rf.fit(hist(), "xygaus"),
    Raises(FunctionError, "2 variable"),
)
add("fit a list", lambda: rf.fit([1, 2, 3], "gaus"), Raises(DataError, "cannot fit a list"))
add("fit None", lambda: rf.fit(None, "gaus"), Raises(DataError, "cannot fit a NoneType"))
add(
    "negative errors",
    lambda: rf.Graph([1, 2, 3], [1, 2, 3], yerr=[1, -1, 1]),
    Raises(DataError, "yerr must be >= 0"),
)

# -- histogram construction ---------------------------------------------------------------------
for args, frag in (((0, 0, 1), "positive integer"), ((-3, 0, 1), "positive integer"), ((2.5, 0, 1), "positive integer"),
                   (("ten", 0, 1), "positive integer"), ((10, 1, 0), "lo < hi"), ((10, 1, 1), "lo < hi"),
                   ((10, np.nan, 1), "finite"), ((10, 0, np.inf), "finite")):  # fmt: skip
    add(f"Histogram{args}", lambda args=args: rf.Histogram(*args), Raises(DataError, frag))
for edges, frag in (
    ([0, 2, 1], "strictly increasing"),
    ([0, 1, 1], "strictly increasing"),
    ([0], "at least 2 values"),
    ([0, np.nan, 1], "finite"),
):
    add(f"edges {edges}", lambda edges=edges: rf.Histogram(edges=edges), Raises(DataError, frag))

# -- empty data ----------------------------------------------------------------------------------
add(
    "empty histogram",
    lambda: rf.fit(rf.Histogram(10, 0, 1), "gaus"),
    Raises(EmptyFitDataError, "fit data is empty"),
)
add(
    "all bins empty in range",
    lambda: rf.fit(hist(), "gaus", range=(-5, -4.6)),
    Raises(EmptyFitDataError, "empty"),
)
add(
    "events outside range",
    lambda: rf.fit(np.array([1.0, 2.0]), "gaus", range=(5, 6)),
    Raises(EmptyFitDataError, "no events"),
)
add(
    "empty graph",
    lambda: rf.fit(rf.Graph([], []), "pol1"),
    Raises(EmptyFitDataError, "fit data is empty"),
)
add("empty events", lambda: rf.fit(np.array([]), "gaus"), Raises(EmptyFitDataError, "0 events"))
add(
    "one point, three parameters",
    lambda: rf.fit(hist(), "gaus", range=(1.0, 1.2)),
    Invalid(DataWarning, "only 1 data points"),
)
add(
    "pol5 on 4 bins",
    lambda: rf.fit(rf.Histogram.from_counts([1, 2, 3, 4], np.linspace(0, 1, 5)), "pol5"),
    Invalid(DataWarning, "6 free parameters but only 4"),
)
add(
    "two points, a line",
    lambda: rf.fit(rf.Graph([1.0, 2.0], [1.0, 3.0]), "pol1"),
    Warns(DataWarning, "as many free parameters as data points"),
)
add(
    "negative contents with L",
    lambda: rf.fit(
        rf.Histogram.from_counts([3, -2, 5, 6, 4, 7], np.linspace(0, 1, 7)), "pol1", "L"
    ),
    Warns(DataWarning, "negative contents"),
)

# -- ranges ------------------------------------------------------------------------------------------
for rng, frag in (((5, 2), "reversed"), ((1, 1), "empty"), ((0, np.nan), "NaN"), ((0, 1, 2), "pair"),
                  ("0:1", "range must be"), ([(0, 1), (2, 3)], "several intervals"),
                  ([(0, 1), None, None], "3 axes"), ((None, 1), "two numbers")):  # fmt: skip
    add(
        f"range {rng!r}", lambda rng=rng: rf.fit(hist(), "gaus", range=rng), Raises(DataError, frag)
    )
add(
    "range outside the axis",
    lambda: rf.fit(hist(), "gaus", range=(10, 20)),
    Raises(EmptyFitDataError, "empty"),
)

# -- options -----------------------------------------------------------------------------------------
for opt, frag in (("Z", "unknown fit option 'Z'"), ("QK", "unknown fit option 'K'"), ("LQJ", "unknown fit option 'J'"),
                  ("ROB", "graph fits only"), ("EX0", "graph fits only"), ("U", "objective")):  # fmt: skip
    add(
        f"option {opt!r}", lambda opt=opt: rf.fit(hist(), "gaus", opt), Raises(FitOptionError, frag)
    )
for opt in (5, ["L"], b"L", 1.5):
    add(
        f"option {opt!r}",
        lambda opt=opt: rf.fit(hist(), "gaus", opt),
        Raises(FitOptionError, "fit options are a string"),
    )
add(
    "binned option on events",
    lambda: rf.fit(np.random.default_rng(1).normal(size=50), "gaus", "I"),
    Raises(FitOptionError, "binned data only"),
)
add(
    "extended on a histogram",
    lambda: rf.fit(hist(), "gaus", extended=True),
    Raises(FitOptionError, "apply to unbinned"),
)
add(
    "extended and normalised",
    lambda: rf.fit(
        np.random.default_rng(1).normal(size=50), "gausn", extended=True, normalize=True
    ),
    Raises(FitOptionError, "extended fit needs"),
)
add(
    "R without a function range",
    lambda: rf.fit(hist(), "gaus", "R"),
    Raises(FitOptionError, "has none"),
)
add(
    "histogram option on a graph",
    lambda: rf.fit(graph(yerr=np.full(10, 0.2)), "pol1", "LQ"),
    Warns(FitWarning, "not valid for graphs"),
)
add(
    "WL on an unweighted histogram",
    lambda: rf.fit(hist(), "gaus", "WL"),
    Warns(FitWarning, "plain likelihood"),
)

# -- minimizer options ---------------------------------------------------------------------------
for kw, frag in (({"strategy": 3}, "strategy"), ({"tolerance": 0}, "tolerance"), ({"tolerance": -1}, "tolerance"),
                 ({"max_function_calls": -5}, "max_function_calls"), ({"error_def": 0}, "error_def"),
                 ({"minimizer_type": 7}, "strings")):  # fmt: skip
    add(
        f"MinimizerOptions({kw})",
        lambda kw=kw: rf.MinimizerOptions(**kw),
        Raises(FitOptionError, frag),
    )
for kind, algo, frag in (("Hooke", "", "not supported yet"), ("Minuit2", "Newton", "algorithm"),
                         ("GSLMultiMin", "Newton", "GSLMultiMin algorithm"), ("scipy", "Hooke", "not one of scipy"),
                         ("Minuit", "Seek", "algorithm")):  # fmt: skip
    add(
        f"minimizer {kind}/{algo}",
        lambda kind=kind, algo=algo: rf.fit(
            hist(), "gaus", minimizer=rf.MinimizerOptions(minimizer_type=kind, algorithm=algo)
        ),
        Raises(FitOptionError, frag),
    )
add(
    "LM on a likelihood",
    lambda: rf.fit(
        hist(), "gaus", "L", minimizer=rf.MinimizerOptions(minimizer_type="GSLMultiFit")
    ),
    Raises(FitOptionError, "cannot minimise a PoissonLikelihood"),
)
add(
    "linear on a likelihood",
    lambda: rf.Fitter(rf.MinimizerOptions(minimizer_type="Linear")).fit(
        rf.PoissonLikelihood(BinData([0.5, 1.5], [2.0, 3.0]), rf.Function("pol1")), [1.0, 1.0]
    ),
    Raises(FitOptionError, "cannot minimise"),
)
add(
    "Fumili on a user objective",
    lambda: rf.Fitter(rf.MinimizerOptions(minimizer_type="Fumili")).fit(
        rf.CallableCost(lambda p: p[0] ** 2, ["a"]), [1.0]
    ),
    Raises(FitOptionError, "sum of point terms"),
)
add(
    "Minos from the linear fitter",
    lambda: rf.Fitter(rf.MinimizerOptions(minimizer_type="Linear")).fit(
        rf.Chi2(BinData([0.0, 1, 2], [1.0, 2, 3], errors=[1.0] * 3), rf.Function("pol1")),
        [0.0, 1.0],
        minos=True,
    ),
    Raises(FitOptionError, "Minos"),
)
add(
    "gradient without one",
    lambda: rf.fit(graph(yerr=np.full(10, 0.2), xerr=np.full(10, 0.1)), "pol1", "G"),
    Raises(FitOptionError, "no analytic gradient"),
)

# -- functions and parameters --------------------------------------------------------------------
for text, frag in (("gauss", "did you mean 'gaus'"), ("expo(", "expected"), ("[0]*", "unexpected end of formula"), ("x+*2", "unexpected '*'"),
                   ("sin(x", "expected ',' or ')'"), ("foo(x)", "unknown"), ("[0]**[", "unexpected character '['"), ("", "empty formula"),
                   ("x" * 20001, "characters long"), ("+".join(["[0]*x"] * 300), "operations deep"),
                   ("(" * 2000 + "x" + ")" * 2000, "nested too deeply"), ("[a]*y", "2 variable(s)")):  # fmt: skip
    add(
        f"formula {text[:20]!r}",
        lambda text=text: rf.fit(hist(), text),
        Raises(FunctionError, frag),
    )
add("formula not a string", lambda: rf.Function(3.5), Raises(FunctionError, "not float"))
add("no parameters", lambda: rf.fit(hist(), "x*2"), Raises(NoParametersError, "no parameters"))
add(
    "parameter index",
    lambda: rf.Function("gaus").set_parameter(7, 1.0),
    Raises(FunctionError, "out of range"),
)
add(
    "parameter name",
    lambda: rf.Function("gaus").set_parameter("Meen", 1.0),
    Raises(FunctionError, "did you mean 'Mean'"),
)
add(
    "limits low > high",
    lambda: rf.Function("gaus").set_limits("Mean", 2, 1),
    Raises(FunctionError, "impossible limits"),
)
add(
    "limits NaN",
    lambda: rf.Function("gaus").set_limits("Mean", np.nan, 1),
    Raises(FunctionError, "impossible limits"),
)
add(
    "start outside limits",
    lambda: rf.fit(hist(), gaus_at(50, 0.4, 1.5, limits=("Mean", 1.0, 2.0)), "B"),
    Raises(FitError, "outside its limits"),
)
add(
    "start not finite",
    lambda: rf.fit(hist(), gaus_at(50, np.inf, 1.5), "B"),
    Raises(FitError, "not finite"),
)
add(
    "call-site start unknown",
    lambda: rf.fit(hist(), "gaus", start={"Meen": 0}),
    Raises(FunctionError, "did you mean 'Mean'"),
)
add(
    "call-site limits impossible",
    lambda: rf.fit(hist(), "gaus", limits={"Sigma": (3, 1)}),
    Raises(FunctionError, "impossible limits"),
)
add(
    "call-site fix unknown",
    lambda: rf.fit(hist(), "gaus", fix=["Sigm"]),
    Raises(FunctionError, "did you mean 'Sigma'"),
)
add(
    "wrong number of values",
    lambda: rf.Function("gaus").set_parameters(1, 2),
    Raises(FunctionError, "expected 3"),
)
add(
    "npar missing for f(x, p)",
    lambda: rf.Function(lambda x, p: p[0] * x[0]),
    Raises(FunctionError, "npar"),
)
add(
    "callable of one argument",
    lambda: rf.Function(lambda x: x),
    Raises(FunctionError, "coordinate and the parameters"),
)
add(
    "signature default not a number",
    lambda: rf.Function(lambda x, a="one": x),
    Raises(FunctionError, "must be a number"),
)
add(
    "model raises",
    lambda: rf.fit(hist(), lambda x, a, b: 1 / 0),
    Raises(FunctionError, "raised ZeroDivisionError"),
)
add(
    "model returns None",
    lambda: rf.fit(hist(), lambda x, a, b: None),
    Raises(FunctionError, "returned NoneType"),
)
add(
    "model returns a string",
    lambda: rf.fit(hist(), lambda x, a, b: "x"),
    Raises(FunctionError, "returned str"),
)
add(
    "model returns wrong shape",
    lambda: rf.fit(hist(), lambda x, a, b: np.ones(3)),
    Raises(FunctionError, "shape (3,)"),
)
add(
    "model NaN at the start",
    lambda: rf.fit(hist(), lambda x, a, b: np.full_like(x, np.nan)),
    Invalid(StartValueWarning, "not finite there"),
)
add(
    "zero start values, sum",
    lambda: rf.fit(hist(), "gaus(0)+expo(3)", "B"),
    Invalid(StartValueWarning, "all start values were 0"),
)
add(
    "lambda model pickled",
    lambda: pickle.dumps(rf.Function(lambda x, a: a * x)),
    Raises(UnpicklableModelError, "cannot pickle model"),
)
add(
    "every parameter fixed",
    lambda: rf.fit(hist(), gaus_at(55, 0.4, 1.5, fixed=("Constant", "Mean", "Sigma")), "B"),
    Warns(RootfitWarning, "") if False else Raises(type(None), "__no_error__"),
)

# -- numerics: honest outcomes ------------------------------------------------------------------
add(
    "call limit",
    lambda: rf.fit(hist(), "gaus", minimizer=rf.MinimizerOptions(max_function_calls=10)),
    Invalid(ConvergenceWarning, "did not converge", status=4),
)
add(
    "TMinuit call limit",
    lambda: rf.fit(
        hist(),
        "gaus",
        minimizer=rf.MinimizerOptions(minimizer_type="Minuit", max_function_calls=10),
    ),
    Invalid(ConvergenceWarning, "did not converge", status=4),
)
add(
    "parameter at a limit",
    lambda: rf.fit(hist(), gaus_at(50, 1.0, 1.5, limits=("Mean", 0.5, 2.0)), "B"),
    Warns(LimitWarning, "'Mean' ended at its limit"),
)
add(
    "flat direction",
    lambda: rf.fit(
        hist(),
        lambda x, c, m, s, unused: c * np.exp(-0.5 * ((x - m) / s) ** 2),
        start={"c": 50, "m": 0.4, "s": 1.4, "unused": 1.0},
    ),
    Invalid(ConvergenceWarning, "did not converge"),
)
add(
    "degenerate parameters",
    lambda: rf.fit(
        hist(), "[a]*[b]*exp(-0.5*((x-[m])/[s])^2)", start={"a": 5, "b": 10, "m": 0.4, "s": 1.4}
    ),
    Invalid(ConvergenceWarning, "not positive definite"),
)
add(
    "expo overflow at the start",
    lambda: rf.fit(hist(), (lambda f: (f.set_parameters(800, 50), f)[1])(rf.Function("expo")), "B"),
    Invalid(StartValueWarning, "not finite there", status=3),
)
add(
    "huge dynamic range",
    lambda: rf.fit(rf.Graph(X, 1e12 * np.exp(-X) + 1e-12, yerr=1e10 * np.exp(-X)), "expo"),
    Warns(type(None), "__ok__"),
)
add(
    "simplex has no covariance",
    lambda: rf.fit(hist(), "gaus", minimizer=rf.MinimizerOptions(algorithm="Simplex")),
    Warns(type(None), "__ok__"),
)
add(
    "strict turns invalid into an error",
    lambda: rf.fit(
        hist(), "gaus", strict=True, minimizer=rf.MinimizerOptions(max_function_calls=10)
    ),
    Raises(FitError, "strict=True"),
)
add(
    "user objective not callable",
    lambda: rf.fit(hist(), "gaus", "U", objective=3),
    Raises(FitOptionError, "callable"),
)
add(
    "objective NaN at the start",
    lambda: rf.fit(hist(), "gaus", "U", objective=lambda p: float("nan")),
    Invalid(StartValueWarning, "not finite there"),
)
add(
    "model NaN midway",
    lambda: rf.fit(
        hist(),
        lambda x, c, m, s: c * np.exp(-0.5 * ((x - m) / s) ** 2) if m < 0.45 else x * np.nan,
        start={"c": 50, "m": 0.3, "s": 1.4},
    ),
    Raises(type(None), "__no_error__"),
)

# -- costs -------------------------------------------------------------------------------------------
add(
    "constraint errors and covariance",
    lambda: GaussianConstraint(["a"], [1.0], [0.1], covariance=[[0.01]]),
    Raises(FitError, "either errors= or covariance="),
)
add(
    "constraint negative error",
    lambda: GaussianConstraint(["a"], [1.0], [-0.1]),
    Raises(FitError, "positive"),
)
add(
    "constraint covariance not pos-def",
    lambda: GaussianConstraint(["a", "b"], [1.0, 2.0], covariance=[[1.0, 2.0], [2.0, 1.0]]),
    Raises(FitError, "not positive definite"),
)
add(
    "cost sum rename unknown",
    lambda: CostSum(
        rf.Chi2(BinData([0.0, 1, 2], [1.0, 2, 3], errors=[1.0] * 3), rf.Function("pol1")),
        rename=[{"q0": "a"}],
    ),
    Raises(FitError, "rename names"),
)
add("cost sum of non-costs", lambda: CostSum(3), Raises(FitError, "adds rootfit costs"))
add(
    "unbinned extended pol0 without range",
    lambda: UnbinnedNLL([0.1, 0.2], rf.Function("pol0"), extended=True),
    Raises(FitError, "not zero at"),
)
add(
    "chi2 of coordinate-error data",
    lambda: rf.Chi2(
        BinData([0.0, 1], [1.0, 2], errors=[1.0, 1], error_type=2, coord_errors=[0.1, 0.1]),
        rf.Function("pol1"),
    ),
    Raises(FitError, "EffectiveChi2"),
)
add(
    "fitter start values count",
    lambda: rf.Fitter().fit(
        rf.Chi2(BinData([0.0, 1, 2], [1.0, 2, 3], errors=[1.0] * 3), rf.Function("pol1")), [1.0]
    ),
    Raises(FitOptionError, "2 parameters, 1 settings"),
)
add(
    "fitter no parameters",
    lambda: rf.Fitter().fit(rf.CallableCost(lambda p: 1.0, []), []),
    Raises(FitError, "no parameters"),
)

# -- results -------------------------------------------------------------------------------------
for key, frag in (
    ("Meen", "did you mean 'Mean'"),
    (7, "index 7 out of range"),
    (-4, "index -4 out of range"),
    (1.5, "not float"),
    (None, "not NoneType"),
):
    add(
        f"values[{key!r}]",
        lambda key=key: rf.fit(hist(), "gaus").values[key],
        Raises(ParameterKeyError, frag),
    )
add(
    "errors['Sigm']",
    lambda: rf.fit(hist(), "gaus").errors["Sigm"],
    Raises(KeyError, "did you mean 'Sigma'"),
)
add(
    "values[7] is an IndexError",
    lambda: rf.fit(hist(), "gaus").values[7],
    Raises(IndexError, "out of range"),
)


# -- lmfit-style parameters ----------------------------------------------------------------------
def _params(**extra):
    p = rf.Parameters()
    p.add("a", 1.0)
    for name, expr in extra.items():
        p.add(name, expr=expr)
    return p


add(
    "expression names an unknown",
    lambda: rf.minimize(lambda p: [p["a"].value], _params(b="c+1")),
    Raises(FunctionError, "which is not a parameter"),
)
add(
    "expression syntax",
    lambda: rf.minimize(lambda p: [p["a"].value], _params(b="a+*2")),
    Raises(FunctionError, "expression 'a+*2'"),
)
add(
    "expression cycle",
    lambda: (lambda p: (p.add("c", expr="d"), p.add("d", expr="c"), p.update_constraints()))(
        _params()
    ),
    Raises(FunctionError, "cycle"),
)
add(
    "unknown method",
    lambda: rf.minimize(lambda p: [p["a"].value], _params(), method="lm"),
    Raises(FitOptionError, "unknown method"),
)
add(
    "parameter min > max",
    lambda: rf.Parameters().add("a", 1.0, min=2, max=1),
    Raises(FunctionError, "min"),
)
add(
    "parameter name not an identifier",
    lambda: rf.Parameters().add("1a", 1.0),
    Raises(FunctionError, "identifier"),
)
add(
    "objective returns text",
    lambda: rf.minimize(lambda p: "no", _params()),
    Raises(FitError, "not a number"),
)


# -- files ---------------------------------------------------------------------------------------
def _file(tmp: str, name: str, data: bytes) -> str:
    import os

    path = os.path.join(tmp, name)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def _root_bytes() -> bytes:
    import os

    with open(
        os.path.join(os.path.dirname(__file__), "..", "reference", "root_objects.root"), "rb"
    ) as fh:
        return fh.read()


add(
    "missing .root",
    lambda: rootfit.io.read_root("/nonexistent/file.root"),
    Raises(MissingFileError, "no such file"),
)
add(
    "missing .root is FileNotFoundError",
    lambda: rootfit.io.read_root("/nonexistent/file.root"),
    Raises(FileNotFoundError, "no such file"),
)
add(
    "truncated .root",
    lambda: rootfit.io.read_root(_file(_tmp(), "t.root", _root_bytes()[:2000]), "h1"),
    Raises(DataFileError, "truncated or corrupted"),
)
add(
    "empty .root",
    lambda: rootfit.io.read_root(_file(_tmp(), "e.root", b"")),
    Raises(DataFileError, "cannot read"),
)
add(
    "foreign .root",
    lambda: rootfit.io.read_root(_file(_tmp(), "f.root", b"GIF89a" * 100)),
    Raises(DataFileError, "not a ROOT file"),
)
add(
    "missing key",
    lambda: rootfit.io.read_root(_file(_tmp(), "ok.root", _root_bytes()), "h"),
    Raises(DataError, "nearest first"),
)
add(
    "wrong object type",
    lambda: rootfit.io.read_root_histogram(_file(_tmp(), "ok2.root", _root_bytes()), "g"),
    Raises(DataError, "not a histogram"),
)
add(
    "text file with a word",
    lambda: rootfit.io.read_values(_file(_tmp(), "v.txt", b"1.0\n2.0\nthree\n")),
    Raises(DataError, "not a number"),
)
add(
    "text file with two columns",
    lambda: rootfit.io.read_values(_file(_tmp(), "w.txt", b"1.0 2.0\n")),
    Raises(DataError, "one value per line"),
)
add(
    "empty text file",
    lambda: rootfit.io.read_values(_file(_tmp(), "z.txt", b"# nothing\n")),
    Raises(DataError, "holds no values"),
)
add(
    "missing histogram file",
    lambda: rootfit.io.read_histogram("/nonexistent/h.npz"),
    Raises(MissingFileError, "no such file"),
)


# -- the façade keeps ROOT's answers ---------------------------------------------------------------
def _th1(name: str = "h", counts: Any = G) -> Any:
    h = ROOT.TH1D(name, name, 20, -5, 5)
    for i, c in enumerate(counts):
        h.SetBinContent(i + 1, c)
    return h


add(
    "façade empty histogram: status -1",
    lambda: ROOT.TH1D("e", "e", 10, 0, 1).Fit("gaus", "Q"),
    Invalid(DataWarning, "ROOT returns -1", status=-1),
)
add(
    "façade range outside: status -1",
    lambda: _th1().Fit("gaus", "Q", "", 10, 20),
    Invalid(DataWarning, "ROOT returns -1", status=-1),
)
add(
    "façade no parameters: status -3",
    lambda: _th1().Fit(ROOT.TF1("c", "x*2", -5, 5), "Q"),
    Invalid(DataWarning, "ROOT returns -3", status=-3),
)
add(
    "façade start outside limits",
    lambda: _th1().Fit(
        (lambda f: (f.SetParameters(50, 0.4, 1.5), f.SetParLimits(1, 1.0, 2.0), f)[2])(
            ROOT.TF1("g", "gaus", -5, 5)
        ),
        "QB",
    ),
    Warns(LimitWarning, "moved to 1.5"),
)
add(
    "façade TGraph n > len",
    lambda: ROOT.TGraph(5, [1.0, 2.0], [1.0, 2.0]),
    Raises(DataError, "read past its end"),
)
add(
    "façade TGraph n < 0 fits as empty: status -1",
    lambda: ROOT.TGraph(-1, [1.0, 2.0], [1.0, 2.0]).Fit("pol1", "Q"),
    Invalid(DataWarning, "ROOT returns -1", status=-1),
)
add(
    "façade TGraphErrors n > len",
    lambda: ROOT.TGraphErrors(3, [1.0, 2, 3], [1.0, 2, 3], None, [0.1]),
    Raises(DataError, "read past its end"),
)
add(
    "façade unknown function",
    lambda: _th1().Fit("gauss", "Q"),
    Raises(FunctionError, "did you mean 'gaus'"),
)
add(
    "façade Fill NaN goes to overflow",
    lambda: (lambda h: (h.Fill(float("nan")), h.GetBinContent(11))[1])(
        ROOT.TH1D("n", "n", 10, 0, 1)
    ),
    Warns(type(None), "__ok__"),
)
add(
    "façade missing file",
    lambda: ROOT.TFile.Open("/nonexistent/x.root"),
    Raises(MissingFileError, "no such file"),
)
add(
    "façade FitFCN without settings",
    lambda: ROOT.Fit.Fitter().FitFCN(ROOT.Math.Functor(lambda p: 0.0, 2)),
    Raises(FitError, "configured"),
)
add(
    "façade Fit before SetFunction",
    lambda: ROOT.Fit.Fitter().Fit(ROOT.Fit.BinData(2, 1)),
    Raises(FitError, "SetFunction"),
)


_TMP: list[str] = []


def _tmp() -> str:
    import tempfile

    if not _TMP:
        _TMP.append(tempfile.mkdtemp(prefix="rootfit-robustness-"))
    return _TMP[0]


@pytest.fixture(autouse=True)
def _clean_session():
    session.reset_defaults()
    yield
    session.reset_defaults()


@pytest.mark.parametrize(("name", "action", "expectation"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(name, action, expectation):
    if isinstance(expectation, Raises):
        if expectation.error is type(None):  # the action must simply work, without warnings
            with warnings.catch_warnings():
                warnings.simplefilter("error", RootfitWarning)
                action()
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RootfitWarning)
            with pytest.raises(expectation.error, match=re.escape(expectation.match)) as info:
                action()
        assert isinstance(info.value, RootfitError) or expectation.error in (
            KeyError,
            IndexError,
            FileNotFoundError,
        )
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = action()
    categories = [w.category for w in caught]
    if isinstance(expectation, Invalid):
        result = getattr(outcome, "result", outcome)
        assert not result.valid, result
        if expectation.status is not None:
            assert result.status == expectation.status
    if expectation.warning is type(None):
        assert not [w for w in caught if issubclass(w.category, RootfitWarning)], [
            str(w.message) for w in caught
        ]
        return
    matching = [
        w
        for w in caught
        if issubclass(w.category, expectation.warning) and expectation.match in str(w.message)
    ]
    assert matching, (categories, [str(w.message) for w in caught])


def test_the_battery_is_large_enough():
    assert len(CASES) >= 150, len(CASES)


def test_failures_lose_nothing():
    """A failed fill or fit changes nothing: the histogram, the function, stored fits."""
    h = hist()
    before = h.values(flow=True).copy()
    with pytest.raises(DataError):
        h.fill([0.5, np.nan])
    with pytest.raises(DataError):
        h.fill(["a"])
    np.testing.assert_array_equal(h.values(flow=True), before)
    f = rf.Function("gaus")
    h.fit(f, "Q")
    stored, state = list(h.functions), f.state
    with pytest.raises(FitError), warnings.catch_warnings():
        warnings.simplefilter("ignore", RootfitWarning)
        h.fit(f, "Q", strict=True, minimizer=rf.MinimizerOptions(max_function_calls=5))
    assert h.functions == stored and f.state == state
    with pytest.raises(EmptyFitDataError), warnings.catch_warnings():
        warnings.simplefilter("ignore", RootfitWarning)
        h.fit(f, "Q", range=(10, 20))
    assert h.functions == stored and f.state == state


def test_a_batch_reports_its_failures_in_its_result():
    rng = np.random.default_rng(4)
    good = [rf.Histogram(20, -4, 4) for _ in range(3)]
    for h in good:
        h.fill(rng.normal(size=500))
    targets = [good[0], rf.Histogram(20, -4, 4), good[1], good[2]]  # index 1 is empty
    with pytest.warns(ConvergenceWarning, match="3 of 4 fits valid, 0 invalid, 1 could not run"):
        batch = rf.fit_many(targets, "gaus")
    assert isinstance(batch.errors[1], EmptyFitDataError) and batch.results[1] is None
    assert batch.failed == (1,) and not batch.ok and len(batch) == 4
    assert all(batch.results[i].valid for i in (0, 2, 3))
    limited = rf.MinimizerOptions(max_function_calls=10)
    with pytest.warns(ConvergenceWarning, match="0 of 3 fits valid, 3 invalid"):
        batch = rf.fit_many(good, "gaus", minimizer=limited)
    assert batch.invalid == (0, 1, 2)
    # every fit's own warning is kept in the result, not shown once and then lost
    assert all(any(c is ConvergenceWarning for c, _ in batch.warnings[i]) for i in range(3))
    with pytest.raises(EmptyFitDataError):
        rf.fit_many(targets, "gaus", stop_on_error=True)


def test_type_errors_are_also_type_errors():
    with pytest.raises(TypeError, match="fit options are a string"):
        rf.fit(hist(), "gaus", 5)
    with pytest.raises(TypeError, match="returned NoneType"):
        rf.fit(hist(), lambda x, a, b: None)
    with pytest.raises(TypeError, match="not float"):
        rf.Function(3.5)
    with pytest.raises(TypeError, match="cannot fit 'int'"):
        rf.fit(hist(), 3)
