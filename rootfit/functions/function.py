"""``Function``: a model with named parameters, limits and fixed flags (ROOT's TF1).

A Function is the pair of a frozen :class:`~rootfit.functions.model.Model` (the mathematics,
compiled on demand) and a :class:`~rootfit.functions.state.ParameterState` (values, errors,
limits, fixed flags, steps). Changing a parameter replaces the state; the model is shared by
copies. :func:`rootfit.fit` reads both and changes neither; only the ROOT-style
``Histogram.fit`` / ``Graph.fit`` update the Function afterwards, as ROOT updates its TF1
(:mod:`rootfit.fitting.root_style`). A Function pickles (its model as a formula tree or an
importable callable).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from rootfit.errors import FunctionError, did_you_mean
from rootfit.functions.model import Evaluator, Model
from rootfit.functions.state import ParameterState

__all__ = ["Function"]


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
    **start : float
        Start values by parameter name (``Function("gaus", Mean=0.3)``). A callable's
        signature defaults (``f(x, a=1.0)``) are its start values too.

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
        **start: float,
    ) -> None:
        checked = self._check_range(range)
        model = Model.from_spec(
            spec,
            npar=npar,
            ndim=ndim,
            parameter_names=parameter_names,
            functions=functions,
            range=checked,
        )
        state = ParameterState.initial(model.defaults)
        if start:
            state = state.with_overrides(model.parameter_names, start=start)
        self._setup(model, state, name, checked)

    def _setup(self, model: Model, state: ParameterState, name: str | None, range: Any) -> None:
        self._model = model
        self._state = state
        self.name = name or model.name
        self.range = range
        #: χ², degrees of freedom and number of points of the last fit (None before a fit).
        self.chi2: float | None = None
        self.ndf: int | None = None
        self.n_fit_points: int | None = None
        #: False when a fit stored the function with option "0" (keep, do not draw).
        self.drawable = True

    @classmethod
    def from_model(
        cls,
        model: Model,
        state: ParameterState | None = None,
        *,
        name: str | None = None,
        range: Any = None,
    ) -> Function:
        """A Function made of a model and (optionally) a parameter state."""
        new = cls.__new__(cls)
        new._setup(model, state or ParameterState.initial(model.defaults), name, range)
        return new

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

    # ------------------------------------------------------------------ model and state
    @property
    def model(self) -> Model:
        """The frozen model (the mathematics, without parameter values)."""
        return self._model

    @property
    def state(self) -> ParameterState:
        """The current parameter state (an immutable snapshot)."""
        return self._state

    @state.setter
    def state(self, state: ParameterState) -> None:
        if len(state) != self.npar:
            raise FunctionError(f"a state of {len(state)} parameters for {self.npar} parameters")
        self._state = state

    @property
    def formula(self) -> str | None:
        """The text the function was made from (None for callables)."""
        return self._model.formula

    @property
    def ndim(self) -> int:
        """Number of variables."""
        return self._model.ndim

    @property
    def linear(self) -> bool:
        """Linear in the parameters (ROOT's linear fitter applies)."""
        return self._model.traits.linear

    @property
    def number(self) -> int:
        """ROOT's ``TF1::GetNumber()`` (100 gaus, 200 expo, 300+N polN ...; 0 otherwise)."""
        return self._model.traits.root_number

    # ------------------------------------------------------------------ parameters
    @property
    def npar(self) -> int:
        """Number of parameters."""
        return self._model.npar

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Parameter names in index order."""
        return self._model.parameter_names

    @property
    def parameters(self) -> NDArray[np.float64]:
        """Parameter values (a copy)."""
        return self._state.values.copy()

    @property
    def errors(self) -> NDArray[np.float64]:
        """Parameter errors of the last fit (zeros before; a copy)."""
        return self._state.errors.copy()

    def index(self, key: int | str) -> int:
        """Index of a parameter given by position or name."""
        names = self.parameter_names
        if isinstance(key, str):
            try:
                return names.index(key)
            except ValueError:
                raise FunctionError(
                    f"unknown parameter {key!r}{did_you_mean(key, names)}; "
                    f"parameters are {list(names)}"
                ) from None
        i = int(key)
        if not -self.npar <= i < self.npar:
            raise FunctionError(f"parameter index {key} out of range for {self.npar} parameters")
        return i % self.npar

    def set_parameters(self, *values: float | ArrayLike, **named: float) -> None:
        """Set all parameter values (``set_parameters(1, 2, 3)`` or ``set_parameters([1, 2, 3])``)
        and/or some by name (``set_parameters(norm=3)``)."""
        if values:
            flat = np.asarray(values[0] if len(values) == 1 else values, dtype=np.float64).ravel()
            if flat.size != self.npar:
                raise FunctionError(f"expected {self.npar} parameter values, got {flat.size}")
            self._state = self._state.replace(values=flat)
        if named:
            self._state = self._state.with_overrides(self.parameter_names, start=named)

    def set_parameter(self, key: int | str, value: float) -> None:
        """Set one parameter value."""
        self._state = self._state.with_value(self.index(key), value)

    def parameter(self, key: int | str) -> float:
        """Value of one parameter."""
        return float(self._state.values[self.index(key)])

    def error(self, key: int | str) -> float:
        """Error of one parameter (0 before a fit)."""
        return float(self._state.errors[self.index(key)])

    def set_errors(self, errors: ArrayLike) -> None:
        """Set the parameter errors (used as Minuit step sizes by the next fit, as in ROOT)."""
        e = np.asarray(errors, dtype=np.float64).ravel()
        if e.size != self.npar:
            raise FunctionError(f"expected {self.npar} errors, got {e.size}")
        self._state = self._state.replace(errors=e)

    def set_error(self, key: int | str, error: float) -> None:
        """Set the error of one parameter."""
        self._state = self._state.with_error(self.index(key), error)

    def set_step(self, key: int | str, step: float) -> None:
        """Explicit Minuit step size of one parameter (0: ROOT's rule from error/limits/value)."""
        self._state = self._state.with_step(self.index(key), step)

    def set_parameter_names(self, *names: str) -> None:
        """Rename the parameters (all of them, in order)."""
        flat = list(names[0]) if len(names) == 1 and not isinstance(names[0], str) else list(names)
        if len(flat) != self.npar:
            raise FunctionError(f"expected {self.npar} names, got {len(flat)}")
        self._model = self._model.renamed(flat)

    def set_parameter_name(self, key: int | str, name: str) -> None:
        """Rename one parameter."""
        names = list(self.parameter_names)
        names[self.index(key)] = str(name)
        self._model = self._model.renamed(names)

    def set_limits(self, key: int | str, lower: float, upper: float) -> None:
        """Bound a parameter to ``[lower, upper]`` (one side may be infinite)."""
        i = self.index(key)
        try:
            self._state = self._state.with_limits(i, lower, upper)
        except FunctionError as exc:
            raise FunctionError(f"{exc} for parameter {self.parameter_names[i]!r}") from None

    def remove_limits(self, key: int | str) -> None:
        """Make a parameter unbounded."""
        self._state = self._state.without_limits(self.index(key))

    def limits(self, key: int | str) -> tuple[float, float] | None:
        """``(lower, upper)`` of a bounded parameter, or None."""
        return self._state.limits(self.index(key))

    def fix(self, key: int | str, value: float | None = None) -> None:
        """Fix a parameter (at ``value`` if given)."""
        i = self.index(key)
        state = self._state if value is None else self._state.with_value(i, value)
        self._state = state.with_fixed(i, True)

    def release(self, key: int | str) -> None:
        """Free a fixed parameter."""
        self._state = self._state.with_fixed(self.index(key), False)

    def is_fixed(self, key: int | str) -> bool:
        """True if the parameter is fixed."""
        return bool(self._state.fixed[self.index(key)])

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
        p = self._state.values if parameters is None else np.asarray(parameters, dtype=np.float64)
        if p.shape != (self.npar,):
            raise FunctionError(f"expected {self.npar} parameters, got shape {p.shape}")
        return np.ascontiguousarray(p)

    @property
    def expression(self) -> Any:
        """The expression tree of a formula function (None for callables)."""
        return self._model.expression

    @property
    def expanded_formula(self) -> str | None:
        """The formula with predefined functions and macros expanded, parameters as ``[name]``
        (ROOT's ``GetExpFormula``); None for callables and composites."""
        if self._model.expression is None:
            return None
        from rootfit.functions.printer import to_formula

        return to_formula(self._model.expression, list(self.parameter_names))

    @property
    def has_symbolic_gradient(self) -> bool:
        """True if parameter derivatives are computed symbolically (else numerically)."""
        return self._model.has_symbolic_gradient

    def gradient(self, x: ArrayLike, parameters: ArrayLike | None = None) -> NDArray[np.float64]:
        """``∂f/∂p_j`` at points ``x``, shape ``(n, npar)``.

        Exact (symbolic, compiled) for formulas; a Richardson central difference for callables
        and formulas using functions without a derivative rule.
        """
        return self._model.gradient(self._points(x), self._params(parameters))

    def derivative(
        self, x: ArrayLike, parameters: ArrayLike | None = None, variable: int = 0
    ) -> NDArray[np.float64]:
        """``∂f/∂x_variable`` at points ``x`` (symbolic for formulas, else numerical)."""
        if not 0 <= variable < self.ndim:
            raise FunctionError(
                f"variable index {variable} out of range for a {self.ndim}-D function"
            )
        return self._model.derivative(self._points(x), self._params(parameters), variable)

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

        return calculus.integral(self._model, lo, hi, self._params(parameters), epsrel=epsrel)

    def integral_error(
        self,
        lo: float | Sequence[float],
        hi: float | Sequence[float],
        covariance: ArrayLike,
        parameters: ArrayLike | None = None,
    ) -> float:
        """Error of :meth:`integral` from a parameter covariance (e.g. ``result.covariance``)."""
        from rootfit.functions import calculus

        return calculus.integral_error(self._model, lo, hi, covariance, self._params(parameters))

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

        p = self._params(parameters)
        return calculus.moment(self._model, n, lo, hi, p, central=central, label=self.name)

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

        return calculus.maximum(self._model, lo, hi, self._params(parameters))

    def minimum(
        self, lo: float, hi: float, parameters: ArrayLike | None = None
    ) -> tuple[float, float]:
        """``(x, f(x))`` at the minimum on ``[lo, hi]``."""
        from rootfit.functions import calculus

        return calculus.minimum(self._model, lo, hi, self._params(parameters))

    def get_x(self, y: float, lo: float, hi: float, parameters: ArrayLike | None = None) -> float:
        """First ``x`` in ``[lo, hi]`` where ``f(x) = y``."""
        from rootfit.functions import calculus

        return calculus.get_x(self._model, y, lo, hi, self._params(parameters), label=self.name)

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
        p = self._params(parameters)
        return calculus.get_random(self._model, rng, lo, hi, size, p, label=self.name)

    def _range_or(self, lo: float | None, hi: float | None) -> tuple[float, float]:
        if lo is None or hi is None:
            if self.range is None:
                raise FunctionError(f"function {self.name!r} has no range; give lo and hi")
            lo = self.range[0] if lo is None else lo
            hi = self.range[1] if hi is None else hi
        return float(lo), float(hi)

    @property
    def evaluator(self) -> Evaluator:
        """The raw evaluator ``evaluate(X, p)`` (``X`` contiguous, shape ``(n, ndim)``)."""
        return self._model.evaluator

    def __call__(self, x: ArrayLike, parameters: ArrayLike | None = None) -> Any:
        out = self.evaluate(x, parameters)
        return float(out[0]) if np.ndim(x) == 0 else out

    def copy(self) -> Function:
        """Independent copy (model and state are immutable, so they are shared)."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

    def __repr__(self) -> str:
        what = self.formula if self.formula is not None else "<callable>"
        shown = [f"{n}={v:.6g}" for n, v in zip(self.parameter_names, self.parameters, strict=True)]
        if len(shown) > 8:
            shown = [*shown[:8], f"... ({len(shown)} parameters)"]
        where = f", range={tuple(self.range)}" if self.range is not None else ""
        return f"Function({self.name!r}, {what!r}, {', '.join(shown)}{where})"

    def _repr_html_(self) -> str:
        """Notebook view: formula, range and the parameters with errors, limits, fixed."""
        from rootfit._html import table

        state = self.state
        rows = []
        for i, name in enumerate(self.parameter_names):
            limits = self.limits(i)
            rows.append(
                [i, name, f"{self.parameters[i]:.6g}", f"{self.errors[i]:.3g}",
                 "" if limits is None else f"[{limits[0]:.4g}, {limits[1]:.4g}]",
                 "yes" if state.fixed[i] else ""]
            )  # fmt: skip
        what = self.formula if self.formula is not None else "<Python callable>"
        caption = f"Function {self.name}: {what}" + (
            f" on {tuple(self.range)}" if self.range is not None else ""
        )
        return table(rows, ["", "name", "value", "error", "limits", "fixed"], caption=caption)
