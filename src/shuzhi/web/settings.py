"""Django settings built from the environment: the data folder, the database URL, HTTPS; nothing else to configure.

SHUZHI_DATA_DIR       data folder (SQLite database, uploads, secret key); default: the user's data dir
SHUZHI_DATABASE_URL   postgresql://user:pass@host:5432/name puts the app on PostgreSQL (default: SQLite in the data folder)
SHUZHI_ALLOWED_HOSTS  comma-separated host names the app answers to (default: 127.0.0.1, localhost)
SHUZHI_BEHIND_PROXY   1 when a reverse proxy terminates HTTPS and sets X-Forwarded-Proto
SHUZHI_SECRET_KEY     the session signing key (default: generated once into the data folder)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from platformdirs import user_data_dir

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SHUZHI_DATA_DIR") or user_data_dir("shuzhi", appauthor=False))
DATA_DIR.mkdir(parents=True, exist_ok=True)
UPLOAD_DIR = DATA_DIR / "uploads"
EXPORT_DIR = DATA_DIR / "exports"


def _secret_key() -> str:
    if os.environ.get("SHUZHI_SECRET_KEY"):
        return os.environ["SHUZHI_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _database() -> dict:
    url = os.environ.get("SHUZHI_DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "shuzhi.sqlite3"),
        # WAL lets pages be read while the worker writes; IMMEDIATE makes writers queue instead of failing.
        "OPTIONS": {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("SHUZHI_DEBUG") == "1"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("SHUZHI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shuzhi.web.audit",
    "shuzhi.web.rounds",
    "shuzhi.web.reports",
    "shuzhi.web.findings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shuzhi.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "shuzhi.web.urls"
WSGI_APPLICATION = "shuzhi.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"  # only for `collectstatic` behind a proxy; whitenoise serves from the package
STATIC_ROOT.mkdir(exist_ok=True)
# Static files are served from the package itself (no collectstatic step, no CDN).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: limits checked in the upload view, with Chinese messages (W101/W102).
SHUZHI_MAX_UPLOAD_BYTES = int(os.environ.get("SHUZHI_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))
SHUZHI_MAX_FILE_BYTES = int(os.environ.get("SHUZHI_MAX_FILE_BYTES", 20 * 1024 * 1024))
SHUZHI_MAX_FILES = int(os.environ.get("SHUZHI_MAX_FILES", 300))
DATA_UPLOAD_MAX_NUMBER_FILES = SHUZHI_MAX_FILES + 1
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

# Login throttling: this many failures for a user name (or from an address) in the window lock further tries.
SHUZHI_LOGIN_MAX_FAILURES = 5
SHUZHI_LOGIN_WINDOW_SECONDS = 15 * 60

# Cookies: HttpOnly and SameSite always; Secure whenever the request came over HTTPS (SecurityHeadersMiddleware).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if os.environ.get("SHUZHI_BEHIND_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SHUZHI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
CSRF_FAILURE_VIEW = "shuzhi.web.rounds.errors.csrf_failure"
