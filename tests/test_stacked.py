"""Stacked batches (rootfit/batch/stacked.py): many fits of same-binned histograms in one
compiled loop give the ordinary path's results bit for bit, hand back every fit that would
warn or fail, and build each FitResult only when it is read."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import rootfit as rf
from rootfit.batch.rows import ResultRows
from rootfit.batch.stacked import fit_stacked
from rootfit.errors import DataError, EmptyFitDataError
from rootfit.fitter.backends.compiled_migrad import MigradSetup, setup_rows
from rootfit.fitter.parameters import settings_from_state, step_rule
from rootfit.functions import ParameterState
from rootfit.functions.predefined import init_2d_gaus, init_expo, init_gaus
from rootfit.kernels.fused import build_context, build_contexts
from rootfit.kernels.starts import expo_starts, gaus2d_starts, gaus_starts, pairwise_sum


def _hists(n=40, nbins=30, seed=5, events=800):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        h = rf.Histogram(nbins, -4, 4)
        h.fill(rng.normal(rng.uniform(-0.5, 0.5), rng.uniform(0.7, 1.3), events))
        out.append(h)
    return out


def _ordinary(hists, function, option):
    return [rf.fit(h, function, option) for h in hists]


# ---------------------------------------------------------------------------- twins
def test_pairwise_sum_is_numpys_sum_bit_for_bit():
    rng = np.random.default_rng(0)
    for n in [0, 1, 7, 8, 9, 127, 128, 129, 255, 256, 1000, 4099]:
        a = rng.normal(size=n) * 10 ** rng.uniform(-3, 3, size=n)
        assert pairwise_sum(a, 0, n) == np.sum(a)
        if n > 3:
            assert pairwise_sum(a, 2, n - 3) == np.sum(a[2 : n - 1])


def test_gaus_starts_are_init_gaus_bit_for_bit():
    rng = np.random.default_rng(1)
    xs, ys, offsets = [], [], [0]
    for n in [0, 1, 5, 40, 200]:
        x = np.sort(rng.uniform(-3, 3, n))
        y = rng.poisson(50 * np.exp(-0.5 * x**2)).astype(float)
        xs.append(x)
        ys.append(y)
        offsets.append(offsets[-1] + n)
    xs.append(np.linspace(0, 1, 4))
    ys.append(np.zeros(4))  # nothing to start from
    offsets.append(offsets[-1] + 4)
    starts, ok = gaus_starts(np.concatenate(xs), np.concatenate(ys), np.array(offsets))
    for r, (x, y) in enumerate(zip(xs, ys, strict=True)):
        init = init_gaus(x, y)
        assert ok[r] == (init is not None)
        if init is not None:
            assert np.array_equal(starts[r], init[0])


def test_expo_starts_are_init_expo_bit_for_bit():
    rng = np.random.default_rng(11)
    cases = [(np.linspace(0, 5, 30), rng.exponential(10, 30)), (np.array([1.0]), np.array([3.0]))]
    cases.append((np.linspace(0, 1, 5), np.array([0.0, 1.0, 2.0, 3.0, 0.0])))  # zero ends
    cases.append((np.linspace(0, 1, 5), np.zeros(5)))
    cases.append((rng.uniform(0, 3, 20), -rng.uniform(0, 1, 20)))
    xs, ys = [c[0] for c in cases], [c[1] for c in cases]
    offsets = np.concatenate([[0], np.cumsum([x.size for x in xs])])
    starts, ok = expo_starts(np.concatenate(xs), np.concatenate(ys), offsets)
    for r, (x, y) in enumerate(cases):
        init = init_expo(x, y)
        assert ok[r] == (init is not None)
        if init is not None:
            assert np.array_equal(starts[r], init)


def test_gaus2d_starts_are_init_2d_gaus_bit_for_bit():
    rng = np.random.default_rng(12)
    xs, ys, vs = [], [], []
    for n in (1, 6, 40, 300):
        x, y = rng.normal(size=n), rng.normal(size=n)
        xs.append(x)
        ys.append(y)
        vs.append(rng.poisson(20, n).astype(float))
    xs.append(np.zeros(4))
    ys.append(np.linspace(0, 1, 4))
    vs.append(np.ones(4))  # no spread in x: SigmaX from the bin-width guess
    xs.append(np.zeros(3))
    ys.append(np.zeros(3))
    vs.append(np.zeros(3))  # nothing to start from
    offsets = np.concatenate([[0], np.cumsum([x.size for x in xs])])
    starts, ok = gaus2d_starts(*(np.concatenate(a) for a in (xs, ys, vs)), offsets)
    for r, (x, y, v) in enumerate(zip(xs, ys, vs, strict=True)):
        init = init_2d_gaus(x, y, v)
        assert ok[r] == (init is not None)
        if init is not None:
            assert np.array_equal(starts[r], init[0])


def test_contexts_are_build_context_bit_for_bit():
    rng = np.random.default_rng(2)
    counts = np.array([3, 0, 5, 1])
    offsets = np.concatenate([[0], np.cumsum(counts)])
    points = rng.normal(size=(offsets[-1], 2))
    columns = (rng.normal(size=offsets[-1]), rng.normal(size=offsets[-1]))
    flags = np.array([1.0, 2.0, 3.0, 4.0])
    contexts, starts = build_contexts(points, flags, columns, offsets)
    for r in range(counts.size):
        lo, hi = offsets[r], offsets[r + 1]
        one = build_context(points[lo:hi], flags[r], tuple(c[lo:hi] for c in columns))
        assert np.array_equal(contexts[starts[r] : starts[r] + one.size], one)
    with pytest.raises(ValueError):
        build_contexts(points, flags, (columns[0][:-1],), offsets)


def test_settings_on_arrays_are_the_ordinary_rules():
    rng = np.random.default_rng(3)
    names = ("a", "b", "c", "d")
    rows = []
    for _ in range(50):
        state = ParameterState(
            rng.normal(size=4) * rng.choice([0.0, 1.0, 100.0], size=4),
            errors=rng.choice([0.0, 0.2], size=4),
            lower=[-np.inf, 0.0, -np.inf, -5.0],
            upper=[np.inf, 1e6, 3.0, 5.0],
            fixed=[False, False, True, False],
        )
        state = state.replace(
            values=np.clip(state.values, [-np.inf, 0.0, -np.inf, -5.0], [np.inf, 1e6, 3.0, 5.0])
        )
        rows.append(state)
    values = np.array([s.values for s in rows])
    errors = np.array([s.errors for s in rows])
    lower, upper = np.array([s.lower for s in rows]), np.array([s.upper for s in rows])
    steps, outside = step_rule(values, errors, np.zeros(4), lower, upper, rows[0].fixed)
    assert not outside.any()
    setup = setup_rows(values, steps, lower, upper, rows[0].fixed)
    assert setup is not None
    free, bounds, start, step, ext, limited_at = setup
    for r, state in enumerate(rows):
        settings = settings_from_state(names, state)
        assert [s.step for s in settings] == steps[r].tolist()
        one = MigradSetup.from_settings(settings)
        assert np.array_equal(one.free, free) and np.array_equal(one.bounds, bounds[r])
        assert np.array_equal(one.start, start[r]) and np.array_equal(one.steps, step[r])
        assert np.array_equal(one.values, ext[r]) and np.array_equal(one.limited_at, limited_at)


# ---------------------------------------------------------------------------- whole batches
CASES = [
    ("gaus", "Q"),  # χ², InitGaus with its Sigma limits, empty bins skipped
    ("gaus", "LQ"),  # Poisson likelihood
    ("landau", "Q"),
    ("expo", "Q"),  # InitExpo
    ("[0]*exp(-0.5*((x-[1])/[2])^2)", "Q"),  # a formula: no automatic start values
]


@pytest.mark.parametrize("function,option", CASES, ids=[f"{f} {o}" for f, o in CASES])
def test_a_stacked_batch_gives_the_ordinary_results_bit_for_bit(function, option):
    hists = _hists()
    if function.startswith("[0]"):
        f = rf.Function(function)
        f.set_parameters(100.0, 0.1, 1.2)
        function = f
    batch = rf.fit_many(hists, function, option)
    assert isinstance(batch.results, ResultRows)
    ordinary = _ordinary(hists, function, option)
    table = batch.table()
    for i, r in enumerate(ordinary):
        assert table["chi2"][i] == r.chi2 and table["ndf"][i] == r.ndf
        assert np.array_equal(batch.values()[i], r.values.to_numpy())
        assert np.array_equal(batch.parameter_errors()[i], r.errors.to_numpy())
    for i in (0, 7, len(hists) - 1):  # built on demand: the ordinary FitResult
        assert batch[i] == ordinary[i]
        assert np.array_equal(batch[i].covariance, ordinary[i].covariance)
        assert batch[i].ncalls == ordinary[i].ncalls and batch[i].edm == ordinary[i].edm


def test_a_function_with_a_fixed_parameter_is_stacked():
    hists = _hists(n=12)
    f = rf.Function("gaus")
    f.fix(1, 0.0)
    batch = rf.fit_many(hists, f, "Q")
    assert isinstance(batch.results, ResultRows)
    for b, r in zip(batch.results, _ordinary(hists, f, "Q"), strict=True):
        assert b == r and b.errors["Mean"] == 0.0  # fixed


def test_results_are_built_only_when_read_and_pickle_whole():
    hists = _hists(n=20)
    batch = rf.fit_many(hists, "gaus", "Q")
    rows = batch.results
    assert isinstance(rows, ResultRows)
    batch.values(), batch.table(), batch.summary(), batch.invalid
    assert "0 built" in repr(rows)
    restored = pickle.loads(pickle.dumps(batch))
    assert isinstance(restored.results, tuple) and restored.results == tuple(rows)


def test_fits_that_would_warn_or_fail_are_handed_back_with_their_warnings():
    hists = _hists(n=16)
    nan = rf.Histogram(30, -4, 4)
    nan.set_values(np.where(np.arange(30) == 3, np.nan, 5.0))
    empty = rf.Histogram(30, -4, 4)
    sparse = rf.Histogram(30, -4, 4)
    sparse.fill([0.0, 0.0, 0.5, 0.5, 0.5])  # 2 points for 3 parameters
    edge = rf.Histogram(30, -4, 4)
    edge.fill(np.random.default_rng(4).normal(0.0, 5e-3, 500))  # Sigma runs into its limit 0?
    targets = [*hists[:5], nan, empty, sparse, edge, *hists[5:]]
    with pytest.warns(rf.errors.ConvergenceWarning, match="fit_many"):
        batch = rf.fit_many(targets, "gaus", "Q")
    with pytest.warns(rf.errors.ConvergenceWarning, match="fit_many"):
        reference = rf.fit_many(targets, "gaus", "Q", executor="processes")
    assert not isinstance(reference.results, ResultRows)
    assert isinstance(batch.errors[5], DataError) and isinstance(batch.errors[6], EmptyFitDataError)
    assert set(batch.errors) == set(reference.errors) and batch.invalid == reference.invalid
    assert {i: [c for c, _ in w] for i, w in batch.warnings.items()} == {
        i: [c for c, _ in w] for i, w in reference.warnings.items()
    }
    for b, r in zip(batch.results, reference.results, strict=True):
        assert b == r


def test_what_is_not_stacked_runs_the_ordinary_way():
    hists = _hists(n=10)
    assert fit_stacked(hists[:4], "gaus", "Q") is None  # too few to stack
    assert fit_stacked([*hists, rf.Histogram(20, -4, 4)], "gaus", "Q") is None  # binning
    assert fit_stacked(hists, "gaus", "QE") is None  # Hesse asked for
    assert fit_stacked(hists, "pol2", "Q") is None  # the linear fitter
    batch = rf.fit_many(hists, "gaus", "Q", start={"Mean": 0.1})  # keywords but range
    assert not isinstance(batch.results, ResultRows)
    assert rf.fit_many(hists, "gaus", "QE").results == tuple(_ordinary(hists, "gaus", "QE"))


def test_slice_fits_read_the_stacked_columns():
    rng = np.random.default_rng(6)
    h = rf.Histogram(rf.Axis(16, 0, 4), rf.Axis(40, -4, 6), name="h")
    x = rng.uniform(0, 4, 60000)
    h.fill(x, rng.normal(0.5 * np.floor(x), 1.0))
    stacked = h.fit_slices_y()
    ordinary = h.fit_slices_y(executor="processes")
    assert isinstance(stacked.batch.results, ResultRows)
    for name, hist in stacked.histograms.items():
        assert np.array_equal(hist.values(flow=True), ordinary.histograms[name].values(flow=True))
        assert np.array_equal(hist.errors(flow=True), ordinary.histograms[name].errors(flow=True))


def test_results_read_later_are_those_of_the_contents_at_the_call():
    hists = _hists(n=12)
    ordinary = _ordinary(hists, "gaus", "Q")
    batch = rf.fit_many(hists, "gaus", "Q")
    hists[3].fill(np.full(500, 2.5))  # changed after the batch, before its result is read
    assert batch[3] == ordinary[3]
    assert batch[3].cost.data.values.sum() == ordinary[3].cost.data.values.sum()


def test_weighted_zoomed_and_two_dimensional_histograms():
    rng = np.random.default_rng(8)
    weighted = []
    for _ in range(12):
        h = rf.Histogram(30, -4, 4)
        h.fill(rng.normal(0, 1, 600), weights=rng.uniform(0.5, 1.5, 600))
        weighted.append(h)
    for option in ("Q", "LQ"):
        batch = rf.fit_many(weighted, "gaus", option, executor="threads")
        assert batch.results == tuple(_ordinary(weighted, "gaus", option))
    zoomed = _hists(n=12)
    for h in zoomed:
        h.axis.set_range(5, 25)
    batch = rf.fit_many(zoomed, "gaus", "Q", executor="serial")
    assert isinstance(batch.results, ResultRows)
    assert batch.results == tuple(_ordinary(zoomed, "gaus", "Q"))
    assert all(r.n_points <= 21 for r in batch.results)
    planes = []
    for _ in range(10):
        h2 = rf.Histogram(rf.Axis(10, -3, 3), rf.Axis(10, -3, 3))
        h2.fill(rng.normal(0, 1, 2000), rng.normal(0, 1, 2000))
        planes.append(h2)
    for model in ("xygaus", "bigaus"):  # Init2DGaus
        batch = rf.fit_many(planes, model, "Q")
        assert isinstance(batch.results, ResultRows)
        assert batch.results == tuple(_ordinary(planes, model, "Q"))
    with_formula = rf.fit_many(planes, "[0]*exp(-0.5*(x^2+y^2))", "Q")
    assert isinstance(with_formula.results, ResultRows)
    assert with_formula.results == tuple(_ordinary(planes, "[0]*exp(-0.5*(x^2+y^2))", "Q"))


def test_fit_ranges_given_or_from_the_function_are_stacked():
    hists = _hists(n=12)
    batch = rf.fit_many(hists, "gaus", "Q", range=(-2, 2.5))
    assert isinstance(batch.results, ResultRows)
    assert batch.results == tuple(rf.fit(h, "gaus", "Q", range=(-2, 2.5)) for h in hists)
    f = rf.Function("gaus", range=(-1.5, 3))
    batch = rf.fit_many(hists, f, "QR")
    assert isinstance(batch.results, ResultRows)
    assert batch.results == tuple(_ordinary(hists, f, "QR"))
    assert fit_stacked(hists, "gaus", "Q", range=(10, 20)) is None  # outside: every fit warns
    with pytest.warns(rf.errors.ConvergenceWarning, match="12 could not run"):
        outside = rf.fit_many(hists, "gaus", "Q", range=(10, 20))
    assert all(rf.errors.DataWarning in [c for c, _ in w] for w in outside.warnings.values())


def test_stop_on_error_and_tables_of_a_stacked_batch():
    hists = _hists(n=10)
    bad = rf.Histogram(30, -4, 4)
    bad.set_values(np.full(30, np.nan))
    with pytest.raises(DataError):
        rf.fit_many([*hists, bad], "gaus", "Q", stop_on_error=True)
    batch = rf.fit_many(hists, "gaus", "Q")
    table = batch.table()
    assert table.dtype.names[:3] == ("Constant", "Mean", "Sigma")
    assert np.array_equal(table["chi2"], [r.chi2 for r in _ordinary(hists, "gaus", "Q")])
    assert batch.ok and batch.failed == () and len(batch) == 10
    assert batch[-1] == batch.results[9] and len(batch.results[2:5]) == 3
    pytest.importorskip("pandas")
    assert list(batch.to_pandas()["Mean"]) == list(table["Mean"])


@pytest.mark.parametrize("option", ["Q", "LQ"])
def test_random_batches_with_awkward_histograms_equal_the_ordinary_fits(option):
    import warnings

    rng = np.random.default_rng(21)
    hists = []
    for k in range(48):
        h = rf.Histogram(24, -3, 3)
        kind = k % 6
        if kind == 0:  # a few entries
            h.fill(rng.normal(0, 1, int(rng.integers(1, 12))))
        elif kind == 1:  # weighted, some weights negative
            h.fill(rng.normal(0, 1, 300), weights=rng.normal(1.0, 0.8, 300))
        elif kind == 2:  # narrow: Sigma near its lower limit, bins mostly empty
            h.fill(rng.normal(0.1, 0.02, 200))
        elif kind == 3:  # shifted to the edge of the window
            h.fill(rng.normal(2.8, 0.6, 500))
        elif kind == 4:  # flat
            h.fill(rng.uniform(-3, 3, 400))
        else:
            h.fill(rng.normal(rng.uniform(-1, 1), rng.uniform(0.5, 1.5), 800))
        hists.append(h)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        batch = rf.fit_many(hists, "gaus", option)
    assert isinstance(batch.results, ResultRows)
    for i, h in enumerate(hists):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                expected = rf.fit(h, "gaus", option)
            except rf.errors.RootfitError as error:
                assert type(batch.errors[i]) is type(error)
                continue
        assert batch[i] == expected, i
        assert np.array_equal(batch[i].covariance, expected.covariance)
        assert sorted(c.__name__ for c, _ in batch.warnings.get(i, [])) == sorted(
            w.category.__name__ for w in caught
        ), i
