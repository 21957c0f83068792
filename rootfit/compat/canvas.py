"""ROOT's canvases and what macros put on them: ``TCanvas`` (``Divide``, ``cd``, ``SaveAs``,
``Print``, ``SetLogy``, ``SetGrid``), ``TLegend``, ``TLatex``/``TText``, ``TLine``,
``TPaveText``, ``TStyle`` (``gStyle``) and ``gPad``.

A pad keeps what was drawn on it (objects with their ``Draw`` options) and is rendered with
matplotlib's object API when it is saved (:mod:`rootfit.compat.rendering`), so attributes set
after ``Draw`` count, as in ROOT. The current pad and the style are ROOT's process-wide state
and live in :mod:`rootfit.compat.session`.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from rootfit.compat.attributes import RootAttributes
from rootfit.compat.session import current_pad_slot, set_current_pad
from rootfit.hist import Graph

__all__ = [
    "TArc",
    "TCanvas",
    "TEllipse",
    "TLatex",
    "TLegend",
    "TLine",
    "TPad",
    "TPaveLabel",
    "TPaveText",
    "TPolyLine3D",
    "TText",
    "current_pad",
]


def current_pad() -> TPad:
    """The pad ``Draw`` draws on (a default canvas ``c1`` when none exists, as ROOT)."""
    pad = current_pad_slot()
    if pad is None:
        pad = TCanvas("c1", "c1")
    return pad


def _accept_looks(owner: str, name: str) -> Any:
    """ROOT's many setters for looks (``SetBorderMode``, ``SetFrameFillColor``...): accepted and
    without effect; any other missing name is an AttributeError."""
    if name.startswith("Set") and not name.startswith("__"):
        return lambda *args, **kwargs: None
    raise AttributeError(f"{owner} has no attribute {name!r}")


class TFrame:
    """``pad.GetFrame()``: the frame's looks (accepted; the figure's style decides)."""

    def __getattr__(self, name: str) -> Any:
        return _accept_looks("TFrame", name)


class TPad:
    """A drawing area: its primitives, or sub-pads after ``Divide``. Setters for looks that the
    figure does not use (``SetBorderMode``, ``SetFillColor``...) are accepted."""

    def __init__(self, name: str = "", title: str = "") -> None:
        self.name, self.title = name, title
        self.primitives: list[tuple[Any, str]] = []
        self.subpads: list[TPad] = []
        self.layout = (1, 1)
        self.logx = self.logy = self.logz = False
        self.gridx = self.gridy = False
        self.canvas: TCanvas | None = None

    def add(self, obj: Any, option: str) -> None:
        """Record ``obj`` drawn with ``option`` (ROOT's clearing rules)."""
        opt = (option or "").upper()
        overlay = isinstance(obj, Annotation) or "SAME" in opt
        if isinstance(obj, Graph) and "A" not in opt.replace("SAME", ""):
            overlay = bool(self.primitives)  # a graph without "A" draws on the existing frame
        if not overlay:
            self.primitives.clear()
        self.primitives.append((obj, opt))

    def cd(self, number: int = 0) -> TPad:
        """Make this pad (or its sub-pad ``number``, from 1) the current one."""
        pad = self if number == 0 or not self.subpads else self.subpads[number - 1]
        set_current_pad(pad)
        return pad

    def Divide(self, nx: int = 1, ny: int = 1, *margins: float) -> None:
        """Split into ``nx × ny`` sub-pads, numbered row by row from 1."""
        self.layout = (max(int(nx), 1), max(int(ny), 1))
        self.subpads = []
        for k in range(self.layout[0] * self.layout[1]):
            pad = TPad(f"{self.name}_{k + 1}", f"{self.name}_{k + 1}")
            pad.canvas = self.canvas
            self.subpads.append(pad)
        self.primitives.clear()

    def Clear(self, option: str = "") -> None:
        self.primitives.clear()
        self.subpads = []
        self.layout = (1, 1)

    def SetLogx(self, value: int = 1) -> None:
        self.logx = bool(value)

    def SetLogy(self, value: int = 1) -> None:
        self.logy = bool(value)

    def SetLogz(self, value: int = 1) -> None:
        self.logz = bool(value)

    def SetGrid(self, x: int = 1, y: int = 1) -> None:
        self.gridx, self.gridy = bool(x), bool(y)

    def SetGridx(self, value: int = 1) -> None:
        self.gridx = bool(value)

    def SetGridy(self, value: int = 1) -> None:
        self.gridy = bool(value)

    def Update(self) -> None:
        """Nothing to do: pads are rendered when saved."""

    def Modified(self, flag: bool = True) -> None:
        """Nothing to do: pads are rendered when saved."""

    def GetName(self) -> str:
        return self.name

    def GetListOfPrimitives(self) -> list[Any]:
        return [obj for obj, _ in self.primitives]

    def GetFrame(self) -> TFrame:
        return TFrame()

    def DrawClone(self, option: str = "") -> TPad:
        """The pad itself (its picture is made when the canvas is saved)."""
        return self

    def DrawFrame(self, x1: float, y1: float, x2: float, y2: float, title: str = "") -> Any:
        """An empty frame over ``[x1, x2] × [y1, y2]`` (ROOT's ``hframe`` histogram)."""
        from rootfit.compat.histogram_classes import TH1F

        self.cd()
        frame = TH1F("hframe", title, 1000, x1, x2)
        frame.SetDirectory(None)
        frame.SetMinimum(y1)
        frame.SetMaximum(y2)
        frame.SetStats(False)
        frame.Draw("AXIS")
        return frame

    def __getattr__(self, name: str) -> Any:
        return _accept_looks(type(self).__name__, name)

    def SaveAs(self, filename: str = "", option: str = "") -> None:
        """Render the canvas this pad belongs to into ``filename`` (png, pdf, svg...)."""
        canvas = self.canvas if self.canvas is not None else self
        assert isinstance(canvas, TCanvas)
        canvas.SaveAs(filename, option)

    Print = SaveAs


class TCanvas(TPad):
    """``TCanvas(name, title, width, height)`` (or ``(name, title, x, y, width, height)``);
    it becomes the current pad."""

    def __init__(self, name: str = "c1", title: str = "", *geometry: float) -> None:
        super().__init__(name, title or name)
        width, height = (geometry[-2], geometry[-1]) if len(geometry) >= 2 else (700, 500)
        self.size = (float(width), float(height))
        self.canvas = self
        set_current_pad(self)

    def figure(self) -> Any:
        """The canvas rendered as a matplotlib Figure."""
        from rootfit.compat.rendering import render_canvas

        return render_canvas(self)

    def SaveAs(self, filename: str = "", option: str = "") -> None:
        path = filename or f"{self.name}.png"
        self.figure().savefig(os.fspath(path), dpi=100)
        print(f"Info in <TCanvas::Print>: file {path} has been created")

    Print = SaveAs

    def Close(self, option: str = "") -> None:
        if any(current_pad_slot() is pad for pad in (self, *self.subpads)):
            set_current_pad(None)

    def Draw(self, option: str = "") -> None:
        """Nothing to do (the canvas is drawn when saved)."""


class Annotation(RootAttributes):
    """Base of what is drawn over the frame (legends, text, lines, panes): never clears. Setters
    for looks the figure does not use (``SetTextFont``...) are accepted."""

    def __getattr__(self, name: str) -> Any:
        return _accept_looks(type(self).__name__, name)


class TLegend(Annotation):
    """``TLegend(x1, y1, x2, y2, header="")`` in pad (NDC) coordinates; ``AddEntry(obj, label,
    option)`` with ``l`` (line), ``p`` (marker), ``f`` (fill), ``e`` (error bar)."""

    def __init__(
        self, x1: float = 0.7, y1: float = 0.7, x2: float = 0.9, y2: float = 0.9, header: str = "",
        option: str = "brNDC",
    ) -> None:  # fmt: skip
        self.box = (float(x1), float(y1), float(x2), float(y2))
        self.header = header
        self.entries: list[tuple[Any, str, str]] = []

    def AddEntry(self, obj: Any, label: str = "", option: str = "lpf") -> None:
        self.entries.append((obj, label or getattr(obj, "title", "") or "", option.lower()))

    def SetHeader(self, header: str, option: str = "") -> None:
        self.header = header

    def SetBorderSize(self, size: int) -> None:
        """Accepted (the legend has no border)."""

    def SetTextSize(self, size: float) -> None:
        """Accepted (matplotlib's font sizes are used)."""


class TText(Annotation):
    """``TText(x, y, text)`` in the frame's coordinates (``SetNDC()`` for pad coordinates)."""

    def __init__(self, x: float = 0.0, y: float = 0.0, text: str = "") -> None:
        self.x, self.y, self.text = float(x), float(y), str(text)
        self.ndc = False
        self.align = 11
        self.size = 0.0

    def SetNDC(self, on: bool = True) -> None:
        self.ndc = bool(on)

    def SetTextAlign(self, align: int) -> None:
        self.align = int(align)

    def SetTextSize(self, size: float) -> None:
        self.size = float(size)

    def SetTextColor(self, c: int) -> None:
        self.SetLineColor(c)

    def DrawLatex(self, x: float, y: float, text: str) -> TText:
        """Draw a copy at ``(x, y)`` with ``text``."""
        copy = type(self)(x, y, text)
        copy.ndc, copy.align, copy.size = self.ndc, self.align, self.size
        copy.Draw()
        return copy

    def DrawLatexNDC(self, x: float, y: float, text: str) -> TText:
        copy = self.DrawLatex(x, y, text)
        copy.ndc = True
        return copy

    DrawText = DrawLatex
    DrawTextNDC = DrawLatexNDC


class TLatex(TText):
    """``TLatex(x, y, text)``: ROOT's ``#`` LaTeX, drawn as matplotlib mathtext."""


class TLine(Annotation):
    """``TLine(x1, y1, x2, y2)`` in the frame's coordinates."""

    def __init__(self, x1: float = 0.0, y1: float = 0.0, x2: float = 0.0, y2: float = 0.0) -> None:
        self.points = (float(x1), float(y1), float(x2), float(y2))

    def DrawLine(self, x1: float, y1: float, x2: float, y2: float) -> TLine:
        copy = TLine(x1, y1, x2, y2)
        copy.__dict__["_root_attributes"] = dict(self._att())
        copy.Draw()
        return copy


class TEllipse(Annotation):
    """``TEllipse(x, y, r1, r2=r1, phimin, phimax, theta)`` in the frame's coordinates (a
    circle when ``r2`` is 0 or omitted)."""

    def __init__(
        self, x: float = 0.0, y: float = 0.0, r1: float = 1.0, r2: float = 0.0,
        phimin: float = 0.0, phimax: float = 360.0, theta: float = 0.0,
    ) -> None:  # fmt: skip
        self.x, self.y = float(x), float(y)
        self.r1 = float(r1)
        self.r2 = float(r2) if r2 > 0 else float(r1)
        self.theta = float(theta)


class TArc(TEllipse):
    """``TArc(x, y, r)``: a circle."""

    def __init__(
        self, x: float = 0.0, y: float = 0.0, r: float = 1.0, phimin: float = 0.0,
        phimax: float = 360.0,
    ) -> None:  # fmt: skip
        super().__init__(x, y, r, r, phimin, phimax)


class TPaveLabel(Annotation):
    """``TPaveLabel(x1, y1, x2, y2, label, option)``: one line of text in a box."""

    def __init__(
        self, x1: float = 0.0, y1: float = 0.0, x2: float = 1.0, y2: float = 1.0,
        label: str = "", option: str = "br",
    ) -> None:  # fmt: skip
        self.box = (float(x1), float(y1), float(x2), float(y2))
        self.ndc = "NDC" in option.upper()
        self.lines = [str(label)]

    def SetLabel(self, label: str) -> None:
        self.lines = [str(label)]


class TPolyLine3D(Annotation):
    """``TPolyLine3D(n)`` with ``SetPoint(i, x, y, z)``: a line through 3-D points."""

    def __init__(self, n: int = 0, *coordinates: Any) -> None:
        self.points = np.zeros((max(int(n), 0), 3))
        if coordinates:
            self.points = np.column_stack(
                [np.asarray(c, dtype=np.float64)[: int(n)] for c in coordinates[:3]]
            )

    def SetPoint(self, i: int, x: float, y: float, z: float) -> None:
        if i >= len(self.points):
            self.points = np.vstack([self.points, np.zeros((i + 1 - len(self.points), 3))])
        self.points[i] = (x, y, z)

    def GetN(self) -> int:
        return len(self.points)


class TPaveText(Annotation):
    """``TPaveText(x1, y1, x2, y2, option)`` with ``AddText(line)``; ``NDC`` in the option (ROOT's
    usual ``"brNDC"``) places it in pad coordinates."""

    def __init__(
        self, x1: float = 0.0, y1: float = 0.0, x2: float = 1.0, y2: float = 1.0, option: str = "br"
    ) -> None:
        self.box = (float(x1), float(y1), float(x2), float(y2))
        self.ndc = "NDC" in option.upper()
        self.lines: list[str] = []

    def AddText(self, text: str) -> None:
        self.lines.append(str(text))

    def ReadFile(
        self, filename: str, option: str = "", nlines: int = 50, fromline: int = 0
    ) -> None:
        """Add the lines ``fromline`` … ``fromline + nlines`` of a text file."""
        with open(filename) as fh:
            lines = fh.read().splitlines()
        for line in lines[fromline : fromline + nlines]:
            self.AddText(line)

    def SetTextAlign(self, align: int) -> None:
        """Accepted (lines are left-aligned)."""

    def SetTextSize(self, size: float) -> None:
        """Accepted (matplotlib's font sizes are used)."""

    def SetBorderSize(self, size: int) -> None:
        """Accepted."""
