"""The one parser of ROOT fit-option strings (``"LQ"``, ``"S Q N"``, ``"rob=0.75"`` ...).

ROOT's own parser (``ROOT::Fit::FitOptionsMake``) tests the upper-cased string with
"contains", so any letter anywhere switches an option on and unknown letters are ignored.
rootfit reads the string as a sequence of *documented tokens* instead (longest token first,
case-insensitive, blanks ignored) and produces the same flags for every documented spelling.
The differences are deliberate and safer:

* an unknown letter is an error with a did-you-mean, never silently ignored;
* graph-only words (``ROB``, ``EX0``, ``H``, ``T``) on a histogram are an error instead of the
  letter soup ROOT makes of them (``"EX0"`` = X+E+0 on a histogram);
* histogram-only words on a graph (``L``, ``P``, ``I``, ``WIDTH``, ``MULTI``...) are ignored with a
  warning, keeping ROOT's outcome;
* ``MULTI`` switches on the integral option, as ROOT 6.40 does (documented quirk);
* for unbinned data (``target="unbinned"``) the likelihood is implied, ``W``/``WL`` asks for the
  weighted-events correction, and the binned-only options (``P``, ``I``, ``WIDTH``,
  ``NORMWIDTH``, ``MULTI``, ``X``, ``C``) are an error.

The result is a frozen :class:`FitOptions`; nothing else in rootfit looks at option text.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Literal

from rootfit.errors import FitOptionError, FitOptionTypeError, FitWarning, did_you_mean, warn

__all__ = ["FitOptions", "parse_fit_options"]

Target = Literal["histogram", "graph", "unbinned"]

#: Tokens valid for histograms only (longest first where one is a prefix of another).
_HISTOGRAM_WORDS = ("NORMWIDTH", "WIDTH", "MULTITHREAD", "SERIAL", "MULTI")
#: Tokens valid for graphs only.
_GRAPH_WORDS = ("EX0", "ROB")
_LETTERS = frozenset("LWPIUQVXERGMN0+BCFSHT")
_GRAPH_LETTERS = frozenset("HT")
_HISTOGRAM_ONLY_LETTERS = frozenset("LPI")
_BINNED_ONLY = frozenset({"P", "I", "WIDTH", "NORMWIDTH", "MULTI", "X", "C"})
_ROBUST_FRACTION = re.compile(r"(?:ROB|H)=0\.(\d+)")

_ALL_TOKENS = (*_HISTOGRAM_WORDS, *_GRAPH_WORDS, "ROB=0.<digits>", *sorted(_LETTERS))


@dataclass(frozen=True)
class FitOptions:
    """Parsed fit options (the flags of ROOT's ``Foption_t``, with readable names).

    Attributes
    ----------
    text : str
        The option string as given.
    target : {"histogram", "graph", "unbinned"}
        The kind of object the options were parsed for.
    likelihood : {None, "poisson", "weighted", "multinomial", "unbinned"}
        ``L`` / ``WL`` / ``MULTI``; None for least squares; ``"unbinned"`` for event data
        (``"weighted"`` there asks for the weighted-events correction).
    pearson : int
        0 (Neyman), 1 (``P``: expected errors, no weights), 2 (``PW``: with bin weights).
    integral : bool
        ``I``: bin average of the model instead of its value at the centre.
    bin_volume : int
        0, 1 (``WIDTH``: model times bin volume) or 2 (``NORMWIDTH``).
    unit_errors : int
        0, 1 (``W``: all errors 1, empty bins skipped) or 2 (``WW``: empty bins kept).
    minos : bool
        ``E``: Hesse and Minos after the minimization.
    use_range : bool
        ``R``: fit in the function's range.
    gradient, improve, user_fcn, bound, force_minimizer : bool
        ``G``, ``M``, ``U``, ``B``, ``F``.
    quiet, verbose : bool
        ``Q`` / ``V`` (``V`` wins over ``Q``, as in ROOT).
    no_store, no_draw, add, store_result, no_chi2, chi2_for_sparse : bool
        ``N``, ``0``, ``+``, ``S``, ``C``, ``X``.
    robust : bool
        ``ROB`` / ``H`` (graphs): least-trimmed-squares linear fit.
    robust_fraction : float
        Fraction of good points from ``ROB=0.h`` (0 = default).
    ignore_x_errors : bool
        ``EX0`` / ``T`` (graphs).
    execution : {None, "serial", "multithread"}
        ``SERIAL`` / ``MULTITHREAD``.
    """

    text: str = ""
    target: Target = "histogram"
    likelihood: Literal["poisson", "weighted", "multinomial", "unbinned"] | None = None
    pearson: int = 0
    integral: bool = False
    bin_volume: int = 0
    unit_errors: int = 0
    minos: bool = False
    use_range: bool = False
    gradient: bool = False
    improve: bool = False
    user_fcn: bool = False
    bound: bool = False
    force_minimizer: bool = False
    quiet: bool = False
    verbose: bool = False
    no_store: bool = False
    no_draw: bool = False
    add: bool = False
    store_result: bool = False
    no_chi2: bool = False
    chi2_for_sparse: bool = False
    robust: bool = False
    robust_fraction: float = 0.0
    ignore_x_errors: bool = False
    execution: Literal["serial", "multithread"] | None = None


def _tokenize(text: str, target: Target) -> tuple[list[str], float]:
    """Split an upper-cased option string into documented tokens."""
    upper = text.upper().replace(" ", "").replace("\t", "")
    robust_fraction = 0.0
    match = _ROBUST_FRACTION.search(upper)
    if match:
        digits = match.group(1)
        robust_fraction = int(digits) * 10.0 ** (-len(digits))
        upper = upper[: match.start()] + "ROB" + upper[match.end() :]
    tokens: list[str] = []
    i = 0
    while i < len(upper):
        for word in (*_HISTOGRAM_WORDS, *_GRAPH_WORDS):
            if upper.startswith(word, i):
                tokens.append(word)
                i += len(word)
                break
        else:
            char = upper[i]
            if char not in _LETTERS:
                raise FitOptionError(
                    f"unknown fit option '{text[i] if i < len(text) else char}' in {text!r}"
                    f"{did_you_mean(char, _ALL_TOKENS)}; known options: " + " ".join(_ALL_TOKENS)
                )
            tokens.append(char)
            i += 1
    return tokens, robust_fraction


def parse_fit_options(
    text: str | FitOptions | None = "", target: Target = "histogram"
) -> FitOptions:
    """Parse a ROOT fit-option string.

    Parameters
    ----------
    text : str or FitOptions or None
        Option letters and words, any case, blanks allowed (``"LQ"``, ``"S Q N"``).
        A :class:`FitOptions` is returned unchanged.
    target : {"histogram", "graph", "unbinned"}
        The kind of object being fitted; some options exist for one kind only.

    Returns
    -------
    FitOptions

    Raises
    ------
    FitOptionError
        Unknown letters, or a graph-only option used on a histogram.

    Examples
    --------
    >>> parse_fit_options("LQ").likelihood
    'poisson'
    >>> parse_fit_options("wl").likelihood
    'weighted'
    """
    if isinstance(text, FitOptions):
        return text
    if not isinstance(text, str | None):
        raise FitOptionTypeError(f'fit options are a string like "LQ", not {type(text).__name__}')
    if target not in ("histogram", "graph", "unbinned"):
        raise FitOptionError(f"target must be 'histogram', 'graph' or 'unbinned', not {target!r}")
    try:
        options, notes = _parse(text or "", target)
    except FitOptionError as exc:
        hint = _word_hint(text or "")
        if hint:
            raise FitOptionError(f"{exc}; {hint}") from None
        raise
    for note in notes:
        warn(note, FitWarning)
    return options


#: Words people type for an option letter, and what they mean.
_OPTION_WORDS = {
    "likelihood": ("L", "the Poisson likelihood"),
    "loglikelihood": ("L", "the Poisson likelihood"),
    "poisson": ("L", "the Poisson likelihood"),
    "weightedlikelihood": ("WL", "the likelihood of a weighted histogram"),
    "pearson": ("P", "Pearson's χ²"),
    "quiet": ("Q", "quiet"),
    "silent": ("Q", "quiet"),
    "verbose": ("V", "verbose"),
    "store": ("S", "return the full result"),
    "save": ("S", "return the full result"),
    "result": ("S", "return the full result"),
    "nostore": ("N", "do not store the function"),
    "nodraw": ("N", "do not store the function"),
    "range": ("R", "the function's range"),
    "integral": ("I", "the integral of the model over each bin"),
    "integrate": ("I", "the integral of the model over each bin"),
    "minos": ("E", "Hesse and Minos errors"),
    "errors": ("E", "Hesse and Minos errors"),
    "hesse": ("E", "Hesse and Minos errors"),
    "improve": ("M", "improve the minimum"),
    "gradient": ("G", "the model's parameter gradient"),
    "robust": ("ROB", "the robust (LTS) linear fit"),
    "binwidth": ("WIDTH", "the model times the bin width"),
}


def _word_hint(text: str) -> str:
    """``did you mean 'L' (the Poisson likelihood)?`` for an option string that is a word."""
    word = "".join(text.split()).lower()
    if len(word) < 4 or not word.isalpha():
        return ""
    match = difflib.get_close_matches(word, list(_OPTION_WORDS), n=1, cutoff=0.75)
    if not match:
        return ""
    letters, meaning = _OPTION_WORDS[match[0]]
    return f"options are ROOT's letters: did you mean {letters!r} ({meaning})?"


@functools.lru_cache(maxsize=512)
def _parse(text: str, target: Target) -> tuple[FitOptions, tuple[str, ...]]:
    """The options of ``text`` and the warnings they deserve (pure, so cached: a script
    fitting thousands of histograms with the same letters parses them once)."""
    notes: list[str] = []
    tokens, robust_fraction = _tokenize(text, target)
    present = set(tokens)

    if target in ("histogram", "unbinned"):
        wrong = sorted(t for t in present if t in _GRAPH_WORDS or t in _GRAPH_LETTERS)
        if wrong:
            raise FitOptionError(
                f"fit option(s) {', '.join(wrong)} in {text!r} apply to graph fits only"
            )
    if target == "unbinned":
        binned = sorted(present & _BINNED_ONLY)
        if binned:
            raise FitOptionError(
                f"fit option(s) {', '.join(binned)} in {text!r} apply to binned data only, "
                "not to an unbinned fit"
            )
    if target == "graph":
        ignored = sorted(
            t for t in present if t in _HISTOGRAM_WORDS or t in _HISTOGRAM_ONLY_LETTERS
        )
        if ignored:
            notes.append(
                f"fit option(s) {', '.join(ignored)} in {text!r} are not valid for graphs and "
                "are ignored (as ROOT does)"
            )
            present -= set(ignored)

    n_w = tokens.count("W")
    unit_errors = 2 if n_w >= 2 else (1 if n_w == 1 else 0)
    if target == "graph" and unit_errors:
        unit_errors = 1  # on graphs WW acts as W
    likelihood: Literal["poisson", "weighted", "multinomial", "unbinned"] | None = None
    integral = "I" in present
    if "MULTI" in present:
        likelihood = "multinomial"
        integral = True  # ROOT 6.40 quirk: the I of MULTI switches on the integral option
    if "L" in present:
        likelihood = likelihood or "poisson"
        if unit_errors:
            likelihood = "weighted" if likelihood == "poisson" else likelihood
            unit_errors = 0
    if target == "unbinned":
        likelihood = "weighted" if (unit_errors or likelihood == "weighted") else "unbinned"
        unit_errors = 0
    pearson = 0
    if "P" in present:
        pearson = 2 if unit_errors else 1
        unit_errors = 0
    if likelihood and (pearson or "X" in present):
        notes.append(
            f"options P or X cannot be combined with a likelihood fit in {text!r}; "
            "the chi-square option is ignored and a likelihood fit is done (as ROOT does)"
        )
        pearson = 0
    verbose = "V" in present
    execution: Literal["serial", "multithread"] | None = None
    if "SERIAL" in present:
        execution = "serial"
    if "MULTITHREAD" in present:
        execution = "multithread"
    options = FitOptions(
        text=text,
        target=target,
        likelihood=likelihood,
        pearson=pearson,
        integral=integral,
        bin_volume=2 if "NORMWIDTH" in present else (1 if "WIDTH" in present else 0),
        unit_errors=unit_errors,
        minos="E" in present,
        use_range="R" in present,
        gradient="G" in present,
        improve="M" in present,
        user_fcn="U" in present,
        bound="B" in present,
        force_minimizer="F" in present,
        quiet="Q" in present and not verbose,
        verbose=verbose,
        no_store="N" in present,
        no_draw="0" in present,
        add="+" in present,
        store_result="S" in present,
        no_chi2="C" in present,
        chi2_for_sparse="X" in present,
        robust="ROB" in present or "H" in present,
        robust_fraction=robust_fraction,
        ignore_x_errors="EX0" in present or "T" in present,
        execution=execution,
    )
    return options, tuple(notes)
