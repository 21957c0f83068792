"""Bin-content storage of ROOT's histogram classes: D (double), F (float), L, I, S, C.

ROOT keeps bin contents in the storage type of the class and Σw² and the statistics in double:
a TH1F filled with weight 0.1 holds ``0.1f = 0.10000000149``; an integer histogram adds
``Int_t(w)`` (``Long64_t(w)`` for I and L) and saturates. rootfit follows every rule:

* **accumulate** (``AddBinContent``, used by fills and by ``Add(h, c)``): float contents add
  ``float(w)`` in float arithmetic, in fill order; integer contents add the truncated weight and
  saturate at ``±maximum`` (a result exactly at ``maximum`` of TH1I/TH1L leaves the bin
  unchanged, as ROOT's code does);
* **cast** (``SetBinContent``/``UpdateBinContent``, used by ``Scale``, ``Multiply``,
  ``Divide``, ``Rebin``, ``Add(h1, h2, c1, c2)``): the C conversion — rounding to float, or
  truncation to an integer; an out-of-range value follows the x86-64 conversion ROOT's wheels
  run with (the 32-bit ``INT_MIN`` pattern, narrowed for S and C).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import DataError

__all__ = ["STORAGES", "Storage", "storage_of"]


def _c_integer(values: NDArray[np.float64], bits: int) -> NDArray[np.int64]:
    """``(int{bits}_t) value`` as x86-64 computes it (``cvttsd2si``): truncation, and the
    minimum of the type for NaN or values out of range."""
    lowest = -(2.0 ** (bits - 1))
    truncated = np.trunc(values)
    with np.errstate(invalid="ignore"):
        inside = (truncated >= lowest) & (truncated < -lowest)
    return np.where(inside, truncated, lowest).astype(np.int64)


@dataclass(frozen=True)
class Storage:
    """One storage type.

    Attributes
    ----------
    name : str
        ``"double"``, ``"float"``, ``"long"``, ``"int"``, ``"short"`` or ``"char"``.
    dtype : numpy dtype
        The array type of the contents.
    maximum : int
        Saturation bound of an integer type (0 for floating point).
    low, high : int
        Open interval in which an integer sum is stored as it is.
    weight_bits : int
        Width of the integer a weight is truncated to before it is added.
    """

    name: str
    dtype: Any
    maximum: int = 0
    low: int = 0
    high: int = 0
    weight_bits: int = 64

    @property
    def integer(self) -> bool:
        """True for the integer types."""
        return self.maximum > 0

    def zeros(self, shape: tuple[int, ...]) -> NDArray[Any]:
        """Empty contents."""
        return np.zeros(shape, dtype=self.dtype)

    def cast(self, values: ArrayLike) -> NDArray[Any]:
        """``SetBinContent``'s conversion of double values into this type."""
        v = np.asarray(values, dtype=np.float64)
        if not self.integer:
            return v.astype(self.dtype)
        bits = 64 if self.dtype == np.int64 else 32
        return _c_integer(v, bits).astype(self.dtype)

    def accumulate(
        self, contents: NDArray[Any], cells: NDArray[np.intp], weights: NDArray[np.float64] | None
    ) -> None:
        """``AddBinContent`` of each (cell, weight) in order, in place (weights None: +1)."""
        cells = np.asarray(cells, dtype=np.intp).ravel()
        if self.dtype == np.float64:
            w = None if weights is None else np.asarray(weights, dtype=np.float64)
            contents += np.bincount(cells, weights=w, minlength=contents.size).reshape(
                contents.shape
            )
            return
        flat = contents.reshape(-1)  # a view: the additions land in ``contents``
        if not self.integer:  # float: one float addition per entry, in order (ROOT's += w)
            step = np.ones(cells.size) if weights is None else np.asarray(weights)
            np.add.at(flat, cells, step.astype(self.dtype))
            return
        from rootfit.kernels.storage import add_saturating

        if weights is None:
            steps = np.ones(cells.size, dtype=np.int64)
        else:
            steps = _c_integer(np.asarray(weights, dtype=np.float64), self.weight_bits)
        add_saturating(flat, cells, steps, self.low, self.high, self.maximum)

    def add(self, contents: NDArray[Any], increments: ArrayLike) -> None:
        """``AddBinContent(cell, increment)`` for every cell, in place (``TH1::Add(h, c)``)."""
        inc = np.asarray(increments, dtype=np.float64)
        if not self.integer:
            contents += inc.astype(self.dtype)
            return
        self.accumulate(contents, np.arange(contents.size), inc.ravel())


_INT_MAX = 2**31 - 1
_LLONG_MAX = 2**63 - 1

#: The storage types by name.
STORAGES: dict[str, Storage] = {
    "double": Storage("double", np.float64),
    "float": Storage("float", np.float32),
    "long": Storage("long", np.int64, _LLONG_MAX, -_LLONG_MAX, _LLONG_MAX, 64),
    "int": Storage("int", np.int32, _INT_MAX, -_INT_MAX, _INT_MAX, 64),
    "short": Storage("short", np.int16, 32767, -32768, 32768, 32),
    "char": Storage("char", np.int8, 127, -128, 128, 32),
}


def storage_of(spec: str | Storage | Any) -> Storage:
    """The storage for a name (``"float"``), a numpy dtype (``np.float32``) or a Storage."""
    if isinstance(spec, Storage):
        return spec
    if isinstance(spec, str) and spec in STORAGES:
        return STORAGES[spec]
    try:
        dtype = np.dtype(spec)
    except TypeError:
        dtype = None
    for storage in STORAGES.values():
        if dtype is not None and np.dtype(storage.dtype) == dtype:
            return storage
    raise DataError(f"unknown histogram storage {spec!r}; choose one of {sorted(STORAGES)}")
