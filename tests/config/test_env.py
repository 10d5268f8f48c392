from pathlib import Path

import pytest

from sopan.config.env import ConfigError, database_from_url, env_bool, env_int, env_list


def test_sqlite_default_is_wal(tmp_path: Path) -> None:
    config = database_from_url("", sqlite_default=tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_sqlite_url_relative_and_absolute(tmp_path: Path) -> None:
    assert database_from_url("sqlite:///data/x.db", sqlite_default=tmp_path)["NAME"] == "data/x.db"
    assert database_from_url("sqlite:////srv/x.db", sqlite_default=tmp_path)["NAME"] == "/srv/x.db"


def test_postgres_url(tmp_path: Path) -> None:
    config = database_from_url(
        "postgresql://sop%40user:rahasia@db.local:6543/sopan", sqlite_default=tmp_path
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "sop@user",
        "rahasia",
        "db.local",
        "6543",
        "sopan",
    )


def test_unknown_scheme_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"SOPAN_DATABASE_URL.*mysql"):
        database_from_url("mysql://x/y", sqlite_default=tmp_path)


def test_bool_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "ya")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "off")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "mungkin")
    with pytest.raises(ConfigError, match="X_FLAG='mungkin'"):
        env_bool("X_FLAG", False)


def test_int_and_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_INT", "12")
    assert env_int("X_INT", 1) == 12
    monkeypatch.setenv("X_INT", "dua belas")
    with pytest.raises(ConfigError, match="bilangan bulat"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_LIST", "a.go.id, b.go.id,,")
    assert env_list("X_LIST", []) == ["a.go.id", "b.go.id"]
    monkeypatch.delenv("X_LIST")
    assert env_list("X_LIST", ["z"]) == ["z"]
