"""Histogram bookkeeping cases: ROOT-spelled scripts replayed in ROOT 6.40 (by
``generate_root_references.py``) and through ``rootfit.compat`` (by the tests).

A case is a list of steps; every object is named. Steps:

* ``("new", name, cls, *ctor_args)``: ``name = cls(name, "", *ctor_args)``;
* ``("fill", name, xs[, ws])`` / ``("fill2", name, xs, ys[, ws])``: one ``Fill`` per value;
* ``("call", name, method, *args)``: a method call; ``"@other"`` stands for another object;
* ``("get", new, name, method, *args)``: ``new = name.method(*args)`` (a histogram; projection
  names must be unique across cases: ROOT reuses an existing object of the same name);
* ``("axis", name, "x"|"y", method, *args)``: a call on an axis;
* ``("record", name)``: a snapshot (contents and errors of every cell, entries, statistics);
* ``("value", name, method, *args)``: the number a method returns, as a record ``{"value": v}``;
* ``("fill_random", name, source, n)`` / ``("get_random", name)``: ``FillRandom`` and
  ``GetRandom``, given rootfit's explicit numpy Generator (only their counts and failure values
  are compared: the random sequences differ).

Lists given as arguments are passed as arrays of doubles; ``"$key"`` names an array of
:data:`DATA`. Only the standard library and numpy are needed here.
"""

from __future__ import annotations

import array
from collections.abc import Callable
from typing import Any

import numpy as np

_rng = np.random.default_rng(20261201)
DATA: dict[str, list[float]] = {
    "v": [float(v) for v in _rng.normal(0.3, 1.3, 200)] + [-9.0, 8.0, 7.5],
    "w": [float(v) for v in _rng.uniform(0.1, 2.5, 203)],
    "u": [float(v) for v in _rng.normal(-0.4, 0.9, 120)],
    "uw": [float(v) for v in _rng.uniform(0.3, 1.7, 120)],
    "y": [float(v) for v in _rng.normal(0.0, 1.0, 203)],
    "tenth": [0.1] * 37,
    "half": [0.5] * 37,
    "frac": [0.1, 0.7, 2.6, -1.2, 3.9, -0.5, 1.0, 1.49],
    "frac_x": [0.5] * 8,
    "many": [1.5] * 300,
    "minus": [2.5] * 200,
    "minus_w": [-1.0] * 200,
    "prof_x": [float(v) for v in _rng.uniform(-0.5, 8.5, 120)],
    "prof_y": [float(v) for v in _rng.integers(0, 6, 120)],
}

_EDGES = [-4.0, -2.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 4.0]

