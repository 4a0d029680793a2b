"""English of the strings added on branch i9more (postal delivery and the held originals,
returning originals after 出件)."""

EN = {
    "暂存原件随件寄回": "Enclose the held originals",
    "不勾选：暂存的原件继续由本中心保管，待申请人来领取": (
        "Unticked: the held originals stay with the hall for the applicant to collect"
    ),
}
