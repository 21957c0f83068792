"""The fit plan as a table: every ROOT rule decided once (spec §1.4, §2, §3, §4.8, §6.1)."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.fitdata import ErrorType, as_fit_target
from rootfit.fitting import (
    CostChoice,
    ErrorScaling,
    Report,
    SolverPath,
    Storage,
    plan_fit,
)
from rootfit.functions import Model, StartRule

x = np.linspace(0, 5, 8)
TARGETS = {
    "hist": rf.Histogram.from_counts(np.arange(8.0) + 1, np.arange(9.0)),
    "weighted": rf.Histogram.from_counts(np.arange(8.0) + 1, np.arange(9.0)),
    "graph": rf.Graph(x, 2 * x),
    "graph_ey": rf.Graph(x, 2 * x, yerr=0.2),
    "graph_exy": rf.Graph(x, 2 * x, xerr=0.1, yerr=0.2),
    "graph_asym": rf.Graph(x, 2 * x, yerr_low=np.full(8, 0.1), yerr_high=np.full(8, 0.3)),
}
TARGETS["weighted"].scale(0.5)

C, P, PW, EFF, POI, MUL = (
    CostChoice.CHI2,
    CostChoice.PEARSON,
    CostChoice.PEARSON_WEIGHTED,
    CostChoice.EFFECTIVE_CHI2,
    CostChoice.POISSON,
    CostChoice.MULTINOMIAL,
)
MIN, LIN, ROB = SolverPath.MINIMIZER, SolverPath.LINEAR, SolverPath.ROBUST
NO, SCALE = ErrorScaling.NONE, ErrorScaling.CHI2_PER_NDF
GAUS, NONE = StartRule.GAUS, StartRule.NONE

# (target, model, option) -> (cost, path, start rule, error scaling, error type)
TABLE = [
    ("hist", "gaus", "", C, MIN, GAUS, NO, ErrorType.VALUE),
    ("hist", "gaus", "B", C, MIN, NONE, NO, ErrorType.VALUE),
    ("hist", "gaus", "L", POI, MIN, GAUS, NO, ErrorType.VALUE),
    ("hist", "gaus", "MULTI", MUL, MIN, GAUS, NO, ErrorType.VALUE),
    ("hist", "gaus", "W", C, MIN, GAUS, SCALE, ErrorType.NONE),
    ("hist", "gaus", "WW", C, MIN, GAUS, SCALE, ErrorType.NONE),
    ("hist", "gaus", "P", P, MIN, GAUS, SCALE, ErrorType.NONE),
    ("hist", "gaus", "PW", PW, MIN, GAUS, NO, ErrorType.NONE),
    ("hist", "expo", "", C, MIN, StartRule.EXPO, NO, ErrorType.VALUE),
    ("hist", "pol2", "", C, LIN, NONE, NO, ErrorType.VALUE),
    ("hist", "pol2", "W", C, LIN, NONE, SCALE, ErrorType.NONE),
    ("hist", "pol2", "P", P, LIN, NONE, SCALE, ErrorType.NONE),  # ROOT ignores P's weights
    ("hist", "pol2", "F", C, MIN, NONE, NO, ErrorType.VALUE),
    ("hist", "pol2", "E", C, MIN, NONE, NO, ErrorType.VALUE),
    ("hist", "pol2", "L", POI, MIN, NONE, NO, ErrorType.VALUE),
    ("hist", "pol2", "I", C, MIN, NONE, NO, ErrorType.VALUE),
    ("hist", "pol2", "G", C, MIN, NONE, NO, ErrorType.VALUE),
    ("hist", "pol2", "B", C, MIN, NONE, NO, ErrorType.VALUE),
    ("hist", "pol2", "WIDTH", C, LIN, NONE, NO, ErrorType.VALUE),
    ("hist", "x ++ x*x", "", C, LIN, NONE, NO, ErrorType.VALUE),
    ("hist", "chebyshev2", "", C, MIN, NONE, NO, ErrorType.VALUE),  # not linear in ROOT
    ("graph", "pol1", "", C, LIN, NONE, SCALE, ErrorType.NONE),
    ("graph", "pol1", "ROB", C, ROB, NONE, NO, ErrorType.NONE),
    ("graph", "gaus", "ROB", C, MIN, GAUS, SCALE, ErrorType.NONE),  # ROB ignored: not linear
    ("graph_ey", "pol1", "", C, LIN, NONE, NO, ErrorType.VALUE),
    ("graph_ey", "pol1", "W", C, LIN, NONE, SCALE, ErrorType.NONE),
    ("graph_exy", "pol1", "", EFF, MIN, NONE, NO, ErrorType.COORD),
    ("graph_exy", "pol1", "EX0", C, LIN, NONE, NO, ErrorType.VALUE),
    ("graph_exy", "pol0", "", C, LIN, NONE, NO, ErrorType.VALUE),  # x errors of pol0 unused
    ("graph_asym", "pol1", "", EFF, MIN, NONE, NO, ErrorType.ASYM),
]


@pytest.mark.parametrize(
    ("target", "model", "option", "cost", "path", "start", "scaling", "error_type"), TABLE
)
def test_plan_table(target, model, option, cost, path, start, scaling, error_type):
    fit_target = as_fit_target(TARGETS[target])
    options = rf.parse_fit_options(option, fit_target.kind)
    plan = plan_fit(options, Model.from_spec(model), fit_target)
    assert (plan.cost, plan.path, plan.start_rule, plan.error_scaling, plan.error_type) == (
        cost,
        path,
        start,
        scaling,
        error_type,
    )
    expected_type = {MIN: "Minuit2", LIN: "Linear", ROB: "Linear"}[path]
    assert plan.minimizer.minimizer_type == expected_type
    assert (plan.minimizer.algorithm == "Robust") == (path is ROB)


@pytest.mark.parametrize(
    ("option", "hesse", "minos", "correction", "report", "storage", "keep"),
    [
        ("", False, False, False, Report.PRINT, Storage.STORE, False),
        ("E", True, True, False, Report.PRINT, Storage.STORE, False),
        ("LE", True, True, False, Report.PRINT, Storage.STORE, False),
        ("WL", False, False, True, Report.PRINT, Storage.STORE, False),
        ("WLE", True, False, True, Report.PRINT, Storage.STORE, False),
        ("Q", False, False, False, Report.QUIET, Storage.STORE, False),
        ("V", False, False, False, Report.VERBOSE, Storage.STORE, False),
        ("QV", False, False, False, Report.VERBOSE, Storage.STORE, False),  # V wins, as ROOT
        ("N", False, False, False, Report.PRINT, Storage.NONE, False),
        ("0", False, False, False, Report.PRINT, Storage.STORE_HIDDEN, False),
        ("+", False, False, False, Report.PRINT, Storage.STORE, True),
    ],
)
def test_plan_steps_and_side_effects(option, hesse, minos, correction, report, storage, keep):
    plan = plan_fit(
        rf.parse_fit_options(option), Model.from_spec("gaus"), as_fit_target(TARGETS["weighted"])
    )
    assert (plan.hesse, plan.minos, plan.weight_correction) == (hesse, minos, correction)
    assert (plan.report, plan.storage, plan.keep_previous) == (report, storage, keep)
    assert len(plan.notes) == (1 if option == "WLE" else 0)


def test_plan_notes_and_refusals():
    unweighted = as_fit_target(TARGETS["hist"])
    plan = plan_fit(rf.parse_fit_options("WL"), Model.from_spec("gaus"), unweighted)
    assert plan.cost is POI and not plan.weight_correction
    assert plan.options.likelihood == "poisson" and "without Σw²" in plan.notes[0]
    user = plan_fit(rf.parse_fit_options("U"), Model.from_spec("gaus"), unweighted)
    assert user.cost is CostChoice.USER and user.path is SolverPath.MINIMIZER
    improve = plan_fit(rf.parse_fit_options("M"), Model.from_spec("pol1"), unweighted)
    assert improve.path is SolverPath.MINIMIZER
    assert (improve.minimizer.minimizer_type, improve.minimizer.algorithm) == (
        "Minuit",
        "MigradImproved",
    )
    verbose = plan_fit(rf.parse_fit_options("V"), Model.from_spec("gaus"), unweighted)
    assert verbose.minimizer.print_level == 3
    robust = plan_fit(
        rf.parse_fit_options("ROB=0.75", "graph"),
        Model.from_spec("pol1"),
        as_fit_target(TARGETS["graph"]),
    )
    assert robust.minimizer.extra_option("robust_fraction") == 0.75


def test_plan_is_pure_and_picklable():
    import pickle

    args = (rf.parse_fit_options("LE"), Model.from_spec("gaus"), as_fit_target(TARGETS["hist"]))
    plan = plan_fit(*args)
    assert plan == plan_fit(*args)
    assert pickle.loads(pickle.dumps(plan)) == plan
