"""``ResultRows``: the results of a batch as columns, each FitResult built when it is read.

A stacked batch (:mod:`rootfit.batch.stacked`) knows every fit's values, errors, χ², ndf,
status and verdict as arrays the moment its compiled loop ends; building a
:class:`~rootfit.FitResult` (with its cost, model and data, for bands, scans and plots) costs
more than a small fit. :class:`ResultRows` is the sequence :class:`~rootfit.BatchResult`
holds: the columns answer the batch-wide questions (``values()``, ``table()``, which fits
failed) at once, and ``rows[i]`` builds fit ``i``'s result on first access (then keeps it).
Rows that came from the ordinary path are FitResults (or None where the fit raised) from the
start. It pickles as the tuple of its results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from rootfit.result import FitResult

__all__ = ["ResultColumns", "ResultRows"]


@dataclass(frozen=True)
class ResultColumns:
    """Per-fit columns of a batch (NaN / -1 / False in rows whose fit raised)."""

    parameter_names: tuple[str, ...]
    values: NDArray[np.float64]
    errors: NDArray[np.float64]
    chi2: NDArray[np.float64]
    ndf: NDArray[np.int64]
    min_fcn: NDArray[np.float64]
    status: NDArray[np.int64]
    valid: NDArray[np.bool_]
    present: NDArray[np.bool_]

    @classmethod
    def empty(cls, n: int, names: Sequence[str]) -> ResultColumns:
        npar = len(names)
        return cls(
            tuple(names),
            np.full((n, npar), np.nan),
            np.full((n, npar), np.nan),
            np.full(n, np.nan),
            np.zeros(n, dtype=np.int64),
            np.full(n, np.nan),
            np.full(n, -1, dtype=np.int64),
            np.zeros(n, dtype=bool),
            np.zeros(n, dtype=bool),
        )

    def fill_from(self, i: int, result: FitResult) -> None:
        """Row ``i`` from a result of the ordinary path (same parameters)."""
        self.values[i] = result.values.to_numpy()
        self.errors[i] = result.errors.to_numpy()
        self.fill_summary(i, result)

    def fill_summary(self, i: int, result: FitResult) -> None:
        """Row ``i``'s χ², ndf, minimum, status and verdict (values and errors stay NaN: a
        result of other parameters)."""
        self.chi2[i], self.ndf[i], self.min_fcn[i] = result.chi2, result.ndf, result.min_fcn
        self.status[i], self.valid[i], self.present[i] = result.status, result.valid, True


class ResultRows(Sequence[FitResult | None]):
    """A batch's results: ``columns`` at once, ``rows[i]`` built on first access.

    Parameters
    ----------
    columns : ResultColumns
        Every row's summary.
    ready : dict of int to FitResult or None
        Rows already built (None: the fit raised).
    build : callable
        ``build(i)`` makes the FitResult of a row not in ``ready``.
    """

    def __init__(
        self,
        columns: ResultColumns,
        ready: dict[int, FitResult | None],
        build: Callable[[int], FitResult],
    ) -> None:
        self.columns = columns
        self._ready = dict(ready)
        self._build = build

    def set_ready(self, i: int, result: FitResult | None) -> None:
        """Row ``i`` is ``result`` (None: the fit raised); its columns follow."""
        self._ready[i] = result
        if result is not None:
            if tuple(result.parameter_names) == self.columns.parameter_names:
                self.columns.fill_from(i, result)
            else:
                self.columns.fill_summary(i, result)

    def __len__(self) -> int:
        return int(self.columns.present.size)

    @overload
    def __getitem__(self, index: int) -> FitResult | None: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[FitResult | None, ...]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self))[index])
        i = range(len(self))[index]  # negative indices, IndexError
        if i not in self._ready:
            self._ready[i] = self._build(i)
        return self._ready[i]

    def __iter__(self) -> Iterator[FitResult | None]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def __repr__(self) -> str:
        built = sum(1 for i in self._ready if self._ready[i] is not None)
        return f"ResultRows({len(self)} fits, {built} built)"
