from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from bluebridge.assistant.rendering import to_html

register = template.Library()


@register.filter
def assistant_markdown(text: str) -> SafeString:
    """An answer's Markdown as sanitised HTML."""
    return mark_safe(to_html(text))  # noqa: S308 - nh3 sanitises it


@register.filter
def assistant_markdown_bot(message: object) -> SafeString:
    """Bot answers are Markdown; other messages are plain text with line breaks."""
    from django.utils.html import linebreaks

    text = getattr(message, "text", "")
    if getattr(message, "sender", "") == "bot":
        return mark_safe(to_html(text))  # noqa: S308 - nh3 sanitises it
    return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 - escaped
