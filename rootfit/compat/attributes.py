"""ROOT's graphics attributes (``TAttLine``, ``TAttMarker``, ``TAttFill``) and colours, and the
``Draw`` of histograms, graphs and functions.

Colours are ROOT's numbers (``kRed`` = 632, ``kRed+2`` darker, 1…9 the classic palette);
marker and line styles are ROOT's codes. ``Draw(option)`` records the object on the current
pad (:mod:`rootfit.compat.canvas`); the pad is rendered with matplotlib when it is saved.
"""

from __future__ import annotations

import colorsys
import re
from typing import Any

__all__ = [
    "COLOURS",
    "DEFAULTS",
    "FrameAxis",
    "RootAttributes",
    "attributes_of",
    "colour",
    "colour_code",
    "line_style",
    "marker",
]

#: ROOT's default graphics attributes (``TAttLine``, ``TAttMarker``, ``TAttFill``).
DEFAULTS: dict[str, Any] = {
    "line_color": 1, "line_style": 1, "line_width": 1, "marker_color": 1, "marker_style": 1,
    "marker_size": 1.0, "fill_color": 0, "fill_style": 0, "minimum": None, "maximum": None,
}  # fmt: skip
#: A function's defaults: drawn as a red line of width 2, as ROOT's ``TF1``.
FUNCTION_DEFAULTS: dict[str, Any] = {**DEFAULTS, "line_color": 2, "line_width": 2}

#: ROOT's named colours (``ROOT.kRed``...).
COLOURS = {
    "kWhite": 0, "kBlack": 1, "kGray": 920, "kRed": 632, "kGreen": 416, "kBlue": 600,
    "kYellow": 400, "kMagenta": 616, "kCyan": 432, "kOrange": 800, "kSpring": 820,
    "kTeal": 840, "kAzure": 860, "kViolet": 880, "kPink": 900,
}  # fmt: skip

_BASES = {
    0: (1.0, 1.0, 1.0), 920: (0.8, 0.8, 0.8), 632: (1.0, 0.0, 0.0), 416: (0.0, 1.0, 0.0),
    600: (0.0, 0.0, 1.0), 400: (1.0, 1.0, 0.0), 616: (1.0, 0.0, 1.0), 432: (0.0, 1.0, 1.0),
    800: (1.0, 0.4, 0.0), 820: (0.4, 1.0, 0.0), 840: (0.0, 1.0, 0.4), 860: (0.0, 0.4, 1.0),
    880: (0.4, 0.0, 1.0), 900: (1.0, 0.0, 0.4),
}  # fmt: skip
_CLASSIC = {
    1: (0.0, 0.0, 0.0), 2: (1.0, 0.0, 0.0), 3: (0.0, 1.0, 0.0), 4: (0.0, 0.0, 1.0),
    5: (1.0, 1.0, 0.0), 6: (1.0, 0.0, 1.0), 7: (0.0, 1.0, 1.0), 8: (0.35, 0.83, 0.33),
    9: (0.35, 0.33, 0.85),
}  # fmt: skip
_MARKERS = {1: ".", 2: "+", 3: "*", 5: "x", 6: ".", 7: ".", 8: "o", 20: "o", 21: "s", 22: "^",
            23: "v", 24: "o", 25: "s", 26: "^", 27: "D", 28: "P", 29: "*", 30: "*", 32: "v",
            33: "D", 34: "P"}  # fmt: skip
_OPEN_MARKERS = {24, 25, 26, 27, 28, 30, 32}
_LINES = {1: "-", 2: "--", 3: ":", 4: "-.", 5: "-.", 6: "-.", 7: "--", 8: "-.", 9: "--", 10: "-."}


def colour_code(c: int | str) -> int:
    """A ROOT colour number from a number or a name (``"kBlue"``, ``"kRed+2"``), as PyROOT's
    setters accept both."""
    if not isinstance(c, str):
        return int(c)
    match = re.fullmatch(r"\s*(k[A-Za-z]+)\s*(?:([+-])\s*(\d+))?\s*", c)
    if match is None or match.group(1) not in COLOURS:
        raise ValueError(f"unknown colour {c!r}; ROOT's names are {', '.join(COLOURS)}")
    shift = int(match.group(3) or 0) * (-1 if match.group(2) == "-" else 1)
    return COLOURS[match.group(1)] + shift


def colour(code: int) -> tuple[float, float, float]:
    """The RGB of a ROOT colour number (``kRed+2`` darker, ``kRed-7`` lighter)."""
    code = int(code)
    if code in _CLASSIC:
        return _CLASSIC[code]
    if code == 0:
        return _BASES[0]
    # each named colour b has the shades b-10 (lightest) ... b+4 (darkest), as in ROOT
    base = next((b for b in _BASES if b and b - 10 <= code <= b + 4), None)
    if base is None:
        return (0.0, 0.0, 0.0)
    h, lightness, s = colorsys.rgb_to_hls(*_BASES[base])
    shift = code - base
    lightness = min(max(lightness - (0.09 if shift > 0 else 0.045) * shift, 0.05), 0.95)
    return colorsys.hls_to_rgb(h, lightness, s)


