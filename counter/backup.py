"""Backups of the hall's database (数据备份与恢复).

- **SQLite** (a single-PC hall): SQLite's online backup API copies a consistent snapshot page
  by page while the hall keeps working (the WAL's committed content included), never a file
  copy that could catch a half-written page; the copy is checked with ``PRAGMA
  integrity_check``. A restore copies a checked backup back the same way, after backing up the
  file it replaces.
- **PostgreSQL** (the town's server): ``pg_dump --format=custom`` and ``pg_restore``, found on
  the PATH (or ``COUNTER_PG_BIN``), the password given to them in the environment, never on
  the command line. The nightly schedule lives on the server (docs/deployment.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from counter import clock
from counter.config import data_dir
from counter.errors import ConfigError, InvalidInput
from db.engine import is_sqlite, normalise_url


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    kind: str  # "sqlite" | "pg_dump"
    removed: tuple[Path, ...] = ()


def default_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stamp() -> str:
    """The hall's local time (:func:`counter.clock.local_now`, whatever this PC's own time
    zone) to the millisecond: two backups in one second keep different names."""
    return clock.local_now().strftime("%Y%m%d-%H%M%S%f")[:-3]


def _new_name(folder: Path, stem: str, suffix: str) -> Path:
    """``stem-<hall time>suffix`` in ``folder``, not yet taken (a second backup in the same
    millisecond gets ``_2``, ...): a backup never overwrites another."""
    stamp = _stamp()
    path = folder / f"{stem}-{stamp}{suffix}"
    n = 1
    while path.exists() or path.with_name(path.name + ".part").exists():
        n += 1
        path = folder / f"{stem}-{stamp}_{n}{suffix}"
    return path


def _sqlite_path(url: str) -> Path:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise InvalidInput(field="SQLite 数据库文件（内存数据库无法备份）")
    return Path(path)


def check_sqlite(path: Path) -> None:
    """Raise unless ``path`` is an SQLite database that passes ``PRAGMA integrity_check``."""
    if not path.is_file():
        raise InvalidInput(field=f"备份文件 {path} 不存在")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(field=f"{path} 不是完好的 SQLite 数据库（{exc}）") from exc
    if rows != [("ok",)]:
        raise InvalidInput(field=f"{path} 完整性检查未通过：{rows[0][0] if rows else '?'}")


def _online_copy(src_path: Path, dst_path: Path) -> None:
    src = sqlite3.connect(src_path)
    dst = sqlite3.connect(dst_path)
    try:
        src.backup(dst, pages=1024)  # steps of 1024 pages let writers in between
    finally:
        dst.close()
        src.close()


def backup_sqlite(url: str, dest: Path | None = None) -> BackupResult:
    src = _sqlite_path(url)
    if not src.is_file():
        raise InvalidInput(field=f"数据库文件 {src} 不存在")
    dest = dest or _new_name(default_dir(), src.stem, ".sqlite3")
    if dest.is_dir():
        dest = _new_name(dest, src.stem, ".sqlite3")
    if not dest.parent.is_dir():
        raise InvalidInput(field=f"备份目录 {dest.parent} 不存在")
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    with _partial(tmp):
        _online_copy(src, tmp)
        conn = sqlite3.connect(tmp)
        try:  # one self-contained file: no WAL beside it when the backup is opened later
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
        check_sqlite(tmp)
        tmp.replace(dest)
    return BackupResult(dest, dest.stat().st_size, "sqlite")


@contextmanager
def _partial(tmp: Path) -> Iterator[None]:
    """A backup being written to ``tmp``: on any failure (or interruption) the partial file
    and its SQLite side files are removed, so no half-written backup is left to be taken for
    a good one, and the error goes on."""
    try:
        yield
    except BaseException:
        for path in (tmp, tmp.with_name(tmp.name + "-journal"), tmp.with_name(tmp.name + "-wal")):
            with suppress(OSError):  # a share gone away: the error that matters goes on
                path.unlink(missing_ok=True)
        raise


def restore_sqlite(url: str, source: Path) -> Path | None:
    """Put the backup ``source`` back into the database file of ``url``; returns the backup
    made of the file it replaced (None when there was no file). Stop the hall's clients first."""
    check_sqlite(source)
    target = _sqlite_path(url)
    saved = None
    if target.is_file():
        saved = backup_sqlite(
            url,
            target.with_name(
                f"{target.stem}-before-restore-{_stamp()}{target.suffix or '.sqlite3'}"
            ),
        ).path
    _online_copy(source, target)
    check_sqlite(target)
    return saved


