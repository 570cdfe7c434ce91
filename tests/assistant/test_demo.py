"""The assistant's part of the demo city."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.utils import timezone

from bluebridge.assistant import demo
from bluebridge.assistant.models import Article, Conversation, ConversationState
from bluebridge.core.demo.extensions import DemoContext, registered
from bluebridge.servicedesk import services as desk


def test_the_demo_hook_loads_the_knowledge_base_and_sample_conversations(
    city: None, model_dir: Path
) -> None:
    assert "assistant" in [e.name for e in registered()]
    ctx = DemoContext(
        seed=7,
        now=timezone.localtime(),
        first_day=date(2026, 1, 1),
        beats=[],
        officers=[],
        accounts={},
        calendar=desk.business_calendar(),
    )
    lines = demo.populate(ctx)
    assert any("knowledge-base articles" in line for line in lines)
    assert Article.objects.filter(published=True, language="es").count() >= 40
    assert Conversation.objects.filter(state=ConversationState.WAITING).count() == 1
    demo.wipe()
    assert not Article.objects.exists() and not Conversation.objects.exists()
