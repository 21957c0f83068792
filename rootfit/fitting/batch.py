"""``fit_many``: the same fit on many data sets, with every failure reported in the result.

A loop of fits that goes wrong on one data set should neither stop (unless asked) nor go
quiet: each fit's exception, invalid outcome and warnings are recorded per index in the
:class:`BatchResult`, and one summary warning says how many failed. The parallel and
distributed runners (the scale-out work) return the same :class:`BatchResult`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rootfit.errors import ConvergenceWarning, RootfitError, warn
from rootfit.fitting.problem import fit
from rootfit.result import FitResult

__all__ = ["BatchResult", "fit_many"]


@dataclass(frozen=True)
class BatchResult:
    """The outcome of :func:`fit_many`.

    Attributes
    ----------
    results : tuple of FitResult or None
        One per data set, None where the fit raised.
    errors : dict of int to RootfitError
        The exception of each fit that could not run, by index.
    warnings : dict of int to list of (Warning class, str)
        The warnings each fit emitted, by index.
    """

    results: tuple[FitResult | None, ...]
    errors: dict[int, RootfitError] = field(default_factory=dict)
    warnings: dict[int, list[tuple[type[Warning], str]]] = field(default_factory=dict)

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

    def summary(self) -> str:
        """One line: how many fits succeeded, were invalid, raised."""
        n = len(self.results)
        return (
            f"{n - len(self.failed)} of {n} fits valid, {len(self.invalid)} invalid, "
            f"{len(self.errors)} could not run"
        )


def fit_many(
    targets: Iterable[Any],
    function: Any,
    option: str = "",
    *,
    stop_on_error: bool = False,
    **kwargs: Any,
) -> BatchResult:
    """Fit ``function`` to each target with :func:`rootfit.fit` (``kwargs`` are its keywords).

    Parameters
    ----------
    targets : iterable
        Histograms, graphs, events...
    function, option, **kwargs
        As for :func:`rootfit.fit` (the same for every target).
    stop_on_error : bool
        Raise the first error instead of recording it.

    Returns
    -------
    BatchResult
    """
    results: list[FitResult | None] = []
    errors: dict[int, RootfitError] = {}
    caught: dict[int, list[tuple[type[Warning], str]]] = {}
    for i, target in enumerate(targets):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            try:
                results.append(fit(target, function, option, **kwargs))
            except RootfitError as exc:
                if stop_on_error:
                    raise
                errors[i] = exc
                results.append(None)
        if record:
            caught[i] = [(w.category, str(w.message)) for w in record]
    batch = BatchResult(tuple(results), errors, caught)
    if batch.failed:
        warn(
            f"fit_many: {batch.summary()} (see BatchResult.errors and .invalid)", ConvergenceWarning
        )
    return batch
