"""``counter doctor``: is this PC ready for its job? (本机自检)

Each check passes, warns, fails or is skipped, and when it does not pass it says what to do, in
Chinese first and English second. The command exits non-zero when a check fails. Checks:

- ``config``: the config file, this PC's job, hall and window;
- ``database``: the database answers, and the round trip of ``SELECT 1`` (median of five);
- ``schema``: the schema revision is the one this program needs;
- ``station``: the configured hall and window exist in the database;
- ``grants``: the login holds exactly what its job needs (PostgreSQL, :mod:`counter.dbroles`):
  not a superuser or table owner, nothing missing, nothing more (a kiosk that can read
  applicants fails);
- ``clock``: this PC's clock against the database server's (ticket times, the day a ticket
  number belongs to and waiting times are taken from the PC's clock);
- ``keyring``: where the database password comes from; a refused file backend, or a leftover
  plaintext file of an earlier version, fails;
- ``font``: a CJK font is installed; ``printers``: the configured printers exist; ``serial``:
  the configured ID-card reader and scanner ports exist and open.

The font and printer checks here use ``fc-list`` and ``lpstat``; the command registered from
``ui/`` replaces them by Qt's own view (QFontDatabase, QPrinterInfo) when Qt is available.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from counter.config import (
    JOBS,
    JOBS_WITH_WINDOW,
    KEYRING_SERVICE,
    StationConfig,
    backend_name,
    config_path,
    keyring_account,
    os_keyring,
)
from counter.errors import Bi, CounterError, KeyringRefused, KeyringUnavailable

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"
LABELS = {OK: "通过 OK", WARN: "警告 WARN", FAIL: "失败 FAIL", SKIP: "跳过 SKIP"}
CLOCK_WARN_S = 2.0
CLOCK_FAIL_S = 30.0
RTT_WARN_MS = 20.0


@dataclass(frozen=True)
class Check:
    """The outcome of one check."""

    key: str
    title_zh: str
    title_en: str
    status: str
    detail_zh: str = ""
    detail_en: str = ""
    fix_zh: str = ""
    fix_en: str = ""

    def to_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Context:
    """What the checks share: the PC's config, the database URL, and what earlier checks found."""

    config: StationConfig
    url: str
    job: str | None
    found: dict[str, Any] = field(default_factory=dict)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


CheckFn = Callable[[Context], Check]


def _check(key: str, zh: str, en: str) -> Callable[..., Check]:
    def make(
        status: str,
        detail_zh: str = "",
        detail_en: str = "",
        fix_zh: str = "",
        fix_en: str = "",
    ) -> Check:
        return Check(key, zh, en, status, detail_zh, detail_en or detail_zh, fix_zh, fix_en)

    return make


def _from_error(make: Callable[..., Check], exc: CounterError, status: str = FAIL) -> Check:
    return make(status, exc.message_zh, exc.message_en)


# --------------------------------------------------------------------------------------------
# Core checks
# --------------------------------------------------------------------------------------------


def check_config(ctx: Context) -> Check:
    make = _check("config", "本机配置", "configuration")
    path = config_path()
    if not path.exists():
        return make(
            WARN,
            f"没有配置文件 {path}，本机使用内置 SQLite 数据库",
            f"no config file {path}: this PC uses the embedded SQLite database",
            "运行 counter setup（或 counter setup --dialog）设置数据库、岗位、大厅和窗口",
            "run counter setup (or counter setup --dialog) for database, job, hall and window",
        )
    cfg = ctx.config
    if not ctx.job:
        return make(
            WARN,
            f"{path}：未设置本机岗位",
            f"{path}: this PC's job is not set",
            f"运行 counter setup --job 岗位（{'、'.join(JOBS)}）",
            f"run counter setup --job JOB ({', '.join(JOBS)})",
        )
    zh, en = JOBS.get(ctx.job, (ctx.job, ctx.job))
    where_zh = f"岗位 {zh}，大厅 {cfg.hall or '—'}" + (
        f"，{cfg.window}号窗口" if cfg.window else ""
    )
    where_en = f"job {en}, hall {cfg.hall or '—'}" + (
        f", window {cfg.window}" if cfg.window else ""
    )
    return make(OK, f"{path}：{where_zh}", f"{path}: {where_en}")


