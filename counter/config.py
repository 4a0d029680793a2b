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
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from counter.errors import (
    REFUSED_FIX_SELECTED,
    Bi,
    ConfigError,
    KeyringRefused,
    KeyringUnavailable,
    refused_fix_installed,
)

log = logging.getLogger(__name__)

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


# What a PC of the hall is for (its job, 岗位): the desktop entry it starts, the database role it
# signs in with, and whether it stands at a window.
JOBS: dict[str, tuple[str, str]] = {
    "window": ("窗口", "window client"),
    "backoffice": ("后台", "back office"),
    "kiosk": ("取号机", "kiosk"),
    "display": ("叫号屏", "hall display"),
    "window-display": ("窗口屏", "window display"),
    "manager": ("管理", "hall manager"),
}
JOBS_WITH_WINDOW = frozenset({"window", "window-display"})


def default_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'counter.sqlite3'}"


@dataclass
class StationConfig:
    """What this PC is: its job, hall and window, and its devices.

    ``printer`` is the A4 printer for documents (a Qt printer name; empty: the system default);
    ``ticket_printer`` the ticket printer (``escpos:PORT`` or ``qt:PRINTER NAME``). A scanner
    without ``scanner_port`` is a keyboard wedge (``scanner_prefix`` tells its codes apart)."""

    database_url: str | None = None
    hall: str | None = None
    window: int | None = None
    job: str | None = None
    idcard_port: str | None = None
    idcard_baud: int = 115200
    scanner_port: str | None = None
    scanner_baud: int = 9600
    scanner_terminator: str = "cr"
    scanner_prefix: str = ""
    printer: str | None = None
    ticket_printer: str | None = None
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
        cfg.job = st.get("job") or None
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
        cfg.ticket_printer = dev.get("ticket_printer") or None
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
        parser["station"] = {
            "job": self.job or "",
            "hall": self.hall or "",
            "window": str(self.window or ""),
        }
        parser["devices"] = {
            "idcard_port": self.idcard_port or "",
            "idcard_baud": str(self.idcard_baud),
            "scanner_port": self.scanner_port or "",
            "scanner_baud": str(self.scanner_baud),
            "scanner_terminator": self.scanner_terminator,
            "scanner_prefix": self.scanner_prefix,
            "printer": self.printer or "",
            "ticket_printer": self.ticket_printer or "",
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


# Keyring backends that keep secrets in the operating system's own store, unlocked with the
# user's session: Secret Service (GNOME keyring, KDE, and the deepin / UKUI keyrings of UOS and
# Kylin speak it), libsecret, KWallet, Windows Credential Manager, the macOS Keychain. Anything
# else — keyrings.alt's PlaintextKeyring (base64 in a file), its EncryptedKeyring, a registry or
# cryptfile backend, an unknown plug-in — is refused whatever is installed: the password goes to
# a real OS keyring or nowhere. (An encrypted file unlocked by a prompt was refused on purpose:
# the hall's PCs start from a desktop entry with no terminal to prompt on, and a file guarded by
# a second password a clerk types every morning is no safer than COUNTER_DB_PASSWORD.)
OS_KEYRING_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
    }
)
# Backends that store nothing: the same as having no keyring at all.
_NO_KEYRING = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})


def backend_name(backend: Any) -> str:
    """``module.Class`` of a keyring backend, the form PYTHON_KEYRING_BACKEND takes."""
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def os_keyring() -> Any:
    """The operating system's keyring backend, or a typed refusal.

    Raises :class:`KeyringUnavailable` when no backend answers and :class:`KeyringRefused`
    (naming it) when the one in use keeps secrets in a file. When keyring chains several
    backends, the first OS backend of the chain is used alone, so a locked Secret Service can
    never fall through to a file backend further down the chain."""
    import keyring
    from keyring.backends import chainer

    try:
        chosen = keyring.get_keyring()
    except Exception as exc:  # a chosen backend that cannot load (no D-Bus, unknown module)
        name = os.environ.get("PYTHON_KEYRING_BACKEND", "")
        text = (str(exc).splitlines() or [""])[0][:160]
        raise KeyringUnavailable(f"{name} {type(exc).__name__}: {text}".strip()) from exc
    candidates = list(chosen.backends) if isinstance(chosen, chainer.ChainerBackend) else [chosen]
    for backend in candidates:
        if backend_name(backend) in OS_KEYRING_BACKENDS:
            return backend
    others = [b for b in candidates if backend_name(b) not in _NO_KEYRING]
    if others:
        name = backend_name(others[0])
        raise KeyringRefused(backend=name, fix=_refused_fix(name))
    raise KeyringUnavailable()


