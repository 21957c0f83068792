"""Recursive-descent parser of ROOT formula strings (TFormula syntax) into an expression tree.

The text is never evaluated: it is tokenized, parsed by the grammar below, and the resulting
tree is compiled by :mod:`rootfit.functions.codegen`.

Grammar (lowest precedence first; ``^`` and ``**`` are right-associative and bind tighter
than unary minus, so ``-2^2 = -4`` and ``2^3^2 = 512``, as in ROOT)::

    formula   := ternary ("++" ternary)*            # "++" makes a linear formula
    ternary   := or ("?" ternary ":" ternary)?
    or        := and ("||" and)*
    and       := equality ("&&" equality)*
    equality  := relation (("==" | "!=") relation)*
    relation  := additive (("<" | "<=" | ">" | ">=") additive)*
    additive  := product (("+" | "-") product)*
    product   := unary (("*" | "/" | "%") unary)*
    unary     := ("-" | "+" | "!") unary | power
    power     := primary (("^" | "**") unary)?
    primary   := number | "[" param "]" | name call? | "(" ternary ")"

Parameters are ``[0]``, ``[name]`` or ranges ``[0..2]`` (inside a call's argument list).
Parameter order follows ROOT: ``p<N>`` names (``[N]`` is ``p<N>``) first in numeric order, then
the other names in byte order; numeric indices leave gaps filled by unused parameters.
Predefined shortcuts ``gaus``, ``gausn``, ``expo``, ``polN`` may carry a first-parameter
offset ``gaus(3)`` and a variable ``gaus[y]``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from rootfit.errors import FormulaSyntaxError, did_you_mean
from rootfit.functions.expression import (
    Binary,
    Call,
    Cond,
    Node,
    Num,
    Param,
    Unary,
    Var,
    depth,
    rebuilt,
    substituted,
    walk,
)
from rootfit.functions.library import CONSTANTS, FUNCTIONS, canonical_function, known_names
from rootfit.functions.macros import MACROS, expand_macro
from rootfit.functions.shortcuts import PREDEFINED_BASE, is_shortcut, predefined_formula_text

__all__ = ["ParsedFormula", "parse_formula", "parse_formula_cached"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*)
  | (?P<param>\[[^\[\]]*\])
  | (?P<op>\*\*|\+\+|&&|\|\||<=|>=|==|!=|[-+*/^%()<>!?:,])
    """,
    re.VERBOSE,
)
_VARIABLES = {"x": 0, "y": 1, "z": 2, "t": 3}
_PARAM_NUMERIC = re.compile(r"p?(\d+)$")
_PARAM_RANGE = re.compile(r"(\d+)\.\.(\d+)$")
_PARAM_NAME = re.compile(r"[A-Za-z_]\w*$")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    pos: int


@dataclass(frozen=True)
class ParsedFormula:
    """Result of parsing a formula.

    Attributes
    ----------
    tree : Node
        The expression tree with parameters resolved to indices.
    parameter_names : tuple of str
        Names in index order (``p0``, ``p1``... for numeric parameters).
    ndim : int
        Number of variables (highest of x, y, z, t used, at least 1).
    linear : bool
        True if written with ``++`` (linear in the parameters, ROOT's linear fitter applies).
    """

    tree: Node
    parameter_names: tuple[str, ...]
    ndim: int
    linear: bool


def _suggest(name: str) -> str:
    """Did-you-mean among every name a formula may use."""
    candidates = [*known_names(), *PREDEFINED_BASE, *_VARIABLES, *(f"pol{d}" for d in range(10))]
    return did_you_mean(name, candidates)


