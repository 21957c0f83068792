"""The batch runner: every executor gives the same results in input order; failures are kept
per item (a raising task, a dying worker); tables and progress."""

from __future__ import annotations

import os
import pickle
import warnings
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context

import numpy as np
import pytest

import rootfit as rf
from rootfit.batch import BatchResult, run_tasks
from rootfit.errors import ConvergenceWarning, DataWarning, FitOptionError, WorkerError

EXECUTORS = ["serial", "threads", "processes", None, "auto"]


def square_or_fail(x: int) -> int:
    if x == 3:
        raise ValueError("three is not allowed")
    if x == 5:
        rf.errors.warn("five is suspicious", DataWarning)
    return x * x


def die_on_seven(x: int) -> int:
    if x == 7:
        os._exit(13)  # a worker killed mid-task (out of memory, a crash in compiled code)
    return x + 1


def histograms(n: int = 12, seed: int = 4) -> list[rf.Histogram]:
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        h = rf.Histogram(30, -4, 4)
        h.fill(rng.normal(0.1 * k - 0.5, 1.0, 800))
        out.append(h)
    return out


@pytest.mark.parametrize("executor", EXECUTORS)
def test_outcomes_come_back_in_order_with_errors_and_warnings(executor):
    outcomes = run_tasks(square_or_fail, list(range(40)), executor=executor, chunksize=3)
    assert [o.value for o in outcomes if o.error is None] == [x * x for x in range(40) if x != 3]
    assert isinstance(outcomes[3].error, ValueError) and "three" in str(outcomes[3].error)
    assert outcomes[5].warnings == ((DataWarning, "five is suspicious"),)


@pytest.mark.parametrize("executor", EXECUTORS)
def test_fit_many_is_identical_on_every_executor(executor):
    hs = histograms()
    serial = rf.fit_many(hs, "gaus", "Q", executor="serial")
    other = rf.fit_many(hs, "gaus", "Q", executor=executor)
    np.testing.assert_array_equal(other.values(), serial.values())
    np.testing.assert_array_equal(other.parameter_errors(), serial.parameter_errors())
    assert [r.ncalls for r in other.results] == [r.ncalls for r in serial.results]


def test_user_executors_and_their_pickling():
    hs = histograms(6)
    serial = rf.fit_many(hs, "gaus", executor="serial")
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        spawned = rf.fit_many(hs, rf.Function("gaus"), executor=pool, chunksize=2)
    np.testing.assert_array_equal(spawned.values(), serial.values())
    assert spawned.results[0].cost is not None  # results come back with their cost
    with ThreadPoolExecutor(2) as pool:
        assert rf.fit_many(hs, "gaus", executor=pool).ok
    # a model another process cannot import is recorded per item, nothing is lost
    local = rf.Function(lambda x, a, b: a + b * x)
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        with pytest.warns(ConvergenceWarning, match="0 of 2 fits valid"):
            batch = rf.fit_many(hs[:2], local, executor=pool)
    assert all(isinstance(e, WorkerError) for e in batch.errors.values())


def test_a_dying_worker_loses_only_its_own_item():
    outcomes = run_tasks(die_on_seven, list(range(20)), executor="processes", chunksize=4)
    assert [o.value for i, o in enumerate(outcomes) if i != 7] == [
        x + 1 for x in range(20) if x != 7
    ]
    assert isinstance(outcomes[7].error, WorkerError) and "died" in str(outcomes[7].error)


def test_bad_executors_are_named():
    with pytest.raises(FitOptionError, match="'serial'"):
        run_tasks(abs, [1], executor="dask")
    with pytest.raises(FitOptionError, match="not int"):
        run_tasks(abs, [1], executor=4)


