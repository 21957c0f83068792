"""The fit-option parser."""

from __future__ import annotations

import pytest

from rootfit.errors import FitOptionError, FitWarning
from rootfit.options import MinimizerOptions, parse_fit_options


def test_common_spellings():
    o = parse_fit_options("LQ")
    assert o.likelihood == "poisson" and o.quiet
    assert parse_fit_options("s q n").no_store
    assert parse_fit_options("WL").likelihood == "weighted"
    assert parse_fit_options("LW") == parse_fit_options("WL").__class__(
        **{**parse_fit_options("WL").__dict__, "text": "LW"}
    )
    assert parse_fit_options("LL").likelihood == "poisson"
    assert parse_fit_options("W").unit_errors == 1
    assert parse_fit_options("WW").unit_errors == 2
    assert parse_fit_options("P").pearson == 1
    assert parse_fit_options("PW").pearson == 2 and parse_fit_options("PW").unit_errors == 0
    assert parse_fit_options("WIDTH").bin_volume == 1
    assert parse_fit_options("NORMWIDTH").bin_volume == 2
    assert parse_fit_options("QV").verbose and not parse_fit_options("QV").quiet
    assert parse_fit_options("R+0").use_range and parse_fit_options("R+0").add
    assert parse_fit_options("SERIAL").execution == "serial"


def test_multi_quirk_switches_integral_on():
    o = parse_fit_options("LMULTI")
    assert o.likelihood == "multinomial" and o.integral


def test_graph_words():
    o = parse_fit_options("rob=0.75", target="graph")
    assert o.robust and o.robust_fraction == pytest.approx(0.75)
    assert parse_fit_options("EX0", target="graph").ignore_x_errors
    assert parse_fit_options("WW", target="graph").unit_errors == 1


def test_graph_only_word_on_histogram_is_an_error():
    with pytest.raises(FitOptionError, match="graph fits only"):
        parse_fit_options("EX0")


def test_histogram_letters_on_graph_warn_and_are_ignored():
    with pytest.warns(FitWarning, match="not valid for graphs"):
        o = parse_fit_options("LQ", target="graph")
    assert o.likelihood is None and o.quiet


def test_likelihood_with_pearson_warns():
    with pytest.warns(FitWarning, match="likelihood"):
        o = parse_fit_options("LP")
    assert o.likelihood == "poisson" and o.pearson == 0


@pytest.mark.parametrize("text", ["QZ", "LK", "gaus"])
def test_unknown_letters_are_errors(text):
    with pytest.raises(FitOptionError, match="unknown fit option"):
        parse_fit_options(text)


def test_minimizer_options_defaults_and_validation():
    m = MinimizerOptions.default()
    assert (m.minimizer_type, m.algorithm, m.strategy, m.tolerance) == (
        "Minuit2",
        "Migrad",
        1,
        0.01,
    )
    assert m.call_limit(3) == 1345
    with pytest.raises(FitOptionError, match="strategy"):
        MinimizerOptions(strategy=3)
    with pytest.raises(FitOptionError, match="tolerance"):
        MinimizerOptions(tolerance=0)
    with pytest.raises(FitOptionError, match="error_def"):
        MinimizerOptions(error_def=-1)


def test_an_option_that_is_not_a_string_is_a_clear_error():
    import rootfit as rf

    with pytest.raises(FitOptionError, match="not int"):
        rf.parse_fit_options(1)  # type: ignore[arg-type]
    h = rf.Histogram.from_counts([1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 3.0])
    with pytest.raises(FitOptionError, match="not list"):
        h.fit("pol0", ["Q"])  # type: ignore[arg-type]
