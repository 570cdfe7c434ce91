"""The public report form: filing, every validation path, nothing lost, idempotency, Spanish."""

from __future__ import annotations

import io

from django.core import mail
from django.test import Client
from PIL import Image

from bluebridge.core.models import AuditEvent, Notification
from bluebridge.servicedesk.models import RequestUpdate, ServiceRequest
from tests.conftest import OUTSIDE


def _html(response) -> str:
    return response.content.decode()


def _png(size: tuple[int, int] = (4, 4)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "photo.png"
    return buffer


def test_it_shows_every_category_grouped_with_a_label(city, client):
    html = _html(client.get("/report/"))
    assert '<label class="usa-radio__label" for="service-graffiti">Graffiti</label>' in html
    assert ">Traffic and parking</legend>" in html
    assert 'name="form_token"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html


def test_it_preselects_a_category_and_renders_its_questions(city, client):
    html = _html(client.get("/report/?service=noise"))
    assert (
        'id="service-noise" type="radio" name="service" value="noise" aria-describedby="service-noise-hint" checked'
        in html
    )
    assert "What kind of noise?" in html
    assert 'name="attribute[noise_type]"' in html
    assert '<input type="hidden" name="shown_service" value="noise">' in html


def test_it_serves_the_questions_of_a_category_for_htmx(city, client):
    html = _html(client.get("/report/fields/?service=abandoned-vehicle"))
    assert 'id="attr-days_parked"' in html and 'inputmode="decimal"' in html
    assert "(required)" in html
    assert 'value="abandoned-vehicle"' in html
    multi = _html(client.get("/report/fields/?service=traffic-enforcement"))
    assert 'type="checkbox" name="attribute[time_of_day]" value="morning"' in multi
    assert _html(client.get("/report/fields/?service=nope")).strip().startswith("<input")


def test_it_files_a_report_and_redirects_to_the_confirmation(city, client, good_report, tasks):
    response = client.post("/report/", good_report)
    assert response.status_code == 302
    sr = ServiceRequest.objects.get()
    assert response["Location"] == f"/report/done/{sr.tracking_token}/"
    assert sr.channel == "web"
    assert sr.attributes == {"noise_type": "music", "ongoing": "yes"}
    assert sr.address == "12 Main St" and sr.area.code == "B1"
    assert sr.language == "en" and sr.contact_preference == "email"
    assert sr.client_key.startswith("web:") and sr.idempotency_key == "tok-123456"
    done = _html(client.get(response["Location"]))
    assert sr.reference in done
    assert f"/track/{sr.tracking_token}/" in done
    assert "We are sending a confirmation to your e-mail address" in done
    tasks()
    assert len(mail.outbox) == 1


def test_it_files_one_request_when_the_form_is_sent_twice(city, client, good_report):
    first = client.post("/report/", good_report)
    second = client.post("/report/", good_report)
    assert ServiceRequest.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_it_files_a_second_report_from_a_fresh_form(city, client, good_report):
    client.post("/report/", good_report)
    client.post("/report/", dict(good_report, form_token="another-form"))
    assert ServiceRequest.objects.count() == 2


def test_it_remembers_the_spanish_language_on_the_request(city, client_es, good_report):
    client_es.post("/report/", good_report)
    assert ServiceRequest.objects.get().language == "es"
    assert Notification.objects.get().language == "es"


def test_it_files_with_a_multi_answer_question_and_a_photo(city, client, good_report):
    post = dict(
        good_report,
        service="traffic-enforcement",
        shown_service="traffic-enforcement",
        description="Cars speed past the school",
    )
    del post["attribute[noise_type]"], post["attribute[ongoing]"]
    post["attribute[time_of_day]"] = ["morning", "evening"]
    post["photo"] = _png()
    assert client.post("/report/", post).status_code == 302
    sr = ServiceRequest.objects.get()
    assert sr.attributes == {"time_of_day": ["morning", "evening"]}
    assert sr.photo.name.endswith(".png")


def test_it_needs_no_location_pin_when_an_address_is_given(city, client, good_report):
    post = dict(good_report, lat="", lon="")
    assert client.post("/report/", post).status_code == 302
    assert ServiceRequest.objects.get().lat is None


def test_it_keeps_everything_and_lists_each_error(city, client, good_report):
    post = dict(
        good_report,
        description="",
        email="not-an-email",
        phone="12",
        lat="",
        lon="",
        address="",
        **{"attribute[noise_type]": ""},
        first_name="Rosa",
    )
    post["photo"] = _png()
    response = client.post("/report/", post)
    assert response.status_code == 400
    html = _html(response)
    assert not ServiceRequest.objects.exists()
    assert 'id="error-summary"' in html
    # the summary links to each field, and each field names its error
    for anchor in ("#attr-noise_type", "#id_address", "#id_description", "#id_email", "#id_phone"):
        assert f'href="{anchor}"' in html, anchor
    assert 'id="description-error">Description: please describe the issue.' in html
    assert 'id="email-error">E-mail address: enter an e-mail address in the right format' in html
    assert (
        'id="location-error">Location: type an address or place, or put a pin on the map.' in html
    )
    assert 'id="attr-noise_type-error">What kind of noise?: answer this question.' in html
    assert 'aria-describedby="phone-hint phone-error"' in html
    # nothing lost
    assert 'value="not-an-email"' in html and 'value="12"' in html and 'value="Rosa"' in html
    assert 'value="Diaz"' in html and 'value="tok-123456"' in html
    assert (
        'id="attr-ongoing-yes" type="radio" name="attribute[ongoing]" value="yes" checked' in html
    )
    assert 'value="email" checked' in html
    assert "If you chose a photo, please choose it again" in html


def test_it_maps_a_location_outside_the_city_to_the_location_fieldset(city, client, good_report):
    html = _html(client.post("/report/", dict(good_report, lat=OUTSIDE[0], lon=OUTSIDE[1])))
    assert (
        'id="location-error">Location: this place is outside the area this department serves.'
        in html
    )
    assert 'value="41.5"' in html


def test_it_explains_a_half_map_pin(city, client, good_report):
    html = _html(client.post("/report/", dict(good_report, lon="")))
    assert "the map pin is incomplete" in html


def test_it_names_an_unknown_category(city, client, good_report):
    response = client.post("/report/", dict(good_report, service="", shown_service=""))
    assert response.status_code == 400
    assert 'id="service-error">Type of issue: choose a type of issue from the list.' in _html(
        response
    )


def test_it_needs_contact_details_for_some_categories(city, client, good_report):
    post = dict(
        good_report,
        service="lost-property",
        shown_service="lost-property",
        first_name="",
        email="",
        contact_preference="none",
        **{"attribute[item]": "Blue wallet"},
    )
    html = _html(client.post("/report/", post))
    assert (
        'id="contact-error">Contact details: for this type of report we need your first name'
        in html
    )
    assert 'value="Blue wallet"' in html


def test_it_needs_the_contact_the_resident_chose(city, client, good_report):
    html = _html(client.post("/report/", dict(good_report, contact_preference="sms", phone="")))
    assert (
        'id="phone-error">Phone number: enter your phone number so we can text you updates' in html
    )


def test_it_refuses_a_file_that_is_not_a_picture(city, client, good_report):
    post = dict(good_report)
    fake = io.BytesIO(b"%PDF-1.4 not a picture")
    fake.name = "report.pdf"
    post["photo"] = fake
    response = client.post("/report/", post)
    assert response.status_code == 400
    assert 'id="photo-error">Photo: we cannot read this file as a picture' in _html(response)


def test_it_refuses_a_photo_over_the_size_limit(city, client, good_report, settings):
    settings.BLUEBRIDGE_MAX_PHOTO_BYTES = 100
    post = dict(good_report, photo=_png((64, 64)))
    html = _html(client.post("/report/", post))
    assert (
        "Photo: the photo is larger than 0 MB" in html or "Photo: the photo is larger than" in html
    )
    assert not ServiceRequest.objects.exists()


def test_it_refuses_an_answer_that_is_not_a_number(city, client, good_report):
    post = dict(
        good_report,
        service="abandoned-vehicle",
        shown_service="abandoned-vehicle",
        **{"attribute[days_parked]": "many"},
    )
    html = _html(client.post("/report/", post))
    assert (
        'id="attr-days_parked-error">About how many days has it been there?: must be a number.'
        in html
    )
    assert 'value="many"' in html


def test_it_shows_new_questions_before_filing_when_the_category_changed_without_javascript(
    city, client, good_report
):
    post = dict(good_report, service="parking", shown_service="noise")
    response = client.post("/report/", post)
    html = _html(response)
    assert response.status_code == 200
    assert not ServiceRequest.objects.exists()
    assert "Please answer the questions for “Illegal parking” below" in html
    assert "What is blocked?" in html
    assert 'value="Loud music every night after midnight"' not in html  # textarea, not input
    assert "Loud music every night after midnight</textarea>" in html
    # answering and sending again files it
    post = dict(
        good_report,
        service="parking",
        shown_service="parking",
        **{"attribute[blocking]": "hydrant"},
    )
    del post["attribute[noise_type]"], post["attribute[ongoing]"]
    assert client.post("/report/", post).status_code == 302


def test_it_renders_the_form_and_its_errors_in_spanish(city, client_es, good_report):
    html = _html(client_es.get("/report/?service=noise"))
    assert '<html lang="es">' in html
    assert "Reportar un problema" in html
    assert "¿Qué tipo de ruido?" in html
    assert ">Queja por ruido</label>" in html
    assert "Tránsito y estacionamiento" in html
    errors = _html(client_es.post("/report/", dict(good_report, email="x@", description="")))
    assert "Correo electrónico: escriba un correo electrónico con el formato correcto" in errors
    assert "Descripción: describa el problema." in errors


def test_it_records_the_signed_in_resident(city, make_user, good_report):
    browser = Client()
    browser.force_login(make_user("resident"))
    browser.post("/report/", good_report)
    assert ServiceRequest.objects.get().resident.username == "resident-user"


def test_it_writes_the_creation_to_the_audit_log(city, client, good_report):
    client.post("/report/", good_report)
    sr = ServiceRequest.objects.get()
    assert AuditEvent.objects.filter(action="create", object_ref=sr.reference).exists()
    assert RequestUpdate.objects.filter(request=sr, kind="created").exists()
