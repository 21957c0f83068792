"""The façade pieces that ROOT's ported tutorials use (tests/macros covers them against ROOT;
these check each one's contract directly: closed forms, numpy/scipy oracles, ROOT's rules)."""

from __future__ import annotations

import ctypes
import gc
import math
import os

import numpy as np
import pytest
from scipy import integrate, interpolate, stats

import rootfit as rf
from rootfit import compat as ROOT
from rootfit.compat import session
from rootfit.costs import BinomialEfficiency
from rootfit.costs.efficiency import binomial_nll
from rootfit.fitdata import BinData


@pytest.fixture(autouse=True)
def fresh_session():
    session.reset_defaults()
    yield
    session.reset_defaults()


# the function list -------------------------------------------------------------------------
def test_functions_are_found_by_name_in_formulas_and_fits():
    form1 = ROOT.TFormula("form1", "abs(sin(x)/x)")
    f = ROOT.TF1("sq", "x*gaus(0) + [3]*form1", 0.1, 10)
    assert f.npar == 4 and ROOT.gROOT.GetListOfFunctions().FindObject("form1") is form1
    f.SetParameters(1, 2, 1, 3)
    assert f.Eval(1.0) == pytest.approx(math.exp(-0.5) + 3 * abs(math.sin(1.0)))
    h = ROOT.TH1D("h", "", 20, 0.1, 10)
    h.FillN(4, np.array([1.0, 2, 2, 3]), ROOT.nullptr)
    g = ROOT.TF1("mine", "pol0", 0, 10)
    h.Fit("mine", "Q0")  # found by name: the registered TF1 is the one fitted
    assert g.GetParameter(0) == pytest.approx(3 / 2.5)  # Neyman mean of the bins 1, 2, 1


def test_the_function_list_holds_functions_weakly_and_by_latest_name():
    functions = ROOT.gROOT.GetListOfFunctions()
    a = ROOT.TF1("f", "pol1", 0, 1)
    b = ROOT.TF1("f", "pol2", 0, 1)  # a newer function of the same name replaces the older
    assert functions.FindObject("f") is b
    assert functions.Remove(b) is b and functions.FindObject("f") is None
    c = ROOT.TF1("temporary", "pol1", 0, 1)
    del a, c
    gc.collect()
    assert functions.FindObject("temporary") is None  # Python freed it, as PyROOT would


# files and directories ---------------------------------------------------------------------
def test_write_takes_a_snapshot_and_the_file_reaches_disk_when_collected(tmp_path):
    path = str(tmp_path / "snap.root")

    def make():
        f = ROOT.TFile(path, "RECREATE")  # noqa: F841 - closed when the function returns
        h = ROOT.TH1F("h", "title;x;events", 4, 0, 4)
        h.Fill(1.5)
        h.Write()
        h.Fill(2.5)  # after the snapshot
        h.SetName("later")
        h.Write()

    make()
    gc.collect()
    assert os.path.exists(path)
    f = ROOT.TFile(path)
    first, later = f.Get("h"), f.Get("later")
    assert first.GetEntries() == 1 and later.GetEntries() == 2
    assert (first.GetXaxis().GetTitle(), first.GetYaxis().GetTitle()) == ("x", "events")
    assert ROOT.gDirectory.GetName() == path  # a file opened last is the current directory
    f.Close()
    assert ROOT.gDirectory.Get("nothing") is None and ROOT.gDirectory.GetName() == "Rint"


def test_histograms_join_the_current_directory_unless_a_context_says_none(tmp_path):
    f = ROOT.TFile(str(tmp_path / "held.root"), "RECREATE")
    h = ROOT.TH1D("held", "", 2, 0, 1)
    assert f.Get("held") is h
    with ROOT.TDirectory.TContext(ROOT.nullptr):
        loose = ROOT.TH1D("loose", "", 2, 0, 1)
    assert f.Get("loose") is None and ROOT.gDirectory.GetName() == f.GetName()
    h.Fill(0.2)
    f.Close()  # written as it is at closing
    assert ROOT.TFile(str(tmp_path / "held.root")).Get("held").GetEntries() == 1
    assert loose.GetEntries() == 0


def test_writing_without_a_file_warns_and_writes_nothing():
    h = ROOT.TH1D("h", "", 2, 0, 1)
    with pytest.warns(rf.errors.RootfitWarning, match="not a file"):
        assert h.Write() == 0


