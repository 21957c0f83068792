"""ROOT's composite functions for ``TF1(name, obj, xmin, xmax, npar)``: ``TF1NormSum`` (a
normalised sum with ROOT's parameter order and start values) and ``TF1Convolution`` (by FFT as
ROOT samples it, or the exact integral), and the parameter buffers ``GetParameters`` returns."""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.errors import FunctionError
from rootfit.functions import Function
from rootfit.functions.model import Model

__all__ = ["Composite", "ParameterBuffer", "TF1Convolution", "TF1NormSum", "parameters_into"]


class Composite:
    """What TF1NormSum and TF1Convolution hand to ``TF1(name, obj, xmin, xmax, npar)``: a
    composite model and its current parameter values."""

    text: str
    range: tuple[float, float]

    def model(self) -> Model:
        raise NotImplementedError

    def values(self) -> np.ndarray:
        """Current parameter values (ROOT's: taken from the component functions)."""
        return np.asarray(self.model().defaults, dtype=np.float64)

    def GetNpar(self) -> int:
        return self.model().npar

    def GetParName(self, i: int) -> str:
        return self.model().parameter_names[i]

    def GetParameters(self, buffer: Any = None) -> Any:
        return parameters_into(self.values(), buffer)

    def GetRange(self) -> tuple[float, float]:
        return self.range


class ParameterBuffer(np.ndarray):
    """ROOT's ``const double*`` of parameters: an array that also answers ``.data()``."""

    def data(self) -> np.ndarray:  # type: ignore[override]
        return np.asarray(self)


def parameters_into(values: np.ndarray, buffer: Any) -> Any:
    if buffer is None:
        return np.array(values, dtype=np.float64).view(ParameterBuffer)
    target = np.asarray(buffer)
    if target.ndim != 1 or target.size < values.size:
        raise FunctionError(f"GetParameters needs a buffer of {values.size} values")
    target[: values.size] = (
        values  # writes through a view (par[:3]) as ROOT writes through a pointer
    )
    return None


def _component(f: str | Function, key: str, functions: dict[str, Function]) -> str:
    """The name under which operand ``f`` is referenced (a formula stays text)."""
    if isinstance(f, str):
        return f
    functions[key] = f
    return key


def _current_values(model: Model, operands: dict[str, Function], maps: Any) -> np.ndarray:
    """The composite's start values with every component parameter at its function's value."""
    values = np.asarray(model.defaults, dtype=np.float64).copy()
    for mapping, f in maps:
        if f is None:
            continue
        for i, target in enumerate(mapping):
            if target is not None:
                values[target] = f.parameters[i]
    return values


class TF1NormSum(Composite):
    """``TF1NormSum(f1, f2[, ..., c1, c2, ...])`` with TF1 operands and their coefficients
    (default 1), normalised over the first function's range (or ``xmin=``, ``xmax=``), or
    ``TF1NormSum("[a]*expo, [b]*gaus", xmin, xmax)``; pass it to ``TF1(name, normsum, xmin,
    xmax, npar)``. The parameters are ROOT's: the coefficients, then each function's parameters
    in its own order without its ``Constant``, started at the functions' current values."""

    def __init__(self, *args: Any, xmin: float | None = None, xmax: float | None = None) -> None:
        self._functions: dict[str, Function] = {}
        self._coefficients: list[float] = []
        if args and isinstance(args[0], str):
            text, lo, hi = args[0], args[1], args[2]
        else:
            operands = [a for a in args if isinstance(a, Function)]
            numbers = [float(a) for a in args if not isinstance(a, Function)]
            if not operands:
                raise FunctionError("TF1NormSum needs functions (TF1) or a formula")
            self._coefficients = (numbers + [1.0] * len(operands))[: len(operands)]
            if xmin is None or xmax is None:
                rng = operands[0].range
                if rng is None:
                    raise FunctionError("give xmin= and xmax= (the functions have no range)")
                xmin, xmax = rng
            text = ", ".join(
                _component(f, f"__f{i}", self._functions) for i, f in enumerate(operands)
            )
            lo, hi = xmin, xmax
        self.text = f"NSUM({text})"
        self.range = (float(lo), float(hi))
        self._model = Model.from_spec(self.text, range=self.range, functions=self._functions)

    def model(self) -> Model:
        return self._model

    def values(self) -> np.ndarray:
        composite = self._model.source
        operands = [self._functions.get(f"__f{k}") for k in range(len(composite.maps))]
        values = _current_values(self._model, {}, zip(composite.maps, operands, strict=True))
        values[: len(self._coefficients)] = self._coefficients
        return values


class TF1Convolution(Composite):
    """``TF1Convolution(f1, f2, xmin, xmax, useFFT=True)`` with names/formulas or TF1 operands.

    As ROOT, the convolution is computed by FFT on ``SetNofPointsFFT`` points (default 10000)
    spanning ``[xmin, xmax]`` (``SetRange``), or by adaptive-free quadrature over the range
    extended by 10 % with ``useFFT=False``; the FFT is periodic over the range (choose it
    wide enough for both functions to vanish at its ends).
    """

    def __init__(
        self,
        f1: str | Function,
        f2: str | Function,
        xmin: float = 0.0,
        xmax: float = 0.0,
        useFFT: bool = True,
    ) -> None:
        self._functions: dict[str, Function] = {}
        self._names = (
            _component(f1, "__f1", self._functions),
            _component(f2, "__f2", self._functions),
        )
        self.text = f"CONV({self._names[0]}, {self._names[1]})"
        if float(xmin) < float(xmax):
            self.range = (float(xmin), float(xmax))
        elif isinstance(f1, Function) and f1.range is not None:
            self.range = tuple(float(v) for v in f1.range)  # type: ignore[assignment]
        else:
            raise FunctionError("TF1Convolution needs a range: TF1Convolution(f1, f2, xmin, xmax)")
        self._fft = bool(useFFT)
        self._points = 10000

    def SetRange(self, xmin: float, xmax: float) -> None:
        """The range of the convolution (the FFT's sampling window)."""
        if not float(xmin) < float(xmax):
            raise FunctionError(f"invalid convolution range ({xmin}, {xmax})")
        self.range = (float(xmin), float(xmax))

    def SetNofPointsFFT(self, n: int) -> None:
        if int(n) < 2:
            raise FunctionError(f"an FFT convolution needs at least 2 points, got {n}")
        self._points = int(n)

    def SetExtraRange(self, fraction: float) -> None:
        """Widen the range by ``fraction`` of its width on each side."""
        lo, hi = self.range
        self.range = (lo - fraction * (hi - lo), hi + fraction * (hi - lo))

    def model(self) -> Model:
        from rootfit.functions.composite import ConvolutionModel
        from rootfit.functions.model import composite_model

        def part(name: str) -> Model:
            named = self._functions.get(name)
            return named.model if named is not None else Model.from_spec(name)

        conv = ConvolutionModel(
            part(self._names[0]),
            part(self._names[1]),
            self.range,
            method="fft" if self._fft else "quadrature",
            fft_points=self._points,
        )
        return composite_model(conv, self.text)

    def values(self) -> np.ndarray:
        model = self.model()
        conv = model.source
        maps = ((conv.map1, self._functions.get("__f1")), (conv.map2, self._functions.get("__f2")))
        return _current_values(model, {}, maps)