def test_batch_table_and_frame():
    hs = histograms(4)
    hs.insert(2, rf.Histogram(30, -4, 4))  # empty: cannot be fitted
    with pytest.warns(ConvergenceWarning, match="indices 2: EmptyFitDataError"):
        batch = rf.fit_many(hs, "gaus", "Q", executor="serial")
    table = batch.table()
    assert table.dtype.names == (
        "Constant", "Mean", "Sigma", "Constant_error", "Mean_error", "Sigma_error",
        "chi2", "ndf", "min_fcn", "status", "valid", "error",
    )  # fmt: skip
    assert np.isnan(table["Mean"][2]) and table["status"][2] == -1 and not table["valid"][2]
    assert table["error"][2].startswith("EmptyFitDataError")
    assert table["Mean"][0] == batch.results[0].values["Mean"]
    assert table["ndf"][0] == batch.results[0].ndf and table["valid"][[0, 1, 3, 4]].all()
    frame = batch.to_pandas()
    assert list(frame.columns) == list(table.dtype.names) and len(frame) == 5
    assert batch[0] is batch.results[0]
    assert pickle.loads(pickle.dumps(batch)).summary() == batch.summary()


def test_stop_on_error_raises_the_first_error_after_the_batch():
    hs = histograms(3)
    hs.insert(1, rf.Histogram(30, -4, 4))
    with pytest.raises(rf.errors.EmptyFitDataError):
        rf.fit_many(hs, "gaus", stop_on_error=True, executor="processes")


def test_progress_bar_counts_every_task(capsys):
    run_tasks(square_or_fail, list(range(10)), executor="serial", progress=True, description="sq")
    err = capsys.readouterr().err
    assert "sq" in err and "10/10" in err
    run_tasks(square_or_fail, list(range(10)), executor="serial", progress=False)
    assert capsys.readouterr().err == ""


def test_an_empty_batch():
    assert run_tasks(abs, [], executor="processes") == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(BatchResult.from_outcomes([])) == 0


def test_profiles_and_surfaces_are_the_same_on_every_executor():
    from rootfit.intervals import profile, surface

    r = rf.fit(histograms(1)[0], "gaus", "L")
    serial = profile(r, "Mean", size=9, executor="serial")
    forked = profile(r, "Mean", size=9, executor="processes")
    np.testing.assert_array_equal(forked.statistic, serial.statistic)
    grid = surface(r, "Mean", "Sigma", size=(5, 6), reoptimize=True, executor="serial")
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        shipped = surface(r, "Mean", "Sigma", size=(5, 6), reoptimize=True, executor=pool)
    np.testing.assert_array_equal(shipped.statistic, grid.statistic)
    assert grid.valid.all() and np.nanmin(grid.delta) >= -1e-6


def test_a_users_pool_broken_by_a_dying_worker_records_instead_of_raising():
    with ProcessPoolExecutor(1, mp_context=get_context("fork")) as pool:
        outcomes = run_tasks(die_on_seven, list(range(10)), executor=pool, chunksize=1)
    assert [o.value for o in outcomes[:7]] == list(range(1, 8))
    assert isinstance(outcomes[7].error, WorkerError)
    assert all(o.error is None or isinstance(o.error, WorkerError) for o in outcomes)


def test_models_another_process_cannot_import_stay_in_this_process():
    rng = np.random.default_rng(8)
    hs = []
    for _ in range(200):
        h = rf.Histogram(30, -4, 4)
        h.fill(rng.normal(0.0, 1.0, 800))
        hs.append(h)
    f = rf.Function(lambda x, c, m, s: c * np.exp(-0.5 * ((x - m) / s) ** 2))
    start = {"c": 40.0, "m": 0.0, "s": 1.0}
    assert rf.fit_many(hs, f, "Q", start=start).ok  # auto: results could not come back, so here
    with pytest.warns(ConvergenceWarning):
        forked = rf.fit_many(hs[:3], f, "Q", start=start, executor="processes")
    assert all("executor='serial'" in str(e) for e in forked.errors.values())


def warn_own_number(x: int) -> int:
    import time

    rf.errors.warn(f"item {x}", DataWarning)
    time.sleep(0.001)  # let the threads interleave
    rf.errors.warn(f"item {x} again", DataWarning)
    return x


def test_thread_pools_file_each_warning_under_its_own_item():
    outcomes = run_tasks(warn_own_number, list(range(60)), executor="threads", chunksize=1)
    for i, o in enumerate(outcomes):
        assert o.warnings == ((DataWarning, f"item {i}"), (DataWarning, f"item {i} again"))
