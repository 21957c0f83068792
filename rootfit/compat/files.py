"""``TFile``: reading and writing ``.root`` files without a global current directory.

``TFile.Open(path)`` then ``Get(name)`` returns the ROOT-spelled object; for writing,
``TFile.Open(path, "RECREATE")``, ``WriteObject(obj, name)`` (or ``WriteTObject``), then
``Write()``/``Close()`` (also a context manager). ``h.Write()`` is not available: rootfit keeps no
current directory.
"""

from __future__ import annotations

import os
from typing import Any

from rootfit.compat.histograms import as_root
from rootfit.errors import DataError, MissingFileError

__all__ = ["TFile"]


class TFile:
    """A ``.root`` file opened for reading (``"READ"``) or writing (``"RECREATE"``/``"NEW"``)."""

    def __init__(self, path: str | os.PathLike[str], option: str = "READ") -> None:
        self.path = os.fspath(path)
        self.option = option.upper()
        if self.option not in ("READ", "RECREATE", "NEW", "CREATE"):
            raise DataError(f"TFile option must be READ, RECREATE, NEW or CREATE, not {option!r}")
        if self.option in ("NEW", "CREATE") and os.path.exists(self.path):
            raise DataError(f"{self.path} exists; use RECREATE to overwrite it")
        if self.option == "READ" and not os.path.exists(self.path):
            raise MissingFileError(f"no such file: {self.path}")
        self._pending: dict[str, Any] = {}
        self._open = True

    @staticmethod
    def Open(path: str | os.PathLike[str], option: str = "READ") -> TFile:
        return TFile(path, option)

    def Get(self, name: str) -> Any:
        """The object ``name`` (TH1D/TH2D/TH3D, TProfile, TGraph...)."""
        from rootfit.io import read_root

        if name in self._pending:
            return self._pending[name]
        return as_root(read_root(self.path, name))

    def WriteObject(self, obj: Any, name: str | None = None) -> None:
        """Schedule ``obj`` for writing under ``name`` (default: its name)."""
        if self.option == "READ":
            raise DataError(f"{self.path} is open for reading")
        key = name or getattr(obj, "name", "")
        if not key:
            raise DataError("the object has no name; give one: WriteObject(obj, 'name')")
        self._pending[key] = obj

    WriteTObject = WriteObject

    def Write(self) -> None:
        """Write the scheduled objects (the file is rewritten)."""
        from rootfit.io import write_root

        if self.option != "READ" and self._pending:
            write_root(self.path, self._pending)

    def Close(self) -> None:
        if self._open:
            self.Write()
            self._open = False

    def IsOpen(self) -> bool:
        return self._open

    def __enter__(self) -> TFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.Close()
