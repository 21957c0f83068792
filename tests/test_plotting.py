"""Fit figures, checked structurally: error bars equal the data's (asymmetric) errors, the curve
is solid over the fit range and dashed outside, pulls, labels, statistics box, and no change to
matplotlib's global state."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import DataError, FitOptionError
from rootfit.plotting import mathtext, plot_fit, value_with_error


def histogram() -> rf.Histogram:
    h = rf.Histogram(40, -4, 4, label="m_{#mu#mu} [GeV]", title="#Delta m", name="hm")
    h.fill(np.random.default_rng(1).normal(0.2, 1.0, 4000))
    return h


def asymmetric_graph() -> rf.Graph:
    x = np.linspace(0.5, 5, 10)
    low, high = np.full(10, 0.05), np.full(10, 0.25)
    y = 1.0 + 0.5 * x + np.random.default_rng(2).normal(0, 0.1, 10)
    return rf.Graph(x, y, yerr_low=low, yerr_high=high)


def test_asymmetric_errors_are_drawn_asymmetric():
    g = asymmetric_graph()
    drawn = plot_fit(g, rf.fit(g, "pol1"))
    container = drawn.artists["data"]
    (vertical,) = [
        c for c in container.lines[2] if c.get_segments()[0][0][0] == c.get_segments()[0][1][0]
    ]
    segments = vertical.get_segments()  # the y error bars
    for (x0, y0), (_, y1) in (tuple(map(tuple, s)) for s in segments):
        i = int(np.argmin(np.abs(g.x - x0)))
        assert y0 == pytest.approx(g.y[i] - 0.05) and y1 == pytest.approx(g.y[i] + 0.25)


def test_the_curve_is_solid_over_the_fit_range_and_dashed_outside():
    h = histogram()
    drawn = plot_fit(h, rf.fit(h, "gaus", range=(-1.5, 2.0)))
    curve = drawn.artists["curve"].get_xdata()
    assert curve.min() == -1.5 and curve.max() == 2.0
    assert drawn.artists["curve"].get_linestyle() == "-"
    outside = drawn.artists["curve_outside"]
    assert outside.get_linestyle() == "--" and outside.get_xdata().max() == 4.0
    band = drawn.artists["band"].get_paths()[0].vertices[:, 0]
    assert band.min() >= -1.5 - 1e-12 and band.max() <= 2.0 + 1e-12
    full = plot_fit(h, rf.fit(h, "gaus"))
    assert "curve_outside" not in full.artists


def test_pull_and_residual_panels():
    h = histogram()
    r = rf.fit(h, "gaus", range=(-2, 2))
    drawn = plot_fit(h, r, pulls="pull")
    x, pulls = drawn.artists["pulls"].get_data()
    inside = (h.axis.centers >= -2) & (h.axis.centers <= 2) & (h.errors() > 0)
    np.testing.assert_allclose(x, h.axis.centers[inside])
    f = r.model.evaluator(x.reshape(-1, 1), r.values.to_numpy())
    np.testing.assert_allclose(pulls, (h.values()[inside] - f) / h.errors()[inside])
    assert drawn.pull_ax.get_ylabel() == "pull" and drawn.pull_ax.get_xlabel().startswith("$m_")
    residuals = plot_fit(h, r, pulls="residual", band=None)
    assert residuals.pull_ax.get_ylabel() == "data − fit" and "band" not in residuals.artists


def test_labels_title_and_statistics_box():
    h = histogram()
    r = rf.fit(h, "gaus")
    drawn = plot_fit(h, r)
    assert drawn.ax.get_ylabel() == "Entries / 0.2 GeV"
    assert drawn.ax.get_xlabel() == "$m_{\\mu\\mu}$ [GeV]" and drawn.ax.get_title() == "$\\Delta$ m"
    text = drawn.artists["stats"].get_text()
    assert f"χ²/ndf = {r.chi2:.4g} / {r.ndf}" in text and "Prob = " in text
    assert f"Mean = {value_with_error(r.values['Mean'], r.errors['Mean'])}" in text


def test_figures_go_into_given_axes_and_save_in_any_format(tmp_path):
    from matplotlib.figure import Figure

    h = histogram()
    fig = Figure()
    ax = fig.add_subplot(1, 1, 1)
    drawn = plot_fit(h, rf.fit(h, "gaus"), ax=ax, pulls="pull")
    assert drawn.figure is fig and drawn.ax is ax and drawn.pull_ax in fig.axes
    for ext in ("png", "pdf", "svg"):
        plot_fit(h, rf.fit(h, "gaus"), tmp_path / f"fit.{ext}")
        assert (tmp_path / f"fit.{ext}").stat().st_size > 1000


def test_drawing_does_not_touch_matplotlibs_global_state(tmp_path):
    code = f"""