def check_database(ctx: Context) -> Check:
    from counter.station import DatabaseUnreachable, probe_database

    make = _check("database", "数据库连接", "database")
    try:
        report = probe_database(ctx.url)
    except DatabaseUnreachable as exc:
        return _from_error(make, exc)
    ctx.found["report"] = report
    who_zh = f"，登录名 {report.user}" if report.user else ""
    who_en = f" as {report.user}" if report.user else ""
    detail_zh = f"{report.url}：{report.server_version}{who_zh}，往返 {report.rtt_ms:.2f} ms"
    detail_en = f"{report.url}: {report.server_version}{who_en}, round trip {report.rtt_ms:.2f} ms"
    if report.rtt_ms > RTT_WARN_MS:
        return make(
            WARN,
            detail_zh,
            detail_en,
            "网络较慢：检查本机到服务器的网线、交换机，避免经无线或跨网段",
            "slow network: check the cable and switch to the server; avoid Wi-Fi and routed hops",
        )
    return make(OK, detail_zh, detail_en)


def check_schema(ctx: Context) -> Check:
    from counter.station import SchemaNotReady

    make = _check("schema", "数据库版本", "schema revision")
    report = ctx.found.get("report")
    if report is None:
        return make(SKIP, "数据库未连接", "no database connection")
    if not report.schema_ok:
        return _from_error(
            make,
            SchemaNotReady(current=report.revision or Bi("（空库）", "(empty)"), head=report.head),
        )
    return make(OK, f"{report.revision}（最新）", f"{report.revision} (current)")


def check_station_rows(ctx: Context) -> Check:
    from counter.station import check_station

    make = _check("station", "大厅与窗口", "hall and window")
    report = ctx.found.get("report")
    if report is None or not report.schema_ok:
        return make(SKIP, "数据库未就绪", "database not ready")
    cfg = ctx.config
    needs_window = (ctx.job or "window") in JOBS_WITH_WINDOW
    if (not cfg.hall and len(report.halls) != 1) or (needs_window and cfg.window is None):
        halls = "、".join(f"{h.code} {h.name}" for h in report.halls) or "无"
        return make(
            WARN,
            f"本机未设置{'大厅' if not cfg.hall else '窗口'}（数据库中的大厅：{halls}）",
            f"this PC has no {'hall' if not cfg.hall else 'window'} set "
            f"(halls: {', '.join(h.code for h in report.halls) or 'none'})",
            "运行 counter setup --hall 编码 --window 窗口号",
            "run counter setup --hall CODE --window N",
        )
    try:
        choice = check_station(report, ctx.job, cfg.hall, cfg.window)
    except CounterError as exc:
        return make(
            FAIL,
            exc.message_zh,
            exc.message_en,
            "运行 counter setup --hall 编码 --window 窗口号 重新设置",
            "run counter setup --hall CODE --window N again",
        )
    win_zh = f"，{choice.window}号窗口 {choice.window_name}" if choice.window else ""
    win_en = f", window {choice.window} {choice.window_name}" if choice.window else ""
    return make(OK, f"{choice.hall} {choice.hall_name}{win_zh}", f"{choice.hall}{win_en}")