CASES: dict[str, list[tuple[Any, ...]]] = {
    # --------------------------------------------------------------- storage types
    "TH1F weights 0.1": [
        ("new", "h", "TH1F", 4, 0.0, 4.0),
        ("fill", "h", "$half", "$tenth"),
        ("fill", "h", [1.5, 1.5, 2.5], [0.3, 0.7, 1e-9]),
        ("call", "h", "SetBinContent", 4, 0.1),
        ("record", "h"),
    ],
    "TH1F fill, scale, add, rebin": [
        ("new", "h", "TH1F", 20, -4.0, 4.0),
        ("fill", "h", "$v", "$w"),
        ("record", "h"),
        ("new", "g", "TH1F", 20, -4.0, 4.0),
        ("fill", "g", "$u", "$uw"),
        ("call", "h", "Add", "@g", 0.3),
        ("record", "h"),
        ("call", "h", "Scale", 0.1),
        ("record", "h"),
        ("get", "r", "h", "Rebin", 3, "r"),
        ("record", "r"),
    ],
    "TH1F unweighted": [
        ("new", "h", "TH1F", 10, -3.0, 3.0),
        ("fill", "h", "$v"),
        ("call", "h", "SetBinContent", 2, 1.0 / 3.0),
        ("record", "h"),
    ],
    **{
        f"{cls} saturation and truncation": [
            ("new", "h", cls, 4, 0.0, 4.0),
            ("fill", "h", "$frac_x", "$frac"),
            ("fill", "h", "$many"),
            ("fill", "h", "$minus", "$minus_w"),
            ("record", "h"),
            ("call", "h", "SetBinContent", 4, 2.7),
            ("call", "h", "SetBinContent", 0, -2.7),
            ("record", "h"),
            ("call", "h", "Scale", 0.3),
            ("record", "h"),
        ]
        for cls in ("TH1C", "TH1S", "TH1I", "TH1L")
    },
    "TH1I add and set out of range": [
        ("new", "h", "TH1I", 4, 0.0, 4.0),
        ("fill", "h", "$many"),
        ("new", "g", "TH1I", 4, 0.0, 4.0),
        ("fill", "g", "$frac_x", "$frac"),
        ("call", "h", "Add", "@g", 2.5),
        ("record", "h"),
        ("call", "h", "SetBinContent", 3, 3.0e9),
        ("call", "h", "SetBinContent", 4, -7.9),
        ("record", "h"),
    ],
    "TH1C add saturates": [
        ("new", "h", "TH1C", 4, 0.0, 4.0),
        ("fill", "h", [1.5] * 100),
        ("new", "g", "TH1C", 4, 0.0, 4.0),
        ("fill", "g", [1.5] * 60 + [2.5] * 3),
        ("call", "h", "Add", "@g", 1.0),
        ("record", "h"),
    ],
    "TH2F weights 0.1": [
        ("new", "h", "TH2F", 3, 0.0, 3.0, 2, 0.0, 2.0),
        ("fill2", "h", "$half", "$half", "$tenth"),
        ("call", "h", "SetBinContent", 2, 2, 0.1),
        ("record", "h"),
    ],
    "TH3F weights 0.1": [
        ("new", "h", "TH3F", 2, 0.0, 2.0, 2, 0.0, 2.0, 2, 0.0, 2.0),
        ("call", "h", "Fill", 0.5, 0.5, 0.5, 0.1),
        ("call", "h", "Fill", 0.5, 0.5, 0.5, 0.1),
        ("call", "h", "Fill", 0.5, 0.5, 0.5, 0.1),
        ("call", "h", "Fill", 1.5, 0.5, 1.5, 0.7),
        ("record", "h"),
    ],
    # --------------------------------------------------------------- ranges past the axis
    "range user beyond both ends": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v", "$w"),
        ("axis", "h", "x", "SetRangeUser", -10.0, 10.0),
        ("record", "h"),
    ],
    "range user beyond the low end": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v"),
        ("axis", "h", "x", "SetRangeUser", -10.0, 1.0),
        ("record", "h"),
    ],
    "range beyond the high end": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v"),
        ("axis", "h", "x", "SetRange", 5, 21),
        ("record", "h"),
    ],
    "range within the axis": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v", "$w"),
        ("axis", "h", "x", "SetRange", 3, 15),
        ("record", "h"),
    ],
    "TH2 range beyond on y": [
        ("new", "h", "TH2D", 6, -3.0, 3.0, 5, -2.0, 2.0),
        ("fill2", "h", "$v", "$y", "$w"),
        ("axis", "h", "y", "SetRangeUser", -5.0, 5.0),
        ("record", "h"),
    ],
    # --------------------------------------------------------------- entries after arithmetic
    "add c=0.5 weighted": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v"),
        ("new", "g", "TH1D", 20, -4.0, 4.0),
        ("fill", "g", "$u", "$uw"),
        ("call", "h", "Add", "@g", 0.5),
        ("record", "h"),
    ],
    "add c=-0.5": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v"),
        ("new", "g", "TH1D", 20, -4.0, 4.0),
        ("fill", "g", "$u"),
        ("call", "h", "Add", "@g", -0.5),
        ("record", "h"),
    ],
    "add two with coefficients": [
        ("new", "a", "TH1D", 20, -4.0, 4.0),
        ("fill", "a", "$v"),
        ("new", "b", "TH1D", 20, -4.0, 4.0),
        ("fill", "b", "$u", "$uw"),
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("call", "h", "Add", "@a", "@b", 2.0, 3.0),
        ("record", "h"),
        ("call", "h", "Add", "@a", "@b", 1.0, -1.0),
        ("record", "h"),
    ],
    "add unweighted c=1": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v"),
        ("new", "g", "TH1D", 20, -4.0, 4.0),
        ("fill", "g", "$u"),
        ("call", "h", "Add", "@g", 1.0),
        ("record", "h"),
        ("call", "h", "Add", "@g", 2.5),
        ("record", "h"),
    ],
    "add two unweighted": [
        ("new", "a", "TH1D", 20, -4.0, 4.0),
        ("fill", "a", "$v"),
        ("new", "b", "TH1D", 20, -4.0, 4.0),
        ("fill", "b", "$u"),
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("call", "h", "Add", "@a", "@b", 1.0, 1.0),
        ("record", "h"),
        ("new", "k", "TH1D", 20, -4.0, 4.0),
        ("call", "k", "Add", "@a", "@b", 2.0, 3.0),
        ("record", "k"),
        ("new", "m", "TH1D", 20, -4.0, 4.0),
        ("call", "m", "Add", "@a", "@b", 1.0, -1.0),
        ("record", "m"),
    ],
    "add then rebin in place": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v"),
        ("new", "g", "TH1D", 20, -4.0, 4.0),
        ("fill", "g", "$u", "$uw"),
        ("call", "h", "Add", "@g", 0.7),
        ("call", "h", "Rebin", 4),
        ("record", "h"),
    ],
    "add then rebin into new": [
        ("new", "h", "TH1D", 20, -4.0, 4.0),
        ("fill", "h", "$v"),
        ("new", "g", "TH1D", 20, -4.0, 4.0),
        ("fill", "g", "$u"),
        ("call", "h", "Add", "@g", 2.0),
        ("get", "r", "h", "Rebin", 3, "r"),
        ("record", "r"),
        ("record", "h"),
    ],
    "scale then rebin edges": [
        ("new", "h", "TH1D", 16, -4.0, 4.0),
        ("fill", "h", "$v", "$w"),
        ("call", "h", "Scale", 2.5),
        ("get", "r", "h", "Rebin", 8, "r", _EDGES),
        ("record", "r"),
    ],
    "set content after fills": [
        ("new", "h", "TH1D", 10, -3.0, 3.0),
        ("fill", "h", "$v"),
        ("call", "h", "SetBinContent", 3, 17.0),
        ("call", "h", "SetBinContent", 0, 4.0),
        ("record", "h"),
    ],
    # --------------------------------------------------------------- statistics from contents
    "set contents negative": [
        ("new", "h", "TH1D", 5, 0.0, 5.0),
        ("call", "h", "SetBinContent", 1, 3.0),
        ("call", "h", "SetBinContent", 2, -4.0),
        ("call", "h", "SetBinContent", 3, 2.0),
        ("call", "h", "SetBinContent", 4, -1.5),
        ("call", "h", "SetBinContent", 5, 0.5),
        ("record", "h"),
    ],
    "set contents negative variance": [
        ("new", "h", "TH1D", 4, 0.0, 4.0),
        ("call", "h", "SetBinContent", 1, 5.0),
        ("call", "h", "SetBinContent", 2, -4.0),
        ("call", "h", "SetBinContent", 4, -4.0),
        ("record", "h"),
    ],
    "set contents with flow bins": [
        ("new", "h", "TH1D", 4, 0.0, 4.0),
        ("call", "h", "SetBinContent", 0, 9.0),
        ("call", "h", "SetBinContent", 2, 3.0),
        ("call", "h", "SetBinContent", 5, 6.0),
        ("record", "h"),
    ],
    # --------------------------------------------------------------- Σw², errors, stats API
    "sumw2 after unweighted fills": [
        ("new", "h", "TH1D", 10, -3.0, 3.0),
        ("fill", "h", "$v"),
        ("call", "h", "Sumw2"),
        ("fill", "h", [0.1, 0.2], [2.0, 0.5]),
        ("record", "h"),
    ],
    "sumw2 after set content": [
        ("new", "h", "TH1D", 4, 0.0, 4.0),
        ("call", "h", "SetBinContent", 1, 4.0),
        ("call", "h", "SetBinContent", 2, -9.0),
        ("call", "h", "Sumw2"),
        ("record", "h"),
    ],
    "set error without sumw2": [
        ("new", "h", "TH1D", 4, 0.0, 4.0),
        ("fill", "h", [0.5, 0.5, 1.5, 2.5, 2.5, 2.5]),
        ("call", "h", "SetBinError", 2, 0.25),
        ("record", "h"),
    ],
    "reset stats": [
        ("new", "h", "TH1D", 10, -3.0, 3.0),
        ("fill", "h", "$v", "$w"),
        ("call", "h", "ResetStats"),
        ("record", "h"),
    ],
    "reset stats unweighted": [
        ("new", "h", "TH1D", 10, -3.0, 3.0),
        ("fill", "h", "$v"),
        ("call", "h", "ResetStats"),
        ("record", "h"),
    ],
    "put stats and set entries": [
        ("new", "h", "TH1D", 10, -3.0, 3.0),
        ("fill", "h", "$v"),
        ("call", "h", "PutStats", [10.0, 12.0, 3.0, 40.0]),
        ("call", "h", "SetEntries", 77.0),
        ("record", "h"),
    ],
    "effective entries without sumw2": [
        ("new", "h", "TH1D", 4, 0.0, 4.0),
        ("call", "h", "SetBinContent", 2, 5.0),
        ("call", "h", "PutStats", [5.0, 0.0, 7.5, 11.25]),
        ("record", "h"),
    ],
    "divide B weighted": [
        ("new", "t", "TH1D", 10, -3.0, 3.0),
        ("fill", "t", "$v", "$w"),
        ("new", "p", "TH1D", 10, -3.0, 3.0),
        ("fill", "p", "$u", "$uw"),
        ("new", "e", "TH1D", 10, -3.0, 3.0),
        ("call", "e", "Divide", "@p", "@t", 1.0, 1.0, "B"),
        ("record", "e"),
    ],
    "flow bins after rebin": [
        ("new", "h", "TH1D", 10, -3.0, 3.0),
        ("fill", "h", "$v", "$w"),
        ("call", "h", "Rebin", 3),
        ("record", "h"),
    ],
    "projections with ranges and flow": [
        ("new", "h", "TH2D", 6, -3.0, 3.0, 5, -2.0, 2.0),
        ("fill2", "h", "$v", "$y", "$w"),
        ("get", "px_a", "h", "ProjectionX", "px_a", 2, 4),
        ("record", "px_a"),
        ("get", "py_a", "h", "ProjectionY", "py_a", 0, 7),
        ("record", "py_a"),
        ("axis", "h", "y", "SetRange", 2, 4),
        ("get", "pxr_a", "h", "ProjectionX", "pxr_a"),
        ("record", "pxr_a"),
        ("get", "pfx_a", "h", "ProfileX", "pfx_a", 1, -1),
        ("record", "pfx_a"),
        ("get", "pfy_a", "h", "ProfileY", "pfy_a", 0, 7),
        ("record", "pfy_a"),
    ],
    "integral with bin ranges": [
        ("new", "h", "TH1D", 5, [0.0, 1.0, 1.5, 3.0, 4.0, 6.0]),
        ("fill", "h", [-1.0, 0.5, 1.2, 2.0, 5.0, 7.0], [2.0, 1.0, 3.0, 0.5, 4.0, 1.5]),
        ("value", "h", "Integral", 2, 4, "width"),
        ("value", "h", "Integral", 0, 6, "width"),
        ("value", "h", "Integral", 0, 6),
        ("value", "h", "Integral", 3, 1),
        ("value", "h", "Integral", -2, 9),
        ("value", "h", "Integral", 2, 4),
        ("record", "h"),
    ],
    "random numbers and entries": [
        ("new", "src", "TH1D", 10, -3.0, 3.0),
        ("call", "src", "SetBinContent", 3, 4.0),
        ("call", "src", "SetBinContent", 7, 9.0),
        ("new", "t", "TH1D", 10, -3.0, 3.0),
        ("fill", "t", [0.5]),
        ("fill_random", "t", "@src", 500),
        ("value", "t", "GetEntries"),
        ("new", "f", "TH1F", 10, -3.0, 3.0),
        ("fill_random", "f", "gaus", 300),
        ("value", "f", "GetEntries"),
        ("new", "neg", "TH1D", 4, 0.0, 4.0),
        ("call", "neg", "SetBinContent", 1, 2.0),
        ("call", "neg", "SetBinContent", 2, -1.0),
        ("get_random", "neg"),
        ("new", "t4", "TH1D", 4, 0.0, 4.0),
        ("fill_random", "t4", "@neg", 10),
        ("value", "t4", "GetEntries"),
        ("new", "empty", "TH1D", 4, 0.0, 4.0),
        ("get_random", "empty"),
    ],
    **{
        f"profile weighted option '{option}'": [
            ("new", "p", "TProfile", 8, 0.0, 8.0, option),
            ("fill2", "p", "$prof_x", "$prof_y", "$uw"),
            (
                "fill2",
                "p",
                [0.5, 3.5, 3.5, -1.0, 9.0],
                [2.0, 5.0, 5.0, 1.0, 3.0],
                [2.0, 1.0, 1.0, 1.5, 0.5],
            ),
            ("record", "p"),
            ("value", "p", "GetMean", 2),
            ("value", "p", "GetStdDev", 2),
        ]
        for option in ("", "s", "i", "g")
    },
    "projection with a range on the kept axis": [
        ("new", "h", "TH2D", 6, -3.0, 3.0, 5, -2.0, 2.0),
        ("fill2", "h", "$v", "$y"),
        ("axis", "h", "x", "SetRange", 2, 5),
        ("get", "px_b", "h", "ProjectionX", "px_b"),
        ("record", "px_b"),
        ("get", "py_b", "h", "ProjectionY", "py_b"),
        ("record", "py_b"),
        ("get", "pfx_b", "h", "ProfileX", "pfx_b"),
        ("record", "pfx_b"),
    ],
}


