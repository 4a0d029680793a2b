"""How an administrator edits a hall's settings (大厅设置): a label and a type per key.

The editor (``ui/admin``) and ``counter hall set KEY=VALUE`` are built over
:data:`counter.domain.settings.DEFAULT_HALL_SETTINGS`, not over a list of their own: a key added
there appears in both without more work. :data:`LABELS` gives a key its Chinese and English
label and its group; a key without a label is shown under 其他 with its own name. The type of a
key is its default's type (``bool``, ``int``, ``float``, ``str``; a list or a mapping is edited as
JSON, a list of names in :data:`LINES` one name a line, the lists of item codes of
:data:`CODE_LISTS` typed as codes separated by commas or spaces); :data:`CHOICES` lists the
values a text key may take, when it is a choice.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from counter.domain.checkchars import normalize_code
from counter.domain.settings import DEFAULT_HALL_SETTINGS
from counter.domain.text import bad_character
from counter.errors import Bi, InvalidInput

#: Groups in the order the editor shows them.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("documents", "文书与落款", "Documents"),
    ("deadlines", "时限与督办", "Deadlines"),
    ("queue", "排队叫号", "Queueing"),
    ("window", "窗口受理", "Window intake"),
    ("kiosk", "取号机", "Kiosk"),
    ("display", "显示屏与语音", "Displays and voice"),
    ("other", "其他", "Other"),
)

#: key → (Chinese label, English label, group)
LABELS: dict[str, tuple[str, str, str]] = {
    # documents
    "doc_prefix": ("文号前缀", "Document number prefix", "documents"),
    "review_body": ("复议机关", "Administrative review body", "documents"),
    "court": ("诉讼法院", "Court for litigation", "documents"),
    "referral_bodies": (
        "告知申请人前往的机关（每行一个）",
        "Bodies to refer applicants to (one a line)",
        "documents",
    ),
    "signature": ("落款", "Signature line", "documents"),
    "seal_choice": ("落款用章", "Seal on documents", "documents"),
    "contact_phone": ("咨询电话", "Contact phone", "documents"),
    "window_seal": ("窗口文书用章", "Seal on window documents", "documents"),
    "signoff": (
        "不盖章文书的落款单位（空：中心名称）",
        "Sign-off of unsealed documents",
        "documents",
    ),
    "backoffice": ("后台审批（村便民服务点）", "Back office of a village point", "documents"),
    # deadlines
    "warn_days": ("临期预警（到期前工作日）", "Warning: working days before", "deadlines"),
    "yellow_grace_days": ("黄牌：环节超时后工作日", "Yellow card after (days)", "deadlines"),
    "red_grace_days": ("红牌：超承诺时限后工作日", "Red card after (days)", "deadlines"),
    "notice_days": ("一次性告知补正期限（工作日）", "Correction period (days)", "deadlines"),
    "followup_days": (
        "差评整改期限（工作日）",
        "Bad-evaluation follow-up (working days)",
        "deadlines",
    ),
    "evaluation_days": ("补评期限（天）", "Late evaluation (days)", "deadlines"),
    # queue
    "recall_limit": ("重呼次数上限", "Recall limit", "queue"),
    "no_show_policy": ("过号处理", "No-show rule", "queue"),
    "requeue_after": ("过号重排：排在其后几位", "Re-queue after N tickets", "queue"),
    "requeue_limit": ("过号最多重排次数", "Re-queue at most", "queue"),
    "weight_minutes": ("队列权重折合分钟", "Minutes per weight point", "queue"),
    "default_service_minutes": ("默认办理时长（分钟）", "Default service minutes", "queue"),
    "appointment_early_minutes": ("预约提前签到（分钟）", "Appointment early check-in", "queue"),
    "appointment_late_minutes": ("预约迟到签到（分钟）", "Appointment late check-in", "queue"),
    "target_wait_minutes": ("目标等候时间（分钟）", "Target wait (minutes)", "queue"),
    # window intake
    "frequent_items": (
        "常用事项（事项编码，依次排在事项查找最前）",
        "Frequent items (item codes, first in the item finder)",
        "window",
    ),
    # kiosk
    "kiosk_green_channel": ("绿色通道", "Green channel", "kiosk"),
    "kiosk_green_reasons": ("绿色通道对象", "Green channel reasons", "kiosk"),
    "kiosk_item_search": ("按事项取号", "Ticket by item", "kiosk"),
    "kiosk_appointments": ("预约签到", "Appointment check-in", "kiosk"),
    "kiosk_routes": ("事项分流到队列", "Item routes to queues", "kiosk"),
    "kiosk_idle_seconds": ("无操作返回首页（秒）", "Idle return (seconds)", "kiosk"),
    "kiosk_result_seconds": ("取号结果显示（秒）", "Result shown (seconds)", "kiosk"),
    "kiosk_qr_url": ("号票二维码网址", "Ticket QR address", "kiosk"),
    "kiosk_qr_caption": ("二维码说明", "QR caption", "kiosk"),
    "kiosk_ticket_footer": ("号票底部提示", "Ticket footer", "kiosk"),
    "kiosk_print_failure": ("打印失败时", "When printing fails", "kiosk"),
    # display and voice
    "display_notice": ("大屏滚动通知", "Display notice", "display"),
    "display_highlight_seconds": ("叫号高亮（秒）", "Call highlight (seconds)", "display"),
    "display_recent_calls": ("显示最近叫号数", "Recent calls shown", "display"),
    "display_show_clerk": ("窗口屏显示工作人员", "Window display shows the clerk", "display"),
    "voice_mode": ("语音播报方式", "Voice mode", "display"),
    "voice_repeat": ("播报次数", "Times each call is said", "display"),
    "voice_volume": ("音量（0–100）", "Volume (0–100)", "display"),
    "voice_chime": ("播报前提示音", "Chime before a call", "display"),
}

#: Text keys that take one of a few values.
CHOICES: dict[str, tuple[str, ...]] = {
    "no_show_policy": ("requeue", "void"),
    "backoffice": ("town", "own"),
    "kiosk_print_failure": ("show", "void"),
    "voice_mode": ("auto", "tts", "recorded", "silent"),
    "window_seal": ("acceptance", "approval"),
}

#: How a choice is named on the screen: key → value → Chinese words.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "no_show_policy": {"requeue": "重新排队", "void": "作废"},
    "backoffice": {"town": "由镇后台审批", "own": "本点自行审批"},
    "kiosk_print_failure": {"show": "在屏幕上显示号码", "void": "作废号票"},
    "voice_mode": {"auto": "自动", "tts": "语音合成", "recorded": "录音片段", "silent": "静音"},
    "window_seal": {"acceptance": "受理专用章", "approval": "行政审批专用章"},
}

#: List keys edited as lines of text (one name a line), each line a non-empty name.
LINES: dict[str, tuple[int, int]] = {"referral_bodies": (50, 60)}  # at most N names of M chars

#: Keys that are not settings a person edits (the demo flag, internal state).
HIDDEN = frozenset({"demo"})

#: List keys holding item codes (edited as codes separated by commas or spaces).
CODE_LISTS = frozenset({"frequent_items"})
MAX_CODES = 30
_CODE_SEP = re.compile(r"[\s,，、;；]+")

#: Integer keys with bounds (inclusive).
BOUNDS: dict[str, tuple[int, int]] = {
    "voice_volume": (0, 100),
    "voice_repeat": (0, 5),
    "recall_limit": (0, 20),
    "target_wait_minutes": (1, 240),
}


@dataclass(frozen=True)
class SettingField:
    """One row of the settings editor: the key, its labels and group, its type (``bool``,
    ``int``, ``float``, ``text``, ``json``, ``lines``: a list of names, ``codes``: item codes),
    the choices of a choice key, the hall's value and
    the default (``None`` for a key the hall has but no default names)."""

    key: str
    label_zh: str
    label_en: str
    group: str
    type: str
    choices: tuple[str, ...]
    value: Any
    default: Any


def type_of(key: str, value: Any = None) -> str:
    """The editor's type of ``key``: its default's type, else the value's; text otherwise."""
    if key in CODE_LISTS:
        return "codes"
    probe = DEFAULT_HALL_SETTINGS.get(key, value)
    if isinstance(probe, bool):
        return "bool"
    if isinstance(probe, int):
        return "int"
    if isinstance(probe, float):
        return "float"
    if key in LINES:
        return "lines"
    if isinstance(probe, list | dict):
        return "json"
    return "text"


