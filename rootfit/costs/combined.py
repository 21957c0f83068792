"""``CostSum``: costs that add, for combined (simultaneous) fits.

The parameters of the sum are the union of the terms' parameters in order of first
appearance; a name used by several terms is one shared parameter. A term's parameters can be
renamed on the way in (``rename=[None, {"Constant": "Constant2"}]``) to keep them apart or to
share differently named ones. Each term is divided by its ``errordef`` (a likelihood counts
twice), so the sum has ``errordef = 1`` and its minimum is a χ²-like number, as iminuit does.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.costs.base import Cost, FitType
from rootfit.errors import FitError

__all__ = ["CostSum"]


class CostSum(Cost):
    """The sum of several costs sharing parameters by name.

    Parameters
    ----------
    *costs : Cost
        The terms (a CostSum given as a term is flattened).
    rename : sequence of (mapping or None), optional
        One entry per term: ``{old_name: new_name}`` applied to that term's parameters.

    Examples
    --------
    >>> import numpy as np, rootfit as rf
    >>> from rootfit.fitdata import BinData
    >>> a = rf.Chi2(BinData([0.0, 1, 2], [1.0, 3, 5], errors=[0.1] * 3), rf.Function("pol1"))
    >>> b = rf.Chi2(BinData([0.0, 1, 2], [2.0, 4, 6], errors=[0.1] * 3), rf.Function("pol1"))
    >>> total = rf.CostSum(a, b, rename=[None, {"p0": "q0"}])
    >>> total.parameter_names
    ('p0', 'p1', 'q0')
    """

    errordef = 1.0

    def __init__(
        self, *costs: Cost, rename: Sequence[Mapping[str, str] | None] | None = None
    ) -> None:
        if not costs:
            raise FitError("a CostSum needs at least one cost")
        maps = list(rename) if rename is not None else [None] * len(costs)
        if len(maps) != len(costs):
            raise FitError(f"rename has {len(maps)} entries for {len(costs)} costs")
        terms: list[tuple[Cost, tuple[str, ...]]] = []
        for cost, mapping in zip(costs, maps, strict=True):
            if not isinstance(cost, Cost):
                raise FitError(f"a CostSum adds rootfit costs, not {type(cost).__name__}")
            unknown = set(mapping or {}) - set(cost.parameter_names)
            if unknown:
                raise FitError(
                    f"rename names {sorted(unknown)} that {type(cost).__name__} does not have "
                    f"(its parameters: {list(cost.parameter_names)})"
                )
            if isinstance(cost, CostSum):
                for inner, inner_names in cost.named_terms:
                    terms.append((inner, tuple((mapping or {}).get(n, n) for n in inner_names)))
            else:
                terms.append((cost, tuple((mapping or {}).get(n, n) for n in cost.parameter_names)))
        names: dict[str, None] = {}
        for _, term_names in terms:
            names.update(dict.fromkeys(term_names))
        super().__init__(tuple(names), sum(cost.ndata for cost, _ in terms))
        position = {n: i for i, n in enumerate(names)}
        self._terms: list[tuple[Cost, tuple[str, ...]]] = terms
        self._index = [np.array([position[n] for n in term], dtype=np.intp) for _, term in terms]
        self._scale = [1.0 / cost.errordef for cost, _ in terms]
        types = {cost.fit_type for cost, _ in terms}
        self.fit_type = (
            FitType.LEAST_SQUARES if types == {FitType.LEAST_SQUARES} else FitType.GENERIC
        )
        self._unbinned = FitType.UNBINNED_LIKELIHOOD in types

    def simulated(
        self, parameters: ArrayLike, rng: np.random.Generator, scale: float = 1.0
    ) -> CostSum:
        """Every term simulated at its parameters (one toy of the combined measurement)."""
        p = np.asarray(parameters, dtype=np.float64)
        new = copy.copy(self)
        new._terms = [
            (cost.simulated(p[index], rng, scale), names)
            for (cost, names), index in zip(self._terms, self._index, strict=True)
        ]
        return new

    @property
    def terms(self) -> tuple[Cost, ...]:
        """The summed costs."""
        return tuple(cost for cost, _ in self._terms)

    @property
    def named_terms(self) -> tuple[tuple[Cost, tuple[str, ...]], ...]:
        """Each term with the names its parameters have in the sum."""
        return tuple(self._terms)

    def __call__(self, parameters: ArrayLike) -> float:
        p = np.asarray(parameters, dtype=np.float64)
        total = 0.0
        for (cost, _), index, scale in zip(self._terms, self._index, self._scale, strict=True):
            total += scale * cost(p[index])
        return total

    def gradient(self, parameters: ArrayLike) -> NDArray[np.float64]:
        """Sum of the terms' gradients, each scattered to the shared parameters."""
        p = np.asarray(parameters, dtype=np.float64)
        out = np.zeros(self.npar)
        for (cost, _), index, scale in zip(self._terms, self._index, self._scale, strict=True):
            np.add.at(out, index, scale * cost.gradient(p[index]))
        return out

    def gauss_newton(
        self, parameters: ArrayLike
    ) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        """Sum of the terms' Fumili pieces (each term must offer them)."""
        p = np.asarray(parameters, dtype=np.float64)
        value, g, h = 0.0, np.zeros(self.npar), np.zeros((self.npar, self.npar))
        for (cost, _), index, scale in zip(self._terms, self._index, self._scale, strict=True):
            v_t, g_t, h_t = cost.gauss_newton(p[index])  # type: ignore[attr-defined]
            value += scale * v_t
            np.add.at(g, index, scale * g_t)
            np.add.at(h, (index[:, None], index[None, :]), scale * h_t)
        return value, g, h

    @property
    def picklable(self) -> bool:
        """True if every term pickles."""
        return all(cost.picklable for cost, _ in self._terms)

    @property
    def has_gradient(self) -> bool:
        """True if every term has a gradient."""
        return all(cost.has_gradient for cost, _ in self._terms)

    def reported_chi2(self, min_fcn: float) -> float:
        """The minimum (each likelihood term already counts as 2·NLL); -1 with unbinned terms."""
        return -1.0 if self._unbinned else min_fcn

    def default_parameters(self) -> NDArray[np.float64] | None:
        """The terms' default start values, by name (the first term naming a parameter wins)."""
        values: dict[str, float] = {}
        for cost, names in self._terms:
            defaults = cost.default_parameters()
            if defaults is None:
                return None
            for name, value in zip(names, defaults, strict=True):
                values.setdefault(name, float(value))
        return np.array([values[n] for n in self.parameter_names])

    def __add__(self, other: Any) -> CostSum:
        if not isinstance(other, Cost):
            return NotImplemented
        return CostSum(self, other)

    def __repr__(self) -> str:
        inner = " + ".join(type(cost).__name__ for cost, _ in self._terms)
        return f"CostSum({inner}; parameters={list(self.parameter_names)})"
