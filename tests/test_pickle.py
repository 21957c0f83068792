"""Everything a batch or a Dask worker ships pickles: models, functions, costs, results, fit
problems and every histogram and graph kind (with the functions fits attached to them)."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from conftest import make_histogram, quiet_fit

import rootfit as rf
from rootfit.costs import (
    CallableCost,
    Chi2,
    EffectiveChi2,
    GaussianConstraint,
    PearsonChi2,
    PoissonLikelihood,
    SquaredWeightPoissonLikelihood,
    UnbinnedNLL,
)
from rootfit.errors import UnpicklableModelError
from rootfit.fitdata import BinData, DataOptions, bin_data_from_histogram


def linear_model(x, a, b):
    """A module-level callable: importable, so it pickles by reference."""
    return a + b * x


def quadratic(p):
    return float((p[0] - 1.0) ** 2 + (p[1] + 2.0) ** 2)


def round_trip(obj):
    return pickle.loads(pickle.dumps(obj))


@pytest.mark.parametrize(
    "spec",
    [
        "gaus",
        "landau",
        "pol3",
        "xygaus",
        "[0]*exp(-x/[tau])+pol1(2)",
        "x ++ sin(x)",
        linear_model,
    ],
)
def test_function_and_model_round_trip(spec):
    f = rf.Function(spec, range=(0, 5))
    f.set_parameters(np.arange(1.0, f.npar + 1))
    f.set_errors(np.full(f.npar, 0.1))
    f.set_limits(0, -10, 10)
    f.fix(f.npar - 1)
    g = round_trip(f)
    assert g.model == f.model and g.state == f.state
    assert g.name == f.name and g.range == f.range
    x = np.column_stack([np.linspace(0.5, 4, 7)] * f.ndim)
    np.testing.assert_array_equal(g.evaluate(x), f.evaluate(x))
    assert round_trip(f.model) == f.model


@pytest.mark.parametrize("text", ["NSUM([a]*expo, [b]*gaus)", "CONV(expo, gaus)"])
def test_composites_round_trip(text):
    f = rf.Function(text, range=(0.0, 10.0))
    g = round_trip(f)
    assert g.model == f.model
    x = np.linspace(0.5, 9.5, 5)
    np.testing.assert_allclose(g.evaluate(x), f.evaluate(x), rtol=1e-14)


def test_facade_tf1_round_trip():
    from rootfit import compat as ROOT

    f = ROOT.TF1("f1", "[0]+[1]*x", 0, 10)
    f.SetParameters(1.0, 2.0)
    g = round_trip(f)
    assert isinstance(g, ROOT.TF1) and g.GetParameter(1) == 2.0 and g.GetName() == "f1"


def test_a_lambda_model_is_refused_with_a_clear_error():
    f = rf.Function(lambda x, a, b: a + b * x)
    with pytest.raises(UnpicklableModelError, match="lambda or a local function"):
        pickle.dumps(f)
    with pytest.raises(pickle.PicklingError):  # also the error pickle users catch
        pickle.dumps(f.model)


def _costs():
    h = make_histogram("G")
    weighted = make_histogram("G")
    weighted.scale(0.5)
    gaus = rf.Function("gaus").model
    graph = rf.Graph([1.0, 2, 3, 4], [2.1, 3.9, 6.2, 7.8], xerr=0.1, yerr=0.3)
    from rootfit.fitdata import bin_data_from_graph

    chi2 = Chi2(bin_data_from_histogram(h), gaus)
    return [
        chi2,
        Chi2(bin_data_from_histogram(h, DataOptions(integral=True, bin_volume=1)), gaus),
        PearsonChi2(bin_data_from_histogram(h, DataOptions(expected_errors=True)), gaus),
        EffectiveChi2(bin_data_from_graph(graph), rf.Function("pol1")),
        PoissonLikelihood(bin_data_from_histogram(h, DataOptions(use_empty=True)), gaus),
        SquaredWeightPoissonLikelihood(
            bin_data_from_histogram(weighted, DataOptions(use_empty=True)), gaus
        ),
        UnbinnedNLL(np.linspace(-1, 1, 50), rf.Function("gausn")),
        chi2 + GaussianConstraint(["Sigma"], [1.0], [0.2]),
        CallableCost(quadratic, ["a", "b"]),
    ]


@pytest.mark.parametrize("cost", _costs(), ids=lambda c: type(c).__name__)
def test_every_cost_round_trips_and_evaluates_identically(cost):
    copy = round_trip(cost)
    p = np.array([40.0, 0.2, 1.3, 0.5, 0.5][: cost.npar])
    if isinstance(cost, EffectiveChi2 | CallableCost):
        p = np.array([0.1, 1.9])
    assert copy.parameter_names == cost.parameter_names and copy.ndata == cost.ndata
    assert copy(p) == cost(p)


def test_fit_result_round_trip_compares_equal():
    h = make_histogram("G")
    for option in ("Q", "LEQ", "WQ", "IQ"):
        r = quiet_fit(h, "gaus", option)
        copy = round_trip(r)
        assert copy == r
        assert copy.model == r.model and copy.options == r.options
        assert not copy.covariance.flags.writeable
        assert copy.to_string("V") == r.to_string("V")
    assert r != quiet_fit(h, "gaus", "LQ")


def test_fit_problem_round_trips_and_solves_the_same():
    problem = rf.prepare_fit(make_histogram("G"), "gaus", "L")
    assert round_trip(problem).solve() == problem.solve()


def _fitted(obj, model, option="Q"):
    quiet_fit(obj, model, option)
    return obj


def test_every_data_kind_round_trips_with_attached_functions():
    rng = np.random.default_rng(5)
    h2 = rf.Histogram(rf.Axis(10, -3, 3), rf.Axis(10, -3, 3))
    h2.fill(rng.normal(size=2000), rng.normal(size=2000))
    h3 = rf.Histogram(rf.Axis(4, -2, 2), rf.Axis(4, -2, 2), rf.Axis(4, -2, 2))
    h3.fill(*rng.normal(size=(3, 300)))
    profile = rf.Profile(10, 0, 10)
    profile.fill(rng.uniform(0, 10, 500), rng.normal(2.0, 1.0, 500))
    x = np.linspace(0, 5, 12)
    graphs = [
        rf.Graph(x, 2 * x + rng.normal(size=12)),
        rf.Graph(x, 2 * x, yerr=0.3),
        rf.Graph(x, 2 * x, xerr=0.1, yerr=0.3),
        rf.Graph(x, 2 * x, yerr_low=np.full(12, 0.2), yerr_high=np.full(12, 0.4)),
    ]
    objects = [
        _fitted(make_histogram("G"), "gaus"),
        _fitted(h2, "xygaus"),
        h3,
        _fitted(profile, "pol0"),
        *(_fitted(g, "pol1") for g in graphs),
        _fitted(rf.Graph2D(*rng.uniform(0, 1, (2, 30)), rng.normal(size=30)), "[0]+[1]*x+[2]*y"),
        _fitted(rf.MultiGraph([graphs[1], rf.Graph(x + 0.5, 2 * x, yerr=0.2)]), "pol1"),
    ]
    for obj in objects:
        copy = round_trip(obj)
        assert type(copy) is type(obj)
        assert len(copy.functions) == len(obj.functions)
        for a, b in zip(copy.functions, obj.functions, strict=True):
            assert a.model == b.model and a.state == b.state and a.chi2 == b.chi2


def test_results_and_functions_rebuild_their_kernels_in_a_new_process(tmp_path):
    h = make_histogram("G")
    f = rf.Function("[0]*exp(-0.5*((x-[1])/[2])^2) + [3]")
    f.set_parameters(50.0, 0.0, 1.0, 0.0)
    r = quiet_fit(h, f, "Q")
    path = tmp_path / "fit.pkl"
    path.write_bytes(pickle.dumps((f, r)))
    code = textwrap.dedent(
        f"""
        import pickle, numpy as np
        f, r = pickle.loads(open({str(path)!r}, "rb").read())
        x = np.linspace(-2, 2, 5)
        print(repr(f.evaluate(x).tolist()), repr(r.model.evaluator(x.reshape(-1, 1), r.values.to_numpy()).tolist()))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    here = np.linspace(-2, 2, 5)
    expected = f"{f.evaluate(here).tolist()!r} {r.model.evaluator(here.reshape(-1, 1), r.values.to_numpy()).tolist()!r}"
    assert out.stdout.strip() == expected


def test_bin_data_and_options_round_trip():
    data = BinData([1.0, 2.0, 3.0], [2.0, 4.0, 6.5], errors=[0.1, 0.2, 0.3])
    copy = round_trip(data)
    np.testing.assert_array_equal(copy.inv_errors, data.inv_errors)
    assert not copy.values.flags.writeable
    options = rf.MinimizerOptions(strategy=2).with_extra(robust_fraction=0.8)
    assert round_trip(options) == options
    assert round_trip(rf.parse_fit_options("LEQ")) == rf.parse_fit_options("LEQ")


def test_a_result_of_a_user_objective_pickles_without_its_cost():
    import numpy as np

    import rootfit as rf

    h = rf.Histogram(20, -5, 5)
    h.fill(np.random.default_rng(1).normal(size=500))
    r = rf.fit(h, "gaus", "U", objective=lambda p: float(np.sum((p - [50.0, 0.0, 1.0]) ** 2)))
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.cost is None and r.cost is not None
    out = rf.minimize(
        lambda p: [p["a"].value - 1.0, p["b"].value + 2.0, p["a"].value - p["b"].value - 3.0],
        {"a": 0.0, "b": 0.0},
    )
    assert pickle.loads(pickle.dumps(out.fit)).values == out.fit.values
