"""The benchmark data: the airline split is fixed and disjoint; VADER reads the human sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.feedback_data import AIRLINE, VADER_SETS, airline_split, read_rows
from bluebridge.feedback.text import vader
from bluebridge.feedback.text.evaluate import correlation

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(not AIRLINE.exists(), reason="shared data not present"),
]


def test_the_airline_split_is_fixed_and_shares_no_tweet(tmp_path: Path) -> None:
    train, test = airline_split(tmp_path / "a")
    again_train, _ = airline_split(tmp_path / "b")
    a, b = read_rows(train), read_rows(test)
    assert [r["tweet_id"] for r in a] == [r["tweet_id"] for r in read_rows(again_train)]
    assert not {r["tweet_id"] for r in a} & {r["tweet_id"] for r in b}
    assert len(a) + len(b) == 10248 and 0.18 < len(b) / (len(a) + len(b)) < 0.22


def test_vader_correlates_with_the_human_tweet_ratings() -> None:
    rows = read_rows(VADER_SETS["tweets"])[:500]
    scores = [vader.polarity(r["text"], "en")["compound"] for r in rows]
    assert correlation(scores, [float(r["score"]) for r in rows])["pearson"] > 0.75