def prune(directory: Path, pattern: str, keep: int) -> tuple[Path, ...]:
    """Delete all but the ``keep`` newest files matching ``pattern`` in ``directory``."""
    if keep < 1:
        raise InvalidInput(field="--keep 至少为 1")
    files = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    old = tuple(files[keep:])
    for f in old:
        f.unlink(missing_ok=True)
    return old


def pg_tool(name: str) -> str:
    """The path of ``pg_dump`` / ``pg_restore``, or a ConfigError that says how to get it."""
    bindir = os.environ.get("COUNTER_PG_BIN")
    found = shutil.which(name, path=bindir) if bindir else shutil.which(name)
    if not found:
        raise ConfigError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（Debian/UOS/麒麟：apt install "
            f"postgresql-client；Windows：PostgreSQL 安装目录的 bin），或设置 COUNTER_PG_BIN / "
            f"{name} not found: install the PostgreSQL client tools or set COUNTER_PG_BIN",
            what=name,
        )
    return found


def _pg_env(u: URL) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and an environment holding it (PGPASSWORD)."""
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    bare = URL.create("postgresql", u.username, None, u.host, u.port, u.database, u.query)
    return bare.render_as_string(hide_password=False), env


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=6 * 3600)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise ConfigError(f"{what} 失败 / failed: {' '.join(tail)}", what=what)


def backup_pg(url: str, dest: Path | None = None) -> BackupResult:
    u = make_url(normalise_url(url))
    dest = dest or _new_name(default_dir(), u.database or "counter", ".dump")
    if dest.is_dir():
        dest = _new_name(dest, u.database or "counter", ".dump")
    if not dest.parent.is_dir():
        raise InvalidInput(field=f"备份目录 {dest.parent} 不存在")
    conninfo, env = _pg_env(u)
    tmp = dest.with_name(dest.name + ".part")
    with _partial(tmp):
        _run([pg_tool("pg_dump"), "--format=custom", f"--file={tmp}", conninfo], env, "pg_dump")
        tmp.replace(dest)
    return BackupResult(dest, dest.stat().st_size, "pg_dump")


def restore_pg(url: str, source: Path) -> None:
    """``pg_restore`` the dump into the database of ``url`` (empty, or ``--clean`` replaces what
    the dump holds), in one transaction: it either all lands or nothing changes."""
    if not source.is_file():
        raise InvalidInput(field=f"备份文件 {source} 不存在")
    conninfo, env = _pg_env(make_url(normalise_url(url)))
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(source),
        ],
        env,
        "pg_restore",
    )


def backup(url: str, dest: Path | None = None, keep: int | None = None) -> BackupResult:
    """Back up the database of ``url`` (see the module docstring); with ``keep`` and the default
    directory, only the ``keep`` newest backups of this database stay."""
    result = backup_sqlite(url, dest) if is_sqlite(url) else backup_pg(url, dest)
    if keep is not None and dest is None:
        stem = result.path.name.rsplit("-", 2)[0]
        suffix = result.path.suffix
        removed = prune(result.path.parent, f"{stem}-*{suffix}", keep)
        result = BackupResult(result.path, result.size, result.kind, removed)
    return result


def restore(url: str, source: Path) -> Path | None:
    if is_sqlite(url):
        return restore_sqlite(url, source)
    restore_pg(url, source)
    return None
