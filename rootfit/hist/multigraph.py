"""``MultiGraph``: several graphs fitted as one data set (ROOT's TMultiGraph)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from rootfit.errors import DataError
from rootfit.hist.fittable import Fittable
from rootfit.hist.graph import Graph

__all__ = ["MultiGraph"]


class MultiGraph(Fittable):
    """A list of :class:`Graph` objects; a fit uses all their points together, with the
    "largest" error type of the members (ROOT: none < value < coordinate < asymmetric; missing
    errors count as 0, so points of error-less members are skipped when others carry errors)."""

    def __init__(self, graphs: Iterable[Graph] = (), *, name: str = "", title: str = "") -> None:
        self.graphs: list[Graph] = []
        for g in graphs:
            self.add(g)
        self.name, self.title = name, title
        self.functions: list[Any] = []

    def add(self, graph: Graph) -> None:
        """Append a graph (ROOT ``TMultiGraph::Add``)."""
        if not isinstance(graph, Graph):
            raise DataError(f"a MultiGraph holds Graph objects, not {type(graph).__name__}")
        self.graphs.append(graph)

    def __iter__(self) -> Iterator[Graph]:
        return iter(self.graphs)

    def __len__(self) -> int:
        return len(self.graphs)

    @property
    def ndim(self) -> int:
        """Number of coordinates (1)."""
        return 1

    def merged(self) -> Graph:
        """All points in one graph carrying the largest error type of the members."""
        if not self.graphs:
            raise DataError("the MultiGraph is empty")
        x = np.concatenate([g.x for g in self.graphs])
        y = np.concatenate([g.y for g in self.graphs])

        def gather(getter: str) -> np.ndarray:
            return np.concatenate([
                getattr(g, getter) if getattr(g, getter) is not None else np.zeros(len(g)) for g in self.graphs
            ])  # fmt: skip

        if any(g.is_asymmetric for g in self.graphs):

            def low_high(attr: str, sym: str) -> np.ndarray:
                return np.concatenate([
                    getattr(g, attr) if g.is_asymmetric else (getattr(g, sym) if getattr(g, sym) is not None else np.zeros(len(g)))
                    for g in self.graphs
                ])  # fmt: skip

            return Graph(
                x, y,
                xerr_low=low_high("xerr_low", "xerr"), xerr_high=low_high("xerr_high", "xerr"),
                yerr_low=low_high("yerr_low", "yerr"), yerr_high=low_high("yerr_high", "yerr"),
            )  # fmt: skip
        has_x = any(g.has_x_errors for g in self.graphs)
        has_y = any(g.has_y_errors for g in self.graphs)
        return Graph(
            x, y, xerr=gather("xerr") if has_x else None, yerr=gather("yerr") if has_y else None
        )

    def __repr__(self) -> str:
        return f"MultiGraph({len(self.graphs)} graphs)"
