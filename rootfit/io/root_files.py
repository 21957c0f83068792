"""``.root`` files through uproot (optional extra ``rootfit[io]``), imported when used.

Reads TH1/TH2/TH3 (F, D, I, ...), TProfile, TGraph, TGraphErrors and TGraphAsymmErrors; writes
histograms (TH1D/F/I/S/C and the 2-D/3-D classes, by storage type; 64-bit integer contents as
double), profiles (TProfile) and graphs (TGraph, TGraphErrors,
TGraphAsymmErrors; see :mod:`rootfit.io.root_graphs`) keeping contents, errors, edges, names,
titles, entries and statistics.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import numpy as np

from rootfit._optional import require
from rootfit.errors import (
    DataError,
    DataFileError,
    MissingFileError,
    RootfitError,
    did_you_mean,
    nearest_first,
)
from rootfit.hist import Axis, Graph, Histogram, Profile
from rootfit.io.root_graphs import to_tgraph

__all__ = ["read_root", "read_root_histogram", "write_root"]

_ERROR_MODES = {0: "", 1: "s", 2: "i", 3: "g"}
_READABLE = ("TH1", "TH2", "TH3", "TProfile", "TGraph", "TGraphErrors", "TGraphAsymmErrors")


def _axis(model: Any) -> Axis:
    edges = np.asarray(model.member("fXbins"))
    label = str(model.member("fTitle"))
    if edges.size:
        return Axis(edges=edges, label=label)
    return Axis(
        int(model.member("fNbins")),
        float(model.member("fXmin")),
        float(model.member("fXmax")),
        label=label,
    )


def _histogram(obj: Any) -> Histogram:
    ndim = 3 if obj.classname.startswith("TH3") else (2 if obj.classname.startswith("TH2") else 1)
    axes = [_axis(obj.member(key)) for key in ("fXaxis", "fYaxis", "fZaxis")[:ndim]]
    keys = ["fTsumw", "fTsumw2", "fTsumwx", "fTsumwx2"]
    keys += ["fTsumwy", "fTsumwy2", "fTsumwxy"] if ndim > 1 else []
    keys += ["fTsumwz", "fTsumwz2", "fTsumwxz", "fTsumwyz"] if ndim > 2 else []
    sumw2 = np.asarray(obj.member("fSumw2"))
    shape = tuple(a.nbins + 2 for a in axes)
    h = Histogram.from_storage(
        axes,
        np.asarray(obj.values(flow=True), dtype=np.float64).reshape(shape),
        sumw2.reshape(shape, order="F") if sumw2.size else None,
        entries=float(obj.member("fEntries")),
        statistics=[float(obj.member(k)) for k in keys],
        name=str(obj.member("fName")),
        title=str(obj.member("fTitle")),
        storage=_STORAGE_OF_CLASS.get(obj.classname[-1], "double"),
    )
    if ndim < 3:  # the contents' axis title (1-D: y, 2-D: z)
        h.value_label = str(obj.member(("fYaxis", "fZaxis")[ndim - 1]).member("fTitle"))
    return h


#: ROOT's class letter (TH1F, TH2I ...) to the storage of the contents.
_STORAGE_OF_CLASS = {
    "D": "double",
    "F": "float",
    "L": "long",
    "I": "int",
    "S": "short",
    "C": "char",
}


def _profile(obj: Any) -> Profile:
    axis = _axis(obj.member("fXaxis"))
    sum_w = np.asarray(obj.member("fBinEntries"), dtype=np.float64)
    sum_w2 = np.asarray(obj.member("fBinSumw2"), dtype=np.float64)
    means = np.asarray(obj.values(flow=True), dtype=np.float64)
    return Profile.from_sums(
        axis,
        sum_w,
        sum_w2 if sum_w2.size else sum_w,
        means * sum_w,
        np.asarray(obj.member("fSumw2"), dtype=np.float64),
        entries=float(obj.member("fEntries")),
        error_option=_ERROR_MODES.get(int(obj.member("fErrorMode")), ""),
        name=str(obj.member("fName")),
        title=str(obj.member("fTitle")),
        statistics=[
            float(obj.member(k))
            for k in ("fTsumw", "fTsumw2", "fTsumwx", "fTsumwx2", "fTsumwy", "fTsumwy2")
        ],
    )


def _graph(obj: Any) -> Graph:
    members = obj.all_members
    x, y = np.asarray(members["fX"]), np.asarray(members["fY"])
    name, title = str(members["fName"]), str(members["fTitle"])
    if "fEXlow" in members:
        return Graph(
            x, y, xerr_low=np.asarray(members["fEXlow"]), xerr_high=np.asarray(members["fEXhigh"]),
            yerr_low=np.asarray(members["fEYlow"]), yerr_high=np.asarray(members["fEYhigh"]),
            name=name, title=title,
        )  # fmt: skip
    if "fEX" in members:
        return Graph(
            x,
            y,
            xerr=np.asarray(members["fEX"]),
            yerr=np.asarray(members["fEY"]),
            name=name,
            title=title,
        )
    return Graph(x, y, name=name, title=title)


def read_root(path: str | os.PathLike[str], name: str | None = None) -> Histogram | Profile | Graph:
    """Read a histogram, profile or graph from a ``.root`` file.

    Parameters
    ----------
    path : path-like
        The file.
    name : str, optional
        Object name; if omitted the file must hold exactly one readable object.
    """
    uproot = require("uproot", feature="reading .root files", extra="io")
    if not os.path.exists(path):
        raise MissingFileError(f"no such file: {path}")
    try:
        with uproot.open(path) as f:
            return _read_object(f, path, name)
    except RootfitError:
        raise
    except Exception as exc:  # uproot's errors for truncated, corrupted or foreign files
        raise DataFileError(
            f"cannot read {path} as a ROOT file ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else exc!r}); is it truncated or corrupted?"
        ) from exc


def list_root(path: str | os.PathLike[str]) -> list[str]:
    """The names of the objects of a ``.root`` file (latest cycle of each)."""
    uproot = require("uproot", feature="reading .root files", extra="io")
    if not os.path.exists(path):
        raise MissingFileError(f"no such file: {path}")
    with uproot.open(path) as f:
        return list(dict.fromkeys(f.keys(cycle=False)))


def _read_object(
    f: Any, path: str | os.PathLike[str], name: str | None
) -> Histogram | Profile | Graph:
    """The named (or the only) readable object of an open file."""
    classes = {k.split(";")[0]: c for k, c in f.classnames().items()}
    if name is None:
        readable = [k for k, c in classes.items() if c.startswith(_READABLE)]
        if len(readable) != 1:
            raise DataError(
                f"{path} holds {len(readable)} histograms/graphs {readable}; say which with FILE:NAME"
            )
        name = readable[0]
    if name not in classes:
        raise DataError(
            f"no object {name!r} in {path}{did_you_mean(name, classes)}; it holds "
            f"{nearest_first(name, classes)} (nearest first)"
        )
    obj = f[name]
    cls = obj.classname
    if cls.startswith("TProfile") and not cls.startswith(("TProfile2D", "TProfile3D")):
        return _profile(obj)
    if cls.startswith(("TH1", "TH2", "TH3")):
        return _histogram(obj)
    if cls in ("TGraph", "TGraphErrors", "TGraphAsymmErrors"):
        return _graph(obj)
    raise DataError(f"{name!r} in {path} is a {cls}, which rootfit does not read")


def read_root_histogram(path: str | os.PathLike[str], name: str | None = None) -> Histogram:
    """Read a TH1/TH2/TH3 from a ``.root`` file (see :func:`read_root`)."""
    obj = read_root(path, name)
    if not isinstance(obj, Histogram):
        raise DataError(
            f"{name or 'the object'} in {path} is a {type(obj).__name__}, not a histogram"
        )
    return obj


def _taxis(uproot_identify: Any, axis: Axis, name: str) -> Any:
    return uproot_identify.to_TAxis(
        name,
        axis.label,
        axis.nbins,
        axis.lo,
        axis.hi,
        fXbins=np.array([]) if axis.regular else axis.edges,
    )


def _write_histogram(identify: Any, key: str, h: Histogram) -> Any:
    stats = h.statistics()
    axes = [
        _taxis(identify, a, n) for a, n in zip(h.axes, ("xaxis", "yaxis", "zaxis"), strict=False)
    ]
    # the contents' type selects TH1F/TH1I/TH1S/TH1C (uproot has no 64-bit integer class)
    dtype = np.float64 if h.storage == "long" else h.values().dtype
    data = np.asarray(h.values(flow=True), dtype=dtype).ravel(order="F")
    sumw2 = (
        np.asarray(h.variances(flow=True), dtype=np.float64).ravel(order="F")
        if h.has_sumw2
        else np.array([])
    )
    common = (h.name or key, h.title, data, h.entries)
    value_axis = identify.to_TAxis(
        ("yaxis", "zaxis")[min(h.ndim, 2) - 1], h.value_label, 1, 0.0, 1.0
    )
    if h.ndim == 1:
        return identify.to_TH1x(*common, *stats[:4], sumw2, axes[0], fYaxis=value_axis)
    if h.ndim == 2:
        return identify.to_TH2x(*common, *stats[:7], sumw2, axes[0], axes[1], fZaxis=value_axis)
    return identify.to_TH3x(*common, *stats[:11], sumw2, axes[0], axes[1], axes[2])


def _write_profile(identify: Any, key: str, p: Profile) -> Any:
    sw, sw2, swx, swx2, swy, swy2 = (float(v) for v in p.statistics())
    return identify.to_TProfile(
        p.name or key, p.title, np.asarray(p._swy, dtype=np.float64), p.entries,
        sw, sw2, swx, swx2, swy, swy2, np.asarray(p._swy2, dtype=np.float64),
        np.asarray(p._sw, dtype=np.float64), np.asarray(p._sw2, dtype=np.float64),
        _taxis(identify, p.axis, "xaxis"),
        fErrorMode={v: k for k, v in _ERROR_MODES.items()}[p.error_option],
    )  # fmt: skip


def write_root(
    path: str | os.PathLike[str], objects: Mapping[str, Histogram | Profile | Graph]
) -> None:
    """Write histograms (in their storage type), profiles (TProfile) and graphs to a new ``.root`` file."""
    uproot = require("uproot", feature="writing .root files", extra="io")
    from uproot.writing import identify

    with uproot.recreate(path) as f:
        for key, obj in objects.items():
            if isinstance(obj, Histogram):
                f[key] = _write_histogram(identify, key, obj)
            elif isinstance(obj, Profile):
                f[key] = _write_profile(identify, key, obj)
            elif isinstance(obj, Graph):
                f[key] = to_tgraph(obj, obj.name or key)
            else:
                raise DataError(f"cannot write a {type(obj).__name__} to a .root file")