def check_grants(ctx: Context) -> Check:
    from counter.dbroles import JOB_KIND, KIND_NAMES, compare_grants, role_name
    from db.engine import make_engine

    make = _check("grants", "数据库权限", "role grants")
    if ctx.is_sqlite:
        return make(SKIP, "内置 SQLite 单机，无数据库角色", "embedded SQLite: no database roles")
    if ctx.found.get("report") is None:
        return make(SKIP, "数据库未连接", "no database connection")
    job = ctx.job or "window"
    kind = JOB_KIND[job]
    engine = make_engine(ctx.url)
    try:
        with engine.connect() as conn:
            report = compare_grants(conn, kind)
    except Exception as exc:  # noqa: BLE001 - a check reports, it never raises
        return make(FAIL, f"无法读取权限：{type(exc).__name__}", f"cannot read grants: {exc}")
    finally:
        engine.dispose()
    need_zh, need_en = KIND_NAMES[kind]
    group = role_name(kind)
    fix_login_zh = (
        f"在服务器上运行 counter db login 登录名 --job {job}，为本机建立属于 {group} 的登录名，"
        "再用 counter setup --db 改用该登录名"
    )
    fix_login_en = (
        f"on the server run `counter db login NAME --job {job}` for a login in {group}, then "
        "point this PC at it with counter setup --db"
    )
    if report.superuser or report.owner:
        what = "超级用户" if report.superuser else "表的所有者"
        what_en = "a superuser" if report.superuser else "the tables' owner"
        return make(
            FAIL,
            f"登录名 {report.user} 是{what}，权限远超“{need_zh}”所需，可改写审计日志",
            f"login {report.user} is {what_en}: far more than {need_en} needs, it can alter "
            "the audit log",
            fix_login_zh,
            fix_login_en,
        )
    if report.missing or report.excess:
        parts_zh, parts_en = [], []
        if report.excess:
            shown = "；".join(report.excess[:4])
            parts_zh.append(f"多出 {len(report.excess)} 项（{shown}…）")
            parts_en.append(f"{len(report.excess)} more than needed ({shown}…)")
        if report.missing:
            shown = "；".join(report.missing[:4])
            parts_zh.append(f"缺少 {len(report.missing)} 项（{shown}…）")
            parts_en.append(f"{len(report.missing)} missing ({shown}…)")
        groups = "、".join(report.groups) or "无 none"
        wrong_group = group not in report.groups
        return make(
            FAIL,
            f"登录名 {report.user}（属于 {groups}）与岗位“{need_zh}”不符：" + "，".join(parts_zh),
            f"login {report.user} (in {groups}) does not match the job {need_en}: "
            + "; ".join(parts_en),
            fix_login_zh if wrong_group else "在服务器上以超级用户运行 counter db roles --apply",
            fix_login_en
            if wrong_group
            else "run `counter db roles --apply` on the server as a superuser",
        )
    return make(
        OK,
        f"登录名 {report.user} 属于 {'、'.join(report.groups)}，权限与“{need_zh}”相符",
        f"login {report.user} in {', '.join(report.groups)} holds exactly what {need_en} needs",
    )


def check_clock(ctx: Context) -> Check:
    from sqlalchemy import text

    from db.engine import make_engine

    make = _check("clock", "时钟", "clock")
    if ctx.is_sqlite:
        return make(SKIP, "内置 SQLite：数据库就在本机", "embedded SQLite: the database is this PC")
    if ctx.found.get("report") is None:
        return make(SKIP, "数据库未连接", "no database connection")
    engine = make_engine(ctx.url)
    try:
        with engine.connect() as conn:
            best: tuple[float, float] | None = None
            for _ in range(3):
                t0 = time.time()
                server = float(
                    conn.execute(text("SELECT extract(epoch FROM clock_timestamp())")).scalar_one()
                )
                t1 = time.time()
                sample = (t1 - t0, server - (t0 + t1) / 2)
                best = sample if best is None or sample[0] < best[0] else best
    except Exception as exc:  # noqa: BLE001
        return make(FAIL, f"无法读取服务器时间：{type(exc).__name__}", f"cannot read it: {exc}")
    finally:
        engine.dispose()
    assert best is not None
    offset = best[1]
    ahead_zh = "慢" if offset > 0 else "快"
    ahead_en = "behind" if offset > 0 else "ahead of"
    detail_zh = f"本机比数据库服务器{ahead_zh} {abs(offset):.2f} 秒"
    detail_en = f"this PC is {abs(offset):.2f} s {ahead_en} the database server"
    if abs(offset) <= CLOCK_WARN_S:
        return make(OK, detail_zh, detail_en)
    fix_zh = (
        "号票时间、当天号码和等候时间都取本机时钟：请与服务器同步时间（Windows：设置→时间和语言→"
        "立即同步，或 w32tm /resync；统信/麒麟：timedatectl set-ntp true），服务器也应同步到 NTP"
    )
    fix_en = (
        "ticket times, the day's numbers and waiting times come from this PC's clock: synchronise "
        "it with the server (Windows: Settings → Time → Sync now, or w32tm /resync; Linux: "
        "timedatectl set-ntp true), and the server with NTP"
    )
    status = WARN if abs(offset) <= CLOCK_FAIL_S else FAIL
    return make(status, detail_zh, detail_en, fix_zh, fix_en)


def legacy_plaintext_files() -> list[Path]:
    """keyrings.alt files of an earlier version that hold this program's password."""
    try:
        from keyring.util import platform_
    except ImportError:  # pragma: no cover
        return []
    found = []
    for name in ("keyring_pass.cfg", "crypted_pass.cfg"):
        path = Path(platform_.data_root()) / name
        try:
            text = path.read_text(encoding="utf-8", errors="replace").lower()
        except OSError:
            continue
        if "counter_2ddatabase" in text or KEYRING_SERVICE in text:
            found.append(path)
    return found