import sys, matplotlib
backend = matplotlib.get_backend()
import numpy as np, rootfit as rf
from rootfit.plotting import plot_fit
h = rf.Histogram(20, -3, 3)
h.fill(np.random.default_rng(1).normal(size=500))
plot_fit(h, rf.fit(h, "gaus"), r"{tmp_path / "f.png"}", pulls="pull")
assert "matplotlib.pyplot" not in sys.modules, "pyplot imported"
assert matplotlib.get_backend() == backend
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]


def test_plot_fit_refuses_what_it_cannot_draw():
    h2 = rf.Histogram(rf.Axis(5, 0, 1), rf.Axis(5, 0, 1))
    h2.fill([0.5], [0.5])
    h = histogram()
    r = rf.fit(h, "gaus")
    with pytest.raises(DataError, match="1-D"):
        plot_fit(h2, r)
    with pytest.raises(FitOptionError, match="pulls"):
        plot_fit(h, r, pulls="chi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("m_{#mu#mu} [GeV]", "$m_{\\mu\\mu}$ [GeV]"),
        ("p_{T} (GeV/c)", "$p_{T}$ (GeV/c)"),
        ("E_{T}^{miss}", "$E_{T}^{miss}$"),
        ("#sqrt{s} = 13 TeV", "$\\sqrt{s}$ = 13 TeV"),
        ("#it{x} #rightarrow #pi^{+}#pi^{-}", "$\\mathit{x}$ $\\rightarrow$ $\\pi^{+}\\pi^{-}$"),
        ("plain", "plain"),
        ("", ""),
        ("#nonsense{", "#nonsense{"),
    ],
)
def test_root_latex_becomes_mathtext(text, expected):
    assert mathtext(text) == expected


@pytest.mark.parametrize(
    ("value", "error", "expected"),
    [
        (1.23456, 0.0345, "1.235 ± 0.035"),
        (-0.5, 0.25, "-0.50 ± 0.25"),
        (12345.0, 120.0, "12345 ± 120"),
        (123456.0, 1200.0, "(1.235 ± 0.012)×10⁵"),
        (1.5e-5, 2.0e-7, "(1.500 ± 0.020)×10⁻⁵"),
        (2.0, 0.0, "2 (fixed)"),
    ],
)
def test_values_are_rounded_to_their_errors(value, error, expected):
    assert value_with_error(value, error) == expected


def test_plot_methods_of_data_and_results():
    h = histogram()
    drawn = h.plot(color="tab:blue")
    assert drawn.ax.get_ylabel() == "Entries / 0.2 GeV" and "data" in drawn.artists
    g = asymmetric_graph()
    assert g.plot().ax.get_xlim()[0] < g.x.min()
    r = rf.fit(h, "gaus", "L")
    fitted = r.plot(pulls="pull")  # the points the fit used
    assert fitted.pull_ax is not None and fitted.artists["curve"].get_xdata().max() > 3.9
    assert r.plot(h).artists["data"] is not None


def test_error_analysis_figures():
    from rootfit import intervals
    from rootfit.plotting import (
        plot_contours,
        plot_correlation,
        plot_profile,
        plot_surface,
        plot_trace,
    )

    h = histogram()
    r = rf.fit(h, "gaus", "L", store_trace=True)
    prof = plot_profile(intervals.profile(r, "Sigma", size=15))
    lo, hi = intervals.profile(r, "Sigma", size=15).interval(sigma=1)
    segments = prof.artists["interval 1σ"].get_segments()
    assert [s[0][0] for s in segments] == pytest.approx([lo, hi])
    assert prof.artists["level 1σ"].get_ydata()[0] == pytest.approx(1.0)
    contours = intervals.contours(r, "Mean", "Sigma", size=12)
    drawn = plot_contours(contours, best=r)
    x, y = drawn.artists["contour 0.683"].get_data()
    assert x.size == 13 and x[0] == x[-1] and y[0] == y[-1]  # closed
    surface = intervals.surface(r, "Mean", "Sigma", size=(9, 9))
    assert plot_surface(surface, significance=True).artists["map"] is not None
    corr = plot_correlation(r).artists["matrix"].get_array()
    assert np.allclose(np.diag(corr), 1.0) and corr.shape == (3, 3)
    trace = plot_trace(r).artists["trace"].get_ydata()
    assert trace.size == r.ncalls or trace.size == len(r.trace)
    with pytest.raises(rf.errors.FitError, match="store_trace"):
        plot_trace(rf.fit(h, "gaus"))


