"""``gROOT`` stand-in: the calls ported scripts make for batch running.

rootfit never opens windows, so ``SetBatch`` has nothing to switch; it is accepted so that
scripts starting with ``ROOT.gROOT.SetBatch(True)`` run unchanged. The object has no state.
"""

from __future__ import annotations

__all__ = ["gROOT"]


class _ROOTSession:
    """Accepts ROOT's session calls that have no meaning without graphics."""

    def SetBatch(self, batch: bool = True) -> None:
        """No-op: rootfit is always in batch mode."""

    def IsBatch(self) -> bool:
        """Always True."""
        return True


gROOT = _ROOTSession()
