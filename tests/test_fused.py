"""Fused model-and-statistic kernels (rootfit.kernels.fused) and Migrad on Minuit2's C++ core.

The fused kernels are checked against their twins: the cost's plain path (the model's numba
evaluator and the statistic kernels) bit for bit, and the plain-numpy twins (the model's numpy
evaluator and rootfit.kernels.reference) to rounding. The direct Migrad is checked against the
ordinary iminuit.Minuit path: same minimum, errors, covariance, call count and status.
"""

from __future__ import annotations

import pickle
import threading

import numpy as np
import pytest

import rootfit as rf
from rootfit import intervals
from rootfit.costs import Chi2, EffectiveChi2, PoissonLikelihood
from rootfit.costs.tracing import TracedCost
from rootfit.fitdata import BinData, ErrorType
from rootfit.fitter import Fitter
from rootfit.fitter.backends.compiled_migrad import CompiledMigradMinimum
from rootfit.fitter.backends.core_migrad import CoreMigradMinimum
from rootfit.fitter.backends.minuit import CONTEXT_PARAMETER
from rootfit.kernels import costs as numba_kernels
from rootfit.kernels import reference
from rootfit.kernels.fused import build_context

RNG = np.random.default_rng(31)

#: (formula, parameters, x range): 1-D models.
MODELS_1D = [
    ("gaus", [120.0, 0.3, 1.2], (-4, 4)),
    ("expo", [4.0, -0.4], (0, 6)),
    ("pol3", [2.0, -0.5, 0.1, 0.02], (-3, 3)),
    ("[0]*exp(-x/[1])+pol1(2)", [50.0, 2.0, 3.0, 0.1], (0, 8)),
    ("landau", [80.0, 1.0, 0.6], (-1, 8)),
    ("gaus(0)+expo(3)", [40.0, 5.0, 0.5, 3.0, -0.3], (0, 10)),
]


def _points(lo: float, hi: float, n: int = 60) -> np.ndarray:
    return np.linspace(lo, hi, n)


def _unfused(cost):
    """The same cost on its plain path (no fused kernel)."""
    plain = pickle.loads(pickle.dumps(cost))
    plain._fused = None
    return plain


@pytest.mark.parametrize("formula,params,span", MODELS_1D, ids=[m[0] for m in MODELS_1D])
def test_fused_chi2_equals_its_twins(formula, params, span):
    model = rf.Function(formula).model
    x = _points(*span)
    p = np.array(params)
    f = model.evaluator(x.reshape(-1, 1), p)
    y = f + RNG.normal(0, 1, x.size) * np.sqrt(np.abs(f) + 1)
    errors = np.sqrt(np.abs(f) + 1)
    errors[3] = 0.0  # a point without weight
    cost = Chi2(BinData(x, y, errors=errors), model)
    assert cost.fused is not None
    for trial in (p, p * 1.1, p * 0.9):
        fused = cost(trial)
        assert fused == _unfused(cost)(trial)  # bit for bit: the same operations
        f_numpy = model.numpy_evaluator(x.reshape(-1, 1), trial)
        assert fused == pytest.approx(reference.chi2(y, cost.data.inv_errors, f_numpy), rel=1e-12)


@pytest.mark.parametrize("extended", [True, False])
@pytest.mark.parametrize("formula,params,span", MODELS_1D, ids=[m[0] for m in MODELS_1D])
def test_fused_poisson_equals_its_twins(formula, params, span, extended):
    model = rf.Function(formula).model
    x = _points(*span)
    p = np.array(params)
    f = model.evaluator(x.reshape(-1, 1), p)
    y = RNG.poisson(np.clip(f, 0, None)).astype(float)
    y[:2] = 0.0  # empty bins (no log term)
    cost = PoissonLikelihood(BinData(x, y), model, extended=extended)
    assert cost.fused is not None
    for trial in (p, p * 1.05, -p):  # -p: negative model values are clamped at 0
        fused = cost(trial)
        assert fused == _unfused(cost)(trial)
        f_numpy = model.numpy_evaluator(x.reshape(-1, 1), trial)
        expected = reference.poisson_nll(y, f_numpy, extended)
        assert fused == pytest.approx(expected, rel=1e-12) or (
            np.isinf(fused) and np.isinf(expected)
        )


