"""Dask: batches on a LocalCluster give the in-process answers; a chunked unbinned fit gives the
in-memory fit. The cluster runs processes on this machine, on loopback only, and is shut down
by the fixture."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import rootfit as rf
from rootfit.errors import DataError

distributed = pytest.importorskip("distributed")
da = pytest.importorskip("dask.array")


@pytest.fixture(scope="module")
def client():
    from rootfit.executors import local_dask_client

    c = local_dask_client(2)
    yield c
    c.close()


def histograms(n: int = 10) -> list[rf.Histogram]:
    rng = np.random.default_rng(21)
    out = []
    for k in range(n):
        h = rf.Histogram(30, -4, 4)
        h.fill(rng.normal(0.05 * k, 1.0, 600))
        out.append(h)
    return out


def events(n: int = 200_000, seed: int = 303) -> np.ndarray:
    """W3's mixture: a truncated Gaussian and a truncated exponential on [0, 10]."""
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(4.0, 0.6, n // 5), rng.exponential(1 / 0.35, 4 * n // 5)])
    return rng.permutation(x[(x > 0) & (x < 10)])


MODEL = "gausn(0)+[3]*0.35*exp(-0.35*x)"  # a yield-normalised Gaussian plus a background yield


def test_fit_many_on_a_cluster_is_the_in_process_batch(client):
    hs = histograms()
    local = rf.fit_many(hs, "gaus", "L", executor="serial")
    remote = rf.fit_many(hs, "gaus", "L", executor=client)
    np.testing.assert_array_equal(remote.values(), local.values())
    assert remote.ok and [r.ncalls for r in remote.results] == [r.ncalls for r in local.results]


def test_toys_and_surfaces_on_a_cluster(client):
    from rootfit.intervals import surface

    r = rf.fit(histograms(1)[0], "gaus", "L")
    np.testing.assert_array_equal(
        r.toys(12, np.random.default_rng(5), executor=client).values(),
        r.toys(12, np.random.default_rng(5), executor="serial").values(),
    )
    grid = dict(size=(4, 5), reoptimize=True)
    np.testing.assert_array_equal(
        surface(r, "Mean", "Sigma", executor=client, **grid).statistic,
        surface(r, "Mean", "Sigma", executor="serial", **grid).statistic,
    )


def test_slices_on_a_cluster(client):
    rng = np.random.default_rng(2)
    h = rf.Histogram(rf.Axis(6, 0, 6), rf.Axis(30, -4, 6), name="h")
    x = rng.uniform(0, 6, 30000)
    h.fill(x, rng.normal(0.3 * x, 1.0))
    a, b = h.fit_slices_y(executor=client), h.fit_slices_y(executor="serial")
    np.testing.assert_array_equal(a["Mean"].values(flow=True), b["Mean"].values(flow=True))


@pytest.mark.parametrize("extended", [True, False])
def test_chunked_unbinned_fit_is_the_in_memory_fit(client, extended):
    x = events()
    chunked = rf.ChunkedEvents(da.from_array(x, chunks=40_000), client=client)
    assert chunked.size == x.size and chunked.nchunks == 5 and not chunked.weighted
    start = {"p0": 0.2 * x.size, "p1": 4.2, "p2": 0.5, "p3": 0.8 * x.size}
    kw = dict(range=(0, 10), start=start)
    if extended:
        kw["extended"] = True
    else:
        kw["normalize"] = True
    memory = rf.fit(x, MODEL, **kw)
    remote = rf.fit(chunked, MODEL, **kw)
    assert memory.valid and remote.valid
    # the same sums in another order: the same minimum to a small fraction of the errors
    free = memory.errors.to_numpy() > 0
    diff = np.abs(remote.values.to_numpy() - memory.values.to_numpy())[free]
    assert np.all(diff < 1e-3 * memory.errors.to_numpy()[free])
    np.testing.assert_allclose(remote.errors.to_numpy(), memory.errors.to_numpy(), rtol=1e-3)
    assert remote.min_fcn == pytest.approx(memory.min_fcn, rel=1e-9)
    # the result keeps its cost here; pickled it drops it (the events stay in the cluster)
    assert remote.cost is not None and pickle.loads(pickle.dumps(remote)).cost is None


def test_chunked_events_cost_gradient_and_fumili_terms_match_memory(client):
    x = events(60_000)
    model = rf.Function("gausn")
    memory = rf.UnbinnedNLL(x, model, normalize=True, range=(1, 8))
    chunked = rf.UnbinnedNLL(
        rf.ChunkedEvents(da.from_array(x, chunks=7_000), range=(1, 8), client=client),
        model,
        normalize=True,
    )
    p = np.array([1.0, 4.1, 0.7])
    assert chunked(p) == pytest.approx(memory(p), rel=1e-12)
    np.testing.assert_allclose(chunked.gradient(p), memory.gradient(p), rtol=1e-10)
    for a, b in zip(chunked.gauss_newton(p), memory.gauss_newton(p), strict=True):
        # entries of the cancelling Constant are rounding noise: compare on the matrix's scale
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12 * np.max(np.abs(b)))


