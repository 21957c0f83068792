"""Graph construction and validation."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import DataError
from rootfit.fitdata import DataOptions, ErrorType
from rootfit.fitdata.filling import graph_error_type


def test_error_kinds():
    x, y = [1.0, 2.0, 3.0], [1.0, 2.0, 2.5]
    assert graph_error_type(rf.Graph(x, y), DataOptions()) == ErrorType.NONE
    assert graph_error_type(rf.Graph(x, y, yerr=0.1), DataOptions()) == ErrorType.VALUE
    assert graph_error_type(rf.Graph(x, y, xerr=0.1, yerr=0.1), DataOptions()) == ErrorType.COORD
    assert (
        graph_error_type(rf.Graph(x, y, xerr=0.1, yerr=0.1), DataOptions(coord_errors=False))
        == ErrorType.VALUE
    )
    assert graph_error_type(rf.Graph(x, y, yerr=[0, 0, 0]), DataOptions()) == ErrorType.NONE
    asym = rf.Graph(x, y, yerr_low=0.1, yerr_high=0.2)
    assert graph_error_type(asym, DataOptions()) == ErrorType.ASYM
    assert asym.yerr == pytest.approx(np.sqrt((0.01 + 0.04) / 2))


def test_bad_graphs():
    with pytest.raises(DataError, match="equal length"):
        rf.Graph([1, 2], [1])
    with pytest.raises(DataError, match="yerr has shape"):
        rf.Graph([1, 2], [1, 2], yerr=[1, 2, 3])
    with pytest.raises(DataError, match=">= 0"):
        rf.Graph([1, 2], [1, 2], yerr=[1, -2])
    with pytest.raises(DataError, match="not both"):
        rf.Graph([1, 2], [1, 2], yerr=1, yerr_low=1, yerr_high=1)
    with pytest.raises(DataError, match="together"):
        rf.Graph([1, 2], [1, 2], yerr_low=1)