@pytest.mark.parametrize("asymmetric", [False, True])
def test_fused_effective_variance_equals_its_twin(asymmetric):
    model = rf.Function("[0]*exp(-[1]*x)+[2]").model
    x = np.linspace(0.2, 10, 40)
    ex = RNG.uniform(0.05, 0.2, x.size)
    ex[5] = 0.0
    y = 5 * np.exp(-0.4 * x) + 1 + RNG.normal(0, 0.1, x.size)
    ey = RNG.uniform(0.05, 0.15, x.size)
    if asymmetric:
        data = BinData(
            x,
            y,
            errors=ey,
            coord_errors=ex,
            errors_low=ey,
            errors_high=1.5 * ey,
            error_type=ErrorType.ASYM,
        )
    else:
        data = BinData(x, y, errors=ey, coord_errors=ex, error_type=ErrorType.COORD)
    cost = EffectiveChi2(data, model)
    assert cost.fused is not None
    for trial in ([4.0, 0.3, 0.5], [5.0, 0.4, 1.0], [6.0, 0.5, 0.9]):
        p = np.array(trial)
        assert cost(p) == _unfused(cost)(p)
        f = model.numpy_evaluator(x.reshape(-1, 1), p)
        x_var = _unfused(cost).x_variance(p)
        expected = reference.effective_chi2(y, f, cost._ey_low, cost._ey_high, x_var)
        assert cost(p) == pytest.approx(expected, rel=1e-12)


def test_fused_kernel_on_two_dimensional_points():
    model = rf.Function("xygaus").model
    gx, gy = np.meshgrid(np.linspace(-3, 3, 15), np.linspace(-2, 4, 12), indexing="ij")
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    p = np.array([50.0, 0.1, 1.0, 1.0, 1.5])
    y = RNG.poisson(model.evaluator(pts, p)).astype(float)
    for cost in (
        Chi2(BinData(pts, y, errors=np.sqrt(y + 1)), model),
        PoissonLikelihood(BinData(pts, y), model),
    ):
        assert cost.fused is not None
        assert cost(p * 1.02) == _unfused(cost)(p * 1.02)


def test_no_fused_kernel_where_the_prediction_is_not_the_model_at_the_points():
    h = rf.Histogram(20, 0, 4)
    h.fill(RNG.exponential(1.0, 500))
    assert rf.prepare_fit(h, "expo", "I").cost.fused is None  # bin averages
    assert rf.prepare_fit(h, "expo", "WIDTH").cost.fused is None  # times the bin width
    assert rf.prepare_fit(h, "expo", "").cost.fused is not None

    def python_model(x, a, b):
        return np.exp(a + b * x)

    assert rf.prepare_fit(h, python_model, "").cost.fused is None  # no one-point kernel
    assert TracedCost(rf.prepare_fit(h, "expo", "").cost).fused is None  # a view: its hook


def test_context_layout_is_validated():
    with pytest.raises(ValueError, match="every column"):
        build_context(np.zeros((3, 1)), 1.0, (np.zeros(3), np.zeros(2)))
    ctx = build_context(np.arange(6.0).reshape(3, 2), 7.0, (np.ones(3),))
    assert ctx[:4].tolist() == [3, 2, 7, ctx.size] and ctx.size == 4 + 6 + 3


def _histogram(n=5000, seed=4):
    h = rf.Histogram(60, -4, 4)
    h.fill(np.random.default_rng(seed).normal(0.3, 1.1, n))
    return h


def _compare(core, plain):
    assert np.array_equal(core.values.to_numpy(), plain.values.to_numpy())
    assert np.array_equal(core.errors.to_numpy(), plain.errors.to_numpy())
    assert np.array_equal(core.covariance, plain.covariance)
    assert (core.ncalls, core.status, core.cov_status, core.valid, core.edm, core.min_fcn) == (
        plain.ncalls,
        plain.status,
        plain.cov_status,
        plain.valid,
        plain.edm,
        plain.min_fcn,
    )


@pytest.mark.parametrize(
    "option,kwargs",
    [
        ("", {}),  # gaus: the Sigma limit of the automatic start values
        ("L", {}),
        ("E", {}),  # Hesse after Migrad
        ("", {"fix": ["Mean"]}),
        ("", {"limits": {"Constant": (0, None)}}),  # a one-sided limit
        ("", {"limits": {"Mean": (None, 2.0)}}),  # a one-sided upper limit
    ],
)
def test_core_migrad_gives_the_minuit_path_result(option, kwargs):
    problem = rf.prepare_fit(_histogram(), "gaus", option, **kwargs)
    core = problem.solve()
    unfused = type(problem)(**{**problem.__dict__, "cost": _unfused(problem.cost)})
    _compare(core, unfused.solve())


