"""ROOT-identical text rendering of a :class:`FitResult` (``FitResult::Print``, spec §5.2).

Numbers use C++ stream defaults: ``%g`` with 6 significant digits for values, 5 for matrices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from rootfit.result.fit_result import FitResult

__all__ = ["format_g", "render_result"]


def format_g(value: float, digits: int = 6) -> str:
    """C++ ``ostream << double`` with ``precision(digits)``."""
    if np.isnan(value):
        return "nan" if not np.signbit(value) else "-nan"
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.{digits}g}"


def _label(text: str) -> str:
    return f"{text:<25} = "


def render_result(result: FitResult, verbose: bool = False) -> str:
    """Text of ``Print()`` (``verbose``: ``Print("V")``)."""
    if result.npar == 0:
        return f"Empty FitResult (status = {result.status})\n"
    lines = ["*" * 40]
    if not result.valid:
        lines.append(f"         Invalid FitResult  (status = {result.status} )")
        lines.append("*" * 40)
    linear = "Linear" in result.minimizer
    lines.append(f"Minimizer is {result.minimizer}")
    if result.min_fcn != result.chi2 or result.chi2 < 0:
        lines.append(_label("MinFCN") + f"{format_g(result.min_fcn):>12}")
    if result.chi2 >= 0:
        lines.append(_label("Chi2") + f"{format_g(result.chi2):>12}")
    lines.append(_label("NDf") + f"{result.ndf:>12}")
    if not linear and result.edm >= 0:
        lines.append(_label("Edm") + f"{format_g(result.edm):>12}")
    if not linear:
        lines.append(_label("NCalls") + f"{result.ncalls:>12}")
    for i, name in enumerate(result.parameter_names):
        line = _label(name) + f"{format_g(result.values[i]):>12}"
        if result.fixed[i]:
            line += " " * 21 + " \t (fixed)"
        else:
            if "Robust" not in result.minimizer:  # robust fits have no errors (ROOT)
                line += f"   +/-   {format_g(result.errors[i]):<12}"
            if name in result.minos:
                lo, up = result.minos[name]
                line += f"  {format_g(lo):<12} +{format_g(up):<12} (Minos) "
            if result.bounds[i] is not None:
                line += " \t (limited)"
        lines.append(line)
    text = "\n".join(lines) + "\n"
    if verbose and result.valid and result.cov_status != -1 and result.nfree > 0:
        text += _matrix("Covariance Matrix", result, result.covariance)
        text += _matrix("Correlation Matrix", result, result.correlation)
    return text


def _matrix(title: str, result: FitResult, matrix: np.ndarray) -> str:
    free = [i for i in range(result.npar) if not result.fixed[i]]
    out = f"\n{title}:\n\n"
    out += " " * 12 + "\t" + "".join(f"{result.parameter_names[i]:>12}" for i in free) + "\n"
    for i in free:
        out += f"{result.parameter_names[i]:<12}\t"
        out += "".join(f"{format_g(matrix[i, j], 5):>12}" for j in free) + "\n"
    return out
