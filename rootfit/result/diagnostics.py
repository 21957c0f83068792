"""``FitResult.diagnose()``: what to trust in a result, each finding with advice.

The checks read only the result's numbers:

* **convergence** — the minimizer's validity flag and ROOT's status;
* **edm** — the estimated distance to the minimum against Minuit's goal
  ``0.002 · tolerance · errordef``;
* **covariance** — its status (3 accurate, 2 forced positive-definite, 1 approximate, 0 or
  -1 not available);
* **limits** — free parameters less than one error from a limit;
* **asymmetry** — Minos errors that differ from the parabolic error or from each other by
  more than 10 %;
* **goodness of fit** — the χ² probability for ``Prob()``-able fits (below 0.001: poor; above
  0.999: suspiciously good);
* **correlations** — pairs of free parameters correlated above 0.99;
* **scaling** — errors scaled by √(χ²/ndf) (information, not a problem).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from rootfit.result.fit_result import FitResult

__all__ = ["Diagnosis", "Finding", "diagnose"]

#: Minuit's EDM goal is 0.002 · tolerance · errordef.
EDM_GOAL_FACTOR = 0.002
#: Relative difference of Minos and Hesse errors that counts as a non-parabolic minimum.
ASYMMETRY = 0.1
#: Correlation above which two parameters are reported as degenerate.
CORRELATION = 0.99


@dataclass(frozen=True)
class Finding:
    """One check.

    Attributes
    ----------
    check : str
        ``"convergence"``, ``"edm"``, ``"covariance"``, ``"limits"``, ``"asymmetry"``,
        ``"goodness of fit"``, ``"correlations"`` or ``"scaling"``.
    ok : bool
        The check passed.
    message : str
        What was found.
    advice : str
        What to do about it (empty when nothing is needed).
    """

    check: str
    ok: bool
    message: str
    advice: str = ""


@dataclass(frozen=True)
class Diagnosis:
    """The findings of :func:`diagnose`; ``str()`` prints them with their advice."""

    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """Every check passed."""
        return all(f.ok for f in self.findings)

    @property
    def problems(self) -> tuple[Finding, ...]:
        """The checks that did not pass."""
        return tuple(f for f in self.findings if not f.ok)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __getitem__(self, check: str) -> Finding:
        """The finding of one check."""
        for f in self.findings:
            if f.check == check:
                return f
        raise KeyError(f"no check {check!r}; checks: {[f.check for f in self.findings]}")

    def __str__(self) -> str:
        lines = []
        for f in self.findings:
            lines.append(f"[{'ok' if f.ok else '!!'}] {f.check}: {f.message}")
            if f.advice:
                lines.append(f"       advice: {f.advice}")
        return "\n".join(lines)


def diagnose(result: FitResult, tolerance: float = 0.01) -> Diagnosis:
    """Check a result (see the module docstring); ``tolerance`` is the minimizer's (ROOT's
    default 0.01) for the EDM goal."""
    checks = [
        _convergence(result),
        _edm(result, tolerance),
        _covariance(result),
        _limits(result),
        _asymmetry(result),
        _goodness(result),
        _correlations(result),
    ]
    if result.normalized_errors:
        checks.append(
            Finding(
                "scaling",
                True,
                f"errors are scaled by √(χ²/ndf) = {math.sqrt(result.chi2 / result.ndf):.4g} "
                "(least squares without data errors)",
            )
        )
    return Diagnosis(tuple(c for c in checks if c is not None))


def _convergence(r: FitResult) -> Finding:
    if r.valid:
        return Finding("convergence", True, f"valid minimum ({r.minimizer}, status {r.status})")
    return Finding(
        "convergence",
        False,
        f"the minimizer did not converge ({r.minimizer}, status {r.status})",
        "give start values closer to the solution, fix or bound parameters that wander, try "
        "MinimizerOptions(strategy=2) or more function calls, or option 'M'",
    )


def _edm(r: FitResult, tolerance: float) -> Finding | None:
    if not r.edm >= 0 or not math.isfinite(r.edm):
        return None
    goal = EDM_GOAL_FACTOR * tolerance * r.errordef
    if r.edm <= goal:
        return Finding("edm", True, f"EDM {r.edm:.3g} below the goal {goal:.3g}")
    return Finding(
        "edm",
        False,
        f"EDM {r.edm:.3g} above the goal {goal:.3g}: the minimum is not reached to the "
        "requested precision",
        "run the fit again from this result, or with strategy 2; check the cost is smooth",
    )


def _covariance(r: FitResult) -> Finding:
    texts = {
        3: (True, "accurate covariance", ""),
        2: (
            False,
            "the covariance was forced positive-definite",
            "the minimum is not a clean parabola: run Hesse (option E), reparametrise "
            "correlated parameters, or use Minos",
        ),
        1: (False, "approximate covariance", "run Hesse (option E) for accurate errors"),
        0: (False, "the covariance is not positive-definite", "check for degenerate parameters"),
    }
    ok, text, advice = texts.get(
        r.cov_status,
        (False, "no covariance available", "run Hesse (option E) after a minimizer without one"),
    )
    if r.cov_status == -1 and r.minimizer.startswith("Linear"):
        ok, text, advice = True, "exact covariance of the linear solution", ""
    return Finding("covariance", ok, f"{text} (status {r.cov_status})", advice)


def _limits(r: FitResult) -> Finding | None:
    near = []
    for i, name in enumerate(r.parameter_names):
        bounds = r.bounds[i]
        if bounds is None or r.fixed[i]:
            continue
        error = r.errors[i]
        distance = min(abs(r.values[i] - bounds[0]), abs(bounds[1] - r.values[i]))
        if error > 0 and distance < error:
            near.append(f"{name} = {r.values[i]:.4g} ({distance / error:.2g}σ from its limit)")
    if not any(b is not None for b in r.bounds):
        return None
    if not near:
        return Finding("limits", True, "no parameter is within 1σ of a limit")
    return Finding(
        "limits",
        False,
        "within 1σ of a limit: " + ", ".join(near),
        "parabolic errors are distorted near a limit: quote Minos errors (option E), or widen "
        "or remove the limit if it is not physical",
    )


def _asymmetry(r: FitResult) -> Finding | None:
    if not r.minos:
        return None
    skewed = []
    for name, (lower, upper) in r.minos.items():
        hesse = r.errors[name]
        if hesse <= 0:
            continue
        if abs(upper + lower) > ASYMMETRY * (upper - lower) or any(
            abs(abs(e) - hesse) > ASYMMETRY * hesse for e in (lower, upper)
        ):
            skewed.append(f"{name} ({lower:+.3g}/{upper:+.3g} vs ±{hesse:.3g})")
    if not skewed:
        return Finding("asymmetry", True, "Minos and parabolic errors agree within 10%")
    return Finding(
        "asymmetry",
        False,
        "Minos errors differ from the parabolic ones: " + ", ".join(skewed),
        "the statistic is not parabolic there: quote the Minos errors; bands from the "
        "covariance are approximate (a bootstrap band shows the real spread)",
    )


def _goodness(r: FitResult) -> Finding | None:
    if r.chi2 < 0:
        return None
    if r.ndf <= 0:
        return Finding(
            "goodness of fit",
            False,
            "no degrees of freedom: the fit cannot be tested",
            "fit more points or fewer parameters",
        )
    p = r.prob
    ratio = r.chi2 / r.ndf
    if r.normalized_errors:
        return Finding(
            "goodness of fit",
            True,
            f"χ²/ndf = {ratio:.4g}: no data errors, so the χ² only sets the error scale",
        )
    if p < 1e-3:
        return Finding(
            "goodness of fit",
            False,
            f"χ²/ndf = {r.chi2:.4g}/{r.ndf}, probability {p:.3g}: a poor fit",
            "the model does not describe the data, or the data errors are underestimated",
        )
    if p > 0.999:
        return Finding(
            "goodness of fit",
            False,
            f"χ²/ndf = {r.chi2:.4g}/{r.ndf}, probability {p:.4g}: suspiciously good",
            "the data errors may be overestimated or the points correlated",
        )
    return Finding("goodness of fit", True, f"χ²/ndf = {r.chi2:.4g}/{r.ndf}, probability {p:.3g}")


def _correlations(r: FitResult) -> Finding | None:
    free = [i for i in range(r.npar) if not r.fixed[i]]
    if len(free) < 2 or r.cov_status < 1:
        return None
    corr = r.correlation
    pairs = [
        f"{r.parameter_names[i]}–{r.parameter_names[j]} ({corr[i, j]:+.4f})"
        for a, i in enumerate(free)
        for j in free[a + 1 :]
        if abs(corr[i, j]) > CORRELATION and np.isfinite(corr[i, j])
    ]
    if not pairs:
        return Finding("correlations", True, f"no correlation above {CORRELATION}")
    return Finding(
        "correlations",
        False,
        "nearly degenerate parameters: " + ", ".join(pairs),
        "reparametrise (e.g. centre x on the data), fix one of each pair, or add a constraint",
    )
