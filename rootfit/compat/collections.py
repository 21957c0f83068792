"""ROOT's containers that ported macros hand to calls: ``TObjArray`` and the in-memory
current directory ``gDirectory`` (objects ROOT creates by name, e.g. the histograms of
``FitSlicesY``, are found there with ``Get``)."""

from __future__ import annotations

from typing import Any

__all__ = ["MemoryDirectory", "TObjArray"]


class TObjArray(list[Any]):
    """``TObjArray``: a list with ROOT's accessors (``Add``, ``At``, ``GetEntries``...)."""

    def Add(self, obj: Any) -> None:
        self.append(obj)

    AddLast = Add

    def At(self, i: int) -> Any:
        """The object at ``i`` (None past the end, as ROOT)."""
        return self[i] if 0 <= i < len(self) else None

    UncheckedAt = At

    def GetEntries(self) -> int:
        return sum(o is not None for o in self)

    def GetEntriesFast(self) -> int:
        return len(self)

    def GetLast(self) -> int:
        return len(self) - 1

    def IsEmpty(self) -> bool:
        return not self

    def Clear(self, option: str = "") -> None:
        self.clear()

    def FindObject(self, name: str) -> Any:
        for o in self:
            if getattr(o, "name", None) == name:
                return o
        return None


class MemoryDirectory:
    """ROOT's in-memory directory: objects by name, a newer one replacing an older one."""

    def __init__(self) -> None:
        self._objects: dict[str, Any] = {}

    def Append(self, obj: Any, replace: bool = True) -> None:
        name = str(getattr(obj, "name", ""))
        if replace or name not in self._objects:
            self._objects[name] = obj

    Add = Append

    def Get(self, name: str) -> Any:
        """The object called ``name``, or None."""
        return self._objects.get(name)

    FindObject = Get

    def Remove(self, obj: Any) -> Any:
        name = str(getattr(obj, "name", ""))
        return self._objects.pop(name, None)

    def GetList(self) -> TObjArray:
        return TObjArray(self._objects.values())

    def Clear(self, option: str = "") -> None:
        self._objects.clear()

    def GetName(self) -> str:
        return "Rint"
