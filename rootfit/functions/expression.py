"""Expression tree of a formula: immutable, hashable nodes (hashable so compiled kernels can be
cached by tree)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Binary", "Call", "Cond", "Node", "Num", "Param", "Unary", "Var", "walk"]


@dataclass(frozen=True)
class Num:
    """A numeric literal or named constant."""

    value: float


@dataclass(frozen=True)
class Var:
    """Coordinate ``x[index]`` (x=0, y=1, z=2, t=3)."""

    index: int


@dataclass(frozen=True)
class Param:
    """Parameter ``p[index]``."""

    index: int


@dataclass(frozen=True)
class Unary:
    """``-a`` or ``!a``."""

    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    """``a op b`` for ``+ - * / ^ < <= > >= == != && ||``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    """A call of a library function by its canonical name."""

    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Cond:
    """``condition ? if_true : if_false``."""

    condition: Node
    if_true: Node
    if_false: Node


Node = Num | Var | Param | Unary | Binary | Call | Cond


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return tuple(node.args)
    if isinstance(node, Cond):
        return (node.condition, node.if_true, node.if_false)
    return ()


def rebuilt(node: Node, change: Callable[[Node], Node]) -> Node:
    """``node`` with each direct sub-expression ``c`` replaced by ``change(c)`` (leaves are
    returned as they are)."""
    if isinstance(node, Unary):
        return Unary(node.op, change(node.operand))
    if isinstance(node, Binary):
        return Binary(node.op, change(node.left), change(node.right))
    if isinstance(node, Call):
        return Call(node.name, tuple(change(a) for a in node.args))
    if isinstance(node, Cond):
        return Cond(change(node.condition), change(node.if_true), change(node.if_false))
    return node


def substituted(node: Node, variables: Sequence[Node], params: Sequence[Node]) -> Node:
    """``node`` with ``Var(i)`` replaced by ``variables[i]`` (where given) and ``Param(j)`` by
    ``params[j]``: a function's tree inlined at a call site."""
    if isinstance(node, Var):
        return variables[node.index] if node.index < len(variables) else node
    if isinstance(node, Param):
        return params[node.index]
    return rebuilt(node, lambda child: substituted(child, variables, params))


def depth(node: Node) -> int:
    """Depth of the expression tree (computed without recursion)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children(current))
    return deepest


def walk(node: Node):
    """Yield ``node`` and all its descendants (depth first)."""
    yield node
    for child in children(node):
        yield from walk(child)
