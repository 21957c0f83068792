"""NSUM / CONV (TF1NormSum / TF1Convolution) against ROOT and closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import load_reference, make_histogram

import rootfit as rf
from rootfit import compat as ROOT
from rootfit.errors import FunctionError

COMPOSITES = load_reference("root_functions.json")["composites"]


def _our_names(names):
    """ROOT keeps duplicate names in CONV; rootfit numbers them 1/2 (Minuit2 needs unique names)."""
    out = []
    for i, n in enumerate(names):
        if names.count(n) > 1:
            n = f"{n}{1 if names.index(n) == i else 2}"
        out.append(n)
    return out


@pytest.mark.parametrize("case", COMPOSITES, ids=[c["formula"] for c in COMPOSITES])
def test_composites_agree_with_root(case):
    f = rf.Function(case["formula"], range=tuple(case["range"]))
    assert list(f.parameter_names) == _our_names(case["parameter_names"])
    values = f.evaluate(case["points"], case["parameters"])
    # NSUM is exact; ROOT's CONV is an FFT (circular) convolution, off by up to ~0.7 % from the
    # exact integral (rootfit is exact: test_convolution_closed_form), so 1e-2 inside the range
    if case["formula"].startswith("NSUM"):
        np.testing.assert_allclose(values, case["values"], rtol=1e-9)
    else:
        inner = slice(2, -2)
        np.testing.assert_allclose(
            values[inner], np.array(case["values"])[inner], rtol=1e-2, atol=1e-6
        )


def test_convolution_closed_form():
    # exp(c + s t) ⊗ gaus(μ, σ) = exp(c + s x) · √(2π) σ · exp(s²σ²/2 - s μ)
    f = rf.Function("CONV(expo, gaus)", range=(0, 10))
    x = np.linspace(3, 7, 9)
    c, s, mu, sig = 0.5, -0.3, 0.2, 0.7
    expected = (
        np.exp(c + s * x) * math.sqrt(2 * math.pi) * sig * np.exp(0.5 * s * s * sig * sig - s * mu)
    )
    # the range is cut 10 % beyond [0, 10]: the truncation is below 1e-6 here
    np.testing.assert_allclose(f.evaluate(x, [c, s, mu, sig]), expected, rtol=1e-6)


def test_normsum_is_normalised_and_fits():
    f = rf.Function("NSUM([nsig]*gaus, [nbkg]*expo)", range=(-5, 5))
    p = [60.0, 140.0, 0.4, 1.4, -0.2]
    assert f.integral(-5, 5, p) == pytest.approx(200.0, rel=1e-8)
    h = make_histogram("G")
    f.set_parameters(300, 100, 0.4, 1.4, -0.1)
    r = h.fit(f, "LQ")
    assert r.valid
    # the model is a density times the yields, compared with counts in bins of width 0.5
    assert r.values["nsig"] + r.values["nbkg"] == pytest.approx(h.integral() * 0.5, rel=0.02)


def test_composites_need_a_range_and_valid_arguments():
    with pytest.raises(FunctionError, match="range"):
        rf.Function("NSUM(expo, gaus)")
    with pytest.raises(FunctionError, match="two functions"):
        rf.Function("CONV(expo, gaus, pol1)", range=(0, 1))
    with pytest.raises(FunctionError, match="empty argument"):
        rf.Function("NSUM(expo, )", range=(0, 1))


def test_facade_normsum_and_convolution():
    ns = ROOT.TF1NormSum("[a]*expo, [b]*gaus", 0, 10)
    assert ns.GetNpar() == 5 and ns.GetParName(0) == "a"
    f = ROOT.TF1("fsum", ns, 0, 10, ns.GetNpar())
    f.SetParameters(100, 50, -0.3, 5.0, 0.7)
    ref = COMPOSITES[0]
    assert f.Eval(ref["points"][3]) == pytest.approx(ref["values"][3], rel=1e-9)
    conv = ROOT.TF1Convolution("expo", "gaus", 0, 10)
    fc = ROOT.TF1("fc", conv, 0, 10, conv.GetNpar())
    assert fc.GetNpar() == 4
    fc.SetParameters(0.5, -0.3, 0.0, 0.7)
    assert fc.Eval(5.0) == pytest.approx(COMPOSITES[3]["values"][7], rel=2e-3)
