"""Symbolic derivatives: numba kernel vs numpy twin, and both vs finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import rootfit as rf
from rootfit.functions import parse_formula
from rootfit.functions.compiled import compile_derivatives
from rootfit.functions.derivative import NotDifferentiable, differentiate
from rootfit.functions.expression import Num, Param, Var
from rootfit.functions.numeric import numerical_parameter_gradient, numerical_variable_derivative

FORMULAS = [
    "gaus",
    "gausn",
    "expo",
    "pol4",
    "[0]*exp(-x/[1])+[2]",
    "[0]/(1+((x-[1])/[2])^2)",
    "[0]*sin([1]*x+[2])^2+cos(x*[0])",
    "sqrt([0]^2+x^2)*log(1+[1]*x^2)",
    "[0]*TMath::Erf((x-[1])/[2])",
    "atan2([0], x+2)+tanh([1]*x)+asin(x/10)",
    "x>0 ? [0]*x : [1]*x^2",
    "max([0]*x, [1])+abs(x-[0])",
    "[0]^x+pow(x+3, [1])",
]
P = np.array([1.7, 0.4, 1.3, 0.8, 0.5])
X = np.linspace(-2.1, 2.3, 9).reshape(-1, 1)


@pytest.mark.parametrize("text", FORMULAS)
def test_parameter_gradient_matches_twin_and_finite_differences(text):
    f = rf.Function(text)
    p = P[: f.npar]
    assert f.has_symbolic_gradient
    compiled = compile_derivatives(f.expression, "parameters", f.npar)
    fast = compiled.evaluate(X, p)
    np.testing.assert_allclose(fast, compiled.evaluate_numpy(X, p), rtol=1e-13, atol=1e-15)
    numeric = numerical_parameter_gradient(f.evaluator, X, p)
    np.testing.assert_allclose(f.gradient(X, p), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("text", FORMULAS)
def test_variable_derivative_matches_finite_differences(text):
    f = rf.Function(text)
    p = P[: f.npar]
    numeric = numerical_variable_derivative(f.evaluator, X, p)
    np.testing.assert_allclose(f.derivative(X, p), numeric, rtol=1e-6, atol=1e-7)


def test_simplification_and_fallback():
    tree = parse_formula("[0]*x+[1]").tree
    assert differentiate(tree, Param(1)) == Num(1.0)
    assert differentiate(tree, Param(0)) == Var(0)
    with pytest.raises(NotDifferentiable):
        differentiate(parse_formula("digamma([0]*x)").tree, Param(0))
    x = np.array([1.0, 2.0, 3.0])
    from scipy.special import digamma, polygamma

    # lgamma, tgamma: symbolic through digamma
    f = rf.Function("lgamma([0]*x)+tgamma([1]*x)")
    assert f.has_symbolic_gradient
    g = f.gradient(x, [1.5, 0.7])
    np.testing.assert_allclose(g[:, 0], x * digamma(1.5 * x), rtol=1e-12)
    from scipy.special import gamma

    np.testing.assert_allclose(g[:, 1], x * gamma(0.7 * x) * digamma(0.7 * x), rtol=1e-12)
    # digamma itself has no rule: numerical fallback
    h = rf.Function("digamma([0]*x)")
    assert not h.has_symbolic_gradient
    np.testing.assert_allclose(h.gradient(x, [1.5])[:, 0], x * polygamma(1, 1.5 * x), rtol=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "landau",
        "landaun",
        "ROOT::Math::landau_pdf(x,[0],[1])",
        "TMath::Voigt(x-[0],[1],[2])",
        "CONV(expo, gaus)",
    ],
)
def test_special_function_gradients(text):
    f = rf.Function(text, range=(0.0, 10.0)) if text.startswith("CONV") else rf.Function(text)
    p = np.array([1.7, 0.9, 0.8, 0.4])[: f.npar]
    x = np.linspace(-2.0, 6.0, 17)
    numeric = numerical_parameter_gradient(f.evaluator, f._points(x), p)
    np.testing.assert_allclose(f.gradient(x, p), numeric, rtol=1e-6, atol=1e-9)
    assert f.has_symbolic_gradient == (not text.startswith("CONV"))


def test_special_kernels_against_twins():
    from scipy.special import digamma, wofz

    from rootfit.kernels import reference
    from rootfit.kernels import special as sp

    v = np.concatenate([np.linspace(-7.0, 299.0, 3001), [350.0, 1e4]])
    v = v[
        np.min(np.abs(v[:, None] - np.array([-5.5, -1.0, 1.0, 5.0, 12.0, 50.0, 300.0])), axis=1)
        > 1e-3
    ]
    fast = np.array([sp.landau_density_derivative(t) for t in v])
    np.testing.assert_allclose(fast, reference.landau_density_derivative(v), rtol=1e-6, atol=1e-12)
    z = np.linspace(-8, 8, 41)[:, None] + 1j * np.array([1e-3, 0.1, 1.0, 5.0])[None, :]
    w = np.array([[sp.faddeeva(c) for c in row] for row in z])
    np.testing.assert_allclose(w, wofz(z), rtol=1e-8)
    np.testing.assert_allclose(w, reference.faddeeva(z.real, z.imag), rtol=1e-10)
    xs = np.array([-2.5, -0.3, 0.1, 0.5, 1.0, 3.7, 12.0, 150.0])
    np.testing.assert_allclose([sp.digamma(t) for t in xs], digamma(xs), rtol=1e-13)


def test_callable_gradient_is_numerical():
    f = rf.Function(lambda x, a, b: a * np.sin(b * x))
    x = np.linspace(0, 3, 7)
    g = f.gradient(x, [2.0, 0.7])
    np.testing.assert_allclose(g[:, 0], np.sin(0.7 * x), rtol=1e-8)
    np.testing.assert_allclose(g[:, 1], 2.0 * x * np.cos(0.7 * x), rtol=1e-7, atol=1e-10)


_ATOMS = st.sampled_from(["x", "[0]", "[1]", "1.5", "0.5"])
_OPS = st.sampled_from(["+", "-", "*", "/"])
_FUNCS = st.sampled_from(["sin", "exp", "cos", "atan", "TMath::Erf", "tanh", "sq"])


@st.composite
def smooth(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(_ATOMS)
    if draw(st.booleans()):
        return f"({draw(smooth(depth + 1))}{draw(_OPS)}{draw(smooth(depth + 1))})"
    return f"{draw(_FUNCS)}({draw(smooth(depth + 1))})"


@settings(max_examples=40, deadline=None)
@given(smooth())
@example("([0]+exp(exp(exp(x))))")  # f ~ 1e25 at x = 1.4: finite differences break down
def test_random_smooth_formulas(text):
    f = rf.Function(text)
    if f.npar == 0:
        return
    p = np.array([0.9, 1.3])[: f.npar]
    x = np.linspace(0.2, 1.4, 5)
    with np.errstate(all="ignore"):
        exact = f.gradient(x, p)
        numeric = numerical_parameter_gradient(f.evaluator, f._points(x), p)
        value = f(x, p)
    # the finite-difference oracle is only trustworthy where the function value is moderate
    # (for exp(exp(exp(x))) at x = 1.4, f ~ 1e25 and a parameter step is lost in rounding)
    ok = (
        np.isfinite(exact)
        & np.isfinite(numeric)
        & (np.abs(numeric) < 1e6)
        & (np.abs(value) < 1e6)[:, None]
    )
    np.testing.assert_allclose(exact[ok], numeric[ok], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("option", ["GQ", "LGQ", "PGQ", "WGQ"])
def test_option_g_gives_the_same_fit(option):
    from conftest import make_histogram

    h = make_histogram("G")
    plain = h.fit("gaus", option.replace("G", ""))
    with_gradient = h.fit("gaus", option)
    assert with_gradient.valid
    assert with_gradient.chi2 == pytest.approx(plain.chi2, rel=1e-6)
    shift = (
        np.abs(with_gradient.values.to_numpy() - plain.values.to_numpy()) / plain.errors.to_numpy()
    )
    assert shift.max() < 2e-3
    np.testing.assert_allclose(with_gradient.errors.to_numpy(), plain.errors.to_numpy(), rtol=2e-3)


def test_cost_gradients_match_finite_differences():
    from conftest import make_histogram
    from scipy.optimize import approx_fprime

    from rootfit.fitdata.filling import DataOptions, bin_data_from_histogram

    h = make_histogram("G")
    model = rf.Function("gaus")
    p = np.array([50.0, 0.3, 1.4])
    for cost in (
        rf.Chi2(bin_data_from_histogram(h), model),
        rf.PoissonLikelihood(bin_data_from_histogram(h, DataOptions(use_empty=True)), model),
        rf.PearsonChi2(bin_data_from_histogram(h, DataOptions(expected_errors=True)), model),
    ):
        numeric = approx_fprime(p, cost, 1e-6 * np.abs(p))
        np.testing.assert_allclose(cost.gradient(p), numeric, rtol=1e-4, atol=1e-6)


def test_option_g_refused_with_x_errors():
    g = rf.Graph([1.0, 2.0, 3.0, 4.0], [1.0, 2.1, 2.9, 4.2], xerr=0.1, yerr=0.2)
    with pytest.raises(rf.errors.FitOptionError, match="option G"):
        g.fit("pol1", "GQ")