class _Parser:
    def __init__(self, text: str, functions: Mapping[str, ParsedFormula] | None = None) -> None:
        self.text = text
        self.functions = dict(functions or {})
        self.tokens = self._tokenize(text)
        self.i = 0
        self.param_refs: list[tuple[str, int]] = []  # (name, position) in appearance order

    # ------------------------------------------------------------------ tokens
    def _tokenize(self, text: str) -> list[_Token]:
        tokens: list[_Token] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                raise FormulaSyntaxError(f"unexpected character {text[pos]!r}", text, pos)
            kind = m.lastgroup or ""
            if kind != "space":
                tokens.append(_Token(kind, m.group(), pos))
            pos = m.end()
        tokens.append(_Token("end", "", len(text)))
        return tokens

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def advance(self) -> _Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def accept(self, *ops: str) -> _Token | None:
        if self.tok.kind == "op" and self.tok.text in ops:
            return self.advance()
        return None

    def expect(self, op: str) -> _Token:
        t = self.accept(op)
        if t is None:
            found = f"{self.tok.text!r}" if self.tok.kind != "end" else "end of formula"
            raise FormulaSyntaxError(f"expected {op!r} but found {found}", self.text, self.tok.pos)
        return t

    def error(self, message: str, pos: int | None = None) -> FormulaSyntaxError:
        return FormulaSyntaxError(message, self.text, self.tok.pos if pos is None else pos)

    # ------------------------------------------------------------------ grammar
    def formula(self) -> tuple[Node, list[Node]]:
        if self.tok.kind == "end":
            raise self.error("empty formula")
        terms = [self.ternary()]
        while self.accept("++"):
            terms.append(self.ternary())
        if self.tok.kind != "end":
            raise self.error(f"unexpected {self.tok.text!r}")
        return terms[0], terms

    def ternary(self) -> Node:
        cond = self.logical_or()
        if self.accept("?"):
            a = self.ternary()
            self.expect(":")
            b = self.ternary()
            return Cond(cond, a, b)
        return cond

    def _left_assoc(self, ops: tuple[str, ...], sub) -> Node:
        node = sub()
        while True:
            t = self.accept(*ops)
            if t is None:
                return node
            node = self._binary(t, node, sub())

    def _binary(self, t: _Token, left: Node, right: Node) -> Node:
        if t.text == "%":
            if (
                isinstance(left, Num)
                and isinstance(right, Num)
                and float(left.value).is_integer()
                and float(right.value).is_integer()
                and right.value != 0
            ):
                return Num(float(int(left.value) % int(right.value)))
            raise FormulaSyntaxError(
                "'%' is only defined between non-zero integer literals", self.text, t.pos
            )
        return Binary(t.text, left, right)

    def logical_or(self) -> Node:
        return self._left_assoc(("||",), self.logical_and)

    def logical_and(self) -> Node:
        return self._left_assoc(("&&",), self.equality)

    def equality(self) -> Node:
        return self._left_assoc(("==", "!="), self.relation)

    def relation(self) -> Node:
        return self._left_assoc(("<", "<=", ">", ">="), self.additive)

    def additive(self) -> Node:
        return self._left_assoc(("+", "-"), self.product)

    def product(self) -> Node:
        return self._left_assoc(("*", "/", "%"), self.unary)

    def unary(self) -> Node:
        t = self.accept("-", "+", "!")
        if t is None:
            return self.power()
        operand = self.unary()
        if t.text == "+":
            return operand
        if t.text == "-" and isinstance(operand, Num):
            return Num(-operand.value)
        return Unary(t.text, operand)

    def power(self) -> Node:
        base = self.primary()
        t = self.accept("^", "**")
        if t is None:
            return base
        return Binary("^", base, self.unary())

    def primary(self) -> Node:
        t = self.tok
        if t.kind == "number":
            self.advance()
            value = float(int(t.text, 16)) if t.text[:2].lower() == "0x" else float(t.text)
            return Num(value)
        if t.kind == "param":
            self.advance()
            return self.parameter(t)
        if t.kind == "name":
            self.advance()
            return self.name(t)
        if self.accept("("):
            node = self.ternary()
            self.expect(")")
            return node
        if t.kind == "end":
            raise self.error("unexpected end of formula")
        raise self.error(f"unexpected {t.text!r}")

    def parameter(self, t: _Token) -> Node:
        inner = t.text[1:-1].strip()
        if _PARAM_RANGE.match(inner):
            raise self.error(
                "a parameter range [a..b] is only allowed as function arguments", t.pos
            )
        m = _PARAM_NUMERIC.match(inner)
        if m:
            name = f"p{int(m.group(1))}"
            self.param_refs.append((name, t.pos) if inner.isdigit() else (name + "#named", t.pos))
            return _Pending(name)  # type: ignore[return-value]
        if not _PARAM_NAME.match(inner):
            raise self.error(f"invalid parameter name [{inner}]", t.pos)
        self.param_refs.append((inner, t.pos))
        return _Pending(inner)  # type: ignore[return-value]

    def name(self, t: _Token) -> Node:
        name = t.text
        # variables, with x[0] style
        if name in _VARIABLES:
            if self.tok.kind == "param" and self.tok.text[1:-1].strip().isdigit() and name == "x":
                index = int(self.advance().text[1:-1])
                if index > 9:
                    raise self.error("at most 10 variables x[0]..x[9] are supported", t.pos)
                return Var(index)
            return Var(_VARIABLES[name])
        # references to other named functions
        if name in self.functions:
            return self.reference(t, self.functions[name])
        # predefined shortcuts
        base = name
        if is_shortcut(base):
            return self.predefined(t)
        # function calls
        if self.tok.kind == "op" and self.tok.text == "(":
            canonical = canonical_function(name)
            if canonical is None and name in MACROS:
                self.advance()
                args = self.arguments()
                lo, hi = MACROS[name].arity
                if not lo <= len(args) <= hi:
                    expected = f"{lo}" if lo == hi else f"{lo} to {hi}"
                    raise self.error(
                        f"function {name!r} takes {expected} argument(s), got {len(args)}", t.pos
                    )
                return expand_macro(name, args)
            if canonical is None:
                if name in CONSTANTS:  # TMath::Pi()
                    self.advance()
                    self.expect(")")
                    return Num(CONSTANTS[name])
                raise self.error(f"unknown function {name!r}{_suggest(name)}", t.pos)
            self.advance()
            args = self.arguments()
            lo, hi = FUNCTIONS[canonical]
            if not lo <= len(args) <= hi:
                expected = f"{lo}" if lo == hi else f"{lo} to {hi}"
                raise self.error(
                    f"function {name!r} takes {expected} argument(s), got {len(args)}", t.pos
                )
            return Call(canonical, tuple(args))
        if name in CONSTANTS:
            return Num(CONSTANTS[name])
        raise self.error(f"unknown name {name!r}{_suggest(name)}", t.pos)

    def arguments(self) -> list[Node]:
        args: list[Node] = []
        if self.accept(")"):
            return args
        while True:
            if self.tok.kind == "param" and _PARAM_RANGE.match(self.tok.text[1:-1].strip()):
                t = self.advance()
                a, b = (int(v) for v in _PARAM_RANGE.match(t.text[1:-1].strip()).groups())  # type: ignore[union-attr]
                if b < a:
                    raise self.error(f"empty parameter range {t.text}", t.pos)
                for idx in range(a, b + 1):
                    args.append(self.parameter(_Token("param", f"[{idx}]", t.pos)))
            else:
                args.append(self.ternary())
            if self.accept(")"):
                return args
            if not self.accept(","):
                found = f"{self.tok.text!r}" if self.tok.kind != "end" else "end of formula"
                raise self.error(f"expected ',' or ')' in the argument list but found {found}")

    def reference(self, t: _Token, target: ParsedFormula) -> Node:
        """Inline another function: ``f(x, [a], [b])`` (variables then parameters), ``f([0..1])``
        (parameters), ``f(y)`` (variables) or bare ``f`` (its own parameter names)."""
        args: list[Node] = []
        if self.tok.kind == "op" and self.tok.text == "(":
            self.advance()
            args = self.arguments()
        ndim, npar = target.ndim, len(target.parameter_names)
        if not args:
            variables: list[Node] = [Var(i) for i in range(ndim)]
            params: list[Node] = []
            for pname in target.parameter_names:
                self.param_refs.append((pname, t.pos))
                params.append(_Pending(pname))  # type: ignore[arg-type]
        elif len(args) == ndim + npar:
            variables, params = args[:ndim], args[ndim:]
        elif len(args) == npar and npar != ndim:
            variables, params = [Var(i) for i in range(ndim)], args
        elif len(args) == ndim:
            variables = args
            params = []
            for pname in target.parameter_names:
                self.param_refs.append((pname, t.pos))
                params.append(_Pending(pname))  # type: ignore[arg-type]
        else:
            raise self.error(
                f"{t.text} takes {ndim} variable(s) and {npar} parameter(s); got {len(args)} argument(s)",
                t.pos,
            )
        return substituted(target.tree, variables, params)

    def predefined(self, t: _Token) -> Node:
        offset = 0
        variable = "x"
        if self.tok.kind == "param":
            inner = self.tok.text[1:-1].strip()
            if inner not in _VARIABLES:
                raise self.error(
                    f"{t.text}[...] must name a variable (x, y, z or t), got [{inner}]"
                )
            variable = inner
            self.advance()
        if self.tok.kind == "op" and self.tok.text == "(":
            after = self.tokens[self.i + 1]
            closing = self.tokens[self.i + 2] if self.i + 2 < len(self.tokens) else after
            if not (after.kind == "number" and after.text.isdigit() and closing.text == ")"):
                # explicit form gaus(x,[0..2]): variables then parameters
                text = predefined_formula_text(t.text, 0, variable)
                assert text is not None
                sub = _Parser(text, self.functions)
                node, _ = sub.formula()
                order = _parameter_order(sub.param_refs)
                index = {name: i for i, name in enumerate(order)}
                target = ParsedFormula(_resolve(node, index), tuple(order), 1, False)
                return self.reference(t, target)
            self.advance()
            offset = int(self.advance().text)
            self.expect(")")
        text = predefined_formula_text(t.text, offset, variable)
        assert text is not None
        sub = _Parser(text, self.functions)
        node, _ = sub.formula()
        self.param_refs.extend((name, t.pos) for name, _pos in sub.param_refs)
        return node


