"""Writing TGraph, TGraphErrors and TGraphAsymmErrors with uproot.

uproot serialises ``TGraph`` (version 4) but leaves the ``TGraphErrors``/``TGraphAsymmErrors``
serialisers unimplemented. Their on-disk layout (ROOT's streamers, which uproot already carries)
is the ``TGraph`` base followed by the error arrays, each written as a ``0x01`` presence byte and
``fNpoints`` big-endian doubles; the subclasses below provide exactly that. The base objects are
built the way uproot's own ``to_TH1x`` builds them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rootfit.hist import Graph

__all__ = ["to_tgraph"]


def _base_graph(uproot: Any, graph: Graph, name: str) -> Any:
    models = uproot.models
    tobject = models.TObject.Model_TObject.empty()
    tnamed = models.TNamed.Model_TNamed.empty()
    tnamed._deeply_writable = True
    tnamed._bases.append(tobject)
    tnamed._members["fName"] = name
    tnamed._members["fTitle"] = graph.title
    line = models.TAtt.Model_TAttLine_v2.empty()
    line._deeply_writable = True
    line._members.update({"fLineColor": 1, "fLineStyle": 1, "fLineWidth": 1})
    fill = models.TAtt.Model_TAttFill_v2.empty()
    fill._deeply_writable = True
    fill._members.update({"fFillColor": 0, "fFillStyle": 1001})
    marker = models.TAtt.Model_TAttMarker_v2.empty()
    marker._deeply_writable = True
    marker._members.update({"fMarkerColor": 1, "fMarkerStyle": 1, "fMarkerSize": 1.0})
    tgraph = models.TGraph.Model_TGraph_v4.empty()
    tgraph._deeply_writable = True
    tgraph._bases.extend([tnamed, line, fill, marker])
    tgraph._members.update(
        {
            "fNpoints": len(graph),
            "fX": np.asarray(graph.x, dtype=np.float64),
            "fY": np.asarray(graph.y, dtype=np.float64),
            "fMinimum": -1111.0,
            "fMaximum": -1111.0,
        }
    )
    return tgraph


def _writable_with_errors(uproot: Any, base_class: Any, members: tuple[str, ...]) -> Any:
    """A subclass of uproot's model that serialises the error arrays after the TGraph base."""

    class Writable(base_class):
        def _serialize(self, out: list[bytes], header: bool, name: Any, tobject_flags: int) -> None:
            where = len(out)
            for base in self._bases:
                base._serialize(out, True, name, tobject_flags)
            for member in members:
                out.extend([b"\x01", np.asarray(self._members[member], dtype=">f8").tobytes()])
            if header:
                num_bytes = sum(len(x) for x in out[where:])
                out.insert(where, uproot.serialization.numbytes_version(num_bytes, 3))

    Writable.__name__ = base_class.__name__
    return Writable


def to_tgraph(graph: Graph, name: str) -> Any:
    """An uproot-writable TGraph / TGraphErrors / TGraphAsymmErrors of ``graph``."""
    import uproot

    base = _base_graph(uproot, graph, name)
    n = len(graph)
    zeros = np.zeros(n)
    if graph.is_asymmetric:
        cls = _writable_with_errors(
            uproot,
            uproot.models.TGraph.Model_TGraphAsymmErrors_v3,
            ("fEXlow", "fEXhigh", "fEYlow", "fEYhigh"),
        )
        values = {
            "fEXlow": graph.xerr_low, "fEXhigh": graph.xerr_high,
            "fEYlow": graph.yerr_low, "fEYhigh": graph.yerr_high,
        }  # fmt: skip
    elif graph.has_x_errors or graph.has_y_errors:
        cls = _writable_with_errors(
            uproot, uproot.models.TGraph.Model_TGraphErrors_v3, ("fEX", "fEY")
        )
        values = {"fEX": graph.xerr, "fEY": graph.yerr}
    else:
        return base
    out = cls.empty()
    out._deeply_writable = True
    out._bases.append(base)
    out._members.update(
        {k: zeros if v is None else np.asarray(v, dtype=np.float64) for k, v in values.items()}
    )
    return out
