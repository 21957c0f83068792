"""``gMinuit``: ROOT's TMinuit calls on the last fit made through the façade (``Contour``,
``SetErrorDef``, ``GetParameter``), as macros use them after ``TVirtualFitter::SetDefaultFitter
("Minuit")``. The error definition set here applies until the next fit (a fit sets it back to
its statistic's, as TMinuit's fitter does)."""

from __future__ import annotations

from typing import Any

from scipy import stats

from rootfit.compat import session
from rootfit.errors import FitError

__all__ = ["LastFitMinuit"]


class LastFitMinuit:
    """The TMinuit view of :func:`rootfit.compat.session.last_fit`."""

    def __init__(self) -> None:
        self._up: float | None = None
        self._for: Any = None

    def _fit(self) -> Any:
        result = session.last_fit()
        if result is None:
            raise FitError("gMinuit: no fit has been made yet")
        if result is not self._for:  # a new fit: its own error definition again
            self._for, self._up = result, None
        return result

    def SetErrorDef(self, up: float) -> None:
        """The rise of the statistic that defines contours (1: 1σ for a χ², 4: 2σ)."""
        self._fit()
        self._up = float(up)

    def GetErrorDef(self) -> float:
        result = self._fit()
        return self._up if self._up is not None else float(result.errordef)

    def GetNumPars(self) -> int:
        return len(self._fit().parameter_names)

    def GetParameter(self, i: int, *ignored: Any) -> tuple[float, float]:
        """``(value, error)`` of parameter ``i`` (ROOT fills its two references)."""
        result = self._fit()
        return float(result.values.to_numpy()[i]), float(result.errors.to_numpy()[i])

    def Contour(self, npoints: int = 10, pa1: int = 0, pa2: int = 1) -> Any:
        """A TGraph of ``npoints`` points (closed: ``npoints + 1``) where the statistic,
        minimised over the other parameters, lies ``GetErrorDef()`` above its minimum; None when
        the contour cannot be found."""
        from rootfit.compat.graphs import TGraph
        from rootfit.intervals import contour

        result = self._fit()
        factor = self.GetErrorDef() / float(result.errordef)
        try:
            c = contour(
                result, int(pa1), int(pa2), cl=float(stats.chi2.cdf(factor, 2)), size=int(npoints)
            )
        except FitError:
            return None
        if not c.valid:
            return None
        points = c.points
        return TGraph(len(points) + 1, [*points[:, 0], points[0, 0]], [*points[:, 1], points[0, 1]])
