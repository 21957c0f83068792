"""The one numba configuration of rootfit.

Every compiled function in the package is made with one of these three decorators, so that
options are chosen in one place:

* :data:`jit` for kernels written in this package's source files: ``nogil`` (threads and
  Dask workers run them in parallel), numpy's floating-point error model (``1/0`` is ``inf``,
  as in the numpy twins), and ``cache=True`` (compiled once per machine, kept on disk);
* :data:`jit_inline`, the same as :data:`jit` for small functions called inside the loops
  of other kernels (``exp``, ``log``): numba inlines their code into the caller, so that a
  loop calling them has no call left and can be vectorised;
* :data:`jit_generated` for code generated at run time from formula trees and compiled in
  memory: the same options without the disk cache, which numba cannot key on code that has no
  source file. (Fused kernels are generated into files instead,
  :mod:`rootfit.kernels.source_cache`, and use :data:`jit`.)
"""

from __future__ import annotations

from typing import Any

import numba

__all__ = ["JIT_OPTIONS", "jit", "jit_generated", "jit_inline"]

#: Options shared by every compiled function.
JIT_OPTIONS: dict[str, Any] = {"error_model": "numpy", "nogil": True}

#: Decorator for kernels defined in source files (cached on disk).
jit = numba.njit(cache=True, **JIT_OPTIONS)

#: Decorator for small kernels inlined into their callers' loops (cached on disk).
jit_inline = numba.njit(cache=True, inline="always", **JIT_OPTIONS)

#: Decorator for functions generated at run time (no disk cache possible).
jit_generated = numba.njit(cache=False, **JIT_OPTIONS)
