"""The assistant's part of the demo city: the shipped knowledge base, a trained model, and a few
conversations (one waiting in the agent inbox, feedback on answers) so every page has content."""

from __future__ import annotations

from datetime import timedelta

from bluebridge.assistant.models import (
    AnswerFeedback,
    Article,
    ArticleVersion,
    Conversation,
    ConversationState,
    Message,
    SafetyHit,
    Sender,
)
from bluebridge.assistant.services import knowledge
from bluebridge.core.demo.extensions import DemoContext

SAMPLE_QUESTIONS = [
    ("en", "how do I get a copy of a police report"),
    ("es", "¿cómo pido una copia del informe policial?"),
    ("en", "my neighbour plays loud music every night"),
    ("en", "where do I pick up my impounded car"),
]


def populate(ctx: DemoContext) -> list[str]:
    result = knowledge.load_directory(train=True)
    lines = [
        f"assistant: {result.created + result.updated + result.unchanged} knowledge-base articles"
        f" from {result.files} files (training queued for the worker)"
    ]
    if result.problems:
        lines.append(f"assistant: {len(result.problems)} knowledge files skipped")
    rng = ctx.rng("assistant")
    articles = {a.slug: a for a in Article.objects.filter(language="en", published=True)}
    slugs = sorted(articles)
    for number, (language, question) in enumerate(SAMPLE_QUESTIONS):
        at = ctx.now - timedelta(hours=rng.randint(2, 72))
        conversation = Conversation.objects.create(language=language, created_at=at)
        Message.objects.create(
            conversation=conversation, sender=Sender.RESIDENT, text=question, created_at=at
        )
        if slugs:
            article = articles[slugs[rng.randrange(len(slugs))]]
            answer = Message.objects.create(
                conversation=conversation,
                sender=Sender.BOT,
                kind="answer",
                text=article.answer,
                article=article,
                confidence=round(rng.uniform(0.4, 0.95), 2),
                question=question,
                created_at=at + timedelta(seconds=1),
            )
            AnswerFeedback.objects.create(
                message=answer, helpful=number % 2 == 0, created_at=at + timedelta(minutes=1)
            )
    waiting = Conversation.objects.create(
        language="en",
        state=ConversationState.WAITING,
        handed_off_at=ctx.now - timedelta(minutes=3),
        handoff_reason="asked for a person",
        created_at=ctx.now - timedelta(minutes=5),
    )
    Message.objects.create(
        conversation=waiting,
        sender=Sender.RESIDENT,
        text="Can someone tell me whether I need a permit for a block party?",
        created_at=ctx.now - timedelta(minutes=4),
    )
    Message.objects.create(
        conversation=waiting,
        sender=Sender.RESIDENT,
        text="talk to a person",
        created_at=ctx.now - timedelta(minutes=3),
    )
    lines.append("assistant: 5 sample conversations, 1 waiting in the agent inbox")
    return lines


def wipe() -> None:
    SafetyHit.objects.all().delete()
    AnswerFeedback.objects.all().delete()
    Message.objects.all().delete()
    Conversation.objects.all().delete()
    ArticleVersion.objects.all().delete()
    Article.objects.all().delete()
