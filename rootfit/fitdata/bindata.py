"""``BinData``: the points a binned or point fit sees (ROOT::Fit::BinData).

Arrays are validated and made contiguous once, at construction; costs then read them without
copying. NaN or infinite entries are an error by default; ``nan_policy="omit"`` drops those
points with a warning.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit._validation import as_floats
from rootfit.errors import DataError, DataWarning, warn

__all__ = ["BinData", "ErrorType"]


class ErrorType(enum.IntEnum):
    """What kind of errors the points carry (ordered as ROOT orders them)."""

    NONE = 0
    """Values only: every error is 1 (and errors get normalised after the fit)."""
    VALUE = 1
    """Symmetric errors on the value."""
    COORD = 2
    """Errors on the coordinates and symmetric value errors (effective variance)."""
    ASYM = 3
    """Errors on the coordinates and asymmetric value errors."""


def _array(name: str, values: ArrayLike | None, n: int) -> NDArray[np.float64] | None:
    if values is None:
        return None
    a = np.ascontiguousarray(as_floats(values, name))
    if a.ndim == 0 or a.shape[0] != n:
        raise DataError(f"{name} has {a.shape[0]} entries but there are {n} points")
    return a


@dataclass(frozen=True, eq=False)
class BinData:
    """Points of a least-squares or binned-likelihood fit.

    Parameters
    ----------
    coords : array_like, shape (n,) or (n, ndim)
        Coordinates (bin centres, or low edges when ``bin_up_edges`` is set).
    values : array_like, shape (n,)
        Bin contents or point values.
    errors : array_like, shape (n,), optional
        Value errors (ignored for :attr:`ErrorType.NONE`); zero errors give zero weight.
    error_type : ErrorType
        Default: VALUE if errors are given, else NONE.
    coord_errors : array_like, shape (n,) or (n, ndim), optional
        Coordinate errors (COORD and ASYM).
    errors_low, errors_high : array_like, shape (n,), optional
        Asymmetric value errors (ASYM).
    bin_up_edges : array_like, optional
        Up edges of the bins (set for integral / bin-volume options).
    bin_volume : int
        0, 1 (model × bin volume) or 2 (× volume / smallest volume).
    integral : bool
        The model of a point is its average over the bin (option ``I``; needs ``bin_up_edges``).
    nan_policy : {"raise", "omit"}
        What to do with non-finite entries.

    Attributes
    ----------
    inv_errors : ndarray
        ``1/error`` per point (0 where the error is 0); all ones for ErrorType.NONE.
    sum_of_content, sum_of_error2 : float
        Σy and Σe² over the points (for the global weight of empty bins).
    ref_volume : float
        Smallest bin volume among the points (for ``NORMWIDTH``).
    """

    coords: NDArray[np.float64]
    values: NDArray[np.float64]
    errors: NDArray[np.float64] | None = None
    error_type: ErrorType = None  # type: ignore[assignment]  # None: inferred from errors
    coord_errors: NDArray[np.float64] | None = None
    errors_low: NDArray[np.float64] | None = None
    errors_high: NDArray[np.float64] | None = None
    bin_up_edges: NDArray[np.float64] | None = None
    bin_volume: int = 0
    integral: bool = False
    nan_policy: Literal["raise", "omit"] = "raise"
    inv_errors: NDArray[np.float64] = field(init=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        coords = as_floats(self.coords, "coords")
        if coords.ndim == 1:
            coords = coords.reshape(-1, 1)
        if coords.ndim != 2:
            raise DataError(f"coords must have shape (n,) or (n, ndim), got {coords.shape}")
        n = coords.shape[0]
        values = as_floats(self.values, "values")
        if values.shape != (n,):
            raise DataError(f"values has shape {values.shape} but there are {n} points")
        arrays = {
            "coords": coords,
            "values": values,
            "errors": _array("errors", self.errors, n),
            "coord_errors": _array("coord_errors", self.coord_errors, n),
            "errors_low": _array("errors_low", self.errors_low, n),
            "errors_high": _array("errors_high", self.errors_high, n),
            "bin_up_edges": _array("bin_up_edges", self.bin_up_edges, n),
        }
        for name in ("coord_errors", "bin_up_edges"):
            a = arrays[name]
            if a is not None and a.ndim == 1:
                arrays[name] = a.reshape(-1, 1)
        if self.nan_policy not in ("raise", "omit"):
            raise DataError(f"nan_policy must be 'raise' or 'omit', not {self.nan_policy!r}")
        bad = np.zeros(n, dtype=bool)
        for name, a in arrays.items():
            if a is None:
                continue
            finite = np.isfinite(a)
            if finite.all():
                continue
            bad_a = ~finite if a.ndim == 1 else ~np.all(finite, axis=1)
            if self.nan_policy == "raise":
                i = int(np.argmax(bad_a))
                raise DataError(
                    f"fit data has a non-finite {name} at point {i} "
                    f"(coordinate {coords[i].tolist()}); use nan_policy='omit' to drop such points"
                )
            bad |= bad_a
        if bad.any():
            warn(f"dropped {int(bad.sum())} fit point(s) with non-finite entries", DataWarning)
            arrays = {k: (None if a is None else a[~bad]) for k, a in arrays.items()}
        for name, a in arrays.items():
            set_(self, name, None if a is None else np.ascontiguousarray(a))
        for name in ("errors", "errors_low", "errors_high", "coord_errors"):
            a = getattr(self, name)
            if a is not None and np.any(a < 0):
                raise DataError(f"{name} must be >= 0")
        error_type = self.error_type
        if error_type is None:
            error_type = ErrorType.VALUE if self.errors is not None else ErrorType.NONE
        set_(self, "error_type", ErrorType(error_type))
        m = self.values.shape[0]
        if self.error_type == ErrorType.NONE:
            inv = np.ones(m)
        else:
            if self.errors is None:
                raise DataError(f"error type {self.error_type.name} needs errors")
            inv = np.divide(1.0, self.errors, out=np.zeros(m), where=self.errors > 0)
        set_(self, "inv_errors", np.ascontiguousarray(inv))
        if self.integral and self.bin_up_edges is None:
            raise DataError("integral fit data needs bin_up_edges")
        if self.error_type >= ErrorType.COORD and self.coord_errors is None:
            raise DataError(f"error type {self.error_type.name} needs coord_errors")
        if self.error_type == ErrorType.ASYM and (
            self.errors_low is None or self.errors_high is None
        ):
            raise DataError("error type ASYM needs errors_low and errors_high")
        for a in (self.coords, self.values, self.inv_errors):
            a.flags.writeable = False

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt through the constructor, so the arrays are read-only again after unpickling
        return (BinData, tuple(getattr(self, f.name) for f in fields(self) if f.init))

    def with_values(self, values: ArrayLike) -> BinData:
        """The same points with other observed values (errors and settings unchanged), e.g.
        data simulated from a fitted model."""
        new = np.asarray(values, dtype=np.float64)
        if new.shape != (self.size,):
            raise DataError(f"{self.size} values needed, got shape {new.shape}")
        arrays = {f.name: getattr(self, f.name) for f in fields(self) if f.init}
        arrays.update(values=new, nan_policy="raise")
        return BinData(**arrays)

    def selected(self, keep: NDArray[np.bool_]) -> BinData:
        """The points where ``keep`` is True (all other settings unchanged)."""
        keep = np.asarray(keep, dtype=bool)
        if keep.shape != (self.size,):
            raise DataError(f"a selection needs {self.size} flags, got shape {keep.shape}")
        arrays: dict[str, Any] = {}
        for f in fields(self):
            if not f.init:
                continue
            value = getattr(self, f.name)
            arrays[f.name] = value[keep] if isinstance(value, np.ndarray) else value
        arrays["nan_policy"] = "raise"
        return BinData(**arrays)

    # ------------------------------------------------------------------ derived quantities
    @property
    def size(self) -> int:
        """Number of points."""
        return int(self.values.shape[0])

    def __len__(self) -> int:
        return self.size

    @property
    def ndim(self) -> int:
        """Number of coordinates per point."""
        return int(self.coords.shape[1])

    @property
    def sum_of_content(self) -> float:
        """Σ values."""
        return float(self.values.sum())

    @property
    def sum_of_error2(self) -> float:
        """Σ errors² of the stored errors (0 if none are stored)."""
        if self.errors is None:
            return 0.0
        return float((self.errors**2).sum())

    @property
    def volumes(self) -> NDArray[np.float64]:
        """Bin volumes (product of widths; ones if no bin edges are stored)."""
        if self.bin_up_edges is None:
            return np.ones(self.size)
        return np.asarray(np.prod(self.bin_up_edges - self.coords, axis=1), dtype=np.float64)

    @property
    def ref_volume(self) -> float:
        """Smallest bin volume among the points."""
        return float(self.volumes.min()) if self.size else 1.0

    @property
    def centers(self) -> NDArray[np.float64]:
        """Bin centres (the coordinates, or the middle of low and up edges)."""
        if self.bin_up_edges is None:
            return self.coords
        return 0.5 * (self.coords + self.bin_up_edges)
