"""The registry of minimizer backends, keyed by ROOT's type and algorithm names.

Entries name the module and class of a backend (``"rootfit.fitter.backends.minuit:Minuit2"``)
and are imported only when first asked for, so ``import rootfit`` never imports iminuit.
Lookup is by ``(type, algorithm)`` first (``("Linear", "Robust")``), then by ``(type, None)``.
The registry is an immutable value: :meth:`BackendRegistry.with_backend` returns an extended
copy that can be given to a :class:`~rootfit.Fitter`; there is no process-wide mutable state.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from rootfit.errors import FitOptionError
from rootfit.fitter.backends.base import Backend
from rootfit.options import MinimizerOptions

__all__ = ["BACKENDS", "BackendRegistry"]

Key = tuple[str, str | None]
Factory = str | Callable[[], Backend]


@dataclass(frozen=True)
class BackendRegistry:
    """Backend factories by ``(minimizer_type, algorithm or None)``.

    A factory is ``"module:Class"`` (imported lazily) or a callable returning a
    :class:`~rootfit.fitter.backends.base.Backend`.
    """

    entries: Mapping[Key, Factory] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", MappingProxyType(dict(self.entries)))

    def with_backend(
        self, minimizer_type: str, factory: Factory, algorithm: str | None = None
    ) -> BackendRegistry:
        """A registry that also knows ``minimizer_type`` (optionally one algorithm of it)."""
        return BackendRegistry({**self.entries, (minimizer_type, algorithm): factory})

    @property
    def types(self) -> tuple[str, ...]:
        """The minimizer types known."""
        return tuple(dict.fromkeys(t for t, _ in self.entries))

    def get(self, options: MinimizerOptions) -> Backend:
        """The backend for ``options.minimizer_type`` / ``options.algorithm``.

        Raises
        ------
        FitOptionError
            For a type no entry knows.
        """
        key = (options.minimizer_type, options.algorithm)
        factory = self.entries.get(key) or self.entries.get((options.minimizer_type, None))
        if factory is None:
            raise FitOptionError(
                f"minimizer {options.minimizer_type!r} is not supported yet; "
                f"available: {', '.join(self.types)}"
            )
        return _make(factory)


@functools.lru_cache(maxsize=64)
def _make(factory: Factory) -> Backend:
    """The backend of a factory (backends are stateless; one instance serves every fit)."""
    if isinstance(factory, str):
        module, _, name = factory.partition(":")
        made: Any = getattr(importlib.import_module(module), name)()
    else:
        made = factory()
    if not isinstance(made, Backend):
        raise FitOptionError(f"backend factory {factory!r} did not return a Backend")
    return made


#: The built-in backends.
BACKENDS = BackendRegistry(
    {
        ("Minuit2", None): "rootfit.fitter.backends.minuit:Minuit2",
        ("Minuit2", "Fumili"): "rootfit.fitter.backends.fumili:Fumili2",
        ("Minuit2", "Scan"): "rootfit.fitter.backends.scan:Scan",
        ("Minuit", None): "rootfit.fitter.backends.tminuit:TMinuit",
        ("GSLMultiMin", None): "rootfit.fitter.backends.scipy_engines:GSLMultiMin",
        ("GSLMultiFit", None): "rootfit.fitter.backends.levenberg_marquardt:LevenbergMarquardt",
        ("GSLSimAn", None): "rootfit.fitter.backends.scipy_engines:SimulatedAnnealing",
        ("Genetic", None): "rootfit.fitter.backends.scipy_engines:Genetic",
        ("scipy", None): "rootfit.fitter.backends.scipy_engines:ScipyMinimize",
        ("Fumili", None): "rootfit.fitter.backends.fumili:TFumili",
        ("Linear", None): "rootfit.fitter.backends.linear:LinearSolver",
        ("Linear", "Robust"): "rootfit.fitter.backends.robust:RobustSolver",
    }
)
