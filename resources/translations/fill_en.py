"""Fill counter_en.ts with the English of every Chinese source string, then compile it.

Run after ``pyside6-lupdate`` (see README in this folder):

    .venv/bin/python resources/translations/fill_en.py

Strings built at run time from a table (queue actions, checklist columns, ID types…) are added
to their context here, since lupdate cannot see them.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "counter_en.ts"

EN = {
    # Hall manager (ui/manager)
    "差评回访整改": "Follow-up of a bad evaluation",
    "%1 · %2 · %3": "%1 · %2 · %3",
    "群众意见：%1": "Citizen's comment: %1",
    "已回访（电话或上门）": "Contacted (by phone or in person)",
    "已整改，办结此差评": "Resolved; close this follow-up",
    "情况说明：回访结果、整改措施（必填）": "Explanation: outcome of the call, what was fixed (required)",
    "保存": "Save",
    "请填写情况说明": "Please write the explanation",
    "请勾选“已回访”或“已整改”": "Tick “Contacted” or “Resolved”",
    "等候人数": "Waiting",
    "最长等候": "Longest wait",
    "今日办结（号）": "Served today",
    "今日取号": "Issued today",
    "临期 / 超期办件": "Cases due / overdue",
    "待整改差评": "Bad evaluations to follow up",
    "各队列": "Queues",
    "队列": "Queue",
    "等候": "Waiting",
    "最长等候（分）": "Longest wait (min)",
    "开放窗口": "Open windows",
    "今日办结": "Served today",
    "各窗口": "Windows",
    "临期与超期办件": "Cases near or past their deadline",
    "督办": "Card",
    "办件编号": "Case no.",
    "部门": "Department",
    "环节": "Node",
    "承诺期限": "Promised by",
    "剩余工作日": "Working days left",
    "受理人": "Accepted by",
    "筛选办件、事项、部门…": "Filter cases, items, departments…",
    "（逾期）": " (late)",
    "待回访整改的差评": "Bad evaluations awaiting follow-up",
    "时间": "Time",
    "等级": "Level",
    "原因": "Reasons",
    "办件 / 号票": "Case / ticket",
    "窗口": "Window",
    "工作人员": "Clerk",
    "整改期限": "Follow up by",
    "意见": "Comment",
    "记录回访整改…": "Record follow-up…",
    "上周同日同时段 %1%2": "Same weekday last week, same time: %1%2",
    "上周同日同时段 %1": "Same weekday last week, same time: %1",
    "目标 %1 分钟内": "Target: within %1 min",
    "其中红牌 %1": "Red cards: %1",
    "其中逾期 %1": "Late: %1",
    "登录 — 大厅管理": "Sign in — hall manager",
    "便民服务中心 · 大厅管理": "Service hall · manager",
    "实时大厅、日报与期间报表": "Live hall, day and period reports",
    "演示账号：4001 或 9001，密码 demo1234": "Demo sign-in: 4001 or 9001, password demo1234",
    "请输入工号和密码": "Enter the staff number and password",
    "大厅管理 — %1": "Hall manager — %1",
    "实时大厅": "Live hall",
    "日报": "Day report",
    "期间报表": "Period report",
    "实时刷新已中断，正在重连…": "Live updates interrupted; reconnecting…",
    "数据库连接中断，正在重连…": "Database connection lost; reconnecting…",
    "从": "From",
    "到": "to",
    "近7天": "Last 7 days",
    "近30天": "Last 30 days",
    "近一年": "Last year",
    "日期": "Date",
    "今天": "Today",
    "昨天": "Yesterday",
    "生成报表": "Generate",
    "导出…": "Export…",
    "取号 / 办结": "Issued / served",
    "平均等候（分）": "Mean wait (min)",
    "等候90分位（分）": "90th pct wait (min)",
    "平均办理（分）": "Mean service (min)",
    "受理 / 办结办件": "Cases accepted / completed",
    "按时办结率": "On-time rate",
    "一次办成率": "First-visit rate",
    "满意率": "Satisfaction",
    "图表": "Charts",
    "按时段": "By hour",
    "按窗口": "By window",
    "按工作人员": "By clerk",
    "按队列": "By queue",
    "是": "Yes",
    "办件（按事项）": "Cases by item",
    "事项编码": "Item code",
    "事项名称": "Item",
    "超期": "Overdue",
    "筛选事项、部门…": "Filter items, departments…",
    "办件（按部门）": "Cases by department",
    "差评及整改": "Bad evaluations and follow-up",
    "号票": "Ticket",
    "整改状态": "Follow-up",
    "情况说明": "Explanation",
    "每日趋势": "Daily trend",
    "取号": "Issued",
    "平均等候": "Mean wait",
    "等候90分位": "90th pct wait",
    "受理办件": "Cases accepted",
    "办结办件": "Cases completed",
    "差评": "Bad",
    "每日": "By day",
    "项目": "Line",
    "转办": "Transferred",
    "等候中位数": "Median wait",
    "平均办理": "Mean service",
    "办理90分位": "90th pct service",
    "等候达标率": "Within target",
    "在岗窗口": "Windows working",
    "已取消报表生成": "Report cancelled",
    "过号 %1 · 转办 %2": "No-show %1 · transferred %2",
    "中位数 %1": "Median %1",
    "最长 %1": "Longest %1",
    "90分位 %1": "90th pct %1",
    "超期 %1": "Overdue %1",
    "即办件 %1": "On the spot %1",
    "评价 %1 · 差评 %2": "Evaluations %1 · bad %2",
    "各时段到达与在岗窗口": "Arrivals by hour and windows working",
    "等候时长分布（分钟）": "Waiting time (minutes)",
    "受理最多的事项": "Most accepted items",
    "平均等候（分，右轴）": "Mean wait (min, right axis)",
    "已取消导出": "Export cancelled",
    "筛选…": "Filter…",
    "%1 行": "%1 rows",
    "%1 / %2 行": "%1 / %2 rows",
    "导出报表": "Export report",
    "申请人": "Applicant",
    "个人": "Person",
    "企业/单位": "Organisation",
    "请将身份证放在阅读器上": "Place the ID card on the reader",
    "代办（他人代为办理）": "Agent (acting for the applicant)",
    "姓名": "Name",
    "18位证件号码": "18-character ID number",
    "民族": "Ethnicity",
    "联系电话": "Phone",
    "住址": "Address",
    "证件": "ID type",
    "证件号码": "ID number",
    "性别": "Sex",
    "出生日期": "Date of birth",
    "电话": "Phone",
    "单位名称（与营业执照一致）": "Name (as on the business licence)",
    "18位统一社会信用代码": "18-character unified social credit code",
    "法定代表人": "Legal representative",
    "住所": "Registered address",
    "单位名称": "Name",
    "信用代码": "Credit code",
    "代办人姓名": "Agent's name",
    "代办人身份证号码": "Agent's ID number",
    "代办人电话": "Agent's phone",
    "与申请人关系，如：子女、村代办员": "Relation, e.g. child, village agent",
    "代办人": "Agent",
    "身份证": "ID card",
    "关系": "Relation",
    "请填写申请人姓名": "Enter the applicant's name",
    "请填写证件号码": "Enter the ID number",
    "请填写单位名称": "Enter the organisation's name",
    "请填写统一社会信用代码": "Enter the unified social credit code",
    "请填写代办人姓名": "Enter the agent's name",
    "请填写代办人身份证号码": "Enter the agent's ID number",
    "✓ 已读取代办人身份证": "✓ Agent's ID card read",
    "✓ 已读取身份证": "✓ ID card read",
    "电话 %1": "phone %1",
    "法定代表人 %1": "legal representative %1",
    "上次登记的信息：%1": "Registered last time: %1",
    "使用  Ctrl+U": "Use  Ctrl+U",
    "本次办理": "This visit",
    "请选择办理事项": "Choose an item",
    "空格 收到/缺少 · N 不适用 · F 原件/复印件 · +/− 份数 · F8 全部收齐": "Space received/missing · N not applicable · F original/copy · +/− copies · F8 all received",
    "备注": "Notes",
    "受理备注（打印在回执上），如：补充说明、容缺承诺": "Notes printed on the receipt",
    "已受理 %1": "Accepted %1",
    "已一次性告知": "One-time notice issued",
    "不予受理": "Not accepted",
    "办理中": "In progress",
    "共 %1 项，待办 %2 项": "%1 item(s), %2 pending",
    "即办件": "On the spot",
    "承诺%1个工作日": "%1 working days",
    "（正在读取材料清单…）": "(loading the materials…)",
    "便民服务中心 · 窗口信息": "Service centre · window",
    "一窗通办 · 一次告知 · 限时办结": "One window · one notice · on time",
    "欢迎光临": "Welcome",
    "请留意叫号，听到您的号码后到本窗口办理": "Please wait for your number to be called",
    "请您对本次服务进行评价": "Please rate our service",
    "好差评 · 一次一评": "One rating per visit",
    "请选择不满意的原因（可多选）": "Why were you dissatisfied? (choose any)",
    "其他意见或建议（选择“其他”时必填）": "Other comments (required with “Other”)",
    "提交评价": "Submit",
    "感谢您的评价！": "Thank you for your rating!",
    "您的意见是我们改进工作的动力": "Your opinion helps us improve",
    "%1号窗口": "Window %1",
    "为您服务：%1　工号：%2": "Served by %1   staff no. %2",
    "请%1号到%2号窗口办理": "Number %1, please go to window %2",
    "您好，%1": "Hello, %1",
    "您好": "Hello",
    "正在办理：%1": "In progress: %1",
    "请出示身份证和申请材料": "Please show your ID card and documents",
    "文书预览": "Document preview",
    "打印": "Print",
    "导出PDF": "Export PDF",
    "受理、告知或出件后，文书在此预览": "Documents appear here after accepting, a notice or a hand-out",
    "已发送到打印机：%1": "Sent to the printer: %1",
    "已导出：%1": "Exported: %1",
    "出件": "Hand-out",
    "① 扫描受理回执上的条码（或输入办件号后按回车）": "① Scan the receipt's barcode (or type the case number and press Enter)",
    "办件号": "Case number",
    "事项": "Item",
    "状态": "Status",
    "受理时间": "Accepted at",
    "② 请领取人刷身份证（或输入证件号码）": "② The collector presents the ID card (or type the number)",
    "领取人身份证号码": "Collector's ID number",
    "③ 确认出件": "③ Hand out",
    "等待读取领取人身份证…": "Waiting for the collector's ID card…",
    "✓ 领取人与申请人一致": "✓ The collector is the applicant",
    "✓ 领取人与代办人一致": "✓ The collector is the agent",
    "✗ 领取人与申请人、代办人均不一致，不能出件": "✗ The collector is neither the applicant nor the agent: do not hand out",
    "将由系统核对领取人身份": "The system checks the collector",
    "已领取": "Collected",
    "已送达": "Delivered",
    "请申请人向以下机关申请（必填）：": "The applicant is to apply to (required):",
    "✓ 已出件，请领取人在领取回执上签字": "✓ Handed out; the collector signs the slip",
    "办理事项": "Items",
    "名称、编码、拼音或首字母（如 zjd）  Ctrl+F": "Name, code, pinyin or initials (e.g. zjd)  Ctrl+F",
    "全部部门": "All departments",
    "全部领域": "All sectors",
    "本窗口常办事项在前": "This window's frequent items first",
    "找到 %1 项": "%1 found",
    "没有找到匹配的事项，请换个关键词": "Nothing found; try other words",
    "办理结果": "Outcome",
    "受理": "Accept",
    "一次性告知": "One-time notice",
    "已受理　办件号 %1": "Accepted   case %1",
    "已出具一次性告知书　%1": "One-time notice issued   %1",
    "不予受理　%1": "Not accepted   %1",
    "状态：%1": "State: %1",
    "即办件：已当场办结，可直接出件": "On the spot: completed, ready to hand out",
    "承诺办结日期：%1（%2个工作日）": "Promised by %1 (%2 working days)",
    "办结期限跨入尚未公布节假日安排的年份，日期为预估，请以后续通知为准": "The deadline falls in a year whose holidays are not published yet; the date is an estimate",
    "空闲：按 F1 叫下一位": "Free: F1 calls the next",
    "（已重呼%1次）": " (recalled %1×)",
    "等候 %1": "Waited %1",
    "办理 %1": "Serving %1",
    "叫号后 %1": "Called %1 ago",
    "%1 %2：%3人": "%1 %2: %3",
    "暂无等候": "Nobody waiting",
    "本窗口可叫 %1 人": "%1 to call here",
    "预计等候约 %1 分钟": "about %1 min wait",
    "窗口暂停服务": "Window paused",
    "窗口未开启": "Window closed",
    "暂离 %1": "Parked %1",
    "恢复 %1": "Resume %1",
    "登录 — 便民服务中心综合窗口": "Sign in — service centre window",
    "便民服务中心综合窗口": "Service centre window",
    "综合受理 · 一窗通办": "Integrated window · one-stop service",
    "工号": "Staff no.",
    "密码": "Password",
    "未配置窗口（仅可办理非窗口业务）": "No window configured",
    "本机窗口": "This PC's window",
    "登录": "Sign in",
    "连续输错密码将暂时锁定账号": "Repeated wrong passwords lock the account for a while",
    "演示账号（仅演示模式显示）": "Demo sign-ins (demo mode only)",
    "密码均为 %1，双击填入": "Password %1 for all; double-click to fill",
    "正在登录…": "Signing in…",
    "请输入工号": "Enter your staff number",
    "请输入密码": "Enter your password",
    "数据库连接中断，正在重连…请稍后再试": "Database connection lost; reconnecting… try again shortly",
    "登录失败：%1": "Sign-in failed: %1",
    "受理  F9": "Intake  F9",
    "出件  F10": "Hand-out  F10",
    "%1 · %2号窗口 · %3（工号 %4）": "%1 · window %2 · %3 (staff no. %4)",
    "草稿已保存 %1": "Draft saved %1",
    "草稿保存失败：%1": "Draft not saved: %1",
    "已打印": "Printed",
    "读卡器：%1": "Card reader: %1",
    "就绪": "ready",
    "未连接": "not connected",
    "读卡器：未配置": "Card reader: none",
    "扫码枪：串口": "Scanner: serial",
    "扫码枪：键盘模式": "Scanner: keyboard",
    "读卡器未连接，请手工录入": "Card reader not connected; type the details",
    "已过号": "marked no-show",
    "当前没有等候的群众": "Nobody is waiting",
    "已重呼 %1": "Recalled %1",
    "暂离，可从“暂离”按钮恢复": "parked; resume it from the Parked button",
    "请先办结或暂离当前号票，再恢复暂离的号票": "Finish or park the current ticket before resuming another",
    "已转移": "transferred",
    "还有 %1 项未办理（已保存草稿）。确认结束本次服务请再按 F6": "%1 item(s) still pending (draft saved). Press F6 again to end the visit",
    "%1 已办结，请群众在评价器上评价": "%1 finished; the citizen may rate the service now",
    "评价未保存：%1": "Rating not saved: %1",
    "数据库连接中断：填写的内容已保存在本机，恢复后即可受理": "Database unreachable: the form is saved on this PC; accept once it is back",
    "请在左侧查找并选择办理事项": "Find and choose an item on the left",
    "此事项已办理": "This item is done",
    "正在读取材料清单…": "Loading the materials…",
    "缺少 %1 项材料：%2。": "%1 material(s) missing: %2. ",
    "（未核验的必要材料按缺少处理，可按 F8 全部收齐）": "(unchecked required materials count as missing; F8 marks all received) ",
    "可出具一次性告知书（Ctrl+G）": "Issue a one-time notice (Ctrl+G)",
    "材料齐全，可以受理（Ctrl+Enter）": "Complete: accept (Ctrl+Enter)",
    "本次事项均已办理：打印文书（Ctrl+P）后按 F6 办结": "All items done: print (Ctrl+P), then F6 to finish",
    "未提交：数据库连接中断。填写内容已保存，恢复连接后请再提交": "Not sent: the database is unreachable. The form is saved; send again when it is back",
    "已出件：%1，请打印领取回执（Ctrl+P）": "Handed out: %1; print the slip (Ctrl+P)",
    "已恢复上次未完成的填写（保存于 %1）": "Unfinished form restored (saved %1)",
    "知道了": "OK",
    "数据库连接中断，正在重连…　已填写的内容保存在本机，不会丢失": "Database connection lost; reconnecting…  What you typed is saved on this PC",
    "立即重试": "Retry now",
    "数据库连接已恢复": "Database connection restored",
    "操作失败：%1": "Failed: %1",
    "证件号码应为5至40位字母或数字": "The ID number must be 5 to 40 letters or digits",
    "已输入%1位，共18位": "%1 of 18 characters",
    "✓ 号码校验通过（%1，%2）": "✓ Number checked (%1, %2)",
    "✓ 统一社会信用代码校验通过": "✓ Credit code checked",
    "原件": "Original",
    "复印件": "Copy",
    "原件及复印件": "Original and copy",
    "✓ 已收": "✓ Received",
    "✗ 缺": "✗ Missing",
    "— 不适用": "— N/A",
    "○ 待核": "○ To check",
    "必要": "Required",
    "非必要": "Optional",
    "按情形": "If applicable",
    "转移号票": "Transfer ticket",
    "队列：%1": "Queue: %1",
    "窗口：%1": "Window: %1",
    "转移到": "Transfer to",
    "不予受理的理由": "Reason for not accepting",
    "请选择或填写不予受理的理由（将写入通知书）：": "Choose or write the reason (printed on the notice):",
    "补充说明（可选）": "Further explanation (optional)",
    "打印 %1": "Print %1",
    "导出 PDF": "Export PDF",
    "PDF 文件 (*.pdf)": "PDF files (*.pdf)",
    # built at run time (added below to their contexts)
    "叫号": "Call",
    "重呼": "Recall",
    "过号": "No-show",
    "暂离": "Park",
    "转移": "Transfer",
    "办结": "Finish",
    "已叫号，等候到窗": "Called, on the way",
    "等候中": "Waiting",
    "材料名称": "Material",
    "要求": "Requirement",
    "形式": "Form",
    "份数": "Copies",
    "基本建设": "Construction",
    "市场准入": "Market access",
    "社会民生": "Social services",
    "居民身份证": "Resident ID card",
    "临时居民身份证": "Temporary ID card",
    "港澳台居民居住证": "HK/Macao/Taiwan residence permit",
    "港澳居民来往内地通行证": "HK/Macao travel permit",
    "台湾居民来往大陆通行证": "Taiwan travel permit",
    "外国人永久居留身份证": "Foreigner permanent residence card",
    "护照": "Passport",
    "其他": "Other",
    "男": "Male",
    "女": "Female",
    "申请事项不属于本机关职权范围": "Not within this authority's competence",
    "申请事项依法不需要取得行政许可": "No permission is needed for this by law",
    "申请人不具备申请资格": "The applicant is not eligible",
    "申请事项不属于本便民服务中心受理范围，请向有关部门申请": "Not handled by this centre; apply to the competent department",
    # 补正后受理, pause / sign-out, parked tickets, reprint, live banner
    "补正受理 %1": "Completing %1",
    "补打": "Reprint",
    "暂停": "Pause",
    "恢复叫号": "Resume calls",
    "暂离的号票（回车恢复办理，Esc 关闭）": "Parked tickets (Enter resumes, Esc closes)",
    "%1　%2　%3暂离（已 %4）": "%1  %2  parked at %3 (%4 ago)",
    "暂离 %1 人\nShift+F4": "Parked: %1\nShift+F4",
    "暂离的号票：点击或按 Shift+F4 选择恢复办理": "Parked tickets: click or press Shift+F4 to resume one",
    "签退  Ctrl+Q": "Sign out  Ctrl+Q",
    "未能签退：%1": "Could not sign out: %1",
    "窗口已暂停服务，不会再被叫号；按 F7 恢复叫号": (
        "The window is paused and will not be called; press F7 to resume calls"
    ),
    "窗口已恢复叫号": "The window takes calls again",
    "本窗口没有暂离的号票": "No parked tickets at this window",
    "实时刷新连接中断，正在重连…　叫号和等候人数可能不是最新": (
        "Live updates lost their connection, reconnecting…  Calls and waiting counts may be out of date"
    ),
    "补正受理（办件号 %1）：仍缺 %2 项材料：%3。收齐后按 Ctrl+Enter 受理": (
        "Completing case %1: %2 material(s) still missing: %3. Accept with Ctrl+Enter once complete"
    ),
    "补正受理（办件号 %1）：材料已补齐，可以受理（Ctrl+Enter）": (
        "Completing case %1: the materials are complete, ready to accept (Ctrl+Enter)"
    ),
    "办件 %1 待补正材料：请先办理完或清空（Ctrl+L）当前表单，再扫描一次性告知书": (
        "Case %1 awaits materials: finish or clear (Ctrl+L) the current form, then scan the "
        "one-time notice again"
    ),
    "补正受理：办件号 %1。请核对补齐的材料（空格 收到 · F8 全部收齐）后受理": (
        "Completing case %1: check the materials brought (Space received · F8 all received), "
        "then accept"
    ),
    "已补打 %1（%2），已记录用印": "Reprinted %1 (%2); the seal use is logged",
    "签退": "Sign out",
    "%1 号仍在窗口办理。签退前请先办结或暂离（填写内容会保留）：": (
        "Ticket %1 is still at the window. Finish or park it before signing out (what was typed "
        "is kept):"
    ),
    "办结后签退": "Finish, then sign out",
    "暂离后签退": "Park, then sign out",
    "取消": "Cancel",
    # the set-up dialog (本机设置)
    "本机设置 — 便民服务中心综合窗口": "Set up this PC — service hall counter client",
    "数据库": "Database",
    "postgresql://登录名@服务器:5432/库名；留空为本机内置数据库": (
        "postgresql://login@server:5432/database; empty for the embedded database"
    ),
    "存入系统密钥环，不写入任何文件": "Goes to the OS keyring, never to a file",
    "测试连接": "Test connection",
    "尚未测试连接": "Connection not tested yet",
    "数据库地址": "Database URL",
    "数据库密码": "Database password",
    "本机": "This PC",
    "岗位": "Job",
    "大厅": "Hall",
    "窗口": "Window",
    "后台": "Back office",
    "取号机": "Kiosk",
    "叫号屏": "Hall display",
    "窗口屏": "Window display",
    "管理": "Manager",
    "设备": "Devices",
    "键盘模式扫码枪配置的前缀字符（可不填）": "Prefix character set on a keyboard-wedge scanner (optional)",
    "身份证阅读器": "ID-card reader",
    "扫码枪": "Scanner",
    "扫码前缀": "Scan prefix",
    "号票打印机": "Ticket printer",
    "A4 文书打印机": "A4 document printer",
    "保存": "Save",
    "无": "None",
    "键盘模式（USB 键盘式扫码枪）": "Keyboard wedge (USB scanner typing as a keyboard)",
    "系统默认打印机（%1）": "System default printer (%1)",
    "未设置": "not set",
    "串口 ESC/POS：%1": "Serial ESC/POS: %1",
    "系统打印机：%1": "System printer: %1",
    "地址已改动，请重新测试连接": "The URL changed: test the connection again",
    "正在连接…": "Connecting…",
    "先测试连接：大厅和窗口取自数据库": "Test the connection first: halls and windows come from the database",
    "此岗位需要选择窗口": "This job needs a window",
    "（不在窗口）": "(not at a window)",
    "正在连接 %1 …": "Connecting to %1 …",
    "，登录名 %1": " as %1",
    "已连接：%1%2，往返 %3 ms": "Connected: %1%2, round trip %3 ms",
    "；但数据库版本不是最新（%1），请先运行 counter db upgrade": (
        "; but the schema is not current (%1): run counter db upgrade first"
    ),
    "空库": "empty",
    "；数据库里还没有大厅": "; the database has no hall yet",
    "；数据库版本最新": "; the schema is current",
    "配置已保存，但数据库密码没有保存：": "The configuration was saved, but not the database password: ",
    "关闭": "Close",
}

DYNAMIC = {
    "SetupDialog": ["窗口", "后台", "取号机", "叫号屏", "窗口屏", "管理"],
    "QueueBar": [
        "叫号",
        "重呼",
        "过号",
        "暂离",
        "转移",
        "办结",
        "暂停",
        "已叫号，等候到窗",
        "办理中",
        "等候中",
    ],
    "checklist": ["状态", "材料名称", "要求", "形式", "份数", "备注"],
    "ItemFinder": ["基本建设", "市场准入", "社会民生"],
    "ApplicantPanel": [
        "居民身份证",
        "临时居民身份证",
        "港澳台居民居住证",
        "港澳居民来往内地通行证",
        "台湾居民来往大陆通行证",
        "外国人永久居留身份证",
        "护照",
        "其他",
        "男",
        "女",
    ],
    "outcome": [
        "申请事项不属于本机关职权范围",
        "申请事项依法不需要取得行政许可",
        "申请人不具备申请资格",
        "申请事项不属于本便民服务中心受理范围，请向有关部门申请",
    ],
}


# Screens keep their strings in files of their own (``*_en.py`` beside this one, each with an
# ``EN`` dict and optionally a ``DYNAMIC`` one), read in name order; none ever changes a string
# that an earlier table already has. A ``BY_CONTEXT`` dict (context -> {source: English}) gives
# a word another English in one context only (工作人员 is "Clerk" in a column, "Staff" as a tab);
# ``"源#note"`` there names the source said with ``tr("源", "note")`` in that context.
BY_CONTEXT: dict[str, dict[str, str]] = {}
sys.path.insert(0, str(HERE))
for _path in sorted(HERE.glob("*_en.py")):
    if _path.stem == "fill_en":
        continue
    _mod = __import__(_path.stem)
    for _src, _en in _mod.EN.items():
        EN.setdefault(_src, _en)
    for _ctx, _sources in getattr(_mod, "DYNAMIC", {}).items():
        DYNAMIC.setdefault(_ctx, []).extend(_sources)
    for _ctx, _words in getattr(_mod, "BY_CONTEXT", {}).items():
        for _src, _en in _words.items():
            BY_CONTEXT.setdefault(_ctx, {}).setdefault(_src, _en)


def main() -> int:
    tree = ET.parse(TS)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    for name, sources in DYNAMIC.items():
        ctx = contexts.get(name)
        if ctx is None:
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = name
            contexts[name] = ctx
        have = {m.findtext("source") for m in ctx.iter("message")}
        for src in sources:
            if src not in have:
                m = ET.SubElement(ctx, "message")
                ET.SubElement(m, "source").text = src
                ET.SubElement(m, "translation")
    missing = []
    for ctx in root.iter("context"):
        own = BY_CONTEXT.get(ctx.findtext("name") or "", {})
        for m in ctx.iter("message"):
            src = m.findtext("source") or ""
            tr = m.find("translation")
            if tr is None:
                tr = ET.SubElement(m, "translation")
            note = m.findtext("comment")  # tr(text, disambiguation): "窗口#heading" in BY_CONTEXT
            english = own.get(f"{src}#{note}") if note else None
            if english is None:
                english = own.get(src, EN.get(src))
            if english is not None:
                tr.text = english
                tr.attrib.pop("type", None)
            elif not (tr.text or "").strip():
                missing.append(src)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for src in missing:
        print("untranslated:", src, file=sys.stderr)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(HERE / "counter_en.qm")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