def marker(style: int) -> tuple[str, bool]:
    """Matplotlib marker of a ROOT marker style, and whether it is open (not filled)."""
    return _MARKERS.get(int(style), "o"), int(style) in _OPEN_MARKERS


def line_style(style: int) -> str:
    """Matplotlib line style of a ROOT line style."""
    return _LINES.get(int(style), "-")


def attributes_of(obj: Any) -> dict[str, Any]:
    """The graphics attributes ``obj`` is drawn with: its own for façade objects, ROOT's
    defaults otherwise (a function's for functions, e.g. one attached by a fit)."""
    if isinstance(obj, RootAttributes):
        return obj._att()
    from rootfit.functions import Function

    return dict(FUNCTION_DEFAULTS if isinstance(obj, Function) else DEFAULTS)


class FrameAxis:
    """The drawn axis of a graph, function or a 1-D histogram's y: ``SetTitle``, ``GetTitle``,
    ``SetRangeUser``/``SetLimits`` (the drawn range); looks setters are accepted."""

    def __init__(self, owner: Any, key: str) -> None:
        self._owner = owner
        self._titles = owner.__dict__.setdefault("_axis_titles", {})
        self._key = key

    def SetTitle(self, title: str) -> None:
        if self._key == "y" and hasattr(self._owner, "value_label"):  # a histogram's contents
            self._owner.value_label = str(title)
        else:
            self._titles[self._key] = str(title)

    def GetTitle(self) -> str:
        if self._key == "y" and hasattr(self._owner, "value_label"):
            return str(self._owner.value_label)
        return str(self._titles.get(self._key, ""))

    def SetRangeUser(self, lo: float, hi: float) -> None:
        self._titles[f"{self._key}_range"] = (float(lo), float(hi))

    SetLimits = SetRangeUser

    def __getattr__(self, name: str) -> Any:
        if name.startswith("Set") or name == "CenterTitle":  # fonts, sizes, offsets: looks
            return lambda *args, **kwargs: None
        raise AttributeError(name)


class RootAttributes:
    """``SetLineColor/Style/Width``, ``SetMarkerColor/Style/Size``, ``SetFillColor/Style``,
    ``SetMinimum/Maximum`` and ``Draw`` for façade objects (and their ``Get…``)."""

    #: The class's starting attributes (ROOT's defaults; functions override them).
    _attribute_defaults: dict[str, Any] = DEFAULTS

    def _att(self) -> dict[str, Any]:
        attributes = self.__dict__.get("_root_attributes")
        if attributes is None:
            attributes = dict(self._attribute_defaults)
            self.__dict__["_root_attributes"] = attributes
        return attributes

    def SetStats(self, stats: bool = True) -> None:
        """Whether a drawn histogram shows its statistics box (with ``gStyle``'s contents)."""
        self._att()["stats"] = bool(stats)

    def SetLineColor(self, c: int) -> None:
        self._att()["line_color"] = colour_code(c)

    def SetLineStyle(self, s: int) -> None:
        self._att()["line_style"] = int(s)

    def SetLineWidth(self, w: float) -> None:
        self._att()["line_width"] = float(w)

    def SetMarkerColor(self, c: int) -> None:
        self._att()["marker_color"] = colour_code(c)

    def SetMarkerStyle(self, s: int) -> None:
        self._att()["marker_style"] = int(s)

    def SetMarkerSize(self, size: float) -> None:
        self._att()["marker_size"] = float(size)

    def SetFillColor(self, c: int) -> None:
        self._att()["fill_color"] = colour_code(c)

    def SetFillStyle(self, s: int) -> None:
        self._att()["fill_style"] = int(s)

    def SetMinimum(self, value: float = -1111.0) -> None:
        self._att()["minimum"] = None if value == -1111.0 else float(value)

    def SetMaximum(self, value: float = -1111.0) -> None:
        self._att()["maximum"] = None if value == -1111.0 else float(value)

    def GetLineColor(self) -> int:
        return int(self._att()["line_color"])

    def GetMarkerStyle(self) -> int:
        return int(self._att()["marker_style"])

    def GetXaxis(self) -> Any:
        """The drawn x axis (titles and range)."""
        return FrameAxis(self, "x")

    def GetYaxis(self) -> Any:
        """The drawn y axis (titles and range)."""
        return FrameAxis(self, "y")

    def Draw(self, option: str = "") -> None:
        """Record this object on the current pad (a new canvas if there is none); without
        ``SAME`` (and, for graphs, with ``A``) the pad is cleared first, as ROOT does."""
        from rootfit.compat.canvas import current_pad

        current_pad().add(self, option)

    def DrawCopy(self, option: str = "") -> Any:
        """Draw a copy (later changes to this object do not change the picture)."""
        import copy

        clone = self.copy() if hasattr(self, "copy") else copy.copy(self)
        if "_root_attributes" in self.__dict__:
            clone.__dict__["_root_attributes"] = dict(self.__dict__["_root_attributes"])
        clone.Draw(option)
        return clone

    DrawClone = DrawCopy
