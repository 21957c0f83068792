"""ROOT's process-wide state, in the one module that holds it: ``gROOT``, ``gDirectory``, the default
minimizer options (``ROOT::Math::MinimizerOptions::SetDefault…``, ``TVirtualFitter::
SetDefaultFitter``) that ``TH1::Fit`` and ``ROOT::Fit::Fitter`` copy at each fit, and the
per-thread flag of ``TF1::RejectPoint``.

Nothing outside the façade reads this state: the Pythonic API takes a
:class:`~rootfit.MinimizerOptions` per fit. Ported macros call the setters before ``Fit``; the
façade's ``Fit`` methods pass :func:`default_minimizer_options` on. :func:`reset_defaults`
restores ROOT 6.40's load-time values (tests and long sessions use it).
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from rootfit.compat.collections import MemoryDirectory
from rootfit.options import MinimizerOptions

__all__ = [
    "clear_rejection",
    "default_minimizer_options",
    "gDirectory",
    "gROOT",
    "last_fit",
    "point_rejected",
    "reject_point",
    "reset_defaults",
    "set_default_minimizer_options",
    "set_last_fit",
    "set_user_fcn",
    "user_fcn",
]

#: ROOT's load-time ErrorDef; a default left at this value lets likelihood fits use 0.5.
LOAD_TIME_ERROR_DEF = 1.0


class _ROOTSession:
    """Accepts ROOT's session calls that have no meaning without graphics."""

    def SetBatch(self, batch: bool = True) -> None:
        """No-op: rootfit is always in batch mode."""

    def IsBatch(self) -> bool:
        """Always True."""
        return True


gROOT = _ROOTSession()

#: The current directory: in memory (what ROOT creates by name, e.g. FitSlicesY's histograms).
gDirectory = MemoryDirectory()

_defaults: dict[str, Any] = {"options": MinimizerOptions.default(), "fcn": None}


def default_minimizer_options() -> MinimizerOptions:
    """The current process default (what ``TH1::Fit`` would copy now)."""
    options: MinimizerOptions = _defaults["options"]
    return options


def set_default_minimizer_options(**changes: Any) -> MinimizerOptions:
    """Change the process default (fields of :class:`~rootfit.MinimizerOptions`)."""
    options = dataclasses.replace(default_minimizer_options(), **changes)
    _defaults["options"] = options
    return options


def reset_defaults() -> None:
    """Back to ROOT 6.40's defaults (Minuit2 / Migrad, tolerance 0.01, strategy 1 ...) and an
    empty ``gDirectory``."""
    _defaults["options"] = MinimizerOptions.default()
    _defaults["fcn"] = None
    _defaults["last_fit"] = None
    gDirectory.Clear()


def set_last_fit(result: Any) -> None:
    """Record the result of the façade's last ``Fit`` (what ``TVirtualFitter::GetFitter()``
    answers for)."""
    _defaults["last_fit"] = result


def last_fit() -> Any:
    """The result of the façade's last ``Fit`` (None before any)."""
    return _defaults.get("last_fit")


def set_user_fcn(fcn: Any) -> None:
    """``TVirtualFitter::SetFCN``: the objective that option ``U`` minimises."""
    _defaults["fcn"] = fcn


def user_fcn() -> Any:
    """The objective set by ``TVirtualFitter::SetFCN`` (None if none)."""
    return _defaults["fcn"]


_rejection = threading.local()


def reject_point(reject: bool = True) -> None:
    """``TF1::RejectPoint()``: the point being evaluated (in this thread) is rejected."""
    _rejection.flag = bool(reject)


def point_rejected() -> bool:
    """``TF1::RejectedPoint()``."""
    return bool(getattr(_rejection, "flag", False))


def clear_rejection() -> None:
    """Reset the flag before evaluating a point."""
    _rejection.flag = False