def fields(settings: dict[str, Any]) -> tuple[SettingField, ...]:
    """Every editable key — each default, then the hall's own extra keys — in group order."""
    keys = [k for k in DEFAULT_HALL_SETTINGS if k not in HIDDEN]
    keys += [k for k in settings if k not in DEFAULT_HALL_SETTINGS and k not in HIDDEN]
    order = {g: n for n, (g, _zh, _en) in enumerate(GROUPS)}
    out = []
    for key in keys:
        zh, en, group = LABELS.get(key, (key, key, "other"))
        value = settings.get(key, DEFAULT_HALL_SETTINGS.get(key))
        out.append(
            SettingField(
                key,
                zh,
                en,
                group,
                type_of(key, value),
                CHOICES.get(key, ()),
                value,
                DEFAULT_HALL_SETTINGS.get(key),
            )  # fmt: skip
        )
    out.sort(key=lambda f: order.get(f.group, len(order)))
    return tuple(out)


def check_value(key: str, value: Any) -> Any:
    """``value`` for ``key`` if it has the key's type and is allowed, else
    :class:`InvalidInput` naming the key. Text is stripped and limited to 500 characters."""
    kind = type_of(key, value)
    if key in HIDDEN:
        raise InvalidInput(f"{key} 不可修改", field=key)
    if kind == "bool":
        if not isinstance(value, bool):
            raise InvalidInput("应为 是/否 (true/false)", field=key)
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("应为整数", field=key)
        low, high = BOUNDS.get(key, (0, 100_000))
        if not low <= value <= high:
            raise InvalidInput(f"应在 {low} 至 {high} 之间", field=key)
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise InvalidInput("应为非负数", field=key)
        value = float(value)
    elif kind == "codes":
        value = parse_codes(key, value)
    elif kind == "json":
        want = type(DEFAULT_HALL_SETTINGS.get(key, value))
        if not isinstance(value, want):
            raise InvalidInput("应为列表" if want is list else "应为对象", field=key)
    elif kind == "lines":
        value = check_lines(key, value)
    else:
        if not isinstance(value, str):
            raise InvalidInput("应为文本", field=key)
        value = value.strip()
        if len(value) > 500 or bad_character(value) is not None:
            raise InvalidInput(
                Bi("文本过长或含控制字符", "too long, or holds a control character"), field=key
            )
        if key in CHOICES and value not in CHOICES[key]:
            raise InvalidInput(f"应为 {'、'.join(CHOICES[key])} 之一", field=key)
    return value


