"""Symbolic differentiation and simplification of expression trees.

``differentiate(tree, Param(j))`` or ``differentiate(tree, Var(d))`` returns a new tree for the
partial derivative. Piecewise-constant operations (comparisons, logical operators, ``sign``,
``floor``, ``ceil``) have derivative 0 where they are differentiable; ``min``/``max``/``abs`` and
``?:`` differentiate the branch that is selected. Library functions without a derivative rule
raise :class:`NotDifferentiable`; callers then fall back to numerical derivatives.
"""

from __future__ import annotations

import math

from rootfit.functions.expression import Binary, Call, Cond, Node, Num, Param, Unary, Var

__all__ = ["NotDifferentiable", "differentiate", "simplify"]

ZERO, ONE, TWO = Num(0.0), Num(1.0), Num(2.0)


class NotDifferentiable(Exception):
    """The tree uses a function without a symbolic derivative rule."""


def _add(a: Node, b: Node) -> Node:
    if a == ZERO:
        return b
    if b == ZERO:
        return a
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value + b.value)
    return Binary("+", a, b)


def _sub(a: Node, b: Node) -> Node:
    if b == ZERO:
        return a
    if a == ZERO:
        return _neg(b)
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value - b.value)
    return Binary("-", a, b)


def _mul(a: Node, b: Node) -> Node:
    if a == ZERO or b == ZERO:
        return ZERO
    if a == ONE:
        return b
    if b == ONE:
        return a
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value * b.value)
    return Binary("*", a, b)


def _div(a: Node, b: Node) -> Node:
    if a == ZERO:
        return ZERO
    if b == ONE:
        return a
    return Binary("/", a, b)


def _neg(a: Node) -> Node:
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Unary) and a.op == "-":
        return a.operand
    return Unary("-", a)


def _pow(a: Node, b: Node) -> Node:
    if b == ONE:
        return a
    if b == ZERO:
        return ONE
    return Binary("^", a, b)


def _call(name: str, *args: Node) -> Node:
    return Call(name, tuple(args))


def simplify(node: Node) -> Node:
    """Fold constants and drop neutral elements (bottom-up)."""
    if isinstance(node, Unary):
        operand = simplify(node.operand)
        return _neg(operand) if node.op == "-" else Unary(node.op, operand)
    if isinstance(node, Binary):
        a, b = simplify(node.left), simplify(node.right)
        builders = {"+": _add, "-": _sub, "*": _mul, "/": _div, "^": _pow}
        if node.op in builders:
            return builders[node.op](a, b)
        return Binary(node.op, a, b)
    if isinstance(node, Call):
        return Call(node.name, tuple(simplify(x) for x in node.args))
    if isinstance(node, Cond):
        c, t, f = simplify(node.condition), simplify(node.if_true), simplify(node.if_false)
        return t if t == f else Cond(c, t, f)
    return node


def _depends(node: Node, wrt: Var | Param) -> bool:
    if node == wrt:
        return True
    if isinstance(node, Unary):
        return _depends(node.operand, wrt)
    if isinstance(node, Binary):
        return _depends(node.left, wrt) or _depends(node.right, wrt)
    if isinstance(node, Call):
        return any(_depends(a, wrt) for a in node.args)
    if isinstance(node, Cond):
        return _depends(node.if_true, wrt) or _depends(node.if_false, wrt)
    return False


_PIECEWISE_CONSTANT = {"sign", "ceil", "floor"}


