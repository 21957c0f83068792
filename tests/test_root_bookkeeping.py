"""Histogram bookkeeping in ROOT's corners, against ROOT 6.40: storage types (float and integer
contents with ROOT's rounding, truncation and saturation), ranges past the axis, entries and
statistics after arithmetic, statistics from bin contents, Σw², the statistics API, binomial
division of weighted histograms, rebinning and projections with flow bins.

Each case is a ROOT-spelled script (``tests/reference/bookkeeping_cases.py``) that the reference
generator ran in ROOT; here it runs through ``rootfit.compat`` and every record must agree.
"""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest
from conftest import load_reference

import rootfit.compat as ROOT

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "reference"))
from bookkeeping_cases import CASES, replay

REFERENCE = load_reference("root_bookkeeping.json")["cases"]

#: relative tolerance (of each value, and of the largest value of an array for values that
#: cancel to ~0); float32 and integer contents are compared exactly through their double values
RTOL = 1e-12


def _close(ours, theirs, what):
    scale = float(np.max(np.abs(theirs))) if np.size(theirs) else 0.0
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=RTOL * scale + 1e-300, err_msg=what)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.filterwarnings("ignore::rootfit.errors.RootfitWarning")  # ROOT's error messages
def test_bookkeeping_agrees_with_root(case):
    ours = replay(ROOT, CASES[case])
    theirs = REFERENCE[case]
    assert len(ours) == len(theirs)
    for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        where = f"{case} record {i}"
        if "value" in b:
            _close([a["value"]], [b["value"]], where)
            continue
        assert a["class"] == b["class"], where
        assert a["sumw2"] == b["sumw2"], where
        for key in ("contents", "errors", "stats", "means", "stds"):
            _close(a[key], b[key], f"{where} {key}")
        for key in ("entries", "effective_entries", "sum_of_weights", "integral", "integral_width"):
            _close(a[key], b[key], f"{where} {key}")
        if "bin_entries" in b:
            _close(a["bin_entries"], b["bin_entries"], f"{where} bin entries")
