"""Fixtures of the forecasting tests: CSV text builders and the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("BLUEBRIDGE_SHARED_DATA", "/work/shared/data"))


def csv_lines(*rows: str) -> list[str]:
    """CSV text as lines (with their line ends), as a file iterator gives them."""
    return [row + "\n" for row in rows]


@pytest.fixture
def shared_crime() -> Path:
    folder = SHARED / "crime"
    if not folder.exists():
        pytest.skip(f"shared data not found at {folder}")
    return folder
