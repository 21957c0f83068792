"""ROOT spellings shared by the façade's histogram and graph classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from rootfit.compat.attributes import RootAttributes
from rootfit.compat.fitresult import TFitResultPtr
from rootfit.compat.functions import TF1
from rootfit.compat.session import default_minimizer_options, functions, set_last_fit, user_fcn
from rootfit.errors import (
    DataWarning,
    EmptyFitDataError,
    LimitWarning,
    NoParametersError,
    warn,
)
from rootfit.functions import Function
from rootfit.result import FitResult

__all__ = ["RootFitTarget", "TList", "into_buffer"]


def into_buffer(values: Any, buffer: Any) -> Any:
    """ROOT's ``GetStats(double*)`` convention: copy ``values`` into ``buffer`` (if given) and
    return them."""
    if buffer is not None:
        for i, v in enumerate(values):
            buffer[i] = float(v)
    return values


def _inside_limits(f: Any) -> dict[str, float] | None:
    """ROOT moves a start value outside its limits to their middle (with a message)."""
    if not isinstance(f, Function):
        return None
    moved = {}
    state = f.state
    for i, name in enumerate(f.parameter_names):
        limits = state.limits(i)
        if limits is None or state.fixed[i]:
            continue
        lo, hi = limits
        if not lo <= state.values[i] <= hi:
            moved[name] = (
                0.5 * (lo + hi) if np.isfinite(lo + hi) else (lo if np.isfinite(lo) else hi)
            )
            warn(
                f"start value {state.values[i]:g} of parameter {name!r} is outside its limits "
                f"({lo:g}, {hi:g}): moved to {moved[name]:g} (as ROOT)",
                LimitWarning,
            )
    return moved or None


def _user_objective() -> Any:
    """The objective of ``TVirtualFitter::SetFCN`` as ``objective(parameters)``."""
    from rootfit.compat.minuit_commands import fcn_objective

    fcn = user_fcn()
    return None if fcn is None else fcn_objective(fcn)


class TList:
    """ROOT's ``TList`` calls on a Python list it views (changes go to that list)."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items

    def Add(self, obj: Any) -> None:
        self._items.append(obj)

    def Remove(self, obj: Any) -> Any:
        if obj in self._items:
            self._items.remove(obj)
            return obj
        return None

    def FindObject(self, name: str) -> Any:
        return next((o for o in self._items if getattr(o, "name", None) == name), None)

    def GetSize(self) -> int:
        return len(self._items)

    def At(self, i: int) -> Any:
        return self._items[i]

    def Clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Any:
        return iter(self._items)

    def __getitem__(self, i: int) -> Any:
        return self._items[i]

    def __contains__(self, obj: Any) -> bool:
        return obj in self._items


class RootFitTarget(RootAttributes):
    """``GetName``/``SetName``/``GetTitle``/``SetTitle``, ``Fit``, ``GetFunction`` for objects
    with ``name``, ``title``, ``functions`` and ``get_function`` (histograms and graphs)."""

    name: str
    title: str
    functions: list[Any]

    get_function: Callable[[str], Any]  # provided by rootfit.hist.fittable.Fittable

    def GetName(self) -> str:
        return self.name

    def SetName(self, name: str) -> None:
        self.name = name

    def GetTitle(self) -> str:
        return self.title

    def SetTitle(self, title: str) -> None:
        """``"title;x title;y title[;z title]"``: the parts after the first ``;`` go to the axes
        (ROOT's convention)."""
        parts = str(title).split(";")
        self.title = parts[0]
        axes = (self.GetXaxis, self.GetYaxis, getattr(self, "GetZaxis", None))
        for get_axis, text in zip(axes, parts[1:], strict=False):
            if get_axis is not None:
                get_axis().SetTitle(text)

    def SetXTitle(self, title: str) -> None:
        self.GetXaxis().SetTitle(title)

    def SetYTitle(self, title: str) -> None:
        self.GetYaxis().SetTitle(title)

    def Fit(
        self, f: Any, opt: str = "", gopt: str = "", xmin: float = 0.0, xmax: float = 0.0
    ) -> TFitResultPtr:
        """``Fit(f, opt, gopt, xmin, xmax)``; a range is used when ``xmin < xmax``; ``gopt``
        (drawing options) has no effect. The process's default minimizer options
        (``ROOT.Math.MinimizerOptions.SetDefault…``) apply. Always returns the full result.

        ROOT's answers to fits that cannot run are kept: no usable point (an empty histogram, a
        range outside the axis...) gives a warning and a result whose status is -1, a function
        without parameters -3; a start value outside its limits is moved to the middle of them
        with a :class:`~rootfit.errors.LimitWarning` and the fit goes on.
        """
        from rootfit.fitting import root_style_fit

        rng = (float(xmin), float(xmax)) if float(xmin) < float(xmax) else None
        if isinstance(f, str) and functions.FindObject(f) is not None:
            f = functions.FindObject(f)  # a TF1 made earlier, by name (ROOT's gROOT lookup)
        fname = f.name if isinstance(f, Function) else str(f)
        name, title = f"TFitResult-{self.name}-{fname}", f"TFitResult-{self.title}"
        try:
            result = root_style_fit(
                self,
                f,
                opt,
                range=rng,
                minimizer=default_minimizer_options(),
                objective=_user_objective(),
                start=_inside_limits(f),
            )
        except EmptyFitDataError as exc:
            warn(f"Fit data is empty (ROOT returns -1): {exc}", DataWarning)
            return TFitResultPtr(FitResult.failed(-1), name=name, title=title)
        except NoParametersError as exc:
            warn(f"{exc} (ROOT returns -3)", DataWarning)
            return TFitResultPtr(FitResult.failed(-3), name=name, title=title)
        set_last_fit(result)
        self._draw_after_fit(opt, gopt)
        return TFitResultPtr(result, name=name, title=title)

    def _draw_after_fit(self, opt: str, gopt: str) -> None:
        """ROOT draws the fitted object on the current pad (with ``gopt``) unless ``0`` or
        ``N``; nothing is rendered until a canvas is saved."""
        from rootfit.hist import Graph, MultiGraph
        from rootfit.options import parse_fit_options

        target = "graph" if isinstance(self, Graph | MultiGraph) else "histogram"
        options = parse_fit_options(opt, target=target)  # type: ignore[arg-type]
        if not (options.no_draw or options.no_store):
            option = gopt or ("AP" if target == "graph" else "")
            self.Draw(option)

    def _as_tf1s(self) -> None:
        """Stored functions become TF1s in place (a fit by name stores a plain Function), so
        that every ROOT call works on what the list holds."""
        for i, f in enumerate(self.functions):
            if isinstance(f, Function) and not isinstance(f, TF1):
                self.functions[i] = TF1.from_function(f)

    def GetFunction(self, name: str) -> TF1 | None:
        """The stored function as a TF1 (or None)."""
        self._as_tf1s()
        return self.get_function(name)

    def GetListOfFunctions(self) -> TList:
        """The functions attached (TF1s) and anything else added, as ROOT's list."""
        self._as_tf1s()
        return TList(self.functions)

    def FindObject(self, name: str) -> Any:
        """A function of the list by name (``FindObject("f2")`` after a fit), or None."""
        return self.GetFunction(name)

    def Write(self, name: str | None = None, option: int = 0, bufsize: int = 0) -> int:
        """Write a snapshot into the current file (``TFile(..., "RECREATE")`` opened last)."""
        from rootfit.compat.files import write_to_current_directory

        return write_to_current_directory(self, name or None)
