from django.test import Client, override_settings


@override_settings(BLUEBRIDGE_MAX_REQUEST_BYTES=1024)
def test_it_refuses_an_oversized_web_form_with_a_page(db):
    response = Client().post(
        "/report/", data="x" * 5000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert b"too large" in response.content and response["Content-Type"].startswith("text/html")


@override_settings(BLUEBRIDGE_MAX_REQUEST_BYTES=1024)
def test_it_refuses_an_oversized_api_body_in_the_open311_error_format(db):
    response = Client().post(
        "/open311/v2/requests.json", data="x" * 5000, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()[0]["code"] == 413


def test_it_refuses_a_content_length_that_is_not_a_number(db):
    response = Client().post(
        "/api/tokens", data="{}", content_type="application/json", CONTENT_LENGTH="ten"
    )
    assert response.status_code == 400
