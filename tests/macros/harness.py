"""Running one ported ROOT tutorial (``tests/macros/*.py``) and reading the numbers it reports.

Each macro is ROOT's tutorial translated to PyROOT whose only changes are its import
(``from rootfit import compat as ROOT``) and seeded numpy data in place of ``gRandom`` (see
:mod:`seeded`); it ends by collecting what it computed, read through ROOT's API, into a dict
called ``RESULTS``. The same file runs with real ROOT in the reference generator (a shim package
makes ``rootfit.compat`` be ROOT there) and with rootfit's façade in the tests.
"""

from __future__ import annotations

import math
import os
import runpy
import sys
from contextlib import chdir
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))


def macro_names() -> list[str]:
    """Every ported macro, by file stem."""
    return sorted(
        f[:-3]
        for f in os.listdir(HERE)
        if f.endswith(".py") and f not in ("harness.py", "seeded.py", "ratio_results.py")
    )


def plain(value: Any) -> Any:
    """``value`` as JSON-ready Python (numbers, lists, dicts); NaN and inf become strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (str, bool)) or value is None:
        return value
    if hasattr(value, "__len__") and not isinstance(value, (bytes,)):
        return [plain(v) for v in value]
    number = float(value)
    if number.is_integer() and abs(number) < 2**53 and isinstance(value, int):
        return int(number)
    return number if math.isfinite(number) else repr(number)


def run_macro(name: str, workdir: str) -> dict[str, Any]:
    """Run macro ``name`` with ``workdir`` as the current directory; its ``RESULTS``."""
    sys.path.insert(0, HERE)
    try:
        with chdir(workdir):
            namespace = runpy.run_path(os.path.join(HERE, f"{name}.py"), run_name="__main__")
    finally:
        sys.path.remove(HERE)
    return plain(namespace["RESULTS"])  # type: ignore[no-any-return]


if __name__ == "__main__":  # the reference generator runs each macro this way, under ROOT
    import json

    numbers = run_macro(sys.argv[1], sys.argv[2])
    with open(sys.argv[3], "w") as out:  # a file: ROOT's own printing shares stdout
        json.dump(numbers, out)