def test_notebook_views_and_reprs():
    h = histogram()
    page = h._repr_html_()
    assert "<table" in page and "data:image/png;base64," in page and "4000" in page
    r = rf.fit(h, "gaus", "LE")
    view = r._repr_html_()
    assert view.count("<tr>") == 6 + 2 + 1 + 3 and "Minos" in view and "Sigma" in view
    assert "<script" not in view
    g = asymmetric_graph()
    assert "asymmetric errors" in g._repr_html_()
    f = rf.Function("gaus", range=(-1, 2))
    f.set_parameters(Mean=0.5)
    assert repr(f) == "Function('gaus', 'gaus', Constant=1, Mean=0.5, Sigma=1, range=(-1.0, 2.0))"
    assert "Function gaus: gaus on (-1.0, 2.0)" in f._repr_html_()
    hostile = rf.Histogram(5, 0, 1, title="<script>alert(1)</script>")
    assert "<script>" not in hostile._repr_html_()  # escaped


def test_profiles_multigraphs_and_two_dimensional_fits():
    rng = np.random.default_rng(6)
    p = rf.Profile(20, 0, 10)
    x = rng.uniform(0, 10, 3000)
    p.fill(x, 1.0 + 0.3 * x + rng.normal(0, 1, x.size))
    drawn = plot_fit(p, rf.fit(p, "pol1"), pulls="residual")
    assert drawn.ax.get_ylabel() == "⟨y⟩" and drawn.pull_ax is not None
    mg = rf.MultiGraph([asymmetric_graph(), rf.Graph([6.0, 7.0], [4.0, 4.6], yerr=[0.2, 0.2])])
    drawn = plot_fit(mg, rf.fit(mg, "pol1"))
    assert isinstance(drawn.artists["data"], list) and len(drawn.artists["data"]) == 2
    h2 = rf.Histogram(rf.Axis(25, -3, 3, label="x"), rf.Axis(25, -3, 3, label="y"))
    h2.fill(rng.normal(size=4000), rng.normal(0.5, 1.0, 4000))
    fit2 = rf.fit(h2, "bigaus", start=[400.0, 0.0, 1.0, 0.5, 1.0, 0.0])
    drawn = plot_fit(h2, fit2)
    assert drawn.artists["contours"].levels.size > 3 and drawn.ax.get_xlabel() == "x"
    g2 = rf.Graph2D(rng.uniform(-2, 2, 300), rng.uniform(-2, 2, 300), np.zeros(300))
    g2 = rf.Graph2D(g2.x, g2.y, np.exp(-0.5 * (g2.x**2 + g2.y**2)) + rng.normal(0, 0.01, 300))
    assert "contours" in plot_fit(g2, rf.fit(g2, "[0]*exp(-0.5*(x*x+y*y)/[1])",
                                              start=[1.0, 1.2])).artists  # fmt: skip


def test_start_values_may_be_given_in_parameter_order():
    h = histogram()
    a = rf.fit(h, "gaus", start=[200.0, 0.0, 1.0])
    b = rf.fit(h, "gaus", start={"Constant": 200.0, "Mean": 0.0, "Sigma": 1.0})
    assert a.values == b.values
    with pytest.raises(rf.errors.FunctionError, match="start has 2 values for 3 parameters"):
        rf.fit(h, "gaus", start=[1.0, 2.0])


def test_styles_apply_while_drawing_only(tmp_path):
    import matplotlib

    before = dict(matplotlib.rcParams)
    h = histogram()
    r = rf.fit(h, "gaus")
    drawn = plot_fit(h, r, tmp_path / "atlas.png", style="ATLAS")
    assert drawn.figure is not None and dict(matplotlib.rcParams) == before
    plot_fit(h, r, style="ggplot")
    with pytest.raises(ValueError, match="no style"):
        plot_fit(h, r, style="NOPE")
