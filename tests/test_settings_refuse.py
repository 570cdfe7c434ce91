"""With DEBUG off, the site refuses to start on unsafe settings (checked in a fresh process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bluebridge.settings import INSECURE_DEFAULT_SECRET_KEY

GOOD_KEY = "k" * 16 + "-a-random-enough-secret-for-tests-0123456789"
SETUP = "import django; django.setup(); print('started')"


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run django.setup() with bluebridge.settings in a clean environment plus `env`."""
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
    clean = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "bluebridge.settings",
        "BLUEBRIDGE_DATA_DIR": str(tmp_path / "data"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_refuses_the_default_secret_key_with_debug_off(tmp_path):
    result = start(tmp_path, DEBUG="0", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
    assert "started" not in result.stdout


def test_it_refuses_the_default_secret_key_when_debug_is_unset(tmp_path):
    result = start(tmp_path, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_the_default_secret_key_even_when_set_explicitly(tmp_path):
    result = start(
        tmp_path, DEBUG="0", SECRET_KEY=INSECURE_DEFAULT_SECRET_KEY, ALLOWED_HOSTS="example.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_a_short_secret_key(tmp_path):
    result = start(tmp_path, DEBUG="0", SECRET_KEY="too-short", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "at least 32 characters" in result.stderr


@pytest.mark.parametrize("hosts", ["", " , ,"])
def test_it_refuses_empty_allowed_hosts(tmp_path, hosts):
    result = start(tmp_path, DEBUG="0", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS=hosts)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "started" not in result.stdout


def test_it_refuses_missing_allowed_hosts(tmp_path):
    result = start(tmp_path, DEBUG="0", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_starts_with_a_real_secret_key_and_hosts(tmp_path):
    result = start(tmp_path, DEBUG="0", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="police.example.org")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_it_starts_in_debug_with_the_development_defaults(tmp_path):
    result = start(tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_it_refuses_a_debug_value_that_is_not_true_or_false(tmp_path):
    result = start(tmp_path, DEBUG="maybe", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_it_refuses_an_unsupported_database_url(tmp_path):
    result = start(
        tmp_path,
        DEBUG="0",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="mysql://u:p@127.0.0.1/db",
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert "mysql" in result.stderr
