"""Settings for the test suite: production-like (DEBUG off) with test secrets and hosts."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-the-check-0123")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("BLUEBRIDGE_DATA_DIR", tempfile.mkdtemp(prefix="bluebridge-test-"))
os.environ.setdefault("BLUEBRIDGE_SECURE_COOKIES", "0")
os.environ.setdefault("BLUEBRIDGE_RATE_LIMIT_PUBLIC", "100000/m")
os.environ.setdefault("BLUEBRIDGE_RATE_LIMIT_KEY", "100000/m")
os.environ.setdefault("BLUEBRIDGE_SMS_PROVIDER", "bluebridge.core.sms.FileSmsProvider")

from bluebridge.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
