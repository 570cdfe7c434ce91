"""Personal details are replaced by [name], [phone], [email] and [address] (English and Spanish)."""

from __future__ import annotations

import pytest

from bluebridge.feedback.text import redact


@pytest.mark.parametrize(
    ("text", "gone", "placeholder"),
    [
        ("My name is John Smith and I want a call back", ["John", "Smith"], "[name]"),
        ("Officer Ramirez was rude to my son", ["Ramirez"], "[name]"),
        ("Mrs. Okafor helped us at the front desk", ["Okafor"], "[name]"),
        ("Maria Lopez reported it twice", ["Maria", "Lopez"], "[name]"),
        ("thanks @jsmith99 for the help", ["jsmith99"], "[name]"),
        ("Me llamo Juan Pérez y quiero que me llamen", ["Juan", "Pérez"], "[name]"),
        ("La agente García fue muy amable", ["García"], "[name]"),
        ("La Sra. Fernández llamó dos veces", ["Fernández"], "[name]"),
    ],
)
def test_it_redacts_names(text: str, gone: list[str], placeholder: str) -> None:
    out = redact(text)
    assert placeholder in out
    for word in gone:
        assert word not in out


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call me on (555) 123-4567 please", "123-4567"),
        ("my cell is 555.987.6543", "987.6543"),
        ("ring +1 503 555 0199 after six", "555 0199"),
        ("Mi teléfono es +34 612 345 678", "345 678"),
        ("llámame al 612345678", "612345678"),
        ("teléfono 91 123 45 67, gracias", "123 45 67"),
    ],
)
def test_it_redacts_phone_numbers(text: str, number: str) -> None:
    out = redact(text)
    assert "[phone]" in out
    assert number not in out


@pytest.mark.parametrize(
    "text",
    [
        "write to jane.doe+police@example.org today",
        "mi correo es juan_perez@correo.es",
    ],
)
def test_it_redacts_emails(text: str) -> None:
    out = redact(text)
    assert "[email]" in out and "@" not in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("I live at 221 Baker Street, Apt 4 and nobody came", "221 Baker"),
        ("The break-in was at 1600 N Pennsylvania Ave last night", "Pennsylvania"),
        ("Cars race on Elm St. every night", "Elm"),
        ("Send it to PO Box 1234", "1234"),
        ("Vivo en la Calle Mayor 5, 3º B y hay ruido", "Mayor"),
        ("El robo fue en Avenida de la Constitución 12", "Constitución"),
        ("mi dirección es C/ Alcalá 45", "Alcalá"),
    ],
)
def test_it_redacts_street_addresses(text: str, gone: str) -> None:
    out = redact(text)
    assert "[address]" in out
    assert gone not in out


@pytest.mark.parametrize(
    "text",
    [
        "The police came at 10:30 on 12/05/2024 and were helpful",
        "Response times in 2019-2020 were slow",
        "La calle estaba oscura y nadie vino",
        "Flight 1234 was delayed 3 hours",
        "The officer was kind and the street was quiet",
    ],
)
def test_it_leaves_ordinary_text_alone(text: str) -> None:
    assert redact(text) == text


def test_it_redacts_everything_in_one_message_and_keeps_the_rest() -> None:
    text = (
        "Hi, my name is Sarah Connor, 42 Oak Avenue. Call 503-555-0142 or "
        "email sarah@example.com. The noise starts at midnight."
    )
    out = redact(text)
    assert out == (
        "Hi, my name is [name], [address]. Call [phone] or "
        "email [email]. The noise starts at midnight."
    )


def test_it_accepts_empty_text() -> None:
    assert redact("") == ""
