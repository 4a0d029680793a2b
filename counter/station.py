"""Setting up one PC of the hall (本机设置): which database, which job, hall and window, which
devices — checked against the database before anything is saved.

Used by ``counter setup`` (command line) and its dialog (``counter setup --dialog``, in ui/):
:func:`probe_database` reaches the database and lists its halls and windows,
:func:`check_station` refuses a hall code or window number the database does not have (or a
job that needs a window without one), :func:`save_station` writes the config file (never a
password) and puts the password in the OS keyring (or says why it could not).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from counter.config import (
    JOBS,
    JOBS_WITH_WINDOW,
    StationConfig,
    default_sqlite_url,
    password_of,
    store_password,
    strip_password,
)
from counter.errors import Bi, CounterError, InvalidInput, KeyringRefused, KeyringUnavailable

SCANNER_TERMINATORS = ("cr", "lf", "crlf")


class DatabaseUnreachable(CounterError):
    code = "db_unreachable"
    zh = (
        "无法连接数据库 {url}（{reason}）。请检查：数据库服务器是否开机、PostgreSQL 服务是否在运行；"
        "本机能否连通服务器（网线、IP 地址、防火墙是否放行 5432 端口）；地址、端口、库名、"
        "登录名和密码是否正确"
    )
    en = (
        "Cannot connect to the database {url} ({reason}). Check that the database server is on "
        "and PostgreSQL is running; that this PC reaches it (cable, IP address, firewall open on "
        "port 5432); that host, port, database, login and password are right"
    )


class SchemaNotReady(CounterError):
    code = "schema_not_ready"
    zh = (
        "数据库结构版本为 {current}，本程序需要 {head}：请在服务器上以数据库所有者运行 "
        "counter db upgrade（SQLite 单机直接运行即可）"
    )
    en = (
        "The database schema is at {current}, this program needs {head}: run `counter db "
        "upgrade` on the server as the database owner (on a single SQLite PC, just run it)"
    )


class UnknownHall(CounterError):
    code = "unknown_hall"
    zh = "数据库中没有编码为 {hall} 的大厅（现有：{known}）"
    en = "The database has no hall with code {hall} (it has: {known_en})"


class UnknownWindow(CounterError):
    code = "unknown_window"
    zh = "{hall} 没有启用的 {window} 号窗口（现有：{known}）"
    en = "Hall {code} has no active window {window} (it has: {known_en})"


class WindowRequired(CounterError):
    code = "window_required"
    zh = "岗位“{job}”需要指定窗口号（--window）"
    en = "A {job_en} PC needs its window number (--window)"


class UnknownJob(CounterError):
    code = "unknown_job"
    zh = "未知岗位 {job}（可选：{known}）"
    en = "Unknown job {job} (choose one of: {known_en})"


@dataclass(frozen=True)
class WindowChoice:
    number: int
    name: str


@dataclass(frozen=True)
class HallChoice:
    code: str
    name: str
    kind: str
    windows: tuple[WindowChoice, ...]


@dataclass(frozen=True)
class ConnectionReport:
    """What a connection test found: server, login, round trip, schema, halls and windows."""

    url: str  # password hidden
    backend: str  # "sqlite" | "postgresql"
    server_version: str
    user: str
    rtt_ms: float  # median of a few ``SELECT 1``
    revision: str | None
    head: str
    halls: tuple[HallChoice, ...] = ()

    @property
    def schema_ok(self) -> bool:
        return self.revision == self.head

    def hall(self, code: str) -> HallChoice | None:
        return next((h for h in self.halls if h.code == code), None)


@dataclass(frozen=True)
class StationChoice:
    job: str
    hall: str
    hall_name: str
    window: int | None
    window_name: str


@dataclass(frozen=True)
class SaveResult:
    path: str
    password_stored: bool
    keyring_error: CounterError | None = None
    warnings: tuple[str, ...] = field(default=())


def safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return first[:200]


def with_password(url: str, password: str | None) -> str:
    if not password or url.startswith("sqlite"):
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def probe_database(url: str, *, samples: int = 5) -> ConnectionReport:
    """Connect, time ``samples`` round trips, read the schema revision and the halls with their
    windows (only columns every job's role may read). Raises :class:`DatabaseUnreachable`."""
    from db.engine import is_sqlite, make_engine
    from db.migrate import current_revision, head_revision
    from db.models import Hall, Window

    if is_sqlite(url):
        path = make_url(url).database
        if path and path != ":memory:":
            from pathlib import Path

            if not Path(path).parent.is_dir():
                raise DatabaseUnreachable(url=safe(url), reason="目录不存在 / no such folder")
    connect_args = {} if is_sqlite(url) else {"connect_timeout": 5}
    try:
        engine = make_engine(url, connect_args=connect_args) if connect_args else make_engine(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise DatabaseUnreachable(url=safe(url), reason=_reason(exc)) from exc
    try:
        with engine.connect() as conn:
            times = []
            for _ in range(max(1, samples)):
                t0 = time.perf_counter()
                conn.execute(text("SELECT 1")).scalar()
                times.append((time.perf_counter() - t0) * 1000)
            if engine.dialect.name == "postgresql":
                version = (
                    "PostgreSQL "
                    + str(conn.execute(text("SHOW server_version")).scalar()).split(" ")[0]
                )
                user = str(conn.execute(text("SELECT current_user")).scalar())
            else:
                version = "SQLite " + str(conn.execute(text("SELECT sqlite_version()")).scalar())
                user = ""
        revision = current_revision(engine)
        halls: list[HallChoice] = []
        if revision is not None:
            with engine.connect() as conn:
                rows = conn.execute(
                    select(Hall.id, Hall.code, Hall.name, Hall.kind)
                    .where(Hall.active.is_(True))
                    .order_by(Hall.id)
                ).all()
                wins = conn.execute(
                    select(Window.hall_id, Window.number, Window.name)
                    .where(Window.active.is_(True))
                    .order_by(Window.hall_id, Window.number)
                ).all()
            for hid, code, name, kind in rows:
                ws = tuple(WindowChoice(int(n), str(wn)) for h, n, wn in wins if h == hid)
                halls.append(HallChoice(str(code), str(name), str(kind), ws))
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        raise DatabaseUnreachable(url=safe(url), reason=_reason(exc)) from exc
    finally:
        engine.dispose()
    return ConnectionReport(
        url=safe(url),
        backend=engine.dialect.name,
        server_version=version,
        user=user,
        rtt_ms=round(statistics.median(times), 3),
        revision=revision,
        head=head_revision(),
        halls=tuple(halls),
    )


def check_job(job: str | None) -> str:
    if not job:
        return "window"
    if job not in JOBS:
        raise UnknownJob(job=job, known="、".join(JOBS), known_en=", ".join(JOBS))
    return job


def check_station(
    report: ConnectionReport, job: str | None, hall: str | None, window: int | None
) -> StationChoice:
    """The hall and window this PC serves, as the database has them (see module docstring).
    With one hall in the database, ``hall`` may be left out."""
    job = check_job(job)
    if not report.schema_ok:
        raise SchemaNotReady(current=report.revision or Bi("（空库）", "(empty)"), head=report.head)
    known = "、".join(f"{h.code} {h.name}" for h in report.halls) or "无"
    known_en = ", ".join(h.code for h in report.halls) or "none"
    if not hall:
        if len(report.halls) != 1:
            raise UnknownHall(hall=Bi("（未指定）", "(none given)"), known=known, known_en=known_en)
        hall = report.halls[0].code
    found = report.hall(hall.strip().upper()) or report.hall(hall.strip())
    if found is None:
        raise UnknownHall(hall=hall, known=known, known_en=known_en)
    if window is None:
        if job in JOBS_WITH_WINDOW:
            raise WindowRequired(job=JOBS[job][0], job_en=JOBS[job][1])
        return StationChoice(job, found.code, found.name, None, "")
    win = next((w for w in found.windows if w.number == window), None)
    if win is None:
        numbers = [str(w.number) for w in found.windows]
        raise UnknownWindow(
            hall=found.name,
            code=found.code,
            window=window,
            known="、".join(numbers) or "无",
            known_en=", ".join(numbers) or "none",
        )
    return StationChoice(job, found.code, found.name, win.number, win.name)


def check_ticket_printer(spec: str) -> str:
    """``escpos:PORT`` (a serial ESC/POS printer), ``qt:NAME`` (a system printer) or ``""``."""
    spec = spec.strip()
    if not spec:
        return ""
    kind, _, target = spec.partition(":")
    if kind not in ("escpos", "qt") or not target.strip():
        raise InvalidInput(field="号票打印机（escpos:串口 或 qt:打印机名称）")
    return f"{kind}:{target.strip()}"


def serial_ports() -> list[tuple[str, str]]:
    """``(device, description)`` of this PC's serial ports (COM3, /dev/ttyUSB0 ...)."""
    try:
        from serial.tools import list_ports
    except ImportError:  # pragma: no cover - pyserial is a dependency
        return []
    return sorted((p.device, p.description or "") for p in list_ports.comports())


def save_station(
    cfg: StationConfig,
    *,
    url: str | None,
    password: str | None,
    choice: StationChoice | None,
) -> SaveResult:
    """Write ``cfg`` with the URL (without password) and the checked choice; then store the
    password in the OS keyring. The config is saved even when the keyring refuses (the
    result says so), so the PC can start with ``COUNTER_DB_PASSWORD``."""
    if url is not None:
        if url and not url.startswith("sqlite") and password_of(url):
            password = password or password_of(url)
            url = strip_password(url)
        cfg.database_url = url or None
    if choice is not None:
        cfg.job, cfg.hall, cfg.window = choice.job, choice.hall, choice.window
    if cfg.ticket_printer:
        cfg.ticket_printer = check_ticket_printer(cfg.ticket_printer) or None
    if cfg.scanner_terminator not in SCANNER_TERMINATORS:
        raise InvalidInput(field="扫码枪结束符（cr、lf、crlf）")
    path = cfg.save()
    if not password:
        return SaveResult(str(path), False)
    target = cfg.database_url or default_sqlite_url()
    try:
        store_password(target, password)
    except (KeyringUnavailable, KeyringRefused) as exc:
        return SaveResult(str(path), False, exc)
    return SaveResult(str(path), True)
