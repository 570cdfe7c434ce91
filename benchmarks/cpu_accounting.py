"""CPU time per process group, read from /proc: who spent the machine's cores during a run.

Throughput on a shared 2-core machine moves with whatever else runs; CPU time per request
spent by the web workers, PostgreSQL and the load generator moves much less, so it tells where
the cost of one request lies. Linux only; elsewhere the snapshot is empty.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

GROUPS = ("web workers", "PostgreSQL", "load generator")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _group(pid: str) -> str | None:
    try:
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return None
    if comm.startswith("postgres"):
        return "PostgreSQL"
    if comm == "wrk":
        return "load generator"
    if b"gunicorn" in cmdline:
        return "web workers"
    return None


def _cpu_seconds(pid: str) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the command name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
    return (int(fields[11]) + int(fields[12])) / _TICKS


@dataclass
class Snapshot:
    by_pid: dict[str, tuple[str, float]]
    children: float  # CPU of this process's finished children: the load generator ends in between


def _children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def snapshot() -> Snapshot:
    found: dict[str, tuple[str, float]] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return Snapshot(found, _children_seconds())
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        group = _group(entry.name)
        if group is None or group == "load generator":
            continue
        seconds = _cpu_seconds(entry.name)
        if seconds is not None:
            found[entry.name] = (group, seconds)
    return Snapshot(found, _children_seconds())


def spent(before: Snapshot, after: Snapshot) -> dict[str, float]:
    """CPU seconds per group between two snapshots (processes born in between count whole;
    processes that ended in between are lost, so recycled workers undercount a little; the
    load generator, a child of this process that ends in between, is counted by rusage)."""
    totals = dict.fromkeys(GROUPS, 0.0)
    totals["load generator"] = max(0.0, after.children - before.children)
    for pid, (group, seconds) in after.by_pid.items():
        start = before.by_pid.get(pid)
        base = start[1] if start and start[0] == group else 0.0
        totals[group] += max(0.0, seconds - base)
    return totals
