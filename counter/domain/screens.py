"""The hall's public screens as a hall configures them (公共屏幕设置), pure: the kiosk (取号机),
the hall display (叫号大屏), the window displays (窗口屏) and the spoken calls (语音叫号).

Every setting lives in the hall's settings (``hall.settings``, JSON) under the key named here;
:data:`SCREEN_SETTING_DEFAULTS` gives the defaults (they are part of
:data:`counter.domain.settings.DEFAULT_HALL_SETTINGS`). A value of the wrong type falls back to
its default rather than stopping a kiosk in the hall: a screen must never be stuck.

Which queue an item (事项) sends the citizen to — :class:`Routes`, setting ``kiosk_routes``::

    {"default": "A",                       # every item not named below
     "departments": {"社会保障服务中心": "B"},   # by department name (or code)
     "items": {"QS-MZ-001": "A"}}           # by item code: wins over its department

A route naming a queue the hall does not have (or has closed down) falls back to ``default``,
then to the hall's first queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from counter.domain.queue import PRIORITY_REASONS

__all__ = [
    "SCREEN_SETTING_DEFAULTS",
    "DisplaySettings",
    "KioskSettings",
    "Routes",
    "VoiceSettings",
    "display_settings",
    "kiosk_settings",
    "qr_text",
    "voice_settings",
]

SCREEN_SETTING_DEFAULTS: dict[str, Any] = {
    # 取号机
    "kiosk_green_channel": True,  # 绿色通道按钮（老年人、残疾人、孕妇、军人）
    "kiosk_green_reasons": list(PRIORITY_REASONS),
    "kiosk_item_search": True,  # 按事项查找（名称、拼音首字母）
    "kiosk_appointments": True,  # 预约签到
    "kiosk_routes": {"default": "", "departments": {}, "items": {}},  # 事项 → 队列
    "kiosk_idle_seconds": 40,  # 无操作多少秒后回到首页
    "kiosk_result_seconds": 15,  # 取号成功页停留秒数
    "kiosk_qr_url": "",  # 号票二维码内容，可含 {hall} {number} {day} {ticket_id}
    "kiosk_qr_caption": "微信扫码查看排队进度、评价服务",
    "kiosk_ticket_footer": "请留意叫号，过号请到咨询台",
    "kiosk_print_failure": "show",  # 打印失败时：show 显示号码供拍照；void 作废该号
    # 叫号大屏与窗口屏
    "display_notice": "",  # 滚动通知
    "display_highlight_seconds": 8,  # 新叫号突出显示秒数
    "display_recent_calls": 6,  # 最近叫号条数
    "display_show_clerk": True,  # 窗口屏显示工作人员姓名与工号
    # 语音叫号
    "voice_mode": "auto",  # auto（有中文语音引擎用之，否则用录音片段）| tts | segments | off
    "voice_repeat": 2,  # 每次叫号播报遍数
    "voice_volume": 80,  # 0–100
    "voice_chime": True,  # 播报前提示音
}

PRINT_FAILURE_POLICIES = ("show", "void")
VOICE_MODES = ("auto", "tts", "segments", "off")


def _get(settings: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = settings.get(key)
    default = SCREEN_SETTING_DEFAULTS[key]
    if value is None or isinstance(value, bool) is not isinstance(default, bool):
        return default
    return value if isinstance(value, kind) else default


def _int(settings: Mapping[str, Any], key: str, lo: int, hi: int) -> int:
    value = _get(settings, key, int)
    return max(lo, min(hi, int(value)))


def _text(settings: Mapping[str, Any], key: str, limit: int = 500) -> str:
    return str(_get(settings, key, str)).strip()[:limit]


@dataclass(frozen=True)
class Routes:
    """Which queue an item goes to (see the module docstring)."""

    default: str = ""
    departments: Mapping[str, str] = field(default_factory=dict)
    items: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, raw: Any) -> Routes:
        if not isinstance(raw, Mapping):
            return cls()

        def table(value: Any) -> dict[str, str]:
            if not isinstance(value, Mapping):
                return {}
            return {str(k).strip(): str(v).strip().upper() for k, v in value.items() if v}

        return cls(
            default=str(raw.get("default") or "").strip().upper(),
            departments=table(raw.get("departments")),
            items=table(raw.get("items")),
        )

    def queue_for(
        self,
        item_code: str,
        department: str,
        queues: Sequence[str],
        department_code: str = "",
    ) -> str | None:
        """The prefix of the queue for an item, among the hall's ``queues`` (in their order);
        ``None`` only when the hall has no queue at all."""
        for wanted in (
            self.items.get(item_code),
            self.departments.get(department),
            self.departments.get(department_code) if department_code else None,
            self.default,
        ):
            if wanted and wanted in queues:
                return wanted
        return queues[0] if queues else None


@dataclass(frozen=True)
class KioskSettings:
    """What a hall's kiosk offers and how it behaves."""

    green_channel: bool
    green_reasons: tuple[tuple[str, str], ...]  # (code, 中文)
    item_search: bool
    appointments: bool
    routes: Routes
    idle_seconds: int
    result_seconds: int
    qr_url: str
    qr_caption: str
    ticket_footer: str
    print_failure: str  # "show" | "void"


