"""Where a batch of independent tasks runs: in this process, on a local pool, or on Dask.

Every batch in rootfit (:func:`~rootfit.fit_many`, slice fits, toy studies, re-optimised
profiles and surfaces) is a picklable *task* applied to a list of *items*. :func:`run_tasks`
applies it through one ``executor=`` argument:

* ``None`` / ``"auto"`` (default): the first items run here (which also compiles the model's
  kernels); if the rest would take long enough to pay for it, they run on a pool of forked
  worker processes sharing the compiled code (Linux), else here.
* ``"serial"``, ``"threads"`` (a thread pool: pays off when compiled kernels, which release
  the GIL, dominate), ``"processes"`` (the forked pool, always);
* any :class:`concurrent.futures.Executor`;
* a ``dask.distributed.Client`` (its executor is used).

Results come back in input order and are identical whichever executor ran them (every task is
deterministic: random numbers come from per-item seeds drawn before the batch). A task that
raises is recorded for its item; a worker that dies is retried once on its own and then
recorded as a :class:`~rootfit.errors.WorkerError`: nothing else is lost.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
import pickle
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from rootfit.errors import FitOptionError, RootfitError, WorkerError

__all__ = ["ExecutorSpec", "ItemOutcome", "local_dask_client", "local_workers", "run_tasks"]

#: What ``executor=`` accepts.
ExecutorSpec = None | str | Executor | Any

#: ``"auto"`` moves the rest of a batch to the process pool when it is estimated to take longer.
_POOL_WORTH_SECONDS = 0.15
_NAMED = ("auto", "serial", "threads", "processes")


@dataclass(frozen=True)
class ItemOutcome:
    """What one task returned for one item: its value, or the exception it raised, and the
    warnings it emitted as ``(category, message)`` pairs."""

    value: Any = None
    error: BaseException | None = None
    warnings: tuple[tuple[type[Warning], str], ...] = ()


def local_workers() -> int:
    """Worker count of the local pools: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def local_dask_client(n_workers: int | None = None, **options: Any) -> Any:
    """A ``dask.distributed.Client`` of a new local cluster: ``n_workers`` worker processes
    (default: the cores) of one thread each, on loopback, a free dashboard port, quiet logs,
    not made the default client. Closing the client shuts the cluster down. ``options`` go to
    ``Client``/``LocalCluster``. Scripts that start worker processes need the
    ``if __name__ == "__main__":`` guard.
    """
    from rootfit._optional import require

    distributed = require("distributed", feature="a local Dask cluster", extra="dask")
    settings: dict[str, Any] = {
        "n_workers": n_workers or local_workers(),
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        "dashboard_address": ":0",
        "silence_logs": 40,
        "set_as_default": False,
    }
    settings.update(options)
    return distributed.Client(**settings)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if another process can rebuild it (it pickles, and its class accepts its
    ``args`` again, which is how it is unpickled), else a :class:`RootfitError` with its text."""
    try:
        pickle.dumps(exc)
        type(exc)(*exc.args)
        return exc
    except Exception:
        return RootfitError(f"{type(exc).__name__}: {exc}")


def _call(task: Callable[[Any], Any], item: Any, portable: bool) -> tuple[Any, Any]:
    """``(value, None)`` or ``(None, exception)``."""
    try:
        return task(item), None
    except Exception as exc:
        return None, (_portable(exc) if portable else exc)


def run_item(task: Callable[[Any], Any], item: Any, portable: bool = False) -> ItemOutcome:
    """Apply ``task`` to ``item``, recording its exception and warnings."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        value, error = _call(task, item, portable)
    return ItemOutcome(value, error, tuple((w.category, str(w.message)) for w in record))


