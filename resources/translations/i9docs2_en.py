"""English of the strings added for the window's papers, second pass: originals returned,
referral bodies, refusal grounds, the 文号 sequence, inactive catalogue items (merged into
``fill_en.EN``)."""

from __future__ import annotations

EN = {
    "原件当场退还": "Original returned on the spot",
    "原件暂存，出件时退还": "Original held, returned at hand-out",
    "原件留存": "Original kept on file",
    "原件已于出件时退还": "Original returned at hand-out",
    "空格 收到/缺少 · N 不适用（两者都移到下一行）· F 原件/复印件 · +/− 份数"
    " · R 原件退还/暂存/留存 · F8 全部收齐": "Space received/missing · N not applicable (both move"
    " to the next row) · F original/copy · +/− copies · R original returned/held/kept"
    " · F8 all received",
    "退还暂存的原件（未退还的请取消勾选）": "Held originals to return (untick any not returned now)",
    "其他理由（自行填写，须注明依据）": "Other reason (typed, with its legal ground)",
    "该理由的依据（必选，将写入通知书）：": "What the reason rests on (required, printed on the notice):",
    "请选择依据": "Choose the ground",
    "依法不需要取得行政许可（第三十二条第一款第（一）项）": "No licence needed (art. 32(1)(i))",
    "依法不属于本机关职权范围（第三十二条第一款第（二）项）": "Not within this body's competence (art. 32(1)(ii))",
    "本事项的设定依据（事项目录所载法律依据）": "The item's own legal basis (as the catalogue gives it)",
    "不予受理的理由（必填）": "Reason for not accepting (required)",
    "文号（本年度）": "Document numbers (this year)",
    "设置下一个号": "Set the next number",
    "下一个：%1（已用至第%2号）": "Next: %1 (used up to no. %2)",
    "文号已设置": "Document number set",
    "决定书文号": "Decision numbers",
    "不予受理通知书文号": "Refusal notice numbers",
}
