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
}
