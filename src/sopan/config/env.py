"""Tiny typed readers of environment variables for the settings module.

Every variable read here is listed, with its default, in docs/configuration.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sopan.i18n import gettext_noop as N
from sopan.i18n import translate

TRUE_WORDS = {"1", "true", "yes", "on", "ya"}
FALSE_WORDS = {"0", "false", "no", "off", "tidak", ""}


class ConfigError(ValueError):
    """A malformed environment variable; the message names the variable.

    ``str(error)`` is Indonesian; :meth:`message` gives it in another language.
    """

    def __init__(self, message_id: str, **params: object) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(translate(message_id, "id", **params))

    def message(self, lang: str | None) -> str:
        return translate(self.message_id, lang, **self.params)


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(
        N("{name}={raw}: harus bernilai true/false (atau 1/0)."), name=name, raw=repr(raw)
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(
            N("{name}={raw}: harus berupa bilangan bulat."), name=name, raw=repr(raw)
        ) from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def database_from_url(url: str, *, sqlite_default: Path) -> dict[str, Any]:
    """``sqlite:///path`` or ``postgresql://user:pw@host:port/name`` → DATABASES['default']."""
    if not url:
        return _sqlite(sqlite_default)
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy writes them.
        path = unquote(url.removeprefix("sqlite:").removeprefix("///"))
        return _sqlite(Path(path) if path else sqlite_default)
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "sopan",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigError(
        N(
            "SOPAN_DATABASE_URL={url}: skema {scheme} tidak dikenal "
            "(gunakan sqlite:///path atau postgresql://user@host/nama)."
        ),
        url=repr(url),
        scheme=repr(parts.scheme),
    )


def _sqlite(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # WAL lets readers and one writer work at once; IMMEDIATE avoids lock upgrades.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        },
    }
