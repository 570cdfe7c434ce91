"""The text subcommands of `bluebridge feedback`: sentiment, themes, benchmark-sentiment,
benchmark-themes. Plain argparse and functions (no Django); the management command registers
them. Each handler takes the parsed options and returns (JSON-able payload, text for people).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bluebridge.feedback.text.learned import SentimentModel
from bluebridge.feedback.text.sentiment import LABELS, analyse_sentiment
from bluebridge.feedback.text.themes import find_themes

Result = tuple[Any, str]
Handler = Callable[[dict[str, Any]], Result]


class InputError(ValueError):
    """Bad input from the command line (missing file or column, unknown labels...)."""


def read_table(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    """Rows of a CSV file (.csv or .csv.gz, UTF-8, header row) as dicts."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"file not found: {path}")
    try:
        if file.name.endswith(".gz"):
            with gzip.open(file, "rt", encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        else:
            text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, EOFError) as error:
        raise InputError(f"cannot read {path} as UTF-8 CSV: {error}") from error
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = list(reader)
    except csv.Error as error:
        raise InputError(f"{path} is not valid CSV: {error}") from error
    columns = list(reader.fieldnames or [])
    if not columns:
        raise InputError(f"{path} is empty (a header row is required)")
    return columns, rows


def column(path: str, name: str, what: str = "text") -> tuple[list[dict[str, str]], str]:
    columns, rows = read_table(path)
    if name not in columns:
        raise InputError(
            f"{what} column '{name}' is not in {path}; its columns are: {', '.join(columns)}"
        )
    return rows, name


def _sentiment(options: dict[str, Any]) -> Result:
    rows, name = column(options["file"], options["column"])
    texts = [row.get(name) or "" for row in rows]
    model = None
    if options.get("model"):
        try:
            model = SentimentModel.load(options["model"])
        except (OSError, ValueError, RuntimeError) as error:
            raise InputError(f"cannot load model {options['model']}: {error}") from error
    results = analyse_sentiment(texts, model)
    id_column = options.get("id_column")
    if id_column and rows and id_column not in rows[0]:
        raise InputError(f"id column '{id_column}' is not in {options['file']}")
    items = []
    for number, (row, result) in enumerate(zip(rows, results, strict=True)):
        item: dict[str, Any] = {"row": number, **result.as_dict()}
        if id_column:
            item["id"] = row.get(id_column)
        items.append(item)
    summary = Counter(r.label for r in results)
    payload: dict[str, Any] = {
        "results": items,
        "summary": {label: summary.get(label, 0) for label in LABELS},
    }
    lines = [f"{i['row']}\t{i['label']}\t{i['score']:+.3f}\t{i['source']}" for i in items]
    lines.append(", ".join(f"{k}: {v}" for k, v in payload["summary"].items()))
    return payload, "\n".join(lines)


def _use_embeddings(options: dict[str, Any]) -> bool | None:
    return False if options.get("no_embeddings") else None


def _themes(options: dict[str, Any]) -> Result:
    rows, name = column(options["file"], options["column"])
    if options.get("k") is not None and options["k"] < 1:
        raise InputError("--k must be at least 1")
    texts = [row.get(name) or "" for row in rows]
    themes = find_themes(texts, k=options.get("k"), use_embeddings=_use_embeddings(options))
    payload = {"n": len(texts), "themes": [t.as_dict() for t in themes]}
    lines = []
    for theme in themes:
        lines.append(f"[{theme.id}] {theme.label} ({theme.size})")
        lines.extend(f"    “{quote}”" for quote in theme.quotes)
    return payload, "\n".join(lines) or "no text to group"


def _labelled(path: str, text_column: str, label_column: str) -> tuple[list[str], list[str]]:
    rows, _ = column(path, text_column)
    rows, _ = column(path, label_column, "label")
    pairs = [(r[text_column] or "", (r[label_column] or "").strip()) for r in rows]
    pairs = [(t, label) for t, label in pairs if label]
    if not pairs:
        raise InputError(f"no labelled rows in {path} (column '{label_column}' is blank)")
    return [t for t, _ in pairs], [label for _, label in pairs]


