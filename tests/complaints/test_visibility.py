"""Who sees which complaint: each role sees exactly what it should, and refusals are audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bluebridge.complaints.models import Complaint
from bluebridge.core import roles
from bluebridge.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# role -> (sees a service-quality complaint, sees a conduct complaint)
EXPECTED = {
    roles.STANDARDS: (True, True),
    roles.SUPERVISOR: (True, False),
    roles.AGENT: (False, False),  # only the ones the agent filed (below)
    roles.ANALYST: (False, False),
    roles.WELLNESS: (False, False),
    roles.OFFICER: (False, False),
    roles.ADMIN: (False, False),
    roles.RESIDENT: (False, False),
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _refusals(reference: str) -> int:
    return AuditEvent.objects.filter(object_ref=reference, summary__startswith="refused").count()


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_it_shows_each_role_exactly_its_complaints_on_the_web_and_the_api(
    role: str,
    make_user: Callable[..., User],
    file_complaint: Callable[..., Complaint],
    conduct_complaint: Complaint,
    token_for: Callable[[User], str],
) -> None:
    service = file_complaint()
    user = make_user(role)
    web, bearer = _client(user), {"Authorization": f"Bearer {token_for(user)}"}
    for complaint, allowed in zip((service, conduct_complaint), EXPECTED[role], strict=True):
        before = _refusals(complaint.reference)
        page = web.get(f"/staff/complaints/{complaint.reference}/")
        api = Client().get(f"/api/complaints/{complaint.reference}", headers=bearer)
        if allowed:
            assert page.status_code == 200 and complaint.description in page.content.decode()
            assert api.status_code == 200 and api.json()["description"] == complaint.description
            views = AuditEvent.objects.filter(
                object_ref=complaint.reference, action="view", actor=user
            )
            assert views.exclude(summary__startswith="refused").count() == 2
        else:
            assert page.status_code == 403
            assert complaint.description.encode() not in page.content
            assert api.status_code == 403
            assert complaint.description not in api.content.decode()
            # The web refusal is always audited; the API one when the role may ask at all.
            assert _refusals(complaint.reference) >= before + 1


def test_it_refuses_agents_and_supervisors_a_conduct_complaint_and_audits_each_attempt(
    make_user: Callable[..., User], conduct_complaint: Complaint, token_for: Callable[[User], str]
) -> None:
    for role in (roles.AGENT, roles.SUPERVISOR):
        user = make_user(role)
        assert (
            _client(user).get(f"/staff/complaints/{conduct_complaint.reference}/").status_code
            == 403
        )
        api = Client().get(
            f"/api/complaints/{conduct_complaint.reference}",
            headers={"Authorization": f"Bearer {token_for(user)}"},
        )
        assert api.status_code == 403
        refused = AuditEvent.objects.filter(
            object_ref=conduct_complaint.reference, actor=user, summary__startswith="refused"
        )
        assert refused.count() == 2


def test_it_lets_an_agent_follow_a_service_complaint_they_filed_but_not_a_conduct_one(
    staff_client: Callable[[str], Client],
) -> None:
    agent = staff_client(roles.AGENT)
    form = {
        "description": "Nobody called me back about my stolen bike",
        "what_went_wrong": "no_follow_up",
        "form_token": "a1",
    }
    page = agent.post("/staff/complaints/new/", form)
    assert page.status_code == 200
    reference = Complaint.objects.get(idempotency_key="a1").reference
    assert agent.get(f"/staff/complaints/{reference}/").status_code == 200
    form = {
        "description": "The officer hit me with his baton",
        "what_went_wrong": "force",
        "form_token": "a2",
    }
    page = agent.post("/staff/complaints/new/", form)
    assert "Professional Standards" in page.content.decode()
    conduct = Complaint.objects.get(idempotency_key="a2")
    assert conduct.kind == "conduct"
    assert agent.get(f"/staff/complaints/{conduct.reference}/").status_code == 403


def test_it_shows_administrators_counts_but_no_content(
    staff_client: Callable[[str], Client], conduct_complaint: Complaint
) -> None:
    page = staff_client(roles.ADMIN).get("/staff/complaints/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "conduct" in text and conduct_complaint.reference not in text
    assert conduct_complaint.description not in text


def test_it_lists_conduct_complaints_only_for_professional_standards(
    staff_client: Callable[[str], Client],
    conduct_complaint: Complaint,
    file_complaint: Callable[..., Complaint],
) -> None:
    service = file_complaint()
    supervisor = staff_client(roles.SUPERVISOR).get("/staff/complaints/").content.decode()
    assert service.reference in supervisor and conduct_complaint.reference not in supervisor
    standards = staff_client(roles.STANDARDS).get("/staff/complaints/").content.decode()
    assert service.reference in standards and conduct_complaint.reference in standards


def test_it_lets_only_professional_standards_read_officer_signals(
    staff_client: Callable[[str], Client],
) -> None:
    standards, supervisor = staff_client(roles.STANDARDS), staff_client(roles.SUPERVISOR)
    assert standards.get("/staff/complaints/officer-signals/").status_code == 200
    assert supervisor.get("/staff/complaints/officer-signals/").status_code == 403
    assert standards.get("/api/complaints/officer-signals").status_code == 200
    assert supervisor.get("/api/complaints/officer-signals").status_code == 403
