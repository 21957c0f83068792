"""Read histograms (or raw values to histogram) from ``.root``, ``.npz`` and text files."""

from __future__ import annotations

import os

import numpy as np
from numpy.typing import NDArray

from rootfit.errors import DataError, MissingFileError
from rootfit.hist import Histogram

__all__ = ["read_histogram", "read_values"]


def read_values(path: str | os.PathLike[str]) -> NDArray[np.float64]:
    """Read a text/CSV file of values (one column; blanks, commas or semicolons separate;
    lines starting with ``#`` are comments)."""
    rows: list[float] = []
    if not os.path.exists(path):
        raise MissingFileError(f"no such file: {path}")
    with open(path) as fh:
        for lineno, line in enumerate(fh, start=1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            fields = text.replace(",", " ").replace(";", " ").split()
            if len(fields) != 1:
                raise DataError(
                    f"{path}:{lineno}: expected one value per line, found {len(fields)}: {text!r}"
                )
            try:
                rows.append(float(fields[0]))
            except ValueError:
                raise DataError(f"{path}:{lineno}: not a number: {fields[0]!r}") from None
    if not rows:
        raise DataError(f"{path} holds no values")
    return np.asarray(rows)


def _histogram_of_values(values: NDArray[np.float64], bins: int, name: str) -> Histogram:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        raise DataError("no finite values to histogram")
    lo, hi = float(finite.min()), float(finite.max())
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    hi += (hi - lo) * 1e-9  # keep the maximum inside the last bin
    h = Histogram(bins, lo, hi, name=name)
    h.fill(values)
    return h


def read_histogram(spec: str, *, bins: int = 100) -> Histogram:
    """Read a histogram named by ``FILE[:NAME]``.

    * ``.root``: a TH1 (``NAME`` picks one; optional when the file holds only one);
    * ``.npz``: arrays ``counts`` (or ``values``) and ``edges`` (optionally ``errors`` or
      ``variances``), or a raw array ``NAME`` (default ``x``) histogrammed into ``bins`` bins;
    * anything else: a text/CSV file of values histogrammed into ``bins`` bins.
    """
    path, _, name = spec.partition(":") if not os.path.exists(spec) else (spec, "", "")
    if not os.path.exists(path):
        raise MissingFileError(f"no such file: {path}")
    base = os.path.splitext(os.path.basename(path))[0]
    if path.endswith(".root"):
        from rootfit.io.root_files import read_root_histogram

        return read_root_histogram(path, name or None)
    if path.endswith(".npz"):
        with np.load(path) as f:
            keys = set(f.files)
            counts_key = "counts" if "counts" in keys else ("values" if "values" in keys else None)
            if counts_key and "edges" in keys and not name:
                variances = None
                if "variances" in keys:
                    variances = f["variances"]
                elif "errors" in keys:
                    variances = np.asarray(f["errors"]) ** 2
                return Histogram.from_counts(
                    f[counts_key], f["edges"], variances=variances, name=base
                )
            key = name or "x"
            if key not in keys:
                raise DataError(
                    f"{path} has no histogram (counts + edges) and no array {key!r}; arrays: {sorted(keys)}"
                )
            return _histogram_of_values(np.asarray(f[key], dtype=np.float64).ravel(), bins, key)
    return _histogram_of_values(read_values(path), bins, base)
