"""Property tests: the parsers and constructors answer any input with a result or a rootfit
error — never another exception, a crash or a hang (hypothesis, derandomised in CI)."""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import rootfit as rf
from rootfit.errors import DataError, FitOptionError, FunctionError
from rootfit.functions.parser import parse_formula
from rootfit.options import parse_fit_options

FORMULA_ALPHABET = "xyz[]()0123456789.+-*/^,:?!<>=&|eEpigausnolcsxtmhdrTMath ++"
_FORMULA_PIECES = [
    "x", "y", "[0]", "[1]", "[a]", "(", ")", "+", "-", "*", "/", "^", "**", "sin(", "exp(",
    "gaus", "pol2", "expo(1)", "TMath::Gaus(", "ROOT::Math::normal_pdf(", ",", "1.5", "2e3",
    "?", ":", "<", "&&", "pi", "x[0]", "[0..2]", "++", " ",
]  # fmt: skip


@given(st.text(alphabet=FORMULA_ALPHABET, max_size=40))
def test_formula_parser_on_random_text(text):
    try:
        parsed = parse_formula(text)
    except FunctionError:
        return
    assert parsed.ndim >= 1 and len(parsed.parameter_names) >= 0


@given(st.lists(st.sampled_from(_FORMULA_PIECES), max_size=25).map("".join))
def test_formula_parser_on_formula_like_text(text):
    try:
        parsed = parse_formula(text)
    except FunctionError:
        return
    assert parsed.tree is not None


@given(st.text(max_size=30))
def test_formula_parser_on_any_unicode(text):
    try:
        parse_formula(text)
    except FunctionError:
        pass


@given(st.text(alphabet="LWPIUQVXERGMN0+BCFSHTlwpq ROB=0.123456789MULTIWIDTHEX0", max_size=20))
def test_option_parser_on_random_letters(text):
    for target in ("histogram", "graph", "unbinned"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", rf.errors.FitWarning)  # ignored letters warn
                options = parse_fit_options(text, target)
        except FitOptionError:
            continue
        assert options.text == text


@given(
    st.one_of(st.integers(-5, 200), st.floats(allow_nan=True), st.text(max_size=3), st.none()),
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10)),
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10)),
)
def test_histogram_constructor_on_random_arguments(bins, lo, hi):
    try:
        h = rf.Histogram(bins, lo, hi)
    except DataError:
        return
    assert h.axis.nbins == bins and h.axis.lo < h.axis.hi


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=8))
def test_variable_edges_on_random_lists(edges):
    try:
        h = rf.Histogram(edges=edges)
    except DataError:
        return
    assert np.all(np.diff(h.axis.edges) > 0)


@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), max_size=30),
    st.sampled_from(["raise", "omit", "overflow"]),
)
def test_fill_with_random_values(values, policy):
    h = rf.Histogram(10, -1, 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", rf.errors.RootfitWarning)
            h.fill(values, nan_policy=policy)
    except DataError:
        assert policy == "raise" and any(np.isnan(values))
        assert h.entries == 0  # nothing was filled
        return
    kept = len(values) - (sum(np.isnan(values)) if policy == "omit" else 0)
    assert h.entries == kept
