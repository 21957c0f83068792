"""The table ``make bench`` prints, the performance targets, and the results file.

Speed-up = the fastest target peer's time / rootfit's time, both measured in the same run
(> 1: rootfit is faster). Every run is compared with the results of the previous one, kept in
``bench/results.json`` (committed), so that a regression shows as a ``slower`` flag.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
from typing import Any

#: Workload -> (target speed-up, the peers it is measured against; None = every peer).
TARGETS: dict[str, tuple[float, tuple[str, ...] | None]] = {
    "W1": (1.5, ("ROOT", "scipy")),
    "W2": (2.0, None),
    "W3a": (3.0, ("iminuit",)),
    "W3b": (3.0, ("iminuit",)),
    "W4": (2.0, ("ROOT",)),
    "W5": (2.0, None),
    "W6a": (1.5, None),
    "W6b": (1.5, None),
    "W6c": (1.5, None),
    "W6d": (1.5, None),
    "W7": (2.0, ("iminuit",)),
    "W8": (2.0, None),
}

#: A workload this much slower than in the previous results is flagged (the machines are
#: noisy: ±30 % between runs is common).
REGRESSION = 1.5

PEERS = ("ROOT", "numpy", "boost-histogram", "iminuit", "scipy", "lmfit")


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} µs"
    return f"{seconds * 1e3:8.2f} ms" if seconds < 1 else f"{seconds:8.3f} s "


def speedup(workload: str, timings: dict[str, dict[str, dict[str, float]]]) -> tuple[float, str]:
    """(fastest peer's time / rootfit's time, that peer), over the target's peers."""
    ours = timings["rootfit"][workload]["median"]
    wanted = TARGETS.get(workload, (0.0, None))[1]
    candidates = [
        (timings[p][workload]["median"], p)
        for p in timings
        if p != "rootfit" and workload in timings[p] and (wanted is None or p in wanted)
    ]
    if not candidates:
        return float("nan"), "-"
    best, peer = min(candidates)
    return best / ours, peer


def table(
    workloads: list[str],
    timings: dict[str, dict[str, dict[str, float]]],
    previous: dict[str, Any] | None,
) -> list[str]:
    """The printed rows: times, speed-up against the fastest target peer, target, and the
    change since the previous results."""
    peers = [p for p in PEERS if p in timings]
    head = f"{'workload':15} {'rootfit':>11} {'1st call':>11} " + " ".join(
        f"{p[:11]:>11}" for p in peers
    )
    head += f" {'speed-up':>9} {'vs':>8} {'target':>7} {'met':>4} {'vs last':>8}"
    rows = [head, "-" * len(head)]
    last = (previous or {}).get("timings", {}).get("rootfit", {})
    for w in workloads:
        ours = timings["rootfit"].get(w)
        if ours is None:
            continue
        row = f"{w:15} {fmt(ours['median']):>11} {fmt(ours['first']):>11} "
        row += " ".join(f"{fmt(timings[p].get(w, {}).get('median')):>11}" for p in peers)
        ratio, peer = speedup(w, timings)
        target = TARGETS.get(w)
        met = "-" if target is None or ratio != ratio else ("yes" if ratio >= target[0] else "no")
        ratio_text = "-" if ratio != ratio else f"{ratio:9.2f}"
        row += f" {ratio_text:>9} {peer[:8]:>8} {target[0] if target else '-':>7} {met:>4}"
        change = ""
        if w in last:
            factor = ours["median"] / last[w]["median"]
            change = f"{factor:5.2f}x" + (" slower" if factor > REGRESSION else "")
        rows.append(row + f" {change:>8}")
    rows.append(
        "speed-up = fastest target peer / rootfit (> 1: rootfit faster), medians of warm repeats "
        "in this run; vs last = rootfit now / rootfit in bench/results.json"
    )
    return rows


def cold_start_rows(cold: dict[str, dict[str, float] | None]) -> list[str]:
    """Cold-start lines, and the speed-up against ROOT (target: > 1, faster than ROOT)."""
    rows = []
    totals = {}
    for peer, times in cold.items():
        if times:
            totals[peer] = times["import"] + times["first_fit"]
            rows.append(
                f"cold start {peer:8}: import {times['import']:.3f} s + first gaus fit "
                f"{times['first_fit']:.3f} s = {totals[peer]:.3f} s"
            )
    if "rootfit" in totals and "ROOT" in totals:
        ratio = totals["ROOT"] / totals["rootfit"]
        rows.append(
            f"cold start speed-up vs ROOT {ratio:.2f} (target > 1: {'met' if ratio > 1 else 'no'})"
        )
    return rows


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "date": datetime.date.today().isoformat(),
    }


def load_results(path: str) -> dict[str, Any] | None:
    if not os.path.exists(path):
        return None
    with open(path) as fh:
        return json.load(fh)  # type: ignore[no-any-return]


def save_results(path: str, timings: dict[str, Any], cold_start: dict[str, Any]) -> None:
    with open(path, "w") as fh:
        json.dump(
            {"machine": machine(), "timings": timings, "cold_start": cold_start},
            fh,
            indent=1,
            sort_keys=True,
        )
        fh.write("\n")
