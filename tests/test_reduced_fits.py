"""Histograms fitted with a function of one dimension less (a TH2 with a TF1 ``y = f(x)``, a
TH3 with a TF2; spec §2.3), against ROOT 6.40 (root_engine.json)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import load_reference

import rootfit as rf
from rootfit.errors import FitWarning

ENGINE = load_reference("root_engine.json")
INPUTS = ENGINE["reduced_inputs"]


def _histogram(sample):
    cols = [np.array(c) for c in INPUTS[sample]]
    if sample == "xy":
        h = rf.Histogram(rf.Axis(20, 0, 10), rf.Axis(25, 0, 12))
    else:
        h = rf.Histogram(rf.Axis(8, 0, 4), rf.Axis(8, 0, 4), rf.Axis(12, -2, 4))
    h.fill(*cols)
    return h


@pytest.mark.parametrize("case", ENGINE["reduced"], ids=lambda c: c["id"])
def test_reduced_dimension_fit_agrees_with_root(case):
    ref = case["root"]
    f = rf.Function(case["function"])
    if case["start"] is not None:
        f.set_parameters(*case["start"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FitWarning)  # option L is ignored, with a note
        r = rf.fit(_histogram(case["sample"]), f, case["option"])
    assert r.minimizer == ref["minimizer"] and r.n_points == ref["n_points"]
    assert r.ndf == ref["ndf"] and r.status == ref["status"]
    assert r.chi2 == pytest.approx(ref["chi2"], rel=1e-6)
    for got, want, err in zip(r.values.to_numpy(), ref["values"], ref["errors"], strict=True):
        assert abs(got - want) <= max(1e-3 * err, 1e-6 * abs(want))
    np.testing.assert_allclose(r.errors.to_numpy(), ref["errors"], rtol=1e-3)
    assert r.normalized_errors


def test_options_ignored_in_a_reduced_fit_are_reported():
    with pytest.warns(FitWarning, match="options I, L and P are ignored"):
        rf.fit(_histogram("xy"), "pol1", "L")
    with pytest.raises(rf.errors.FunctionError, match="variable"):
        rf.fit(_histogram("uvw"), "pol1")  # two dimensions less: refused


# -- TF2/TF3 fits of TH2/TH3 with the options, and a multigraph of mixed error types ----------

MULTIDIM = ENGINE["multidim_inputs"]


def _multidim_target(sample):
    if sample == "xy":
        h = rf.Histogram(rf.Axis(20, -4, 4), rf.Axis(20, -4, 4))
        h.fill(*[np.array(c) for c in MULTIDIM["xy"]])
        return h
    if sample == "xyz":
        h = rf.Histogram(rf.Axis(10, -4, 4), rf.Axis(10, -4, 4), rf.Axis(10, -4, 4))
        h.fill(*[np.array(c) for c in MULTIDIM["xyz"]])
        return h
    g = MULTIDIM["graphs"]
    return rf.MultiGraph(
        [
            rf.Graph(g["plain"]["x"], g["plain"]["y"]),
            rf.Graph(g["errors"]["x"], g["errors"]["y"], yerr=g["errors"]["ey"]),
            rf.Graph(
                g["asym"]["x"],
                g["asym"]["y"],
                yerr_low=g["asym"]["eyl"],
                yerr_high=g["asym"]["eyh"],
            ),
        ]
    )


@pytest.mark.parametrize("case", ENGINE["multidim"], ids=lambda c: c["id"])
def test_multidimensional_fit_agrees_with_root(case):
    ref = case["root"]
    f = rf.Function(case["function"])
    if case["start"] is not None:
        f.set_parameters(*case["start"])
    r = rf.fit(_multidim_target(case["sample"]), f, case["option"])
    assert (r.status, r.valid, r.ndf, r.n_points) == (
        ref["status"],
        ref["valid"],
        ref["ndf"],
        ref["n_points"],
    )
    assert r.minimizer == ref["minimizer"]
    assert r.chi2 == pytest.approx(ref["chi2"], rel=2e-5)
    for got, want, err in zip(r.values.to_numpy(), ref["values"], ref["errors"], strict=True):
        assert abs(got - want) <= max(2e-3 * err, 1e-6 * abs(want)), (got, want, err)
    np.testing.assert_allclose(r.errors.to_numpy(), ref["errors"], rtol=2e-3)
