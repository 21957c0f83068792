"""``FitResult.print`` reproduces ROOT's ``Print`` byte for byte."""

from __future__ import annotations

import pytest
from conftest import PRINTS, make_graph, make_histogram

import rootfit as rf

EXPECTED = PRINTS["prints"]


@pytest.mark.parametrize(
    ("key", "option", "print_option"),
    [
        ("G gaus '' Print(V)", "Q", "V"),
        ("G gaus '' Print()", "Q", ""),
        ("G gaus 'L' Print()", "LQ", ""),
        ("G gaus 'E' Print()", "EQ", ""),
    ],
)
def test_histogram_prints_like_root(key, option, print_option, capsys):
    r = make_histogram("G").fit("gaus", option)
    r.print(print_option)
    assert capsys.readouterr().out == EXPECTED[key]
    assert r.to_string(print_option) == EXPECTED[key]


def test_linear_fit_prints_like_root():
    r = make_graph("graph").fit("pol1", "Q")
    assert r.to_string() == EXPECTED["graph pol1 '' Print()"]


def test_fixed_parameter_prints_like_root():
    f = rf.Function("gaus")
    f.set_parameters(50, 0.4, 1.5)
    f.fix("Mean", 0.4)
    r = make_histogram("G").fit(f, "QB")
    assert r.to_string("V") == EXPECTED["G gaus fixed mean 'B' Print(V)"]


def test_fit_without_q_prints_the_block(capsys):
    make_histogram("G").fit("gaus")
    assert capsys.readouterr().out == EXPECTED["G gaus '' Print()"]


def test_invalid_result_says_so():
    h = make_histogram("G")
    with pytest.warns(rf.errors.FitWarning, match="did not converge"):
        r = h.fit("gaus", "Q", minimizer=rf.MinimizerOptions(max_function_calls=20))
    assert not r.valid
    assert r.status == 4
    assert "Invalid FitResult  (status = 4 )" in r.to_string()
