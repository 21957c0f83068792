"""Normalised sums and convolutions of functions (ROOT's ``NSUM``/``TF1NormSum`` and
``CONV``/``TF1Convolution``).

* ``NSUM([a]*f1, [b]*f2, ...)`` = ``a·f1/∫f1 + b·f2/∫f2 + ...`` with the integrals over the
  function range, recomputed whenever the component parameters change. Parameters: the
  coefficients (``[a]`` names, else ``Coeff0``, ``Coeff1``...), then the components' parameters
  without their ``Constant`` (irrelevant after normalisation); a name used by several
  components gets the component number appended (``Mean1``, ``Mean2``), as in ROOT.
* ``CONV(f1, f2)(x)`` = ``∫ f1(t)·f2(x - t) dt`` over the range extended by 10 % on each side,
  by composite Gauss–Legendre quadrature. ``method="fft"`` computes it as ROOT's
  ``TF1Convolution`` does by default (the façade's choice): both functions sampled on
  ``fft_points`` equidistant points spanning the range (f2 centred on the range's middle), their
  circular convolution by FFT times ``range/fft_points``, and linear interpolation between the
  points — fast, and ROOT's numbers, but periodic: a function that does not vanish at both
  ends of the range wraps around. Parameters: those of f1, then those of f2 without its
  ``Constant`` when f1 has one (``CONV(expo, gaus)`` has ``Constant, Slope, Mean, Sigma``);
  names used by both get 1/2 appended (ROOT keeps the duplicates, which Minuit2 cannot
  address by name).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FunctionError

if TYPE_CHECKING:
    from rootfit.functions.model import Model

__all__ = ["Composite", "ConvolutionModel", "NormSumModel", "build_composite", "split_arguments"]

_COEFFICIENT = re.compile(r"^\s*\[(?P<name>[A-Za-z_]\w*)\]\s*\*\s*(?P<rest>.+)$", re.DOTALL)

ParameterMap = tuple[int | None, ...]


def split_arguments(text: str) -> list[str]:
    """Split ``"a, f(b, c), d"`` at top-level commas."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    if any(not p for p in parts):
        raise FunctionError(f"empty argument in {text!r}")
    return parts


