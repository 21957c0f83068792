"""The fit points of a histogram are built once and reused only while it is unchanged
(rootfit/fitdata/points_cache.py)."""

from __future__ import annotations

import copy
import pickle
import warnings

import numpy as np
import pytest

import rootfit as rf
from rootfit import compat
from rootfit.fitdata import DataRange, as_fit_target
from rootfit.fitdata.filling import DataOptions
from rootfit.fitdata.points_cache import MAX_BINS


def _hist(seed=1, n=2000):
    h = rf.Histogram(40, -4, 4)
    h.fill(np.random.default_rng(seed).normal(0.2, 1.0, n))
    return h


def _points(h, options=None, data_range=None, nan_policy="raise"):
    options = DataOptions() if options is None else options
    data_range = DataRange() if data_range is None else data_range
    return as_fit_target(h).fit_data(options, data_range, nan_policy)


def test_the_same_histogram_gives_the_same_points_and_fit():
    h = _hist()
    first = _points(h)
    assert _points(h) is first
    assert _points(h, DataOptions(use_empty=True)) is not first  # other options, other points
    assert rf.fit(h, "gaus", "Q") == rf.fit(h, "gaus", "Q")


@pytest.mark.parametrize(
    "change",
    [
        lambda h: h.fill([0.1, 0.2]),
        lambda h: h.set_value(7, 99.0),
        lambda h: h.set_error(7, 3.0),
        lambda h: h.reset(),
        lambda h: h.axis.set_range(5, 30),
    ],
    ids=["fill", "set_value", "set_error", "reset", "zoom"],
)
def test_any_change_rebuilds_the_points(change):
    h = _hist()
    before = _points(h)
    change(h)
    if h.values().sum() == 0:  # reset: nothing left to fit
        with pytest.raises(rf.errors.EmptyFitDataError):
            _points(h)
        return
    assert _points(h) is not before
    fresh = rf.fit(h, "gaus", "Q") if h.values().sum() > 0 else None
    h.__dict__.pop("_fit_points")  # the same fit with no cache at all
    if fresh is not None:
        assert fresh == rf.fit(h, "gaus", "Q")


def test_a_change_through_the_root_facade_is_seen():
    h = compat.TH1D("h", "", 20, -3, 3)
    for v in np.random.default_rng(3).normal(0, 1, 500):
        h.Fill(v)
    first = h.Fit("gaus", "SQN")
    h.SetBinContent(10, 1000.0)
    second = h.Fit("gaus", "SQN")
    assert second.Parameter(0) != first.Parameter(0)


def test_copies_and_pickles_do_not_share_or_carry_the_cache():
    h = _hist()
    points = _points(h)
    clone = h.copy()
    assert _points(clone) is not points
    assert _points(h) is points  # the original's cache was not replaced by the copy's
    restored = pickle.loads(pickle.dumps(h))
    assert not restored.__dict__.get("_fit_points") or not restored._fit_points.entries
    assert _points(restored) == _points(restored)
    assert _points(copy.deepcopy(h)) is not points


def test_ranges_and_omitted_nan_points_warn_at_every_fit():
    h = _hist()
    data_range = DataRange.from_user((5.0, 6.0), 1)  # outside the histogram: a warning
    for _ in range(2):
        with pytest.warns(rf.errors.DataWarning, match="outside"):
            try:
                _points(h, data_range=data_range)
            except rf.errors.DataError:
                pass
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _points(h, data_range=DataRange.from_user((-1.0, 1.0), 1)).size > 0


def test_large_histograms_are_not_cached():
    h = rf.Histogram(MAX_BINS, 0, 1)
    h.fill(np.random.default_rng(0).uniform(0, 1, 1000))
    assert _points(h) is not _points(h)


def test_threads_fitting_one_histogram_share_the_cache_safely():
    from concurrent.futures import ThreadPoolExecutor

    h = _hists_for_threads()
    expected = {o: rf.fit(h, "gaus", o) for o in ("Q", "QL", "QW")}
    options = [("Q", "QL", "QW")[k % 3] for k in range(120)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda o: (o, rf.fit(h, "gaus", o)), options))
    assert all(r == expected[o] for o, r in results)


def _hists_for_threads():
    return _hist(seed=9, n=5000)


def _graph():
    x = np.linspace(0, 4, 20)
    return rf.Graph(x, 3 * np.exp(-0.7 * x) + 0.2, xerr=np.full(20, 0.02), yerr=np.full(20, 0.05))


def test_a_graph_gives_the_same_points_until_it_gets_new_arrays():
    g = _graph()
    first = _points(g)
    assert _points(g) is first
    assert _points(g, DataOptions(coord_errors=False)) is not first
    tg = compat.TGraphErrors(5, np.arange(5.0), np.arange(5.0) ** 2, np.full(5, 0.1), np.ones(5))
    before = _points(tg)
    tg.SetPoint(2, 2.0, 5.0)
    after = _points(tg)
    assert after is not before and after.values[2] == 5.0
    assert rf.fit(g, "expo", "Q") == rf.fit(g, "expo", "Q")


def test_graphs_with_computed_or_merged_arrays_are_not_cached():
    x = np.linspace(0, 4, 20)
    asym = rf.Graph(x, x + 1, yerr_low=np.full(20, 0.1), yerr_high=np.full(20, 0.2))
    assert _points(asym) is not _points(asym)  # its symmetric errors are computed per call
    mg = rf.MultiGraph([_graph(), _graph()])
    assert _points(mg) is not _points(mg)


def test_the_cost_of_the_same_points_and_model_is_built_once():
    h = _hist()
    f = rf.Function("gaus")
    first, again = rf.fit(h, f, "Q"), rf.fit(h, f, "Q")
    assert again.cost is first.cost and again == first
    assert rf.fit(h, f, "QL").cost is not first.cost  # another statistic
    formula = rf.Function("[0]*exp(-0.5*((x-[1])/[2])^2)")
    formula.set_parameters(100.0, 0.2, 1.0)
    assert rf.fit(h, formula, "Q").cost is not first.cost  # another model
    h.fill([0.5])
    assert rf.fit(h, f, "Q").cost is not first.cost  # other points
    restored = pickle.loads(pickle.dumps(first.cost.data))
    assert "_fit_reused" not in restored.__dict__
