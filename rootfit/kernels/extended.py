"""Minuit2's limit transformations in the arithmetic of the platform's ``long double``.

Minuit2 computes its parameter transformations (``SinParameterTransformation`` for two limits,
``SqrtLow``/``SqrtUp`` for one) in ``long double`` and rounds the result to ``double``. On
x86-64 Linux that is the x87 80-bit format with glibc's ``sinl``/``asinl``/``cosl``; double
arithmetic gives values that differ in the last bit, and on a long ill-conditioned fit those
bits grow. The functions here are numba intrinsics that emit the same operations in LLVM's
``x86_fp80`` type and call the same libm functions, so the compiled Migrad
(:mod:`rootfit.kernels.migrad`) sees exactly the values Minuit2 sees.

:data:`ARITHMETIC` says which arithmetic this platform's ``long double`` is:

* ``"x87"`` — 80-bit extended (x86-64 with a 64-bit significand): emitted as ``x86_fp80``;
* ``"double"`` — ``long double`` is ``double`` (MSVC, Apple arm64): plain double;
* ``"other"`` — anything else (IEEE quad on aarch64 Linux, PowerPC double-double): the
  functions compute in double and :data:`EXACT` is False, so callers keep bounded fits on
  Minuit2 itself.

Each function is written from the formula Minuit2 documents (``Lower + (Upper - Lower)/2 ·
(sin v + 1)`` and so on, step for step in its order of operations) and twinned in
tests/test_extended.py against numpy's ``longdouble`` and against Minuit2 through iminuit.
"""

from __future__ import annotations

import ctypes.util
import platform
from typing import Any

import llvmlite.binding as llvm
import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

__all__ = [
    "ARITHMETIC",
    "EXACT",
    "sin_dint2ext",
    "sin_ext2int",
    "sin_int2ext",
    "sqrt_dint2ext",
    "sqrt_ext2int",
    "sqrt_int2ext",
]


def _arithmetic() -> str:
    bits = np.finfo(np.longdouble).nmant
    if bits == 52:
        return "double"
    if bits == 63 and platform.machine().lower() in ("x86_64", "amd64", "i386", "i686"):
        return "x87"
    return "other"


#: The platform's ``long double`` (see the module docstring).
ARITHMETIC = _arithmetic()

#: Whether the functions here reproduce Minuit2's ``long double`` results bit for bit.
EXACT = ARITHMETIC in ("x87", "double")

if ARITHMETIC == "x87":  # the compiled code calls sinl, asinl, cosl: make libm's visible
    _libm = ctypes.util.find_library("m")
    if _libm is not None:
        llvm.load_library_permanently(_libm)
    if llvm.address_of_symbol("sinl") is None:  # pragma: no cover - no libm to link
        ARITHMETIC, EXACT = "other", False


class _X87(ir.Type):
    """LLVM's ``x86_fp80`` (llvmlite has no class for it)."""

    def _to_string(self) -> str:
        return "x86_fp80"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _X87)

    def __hash__(self) -> int:
        return hash("x86_fp80")


_DOUBLE = ir.DoubleType()


class _Long:
    """Emits ``long double`` operations with one IR builder: values are widened from double
    once, each operation rounds to the long format, :meth:`narrow` rounds back to double."""

    def __init__(self, builder: Any) -> None:
        self.builder = builder
        self.type: ir.Type = _X87() if ARITHMETIC == "x87" else _DOUBLE

    def widen(self, value: Any) -> Any:
        if self.type == _DOUBLE:
            return value
        return self.builder.fpext(value, self.type)

    def constant(self, value: float) -> Any:
        return self.widen(ir.Constant(_DOUBLE, value))

    def narrow(self, value: Any) -> Any:
        if self.type == _DOUBLE:
            return value
        return self.builder.fptrunc(value, _DOUBLE)

    def add(self, a: Any, b: Any) -> Any:
        return self.builder.fadd(a, b)

    def sub(self, a: Any, b: Any) -> Any:
        return self.builder.fsub(a, b)

    def mul(self, a: Any, b: Any) -> Any:
        return self.builder.fmul(a, b)

    def div(self, a: Any, b: Any) -> Any:
        return self.builder.fdiv(a, b)

    def call(self, name: str, value: Any) -> Any:
        """``sinl``/``asinl``/``cosl`` of libm (``sin``... when long double is double)."""
        if self.type == _DOUBLE:
            name = name[:-1]
        function = cgutils.get_or_insert_function(
            self.builder.module, ir.FunctionType(self.type, [self.type]), name
        )
        return self.builder.call(function, [value])

    def sqrt(self, value: Any) -> Any:
        """Correctly rounded square root (the x87 ``fsqrt`` the C++ compiler emits)."""
        suffix = "f80" if self.type != _DOUBLE else "f64"
        function = cgutils.get_or_insert_function(
            self.builder.module, ir.FunctionType(self.type, [self.type]), f"llvm.sqrt.{suffix}"
        )
        return self.builder.call(function, [value])


_F8 = types.float64


def _codegen(build: Any) -> Any:
    """Lowering of ``double f(double, ...)`` whose body ``build(ld, *widened)`` emits long
    double operations with :class:`_Long` and returns one long double value."""

    def codegen(context: Any, builder: Any, sig: Any, values: Any) -> Any:
        ld = _Long(builder)
        return ld.narrow(build(ld, *(ld.widen(v) for v in values)))

    return codegen


