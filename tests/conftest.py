"""Shared test set-up.

Qt must run offscreen before any QApplication exists; every test gets its own COUNTER_HOME so no
test reads or writes the real user's data or config.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "counter-home"
    home.mkdir()
    monkeypatch.setenv("COUNTER_HOME", str(home))
    monkeypatch.delenv("COUNTER_DATABASE_URL", raising=False)
    monkeypatch.delenv("COUNTER_CONFIG", raising=False)
    yield home


from tests.dbfixtures import (  # noqa: E402,F401
    _templates,
    db_url,
    hall_url,
    pg_hall_url,
    pg_url,
    sqlite_hall_url,
)


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """xdist's worker id, or "main" without xdist."""
    return getattr(request.config, "workerinput", {}).get("workerid", "main")
