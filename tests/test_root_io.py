"""Reading ROOT-written objects and .root round trips for histograms, profiles and graphs."""

from __future__ import annotations

import os

import numpy as np
import pytest
from conftest import HISTS, REFERENCE

import rootfit as rf
from rootfit.errors import DataError
from rootfit.io import read_root, write_root

OBJECTS = os.path.join(REFERENCE, "root_objects.root")
EXPECTED = HISTS["objects_file"]


def test_read_root_written_histograms_and_profile():
    h1 = read_root(OBJECTS, "h1")
    ref = EXPECTED["h1"]
    np.testing.assert_allclose(h1.values(flow=True), ref["contents"])
    np.testing.assert_allclose(h1.errors(flow=True), ref["errors"])
    assert (h1.entries, h1.title) == (ref["entries"], ref["title"])
    assert h1.mean() == pytest.approx(ref["mean"]) and h1.std() == pytest.approx(ref["std"])
    assert not h1.axis.regular
    h2 = read_root(OBJECTS, "h2")
    ref = EXPECTED["h2"]
    np.testing.assert_allclose(h2.values(flow=True), ref["contents"])
    np.testing.assert_allclose(h2.errors(flow=True), ref["errors"])
    assert h2.mean(0) == pytest.approx(ref["mean_x"]) and h2.mean(1) == pytest.approx(ref["mean_y"])
    h3 = read_root(OBJECTS, "h3")
    assert h3.ndim == 3 and h3.entries == EXPECTED["h3"]["entries"]
    np.testing.assert_allclose([h3.mean(i) for i in range(3)], EXPECTED["h3"]["means"])
    p = read_root(OBJECTS, "prof")
    ref = EXPECTED["prof"]
    assert isinstance(p, rf.Profile) and p.error_option == "s"
    np.testing.assert_allclose(p.values(flow=True), ref["contents"])
    np.testing.assert_allclose(p.errors(flow=True), ref["errors"])
    assert p.mean() == pytest.approx(ref["mean"]) and p.mean(1) == pytest.approx(ref["mean_y"])


def test_read_root_written_graphs():
    g = read_root(OBJECTS, "g")
    assert isinstance(g, rf.Graph) and g.y.tolist() == [2, 4, 7] and g.title == "graph"
    ge = read_root(OBJECTS, "ge")
    assert ge.xerr.tolist() == [0.1, 0.2] and ge.yerr.tolist() == [0.3, 0.4]
    ga = read_root(OBJECTS, "ga")
    assert ga.is_asymmetric and ga.yerr_high.tolist() == EXPECTED["ga"]["eyh"]


def test_round_trips(tmp_path):
    rng = np.random.default_rng(2)
    h2 = rf.Histogram(rf.Axis(6, -2, 2), rf.Axis(edges=[0, 1, 3, 6]), name="h2", title="two")
    h2.fill(rng.normal(size=500), rng.uniform(0, 6, 500), weights=rng.uniform(0.5, 2, 500))
    h3 = rf.Histogram(rf.Axis(3, 0, 1), rf.Axis(2, 0, 1), rf.Axis(4, 0, 1), name="h3")
    h3.fill(*rng.uniform(-0.1, 1.1, (3, 300)))
    p = rf.Profile(5, 0, 5, error_option="i", name="p", title="prof")
    p.fill(rng.uniform(0, 5, 200), rng.integers(0, 4, 200), weights=rng.uniform(0.5, 1.5, 200))
    path = tmp_path / "rt.root"
    write_root(path, {"h2": h2, "h3": h3, "p": p})
    for key, original in (("h2", h2), ("h3", h3)):
        back = read_root(path, key)
        np.testing.assert_allclose(back.values(flow=True), original.values(flow=True))
        np.testing.assert_allclose(back.variances(flow=True), original.variances(flow=True))
        assert back.entries == original.entries and back.name == original.name
        for d in range(original.ndim):
            np.testing.assert_allclose(back.axes[d].edges, original.axes[d].edges)
            assert back.mean(d) == pytest.approx(original.mean(d))
            assert back.std(d) == pytest.approx(original.std(d))
    back = read_root(path, "p")
    np.testing.assert_allclose(back.values(flow=True), p.values(flow=True))
    np.testing.assert_allclose(back.errors(flow=True), p.errors(flow=True))
    assert (
        back.error_option == "i" and back.title == "prof" and back.mean() == pytest.approx(p.mean())
    )


def test_graph_round_trips(tmp_path):
    graphs = {
        "g": rf.Graph([1.0, 2.0, 3.0], [2.0, 4.0, 7.0], name="g", title="plain"),
        "ge": rf.Graph([1.0, 2.0], [3.0, 4.0], xerr=[0.1, 0.2], yerr=[0.3, 0.4], name="ge", title="errors"),
        "ga": rf.Graph(
            [1.0, 2.0], [3.0, 4.0], xerr_low=[0.1, 0.2], xerr_high=[0.2, 0.3],
            yerr_low=[0.3, 0.4], yerr_high=[0.5, 0.6], name="ga", title="asym",
        ),
    }  # fmt: skip
    path = tmp_path / "graphs.root"
    write_root(path, graphs)
    for key, g in graphs.items():
        back = read_root(path, key)
        assert (back.name, back.title, len(back)) == (g.name, g.title, len(g))
        np.testing.assert_array_equal(back.x, g.x)
        np.testing.assert_array_equal(back.y, g.y)
        for attr in ("xerr", "yerr", "xerr_low", "xerr_high", "yerr_low", "yerr_high"):
            ours, theirs = getattr(g, attr), getattr(back, attr)
            assert (ours is None) == (theirs is None)
            if ours is not None:
                np.testing.assert_allclose(theirs, ours)


def test_unknown_objects_are_refused(tmp_path):
    with pytest.raises(DataError, match="cannot write a dict"):
        write_root(tmp_path / "x.root", {"d": {}})  # type: ignore[dict-item]
