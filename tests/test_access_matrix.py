"""The role × endpoint matrix: every page and API operation, called as every role and anonymously.

URL patterns are discovered at run time (Django's resolver, and the ninja API's routers), so new
pages are checked as they land. Each must declare its roles (`@allow(...)` for pages,
`@roles(...)` for API operations). Then, for every role and for an anonymous visitor:

* allowed roles never get 401/403, never a redirect to the login page, and never a 5xx (a POST
  with an empty body may be refused as invalid, 4xx; a GET of a real object never gets 404);
* other roles get 403; anonymous visitors are sent to the login page (pages) or get 401 (API);
* nobody ever gets a 5xx.

Path parameters come from real records made here; PARAMS maps their names to values. A new
parameter name fails the test with a message saying to add it to PARAMS.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils.regex_helper import normalize
from PIL import Image

from bluebridge.api import api
from bluebridge.core import roles
from bluebridge.core.models import ApiToken, hash_secret
from bluebridge.servicedesk.models import Open311ApiKey, ServiceRequest
from tests.complaints import matrix as complaints_matrix

ANONYMOUS = "anonymous"
LOGIN_PATH = "/accounts/login/"

# Views that are not ours and carry no @allow: listed on purpose.
EXCEPTED_ROUTES = ("django-admin/",)  # Django's admin: its own is_staff and permission checks
EXCEPTED_MODULES = (
    "django.contrib.staticfiles",
    "django.views.static",
    "django.views.i18n",  # set_language
    "ninja.openapi",  # /api/docs and /api/openapi.json
    "ninja.main",
)


def _excepted(endpoint: Endpoint) -> bool:
    return endpoint.route.startswith(EXCEPTED_ROUTES) or _module(endpoint.view).startswith(
        EXCEPTED_MODULES
    )


@dataclass(frozen=True)
class Endpoint:
    kind: str  # "web" or "api"
    method: str
    route: str  # the pattern, e.g. "staff/requests/<str:reference>/"
    view: Any

    @property
    def roles(self) -> frozenset[str] | None:
        return getattr(self.view, "access_roles", None)

    def __str__(self) -> str:
        return f"{self.method} /{self.route}"


@dataclass
class World:
    sr: ServiceRequest
    users: dict[str, User]
    bearer: dict[str, str]
    victim_tokens: dict[str, int]
    victim_key_id: int
    open311_key: str


def _forecast_run_id() -> str:
    from django.utils import timezone

    from bluebridge.forecasting.dbmodels import ForecastRun

    run = ForecastRun.objects.first() or ForecastRun.objects.create(
        group="burglary", horizon_days=7, model="naive", origin=timezone.now(), cell_size=150
    )
    return str(run.pk)


# Path parameter name -> value, given the world, the role and the route.
PARAMS: dict[str, Callable[[World, str, str], str]] = {
    "reference": lambda w, role, route: w.sr.reference,
    "request_id": lambda w, role, route: w.sr.reference,
    "service_request_id": lambda w, role, route: w.sr.reference,
    "token": lambda w, role, route: (
        w.sr.open311_token if route.startswith("open311/") else w.sr.tracking_token
    ),
    "code": lambda w, role, route: w.sr.category.code,
    "service_code": lambda w, role, route: w.sr.category.code,
    "fmt": lambda w, role, route: "json",
    "format": lambda w, role, route: "json",
    "token_id": lambda w, role, route: str(w.victim_tokens[role]),
    "key_id": lambda w, role, route: str(w.victim_key_id),
    "area": lambda w, role, route: w.sr.area.code if w.sr.area else "B1",
    "area_code": lambda w, role, route: w.sr.area.code if w.sr.area else "B1",
    "unit": lambda w, role, route: w.sr.unit.code,
    "unit_code": lambda w, role, route: w.sr.unit.code,
    # complaints (records made on first use: tests/complaints/matrix.py)
    "complaint_ref": lambda w, role, route: complaints_matrix.complaint(w, role).reference,
    "complaint_token": lambda w, role, route: complaints_matrix.complaint(w, role).tracking_token,
    "evidence_id": lambda w, role, route: complaints_matrix.evidence_id(w, role),
    "commendation_token": lambda w, role, route: complaints_matrix.commendation(w).thanks_token,
    "recovery_ref": lambda w, role, route: complaints_matrix.case(w).reference,
    "recovery_token": lambda w, role, route: complaints_matrix.case(w).token,
    # feedback
    "survey": lambda w, role, route: "community",  # a standard survey (data migration)
    "survey_token": lambda w, role, route: _survey_token(w),
    # forecasting
    "run_id": lambda w, role, route: _forecast_run_id(),
    # assistant
    "public_id": lambda w, role, route: _assistant_record("conversation"),
    "conversation_id": lambda w, role, route: _assistant_record("conversation"),
    "article_id": lambda w, role, route: _assistant_record("article"),
    "hit_id": lambda w, role, route: _assistant_record("hit"),
}


def _survey_token(world: World) -> str:
    """A fresh post-contact survey link for the world's request."""
    from bluebridge.feedback.services import invitations

    made = invitations.invite(
        "post_contact", "request", world.sr.reference, email="matrix@example.org"
    ).invitation
    if made is None:  # invited already (30-day cap): reuse the open invitation
        from bluebridge.feedback.models import Invitation

        made = Invitation.objects.filter(status__in=["scheduled", "sent"]).first()
    assert made is not None
    return invitations.make_token(made)