def check_keyring(ctx: Context) -> Check:
    from sqlalchemy.engine import make_url

    make = _check("keyring", "密码保管", "password storage")
    leftovers = legacy_plaintext_files()
    if leftovers:
        files = "、".join(str(p) for p in leftovers)
        return make(
            FAIL,
            f"旧版本把数据库密码以明文（base64）存放在 {files}",
            f"an earlier version left the database password in plain text (base64) in {files}",
            "删除该文件（或其中 counter-database 一节），在服务器上更换该登录名的密码，"
            "再用 counter setup 把新密码存入系统密钥环",
            "delete that file (or its counter-database section), change the login's password "
            "on the server, and store the new one in the OS keyring with counter setup",
        )
    if ctx.is_sqlite:
        return make(SKIP, "内置 SQLite：不需要密码", "embedded SQLite: no password")
    u = make_url(ctx.config.database_url or ctx.url)
    if "sslcert" in u.query:
        return make(OK, "使用客户端证书登录，不需要密码", "client certificate: no password")
    if os.environ.get("COUNTER_DB_PASSWORD"):
        return make(
            OK,
            "密码来自环境变量 COUNTER_DB_PASSWORD",
            "the password comes from COUNTER_DB_PASSWORD",
        )
    try:
        backend = os_keyring()
    except (KeyringUnavailable, KeyringRefused) as exc:
        connected = ctx.found.get("report") is not None
        fix = exc.params.get("fix")
        if isinstance(fix, Bi):  # a refused backend: the first way out, said as the fix
            return make(WARN if connected else FAIL, exc.message_zh, exc.message_en, *fix)
        return make(WARN if connected else FAIL, exc.message_zh, exc.message_en)
    name = backend_name(backend)
    try:
        stored = backend.get_password(KEYRING_SERVICE, keyring_account(ctx.url)) is not None
    except Exception as exc:  # noqa: BLE001 - locked, dismissed, D-Bus gone
        return make(
            FAIL,
            f"系统密钥环 {name} 没有应答（{type(exc).__name__}）",
            f"the OS keyring {name} did not answer ({type(exc).__name__})",
            "登录桌面并解锁密钥环后再试",
            "sign in to the desktop and unlock the keyring, then try again",
        )
    if stored:
        return make(OK, f"密码保存在系统密钥环 {name}", f"the password is in the OS keyring {name}")
    if ctx.found.get("report") is not None:
        return make(
            OK,
            f"数据库不要求密码；系统密钥环 {name} 可用",
            f"the database asks no password; the OS keyring {name} is usable",
        )
    return make(
        FAIL,
        f"系统密钥环 {name} 中没有本机的数据库密码",
        f"the OS keyring {name} holds no database password for this PC",
        "运行 counter setup --db 地址（会提示输入密码）",
        "run counter setup --db URL (it asks for the password)",
    )


def _fc_families() -> list[str] | None:
    if not shutil.which("fc-list"):
        return None
    proc = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30
    )
    return sorted({line.split(",")[0].strip() for line in proc.stdout.splitlines() if line.strip()})


def check_font(ctx: Context) -> Check:
    make = _check("font", "中文字体", "CJK font")
    if sys.platform == "win32":
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        have = [f for f in ("msyh.ttc", "simsun.ttc", "simhei.ttf") if (fonts / f).exists()]
        families: list[str] | None = have
    else:
        families = _fc_families()
    if families is None:
        return make(SKIP, "没有 fc-list，无法检查", "fc-list missing: not checked")
    if families:
        return make(OK, "、".join(families[:3]), ", ".join(families[:3]))
    return make(
        FAIL,
        "没有中文字体：界面和号票上的汉字会显示成方框",
        "no CJK font: every Chinese character shows as a box",
        "安装中文字体：apt install fonts-noto-cjk（统信、麒麟自带的中文字体也可）",
        "install a CJK font: apt install fonts-noto-cjk (or the desktop's own Chinese font)",
    )


def _printer_needs(ctx: Context) -> tuple[bool, bool]:
    """(needs an A4 printer, needs a ticket printer) for this PC's job."""
    job = ctx.job or ""
    return job in ("window", "backoffice"), job == "kiosk"


