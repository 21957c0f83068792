"""Cold start: a new process imports the package and runs its first ``gaus`` fit (W1's data).

Each measurement runs in a fresh interpreter (``python -c``), so nothing is warm but the
operating system's file cache and numba's on-disk cache. Prints one JSON line:
``{"import": s, "first_fit": s}``.
"""

from __future__ import annotations

import json
import subprocess
import sys

ROOTFIT = """
import time, json
t0 = time.perf_counter()
import rootfit as rf
t1 = time.perf_counter()
import numpy as np
d = np.load({w1!r})
h = rf.Histogram.from_counts(d["counts"], d["edges"])
r = h.fit("gaus", "SQN")
t2 = time.perf_counter()
assert r.valid
print(json.dumps({{"import": t1 - t0, "first_fit": t2 - t1}}))
"""

ROOT = """
import time, json
t0 = time.perf_counter()
import ROOT
t1 = time.perf_counter()
import numpy as np
ROOT.gROOT.SetBatch(True)
d = np.load({w1!r})
c, e = d["counts"], d["edges"]
h = ROOT.TH1D("h", "", len(c), float(e[0]), float(e[-1]))
for i, v in enumerate(c):
    h.SetBinContent(i + 1, float(v))
r = h.Fit("gaus", "SQN")
t2 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "first_fit": t2 - t1}}))
"""


def measure(python: str, template: str, w1: str, repeats: int = 3) -> dict[str, float] | None:
    """The fastest of ``repeats`` fresh processes (import and first fit), or None if the
    interpreter cannot run it."""
    best: dict[str, float] | None = None
    for _ in range(repeats):
        out = subprocess.run([python, "-c", template.format(w1=w1)], capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr[-1000:], file=sys.stderr)
            return None
        sample = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or sample["import"] + sample["first_fit"] < sum(best.values()):
            best = sample
    return best


def run(w1: str, root_python: str | None) -> dict[str, dict[str, float] | None]:
    """Cold-start times of rootfit (this interpreter) and ROOT (``root_python``)."""
    out = {"rootfit": measure(sys.executable, ROOTFIT, w1)}
    if root_python:
        out["ROOT"] = measure(root_python, ROOT, w1)
    return out
