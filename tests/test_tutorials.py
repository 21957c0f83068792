"""The tutorials run and (where ROOT has numbers for them) agree with ROOT."""

from __future__ import annotations

import importlib.util
import pathlib

import numpy as np
import pytest
from conftest import FITS

TUTORIALS = pathlib.Path(__file__).resolve().parent.parent / "tutorials"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, TUTORIALS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_multifit_agrees_with_root(tmp_path):
    ref = FITS["multifit"]
    tutorial = load("multifit")
    assert tutorial.X == ref["x"]
    h, results = tutorial.multifit(quiet=True)
    for r, rref in zip(results, ref["fits"], strict=True):
        assert r.Ndf() == rref["ndf"] and r.result.n_points == rref["n_points"]
        assert r.Chi2() == pytest.approx(rref["chi2"], rel=1e-4)
        for i in range(r.NPar()):
            assert abs(r.Parameter(i) - rref["values"][i]) <= 1e-3 * rref["errors"][i] + 1e-6 * abs(
                rref["values"][i]
            )
            assert r.ParError(i) == pytest.approx(rref["errors"][i], rel=2e-3)
    assert len(h.GetListOfFunctions()) == ref["n_functions"]
    tutorial.main(str(tmp_path))
    assert (tmp_path / "multifit.png").exists()


def test_fit_histogram_tutorial(capsys):
    results = load("fit_histogram").main()
    assert all(r.valid for r in results.values())
    assert "Minos interval of Sigma" in capsys.readouterr().out


GUIDES = [
    "inspect_errors",
    "sherpa_covar_conf",
    "lmfit_conf_interval",
    "for_other_users",
]


@pytest.mark.parametrize("name", GUIDES)
def test_guide_tutorials_run_and_write_their_figures(name, tmp_path, capsys):
    load(name).main(str(tmp_path), fast=True)
    assert capsys.readouterr().out
    if name != "for_other_users":
        assert list(tmp_path.glob("*.png")), "no figure written"


def test_the_guides_agree_with_what_they_say():
    means = load("for_other_users").main(fast=True)
    assert means["hist"] == pytest.approx(means["ROOT"], abs=1e-6)
    assert means["iminuit"] == pytest.approx(means["ROOT"], abs=1e-4)
    assert means["lmfit"] == pytest.approx(means["ROOT"], abs=0.01)
    study = load("sherpa_covar_conf").main(fast=True)
    low, high = study["conf"]["Sigma"]
    assert high > -low  # the width's profile interval is asymmetric, covar's is not


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(TUTORIALS.glob("*.py")), ids=lambda p: p.stem)
def test_every_tutorial_runs_as_a_script(path, tmp_path):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]


def test_the_pythonic_starred_tutorials_find_their_truths(tmp_path):
    results = load("pythonic_fits").main(str(tmp_path), fast=True)
    assert all(r.valid for r in results.values())
    assert results["FittingDemo"].chi2 == pytest.approx(58.93, abs=0.01)  # ROOT's χ² for it
    assert results["fitConvolution"].values["s"] == pytest.approx(-0.3, abs=0.01)
    assert results["fitNormSum"].values["Mean"] == pytest.approx(3.0, abs=0.03)
    assert results["graph2dfit"].values["p1"] == pytest.approx(1.0, abs=0.01)
    assert len(list(tmp_path.glob("*.png"))) == 7


def test_more_pythonic_starred_tutorials_find_their_truths(tmp_path):
    results = load("pythonic_fits2").main(str(tmp_path), fast=True)
    assert all(r.valid for r in results.values())
    np.testing.assert_allclose(results["fitLinear"].values.to_numpy(), [1, 2, 0, -0.5], atol=0.05)
    np.testing.assert_allclose(results["fitLinearRobust"].values.to_numpy(), [1, 1, 1, 1], atol=0.3)
    assert results["fitExclude"].chi2 / results["fitExclude"].ndf < 2
    combined = results["combinedFit"]
    assert combined.values["slope"] == pytest.approx(-0.05, abs=0.002)
    assert combined.values["p3"] == pytest.approx(30.0, abs=1.0)
    assert len(list(tmp_path.glob("*.png"))) == 5