def check_printers_with(ctx: Context, names: Sequence[str] | None, default: str | None) -> Check:
    """The printer check over the system printers ``names`` (None: cannot list them)."""
    make = _check("printers", "打印机", "printers")
    cfg = ctx.config
    need_a4, need_ticket = _printer_needs(ctx)
    problems_zh, problems_en, found_zh, found_en = [], [], [], []
    if names is None:
        return make(SKIP, "无法列出系统打印机", "cannot list the system printers")
    if cfg.printer:
        if cfg.printer in names:
            found_zh.append(f"A4：{cfg.printer}")
            found_en.append(f"A4: {cfg.printer}")
        else:
            problems_zh.append(f"A4 打印机“{cfg.printer}”不存在")
            problems_en.append(f"A4 printer {cfg.printer!r} not found")
    elif need_a4:
        if default:
            found_zh.append(f"A4：系统默认 {default}")
            found_en.append(f"A4: system default {default}")
        else:
            problems_zh.append("没有 A4 打印机（也没有系统默认打印机）")
            problems_en.append("no A4 printer (and no system default)")
    ticket = cfg.ticket_printer or ""
    if ticket.startswith("qt:"):
        if ticket[3:] in names:
            found_zh.append(f"号票：{ticket[3:]}")
            found_en.append(f"tickets: {ticket[3:]}")
        else:
            problems_zh.append(f"号票打印机“{ticket[3:]}”不存在")
            problems_en.append(f"ticket printer {ticket[3:]!r} not found")
    elif ticket.startswith("escpos:"):
        found_zh.append(f"号票：串口 {ticket[7:]}（见串口检查）")
        found_en.append(f"tickets: serial {ticket[7:]} (see the serial check)")
    elif need_ticket:
        problems_zh.append("取号机没有设置号票打印机")
        problems_en.append("the kiosk has no ticket printer")
    listed = "、".join(names) if names else "无 none"
    if problems_zh:
        return make(
            FAIL if cfg.printer or ticket.startswith("qt:") else WARN,
            "；".join(problems_zh) + f"（系统打印机：{listed}）",
            "; ".join(problems_en) + f" (system printers: {', '.join(names) or 'none'})",
            "安装打印机驱动并在系统中添加打印机（统信/麒麟：系统设置→打印机；Windows：设置→打印机），"
            "再用 counter setup --a4-printer / --ticket-printer 选择",
            "install the driver and add the printer to the system, then choose it with "
            "counter setup --a4-printer / --ticket-printer",
        )
    if not found_zh:
        if not ctx.job:  # not set up yet: nothing to say about what it will print
            return make(
                SKIP,
                f"本机尚未设置岗位，未检查打印机（系统打印机：{listed}）",
                f"no job set up on this PC: printers not checked "
                f"(system printers: {', '.join(names) or 'none'})",
            )
        return make(
            OK,
            f"本岗位不需要打印机（系统打印机：{listed}）",
            f"this job prints nothing (system printers: {', '.join(names) or 'none'})",
        )
    return make(OK, "；".join(found_zh), "; ".join(found_en))


def check_printers(ctx: Context) -> Check:
    names: list[str] | None = None
    default = None
    if shutil.which("lpstat"):
        proc = subprocess.run(["lpstat", "-e"], capture_output=True, text=True, timeout=30)
        names = [n.strip() for n in proc.stdout.splitlines() if n.strip()]
        dproc = subprocess.run(["lpstat", "-d"], capture_output=True, text=True, timeout=30)
        if ":" in dproc.stdout:
            default = dproc.stdout.split(":", 1)[1].strip() or None
    return check_printers_with(ctx, names, default)


def _open_port(port: str) -> str | None:
    """None when ``port`` opens; else why not, in a word the fix can use."""
    import serial

    try:
        s = serial.Serial(port, timeout=0)
    except serial.SerialException as exc:
        text = str(exc)
        if isinstance(exc.__cause__, PermissionError) or "Permission denied" in text:
            return "permission"
        if "busy" in text.lower() or "Access is denied" in text:
            return "busy"
        return "missing"
    s.close()
    return None


