"""A report written out (报表导出): JSON, CSV, XLSX, and the A4 document content for PDF.

- :func:`write_json` — :meth:`counter.reports.model.Report.to_json`, UTF-8;
- :func:`write_csv` — one UTF-8 file (with BOM, so spreadsheet programs read the Chinese),
  sections one after another, each under its title line;
- :func:`write_xlsx` — one sheet per table (headers in bold on a shaded row, minutes with one
  decimal, rates as percentages, frozen header and filters) and chart sheets (hourly arrivals
  against windows working; for a period, the daily trend);
- :func:`report_document` — the report as a :class:`counter.documents.model.DocumentContent`
  (the hall's header, the summary fields, the tables), drawn on A4 by the UI.

The tables are defined once (:func:`tables`), so the three formats show the same columns.
``progress(done, total)`` / ``cancelled()`` work as in :mod:`counter.reports.queries`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter.documents.model import DocumentContent, Fields, Heading, Paragraph, Table
from counter.reports.model import BreakdownRow, Report
from counter.reports.queries import ReportCancelled

__all__ = [
    "FORMATS",
    "ReportTable",
    "report_document",
    "summary_rows",
    "tables",
    "write_csv",
    "write_json",
    "write_report",
    "write_xlsx",
]

FORMATS = ("json", "csv", "xlsx", "pdf")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Column kinds: "int", "min" (minutes, one decimal), "rate" (share, shown as %), "text".


@dataclass(frozen=True)
class ReportTable:
    """One table of a report: a title, headers with their kinds, and rows of plain values."""

    key: str
    title: str
    headers: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def _min(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def period_text(r: Report) -> str:
    if r.is_day:
        return f"{r.start:%Y年%m月%d日}"
    return f"{r.start:%Y年%m月%d日} 至 {r.end:%Y年%m月%d日}（{r.days}天）"


def summary_rows(r: Report) -> list[tuple[str, str]]:
    """The headline figures as (label, text) pairs, in reading order."""
    t, c, e = r.tickets, r.cases, r.evaluations
    return [
        ("统计期间", period_text(r)),
        ("取号", str(t.issued)),
        ("叫号", str(t.called)),
        ("办结（号票）", str(t.served)),
        ("过号", str(t.no_show)),
        ("转办", str(t.transferred)),
        ("作废", str(t.voided)),
        ("平均等候（分钟）", _min(t.waiting.mean)),
        ("等候中位数（分钟）", _min(t.waiting.median)),
        ("等候90分位（分钟）", _min(t.waiting.p90)),
        ("最长等候（分钟）", _min(t.waiting.max)),
        ("平均办理（分钟）", _min(t.service.mean)),
        ("办理中位数（分钟）", _min(t.service.median)),
        ("办理90分位（分钟）", _min(t.service.p90)),
        ("最长办理（分钟）", _min(t.service.max)),
        (f"{t.target_wait_minutes}分钟内叫号占比", _pct(t.within_target)),
        ("受理办件", str(c.accepted)),
        ("办结办件", str(c.completed)),
        ("按时办结", str(c.completed_on_time)),
        ("按时办结率", _pct(c.on_time_rate)),
        ("超期办件", str(c.overdue)),
        ("即办件占比", _pct(c.on_the_spot_share)),
        ("一次办成率", _pct(c.first_visit_rate)),
        ("评价数", str(e.count)),
        ("满意率", _pct(e.satisfaction_rate)),
        ("差评", str(len(e.bad))),
        ("差评待整改", str(e.bad_open)),
    ]


_BREAKDOWN_HEADERS = ("项目", "取号", "叫号", "办结", "过号", "转办", "平均等候", "等候中位数",
                      "等候90分位", "最长等候", "平均办理", "办理90分位", "达标率")  # fmt: skip
_BREAKDOWN_KINDS = ("text", "int", "int", "int", "int", "int", "min", "min", "min", "min", "min",
                    "min", "rate")  # fmt: skip


def _breakdown(key: str, title: str, rows: Sequence[BreakdownRow], *, hours: bool = False,
               issued: bool = True) -> ReportTable:  # fmt: skip
    """A breakdown table; windows and clerks issue no tickets, so they have no 取号 column."""
    keep = [i for i in range(len(_BREAKDOWN_HEADERS)) if issued or i != 1]
    headers = tuple(_BREAKDOWN_HEADERS[i] for i in keep) + (("在岗窗口",) if hours else ())
    kinds = tuple(_BREAKDOWN_KINDS[i] for i in keep) + (("min",) if hours else ())
    out = []
    for b in rows:
        full: tuple[Any, ...] = (b.label, b.issued, b.called, b.served, b.no_show, b.transferred,
                                 b.waiting.mean, b.waiting.median, b.waiting.p90, b.waiting.max,
                                 b.service.mean, b.service.p90, b.within_target)  # fmt: skip
        line = tuple(full[i] for i in keep)
        if hours:
            line += (b.windows,)
        out.append(line)
    return ReportTable(key, title, headers, kinds, tuple(out))


def tables(r: Report) -> list[ReportTable]:
    """Every table of the report, in the order the exports show them."""
    out = [
        ReportTable("summary", "概要", ("指标", "数值"), ("text", "text"), tuple(summary_rows(r))),
        _breakdown("by_hour", "按时段", r.by_hour, hours=True),
        _breakdown("by_window", "按窗口", r.by_window, issued=False),
        _breakdown("by_clerk", "按工作人员", r.by_clerk, issued=False),
        _breakdown("by_queue", "按队列", r.by_queue),
        ReportTable(
            "waiting_histogram",
            "等候时长分布",
            ("等候（分钟）", "号票数"),
            ("text", "int"),
            tuple(r.waiting_histogram),
        ),  # fmt: skip
    ]
    if not r.is_day:
        out.append(
            ReportTable(
                "by_day", "每日趋势",
                ("日期", "取号", "办结", "过号", "平均等候", "等候90分位", "受理办件", "办结办件",
                 "评价数", "满意率"),
                ("text", "int", "int", "int", "min", "min", "int", "int", "int", "rate"),
                tuple((d.day.isoformat(), d.issued, d.served, d.no_show, d.waiting_mean,
                       d.waiting_p90, d.accepted, d.completed, d.evaluations, d.satisfaction_rate)
                      for d in r.by_day),
            )
        )  # fmt: skip
    c = r.cases
    out += [
        ReportTable(
            "cases_by_item", "办件（按事项）",
            ("事项编码", "事项名称", "部门", "即办件", "受理", "办结", "按时办结", "按时办结率", "超期"),
            ("text", "text", "text", "text", "int", "int", "int", "rate", "int"),
            tuple((i.code, i.name, i.department, "是" if i.on_the_spot else "", i.accepted,
                   i.completed, i.completed_on_time, i.on_time_rate, i.overdue) for i in c.by_item),
        ),
        ReportTable(
            "cases_by_department", "办件（按部门）",
            ("部门", "受理", "办结", "按时办结", "按时办结率", "超期"),
            ("text", "int", "int", "int", "rate", "int"),
            tuple((d.name, d.accepted, d.completed, d.completed_on_time, d.on_time_rate, d.overdue)
                  for d in c.by_department),
        ),
        ReportTable(
            "evaluation_levels", "好差评分布", ("等级", "评价数"), ("text", "int"),
            tuple((lc.label, lc.count) for lc in r.evaluations.levels),
        ),
        ReportTable(
            "bad_evaluations", "差评及整改",
            ("时间", "等级", "原因", "意见", "办件编号", "号票", "事项", "窗口", "工作人员", "申请人",
             "整改状态", "整改期限", "情况说明"),
            ("text",) * 13,
            tuple((b.at.astimezone(_tz(r)).strftime("%Y-%m-%d %H:%M"), b.level_label,
                   "、".join(b.reasons), b.comment, b.case_no, b.ticket_number, b.item_name,
                   str(b.window or ""), b.clerk, b.applicant_masked,
                   b.followup_state_label + ("（逾期）" if b.followup_overdue else ""),
                   b.followup_deadline.isoformat() if b.followup_deadline else "", b.followup_note)
                  for b in r.evaluations.bad),
        ),
    ]  # fmt: skip
    return out


def _tz(r: Report) -> Any:
    from counter.clock import HALL_TZ

    return HALL_TZ


def _text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "min":
        return f"{value:.1f}"
    if kind == "rate":
        return f"{value * 100:.1f}%"
    return str(value)


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ReportCancelled()


def write_json(r: Report, path: Path) -> None:
    path.write_text(json.dumps(r.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")


def write_csv(r: Report, path: Path, *, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> None:  # fmt: skip
    ts = tables(r)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"{r.hall_name}运行报表", period_text(r)])
        for n, t in enumerate(ts):
            _check(cancelled)
            w.writerow([])
            w.writerow([f"【{t.title}】"])
            w.writerow(t.headers)
            for row in t.rows:
                w.writerow([_text(v, k) for v, k in zip(row, t.kinds, strict=True)])
            if progress is not None:
                progress(n + 1, len(ts))


def write_xlsx(r: Report, path: Path, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> None:  # fmt: skip
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, PieChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ts = tables(r)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="3A6EA5")
    title_font = Font(bold=True, size=14)
    formats = {"int": "0", "min": "0.0", "rate": "0.0%", "text": "@"}
    sheets: dict[str, Any] = {}
    first = True
    for n, t in enumerate(ts):
        _check(cancelled)
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = t.title[:31]
        ws.cell(
            row=1, column=1, value=f"{r.hall_name} · {t.title} · {period_text(r)}"
        ).font = title_font
        for col, h in enumerate(t.headers, start=1):
            c = ws.cell(row=2, column=col, value=h)
            c.font, c.fill = header_font, header_fill
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for i, row in enumerate(t.rows, start=3):
            for col, (v, kind) in enumerate(zip(row, t.kinds, strict=True), start=1):
                c = ws.cell(row=i, column=col, value=v)
                if v is not None and kind != "text":
                    c.number_format = formats[kind]
        for col, h in enumerate(t.headers, start=1):
            width = max([len(str(h)) * 2 + 2] + [min(60, len(str(row[col - 1] or "")) * 2 + 2)
                                                   for row in t.rows[:200]])  # fmt: skip
            ws.column_dimensions[get_column_letter(col)].width = max(8, min(60, width))
        ws.freeze_panes = "A3"
        if t.rows:
            ws.auto_filter.ref = f"A2:{get_column_letter(len(t.headers))}{len(t.rows) + 2}"
        sheets[t.key] = ws
        if progress is not None:
            progress(n + 1, len(ts) + 1)
    # Chart sheets: where a manager would rather look.
    hour = sheets["by_hour"]
    n_hours = len(r.by_hour)
    if n_hours:
        bar = BarChart()
        bar.title = "各时段取号与办结"
        bar.y_axis.title = "号票"
        bar.x_axis.title = "时段"
        bar.add_data(Reference(hour, min_col=2, max_col=2, min_row=2, max_row=n_hours + 2),
                     titles_from_data=True)  # fmt: skip
        bar.add_data(Reference(hour, min_col=4, max_col=4, min_row=2, max_row=n_hours + 2),
                     titles_from_data=True)  # fmt: skip
        bar.set_categories(Reference(hour, min_col=1, min_row=3, max_row=n_hours + 2))
        line = LineChart()
        line.add_data(Reference(hour, min_col=14, max_col=14, min_row=2, max_row=n_hours + 2),
                      titles_from_data=True)  # fmt: skip
        line.y_axis.axId = 200
        line.y_axis.title = "在岗窗口"
        line.y_axis.crosses = "max"
        bar += line
        cs = wb.create_chartsheet("图表-时段")
        cs.add_chart(bar)
    levels = sheets["evaluation_levels"]
    if r.evaluations.count:
        pie = PieChart()
        pie.title = "好差评分布"
        pie.add_data(Reference(levels, min_col=2, min_row=2, max_row=7), titles_from_data=True)
        pie.set_categories(Reference(levels, min_col=1, min_row=3, max_row=7))
        wb.create_chartsheet("图表-评价").add_chart(pie)
    if "by_day" in sheets:
        days = sheets["by_day"]
        n_days = len(r.by_day)
        trend = LineChart()
        trend.title = "每日取号、办结与平均等候"
        trend.add_data(Reference(days, min_col=2, max_col=3, min_row=2, max_row=n_days + 2),
                       titles_from_data=True)  # fmt: skip
        trend.set_categories(Reference(days, min_col=1, min_row=3, max_row=n_days + 2))
        wait = LineChart()
        wait.add_data(Reference(days, min_col=5, max_col=5, min_row=2, max_row=n_days + 2),
                      titles_from_data=True)  # fmt: skip
        wait.y_axis.axId = 300
        wait.y_axis.title = "分钟"
        wait.y_axis.crosses = "max"
        trend += wait
        wb.create_chartsheet("图表-趋势").add_chart(trend)
    _check(cancelled)
    wb.save(str(path))
    if progress is not None:
        progress(len(ts) + 1, len(ts) + 1)


def report_document(r: Report) -> DocumentContent:
    """The report as document content (A4, the hall's header): summary fields and the tables
    (the 30 most-accepted items; every 差评)."""
    title = "运行日报" if r.is_day else "运行报表"
    blocks: list[Any] = [Fields(tuple(summary_rows(r)), columns=2)]
    for t in tables(r)[1:]:
        if not t.rows:
            continue
        rows = t.rows[:30] if t.key == "cases_by_item" else t.rows
        headers, kinds = t.headers, t.kinds
        if t.key.startswith("by_") and t.key != "by_day":
            wanted = ("项目", "取号", "办结", "过号", "转办", "平均等候", "等候90分位", "平均办理",
                      "达标率", "在岗窗口")  # fmt: skip
            keep = tuple(i for i, h in enumerate(headers) if h in wanted)
            headers = tuple(headers[i] for i in keep)
            kinds = tuple(kinds[i] for i in keep)
            rows = tuple(tuple(row[i] for i in keep) for row in rows)
        if t.key == "bad_evaluations":
            keep = (0, 1, 2, 4, 5, 7, 8, 9, 10)
            headers = tuple(headers[i] for i in keep)
            kinds = tuple(kinds[i] for i in keep)
            rows = tuple(tuple(row[i] for i in keep) for row in rows)
        widths: tuple[float, ...] = ()
        if t.key.startswith("by_") or t.key == "waiting_histogram":
            widths = (2.4,) + (1.0,) * (len(headers) - 1)  # the label column reads on one line
        elif t.key == "cases_by_item":
            widths = (1.6, 4.0, 2.0) + (1.0,) * (len(headers) - 3)
        blocks.append(Heading(t.title))
        blocks.append(
            Table(
                headers=headers,
                rows=tuple(
                    tuple(_text(v, k) or "—" for v, k in zip(row, kinds, strict=True))
                    for row in rows
                ),
                widths=widths,
            )
        )
    blocks.append(
        Paragraph(
            "注：等候时间为取号至首次叫号，办理时间为最后一次叫号至办结；中位数取中间值（偶数个时取中间两值之平均），"
            "90分位按最近秩法（第 ⌈0.9n⌉ 个值）；满意率为非常满意、满意、基本满意之和占评价数之比；"
            "一次办成率为受理前未出具一次性告知书的办件占受理办件之比。报表仅显示号票号、办件编号和脱敏姓名。",
            small=True,
        )
    )
    return DocumentContent(
        kind="report",
        title=title,
        number=f"{r.hall_code}-{r.start:%Y%m%d}" + ("" if r.is_day else f"-{r.end:%Y%m%d}"),
        hall_name=r.hall_name,
        issued_at=r.generated_at,
        blocks=tuple(blocks),
        subtitle=period_text(r),
        meta={"report": True},
    )


def write_report(r: Report, path: Path, fmt: str, *, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> None:  # fmt: skip
    """Write ``r`` as ``fmt`` (json, csv or xlsx; PDF is drawn by the UI from
    :func:`report_document`)."""
    if fmt == "json":
        write_json(r, path)
    elif fmt == "csv":
        write_csv(r, path, progress=progress, cancelled=cancelled)
    elif fmt == "xlsx":
        write_xlsx(r, path, progress=progress, cancelled=cancelled)
    else:
        from counter.errors import InvalidInput

        raise InvalidInput(f"不支持的格式“{fmt}”", field="--format")
