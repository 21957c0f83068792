"""Normalised sums and convolutions of functions (ROOT's ``NSUM``/``TF1NormSum`` and
``CONV``/``TF1Convolution``).

* ``NSUM([a]*f1, [b]*f2, ...)`` = ``a·f1/∫f1 + b·f2/∫f2 + ...`` with the integrals over the
  function range, recomputed whenever the component parameters change. Parameters: the
  coefficients (``[a]`` names, else ``Coeff0``, ``Coeff1``...), then the components' parameters
  without their ``Constant`` (irrelevant after normalisation); a name used by several
  components gets the component number appended (``Mean1``, ``Mean2``), as in ROOT.
* ``CONV(f1, f2)(x)`` = ``∫ f1(t)·f2(x - t) dt`` over the range extended by 10 % on each side
  (ROOT's default), by composite Gauss–Legendre quadrature (ROOT uses an FFT on the same
  range; both agree to ~1e-4). Parameters: those of f1, then those of f2 without its
  ``Constant`` when f1 has one (``CONV(expo, gaus)`` has ``Constant, Slope, Mean, Sigma``);
  names used by both get 1/2 appended (ROOT keeps the duplicates, which Minuit2 cannot
  address by name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FunctionError

if TYPE_CHECKING:
    from rootfit.functions.function import Function

__all__ = ["ConvolutionModel", "NormSumModel", "split_arguments"]

_COEFFICIENT = re.compile(r"^\s*\[(?P<name>[A-Za-z_]\w*)\]\s*\*\s*(?P<rest>.+)$", re.DOTALL)


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


class NormSumModel:
    """Evaluator ``(X, p) -> values`` of a normalised sum; see the module docstring."""

    def __init__(
        self,
        components: Sequence[Function],
        coefficient_names: Sequence[str],
        range: tuple[float, float],
    ) -> None:
        if len(components) < 1 or len(coefficient_names) != len(components):
            raise FunctionError("a normalised sum needs one coefficient per component")
        ndims = {c.ndim for c in components}
        if ndims != {1}:
            raise FunctionError("normalised sums are defined for 1-D components")
        self.components = list(components)
        self.range = range
        counts: dict[str, int] = {}
        for c in components:
            for n in c.parameter_names:
                if n != "Constant":
                    counts[n] = counts.get(n, 0) + 1
        names = list(coefficient_names)
        #: for each component: list of (index in p, or None for its Constant)
        self.maps: list[list[int | None]] = []
        for k, c in enumerate(components):
            mapping: list[int | None] = []
            for n in c.parameter_names:
                if n == "Constant":
                    mapping.append(None)
                    continue
                names.append(f"{n}{k + 1}" if counts[n] > 1 else n)
                mapping.append(len(names) - 1)
            self.maps.append(mapping)
        self.parameter_names = tuple(names)
        self._cache: dict[int, tuple[bytes, float]] = {}

    def component_parameters(self, k: int, p: NDArray[np.float64]) -> NDArray[np.float64]:
        """Parameters of component ``k`` (its Constant set to 1)."""
        return np.array([1.0 if i is None else p[i] for i in self.maps[k]], dtype=np.float64)

    def _norm(self, k: int, q: NDArray[np.float64]) -> float:
        key = q.tobytes()
        cached = self._cache.get(k)
        if cached is not None and cached[0] == key:
            return cached[1]
        value = self.components[k].integral(self.range[0], self.range[1], q)
        if value == 0:
            raise FunctionError(
                f"component {k} of the normalised sum integrates to 0 on {self.range}"
            )
        self._cache[k] = (key, value)
        return value

    def __call__(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        total = np.zeros(X.shape[0])
        for k, component in enumerate(self.components):
            q = self.component_parameters(k, p)
            total += p[k] * component.evaluator(X, q) / self._norm(k, q)
        return total

    def defaults(self) -> NDArray[np.float64]:
        """Start values: coefficients 1, component parameters their current values."""
        values = np.ones(len(self.parameter_names))
        for k, c in enumerate(self.components):
            for i, target in enumerate(self.maps[k]):
                if target is not None:
                    values[target] = c.parameters[i]
        return values


class ConvolutionModel:
    """Evaluator ``(X, p) -> values`` of ``f1 ⊗ f2``; see the module docstring."""

    def __init__(
        self,
        f1: Function,
        f2: Function,
        range: tuple[float, float],
        *,
        npoints: int = 1024,
        extension: float = 0.1,
    ) -> None:
        if f1.ndim != 1 or f2.ndim != 1:
            raise FunctionError("convolutions are defined for 1-D functions")
        self.f1, self.f2, self.range = f1, f2, range
        drop_constant = "Constant" in f1.parameter_names and "Constant" in f2.parameter_names
        second = [n for n in f2.parameter_names if not (drop_constant and n == "Constant")]
        duplicated = set(f1.parameter_names) & set(second)
        names = [f"{n}1" if n in duplicated else n for n in f1.parameter_names]
        self.map1: list[int | None] = list(range_(len(names)))
        self.map2: list[int | None] = []
        for n in f2.parameter_names:
            if drop_constant and n == "Constant":
                self.map2.append(None)
            else:
                names.append(f"{n}2" if n in duplicated else n)
                self.map2.append(len(names) - 1)
        self.parameter_names = tuple(names)
        lo, hi = range
        width = hi - lo
        panels = max(npoints // 8, 1)
        nodes, weights = np.polynomial.legendre.leggauss(8)
        edges = np.linspace(lo - extension * width, hi + extension * width, panels + 1)
        half = 0.5 * np.diff(edges)
        mid = 0.5 * (edges[1:] + edges[:-1])
        self.t = (mid[:, None] + half[:, None] * nodes[None, :]).ravel()
        self.w = (half[:, None] * weights[None, :]).ravel()

    def __call__(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        p1 = np.array([p[i] for i in self.map1 if i is not None])
        p2 = np.array([1.0 if i is None else p[i] for i in self.map2])
        g = self.w * self.f1.evaluator(self.t.reshape(-1, 1), p1)
        shifted = (X[:, :1] - self.t[None, :]).reshape(-1, 1)
        kernel = self.f2.evaluator(np.ascontiguousarray(shifted), p2).reshape(X.shape[0], -1)
        return np.asarray(kernel @ g, dtype=np.float64)

    def defaults(self) -> NDArray[np.float64]:
        """Start values from the two functions' current parameters."""
        values = np.zeros(len(self.parameter_names))
        for mapping, f in ((self.map2, self.f2), (self.map1, self.f1)):
            for i, target in enumerate(mapping):
                if target is not None:
                    values[target] = f.parameters[i]
        return values


