"""The seal key goes through the database password's keyring check, and a missing keyring is
said only when a password is actually needed."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import pytest
from sqlalchemy.exc import OperationalError

from counter import config, sealkey
from counter.config import backend_name, keyring_problem, load_password, os_keyring
from counter.errors import (
    ConfigError,
    KeyringRefused,
    SealKeyringRefused,
    SealKeyringUnavailable,
)
from counter.services.base import translate_db_error
from tests.unit.test_config import MemoryKeyring

KEY = "ab" * 32


@pytest.fixture
def use_backend():
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


@pytest.fixture
def plaintext(use_backend, tmp_path: Path):
    file = pytest.importorskip("keyrings.alt.file")
    backend = file.PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    use_backend(backend)
    return backend


def _says_seal_key(err: Exception) -> None:
    zh, en = err.message_zh, err.message_en  # type: ignore[attr-defined]
    assert "文书核验密钥" in zh and "seal key" in en
    assert "COUNTER_SEAL_KEY" in zh and "COUNTER_SEAL_KEY" in en
    assert "COUNTER_DB_PASSWORD" not in zh + en and "数据库密码" not in zh


def test_the_seal_key_refuses_a_plaintext_keyring(plaintext, tmp_path: Path) -> None:
    with pytest.raises(SealKeyringRefused) as err:
        sealkey.store_key("QS", KEY)
    assert err.value.code == "keyring_refused" and isinstance(err.value, KeyringRefused)
    assert "keyrings.alt.file.PlaintextKeyring" in err.value.message_en
    _says_seal_key(err.value)
    assert not (tmp_path / "keyring_pass.cfg").exists()


def test_a_key_left_in_a_plaintext_keyring_is_not_read(plaintext) -> None:
    plaintext.set_password(sealkey.KEYRING_SERVICE, "QS", KEY)
    assert sealkey.load_key("QS") is None


def test_no_keyring_names_the_seal_key_not_the_database_password() -> None:
    # tests/conftest.py selects keyring's failing backend.
    with pytest.raises(SealKeyringUnavailable) as err:
        sealkey.store_key("QS", KEY)
    _says_seal_key(err.value)


def test_the_seal_key_goes_to_a_trusted_keyring(monkeypatch, use_backend) -> None:
    kr = MemoryKeyring()
    monkeypatch.setattr(
        config, "OS_KEYRING_BACKENDS", config.OS_KEYRING_BACKENDS | {backend_name(kr)}
    )
    use_backend(kr)
    sealkey.store_key("QS", KEY.upper())
    loaded = sealkey.load_key("QS")
    assert loaded is not None and loaded.source == "keyring" and loaded.key.hex() == KEY


def test_an_installed_file_backend_says_uninstall_it(plaintext, monkeypatch, tmp_path) -> None:
    """Nothing selects keyrings.alt: keyring picked it because it is installed, so the way out
    is to uninstall it (or select a secure backend), not to remove a setting that is not there."""
    from keyring.util import platform_

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(platform_, "config_root", lambda: str(tmp_path / "no-config"))
    with pytest.raises(KeyringRefused) as err:
        os_keyring()
    assert "pip uninstall keyrings.alt" in err.value.message_en
    assert "卸载" in err.value.message_zh and "删除选择该后端的设置" not in err.value.message_zh

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    with pytest.raises(KeyringRefused) as err:
        os_keyring()
    assert "remove the setting that selects it" in err.value.message_en
    assert "uninstall" not in err.value.message_en


def test_no_warning_when_no_password_is_needed(plaintext, monkeypatch, caplog) -> None:
    monkeypatch.setattr(config, "_keyring_problem", None)
    caplog.set_level(logging.DEBUG, logger="counter")
    assert load_password("sqlite:////tmp/x.sqlite3") is None
    assert load_password("postgresql://clerk@db/town?sslcert=a.crt&sslkey=a.key") is None
    assert keyring_problem() is None
    # A server URL without a password: the refusal is kept, not logged as a warning...
    assert load_password("postgresql://clerk@db/town") is None
    assert isinstance(keyring_problem(), KeyringRefused)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    # ...until the server asks for the password it did not get.
    orig = Exception("connection failed: fe_sendauth: no password supplied")
    err = translate_db_error(OperationalError("connect", {}, orig))
    assert isinstance(err, ConfigError)
    assert "PlaintextKeyring" in err.message_en and "asks for a password" in err.message_en
    assert [r for r in caplog.records if "keyring_refused" in r.getMessage()]


def test_doctor_says_to_uninstall_an_installed_file_backend(
    plaintext, monkeypatch, tmp_path
) -> None:
    from keyring.util import platform_

    from counter.config import StationConfig
    from counter.doctor import FAIL, Context, check_keyring

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv("COUNTER_DB_PASSWORD", raising=False)
    monkeypatch.setattr(platform_, "config_root", lambda: str(tmp_path / "no-config"))
    monkeypatch.setattr(platform_, "data_root", lambda: str(tmp_path / "no-data"))
    url = "postgresql://clerk@127.0.0.1:1/town"
    check = check_keyring(Context(StationConfig(database_url=url), url, "window"))
    assert check.status == FAIL and "PlaintextKeyring" in check.detail_en
    assert "pip uninstall keyrings.alt" in check.fix_en and "卸载" in check.fix_zh
    assert "remove the setting" not in check.fix_en + check.detail_en
