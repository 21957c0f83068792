#!/usr/bin/env python
"""ROOT 6.40's numbers for the ported tutorials of ``tests/macros/``.

Runs each macro with real ROOT: a shim package on ``PYTHONPATH`` makes the macros' one changed
line, ``from rootfit import compat as ROOT``, import ROOT itself; each macro runs in its own ROOT
process (ROOT's global function list and directories start empty), in batch mode, in a
scratch directory. Writes ``root_macros.json`` ({macro: RESULTS}). Run with any Python; ROOT's
(``make references`` creates ``.venv-root``):

    python tests/reference/generate_macro_references.py [--root-python .venv-root/bin/python]
        [macro ...]

Naming macros regenerates only those and keeps the others' numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MACROS = os.path.join(os.path.dirname(HERE), "macros")
OUT = os.path.join(HERE, "root_macros.json")
SHIM = "import ROOT\n\nROOT.gROOT.SetBatch(True)\ncompat = ROOT\n"


def run_with_root(name: str, root_python: str) -> dict:  # type: ignore[type-arg]
    """RESULTS of macro ``name`` run by ROOT."""
    with tempfile.TemporaryDirectory() as shim, tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(shim, "rootfit"))
        with open(os.path.join(shim, "rootfit", "__init__.py"), "w") as fh:
            fh.write(SHIM)
        env = dict(os.environ, PYTHONPATH=shim)
        out = os.path.join(shim, "results.json")
        done = subprocess.run(
            [root_python, os.path.join(MACROS, "harness.py"), name, work, out],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{name} failed under ROOT:\n{done.stderr[-3000:]}")
        with open(out) as fh:
            return json.load(fh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root-python", default=".venv-root/bin/python")
    parser.add_argument("macros", nargs="*")
    args = parser.parse_args()
    sys.path.insert(0, MACROS)
    from harness import macro_names

    names = args.macros or macro_names()
    results = {}
    if args.macros and os.path.exists(OUT):
        with open(OUT) as fh:
            results = json.load(fh)
    failed = []
    for name in names:
        print(f"== {name}", flush=True)
        try:
            results[name] = run_with_root(name, args.root_python)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            failed.append(name)
    with open(OUT, "w") as fh:
        json.dump(dict(sorted(results.items())), fh, indent=1)
        fh.write("\n")
    if failed:
        sys.exit(f"failed under ROOT: {', '.join(failed)}")


if __name__ == "__main__":
    main()
