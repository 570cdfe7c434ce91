"""Links each app adds to the site's navigation, filtered by the visitor's roles.

Apps register their links in `AppConfig.ready()`:

    nav.register("staff", "assistant-inbox", _("Assistant inbox"), roles=[AGENT, SUPERVISOR])
    nav.register("public", "complaint-new", _("Make a complaint"))

"public" links appear in the header of every page (for everyone, or for the given roles);
"staff" links appear on the staff home page for the given roles. Base templates never name
another app's URLs, so apps can be added without editing core templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

PLACES = ("public", "staff")


@dataclass(frozen=True)
class Link:
    place: str
    url_name: str
    label: Any  # str or lazy translation
    roles: frozenset[str]
    order: int


_links: list[Link] = []


def register(
    place: str, url_name: str, label: Any, *, roles: Iterable[str] = (), order: int = 100
) -> None:
    if place not in PLACES:
        raise ValueError(f"place must be one of {PLACES}, not {place!r}")
    link = Link(place, url_name, label, frozenset(roles), order)
    if link not in _links:
        _links.append(link)


def links_for(place: str, user_roles: Iterable[str]) -> list[dict[str, Any]]:
    """The links of one place that these roles may see, in order, with their URLs resolved."""
    have = set(user_roles)
    out = []
    for link in sorted(_links, key=lambda lk: (lk.order, lk.url_name)):
        if link.place != place or (link.roles and not (link.roles & have)):
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        out.append({"url": url, "label": link.label, "name": link.url_name})
    return out