class Composite:
    """Base of the composite evaluators: ``composite(X, p) -> values``."""

    parameter_names: tuple[str, ...]

    def __call__(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError

    def defaults(self) -> NDArray[np.float64]:
        """Start values of the composite's parameters."""
        raise NotImplementedError


@dataclass(frozen=True)
class NormSumModel(Composite):
    """Evaluator ``(X, p) -> values`` of a normalised sum; see the module docstring.

    Attributes
    ----------
    components : tuple of Model
        The summed functions.
    coefficient_names : tuple of str
        One coefficient name per component.
    range : (float, float)
        Normalisation range.
    """

    components: tuple[Model, ...]
    coefficient_names: tuple[str, ...]
    range: tuple[float, float]
    parameter_names: tuple[str, ...] = field(init=False)
    maps: tuple[ParameterMap, ...] = field(init=False)
    _cache: dict[int, tuple[bytes, float]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        components = self.components
        if len(components) < 1 or len(self.coefficient_names) != len(components):
            raise FunctionError("a normalised sum needs one coefficient per component")
        if {c.ndim for c in components} != {1}:
            raise FunctionError("normalised sums are defined for 1-D components")
        counts: dict[str, int] = {}
        for c in components:
            for n in c.parameter_names:
                if n != "Constant":
                    counts[n] = counts.get(n, 0) + 1
        names = list(self.coefficient_names)
        maps: list[ParameterMap] = []
        for k, c in enumerate(components):
            mapping: list[int | None] = []
            for n in c.parameter_names:
                if n == "Constant":
                    mapping.append(None)
                    continue
                names.append(f"{n}{k + 1}" if counts[n] > 1 else n)
                mapping.append(len(names) - 1)
            maps.append(tuple(mapping))
        object.__setattr__(self, "parameter_names", tuple(names))
        object.__setattr__(self, "maps", tuple(maps))

    def component_parameters(self, k: int, p: NDArray[np.float64]) -> NDArray[np.float64]:
        """Parameters of component ``k`` (its Constant set to 1)."""
        return np.array([1.0 if i is None else p[i] for i in self.maps[k]], dtype=np.float64)

    def _norm(self, k: int, q: NDArray[np.float64]) -> float:
        """∫ of component ``k`` over the range, or NaN where it is 0 or not finite (the sum is
        then NaN there, and a fit starting there is refused with a clear error)."""
        from rootfit.functions.calculus import integral

        key = q.tobytes()
        cached = self._cache.get(k)
        if cached is not None and cached[0] == key:
            return cached[1]
        value = float("nan")
        if np.all(np.isfinite(q)):
            probe = self.components[k].evaluator(
                np.linspace(self.range[0], self.range[1], 9).reshape(-1, 1), q
            )
            if np.all(np.isfinite(probe)):  # never hand quadrature a function that is not finite
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    value = integral(self.components[k], self.range[0], self.range[1], q)
        if not np.isfinite(value) or value == 0:
            value = float("nan")  # no density there (e.g. a width of 0): the sum is NaN
        self._cache[k] = (key, value)
        return value

    def __call__(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        total = np.zeros(X.shape[0])
        for k, component in enumerate(self.components):
            q = self.component_parameters(k, p)
            total += p[k] * component.evaluator(X, q) / self._norm(k, q)
        return total

    def defaults(self) -> NDArray[np.float64]:
        """Start values: coefficients 1, component parameters their defaults."""
        values = np.ones(len(self.parameter_names))
        for k, c in enumerate(self.components):
            for i, target in enumerate(self.maps[k]):
                if target is not None:
                    values[target] = c.defaults[i]
        return values

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_cache"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        object.__setattr__(self, "_cache", {})


@dataclass(frozen=True)
class ConvolutionModel(Composite):
    """Evaluator ``(X, p) -> values`` of ``f1 ⊗ f2``; see the module docstring.

    Attributes
    ----------
    f1, f2 : Model
        The convolved functions.
    range : (float, float)
        The range (extended by ``extension`` on each side for the integral).
    npoints : int
        Quadrature points.
    extension : float
        Relative extension of the range.
    """

    f1: Model
    f2: Model
    range: tuple[float, float]
    npoints: int = 1024
    extension: float = 0.1
    method: str = "quadrature"
    fft_points: int = 10000
    parameter_names: tuple[str, ...] = field(init=False)
    map1: ParameterMap = field(init=False)
    map2: ParameterMap = field(init=False)
    _t: NDArray[np.float64] = field(init=False, repr=False, compare=False, hash=False)
    _w: NDArray[np.float64] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        f1, f2 = self.f1, self.f2
        if f1.ndim != 1 or f2.ndim != 1:
            raise FunctionError("convolutions are defined for 1-D functions")
        drop_constant = "Constant" in f1.parameter_names and "Constant" in f2.parameter_names
        second = [n for n in f2.parameter_names if not (drop_constant and n == "Constant")]
        duplicated = set(f1.parameter_names) & set(second)
        names = [f"{n}1" if n in duplicated else n for n in f1.parameter_names]
        map1: list[int | None] = list(range_(len(names)))
        map2: list[int | None] = []
        for n in f2.parameter_names:
            if drop_constant and n == "Constant":
                map2.append(None)
            else:
                names.append(f"{n}2" if n in duplicated else n)
                map2.append(len(names) - 1)
        object.__setattr__(self, "parameter_names", tuple(names))
        object.__setattr__(self, "map1", tuple(map1))
        object.__setattr__(self, "map2", tuple(map2))
        if self.method not in ("quadrature", "fft"):
            raise FunctionError(
                f"convolution method must be 'quadrature' or 'fft', not {self.method!r}"
            )
        if self.method == "fft" and int(self.fft_points) < 2:
            raise FunctionError(
                f"an FFT convolution needs at least 2 points, got {self.fft_points}"
            )
        t, w = self._nodes()
        object.__setattr__(self, "_t", t)
        object.__setattr__(self, "_w", w)

    def _nodes(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        lo, hi = self.range
        width = hi - lo
        panels = max(self.npoints // 8, 1)
        nodes, weights = np.polynomial.legendre.leggauss(8)
        edges = np.linspace(lo - self.extension * width, hi + self.extension * width, panels + 1)
        half = 0.5 * np.diff(edges)
        mid = 0.5 * (edges[1:] + edges[:-1])
        t = (mid[:, None] + half[:, None] * nodes[None, :]).ravel()
        w = (half[:, None] * weights[None, :]).ravel()
        return t, w

    def __call__(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        p1 = np.array([p[i] for i in self.map1 if i is not None])
        p2 = np.array([1.0 if i is None else p[i] for i in self.map2])
        if self.method == "fft":
            x, y = self.fft_table(p1, p2)
            return _linear(x, y, X[:, 0])
        t, w = self._t, self._w
        g = w * self.f1.evaluator(t.reshape(-1, 1), p1)
        shifted = (X[:, :1] - t[None, :]).reshape(-1, 1)
        kernel = self.f2.evaluator(np.ascontiguousarray(shifted), p2).reshape(X.shape[0], -1)
        return np.asarray(kernel @ g, dtype=np.float64)

    def fft_table(
        self, p1: NDArray[np.float64], p2: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The convolution at the ``fft_points`` sampling points of the range (ROOT's graph)."""
        n = int(self.fft_points)
        lo, hi = self.range
        x = np.asarray(lo + (hi - lo) / (n - 1) * np.arange(n), dtype=np.float64)
        g1 = self.f1.evaluator(x.reshape(-1, 1), p1)
        g2 = self.f2.evaluator((x - 0.5 * (lo + hi)).reshape(-1, 1), p2)
        circular = np.fft.irfft(np.fft.rfft(g1) * np.fft.rfft(g2), n) * (hi - lo) / n
        return x, np.roll(circular, -(n // 2))  # undo the centring of f2

    def defaults(self) -> NDArray[np.float64]:
        """Start values from the two functions' defaults."""
        values = np.zeros(len(self.parameter_names))
        for mapping, f in ((self.map2, self.f2), (self.map1, self.f1)):
            for i, target in enumerate(mapping):
                if target is not None:
                    values[target] = f.defaults[i]
        return values


def _linear(
    x: NDArray[np.float64], y: NDArray[np.float64], at: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Linear interpolation in the table ``(x, y)`` (sorted ``x``), extrapolated from the two
    end points outside it (as ``TGraph::Eval``)."""
    k = np.clip(np.searchsorted(x, at, side="right") - 1, 0, x.size - 2)
    slope = (y[k + 1] - y[k]) / (x[k + 1] - x[k])
    return np.asarray(y[k] + slope * (at - x[k]), dtype=np.float64)


range_ = range  # the builtin, shadowed by the argument names above


def build_composite(
    text: str,
    range: tuple[float, float] | None,
    functions: Mapping[str, Any] | None,
) -> NormSumModel | ConvolutionModel | None:
    """The composite model of ``NSUM(...)`` / ``CONV(...)`` text, or None for other text."""
    from rootfit.functions.model import Model

    match = re.fullmatch(r"\s*(NSUM|CONV)\s*\((?P<args>.*)\)\s*", text, re.DOTALL)
    if not match:
        return None
    kind = match.group(1)
    if range is None:
        raise FunctionError(f"{kind}(...) needs a function range: Function(..., range=(lo, hi))")
    args = split_arguments(match.group("args"))

    def component(text: str) -> Model:
        named = (functions or {}).get(text.strip())
        if named is not None:  # a function by name: its model, parameters in its own order
            return named if isinstance(named, Model) else named.model
        return Model.from_spec(text, functions=functions)

    if kind == "CONV":
        if len(args) != 2:
            raise FunctionError(f"CONV takes two functions, got {len(args)}")
        return ConvolutionModel(
            component(args[0]), component(args[1]), (float(range[0]), float(range[1]))
        )
    names, components = [], []
    for i, arg in enumerate(args):
        coefficient = _COEFFICIENT.match(arg)
        names.append(coefficient.group("name") if coefficient else f"Coeff{i}")
        components.append(component(coefficient.group("rest") if coefficient else arg))
    return NormSumModel(tuple(components), tuple(names), (float(range[0]), float(range[1])))
