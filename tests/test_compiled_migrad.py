"""The compiled Migrad (rootfit.kernels.migrad, fitter/backends/compiled_migrad.py) against its
twin, Minuit2's C++ Migrad in iminuit: the same function calls, the same minimum, errors,
covariance, EDM and status, bit for bit — with limits too, where the platform's long double
arithmetic is reproduced (rootfit.kernels.extended)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from iminuit import _core

import rootfit as rf
from rootfit.fitter import Fitter
from rootfit.fitter.backends.compiled_migrad import (
    DEFAULT_EPS,
    CompiledMigradMinimum,
    MigradSetup,
    compiled_migrad_applies,
    run_migrad,
)
from rootfit.fitter.backends.core_migrad import CoreMigradMinimum
from rootfit.kernels import extended, minuit_core
from rootfit.options import MinimizerOptions

FIELDS = ("ncalls", "status", "cov_status", "valid", "min_fcn", "edm")


def _histogram(n=5000, seed=4, mean=0.3, sigma=1.1):
    h = rf.Histogram(60, -4, 4)
    h.fill(np.random.default_rng(seed).normal(mean, sigma, n))
    return h


def _graph(seed=7):
    x = np.linspace(0.0, 4.0, 25)
    y = 3.0 * np.exp(-0.8 * x) + 0.5 + np.random.default_rng(seed).normal(0, 0.05, x.size)
    return rf.Graph(x, y, yerr=np.full(x.size, 0.05))


def _unbounded(settings):
    return tuple(dataclasses.replace(s, lower=-math.inf, upper=math.inf) for s in settings)


def _both(problem, settings=None, options=None):
    cost = problem.cost
    settings = problem.settings if settings is None else settings
    options = MinimizerOptions() if options is None else options
    core = CoreMigradMinimum(cost, cost.fused, settings, options, cost.errordef).outcome
    compiled, corrected = run_migrad(
        cost.fused, MigradSetup.from_settings(settings), options, cost.errordef
    )
    return core, compiled, corrected


def test_machine_precision_is_minuit2s():
    assert DEFAULT_EPS == _core.MnMachinePrecision().eps


CASES = [
    ("gaus", "", _histogram),  # χ²
    ("gaus", "L", _histogram),  # Poisson likelihood
    ("expo", "L", lambda: _histogram(seed=5, mean=-2.0, sigma=2.0)),
    ("[0]*exp(-[1]*x)+[2]", "", _graph),  # a graph
    ("pol2", "F", _graph),  # a linear model through Migrad
]


@pytest.mark.parametrize("function,option,data", CASES, ids=[f"{c[0]} {c[1]}" for c in CASES])
@pytest.mark.parametrize("strategy", [0, 1, 2])
def test_unbounded_fits_are_minuit2s_bit_for_bit(function, option, data, strategy):
    problem = rf.prepare_fit(data(), function, option)
    options = MinimizerOptions(strategy=strategy)
    core, compiled, corrected = _both(problem, _unbounded(problem.settings), options)
    if corrected:  # a matrix made positive-definite: the fit is rerun on the C++ core
        assert compiled.ncalls == core.ncalls
        assert compiled.min_fcn == pytest.approx(core.min_fcn, rel=1e-12)
        return
    for name in FIELDS:
        assert getattr(compiled, name) == getattr(core, name), name
    assert np.array_equal(compiled.values, core.values)
    assert np.array_equal(compiled.errors, core.errors)
    assert np.array_equal(compiled.covariance, core.covariance)


def test_fixed_parameters_keep_their_values_and_zero_rows():
    problem = rf.prepare_fit(_histogram(), "gaus", "", fix=["Mean"])
    core, compiled, _ = _both(problem, _unbounded(problem.settings))
    assert compiled.ncalls == core.ncalls and np.array_equal(compiled.values, core.values)
    assert np.array_equal(compiled.covariance, core.covariance)
    assert compiled.errors[1] == 0.0 and not compiled.covariance[1].any()


LIMITED = [
    ({}, 1),  # gaus: Sigma in [0, 10 rms] from the automatic start values
    ({}, 0),
    ({}, 2),
    ({"Constant": (0, None)}, 1),  # one-sided lower limit
    ({"Mean": (None, 2.0)}, 1),  # one-sided upper limit
    ({"Mean": (-0.2, 0.33)}, 1),  # a fit ending close to a limit
]


@pytest.mark.skipif(not extended.EXACT, reason="long double arithmetic not reproduced here")
@pytest.mark.parametrize("limits,strategy", LIMITED)
def test_limited_parameters_are_minuit2s_bit_for_bit(limits, strategy):
    problem = rf.prepare_fit(_histogram(), "gaus", "", limits=limits)
    core, compiled, corrected = _both(problem, options=MinimizerOptions(strategy=strategy))
    assert not corrected
    for name in FIELDS:
        assert getattr(compiled, name) == getattr(core, name), name
    assert np.array_equal(compiled.values, core.values)
    assert np.array_equal(compiled.errors, core.errors)
    assert np.array_equal(compiled.covariance, core.covariance)


@pytest.mark.skipif(not extended.EXACT, reason="long double arithmetic not reproduced here")
def test_a_long_ill_conditioned_bounded_fit_is_minuit2s_bit_for_bit():
    # a 2-D gaus from a poor start: hundreds of calls through the Sigma limits, where double
    # limit transformations drift from Minuit2's to 10⁻³ of an error
    rng = np.random.default_rng(11)
    h = rf.Histogram(rf.Axis(30, -3, 3), rf.Axis(30, -3, 3))
    h.fill(rng.normal(0.4, 0.8, 20000), rng.normal(-0.3, 1.3, 20000))
    f = rf.Function("[0]*exp(-0.5*((x-[1])/[2])^2-0.5*((y-[3])/[4])^2)", ndim=2)
    f.set_parameters(5.0, 2.0, 0.2, -2.0, 3.0)
    problem = rf.prepare_fit(h, f, "", limits={"p2": (0.05, 5.0), "p4": (0.05, 5.0)})
    core, compiled, corrected = _both(problem)
    assert core.ncalls > 300 and not corrected
    for name in FIELDS:
        assert getattr(compiled, name) == getattr(core, name), name
    assert np.array_equal(compiled.values, core.values)
    assert np.array_equal(compiled.covariance, core.covariance)


def test_transformations_invert_each_other():
    eps2 = 2.0 * math.sqrt(DEFAULT_EPS)
    for kind, low, high, value in [
        (minuit_core.BOTH, 0.0, 10.0, 3.7),
        (minuit_core.LOWER, -1.0, 0.0, 5.5),
        (minuit_core.UPPER, 0.0, 2.0, -3.0),
        (minuit_core.NONE, 0.0, 0.0, 1.25),
    ]:
        internal = minuit_core.ext2int(kind, low, high, value, eps2)
        assert minuit_core.int2ext(kind, low, high, internal) == pytest.approx(value, rel=1e-14)
        h = 1e-6
        numeric = (
            minuit_core.int2ext(kind, low, high, internal + h)
            - minuit_core.int2ext(kind, low, high, internal - h)
        ) / (2 * h)
        assert minuit_core.dint2ext(kind, low, high, internal) == pytest.approx(numeric, rel=1e-7)


def test_inverse_and_positive_definite_correction():
    rng = np.random.default_rng(3)
    a = rng.normal(size=(4, 4))
    spd = a @ a.T + 4 * np.eye(4)
    inv = spd.copy()
    assert minuit_core.invert(inv)
    np.testing.assert_allclose(inv, np.linalg.inv(spd), rtol=1e-10)
    matrix, status, _ = minuit_core.posdef(spd, minuit_core.POSDEF, 0.3, DEFAULT_EPS, 1e-7)
    assert status == minuit_core.POSDEF and np.array_equal(matrix, spd)
    indefinite = np.array([[1.0, 2.0], [2.0, 1.0]])
    matrix, status, dcovar = minuit_core.posdef(indefinite, minuit_core.POSDEF, 0.3, 1e-15, 1e-7)
    assert status == minuit_core.MADE_POSDEF and dcovar == 1.0
    assert np.all(np.linalg.eigvalsh(matrix) > 0)


def test_the_compiled_path_is_taken_where_it_is_exact():
    fitter = Fitter()
    graph = rf.prepare_fit(_graph(), "[0]*exp(-[1]*x)+[2]", "")
    minimum = fitter.backend.minimize(graph.cost, graph.settings, fitter.options, 1.0)
    assert isinstance(minimum, CompiledMigradMinimum)
    gaus = rf.prepare_fit(_histogram(), "gaus", "")  # Sigma has limits
    assert compiled_migrad_applies(gaus.settings, fitter.options) == extended.EXACT
    expected = CompiledMigradMinimum if extended.EXACT else CoreMigradMinimum
    assert isinstance(
        fitter.backend.minimize(gaus.cost, gaus.settings, fitter.options, 1.0), expected
    )
    assert not compiled_migrad_applies(graph.settings, MinimizerOptions(print_level=1))


def test_hesse_and_minos_after_the_compiled_migrad_are_minuit2s():
    graph = _graph()
    with_errors = rf.fit(graph, "[0]*exp(-[1]*x)+[2]", "SQE")
    problem = rf.prepare_fit(graph, "[0]*exp(-[1]*x)+[2]", "SQE")
    core = CoreMigradMinimum(
        problem.cost, problem.cost.fused, problem.settings, MinimizerOptions(), 1.0
    )
    core.hesse()
    np.testing.assert_array_equal(with_errors.errors.to_numpy(), core.outcome.errors)
    assert set(with_errors.minos) == set(with_errors.parameter_names)


def test_a_fit_in_trouble_reports_minuit2s_outcome():
    f = rf.Function("expo")
    f.set_parameters(800, 50)  # exp(800 + 50 x) overflows everywhere
    problem = rf.prepare_fit(_histogram(), f, "B")
    core, _, _ = _both(problem)
    minimum = CompiledMigradMinimum(
        problem.cost, problem.cost.fused, problem.settings, MinimizerOptions(), 1.0
    )
    assert not minimum.outcome.valid
    assert (minimum.outcome.status, minimum.outcome.ncalls) == (core.status, core.ncalls)


def test_a_hesse_asked_for_first_runs_migrad_only_on_the_cpp_core(monkeypatch):
    import rootfit.fitter.backends.compiled_migrad as compiled

    problem = rf.prepare_fit(_graph(), "[0]*exp(-[1]*x)+[2]", "")
    minimum = CompiledMigradMinimum(
        problem.cost, problem.cost.fused, problem.settings, MinimizerOptions(), 1.0
    )

    def not_here(*args, **kwargs):
        raise AssertionError("the compiled Migrad ran although Hesse came first")

    monkeypatch.setattr(compiled, "run_migrad", not_here)
    minimum.hesse()
    core = CoreMigradMinimum(
        problem.cost, problem.cost.fused, problem.settings, MinimizerOptions(), 1.0
    )
    core.hesse()
    assert np.array_equal(minimum.outcome.covariance, core.outcome.covariance)
    assert minimum.outcome.ncalls == core.outcome.ncalls