def _benchmark_sentiment(options: dict[str, Any]) -> Result:
    from bluebridge.feedback.text.evaluate import benchmark_sentiment

    sets = []
    for key in ("train", "test"):
        texts, labels = _labelled(options[key], options["text_column"], options["label_column"])
        labels = [label.lower() for label in labels]
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise InputError(
                f"labels in {options[key]} must be {', '.join(LABELS)}; found {', '.join(unknown)}"
            )
        sets.append((texts, labels))
    result = benchmark_sentiment(
        *sets[0],
        *sets[1],
        use_embeddings=_use_embeddings(options),
        embedding_cache=options.get("embedding_cache"),
        save_model=options.get("save_model"),
        finetune_epochs=float(options.get("finetune_epochs") or 0),
        log=lambda line: print(line, file=sys.stderr, flush=True),
    )
    text = (
        f"trained on {result['n_train']}, tested on {result['n_test']}\n"
        f"learned: accuracy {result['learned']['accuracy']:.3f}, "
        f"macro-F1 {result['learned']['macro_f1']:.3f} ({result['learned']['features']}; "
        f"cross-validated on the training file: {result['learned']['cv_macro_f1']})\n"
        f"VADER:   accuracy {result['vader']['accuracy']:.3f}, "
        f"macro-F1 {result['vader']['macro_f1']:.3f}"
    )
    return result, text


def _benchmark_themes(options: dict[str, Any]) -> Result:
    from bluebridge.feedback.text.evaluate import benchmark_themes

    texts, labels = _labelled(options["file"], options["text_column"], options["label_column"])
    if options.get("k") is not None and options["k"] < 2:
        raise InputError("--k must be at least 2")
    result = benchmark_themes(
        texts, labels, k=options.get("k"), use_embeddings=_use_embeddings(options)
    )
    text = (
        f"{result['n']} texts, {result['n_labels']} labels, k = {result['k']}\n"
        f"themes ({result['themes']['method']}): NMI {result['themes']['nmi']:.3f}\n"
        f"baseline ({result['baseline']['method']}): NMI {result['baseline']['nmi']:.3f}"
    )
    return result, text


def register(subparsers: Any) -> None:
    """Add the text subcommands to `bluebridge feedback`'s subparsers."""

    def add(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = subparsers.add_parser(
            name, help=help_text, description=help_text
        )
        parser.set_defaults(handler=handler)
        parser.add_argument("--json", action="store_true", help="print JSON")
        return parser

    p = add("sentiment", "Sentiment of every row of a CSV file (VADER, or --model)", _sentiment)
    p.add_argument("--file", required=True, help="CSV file (.csv or .csv.gz) with a header row")
    p.add_argument("--column", default="text", help="column holding the text (default: text)")
    p.add_argument("--id-column", help="column to echo beside each result")
    p.add_argument("--model", help="a learned model saved by benchmark-sentiment --save-model")

    p = add("themes", "Group the rows of a CSV file into recurring themes", _themes)
    p.add_argument("--file", required=True, help="CSV file (.csv or .csv.gz) with a header row")
    p.add_argument("--column", default="text", help="column holding the text (default: text)")
    p.add_argument("--k", type=int, help="number of themes (default: chosen by silhouette)")
    p.add_argument("--no-embeddings", action="store_true", help="use TF-IDF, not embeddings")

    p = add(
        "benchmark-sentiment",
        "Train the learned model on --train; accuracy and macro-F1 on --test, beside VADER",
        _benchmark_sentiment,
    )
    p.add_argument("--train", required=True, help="labelled CSV (.csv or .csv.gz)")
    p.add_argument("--test", required=True, help="labelled CSV (.csv or .csv.gz)")
    p.add_argument("--text-column", default="text")
    p.add_argument("--label-column", default="airline_sentiment")
    p.add_argument(
        "--no-embeddings", action="store_true", help="n-grams, NB-LR and VADER only (no encoder)"
    )
    p.add_argument("--embedding-cache", help="directory to cache embeddings in (e.g. /tmp)")
    p.add_argument("--save-model", help="write the trained model to this path")
    p.add_argument(
        "--finetune-epochs",
        type=float,
        default=0,
        help="also fine-tune the sentence encoder for this many epochs and blend it with the "
        "stack (slow on a CPU: minutes per epoch; needs embeddings)",
    )

    p = add(
        "benchmark-themes",
        "NMI of the themes against human labels, beside a TF-IDF + k-means baseline",
        _benchmark_themes,
    )
    p.add_argument("--file", required=True, help="labelled CSV (.csv or .csv.gz)")
    p.add_argument("--text-column", default="text")
    p.add_argument("--label-column", default="negativereason")
    p.add_argument("--k", type=int, help="number of themes (default: number of labels)")
    p.add_argument("--no-embeddings", action="store_true", help="use TF-IDF, not embeddings")
