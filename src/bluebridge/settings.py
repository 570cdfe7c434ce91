"""Django settings, all read from environment variables (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from bluebridge.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_rate,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("BLUEBRIDGE_DATA_DIR", "var")).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
INSECURE_DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

if not DEBUG:
    if SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "Refusing to start with DEBUG off and the default (or a short) SECRET_KEY: "
            "set SECRET_KEY to a random string of at least 32 characters."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Refusing to start with DEBUG off and ALLOWED_HOSTS empty: "
            "set ALLOWED_HOSTS to the host names this site answers to, comma-separated."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_COOKIES = env_bool("BLUEBRIDGE_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("BLUEBRIDGE_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "bluebridge.core",
    "bluebridge.servicedesk",
    "bluebridge.assistant",
    "bluebridge.feedback",
    "bluebridge.complaints",
    "bluebridge.forecasting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bluebridge.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bluebridge.urls"
WSGI_APPLICATION = "bluebridge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bluebridge.core.context_processors.bluebridge",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(env_str("DATABASE_URL"), DATA_DIR)}
# Prepare the one-statement inserts on PostgreSQL (core/fast_insert.py); 0 behind PgBouncer < 1.21
# in transaction mode.
BLUEBRIDGE_PREPARED_STATEMENTS = env_bool("BLUEBRIDGE_PREPARED_STATEMENTS", True)
if BLUEBRIDGE_PREPARED_STATEMENTS and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Django leaves psycopg's prepare_threshold at None, which turns preparation off even for
    # an explicit execute(..., prepare=True). A threshold no query reaches keeps automatic
    # preparation off (Django's own queries use client-side binding cursors, which never
    # prepare) and lets fast_insert prepare its statements.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 2**31 - 1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env_str("BLUEBRIDGE_CACHE_URL", "locmem://")
if _cache_url.startswith("redis://") or _cache_url.startswith("rediss://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }
elif _cache_url.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("BLUEBRIDGE_CACHE_URL must be locmem:// or redis://host:port/db")

TASKS = {
    "default": {
        "BACKEND": env_str("BLUEBRIDGE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "notifications"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("BLUEBRIDGE_TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from here after collectstatic
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "uploads"

# Requests larger than this are refused with 413 before Django reads them.
BLUEBRIDGE_MAX_REQUEST_BYTES = env_int("BLUEBRIDGE_MAX_REQUEST_BYTES", 12 * 1024 * 1024)
BLUEBRIDGE_MAX_PHOTO_BYTES = env_int("BLUEBRIDGE_MAX_PHOTO_BYTES", 8 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# E-mail: console in development unless EMAIL_BACKEND says otherwise; SMTP settings from env.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Bluebridge <no-reply@bluebridge.invalid>")

# SMS goes through a provider class; the file provider writes messages under DATA_DIR/sms.
BLUEBRIDGE_SMS_PROVIDER = env_str("BLUEBRIDGE_SMS_PROVIDER", "bluebridge.core.sms.FileSmsProvider")

# What residents see about the department.
BLUEBRIDGE_DEPARTMENT_NAME = env_str("BLUEBRIDGE_DEPARTMENT_NAME", "Riverton Police Department")
BLUEBRIDGE_NON_EMERGENCY_PHONE = env_str("BLUEBRIDGE_NON_EMERGENCY_PHONE", "(555) 010-0100")
BLUEBRIDGE_PUBLIC_URL = env_str("BLUEBRIDGE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
BLUEBRIDGE_MAP_TILES_URL = env_str(
    "BLUEBRIDGE_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)

# Service-level clocks: business hours and days (0 = Monday).
BLUEBRIDGE_BUSINESS_HOURS = env_str("BLUEBRIDGE_BUSINESS_HOURS", "08:00-17:00")
BLUEBRIDGE_BUSINESS_DAYS = [int(d) for d in env_list("BLUEBRIDGE_BUSINESS_DAYS", "0,1,2,3,4")]
BLUEBRIDGE_DUE_SOON_HOURS = env_int("BLUEBRIDGE_DUE_SOON_HOURS", 4)
# Epochs of encoder fine-tuning in the daily sentiment-model job (0: off; minutes per epoch).
BLUEBRIDGE_SENTIMENT_FINETUNE_EPOCHS = env_int("BLUEBRIDGE_SENTIMENT_FINETUNE_EPOCHS", 0)
if BLUEBRIDGE_SENTIMENT_FINETUNE_EPOCHS < 0:
    raise ImproperlyConfigured("BLUEBRIDGE_SENTIMENT_FINETUNE_EPOCHS must be 0 or more")

# Rate limits per client: anonymous clients by IP; API keys and staff tokens carry their own.
BLUEBRIDGE_RATE_LIMIT_PUBLIC = parse_rate(env_str("BLUEBRIDGE_RATE_LIMIT_PUBLIC", "60/m"))
BLUEBRIDGE_RATE_LIMIT_KEY = parse_rate(env_str("BLUEBRIDGE_RATE_LIMIT_KEY", "1200/m"))
BLUEBRIDGE_TRUSTED_PROXY_COUNT = env_int("BLUEBRIDGE_TRUSTED_PROXY_COUNT", 0)

# Open311: default window and limit for GET requests (the standard suggests 90 days, 1000).
BLUEBRIDGE_OPEN311_DEFAULT_DAYS = env_int("BLUEBRIDGE_OPEN311_DEFAULT_DAYS", 90)
BLUEBRIDGE_OPEN311_MAX_RESULTS = env_int("BLUEBRIDGE_OPEN311_MAX_RESULTS", 1000)

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