# small ROOT classes --------------------------------------------------------------------------
def test_tcutg_is_inside_follows_the_even_odd_rule():
    cut = ROOT.TCutG("c", 5, np.array([0.0, 2, 2, 0, 0]), np.array([0.0, 0, 1, 1, 0]))
    assert cut.IsInside(1, 0.5) and not cut.IsInside(3, 0.5) and not cut.IsInside(1, 1.5)
    ell = ROOT.TCutG("L", 0)  # an L shape, point by point
    for i, (x, y) in enumerate([(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2), (0, 0)]):
        ell.SetPoint(i, x, y)
    assert ell.GetN() == 7 and ell.IsInside(0.5, 1.5) and not ell.IsInside(1.5, 1.5)


def test_tmath_functions_agree_with_closed_forms():
    T = ROOT.TMath
    assert T.Gaus(1.0, 0.0, 2.0) == pytest.approx(math.exp(-0.125))
    assert T.Gaus(1.0, 0.0, 2.0, True) == pytest.approx(stats.norm.pdf(1.0, 0, 2))
    assert T.Prob(3.84, 1) == pytest.approx(0.05, abs=1e-4) and T.Prob(1.0, 0) == 0.0
    assert T.Landau(0.0) == pytest.approx(T.Landau(np.array([0.0]))[0])
    assert integrate.quad(lambda x: T.Landau(x, 2.0, 0.5, True), -20, 2000, limit=500)[
        0
    ] == pytest.approx(1.0, abs=2e-3)
    assert T.BreitWigner(1.0, 1.0, 2.0) == pytest.approx(1 / math.pi)
    assert T.Poisson(3, 2.5) == pytest.approx(stats.poisson.pmf(3, 2.5))
    assert (T.Nint(2.5), T.Nint(-2.5), T.Sign(3, -1)) == (3, -3, -3.0)
    assert (
        T.BinarySearch(4, [1.0, 2, 3, 4], 2.5) == 1 and T.BinarySearch(4, [1.0, 2, 3, 4], 0.5) == -1
    )
    assert np.array_equal(T.Max(np.array([1.0, 5.0]), 2.0), [2.0, 5.0])  # arrays stay arrays


def test_stopwatch_and_benchmark(capsys):
    w = ROOT.TStopwatch()
    sum(range(10000))
    assert w.RealTime() >= 0 and w.CpuTime() >= 0
    ROOT.gBenchmark.Start("b")
    ROOT.gBenchmark.Show("b")
    ROOT.Error("here", "value %d", 3)
    out = capsys.readouterr()
    assert "Real Time" in out.out and "Error in <here>: value 3" in out.err


def test_colours_by_name_as_pyroot_accepts_them():
    f = ROOT.TF1("f", "pol1", 0, 1)
    f.SetLineColor("kBlue")
    assert f.GetLineColor() == ROOT.kBlue
    f.SetLineColor("kRed+2")
    assert f.GetLineColor() == ROOT.kRed + 2
    with pytest.raises(ValueError, match="unknown colour"):
        f.SetLineColor("kBlu")


# filling -------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", [ROOT.TH1D, ROOT.TH1F])
def test_scalar_fill_equals_the_vectorised_fill(cls):
    rng = np.random.default_rng(5)
    x = rng.normal(size=500)
    x[[3, 7, 9]] = [np.nan, 10.0, -10.0]
    w = rng.uniform(0.5, 2, 500)
    one, many = cls("one", "", 20, -3, 3), cls("many", "", 20, -3, 3)
    bins = [one.Fill(v, wt) for v, wt in zip(x, w, strict=True)]
    many.fill(x, weights=w, nan_policy="overflow")
    assert np.array_equal(one.values(flow=True), many.values(flow=True))
    assert np.allclose(one.variances(flow=True), many.variances(flow=True), rtol=1e-12)
    assert one.GetMean() == pytest.approx(many.GetMean(), rel=1e-12)
    assert bins[3] == 21 and bins[7] == 21 and bins[9] == 0