def _backend_selected() -> bool:
    """True when a setting chooses the keyring backend (PYTHON_KEYRING_BACKEND, or
    ``default-keyring`` in keyringrc.cfg); False when keyring picked one of those installed."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    try:
        from keyring.util import platform_

        text = (Path(platform_.config_root()) / "keyringrc.cfg").read_text(errors="replace")
    except (ImportError, OSError):
        return False
    return "default-keyring" in text


def _package_of(name: str) -> str:
    """The installed distribution that provides the backend ``module.Class`` (its top-level
    module's name when none is known)."""
    from importlib.metadata import packages_distributions

    module = name.rsplit(".", 1)[0].lower()
    top = module.split(".", 1)[0]
    found = packages_distributions().get(top) or []
    for dist in found:  # a namespace (keyrings.*) is shared: the one whose name the module bears
        if module.startswith(dist.lower().replace("-", ".").replace("_", ".")):
            return dist
    return found[0] if found else top


def _refused_fix(name: str) -> Bi:
    """The first way out of a refused file backend: undo the setting that selects it, or,
    when nothing selects it, uninstall the package that brought it."""
    if _backend_selected():
        return REFUSED_FIX_SELECTED
    return refused_fix_installed(_package_of(name))


def store_password(url: str, password: str) -> None:
    """Store the database password in the OS keyring; raise :class:`KeyringUnavailable` or
    :class:`KeyringRefused` (nothing stored) when there is no real one."""
    backend = os_keyring()
    try:
        backend.set_password(KEYRING_SERVICE, keyring_account(url), password)
    except Exception as exc:  # a locked or broken keyring: never fall back to a file
        from keyring.errors import KeyringError

        if isinstance(exc, KeyringError):
            raise KeyringUnavailable(type(exc).__name__) from exc
        raise


def delete_password(url: str) -> bool:
    """Remove this URL's password from the OS keyring; False when there was none (or no
    keyring)."""
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        os_keyring().delete_password(KEYRING_SERVICE, keyring_account(url))
    except (KeyringUnavailable, KeyringRefused, PasswordDeleteError, KeyringError):
        return False
    return True


# Why the last :func:`load_password` found no keyring to read (None: it had one, or was not
# asked). Said only when the server then asks for the password it did not get
# (:func:`keyring_problem`, used by :func:`counter.services.base.translate_db_error`): a
# server that trusts this PC or its certificate needs none, and a warning on every command
# would be noise.
_keyring_problem: KeyringUnavailable | KeyringRefused | None = None


def keyring_problem() -> KeyringUnavailable | KeyringRefused | None:
    """Why no database password came from the keyring in this process (None: no problem)."""
    return _keyring_problem


def password_needed(url: str) -> bool:
    """True when a connection to ``url`` may need a password it does not carry: a server
    database with a user name, no password in the URL and no client certificate. SQLite never
    needs one."""
    from sqlalchemy.engine import make_url

    if url.startswith("sqlite"):
        return False
    u = make_url(url)
    return bool(u.username) and u.password is None and "sslcert" not in u.query


def load_password(url: str) -> str | None:
    """``COUNTER_DB_PASSWORD`` if set, else the password stored in the OS keyring, else None.

    A refused (file) backend is never read, even if an older version stored a password there.
    Why none could be read is kept for :func:`keyring_problem`, not logged here: the server
    may need no password at all."""
    global _keyring_problem
    env = os.environ.get("COUNTER_DB_PASSWORD")
    if env:
        return env
    if not password_needed(url):
        return None
    try:
        backend = os_keyring()
    except (KeyringUnavailable, KeyringRefused) as exc:
        log.debug("no database password from the keyring: %s", exc.code)
        _keyring_problem = exc
        return None
    _keyring_problem = None
    try:
        value: str | None = backend.get_password(KEYRING_SERVICE, keyring_account(url))
    except Exception as exc:  # locked, dismissed prompt, D-Bus gone: no password, say why
        log.warning("the keyring did not answer: %s", type(exc).__name__)
        return None
    return value


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
        if password_needed(url):
            pw = load_password(url)
            if pw:
                return u.set(password=pw).render_as_string(hide_password=False)
        return url
    return default_sqlite_url()
