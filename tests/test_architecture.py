"""The dependency rules of ARCHITECTURE.md, checked on the import statements of rootfit.

Layers (a module may import its own layer and those below):

    errors, _optional, executors  <  kernels  <  hist, functions  <  fitdata  <  costs
    <  options  <  result  <  fitter  <  intervals  <  fitting  <  batch
    <  plotting, io, compat, cli

``result`` sits below ``fitter`` here (the architecture sketch draws it above): the Fitter
builds FitResults, while a result never runs a minimizer. The upward doors are the lazy
import of :mod:`rootfit.fitting` inside ``Histogram.fit`` / ``Graph.fit`` (and of
:mod:`rootfit.batch` inside ``Histogram.fit_slices_y/x`` and ``FitResult.toys``, and of
:mod:`rootfit.plotting` inside the ``plot`` methods); imports under
``if TYPE_CHECKING:`` are annotations only and not checked.

Rules of the fit core on top of the layering: minimizer implementations are reached only
through the backend registry; costs never import the fitter or a minimizer; results never
import costs (a result is a snapshot); no core module imports the ROOT façade.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "rootfit"
LAYER = {
    "errors": 0, "_optional": 0, "_validation": 0, "_html": 0, "executors": 0, "kernels": 1, "hist": 2, "functions": 2, "fitdata": 3,
    "costs": 4, "options": 4, "result": 5, "fitter": 6, "intervals": 7, "fitting": 8,
    "batch": 8.5, "plotting": 9, "io": 9, "compat": 9, "cli": 9, "__init__": 10,
}  # fmt: skip
ALLOWED_UPWARD = {
    ("hist", "fitting"),
    ("hist", "batch"),
    ("hist", "plotting"),
    ("result", "batch"),
    ("result", "plotting"),
}
EXCLUSIVE = {"numba": "kernels", "iminuit": "fitter/backends/minuit.py"}
LAZY_ONLY = {"matplotlib", "uproot"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        yield rel, ast.parse(path.read_text())


def _layer_of(rel: pathlib.PurePath) -> str:
    return rel.parts[0].removesuffix(".py")


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node, node.module


@pytest.mark.parametrize(
    ("rel", "tree"), list(_modules()), ids=lambda v: str(v) if isinstance(v, pathlib.Path) else ""
)
def test_dependency_direction(rel, tree):
    here = _layer_of(rel)
    top_level = {id(n) for n in tree.body}
    typing_only = {
        id(inner)
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node, name in _imports(tree):
        if id(node) in typing_only:
            continue
        root = name.split(".")[0]
        if root == "rootfit" and "." in name:
            target = name.split(".")[1]
            if target in LAYER and LAYER[target] > LAYER[here]:
                assert (here, target) in ALLOWED_UPWARD and id(node) not in top_level, (
                    f"{rel} imports {name} from a higher layer"
                )
        if root in EXCLUSIVE:
            assert str(rel).startswith(EXCLUSIVE[root]), f"{rel} imports {root}"
        if root in LAZY_ONLY:
            assert id(node) not in top_level, f"{rel} imports {root} at module level"


def test_no_eval_or_exec_in_the_package():
    for rel, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec"), f"{rel} calls {node.func.id}"


def test_import_rootfit_is_light():
    import subprocess
    import sys

    code = "import sys, rootfit; print(int(any(m in sys.modules for m in ('numba', 'iminuit', 'matplotlib', 'uproot'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


BACKEND_IMPLEMENTATIONS = {
    f"rootfit.fitter.backends.{path.stem}"
    for path in (PACKAGE / "fitter" / "backends").glob("*.py")
    if path.stem
    not in (
        "__init__",
        "base",
        "registry",
        "transform",
        "core_migrad",
        "compiled_migrad",
        "minuit_state",
    )
}


def _imported_modules(tree):
    """Every module an import statement names (``from a import b`` also gives ``a.b``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            for alias in node.names:
                yield f"{node.module}.{alias.name}"


@pytest.mark.parametrize(
    ("rel", "tree"), list(_modules()), ids=lambda v: str(v) if isinstance(v, pathlib.Path) else ""
)
def test_fit_core_rules(rel, tree):
    here = str(rel)
    names = set(_imported_modules(tree))
    if not here.startswith("fitter/backends/"):
        assert not names & BACKEND_IMPLEMENTATIONS, f"{rel} imports a backend outside the registry"
    if here.startswith("costs/"):
        assert not any(n.startswith(("rootfit.fitter", "iminuit")) for n in names), rel
    if here.startswith("result/"):
        assert not any(n.startswith(("rootfit.costs", "rootfit.fitdata")) for n in names), rel
    if not here.startswith("compat/"):
        assert not any(n.startswith("rootfit.compat") for n in names), f"{rel} imports compat"


def test_backend_registry_names_every_implementation():
    from rootfit.fitter.backends import BACKENDS

    registered = {str(entry).split(":")[0] for entry in BACKENDS.entries.values()}
    assert registered == BACKEND_IMPLEMENTATIONS