@dataclass(frozen=True)
class _Pending:
    """A parameter reference by name, resolved to an index after parsing."""

    name: str


def _parameter_order(refs: list[tuple[str, int]]) -> list[str]:
    numeric: set[int] = set()
    named_numeric: set[int] = set()
    names: set[str] = set()
    for name, _ in refs:
        if name.endswith("#named"):
            named_numeric.add(int(name[1:-6]))
        elif re.fullmatch(r"p\d+", name):
            numeric.add(int(name[1:]))
        else:
            names.add(name)
    indices = set(range(max(numeric) + 1)) if numeric else set()
    indices |= named_numeric
    return [f"p{i}" for i in sorted(indices)] + sorted(names)


def _resolve(node: Node, index: dict[str, int]) -> Node:
    if isinstance(node, _Pending):
        return Param(index[node.name])
    return rebuilt(node, lambda child: _resolve(child, index))


#: Longest formula text accepted (characters).
MAX_FORMULA_LENGTH = 10_000
#: Deepest expression tree accepted (compiling and differentiating recurse over it).
MAX_FORMULA_DEPTH = 250


def parse_formula(text: str, functions: Mapping[str, ParsedFormula] | None = None) -> ParsedFormula:
    """Parse a formula string.

    Parameters
    ----------
    text : str
        ROOT formula, e.g. ``"[0]*exp(-x/[tau])+pol1(2)"``.
    functions : mapping of str to ParsedFormula, optional
        Other named functions the formula may reference (``f1(x,[a],[b])``, ``f1``).

    Returns
    -------
    ParsedFormula

    Raises
    ------
    FormulaSyntaxError
        With the position of the problem.
    """
    if not isinstance(text, str):
        raise FormulaSyntaxError(f"a formula must be a string, not {type(text).__name__}")
    if len(text) > MAX_FORMULA_LENGTH:
        raise FormulaSyntaxError(
            f"formula is {len(text)} characters long; the limit is {MAX_FORMULA_LENGTH}"
        )
    parser = _Parser(text, functions)
    try:
        first, terms = parser.formula()
    except RecursionError:
        raise FormulaSyntaxError("formula is nested too deeply", text[:80], 0) from None
    linear = len(terms) > 1
    order = _parameter_order(parser.param_refs)
    if linear:
        if parser.param_refs:
            raise FormulaSyntaxError(
                "the terms of a linear formula ('++') must not contain parameters", text, 0
            )
        order = [f"p{i}" for i in range(len(terms))]
        index = {name: i for i, name in enumerate(order)}
        tree: Node = Binary("*", Param(0), terms[0])
        for i, term in enumerate(terms[1:], start=1):
            tree = Binary("+", tree, Binary("*", Param(i), term))
    else:
        index = {name: i for i, name in enumerate(order)}
        index.update({f"{n}#named": i for n, i in list(index.items())})
        tree = first
    if depth(tree) > MAX_FORMULA_DEPTH:
        raise FormulaSyntaxError(
            f"formula nests {depth(tree)} operations deep; the limit is {MAX_FORMULA_DEPTH} "
            "(split it into named functions)"
        )
    tree = _resolve(tree, index)
    variables = [n.index for n in walk(tree) if isinstance(n, Var)]
    ndim = max(variables) + 1 if variables else 1
    return ParsedFormula(tree=tree, parameter_names=tuple(order), ndim=ndim, linear=linear)


@functools.lru_cache(maxsize=1024)
def parse_formula_cached(text: str) -> ParsedFormula:
    """:func:`parse_formula` for formulas without references, cached (the result is immutable)."""
    return parse_formula(text)
