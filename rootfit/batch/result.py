"""``BatchResult``: the outcome of many fits, each failure kept by index, as a table.

A loop of fits that goes wrong on one data set should neither stop (unless asked) nor go
quiet: each fit's exception, invalid outcome and warnings are recorded per index, one summary
warning says how many failed, and :meth:`BatchResult.table` gives one row per fit (values,
errors, χ², ndf, status, valid, the error if it raised) as a numpy structured array, or a
pandas frame with :meth:`BatchResult.to_pandas`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit._optional import require
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
    results : tuple of FitResult or None
        One per item, None where the fit raised.
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

    results: tuple[FitResult | None, ...]
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

    @property
    def invalid(self) -> tuple[int, ...]:
        """Indices of fits that ran but are ``valid=False``."""
        return tuple(i for i, r in enumerate(self.results) if r is not None and not r.valid)

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
        result = self.results[i]
        if result is None:
            return f"{i}: {type(self.errors[i]).__name__}"
        return f"{i}: status {result.status}"

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Parameter names of the first fit that ran (empty if none did)."""
        for r in self.results:
            if r is not None:
                return tuple(r.parameter_names)
        return ()

    def values(self) -> NDArray[np.float64]:
        """Fitted values, shape ``(n, npar)`` (NaN rows where a fit raised)."""
        return self._matrix("values")

    def parameter_errors(self) -> NDArray[np.float64]:
        """Parabolic errors, shape ``(n, npar)`` (NaN rows where a fit raised)."""
        return self._matrix("errors")

    def _matrix(self, attribute: str) -> NDArray[np.float64]:
        names = self.parameter_names
        out = np.full((len(self.results), len(names)), np.nan)
        for i, r in enumerate(self.results):
            if r is not None and tuple(r.parameter_names) == names:
                out[i] = getattr(r, attribute).to_numpy()
        return out

    def table(self) -> NDArray[Any]:
        """One row per fit: a column per parameter value and ``<name>_error``, then ``chi2``,
        ``ndf``, ``min_fcn``, ``status``, ``valid`` and ``error`` (the exception text, empty
        when the fit ran). Rows of fits that raised hold NaN and status -1."""
        names = self.parameter_names
        columns = [n if n not in _FIXED_COLUMNS else f"par_{n}" for n in names]
        width = max([1] + [len(_error_text(e)) for e in self.errors.values()])
        dtype = (
            [(c, "f8") for c in columns]
            + [(f"{c}_error", "f8") for c in columns]
            + [("chi2", "f8"), ("ndf", "i8"), ("min_fcn", "f8"), ("status", "i8")]
            + [("valid", "?"), ("error", f"U{width}")]
        )
        table = np.zeros(len(self.results), dtype=dtype)
        values, errors = self.values(), self.parameter_errors()
        for k, c in enumerate(columns):
            table[c] = values[:, k]
            table[f"{c}_error"] = errors[:, k]
        for i, r in enumerate(self.results):
            if r is None:
                table["chi2"][i] = table["min_fcn"][i] = np.nan
                table["status"][i] = -1
                table["error"][i] = _error_text(self.errors.get(i))
            else:
                table["chi2"][i], table["ndf"][i] = r.chi2, r.ndf
                table["min_fcn"][i], table["status"][i], table["valid"][i] = (
                    r.min_fcn,
                    r.status,
                    r.valid,
                )
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
