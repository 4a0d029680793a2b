"""A hall's settings (大厅设置) and their defaults: one dictionary per hall in the database
(``hall.settings``); a key missing there takes the default here."""

from __future__ import annotations

from typing import Any

from counter.domain.queue import SETTING_DEFAULTS as QUEUE_SETTING_DEFAULTS
from counter.domain.screens import SCREEN_SETTING_DEFAULTS

DEFAULT_HALL_SETTINGS: dict[str, Any] = {
    **QUEUE_SETTING_DEFAULTS,  # recall limit, no-show policy, weights, appointment window ...
    **SCREEN_SETTING_DEFAULTS,  # kiosk, hall display, window displays, spoken calls
    "evaluation_days": 3,  # 补评期限（天）
    "warn_days": 1,  # 临期预警：到期前 N 个工作日
    "yellow_grace_days": 0,  # 环节超时 N 个工作日后亮黄牌
    "red_grace_days": 0,  # 超过承诺时限 N 个工作日后亮红牌
    "backoffice": "town",  # 村便民服务点：由镇后台审批（town）或本点自审（own）
    "doc_prefix": "",  # 决定书文号前缀（空：取中心名称，如“青山镇审批”）
    "followup_days": 5,  # 差评整改期限（工作日）
    "notice_days": 5,  # 一次性告知补正期限（工作日）
    "contact_phone": "0571-8888 6000",
}


def merged(settings: dict[str, Any] | None) -> dict[str, Any]:
    """The defaults overridden by the hall's own values (a ``None`` value keeps the default)."""
    out = dict(DEFAULT_HALL_SETTINGS)
    out.update({k: v for k, v in (settings or {}).items() if v is not None})
    return out
