"""``TRatioPlot``: a histogram above, and below either its fit residuals or its ratio to a
second histogram, as ROOT computes them.

* Fit residuals (``TRatioPlot(h)``, ``h`` fitted): ``(content - f(centre)) / σ`` per bin with a
  non-zero σ, where σ is the bin error on the side of the function (``"errasym"``, the default;
  the symmetric error with ``"errsym"``) or ``sqrt(f(centre))`` (``"errfunc"``). The 1σ and 2σ
  confidence bands of the fit (probabilities 0.6827 and 0.9545, as ROOT's
  ``GetConfidenceIntervals`` without the √(χ²/ndf) scaling) are drawn around 0 in the same units.
* A ratio (``TRatioPlot(h1, h2[, option])``): ``h1.Divide(h2)`` with ``option`` (``"pois"``,
  the default, or ``"b"`` for binomial errors).

``Draw`` records the plot on the current pad; the pad is then rendered as two stacked panels
sharing the x axis.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.compat.attributes import FrameAxis, RootAttributes, colour_code
from rootfit.compat.session import last_fit
from rootfit.errors import FitError, FitOptionError
from rootfit.hist import Histogram

__all__ = ["TRatioPlot"]

#: ROOT's confidence levels of the two bands (1σ and 2σ).
CL1, CL2 = 0.6827, 0.9545


class _RatioPad:
    """The upper or lower panel: setters for looks are accepted, ``SetLogy`` is kept."""

    def __init__(self) -> None:
        self.logy = False

    def SetLogy(self, value: int = 1) -> None:
        self.logy = bool(value)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("Set"):
            return lambda *args, **kwargs: None
        raise AttributeError(f"the ratio plot's pad has no {name!r}")


class TRatioPlot(RootAttributes):
    """ROOT's ``TRatioPlot(h1[, h2][, option])``."""

    def __init__(self, h1: Histogram, h2: Any = None, option: str = "") -> None:
        if isinstance(h2, str):
            h2, option = None, h2
        self.h1, self.h2 = h1, h2
        self.option = (option or "").lower()
        if h2 is None:
            self.mode = "residual"
            if not any(getattr(f, "model", None) is not None for f in h1.functions):
                raise FitError("TRatioPlot(h) needs a fitted histogram (h has no fit function)")
            if "errfunc" in self.option:
                self.errors = "function"
            elif "errsym" in self.option:
                self.errors = "symmetric"
            else:
                self.errors = "asymmetric"
        else:
            self.mode = "divide"
            if any(word in self.option for word in ("diff", "divsym")):
                raise FitOptionError(
                    f'TRatioPlot option {option!r}: the façade divides ("pois" or "b")'
                )
        self.gridlines: list[float] = [-1.0, 0.0, 1.0] if self.mode == "residual" else [1.0]
        self.band_colours = (colour_code("kYellow"), colour_code("kGreen"))
        self.graph_option = "P"
        self.upper, self.lower = _RatioPad(), _RatioPad()
        self.lower_y = FrameAxis(self, "lower_y")
        self.ratio_graph: Any = None
        self.bands: tuple[Any, Any] | None = None

    # ROOT's calls ------------------------------------------------------------------------------
    def Draw(self, option: str = "") -> None:
        """Compute the lower graphs and record the plot on the current pad."""
        from rootfit.compat.canvas import current_pad

        self._compute()
        pad = current_pad()
        pad.primitives.clear()
        pad.primitives.append((self, (option or "").upper()))

    def GetCalculationOutputGraph(self) -> Any:
        """The residual (or ratio) graph."""
        return self._computed()[0]

    def GetLowerRefGraph(self) -> Any:
        """The first graph of the lower panel: the 2σ band in residual mode, else the ratio."""
        graph, bands = self._computed()
        return bands[1] if bands is not None else graph

    def GetConfidenceInterval1(self) -> Any:
        return self._bands()[0]

    def GetConfidenceInterval2(self) -> Any:
        return self._bands()[1]

    def GetUpperRefObject(self) -> Histogram:
        return self.h1

    def GetUpperRefXaxis(self) -> Any:
        return self.h1.GetXaxis()  # type: ignore[attr-defined]

    def GetUpperRefYaxis(self) -> Any:
        return self.h1.GetYaxis()  # type: ignore[attr-defined]

    def GetLowerRefXaxis(self) -> Any:
        return self.h1.GetXaxis()  # type: ignore[attr-defined]

    def GetLowerRefYaxis(self) -> FrameAxis:
        return self.lower_y

    def GetUpperPad(self) -> _RatioPad:
        return self.upper

    def GetLowerPad(self) -> _RatioPad:
        return self.lower

    def SetGridlines(self, values: Any, n: int | None = None) -> None:
        """The horizontal dashed lines of the lower panel."""
        values = list(values)
        self.gridlines = [float(v) for v in (values[: int(n)] if n is not None else values)]

    def SetConfidenceIntervalColors(
        self, c1: int | str = "kGreen", c2: int | str = "kYellow"
    ) -> None:
        self.band_colours = (colour_code(c2), colour_code(c1))

    def SetGraphDrawOpt(self, option: str) -> None:
        self.graph_option = option.upper()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("Set"):  # margins, draw options of the histograms: looks
            return lambda *args, **kwargs: None
        raise AttributeError(f"TRatioPlot has no attribute {name!r}")

    # computation ------------------------------------------------------------------------------
    def _computed(self) -> tuple[Any, Any]:
        if self.ratio_graph is None:
            self._compute()
        return self.ratio_graph, self.bands

    def _bands(self) -> tuple[Any, Any]:
        bands = self._computed()[1]
        if bands is None:
            raise FitError("confidence bands exist for fit residuals only")
        return bands

    def _compute(self) -> None:
        if self.mode == "divide":
            self._compute_ratio()
        else:
            self._compute_residuals()

    def _compute_ratio(self) -> None:
        from rootfit.compat.graphs import TGraphErrors

        ratio = self.h1.copy()
        ratio.divide(self.h2, binomial="b" in self.option.split())
        x = ratio.axes[0].centers
        self.ratio_graph = TGraphErrors(
            x.size, x, ratio.values(), 0.5 * ratio.axes[0].widths, ratio.errors()
        )
        self.bands = None

    def _compute_residuals(self) -> None:
        from rootfit.compat.graphs import TGraphAsymmErrors, TGraphErrors
        from rootfit.intervals import confidence_band

        h = self.h1
        f = next(f for f in h.functions if getattr(f, "model", None) is not None)
        result = last_fit()
        if result is None:
            raise FitError("TRatioPlot needs the fit of the histogram (no fit has been made)")
        x = h.axes[0].centers
        values = h.values()
        with np.errstate(all="ignore"):
            model = f.evaluate(x.reshape(-1, 1))
        if self.errors == "function":
            sigma = np.sqrt(model)
        elif self.errors == "symmetric":
            sigma = h.errors()
        else:
            low, up = h.error_intervals(
                "poisson" if getattr(h, "_error_option", 0) == 1 else "normal"
            )
            sigma = np.where(values - model > 0, low, up)
        band1 = confidence_band(result, x, CL1).error
        band2 = confidence_band(result, x, CL2).error
        keep = sigma != 0
        xs, width = x[keep], 0.5 * h.axes[0].widths[keep]
        residual = (values[keep] - model[keep]) / sigma[keep]
        half = np.full(xs.size, 0.5)
        self.ratio_graph = TGraphAsymmErrors(xs.size, xs, residual, width, width, half, half)
        zeros = np.zeros(xs.size)
        self.bands = (  # (ROOT stores x as the band's x error; a half bin width here)
            TGraphErrors(xs.size, xs, zeros, width, band1[keep] / sigma[keep]),
            TGraphErrors(xs.size, xs, zeros, width, band2[keep] / sigma[keep]),
        )
