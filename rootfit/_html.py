"""HTML views for notebooks (``_repr_html_``): small, escaped tables, and a figure as an inline
PNG. No JavaScript, no global state; matplotlib is imported only when a figure is embedded."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from typing import Any

__all__ = ["figure_png", "table"]

_STYLE = "border-collapse:collapse;font-family:monospace;font-size:90%"
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:right"
_HEAD = "padding:2px 8px;border-bottom:2px solid #888;text-align:right"


def table(rows: Sequence[Sequence[Any]], header: Sequence[str] = (), caption: str = "") -> str:
    """An HTML table of ``rows`` (cells escaped; a cell ``(text, colour)`` is coloured)."""
    parts = [f'<table style="{_STYLE}">']
    if caption:
        parts.append(f'<caption style="text-align:left"><b>{html.escape(caption)}</b></caption>')
    if header:
        parts.append(
            "<tr>"
            + "".join(f'<th style="{_HEAD}">{html.escape(str(h))}</th>' for h in header)
            + "</tr>"
        )
    for row in rows:
        cells = []
        for cell in row:
            text, colour = cell if isinstance(cell, tuple) else (cell, "")
            style = _CELL + (f";background:{colour}" if colour else "")
            cells.append(f'<td style="{style}">{html.escape(str(text))}</td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table>")
    return "".join(parts)


def figure_png(figure: Any, dpi: int = 72) -> str:
    """An ``<img>`` with the figure as a base64 PNG."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}"/>'
