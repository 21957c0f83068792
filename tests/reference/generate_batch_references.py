#!/usr/bin/env python
"""Generate ROOT 6.40 reference numbers for rootfit's batch fits (``TH2::FitSlicesY/X``).

Run in the ROOT virtualenv (``make references`` runs it):

    .venv-root/bin/python tests/reference/generate_batch_references.py

Writes ``root_batch.json`` beside this script: for each case the 2-D bin contents (flow
included, set with ``SetBinContent`` so both sides start from the same numbers), the call, and
every output histogram ROOT made (name, title, edges, contents, errors, entries).
"""

from __future__ import annotations

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def _columns() -> tuple[np.ndarray, dict]:
    """Columns of 0, 1, 3, 40, 400, 4000 events: empty, too few bins, enough."""
    rng = np.random.default_rng(5)
    x, y = [], []
    for ix, n in enumerate((0, 1, 3, 40, 400, 4000)):
        x.extend([ix + 0.5] * n)
        y.extend(rng.normal(0.0, 1.0, n))
    counts, _, _ = np.histogram2d(x, y, bins=[np.linspace(0, 6, 7), np.linspace(-3, 3, 31)])
    return _with_flow(counts), {"x": (6, 0.0, 6.0), "y": (30, -3.0, 3.0)}


def _trend() -> tuple[np.ndarray, dict]:
    """A mean that drifts with x, events past both x ends (flow slices are fitted too)."""
    rng = np.random.default_rng(9)
    x = rng.uniform(-0.5, 7.5, 40000)
    y = rng.normal(0.3 * x, 1.0 + 0.05 * x)
    xe, ye = np.linspace(0, 7, 8), np.linspace(-3, 6, 37)
    full_x = np.concatenate([[-np.inf], xe, [np.inf]])
    full_y = np.concatenate([[-np.inf], ye, [np.inf]])
    counts, _, _ = np.histogram2d(x, y, bins=[full_x, full_y])
    return counts, {"x": (7, 0.0, 7.0), "y": (36, -3.0, 6.0)}


def _with_flow(counts: np.ndarray) -> np.ndarray:
    out = np.zeros((counts.shape[0] + 2, counts.shape[1] + 2))
    out[1:-1, 1:-1] = counts
    return out


#: (data, method, function formula or (formula, xmin, xmax) or None, first, last, cut, option)
CASES = [
    ("columns", "FitSlicesY", None, 0, -1, 0, "QNR"),
    ("columns", "FitSlicesY", None, 0, -1, 16, "QNR"),
    ("columns", "FitSlicesY", None, 0, -1, 17, "QNR"),
    ("columns", "FitSlicesY", "pol0", 0, -1, 0, "QNR"),
    ("trend", "FitSlicesY", None, 0, -1, 0, "QNR"),
    ("trend", "FitSlicesY", None, 0, -1, 0, "QNRG2"),
    ("trend", "FitSlicesY", None, 1, 7, 0, "QNRG2"),
    ("trend", "FitSlicesY", None, 2, 7, 0, "QNRG3"),
    ("trend", "FitSlicesY", None, 0, -1, 0, "QNRL"),
    ("trend", "FitSlicesY", ("gaus", -1.0, 3.0), 0, -1, 0, "QNR"),
    ("transposed", "FitSlicesX", None, 0, -1, 0, "QNR"),
    ("transposed", "FitSlicesX", None, 2, 6, 10, "QNRG2"),
]


def _hist_record(h) -> dict:
    n = h.GetNbinsX()
    return {
        "name": h.GetName(),
        "title": h.GetTitle(),
        "edges": [h.GetXaxis().GetBinLowEdge(i) for i in range(1, n + 2)],
        "contents": [h.GetBinContent(i) for i in range(n + 2)],
        "errors": [h.GetBinError(i) for i in range(n + 2)],
        "entries": h.GetEntries(),
    }


def main() -> None:
    import ROOT

    ROOT.gErrorIgnoreLevel = ROOT.kError
    trend, trend_axes = _trend()
    data = {
        "columns": _columns(),
        "trend": (trend, trend_axes),
        "transposed": (trend.T.copy(), {"x": trend_axes["y"], "y": trend_axes["x"]}),
    }
    out = []
    for k, (key, method, formula, first, last, cut, option) in enumerate(CASES):
        counts, axes = data[key]
        name = f"h{k}"
        h2 = ROOT.TH2D(name, name, *axes["x"], *axes["y"])
        for i in range(counts.shape[0]):
            for j in range(counts.shape[1]):
                if counts[i, j]:
                    h2.SetBinContent(i, j, counts[i, j])
        spec = (formula, -100.0, 100.0) if isinstance(formula, str) else formula
        f = ROOT.TF1(f"f{k}", *spec) if spec else ROOT.nullptr
        arr = ROOT.TObjArray()
        getattr(h2, method)(f, first, last, cut, option, arr)
        out.append(
            {
                "data": key,
                "axes": axes,
                "counts": counts.tolist(),
                "method": method,
                "function": formula,
                "first": first,
                "last": last,
                "cut": cut,
                "option": option,
                "name": name,
                "histograms": [_hist_record(arr.At(i)) for i in range(arr.GetEntries())],
            }
        )
    with open(os.path.join(HERE, "root_batch.json"), "w") as fh:
        json.dump({"root_version": ROOT.gROOT.GetVersion(), "slices": out}, fh, indent=1)


if __name__ == "__main__":
    main()
