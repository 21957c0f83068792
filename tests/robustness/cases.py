"""Builders shared by the robustness battery: small data sets and fits that go wrong."""

from __future__ import annotations

import numpy as np

import rootfit as rf

G = [0, 2, 1, 0, 5, 11, 21, 30, 33, 50, 62, 52, 43, 49, 19, 13, 12, 5, 1, 0]
X = np.linspace(0.5, 9.5, 10)
Y = 1.0 + 0.5 * X + np.sin(X) * 0.1


def hist() -> rf.Histogram:
    h = rf.Histogram(20, -5, 5)
    h.set_values(G)
    return h


def with_nan(values, i=3, value=np.nan):
    a = np.array(values, dtype=float)
    a[i] = value
    return a


def graph(**kw) -> rf.Graph:
    return rf.Graph(kw.pop("x", X), kw.pop("y", Y), **kw)


def gaus_at(*values, limits=None, fixed=()) -> rf.Function:
    f = rf.Function("gaus")
    f.set_parameters(*values)
    if limits:
        f.set_limits(*limits)
    for name in fixed:
        f.fix(name)
    return f
