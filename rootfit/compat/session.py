"""ROOT's process-wide state, in the one module that holds it: ``gROOT`` and its list of
functions, ``gDirectory``, the default
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
import re
import threading
import weakref
from collections.abc import Iterator
from typing import Any

from rootfit.compat.collections import MemoryDirectory
from rootfit.compat.tminuit import LastFitMinuit
from rootfit.compat.utilities import TBenchmark
from rootfit.options import MinimizerOptions

__all__ = [
    "add_directory",
    "attach_to_current_directory",
    "clear_rejection",
    "current_directory",
    "current_pad_slot",
    "default_integrator",
    "default_minimizer_options",
    "functions",
    "gBenchmark",
    "gDirectory",
    "gMinuit",
    "gPad",
    "gROOT",
    "gStyle",
    "last_fit",
    "point_rejected",
    "reject_point",
    "reset_defaults",
    "set_add_directory",
    "set_current_directory",
    "set_current_pad",
    "set_default_integrator",
    "set_default_minimizer_options",
    "set_last_fit",
    "set_user_fcn",
    "user_fcn",
]

#: ROOT's load-time ErrorDef; a default left at this value lets likelihood fits use 0.5.
LOAD_TIME_ERROR_DEF = 1.0


class FunctionList:
    """``gROOT->GetListOfFunctions()``: every ``TF1``/``TFormula`` alive, by name, so that a
    later formula (``"x*gaus(0) + [3]*form1"``) or ``Fit("name")`` finds it. A newer function
    with the same name replaces the older one; a function Python frees leaves the list (as in
    PyROOT, where Python owns the objects it creates)."""

    def __init__(self) -> None:
        self._functions: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()

    def Add(self, function: Any) -> None:
        self._functions[str(function.name)] = function

    AddLast = Add

    def Remove(self, function: Any) -> Any:
        name = str(getattr(function, "name", function))
        if self._functions.get(name) is function or isinstance(function, str):
            return self._functions.pop(name, None)
        return None

    def FindObject(self, name: str) -> Any:
        """The function called ``name``, or None."""
        return self._functions.get(str(name))

    def referenced_in(self, text: str) -> dict[str, Any]:
        """The functions whose names appear as identifiers in formula ``text``."""
        names = set(re.findall(r"[A-Za-z_]\w*", text))
        return {name: f for name, f in list(self._functions.items()) if name in names}

    def GetSize(self) -> int:
        return len(self._functions)

    def GetEntries(self) -> int:
        return len(self._functions)

    def At(self, i: int) -> Any:
        values = list(self._functions.values())
        return values[i] if 0 <= i < len(values) else None

    def Clear(self, option: str = "") -> None:
        self._functions.clear()

    def __len__(self) -> int:
        return len(self._functions)

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._functions.values()))

    def __contains__(self, function: Any) -> bool:
        return any(f is function for f in self._functions.values())


#: Every TF1/TFormula made through the façade and still alive (``gROOT.GetListOfFunctions()``).
functions = FunctionList()


class _ROOTSession:
    """``gROOT``: the function list and lookups by name; calls that have no meaning without
    graphics are accepted."""

    def GetListOfFunctions(self) -> FunctionList:
        return functions

    def GetFunction(self, name: str) -> Any:
        """The function called ``name`` (a TF1 made earlier), or None."""
        return functions.FindObject(name)

    def FindObject(self, name: str) -> Any:
        """A function, else an object of the current directory, called ``name`` (or None)."""
        found = functions.FindObject(name)
        return found if found is not None else gDirectory.Get(name)

    FindObjectAny = FindObject

    def SetBatch(self, batch: bool = True) -> None:
        """No-op: rootfit is always in batch mode."""

    def IsBatch(self) -> bool:
        """Always True."""
        return True


gROOT = _ROOTSession()

#: TMinuit's view of the last fit (``gMinuit.Contour``, ``gMinuit.SetErrorDef``).
gMinuit = LastFitMinuit()

#: ROOT's named stopwatches (``gBenchmark.Start("fit1")``).
gBenchmark = TBenchmark()

#: ROOT's in-memory top directory (what ROOT creates by name, e.g. FitSlicesY's histograms).
memory_directory = MemoryDirectory()


def current_directory() -> Any:
    """The current directory: the file opened or ``cd()``-ed into last (while it is alive and
    open), else the memory."""
    ref = _defaults.get("directory")
    directory = None if ref is None else ref()
    if directory is None or not getattr(directory, "IsOpen", lambda: True)():
        return memory_directory
    return directory


def set_current_directory(directory: Any) -> None:
    """Make ``directory`` current (None: the memory directory). Held weakly: a file Python
    frees closes (as a PyROOT TFile is deleted) and the memory directory is current again."""
    _defaults["directory"] = (
        None if directory is None or directory is memory_directory else weakref.ref(directory)
    )


def attach_to_current_directory(obj: Any) -> None:
    """A new histogram joins the current directory (``TH1::AddDirectory``, on unless
    ``TH1.AddDirectory(False)``)."""
    if _defaults.get("add_directory", True):
        current_directory().attach(obj)


def set_add_directory(on: bool) -> None:
    _defaults["add_directory"] = bool(on)


def add_directory() -> bool:
    return bool(_defaults.get("add_directory", True))


class _CurrentDirectory:
    """``gDirectory``: every call goes to the current directory (a TFile, or memory)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(current_directory(), name)

    def __repr__(self) -> str:
        return f"gDirectory -> {current_directory()!r}"


gDirectory = _CurrentDirectory()


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
    _defaults["integrator"] = "Gauss"
    _defaults["pad"] = None
    gStyle.reset()
    _defaults["directory"] = None
    _defaults["add_directory"] = True
    memory_directory.Clear()
    gBenchmark.Reset()
    functions.Clear()


def set_default_integrator(name: str) -> None:
    """``IntegratorOneDimOptions::SetDefaultIntegrator`` (recorded; rootfit's integration
    rules do not depend on it)."""
    _defaults["integrator"] = str(name)


def default_integrator() -> str:
    return str(_defaults.get("integrator", "Gauss"))


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
