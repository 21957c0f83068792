"""Graph2D, MultiGraph, Graph utilities against ROOT (root_fits.json, "graph_family")."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import FITS, assert_agrees_with_root

import rootfit as rf
from rootfit.errors import DataError

FAMILY = FITS["graph_family"]


@pytest.mark.parametrize("case", FAMILY["fits"], ids=[c["id"] for c in FAMILY["fits"]])
def test_graph2d_fits_agree_with_root(case):
    d = FAMILY["g2d"]
    if case["id"] == "TGraph2D":
        g = rf.Graph2D(d["x"], d["y"], d["z"])
    elif case["id"] == "TGraph2DErrors":
        g = rf.Graph2D(d["x"], d["y"], d["z"], xerr=d["ex"], yerr=d["ey"], zerr=d["ez"])
    else:
        g = rf.Graph2D(d["x"], d["y"], d["z"], xerr=0.0, yerr=0.0, zerr=d["ez"])
    f = rf.Function(case["formula"])
    f.set_parameters(case["start"])
    r = g.fit(f, "Q")
    assert_agrees_with_root(r, case, value_rel=1e-4)


@pytest.mark.parametrize("index", range(3))
def test_multigraph_fits_agree_with_root(index):
    d = FAMILY["multigraph"]
    case = d["fits"][index]
    graphs = {
        "g1": rf.Graph(d["x1"], d["y1"], xerr=0.0, yerr=d["e1"]),
        "g2": rf.Graph(d["x2"], d["y2"], xerr=0.0, yerr=d["e2"]),
        "g3": rf.Graph(d["x3"], d["y3"]),
    }
    mg = rf.MultiGraph(graphs[m] for m in case["members"])
    r = mg.fit("pol1", case["option"] + "Q")
    assert r.minimizer.split(" / ")[0] == case["minimizer"].split(" / ")[0]
    assert_agrees_with_root(r, case)
    assert mg.get_function("pol1") is not None


def test_graph_eval_sort_append_and_points():
    e = FAMILY["eval"]
    g = rf.Graph(e["x"], e["y"])
    np.testing.assert_allclose(g.interpolate(e["at"]), e["values"], rtol=1e-14)
    assert g.interpolate(1.5) == pytest.approx(2.5)
    g.sort()
    assert g.x.tolist() == sorted(e["x"]) and g[0] == (1.0, 1.0)
    ge = rf.Graph([1.0, 2.0], [3.0, 4.0], yerr=[0.1, 0.2])
    ge.append(3.0, 5.0, yerr=0.3)
    assert len(ge) == 3 and ge.yerr.tolist() == [0.1, 0.2, 0.3]
    with pytest.raises(DataError, match="no \\['xerr_low'\\] errors"):
        ge.append(4.0, 6.0, xerr_low=0.1)


def test_graph_read_text_files(tmp_path):
    two = tmp_path / "xy.txt"
    two.write_text("# x y\n1 2\n2 4.5\nnot a number line\n3, 6.1\n")
    g = rf.Graph.read(str(two))
    assert len(g) == 3 and not g.has_y_errors
    four = tmp_path / "xyee.txt"
    four.write_text("1 2 0.1 0.2\n2 4 0.1 0.3\n")
    g4 = rf.Graph.read(str(four))
    assert g4.xerr.tolist() == [0.1, 0.1] and g4.yerr.tolist() == [0.2, 0.3]
    six = tmp_path / "asym.txt"
    six.write_text("1 2 0.1 0.2 0.3 0.4\n")
    assert rf.Graph.read(str(six)).is_asymmetric
    bad = tmp_path / "bad.txt"
    bad.write_text("1 2 3 4 5\n")
    with pytest.raises(DataError, match="2, 3, 4 or 6"):
        rf.Graph.read(str(bad))
