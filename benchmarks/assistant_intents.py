"""Citizen-assistant intent engine: CLINC150 (val split), Banking77, latency, KB-sized training.

    OMP_NUM_THREADS=2 nice -n 10 .venv/bin/python -m benchmarks.assistant_intents \
        [--data ../shared/data/intents] [--engine auto|embedding|tfidf]

Writes section `assistant-intents` of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.sections import machine_lines, write_section
from bluebridge.assistant.engine import benchmark, make_engine
from bluebridge.assistant.engine.datasets import load_clinc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "intents"


def latency(engine, messages: list[str]) -> dict[str, float]:
    engine.predict(messages[:5])  # warm
    times = []
    for message in messages:
        started = time.perf_counter()
        engine.predict([message])
        times.append(1000 * (time.perf_counter() - started))
    return {"p50_ms": float(np.percentile(times, 50)), "p99_ms": float(np.percentile(times, 99))}


def kb_sized(clinc_path: Path, kind: str) -> tuple[float, int]:
    """Training time on a demo-KB-sized set: 40 intents x 32 questions, default settings."""
    data = load_clinc(clinc_path)
    by_label: dict[str, list[str]] = {}
    for text, label in data["train"]:
        by_label.setdefault(label, []).append(text)
    chosen = sorted(by_label)[:40]
    texts = [t for label in chosen for t in by_label[label][:32]]
    labels = [label for label in chosen for _ in by_label[label][:32]]
    started = time.perf_counter()
    make_engine(kind).fit(texts, labels)
    return time.perf_counter() - started, len(texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--engine", default="auto", choices=["auto", "embedding", "tfidf"])
    parser.add_argument("--cache-dir", default="/tmp/bluebridge-embeddings")
    parser.add_argument(
        "--finetune-epochs", type=float, default=0, help="fine-tune the encoder (slow on CPU)"
    )
    parser.add_argument(
        "--banking77-finetune-epochs",
        type=float,
        help="epochs for Banking77 (default: --finetune-epochs)",
    )
    args = parser.parse_args()
    try:
        import torch

        torch.set_num_threads(2)
    except ImportError:
        pass
    clinc_path = args.data / "clinc150_trainval.json"
    options = {
        "clinc": str(clinc_path),
        "split": "val",
        "engine": args.engine,
        "cache_dir": args.cache_dir,
        "finetune_epochs": args.finetune_epochs,
    }
    banking_epochs = (
        args.finetune_epochs
        if args.banking77_finetune_epochs is None
        else args.banking77_finetune_epochs
    )
    out = io.StringIO()
    started = time.perf_counter()
    trained: list = []
    clinc = benchmark.clinc(options, keep=trained)
    print(json.dumps(clinc, indent=1), flush=True)
    banking = benchmark.banking77(
        {
            "banking77": str(args.data / "banking77"),
            "engine": args.engine,
            "cache_dir": args.cache_dir,
            "finetune_epochs": banking_epochs,
        }
    )
    print(json.dumps(banking, indent=1), flush=True)
    # latency: a CLINC-trained engine (150 intents), one message at a time
    engine = trained[0]
    engine.cache_dir = None  # latency must include encoding every message
    data = load_clinc(clinc_path)
    lat = latency(engine, [t for t, _ in data["val"][::15]])
    kb_seconds, kb_n = kb_sized(clinc_path, args.engine)
    total = time.perf_counter() - started
    out.write(benchmark.format_text({"clinc150": clinc, "banking77": banking}))

    def pct(v):
        return "n/a" if v is None else f"{100 * v:.1f} %"

    lines = [
        "## Citizen-assistant intent engine",
        "",
        *machine_lines(),
        "- Command: `"
        + " ".join(
            [
                "PYTHONPATH=src OMP_NUM_THREADS=2 nice -n 10 .venv/bin/python -m",
                "benchmarks.assistant_intents",
                *sys.argv[1:],
            ]
        )
        + "`",
        f"- Engine: {clinc['engine']}"
        + (
            f", encoder fine-tuned {args.finetune_epochs:g} epochs on CLINC150"
            f" and {banking_epochs:g} on Banking77 (latency: the CLINC150 engine)"
            if args.finetune_epochs or banking_epochs
            else ""
        )
        + f"; total run {total:.0f} s",
        "",
        "| measure | result | target |",
        "| --- | ---: | ---: |",
        f"| CLINC150 val in-scope accuracy (hand-offs count as errors) | {pct(clinc['in_scope_accuracy'])} | ≥ 96.2 % |",
        f"| CLINC150 val out-of-scope recall (same operating point) | {pct(clinc['oos_recall'])} | ≥ 70 % |",
        f"| CLINC150 val out-of-scope precision | {pct(clinc['oos_precision'])} | |",
        f"| CLINC150 val AUROC (in-scope score) | {clinc['auroc']:.4f} | |",
        f"| CLINC150 in-scope accuracy without hand-offs | {pct(clinc['in_scope_accuracy_no_rejection'])} | |",
        f"| Banking77 accuracy ({banking['test_set']}) | {pct(banking['accuracy'])} | ≥ 93.7 % |",
        f"| Latency per message, warm, 150 intents, p50 | {lat['p50_ms']:.1f} ms | ≤ 20 ms |",
        f"| Latency per message, warm, 150 intents, p99 | {lat['p99_ms']:.1f} ms | ≤ 100 ms |",
        f"| Training, KB-sized set ({kb_n} questions, 40 intents, default settings) | {kb_seconds:.1f} s | < 120 s |",
        f"| Training, CLINC150 (15,100 sentences, incl. calibration) | {clinc['train_seconds']:.0f} s | |",
        "",
        f"Operating point (chosen by {clinc['operating_point']['source']} on the training data, "
        f"out-of-scope recall target {clinc['oos_recall_target']:.0%}): threshold "
        f"{clinc['operating_point']['threshold']:.3f}, margin {clinc['operating_point']['margin']:.3f}.",
        "Embeddings of the training texts are cached under the --cache-dir between runs; the "
        "training times above include encoding unless the cache was warm.",
    ]
    write_section("assistant-intents", "\n".join(lines))
    sys.stdout.write(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