def test_scalar_fill_of_2d_and_integer_histograms():
    rng = np.random.default_rng(6)
    x, y = rng.normal(size=(2, 300))
    a, b = ROOT.TH2D("a", "", 8, -2, 2, 6, -2, 2), ROOT.TH2D("b", "", 8, -2, 2, 6, -2, 2)
    for u, v in zip(x, y, strict=True):
        a.Fill(u, v)
    b.fill(x, y)
    assert np.array_equal(a.values(flow=True), b.values(flow=True))
    assert a.GetCorrelationFactor() == pytest.approx(b.GetCorrelationFactor(), rel=1e-12)
    i = ROOT.TH1I("i", "", 4, 0, 4)
    for _ in range(3):
        i.Fill(1.5, 2.7)  # integer storage adds the truncated weight (general path)
    assert i.GetBinContent(2) == 6


def test_fill_with_arrays_and_fill_n_in_two_dimensions():
    h = ROOT.TH1D("h", "", 4, 0, 4)
    h.Fill(np.array([0.5, 1.5, 1.5]))
    h.Fill(np.array([2.5]), np.array([3.0]))
    assert list(h.values()) == [1, 2, 3, 0]
    h2 = ROOT.TH2D("h2", "", 2, 0, 2, 2, 0, 2)
    h2.FillN(3, np.array([0.5, 1.5, 1.5, 9]), np.array([0.5, 0.5, 1.5, 9]), ROOT.nullptr)
    assert h2.GetEntries() == 3 and h2.GetBinContent(2, 1) == 1
    with pytest.raises(rf.errors.DataError):
        h2.FillN(5, np.zeros(3), np.zeros(3), ROOT.nullptr)


# fitters ---------------------------------------------------------------------------------------
def test_linear_fitter_matches_numpy_least_squares_and_fixes_parameters():
    rng = np.random.default_rng(7)
    X = rng.uniform(-1, 1, (60, 3))
    y = 1 + X @ [2.0, -1.0, 0.5] + rng.normal(0, 0.1, 60)
    lf = ROOT.TLinearFitter(3)
    lf.SetFormula("hyp3")
    lf.AssignData(60, 3, X.ravel(), y, np.full(60, 0.1))
    assert lf.Eval() == 0
    A = np.column_stack([np.ones(60), X])
    expected, *_ = np.linalg.lstsq(A, y, rcond=None)
    params, errors = ROOT.TVectorD(), ROOT.TVectorD()
    lf.GetParameters(params)
    lf.GetErrors(errors)
    assert params.GetNrows() == 4 and np.allclose(params, expected, atol=1e-10)
    assert np.allclose(errors, np.sqrt(np.diag(np.linalg.inv(A.T @ A / 0.01))), rtol=1e-8)
    assert lf.GetChisquare() == pytest.approx(np.sum(((A @ expected - y) / 0.1) ** 2))
    lf.FixParameter(0, 1.0)
    lf.Eval()
    fixed, *_ = np.linalg.lstsq(X, y - 1.0, rcond=None)
    assert np.allclose(lf.GetParameters()[1:], fixed, atol=1e-10) and lf.GetParError(0) == 1.0


def test_math_minimizer_and_functors():
    m = ROOT.Math.Factory.CreateMinimizer("Minuit2", "Migrad")
    m.SetFunction(ROOT.Math.Functor(lambda p: (p[0] - 1) ** 2 + 10 * (p[1] + 2) ** 2, 2))
    m.SetVariable(0, "x", 0.0, 0.1)
    m.SetLimitedVariable(1, "y", 0.0, 0.1, -5, 5)
    assert m.Minimize() and m.Status() == 0
    assert np.allclose(m.X(), [1, -2], atol=1e-3) and m.Errors()[0] == pytest.approx(1.0, rel=1e-3)
    assert m.CovMatrix(1, 1) == pytest.approx(0.1, rel=1e-3)
    ok, lower, upper = m.GetMinosError(0)
    assert ok and lower == pytest.approx(-1.0, rel=1e-3) and upper == pytest.approx(1.0, rel=1e-3)
    ig = ROOT.Math.Integrator(ROOT.Math.Functor1D(lambda x: math.exp(-x)))
    assert ig.IntegralUp(0.0) == pytest.approx(1.0) and ig.Integral(0, 1) == pytest.approx(
        1 - math.exp(-1)
    )
    rf_ = ROOT.Math.RootFinder()
    rf_.SetFunction(ROOT.Math.Functor1D(lambda x: x**3 - 2), 0, 2)
    assert rf_.Solve() and rf_.Root() == pytest.approx(2 ** (1 / 3), rel=1e-9)


