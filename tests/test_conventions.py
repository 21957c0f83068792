"""Calling conventions users expect: start values, fixed parameters and limits at the call site,
keyword start values, signature defaults, UHI histograms fitted directly, option U."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import make_histogram

import rootfit as rf
from rootfit import compat as ROOT
from rootfit.compat import session
from rootfit.errors import FitOptionError, FunctionError


def test_call_site_start_fix_and_limits():
    h = make_histogram("G")
    r = h.fit("gaus", "Q", start={"Mean": 0.1}, fix=["Sigma"], limits={"Constant": (0, None)})
    assert r.fixed == (False, False, True)
    assert r.bounds[0] == (0.0, np.inf)
    fixed_at = rf.fit(h, "gaus", fix={"Sigma": 1.5})
    assert fixed_at.values["Sigma"] == 1.5 and fixed_at.errors["Sigma"] == 0
    # explicit start values win over ROOT's automatic ones
    problem = rf.prepare_fit(h, "gaus", start={"Mean": 0.1})
    assert problem.start.values[1] == 0.1 and problem.start.values[0] == pytest.approx(59.0655332)
    with pytest.raises(FunctionError, match="did you mean 'Mean'"):
        rf.fit(h, "gaus", start={"Meen": 0.1})
    with pytest.raises(FunctionError, match="impossible limits"):
        rf.fit(h, "gaus", limits={"Sigma": (2, 1)})
    with pytest.raises(FunctionError, match="not finite"):
        rf.fit(h, "gaus", start={"Sigma": float("nan")})


def test_keyword_start_values_and_signature_defaults():
    f = rf.Function("gaus", Mean=0.3, Sigma=2.0)
    assert tuple(f.state.values) == (1.0, 0.3, 2.0)
    f.set_parameters(Constant=5.0)
    assert f.parameter("Constant") == 5.0

    def decay(x, norm=3.0, tau=1.5):
        return norm * np.exp(-x / tau)

    g = rf.Function(decay)
    assert tuple(g.state.values) == (3.0, 1.5)
    x = np.linspace(0, 5, 30)
    data = rf.Graph(x, decay(x, 2.0, 1.2), yerr=np.full(30, 0.01))
    r = rf.fit(data, decay)  # starts from the signature defaults
    assert r.values["tau"] == pytest.approx(1.2, rel=1e-6)

    def bad(x, a="one"):
        return x

    with pytest.raises(FunctionError, match="must be a number"):
        rf.Function(bad)


def test_uhi_histograms_are_fitted_directly():
    hist = pytest.importorskip("hist")
    bh = pytest.importorskip("boost_histogram")
    values = np.random.default_rng(1).normal(0.2, 1.1, 5000)
    ours = rf.Histogram(40, -4, 4)
    ours.fill(values)
    h = hist.Hist.new.Reg(40, -4, 4).Double()
    h.fill(values)
    assert rf.fit(h, "gaus").values == rf.fit(ours, "gaus").values
    weighted = bh.Histogram(bh.axis.Regular(40, -4, 4), storage=bh.storage.Weight())
    weighted.fill(values, weight=2.0)
    r = rf.fit(weighted, "gaus", "WL")  # Σw² comes along: the weighted likelihood applies
    assert r.valid and r.values["Mean"] == pytest.approx(0.2, abs=0.05)


def test_option_u_minimises_the_users_objective():
    h = make_histogram("G")

    def neyman(p, data):
        f = p[0] * np.exp(-0.5 * ((data.coords[:, 0] - p[1]) / p[2]) ** 2)
        return float(np.sum(((data.values - f) * data.inv_errors) ** 2))

    user = rf.fit(h, "gaus", "U", objective=neyman)
    builtin = rf.fit(h, "gaus")
    np.testing.assert_allclose(user.values.to_numpy(), builtin.values.to_numpy(), rtol=1e-5)
    assert user.chi2 == pytest.approx(builtin.chi2, rel=1e-7) and user.ndf == builtin.ndf
    assert user.model is not None
    with pytest.raises(FitOptionError, match="objective"):
        rf.fit(h, "gaus", "U")


def test_option_u_through_the_facade_with_set_fcn():
    session.reset_defaults()
    h = ROOT.TH1D("h", "h", 20, -5, 5)
    counts = make_histogram("G").values()
    for i, c in enumerate(counts):
        h.SetBinContent(i + 1, c)
    x = np.linspace(-4.75, 4.75, 20)

    def fcn(npar, gin, f, par, iflag):  # ROOT's signature: the value goes to f[0]
        model = par[0] * np.exp(-0.5 * ((x - par[1]) / par[2]) ** 2)
        used = counts > 0
        f[0] = np.sum(((counts - model)[used] / np.sqrt(counts[used])) ** 2)

    ROOT.TVirtualFitter.SetFCN(fcn)
    try:
        r = h.Fit("gaus", "UQ")
    finally:
        session.reset_defaults()
    assert r.Chi2() == pytest.approx(11.9446652, rel=1e-6)
