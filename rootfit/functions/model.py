"""``Model``: the frozen, picklable mathematics of a function, without any parameter state.

A model is a formula tree (predefined functions and formula strings), a Python callable, or a
composite (``NSUM``/``CONV``), with its parameter names, number of variables, start values
and :class:`~rootfit.functions.traits.ModelTraits`. It never changes: renaming the parameters
gives a new model. The compiled kernels are not part of it — they are rebuilt on demand (and
cached per process by tree), so a model pickles as its tree or as the import path of its
callable; a lambda or a local function cannot be imported by another process and is refused
with :class:`~rootfit.errors.UnpicklableModelError`.

:class:`~rootfit.Function` pairs a model with a parameter state; fits and costs only read the
model.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import FunctionError, FunctionTypeError, UnpicklableModelError
from rootfit.functions.callables import (
    CallableEvaluator,
    callable_defaults,
    callable_signature,
    is_importable,
)
from rootfit.functions.expression import Node
from rootfit.functions.parser import ParsedFormula, parse_formula, parse_formula_cached
from rootfit.functions.predefined import lookup_predefined
from rootfit.functions.traits import ModelTraits

__all__ = ["Evaluator", "Model"]

Evaluator = Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]]


@dataclass(frozen=True)
class Model:
    """The mathematics of a model function (no parameter values).

    Use :meth:`from_spec` to build one; :class:`~rootfit.Function` does.

    Attributes
    ----------
    name : str
        Default display name (``"gaus"``, ``"f"``, the callable's name).
    parameter_names : tuple of str
        Parameter names in index order.
    ndim : int
        Number of variables.
    formula : str or None
        The text the model was made from (None for callables).
    expression : Node or None
        The expression tree of formulas and predefined functions.
    source : object
        The Python callable, or the composite (``NSUM``/``CONV``) evaluator.
    root_style : bool
        The callable has ROOT's signature ``f(x, p)``.
    traits : ModelTraits
        Start-value rule, closed-form integral, linearity...
    defaults : tuple of float
        Start values of a new function (ROOT's defaults for predefined functions, else 0).
    """

    name: str
    parameter_names: tuple[str, ...]
    ndim: int = 1
    formula: str | None = None
    expression: Node | None = None
    source: Any = None
    root_style: bool = False
    traits: ModelTraits = field(default_factory=ModelTraits)
    defaults: tuple[float, ...] = ()
    _kernels: dict[str, Any] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if self.expression is None and self.source is None:
            raise FunctionError("a model needs an expression or a callable")
        n = len(self.parameter_names)
        if len(set(self.parameter_names)) != n:
            raise FunctionError(f"parameter names must be unique, got {list(self.parameter_names)}")
        if not self.defaults:
            object.__setattr__(self, "defaults", (0.0,) * n)
        elif len(self.defaults) != n:
            raise FunctionError(f"{len(self.defaults)} default values for {n} parameters")

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_spec(
        cls,
        spec: str | Callable[..., Any],
        *,
        npar: int | None = None,
        ndim: int | None = None,
        parameter_names: Sequence[str] | None = None,
        functions: Mapping[str, Any] | None = None,
        range: Any = None,
    ) -> Model:
        """The model of a predefined name, a formula, a composite or a callable.

        Parameters
        ----------
        spec : str or callable
            ``"gaus"``, ``"[0]*exp(-x/[tau])"``, ``"NSUM([a]*expo, [b]*gaus)"``, ``f(x, a, b)``.
        npar : int, optional
            Number of parameters (required for ROOT-style callables ``f(x, p)``).
        ndim : int, optional
            Number of variables of a callable (default 1).
        parameter_names : sequence of str, optional
            Override the names.
        functions : mapping of str to Function or Model, optional
            Named formula functions the formula may reference.
        range : (float, float), optional
            Needed by composites (their normalisation or convolution range).
        """
        if isinstance(spec, str):
            model = _composite_model(spec, range, functions) or (
                _formula_model(spec, functions) if functions else _cached_formula_model(spec)
            )
            if npar is not None and npar != model.npar:
                raise FunctionError(
                    f"formula {spec!r} has {model.npar} parameters, not npar={npar}"
                )
        elif callable(spec):
            names, root_style = callable_signature(spec, npar)
            name = getattr(spec, "__name__", "f")
            model = cls(
                name="f" if name == "<lambda>" else name,
                parameter_names=tuple(names),
                ndim=int(ndim or 1),
                source=spec,
                root_style=root_style,
                defaults=() if root_style else callable_defaults(spec, names),
            )
        else:
            raise FunctionTypeError(
                f"a function is a predefined name, a formula string or a callable, not {type(spec).__name__}"
            )
        return model if parameter_names is None else model.renamed(parameter_names)

    def renamed(self, names: Sequence[str]) -> Model:
        """The same model with other parameter names."""
        names = tuple(str(n) for n in names)
        if len(names) != self.npar:
            raise FunctionError(f"{len(names)} parameter names given for {self.npar} parameters")
        return dataclasses.replace(self, parameter_names=names)

    # ------------------------------------------------------------------ description
    @property
    def npar(self) -> int:
        """Number of parameters."""
        return len(self.parameter_names)

    @property
    def linear(self) -> bool:
        """Linear in the parameters."""
        return self.traits.linear

    # ------------------------------------------------------------------ compiled kernels
    def _kernel(self, key: str, build: Callable[[], Any]) -> Any:
        cached = self._kernels.get(key)
        if cached is None:
            cached = self._kernels[key] = build()
        return cached

    def _compiled(self) -> Any:
        from rootfit.functions.compiled import compile_tree

        assert self.expression is not None
        return compile_tree(self.expression)

    @property
    def evaluator(self) -> Evaluator:
        """``evaluate(X, p)`` over the rows of a contiguous ``X`` (shape ``(n, ndim)``)."""
        if self.expression is not None:
            return self._kernel("evaluate", lambda: self._compiled().evaluate)
        if _is_composite(self.source):
            return self.source
        return self._kernel(
            "evaluate", lambda: CallableEvaluator(self.source, self.root_style, self.ndim)
        )

    def point_mask(
        self, X: NDArray[np.float64], p: NDArray[np.float64]
    ) -> NDArray[np.bool_] | None:
        """Which rows of ``X`` the model keeps, for callables that reject points (ROOT's
        ``TF1::RejectPoint``: the callable object defines ``point_mask(X, p)``); None when the
        model rejects nothing."""
        hook = getattr(self.source, "point_mask", None)
        if hook is None or self.expression is not None:
            return None
        return np.asarray(hook(X, p), dtype=bool)

    @property
    def numpy_evaluator(self) -> Evaluator | None:
        """The plain-numpy twin of :attr:`evaluator` (formulas only; None otherwise)."""
        if self.expression is None:
            return None
        return self._kernel("numpy", lambda: self._compiled().evaluate_numpy)

    @property
    def point_kernel(self) -> Any:
        """The jitted one-point function ``kernel(x0, ..., x{ndim-1}, p) -> float`` of a formula,
        for fusing model and cost in one compiled loop; None for callables and composites."""
        if self.expression is None:
            return None
        return self._kernel("scalar", lambda: self._compiled().scalar)

    def fused_kernels(self, statistic: str) -> tuple[Any, Any] | None:
        """``(objective, entry)`` of this model fused with a statistic
        (:func:`rootfit.kernels.fused.fused_kernels`), compiled once per process; None for
        callables and composites, which have no one-point kernel."""
        if self.expression is None:
            return None

        def build() -> tuple[Any, Any] | bool:
            from rootfit.functions.compiled import compile_fused

            assert self.expression is not None
            try:
                return compile_fused(self.expression, statistic)
            except OSError:  # the kernel cache cannot be written: the plain path serves
                return False

        return self._kernel(f"fused/{statistic}", build) or None

    def _derivatives(self, wrt: str, count: int) -> Any:
        """Compiled symbolic derivatives, or None (callables, functions without a rule)."""
        if self.expression is None or count == 0:
            return None

        def build() -> Any:
            from rootfit.functions.compiled import compile_derivatives
            from rootfit.functions.derivative import NotDifferentiable

            try:
                return compile_derivatives(self.expression, wrt, count)
            except NotDifferentiable:
                return False

        compiled = self._kernel(f"d/{wrt}", build)
        return compiled or None

    @property
    def has_symbolic_gradient(self) -> bool:
        """True if parameter derivatives are computed symbolically (else numerically)."""
        return self._derivatives("parameters", self.npar) is not None

    def gradient(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        """``∂f/∂p_j`` at the rows of ``X``, shape ``(n, npar)`` (symbolic when possible, else
        a Richardson central difference)."""
        compiled = self._derivatives("parameters", self.npar)
        if compiled is not None:
            return compiled.evaluate(X, p)
        from rootfit.functions.numeric import numerical_parameter_gradient

        return numerical_parameter_gradient(self.evaluator, X, p)

    def derivative(
        self, X: NDArray[np.float64], p: NDArray[np.float64], variable: int = 0
    ) -> NDArray[np.float64]:
        """``∂f/∂x_variable`` at the rows of ``X``."""
        compiled = self._derivatives("variables", self.ndim)
        if compiled is not None:
            return compiled.evaluate(X, p)[:, variable]
        from rootfit.functions.numeric import numerical_variable_derivative

        return numerical_variable_derivative(self.evaluator, X, p, variable)

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> dict[str, Any]:
        if callable(self.source) and not is_importable(self.source):
            what = getattr(self.source, "__qualname__", repr(self.source))
            raise UnpicklableModelError(
                f"cannot pickle model {self.name!r}: its callable {what!r} is a lambda or a "
                "local function, which another process cannot import; define it at module "
                "level (or use a formula string)"
            )
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.init}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_kernels", {})


def _is_composite(source: Any) -> bool:
    from rootfit.functions.composite import Composite

    return isinstance(source, Composite)


def _referenced(functions: Mapping[str, Any] | None) -> dict[str, ParsedFormula]:
    out: dict[str, ParsedFormula] = {}
    for key, f in (functions or {}).items():
        model = getattr(f, "model", f)
        if not isinstance(model, Model) or model.expression is None:
            raise FunctionError(f"referenced function {key!r} must be a formula Function")
        out[key] = ParsedFormula(
            model.expression, model.parameter_names, model.ndim, model.traits.linear
        )
    return out


@functools.lru_cache(maxsize=1024)
def _cached_formula_model(text: str) -> Model:
    """Models of formula text without references: immutable, so one serves every caller
    (and its compiled kernels are built once)."""
    return _formula_model(text, None)


def _formula_model(text: str, functions: Mapping[str, Any] | None) -> Model:
    predefined = lookup_predefined(text)
    source = predefined.formula if predefined else text
    parsed = (
        parse_formula(source, _referenced(functions)) if functions else parse_formula_cached(source)
    )
    names: tuple[str, ...] = parsed.parameter_names
    if predefined:
        return Model(
            name=predefined.name,
            parameter_names=predefined.parameter_names,
            ndim=parsed.ndim,
            formula=text.strip(),
            expression=parsed.tree,
            traits=predefined.traits,
            defaults=predefined.defaults,
        )
    return Model(
        name="f",
        parameter_names=names,
        ndim=parsed.ndim,
        formula=text.strip(),
        expression=parsed.tree,
        traits=ModelTraits(linear=parsed.linear),
    )


def _composite_model(text: str, range: Any, functions: Mapping[str, Any] | None) -> Model | None:
    from rootfit.functions.composite import build_composite

    composite = build_composite(text, range, functions)
    if composite is None:
        return None
    return composite_model(composite, text)


def composite_model(composite: Any, text: str) -> Model:
    """The model of a normalised sum or convolution evaluator (its text for display)."""
    return Model(
        name="f",
        parameter_names=composite.parameter_names,
        formula=text.strip(),
        source=composite,
        defaults=tuple(float(v) for v in composite.defaults()),
    )