def _emit(build: Any, arity: int) -> Any:
    """The numba intrinsic of ``build`` taking ``arity`` doubles (intrinsics need a fixed
    argument list, hence one typer per arity)."""
    signature = _F8(*([_F8] * arity))
    codegen = _codegen(build)

    def typer2(typingctx: Any, a: Any, b: Any) -> Any:
        return signature, codegen

    def typer3(typingctx: Any, a: Any, b: Any, c: Any) -> Any:
        return signature, codegen

    def typer6(typingctx: Any, a: Any, b: Any, c: Any, d: Any, e: Any, f: Any) -> Any:
        return signature, codegen

    typer = {2: typer2, 3: typer3, 6: typer6}[arity]
    typer.__name__ = typer.__qualname__ = build.__name__.lstrip("_")
    typer.__doc__ = build.__doc__
    return intrinsic(typer)


def _sin_int2ext(ld: _Long, value: Any, lower: Any, upper: Any) -> Any:
    """``lower + 0.5·(upper − lower)·(sin(value) + 1)``."""
    half_range = ld.mul(ld.constant(0.5), ld.sub(upper, lower))
    return ld.add(lower, ld.mul(half_range, ld.add(ld.call("sinl", value), ld.constant(1.0))))


def _sin_dint2ext(ld: _Long, value: Any, lower: Any, upper: Any) -> Any:
    """``0.5·((upper − lower)·cos(value))``."""
    return ld.mul(ld.constant(0.5), ld.mul(ld.sub(upper, lower), ld.call("cosl", value)))


def _sin_ext2int(
    ld: _Long, value: Any, lower: Any, upper: Any, piby2: Any, distnn: Any, bound: Any
) -> Any:
    """``asin(yy)`` with ``yy = 2·(value − lower)/(upper − lower) − 1``, or just inside the
    limit (``∓(piby2 − distnn)``) when ``yy² > bound``; ``piby2``, ``distnn`` and ``bound =
    1 − eps²`` are the doubles Minuit2 computes in double."""
    ratio = ld.div(ld.mul(ld.constant(2.0), ld.sub(value, lower)), ld.sub(upper, lower))
    yy = ld.sub(ratio, ld.constant(1.0))
    high = ld.sub(piby2, distnn)
    low = ld.add(ld.builder.fneg(piby2), distnn)
    zero = ld.constant(0.0)
    limit = ld.builder.select(ld.builder.fcmp_ordered("<", yy, zero), low, high)
    outside = ld.builder.fcmp_ordered(">", ld.mul(yy, yy), bound)
    return ld.builder.select(outside, limit, ld.call("asinl", yy))


def _sqrt_int2ext(ld: _Long, value: Any, limit: Any, sign: Any) -> Any:
    """``limit − 1 + sqrt(value² + 1)`` (lower limit, ``sign`` = 1) or ``limit + 1 −
    sqrt(value² + 1)`` (upper limit, ``sign`` = −1)."""
    root = ld.sqrt(ld.add(ld.mul(value, value), ld.constant(1.0)))
    lower = ld.add(ld.sub(limit, ld.constant(1.0)), root)
    upper = ld.sub(ld.add(limit, ld.constant(1.0)), root)
    positive = ld.builder.fcmp_ordered(">", sign, ld.constant(0.0))
    return ld.builder.select(positive, lower, upper)


def _sqrt_ext2int(ld: _Long, value: Any, limit: Any, sign: Any) -> Any:
    """``sqrt(yy² − 1)`` with ``yy = value − limit + 1`` (lower limit, ``sign`` = 1) or ``yy =
    limit − value + 1`` (upper, ``sign`` = −1); 0 when ``yy² < 1``."""
    positive = ld.builder.fcmp_ordered(">", sign, ld.constant(0.0))
    one = ld.constant(1.0)
    yy = ld.builder.select(
        positive, ld.add(ld.sub(value, limit), one), ld.add(ld.sub(limit, value), one)
    )
    yy2 = ld.mul(yy, yy)
    inside = ld.builder.fcmp_ordered("<", yy2, one)
    return ld.builder.select(inside, ld.constant(0.0), ld.sqrt(ld.sub(yy2, one)))


def _sqrt_dint2ext(ld: _Long, value: Any, sign: Any) -> Any:
    """``±value / sqrt(value² + 1)`` (``sign`` = 1 for a lower limit, −1 for an upper)."""
    root = ld.sqrt(ld.add(ld.mul(value, value), ld.constant(1.0)))
    positive = ld.builder.fcmp_ordered(">", sign, ld.constant(0.0))
    signed = ld.builder.select(positive, value, ld.builder.fneg(value))
    return ld.div(signed, root)


sin_int2ext = _emit(_sin_int2ext, 3)
sin_dint2ext = _emit(_sin_dint2ext, 3)
sin_ext2int = _emit(_sin_ext2int, 6)
sqrt_int2ext = _emit(_sqrt_int2ext, 3)
sqrt_ext2int = _emit(_sqrt_ext2int, 3)
sqrt_dint2ext = _emit(_sqrt_dint2ext, 2)