def check_serial(ctx: Context) -> Check:
    make = _check("serial", "串口设备", "serial devices")
    cfg = ctx.config
    ports = [("身份证阅读器", "ID-card reader", cfg.idcard_port)]
    ports.append(("扫码枪", "scanner", cfg.scanner_port))
    ticket = cfg.ticket_printer or ""
    if ticket.startswith("escpos:"):
        ports.append(("号票打印机", "ticket printer", ticket[7:].split("@")[0]))
    configured = [(zh, en, p) for zh, en, p in ports if p]
    if not configured:
        wedge = "扫码枪为键盘模式" if ctx.job in ("window", "backoffice") else ""
        return make(
            OK,
            "未设置串口设备" + (f"（{wedge}）" if wedge else ""),
            "no serial device configured" + (" (keyboard-wedge scanner)" if wedge else ""),
        )
    bad_zh, bad_en, good = [], [], []
    fixes: set[str] = set()
    for zh, en, port in configured:
        assert port is not None
        why = _open_port(port)
        if why is None:
            good.append(f"{zh} {port}")
            continue
        words = {
            "permission": ("无权打开", "permission denied"),
            "busy": ("被占用", "in use"),
            "missing": ("不存在或无法打开", "missing or cannot be opened"),
        }[why]
        bad_zh.append(f"{zh} {port} {words[0]}")
        bad_en.append(f"{en} {port}: {words[1]}")
        fixes.add(why)
    if not bad_zh:
        return make(OK, "、".join(good), ", ".join(good))
    fix_zh, fix_en = [], []
    if "permission" in fixes:
        fix_zh.append("把本机用户加入 dialout 组（sudo usermod -aG dialout 用户名，重新登录）")
        fix_en.append(
            "add the user to the dialout group (sudo usermod -aG dialout USER, log in again)"
        )
    if "busy" in fixes:
        fix_zh.append("关闭正在使用该串口的程序（例如已打开的窗口客户端）")
        fix_en.append("close the program using the port (e.g. a running window client)")
    if "missing" in fixes:
        fix_zh.append(
            "检查设备连线和驱动，用 counter device list 查看串口名，再 counter setup 设置"
        )
        fix_en.append(
            "check the cable and driver, list ports with counter device list, set it again"
        )
    return make(FAIL, "；".join(bad_zh), "; ".join(bad_en), "；".join(fix_zh), "; ".join(fix_en))


CORE_CHECKS: tuple[CheckFn, ...] = (
    check_config,
    check_database,
    check_schema,
    check_station_rows,
    check_grants,
    check_clock,
    check_keyring,
    check_font,
    check_printers,
    check_serial,
)


def run_checks(ctx: Context, checks: Sequence[CheckFn] = CORE_CHECKS) -> list[Check]:
    """Run ``checks`` in order; a check that raises is reported as failed, never a traceback."""
    results = []
    for fn in checks:
        try:
            results.append(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - the doctor reports every fault
            results.append(
                Check(
                    fn.__name__.removeprefix("check_"),
                    fn.__name__,
                    fn.__name__,
                    FAIL,
                    f"检查出错：{type(exc).__name__}",
                    f"the check failed: {type(exc).__name__}",
                )
            )
    return results


def render(results: Sequence[Check]) -> str:
    lines = []
    for r in results:
        lines.append(f"[{LABELS[r.status]}] {r.title_zh} / {r.title_en}：{r.detail_zh}")
        if r.detail_en and r.detail_en != r.detail_zh:
            lines.append(f"        {r.detail_en}")
        if r.fix_zh:
            lines.append(f"    处理：{r.fix_zh}")
        if r.fix_en:
            lines.append(f"    Fix: {r.fix_en}")
    counts = {s: sum(r.status == s for r in results) for s in LABELS}
    lines.append(
        f"共 {len(results)} 项：{counts[OK]} 通过，{counts[WARN]} 警告，{counts[FAIL]} 失败，"
        f"{counts[SKIP]} 跳过 / {len(results)} checks: {counts[OK]} ok, {counts[WARN]} warnings, "
        f"{counts[FAIL]} failed, {counts[SKIP]} skipped"
    )
    return "\n".join(lines) + "\n"


def main(ctx: Context, checks: Sequence[CheckFn] = CORE_CHECKS, *, as_json: bool = False) -> int:
    """Print the results; 1 when a check failed, else 0."""
    results = run_checks(ctx, checks)
    if as_json:
        sys.stdout.write(json.dumps([r.to_json() for r in results], ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render(results))
    return 1 if any(r.status == FAIL for r in results) else 0


def replace(checks: Sequence[CheckFn], **by_key: CheckFn) -> tuple[CheckFn, ...]:
    """``checks`` with some replaced, by the name after ``check_`` (``font=...``)."""
    return tuple(by_key.get(fn.__name__.removeprefix("check_"), fn) for fn in checks)
