"""Turning user input into float64 arrays, with a clear error for what is not numeric.

numpy's own message for ``np.asarray(["a"], float)`` ("could not convert string to float") does
not say which argument was wrong; :func:`as_floats` names the argument, the bad value and where
it stands, and raises a :class:`~rootfit.errors.DataError` (a ``ValueError``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import DataError

__all__ = ["as_floats"]


def as_floats(values: Any, name: str) -> NDArray[np.float64]:
    """``values`` as a float64 array (no copy when it already is one).

    Raises
    ------
    DataError
        Values that are not numbers (strings, None, objects), naming ``name``, the first bad
        value and its position.
    """
    if isinstance(values, np.ndarray) and values.dtype == np.float64:
        return values
    try:
        inferred = np.asarray(values)
    except (TypeError, ValueError):
        inferred = None
    if inferred is not None and inferred.dtype.kind in "fiub":
        return inferred.astype(np.float64, copy=False)
    try:  # None, strings, objects: find the first element that is not a number
        flat = np.asarray(values, dtype=object).ravel()
    except (TypeError, ValueError):
        raise DataError(
            f"{name} must be an array of numbers, got {type(values).__name__}"
        ) from None
    for i, item in enumerate(flat):
        try:
            if item is None or isinstance(item, str | bytes):
                raise TypeError
            float(item)
        except (TypeError, ValueError):
            raise DataError(
                f"{name} must be numbers; element {i} is {item!r} ({type(item).__name__})"
            ) from None
    try:
        return np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError(
            f"{name} must be a rectangular array of numbers, got {values!r:.80}"
        ) from None
