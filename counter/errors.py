"""Typed errors of the core.

Every refusal the core makes is a subclass of :class:`CounterError`. Each carries a stable
``code`` (for logs, scripts and tests), a Chinese message (the primary language) and an English
one. ``str(error)`` is the Chinese message; the UI may translate ``code`` + ``params`` itself.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, NamedTuple

# ``extra=`` of a log record whose content reaches the person as a typed error anyway (the
# database failure behind a :class:`DatabaseUnavailable`, the CLI's own report of an error):
# the terminal shows the bilingual message once, and the log file keeps the record.
REPORTED = {"counter_reported": True}


class Bi(NamedTuple):
    """A text in both languages, for an error's ``detail`` or a template parameter: the Chinese
    message takes ``zh``, the English one ``en`` (a plain ``str`` goes into both, so use it only
    for words that are the same in both: numbers, codes, file names)."""

    zh: str
    en: str


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Characters a message never carries raw, whatever the user typed into the value it names:
# C0 and C1 controls (NUL, ESC of a terminal escape sequence, newlines that would forge a
# second "Error:" line), DEL, and the bidi controls that make a text read differently.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)
# A detail is written by the code (a list of problems may take several lines).
_UNSAFE_DETAIL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)
_PARAM_LIMIT = 200


def _safe(value: Any) -> Any:
    """``value`` as a message may show it: unsafe characters become U+FFFD, and a text longer
    than 200 characters (a 5,000-character name typed in a field) is cut with an ellipsis."""
    if not isinstance(value, str):
        return value
    value = _UNSAFE.sub("\ufffd", value)
    return value if len(value) <= _PARAM_LIMIT else value[: _PARAM_LIMIT - 1] + "…"


def _pick(value: Any, lang: str) -> Any:
    """The ``lang`` side of ``value``: a :class:`Bi`, or a plain text in this project's
    "中文 / English" habit (Chinese, then `` / ``, then English without Chinese)."""
    if isinstance(value, Bi):
        return value.zh if lang == "zh" else value.en
    if isinstance(value, str) and " / " in value:
        zh, _sep, en = value.rpartition(" / ")
        if _CJK.search(zh) and en.strip() and not _CJK.search(en):
            return zh if lang == "zh" else en
    return value


class CounterError(Exception):
    """Base of every error the core raises on purpose.

    Subclasses set ``code``, ``zh`` and ``en``; the templates are ``str.format`` strings over the
    keyword arguments given to the constructor.
    """

    code: ClassVar[str] = "error"
    zh: ClassVar[str] = "操作失败"
    en: ClassVar[str] = "The operation failed"
    #: The ``counter`` command's exit code for this error (2: the command was used wrongly).
    exit_code: ClassVar[int] = 1

    def __init__(self, detail: str | Bi | None = None, **params: Any) -> None:
        self.params: dict[str, Any] = dict(params)
        self.detail = detail
        super().__init__(self.message_zh)

    def _fmt(self, template: str, lang: str) -> str:
        params = {k: _safe(_pick(v, lang)) for k, v in self.params.items()}
        try:
            text = template.format(**params)
        except (KeyError, IndexError, ValueError):
            # A parameter left out: drop its place (and the punctuation before it).
            text = re.sub(r"[：:，, ]*\{[^}]*\}", "", template)
        detail = _UNSAFE_DETAIL.sub("\ufffd", str(_pick(self.detail, lang) or ""))
        if detail:
            text = f"{text}：{detail}" if lang == "zh" else f"{text}: {detail}"
        return text

    @property
    def message_zh(self) -> str:
        return self._fmt(self.zh, "zh")

    @property
    def message_en(self) -> str:
        return self._fmt(self.en, "en")

    def __str__(self) -> str:
        return self.message_zh

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message_zh, "message_en": self.message_en}


class NotFound(CounterError):
    code = "not_found"
    zh = "未找到{what}"
    en = "{what} not found"


class InvalidInput(CounterError):
    code = "invalid_input"
    zh = "输入无效：{field}"
    en = "Invalid input: {field}"


class PermissionDenied(CounterError):
    code = "permission_denied"
    zh = "无权执行此操作（需要角色：{role}）"
    en = "Not allowed (role required: {role})"


class NotSignedIn(CounterError):
    code = "not_signed_in"
    zh = "请先登录"
    en = "Please sign in first"


class AuthenticationFailed(CounterError):
    code = "auth_failed"
    zh = "工号或密码错误"
    en = "Wrong staff number or password"


class AccountLocked(CounterError):
    code = "account_locked"
    zh = "账号已锁定，请于 {until} 后再试或联系管理员"
    en = "Account locked until {until}; try later or ask an administrator"


class AccountDisabled(CounterError):
    code = "account_disabled"
    zh = "账号已停用"
    en = "Account disabled"


class PasswordChangeRequired(CounterError):
    """The password was right but was set by an administrator: the person must choose a new
    one before going on (sign in again with ``new_password``)."""

    code = "password_change_required"
    zh = "密码已由管理员重置，请设置新密码后再登录"
    en = "The password was reset by an administrator: choose a new one to sign in"


class LastAdministrator(CounterError):
    code = "last_administrator"
    zh = "不能移除最后一名系统管理员"
    en = "The last administrator cannot be removed"


class Conflict(CounterError):
    code = "conflict"
    zh = "操作冲突：{what}"
    en = "Conflict: {what}"


class InvalidState(CounterError):
    code = "invalid_state"
    zh = "当前状态（{state}）不允许此操作"
    en = "Not allowed in the current state ({state})"


class DatabaseUnavailable(CounterError):
    """The database cannot be reached: the connection dropped, or the server does not answer.
    The core itself does not reconnect; the window client does (and says so), and the CLI
    retries a few times before it gives up (:mod:`counter.cli`). ``outcome_unknown``: the
    connection dropped during COMMIT, so whether the work was saved is not known and repeating
    it could do it twice."""

    code = "db_unavailable"
    zh = "无法连接数据库（连接中断或服务器没有响应）"
    en = "The database cannot be reached (the connection dropped or the server does not answer)"

    outcome_unknown: bool = False
    # How many times it was already tried again before giving up (see counter.cli).
    attempts: int = 0


class DatabaseError(CounterError):
    """The database refused a statement for a reason that is not the caller's input. The
    detail is the driver's error class and SQLSTATE only: never the statement's values."""

    code = "db_error"
    zh = "数据库操作失败，请重试或联系管理员"
    en = "The database refused the operation; try again or call the administrator"


class DatabaseBusy(DatabaseError):
    code = "db_busy"
    zh = "数据库繁忙（另一台电脑正在写入），请稍后重试"
    en = "The database is busy (another PC is writing); try again in a moment"


class DatabaseReadOnly(DatabaseError):
    code = "db_read_only"
    zh = "数据库文件只读，无法保存：请检查数据库文件及其所在文件夹的写入权限"
    en = "The database file is read-only: check the write permission of the file and its folder"


class DiskFull(DatabaseError):
    code = "disk_full"
    zh = "磁盘空间已满，无法保存：请清理磁盘后重试，已填写的内容保存在本机"
    en = "The disk is full: free some space and try again (what was typed is kept on this PC)"


class DatabaseCorrupt(DatabaseError):
    code = "db_corrupt"
    zh = "数据库文件已损坏，请停止使用并从备份恢复（counter db backup 的备份）"
    en = "The database file is damaged: stop and restore it from a backup"


class DatabaseNotInitialised(DatabaseError):
    """A table or column the program needs is missing: the database was never migrated, or
    is older than the program (``counter db upgrade``)."""

    code = "db_not_initialised"
    zh = "数据库尚未初始化或版本过旧，请运行 counter db upgrade"
    en = "The database has no tables yet or is out of date: run counter db upgrade"


class InternalError(CounterError):
    """A fault of the program itself (a bug): the details go to the log file only."""

    code = "internal"
    zh = "程序内部错误（详情已写入日志 counter.log），请联系管理员"
    en = "Internal error (details written to counter.log); please call the administrator"


class FileProblem(CounterError):
    """A file or folder named on the command line cannot be read or written."""

    code = "file"
    zh = "无法使用文件 {path}：{why}"
    en = "Cannot use the file {path}: {why}"


class ConfigError(CounterError):
    code = "config"
    zh = "配置错误：{what}"
    en = "Configuration error: {what}"


class NoPasswordInput(CounterError):
    """A password was to be typed but standard input ended first (``</dev/null``, a script or
    a service with no terminal)."""

    code = "no_password_input"
    zh = "没有输入密码（标准输入已结束）；请用 --password-stdin 或在终端中运行"
    en = "no password given (standard input ended): use --password-stdin or run it in a terminal"


class KeyringUnavailable(CounterError):
    """No operating-system keyring answers on this PC (no Secret Service, KWallet or Windows
    Credential Manager): the password is stored nowhere."""

    code = "keyring_unavailable"
    zh = (
        "本机没有可用的系统密钥环，无法安全保存数据库密码，密码未保存。请任选一种办法："
        "① Linux 桌面（统信 UOS、银河麒麟、GNOME、KDE）安装并解锁系统密钥环"
        "（gnome-keyring 或 KWallet，即 Secret Service），Windows 使用“凭据管理器”，然后重新运行 counter setup；"
        "② 每次启动时通过环境变量 COUNTER_DB_PASSWORD 提供密码；"
        "③ 在数据库服务器上为本机开通客户端证书登录（sslcert/sslkey），不再需要密码。"
        "密码不会写入任何文件。"
    )
    en = (
        "No usable OS keyring on this PC, so the database password was not stored. Either "
        "(1) install and unlock the desktop keyring (gnome-keyring or KWallet, i.e. Secret "
        "Service, on UOS, Kylin, GNOME, KDE; Credential Manager on Windows) and run counter setup "
        "again; or (2) pass the password in COUNTER_DB_PASSWORD at start-up; or (3) let this PC "
        "sign in to the database with a client certificate (sslcert/sslkey), which needs no "
        "password. The password is never written to a file."
    )


class KeyringRefused(CounterError):
    """The keyring backend in use keeps secrets in a file of its own (keyrings.alt's plaintext
    or base64 "PlaintextKeyring", its encrypted-file keyring, keyrings.cryptfile, ...): refused
    whatever else is installed, so the password goes to a real OS keyring or nowhere."""

    code = "keyring_refused"
    zh = (
        "密钥环后端 {backend} 把密码存放在本机文件里（明文、base64 编码或靠另一个口令加密），"
        "不是系统密钥环，已拒绝使用，密码未保存。请任选一种办法："
        "① {fix}；再在 Linux 桌面（统信 UOS、银河麒麟、GNOME、KDE）安装并解锁 gnome-keyring 或 KWallet"
        "（Secret Service），Windows 使用“凭据管理器”，然后重新运行 counter setup；"
        "② 每次启动时通过环境变量 COUNTER_DB_PASSWORD 提供密码；"
        "③ 在数据库服务器上为本机开通客户端证书登录（sslcert/sslkey）。"
    )
    en = (
        "The keyring backend {backend} keeps passwords in a file on this PC (plain text, base64 "
        "or encrypted with yet another password), not in the OS keyring: refused, and the "
        "password was not stored. Either (1) {fix}; then install and unlock gnome-keyring or KWallet "
        "(Secret Service) on a Linux desktop (UOS, Kylin, GNOME, KDE) or use Credential Manager "
        "on Windows, and run counter setup again; or (2) pass the password in "
        "COUNTER_DB_PASSWORD at start-up; or (3) sign in to the database with a client "
        "certificate (sslcert/sslkey)."
    )

    def __init__(self, detail: str | Bi | None = None, **params: Any) -> None:
        params.setdefault("fix", REFUSED_FIX_SELECTED)
        super().__init__(detail, **params)


#: The first step of a :class:`KeyringRefused` message when a setting selects the file backend.
REFUSED_FIX_SELECTED = Bi(
    "删除选择该后端的设置（环境变量 PYTHON_KEYRING_BACKEND 或 keyringrc.cfg）",
    "remove the setting that selects it (PYTHON_KEYRING_BACKEND or keyringrc.cfg)",
)


def refused_fix_installed(package: str) -> Bi:
    """The first step of a :class:`KeyringRefused` message when nothing selects the file
    backend: keyring picked it only because ``package`` is installed."""
    return Bi(
        f"卸载提供该后端的软件包 {package}（pip uninstall {package}），"
        "或用 PYTHON_KEYRING_BACKEND / keyringrc.cfg 选择安全的系统密钥环后端",
        f"uninstall {package}, the package that provides it (pip uninstall {package}), or "
        "select a secure OS keyring backend with PYTHON_KEYRING_BACKEND or keyringrc.cfg",
    )


class SealKeyringUnavailable(KeyringUnavailable):
    """No operating-system keyring for the documents' verification key (文书核验密钥)."""

    zh = (
        "本机没有可用的系统密钥环，无法安全保存文书核验密钥，密钥未保存。请任选一种办法："
        "① Linux 桌面（统信 UOS、银河麒麟、GNOME、KDE）安装并解锁系统密钥环"
        "（gnome-keyring 或 KWallet，即 Secret Service），Windows 使用“凭据管理器”，"
        "然后重新运行 counter seal-key new（或 import）；"
        "② 通过环境变量 COUNTER_SEAL_KEY 提供密钥。密钥不会写入任何文件。"
    )
    en = (
        "No usable OS keyring on this PC, so the document verification key (seal key) was not "
        "stored. Either (1) install and unlock the desktop keyring (gnome-keyring or KWallet, "
        "i.e. Secret Service, on UOS, Kylin, GNOME, KDE; Credential Manager on Windows) and run "
        "counter seal-key new (or import) again; or (2) give the key in COUNTER_SEAL_KEY. The "
        "key is never written to a file."
    )