def test_tminuit_commands_fill_ctypes_references():
    def fcn(npar, gin, f, par, iflag):
        f.value = (par[0] - 1) ** 2 + 4 * (par[1] + 2) ** 2

    m = ROOT.TMinuit(2)
    m.SetFCN(fcn)
    ierflg = ctypes.c_int(-1)
    m.mnparm(0, "a", 3, 0.1, 0, 0, ierflg)
    m.mnparm(1, "b", 3, 0.1, -10, 10, ierflg)
    m.mnexcm("MIGRAD", np.array([500.0, 1.0]), 2, ierflg)
    amin, edm, errdef = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    nvpar, nparx, icstat = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    m.mnstat(amin, edm, errdef, nvpar, nparx, icstat)
    value, error = ctypes.c_double(), ctypes.c_double()
    m.GetParameter(1, value, error)
    assert ierflg.value == 0 and amin.value < 1e-3 and (nvpar.value, nparx.value) == (2, 2)
    assert value.value == pytest.approx(-2, abs=5e-3) and error.value == pytest.approx(
        0.5, rel=1e-2
    )
    m.mnexcm("FIX", np.array([1.0]), 1, ierflg)
    assert m.GetNumFreePars() == 1
    with pytest.warns(rf.errors.RootfitWarning, match="not supported"):
        assert m.Command("SEEK 10") == 3


def test_gminuit_contour_is_closed_and_follows_the_error_definition():
    h = ROOT.TH1D("h", "", 30, -3, 3)
    h.FillN(3000, np.random.default_rng(8).normal(size=3000), ROOT.nullptr)
    ROOT.TVirtualFitter.SetDefaultFitter("Minuit")
    h.Fit("gaus", "Q0")
    g1 = ROOT.gMinuit.Contour(20, 1, 2)
    ROOT.gMinuit.SetErrorDef(4)
    g4 = ROOT.gMinuit.Contour(20, 1, 2)
    assert g1.GetN() == 21 and (g1.GetPointX(0), g1.GetPointY(0)) == (
        g1.GetPointX(20),
        g1.GetPointY(20),
    )
    mean_error = h.GetFunction("gaus").GetParError(1)
    assert max(g1.GetX()) - min(g1.GetX()) == pytest.approx(2 * mean_error, rel=0.02)
    assert max(g4.GetX()) - min(g4.GetX()) == pytest.approx(4 * mean_error, rel=0.02)


# composite functions ----------------------------------------------------------------------
def test_convolution_by_fft_agrees_with_the_exact_integral_where_nothing_wraps():
    fft = ROOT.TF1Convolution("gaus", "gaus", -20, 20, True)
    fft.SetNofPointsFFT(4000)
    exact = ROOT.TF1Convolution("gaus", "gaus", -20, 20, False)
    a, b = ROOT.TF1("a", fft, -5, 5, fft.GetNpar()), ROOT.TF1("b", exact, -5, 5, exact.GetNpar())
    for f in (a, b):
        f.SetParameters(1.0, 0.5, 1.0, 0.2, 1.5)
    x = np.linspace(-4, 4, 9)

    def analytic(x):
        return np.sqrt(2 * np.pi) * 1.5 / np.sqrt(1 + 1.5**2) * np.exp(-0.5 * (x - 0.7) ** 2 / 3.25)

    assert np.allclose([b.Eval(v) for v in x], analytic(x), rtol=1e-6)
    # ROOT's FFT samples N points over the range but recentres by N/2 steps: its curve is the
    # exact one moved by half a sampling step, scaled by (N-1)/N
    step = 40 / 3999
    assert np.allclose([a.Eval(v) for v in x], analytic(x + step / 2), rtol=5e-4)


def test_normsum_has_roots_parameter_order_and_start_values():
    cb = ROOT.TF1("cb", "crystalball", -5, 5)
    cb.SetParameters(1, 3, 0.3, 2, 1.5)
    ex = ROOT.TF1("ex", "expo", -5, 5)
    ex.SetParameters(1, -0.3)
    ns = ROOT.TF1NormSum(cb, ex, 50, 1000)
    names = [ns.GetParName(i) for i in range(ns.GetNpar())]
    assert names == ["Coeff0", "Coeff1", "Mean", "Sigma", "Alpha", "N", "Slope"]
    assert list(ns.GetParameters().data()) == [50, 1000, 3, 0.3, 2, 1.5, -0.3]
    f = ROOT.TF1("sum", ns, -5, 5, ns.GetNpar())
    assert f.Integral(-5, 5) == pytest.approx(1050, rel=1e-6)


