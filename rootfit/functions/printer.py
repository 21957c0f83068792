"""Render an expression tree back to formula text (ROOT's ``GetExpFormula``).

Parameters print as ``[name]``; the text parses back to an equivalent tree (tested). Only the
parentheses needed by the grammar's precedence are written.
"""

from __future__ import annotations

from collections.abc import Sequence

from rootfit.functions.expression import Binary, Call, Cond, Node, Num, Param, Unary, Var

__all__ = ["to_formula"]

_PRECEDENCE = {"?": 1, "||": 2, "&&": 3, "==": 4, "!=": 4, "<": 5, "<=": 5, ">": 5, ">=": 5,
               "+": 6, "-": 6, "*": 7, "/": 7, "unary": 8, "^": 9}  # fmt: skip
_VARIABLES = ("x", "y", "z", "t")
_CALL_NAMES = {
    "tmath_landau": "TMath::Landau",
    "landau_pdf": "ROOT::Math::landau_pdf",
    "tmath_voigt": "TMath::Voigt",
}


def _number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _render(node: Node, names: Sequence[str]) -> tuple[str, int]:
    """(text, precedence of its top operator)."""
    if isinstance(node, Num):
        text = _number(node.value)
        return (f"({text})", 10) if node.value < 0 else (text, 10)
    if isinstance(node, Var):
        return _VARIABLES[node.index], 10
    if isinstance(node, Param):
        return f"[{names[node.index]}]", 10
    if isinstance(node, Unary):
        inner, prec = _render(node.operand, names)
        if prec < _PRECEDENCE["unary"] + 1:
            inner = f"({inner})"
        return f"{node.op}{inner}", _PRECEDENCE["unary"]
    if isinstance(node, Binary):
        prec = _PRECEDENCE[node.op]
        left, lp = _render(node.left, names)
        right, rp = _render(node.right, names)
        if node.op == "^":  # right-associative, binds tighter than unary minus
            left = left if lp > prec else f"({left})"
            right = right if rp >= prec else f"({right})"
        else:  # left-associative
            left = left if lp >= prec else f"({left})"
            right = right if rp > prec else f"({right})"
        return f"{left}{node.op}{right}", prec
    if isinstance(node, Call):
        args = ",".join(_render(a, names)[0] for a in node.args)
        return f"{_CALL_NAMES.get(node.name, node.name)}({args})", 10
    if isinstance(node, Cond):
        c, cp = _render(node.condition, names)
        a, _ = _render(node.if_true, names)
        b, _ = _render(node.if_false, names)
        c = c if cp > 1 else f"({c})"
        return f"{c}?({a}):({b})", 1
    raise TypeError(f"not an expression node: {node!r}")


def to_formula(tree: Node, parameter_names: Sequence[str]) -> str:
    """Formula text of ``tree`` with parameters written as ``[name]``."""
    return _render(tree, parameter_names)[0]