def _argument(value: Any, objects: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return objects[value[1:]]
    if isinstance(value, str) and value.startswith("$"):
        return array.array("d", DATA[value[1:]])
    if isinstance(value, list):
        return array.array("d", [float(v) for v in value])
    return value


def _values(value: Any) -> list[float]:
    return DATA[value[1:]] if isinstance(value, str) else list(value)


def record(h: Any) -> dict[str, Any]:
    """A snapshot of a histogram or profile (every cell, flow included)."""
    dim = h.GetDimension()
    n = h.GetNcells()
    stats = array.array("d", [0.0] * 13)
    h.GetStats(stats)
    used = {1: 4, 2: 7, 3: 11}[dim]
    out: dict[str, Any] = {
        "class": h.ClassName(),
        "contents": [h.GetBinContent(i) for i in range(n)],
        "errors": [h.GetBinError(i) for i in range(n)],
        "entries": h.GetEntries(),
        "effective_entries": h.GetEffectiveEntries(),
        "sum_of_weights": h.GetSumOfWeights(),
        "integral": h.Integral(),
        "integral_width": h.Integral("width"),
        "means": [h.GetMean(a) for a in range(1, dim + 1)],
        "stds": [h.GetStdDev(a) for a in range(1, dim + 1)],
        "stats": list(stats)[: 6 if h.ClassName() == "TProfile" else used],
        "sumw2": h.GetSumw2N() > 0,
    }
    if h.ClassName() == "TProfile":
        out["bin_entries"] = [h.GetBinEntries(i) for i in range(n)]
    return out


def replay(module: Any, steps: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Run ``steps`` with ``module`` (ROOT or rootfit.compat); return the records."""
    objects: dict[str, Any] = {}
    records: list[dict[str, Any]] = []
    for step in steps:
        kind = step[0]
        if kind == "new":
            name, cls, *args = step[1:]
            objects[name] = getattr(module, cls)(name, "", *[_argument(a, objects) for a in args])
        elif kind in ("fill", "fill2"):
            name, *columns = step[1:]
            h = objects[name]
            lists = [_values(c) for c in columns]
            for point in zip(*lists, strict=True):
                h.Fill(*point)
        elif kind == "call":
            name, method, *args = step[1:]
            getattr(objects[name], method)(*[_argument(a, objects) for a in args])
        elif kind == "get":
            new, name, method, *args = step[1:]
            objects[new] = getattr(objects[name], method)(*[_argument(a, objects) for a in args])
        elif kind == "axis":
            name, which, method, *args = step[1:]
            getter: Callable[[], Any] = getattr(objects[name], f"Get{which.upper()}axis")
            getattr(getter(), method)(*args)
        elif kind == "record":
            records.append(record(objects[step[1]]))
        elif kind == "value":
            name, method, *args = step[1:]
            value = getattr(objects[name], method)(*[_argument(a, objects) for a in args])
            records.append({"value": float(value)})
        elif kind == "fill_random":
            name, source, n = step[1:]
            extra = [] if module.__name__ == "ROOT" else [np.random.default_rng(1)]
            objects[name].FillRandom(_argument(source, objects), n, *extra)
        elif kind == "get_random":
            extra = [] if module.__name__ == "ROOT" else [np.random.default_rng(1)]
            records.append({"value": float(objects[step[1]].GetRandom(*extra))})
        else:
            raise ValueError(f"unknown step {kind!r}")
    return records