def _assistant_record(kind: str) -> str:
    """A conversation, article or safety hit of the assistant, made on first use."""
    from bluebridge.assistant.models import Article, Conversation, SafetyHit

    chat, _ = Conversation.objects.get_or_create(
        public_id="matrix-chat", defaults={"state": "waiting"}
    )
    if kind == "article":
        article, _ = Article.objects.get_or_create(
            slug="matrix",
            language="en",
            defaults={"title": "T", "answer": "A", "questions": ["q"], "topic": "T"},
        )
        return str(article.pk)
    if kind == "hit":
        hit, _ = SafetyHit.objects.get_or_create(
            text="matrix", defaults={"language": "en", "kind": "crisis", "conversation": chat}
        )
        return str(hit.pk)
    return chat.public_id


def _module(view: Any) -> str:
    target = getattr(view, "func", view)  # functools.partial
    target = getattr(target, "view_class", target)
    return getattr(target, "__module__", "") or ""


def _is_ninja(view: Any) -> bool:
    return _module(view).startswith("ninja.")


def _walk(
    resolver: URLResolver, chain: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, (*chain, entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (*chain, entry.pattern), entry.callback


def _route_text(chain: tuple[Any, ...]) -> str:
    return "".join(
        str(p.language_prefix) if isinstance(p, LocalePrefixPattern) else str(p) for p in chain
    )


def _fill(chain: tuple[Any, ...], values: Callable[[str], str]) -> str:
    """A real path for a chain of patterns, with parameters from `values(name)`."""
    path = ""
    for pattern in chain:
        if isinstance(pattern, LocalePrefixPattern):
            path += pattern.language_prefix
        elif isinstance(pattern, RoutePattern):
            path += re.sub(
                r"<(?:[^>:]+:)?([^>]+)>", lambda m: values(m.group(1)), str(pattern._route)
            )
        elif isinstance(pattern, RegexPattern):
            options = normalize(pattern._regex)
            template, names = max(options, key=lambda option: len(option[1]))
            path += template % {name: values(name) for name in names}
        else:  # pragma: no cover
            raise AssertionError(f"unknown pattern type {type(pattern)}")
    return "/" + path


def web_endpoints() -> list[tuple[Endpoint, tuple[Any, ...]]]:
    found = []
    for chain, view in _walk(get_resolver()):
        if _is_ninja(view):
            continue  # API operations are collected from the ninja routers
        route = _route_text(chain)
        for method in ("GET", "POST"):
            found.append((Endpoint("web", method, route, view), chain))
    return found


def api_endpoints() -> list[Endpoint]:
    """Every operation ninja serves (from its bound routers, as api.urls does)."""
    found = []
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            parts = [p.strip("/") for p in (bound.prefix, path) if p.strip("/")]
            route = "api/" + "/".join(parts)
            for operation in path_view.operations:
                for method in operation.methods:
                    found.append(Endpoint("api", method, route, operation.view_func))
    return found


@pytest.fixture
def world(city: None, make_user: Callable[..., User], file_request: Any, open311_key: str) -> World:
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(picture, format="PNG")
    sr = file_request(
        photo=SimpleUploadedFile("p.png", picture.getvalue(), content_type="image/png")
    )
    users, bearer, victims = {}, {}, {}
    for role in roles.ROLES:
        user = make_user(role, username=f"matrix-{role}")
        users[role] = user
        secret = ApiToken.generate()
        ApiToken.objects.create(
            user=user, name="matrix", token_hash=hash_secret(secret), hint=secret[:8]
        )
        bearer[role] = secret
        victim = ApiToken.objects.create(
            user=user, name="to revoke", token_hash=hash_secret(ApiToken.generate()), hint="victim"
        )
        victims[role] = victim.pk
    victims[ANONYMOUS] = next(iter(victims.values()))
    victim_key = Open311ApiKey.objects.create(
        name="to revoke", key_hash=hash_secret(Open311ApiKey.generate()), hint="victim"
    )
    return World(sr, users, bearer, victims, victim_key.pk, open311_key)


def _login_redirect(response: Any) -> bool:
    return response.status_code in (301, 302, 303, 307, 308) and response["Location"].startswith(
        LOGIN_PATH
    )


def _judge(endpoint: Endpoint, who: str, how: str, response: Any, allowed: bool) -> str | None:
    """A description of what is wrong with this response, or None when it is as it should be."""
    status = response.status_code
    label = f"{endpoint} as {who} ({how}): {status}"
    if status >= 500:
        return f"{label}: server error"
    if allowed:
        if status in (401, 403):
            return f"{label}: refused, but the role is allowed"
        if _login_redirect(response):
            return f"{label}: sent to the login page, but the role is allowed"
        if endpoint.method == "GET" and status == 404 and endpoint.kind == "web":
            return f"{label}: not found (check PARAMS gives a real record)"
        return None
    if who == ANONYMOUS and endpoint.kind == "web":
        return (
            None if _login_redirect(response) else f"{label}: expected a redirect to the login page"
        )
    expected = 401 if who == ANONYMOUS else 403
    return None if status == expected else f"{label}: expected {expected}"


def _request(
    client: Client, endpoint: Endpoint, path: str, world: World, headers: dict[str, str]
) -> Any:
    if endpoint.kind == "api":
        if endpoint.method == "GET":
            return client.get(path, headers=headers)
        return client.generic(endpoint.method, path, "{}", "application/json", headers=headers)
    if endpoint.method == "GET":
        return client.get(path, headers=headers)
    data = {"api_key": world.open311_key} if endpoint.route.startswith("open311/") else {}
    return client.post(path, data, headers=headers)


def test_it_finds_the_endpoints_to_check() -> None:
    web = {str(e) for e, _ in web_endpoints()}
    apis = {str(e) for e in api_endpoints()}
    assert {"GET /staff/audit/", "GET /staff/tokens/", "GET /report/"} <= web
    assert {"GET /api/requests/{reference}", "DELETE /api/tokens/{token_id}", "GET /api/me"} <= apis
    assert any(route.startswith("POST /open311/v2/") for route in web)


def test_it_finds_roles_declared_on_every_view() -> None:
    missing = [
        str(endpoint)
        for endpoint, _ in web_endpoints()
        if endpoint.roles is None and not _excepted(endpoint)
    ]
    missing += [str(e) for e in api_endpoints() if e.roles is None]
    assert not missing, "views without @allow(...) / @roles(...):\n" + "\n".join(
        sorted(set(missing))
    )
    unknown = {
        role
        for endpoint in [e for e, _ in web_endpoints()] + api_endpoints()
        for role in endpoint.roles or ()
        if role not in roles.ROLES and role != roles.PUBLIC
    }
    assert not unknown


def test_it_gives_every_role_exactly_its_access(world: World) -> None:
    problems: list[str] = []
    checked = 0

    def values_for(role: str, route: str) -> Callable[[str], str]:
        def value(name: str) -> str:
            if name not in PARAMS:
                raise AssertionError(
                    f"/{route}: add path parameter {name!r} to PARAMS in {__file__}"
                )
            return PARAMS[name](world, role, route)

        return value

    people = [*roles.ROLES, ANONYMOUS]
    for endpoint, chain in web_endpoints():
        if _excepted(endpoint):
            continue
        for who in people:
            path = _fill(chain, values_for(who, endpoint.route))
            client = Client()
            if who != ANONYMOUS:
                client.force_login(world.users[who])
            allowed = roles.PUBLIC in endpoint.roles or who in endpoint.roles
            response = _request(client, endpoint, path, world, {})
            checked += 1
            problem = _judge(endpoint, who, "session", response, allowed)
            if problem:
                problems.append(problem)

    for endpoint in api_endpoints():
        assert endpoint.roles is not None
        for who in people:
            route = re.sub(
                r"\{(?:[^}:]+:)?([^}]+)\}",
                lambda m, w=who, r=endpoint.route: values_for(w, r)(m.group(1)),
                endpoint.route,
            )
            path = "/" + route
            allowed = roles.PUBLIC in endpoint.roles or who in endpoint.roles
            attempts: list[tuple[str, Client, dict[str, str]]] = []
            if who == ANONYMOUS:
                attempts.append(("no credentials", Client(), {}))
            else:
                session = Client()
                session.force_login(world.users[who])
                attempts.append(("session", session, {}))
                attempts.append(
                    ("bearer", Client(), {"Authorization": f"Bearer {world.bearer[who]}"})
                )
            for how, client, headers in attempts:
                response = _request(client, endpoint, path, world, headers)
                checked += 1
                problem = _judge(endpoint, who, how, response, allowed)
                if problem:
                    problems.append(problem)

    assert checked > 100
    assert not problems, f"{len(problems)} of {checked} calls went wrong:\n" + "\n".join(problems)
