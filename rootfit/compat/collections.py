"""ROOT's containers that ported macros hand to calls: ``TObjArray`` and the in-memory
current directory ``gDirectory`` (objects ROOT creates by name, e.g. the histograms of
``FitSlicesY``, are found there with ``Get``)."""

from __future__ import annotations

import weakref
from typing import Any

__all__ = ["MemoryDirectory", "NoDirectory", "TObjArray"]


class TObjArray(list[Any]):
    """``TObjArray``: a list with ROOT's accessors (``Add``, ``At``, ``GetEntries``...);
    ``TObjArray(n)`` starts empty (``n`` is ROOT's capacity)."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__([] if isinstance(items, int) else items)

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
    """ROOT's in-memory directory: objects by name, a newer one replacing an older one.
    ``Append`` keeps the object; ``attach`` (a new histogram) only refers to it, so that
    Python frees it as in PyROOT."""

    def __init__(self) -> None:
        self._objects: dict[str, Any] = {}
        self._attached: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()

    def attach(self, obj: Any) -> None:
        """Refer to ``obj`` by its name while it lives (``TH1::AddDirectory``)."""
        self._attached[str(getattr(obj, "name", ""))] = obj

    def detach(self, obj: Any) -> None:
        name = str(getattr(obj, "name", ""))
        if self._attached.get(name) is obj:
            del self._attached[name]

    def Append(self, obj: Any, replace: bool = True) -> None:
        name = str(getattr(obj, "name", ""))
        if replace or name not in self._objects:
            self._objects[name] = obj

    Add = Append

    def Get(self, name: str) -> Any:
        """The object called ``name``, or None."""
        found = self._objects.get(name)
        return found if found is not None else self._attached.get(name)

    FindObject = Get

    def Remove(self, obj: Any) -> Any:
        self.detach(obj)
        name = str(getattr(obj, "name", ""))
        return self._objects.pop(name, None)

    def GetList(self) -> TObjArray:
        return TObjArray([*self._objects.values(), *self._attached.values()])

    def Clear(self, option: str = "") -> None:
        self._objects.clear()
        self._attached.clear()

    def GetName(self) -> str:
        return "Rint"


class NoDirectory:
    """No current directory (``TDirectory.TContext(nullptr)``): new histograms join nothing."""

    def attach(self, obj: Any) -> None:
        """Nothing holds the object."""

    def detach(self, obj: Any) -> None:
        """Nothing held it."""

    Append = attach

    def Get(self, name: str) -> Any:
        return None

    FindObject = Get

    def GetName(self) -> str:
        return ""
