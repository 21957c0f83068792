"""What a backend returns to the Fitter."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

__all__ = ["BackendResult"]


@dataclass(frozen=True)
class BackendResult:
    """Raw outcome of one minimization (before error normalisation and Chi2 reporting)."""

    values: NDArray[np.float64]
    errors: NDArray[np.float64]
    covariance: NDArray[np.float64]
    min_fcn: float
    edm: float
    ncalls: int
    status: int
    cov_status: int
    valid: bool
    minimizer: str
    minos: dict[str, tuple[float, float]] = field(default_factory=dict)
