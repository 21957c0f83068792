"""``Function``: a model with named parameters, limits and fixed flags (ROOT's TF1).

A Function is built from a predefined name (``"gaus"``), a formula string
(``"[0]*exp(-x/[tau])"``), or a Python callable. It carries its parameter state (values,
errors, limits, fixed flags), which fits read as start values and update afterwards, as ROOT
updates the TF1 it is given. Its compiled evaluator is immutable and shared between copies.
"""

from __future__ import annotations

import copy as _copy
import inspect
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import FunctionError
from rootfit.functions.compiled import compile_tree
from rootfit.functions.composite import build_composite
from rootfit.functions.parser import ParsedFormula, parse_formula, parse_formula_cached
from rootfit.functions.predefined import lookup_predefined

__all__ = ["Function"]

_ROOT_STYLE_NAMES = {"p", "par", "pars", "params", "parameters"}


class _CallableModel:
    """Evaluate a user callable on many points, vectorised when the callable allows it."""

    def __init__(self, func: Callable[..., Any], root_style: bool, ndim: int) -> None:
        self.func = func
        self.root_style = root_style
        self.ndim = ndim
        self.vectorized: bool | None = None  # decided at the first evaluation
        self.jitted: Any = None
        from rootfit.kernels.formula import is_numba_function

        if root_style and is_numba_function(func):
            from rootfit.kernels.formula import jit_row_model

            self.jitted = jit_row_model(func)

    def _call_vectorized(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> Any:
        if self.root_style:
            return self.func(X.T, p)
        arg = X[:, 0] if self.ndim == 1 else X.T
        return self.func(arg, *p)

    def _call_point(self, x: NDArray[np.float64], p: NDArray[np.float64]) -> float:
        if self.root_style:
            return float(self.func(x, p))
        return float(self.func(x[0] if self.ndim == 1 else x, *p))

    def __call__(self, X: NDArray[np.float64], p: NDArray[np.float64]) -> NDArray[np.float64]:
        if self.jitted is not None:
            return self.jitted(X, p)
        n = X.shape[0]
        if self.vectorized is not False:
            try:
                with np.errstate(all="ignore"):
                    out = np.asarray(self._call_vectorized(X, p), dtype=np.float64)
                if out.shape in ((n,), ()):
                    self.vectorized = True
                    return np.broadcast_to(out, (n,)).copy()
            except Exception:
                if self.vectorized:
                    raise
            self.vectorized = False
        return np.array([self._call_point(X[i], p) for i in range(n)], dtype=np.float64)


class Function:
    """A parametric model function (TF1/TF2/TF3-like).

    Parameters
    ----------
    spec : str or callable
        Predefined name (``"gaus"``, ``"gausn"``, ``"expo"``, ``"pol0"``..``"pol9"``), formula
        string, or Python callable ``f(x, p)`` (ROOT signature, give ``npar``) or
        ``f(x, a, b, ...)`` (parameters named after the arguments).
    name : str, optional
        Name (defaults to the predefined name, or ``"f"``).
    range : (float, float), optional
        Range of the function (used by option ``R`` and for drawing).
    npar : int, optional
        Number of parameters of a ROOT-style callable.
    ndim : int, optional
        Number of variables of a callable (default 1).
    parameter_names : sequence of str, optional
        Override the parameter names.
    functions : mapping of str to Function, optional
        Named formula functions this formula may reference (``"f1(x,[a],[b])"``, ``"[3]*f1"``);
        rootfit keeps no global function list, so references are always explicit.

    Examples
    --------
    >>> f = Function("[0]*exp(-x/[tau])", range=(0, 10))
    >>> f.set_parameters(100, 2.0)
    >>> f.parameter_names
    ('p0', 'tau')
    >>> round(float(f(2.0)), 4)
    36.7879
    """

    def __init__(
        self,
        spec: str | Callable[..., Any],
        *,
        name: str | None = None,
        range: tuple[float, float] | None = None,
        npar: int | None = None,
        ndim: int | None = None,
        parameter_names: Sequence[str] | None = None,
        functions: Mapping[str, Function] | None = None,
    ) -> None:
        self.formula: str | None = None
        self.number = 0
        self.linear = False
        self._compiled: Any = None
        self._tree: Any = None
        self._callable: Any = None
        self.ndim: int = 1
        names: Sequence[str] = ()
        defaults: Sequence[float] | None = None
        composite = (
            build_composite(spec, self._check_range(range), functions)
            if isinstance(spec, str)
            else None
        )
        if composite is not None:
            names = composite.parameter_names
            defaults = list(composite.defaults())
            self.formula = str(spec).strip()
            self._callable = composite
            default_name = "f"
        elif isinstance(spec, str):
            predefined = lookup_predefined(spec)
            text = predefined.formula if predefined else spec
            parsed = (
                parse_formula(text, self._referenced(functions))
                if functions
                else parse_formula_cached(text)
            )
            names = parsed.parameter_names
            self.ndim = parsed.ndim
            self.formula = spec.strip()
            self._tree = parsed.tree
            self._compiled = compile_tree(parsed.tree)
            self.linear = parsed.linear
            if predefined:
                names, defaults = predefined.parameter_names, predefined.defaults
                self.number, self.linear = predefined.number, predefined.linear
            if npar is not None and npar != len(names):
                raise FunctionError(
                    f"formula {spec!r} has {len(names)} parameters, not npar={npar}"
                )
            default_name = predefined.name if predefined else "f"
        elif callable(spec):
            names, root_style = self._callable_signature(spec, npar)
            self.ndim = int(ndim or 1)
            self._callable = _CallableModel(spec, root_style, self.ndim)
            default_name = getattr(spec, "__name__", "f")
            if default_name == "<lambda>":
                default_name = "f"
        else:
            raise FunctionError(
                f"a function is a predefined name, a formula string or a callable, not {type(spec).__name__}"
            )
        if parameter_names is not None:
            if len(parameter_names) != len(names):
                raise FunctionError(
                    f"{len(parameter_names)} parameter names given for {len(names)} parameters"
                )
            names = tuple(parameter_names)
        self.name = name or default_name
        self._names = [str(n) for n in names]
        n = len(self._names)
        self._values = (
            np.array(defaults, dtype=np.float64)
            if defaults is not None and len(defaults)
            else np.zeros(n)
        )
        self._errors = np.zeros(n)
        self._lower = np.full(n, -np.inf)
        self._upper = np.full(n, np.inf)
        self._fixed = np.zeros(n, dtype=bool)
        self.range = self._check_range(range)
        #: χ², degrees of freedom and number of points of the last fit (None before a fit).
        self.chi2: float | None = None
        self.ndf: int | None = None
        self.n_fit_points: int | None = None
        #: False when a fit stored the function with option "0" (keep, do not draw).
        self.drawable = True

    # ------------------------------------------------------------------ construction helpers
    @staticmethod
    def _callable_signature(func: Callable[..., Any], npar: int | None) -> tuple[list[str], bool]:
        target = getattr(func, "py_func", func)
        try:
            sig = inspect.signature(target)
        except (TypeError, ValueError) as exc:
            if npar is None:
                raise FunctionError("cannot inspect the callable; give npar=") from exc
            return [f"p{i}" for i in range(npar)], True
        params = [
            p
            for p in sig.parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        if len(params) < 2:
            raise FunctionError(
                "a model callable takes the coordinate and the parameters: f(x, p) or f(x, a, b, ...)"
            )
        if len(params) == 2 and (npar is not None or params[1].name in _ROOT_STYLE_NAMES):
            if npar is None:
                raise FunctionError(
                    f"callable {getattr(func, '__name__', func)!r} has ROOT's signature f(x, p); "
                    "give the number of parameters with npar="
                )
            if npar < 1:
                raise FunctionError(f"npar must be >= 1, got {npar}")
            return [f"p{i}" for i in range(npar)], True
        names = [p.name for p in params[1:]]
        if npar is not None and npar != len(names):
            raise FunctionError(f"callable takes {len(names)} parameters {names}, not npar={npar}")
        return names, False

    @staticmethod
    def _referenced(functions: Mapping[str, Function] | None) -> dict[str, ParsedFormula]:
        out: dict[str, ParsedFormula] = {}
        for key, f in (functions or {}).items():
            if not isinstance(f, Function) or f.expression is None:
                raise FunctionError(f"referenced function {key!r} must be a formula Function")
            out[key] = ParsedFormula(f.expression, f.parameter_names, f.ndim, f.linear)
        return out

    @staticmethod
    def _check_range(r: Any) -> Any:
        """``(lo, hi)`` for 1-D functions, or one ``(lo, hi)`` per variable."""
        if r is None:
            return None
        if np.ndim(r[0]) > 0:
            return tuple(Function._check_range(pair) for pair in r)
        lo, hi = (float(v) for v in r)
        if not lo < hi:
            raise FunctionError(f"function range must have lo < hi, got ({lo}, {hi})")
        return (lo, hi)

    # ------------------------------------------------------------------ parameters
    @property
    def npar(self) -> int:
        """Number of parameters."""
        return len(self._names)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Parameter names in index order."""
        return tuple(self._names)

    @property
    def parameters(self) -> NDArray[np.float64]:
        """Parameter values (a copy)."""
        return self._values.copy()

    @property
    def errors(self) -> NDArray[np.float64]:
        """Parameter errors of the last fit (zeros before; a copy)."""
        return self._errors.copy()

    def index(self, key: int | str) -> int:
        """Index of a parameter given by position or name."""
        if isinstance(key, str):
            try:
                return self._names.index(key)
            except ValueError:
                from rootfit.errors import did_you_mean

                raise FunctionError(
                    f"unknown parameter {key!r}{did_you_mean(key, self._names)}; "
                    f"parameters are {self._names}"
                ) from None
        i = int(key)
        if not -self.npar <= i < self.npar:
            raise FunctionError(f"parameter index {key} out of range for {self.npar} parameters")
        return i % self.npar

    def set_parameters(self, *values: float | ArrayLike) -> None:
        """Set all parameter values (``set_parameters(1, 2, 3)`` or ``set_parameters([1, 2, 3])``)."""
        flat = np.asarray(values[0] if len(values) == 1 else values, dtype=np.float64).ravel()
        if flat.size != self.npar:
            raise FunctionError(f"expected {self.npar} parameter values, got {flat.size}")
        self._values = flat.copy()

    def set_parameter(self, key: int | str, value: float) -> None:
        """Set one parameter value."""
        self._values[self.index(key)] = float(value)

    def parameter(self, key: int | str) -> float:
        """Value of one parameter."""
        return float(self._values[self.index(key)])

    def error(self, key: int | str) -> float:
        """Error of one parameter (0 before a fit)."""
        return float(self._errors[self.index(key)])

    def set_errors(self, errors: ArrayLike) -> None:
        """Set the parameter errors (used as Minuit step sizes by the next fit, as in ROOT)."""
        e = np.asarray(errors, dtype=np.float64).ravel()
        if e.size != self.npar:
            raise FunctionError(f"expected {self.npar} errors, got {e.size}")
        self._errors = e.copy()

    def set_parameter_names(self, *names: str) -> None:
        """Rename the parameters (all of them, in order)."""
        flat = list(names[0]) if len(names) == 1 and not isinstance(names[0], str) else list(names)
        if len(flat) != self.npar:
            raise FunctionError(f"expected {self.npar} names, got {len(flat)}")
        self._names = [str(n) for n in flat]

    def set_parameter_name(self, key: int | str, name: str) -> None:
        """Rename one parameter."""
        self._names[self.index(key)] = str(name)

    def set_limits(self, key: int | str, lower: float, upper: float) -> None:
        """Bound a parameter to ``[lower, upper]`` (one side may be infinite)."""
        i = self.index(key)
        lo, up = float(lower), float(upper)
        if math.isnan(lo) or math.isnan(up) or not lo < up:
            raise FunctionError(
                f"impossible limits ({lo}, {up}) for parameter {self._names[i]!r}: need lower < upper"
            )
        self._lower[i], self._upper[i] = lo, up

    def remove_limits(self, key: int | str) -> None:
        """Make a parameter unbounded."""
        i = self.index(key)
        self._lower[i], self._upper[i] = -np.inf, np.inf

    def limits(self, key: int | str) -> tuple[float, float] | None:
        """``(lower, upper)`` of a bounded parameter, or None."""
        i = self.index(key)
        if np.isneginf(self._lower[i]) and np.isposinf(self._upper[i]):
            return None
        return float(self._lower[i]), float(self._upper[i])

    def fix(self, key: int | str, value: float | None = None) -> None:
        """Fix a parameter (at ``value`` if given)."""
        i = self.index(key)
        if value is not None:
            self._values[i] = float(value)
        self._fixed[i] = True

    def release(self, key: int | str) -> None:
        """Free a fixed parameter."""
        self._fixed[self.index(key)] = False

    def is_fixed(self, key: int | str) -> bool:
        """True if the parameter is fixed."""
        return bool(self._fixed[self.index(key)])

    # ------------------------------------------------------------------ evaluation
    def evaluate(self, x: ArrayLike, parameters: ArrayLike | None = None) -> NDArray[np.float64]:
        """Evaluate at points ``x``.

        Parameters
        ----------
        x : array_like
            Shape ``(n,)`` for a 1-D function, or ``(n, ndim)``.
        parameters : array_like, optional
            Parameter values (default: the current ones).
        """
        return self.evaluator(self._points(x), self._params(parameters))

    def _points(self, x: ArrayLike) -> NDArray[np.float64]:
        X = np.asarray(x, dtype=np.float64)
        if X.ndim <= 1 and self.ndim == 1:
            X = X.reshape(-1, 1)
        elif X.ndim == 1 and X.size == self.ndim:
            X = X.reshape(1, -1)
        if X.ndim != 2 or X.shape[1] < self.ndim:
            raise FunctionError(f"points must have shape (n, {self.ndim}), got {X.shape}")
        return np.ascontiguousarray(X)

    def _params(self, parameters: ArrayLike | None) -> NDArray[np.float64]:
        p = self._values if parameters is None else np.asarray(parameters, dtype=np.float64)
        if p.shape != (self.npar,):
            raise FunctionError(f"expected {self.npar} parameters, got shape {p.shape}")
        return np.ascontiguousarray(p)

    def _derivatives(self, wrt: str, count: int) -> Any:
        """Compiled symbolic derivatives, or None (callables, functions without a rule)."""
        if self._tree is None or count == 0:
            return None
        from rootfit.functions.compiled import compile_derivatives
        from rootfit.functions.derivative import NotDifferentiable

        try:
            return compile_derivatives(self._tree, wrt, count)
        except NotDifferentiable:
            return None

    @property
    def expression(self) -> Any:
        """The expression tree of a formula function (None for callables)."""
        return self._tree

    @property
    def expanded_formula(self) -> str | None:
        """The formula with predefined functions and macros expanded, parameters as ``[name]``
        (ROOT's ``GetExpFormula``); None for callables and composites."""
        if self._tree is None:
            return None
        from rootfit.functions.printer import to_formula

        return to_formula(self._tree, self._names)

    @property
    def has_symbolic_gradient(self) -> bool:
        """True if parameter derivatives are computed symbolically (else numerically)."""
        return self._derivatives("parameters", self.npar) is not None

    def gradient(self, x: ArrayLike, parameters: ArrayLike | None = None) -> NDArray[np.float64]:
        """``∂f/∂p_j`` at points ``x``, shape ``(n, npar)``.

        Exact (symbolic, compiled) for formulas; a Richardson central difference for callables
        and formulas using functions without a derivative rule.
        """
        X, p = self._points(x), self._params(parameters)
        compiled = self._derivatives("parameters", self.npar)
        if compiled is not None:
            return compiled.evaluate(X, p)
        from rootfit.functions.numeric import numerical_parameter_gradient

        return numerical_parameter_gradient(self.evaluator, X, p)

    def derivative(
        self, x: ArrayLike, parameters: ArrayLike | None = None, variable: int = 0
    ) -> NDArray[np.float64]:
        """``∂f/∂x_variable`` at points ``x`` (symbolic for formulas, else numerical)."""
        X, p = self._points(x), self._params(parameters)
        if not 0 <= variable < self.ndim:
            raise FunctionError(
                f"variable index {variable} out of range for a {self.ndim}-D function"
            )
        compiled = self._derivatives("variables", self.ndim)
        if compiled is not None:
            return compiled.evaluate(X, p)[:, variable]
        from rootfit.functions.numeric import numerical_variable_derivative

        return numerical_variable_derivative(self.evaluator, X, p, variable)

    # ------------------------------------------------------------------ calculus (see calculus.py)
    def integral(
        self,
        lo: float | Sequence[float],
        hi: float | Sequence[float],
        parameters: ArrayLike | None = None,
        *,
        epsrel: float = 1e-10,
    ) -> float:
        """∫ f over ``[lo, hi]`` (sequences of bounds for 2-D/3-D functions)."""
        from rootfit.functions import calculus

        return calculus.integral(self, lo, hi, parameters, epsrel=epsrel)

    def integral_error(
        self,
        lo: float | Sequence[float],
        hi: float | Sequence[float],
        covariance: ArrayLike,
        parameters: ArrayLike | None = None,
    ) -> float:
        """Error of :meth:`integral` from a parameter covariance (e.g. ``result.covariance``)."""
        from rootfit.functions import calculus

        return calculus.integral_error(self, lo, hi, covariance, parameters)

    def moment(
        self,
        n: int,
        lo: float,
        hi: float,
        parameters: ArrayLike | None = None,
        *,
        central: bool = False,
    ) -> float:
        """n-th (central) moment of f on ``[lo, hi]``."""
        from rootfit.functions import calculus

        return calculus.moment(self, n, lo, hi, parameters, central=central)

    def mean(self, lo: float, hi: float, parameters: ArrayLike | None = None) -> float:
        """``∫ x f / ∫ f`` on ``[lo, hi]``."""
        return self.moment(1, lo, hi, parameters)

    def variance(self, lo: float, hi: float, parameters: ArrayLike | None = None) -> float:
        """Second central moment on ``[lo, hi]``."""
        return self.moment(2, lo, hi, parameters, central=True)

    def maximum(
        self, lo: float, hi: float, parameters: ArrayLike | None = None
    ) -> tuple[float, float]:
        """``(x, f(x))`` at the maximum on ``[lo, hi]``."""
        from rootfit.functions import calculus

        return calculus.maximum(self, lo, hi, parameters)

    def minimum(
        self, lo: float, hi: float, parameters: ArrayLike | None = None
    ) -> tuple[float, float]:
        """``(x, f(x))`` at the minimum on ``[lo, hi]``."""
        from rootfit.functions import calculus

        return calculus.minimum(self, lo, hi, parameters)

    def get_x(self, y: float, lo: float, hi: float, parameters: ArrayLike | None = None) -> float:
        """First ``x`` in ``[lo, hi]`` where ``f(x) = y``."""
        from rootfit.functions import calculus

        return calculus.get_x(self, y, lo, hi, parameters)

    def get_random(
        self,
        rng: np.random.Generator,
        size: int | None = None,
        *,
        lo: float | None = None,
        hi: float | None = None,
        parameters: ArrayLike | None = None,
    ) -> float | NDArray[np.float64]:
        """Random values distributed as f on ``[lo, hi]`` (default: the function range)."""
        from rootfit.functions import calculus

        lo, hi = self._range_or(lo, hi)
        return calculus.get_random(self, rng, lo, hi, size, parameters)

    def _range_or(self, lo: float | None, hi: float | None) -> tuple[float, float]:
        if lo is None or hi is None:
            if self.range is None:
                raise FunctionError(f"function {self.name!r} has no range; give lo and hi")
            lo = self.range[0] if lo is None else lo
            hi = self.range[1] if hi is None else hi
        return float(lo), float(hi)

    @property
    def evaluator(
        self,
    ) -> Callable[[NDArray[np.float64], NDArray[np.float64]], NDArray[np.float64]]:
        """The raw evaluator ``evaluate(X, p)`` (``X`` contiguous, shape ``(n, ndim)``)."""
        if self._compiled is not None:
            return self._compiled.evaluate
        assert self._callable is not None
        return self._callable

    def __call__(self, x: ArrayLike, parameters: ArrayLike | None = None) -> Any:
        out = self.evaluate(x, parameters)
        return float(out[0]) if np.ndim(x) == 0 else out

    def copy(self) -> Function:
        """Independent copy of the parameter state (the compiled code is shared)."""
        new = _copy.copy(self)
        for attr in ("_values", "_errors", "_lower", "_upper", "_fixed"):
            setattr(new, attr, getattr(self, attr).copy())
        new._names = list(self._names)
        return new

    def __repr__(self) -> str:
        what = self.formula if self.formula is not None else "<callable>"
        return f"Function({self.name!r}, {what!r}, npar={self.npar})"
