"""The emergency screen on the report form: nothing is filed until the resident confirms."""

from __future__ import annotations

from bluebridge.servicedesk.models import ServiceRequest


def test_it_stops_an_emergency_and_shows_911_first(city, client, good_report):
    post = dict(good_report, description="Someone is breaking into the house next door right now")
    response = client.post("/report/", post)
    html = response.content.decode()
    assert response.status_code == 200
    assert not ServiceRequest.objects.exists()
    assert html.index("Call 911 now") < html.index('id="report-form"')
    assert 'id="emergency-alert" role="alert"' in html
    assert 'id="id_not_emergency" type="checkbox" name="not_emergency"' in html
    assert "breaking into the house next door right now</textarea>" in html  # nothing lost
    assert 'value="rosa@example.org"' in html


def test_it_files_once_the_resident_says_it_is_not_an_emergency(city, client, good_report):
    post = dict(good_report, description="Someone is breaking into the house next door right now")
    client.post("/report/", post)
    response = client.post("/report/", dict(post, not_emergency="yes"))
    assert response.status_code == 302
    assert ServiceRequest.objects.count() == 1


def test_it_screens_the_answers_to_questions_too(city, client, good_report):
    post = dict(
        good_report,
        service="lost-property",
        shown_service="lost-property",
        description="Lost near the park",
        **{"attribute[item]": "my gun"},
    )
    html = client.post("/report/", post).content.decode()
    assert "Call 911 now" in html
    assert not ServiceRequest.objects.exists()


def test_it_points_a_crisis_to_988_and_keeps_the_911_line(city, client, good_report):
    html = client.post(
        "/report/", dict(good_report, description="I want to kill myself")
    ).content.decode()
    assert "Call or text 988 now" in html
    assert "call 911" in html
    assert not ServiceRequest.objects.exists()


def test_it_warns_in_spanish(city, client_es, good_report):
    post = dict(good_report, description="Hay un incendio en la casa de al lado")
    html = client_es.post("/report/", post).content.decode()
    assert "Llame al 911 ahora" in html
    assert "Su reporte no se ha enviado." in html
    assert not ServiceRequest.objects.exists()


def test_it_screens_live_while_the_resident_types(city, client):
    alert = client.post("/report/screen/", {"description": "he has a knife"}).content.decode()
    assert "Call 911 now" in alert
    assert 'role="alert"' not in alert  # the page's aria-live region announces it
    assert (
        client.post("/report/screen/", {"description": "loud music"}).content.decode().strip() == ""
    )
    assert client.get("/report/screen/").status_code == 405


def test_it_softens_the_wording_for_something_that_already_happened(city, client):
    alert = client.post(
        "/report/screen/", {"description": "my car was broken into last night, nobody was hurt"}
    ).content.decode()
    assert "If anyone is in danger or it is still happening, call 911 now." in alert


def test_it_uses_the_learned_layer_where_the_rules_see_nothing(city, client, good_report):
    from bluebridge.core.safety import analyse

    text = "I don't see the point of living anymore"
    assert analyse(text).kind is None  # the rules alone miss it
    html = client.post("/report/", dict(good_report, description=text)).content.decode()
    assert "Call or text 988 now" in html
    assert not ServiceRequest.objects.exists()
    live = client.post("/report/screen/", {"description": text}).content.decode()
    assert "988" in live


def test_the_learned_layer_does_not_overrule_a_question_about_paperwork(city, client, good_report):
    text = "How do I get a copy of the report about the fight at the bar last month?"
    response = client.post("/report/", dict(good_report, description=text))
    assert response.status_code == 302  # filed: no alert
