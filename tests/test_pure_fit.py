"""The pure core and ROOT's side effects at the edge.

``rootfit.fit`` changes nothing it is given, so fits are independent of order and thread;
``Histogram.fit`` / ``Graph.fit`` do what ROOT does besides fitting, in one place.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from conftest import make_histogram, quiet_fit

import rootfit as rf
from rootfit.errors import ConvergenceWarning, DataError, FitWarning


def _histograms():
    rng = np.random.default_rng(21)
    out = []
    for mean, sigma in ((0.2, 1.1), (-0.4, 0.8), (1.0, 1.5)):
        h = rf.Histogram(60, -5, 5, name=f"h{mean}")
        h.fill(rng.normal(mean, sigma, 3000))
        out.append(h)
    return out


def _shared_function():
    f = rf.Function("[0]*exp(-0.5*((x-[1])/[2])^2)")
    f.set_parameters(100.0, 0.1, 1.0)
    f.set_errors([5.0, 0.05, 0.05])  # errors left by some earlier fit: ROOT's step sizes
    return f


def test_the_pure_fit_changes_nothing_it_is_given(capsys):
    h = make_histogram("G")
    f = _shared_function()
    before_state, before_values = f.state, h.values().copy()
    r = rf.fit(h, f, "")
    assert r.valid
    assert f.state is before_state and f.chi2 is None
    assert h.functions == [] and np.array_equal(h.values(), before_values)
    assert capsys.readouterr().out == ""  # no ROOT printing without "Q" either


def test_same_fits_in_two_orders_are_bit_identical():
    hists, f = _histograms(), _shared_function()
    forward = [rf.fit(h, f, "L") for h in hists]
    backward = [rf.fit(h, f, "L") for h in reversed(hists)][::-1]
    assert forward == backward
    assert [r.ncalls for r in forward] == [r.ncalls for r in backward]


def test_same_fits_in_two_threads_are_bit_identical():
    hists, f = _histograms(), _shared_function()
    serial = [rf.fit(h, f, "") for h in hists * 2]
    with ThreadPoolExecutor(max_workers=2) as pool:
        threaded = list(pool.map(lambda h: rf.fit(h, f, ""), hists * 2))
    assert threaded == serial


def test_root_style_fit_updates_the_function_attaches_a_copy_and_prints(capsys):
    h = make_histogram("G")
    f = rf.Function("gaus", name="mygaus")
    r = h.fit(f, "")
    printed = capsys.readouterr().out
    assert printed == r.to_string()
    np.testing.assert_array_equal(f.parameters, r.values.to_numpy())
    np.testing.assert_array_equal(f.errors, r.errors.to_numpy())
    assert f.limits("Sigma") is not None  # the automatic Sigma limit stays, as in ROOT
    assert (f.chi2, f.ndf, f.n_fit_points) == (r.chi2, r.ndf, r.n_points)
    (stored,) = h.functions
    assert stored is not f and stored.name == "mygaus" and stored.state == f.state
    assert stored.range == (h.axis.lo, h.axis.hi) and stored.drawable
    # the next fit of the same Function starts from its errors (ROOT's steps): a pure fit of
    # the updated function and the ROOT-style fit give the same result
    assert rf.fit(h, f, "Q") == h.fit(f, "Q")


@pytest.mark.parametrize(
    ("option", "names", "drawable"),
    [
        ("QN", ["pol1"], True),
        ("Q0", ["gaus"], False),
        ("Q", ["gaus"], True),
        ("Q+", ["pol1", "gaus"], True),
    ],
)
def test_storage_options(option, names, drawable):
    h = make_histogram("G")
    h.fit("pol1", "Q")
    h.fit("gaus", option)
    assert [f.name for f in h.functions] == names
    assert h.functions[-1].drawable is drawable


def test_histogram_fit_passes_nan_policy():
    h = rf.Histogram(10, 0, 10)
    h.fill(np.random.default_rng(3).uniform(0, 10, 500))
    h.set_value(3, np.nan)
    with pytest.raises(DataError, match="nan_policy"):
        h.fit("pol0", "Q")
    with pytest.warns(rf.errors.RootfitWarning, match="dropped 1"):
        r = h.fit("pol0", "Q", nan_policy="omit")
    assert r.n_points == 9


def test_warnings_point_at_the_users_line():
    h = make_histogram("G")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        h.fit("gaus", "Q", minimizer=rf.MinimizerOptions(max_function_calls=20))
        rf.fit(h, "gaus", "WL")
    assert {w.category for w in caught} == {ConvergenceWarning, FitWarning}
    assert all(issubclass(w.category, FitWarning) for w in caught)
    assert all(w.filename == __file__ for w in caught), [w.filename for w in caught]


def test_fit_problem_keeps_the_cost_for_later_tools():
    h = make_histogram("G")
    problem = rf.prepare_fit(h, "gaus", "L")
    result = problem.solve()
    assert result == rf.fit(h, "gaus", "L")
    assert problem.cost(result.values.to_numpy()) == pytest.approx(result.min_fcn, rel=1e-12)
    assert result.model is problem.cost.model
    assert problem.start.limits(2) == result.bounds[2]  # the automatic Sigma limit


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ((5, 2), "reversed"),
        ((1, 1), "empty"),
        ((0, float("nan")), "NaN"),
        ((0, 1, 2), "pair"),
        ("0:1", "range must be"),
        ([(0, 1), (2, 3)], "several intervals"),
        ([(0, 1), (2, 3), None], "3 axes"),
    ],
)
def test_bad_ranges_are_data_errors_naming_the_argument(given, message):
    h = make_histogram("G")
    with pytest.raises(DataError, match=message) as info:
        h.fit("gaus", "Q", range=given)
    assert "range" in str(info.value)


def test_facade_keeps_roots_empty_range_meaning():
    from rootfit import compat as ROOT

    h = make_histogram("G")
    th = ROOT.TH1D("t", "t", h.axis.nbins, h.axis.lo, h.axis.hi)
    for i, v in enumerate(h.values()):
        th.SetBinContent(i + 1, v)
    r = th.Fit("gaus", "QS", "", 5, 2)  # xmin >= xmax: no range, as in ROOT
    assert r.Ndf() == quiet_fit(h, "gaus", "Q").ndf
