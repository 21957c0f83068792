"""Rendering of façade pads with matplotlib's object API (no pyplot, no global state).

Each pad becomes one axes (3-D for ``LEGO``/``SURF``); its primitives are drawn in order with
ROOT's options: histograms (``HIST``, ``E``/``E1``/``E0``, ``P``, ``L``/``C``, and their fitted
functions; 2-D ``COL``/``COLZ``, ``CONT``, ``LEGO``/``SURF``), graphs (``A``, ``P``, ``L``,
``C``, ``*``, error bars), multigraphs, functions, legends, text, lines and panes; then the
statistics/fit box (``gStyle.SetOptStat``/``SetOptFit``), the title, log scales and grids.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.compat.attributes import attributes_of, colour, line_style, marker
from rootfit.compat.canvas import (
    Annotation,
    TCanvas,
    TEllipse,
    TLegend,
    TLine,
    TPad,
    TPaveLabel,
    TPaveText,
    TPolyLine3D,
    TText,
)
from rootfit.compat.ratio_plot import TRatioPlot
from rootfit.compat.session import gStyle
from rootfit.functions import Function
from rootfit.hist import Graph, Graph2D, Histogram, MultiGraph
from rootfit.plotting.labels import mathtext, value_with_error

__all__ = ["render_canvas"]


def render_canvas(canvas: TCanvas) -> Any:
    """The canvas as a matplotlib Figure."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(canvas.size[0] / 100.0, canvas.size[1] / 100.0))
    pads = canvas.subpads or [canvas]
    nx, ny = canvas.layout if canvas.subpads else (1, 1)
    grid = fig.add_gridspec(ny, nx)
    for k, pad in enumerate(pads):
        ratio = next((obj for obj, _ in pad.primitives if isinstance(obj, TRatioPlot)), None)
        if ratio is not None:
            draw_ratio_plot(fig, grid[k // nx, k % nx], ratio)
            continue
        three_d = any(_is_3d(obj, opt) for obj, opt in pad.primitives)
        ax = fig.add_subplot(grid[k // nx, k % nx], projection="3d" if three_d else None)
        _draw_pad(fig, ax, pad)
    fig.tight_layout()
    return fig


def _is_3d(obj: Any, opt: str) -> bool:
    surface = "LEGO" in opt or "SURF" in opt
    if isinstance(obj, Graph2D):
        return surface or "TRI" in opt or "P" in opt or not opt.replace("SAME", "").strip()
    if isinstance(obj, Function):
        return surface and obj.model.ndim == 2
    return isinstance(obj, Histogram) and obj.ndim == 2 and surface


def _draw_pad(fig: Any, ax: Any, pad: TPad) -> None:
    frame = None
    for obj, opt in pad.primitives:
        if isinstance(obj, Annotation):
            continue
        if frame is None:
            frame = obj
        if isinstance(obj, Histogram):
            _draw_histogram(fig, ax, obj, opt)
        elif isinstance(obj, MultiGraph):
            for g in obj.graphs:
                _draw_graph(ax, g, opt)
        elif isinstance(obj, Graph):
            _draw_graph(ax, obj, opt)
        elif isinstance(obj, Graph2D):
            _draw_graph2d(ax, obj, opt)
        elif isinstance(obj, Function) and obj.model.ndim == 2:
            _draw_function2d(ax, obj, opt)
        elif isinstance(obj, Function):
            _draw_function(ax, obj, None)
    for obj, _ in pad.primitives:
        if isinstance(obj, Annotation):
            _draw_annotation(ax, obj)
    if frame is not None:
        _frame(ax, pad, frame)


def _frame(ax: Any, pad: TPad, frame: Any) -> None:
    title = getattr(frame, "title", "") or ""
    if title and gStyle.opt_title:
        ax.set_title(mathtext(title))
    if isinstance(frame, Histogram):
        ax.set_xlabel(mathtext(frame.axes[0].label))
        if frame.ndim == 2:
            ax.set_ylabel(mathtext(frame.axes[1].label))
        if frame.axes[0].range_set:
            ax.set_xlim(frame.axes[0].bin_low_edge(frame.axes[0].first),
                        frame.axes[0].bin_up_edge(frame.axes[0].last))  # fmt: skip
    titles = frame.__dict__.get("_axis_titles", {})
    if titles.get("x"):
        ax.set_xlabel(mathtext(titles["x"]))
    y_title = titles.get("y") or getattr(frame, "value_label", "")
    if y_title and getattr(frame, "ndim", 1) == 1:
        ax.set_ylabel(mathtext(y_title))
    if titles.get("x_range"):
        ax.set_xlim(*titles["x_range"])
    if titles.get("y_range"):
        ax.set_ylim(*titles["y_range"])
    att = attributes_of(frame)
    if att["minimum"] is not None or att["maximum"] is not None:
        ax.set_ylim(att["minimum"], att["maximum"])
    if pad.logy:
        ax.set_yscale("log")
    if pad.logx:
        ax.set_xscale("log")
    ax.grid(pad.gridx or pad.gridy)
    if isinstance(frame, Histogram) and frame.ndim == 1 and att.get("stats", True):
        _stats_box(ax, frame)


def _draw_histogram(fig: Any, ax: Any, h: Histogram, opt: str) -> None:
    att = attributes_of(h)
    if h.ndim == 2:
        _draw_histogram2d(fig, ax, h, opt)
        return
    edges, values, errors = h.axis.edges, h.values(), h.errors()
    if "AXIS" in opt:  # a frame only (``DrawFrame``): the axes' ranges
        ax.set_xlim(edges[0], edges[-1])
        return
    line = colour(att["line_color"])
    plain = "HIST" in opt or not ({"E", "P", "L", "C", "*"} & set(opt.replace("SAME", "")))
    with_errors = "E" in opt.replace("SAME", "") or (
        "HIST" not in opt and (h.has_sumw2 or bool(h.functions))
    )
    if with_errors and "HIST" not in opt:
        mk, hollow = marker(att["marker_style"])
        ax.errorbar(h.axis.centers, values, yerr=errors, xerr=0.5 * h.axis.widths, fmt=mk,
                    color=colour(att["marker_color"]), ms=3 * att["marker_size"],
                    mfc="none" if hollow else None, lw=att["line_width"],
                    ecolor=line)  # error bars in the line colour, as ROOT  # fmt: skip
    elif plain:
        fill = att["fill_color"]
        ax.stairs(values, edges, color=line, lw=att["line_width"],
                  ls=line_style(att["line_style"]))  # fmt: skip
        if fill:
            ax.stairs(values, edges, fill=True, color=colour(fill), alpha=0.5)
    if "L" in opt or "C" in opt:
        ax.plot(h.axis.centers, values, color=line, lw=att["line_width"])
    if "HIST" not in opt:
        for f in h.functions:
            _draw_function(ax, f, (h.axis.lo, h.axis.hi))


def _draw_histogram2d(fig: Any, ax: Any, h: Histogram, opt: str) -> None:
    xe, ye, z = h.axes[0].edges, h.axes[1].edges, h.values()
    if "LEGO" in opt or "SURF" in opt:
        xc, yc = np.meshgrid(h.axes[0].centers, h.axes[1].centers, indexing="ij")
        ax.plot_surface(xc, yc, z, cmap=gStyle.palette)
        return
    if "CONT" in opt:
        xc, yc = h.axes[0].centers, h.axes[1].centers
        ax.contour(xc, yc, z.T, cmap=gStyle.palette)
        return
    mesh = ax.pcolormesh(xe, ye, np.ma.masked_equal(z, 0).T, cmap=gStyle.palette)
    if "Z" in opt:
        fig.colorbar(mesh, ax=ax)


def _draw_graph(ax: Any, g: Graph, opt: str) -> None:
    att = attributes_of(g)
    body = opt.replace("SAME", "").replace("A", "")
    markers = "P" in body or "*" in body or not ({"L", "C"} & set(body))
    lines = "L" in body or "C" in body
    mk, hollow = marker(3 if "*" in body else att["marker_style"])  # "*": stars, as ROOT
    yerr: Any = None
    if g.yerr_low is not None and g.yerr_high is not None:
        yerr = np.vstack([g.yerr_low, g.yerr_high])
    elif g.yerr is not None:
        yerr = g.yerr
    ax.errorbar(
        g.x, g.y, yerr=yerr, xerr=g.xerr if g.has_x_errors else None,
        fmt=mk if markers else "none", ms=3 * att["marker_size"],
        mfc="none" if hollow else None, color=colour(att["marker_color"]),
        ls="none",
    )  # fmt: skip
    if lines:
        order = np.argsort(g.x) if "C" in body else np.arange(len(g.x))
        ax.plot(g.x[order], g.y[order], color=colour(att["line_color"]), lw=att["line_width"],
                ls=line_style(att["line_style"]))  # fmt: skip
    for f in getattr(g, "functions", []):
        _draw_function(ax, f, (float(np.min(g.x)), float(np.max(g.x))))


def _draw_function(ax: Any, f: Function, window: tuple[float, float] | None) -> None:
    if f.model.ndim != 1:
        return
    lo, hi = f.range if f.range is not None else (window or ax.get_xlim())
    xs = np.linspace(float(lo), float(hi), 200)
    att = attributes_of(f)
    with np.errstate(all="ignore"):
        ys = f.evaluate(xs.reshape(-1, 1), f.parameters)
    ax.plot(xs, ys, color=colour(att["line_color"]), lw=att["line_width"],
            ls=line_style(att["line_style"]))  # fmt: skip


def _draw_function2d(ax: Any, f: Function, opt: str) -> None:
    """A 2-D function: a surface on 3-D axes (``SURF``/``LEGO``), else contours."""
    if f.range is None or np.ndim(f.range[0]) == 0:
        return
    (xlo, xhi), (ylo, yhi) = f.range[0], f.range[1]
    nx, ny = int(getattr(f, "npx", 30)), int(getattr(f, "npy", 30))
    xs, ys = np.meshgrid(np.linspace(xlo, xhi, nx), np.linspace(ylo, yhi, ny), indexing="ij")
    with np.errstate(all="ignore"):
        zs = f.evaluate(np.column_stack([xs.ravel(), ys.ravel()]), f.parameters).reshape(xs.shape)
    if hasattr(ax, "plot_surface"):
        ax.plot_surface(xs, ys, zs, cmap=gStyle.palette, alpha=0.8 if "SAME" in opt else 1.0)
    else:
        ax.contour(xs, ys, zs, cmap=gStyle.palette)


def _draw_graph2d(ax: Any, g: Graph2D, opt: str) -> None:
    """A 2-D graph: its points on 3-D axes, with ``SURF``/``TRI`` the triangulated surface."""
    att = attributes_of(g)
    if not hasattr(ax, "plot_trisurf"):
        ax.scatter(g.x, g.y, c=g.z, cmap=gStyle.palette, s=8)
        return
    if "SURF" in opt or "TRI" in opt:
        ax.plot_trisurf(g.x, g.y, g.z, cmap=gStyle.palette)
    else:
        mk, hollow = marker(att["marker_style"])
        colour_ = colour(att["marker_color"])
        ax.scatter(g.x, g.y, g.z, marker=mk or "o", s=6 * att["marker_size"],
                   facecolors="none" if hollow else colour_, edgecolors=colour_)  # fmt: skip


def _draw_annotation(ax: Any, obj: Annotation) -> None:
    if isinstance(obj, TLegend):
        _legend(ax, obj)
    elif isinstance(obj, TText):
        transform = ax.transAxes if obj.ndc else ax.transData
        ha = {1: "left", 2: "center", 3: "right"}.get(obj.align // 10, "left")
        va = {1: "bottom", 2: "center", 3: "top"}.get(obj.align % 10, "bottom")
        ax.text(obj.x, obj.y, mathtext(obj.text), transform=transform, ha=ha, va=va,
                color=colour(obj._att()["line_color"]))  # fmt: skip
    elif isinstance(obj, TLine):
        x1, y1, x2, y2 = obj.points
        att = obj._att()
        ax.plot([x1, x2], [y1, y2], color=colour(att["line_color"]), lw=att["line_width"],
                ls=line_style(att["line_style"]))  # fmt: skip
    elif isinstance(obj, TPolyLine3D):
        att = obj._att()
        xyz = obj.points.T if hasattr(ax, "plot3D") else obj.points.T[:2]
        ax.plot(*xyz, color=colour(att["line_color"]), lw=att["line_width"])
    elif isinstance(obj, TEllipse):
        from matplotlib.patches import Ellipse

        att = obj._att()
        ax.add_patch(
            Ellipse((obj.x, obj.y), 2 * obj.r1, 2 * obj.r2, angle=obj.theta,
                    fill=bool(att["fill_style"]), edgecolor=colour(att["line_color"]),
                    facecolor=colour(att["fill_color"]), lw=att["line_width"])
        )  # fmt: skip
    elif isinstance(obj, TPaveText | TPaveLabel):
        x1, _, _, y2 = obj.box
        ax.text(x1, y2, "\n".join(mathtext(t) for t in obj.lines), va="top", ha="left",
                transform=ax.transAxes if obj.ndc else ax.transData, fontsize=8,
                bbox={"facecolor": "white", "edgecolor": "0.6"})  # fmt: skip


def _legend(ax: Any, legend: TLegend) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    labels: list[str] = []
    for obj, label, option in legend.entries:
        att = attributes_of(obj)
        if "f" in option and att["fill_color"]:
            handles.append(Patch(color=colour(att["fill_color"])))
        else:
            mk, _ = marker(att["marker_style"]) if "p" in option else ("", False)
            line = "-" if "l" in option else ""
            handles.append(Line2D([], [], marker=mk or None, ls=line or "none",
                                  color=colour(att["line_color"])))  # fmt: skip
        labels.append(mathtext(label))
    x1, _, _, y2 = legend.box
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(x1, y2), fontsize=8,
              title=mathtext(legend.header) or None, frameon=False)  # fmt: skip


def _stats_box(ax: Any, h: Histogram) -> None:
    lines = []
    if gStyle.opt_stat:
        lines += [h.name or "", f"Entries  {h.entries:g}", f"Mean  {h.mean():.4g}",
                  f"Std Dev  {h.std():.4g}"]  # fmt: skip
    fitted = h.functions[-1] if h.functions else None
    if gStyle.opt_fit and fitted is not None:  # a fitted function keeps its χ² and ndf
        chi2, ndf = fitted.chi2, getattr(fitted, "ndf", None)
        if chi2 is not None and ndf:
            lines.append(f"χ² / ndf  {chi2:.4g} / {ndf}")
        for i, name in enumerate(fitted.parameter_names):
            lines.append(f"{name}  {value_with_error(fitted.parameters[i], fitted.errors[i])}")
    if lines:
        ax.text(0.98, 0.97, "\n".join(line for line in lines if line), transform=ax.transAxes,
                ha="right", va="top", fontsize=7, family="monospace",
                bbox={"facecolor": "white", "edgecolor": "0.6"})  # fmt: skip


def draw_ratio_plot(fig: Any, cell: Any, rp: Any) -> None:
    """A TRatioPlot in one pad's cell: the histogram (and its fit) above, the residuals or the
    ratio below, sharing x."""
    inner = cell.subgridspec(2, 1, height_ratios=[2.3, 1.0], hspace=0.05)
    upper = fig.add_subplot(inner[0])
    lower = fig.add_subplot(inner[1], sharex=upper)
    _draw_histogram(fig, upper, rp.h1, "")
    if rp.h2 is not None:
        _draw_histogram(fig, upper, rp.h2, "HIST")
    if rp.upper.logy:
        upper.set_yscale("log")
    upper.tick_params(labelbottom=False)
    y_title = rp.h1.GetYaxis().GetTitle()
    if y_title:
        upper.set_ylabel(mathtext(y_title))
    graph, bands = rp._computed()
    if bands is not None:
        for band, code in zip(bands[::-1], rp.band_colours, strict=True):
            lower.fill_between(band.x, -band.yerr, band.yerr, step="mid", color=colour(code),
                               lw=0)  # fmt: skip
    for level in rp.gridlines:
        lower.axhline(level, color="0.5", ls="--", lw=0.8)
    _draw_graph(lower, graph, rp.graph_option if "L" not in rp.graph_option else "L")
    lower.set_xlabel(mathtext(rp.h1.axes[0].label))
    lower.set_ylabel(mathtext(rp.lower_y.GetTitle()))
    att = attributes_of(graph)
    if att["minimum"] is not None or att["maximum"] is not None:
        lower.set_ylim(att["minimum"], att["maximum"])
