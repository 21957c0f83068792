"""Generated kernels kept on disk, so that a new process does not compile them again.

numba caches a compiled function next to its source file and keys it by that file. Code
generated at run time has no file, so it is recompiled in every process (about a second for a
fused model-and-statistic kernel). Here a generated module — built as an ``ast`` tree from our
own expression trees and templates, never from user text — is written once to a file named
by the digest of its source, and imported from there; its functions are jitted with
``cache=True`` and numba keeps their machine code beside the file.

The digest covers the module's source and everything its compiled code inlines from the
package (the kernel modules' own source, rootfit's and numba's versions), so an upgraded
package never loads stale machine code. The directory is ``$ROOTFIT_CACHE_DIR``, else
``~/.cache/rootfit/kernels``, else (not writable) a per-user directory under the system's
temporary directory.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import os
import sys
import tempfile
import threading
import types
from pathlib import Path

__all__ = ["cache_directory", "load_generated"]

#: Package modules whose compiled code a generated module may inline.
_SUPPORT = ("costs.py", "formula.py", "fused.py", "fused_templates.py", "jit.py", "special.py")


@functools.lru_cache(maxsize=1)
def _support_digest() -> str:
    import numba

    from rootfit import __version__

    h = hashlib.sha256(f"{__version__} {numba.__version__}".encode())
    here = Path(__file__).parent
    for name in _SUPPORT:
        h.update((here / name).read_bytes())
    return h.hexdigest()


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".probe-{os.getpid()}"
        probe.write_text("")
        probe.unlink()
    except OSError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def cache_directory() -> Path:
    """Where generated kernel modules (and numba's cache of them) are kept."""
    configured = os.environ.get("ROOTFIT_CACHE_DIR")
    candidates = [Path(configured)] if configured else []
    candidates.append(Path.home() / ".cache" / "rootfit" / "kernels")
    for path in candidates:
        if _writable(path):
            return path
    user = getattr(os, "getuid", lambda: "user")()
    fallback = Path(tempfile.gettempdir()) / f"rootfit-kernels-{user}"
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


#: One generated module is made at a time in a process (threads fitting at once would
#: otherwise write and import the same module twice).
_LOADING = threading.RLock()


def _load(source: str) -> types.ModuleType:
    with _LOADING:
        return _load_once(source)


@functools.lru_cache(maxsize=512)
def _load_once(source: str) -> types.ModuleType:
    digest = hashlib.sha256((_support_digest() + source).encode()).hexdigest()[:32]
    path = cache_directory() / f"k{digest}.py"
    if not path.exists():
        handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        with os.fdopen(handle, "w") as out:
            out.write(source)
        os.replace(scratch, path)  # atomic: a concurrent process sees all of it or nothing
    name = f"rootfit_generated_k{digest}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # registered first: numba's cached code refers to its module by name when it is loaded
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def load_generated(module: ast.Module) -> types.ModuleType:
    """Import a generated module (written to the cache directory on first use; the same
    source gives the same module object for the rest of the process)."""
    source = ast.unparse(ast.fix_missing_locations(module))
    return _load(source)
