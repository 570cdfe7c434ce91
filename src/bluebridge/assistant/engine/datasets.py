"""Readers for the public intent benchmarks (files stay outside the repository).

CLINC150: a JSON object shaped like `data_full.json` (keys such as train, val, test,
oos_train, oos_val, oos_test; items [text, intent]). Banking77: a directory with `train.csv`
(columns text, category) and, when present, `test.csv`; without `test.csv` a fixed stratified
20 % of train.csv is held out.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sklearn.model_selection import train_test_split

Pairs = list[tuple[str, str]]


class DatasetError(ValueError):
    pass


def _pairs(items, where: str) -> Pairs:
    out: Pairs = []
    for n, item in enumerate(items):
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise DatasetError(f"{where}[{n}] is not a [text, intent] pair")
        out.append((str(item[0]), str(item[1])))
    return out


def load_clinc(path: Path) -> dict[str, Pairs]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DatasetError(f"no such file: {path}") from exc
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path} is not readable JSON: {exc}") from exc
    if not isinstance(data, dict) or "train" not in data:
        raise DatasetError(f"{path} lacks the 'train' key of CLINC150's data_full.json")
    return {key: _pairs(value, key) for key, value in data.items() if isinstance(value, list)}


def _read_csv(path: Path) -> Pairs:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"text", "category"} <= set(reader.fieldnames):
            raise DatasetError(f"{path} needs the columns text,category")
        return [(row["text"], row["category"]) for row in reader]


def load_banking77(directory: Path, seed: int = 0) -> tuple[Pairs, Pairs, str]:
    """(train, test, how the test set was made)."""
    directory = Path(directory)
    train_path = directory / "train.csv"
    if not train_path.is_file():
        raise DatasetError(f"no train.csv in {directory}")
    train = _read_csv(train_path)
    test_path = directory / "test.csv"
    if test_path.is_file():
        return train, _read_csv(test_path), "test.csv"
    labels = [label for _, label in train]
    fit, held = train_test_split(train, test_size=0.2, random_state=seed, stratify=labels)
    return list(fit), list(held), f"stratified 20 % of train.csv held out (seed {seed})"