class SealKeyringRefused(KeyringRefused):
    """The keyring backend in use keeps secrets in a file: refused for the verification key
    exactly as for the database password (the same check, :func:`counter.config.os_keyring`)."""

    zh = (
        "密钥环后端 {backend} 把密钥存放在本机文件里（明文、base64 编码或靠另一个口令加密），"
        "不是系统密钥环，已拒绝使用，文书核验密钥未保存。请任选一种办法："
        "① {fix}；再在 Linux 桌面（统信 UOS、银河麒麟、GNOME、KDE）安装并解锁 gnome-keyring 或 KWallet"
        "（Secret Service），Windows 使用“凭据管理器”，然后重新运行 counter seal-key new（或 import）；"
        "② 通过环境变量 COUNTER_SEAL_KEY 提供密钥。"
    )
    en = (
        "The keyring backend {backend} keeps secrets in a file on this PC (plain text, base64 "
        "or encrypted with yet another password), not in the OS keyring: refused, and the "
        "document verification key (seal key) was not stored. Either (1) {fix}; then install "
        "and unlock gnome-keyring or KWallet (Secret Service) on a Linux desktop (UOS, Kylin, GNOME, "
        "KDE) or use Credential Manager on Windows, and run counter seal-key new (or import) "
        "again; or (2) give the key in COUNTER_SEAL_KEY."
    )
