"""The learned model's text features: normalisation, negation marking, NB-LR."""

from __future__ import annotations

import numpy as np

from bluebridge.feedback.text.features import NBLogistic, mark_negation, normalise, tidy


def test_tidy_replaces_links_and_handles_and_decodes_entities() -> None:
    assert tidy("@united you lost my bag &amp; http://t.co/x  again") == (
        "@user you lost my bag & url again"
    )


def test_normalise_turns_emoticons_and_elongations_into_tokens() -> None:
    assert normalise("sooooo good :) but :( now") == "soo elong good emopos but emoneg now"


def test_negation_marks_the_words_up_to_the_punctuation() -> None:
    assert mark_negation("It was not good at all. Fine!") == (
        "it was not good_neg at_neg all_neg . fine !"
    )
    assert mark_negation("I don't like it") == "i don't like_neg it_neg"
    assert mark_negation("Nunca vino nadie") == "nunca vino_neg nadie_neg"


def test_nb_logistic_learns_and_gives_probabilities() -> None:
    texts = ["great kind help"] * 5 + ["awful rude slow"] * 5 + ["called about a car"] * 5
    labels = ["positive"] * 5 + ["negative"] * 5 + ["neutral"] * 5
    model = NBLogistic().fit(texts, labels)
    proba = model.predict_proba(["kind and great", "rude and awful"])
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.classes_[proba.argmax(axis=1)]) == ["positive", "negative"]
