"""ROOT's small utilities that macros call around their fits: ``TStopwatch``, ``TBenchmark``
(``gBenchmark``) and the message functions ``Error``, ``Warning``, ``Info`` (written to
``sys.stderr`` in ROOT's format)."""

from __future__ import annotations

import sys
import time

__all__ = ["Error", "Info", "TBenchmark", "TStopwatch", "Warning"]


class TStopwatch:
    """Real and CPU time between ``Start`` and ``Stop`` (started on construction, as ROOT)."""

    def __init__(self) -> None:
        self._real = self._cpu = 0.0
        self._running = False
        self.Start()

    def Start(self, reset: bool = True) -> None:
        if reset:
            self._real = self._cpu = 0.0
        self._t0, self._c0 = time.perf_counter(), time.process_time()
        self._running = True

    def Stop(self) -> None:
        if self._running:
            self._real += time.perf_counter() - self._t0
            self._cpu += time.process_time() - self._c0
            self._running = False

    def Continue(self) -> None:
        self.Start(reset=False)

    def Reset(self) -> None:
        self._real = self._cpu = 0.0
        self._running = False

    def RealTime(self) -> float:
        """Seconds of wall time (stops the watch, as ROOT)."""
        self.Stop()
        return self._real

    def CpuTime(self) -> float:
        """Seconds of CPU time (stops the watch, as ROOT)."""
        self.Stop()
        return self._cpu

    def Print(self, option: str = "") -> None:
        real, cpu = self.RealTime(), self.CpuTime()
        hours, rest = divmod(real, 3600.0)
        minutes, seconds = divmod(rest, 60.0)
        print(
            f"Real time {int(hours)}:{int(minutes):02d}:{seconds:06.3f}, CP time {cpu:.3f}",
            flush=True,
        )


class TBenchmark:
    """Named stopwatches (``gBenchmark.Start("fit1")`` … ``Show("fit1")``)."""

    def __init__(self) -> None:
        self._watches: dict[str, TStopwatch] = {}

    def Start(self, name: str) -> None:
        self._watches[name] = TStopwatch()

    def Stop(self, name: str) -> None:
        if name in self._watches:
            self._watches[name].Stop()

    def GetRealTime(self, name: str) -> float:
        return self._watches[name].RealTime() if name in self._watches else -1.0

    def GetCpuTime(self, name: str) -> float:
        return self._watches[name].CpuTime() if name in self._watches else -1.0

    def Show(self, name: str) -> None:
        if name in self._watches:
            watch = self._watches[name]
            print(
                f"{name:<10}: Real Time = {watch.RealTime():6.2f} seconds "
                f"Cpu Time = {watch.CpuTime():6.2f} seconds",
                flush=True,
            )

    def Reset(self) -> None:
        self._watches.clear()


def _message(level: str, location: str, text: str) -> None:
    sys.stderr.write(f"{level} in <{location}>: {text}\n")


def Error(location: str, text: str, *args: object) -> None:
    """ROOT's ``Error(location, message)`` (``printf``-style arguments are applied)."""
    _message("Error", location, text % args if args else text)


def Warning(location: str, text: str, *args: object) -> None:
    _message("Warning", location, text % args if args else text)


def Info(location: str, text: str, *args: object) -> None:
    _message("Info", location, text % args if args else text)
