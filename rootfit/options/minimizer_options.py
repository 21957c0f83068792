"""Minimizer configuration with ROOT 6.40's defaults (``ROOT::Math::MinimizerOptions``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from rootfit.errors import FitOptionError

__all__ = ["MinimizerOptions"]


@dataclass(frozen=True)
class MinimizerOptions:
    """How the minimizer is run.

    The defaults are ROOT 6.40's: Minuit2/Migrad, strategy 1, tolerance 0.01 (Migrad stops when
    EDM < 0.002·tolerance·errordef), a call limit of ``1000 + 100·npar + 5·npar²``.

    Attributes
    ----------
    minimizer_type : str
        ``"Minuit2"`` (iminuit) or ``"Linear"`` (closed-form least squares for linear models);
        the backend registry (:mod:`rootfit.fitter.backends`) lists what is available.
    algorithm : str
        For Minuit2: ``"Migrad"``, ``"Simplex"`` or ``"Combined"``; for Linear: ``"Robust"``
        selects least trimmed squares (any other name the plain solver).
    strategy : int
        0 (fast), 1 (default), 2 (careful).
    tolerance : float
        Convergence tolerance (ROOT's meaning, see above).
    max_function_calls : int
        0 means ROOT's automatic limit.
    max_iterations : int
        Kept for ROOT compatibility (unused by Minuit2).
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
        """ROOT 6.40's default options (Minuit2 / Migrad, strategy 1, tolerance 0.01)."""
        return cls()

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
