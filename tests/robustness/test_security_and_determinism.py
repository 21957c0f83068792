"""Nothing user-supplied is evaluated as code; fits are bit-identical on reruns and in threads."""

from __future__ import annotations

import ast
import pathlib
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import rootfit as rf

PACKAGE = pathlib.Path(rf.__file__).resolve().parent
FORBIDDEN_CALLS = {"eval", "exec", "__import__", "execfile"}


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                yield node, func.id
            elif isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                yield node, f"{owner}.{func.attr}"


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_eval_exec_or_unpickling(path):
    tree = ast.parse(path.read_text())
    for node, name in _calls(tree):
        assert name not in FORBIDDEN_CALLS, f"{path}:{node.lineno} calls {name}"
        assert name not in ("pickle.loads", "pickle.load", "marshal.loads"), f"{path}:{node.lineno}"
        if name == "compile":  # only the code generator compiles, and only ast trees
            assert path.name == "codegen.py", f"{path}:{node.lineno} compiles"


def test_formula_text_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    attack = f"__import__('os').system('touch {marker}')"
    with pytest.raises(rf.errors.FunctionError):
        rf.Function(attack)
    p = rf.Parameters()
    p.add("a", 1.0)
    p.add("b", expr=attack)
    with pytest.raises(rf.errors.FunctionError):
        p.update_constraints()
    assert not marker.exists()


def _fit():
    h = rf.Histogram(40, -4, 4)
    h.fill(np.random.default_rng(3).normal(0.2, 1.1, 3000))
    return rf.fit(h, "gaus", "L")


def test_reruns_and_threads_are_bit_identical():
    first = _fit()
    assert _fit() == first
    barrier = threading.Barrier(4)

    def run(_):
        barrier.wait()
        return _fit()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, range(8)))
    assert all(r == first for r in results)
    assert all(np.array_equal(r.covariance, first.covariance) for r in results)
