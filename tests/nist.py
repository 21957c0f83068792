"""NIST StRD nonlinear least-squares problems: data, starts and certified values.

The numbers are read from the verbatim NIST files in ``../shared/data/nist-strd/``; the models
are written here in ROOT's formula syntax (the same strings go to ROOT in the reference
generator). A fit *passes* when every parameter and the residual sum of squares agree with the
certified values to at least 4 significant digits (LRE ≥ 4, NIST's usual scoring).
"""

from __future__ import annotations

import math
import pathlib
import re
from dataclasses import dataclass

import numpy as np

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data" / "nist-strd"

#: Models in ROOT formula syntax; Nelson is fitted as log(y) against (x1, x2).
MODELS = {
    "Misra1a": "[b1]*(1-exp(-[b2]*x))",
    "Chwirut2": "exp(-[b1]*x)/([b2]+[b3]*x)",
    "Chwirut1": "exp(-[b1]*x)/([b2]+[b3]*x)",
    "Lanczos3": "[b1]*exp(-[b2]*x)+[b3]*exp(-[b4]*x)+[b5]*exp(-[b6]*x)",
    "Gauss1": "[b1]*exp(-[b2]*x)+[b3]*exp(-(x-[b4])^2/[b5]^2)+[b6]*exp(-(x-[b7])^2/[b8]^2)",
    "Gauss2": "[b1]*exp(-[b2]*x)+[b3]*exp(-(x-[b4])^2/[b5]^2)+[b6]*exp(-(x-[b7])^2/[b8]^2)",
    "DanWood": "[b1]*x^[b2]",
    "Misra1b": "[b1]*(1-(1+[b2]*x/2)^(-2))",
    "Kirby2": "([b1]+[b2]*x+[b3]*x^2)/(1+[b4]*x+[b5]*x^2)",
    "Hahn1": "([b1]+[b2]*x+[b3]*x^2+[b4]*x^3)/(1+[b5]*x+[b6]*x^2+[b7]*x^3)",
    "Nelson": "[b1]-[b2]*x*exp(-[b3]*y)",
    "MGH17": "[b1]+[b2]*exp(-x*[b4])+[b3]*exp(-x*[b5])",
    "Lanczos1": "[b1]*exp(-[b2]*x)+[b3]*exp(-[b4]*x)+[b5]*exp(-[b6]*x)",
    "Lanczos2": "[b1]*exp(-[b2]*x)+[b3]*exp(-[b4]*x)+[b5]*exp(-[b6]*x)",
    "Gauss3": "[b1]*exp(-[b2]*x)+[b3]*exp(-(x-[b4])^2/[b5]^2)+[b6]*exp(-(x-[b7])^2/[b8]^2)",
    "Misra1c": "[b1]*(1-(1+2*[b2]*x)^(-0.5))",
    "Misra1d": "[b1]*[b2]*x*((1+[b2]*x)^(-1))",
    "Roszman1": "[b1]-[b2]*x-atan([b3]/(x-[b4]))/pi",
    "ENSO": (
        "[b1]+[b2]*cos(2*pi*x/12)+[b3]*sin(2*pi*x/12)+[b5]*cos(2*pi*x/[b4])"
        "+[b6]*sin(2*pi*x/[b4])+[b8]*cos(2*pi*x/[b7])+[b9]*sin(2*pi*x/[b7])"
    ),
    "MGH09": "[b1]*(x^2+x*[b2])/(x^2+x*[b3]+[b4])",
    "Thurber": "([b1]+[b2]*x+[b3]*x^2+[b4]*x^3)/(1+[b5]*x+[b6]*x^2+[b7]*x^3)",
    "BoxBOD": "[b1]*(1-exp(-[b2]*x))",
    "Rat42": "[b1]/(1+exp([b2]-[b3]*x))",
    "MGH10": "[b1]*exp([b2]/(x+[b3]))",
    "Eckerle4": "([b1]/[b2])*exp(-0.5*((x-[b3])/[b2])^2)",
    "Rat43": "[b1]/((1+exp([b2]-[b3]*x))^(1/[b4]))",
    "Bennett5": "[b1]*([b2]+x)^(-1/[b3])",
}

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][-+]?\d+)?"


@dataclass(frozen=True)
class Problem:
    """One NIST problem."""

    name: str
    formula: str
    x: np.ndarray  # shape (n,) or (n, 2) for Nelson
    y: np.ndarray
    starts: tuple[tuple[float, ...], tuple[float, ...]]
    certified: tuple[float, ...]
    certified_errors: tuple[float, ...]
    certified_rss: float


def load(name: str) -> Problem:
    """Parse ``<name>.dat``."""
    lines = (DATA / f"{name}.dat").read_text().splitlines()
    start1, start2, values, errors = [], [], [], []
    rss = math.nan
    data_at = None
    for i, line in enumerate(lines):
        m = re.match(rf"\s*b\d+\s*=\s*({_NUMBER})\s+({_NUMBER})\s+({_NUMBER})\s+({_NUMBER})", line)
        if m:
            a, b, c, d = (float(v.replace("D", "E")) for v in m.groups())
            start1.append(a), start2.append(b), values.append(c), errors.append(d)
        if line.strip().startswith("Residual Sum of Squares"):
            rss = float(re.findall(_NUMBER, line)[-1])
        if re.match(r"\s*Data:\s+y\s", line):
            data_at = i + 1
    assert data_at is not None, name
    rows = [list(map(float, ln.split())) for ln in lines[data_at:] if ln.strip()]
    table = np.array(rows)
    y = table[:, 0]
    x = table[:, 1] if table.shape[1] == 2 else table[:, 1:]
    if name == "Nelson":
        y = np.log(y)
    return Problem(
        name,
        MODELS[name],
        x,
        y,
        (tuple(start1), tuple(start2)),
        tuple(values),
        tuple(errors),
        rss,
    )


def lre(got: float, certified: float) -> float:
    """NIST's log relative error (capped at 11 digits)."""
    if got == certified:
        return 11.0
    scale = abs(certified) if certified != 0 else 1.0
    return min(11.0, -math.log10(abs(got - certified) / scale))


def passes(problem: Problem, values: np.ndarray, rss: float, digits: float = 4.0) -> bool:
    """True if every parameter and the RSS have at least ``digits`` correct digits."""
    return all(lre(v, c) >= digits for v, c in zip(values, problem.certified, strict=True)) and (
        lre(rss, problem.certified_rss) >= digits
    )


NAMES = tuple(MODELS)
