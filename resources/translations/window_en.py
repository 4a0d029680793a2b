"""English of the window client's strings not in ``fill_en.EN`` yet: the applicant panel, the
checklist, the citizen screen, hand-out, rare characters, the password change at sign-in and
the finish warnings (merged into ``fill_en.EN`` and ``DYNAMIC``)."""

from __future__ import annotations

EN = {
    # applicant panel, rare characters
    "生僻字": "Rare char",
    "按字符编码输入生僻字（如 U+20000）；也可在姓名中输入编码后按 Alt+X": (
        "Enter a rare character by its code point (e.g. U+20000); or type the code in the name "
        "and press Alt+X"
    ),
    "输入生僻字": "Enter a rare character",
    "输入字符编码（如 U+20000，多个用空格分开），回车插入到姓名中": (
        "Type the code point (e.g. U+20000; several separated by spaces); Enter inserts it into "
        "the name"
    ),
    # checklist
    "空格 收到/缺少 · N 不适用（两者都移到下一行）· F 原件/复印件 · +/− 份数 · F8 全部收齐": (
        "Space received/missing · N not applicable (both move to the next row) · "
        "F original/copy · +/− copies · F8 all received"
    ),
    "已收": "Received",
    "缺": "Missing",
    "不适用": "N/A",
    "待核": "To check",
    "容缺/按情形": "Tolerated / if applicable",
    # citizen screen (the evaluation)
    "%1（办件号 %2）": "%1 (case %2)",
    "您正在评价：": "You are rating: ",
    "您正在评价：%1号本次窗口服务": "You are rating the service for ticket %1",
    "您正在评价：本次窗口服务": "You are rating this window's service",
    # hand-out
    "办结时间": "Completed at",
    "交付结果": "Results",
    "%1 × %2": "%1 × %2",
    "无证照（办理结果：%1）": "No certificate (outcome: %1)",
    "已领取，不能重复出件": "Already collected; it cannot be handed out again",
    "（%1）": " (%1)",
    "未办结，预计%1月%2日办结": "Not completed yet; expected by %1/%2 (month/day)",
    "未办结": "Not completed yet",
    "此办件当前状态为“%1”，不能出件": "This case is “%1”: it cannot be handed out",
    "办结后方可出件：请告知申请人预计办结日期": (
        "Hand-out only once completed: tell the applicant the expected date"
    ),
    # the password change at sign-in
    "新密码（至少8位，不能全是数字）": "8+ characters, not only digits",
    "再输入一次新密码": "The new password again",
    "新密码": "New password",
    "确认新密码": "Confirm",
    "两次输入的新密码不一致": "The two new passwords differ",
    # finishing a visit (F6)
    "还有 %1 项未办理（已保存草稿）": "%1 item(s) still pending (draft saved)",
    "本次未办理任何事项": "No item was handled in this visit",
    "。确认结束本次服务请再按 F6": ". Press F6 again to end the visit",
    "正在读取材料清单，读取后全部收齐（F8）": (
        "Loading the materials; all are marked received (F8) once loaded"
    ),
    "非必要或按情形的材料缺少不影响受理（Ctrl+Enter）": (
        "Optional or conditional materials missing do not prevent accepting (Ctrl+Enter)"
    ),
    # the queue bar's ticket badge
    "绿色通道·%1": "Priority · %1",
    "预约 %1": "Appointment %1",
    "预约": "Appointment",
    "老年人": "elderly",
    "残疾人": "disabled",
    "孕妇": "pregnant",
    "军人/退役军人": "military / veteran",
    # why an item matched the search (the core's words, then the term)
    "匹配：%1": "Match: %1",
    "拼音首字母含": "initials contain",
    "拼音首字母": "initials",
    "拼音含": "pinyin contains",
    "拼音": "pinyin",
    "编码开头": "code starts with",
    "编码含": "code contains",
    "名称开头": "name starts with ",
    "名称含": "name contains ",
    # the finish warning names several cases
    "办件 %1 的文书尚未打印（Ctrl+P 打印）": "Documents not printed yet for %1 (Ctrl+P prints)",
}

DYNAMIC = {
    "checklist": ["已收", "缺", "不适用", "待核", "原件", "复印件", "原件及复印件", "必要",
                  "非必要", "按情形"],  # fmt: skip
    "queue": ["老年人", "残疾人", "孕妇", "军人/退役军人"],
}

BY_CONTEXT = {
    "match": {"编码": "code", "名称": "name"},
    "OutcomePanel": {"不予受理": "Refuse"},  # the button; the case stays "Not accepted"
}
