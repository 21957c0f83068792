"""Text of figures: ROOT's ``#`` LaTeX as matplotlib mathtext, and values with their errors.

ROOT titles come from macros and ``.root`` files spelled in TLatex (``m_{#mu#mu} [GeV]``,
``#Delta#phi``, ``E_{T}^{miss}``). :func:`mathtext` turns each word that uses TLatex into a
``$...$`` mathtext piece (known ``#commands`` become ``\\commands``) and leaves the other
words alone; text matplotlib cannot parse (an unknown ``#word``) is returned unchanged, so a
title never breaks a figure. :func:`value_with_error` rounds a value to the precision of its
error (two significant digits of the error, a common power of ten for very large or small
numbers) — the statistics box of a fit.
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["mathtext", "style_context", "value_with_error"]

#: TLatex commands with a mathtext equivalent of a different name.
_RENAMED = {
    "it": "mathit",
    "bf": "mathbf",
    "rm": "mathrm",
    "leq": "leq",
    "geq": "geq",
    "neq": "neq",
    "to": "rightarrow",
    "backslash": "backslash",
    "varepsilon": "varepsilon",
    "dbar": "bar",
}
#: TLatex commands mathtext knows under the same name.
_SAME = set(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega "
    "varphi vartheta ell pm mp times cdot div approx sim equiv propto infty partial nabla "
    "rightarrow leftarrow leftrightarrow Rightarrow Leftarrow uparrow downarrow circ prime "
    "sqrt frac bar hat tilde vec dot ddot sum prod int oint perp parallel in notin subset "
    "cup cap wedge vee forall exists hbar Re Im aleph bullet ldots cdots angle".split()
)
_COMMAND = re.compile(r"#([A-Za-z]+)")
_TEX_WORD = re.compile(r"#|_\{|\^\{|_[A-Za-z0-9]|\^[A-Za-z0-9]")


def _command(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _RENAMED:
        return "\\" + _RENAMED[name]
    if name in _SAME:
        return "\\" + name
    return "\\#" + name


def _math_word(word: str) -> str:
    return "$" + _COMMAND.sub(_command, word).replace("#", "\\#") + "$"


def mathtext(text: str) -> str:
    """``text`` with its TLatex words as matplotlib mathtext.

    Examples
    --------
    >>> mathtext("m_{#mu#mu} [GeV]")
    '$m_{\\\\mu\\\\mu}$ [GeV]'
    >>> mathtext("#Delta#phi (rad)"), mathtext("plain title"), mathtext("#events")
    ('$\\\\Delta\\\\phi$ (rad)', 'plain title', '#events')
    """
    if not text or not _TEX_WORD.search(text):
        return text
    split = _splitline(text)
    if split is not None:  # #splitline{a}{b}: two lines
        return "\n".join(mathtext(part) for part in split)
    words = text.split(" ")
    out = " ".join(_math_word(w) if _TEX_WORD.search(w) else w for w in words)
    return out if _parses(out) else text


def _splitline(text: str) -> tuple[str, str] | None:
    """The two arguments of a leading ``#splitline{a}{b}`` (braces balanced), or None."""
    if not text.startswith("#splitline{"):
        return None
    parts, depth, start = [], 0, len("#splitline")
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
            if depth == 1:
                begin = i + 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                parts.append(text[begin:i])
                if len(parts) == 2:
                    return parts[0], parts[1] + text[i + 1 :]
    return None


def _parses(text: str) -> bool:
    from matplotlib.mathtext import MathTextParser

    try:
        for piece in re.findall(r"\$[^$]*\$", text):
            MathTextParser("path").parse(piece)
    except ValueError:
        return False
    return True


def value_with_error(value: float, error: float) -> str:
    """``value ± error`` with the error to two significant digits and the value to the same
    decimal place; a power of ten is factored out of very large or small numbers; a zero
    error (a fixed parameter) shows the value alone.

    Examples
    --------
    >>> value_with_error(0.123456, 0.0123), value_with_error(1234.6, 56.7)
    ('0.123 ± 0.012', '1235 ± 57')
    >>> value_with_error(2.5e-7, 3.1e-9), value_with_error(3.0, 0.0)
    ('(2.500 ± 0.031)×10⁻⁷', '3 (fixed)')
    """
    if not (math.isfinite(value) and math.isfinite(error)) or error <= 0:
        suffix = " (fixed)" if error == 0 else f" ± {error:.2g}"
        return f"{value:.6g}{suffix}"
    scale = math.floor(math.log10(max(abs(value), error)))
    exponent = scale if abs(scale) >= 5 or (scale <= -4) else 0
    v, e = value / 10**exponent, error / 10**exponent
    decimals = max(1 - math.floor(math.log10(e)), 0)
    body = f"{v:.{decimals}f} ± {e:.{decimals}f}"
    if exponent == 0:
        return body
    return f"({body})×10{_superscript(exponent)}"


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def style_context(style: Any) -> Any:
    """A context applying a figure style while drawing: None (matplotlib's defaults), a
    matplotlib style name or dict, or an experiment style of mplhep (``"ATLAS"``, ``"CMS"``,
    ``"ALICE"``, ``"ROOT"``..., needs mplhep). matplotlib's settings are restored afterwards."""
    import contextlib

    import matplotlib.style

    if style is None:
        return contextlib.nullcontext()
    if isinstance(style, str) and style.isupper():
        from rootfit._optional import require

        mplhep = require("mplhep", feature=f"the {style} style", extra="dev")
        name, style = style, getattr(mplhep.style, style, None)
        if style is None:
            raise ValueError(f"mplhep has no style {name!r}")
    return matplotlib.style.context(style)