def test_weighted_ranged_and_two_dimensional_chunked_events(client):
    rng = np.random.default_rng(8)
    x = rng.normal(0.3, 1.0, 30_000)
    w = rng.uniform(0.5, 1.5, x.size)
    memory = rf.UnBinData(x, w, range=(-2, 3))
    chunked = rf.ChunkedEvents(
        da.from_array(x, chunks=8_000), da.from_array(w, chunks=8_000), range=(-2, 3), client=client
    )
    assert chunked.size == memory.size and chunked.weighted
    assert chunked.sum_of_weights == pytest.approx(memory.sum_of_weights, rel=1e-12)
    assert chunked.sum_of_weights2 == pytest.approx(memory.sum_of_weights2, rel=1e-12)
    assert chunked.extent(0) == memory.extent(0)
    np.testing.assert_array_equal(chunked.head(10), memory.head(10))
    edges = [np.linspace(-2, 3, 11)]
    np.testing.assert_allclose(chunked.histogram(edges), memory.histogram(edges), rtol=1e-12)
    kw = dict(normalize=True)
    a = rf.fit(memory, "gausn", "WL", **kw)
    b = rf.fit(chunked, "gausn", "WL", **kw)  # the weight correction sums w² on the workers
    np.testing.assert_allclose(b.errors.to_numpy(), a.errors.to_numpy(), rtol=1e-4)
    scattered = rf.ChunkedEvents(x, w, range=(-2, 3), client=client, chunks=7_000)
    assert scattered.nchunks == 5 and scattered.size == memory.size
    c = rf.fit(scattered, "gausn", "WL", **kw)  # numpy pieces: other chunks, same fit
    np.testing.assert_allclose(c.values.to_numpy(), b.values.to_numpy(), rtol=1e-7)
    xy = rng.normal(size=(20_000, 2))
    grid = rf.ChunkedEvents(da.from_array(xy, chunks=(5_000, 1)), client=client)
    assert grid.ndim == 2 and grid.nchunks == 4
    np.testing.assert_array_equal(grid.head(3), xy[:3])
    assert rf.ChunkedEvents(xy, client=client, chunks=6_000).extent(1) == grid.extent(1)


def test_bad_chunked_events_say_what_is_wrong(client):
    x = events(10_000)
    x[1234] = np.nan
    with pytest.raises(DataError, match="event 1234 has a non-finite"):
        rf.ChunkedEvents(da.from_array(x, chunks=3_000), client=client)
    dropped = rf.ChunkedEvents(da.from_array(x, chunks=3_000), client=client, nan_policy="omit")
    assert dropped.size == x.size - 1
    with pytest.raises(DataError, match="weights have shape"):
        rf.ChunkedEvents(da.from_array(x), np.ones(3), client=client)
    with pytest.raises(DataError, match="weights have shape"):
        rf.ChunkedEvents(x, np.ones(3), client=client)
    with pytest.raises(DataError, match="non-finite"):
        rf.ChunkedEvents(x, client=client, chunks=4_000)
    with pytest.raises(DataError, match="events"):
        rf.ChunkedEvents(np.array(["a", "b"]), client=client)
    with pytest.raises(DataError, match="Dask cluster"):
        rf.ChunkedEvents(da.from_array(x))  # no client given and none is the default
    with pytest.raises(TypeError, match="do not pickle"):
        pickle.dumps(dropped)


def test_a_clients_executor_and_a_dask_array_given_to_fit(client):
    hs = histograms(4)
    a = rf.fit_many(hs, "gaus", executor=client.get_executor())
    np.testing.assert_array_equal(a.values(), rf.fit_many(hs, "gaus", executor="serial").values())
    x = events(50_000)
    with client.as_current():  # a dask array becomes ChunkedEvents on the current client
        r = rf.fit(da.from_array(x, chunks=12_500), "gausn", range=(2, 6), normalize=True)
    local = rf.fit(x, "gausn", range=(2, 6), normalize=True)
    np.testing.assert_allclose(r.values.to_numpy(), local.values.to_numpy(), rtol=1e-6)
