"""What histograms and graphs share as fit targets: the attached functions and ``fit``.

``fit`` is a thin door into :func:`rootfit.fitting.fit`, imported when first called: the data
layer sits below the fitting layers and does not import them at module level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rootfit.result import FitResult

__all__ = ["Fittable"]


class Fittable:
    """Mixin of :class:`~rootfit.Histogram` and :class:`~rootfit.Graph`."""

    #: Functions attached by fits (ROOT's list of functions), newest last.
    functions: list[Any]

    def get_function(self, name: str) -> Any:
        """The attached function called ``name`` (last fitted first), or None."""
        for f in reversed(self.functions):
            if getattr(f, "name", None) == name:
                return f
        return None

    def fit(
        self,
        function: Any,
        option: str = "",
        *,
        range: tuple[float, float] | None = None,
        minimizer: Any = None,
    ) -> FitResult:
        """Fit a function (ROOT ``TH1::Fit`` / ``TGraph::Fit``).

        Parameters
        ----------
        function : str or Function or callable
            Predefined name (``"gaus"``, ``"expo"``, ``"pol2"``...), formula string,
            :class:`~rootfit.Function` or Python callable.
        option : str
            ROOT option letters (``"L"``, ``"Q"``, ``"R"``, ``"WW"``, ``"EX0"``...).
        range : (float, float), optional
            Fit range in x (histograms: bins whose centre lies outside are dropped; graphs:
            inclusive point range).
        minimizer : MinimizerOptions, optional
            Minimizer configuration (default: ROOT 6.40's Minuit2/Migrad).

        Returns
        -------
        FitResult
        """
        from rootfit.fitting import fit

        return fit(self, function, option, range=range, minimizer=minimizer)  # type: ignore[arg-type]
