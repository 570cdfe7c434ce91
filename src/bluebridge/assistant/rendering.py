"""Markdown of knowledge-base answers to safe HTML (Markdown, then nh3's allow-list)."""

from __future__ import annotations

import markdown
import nh3

# Reply kinds whose text is Markdown: articles' answers and the fixed safety replies.
MARKDOWN_KINDS = frozenset({"answer", "emergency", "crisis"})
TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "h3", "h4", "blockquote"}


def to_html(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
