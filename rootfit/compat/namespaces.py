"""ROOT's C++ namespaces as read-only attribute namespaces: ``ROOT.Fit``, ``ROOT.Math`` and
``ROOT.std`` (``std.cout``, which ``result.Print(ROOT.std.cout)`` writes to, and
``std.vector``)."""

from __future__ import annotations

import sys
from types import MappingProxyType
from typing import Any

from rootfit.compat import (
    fit_data,
    fit_fitter,
    math_functions,
    math_minimizer,
    math_options,
    math_tools,
)

__all__ = ["Fit", "Math", "std"]


class Namespace:
    """A read-only bag of names (``Fit.Fitter``...)."""

    def __init__(self, name: str, **members: Any) -> None:
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_members", MappingProxyType(members))

    def __getattr__(self, key: str) -> Any:
        try:
            return self._members[key]
        except KeyError:
            raise AttributeError(
                f"ROOT.{self._name} has no {key!r} in rootfit's façade; it offers "
                f"{', '.join(sorted(self._members))}"
            ) from None

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"ROOT.{self._name} is read-only")

    def __dir__(self) -> list[str]:
        return sorted(self._members)


class Ostream:
    """``std::cout``: what is written to it goes to ``sys.stdout``."""

    def write(self, text: str) -> None:
        sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


Fit = Namespace(
    "Fit",
    BinData=fit_data.BinData,
    UnBinData=fit_data.UnBinData,
    DataOptions=fit_data.DataOptions,
    DataRange=fit_data.DataRange,
    FillData=fit_data.FillData,
    Fitter=fit_fitter.Fitter,
    FitConfig=fit_fitter.FitConfig,
    ParameterSettings=fit_fitter.ParameterSettings,
    Chi2Function=fit_fitter.Chi2Function,
    PoissonLikelihoodFunction=fit_fitter.PoissonLikelihoodFunction,
    LogLikelihoodFunction=fit_fitter.LogLikelihoodFunction,
)
Math = Namespace(
    "Math",
    MinimizerOptions=math_options.MinimizerOptions,
    Minimizer=math_minimizer.Minimizer,
    Factory=math_minimizer.Factory,
    IntegratorOneDimOptions=math_options.IntegratorOneDimOptions,
    WrappedMultiTF1=math_functions.WrappedMultiTF1,
    WrappedTF1=math_functions.WrappedTF1,
    Functor=math_functions.Functor,
    Functor1D=math_functions.Functor1D,
    GradFunctor=math_functions.GradFunctor,
    GradFunctor1D=math_functions.GradFunctor1D,
    Integrator=math_tools.Integrator,
    RootFinder=math_tools.RootFinder,
)


class Vector(list[Any]):
    """``std::vector<T>``: a Python list with ``push_back``, ``size``, ``at``."""

    def push_back(self, value: Any) -> None:
        self.append(value)

    emplace_back = push_back

    def size(self) -> int:
        return len(self)

    def at(self, i: int) -> Any:
        return self[i]

    def empty(self) -> bool:
        return not self


def vector(element_type: str = "double") -> type[Vector]:
    """``ROOT.std.vector('double')``: the vector class (call it for an empty vector)."""
    return Vector


std = Namespace("std", cout=Ostream(), vector=vector)
