"""Every minimizer name ROOT knows, against ROOT 6.40's numbers (root_engine.json) and, where
ROOT has no usable answer, against Migrad's minimum."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from conftest import load_reference

import rootfit as rf
from rootfit.costs import CostSum, GaussianConstraint, UnbinnedNLL
from rootfit.errors import ConvergenceWarning, FitOptionError, FitWarning, LimitWarning
from rootfit.fitdata import BinData
from rootfit.fitter.backends.transform import ParameterTransform
from rootfit.fitter.parameters import ParameterSettings
from rootfit.kernels import costs as kernels
from rootfit.kernels import reference

ENGINE = load_reference("root_engine.json")

#: Where ROOT's own minimum is approximate, how far (in units of the error) its values may be
#: from ours; everything else must agree to 1e-5 relative or 1e-3 of the error.
ROOT_APPROXIMATE = {
    ("Fumili", ""): 1e-2,  # TFumili stops early (its EDM is negative)
    ("GSLMultiMin", "BFGS2"): 1e-2,  # GSL stops on the gradient norm before Migrad's EDM goal
    ("GSLMultiMin", "BFGS"): 1e-2,
    ("GSLMultiMin", "ConjugateFR"): 1e-2,
    ("GSLMultiMin", "ConjugatePR"): 1e-2,
    ("GSLMultiFit", ""): 3e-3,  # GSL's multifit stops at a looser tolerance
    ("Minuit", "Migrad"): 2e-3,  # TMinuit's Migrad takes its own path to the same EDM goal
    ("Minuit", "MigradImproved"): 2e-3,
}
#: Engines whose errors ROOT does not give (GSL minimizers report 0) or gives wrongly (GSL's
#: multifit transforms the covariance of a bounded parameter wrongly: Sigma ± 0.0108), and
#: Scan, whose "errors" are transformed step sizes: compared to our own Hesse instead.
ERRORS_NOT_COMPARED = {"GSLMultiMin", "GSLMultiFit", "Scan"}


def _histogram(name: str) -> rf.Histogram:
    spec = ENGINE["histograms"][name]
    h = rf.Histogram(len(spec["counts"]), spec["lo"], spec["hi"])
    h.set_values(spec["counts"])
    return h


def _case_id(case: dict) -> str:
    return "{data} {function} {option!r} {minimizer_type}/{algorithm}".format(**case)


@pytest.mark.parametrize("case", ENGINE["minimizers"], ids=_case_id)
def test_minimizer_agrees_with_root(case):
    ref = case["root"]
    assert ref is not None
    kind, algorithm = case["minimizer_type"], case["algorithm"]
    options = rf.MinimizerOptions(minimizer_type=kind, algorithm=algorithm)
    r = rf.fit(_histogram(case["data"]), case["function"], case["option"], minimizer=options)
    assert r.minimizer == ref["minimizer"]
    assert r.valid == ref["valid"] and r.ndf == ref["ndf"]
    kind_run, _, algorithm_run = ref["minimizer"].partition(" / ")
    key = (kind_run, algorithm_run)
    if kind != "GSLMultiMin":  # ROOT's GSL minimizers report no covariance
        assert (r.status, r.cov_status) == (ref["status"], ref["cov_status"])
    else:
        assert r.status == ref["status"] and r.cov_status == 3
    tolerance = ROOT_APPROXIMATE.get(key, 1e-3)
    for got, want, err in zip(r.values.to_numpy(), ref["values"], r.errors.to_numpy(), strict=True):
        assert abs(got - want) <= max(tolerance * err, 1e-5 * abs(want)), (got, want)
    assert r.chi2 == pytest.approx(ref["chi2"], rel=1e-4 if key in ROOT_APPROXIMATE else 1e-6)
    if not ERRORS_NOT_COMPARED & {kind, algorithm}:
        np.testing.assert_allclose(r.errors.to_numpy(), ref["errors"], rtol=1e-3)


def test_option_m_is_tminuit_improve():
    r = _histogram("G").fit("gaus", "MQ")
    assert r.minimizer == "Minuit / MigradImproved" and r.status == 4000 and r.valid


def test_gsl_errors_are_hesse_errors():
    """ROOT's GSL minimizers report no errors; rootfit runs Minuit2's Hesse after them."""
    h = _histogram("G")
    migrad = rf.fit(h, "gaus")
    for kind, algorithm in [("GSLMultiMin", "BFGS2"), ("GSLMultiMin", "ConjugatePR")]:
        r = rf.fit(
            h, "gaus", minimizer=rf.MinimizerOptions(minimizer_type=kind, algorithm=algorithm)
        )
        np.testing.assert_allclose(r.errors.to_numpy(), migrad.errors.to_numpy(), rtol=2e-3)
    lm = rf.fit(h, "gaus", minimizer=rf.MinimizerOptions(minimizer_type="GSLMultiFit"))
    fumili = rf.fit(h, "gaus", minimizer=rf.MinimizerOptions(minimizer_type="Fumili2"))
    np.testing.assert_allclose(lm.errors.to_numpy(), fumili.errors.to_numpy(), rtol=1e-4)


#: SteepestDescent (scipy's CG on a 3-point gradient) reaches the minimum but may end its last
#: line search on "precision loss" with the gradient a little above gtol, which it reports as
#: a failure (status 5, a ConvergenceWarning) — honest, and still at the minimum.
LOOSE_ENGINES = {"SteepestDescent": 1e-4}
#: Newton-CG builds its Hessian products from differences of the gradient: it is given the
#: analytic one (option G). On central differences it stops on its relative step (xtol) up to
#: 0.07 σ from the minimum, or reports a failure when xtol is tightened.
GRADIENT_ENGINES = {"Newton-CG"}


@pytest.mark.parametrize(
    "kind, algorithm",
    [
        ("scipy", "BFGS"),
        ("scipy", "L-BFGS-B"),
        ("scipy", "Nelder-Mead"),
        ("scipy", "trust-ncg"),
        ("scipy", "Newton-CG"),
        ("GSLMultiMin", "SteepestDescent"),
        ("GSLSimAn", ""),
        ("Genetic", ""),
    ],
)
def test_other_engines_reach_migrads_minimum(kind, algorithm):
    h = _histogram("G")
    migrad = rf.fit(h, "gaus", "L")
    options = rf.MinimizerOptions(minimizer_type=kind, algorithm=algorithm)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = rf.fit(h, "gaus", "LG" if algorithm in GRADIENT_ENGINES else "L", minimizer=options)
    converged = r.valid and r.status == 0 and r.cov_status == 3
    if algorithm == "SteepestDescent" and not converged:
        assert r.status == 5 and not r.valid
        assert any(issubclass(w.category, ConvergenceWarning) for w in caught)
    else:
        assert converged and not caught
    assert r.minimizer == (f"{kind} / {algorithm}" if algorithm else kind)
    assert r.min_fcn == pytest.approx(migrad.min_fcn, abs=LOOSE_ENGINES.get(algorithm, 1e-4))
    sigmas = 0.05 if algorithm in LOOSE_ENGINES else 0.02
    for got, want, err in zip(
        r.values.to_numpy(), migrad.values.to_numpy(), migrad.errors.to_numpy(), strict=True
    ):
        assert abs(got - want) < sigmas * err
    np.testing.assert_allclose(r.errors.to_numpy(), migrad.errors.to_numpy(), rtol=5e-3)


def test_global_engines_are_seeded_and_respect_limits():
    h = _histogram("G")
    f = rf.Function("gaus")
    f.set_parameters(50.0, 1.0, 1.0)
    f.set_limits("Mean", 0.5, 2.0)  # the best Mean (0.39) lies below the box
    results = []
    for seed in (1, 1, 2):
        options = rf.MinimizerOptions(minimizer_type="Genetic").with_extra(seed=seed)
        with pytest.warns(LimitWarning, match="'Mean' ended at its limit"):
            results.append(rf.fit(h, f, "B", minimizer=options))
    assert results[0].values == results[1].values
    assert all(0.5 <= r.values["Mean"] <= 2.0 for r in results)
    assert results[0].values["Mean"] == pytest.approx(0.5, abs=1e-3)


def test_scipy_engine_passes_options_and_reports_failure():
    h = _histogram("G")
    options = rf.MinimizerOptions(minimizer_type="scipy", algorithm="BFGS").with_extra(
        scipy_options={"maxiter": 2}
    )
    with pytest.warns(FitWarning, match="did not converge"):
        r = rf.fit(h, "gaus", minimizer=options)
    assert not r.valid and r.status == 4
    with pytest.raises(FitOptionError, match="GSLMultiMin algorithm"):
        rf.fit(
            h,
            "gaus",
            minimizer=rf.MinimizerOptions(minimizer_type="GSLMultiMin", algorithm="Newton"),
        )
    with pytest.raises(FitOptionError, match="not one of scipy"):
        rf.fit(h, "gaus", minimizer=rf.MinimizerOptions(minimizer_type="scipy", algorithm="Hooke"))


def test_minos_after_non_minuit_engines():
    h = _histogram("G")
    migrad = rf.fit(h, "gaus", "E")
    for kind in ("Fumili2", "GSLMultiFit", "GSLMultiMin"):
        r = rf.fit(h, "gaus", "E", minimizer=rf.MinimizerOptions(minimizer_type=kind))
        for name, (low, high) in migrad.minos.items():
            assert r.minos[name][0] == pytest.approx(low, rel=2e-3)
            assert r.minos[name][1] == pytest.approx(high, rel=2e-3)


def test_minimizer_names_follow_roots_aliases():
    cases = {
        ("Fumili2", "Migrad"): ("Minuit2", "Fumili"),
        ("TMinuit", ""): ("Minuit", "Migrad"),
        ("GSLMultiMin", "Migrad"): ("GSLMultiMin", "BFGS2"),
        ("GSLMultiFit", "Migrad"): ("GSLMultiFit", ""),
        ("Minuit2", ""): ("Minuit2", "Migrad"),
    }
    for given, expected in cases.items():
        o = rf.MinimizerOptions(minimizer_type=given[0], algorithm=given[1])
        assert (o.minimizer_type, o.algorithm) == expected
    with pytest.raises(FitOptionError, match="strings"):
        rf.MinimizerOptions(minimizer_type=3)  # type: ignore[arg-type]


# -- Fumili on every cost that is a sum of point terms ---------------------------------------


def _events():
    return np.random.default_rng(5).normal(0.3, 1.2, 2000)


def test_fumili_unbinned_sum_and_constraint_reach_migrads_minimum():
    density = rf.Function("exp(-0.5*((x-[mu])/[s])^2)/(sqrt(2*pi)*[s])")
    nll = UnbinnedNLL(_events(), density)
    constraint = GaussianConstraint(["s"], [1.0], errors=[0.05])
    for cost in (nll, CostSum(nll, constraint)):
        start = [ParameterSettings("mu", 0.0, 0.1), ParameterSettings("s", 1.0, 0.1, 0.1, 5.0)]
        migrad = rf.Fitter().fit(cost, start)
        fumili = rf.Fitter(rf.MinimizerOptions(minimizer_type="Fumili2")).fit(cost, start)
        assert fumili.valid and fumili.min_fcn == pytest.approx(migrad.min_fcn, abs=1e-5)
        np.testing.assert_allclose(fumili.values.to_numpy(), migrad.values.to_numpy(), atol=1e-4)
        # Fumili's covariance is the Gauss-Newton one: close to Hesse for a good model
        np.testing.assert_allclose(fumili.errors.to_numpy(), migrad.errors.to_numpy(), rtol=0.05)


def test_fumili_refuses_costs_without_point_terms():
    from rootfit.costs import CallableCost

    cost = CallableCost(lambda p: (p[0] - 1) ** 2, ["a"])
    with pytest.raises(FitOptionError, match="sum of point terms"):
        rf.Fitter(rf.MinimizerOptions(minimizer_type="Fumili")).fit(cost, [0.0])


def test_gauss_newton_kernel_matches_numpy_twin():
    rng = np.random.default_rng(3)
    jac, a, b = rng.normal(size=(50, 4)), rng.normal(size=50), rng.uniform(0, 2, 50)
    g, h = kernels.gauss_newton_terms(jac, a, b)
    g2, h2 = reference.gauss_newton_terms(jac, a, b)
    np.testing.assert_allclose(g, g2, rtol=1e-12)
    np.testing.assert_allclose(h, h2, rtol=1e-12)


def test_gauss_newton_terms_of_chi2_are_exact_for_linear_models():
    x = np.linspace(0, 1, 20)
    data = BinData(x, 1 + 2 * x + 0.1 * np.sin(9 * x), errors=np.full(20, 0.1))
    cost = rf.Chi2(data, rf.Function("pol2"))
    p = np.array([0.5, 1.0, -0.3])
    value, g, h = cost.gauss_newton(p)
    assert value == pytest.approx(cost(p))
    np.testing.assert_allclose(g, cost.gradient(p), rtol=1e-10)
    eps = 1e-5
    numeric = np.array(
        [(cost.gradient(p + eps * e) - cost.gradient(p - eps * e)) / (2 * eps) for e in np.eye(3)]
    )
    np.testing.assert_allclose(h, numeric, rtol=1e-6)


# -- TMinuit, Scan ------------------------------------------------------------------------------


def test_improve_finds_a_lower_minimum():
    """A double well: Migrad from the right stops in the shallow minimum, IMPROVE finds the
    deep one (improve code 0), while a plain Migrad stays."""
    from rootfit.costs import CallableCost

    cost = CallableCost(lambda p: (p[0] ** 2 - 1) ** 2 + 0.3 * p[0] + 0.1 * p[1] ** 2, ["x", "y"])
    start = [ParameterSettings("x", 1.0, 0.1), ParameterSettings("y", 0.5, 0.1)]
    plain = rf.Fitter(rf.MinimizerOptions(minimizer_type="Minuit")).fit(cost, start)
    improved = rf.Fitter(
        rf.MinimizerOptions(minimizer_type="Minuit", algorithm="MigradImproved")
    ).fit(cost, start)
    assert plain.values["x"] > 0 and plain.status == 0
    assert improved.values["x"] < 0 and improved.min_fcn < plain.min_fcn - 0.5
    assert improved.status == 0 and improved.minimizer == "Minuit / MigradImproved"


def test_tminuit_status_convention():
    h = _histogram("G")
    with pytest.warns(FitWarning):
        r = rf.fit(
            h, "gaus", minimizer=rf.MinimizerOptions(minimizer_type="Minuit", max_function_calls=10)
        )
    assert r.status == 4 and not r.valid


def test_scan_is_a_grid_search_per_parameter():
    h = _histogram("G")
    r = rf.fit(h, "gaus", minimizer=rf.MinimizerOptions(algorithm="Scan"))
    assert r.status == 5 and r.cov_status == -1 and r.valid
    start = rf.Function("gaus")
    start.set_parameters(*r.values.to_numpy())  # a scan from its own end point stays there
    again = rf.fit(h, start, "B", minimizer=rf.MinimizerOptions(algorithm="Scan"))
    assert again.min_fcn <= r.min_fcn
    re = rf.fit(h, "gaus", "E", minimizer=rf.MinimizerOptions(algorithm="Scan"))
    assert re.cov_status == 3 and re.errors["Mean"] > 0


# -- the parameter transformation ---------------------------------------------------------------


def test_transform_round_trip_and_derivative():
    settings = [
        ParameterSettings("a", 0.3, 0.1),
        ParameterSettings("b", 2.0, 0.1, 1.0, 5.0),
        ParameterSettings("c", 4.0, 0.1, lower=1.0),
        ParameterSettings("d", -3.0, 0.1, upper=0.0),
        ParameterSettings("e", 7.0, 0.1, fixed=True),
    ]
    t = ParameterTransform.of(settings)
    u = t.to_internal(t.start)
    np.testing.assert_allclose(t.to_external(u), t.start, rtol=1e-12)
    eps = 1e-7
    numeric = [
        (t.to_external(u + eps * e)[t.free] - t.to_external(u - eps * e)[t.free]) @ e / (2 * eps)
        for e in np.eye(4)
    ]
    np.testing.assert_allclose(t.derivative(u), numeric, rtol=1e-6)
    wide = t.to_external(np.array([40.0, 40.0, -40.0, 40.0]))
    assert 1.0 <= wide[1] <= 5.0 and wide[2] >= 1.0 and wide[3] <= 0.0 and wide[4] == 7.0
    assert math.isfinite(t.to_internal([0.3, 5.0, 1.0, 0.0, 7.0])[1])


def test_levenberg_marquardt_restarts_off_a_plateau():
    """NIST BoxBOD from start 1: Marquardt's scaling sends b2 to infinity (a plateau where the
    model no longer depends on it); the Levenberg restart reaches the certified minimum."""
    import nist

    p = nist.load("BoxBOD")
    f = rf.Function(p.formula)
    f.set_parameters(*p.starts[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = rf.fit(
            rf.Graph(p.x, p.y), f, minimizer=rf.MinimizerOptions(minimizer_type="GSLMultiFit")
        )
    assert nist.passes(p, r.values.to_numpy(), r.min_fcn) and r.valid


def test_migrad_covariance_change_is_read_from_iminuit():
    """ROOT's option E reruns Hesse only when Migrad did not end with its own (Dcovar != 0);
    rootfit reads Dcovar from iminuit's state: a change of iminuit's layout fails here."""
    from rootfit.fitter.backends.minuit_state import covariance_change

    h = _histogram("G")
    r = rf.fit(h, "gaus")
    from iminuit import Minuit

    m = Minuit(r.cost, r.values.to_numpy(), name=list(r.parameter_names))
    m.migrad()
    assert covariance_change(m.fmin._src) is not None and covariance_change(m.fmin._src) >= 0.0


def test_linear_fitter_with_fixed_parameters():
    x = np.arange(10.0)
    g = rf.Graph(x, 1 + 0.5 * x + 0.1 * x**2, yerr=np.full(10, 0.1))
    f = rf.Function("pol2")
    f.set_parameters(1.0, 0.3, 0.12)
    f.fix("p2")
    r = rf.fit(g, f)
    assert r.minimizer == "Linear / Migrad" and r.fixed == (False, False, True)
    minuit = rf.fit(g, f, "F")
    np.testing.assert_allclose(r.values.to_numpy(), minuit.values.to_numpy(), rtol=1e-7)
    np.testing.assert_allclose(r.errors.to_numpy(), minuit.errors.to_numpy(), rtol=1e-4)
