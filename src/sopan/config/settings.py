"""The one settings module of sopan. Every value comes from an environment variable read by a
typed helper in :mod:`sopan.config.env`; docs/configuration.md lists them all with defaults.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from sopan.config.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

# demo: the default for a first run (`make run`); production: refuses unsafe settings.
SOPAN_MODE = env_str("SOPAN_MODE", "demo")
DATA_DIR = env_path("SOPAN_DATA_DIR", PROJECT_DIR / "var")

# Used only outside production; the system check sopan.E002 refuses it in production.
INSECURE_SECRET_KEY = "sopan-insecure-demo-key-ganti-di-produksi"
SECRET_KEY = env_str("SOPAN_SECRET_KEY", INSECURE_SECRET_KEY)
DEBUG = env_bool("SOPAN_DEBUG", False)
ALLOWED_HOSTS = env_list("SOPAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SOPAN_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SOPAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

DATABASES = {
    "default": database_from_url(
        env_str("SOPAN_DATABASE_URL", ""), sqlite_default=DATA_DIR / "sopan.sqlite3"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "sopan.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # the API docs page's Swagger UI from its bundled static files (no CDN)
    "sopan.audit",
    "sopan.organisations",
    "sopan.regulations",
    "sopan.sops",
    "sopan.inventory",
    "sopan.dashboard",
    "sopan.notifications",
    "sopan.teams",
    "sopan.tasks",
    "sopan.reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sopan.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sopan.config.urls"
WSGI_APPLICATION = "sopan.config.wsgi.application"

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
                "sopan.web.context_processors.sopan",
            ],
        },
    }
]

# Passwords: argon2 first; older hashes are upgraded on the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "tasks:home"  # Tugas Saya: every person lands there (UX.md)
LOGOUT_REDIRECT_URL = "web:home"
# Login throttling: after this many failures for one username or address, wait this long.
SOPAN_LOGIN_MAX_FAILURES = env_int("SOPAN_LOGIN_MAX_FAILURES", 5)
SOPAN_LOGIN_LOCKOUT_SECONDS = env_int("SOPAN_LOGIN_LOCKOUT_SECONDS", 900)

# Bahasa Indonesia first; English complete too.
LANGUAGE_CODE = env_str("SOPAN_LANGUAGE", "id")
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("SOPAN_TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Static files are served by WhiteNoise straight from the apps (no collectstatic step needed).
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

# Security by default.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SOPAN_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SOPAN_SESSION_SECONDS", 8 * 3600)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SOPAN_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SOPAN_HSTS_SECONDS", 0)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SOPAN_BEHIND_PROXY", False) else None
)

# Email (reminders and notifications come in later issues; the backend is set here).
EMAIL_BACKEND = env_str("SOPAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("SOPAN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SOPAN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SOPAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("SOPAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SOPAN_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("SOPAN_EMAIL_FROM", "sopan@localhost")

# The SOP document core.
SOPAN_MAX_DOCUMENT_BYTES = env_int("SOPAN_MAX_DOCUMENT_BYTES", 2 * 1024 * 1024)
SOPAN_PAGE_SIZE = env_int("SOPAN_PAGE_SIZE", 25)
# Public portal pages are served from a short cache to anonymous visitors (0 = no cache).
SOPAN_PORTAL_CACHE_SECONDS = env_int("SOPAN_PORTAL_CACHE_SECONDS", 60)
# Attachments of SOP versions (forms, checklists): largest file accepted.
SOPAN_MAX_ATTACHMENT_BYTES = env_int("SOPAN_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SOPAN_LOG_LEVEL", "WARNING")},
}
