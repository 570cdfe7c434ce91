"""What an intent engine returns, and the interface every engine implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

ANSWER = "answer"
CLARIFY = "clarify"
OUT_OF_SCOPE = "out_of_scope"
DECISIONS = (ANSWER, CLARIFY, OUT_OF_SCOPE)


@dataclass(frozen=True)
class Prediction:
    """One message's reading.

    decision: "answer" (confident), "clarify" (ask "did you mean A or B?", A and B being the first
    two alternatives) or "out_of_scope" (hand off to a person).
    label: the best label (None only if the engine has no labels).
    confidence: 0..1, the classifier's probability for `label` (temperature-calibrated on
    held-out data).
    alternatives: the top 3 (label, probability), best first.
    """

    decision: str
    label: str | None
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)


@runtime_checkable
class IntentEngine(Protocol):
    name: str

    def fit(
        self,
        texts: list[str],
        labels: list[str],
        *,
        oos_texts: Sequence[str] = (),
        val_texts: Sequence[str] | None = None,
        val_labels: Sequence[str | None] | None = None,
        oos_recall_target: float = 0.9,
    ) -> IntentEngine: ...

    def predict(self, texts: Sequence[str]) -> list[Prediction]: ...

    def save(self, directory: Path) -> None: ...
