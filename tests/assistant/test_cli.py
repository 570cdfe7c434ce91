"""`bluebridge assistant ask` (one question, a JSON-lines file) and `load-kb`/`status`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from bluebridge.assistant.models import Conversation, SafetyHit


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("assistant", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_answers_one_question_as_json(kb: Any) -> None:
    out, _ = _run("ask", "how much is the impound fee", "--json")
    reply = json.loads(out)
    assert reply["kind"] == "answer" and reply["article_slug"] == "impounded-vehicle"
    assert set(reply) >= {"kind", "text", "article_id", "article_title", "topic", "confidence"}


def test_it_answers_in_spanish_as_text(kb: Any) -> None:
    out, _ = _run("ask", "perdí mis llaves", "--lang", "es")
    assert out.startswith("answer · Reportar objetos perdidos (lost-property)")


def test_it_answers_a_file_line_by_line_and_reports_bad_lines(kb: Any, tmp_path: Path) -> None:
    messages = tmp_path / "messages.jsonl"
    messages.write_text(
        "\n".join(
            [
                json.dumps({"text": "do you do fingerprinting"}),
                "{not json",
                json.dumps({"text": "dónde está el depósito de vehículos", "lang": "es"}),
                json.dumps({"lang": "en"}),
                json.dumps({"text": "there is a fire in my kitchen"}),
            ]
        ),
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="2 line"):
        call_command("assistant", "ask", "--file", str(messages), "--json", stdout=out, stderr=err)
    replies = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["line"] for r in replies] == [1, 2, 3, 4, 5]
    assert replies[0]["article_slug"] == "fingerprinting"
    assert "not valid JSON" in replies[1]["error"]
    assert replies[2]["article_slug"] == "impounded-vehicle"
    assert '"text"' in replies[3]["error"]
    assert replies[4]["kind"] == "emergency"
    assert "line 2" in err.getvalue()
    # Asking from the command line leaves nothing behind.
    assert not Conversation.objects.exists() and not SafetyHit.objects.exists()


def test_it_says_when_no_model_is_trained(city: None, model_dir: Path) -> None:
    with pytest.raises(CommandError, match="not been trained"):
        _run("ask", "hello")


def test_it_needs_a_question_or_a_file(kb: Any) -> None:
    with pytest.raises(CommandError, match="give a question"):
        _run("ask")


def test_load_kb_is_idempotent_and_status_reports_the_model(kb: Any, kb_dir: Path) -> None:
    out, _ = _run("load-kb", "--dir", str(kb_dir), "--no-train")
    assert "0 articles created, 0 updated, 6 unchanged" not in out  # counted per language
    assert "0 articles created, 0 updated, 12 unchanged" in out
    status, _ = _run("status")
    assert "published articles (per language): 12" in status
    assert "20000101T000000000000" in status