# binomial efficiency ----------------------------------------------------------------------
def test_binomial_nll_is_the_saturated_binomial_likelihood():
    k, n = np.array([0.0, 3, 10]), np.array([5.0, 10, 10])
    eff = np.array([0.2, 0.4, 0.9])
    expected = -np.sum(
        stats.binom.logpmf(k, n, eff) - stats.binom.logpmf(k, n, np.where(n > 0, k / n, 0))
    )
    assert binomial_nll(k, n, eff) == pytest.approx(expected, rel=1e-12)
    data = BinData(np.array([[0.5], [1.5], [2.5]]), k, None)
    cost = BinomialEfficiency(data, n, rf.Function("[0]+[1]*x"))
    p = np.array([0.1, 0.25])
    numeric = [(cost(p + h) - cost(p - h)) / 2e-6 for h in np.eye(2) * 1e-6]
    assert np.allclose(cost.gradient(p), numeric, rtol=1e-5)
    with pytest.raises(rf.errors.DataError):
        BinomialEfficiency(data, np.array([5.0, 2, 10]), rf.Function("[0]+[1]*x"))


def test_binomial_efficiency_fitter_recovers_the_efficiency():
    rng = np.random.default_rng(9)
    x = rng.uniform(0, 10, 20000)
    total, passed = ROOT.TH1D("t", "", 25, 0, 10), ROOT.TH1D("p", "", 25, 0, 10)
    total.FillN(x.size, x, ROOT.nullptr)
    chosen = x[rng.random(x.size) < 0.8 / (1 + np.exp(4 - x))]
    passed.FillN(chosen.size, chosen, ROOT.nullptr)
    f = ROOT.TF1("eff", "[0]/(1+exp([1]-x))", 0, 10)
    f.SetParameters(0.5, 3)
    r = ROOT.TBinomialEfficiencyFitter(passed, total).Fit(f, "RIQ")
    assert int(r) == 0 and abs(f.GetParameter(0) - 0.8) < 4 * f.GetParError(0)
    assert f.GetNDF() == 23 and stats.chi2.sf(f.GetChisquare(), 23) > 1e-3
    with pytest.raises(rf.errors.FitOptionError):
        ROOT.TBinomialEfficiencyFitter(passed, total).Fit(f, "Z")


# graphs and drawing -------------------------------------------------------------------------
def test_graph2d_interpolation_is_linear_in_delaunay_triangles_of_scaled_axes():
    rng = np.random.default_rng(10)
    x, y = rng.uniform(0, 100, 60), rng.uniform(0, 1, 60)
    z = np.sin(x / 20) + y
    g = ROOT.TGraph2D(60, x, y, z)
    scaled = np.column_stack([(x - x.min()) / np.ptp(x), (y - y.min()) / np.ptp(y)])
    oracle = interpolate.LinearNDInterpolator(scaled, z, fill_value=0.0)
    qx, qy = rng.uniform(0, 100, 30), rng.uniform(0, 1, 30)
    ours = [g.Interpolate(a, b) for a, b in zip(qx, qy, strict=True)]
    expected = oracle(np.column_stack([(qx - x.min()) / np.ptp(x), (qy - y.min()) / np.ptp(y)]))
    assert np.allclose(ours, expected, atol=1e-12)


def test_fit_draws_the_object_unless_option_0(tmp_path):
    c = ROOT.TCanvas("c", "c")
    h = ROOT.TH1D("h", "t;x title;y title", 10, -2, 2)
    h.FillN(100, np.random.default_rng(11).normal(size=100), ROOT.nullptr)
    h.Fit("gaus", "Q0")
    assert c.GetListOfPrimitives() == []
    h.Fit("gaus", "Q")
    assert c.GetListOfPrimitives() == [h]
    assert (h.GetTitle(), h.GetXaxis().GetTitle(), h.GetYaxis().GetTitle()) == (
        "t",
        "x title",
        "y title",
    )
    c.SaveAs(str(tmp_path / "c.png"))
    assert (tmp_path / "c.png").stat().st_size > 0


