"""English of the strings added on branch i9more (postal delivery and the held originals,
returning originals after 出件)."""

EN = {
    "暂存原件随件寄回": "Enclose the held originals",
    "不勾选：暂存的原件继续由本中心保管，待申请人来领取": (
        "Unticked: the held originals stay with the hall for the applicant to collect"
    ),
    "退还原件": "Return originals",
    "；暂存的原件尚未退还：勾选后按“退还原件”": (
        "; held originals not yet returned: tick them and press “Return originals”"
    ),
    "请勾选要退还的原件": "Tick the originals to return",
    "✓ 原件已退还，请申请人在退还材料回执上签字": (
        "✓ Originals returned: ask the applicant to sign the receipt for returned materials"
    ),
    "已退还原件：%1，请打印退还材料回执（Ctrl+P）": (
        "Originals returned: %1. Print the receipt for returned materials (Ctrl+P)"
    ),
    "本事项未载明法律依据：请选“其他理由”，写明理由并选择第三十二条的相应项": (
        "This item records no legal basis: choose “other reason”, type it and choose the "
        "ground of article 32 it rests on"
    ),
}