def check_lines(key: str, value: Any) -> list[str]:
    """A list of names (a ``LINES`` key): each stripped, none empty, without control
    characters, at most ``LINES[key]`` names and characters; repeats are dropped."""
    most, chars = LINES[key]
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InvalidInput("应为名称列表（每行一个）", field=key)
    names = list(dict.fromkeys(v.strip() for v in value if v.strip()))
    if len(names) > most:
        raise InvalidInput(f"最多{most}项", field=key)
    for name in names:
        if len(name) > chars or any(ord(c) < 32 for c in name):
            raise InvalidInput(f"每项最多{chars}字，且不含控制字符", field=key)
    return names


def parse_codes(key: str, value: Any) -> list[str]:
    """Item codes for a :data:`CODE_LISTS` key, from a list of strings or from text (codes
    separated by commas, spaces or 、): normalised (upper case, no spaces), duplicates dropped,
    in order; at most :data:`MAX_CODES` of at most 40 characters each, else
    :class:`InvalidInput` naming the key. Whether the items exist is not checked here."""
    if isinstance(value, str):
        raw = [c for c in _CODE_SEP.split(value) if c]
    elif isinstance(value, list) and all(isinstance(c, str) for c in value):
        raw = value
    else:
        raise InvalidInput("应为事项编码，用逗号或空格分隔", field=key)
    out: list[str] = []
    for c in raw:
        code = normalize_code(c)
        if not code:
            continue
        if len(code) > 40 or any(ord(ch) < 32 for ch in code):
            raise InvalidInput("事项编码过长或含控制字符", field=key)
        if code not in out:
            out.append(code)
    if len(out) > MAX_CODES:
        raise InvalidInput(f"最多 {MAX_CODES} 个事项", field=key)
    return out


def parse_value(key: str, text: str) -> Any:
    """A value typed as text (``counter hall set KEY=VALUE``, the editor's line edits) as the
    key's type, checked by :func:`check_value`."""
    kind = type_of(key)
    raw = text.strip()
    value: Any
    if kind == "bool":
        low = raw.lower()
        if low in ("1", "true", "yes", "on", "是"):
            value = True
        elif low in ("0", "false", "no", "off", "否"):
            value = False
        else:
            raise InvalidInput("应为 是/否 (true/false)", field=key)
    elif kind == "int":
        try:
            value = int(raw)
        except ValueError:
            raise InvalidInput("应为整数", field=key) from None
    elif kind == "float":
        try:
            value = float(raw)
        except ValueError:
            raise InvalidInput("应为数字", field=key) from None
    elif kind == "codes":
        value = raw
    elif kind == "json":
        try:
            value = json.loads(raw, parse_constant=lambda _c: None)
        except (ValueError, RecursionError):
            raise InvalidInput("应为 JSON", field=key) from None
    elif kind == "lines":  # one name a line; on a command line 、 or ; separates them too
        value = raw.replace("；", "\n").replace(";", "\n").replace("、", "\n")
    else:
        value = text
    return check_value(key, value)