class _ThreadWarnings:
    """Warnings of tasks running on threads, filed under the task each thread is running
    (``catch_warnings`` changes process-wide state: one per task would race between threads).
    Installed once around the pool as ``warnings.showwarning``."""

    def __init__(self, previous: Callable[..., Any]) -> None:
        self._previous = previous
        self._lock = threading.Lock()
        self._local = threading.local()
        self._tokens = itertools.count()
        self._filed: dict[int, list[tuple[type[Warning], str]]] = {}

    def show(self, message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        token = getattr(self._local, "token", None)
        if token is None:  # not from a task of the batch: shown as usual
            self._previous(message, category, *args, **kwargs)
            return
        with self._lock:
            self._filed.setdefault(token, []).append((category, str(message)))

    def run_chunk(self, task: Callable[[Any], Any], items: Sequence[Any]) -> list[ItemOutcome]:
        out = []
        for item in items:
            self._local.token = token = next(self._tokens)
            try:
                value, error = _call(task, item, False)
            finally:
                self._local.token = None
            with self._lock:
                caught = tuple(self._filed.pop(token, ()))
            out.append(ItemOutcome(value, error, caught))
        return out


def run_chunk(task: Callable[[Any], Any], items: Sequence[Any]) -> list[ItemOutcome]:
    """Apply ``task`` to each of ``items`` (the unit of work sent to a worker)."""
    return [run_item(task, item, portable=True) for item in items]


# The forked pool's job: set in each worker by its initializer (inherited, never pickled), so
# that only item indices travel to the workers and only outcomes travel back.
_forked_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _set_forked_job(task: Callable[[Any], Any], items: Sequence[Any]) -> None:
    global _forked_job
    _forked_job = (task, items)


def _run_forked(indices: Sequence[int]) -> list[ItemOutcome]:
    assert _forked_job is not None
    task, items = _forked_job
    return run_chunk(task, [items[i] for i in indices])


def _pickles(obj: Any) -> bool:
    try:
        pickle.dumps(obj)
    except Exception:
        return False
    return True


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _is_dask_client(obj: Any) -> bool:
    return type(obj).__name__ == "Client" and type(obj).__module__.startswith("distributed")


def _chunks(indices: Sequence[int], workers: int, chunksize: int | None) -> list[list[int]]:
    if not indices:
        return []
    size = chunksize or max(1, min(64, math.ceil(len(indices) / (8 * workers))))
    return [list(indices[i : i + size]) for i in range(0, len(indices), size)]


class _Progress:
    """A tqdm bar (shown after half a second on a terminal, or always with ``True``)."""

    def __init__(self, total: int, description: str, progress: bool | None) -> None:
        self.bar = None
        if progress is False or total == 0:
            return
        from tqdm.auto import tqdm

        self.bar = tqdm(
            total=total,
            desc=description,
            unit="task",
            delay=0.5 if progress is None else 0.0,
            disable=None if progress is None else False,
        )

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _collect(
    futures: dict[Future[list[ItemOutcome]], list[int]],
    outcomes: list[ItemOutcome | None],
    bar: _Progress,
) -> list[int]:
    """Store each finished chunk's outcomes; return the indices whose worker failed."""
    lost: list[int] = []
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for fut in done:
            indices = futures[fut]
            try:
                for i, outcome in zip(indices, fut.result(), strict=True):
                    outcomes[i] = outcome
            except BrokenExecutor:  # a worker died: retried
                lost.extend(indices)
            except Exception as exc:  # the chunk ran but could not travel (or be run) there
                for i in indices:
                    outcomes[i] = _worker_error(_transfer_message(exc))
            bar.update(len(indices))
    return sorted(lost)


def _transfer_message(exc: BaseException) -> str:
    return (
        f"the executor could not run this task or send its result back ({exc!r}); models "
        "another process cannot import (lambdas, local functions) need executor='serial' or "
        "'threads'"
    )


def _worker_error(exc_text: str) -> ItemOutcome:
    return ItemOutcome(error=WorkerError(exc_text))


def _run_forked_pool(
    task: Callable[[Any], Any],
    items: Sequence[Any],
    indices: list[int],
    outcomes: list[ItemOutcome | None],
    bar: _Progress,
    workers: int,
    chunksize: int | None,
) -> None:
    """Run ``indices`` on forked pools; a chunk lost to a dying worker is retried item by item
    on fresh pools, then recorded as a WorkerError."""
    context = multiprocessing.get_context("fork")
    silent = _Progress(0, "", False)
    for attempt, size in enumerate((chunksize, 1, 1)):
        if not indices:
            return
        # retries run one item per pool: an item that kills its worker loses nothing else
        pool_size = workers if attempt == 0 else 1
        groups = [indices] if attempt < 2 else [[i] for i in indices]
        lost: list[int] = []
        for group in groups:
            try:
                with ProcessPoolExecutor(
                    pool_size,
                    mp_context=context,
                    initializer=_set_forked_job,
                    initargs=(task, items),
                ) as pool:
                    futures = {
                        pool.submit(_run_forked, chunk): chunk
                        for chunk in _chunks(group, pool_size, size)
                    }
                    lost.extend(_collect(futures, outcomes, bar if attempt == 0 else silent))
            except BrokenProcessPool:
                lost.extend(i for i in group if outcomes[i] is None)
        indices = sorted(set(lost))
    for i in indices:
        outcomes[i] = _worker_error(
            "the worker process running this task died (killed, out of memory, or a crash in "
            "compiled code); it was retried on its own and died again"
        )


def _run_executor(
    pool: Executor,
    task: Callable[[Any], Any],
    items: Sequence[Any],
    indices: list[int],
    outcomes: list[ItemOutcome | None],
    bar: _Progress,
    chunksize: int | None,
    workers: int,
) -> None:
    futures = {}
    for chunk in _chunks(indices, workers, chunksize):
        try:
            futures[pool.submit(run_chunk, task, [items[i] for i in chunk])] = chunk
        except Exception as exc:  # e.g. the task cannot be pickled for this executor
            for i in chunk:
                outcomes[i] = _worker_error(f"the executor could not run the task: {exc}")
            bar.update(len(chunk))
    lost = _collect(futures, outcomes, bar)
    for i in lost:  # one retry, item by item; then the failure is the item's
        try:
            outcomes[i] = pool.submit(run_chunk, task, [items[i]]).result()[0]
        except Exception as exc:  # a dead worker again, a broken pool
            outcomes[i] = _worker_error(_transfer_message(exc))


def _run_threads(
    task: Callable[[Any], Any],
    items: Sequence[Any],
    indices: list[int],
    outcomes: list[ItemOutcome | None],
    bar: _Progress,
    chunksize: int | None,
) -> None:
    workers = local_workers()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        recorder = _ThreadWarnings(warnings.showwarning)
        warnings.showwarning = recorder.show
        with ThreadPoolExecutor(workers) as pool:
            futures = {
                pool.submit(recorder.run_chunk, task, [items[i] for i in chunk]): chunk
                for chunk in _chunks(indices, workers, chunksize)
            }
            _collect(futures, outcomes, bar)


def run_tasks(
    task: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    executor: ExecutorSpec = None,
    progress: bool | None = None,
    description: str = "fits",
    chunksize: int | None = None,
) -> list[ItemOutcome]:
    """Apply ``task`` to every item and return the outcomes in input order.

    Parameters
    ----------
    task : callable
        A picklable callable of one item (a module-level function or a frozen dataclass
        instance with ``__call__``) for pools other than ``"serial"`` and ``"threads"``.
    items : sequence
        The items (picklable for executors that ship them; the forked pool inherits them).
    executor : None, str, Executor or dask Client
        See the module documentation.
    progress : bool or None
        A progress bar: ``None`` shows it on a terminal when the batch takes over half a
        second, ``True`` always, ``False`` never.
    description : str
        Label of the progress bar.
    chunksize : int, optional
        Items per unit of work sent to a worker (default: about eight units per worker).

    Raises
    ------
    FitOptionError
        An executor that is none of the accepted kinds.
    """
    n = len(items)
    outcomes: list[ItemOutcome | None] = [None] * n
    kind = _kind(executor)
    bar = _Progress(n, description, progress)
    try:
        indices = list(range(n))
        if kind == "auto":
            indices = _run_auto_head(task, items, outcomes, bar)
            kind = "processes" if indices else "serial"
        if kind == "serial" or (kind == "processes" and not _can_fork()):
            for i in indices:
                outcomes[i] = run_item(task, items[i])
                bar.update(1)
        elif kind == "processes":
            _run_forked_pool(task, items, indices, outcomes, bar, local_workers(), chunksize)
        elif kind == "threads":
            _run_threads(task, items, indices, outcomes, bar, chunksize)
        else:
            given: Any = executor
            pool = given.get_executor(pure=False) if _is_dask_client(given) else given
            _run_executor(
                pool, task, items, indices, outcomes, bar, chunksize, _executor_workers(given)
            )
    finally:
        bar.close()
    return [o if o is not None else _worker_error("the task never ran") for o in outcomes]


def _kind(executor: ExecutorSpec) -> str:
    if executor is None:
        return "auto"
    if isinstance(executor, str):
        if executor not in _NAMED:
            raise FitOptionError(
                f"executor must be one of {', '.join(map(repr, _NAMED))}, a "
                f"concurrent.futures.Executor or a dask.distributed.Client, not {executor!r}"
            )
        return executor
    if isinstance(executor, Executor) or _is_dask_client(executor):
        return "executor"
    raise FitOptionError(
        "executor must be None, 'auto', 'serial', 'threads', 'processes', a "
        f"concurrent.futures.Executor or a dask.distributed.Client, not {type(executor).__name__}"
    )


def _executor_workers(executor: Any) -> int:
    if _is_dask_client(executor):
        return max(1, sum(executor.nthreads().values()))
    return max(1, int(getattr(executor, "_max_workers", local_workers())))


def _run_auto_head(
    task: Callable[[Any], Any],
    items: Sequence[Any],
    outcomes: list[ItemOutcome | None],
    bar: _Progress,
) -> list[int]:
    """Run the first items here (compiling what the workers will inherit), time the second,
    and return the indices left for the pool — none if a pool would not pay off."""
    n = len(items)
    head = min(n, 2)
    elapsed = 0.0
    for i in range(head):
        start = time.perf_counter()
        outcomes[i] = run_item(task, items[i])
        elapsed = time.perf_counter() - start
        bar.update(1)
    rest = list(range(head, n))
    worth = elapsed * len(rest) > _POOL_WORTH_SECONDS and local_workers() > 1 and _can_fork()
    first = outcomes[0]
    if worth and first is not None and first.value is not None:
        worth = _pickles(first.value)  # results of lambda models cannot come back: stay here
    if worth:
        return rest
    for i in rest:
        outcomes[i] = run_item(task, items[i])
        bar.update(1)
    return []
