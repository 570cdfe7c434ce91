"""Reading settings from the environment: DATABASE_URL, booleans, numbers and rates."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from bluebridge.env import database_from_url, env_bool, env_int, env_list, parse_rate


@pytest.fixture(autouse=True)
def _no_conn_max_age(monkeypatch):
    monkeypatch.delenv("DATABASE_CONN_MAX_AGE", raising=False)


def test_it_defaults_to_sqlite_in_the_data_directory(tmp_path):
    db = database_from_url("", tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "bluebridge.sqlite3")


def test_it_reads_an_absolute_sqlite_path(tmp_path):
    db = database_from_url(f"sqlite:///{tmp_path}/site.sqlite3", Path("/unused"))
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "site.sqlite3")


def test_it_reads_a_relative_sqlite_path_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = database_from_url("sqlite:///data/site.sqlite3", Path("/unused"))
    assert db["NAME"] == str(tmp_path / "data" / "site.sqlite3")


def test_it_turns_on_wal_and_a_busy_timeout_for_sqlite(tmp_path):
    options = database_from_url("", tmp_path)["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_it_reads_a_postgres_url():
    db = database_from_url("postgres://bb:secret@db.internal:5433/bluebridge", Path("/unused"))
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("bluebridge", "bb", "secret")
    assert (db["HOST"], db["PORT"]) == ("db.internal", "5433")
    assert db["CONN_MAX_AGE"] == 60
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"] == {}


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
def test_it_accepts_every_postgres_spelling(scheme):
    db = database_from_url(f"{scheme}://u:p@127.0.0.1/name", Path("/unused"))
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["PORT"] == ""


def test_it_decodes_percent_encoded_credentials():
    db = database_from_url("postgres://us%40er:p%3Ass%2Fw@localhost:5432/my%20db", Path("/unused"))
    assert (db["USER"], db["PASSWORD"], db["NAME"]) == ("us@er", "p:ss/w", "my db")


def test_it_passes_query_parameters_as_connection_options():
    db = database_from_url(
        "postgres://u:p@localhost/bb?sslmode=require&connect_timeout=5", Path("/unused")
    )
    assert db["OPTIONS"] == {"sslmode": "require", "connect_timeout": "5"}


def test_it_takes_conn_max_age_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "0")
    assert database_from_url("postgres://u:p@h/bb", Path("/unused"))["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    "url", ["mysql://u:p@localhost/bb", "oracle://x", "http://example.org/db", "bluebridge.sqlite3"]
)
def test_it_refuses_an_unsupported_scheme_and_names_it(url):
    with pytest.raises(ImproperlyConfigured) as excinfo:
        database_from_url(url, Path("/unused"))
    message = str(excinfo.value)
    assert "DATABASE_URL" in message
    assert "sqlite:///" in message and "postgres://" in message


def test_it_names_the_variable_for_a_bad_boolean(monkeypatch):
    monkeypatch.setenv("EMAIL_USE_TLS", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_USE_TLS must be true or false"):
        env_bool("EMAIL_USE_TLS")


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("Yes", True), ("off", False), ("", False)]
)
def test_it_reads_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", not expected) is expected


def test_it_names_the_variable_for_a_bad_number(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        env_int("EMAIL_PORT", 25)


def test_it_splits_lists_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example.org, ,b.example.org ,")
    assert env_list("ALLOWED_HOSTS") == ["a.example.org", "b.example.org"]


def test_it_parses_rates():
    assert parse_rate("120/m") == (120, 60)
    assert parse_rate("5/s") == (5, 1)
    assert parse_rate("1000/hour") == (1000, 3600)


@pytest.mark.parametrize("bad", ["120", "x/m", "10/d", "10/"])
def test_it_refuses_a_bad_rate(bad):
    with pytest.raises(ImproperlyConfigured, match="must look like 120/m"):
        parse_rate(bad)
