"""The shared public pages (home, staff sign-in) in English and Spanish."""

from __future__ import annotations


def test_it_shows_the_home_page_with_localized_categories(city, client, client_es):
    english = client.get("/").content.decode()
    assert "How can we help?" in english and ">Noise complaint</h3>" in english
    spanish = client_es.get("/").content.decode()
    assert '<html lang="es">' in spanish
    assert "¿En qué podemos ayudarle?" in spanish
    assert ">Queja por ruido</h3>" in spanish
    assert 'Reportar<span class="usa-sr-only">: Queja por ruido</span>' in spanish
    assert "¿Emergencia? Llame al 911." in spanish


def test_it_shows_the_sign_in_page_in_spanish(db, client_es):
    html = client_es.get("/accounts/login/").content.decode()
    assert "Acceso del personal" in html and "Contraseña" in html


def test_it_switches_language_with_the_header_button(city, client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/report/"})
    assert response.status_code == 302
    assert "Reportar un problema" in client.get("/report/").content.decode()
