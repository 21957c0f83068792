"""Bad input gets a clear error (and loses nothing); failed fits say so."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import make_histogram

import rootfit as rf
from rootfit.errors import DataError, FitOptionError, FunctionError, RootfitWarning
from rootfit.fitdata import BinData


def test_nan_in_histogram_raises_or_is_dropped():
    h = make_histogram("G")
    h.set_value(10, np.nan)
    with pytest.raises(DataError, match="non-finite values at point"):
        h.fit("gaus", "Q")
    with pytest.warns(RootfitWarning, match="dropped 1 fit point"):
        r = rf.fit(h, "gaus", "Q", nan_policy="omit")
    assert r.n_points == 16
    assert np.isnan(h.values()[10])  # the histogram is left untouched


def test_empty_histogram_is_a_clear_error():
    with pytest.raises(DataError, match="fit data is empty"):
        rf.Histogram(10, 0, 1).fit("gaus", "Q")


def test_range_outside_warns_and_empty_errors():
    with pytest.warns(RootfitWarning, match="outside"), pytest.raises(DataError, match="empty"):
        make_histogram("G").fit("gaus", "Q", range=(10, 20))


def test_unknown_function_and_option():
    h = make_histogram("G")
    with pytest.raises(FunctionError, match="did you mean 'gaus'"):
        h.fit("gauss")
    with pytest.raises(FitOptionError, match="unknown fit option 'Z'"):
        h.fit("gaus", "QZ")
    with pytest.raises(FitOptionError, match="objective"):
        h.fit("gaus", "UQ")  # option U without the user's objective
    with pytest.raises(FitOptionError, match="has none"):
        h.fit("gaus", "RQ")


def test_zero_errors_are_skipped_or_kept_by_option():
    h = make_histogram("G")
    h.set_error(9, 0.0)  # non-empty bin with zero error
    assert h.fit("gaus", "Q").n_points == 16
    assert h.fit("gaus", "WQ").n_points == 17
    assert h.fit("gaus", "LQ").n_points == 20


def test_wrong_shapes_and_dimensions():
    with pytest.raises(DataError, match="values has shape"):
        BinData([1.0, 2.0], [1.0])
    with pytest.raises(FunctionError, match="variable"):
        make_histogram("G").fit("x*y", "Q")
    with pytest.raises(DataError, match="cannot fit"):
        rf.fit([1, 2, 3], "gaus")


def test_start_value_outside_limits():
    f = rf.Function("gaus")
    f.set_parameters(50, 0.4, 1.5)
    f.set_limits(1, 1.0, 2.0)
    with pytest.raises(rf.errors.FitError, match="outside its limits"):
        make_histogram("G").fit(f, "QB")


def test_function_storage_rules():
    h = make_histogram("G")
    h.fit("gaus", "Q")
    h.fit("pol2", "Q+")
    assert [f.name for f in h.functions] == ["gaus", "pol2"]
    h.fit("expo", "Q")
    assert [f.name for f in h.functions] == ["expo"]
    h.fit("gaus", "QN")
    assert [f.name for f in h.functions] == ["expo"]
    h.fit("gaus", "Q0")
    assert h.get_function("gaus").drawable is False
    assert h.get_function("gaus").range == (-5.0, 5.0)


def test_weighted_likelihood_rules():
    h = make_histogram("G")  # no Σw²: ROOT falls back to a plain likelihood fit, with a warning
    with pytest.warns(RootfitWarning, match="plain likelihood"):
        r = h.fit("gaus", "WLQ")
    assert r.chi2 == pytest.approx(h.fit("gaus", "LQ").chi2)
    hw = make_histogram("Gw")
    with pytest.warns(RootfitWarning, match="Minos errors cannot"):
        r = hw.fit("gaus", "WLEQ")
    assert r.minos == {}


def test_integral_option_fits_bin_averages():
    """For a straight line the bin average equals the value at the centre."""
    h = rf.Histogram(10, 0, 10)
    h.set_values(np.arange(10) * 2.0 + 1.0)
    centre = h.fit("pol1", "QF")
    average = h.fit("pol1", "QI")
    np.testing.assert_allclose(
        average.values.to_numpy(), centre.values.to_numpy(), rtol=1e-6, atol=1e-9
    )
