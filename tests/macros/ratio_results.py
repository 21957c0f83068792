"""The numbers of a fit-residual ``TRatioPlot``, read through ROOT's API (shared by the ported
``tutorials/hist`` ratio-plot macros)."""

from __future__ import annotations

from typing import Any


def of(rp: Any, h: Any) -> dict[str, Any]:
    """Fit values, residuals and both confidence bands (every 5th point)."""
    f = h.GetFunction("gaus")
    residual = rp.GetCalculationOutputGraph()
    band1, band2 = rp.GetConfidenceInterval1(), rp.GetConfidenceInterval2()
    n = residual.GetN()
    return {
        "fit": [f.GetParameter(i) for i in range(3)] + [f.GetChisquare()],
        "points": n,
        "x": [residual.GetPointX(i) for i in range(0, n, 5)],
        "residuals": [residual.GetPointY(i) for i in range(0, n, 5)],
        "band1": [band1.GetErrorY(i) for i in range(0, n, 5)],
        "band2": [band2.GetErrorY(i) for i in range(0, n, 5)],
        "ref": [rp.GetLowerRefGraph().GetErrorY(i) for i in range(0, n, 5)],
    }
