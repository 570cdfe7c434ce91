import numpy as np
import pytest

from bluebridge.assistant.engine.policy import (
    MIN_MARGIN,
    Operating,
    choose_margin,
    choose_temperature,
    choose_threshold,
    decide,
)


def test_it_picks_the_smallest_threshold_that_reaches_the_recall_target():
    oos = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    threshold = choose_threshold(oos, 0.7)
    assert sum(s < threshold for s in oos) == 7
    assert 0.7 < threshold < 0.8


def test_it_rejects_a_recall_target_outside_zero_to_one():
    with pytest.raises(ValueError, match="recall target"):
        choose_threshold([0.1], 1.5)


def test_it_keeps_the_margin_within_its_bounds():
    assert choose_margin([0.9] * 100) == 0.25
    assert choose_margin([0.0] * 100) == MIN_MARGIN
    assert choose_margin([]) == MIN_MARGIN
    assert choose_margin([0.5], budget=0) == 0.0


def test_it_finds_a_temperature_that_softens_overconfident_logits():
    rng = np.random.default_rng(0)
    targets = rng.integers(0, 3, 300)
    logits = rng.normal(size=(300, 3)) * 10
    logits[np.arange(300), targets] += 5  # right only some of the time, very confident
    assert choose_temperature(logits, targets) > 1.0


def test_it_answers_clarifies_or_hands_off_by_the_rule():
    operating = Operating(threshold=0.5, margin=0.1)
    probs = np.array([[0.9, 0.05, 0.05], [0.48, 0.44, 0.08], [0.4, 0.3, 0.3]])
    scores = np.array([0.9, 0.6, 0.2])
    answer, clarify, handoff = decide(["a", "b", "c"], probs, scores, operating)
    assert (answer.decision, answer.label) == ("answer", "a")
    assert clarify.decision == "clarify"
    assert [label for label, _ in clarify.alternatives[:2]] == ["a", "b"]
    assert handoff.decision == "out_of_scope"
    assert len(answer.alternatives) == 3
    assert answer.confidence == pytest.approx(0.9)


def test_it_hands_off_everything_when_there_are_no_labels():
    (only,) = decide([], np.zeros((1, 0)), np.zeros(1), Operating(threshold=0.0, margin=0.1))
    assert only.decision == "out_of_scope"
    assert only.label is None
