"""The confirmation page, the reference lookup and the private tracking page."""

from __future__ import annotations

from django.utils import timezone

from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk import services
from bluebridge.servicedesk.models import RequestUpdate, Status


def _html(response) -> str:
    return response.content.decode()


def test_it_confirms_with_reference_link_and_expected_date(file_request, client):
    sr = file_request()
    html = _html(client.get(f"/report/done/{sr.tracking_token}/"))
    assert f'<p class="bb-reference" id="reference">{sr.reference}</p>' in html
    assert f'href="http://testserver/track/{sr.tracking_token}/"' in html
    local = timezone.localtime(sr.resolution_due)
    assert f"Expected by {local:%b}" in html and str(local.year) in html
    assert "Community Services" in html
    assert "We are sending a confirmation to your e-mail address" in html


def test_it_says_when_no_message_is_sent(file_request, client):
    sr = file_request(email="", contact_preference="none")
    html = _html(client.get(f"/report/done/{sr.tracking_token}/"))
    assert "We are not sending you messages about this report" in html


def test_it_says_why_nothing_is_sent_for_a_sensitive_report(file_request, client):
    sr = file_request(
        service_code="domestic-violence-followup",
        first_name="Ana",
        lat=None,
        lon=None,
        attributes={"safe_time": "after 6pm"},
    )
    html = _html(client.get(f"/report/done/{sr.tracking_token}/"))
    assert "For your safety, we do not send automatic messages" in html


def test_it_confirms_in_spanish(file_request, client_es):
    sr = file_request()
    html = _html(client_es.get(f"/report/done/{sr.tracking_token}/"))
    assert "Gracias: recibimos su reporte" in html
    assert "Grafiti" in html
    assert "Fecha prevista:" in html


def test_it_answers_404_for_an_unknown_token(city, client):
    for url in ("/report/done/nope/", "/track/nope/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Report not found" in _html(response)


def test_it_looks_up_a_reference_however_it_is_typed(file_request, client):
    sr = file_request()
    plain = sr.reference.replace("-", "")
    for typed in (
        sr.reference,
        sr.reference.lower(),
        f" {plain[:2]} {plain[2:6]} {plain[6:]} ",
        plain[2:],
    ):
        html = _html(client.post("/track/", {"reference": typed}))
        assert 'id="lookup-status">Received</dd>' in html, typed
        assert 'id="lookup-expected"' in html
    # only status and date: no description, address or contact details
    assert "Tag on the wall" not in html and "resident@example.org" not in html


def test_it_says_clearly_when_a_reference_is_unknown(city, client):
    response = client.post("/track/", {"reference": "BB-0000-0000"})
    assert response.status_code == 404
    assert "We found no report BB-0000-0000" in _html(response)


def test_it_names_the_field_for_a_reference_that_cannot_be_one(city, client):
    response = client.post("/track/", {"reference": "hello"})
    assert response.status_code == 400
    html = _html(response)
    assert 'id="reference-error">Reference number: a reference number looks like' in html
    assert 'value="hello"' in html
    empty = _html(client.post("/track/", {"reference": ""}))
    assert "Reference number: enter your reference number." in empty


def test_it_never_shows_a_sensitive_report_by_reference(file_request, client):
    sr = file_request(
        service_code="domestic-violence-followup",
        first_name="Ana",
        lat=None,
        lon=None,
        attributes={"safe_time": "after 6pm"},
    )
    response = client.post("/track/", {"reference": sr.reference})
    assert response.status_code == 404
    assert "Received" not in _html(response).split("<main", 1)[1]


def test_it_looks_up_in_spanish(file_request, client_es):
    sr = file_request()
    html = _html(client_es.post("/track/", {"reference": sr.reference}))
    assert 'id="lookup-status">Recibido</dd>' in html


def test_it_shows_the_private_page_without_internal_notes(file_request, client, make_user):
    sr = file_request(address="5 Oak Ave", attributes={"offensive": "yes"})
    agent = make_user("agent")
    services.add_note(sr, "Caller sounded upset; check CCTV", public=False, user=agent)
    services.change_status(sr, Status.IN_PROGRESS, user=agent, public_note="A crew is on its way")
    html = _html(client.get(f"/track/{sr.tracking_token}/"))
    assert sr.reference in html and "Graffiti" in html
    assert "Status changed to: In progress" in html and "A crew is on its way" in html
    assert "check CCTV" not in html
    assert "Tag on the wall by the bus stop" in html and "5 Oak Ave" in html
    assert "Is it offensive or hateful?" in html and "<dd>Yes</dd>" in html
    assert 'id="expected-date"' in html
    assert AuditEvent.objects.filter(action="view", object_ref=sr.reference).exists()


def test_it_adds_a_residents_reply(file_request, client):
    sr = file_request()
    response = client.post(
        f"/track/{sr.tracking_token}/", {"message": "It is on the north wall too"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/track/{sr.tracking_token}/?sent=1#your-message"
    reply = RequestUpdate.objects.get(request=sr, kind="reply")
    assert reply.note == "It is on the north wall too" and reply.public
    html = _html(client.get(response["Location"]))
    assert "We added your message to your report" in html
    assert "You added information" in html


def test_it_names_the_field_when_a_reply_is_empty(file_request, client):
    sr = file_request()
    response = client.post(f"/track/{sr.tracking_token}/", {"message": "   "})
    assert response.status_code == 400
    assert 'id="message-error">Your message: write your message.' in _html(response)
    assert not RequestUpdate.objects.filter(kind="reply").exists()
    long = "x" * 4001
    html = _html(client.post(f"/track/{sr.tracking_token}/", {"message": long}))
    assert "Your message: must be at most 4000 characters." in html
    assert long in html  # nothing lost


def test_it_shows_the_private_page_in_spanish(file_request, client_es):
    sr = file_request()
    html = _html(client_es.get(f"/track/{sr.tracking_token}/"))
    assert "Lo que ha pasado hasta ahora" in html and "Reporte recibido" in html


def test_it_rate_limits_public_posts(file_request, client, settings):
    settings.BLUEBRIDGE_RATE_LIMIT_PUBLIC = (2, 60)
    from django.core.cache import cache

    cache.clear()
    responses = [client.post("/track/", {"reference": "BB-0000-0000"}) for _ in range(3)]
    assert [r.status_code for r in responses] == [404, 404, 429]
    assert "Please wait a moment" in _html(responses[2])
    assert responses[2]["Retry-After"]
    assert client.get("/track/").status_code == 200  # reading the page is not counted
    cache.clear()