def kiosk_settings(settings: Mapping[str, Any]) -> KioskSettings:
    """The kiosk's settings out of a hall's settings (defaults for what is missing or bad)."""
    reasons_raw = _get(settings, "kiosk_green_reasons", (list, tuple))
    reasons = tuple(
        (str(r), PRIORITY_REASONS[str(r)]) for r in reasons_raw if str(r) in PRIORITY_REASONS
    )
    failure = _text(settings, "kiosk_print_failure")
    return KioskSettings(
        green_channel=bool(_get(settings, "kiosk_green_channel", bool)) and bool(reasons),
        green_reasons=reasons,
        item_search=bool(_get(settings, "kiosk_item_search", bool)),
        appointments=bool(_get(settings, "kiosk_appointments", bool)),
        routes=Routes.parse(settings.get("kiosk_routes")),
        idle_seconds=_int(settings, "kiosk_idle_seconds", 10, 600),
        result_seconds=_int(settings, "kiosk_result_seconds", 5, 120),
        qr_url=_text(settings, "kiosk_qr_url", 200),
        qr_caption=_text(settings, "kiosk_qr_caption", 40),
        ticket_footer=_text(settings, "kiosk_ticket_footer", 60),
        print_failure=failure if failure in PRINT_FAILURE_POLICIES else "show",
    )


def qr_text(template: str, *, hall: str, number: str, day: dt.date, ticket_id: int) -> str:
    """The ticket's QR payload from the hall's template (``""``: no QR code). Unknown
    placeholders are left as written; nothing personal can be put in (only these four)."""
    if not template:
        return ""
    values = {"hall": hall, "number": number, "day": day.isoformat(), "ticket_id": ticket_id}
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


@dataclass(frozen=True)
class VoiceSettings:
    """How calls are spoken: ``mode`` auto | tts | segments | off; ``repeat`` times each call
    (1–5); ``volume`` 0–100; ``chime`` before each call."""

    mode: str
    repeat: int
    volume: int
    chime: bool


def voice_settings(settings: Mapping[str, Any]) -> VoiceSettings:
    mode = _text(settings, "voice_mode")
    return VoiceSettings(
        mode=mode if mode in VOICE_MODES else "auto",
        repeat=_int(settings, "voice_repeat", 1, 5),
        volume=_int(settings, "voice_volume", 0, 100),
        chime=bool(_get(settings, "voice_chime", bool)),
    )


@dataclass(frozen=True)
class DisplaySettings:
    """What the hall display and the window displays show."""

    notice: str
    highlight_seconds: int
    recent_calls: int
    show_clerk: bool
    voice: VoiceSettings


def display_settings(settings: Mapping[str, Any]) -> DisplaySettings:
    return DisplaySettings(
        notice=_text(settings, "display_notice", 1000),
        highlight_seconds=_int(settings, "display_highlight_seconds", 2, 60),
        recent_calls=_int(settings, "display_recent_calls", 1, 12),
        show_clerk=bool(_get(settings, "display_show_clerk", bool)),
        voice=voice_settings(settings),
    )
