"""Histogram filling, errors, statistics and zoom against ROOT (root_histograms.json)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import HISTS, make_histogram

import rootfit as rf
from rootfit.errors import DataError

CASES = {c["id"]: c for c in HISTS["cases"]}
VALUES = np.array(HISTS["values"])
WEIGHTS = np.array(HISTS["weights"])


def _check(h: rf.Histogram, ref: dict) -> None:
    assert h.entries == ref["entries"]
    assert h.mean() == pytest.approx(ref["mean"], rel=1e-12, abs=1e-14)
    assert h.std() == pytest.approx(ref["std"], rel=1e-12)
    assert h.effective_entries == pytest.approx(ref["effective_entries"], rel=1e-12)
    assert h.integral() == pytest.approx(ref["integral"], rel=1e-12)
    np.testing.assert_allclose(h.values(flow=True), ref["contents"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(h.errors(flow=True), ref["errors"], rtol=1e-12, atol=1e-12)


def test_unweighted_fill_matches_root():
    h = rf.Histogram(40, -4, 4)
    h.fill(VALUES)
    _check(h, CASES["unweighted regular"])
    assert not h.has_sumw2


def test_weighted_fill_matches_root_and_switches_sumw2_on():
    h = rf.Histogram(40, -4, 4)
    h.fill(VALUES, weights=WEIGHTS)
    assert h.has_sumw2
    _check(h, CASES["weighted regular"])


def test_variable_bins_match_root():
    ref = CASES["weighted variable"]
    h = rf.Histogram(edges=ref["edges"])
    h.fill(VALUES, WEIGHTS)
    _check(h, ref)


def test_fill_in_pieces_equals_one_fill():
    a, b = rf.Histogram(40, -4, 4), rf.Histogram(40, -4, 4)
    a.fill(VALUES, WEIGHTS)
    for v, w in zip(VALUES, WEIGHTS, strict=True):
        b.fill(v, w)
    np.testing.assert_allclose(a.values(flow=True), b.values(flow=True))
    np.testing.assert_allclose(a.variances(flow=True), b.variances(flow=True))
    assert a.mean() == pytest.approx(b.mean(), rel=1e-12)


def test_zoom_limits_statistics_like_root():
    ref = CASES["unweighted zoom(-1,2)"]
    h = rf.Histogram(40, -4, 4)
    h.fill(VALUES)
    h.axis.set_range_user(*ref["zoom"])
    assert (h.axis.first, h.axis.last) == (ref["first"], ref["last"])
    _check(h, ref)
    h.axis.set_range()
    assert not h.axis.zoomed


def test_set_contents_statistics_like_root():
    _check(make_histogram("G"), CASES["G set contents"])


def test_nan_goes_to_overflow_like_root():
    h = rf.Histogram(10, 0, 1)
    h.fill([0.5, np.nan, 0.25, 1.0, -0.1], nan_policy="overflow")
    _check(h, CASES["nan fill"])
    with pytest.raises(rf.errors.DataError, match="contain NaN"):
        h.fill([0.1, np.nan])  # the default: an error, and nothing is filled
    _check(h, CASES["nan fill"])
    with pytest.warns(rf.errors.DataWarning, match="dropped 1 fill value"):
        h.fill([np.nan, 0.55], nan_policy="omit")
    assert h.entries == CASES["nan fill"]["entries"] + 1


def test_root_bin_numbering_and_centres():
    h = rf.Histogram(20, -5, 5)
    ax = h.axis
    assert ax.find_bin(-5.0) == 1 and ax.find_bin(5.0) == 21 and ax.find_bin(-5.1) == 0
    assert ax.bin_center(1) == -4.75 and ax.bin_low_edge(21) == 5.0
    assert np.array_equal(ax.find_bin([-5.0, 0.0, 4.999]), [1, 11, 20])
    var = rf.Histogram(edges=[0, 1, 3, 6])
    assert var.axis.find_bin(2.9) == 2 and var.axis.bin_width(3) == 3.0


def test_uhi_protocol():
    h = rf.Histogram(edges=[0.0, 1.0, 3.0])
    h.fill([0.5, 2.0, 2.5], weights=[1.0, 2.0, 3.0])
    assert h.kind == "COUNT"
    assert h.values().tolist() == [1.0, 5.0]
    assert h.variances().tolist() == [1.0, 13.0]
    assert h.counts() == pytest.approx([1.0, 25 / 13])
    assert len(h.axes[0]) == 2 and h.axes[0][1] == (1.0, 3.0)
    assert list(h.axes[0]) == [(0.0, 1.0), (1.0, 3.0)]
    assert not h.axes[0].traits.circular and not h.axes[0].traits.discrete
    with pytest.raises(ValueError):
        h.values()[0] = 3.0  # read-only view


def test_uhi_plottable_protocol_if_uhi_installed():
    plottable = pytest.importorskip("uhi.typing.plottable")
    assert isinstance(rf.Histogram(3, 0, 1), plottable.PlottableHistogram)


def test_from_counts_and_copy_and_reset():
    h = rf.Histogram.from_counts([1, 2, 3], [0, 1, 2, 3], variances=[1, 4, 9])
    assert h.axis.regular and h.errors().tolist() == [1, 2, 3]
    c = h.copy()
    h.reset()
    assert h.values().sum() == 0 and c.values().sum() == 6


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"bins": 0, "lo": 0, "hi": 1}, "positive integer"),
        ({"bins": 10, "lo": 1, "hi": 1}, "lo < hi"),
        ({"bins": 10, "lo": 0, "hi": np.nan}, "finite"),
        ({"edges": [0, 1, 1, 2]}, "strictly increasing"),
        ({"edges": [0, np.nan, 2]}, "finite"),
        ({"edges": [1]}, "at least 2"),
    ],
)
def test_bad_axes_raise(kwargs, match):
    with pytest.raises(DataError, match=match):
        rf.Histogram(**kwargs)


def test_bad_fill_raises():
    h = rf.Histogram(4, 0, 1)
    with pytest.raises(DataError, match="weights length"):
        h.fill([0.1, 0.2], weights=[1.0, 2.0, 3.0])
    with pytest.raises(DataError, match="NaN"):
        h.fill([0.1], weights=[np.nan])
    with pytest.raises(DataError, match="counts and edges"):
        rf.Histogram.from_counts([1, 2], [0, 1])
    with pytest.raises(IndexError):
        h.set_value(4, 1.0)


@pytest.mark.parametrize("edges", [None, np.linspace(-3, 3, 41) ** 3 / 9])
@pytest.mark.parametrize("weighted", [False, True])
def test_compiled_fill_equals_vectorised_twin(edges, weighted, monkeypatch):
    import rootfit.hist.fill as module

    rng = np.random.default_rng(8)
    x = np.concatenate([rng.normal(0, 1.5, 60_000), [np.nan, -10.0, 10.0, 3.0]])
    w = rng.uniform(0.2, 2.0, x.size) if weighted else None

    def make():
        return rf.Histogram(40, -3, 3) if edges is None else rf.Histogram(edges=edges)

    fast = make()
    fast.fill(x, weights=w, nan_policy="overflow")  # >= 50 000 values: numba kernel
    monkeypatch.setattr(module, "KERNEL_MIN_SIZE", 10**12)
    twin = make()
    twin.fill(x, weights=w, nan_policy="overflow")  # vectorised numpy path
    np.testing.assert_allclose(fast.values(flow=True), twin.values(flow=True), rtol=1e-12)
    np.testing.assert_allclose(fast.variances(flow=True), twin.variances(flow=True), rtol=1e-12)
    assert fast.entries == twin.entries
    assert fast.mean() == pytest.approx(twin.mean(), rel=1e-10)
    assert fast.std() == pytest.approx(twin.std(), rel=1e-10)


def test_buffer_keeps_the_filled_values():
    h = rf.Histogram(10, 0, 1, keep_values=True)
    h.fill([0.1, 0.5], weights=[2.0, 3.0])
    h.fill(np.full(60_000, 0.25))
    coords, weights = h.buffer
    assert coords.shape == (60_002, 1) and weights[:2].tolist() == [2.0, 3.0]
    assert rf.Histogram(10, 0, 1).buffer is None


def test_non_numeric_axes_and_equality_and_missing_uproot(monkeypatch):
    with pytest.raises(DataError, match="edges must be numbers"):
        rf.Histogram(edges=["a", "b"])
    with pytest.raises(DataError, match="must be numbers"):
        rf.Histogram(3, "low", 1)
    a, b = rf.Histogram(4, 0, 1), rf.Histogram(4, 0, 1)
    a.fill([0.1, 0.6])
    b.fill([0.6, 0.1])
    assert a == b and a != rf.Histogram(4, 0, 1) and a != rf.Histogram(5, 0, 1)
    import sys

    monkeypatch.setitem(sys.modules, "uproot", None)  # makes "import uproot" fail
    from rootfit.errors import MissingDependencyError
    from rootfit.io import read_root

    with pytest.raises(MissingDependencyError, match=r"pip install 'rootfit\[io\]'"):
        read_root("whatever.root")
