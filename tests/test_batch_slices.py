"""Slice fits (ROOT's FitSlicesY/FitSlicesX) against ROOT 6.40 references."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

import rootfit as rf
from rootfit import compat as ROOT
from rootfit.batch.slices import slice_option

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = json.load(open(os.path.join(HERE, "reference", "root_batch.json")))["slices"]


def histogram(case: dict, name: str | None = None) -> rf.Histogram:
    axes = [rf.Axis(*case["axes"][k]) for k in ("x", "y")]
    counts = np.array(case["counts"])
    return rf.Histogram.from_storage(axes, counts, None, entries=counts.sum(), name=name or "")


def check(made: dict, case: dict) -> None:
    for ref in case["histograms"]:
        h = made[ref["name"]]
        assert h.title == ref["title"]
        np.testing.assert_allclose(h.axis.edges, ref["edges"], rtol=1e-12)
        assert h.entries == ref["entries"]
        # fits that ROOT's Minuit2 and rootfit stop at the same minimum: values to 1e-3 of the
        # error (absolute 1e-5 for the χ² of pol0, a closed form)
        errors = np.array(ref["errors"])
        np.testing.assert_allclose(
            h.values(flow=True), ref["contents"], atol=1e-6, rtol=2e-4, err_msg=ref["name"]
        )
        np.testing.assert_allclose(h.errors(flow=True), errors, rtol=2e-3, atol=1e-6)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['method']}-{c['option']}-{c['cut']}")
def test_slices_agree_with_root(case):
    option, group = slice_option(case["option"])
    assert option == "QNR"[: len(option)] or "L" in option
    axis = 1 if case["method"] == "FitSlicesY" else 0
    h = histogram(case, case["name"])
    fit_option = "QL" if "L" in option else "Q"
    function = case["function"] or "gaus"
    keywords = {}
    if isinstance(function, list):  # a TF1 with a range and option R
        function, keywords["range"] = function[0], tuple(function[1:])
    s = rf.batch.fit_slices(
        h,
        axis,
        function,
        fit_option,
        bins=(case["first"], case["last"]),
        cut=case["cut"],
        group=group,
        executor="serial",
        **keywords,
    )
    check(s.histograms, case)


@pytest.mark.parametrize(
    "case",
    [CASES[0], CASES[5], CASES[9], CASES[11]],
    ids=["columns", "group2", "function-range", "slices-x-group2-cut"],
)
def test_facade_fit_slices_fills_the_array_and_the_directory(case):
    axes = case["axes"]
    h2 = ROOT.TH2D(case["name"], "", *axes["x"], *axes["y"])
    counts = np.array(case["counts"])
    for i, j in zip(*np.nonzero(counts), strict=True):
        h2.SetBinContent(int(i), int(j), float(counts[i, j]))
    arr = ROOT.TObjArray()
    f1 = ROOT.TF1("f1", *case["function"]) if case["function"] else ROOT.nullptr
    getattr(h2, case["method"])(f1, case["first"], case["last"], case["cut"], case["option"], arr)
    assert [arr.At(i).GetName() for i in range(arr.GetEntries())] == [
        r["name"] for r in case["histograms"]
    ]
    made = {arr.At(i).GetName(): arr.At(i) for i in range(arr.GetEntries())}
    check(made, case)
    again = ROOT.gDirectory.Get(case["histograms"][1]["name"])
    assert again is not None and again.GetBinContent(4) == made[again.GetName()].GetBinContent(4)


def test_slices_are_the_same_on_every_executor():
    h = histogram(CASES[4], "t")
    serial = h.fit_slices_y(executor="serial")
    for executor in ("processes", "threads"):
        other = h.fit_slices_y(executor=executor)
        for name, hist in serial.histograms.items():
            np.testing.assert_array_equal(
                other.histograms[name].values(flow=True), hist.values(flow=True)
            )
    assert (
        serial["Mean"] is serial.histograms["t_1"] and serial["chi2"] is serial.histograms["t_chi2"]
    )
    assert serial.fitted == (True,) * 9 and len(serial.batch) == 9


def test_slice_errors_are_clear():
    h1 = rf.Histogram(10, 0, 1)
    with pytest.raises(rf.errors.DataError, match="2-D"):
        rf.batch.fit_slices(h1)
    h = histogram(CASES[0])
    with pytest.raises(rf.errors.FitOptionError, match="group"):
        h.fit_slices_y(group=0)
    with pytest.raises(rf.errors.FitOptionError, match="axis"):
        rf.batch.fit_slices(h, 2)
    with pytest.raises(KeyError, match="no parameter"):
        h.fit_slices_y(executor="serial")["Meen"]


def test_slice_option_splits_the_grouping():
    assert slice_option("QNRG2") == ("QNR", 2)
    assert slice_option("G12L") == ("L", 12)
    assert slice_option("QNR") == ("QNR", 1)
