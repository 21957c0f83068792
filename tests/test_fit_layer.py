"""The ROOT::Fit layer: rootfit's Fitter entry points on data and models, and the façade's
``ROOT.Fit`` / ``ROOT.Math`` classes and process defaults."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from conftest import FITS, make_histogram

import rootfit as rf
from rootfit import compat as ROOT
from rootfit.compat import session
from rootfit.errors import FitError, FitWarning
from rootfit.fitdata import BinData, DataRange, UnBinData, as_fit_target
from rootfit.fitdata.filling import DataOptions


@pytest.fixture(autouse=True)
def _root_defaults():
    session.reset_defaults()
    yield
    session.reset_defaults()


def _case(case_id):
    return next(c for c in FITS["cases"] if c["id"] == case_id)


def _points(data="G", likelihood=False):
    opts = DataOptions(use_empty=likelihood)
    return as_fit_target(make_histogram(data)).fit_data(opts, DataRange(), "raise")


# -- rootfit.Fitter's entry points ---------------------------------------------------------------


def test_least_squares_and_likelihood_fits_match_the_histogram_fits():
    gaus = rf.Function("gaus")
    gaus.set_parameters(59.0655332, 0.421149144, 1.45345012)
    gaus.set_limits("Sigma", 0.0, 14.5345012)
    chi2 = rf.Fitter().least_squares_fit(_points(), gaus)
    ref = _case("G gaus ''")
    np.testing.assert_allclose(chi2.values.to_numpy(), ref["values"], rtol=1e-5)
    assert chi2.chi2 == pytest.approx(ref["chi2"], rel=1e-6) and chi2.ndf == ref["ndf"]
    like = rf.Fitter().likelihood_fit(_points(likelihood=True), gaus)  # binned: extended
    ref = _case("G gaus 'L'")
    np.testing.assert_allclose(like.values.to_numpy(), ref["values"], rtol=1e-5)
    assert like.chi2 == pytest.approx(ref["chi2"], rel=1e-6)
    events = UnBinData(np.random.default_rng(1).normal(size=500))
    pdf = rf.Function("ROOT::Math::normal_pdf(x,[s],[m])")
    pdf.set_parameters(0.0, 1.0)
    unbinned = rf.Fitter().likelihood_fit(events, pdf)  # events: not extended
    assert unbinned.chi2 == -1 and unbinned.valid


def test_linear_fit_and_fit_fcn():
    x = np.arange(10.0)
    data = BinData(x, 1.5 + 0.5 * x + 0.01 * np.sin(x), errors=np.full(10, 0.1))
    linear = rf.Fitter().linear_fit(data, rf.Function("pol1"))
    assert linear.minimizer.startswith("Linear") and linear.ncalls == 1
    cost = rf.Chi2(data, rf.Function("pol1"))
    fcn = rf.Fitter().fit_fcn(cost, [1.0, 1.0], data_size=10, chi2=True)
    assert fcn.chi2 == pytest.approx(fcn.min_fcn) and fcn.ndf == 8
    assert fcn.parameter_names == ("Par_0", "Par_1")
    np.testing.assert_allclose(fcn.values.to_numpy(), linear.values.to_numpy(), rtol=1e-6)
    assert rf.Fitter().eval_fcn(fcn) == pytest.approx(fcn.min_fcn)
    assert rf.Fitter().eval_fcn(cost, [1.5, 0.5]) == pytest.approx(cost([1.5, 0.5]))


def test_hesse_and_minos_again_from_a_result():
    h = make_histogram("G")
    r = rf.fit(h, "gaus")
    assert r.cost is not None and r.data is r.cost.data
    again = rf.Fitter().calculate_hess_errors(r)
    np.testing.assert_allclose(again.errors.to_numpy(), r.errors.to_numpy(), rtol=2e-3)
    minos = rf.Fitter().calculate_minos_errors(r, ["Mean"])
    ref = _case("G gaus 'E'")["minos"]["Mean"]
    assert minos.minos["Mean"] == pytest.approx(tuple(ref), rel=2e-3)
    assert "Mean" not in r.minos  # the original is unchanged
    assert pickle.loads(pickle.dumps(minos)) == minos


def test_global_correlation_coefficients():
    r = rf.fit(make_histogram("G"), "gaus")
    cc = r.global_cc
    cov = r.covariance
    inv = np.linalg.inv(cov)
    np.testing.assert_allclose(cc, np.sqrt(1 - 1 / (np.diag(cov) * np.diag(inv))), rtol=1e-12)
    line = rf.fit(
        rf.Graph(np.arange(5.0), [1.0, 2.1, 2.9, 4.2, 5.0], yerr=np.full(5, 0.1)), "pol1", "F"
    )
    assert line.global_cc[0] == pytest.approx(abs(line.correlation[0, 1]), rel=1e-10)
    fixed = rf.Function("gaus")
    fixed.set_parameters(55, 0.4, 1.46)
    fixed.fix("Mean")
    rf_fixed = rf.fit(make_histogram("G"), fixed, "B")
    assert rf_fixed.global_cc[1] == -1 and ROOT.TFitResult(rf_fixed).GlobalCC(0) > 0


# -- the façade ------------------------------------------------------------------------------------


def test_default_minimizer_options_apply_to_facade_fits():
    h = ROOT.TH1D("h", "h", 20, -5, 5)
    for i, c in enumerate(FITS["histograms"]["G"]["counts"]):
        h.SetBinContent(i + 1, c)
    ROOT.Math.MinimizerOptions.SetDefaultMinimizer("Fumili2")
    assert ROOT.Math.MinimizerOptions.DefaultMinimizerType() == "Minuit2"
    assert ROOT.Math.MinimizerOptions.DefaultMinimizerAlgo() == "Fumili"
    assert h.Fit("gaus", "Q").MinimizerType() == "Minuit2 / Fumili"
    ROOT.TVirtualFitter.SetDefaultFitter("Minuit")
    assert h.Fit("gaus", "Q").MinimizerType() == "Minuit / Migrad"
    ROOT.Math.MinimizerOptions.SetDefaultMinimizer("Minuit2")
    ROOT.Math.MinimizerOptions.SetDefaultStrategy(0)
    ROOT.Math.MinimizerOptions.SetDefaultMaxFunctionCalls(20)
    with pytest.warns(FitWarning, match="did not converge"):
        r = h.Fit("gaus", "Q")
    assert r.Status() == 4 and not r.IsValid()
    session.reset_defaults()
    assert rf.fit(h, "gaus").valid  # the Pythonic API never reads the process defaults


def test_error_def_default_rule():
    assert ROOT.Math.MinimizerOptions.DefaultErrorDef() == 1.0
    ROOT.Math.MinimizerOptions.SetDefaultErrorDef(1.0)  # the load-time value: likelihoods use 0.5
    assert session.default_minimizer_options().error_def is None
    ROOT.Math.MinimizerOptions.SetDefaultErrorDef(2.0)
    assert ROOT.Math.MinimizerOptions.DefaultErrorDef() == 2.0
    opts = ROOT.Math.MinimizerOptions()
    opts.SetTolerance(0.1)
    assert opts.Tolerance() == 0.1 and ROOT.Math.MinimizerOptions.DefaultTolerance() == 0.01


def test_minimizer_options_print(capsys):
    ROOT.Math.MinimizerOptions.SetDefaultTolerance(0.001)
    ROOT.Math.MinimizerOptions.SetDefaultPrintLevel(1)
    ROOT.Math.MinimizerOptions.SetDefaultMaxIterations(50)
    ROOT.Math.MinimizerOptions.SetDefaultPrecision(1e-12)
    ROOT.Math.MinimizerOptions.PrintDefault()
    out = capsys.readouterr().out
    assert "Minimizer Type" in out and "Minuit2" in out and "0.001" in out
    opts = ROOT.Math.MinimizerOptions()
    assert (opts.Tolerance(), opts.PrintLevel(), opts.MaxIterations(), opts.Precision()) == (
        0.001,
        1,
        50,
        1e-12,
    )
    opts.Print()
    assert "Print Level" in capsys.readouterr().out


def test_fit_layer_data_classes():
    data = ROOT.Fit.BinData(5, 1)
    for x in range(5):
        data.Add(float(x), 2.0 * x + 1.0, 0.5)
    assert data.Size() == 5 and data.Error(2) == 0.5 and data.Value(4) == 9.0
    f = ROOT.TF1("f", "pol1", 0, 5)
    fitter = ROOT.Fit.Fitter()
    fitter.SetFunction(ROOT.Math.WrappedMultiTF1(f, 1))
    assert fitter.Fit(data)
    np.testing.assert_allclose(fitter.Result().Parameters(), [1.0, 2.0], atol=1e-9)
    assert fitter.Config().ParSettings(1).Value() == pytest.approx(2.0)  # UpdateAfterFit
    r = ROOT.Fit.DataRange(-1, 1)
    r.AddRange(0, 2, 3)
    assert r.Size(0) == 2 and r(0, 1).first == 2 and r().second == 1
    r.SetRange(0, 4)
    assert r.Size(0) == 1 and tuple(r()) == (0, 4)
    with pytest.raises(AttributeError, match="offers"):
        ROOT.Fit.Minimizer  # noqa: B018
    with pytest.raises(FitError, match="SetFunction"):
        ROOT.Fit.Fitter().Fit(data)


def test_facade_fitter_steps_and_weights():
    h = ROOT.TH1D("h", "h", 20, -5, 5)
    for i, c in enumerate(FITS["histograms"]["G"]["counts"]):
        h.SetBinContent(i + 1, c)
    data = ROOT.Fit.BinData(ROOT.Fit.DataOptions(), ROOT.Fit.DataRange())
    ROOT.Fit.FillData(data, h)
    assert data.Size() == 17
    g = ROOT.TF1("g", "gaus", -5, 5)
    g.SetParameters(59.0655332, 0.421149144, 1.45345012)
    fitter = ROOT.Fit.Fitter()
    fitter.SetFunction(g)
    fitter.Config().SetMinosErrors(True)
    fitter.Config().SetParabErrors(True)
    assert fitter.Fit(data)
    r = fitter.Result()
    assert r.HasMinosError(1) and r.Chi2() == pytest.approx(11.9446652, rel=1e-6)
    assert fitter.CalculateHessErrors() and fitter.CalculateMinosErrors()
    assert fitter.EvalFCN() == pytest.approx(r.MinFcnValue(), rel=1e-9)
    # ROOT's Fitter ignores event weights unless the weight correction is on
    x = np.random.default_rng(2).normal(size=300)
    weighted = ROOT.Fit.UnBinData(ROOT.Fit.DataRange(), 300, 1, True)
    for v, w in zip(x, np.linspace(0.5, 1.5, 300), strict=True):
        weighted.Add(v, w)
    pdf = ROOT.TF1("pdf", "ROOT::Math::normal_pdf(x,[s],[m])", -5, 5)
    pdf.SetParameters(0, 1)
    plain = ROOT.Fit.Fitter()
    plain.SetFunction(pdf)
    plain.LikelihoodFit(weighted)
    unweighted = rf.Fitter().likelihood_fit(UnBinData(x), pdf, [0.0, 1.0])
    np.testing.assert_allclose(plain.Result().Parameters(), unweighted.values.to_numpy(), rtol=1e-5)
    corrected = ROOT.Fit.Fitter()
    corrected.SetFunction(pdf)
    corrected.Config().SetWeightCorrection(True)
    corrected.LikelihoodFit(weighted)
    assert not np.allclose(corrected.Result().Parameters(), plain.Result().Parameters(), rtol=1e-4)


def test_fit_fcn_old_signature_and_functor():
    functor = ROOT.Math.Functor(lambda p: (p[0] - 1.0) ** 2 + (p[1] + 2.0) ** 2, 2)
    fitter = ROOT.Fit.Fitter()
    assert fitter.FitFCN(2, functor, np.array([0.0, 0.0]), 0, False)
    np.testing.assert_allclose(fitter.Result().Parameters(), [1.0, -2.0], atol=1e-5)
    assert math.isclose(functor([1.0, -2.0]), 0.0)
    with pytest.raises(FitError, match="configured"):
        ROOT.Fit.Fitter().FitFCN(functor)
