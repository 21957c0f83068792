"""Model (frozen mathematics, traits instead of magic numbers), ParameterState (immutable
values), Function as their pair, and the result views' Mapping contract."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import FunctionError
from rootfit.functions import ClosedIntegral, Model, ParameterState, StartRule
from rootfit.result import ParameterKeyError


@pytest.mark.parametrize(
    ("name", "rule", "integral", "linear", "constant", "number"),
    [
        ("gaus", StartRule.GAUS, ClosedIntegral.GAUS, False, False, 100),
        ("gausn", StartRule.GAUS, ClosedIntegral.NONE, False, False, 100),
        ("landau", StartRule.GAUS, ClosedIntegral.NONE, False, False, 400),
        ("expo", StartRule.EXPO, ClosedIntegral.EXPO, False, False, 200),
        ("pol0", StartRule.NONE, ClosedIntegral.POLYNOMIAL, True, True, 300),
        ("pol3", StartRule.NONE, ClosedIntegral.POLYNOMIAL, True, False, 303),
        ("xygaus", StartRule.GAUS_2D, ClosedIntegral.NONE, False, False, 110),
        ("bigaus", StartRule.GAUS_2D, ClosedIntegral.NONE, False, False, 112),
        ("crystalball", StartRule.NONE, ClosedIntegral.NONE, False, False, 500),
        ("chebyshev3", StartRule.NONE, ClosedIntegral.NONE, False, False, 0),
        ("x ++ x^2", StartRule.NONE, ClosedIntegral.NONE, True, False, 0),
        ("[0]*exp([1]*x)", StartRule.NONE, ClosedIntegral.NONE, False, False, 0),
    ],
)
def test_traits_replace_roots_magic_numbers(name, rule, integral, linear, constant, number):
    traits = Model.from_spec(name).traits
    assert (traits.start_rule, traits.integral, traits.linear, traits.constant) == (
        rule,
        integral,
        linear,
        constant,
    )
    assert traits.root_number == number == rf.Function(name).number


def test_model_is_frozen_and_renaming_gives_a_new_model():
    m = Model.from_spec("gaus")
    with pytest.raises(AttributeError):
        m.ndim = 2  # type: ignore[misc]
    renamed = m.renamed(["A", "mu", "s"])
    assert renamed.parameter_names == ("A", "mu", "s") and m.parameter_names[0] == "Constant"
    assert renamed != m and renamed.expression is m.expression
    assert Model.from_spec("gaus") == m and hash(Model.from_spec("gaus")) == hash(m)
    with pytest.raises(FunctionError, match="2 parameter names"):
        m.renamed(["a", "b"])
    with pytest.raises(FunctionError, match="unique"):
        m.renamed(["a", "a", "b"])


def test_model_exposes_compiled_kernels_and_their_twins():
    m = Model.from_spec("[0]*exp(-0.5*((x-[1])/[2])^2)")
    X = np.linspace(-3, 3, 11).reshape(-1, 1)
    p = np.array([2.0, 0.5, 1.2])
    np.testing.assert_allclose(m.evaluator(X, p), m.numpy_evaluator(X, p), rtol=1e-14)
    kernel = m.point_kernel
    assert kernel(0.7, p) == pytest.approx(float(m.evaluator(np.array([[0.7]]), p)[0]), rel=1e-15)
    assert m.has_symbolic_gradient
    callable_model = Model.from_spec(lambda x, a: a * x)
    assert callable_model.point_kernel is None and callable_model.numpy_evaluator is None


def test_parameter_state_is_an_immutable_value():
    s = ParameterState.initial([1.0, 2.0, 3.0])
    with pytest.raises(ValueError):
        s.values[0] = 5.0
    t = s.with_value(0, 5.0).with_limits(1, 0.0, 4.0).with_fixed(2).with_step(0, 0.01)
    assert s.values[0] == 1.0 and s.limits(1) is None and not s.fixed[2]
    assert t.values[0] == 5.0 and t.limits(1) == (0.0, 4.0) and t.fixed[2] and t.steps[0] == 0.01
    assert t.without_limits(1).limits(1) is None
    assert s == ParameterState.initial([1.0, 2.0, 3.0]) and s != t
    with pytest.raises(FunctionError, match="impossible limits"):
        s.with_limits(0, 2.0, 1.0)
    with pytest.raises(FunctionError, match="expected 3 parameter errors"):
        s.replace(errors=[1.0])


def test_function_pairs_model_and_state():
    f = rf.Function("gaus")
    model, state = f.model, f.state
    f.set_parameters(10.0, 1.0, 2.0)
    f.set_parameter_name(0, "Height")
    assert f.model is not model and f.model.expression is model.expression
    assert f.state is not state and state.values.tolist() == [1.0, 0.0, 1.0]
    g = f.copy()
    g.set_parameter("Mean", -1.0)
    assert f.parameter("Mean") == 1.0 and g.model is f.model
    h = rf.Function.from_model(f.model, f.state, name="h")
    assert h.parameters.tolist() == [10.0, 1.0, 2.0] and h.name == "h"
    with pytest.raises(FunctionError, match="state of 2 parameters"):
        f.state = ParameterState.initial([1.0, 2.0])


def test_explicit_steps_are_used_by_the_fitter():
    from rootfit.fitter import settings_from_state

    f = rf.Function("gaus")
    f.set_errors([0.5, 0.5, 0.5])
    f.set_step("Mean", 0.01)
    steps = [s.step for s in settings_from_state(f.parameter_names, f.state)]
    assert steps == [0.5, 0.01, 0.5]


def test_values_view_keeps_the_mapping_contract():
    h = rf.Histogram.from_counts([1.0, 4, 9, 4, 1], np.arange(6.0))
    r = h.fit("gaus", "QN")
    assert "Mean" in r.values and 10 not in r.values and 1 in r.values
    assert r.values[-1] == r.values["Sigma"]
    with pytest.raises(KeyError, match="did you mean 'Mean'"):
        r.values["Meen"]
    with pytest.raises(IndexError, match="out of range for 3 parameters"):
        r.values[7]
    with pytest.raises(ParameterKeyError):
        r.errors[1.5]  # type: ignore[index]
    assert dict(r.values) == {n: r.values[n] for n in r.parameter_names}
