"""Recall, false alarms and latency of the assistant's safety screen.

    python -m benchmarks.assistant_safety [--repeat 5] [--no-write]

Reads the evaluation sets in tests/assistant/safety/data/ (written apart from the training
file), screens every message with the shipped screen, each detector alone, and the rules as the
service-desk form uses them, and writes the `assistant-safety` section of docs/benchmarks.md.
Latency is measured per message over all sets, `--repeat` times, after one warm-up pass.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.sections import machine_lines, write_section
from bluebridge.assistant.safety import screen
from bluebridge.assistant.safety.model import predict
from bluebridge.core import safety as rules

DATA = Path(__file__).resolve().parent.parent / "tests" / "assistant" / "safety" / "data"
SETS = ("emergency", "crisis", "negatives")


def load() -> dict[str, list[dict[str, str]]]:
    out = {}
    for name in SETS:
        lines = (DATA / f"eval_{name}.jsonl").read_text(encoding="utf-8").splitlines()
        out[name] = [json.loads(line) for line in lines if line]
    return out


def _hit(name: str, kind: str | None) -> bool:
    if name == "crisis":
        return kind == "crisis"
    if name == "emergency":
        return kind in {"emergency", "crisis"}
    return kind not in {None, "none"}


DETECTORS: dict[str, Callable[[str, str], str | None]] = {
    "Layered screen (shipped)": lambda text, lang: screen(text, lang).kind,
    "Rules alone": lambda text, lang: rules.analyse(text).kind,
    "Model alone": lambda text, lang: predict(rules.prepare(text)).kind,
}


def quality(sets: dict[str, list[dict[str, str]]]) -> list[str]:
    lines = [
        "| Detector | Set | Language | Messages | Flagged | Rate |",
        "|---|---|---|---:|---:|---:|",
    ]
    for label, detect in DETECTORS.items():
        for name in SETS:
            for lang in ("en", "es", "all"):
                rows = [r for r in sets[name] if lang == "all" or r["language"] == lang]
                hits = sum(_hit(name, detect(r["text"], r["language"])) for r in rows)
                what = "false alarms" if name == "negatives" else "recall"
                lines.append(
                    f"| {label} | {name} ({what}) | {lang} | {len(rows)} | {hits} | "
                    f"{hits / len(rows):.1%} |"
                )
    return lines


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(sets: dict[str, list[dict[str, str]]], repeat: int) -> list[str]:
    messages = [(r["text"], r["language"]) for name in SETS for r in sets[name]]
    timed: dict[str, Callable[[str, str], object]] = {
        "Layered screen (rules + model)": screen,
        "Rules alone (core.safety.analyse)": lambda text, lang: rules.analyse(text),
        "Model alone (features + weights)": lambda text, lang: predict(rules.prepare(text)),
    }
    lines = ["| Path | Messages timed | p50 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|"]
    for label, fn in timed.items():
        for text, lang in messages:  # warm-up (model loading, regex caches)
            fn(text, lang)
        samples: list[float] = []
        for _ in range(repeat):
            for text, lang in messages:
                start = time.perf_counter()
                fn(text, lang)
                samples.append((time.perf_counter() - start) * 1000)
        lines.append(
            f"| {label} | {len(samples)} | {statistics.median(samples):.3f} | "
            f"{_percentile(samples, 0.99):.3f} | {max(samples):.3f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing passes over all messages")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch the docs")
    args = parser.parse_args(argv)
    sets = load()
    start = time.perf_counter()
    import bluebridge.assistant.safety.model as model_module

    model_module.shipped.cache_clear()
    model_module.shipped()
    load_ms = (time.perf_counter() - start) * 1000
    parts = [
        "## Assistant safety screen: recall, false alarms, latency",
        "",
        "Every chat message passes the safety screen before anything else. Evaluation sets: "
        f"{len(sets['emergency'])} emergencies, {len(sets['crisis'])} crises and "
        f"{len(sets['negatives'])} hard negatives in English and Spanish "
        "(tests/assistant/safety/data/, written apart from the training file). Targets: "
        "recall 100% on emergencies and crises, at most 5% false alarms on hard negatives. "
        "Written by `benchmarks/assistant_safety.py`.",
        "",
        *quality(sets),
        "",
        "For emergencies, a message counts as caught when the screen answers emergency or "
        "crisis (both replies carry 911); for crises only a crisis answer (988) counts.",
        "",
        "### Latency per message",
        "",
        *latency(sets, args.repeat),
        "",
        f"Loading the shipped model (first message of a process): {load_ms:.0f} ms.",
        "",
        "### Machine and command",
        "",
        *machine_lines(),
        f"- Command: `OMP_NUM_THREADS=2 PYTHONPATH=src python -m benchmarks.assistant_safety {' '.join(argv if argv is not None else sys.argv[1:])}`".rstrip(
            "` "
        )
        + "`",
    ]
    text = "\n".join(parts)
    print(text)
    if not args.no_write:
        write_section("assistant-safety", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
