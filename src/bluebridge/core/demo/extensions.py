"""Hooks through which other apps add their part of the demo city.

The core generator makes areas, people and service-request history; each later app (assistant,
complaints, feedback, forecasting) registers a hook in its `AppConfig.ready()`:

    from bluebridge.core.demo import extensions
    extensions.register("complaints", populate=demo.populate, wipe=demo.wipe, order=40)

`populate(ctx)` runs inside the generator's transaction, after the request history, in `order`;
it must be deterministic for a given `ctx.seed` and `ctx.now` (use `ctx.rng("name")`) and return
summary lines for the command's output. `wipe()` deletes what populate made; hooks are wiped in
reverse order before the core wipe, so records that point at areas or officers go first.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User

from bluebridge.core.models import Area, Officer


@dataclass
class DemoContext:
    seed: int
    now: datetime  # aware, local time: the end of the generated history
    first_day: date
    beats: list[Area]
    officers: list[Officer]
    accounts: dict[str, User]  # role name -> demo account
    calendar: Any  # servicedesk business calendar (holidays, working hours)
    scale: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)  # hooks may leave things for later hooks

    def rng(self, name: str) -> random.Random:
        """A generator seeded by the city seed and a name: independent streams per hook."""
        return random.Random(f"{self.seed}:{name}")


@dataclass(frozen=True)
class Extension:
    name: str
    populate: Callable[[DemoContext], list[str] | None]
    wipe: Callable[[], None] | None
    order: int


_extensions: dict[str, Extension] = {}


def register(
    name: str,
    *,
    populate: Callable[[DemoContext], list[str] | None],
    wipe: Callable[[], None] | None = None,
    order: int = 100,
) -> None:
    _extensions[name] = Extension(name, populate, wipe, order)


def registered() -> list[Extension]:
    return sorted(_extensions.values(), key=lambda e: (e.order, e.name))


def wipe_all() -> None:
    for ext in reversed(registered()):
        if ext.wipe is not None:
            ext.wipe()


def populate_all(ctx: DemoContext) -> list[str]:
    lines: list[str] = []
    for ext in registered():
        lines.extend(ext.populate(ctx) or [])
    return lines
