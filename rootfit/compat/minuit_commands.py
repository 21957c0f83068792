"""ROOT's legacy Minuit interface: ``TMinuit`` (``SetFCN``, ``mnparm``, ``mnexcm``, ``mnstat``,
``GetParameter``) and the ``TVirtualFitter::Fitter(obj, npar)`` object (``SetParameter``,
``SetFCN``, ``ExecuteCommand``, ``GetStats``), as old macros drive a user objective.

The objective is ROOT's ``fcn(npar, gin, f, par, iflag)`` writing its value to ``f`` (PyROOT
passes a ``ctypes.c_double``: ``f.value = chi2``; ``f[0] = chi2`` works too) or a Python
``fcn(par)`` returning it. Commands (``MIGRAD [maxcalls [tolerance]]``, ``SIMPLEX``,
``MINIMIZE``, ``HESSE``, ``MINOS``, ``SET ERR``, ``SET STRATEGY``, ``SET PRINT``, ``FIX``,
``RELEASE``, ``SET PARAMETER``) each run rootfit's :class:`~rootfit.Fitter` with ROOT's TMinuit
conventions; results come back through the reference arguments (``ctypes`` objects) and as
return values.
"""

from __future__ import annotations

import inspect
import math
from typing import Any

import numpy as np

from rootfit.compat import session
from rootfit.costs import CallableCost, FitType
from rootfit.errors import FitError, FitOptionError, RootfitWarning, warn
from rootfit.fitter import Fitter, ParameterSettings
from rootfit.options import MinimizerOptions
from rootfit.result import FitResult

__all__ = ["TFitter", "TMinuit", "fcn_objective", "write_reference"]


class Ref:
    """A value passed by reference to a ROOT-style objective: ``r.value`` or ``r[0]``."""

    def __init__(self, value: float = 0.0) -> None:
        self.value = value

    def __getitem__(self, i: int) -> float:
        return self.value

    def __setitem__(self, i: int, value: float) -> None:
        self.value = value

    def __float__(self) -> float:
        return float(self.value)

    def __int__(self) -> int:
        return int(self.value)

    def __index__(self) -> int:
        return int(self.value)


def fcn_objective(fcn: Any) -> Any:
    """``objective(parameters) -> float`` from ROOT's five-argument FCN or a Python
    ``fcn(par)``."""
    try:
        root_style = len(inspect.signature(fcn).parameters) == 5
    except (TypeError, ValueError):
        root_style = False
    if not root_style:
        return lambda p: float(fcn(p))

    def objective(p: Any) -> float:
        value = Ref(0.0)
        par = np.ascontiguousarray(p, dtype=np.float64)
        fcn(Ref(len(par)), np.zeros(len(par)), value, par, 4)
        return float(value.value)

    return objective


def write_reference(ref: Any, value: float) -> None:
    """Write ``value`` into a caller's reference (a ``ctypes`` object, a 1-element array)."""
    if ref is None:
        return
    if hasattr(ref, "value"):
        ref.value = type(ref.value)(value) if isinstance(ref.value, int) else value
    else:
        ref[0] = value