range_ = range  # the builtin, shadowed by the argument names above


def build_composite(
    text: str,
    range: tuple[float, float] | None,
    functions: Mapping[str, Function] | None,
) -> NormSumModel | ConvolutionModel | None:
    """The composite model of ``NSUM(...)`` / ``CONV(...)`` text, or None for other text."""
    from rootfit.functions.function import Function

    match = re.fullmatch(r"\s*(NSUM|CONV)\s*\((?P<args>.*)\)\s*", text, re.DOTALL)
    if not match:
        return None
    kind = match.group(1)
    if range is None:
        raise FunctionError(f"{kind}(...) needs a function range: Function(..., range=(lo, hi))")
    args = split_arguments(match.group("args"))
    if kind == "CONV":
        if len(args) != 2:
            raise FunctionError(f"CONV takes two functions, got {len(args)}")
        return ConvolutionModel(
            Function(args[0], functions=functions), Function(args[1], functions=functions), range
        )
    names, components = [], []
    for i, arg in enumerate(args):
        coefficient = _COEFFICIENT.match(arg)
        names.append(coefficient.group("name") if coefficient else f"Coeff{i}")
        components.append(
            Function(coefficient.group("rest") if coefficient else arg, functions=functions)
        )
    return NormSumModel(components, names, range)
