"""Batches of fits on any executor: ``fit_many``, slice fits, toy studies, and the runner that
sends their tasks to this process, a local pool or a Dask cluster (``executor=``)."""

from rootfit.batch.fitting import FitTask, fit_many
from rootfit.batch.result import BatchResult
from rootfit.batch.slices import SliceFits, fit_slices
from rootfit.batch.toys import ToyStudy, toy_study
from rootfit.executors import ExecutorSpec, ItemOutcome, local_workers, run_tasks

__all__ = [
    "BatchResult",
    "ExecutorSpec",
    "FitTask",
    "ItemOutcome",
    "SliceFits",
    "ToyStudy",
    "fit_many",
    "fit_slices",
    "local_workers",
    "run_tasks",
    "toy_study",
]
