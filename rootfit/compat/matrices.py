"""ROOT's ``TVectorD``, ``TMatrixD`` and ``TMatrixDSym`` as numpy arrays that also answer ROOT's
calls (``v(i)``, ``m(i, j)``, ``GetNrows``, ``GetMatrixArray``, ``Print``); calls that fill
them resize them, as ROOT's references do."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["TMatrixD", "TMatrixDSym", "TVectorD"]


class TVectorD(np.ndarray):
    """ROOT's ``TVectorD``: a float64 vector read with ``v(i)`` or ``v[i]``; calls that fill it
    resize it (``TVectorD()`` starts empty)."""

    def __new__(cls, n: int | ArrayLike = 0, values: ArrayLike | None = None) -> TVectorD:
        given = np.asarray(n if np.ndim(n) > 0 else (values if values is not None else []))
        size = given.size if np.ndim(n) > 0 else int(n)  # type: ignore[arg-type]
        out = super().__new__(cls, (size,), dtype=np.float64)  # owns its data: resizable
        out[:] = 0.0
        if given.size:
            out[: min(size, given.size)] = given.astype(np.float64).ravel()[:size]
        return out

    def __call__(self, i: int) -> float:
        return float(self[i])

    def GetNrows(self) -> int:
        return int(self.shape[0])

    def GetNoElements(self) -> int:
        return int(self.size)

    def ResizeTo(self, n: int) -> None:
        self.resize(int(n), refcheck=False)

    def Print(self, option: str = "") -> None:
        print(f"\nVector ({self.size})  is as follows\n")
        for i, v in enumerate(self):
            print(f"{i:>4} |{float(v):>11.4g}")


class TMatrixD(np.ndarray):
    """ROOT's ``TMatrixD``: a float64 matrix read with ``m(i, j)`` or ``m[i, j]``."""

    def __new__(cls, nrows: int | ArrayLike = 0, ncols: int = 0) -> TMatrixD:
        given = np.asarray(nrows, dtype=np.float64) if np.ndim(nrows) > 0 else None
        shape = given.shape if given is not None else (int(nrows), int(ncols))  # type: ignore[arg-type]
        out = super().__new__(cls, shape, dtype=np.float64)  # owns its data: resizable
        out[...] = given if given is not None else 0.0
        return out

    def __call__(self, i: int, j: int) -> float:
        return float(self[i, j])

    def GetNrows(self) -> int:
        return int(self.shape[0])

    def GetNcols(self) -> int:
        return int(self.shape[1])

    def ResizeTo(self, nrows: int, ncols: int) -> None:
        self.resize((int(nrows), int(ncols)), refcheck=False)

    def GetMatrixArray(self) -> np.ndarray:
        """The elements row by row (ROOT's ``const double*``)."""
        return np.ascontiguousarray(self, dtype=np.float64).ravel()

    def Print(self, option: str = "") -> None:
        """ROOT's layout: a header, then the elements in columns of five."""
        n, m = self.shape
        print(f"\n{n}x{m} matrix is as follows\n")
        for start in range(0, m, 5):
            columns = range(start, min(start + 5, m))
            print("     |" + "".join(f"{j:>10}  |" for j in columns))
            print("-" * (6 + 13 * len(columns)))
            for i in range(n):
                print(f"{i:>4} |" + "".join(f" {float(self[i, j]):>10.4g} " for j in columns))
            print()


class TMatrixDSym(TMatrixD):
    """A symmetric matrix (a covariance): a :class:`TMatrixD`."""
