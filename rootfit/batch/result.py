"""``BatchResult``: the outcome of many fits, each failure kept by index, as a table.

A loop of fits that goes wrong on one data set should neither stop (unless asked) nor go
quiet: each fit's exception, invalid outcome and warnings are recorded per index, one summary
warning says how many failed, and :meth:`BatchResult.table` gives one row per fit (values,
errors, χ², ndf, status, valid, the error if it raised) as a numpy structured array, or a
pandas frame with :meth:`BatchResult.to_pandas`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit._optional import require
from rootfit.batch.rows import ResultColumns, ResultRows
from rootfit.errors import ConvergenceWarning, warn
from rootfit.executors import ItemOutcome
from rootfit.result import FitResult

__all__ = ["BatchResult", "reraise_first"]

#: Columns of :meth:`BatchResult.table` besides the parameters.
_FIXED_COLUMNS = ("chi2", "ndf", "min_fcn", "status", "valid", "error")


@dataclass(frozen=True)
class BatchResult:
    """The outcome of a batch of fits, in input order.

    Attributes
    ----------
    results : sequence of FitResult or None
        One per item, None where the fit raised (a tuple, or for a stacked batch a
        :class:`~rootfit.batch.rows.ResultRows` that builds each result when it is read).
    errors : dict of int to Exception
        The exception of each fit that could not run, by index (a
        :class:`~rootfit.errors.WorkerError` when its worker died).
    warnings : dict of int to list of (Warning class, str)
        The warnings each fit emitted, by index.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> rng = np.random.default_rng(2)
    >>> hs = [rf.Histogram(20, -4, 4) for _ in range(3)]
    >>> for h in hs: h.fill(rng.normal(0, 1, 500))
    >>> batch = rf.fit_many(hs, "gaus", "Q", executor="serial")
    >>> batch.summary(), batch.table()["Mean"].shape
    ('3 of 3 fits valid, 0 invalid, 0 could not run', (3,))
    """

    results: Sequence[FitResult | None]
    errors: dict[int, BaseException] = field(default_factory=dict)
    warnings: dict[int, list[tuple[type[Warning], str]]] = field(default_factory=dict)

    @classmethod
    def from_outcomes(cls, outcomes: Sequence[ItemOutcome]) -> BatchResult:
        """Collect the outcomes of :func:`~rootfit.batch.run_tasks` whose values are fits."""
        return cls(
            tuple(o.value if o.error is None else None for o in outcomes),
            {i: o.error for i, o in enumerate(outcomes) if o.error is not None},
            {i: list(o.warnings) for i, o in enumerate(outcomes) if o.warnings},
        )

    @classmethod
    def from_stacked(
        cls, rows: ResultRows, fallback: Sequence[int], outcomes: Sequence[ItemOutcome]
    ) -> BatchResult:
        """A stacked batch's rows with the outcomes of the fits it handed back (``fallback``,
        in order) filled in."""
        errors: dict[int, BaseException] = {}
        warned: dict[int, list[tuple[type[Warning], str]]] = {}
        for i, outcome in zip(fallback, outcomes, strict=True):
            if outcome.error is not None:
                errors[i] = outcome.error
                rows.set_ready(i, None)
            else:
                rows.set_ready(i, outcome.value)
            if outcome.warnings:
                warned[i] = list(outcome.warnings)
        return cls(rows, errors, warned)

    @functools.cached_property
    def columns(self) -> ResultColumns:
        """Every fit's values, errors, χ², ndf, minimum, status and verdict as arrays (read
        from the results once, or given by a stacked batch without building them)."""
        if isinstance(self.results, ResultRows):
            return self.results.columns
        names: tuple[str, ...] = ()
        for r in self.results:
            if r is not None:
                names = tuple(r.parameter_names)
                break
        columns = ResultColumns.empty(len(self.results), names)
        for i, r in enumerate(self.results):
            if r is not None:
                if tuple(r.parameter_names) == names:
                    columns.fill_from(i, r)
                else:  # another model: only the summary columns
                    columns.fill_summary(i, r)
        return columns

    @property
    def invalid(self) -> tuple[int, ...]:
        """Indices of fits that ran but are ``valid=False``."""
        columns = self.columns
        return tuple(int(i) for i in np.flatnonzero(columns.present & ~columns.valid))

    @property
    def failed(self) -> tuple[int, ...]:
        """Indices of fits that raised or are invalid."""
        return tuple(sorted(set(self.errors) | set(self.invalid)))

    @property
    def ok(self) -> bool:
        """True if every fit ran and is valid."""
        return not self.failed

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: int) -> FitResult | None:
        return self.results[index]

    def summary(self) -> str:
        """One line: how many fits succeeded, were invalid, raised."""
        n = len(self.results)
        return (
            f"{n - len(self.failed)} of {n} fits valid, {len(self.invalid)} invalid, "
            f"{len(self.errors)} could not run"
        )

    def warn_if_failed(self, caller: str) -> None:
        """One :class:`~rootfit.errors.ConvergenceWarning` naming the failures, if any."""
        if self.failed:
            shown = ", ".join(self._failure(i) for i in self.failed[:10])
            more = " ..." if len(self.failed) > 10 else ""
            warn(
                f"{caller}: {self.summary()} (indices {shown}{more}; see .errors and .invalid)",
                ConvergenceWarning,
            )

    def _failure(self, i: int) -> str:
        """``"3: status 4"`` for an invalid fit, ``"5: EmptyFitDataError"`` for one that raised."""
        if i in self.errors:
            return f"{i}: {type(self.errors[i]).__name__}"
        return f"{i}: status {self.columns.status[i]}"

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Parameter names of the first fit that ran (empty if none did)."""
        return self.columns.parameter_names

    def values(self) -> NDArray[np.float64]:
        """Fitted values, shape ``(n, npar)`` (NaN rows where a fit raised)."""
        return self.columns.values.copy()

    def parameter_errors(self) -> NDArray[np.float64]:
        """Parabolic errors, shape ``(n, npar)`` (NaN rows where a fit raised)."""
        return self.columns.errors.copy()

    def table(self) -> NDArray[Any]:
        """One row per fit: a column per parameter value and ``<name>_error``, then ``chi2``,
        ``ndf``, ``min_fcn``, ``status``, ``valid`` and ``error`` (the exception text, empty
        when the fit ran). Rows of fits that raised hold NaN and status -1."""
        data = self.columns
        names = data.parameter_names
        columns = [n if n not in _FIXED_COLUMNS else f"par_{n}" for n in names]
        width = max([1] + [len(_error_text(e)) for e in self.errors.values()])
        dtype = (
            [(c, "f8") for c in columns]
            + [(f"{c}_error", "f8") for c in columns]
            + [("chi2", "f8"), ("ndf", "i8"), ("min_fcn", "f8"), ("status", "i8")]
            + [("valid", "?"), ("error", f"U{width}")]
        )
        table = np.zeros(len(self.results), dtype=dtype)
        for k, c in enumerate(columns):
            table[c] = data.values[:, k]
            table[f"{c}_error"] = data.errors[:, k]
        for name in ("chi2", "ndf", "min_fcn", "status", "valid"):
            table[name] = getattr(data, name)
        for i, error in self.errors.items():
            table["error"][i] = _error_text(error)
        return table

    def to_pandas(self) -> Any:
        """:meth:`table` as a ``pandas.DataFrame`` (needs pandas)."""
        pd = require("pandas", feature="BatchResult.to_pandas", extra="pandas")
        return pd.DataFrame(self.table())


def _error_text(error: BaseException | None) -> str:
    return "" if error is None else f"{type(error).__name__}: {error}"


def reraise_first(errors: dict[int, BaseException]) -> None:
    """Raise the error of the lowest index (``stop_on_error``)."""
    if errors:
        raise errors[min(errors)]