class _MinuitState:
    """What a TMinuit session holds: the objective, the parameters, ErrorDef, strategy and the
    last minimum."""

    def __init__(self) -> None:
        self.fcn: Any = None
        self.parameters: dict[int, ParameterSettings] = {}
        self.errordef = 1.0
        self.strategy = 1
        self.result: FitResult | None = None

    def define(
        self, i: int, name: str, value: float, step: float, lower: float = 0.0, upper: float = 0.0
    ) -> int:
        """``mnparm``: ROOT's rule — ``lower == upper == 0`` means no limits; step 0 fixes."""
        lo, hi = (
            (-math.inf, math.inf) if lower == 0 and upper == 0 else (float(lower), float(upper))
        )
        if not lo < hi:
            return 1
        self.parameters[int(i)] = ParameterSettings(
            str(name), float(value), abs(float(step)) or 0.1, lo, hi, fixed=float(step) == 0
        )
        self.result = None
        return 0

    def settings(self) -> list[ParameterSettings]:
        indices = sorted(self.parameters)
        if indices != list(range(len(indices))):
            raise FitOptionError(f"parameters must be numbered 0..n-1, got {indices}")
        return [self.parameters[i] for i in indices]

    def options(self, **changes: Any) -> MinimizerOptions:
        return MinimizerOptions(
            minimizer_type="Minuit", error_def=self.errordef, strategy=self.strategy, **changes
        )

    def minimize(self, algorithm: str, args: list[float]) -> int:
        if self.fcn is None:
            raise FitError("no objective: call SetFCN first")
        settings = self.settings()
        calls = int(args[0]) if args and args[0] > 0 else 0
        tolerance = float(args[1]) if len(args) > 1 and args[1] > 0 else 0.1
        options = self.options(algorithm=algorithm, tolerance=tolerance)
        if calls:
            options = options.with_(max_function_calls=calls)
        cost = CallableCost(
            fcn_objective(self.fcn), [s.name for s in settings], ndata=0, fit_type=FitType.GENERIC
        )
        self.result = Fitter(options).fit(
            cost, settings
        )  # Migrad's covariance (Hesse's at strategy >= 1)
        self._keep()
        return 0 if self.result.valid else 4

    def _keep(self) -> None:
        """The new values become the start of the next command; ``gMinuit`` sees the fit."""
        assert self.result is not None
        values = self.result.values.to_numpy()
        errors = self.result.errors.to_numpy()
        for i, s in self.parameters.items():
            step = float(errors[i]) if errors[i] > 0 else s.step
            self.parameters[i] = ParameterSettings(
                s.name, float(values[i]), step, s.lower, s.upper, s.fixed
            )
        session.set_last_fit(self.result)

    def execute(self, command: str, args: list[float]) -> int:
        """One Minuit command; ROOT's ``ierflg`` (0 success)."""
        words = command.upper().split()
        if not words:
            return 0
        head = words[0][:4]
        sub = words[1][:3] if len(words) > 1 else ""
        if head in ("MIGR", "MINI", "SIMP"):
            algorithm = {"MIGR": "Migrad", "MINI": "Minimize", "SIMP": "Simplex"}[head]
            return self.minimize(algorithm, args)
        if head == "HESS":
            self.result = Fitter(self.options()).calculate_hess_errors(self._need())
            self._keep()
            return 0 if self.result.valid else 4
        if head == "MINO":
            self.result = Fitter(self.options()).calculate_minos_errors(self._need())
            self._keep()
            return 0
        if head == "SET" and sub == "ERR" and args:
            self.errordef = float(args[0])
            return 0
        if head == "SET" and sub == "STR" and args:
            self.strategy = int(args[0])
            return 0
        if head == "SET" and sub == "PAR" and len(args) >= 2:
            s = self.parameters[int(args[0]) - 1]
            self.parameters[int(args[0]) - 1] = ParameterSettings(
                s.name, float(args[1]), s.step, s.lower, s.upper, s.fixed
            )
            return 0
        if head in ("FIX", "RELE"):
            for number in args:
                s = self.parameters[int(number) - 1]
                self.parameters[int(number) - 1] = ParameterSettings(
                    s.name, s.value, s.step, s.lower, s.upper, head == "FIX"
                )
            return 0
        if head == "SET" and sub in ("PRI", "NOW", "WAR", "NOG", "GRA", "EPS"):
            return 0  # printing, warnings, gradient and precision settings: accepted
        warn(f"Minuit command {command!r} is not supported by rootfit's façade", RootfitWarning)
        return 3

    def free(self) -> int:
        """Number of parameters not fixed."""
        return sum(not s.fixed for s in self.parameters.values())

    def stat(self) -> tuple[float, float, float, int, int, int]:
        """``(amin, edm, errdef, nvpar, nparx, icstat)`` of the last minimum."""
        r = self._need()
        return (float(r.min_fcn), float(r.edm), self.errordef, self.free(), len(self.parameters),
                max(int(r.cov_status), 0))  # fmt: skip

    def parameter(self, i: int) -> tuple[float, float]:
        if self.result is not None:
            return float(self.result.values.to_numpy()[i]), float(self.result.errors.to_numpy()[i])
        s = self.parameters[int(i)]
        return s.value, s.step

    def _need(self) -> FitResult:
        if self.result is None:
            raise FitError("no minimum yet: run MIGRAD first")
        return self.result