def test_a_file_freed_after_a_change_of_directory_is_written_where_it_was_opened(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(first)
        f = ROOT.TFile("late.root", "RECREATE")
        ROOT.TH1D("h", "", 2, 0, 1)
        os.chdir(second)
        del f
        gc.collect()
    finally:
        os.chdir(cwd)
    assert (first / "late.root").exists() and not (second / "late.root").exists()


# template fractions ----------------------------------------------------------------------------
def _templates():
    rng = np.random.default_rng(12)
    a = rng.poisson([np.linspace(40, 5, 12), np.linspace(5, 40, 12)]).astype(float)
    a[0, 5] = 0.0  # a bin where a source has no simulated event
    d = rng.poisson(0.4 * a[0] + 0.6 * a[1] + 0.5).astype(float)
    d[7] = 0.0
    return d, a


def test_template_fractions_profile_the_true_template_contents():
    from rootfit.costs import TemplateFractions

    d, a = _templates()
    cost = TemplateFractions(d, a)
    P = np.array([0.45, 0.55])
    f, A = cost.predictions(P)
    s = cost.strengths(P)
    busy = d > 0
    t = 1.0 - d[busy] / f[busy]  # the prediction satisfies d = f·(1 - t)
    solved = np.sum(s[:, busy] * a[:, busy] / (1 + s[:, busy] * t), axis=0)
    assert np.allclose(solved, d[busy] / (1 - t), rtol=1e-9)

    def full_nll(A_):
        f_ = np.sum(s * A_, axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = [np.where(n > 0, n * np.log(m), 0.0) - m for n, m in ((d, f_), (a, A_))]
        return -sum(float(np.sum(term)) for term in terms)

    base = full_nll(A)  # the profiled contents maximise the likelihood at fixed fractions
    rng = np.random.default_rng(0)
    for _ in range(5):
        assert full_nll(A * (1 + 1e-3 * rng.standard_normal(A.shape)).clip(1e-9)) > base
    assert cost(P) == pytest.approx(base + cost._saturated, rel=1e-12)


def test_fraction_fitter_results_ranges_and_plots():
    d, a = _templates()
    data = ROOT.TH1D("d", "", 12, 0, 12)
    mcs = [ROOT.TH1D(f"mc{j}", "", 12, 0, 12) for j in range(2)]
    data.set_values(d)
    for h, values in zip(mcs, a, strict=True):
        h.set_values(values)
    fit = ROOT.TFractionFitter(data, ROOT.TObjArray(mcs))
    fit.Constrain(0, 0.0, 1.0)
    assert int(fit.Fit()) == 0
    value, error = ctypes.c_double(), ctypes.c_double()
    fit.GetResult(0, value, error)
    assert 0 < value.value < 1 and error.value > 0 and fit.GetNDF() == 10
    plot, p0, p1 = fit.GetPlot(), fit.GetMCPrediction(0), fit.GetMCPrediction(1)
    r = session.last_fit()
    strengths = r.cost.strengths(r.values.to_numpy())
    assert np.allclose(plot.values(), strengths[0] * p0.values() + strengths[1] * p1.values())
    assert fit.GetChisquare() == pytest.approx(2 * r.min_fcn) and 0 < fit.GetProb() < 1
    fit.SetRangeX(2, 11)
    fit.ExcludeBin(5)
    fit.Fit()
    assert fit.GetNDF() == 7 and fit.GetPlot().GetBinContent(1) == 0


def test_template_fractions_use_the_papers_solution_where_the_strongest_source_is_empty():
    from rootfit.costs import TemplateFractions

    d = np.array([10.0, 20.0, 5.0])
    a = np.array([[0.0, 30.0, 10.0], [4.0, 15.0, 8.0]])  # source 0 has nothing in bin 0
    cost = TemplateFractions(d, a)
    P = np.array([0.9, 0.1])  # source 0 is by far the strongest
    s = cost.strengths(P)
    f, A = cost.predictions(P)
    t = -1.0 / s[0, 0]
    expected_A0 = d[0] / (1 + s[0, 0]) - a[1, 0] * s[1, 0] / (s[0, 0] - s[1, 0])
    assert expected_A0 > 0
    assert A[0, 0] == pytest.approx(expected_A0) and A[1, 0] == pytest.approx(
        a[1, 0] / (1 + s[1, 0] * t)
    )
    assert f[0] == pytest.approx(s[0, 0] * A[0, 0] + s[1, 0] * A[1, 0])
    assert np.isfinite(cost(P))