def _d_call(node: Call, wrt: Var | Param) -> Node:
    name, args = node.name, node.args
    if name in _PIECEWISE_CONSTANT:
        return ZERO
    if len(args) == 1:
        a = args[0]
        da = _d(a, wrt)
        if da == ZERO:
            return ZERO
        outer = {
            "sin": lambda: _call("cos", a),
            "cos": lambda: _neg(_call("sin", a)),
            "tan": lambda: _add(ONE, _pow(_call("tan", a), TWO)),
            "asin": lambda: _div(ONE, _call("sqrt", _sub(ONE, _pow(a, TWO)))),
            "acos": lambda: _neg(_div(ONE, _call("sqrt", _sub(ONE, _pow(a, TWO))))),
            "atan": lambda: _div(ONE, _add(ONE, _pow(a, TWO))),
            "sinh": lambda: _call("cosh", a),
            "cosh": lambda: _call("sinh", a),
            "tanh": lambda: _sub(ONE, _pow(_call("tanh", a), TWO)),
            "exp": lambda: node,
            "log": lambda: _div(ONE, a),
            "log10": lambda: _div(ONE, _mul(a, Num(math.log(10.0)))),
            "sqrt": lambda: _div(ONE, _mul(TWO, node)),
            "abs": lambda: _call("sign", a),
            "sq": lambda: _mul(TWO, a),
            "erf": lambda: _mul(Num(2 / math.sqrt(math.pi)), _call("exp", _neg(_pow(a, TWO)))),
            "erfc": lambda: _mul(Num(-2 / math.sqrt(math.pi)), _call("exp", _neg(_pow(a, TWO)))),
            "lgamma": lambda: _call("digamma", a),
            "tgamma": lambda: _mul(node, _call("digamma", a)),
            "landau_density": lambda: _call("landau_density_d", a),
        }.get(name)
        if outer is None:
            raise NotDifferentiable(name)
        return _mul(outer(), da)
    if name == "pow":
        return _d(Binary("^", args[0], args[1]), wrt)
    if name in ("faddeeva_re", "faddeeva_im"):
        # w'(z) = -2 z w(z) + 2i/sqrt(pi), z = u + iy
        u, y = args
        du, dy = _d(u, wrt), _d(y, wrt)
        re, im = _call("faddeeva_re", u, y), _call("faddeeva_im", u, y)
        re_dw = _mul(Num(-2.0), _sub(_mul(u, re), _mul(y, im)))
        im_dw = _add(_mul(Num(-2.0), _add(_mul(u, im), _mul(y, re))), Num(2 / math.sqrt(math.pi)))
        if name == "faddeeva_re":
            return _sub(_mul(re_dw, du), _mul(im_dw, dy))
        return _add(_mul(im_dw, du), _mul(re_dw, dy))
    if name == "atan2":
        y, x = args
        dy, dx = _d(y, wrt), _d(x, wrt)
        return _div(_sub(_mul(x, dy), _mul(y, dx)), _add(_pow(x, TWO), _pow(y, TWO)))
    if name in ("min", "max"):
        a, b = args
        test = Binary("<", a, b) if name == "min" else Binary(">", a, b)
        return simplify(Cond(test, _d(a, wrt), _d(b, wrt)))
    raise NotDifferentiable(name)


def _d(node: Node, wrt: Var | Param) -> Node:
    if isinstance(node, Num):
        return ZERO
    if isinstance(node, Var | Param):
        return ONE if node == wrt else ZERO
    if isinstance(node, Unary):
        return _neg(_d(node.operand, wrt)) if node.op == "-" else ZERO
    if isinstance(node, Binary):
        a, b, op = node.left, node.right, node.op
        if op == "+":
            return _add(_d(a, wrt), _d(b, wrt))
        if op == "-":
            return _sub(_d(a, wrt), _d(b, wrt))
        if op == "*":
            return _add(_mul(_d(a, wrt), b), _mul(a, _d(b, wrt)))
        if op == "/":
            da, db = _d(a, wrt), _d(b, wrt)
            if db == ZERO:
                return _div(da, b)
            return _div(_sub(_mul(da, b), _mul(a, db)), _pow(b, TWO))
        if op == "^":
            da = _d(a, wrt)
            if not _depends(b, wrt):
                if da == ZERO:
                    return ZERO
                if isinstance(b, Num):
                    return _mul(_mul(b, _pow(a, Num(b.value - 1.0))), da)
                return _mul(_mul(b, _pow(a, _sub(b, ONE))), da)
            db = _d(b, wrt)
            return _mul(node, _add(_mul(db, _call("log", a)), _div(_mul(b, da), a)))
        return ZERO  # comparisons and logical operators
    if isinstance(node, Call):
        return _d_call(node, wrt)
    if isinstance(node, Cond):
        return simplify(Cond(node.condition, _d(node.if_true, wrt), _d(node.if_false, wrt)))
    raise TypeError(f"not an expression node: {node!r}")


def differentiate(tree: Node, wrt: Var | Param) -> Node:
    """Simplified tree of ``∂tree/∂wrt``.

    Raises
    ------
    NotDifferentiable
        If the tree calls a function without a derivative rule.
    """
    return simplify(_d(tree, wrt))