class TMinuit:
    """``TMinuit(maxpar)``: ``SetFCN``, ``mnparm``/``DefineParameter``, ``mnexcm``/``Command``,
    ``Migrad``, ``mnstat``, ``GetParameter``."""

    def __init__(self, maxpar: int = 25) -> None:
        self._state = _MinuitState()

    def SetFCN(self, fcn: Any) -> None:
        self._state.fcn = fcn

    def SetPrintLevel(self, level: int = 0) -> int:
        return 0

    def SetErrorDef(self, up: float) -> int:
        self._state.errordef = float(up)
        return 0

    def mnparm(
        self,
        i: int,
        name: str,
        value: float,
        step: float,
        lower: float,
        upper: float,
        ierflg: Any = None,
    ) -> int:
        code = self._state.define(i, name, value, step, lower, upper)
        write_reference(ierflg, code)
        return code

    def DefineParameter(
        self, i: int, name: str, value: float, step: float, lower: float = 0.0, upper: float = 0.0
    ) -> int:
        return self._state.define(i, name, value, step, lower, upper)

    def mnexcm(self, command: str, arglist: Any = None, nargs: int = 0, ierflg: Any = None) -> int:
        args = [
            float(a)
            for a in np.asarray(arglist if arglist is not None else [], dtype=np.float64)[
                : int(nargs)
            ]
        ]
        code = self._state.execute(command, args)
        write_reference(ierflg, code)
        return code

    def Command(self, command: str) -> int:
        """``Command("MIGRAD 500 1")``: the arguments written in the command."""
        words = command.split()
        numbers = [w for w in words if _is_number(w)]
        text = " ".join(w for w in words if not _is_number(w))
        return self._state.execute(text, [float(n) for n in numbers])

    def Migrad(self) -> int:
        return self._state.execute("MIGRAD", [])

    def mnstat(self, amin: Any = None, edm: Any = None, errdef: Any = None, nvpar: Any = None,
               nparx: Any = None, icstat: Any = None) -> tuple[float, float, float, int, int, int]:  # fmt: skip
        values = self._state.stat()
        for ref, value in zip((amin, edm, errdef, nvpar, nparx, icstat), values, strict=True):
            write_reference(ref, value)
        return values

    def GetParameter(self, i: int, value: Any = None, error: Any = None) -> tuple[float, float]:
        v, e = self._state.parameter(int(i))
        write_reference(value, v)
        write_reference(error, e)
        return v, e

    def GetNumPars(self) -> int:
        return len(self._state.parameters)

    def GetNumFreePars(self) -> int:
        return self._state.free()


class TFitter:
    """What ``TVirtualFitter::Fitter(obj, maxpar)`` returns: ``SetParameter``, ``SetFCN``,
    ``ExecuteCommand``, ``GetParameter``, ``GetParError``, ``GetStats``."""

    def __init__(self, obj: Any = None, maxpar: int = 25) -> None:
        self._state = _MinuitState()

    def SetFCN(self, fcn: Any) -> None:
        self._state.fcn = fcn

    def SetParameter(
        self, i: int, name: str, value: float, step: float, lower: float, upper: float
    ) -> int:
        return self._state.define(i, name, value, step, lower, upper)

    def ExecuteCommand(self, command: str, args: Any = None, nargs: int = 0) -> int:
        values = [
            float(a)
            for a in np.asarray(args if args is not None else [], dtype=np.float64)[: int(nargs)]
        ]
        return self._state.execute(command, values)

    def GetParameter(self, i: int) -> float:
        return self._state.parameter(int(i))[0]

    def GetParError(self, i: int) -> float:
        return self._state.parameter(int(i))[1]

    def GetNumberTotalParameters(self) -> int:
        return len(self._state.parameters)

    def GetNumberFreeParameters(self) -> int:
        return self._state.free()

    def GetStats(self, amin: Any = None, edm: Any = None, errdef: Any = None, nvpar: Any = None, nparx: Any = None) -> tuple[float, float, float, int, int]:  # fmt: skip
        values = self._state.stat()[:5]
        for ref, value in zip((amin, edm, errdef, nvpar, nparx), values, strict=True):
            write_reference(ref, value)
        return values

    def GetCovarianceMatrixElement(self, i: int, j: int) -> float:
        return float(self._state._need().covariance[int(i), int(j)])


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
