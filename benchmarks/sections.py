"""docs/benchmarks.md as named sections, one per benchmark script, each rewritten by its script.

    from benchmarks.sections import write_section, machine_lines
    write_section("assistant-clinc", markdown_text)

A section lies between `<!-- begin NAME -->` and `<!-- end NAME -->`. Writing a section replaces
only its own text; other sections and the page's introduction stay. Inside a section, text after
the KEEP marker (hand-written analysis) survives a new run. Each section should state the
machine (`machine_lines()`), the date and the exact command that produced it.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
KEEP_MARKER = "<!-- Everything below this line is written by hand and kept across runs. -->"
INTRO = (
    "# Benchmarks\n\n"
    "Each section below is written by the script it names; run that script again to refresh it "
    "(hand-written analysis at the end of a section is kept).\n"
)


def _bounds(name: str) -> tuple[str, str]:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise ValueError(f"section names are lowercase words joined by '-', not {name!r}")
    return f"<!-- begin {name} -->", f"<!-- end {name} -->"


def read_section(name: str, path: Path = DOCS) -> str | None:
    begin, end = _bounds(name)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin not in text or end not in text:
        return None
    return text.split(begin, 1)[1].split(end, 1)[0].strip("\n")


def write_section(name: str, generated: str, path: Path = DOCS) -> None:
    begin, end = _bounds(name)
    text = path.read_text(encoding="utf-8") if path.exists() else INTRO
    old = read_section(name, path) or ""
    kept = old.split(KEEP_MARKER, 1)[1].strip("\n") if KEEP_MARKER in old else ""
    body = generated.rstrip() + "\n"
    if kept:
        body += "\n" + KEEP_MARKER + "\n" + kept + "\n"
    block = f"{begin}\n{body}{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


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


def machine_lines() -> list[str]:
    """Markdown bullet lines describing this machine and the moment of the run."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores ({usable} usable by this process)",
        f"- Memory: {memory_gib():.1f} GiB",
        f"- OS: {platform.platform()}; Python {platform.python_version()}",
        f"- Load average when the run started: {load} (other work on the machine lowers numbers)",
    ]


def command_line() -> str:
    return " ".join(["python", "-m", *sys.argv]) if sys.argv else "python"
