"""``.root`` files through uproot (optional extra ``rootfit[io]``), imported when used."""

from __future__ import annotations

import os
from collections.abc import Mapping

import numpy as np

from rootfit._optional import require
from rootfit.errors import DataError
from rootfit.hist import Axis, Histogram

__all__ = ["read_root_histogram", "write_root"]


def read_root_histogram(path: str | os.PathLike[str], name: str | None = None) -> Histogram:
    """Read a TH1 (F/D/I) from a ``.root`` file.

    Parameters
    ----------
    path : path-like
        The file.
    name : str, optional
        Object name; if omitted the file must hold exactly one 1-D histogram.
    """
    uproot = require("uproot", feature="reading .root files", extra="io")
    with uproot.open(path) as f:
        if name is None:
            names = [k.split(";")[0] for k, cls in f.classnames().items() if cls.startswith("TH1")]
            if len(names) != 1:
                raise DataError(
                    f"{path} holds {len(names)} 1-D histograms {names}; say which with FILE:NAME"
                )
            name = names[0]
        if name not in f:
            available = [k.split(";")[0] for k in f.keys()]
            raise DataError(f"no object {name!r} in {path}; it holds {available}")
        obj = f[name]
        if not obj.classname.startswith("TH1"):
            raise DataError(f"{name!r} in {path} is a {obj.classname}, not a 1-D histogram")
        xaxis = obj.member("fXaxis")
        xbins = np.asarray(xaxis.member("fXbins"))
        if xbins.size:
            axis = Axis(edges=xbins, label=str(xaxis.member("fTitle")))
        else:
            axis = Axis(
                int(xaxis.member("fNbins")),
                float(xaxis.member("fXmin")),
                float(xaxis.member("fXmax")),
                label=str(xaxis.member("fTitle")),
            )
        sumw2 = np.asarray(obj.member("fSumw2"))
        stats = [obj.member(k) for k in ("fTsumw", "fTsumw2", "fTsumwx", "fTsumwx2")]
        return Histogram.from_storage(
            axis,
            np.asarray(obj.values(flow=True), dtype=np.float64),
            sumw2 if sumw2.size else None,
            entries=float(obj.member("fEntries")),
            statistics=stats,
            name=str(obj.member("fName")),
            title=str(obj.member("fTitle")),
        )


def write_root(path: str | os.PathLike[str], objects: Mapping[str, Histogram]) -> None:
    """Write histograms to a new ``.root`` file (as TH1D), keeping contents, Σw², edges,
    names, titles, entries and statistics."""
    uproot = require("uproot", feature="writing .root files", extra="io")
    from uproot.writing.identify import to_TAxis, to_TH1x

    with uproot.recreate(path) as f:
        for key, h in objects.items():
            axis = h.axis
            taxis = to_TAxis(
                "xaxis", axis.label, axis.nbins, axis.lo, axis.hi,
                fXbins=np.array([]) if axis.regular else axis.edges,
            )  # fmt: skip
            stats = h.statistics()
            sumw2 = h.variances(flow=True) if h.has_sumw2 else np.array([])
            f[key] = to_TH1x(
                h.name or key, h.title, np.asarray(h.values(flow=True), dtype=np.float64),
                h.entries, stats[0], stats[1], stats[2], stats[3],
                np.asarray(sumw2, dtype=np.float64), taxis,
            )  # fmt: skip
