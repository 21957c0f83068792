"""ROOT spellings shared by the façade's histogram and graph classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rootfit.compat.fitresult import TFitResultPtr
from rootfit.compat.functions import TF1
from rootfit.functions import Function

__all__ = ["RootFitTarget", "into_buffer"]


def into_buffer(values: Any, buffer: Any) -> Any:
    """ROOT's ``GetStats(double*)`` convention: copy ``values`` into ``buffer`` (if given) and
    return them."""
    if buffer is not None:
        for i, v in enumerate(values):
            buffer[i] = float(v)
    return values


class RootFitTarget:
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
        self.title = title

    def Fit(
        self, f: Any, opt: str = "", gopt: str = "", xmin: float = 0.0, xmax: float = 0.0
    ) -> TFitResultPtr:
        """``Fit(f, opt, gopt, xmin, xmax)``; a range is used when ``xmin < xmax``; ``gopt``
        (drawing options) has no effect. Always returns the full result."""
        from rootfit.fitting import root_style_fit

        rng = (float(xmin), float(xmax)) if float(xmin) < float(xmax) else None
        result = root_style_fit(self, f, opt, range=rng)
        fname = f.name if isinstance(f, Function) else str(f)
        return TFitResultPtr(
            result, name=f"TFitResult-{self.name}-{fname}", title=f"TFitResult-{self.title}"
        )

    def GetFunction(self, name: str) -> TF1 | None:
        """The stored function as a TF1 (or None)."""
        f = self.get_function(name)
        if f is None or isinstance(f, TF1):
            return f
        tf1 = TF1.from_function(f)
        self.functions[self.functions.index(f)] = tf1
        return tf1

    def GetListOfFunctions(self) -> list[Any]:
        return self.functions
