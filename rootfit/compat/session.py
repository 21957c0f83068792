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
    "current_pad_slot",
    "default_minimizer_options",
    "gDirectory",
    "gPad",
    "gROOT",
    "gStyle",
    "last_fit",
    "point_rejected",
    "reject_point",
    "reset_defaults",
    "set_current_pad",
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


class TStyle:
    """``gStyle``: ``SetOptStat``, ``SetOptFit``, ``SetOptTitle``, ``SetPalette`` and the
    setters macros call for looks (accepted)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """ROOT's defaults."""
        self.opt_stat = 1111
        self.opt_fit = 0
        self.opt_title = 1
        self.palette = "viridis"

    def SetOptStat(self, mode: int | str = 1) -> None:
        self.opt_stat = int(mode) if not isinstance(mode, str) else (1111 if mode else 0)

    def SetOptFit(self, mode: int = 1) -> None:
        self.opt_fit = int(mode)

    def SetOptTitle(self, mode: int = 1) -> None:
        self.opt_title = int(mode)

    def SetPalette(self, number: int = 57, *args: Any) -> None:
        """ROOT's palettes by number: 55/57 (rainbow/bird) map to matplotlib's jet/viridis."""
        self.palette = {1: "jet", 55: "jet", 57: "viridis", 53: "inferno", 56: "inferno_r"}.get(
            int(number), "viridis"
        )

    def GetOptStat(self) -> int:
        return self.opt_stat

    def GetOptFit(self) -> int:
        return self.opt_fit

    def __getattr__(self, name: str) -> Any:
        if name.startswith("Set"):  # SetPadTickX, SetTitleFont... : looks, accepted
            return lambda *args, **kwargs: None
        raise AttributeError(name)


#: ROOT's style: what drawn pads show (statistics and fit boxes, titles, palette).
gStyle = TStyle()


class _CurrentPad:
    """``gPad``: the current pad (a default canvas is made on first use, as ROOT)."""

    def __getattr__(self, name: str) -> Any:
        from rootfit.compat.canvas import current_pad

        return getattr(current_pad(), name)


gPad = _CurrentPad()


def current_pad_slot() -> Any:
    """The current pad, or None."""
    return _defaults.get("pad")


def set_current_pad(pad: Any) -> None:
    """Make ``pad`` the current one (``TCanvas(...)``, ``pad.cd()``)."""
    _defaults["pad"] = pad


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
    _defaults["pad"] = None
    gStyle.reset()
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
