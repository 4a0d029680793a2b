"""A hall's settings (大厅设置) and their defaults: one dictionary per hall in the database
(``hall.settings``); a key missing there takes the default here."""

from __future__ import annotations

from typing import Any

from counter.domain.queue import SETTING_DEFAULTS as QUEUE_SETTING_DEFAULTS
from counter.domain.refusals import REFERRAL_BODIES
from counter.domain.screens import SCREEN_SETTING_DEFAULTS

DEFAULT_HALL_SETTINGS: dict[str, Any] = {
    **QUEUE_SETTING_DEFAULTS,  # recall limit, no-show policy, weights, appointment window ...
    **SCREEN_SETTING_DEFAULTS,  # kiosk, hall display, window displays, spoken calls
    "target_wait_minutes": 15,  # 目标等候时间：报表里“N分钟内叫号占比”的 N
    "evaluation_days": 3,  # 补评期限（天）
    "warn_days": 1,  # 临期预警：到期前 N 个工作日
    "yellow_grace_days": 0,  # 环节超时 N 个工作日后亮黄牌
    "red_grace_days": 0,  # 超过承诺时限 N 个工作日后亮红牌
    # 常用事项: item codes the window client's item finder lists first, in this order (then the
    # items this window accepts most often)
    "frequent_items": [],
    "backoffice": "town",  # 村便民服务点：由镇后台审批（town）或本点自审（own）
    "doc_prefix": "",  # 决定书文号前缀（空：取中心名称，如“青山镇审批”）
    "followup_days": 5,  # 差评整改期限（工作日）
    # 申请人补正材料的期限（工作日，自收到一次性告知书之日起算，截止日当天计入）；与法定的
    # “五日内一次性告知”（本中心的告知时限）不是一回事
    "notice_days": 5,
    "contact_phone": "0571-8888 6000",
    # 不予受理通知书、不予许可决定书写明的行政复议机关与管辖法院（空：写“依法申请行政复议”
    # “向人民法院提起行政诉讼”，不点名机关）
    "review_body": "",  # 行政复议机关，如“青山县人民政府”
    "court": "",  # 行政诉讼管辖法院，如“青山县人民法院”
    # 申请事项不属于本机关职权范围时（行政许可法第三十二条第一款第（二）项）窗口可供选择的、
    # 告知申请人前往申请的机关（窗口仍可另行填写）
    "referral_bodies": list(REFERRAL_BODIES),
    # 窗口文书（受理回执、一次性告知书、不予受理通知书）加盖哪枚章：
    # acceptance 受理专用章；approval 行政审批专用章（本中心窗口文书也用审批章的）
    "window_seal": "acceptance",
    # 不盖章文书（领取回执）的落款单位名称（空：取中心名称）。盖章文书的落款一律取所盖印章上的
    # 单位名称（counter.documents.seal_text.signoff_of），落款与印章始终一致
    "signoff": "",
}


def merged(settings: dict[str, Any] | None) -> dict[str, Any]:
    """The defaults overridden by the hall's own values (a ``None`` value keeps the default)."""
    out = dict(DEFAULT_HALL_SETTINGS)
    out.update({k: v for k, v in (settings or {}).items() if v is not None})
    return out
