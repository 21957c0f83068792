"""ROOT's concrete histogram classes — ``TH1D/F/L/I/S/C``, ``TH2*``, ``TH3*`` (their storage
type is the class letter; see :mod:`rootfit.hist.storage`) — and :func:`as_root`, the ROOT-spelled
view of a rootfit histogram or profile."""

from __future__ import annotations

from typing import Any

from rootfit.compat.histograms import TH1, TH2, TH3
from rootfit.hist import Histogram, Profile

__all__ = [
    "TH1C",
    "TH1D",
    "TH1F",
    "TH1I",
    "TH1L",
    "TH1S",
    "TH2C",
    "TH2D",
    "TH2F",
    "TH2I",
    "TH2L",
    "TH2S",
    "TH3C",
    "TH3D",
    "TH3F",
    "TH3I",
    "TH3L",
    "TH3S",
    "as_root",
]


class TH1D(TH1):
    """``TH1D(name, title, nbins, low, up)`` or ``TH1D(name, title, nbins, edges)``."""


class TH2D(TH2):
    """``TH2D(name, title, nx, xlow, xup, ny, ylow, yup)`` (edges arrays allowed per axis)."""


class TH3D(TH3):
    """``TH3D(name, title, nx, xlow, xup, ny, ylow, yup, nz, zlow, zup)``."""


# Storage classes: ROOT's float and integer histograms (contents converted, truncated and
# saturated as ROOT does; see rootfit.hist.storage).
class TH1F(TH1):
    """``TH1F``: float contents (``0.1`` is stored as ``0.10000000149``)."""

    _storage_name = "float"


class TH1L(TH1):
    """``TH1L``: 64-bit integer contents."""

    _storage_name = "long"


class TH1I(TH1):
    """``TH1I``: 32-bit integer contents (weights truncated, saturation at ±INT_MAX)."""

    _storage_name = "int"


class TH1S(TH1):
    """``TH1S``: 16-bit integer contents (saturation at ±32767)."""

    _storage_name = "short"


class TH1C(TH1):
    """``TH1C``: 8-bit integer contents (saturation at ±127)."""

    _storage_name = "char"


class TH2F(TH2):
    """``TH2F``: float contents."""

    _storage_name = "float"


class TH2L(TH2):
    """``TH2L``: 64-bit integer contents."""

    _storage_name = "long"


class TH2I(TH2):
    """``TH2I``: 32-bit integer contents."""

    _storage_name = "int"


class TH2S(TH2):
    """``TH2S``: 16-bit integer contents."""

    _storage_name = "short"


class TH2C(TH2):
    """``TH2C``: 8-bit integer contents."""

    _storage_name = "char"


class TH3F(TH3):
    """``TH3F``: float contents."""

    _storage_name = "float"


class TH3L(TH3):
    """``TH3L``: 64-bit integer contents."""

    _storage_name = "long"


class TH3I(TH3):
    """``TH3I``: 32-bit integer contents."""

    _storage_name = "int"


class TH3S(TH3):
    """``TH3S``: 16-bit integer contents."""

    _storage_name = "short"


class TH3C(TH3):
    """``TH3C``: 8-bit integer contents."""

    _storage_name = "char"


_LETTER = {"double": "D", "float": "F", "long": "L", "int": "I", "short": "S", "char": "C"}


def as_root(obj: Any) -> Any:
    """The ROOT-spelled class of a rootfit object (a copy): TH1D/TH2F/TH3I..., TProfile, TGraph..."""
    if isinstance(obj, Histogram):
        cls = globals()[f"TH{obj.ndim}{_LETTER[obj.storage]}"]
        out = cls.__new__(cls)
        out.__dict__.update(obj.copy().__dict__)
        out._error_option = 0
        return out
    if isinstance(obj, Profile):
        from rootfit.compat.profiles import as_tprofile

        return as_tprofile(obj, obj.name)
    from rootfit.compat.graphs import as_root_graph

    return as_root_graph(obj)
