"""``fit_many``: the same fit on many data sets, on any executor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rootfit.batch.result import BatchResult, reraise_first
from rootfit.batch.stacked import fit_stacked
from rootfit.executors import ExecutorSpec, run_tasks
from rootfit.fitting.problem import fit
from rootfit.result import FitResult

__all__ = ["FitTask", "fit_many", "run_fits"]


@dataclass(frozen=True)
class FitTask:
    """``rootfit.fit(target, function, option, **keywords)`` as a picklable task."""

    function: Any
    option: str = ""
    keywords: dict[str, Any] = field(default_factory=dict)

    def __call__(self, target: Any) -> FitResult:
        return fit(target, self.function, self.option, **self.keywords)


def fit_many(
    targets: Iterable[Any],
    function: Any,
    option: str = "",
    *,
    executor: ExecutorSpec = None,
    progress: bool | None = None,
    stop_on_error: bool = False,
    chunksize: int | None = None,
    **kwargs: Any,
) -> BatchResult:
    """Fit ``function`` to each target with :func:`rootfit.fit` (``kwargs`` are its keywords).

    Parameters
    ----------
    targets : iterable
        Histograms, graphs, events...
    function, option, **kwargs
        As for :func:`rootfit.fit` (the same for every target).
    executor : None, "auto", "serial", "threads", "processes", Executor or dask Client
        Where the fits run (see :mod:`rootfit.executors`); the results are the same.
    progress : bool or None
        Progress bar: on a terminal for long batches (None), always (True), never (False).
    stop_on_error : bool
        After the batch, raise the error of the first fit that raised instead of recording it.
    chunksize : int, optional
        Fits per unit of work sent to a worker.

    Notes
    -----
    Histograms with the same axes fitted in this process (``executor`` None, ``"auto"``,
    ``"serial"``, ``"threads"``) with no keywords but ``range`` are fitted as one *stacked* batch when the
    fit qualifies (:mod:`rootfit.batch.stacked`: one compiled loop on all cores, the same
    results bit for bit, each FitResult built when it is read).

    Returns
    -------
    BatchResult
        One entry per target in input order; failures by index, one summary warning.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> rng = np.random.default_rng(4)
    >>> hists = []
    >>> for mean in (-0.5, 0.0, 0.5):
    ...     h = rf.Histogram(40, -4, 4)
    ...     h.fill(rng.normal(mean, 1.0, 2000))
    ...     hists.append(h)
    >>> batch = rf.fit_many(hists, "gaus", "Q")
    >>> [round(r.values["Mean"], 1) for r in batch.results]
    [-0.5, 0.0, 0.5]
    """
    batch = run_fits(
        list(targets), FitTask(function, option, kwargs), executor, progress, chunksize=chunksize
    )
    if stop_on_error:
        reraise_first(batch.errors)
    batch.warn_if_failed("fit_many")
    return batch


def run_fits(
    items: Sequence[Any],
    task: FitTask,
    executor: ExecutorSpec,
    progress: bool | None,
    *,
    chunksize: int | None = None,
    description: str = "fits",
) -> BatchResult:
    """``task`` on every item: as one stacked batch where it qualifies
    (:func:`~rootfit.batch.stacked.fit_stacked`, in this process, no keywords but
    ``range``), the fits it hands back and all others through
    :func:`~rootfit.executors.run_tasks`."""
    option = task.option
    stacked = None
    if set(task.keywords) <= {"range"} and isinstance(option, str) and _in_process(executor):
        threads = 1 if executor == "serial" else None
        range_ = task.keywords.get("range")
        stacked = fit_stacked(items, task.function, option, range=range_, threads=threads)
    if stacked is None:
        outcomes = run_tasks(
            task,
            items,
            executor=executor,
            progress=progress,
            chunksize=chunksize,
            description=description,
        )
        return BatchResult.from_outcomes(outcomes)
    rest = [items[i] for i in stacked.fallback]
    outcomes = []
    if rest:
        outcomes = run_tasks(
            task,
            rest,
            executor=executor,
            progress=progress,
            chunksize=chunksize,
            description=description,
        )
    return BatchResult.from_stacked(stacked.rows, stacked.fallback, outcomes)


def _in_process(executor: ExecutorSpec) -> bool:
    """Whether ``executor`` runs the batch in this process (where a stacked batch runs)."""
    return executor is None or (
        isinstance(executor, str) and executor in ("auto", "serial", "threads")
    )
