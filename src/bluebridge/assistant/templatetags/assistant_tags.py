from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from bluebridge.assistant.rendering import to_html

register = template.Library()


@register.filter
def assistant_markdown(text: str) -> SafeString:
    """An answer's Markdown as sanitised HTML."""
    return mark_safe(to_html(text))  # noqa: S308 - nh3 sanitises it
