"""The ``rootfit`` command, file reading and the .root round trip."""

from __future__ import annotations

import numpy as np
import pytest

import rootfit as rf
from rootfit.cli import main
from rootfit.errors import DataError
from rootfit.io import read_histogram, read_root_histogram, write_root


def test_demo_then_fit_root_file_with_plot(tmp_path, capsys):
    out = tmp_path / "hsimple.root"
    assert main(["demo", "--out", str(out)]) == 0
    png = tmp_path / "fit.png"
    assert main(["fit", f"{out}:hpx", "gaus", "--plot", str(png)]) == 0
    text = capsys.readouterr().out
    assert "Minimizer is Minuit2 / Migrad" in text and "Sigma" in text
    assert png.stat().st_size > 10_000
    h = read_root_histogram(out, "hpx")
    assert h.entries == 25000 and h.axis.nbins == 100 and h.title == "This is the px distribution"
    assert abs(h.mean()) < 0.02 and abs(h.std() - 1) < 0.02


def test_fit_npz_and_text_and_options(tmp_path, capsys):
    rng = np.random.default_rng(5)
    counts, edges = np.histogram(rng.exponential(2.0, 5000), bins=40, range=(0, 10))
    npz = tmp_path / "decay.npz"
    np.savez(npz, counts=counts, edges=edges)
    assert main(["fit", str(npz), "expo", "--option", "L", "--range", "0.5", "8"]) == 0
    assert "MinFCN" in capsys.readouterr().out
    txt = tmp_path / "values.txt"
    txt.write_text("# gaussian values\n" + "\n".join(f"{v:.6f}" for v in rng.normal(1, 2, 2000)))
    assert main(["fit", str(txt), "gaus", "--bins", "50"]) == 0
    assert "Mean" in capsys.readouterr().out


def test_cli_reports_bad_input(tmp_path, capsys):
    assert main(["fit", str(tmp_path / "missing.npz"), "gaus"]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_text("1.0\nabc\n")
    assert main(["fit", str(bad), "gaus"]) == 2
    assert "not a number" in capsys.readouterr().err
    ok = tmp_path / "ok.txt"
    ok.write_text("\n".join(str(v) for v in np.linspace(0, 1, 50)))
    assert main(["fit", str(ok), "gauss"]) == 2
    assert "did you mean 'gaus'" in capsys.readouterr().err
    assert main(["fit", str(ok), "gaus", "--option", "Z"]) == 2
    assert "unknown fit option" in capsys.readouterr().err


def test_root_round_trip_keeps_everything(tmp_path):
    h = rf.Histogram(edges=[0.0, 0.5, 1.5, 3.0, 5.0], name="hv", title="variable")
    h.fill([0.2, 0.7, 1.0, 2.0, 4.0, 6.0], weights=[1.0, 2.0, 0.5, 1.5, 3.0, 1.0])
    path = tmp_path / "h.root"
    write_root(path, {"hv": h})
    back = read_root_histogram(path)
    np.testing.assert_allclose(back.values(flow=True), h.values(flow=True))
    np.testing.assert_allclose(back.variances(flow=True), h.variances(flow=True))
    np.testing.assert_allclose(back.axis.edges, h.axis.edges)
    assert (back.name, back.title, back.entries) == ("hv", "variable", h.entries)
    assert back.mean() == pytest.approx(h.mean()) and back.std() == pytest.approx(h.std())


def test_read_histogram_errors(tmp_path):
    np.savez(tmp_path / "a.npz", y=np.arange(3))
    with pytest.raises(DataError, match="no histogram"):
        read_histogram(str(tmp_path / "a.npz"))
    write_root(tmp_path / "two.root", {"a": rf.Histogram(2, 0, 1), "b": rf.Histogram(2, 0, 1)})
    with pytest.raises(DataError, match="say which"):
        read_histogram(str(tmp_path / "two.root"))
    with pytest.raises(DataError, match="no object 'c'"):
        read_histogram(str(tmp_path / "two.root") + ":c")


def test_cli_start_fix_limit_and_version(tmp_path, capsys):
    out = tmp_path / "hsimple.root"
    main(["demo", "--out", str(out)])
    capsys.readouterr()
    args = ["fit", f"{out}:hpx", "gaus", "--start", "Mean=0.1", "--fix", "Sigma=1.0"]
    assert main([*args, "--limit", "Constant=0:"]) == 0
    text = capsys.readouterr().out
    assert "(fixed)" in text and "(limited)" in text
    assert main(["fit", f"{out}:hpx", "gaus", "--fix", "Sigma"]) == 0
    assert "(fixed)" in capsys.readouterr().out
    for bad in (["--limit", "Sigma=1"], ["--start", "Mean"], ["--fix", "Sigma", "--fix", "Mean=0"]):
        assert main(["fit", f"{out}:hpx", "gaus", *bad]) == 2
        assert "rootfit: error:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0 and capsys.readouterr().out.startswith("rootfit ")


@pytest.mark.parametrize(
    ("word", "letters"), [("likelihood", "'L'"), ("quiet", "'Q'"), ("Minos", "'E'")]
)
def test_option_words_get_a_did_you_mean(word, letters):
    h = rf.Histogram(10, 0, 1)
    h.fill(np.random.default_rng(1).uniform(size=100))
    with pytest.raises(rf.errors.FitOptionError, match=f"did you mean {letters}"):
        rf.fit(h, "gaus", word)
