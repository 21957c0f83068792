"""``TFile`` and ``TDirectory``: ``.root`` files as ROOT's current directory.

Opening a file makes it the current directory (``gDirectory``), as in ROOT; ``h.Write()``
then writes into it. What is written is a snapshot of the object at that moment (a later change
to the histogram does not change what the file holds), under the object's name at that moment.
The file reaches the disk on ``Write()``, ``Close()``, at the end of a ``with`` block and when
the ``TFile`` is garbage collected; closing makes the memory directory current again.
``TDirectory.TContext`` restores the current directory at the end of a ``with`` block.
"""

from __future__ import annotations

import os
from typing import Any

from rootfit.compat import session
from rootfit.compat.collections import NoDirectory
from rootfit.compat.histogram_classes import as_root
from rootfit.errors import DataError, MissingFileError, RootfitWarning, warn

__all__ = ["TDirectory", "TFile", "write_to_current_directory"]


class TFile:
    """A ``.root`` file opened for reading (``"READ"``) or writing (``"RECREATE"``/``"NEW"``/
    ``"UPDATE"``)."""

    def __init__(self, path: str | os.PathLike[str], option: str = "READ", *args: Any) -> None:
        self._open = False
        self.name = os.fspath(path)
        #: Absolute: the file may be written later (at Close or when freed), from elsewhere.
        self.path = os.path.abspath(self.name)
        self.option = (option or "READ").upper()
        if self.option not in ("READ", "RECREATE", "NEW", "CREATE", "UPDATE"):
            raise DataError(
                f"TFile option must be READ, RECREATE, NEW, CREATE or UPDATE, not {option!r}"
            )
        if self.option in ("NEW", "CREATE") and os.path.exists(self.path):
            raise DataError(f"{self.path} exists; use RECREATE to overwrite it")
        if self.option == "READ" and not os.path.exists(self.path):
            raise MissingFileError(f"no such file: {self.path}")
        self._pending: dict[str, Any] = {}
        self._attached: list[Any] = []
        if self.option == "UPDATE" and os.path.exists(self.path):
            self._pending = {key: self._read(key) for key in self._keys_on_disk()}
            self.option = "RECREATE"
        self._written = False
        self._open = True
        session.set_current_directory(self)

    @staticmethod
    def Open(path: str | os.PathLike[str], option: str = "READ", *args: Any) -> TFile:
        return TFile(path, option)

    # reading ---------------------------------------------------------------------------------
    def _keys_on_disk(self) -> list[str]:
        from rootfit.io import list_root

        return list(list_root(self.path))

    def _read(self, name: str) -> Any:
        from rootfit.io import read_root

        return as_root(read_root(self.path, name))

    def Get(self, name: str) -> Any:
        """The object ``name`` (TH1D/TH2D/TH3D, TProfile, TGraph...), or None."""
        held = next((o for o in self._attached if getattr(o, "name", None) == name), None)
        if held is not None:
            return held
        if name in self._pending:
            return self._pending[name]
        if self.option != "READ":
            return None
        try:
            return self._read(name)
        except (KeyError, DataError):
            return None

    def GetListOfKeys(self) -> list[str]:
        return list(self._pending) if self.option != "READ" else self._keys_on_disk()

    def ls(self, option: str = "") -> None:
        print(f"TFile**\t\t{self.name}")
        for key in self.GetListOfKeys():
            print(f" KEY: {key}")

    # writing ---------------------------------------------------------------------------------
    def WriteObject(self, obj: Any, name: str | None = None, option: str = "") -> int:
        """Keep a snapshot of ``obj`` under ``name`` (default: its name) for writing."""
        if self.option == "READ":
            raise DataError(f"{self.path} is open for reading")
        if not self._open:
            raise DataError(f"{self.path} is closed")
        key = name or getattr(obj, "name", "")
        if not key:
            raise DataError("the object has no name; give one: WriteObject(obj, 'name')")
        snapshot = obj.copy() if hasattr(obj, "copy") else obj
        if hasattr(snapshot, "name"):
            snapshot.name = key
        self._pending[key] = snapshot
        return 1

    WriteTObject = WriteObject

    def attach(self, obj: Any) -> None:
        """Hold ``obj`` (a histogram made while this file is current): its state when the file
        is written is what the file gets (ROOT's objects owned by a directory)."""
        if all(o is not obj for o in self._attached):
            self._attached.append(obj)

    Append = attach

    def detach(self, obj: Any) -> None:
        self._attached = [o for o in self._attached if o is not obj]

    def Write(self, name: str | None = None, option: int = 0) -> int:
        """Write what the file holds to the disk (the file is rewritten): the snapshots taken
        by ``Write``/``WriteObject`` and the current state of the objects it holds."""
        from rootfit.io import write_root

        if self.option != "READ" and self._open:
            for obj in self._attached:
                self.WriteObject(obj)
            write_root(self.path, self._pending)
            self._written = True
        return 1

    def Close(self, option: str = "") -> None:
        """Write (if writable) and close; the memory directory becomes current."""
        if not self._open:
            return
        if self.option != "READ":
            self.Write()
        self._open = False
        self._attached = []
        if session.current_directory() is self:
            session.set_current_directory(None)

    def cd(self, path: str = "") -> bool:
        session.set_current_directory(self)
        return True

    def IsOpen(self) -> bool:
        return self._open

    def IsZombie(self) -> bool:
        return False

    def GetObject(self, name: str, *ignored: Any) -> Any:
        """``Get`` (C++ fills a pointer argument; Python returns the object)."""
        return self.Get(name)

    def GetName(self) -> str:
        return self.name

    def __enter__(self) -> TFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.Close()

    def __del__(self) -> None:
        try:
            self.Close()
        except Exception:
            pass

    def __repr__(self) -> str:
        state = "open" if self._open else "closed"
        return f"TFile({self.path!r}, {self.option!r}) [{state}]"


def write_to_current_directory(obj: Any, name: str | None = None) -> int:
    """``obj.Write()``: a snapshot into the current file; 0 with a warning (ROOT's error)
    when the current directory is not a writable file."""
    directory = session.current_directory()
    if isinstance(directory, TFile) and directory.option != "READ" and directory.IsOpen():
        return directory.WriteObject(obj, name)
    warn(
        f"the current directory is not a file open for writing: {getattr(obj, 'name', obj)!r} "
        "has not been written (open a TFile with 'RECREATE' first)",
        RootfitWarning,
    )
    return 0


class TDirectory:
    """``TDirectory``'s static helpers: ``TContext`` keeps the current directory."""

    class TContext:
        """``with ROOT.TDirectory.TContext():`` (or ``TContext(directory)``, which also makes
        ``directory`` current): the current directory is restored at the end."""

        def __init__(self, *directories: Any) -> None:
            self._saved = session.current_directory()
            self._restored = False
            if directories:
                target = directories[-1]
                session.set_current_directory(target if target is not None else _NO_DIRECTORY)

        def __enter__(self) -> TDirectory.TContext:
            return self

        def __exit__(self, *exc: object) -> None:
            self.restore()

        def restore(self) -> None:
            """Make the saved directory current again (at the end of the block, or when the
            context is garbage collected, as ROOT's destructor does)."""
            if not self._restored:
                self._restored = True
                session.set_current_directory(self._saved)

        def __del__(self) -> None:
            self.restore()


#: The current directory of ``TContext(nullptr)``: none (kept alive here; held weakly).
_NO_DIRECTORY = NoDirectory()
