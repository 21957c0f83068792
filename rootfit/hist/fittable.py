"""What histograms and graphs share as fit targets: the attached functions and ``fit``.

``fit`` is a thin door into :func:`rootfit.fitting.root_style_fit` (the pure fit plus ROOT's
side effects), imported when first called: the data layer sits below the fitting layers and
does not import them at module level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rootfit.result import FitResult

__all__ = ["Fittable", "SliceFittable"]


class Fittable:
    """Mixin of :class:`~rootfit.Histogram` and :class:`~rootfit.Graph`."""

    #: Functions attached by fits (ROOT's list of functions), newest last.
    functions: list[Any]

    def plot(self, ax: Any = None, **style: Any) -> Any:
        """Draw the data with its error bars (asymmetric where they are): a
        :class:`~rootfit.plotting.Drawn` (``style`` goes to matplotlib's ``errorbar``)."""
        from rootfit.plotting import plot_data

        return plot_data(self, ax, **style)  # type: ignore[arg-type]

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
        range: Any = None,
        minimizer: Any = None,
        nan_policy: str = "raise",
        start: Any = None,
        fix: Any = None,
        limits: Any = None,
        objective: Any = None,
        scale_errors: bool | None = None,
        store_trace: bool = False,
        strict: bool = False,
    ) -> FitResult:
        """Fit a function (ROOT ``TH1::Fit`` / ``TGraph::Fit``), with ROOT's side effects: a
        :class:`~rootfit.Function` given is updated in place, a copy is attached to
        :attr:`functions` unless ``N``, the result is printed unless ``Q``
        (:mod:`rootfit.fitting.root_style`). :func:`rootfit.fit` is the same fit without them.

        Parameters
        ----------
        function : str or Function or callable
            Predefined name (``"gaus"``, ``"expo"``, ``"pol2"``...), formula string,
            :class:`~rootfit.Function` or Python callable.
        option : str
            ROOT option letters (``"L"``, ``"Q"``, ``"R"``, ``"WW"``, ``"EX0"``...).
        range : (float, float) or sequence of (float, float), optional
            Fit range in x, or one per axis (histograms: bins whose centre lies outside are
            dropped; graphs: inclusive point range).
        minimizer : MinimizerOptions, optional
            Minimizer configuration (default: ROOT 6.40's Minuit2/Migrad).
        nan_policy : {"raise", "omit"}
            Non-finite data: an error, or dropped with a warning.
        start, fix, limits : optional
            Start values, fixed parameters and limits by name for this fit
            (``start={"Mean": 0.3}``, ``fix=["Sigma"]``, ``limits={"Constant": (0, None)}``).
        objective : callable, optional
            Option ``U``: the user's ``objective(parameters[, data])`` replaces the statistic.
        scale_errors : bool, optional
            The χ²/ndf error scaling: None as ROOT, True or False to force it.
        store_trace : bool
            Keep every point the minimizer evaluated (``result.trace``).
        strict : bool
            An invalid fit raises :class:`~rootfit.errors.FitError` (nothing is updated or
            attached) instead of returning ``valid=False`` with a warning.

        Returns
        -------
        FitResult
        """
        from rootfit.fitting import root_style_fit

        return root_style_fit(
            self,
            function,
            option,
            range=range,
            minimizer=minimizer,
            nan_policy=nan_policy,  # type: ignore[arg-type]
            start=start,
            fix=fix,
            limits=limits,
            objective=objective,
            scale_errors=scale_errors,
            store_trace=store_trace,
            strict=strict,
        )


class SliceFittable:
    """Mixin of :class:`~rootfit.Histogram`: fits of the slices of a 2-D histogram."""

    def fit_slices_y(self, function: Any = "gaus", option: str = "Q", **kwargs: Any) -> Any:
        """Fit the y projection of each x bin (ROOT's ``FitSlicesY``); keywords as for
        :func:`rootfit.batch.fit_slices` (``bins``, ``cut``, ``group``, ``executor``...).

        Returns
        -------
        SliceFits
            ``s["Mean"]`` is the histogram of the fitted means over x.
        """
        from rootfit.batch.slices import fit_slices

        return fit_slices(self, 1, function, option, **kwargs)  # type: ignore[arg-type]

    def fit_slices_x(self, function: Any = "gaus", option: str = "Q", **kwargs: Any) -> Any:
        """Fit the x projection of each y bin (ROOT's ``FitSlicesX``); see
        :meth:`fit_slices_y`."""
        from rootfit.batch.slices import fit_slices

        return fit_slices(self, 0, function, option, **kwargs)  # type: ignore[arg-type]
