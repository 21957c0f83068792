"""Minimizer configuration with ROOT 6.40's defaults (``ROOT::Math::MinimizerOptions``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Any

from rootfit.errors import FitOptionError

__all__ = ["MinimizerOptions", "canonical_minimizer"]

#: ROOT's alternative spellings of minimizer types: name → (type, algorithm or None to keep).
_TYPE_ALIASES = {
    "TMinuit": ("Minuit", None),
    "Fumili2": ("Minuit2", "Fumili"),
    "Minuit2": ("Minuit2", None),
}
#: Per type, the algorithm ROOT substitutes for an empty one or for the generic "Migrad".
_DEFAULT_ALGORITHM = {"Minuit2": "Migrad", "Minuit": "Migrad", "GSLMultiMin": "BFGS2"}
#: Types whose algorithm name is not used (ROOT's MinimizerType shows the type alone).
TYPES_WITHOUT_ALGORITHM = ("Fumili", "GSLMultiFit", "GSLSimAn", "Genetic")


def canonical_minimizer(minimizer_type: str, algorithm: str) -> tuple[str, str]:
    """ROOT's name rules: ``"Fumili2"`` is Minuit2's Fumili, ``"TMinuit"`` is ``"Minuit"``,
    an empty algorithm is the type's default (Migrad; BFGS2 for GSLMultiMin, which also reads
    ``"Migrad"`` as BFGS2), and types without algorithms drop theirs.

    Examples
    --------
    >>> canonical_minimizer("Fumili2", "Migrad")
    ('Minuit2', 'Fumili')
    >>> canonical_minimizer("GSLMultiMin", "Migrad")
    ('GSLMultiMin', 'BFGS2')
    """
    kind, forced = _TYPE_ALIASES.get(minimizer_type, (minimizer_type, None))
    algo = forced or algorithm
    if kind in TYPES_WITHOUT_ALGORITHM:
        return kind, ""
    if kind == "GSLMultiMin" and algo == "Migrad":
        algo = ""
    if not algo:
        algo = _DEFAULT_ALGORITHM.get(kind, "")
    return kind, algo


@dataclass(frozen=True)
class MinimizerOptions:
    """How the minimizer is run.

    The defaults are ROOT 6.40's: Minuit2/Migrad, strategy 1, tolerance 0.01 (Migrad stops when
    EDM < 0.002·tolerance·errordef), a call limit of ``1000 + 100·npar + 5·npar²``.

    Attributes
    ----------
    minimizer_type : str
        ROOT's minimizer type: ``"Minuit2"`` (default, through iminuit), ``"Minuit"``
        (``"TMinuit"``: TMinuit's status codes and ``MigradImproved``), ``"Fumili"`` /
        ``"Fumili2"`` (Gauss–Newton with Fumili's Hessian), ``"GSLMultiFit"``
        (Levenberg–Marquardt), ``"GSLMultiMin"``, ``"GSLSimAn"``, ``"Genetic"`` (mapped to scipy
        engines), ``"scipy"`` (any ``scipy.optimize.minimize`` method as the algorithm) and
        ``"Linear"`` (closed-form least squares for linear models). Aliases are resolved as ROOT
        does (:func:`canonical_minimizer`); the backend registry
        (:mod:`rootfit.fitter.backends`) lists what is available.
    algorithm : str
        Minuit2: ``"Migrad"``, ``"Simplex"``, ``"Combined"``/``"Minimize"``, ``"Scan"``,
        ``"Fumili"``; Minuit: also ``"MigradImproved"``; GSLMultiMin: ``"BFGS2"``, ``"BFGS"``,
        ``"ConjugateFR"``, ``"ConjugatePR"``, ``"SteepestDescent"``; scipy: a method name;
        Linear: ``"Robust"`` selects least trimmed squares.
    strategy : int
        0 (fast), 1 (default), 2 (careful).
    tolerance : float
        Convergence tolerance (ROOT's meaning, see above).
    max_function_calls : int
        0 means ROOT's automatic limit.
    max_iterations : int
        Iteration limit of the scipy engines (0: the call limit); Minuit2 has none, as ROOT's.
    precision : float
        Machine precision of the objective; negative lets the minimizer decide.
    error_def : float or None
        Up value. None (default) takes the cost's own (1 for chi-square, 0.5 for
        negative log-likelihoods), which is what ROOT does while the user has not changed it.
    print_level : int
        0 quiet ... 3 verbose.
    extra : tuple of (str, value) pairs
        Backend-specific settings (ROOT's ``ExtraOptions``), e.g. ``("robust_fraction", 0.8)``;
        read them with :meth:`extra_option`, add them with :meth:`with_extra`.
    """

    minimizer_type: str = "Minuit2"
    algorithm: str = "Migrad"
    strategy: int = 1
    tolerance: float = 0.01
    max_function_calls: int = 0
    max_iterations: int = 0
    precision: float = -1.0
    error_def: float | None = None
    print_level: int = 0
    extra: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.minimizer_type, str) or not isinstance(self.algorithm, str):
            raise FitOptionError(
                f"minimizer type and algorithm must be strings, got {self.minimizer_type!r}, "
                f"{self.algorithm!r}"
            )
        kind, algorithm = canonical_minimizer(self.minimizer_type, self.algorithm)
        object.__setattr__(self, "minimizer_type", kind)
        object.__setattr__(self, "algorithm", algorithm)
        if self.strategy not in (0, 1, 2):
            raise FitOptionError(f"strategy must be 0, 1 or 2, not {self.strategy!r}")
        if not self.tolerance > 0:
            raise FitOptionError(f"tolerance must be positive, not {self.tolerance!r}")
        if self.max_function_calls < 0:
            raise FitOptionError(
                f"max_function_calls must be >= 0 (0 = automatic), not {self.max_function_calls!r}"
            )
        if self.error_def is not None and not self.error_def > 0:
            raise FitOptionError(f"error_def must be positive or None, not {self.error_def!r}")

    @classmethod
    def default(cls) -> MinimizerOptions:
        """ROOT 6.40's default options (Minuit2 / Migrad, strategy 1, tolerance 0.01): one
        shared instance (options are immutable)."""
        return _default_options() if cls is MinimizerOptions else cls()

    def with_(self, **changes: object) -> MinimizerOptions:
        """Return a copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def extra_option(self, key: str, default: Any = None) -> Any:
        """A backend-specific setting (the last one given wins)."""
        for name, value in reversed(self.extra):
            if name == key:
                return value
        return default

    def with_extra(self, **settings: Any) -> MinimizerOptions:
        """A copy with backend-specific settings added."""
        return replace(self, extra=self.extra + tuple(settings.items()))

    def call_limit(self, npar: int) -> int:
        """The maximum number of function calls for ``npar`` parameters (ROOT's rule)."""
        if self.max_function_calls > 0:
            return self.max_function_calls
        return 1000 + 100 * npar + 5 * npar * npar


@functools.cache
def _default_options() -> MinimizerOptions:
    return MinimizerOptions()
