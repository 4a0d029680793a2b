"""Per-PC configuration: which database, which hall and window, which devices.

The file is an INI file in the user's config directory (``COUNTER_CONFIG`` overrides the path).
It never holds a password: the database password lives in the OS keyring (:mod:`keyring`).

Database URL resolution, first match wins:
1. an explicit ``--db URL``;
2. the ``COUNTER_DATABASE_URL`` environment variable;
3. ``[database] url`` of the config file, with the password from the keyring;
4. an SQLite file in the user's data directory (the embedded default).
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from counter.errors import ConfigError, KeyringUnavailable

APP = "counter"
KEYRING_SERVICE = "counter-database"


def data_dir() -> Path:
    """Where the embedded database, drafts and logs live (``COUNTER_HOME`` overrides)."""
    home = os.environ.get("COUNTER_HOME")
    path = Path(home) if home else Path(platformdirs.user_data_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_path() -> Path:
    explicit = os.environ.get("COUNTER_CONFIG")
    if explicit:
        return Path(explicit)
    home = os.environ.get("COUNTER_HOME")
    if home:
        return Path(home) / "counter.ini"
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "counter.ini"


def default_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'counter.sqlite3'}"


@dataclass
class StationConfig:
    """What this PC is: its hall, its window and its devices."""

    database_url: str | None = None
    hall: str | None = None
    window: int | None = None
    idcard_port: str | None = None
    idcard_baud: int = 115200
    scanner_port: str | None = None
    scanner_baud: int = 9600
    scanner_terminator: str = "cr"
    scanner_prefix: str = ""
    printer: str | None = None
    extra: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> StationConfig:
        path = path or config_path()
        cfg = cls()
        if not path.exists():
            return cfg
        parser = configparser.ConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except configparser.Error as exc:
            raise ConfigError(str(exc), what=str(path)) from exc
        db = parser["database"] if parser.has_section("database") else {}
        st = parser["station"] if parser.has_section("station") else {}
        dev = parser["devices"] if parser.has_section("devices") else {}
        cfg.database_url = db.get("url") or None
        cfg.hall = st.get("hall") or None
        try:
            cfg.window = int(st["window"]) if st.get("window") else None
            cfg.idcard_baud = int(dev.get("idcard_baud", "115200"))
            cfg.scanner_baud = int(dev.get("scanner_baud", "9600"))
        except ValueError as exc:
            raise ConfigError(str(exc), what=str(path)) from exc
        cfg.idcard_port = dev.get("idcard_port") or None
        cfg.scanner_port = dev.get("scanner_port") or None
        cfg.scanner_terminator = dev.get("scanner_terminator", "cr")
        cfg.scanner_prefix = dev.get("scanner_prefix", "")
        cfg.printer = dev.get("printer") or None
        return cfg

    def save(self, path: Path | None = None) -> Path:
        path = path or config_path()
        parser = configparser.ConfigParser()
        url = self.database_url or ""
        if url and password_of(url):
            raise ConfigError(
                "密码不得写入配置文件 / a password must not be written to the file", what="url"
            )
        parser["database"] = {"url": url}
        parser["station"] = {"hall": self.hall or "", "window": str(self.window or "")}
        parser["devices"] = {
            "idcard_port": self.idcard_port or "",
            "idcard_baud": str(self.idcard_baud),
            "scanner_port": self.scanner_port or "",
            "scanner_baud": str(self.scanner_baud),
            "scanner_terminator": self.scanner_terminator,
            "scanner_prefix": self.scanner_prefix,
            "printer": self.printer or "",
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            parser.write(fh)
        return path


def password_of(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    password: str | None = make_url(url).password
    return password


def strip_password(url: str) -> str:
    """The URL without its password (which belongs in the keyring)."""
    from sqlalchemy.engine import URL, make_url

    u = make_url(url)
    bare = URL.create(u.drivername, u.username, None, u.host, u.port, u.database, u.query)
    return bare.render_as_string(hide_password=False)


def keyring_account(url: str) -> str:
    """The keyring account name for a database URL: user@host:port/database."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return f"{u.username or ''}@{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def _keyring() -> Any:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable()
    return keyring


def store_password(url: str, password: str) -> None:
    """Store the database password in the OS keyring; raise KeyringUnavailable if there is none."""
    _keyring().set_password(KEYRING_SERVICE, keyring_account(url), password)


def load_password(url: str) -> str | None:
    env = os.environ.get("COUNTER_DB_PASSWORD")
    if env:
        return env
    try:
        value: str | None = _keyring().get_password(KEYRING_SERVICE, keyring_account(url))
        return value
    except KeyringUnavailable:
        return None


def resolve_database_url(explicit: str | None = None, config: StationConfig | None = None) -> str:
    """Apply the resolution order in the module docstring and return a usable URL."""
    if explicit:
        return explicit
    env = os.environ.get("COUNTER_DATABASE_URL")
    if env:
        return env
    config = config if config is not None else StationConfig.load()
    if config.database_url:
        url = config.database_url
        if url.startswith("sqlite"):
            return url
        from sqlalchemy.engine import make_url

        u = make_url(url)
        if u.password is None and u.username:
            pw = load_password(url)
            if pw:
                return u.set(password=pw).render_as_string(hide_password=False)
        return url
    return default_sqlite_url()
