"""Demo-city data of this app (filled in below)."""

from __future__ import annotations

from typing import Any


def populate(ctx: Any) -> list[str]:
    return []


def wipe() -> None:
    pass
