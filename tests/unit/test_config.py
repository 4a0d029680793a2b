"""Per-PC configuration: URL resolution order, and no password ever lands in a file."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from counter import config
from counter.config import (
    StationConfig,
    backend_name,
    config_path,
    load_password,
    os_keyring,
    resolve_database_url,
    store_password,
)
from counter.errors import ConfigError, KeyringRefused, KeyringUnavailable


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
def memory_keyring(monkeypatch):
    """An in-memory keyring, trusted as if it were the OS keyring (tests only)."""
    monkeypatch.setattr(
        config, "OS_KEYRING_BACKENDS", config.OS_KEYRING_BACKENDS | {backend_name(MemoryKeyring())}
    )
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


@pytest.fixture
def use_backend():
    previous = keyring.get_keyring()
    yield keyring.set_keyring
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


@pytest.mark.parametrize("name", ["PlaintextKeyring", "EncryptedKeyring"])
def test_file_keyrings_of_keyrings_alt_are_refused(use_backend, name, tmp_path) -> None:
    """keyrings.alt's PlaintextKeyring only base64-encodes; its EncryptedKeyring asks for a
    second password on a terminal the hall's PCs do not have. Neither is used, even alone."""
    file = pytest.importorskip("keyrings.alt.file")
    cls = getattr(file, name)
    backend = cls.__new__(cls)  # EncryptedKeyring would import its cipher on construction
    use_backend(backend)
    with pytest.raises(KeyringRefused) as err:
        store_password("postgresql://clerk@db/town", "s3cret-pw")
    assert f"keyrings.alt.file.{name}" in err.value.message_zh
    zh, en = err.value.message_zh, err.value.message_en
    assert zh.index("系统密钥环") < zh.index("COUNTER_DB_PASSWORD")  # says what to do instead
    assert "Secret Service" in en and "Credential Manager" in en and "certificate" in en
    assert load_password("postgresql://clerk@db/town") is None


def test_a_chain_uses_its_os_keyring_and_never_its_file_backend(
    use_backend, monkeypatch, tmp_path
) -> None:
    """keyring chains every viable backend; a locked Secret Service must not fall through to a
    plaintext file further down the chain."""
    from keyring.backends import chainer

    file = pytest.importorskip("keyrings.alt.file")
    plain = file.PlaintextKeyring()
    plain.file_path = str(tmp_path / "keyring.cfg")

    class LockedOsKeyring(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            from keyring.errors import PasswordSetError

            raise PasswordSetError("locked")

    os_like = LockedOsKeyring()
    monkeypatch.setattr(
        config, "OS_KEYRING_BACKENDS", config.OS_KEYRING_BACKENDS | {backend_name(os_like)}
    )
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [os_like, plain])
    use_backend(chainer.ChainerBackend())
    assert os_keyring() is os_like
    with pytest.raises(KeyringUnavailable):
        store_password("postgresql://clerk@db/town", "s3cret-pw")
    assert not (tmp_path / "keyring.cfg").exists()


def test_an_unknown_backend_is_refused_and_null_is_no_keyring(use_backend) -> None:
    from keyring.backends import null

    use_backend(MemoryKeyring())  # not an OS keyring, whatever it claims
    with pytest.raises(KeyringRefused):
        os_keyring()
    use_backend(null.Keyring())
    with pytest.raises(KeyringUnavailable):
        os_keyring()


def test_the_os_keyrings_are_the_ones_keyring_ships() -> None:
    import importlib

    for name in config.OS_KEYRING_BACKENDS:
        module, cls = name.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), cls), name


@pytest.mark.parametrize(
    "name", ["keyring.backends.SecretService.Keyring", "no_such_module.Keyring"]
)
def test_a_backend_that_cannot_load_is_no_keyring(monkeypatch, name) -> None:
    """Secret Service without a D-Bus session, or a misspelt PYTHON_KEYRING_BACKEND: a typed
    error that says what to do, never a traceback."""
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    try:
        with pytest.raises(KeyringUnavailable) as err:
            os_keyring()
        assert name in err.value.message_zh and "COUNTER_DB_PASSWORD" in err.value.message_en
        assert load_password("postgresql://clerk@db/town") is None
    finally:
        monkeypatch.setattr(keyring.core, "_keyring_backend", None)
