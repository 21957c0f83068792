"""boost-histogram / hist / UHI interchange and plotting with mplhep."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.io import from_uhi, to_boost, to_hist

bh = pytest.importorskip("boost_histogram")


def sample():
    rng = np.random.default_rng(11)
    h = rf.Histogram(rf.Axis(10, -3, 3), rf.Axis(edges=[0, 1, 3, 6]), name="h")
    h.fill(rng.normal(size=400), rng.uniform(-1, 7, 400), weights=rng.uniform(0.5, 2.0, 400))
    return h


def test_boost_round_trip_keeps_contents_errors_and_flow():
    h = sample()
    b = to_boost(h)
    assert isinstance(b, bh.Histogram) and b.ndim == 2
    back = from_uhi(b)
    np.testing.assert_allclose(back.values(flow=True), h.values(flow=True))
    np.testing.assert_allclose(back.variances(flow=True), h.variances(flow=True))
    for a, c in zip(back.axes, h.axes, strict=True):
        np.testing.assert_allclose(a.edges, c.edges)
    unweighted = rf.Histogram(5, 0, 1)
    unweighted.fill([0.1, 0.2, 0.2, 1.4])
    assert isinstance(to_boost(unweighted).storage_type(), bh.storage.Double)
    assert not from_uhi(to_boost(unweighted)).has_sumw2


def test_hist_round_trip_and_axis_without_flow():
    hist = pytest.importorskip("hist")
    h = sample()
    hh = to_hist(h)
    assert isinstance(hh, hist.Hist)
    np.testing.assert_allclose(from_uhi(hh).values(), h.values())
    b = bh.Histogram(bh.axis.Regular(5, 0, 1, underflow=False))
    b.fill([0.1, 0.2, 1.5, -0.2])
    assert from_uhi(b).values(flow=True).tolist() == [0, 1, 1, 0, 0, 0, 1]


def test_uproot_objects_convert_through_uhi():
    pytest.importorskip("uproot")
    import os

    import uproot
    from conftest import REFERENCE

    with uproot.open(os.path.join(REFERENCE, "root_objects.root")) as f:
        h = from_uhi(f["h2"])
    assert h.ndim == 2 and h.values().sum() > 0


def test_mplhep_draws_rootfit_histograms(tmp_path):
    mplhep = pytest.importorskip("mplhep")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    h = rf.Histogram(20, -3, 3)
    h.fill(np.random.default_rng(1).normal(size=500))
    fig, ax = plt.subplots()
    mplhep.histplot(h, ax=ax)
    fig.savefig(tmp_path / "h.png")
    plt.close(fig)
    assert (tmp_path / "h.png").stat().st_size > 1000


def test_conversions_keep_labels_name_and_title():
    hist = pytest.importorskip("hist")
    from rootfit.io.convert import from_uhi, to_boost, to_hist

    h = rf.Histogram(rf.Axis(10, 0, 1, label="m_{#mu#mu} [GeV]"), rf.Axis(edges=[0, 1, 3], label="y"),
                     name="hm", title="a title")  # fmt: skip
    h.fill(np.random.default_rng(1).uniform(size=50), np.random.default_rng(2).uniform(0, 3, 50))
    converted = to_hist(h)
    assert [a.label for a in converted.axes] == ["m_{#mu#mu} [GeV]", "y"]
    assert (converted.name, converted.label) == ("hm", "a title")
    back = from_uhi(converted)
    assert [a.label for a in back.axes] == ["m_{#mu#mu} [GeV]", "y"]
    assert (back.name, back.title) == ("hm", "a title")
    np.testing.assert_array_equal(back.values(flow=True), h.values(flow=True))
    assert from_uhi(to_boost(h)).axes[0].label == "m_{#mu#mu} [GeV]"
    plain = from_uhi(hist.Hist.new.Reg(4, 0, 1).Double())
    assert plain.axis.label == ""  # hist's default "Axis 0" is not a title
