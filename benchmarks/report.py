"""The machine a benchmark ran on, and writing docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks.loadgen import LoadResult


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def version_of(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_lines(pg_version: str, client_version: str, load_before: str) -> list[str]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores ({usable} usable by this process)",
        f"- Memory: {memory_gib():.1f} GiB",
        f"- OS: {platform.platform()}",
        f"- PostgreSQL: {pg_version} (local, default Debian configuration, TCP on 127.0.0.1)",
        f"- Python {platform.python_version()}, Django {version_of('Django')}, "
        f"gunicorn {version_of('gunicorn')}, psycopg {version_of('psycopg')}",
        f"- Load generator: {client_version}",
        f"- Load average (1, 5, 15 min) when the run started: {load_before}; other work on the "
        "machine at the same time lowers the numbers",
    ]


@dataclass
class Run:
    name: str
    path: str
    result: LoadResult
    rows_created: int
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    def cpu_ms_per_request(self, group: str) -> float:
        answers = self.result.requests
        return self.cpu_seconds.get(group, 0.0) * 1000 / answers if answers else 0.0


def median_run(runs: list[Run]) -> Run:
    """The run with the median throughput (the lower middle one for an even count)."""
    ordered = sorted(runs, key=lambda run: run.result.per_second)
    return ordered[(len(ordered) - 1) // 2]


def _row(run: Run) -> str:
    r = run.result
    return (
        f"| {run.name} | `{run.path}` | {r.per_second:.1f} | {r.p50_ms:.1f} | {r.p90_ms:.1f} | "
        f"{r.p99_ms:.1f} | {r.max_ms:.1f} | {r.requests} | {r.count(201)} | {r.errors} | "
        f"{run.rows_created} |"
    )


def cpu_table(runs: list[Run]) -> list[str]:
    """CPU milliseconds per answered request, by process group, for each run."""
    from benchmarks.cpu_accounting import GROUPS

    if not any(run.cpu_seconds for run in runs):
        return []
    head = " | ".join(GROUPS)
    lines = [
        "CPU time per answered request (ms), read from /proc for each process group during the "
        "measured window. It moves less than requests/s when other work shares the machine, "
        "and shows where one request's cost lies:",
        "",
        f"| Target | {head} | all three |",
        "|---|" + "---:|" * (len(GROUPS) + 1),
    ]
    for run in runs:
        cells = [run.cpu_ms_per_request(g) for g in GROUPS]
        lines.append(
            f"| {run.name} | " + " | ".join(f"{c:.2f}" for c in cells) + f" | {sum(cells):.2f} |"
        )
    return [*lines, ""]


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def render(
    *,
    date: str,
    command: str,
    machine: list[str],
    server: list[str],
    load: list[str],
    runs: list[Run],
    open311: Run | None,
    bare: Run | None,
    notes: list[str],
) -> str:
    lines = [
        f"## Open311 request creation under sustained load ({date})",
        "",
        "Sustained `POST /open311/v2/requests.json` (form-encoded GeoReport v2 bodies, "
        "`service_code=graffiti`, random points inside the city, an API key) against PostgreSQL "
        "with production settings (DEBUG off), beside a bare Django view on the same server "
        "setup and database that does exactly one INSERT into a one-table model. "
        "Written by `benchmarks/servicedesk_load.py`.",
        "",
        "| Target | Path | Requests/s | p50 ms | p90 ms | p99 ms | max ms | Answers | 201s "
        "| Errors | Rows created |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *[_row(run) for run in runs],
        "",
        *cpu_table(runs),
    ]
    if open311 and bare:
        ratio = open311.result.per_second / bare.result.per_second if bare.result.per_second else 0
        rps, p99 = open311.result.per_second, open311.result.p99_ms
        lines += [
            f"**Ratio (Open311 / bare view): {ratio:.0%}** of the bare view's throughput.",
            "",
            "Targets:",
            "",
            f"- At least 200 created requests/s on 2 cores: {rps:.1f}/s, {verdict(rps >= 200)}",
            f"- p99 latency under 100 ms: {p99:.1f} ms, {verdict(p99 < 100)}",
            f"- At least 60% of the bare view's throughput: {ratio:.0%}, {verdict(ratio >= 0.6)}",
            "",
        ]
    lines += [
        "### Machine",
        "",
        *machine,
        "",
        "### Server",
        "",
        *server,
        "",
        "### Load",
        "",
        *load,
        "",
        "### Command",
        "",
        "```",
        command,
        "```",
        "",
    ]
    if notes:
        lines += ["### Notes from this run", "", *[f"- {n}" for n in notes], ""]
    return "\n".join(lines)


def write(path: Path, generated: str) -> None:
    """Write this benchmark's section of docs/benchmarks.md (other sections are kept)."""
    from benchmarks.sections import write_section

    write_section("servicedesk-open311-load", generated, path)
