"""The shipped knowledge base: shape, size, variety."""

from __future__ import annotations

import copy
import json

import pytest

from bluebridge.assistant.knowledge import (
    DIRECTORY,
    InvalidKnowledge,
    load_all,
    validate,
)

MIN_TOPICS = 40


@pytest.fixture(scope="module")
def topics():
    return load_all()


def test_every_shipped_file_validates(topics):
    assert len(topics) == len(list(DIRECTORY.glob("*.json")))
    for doc in topics:
        assert validate(doc) == [], doc["slug"]


def test_it_ships_at_least_forty_topics_in_english_and_spanish(topics):
    assert len(topics) >= MIN_TOPICS
    for doc in topics:
        for lang in ("en", "es"):
            entry = doc["translations"][lang]
            assert len(entry["questions"]) >= 18, (doc["slug"], lang)
            words = len(entry["answer"].split())
            assert 60 <= words <= 200, (doc["slug"], lang, words)


def test_no_question_appears_in_two_topics(topics):
    owner: dict[str, str] = {}
    for doc in topics:
        for lang in ("en", "es"):
            for question in doc["translations"][lang]["questions"]:
                key = " ".join(question.lower().split()).strip("?¿!. ")
                assert key not in owner, f"{question!r} in {owner.get(key)} and {doc['slug']}"
                owner[key] = doc["slug"]


def test_topics_about_danger_give_the_911_or_988_line(topics):
    by_slug = {d["slug"]: d for d in topics}
    for slug in ("domestic-violence", "missing-person", "mental-health-help", "when-to-call-911"):
        if slug not in by_slug:
            continue
        for lang in ("en", "es"):
            assert "911" in by_slug[slug]["translations"][lang]["answer"], (slug, lang)
    if "mental-health-help" in by_slug:
        for lang in ("en", "es"):
            assert "988" in by_slug["mental-health-help"]["translations"][lang]["answer"]


def test_the_obvious_topics_link_a_service_desk_category(topics):
    categories = {d["category"] for d in topics if d["category"]}
    assert {"noise", "abandoned-vehicle", "parking", "records-request", "lost-property"} <= (
        categories
    )


def _good(topics):
    return copy.deepcopy(topics[0])


def test_validate_names_every_problem(topics):
    doc = _good(topics)
    doc["unit"] = "swat"
    doc["category"] = "murder"
    doc["review_by"] = "soon"
    doc["translations"]["es"]["questions"] = doc["translations"]["es"]["questions"][:3]
    del doc["translations"]["en"]["title"]
    errors = validate(doc)
    assert any("unit" in e for e in errors)
    assert any("category" in e for e in errors)
    assert any("review_by" in e for e in errors)
    assert any("translations.es has 3 questions" in e for e in errors)
    assert any("translations.en.title" in e for e in errors)
    assert validate("not a dict") == ["a topic must be a JSON object"]


def test_load_all_refuses_a_broken_folder_and_says_which_file(tmp_path, topics):
    doc = _good(topics)
    (tmp_path / f"{doc['slug']}.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "other-name.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidKnowledge) as exc:
        load_all(tmp_path)
    message = str(exc.value)
    assert "broken.json: not readable JSON" in message
    assert "other-name.json: file name must be the slug" in message


def test_load_all_reads_a_valid_folder(tmp_path, topics):
    doc = _good(topics)
    (tmp_path / f"{doc['slug']}.json").write_text(json.dumps(doc), encoding="utf-8")
    assert [d["slug"] for d in load_all(tmp_path)] == [doc["slug"]]
