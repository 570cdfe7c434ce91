"""The shared text data for the feedback benchmarks, and the fixed airline train/test split.

The airline tweets come as one file; the benchmark splits it 80/20 by a seeded shuffle of
tweet_id (rows sharing a tweet_id stay on the same side, so no tweet is in both parts) and writes
the two parts as CSV under a scratch directory for `bluebridge feedback benchmark-sentiment`.
"""

from __future__ import annotations

import csv
import gzip
import os
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("BLUEBRIDGE_SHARED_DATA", ROOT.parent / "shared" / "data"))
AIRLINE = DATA / "text" / "airline_tweets.csv.gz"
VADER_SETS = {
    "tweets": DATA / "text" / "vader" / "tweets.csv",
    "nyt_editorial_snippets": DATA / "text" / "vader" / "nyt_editorial_snippets.csv",
    "movie_review_snippets": DATA / "text" / "vader" / "movie_review_snippets.csv",
}
SEED = 20150224
TEST_SHARE = 0.2


def read_rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:  # type: ignore[operator]
        return list(csv.DictReader(handle))


def airline_split(out_dir: Path) -> tuple[Path, Path]:
    """Write airline_train.csv.gz and airline_test.csv.gz under out_dir (80/20 by tweet_id)."""
    rows = read_rows(AIRLINE)
    ids = sorted({row["tweet_id"] for row in rows})
    random.Random(SEED).shuffle(ids)
    test_ids = set(ids[: round(len(ids) * TEST_SHARE)])
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, keep in (("train", False), ("test", True)):
        path = out_dir / f"airline_{name}.csv.gz"
        with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(r for r in rows if (r["tweet_id"] in test_ids) == keep)
        paths.append(path)
    return paths[0], paths[1]
