"""Bin-content storage types (ROOT's TH1D/F/L/I/S/C) through the Pythonic API; the ROOT
agreement of every rule is in test_root_bookkeeping.py."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import DataError, RootfitWarning
from rootfit.hist.storage import STORAGES, storage_of


def test_float_storage_rounds_every_addition_to_float():
    h = rf.Histogram(2, 0, 2, storage="float")
    h.fill(np.full(10, 0.5), weights=np.full(10, 0.1))
    expected = np.float32(0.0)
    for _ in range(10):
        expected = np.float32(expected + np.float32(0.1))
    assert h.values()[0] == expected != 1.0
    assert h.values().dtype == np.float32 and h.storage == "float"
    assert h.variances()[0] == pytest.approx(0.1, rel=1e-12)  # Σw² stays double
    assert h.sum_of_weights == pytest.approx(1.0, rel=1e-15)  # statistics stay double


@pytest.mark.parametrize(("storage", "maximum"), [("char", 127), ("short", 32767)])
def test_integer_storage_truncates_weights_and_saturates(storage, maximum):
    h = rf.Histogram(3, 0, 3, storage=storage)
    h.fill([0.5] * 4, weights=[0.9, 2.7, -1.2, 1.99])  # Int_t(w): 0 + 2 - 1 + 1
    assert h.values()[0] == 2
    h.fill(np.full(maximum + 50, 1.5))
    assert h.values()[1] == maximum
    h.fill(np.full(maximum + 50, 2.5), weights=-1.0)
    assert h.values()[2] == -maximum
    h.set_value(0, -2.7)
    assert h.values()[0] == -2


def test_int_storage_keeps_roots_quirks():
    h = rf.Histogram(2, 0, 2, storage="int")
    h.set_value(0, 2**31 - 2)
    h.fill([0.5], weights=[1.0])  # a sum of exactly INT_MAX leaves the bin unchanged (ROOT)
    assert h.values()[0] == 2**31 - 2
    h.set_value(1, 3.0e9)  # out of range: x86-64's conversion, as ROOT's wheels compute it
    assert h.values()[1] == -(2**31)


def test_storage_survives_operations_copies_and_pickling():
    h = rf.Histogram(4, 0, 4, storage="float")
    h.fill([0.5, 1.5, 1.5, 3.5], weights=[0.1, 0.2, 0.3, 0.7])
    for other in (h.copy(), h.rebin(2), pickle.loads(pickle.dumps(h)), h * 2.0):
        assert other.storage == "float" and other.values().dtype == np.float32
    h2 = rf.Histogram(rf.Axis(2, 0, 2), rf.Axis(2, 0, 2), storage="float")
    h2.fill([0.5], [0.5], weights=[0.1])
    assert h2.projection(0).storage == "double"  # ROOT's projections are TH1D


def test_storage_names_and_errors():
    assert storage_of(np.float32) is STORAGES["float"] and storage_of("char").maximum == 127
    with pytest.raises(DataError, match="unknown histogram storage 'quad'"):
        rf.Histogram(2, 0, 1, storage="quad")


def test_facade_failure_values_of_random_numbers():
    from rootfit import compat as ROOT

    h = ROOT.TH1D("h", "", 4, 0, 4)
    h.SetBinContent(2, -1.0)
    rng = np.random.default_rng(1)
    with pytest.warns(RootfitWarning, match="negative; NaN"):
        assert np.isnan(h.GetRandom(rng))
    with pytest.warns(RootfitWarning, match="empty; 0"):
        assert ROOT.TH1D("e", "", 4, 0, 4).GetRandom(rng) == 0.0
    t = ROOT.TH1D("t", "", 4, 0, 4)
    with pytest.warns(RootfitWarning, match="nothing is filled"):
        t.FillRandom(h, 10, rng)
    assert t.GetEntries() == 0
    with pytest.raises(DataError, match="negative"):
        h.get_random(rng)  # the Pythonic API raises


@pytest.mark.parametrize("storage", ["float", "int", "short", "char"])
def test_root_files_keep_the_storage_type(storage, tmp_path):
    pytest.importorskip("uproot")
    from rootfit.io import read_root, write_root

    h = rf.Histogram(rf.Axis(3, 0, 3), rf.Axis(2, 0, 2), storage=storage, name="h")
    h.fill([0.5, 1.5, 1.5, 2.5], [0.5, 1.5, 1.5, 0.5], weights=[0.1, 2.5, 1.0, 3.9])
    path = tmp_path / "s.root"
    write_root(path, {"h": h})
    back = read_root(path, "h")
    assert back.storage == storage
    np.testing.assert_array_equal(back.values(flow=True), h.values(flow=True))
    np.testing.assert_array_equal(back.variances(flow=True), h.variances(flow=True))
