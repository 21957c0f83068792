"""lmfit-style ``Parameters``: named values with ``vary``, ``min``/``max`` and ``expr``.

A parameter either varies (inside its bounds), is fixed (``vary=False``) or is derived from
others by an expression (``expr="2*wid1/3"``, ``"1-frac1"``). Expressions are parsed by
rootfit's own formula grammar — the names of other parameters become formula parameters — and
evaluated by the formula's numpy code, never by ``eval``. Dependencies are resolved in order;
a cycle or an unknown name is an error when the expressions are compiled.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rootfit.errors import FormulaSyntaxError, FunctionError, did_you_mean
from rootfit.functions import Model

__all__ = ["Parameter", "Parameters"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Parameter:
    """One parameter (lmfit's ``Parameter``).

    Attributes
    ----------
    name : str
    value : float
    vary : bool
        Varied by the fit (ignored when ``expr`` is set).
    min, max : float
        Bounds (``-inf``/``inf`` when unbounded).
    expr : str or None
        Expression of other parameters.
    stderr : float or None
        Standard error after a fit.
    correl : dict of str to float or None
        Correlations with the other varied parameters after a fit.
    """

    name: str
    value: float = 0.0
    vary: bool = True
    min: float = -math.inf
    max: float = math.inf
    expr: str | None = None
    stderr: float | None = None
    correl: dict[str, float] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise FunctionError(f"parameter name {self.name!r} is not an identifier")
        self.value = float(self.value)
        self.min = -math.inf if self.min is None else float(self.min)
        self.max = math.inf if self.max is None else float(self.max)
        if not self.min < self.max:
            raise FunctionError(f"parameter {self.name!r}: min {self.min} >= max {self.max}")
        if not math.isfinite(self.value):
            raise FunctionError(f"parameter {self.name!r}: value {self.value} is not finite")

    def __float__(self) -> float:
        return self.value

    @property
    def varies(self) -> bool:
        """True if the fit varies it (``vary`` and no expression)."""
        return self.vary and self.expr is None


class Parameters(MutableMapping[str, Parameter]):
    """An ordered set of :class:`Parameter` (lmfit's ``Parameters``).

    Examples
    --------
    >>> p = Parameters()
    >>> p.add("wid1", value=3.0, min=0)
    >>> p.add("wid2", expr="2*wid1/3")
    >>> p.update_constraints()
    >>> p["wid2"].value
    2.0
    """

    def __init__(self) -> None:
        self._params: dict[str, Parameter] = {}

    # mapping protocol
    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._params[name]
        except KeyError:
            raise KeyError(
                f"no parameter {name!r}{did_you_mean(name, self._params)}; "
                f"parameters are {list(self._params)}"
            ) from None

    def __setitem__(self, name: str, parameter: Parameter) -> None:
        if not isinstance(parameter, Parameter) or parameter.name != name:
            raise FunctionError(f"Parameters[{name!r}] must be a Parameter named {name!r}")
        self._params[name] = parameter

    def __delitem__(self, name: str) -> None:
        del self._params[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def add(
        self,
        name: str,
        value: float = 0.0,
        vary: bool = True,
        min: float | None = -math.inf,
        max: float | None = math.inf,
        expr: str | None = None,
    ) -> None:
        """Add a parameter (lmfit's signature)."""
        self._params[name] = Parameter(name, value, vary, min, max, expr)  # type: ignore[arg-type]

    def valuesdict(self) -> dict[str, float]:
        """``{name: value}``."""
        return {n: p.value for n, p in self._params.items()}

    def copy(self) -> Parameters:
        out = Parameters()
        for name, p in self._params.items():
            out._params[name] = Parameter(name, p.value, p.vary, p.min, p.max, p.expr, p.stderr,
                                          dict(p.correl) if p.correl else None)  # fmt: skip
        return out

    def __copy__(self) -> Parameters:
        return self.copy()

    @property
    def varying(self) -> list[str]:
        """Names of the parameters a fit varies, in order."""
        return [n for n, p in self._params.items() if p.varies]

    def compile_expressions(self) -> list[tuple[str, Model, tuple[str, ...]]]:
        """The derived parameters in an order that respects their dependencies, each with its
        compiled expression and the names it reads.

        Raises
        ------
        FunctionError
            An expression naming an unknown parameter, or a dependency cycle.
        """
        pending = {n: p.expr for n, p in self._params.items() if p.expr is not None}
        compiled: dict[str, tuple[Model, tuple[str, ...]]] = {}
        for name, expr in pending.items():
            assert expr is not None
            text = re.sub(
                r"[A-Za-z_][A-Za-z0-9_]*",
                lambda m: f"[{m.group(0)}]" if m.group(0) in self._params else m.group(0),
                expr,
            )
            try:
                model = Model.from_spec(text)
            except FormulaSyntaxError as exc:
                raise FunctionError(
                    f"expression {expr!r} of parameter {name!r}: {exc.args[0] if exc.args else exc}"
                    f"; the parameters are {list(self._params)}"
                ) from None
            for match in re.finditer(r"\b([A-Za-z_]\w*)\b(\s*\()?", expr):
                token, call = match.group(1), match.group(2)
                if not call and token not in self._params and token not in ("pi", "e"):
                    raise FunctionError(
                        f"expression {expr!r} of parameter {name!r} names {token!r}, which is not "
                        f"a parameter{did_you_mean(token, self._params)}; the parameters are "
                        f"{list(self._params)}"
                    )
            compiled[name] = (model, model.parameter_names)
        order: list[str] = []
        visiting: set[str] = set()

        def visit(name: str) -> None:
            if name in order:
                return
            if name in visiting:
                raise FunctionError(f"the expressions of the parameters form a cycle at {name!r}")
            visiting.add(name)
            for dep in compiled[name][1]:
                if dep in compiled:
                    visit(dep)
            visiting.discard(name)
            order.append(name)

        for name in compiled:
            visit(name)
        return [(n, *compiled[n]) for n in order]

    def update_constraints(self) -> None:
        """Evaluate the derived parameters from the current values."""
        for name, model, reads in self.compile_expressions():
            self._params[name].value = evaluate(model, [self._params[r].value for r in reads])

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={p.value:.6g}" for n, p in self._params.items())
        return f"Parameters({inner})"


def evaluate(model: Model, values: Any) -> float:
    """Value of a compiled expression for the values of the parameters it reads."""
    p = np.asarray(values, dtype=np.float64)
    evaluator = model.numpy_evaluator or model.evaluator
    with np.errstate(all="ignore"):
        return float(evaluator(np.zeros((1, 1)), p)[0])


def as_parameters(params: Parameters | Mapping[str, float]) -> Parameters:
    """A :class:`Parameters` from a Parameters (copied) or a ``{name: value}`` mapping."""
    if isinstance(params, Parameters):
        return params.copy()
    out = Parameters()
    for name, value in dict(params).items():
        out.add(name, float(value))
    return out
