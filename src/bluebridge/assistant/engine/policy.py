"""Turning scores into decisions: the out-of-scope threshold, the ambiguity margin, and the rule.

Policy (documented in docs/assistant-engine.md):

* Every engine computes, for each message, class probabilities over the in-scope labels and an
  *in-scope score* (higher = more likely in scope).
* The out-of-scope threshold is the smallest score that rejects at least `oos_recall_target` of
  the out-of-scope calibration messages (held-out validation messages when given, otherwise the
  caller's `oos_texts` plus the built-in off-topic sentences, scored out of fold).
* The ambiguity margin is the gap between the two best probabilities below which the engine asks
  "did you mean A or B?". It is the `clarify_budget` quantile (default 5 %) of that gap over the
  in-scope calibration messages that pass the threshold, kept within [MIN_MARGIN, MAX_MARGIN].
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from .prediction import ANSWER, CLARIFY, OUT_OF_SCOPE, Prediction

MAX_MARGIN = 0.25
MIN_MARGIN = 0.05
DEFAULT_CLARIFY_BUDGET = 0.05


@dataclass(frozen=True)
class Operating:
    """The chosen operating point and what it achieved on the calibration data."""

    threshold: float
    margin: float
    temperature: float = 1.0
    source: str = "none"  # "validation", "cross-validation", "hold-out"
    oos_recall: float | None = None
    in_scope_accuracy: float | None = None
    in_scope_rejected: float | None = None
    calibration_in_scope: int = 0
    calibration_oos: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def choose_threshold(oos_scores: Sequence[float] | np.ndarray, recall_target: float) -> float:
    """Smallest threshold t such that scores < t cover at least `recall_target` of `oos_scores`."""
    if not 0.0 < recall_target <= 1.0:
        raise ValueError(f"the out-of-scope recall target must lie in (0, 1], not {recall_target}")
    scores = np.sort(np.asarray(oos_scores, dtype=float))
    if scores.size == 0:
        return -math.inf
    needed = max(1, math.ceil(recall_target * scores.size - 1e-9))
    return float(np.nextafter(scores[needed - 1], math.inf))


def choose_margin(
    top_gaps: Sequence[float] | np.ndarray,
    budget: float = DEFAULT_CLARIFY_BUDGET,
    cap: float = MAX_MARGIN,
) -> float:
    """Gap below which to ask for clarification: the `budget` quantile of in-scope gaps."""
    gaps = np.asarray(top_gaps, dtype=float)
    if budget <= 0:
        return 0.0
    if gaps.size == 0:
        return MIN_MARGIN
    return float(min(cap, max(MIN_MARGIN, np.quantile(gaps, budget))))


def choose_temperature(logits: np.ndarray, targets: np.ndarray) -> float:
    """Temperature minimising the negative log-likelihood of `targets` (class indices)."""
    if logits.size == 0:
        return 1.0
    best_t, best_nll = 1.0, math.inf
    for t in np.exp(np.linspace(math.log(0.05), math.log(20.0), 61)):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -float(logp[np.arange(len(targets)), targets].mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


def summarise(
    in_scores: np.ndarray,
    in_correct: np.ndarray,
    oos_scores: np.ndarray,
    threshold: float,
) -> dict[str, float | None]:
    """In-scope accuracy (accepted and right), rejection rate and OOS recall at `threshold`."""
    accepted = in_scores >= threshold
    return {
        "in_scope_accuracy": float((accepted & in_correct).mean()) if in_scores.size else None,
        "in_scope_rejected": float((~accepted).mean()) if in_scores.size else None,
        "oos_recall": float((oos_scores < threshold).mean()) if oos_scores.size else None,
    }


def decide(
    labels: Sequence[str], probs: np.ndarray, scores: np.ndarray, operating: Operating
) -> list[Prediction]:
    """Apply the rule to a batch: below threshold -> out of scope; close top two -> clarify."""
    out: list[Prediction] = []
    if not labels:
        return [Prediction(OUT_OF_SCOPE, None, 0.0, []) for _ in range(len(scores))]
    order = np.argsort(-probs, axis=1)[:, :3]
    for row, score in enumerate(scores):
        top = [(labels[int(i)], round(float(probs[row, i]), 6)) for i in order[row]]
        p1 = top[0][1]
        p2 = top[1][1] if len(top) > 1 else 0.0
        if score < operating.threshold:
            decision = OUT_OF_SCOPE
        elif len(top) > 1 and p1 - p2 < operating.margin:
            decision = CLARIFY
        else:
            decision = ANSWER
        out.append(Prediction(decision, top[0][0], float(min(1.0, max(0.0, p1))), top))
    return out