def test_a_fused_migrad_is_the_path_taken_and_minos_follows_it():
    problem = rf.prepare_fit(_histogram(), "gaus", "L")
    minimum = Fitter().backend.minimize(problem.cost, problem.settings, Fitter().options, 0.5)
    assert isinstance(minimum, (CoreMigradMinimum, CompiledMigradMinimum))
    r = problem.solve()
    with_minos = rf.prepare_fit(_histogram(), "gaus", "LE").solve()
    plain = type(problem)(
        **{**problem.__dict__, "cost": _unfused(problem.cost), "plan": with_minos_plan(problem)}
    ).solve()
    assert set(with_minos.minos) == set(r.parameter_names)
    for name in r.parameter_names:
        assert with_minos.minos[name] == plain.minos[name]


def with_minos_plan(problem):
    from dataclasses import replace

    return replace(problem.plan, hesse=True, minos=True)


def test_iminuit_bridge_hides_the_context_parameter():
    r = rf.fit(_histogram(), "gaus", "")
    m = intervals.to_minuit(r)
    assert CONTEXT_PARAMETER not in m.parameters and m.parameters == r.parameter_names
    assert m.fval == pytest.approx(r.min_fcn, rel=1e-9)


def test_fused_costs_pickle_and_simulate():
    cost = rf.prepare_fit(_histogram(), "gaus", "L").cost
    p = np.array([200.0, 0.3, 1.1])
    value = cost(p)
    restored = pickle.loads(pickle.dumps(cost))
    assert "_fused" not in pickle.loads(pickle.dumps(cost)).__dict__
    assert restored(p) == value and restored.fused is not None
    toy = cost.simulated(p, np.random.default_rng(1))
    assert toy.fused is not cost.fused
    assert toy(p) == float(numba_kernels.poisson_nll(toy._y, toy.model_values(p), True))
    assert toy(p) != value


def test_concurrent_fits_share_compiled_code_but_not_data():
    hists = [_histogram(seed=s) for s in range(4)]
    expected = [rf.fit(h, "gaus", "L").values.to_numpy() for h in hists]
    out: dict[int, np.ndarray] = {}

    def work(i):
        for _ in range(5):
            out[i] = rf.fit(hists[i], "gaus", "L").values.to_numpy()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, values in enumerate(expected):
        assert np.array_equal(out[i], values)


def test_precomputed_logs_equal_their_twin():
    y = np.array([0.0, 1.0, 2.5, 1e-300, 7e5, -3.0])
    assert np.allclose(numba_kernels.logs(y), reference.logs(y), rtol=1e-15, atol=0)
    assert numba_kernels.logs(y)[0] == 0.0 and numba_kernels.logs(y)[-1] == 0.0


def test_free_covariance_reads_minuits_packed_layout():
    from iminuit import Minuit

    from rootfit.fitter.backends.minuit_state import free_covariance

    m = Minuit(lambda a, b, c: (a - 1) ** 2 + (a + b) ** 2 + 3 * (b - c) ** 2 + c**2, 0, 0, 0)
    m.migrad()
    matrix = m.fmin._src.state.covariance
    elementwise = np.array([[matrix[i, j] for j in range(3)] for i in range(3)])
    assert np.array_equal(free_covariance(matrix), elementwise)
    assert np.allclose(free_covariance(matrix), np.array(m.covariance))


_SECOND_PROCESS = """
import numpy as np, rootfit as rf
from rootfit.functions.compiled import compile_fused
h = rf.Histogram(30, -3, 3)
h.fill(np.random.default_rng(1).normal(0, 1, 2000))
r = rf.fit(h, "gaus", "L")
objective, entry = compile_fused(rf.Function("gaus").model.expression, "poisson")
print(entry.cache_hits, sum(objective.stats.cache_hits.values()), round(r.values["Sigma"], 6))
"""


def test_generated_kernels_are_compiled_once_per_machine(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "ROOTFIT_CACHE_DIR": str(tmp_path)}
    run = [sys.executable, "-c", _SECOND_PROCESS]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    assert first.split()[:2] == ["0", "0"]  # compiled
    assert second.split()[:2] == ["1", "1"] and second.split()[2] == first.split()[2]  # loaded
    texts = [m.read_text() for m in tmp_path.glob("k*.py")]
    assert sum("def objective" in t for t in texts) == 1  # the fused module
    assert all("def evaluate" in t for t in texts if "def objective" not in t)  # formula loops
    assert list((tmp_path / "__pycache__").glob("*.nbc"))


