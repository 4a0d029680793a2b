"""Per-PC configuration: URL resolution order, and no password ever lands in a file."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from counter.config import (
    StationConfig,
    config_path,
    load_password,
    resolve_database_url,
    store_password,
)
from counter.errors import ConfigError, KeyringUnavailable


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


def test_default_is_an_sqlite_file_in_the_data_dir(_isolated_home) -> None:
    url = resolve_database_url()
    assert url.startswith("sqlite:///") and str(_isolated_home) in url


def test_explicit_beats_environment_beats_config(monkeypatch) -> None:
    StationConfig(database_url="postgresql://clerk@db.hall/town").save()
    monkeypatch.setenv("COUNTER_DATABASE_URL", "sqlite:///env.sqlite3")
    assert resolve_database_url("sqlite:///explicit.sqlite3") == "sqlite:///explicit.sqlite3"
    assert resolve_database_url() == "sqlite:///env.sqlite3"
    monkeypatch.delenv("COUNTER_DATABASE_URL")
    assert resolve_database_url().startswith("postgresql://clerk@db.hall/town")


def test_password_comes_from_the_keyring_not_the_file(memory_keyring) -> None:
    cfg = StationConfig(database_url="postgresql://clerk@db.hall:5432/town", hall="QS", window=3)
    cfg.save()
    store_password(cfg.database_url, "s3cret-pw")
    text = config_path().read_text(encoding="utf-8")
    assert "s3cret-pw" not in text
    assert resolve_database_url() == "postgresql://clerk:s3cret-pw@db.hall:5432/town"
    loaded = StationConfig.load()
    assert (loaded.hall, loaded.window) == ("QS", 3)


def test_saving_a_url_with_a_password_is_refused() -> None:
    with pytest.raises(ConfigError):
        StationConfig(database_url="postgresql://clerk:pw@db/town").save()
    assert not config_path().exists()


def test_missing_keyring_says_what_to_do() -> None:
    # tests/conftest.py selects keyring's failing backend, as on a PC without a secret service.
    with pytest.raises(KeyringUnavailable) as err:
        store_password("postgresql://clerk@db/town", "pw")
    assert "密钥环" in err.value.message_zh and "COUNTER_DB_PASSWORD" in err.value.message_zh
    assert load_password("postgresql://clerk@db/town") is None
