"""Formula grammar, parameter ordering, compiled evaluation vs the numpy twin, safety."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rootfit as rf
from rootfit.errors import FormulaSyntaxError, FunctionError
from rootfit.functions import parse_formula
from rootfit.functions.compiled import compile_tree

X = np.linspace(-2.0, 3.0, 11).reshape(-1, 1)


def evaluate(text: str, params=(), x=X):
    compiled = compile_tree(parse_formula(text).tree)
    p = np.asarray(params, dtype=np.float64)
    fast, twin = compiled.evaluate(x, p), compiled.evaluate_numpy(x, p)
    np.testing.assert_allclose(fast, twin, rtol=1e-14, atol=1e-300, equal_nan=True)
    return fast


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2^3^2", 512.0),
        ("2**3**2", 512.0),
        ("-2^2", -4.0),
        ("2*3^2", 18.0),
        ("2^-1", 0.5),
        ("(1+2)*3", 9.0),
        ("10-4-3", 3.0),
        ("12/3/2", 2.0),
        ("7%3", 1.0),
        ("1<2 && 2<3", 1.0),
        ("1>2 || 0", 0.0),
        ("!0", 1.0),
        ("3 == 3 ? 5 : 6", 5.0),
        ("pi", math.pi),
        ("TMath::Pi()", math.pi),
        ("sqrt2^2", 2.0),
        ("2e-3*1e3", 2.0),
        ("0x10", 16.0),
        ("max(1., 4)+min(2,3)", 6.0),
        ("TMath::Gaus(0)", 1.0),
        ("atan2(1,1)", math.pi / 4),
        ("sq(3)+abs(-2)+sign(-5)", 10.0),
    ],
)
def test_constant_expressions(text, expected):
    assert evaluate(text) == pytest.approx(np.full(X.shape[0], expected))


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("x^2+3*x-1", lambda x, p: x**2 + 3 * x - 1),
        ("[0]*exp(-x/[1])", lambda x, p: p[0] * np.exp(-x / p[1])),
        ("gaus", lambda x, p: p[0] * np.exp(-0.5 * ((x - p[1]) / p[2]) ** 2)),
        (
            "gausn",
            lambda x, p: (
                p[0] * np.exp(-0.5 * ((x - p[1]) / p[2]) ** 2) / (np.sqrt(2 * np.pi) * p[2])
            ),
        ),
        ("expo", lambda x, p: np.exp(p[0] + p[1] * x)),
        ("pol3", lambda x, p: p[0] + p[1] * x + p[2] * x**2 + p[3] * x**3),
        (
            "gaus(0)+pol1(3)",
            lambda x, p: p[0] * np.exp(-0.5 * ((x - p[1]) / p[2]) ** 2) + p[3] + p[4] * x,
        ),
        ("x>0 ? x : -x", lambda x, p: np.abs(x)),
        ("TMath::Erf(x)+erfc(x)", lambda x, p: np.ones_like(x)),
        ("sin(x)^2+cos(x)^2", lambda x, p: np.ones_like(x)),
    ],
)
def test_formulas_against_numpy(text, reference):
    parsed = parse_formula(text)
    p = np.array([2.0, 0.5, 1.3, -0.7, 0.25][: len(parsed.parameter_names)])
    x = X[:, 0]
    np.testing.assert_allclose(evaluate(text, p), reference(x, p), rtol=1e-12)


def test_parameter_order_follows_root():
    assert parse_formula("[b]*x+[a]").parameter_names == ("a", "b")
    assert parse_formula("[N]*TMath::Gaus(x,[mean],[sigma])").parameter_names == (
        "N",
        "mean",
        "sigma",
    )
    assert parse_formula("[z1]+[Z2]*x+[p10]+[p2]").parameter_names == ("p2", "p10", "Z2", "z1")
    assert parse_formula("[0]+[2]*x").parameter_names == ("p0", "p1", "p2")
    assert parse_formula("[0]*x+[p0]").parameter_names == ("p0",)


def test_dimensions_and_variables():
    assert parse_formula("x*y").ndim == 2
    assert parse_formula("x[0]+x[2]").ndim == 3
    assert parse_formula("t").ndim == 4
    assert parse_formula("gaus[y]").ndim == 2


def test_linear_formula():
    parsed = parse_formula("x ++ sin(x) ++ 1")
    assert parsed.linear and parsed.parameter_names == ("p0", "p1", "p2")
    x = X[:, 0]
    np.testing.assert_allclose(evaluate("x ++ sin(x) ++ 1", [1, 2, 3]), x + 2 * np.sin(x) + 3)


@pytest.mark.parametrize(
    ("text", "match", "position"),
    [
        ("[0]*exp(-x/[1]", "expected ',' or '\\)'", 14),
        ("2*+*3", "unexpected '\\*'", 3),
        ("gauss(x)", "did you mean", 0),
        ("sqrt(1, 2)", "takes 1 argument", 0),
        ("x % 2", "integer literals", 2),
        ("", "empty formula", 0),
        ("x $ 2", "unexpected character", 2),
        ("[0] ++ [1]*x", "must not contain parameters", 0),
        ("gaus(x,[0])", "takes 1 variable", 0),
        ("2^", "unexpected end", 2),
    ],
)
def test_syntax_errors_point_at_the_problem(text, match, position):
    with pytest.raises(FormulaSyntaxError, match=match) as info:
        parse_formula(text)
    assert info.value.position == position


def test_function_api():
    f = rf.Function("[0]*exp(-x/[tau])", range=(0, 10))
    f.set_parameters(100, 2.0)
    assert f(2.0) == pytest.approx(100 * math.exp(-1))
    f.set_limits("tau", 0.1, 10)
    f.fix(0)
    assert f.limits("tau") == (0.1, 10.0) and f.is_fixed(0)
    f.release(0)
    assert not f.is_fixed("p0")
    with pytest.raises(FunctionError, match="impossible limits"):
        f.set_limits(1, 5, 1)
    with pytest.raises(FunctionError, match="did you mean 'tau'"):
        f.parameter("tua")
    g = f.copy()
    g.set_parameter(0, 1.0)
    assert f.parameter(0) == 100


def test_callables_root_and_scipy_style():
    root_style = rf.Function(lambda x, p: p[0] * x[0] + p[1], npar=2)
    scipy_style = rf.Function(lambda x, a, b: a * x + b)
    assert scipy_style.parameter_names == ("a", "b")
    pts = np.array([0.0, 1.0, 2.0])
    assert root_style.evaluate(pts, [2.0, 1.0]).tolist() == [1.0, 3.0, 5.0]
    assert scipy_style.evaluate(pts, [2.0, 1.0]).tolist() == [1.0, 3.0, 5.0]

    def branchy(x, p):  # not vectorisable: falls back to a point loop
        return p[0] if x[0] > 1 else p[1]

    assert rf.Function(branchy, npar=2).evaluate(pts, [5.0, 7.0]).tolist() == [7.0, 7.0, 5.0]
    with pytest.raises(FunctionError, match="npar"):
        rf.Function(lambda x, p: p[0])


def test_numba_callable_is_compiled():
    numba = pytest.importorskip("numba")

    @numba.njit
    def line(x, p):
        return p[0] + p[1] * x[0]

    f = rf.Function(line, npar=2)
    assert f.evaluate(np.array([1.0, 2.0]), [1.0, 3.0]).tolist() == [4.0, 7.0]


_ATOMS = st.sampled_from(["x", "[0]", "[1]", "2", "0.5", "pi", "y", "[a]"])
_BINARY = st.sampled_from(["+", "-", "*", "/", "^", "<", "&&", "||", "=="])
_FUNCS = st.sampled_from(["sin", "exp", "log", "sqrt", "abs", "TMath::Erf"])


@st.composite
def expressions(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(_ATOMS)
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"({draw(expressions(depth + 1))}{draw(_BINARY)}{draw(expressions(depth + 1))})"
    if kind == 1:
        return f"{draw(_FUNCS)}({draw(expressions(depth + 1))})"
    if kind == 2:
        return f"-{draw(expressions(depth + 1))}"
    return f"({draw(expressions(depth + 1))} ? {draw(expressions(depth + 1))} : {draw(expressions(depth + 1))})"


@settings(max_examples=60, deadline=None)
@given(expressions())
def test_random_valid_trees_compile_and_match_numpy(text):
    parsed = parse_formula(text)
    p = np.linspace(0.3, 1.7, len(parsed.parameter_names))
    pts = np.column_stack([np.linspace(-1, 2, 7), np.linspace(0.5, 1.5, 7)])
    compiled = compile_tree(parsed.tree)
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(
            compiled.evaluate(pts, p), compiled.evaluate_numpy(pts, p), rtol=1e-12, equal_nan=True
        )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="x[]()0123456789.+-*/^?:<>=!&|, abcdefgilmnopstuwyzTM:_", max_size=30))
def test_random_text_parses_or_raises_our_error(text):
    try:
        parse_formula(text)
    except FormulaSyntaxError:
        pass


def test_references_to_named_functions():
    form1 = rf.Function("abs(sin(x)/x)")
    sqroot = rf.Function("x*gaus(0) + [3]*form1", functions={"form1": form1})
    x = np.array([0.5, 1.0, 2.0])
    p = np.array([1.0, 2.0, 3.0, 4.0])
    expected = x * np.exp(-0.5 * ((x - 2) / 3) ** 2) + 4 * np.abs(np.sin(x) / x)
    np.testing.assert_allclose(sqroot.evaluate(x, p), expected, rtol=1e-14)
    f1 = rf.Function("[a]*exp(-x/[b])")
    both = rf.Function("f1(x,[0],[1])+f1(2*x,[2],[3])", functions={"f1": f1})
    np.testing.assert_allclose(
        both.evaluate(x, [1, 2, 3, 4]), np.exp(-x / 2) + 3 * np.exp(-2 * x / 4), rtol=1e-14
    )
    assert rf.Function("f1([0..1])+[c]", functions={"f1": f1}).parameter_names == ("p0", "p1", "c")
    assert rf.Function("f1+[c]", functions={"f1": f1}).parameter_names == ("a", "b", "c")
    assert rf.Function("f1(y)", functions={"f1": f1}).ndim == 2
    with pytest.raises(FormulaSyntaxError, match="takes 1 variable"):
        rf.Function("f1(x,[0],[1],[2])", functions={"f1": f1})
    with pytest.raises(FunctionError, match="formula Function"):
        rf.Function("g(x)", functions={"g": rf.Function(lambda x, a: a * x)})


@pytest.mark.parametrize(
    "text",
    ["gaus", "pol3", "-x^2+2^3^2", "(1+x)*(2-x)/(3*x)", "x>1 && x<2 ? sin(x) : -cos(x)", "landau",
     "[a]*x-(-[b])", "2^(-x)", "(-2)^2", "-(x-1)^2", "crystalball"],
)  # fmt: skip
def test_printer_round_trip(text):
    f = rf.Function(text)
    printed = f.expanded_formula
    again = rf.Function(printed)
    assert again.parameter_names == tuple(sorted(f.parameter_names, key=_root_order))
    x = np.linspace(0.3, 2.7, 9)
    p = np.linspace(0.5, 1.5, f.npar)
    reorder = [again.parameter_names.index(n) for n in f.parameter_names]
    q = np.empty_like(p)
    q[reorder] = p
    np.testing.assert_allclose(again.evaluate(x, q), f.evaluate(x, p), rtol=1e-13)


def _root_order(name):
    import re

    m = re.fullmatch(r"p(\d+)", name)
    return (0, int(m.group(1)), "") if m else (1, 0, name)


def test_deep_nesting_is_our_error():
    with pytest.raises(FormulaSyntaxError, match="nested too deeply"):
        parse_formula("(" * 2000 + "x" + ")" * 2000)
    with pytest.raises(FormulaSyntaxError, match="characters long"):
        parse_formula("+".join(["x"] * 20000))
    with pytest.raises(FormulaSyntaxError, match="operations deep"):
        parse_formula("+".join(["[0]*x"] * 300))


def test_explicit_predefined_form():
    f = rf.Function("gaus(x,[0..2])+expo(x,[3],[4])")
    x = np.array([0.5, 1.0, 2.0])
    p = [2.0, 0.5, 1.0, 0.1, -0.2]
    np.testing.assert_allclose(
        f.evaluate(x, p), 2 * np.exp(-0.5 * (x - 0.5) ** 2) + np.exp(0.1 - 0.2 * x), rtol=1e-14
    )
    g = rf.Function("gaus(y,[a],[m],[s])")
    assert g.parameter_names == ("a", "m", "s") and g.ndim == 2