def _definitions(formula):
    from rootfit.functions.codegen import (
        function_definition,
        hoisted_subtrees,
        prepare_definition,
    )

    tree = rf.Function(formula).model.expression
    hoisted = hoisted_subtrees(tree)
    model = function_definition(tree, vectorized=False, ndim=1, hoisted=hoisted)
    return model, prepare_definition(hoisted)


def test_generated_module_source_names_the_formula_and_statistic():
    import ast

    from rootfit.kernels.fused import generated_module

    model, prepare = _definitions("[0]*exp(-x/[1])+pol1(2)")
    source = ast.unparse(ast.fix_missing_locations(generated_module(model, prepare, 1, "chi2")))
    assert "def model(x0, p, q)" in source and "f_exp = _NAMESPACE['f_exp']" in source
    assert "def prepare(p)" in source and "q = prepare(t)" in source
    assert "return (p[0], p[1], p[2], p[3])" in source  # the parameters as scalars
    assert "def row(a, base, n, i, p, q)" in source and "model(at(a, base + i), p, q)" in source
    assert "def shifted" not in source and "@numba.cfunc" in source
    effective = generated_module(model, prepare, 1, "effective_chi2")
    assert "def shifted(a, base, n, i, p, q, dx)" in ast.unparse(
        ast.fix_missing_locations(effective)
    )
    with pytest.raises(ValueError, match="no fused kernel"):
        generated_module(model, prepare, 1, "pearson")


def test_parameter_only_subexpressions_are_computed_once_per_call():
    from rootfit.functions.codegen import hoisted_subtrees
    from rootfit.functions.expression import Param, Var, walk

    formula = (
        "[ns]*exp(-0.5*((x-[mu])/[s])^2)/(sqrt(2*pi)*[s]*(erf((10-[mu])/[s])-erf(-[mu]/[s])))"
        "+ ([s] > 1 ? x*sqrt([s]) : x)"
    )
    model = rf.Function(formula).model
    hoisted = hoisted_subtrees(model.expression)
    assert hoisted and all(not any(isinstance(n, Var) for n in walk(h)) for h in hoisted)
    assert not any(isinstance(h, Param) for h in hoisted)  # bare parameters stay as they are
    assert any(isinstance(n, Var) for n in walk(model.expression))
    # the normalisation is hoisted, the square root inside a conditional branch is not
    texts = [repr(h) for h in hoisted]
    assert any("erf" in t for t in texts) and not any("sqrt" in t and "Cond" in t for t in texts)
    x = np.linspace(0.5, 9.5, 200).reshape(-1, 1)
    assert model.parameter_names == ("mu", "ns", "s")
    for p in ([4.0, 1000.0, 0.6], [2.0, 10.0, 1.5]):
        p = np.array(p)
        hoisted_values = model.evaluator(x, p)  # the loop with prepare(p)
        per_point = np.array([model.point_kernel(xi, p) for xi in x[:, 0]])
        assert np.array_equal(hoisted_values, per_point)  # the same arithmetic, bit for bit
        assert np.allclose(hoisted_values, model.numpy_evaluator(x, p), rtol=1e-13)


def test_fused_unbinned_sum_equals_the_plain_path():
    from rootfit.costs.unbinned import event_sums

    model = rf.Function("[n]*exp(-0.5*((x-[m])/[s])^2)/(sqrt(2*pi)*[s])+[b]").model
    x = np.random.default_rng(3).normal(1.0, 2.0, 5000).reshape(-1, 1)
    w = np.random.default_rng(4).uniform(0.5, 1.5, 5000)
    p = np.array([0.1, 1.1, 1000.0, 1.9])  # b, m, n, s
    fused = event_sums((x, w), model, p, 0)[0]
    plain = float(numba_kernels.unbinned_nll(model.evaluator(x, p), w))
    assert fused == plain
    assert fused == pytest.approx(-np.sum(w * np.log(model.numpy_evaluator(x, p))), rel=1e-12)


def test_large_event_sums_run_in_fixed_parts_on_threads(monkeypatch):
    from rootfit.costs.unbinned import event_sums
    from rootfit.fitdata import UnBinData, unbindata

    monkeypatch.setattr(unbindata, "THREAD_PART", 1000)
    model = rf.Function("gausn").model
    events = UnBinData(np.random.default_rng(5).normal(0.0, 1.0, 5500))
    p = np.array([1.0, 0.1, 0.9])
    threaded = events.map_reduce(event_sums, model, p, 1)
    monkeypatch.setattr(unbindata, "local_workers", lambda: 1)
    serial = events.map_reduce(event_sums, model, p, 1)
    assert threaded[0] == serial[0] and np.array_equal(threaded[1], serial[1])  # same parts
    whole = event_sums((events.coords, events.event_weights), model, p, 1)
    assert threaded[0] == pytest.approx(whole[0], rel=1e-14)
    assert np.allclose(threaded[1], whole[1], rtol=1e-12)


def test_large_event_sums_keep_their_threads_until_the_data_is_gone(monkeypatch):
    import gc
    import os
    import pickle
    import weakref

    from rootfit.costs.unbinned import event_sums
    from rootfit.fitdata import UnBinData, unbindata

    monkeypatch.setattr(unbindata, "THREAD_PART", 1000)
    monkeypatch.setattr(unbindata, "local_workers", lambda: 2)
    model = rf.Function("gausn").model
    events = UnBinData(np.random.default_rng(5).normal(0.0, 1.0, 5500))
    p = np.array([1.0, 0.1, 0.9])
    first = events.map_reduce(event_sums, model, p, 0)
    pool = events._threads(2)
    threads = set(pool._threads)
    assert threads and events.map_reduce(event_sums, model, p, 0) == first
    assert events._threads(2) is pool and set(pool._threads) == threads  # kept, not restarted
    copy = pickle.loads(pickle.dumps(events))
    assert "_pool" not in copy.__dict__ and copy.map_reduce(event_sums, model, p, 0) == first
    monkeypatch.setattr(os, "getpid", lambda: -1)  # as a forked process sees it
    assert events._threads(2) is not pool
    gone = weakref.ref(pool)
    del pool
    gc.collect()
    assert gone() is None  # replaced, and no thread keeps it alive: its threads stop
    for thread in threads:
        thread.join(timeout=10)
        assert not thread.is_alive()


def test_an_unwritable_kernel_cache_falls_back_to_the_plain_path(monkeypatch):
    from rootfit.functions import compiled

    def refuse(tree, statistic):
        raise PermissionError("read-only cache")

    monkeypatch.setattr(compiled, "compile_fused", refuse)
    model = rf.Function("pol2").model.renamed(["a0", "a1", "a2"])  # a model not compiled yet
    assert model.fused_kernels("chi2") is None
    g = rf.Graph([1.0, 2, 3, 4], [1.1, 3.9, 9.2, 15.8], yerr=[0.2] * 4)
    r = rf.fit(g, model, "")
    assert r.valid and r.cost.fused is None


def test_threads_making_the_same_kernel_module_at_once(tmp_path, monkeypatch):
    import ast

    from rootfit.kernels import source_cache

    monkeypatch.setattr(source_cache, "cache_directory", lambda: tmp_path)
    marker = float(np.random.default_rng().integers(1 << 40))  # a source no test made before
    definition = ast.parse(f"def marker():\n    return {marker!r}\n").body
    module = ast.Module(body=definition, type_ignores=[])
    loaded = []
    threads = [
        threading.Thread(target=lambda: loaded.append(source_cache.load_generated(module)))
        for _ in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loaded) == 6 and len({id(m) for m in loaded}) == 1
    assert loaded[0].marker() == marker
    assert len(list(tmp_path.glob("k*.py"))) == 1 and not list(tmp_path.glob("*.tmp"))


def test_a_parameter_vector_of_the_wrong_length_is_refused():
    from rootfit.errors import FitError

    cost = rf.prepare_fit(_histogram(), "gaus", "L").cost
    for wrong in ([1.0], [1.0, 2.0, 3.0, 4.0], [[1.0, 2.0, 3.0]]):
        with pytest.raises(FitError, match="takes 3 parameters"):
            cost(wrong)
    with pytest.raises(FitError, match="takes 3 parameters"):
        cost.model_values([1.0])
    with pytest.raises(ValueError, match="3 parameters expected"):
        cost.fused(np.ones(2))
    events = rf.prepare_fit(np.random.default_rng(1).normal(0, 1, 100), "gausn", "").cost
    with pytest.raises(FitError, match="takes"):
        events([0.0])
