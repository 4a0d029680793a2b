"""Building each document from plain data (pure functions, no database, no Qt).

- :func:`receipt` — 受理回执: the item, the materials received, when and by whom it was accepted,
  the contact phone, the promised and statutory dates (with a note when the calendar of a year
  is not yet published), the case number as a barcode and the acceptance seal;
- :func:`one_time_notice` — 一次性告知书: exactly the materials still missing (form, copies,
  condition) and the time allowed to bring them (行政许可法 §32 (4));
- :func:`rejection_notice` — 不予受理通知书: the reason and the applicant's right to apply for
  administrative review (行政复议, within 60 days) or to sue (行政诉讼, within 6 months);
- :func:`handover_slip` — 领取回执: who collected which result, checked against which ID, signed
  by the collector;
- :func:`decision` — 决定书 written when the back office decides (approve or refuse).

Every function takes a :class:`CaseFacts` (what every document of a case repeats) and returns a
:class:`counter.documents.model.DocumentContent`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from counter.clock import to_local
from counter.documents.model import (
    Block,
    DocumentContent,
    Fields,
    Heading,
    Paragraph,
    Signature,
    Table,
)

__all__ = [
    "CaseFacts",
    "MaterialLine",
    "ResultLine",
    "REVIEW_DAYS",
    "LAWSUIT_MONTHS",
    "date_text",
    "datetime_text",
    "decision",
    "handover_slip",
    "one_time_notice",
    "receipt",
    "rejection_notice",
]

REVIEW_DAYS = 60  # 行政复议法 §20: within 60 days of knowing the act
LAWSUIT_MONTHS = 6  # 行政诉讼法 §46: within 6 months of knowing the act

FORM_ZH = {"original": "原件", "copy": "复印件", "original_and_copy": "原件及复印件"}
REQUIREMENT_ZH = {"required": "必要", "optional": "非必要", "conditional": "按情形提交"}


@dataclass(frozen=True)
class MaterialLine:
    """One material as a document lists it. ``form``: original | copy | original_and_copy."""

    name: str
    form: str = "original"
    copies: int = 1
    requirement: str = "required"
    condition: str = ""
    note: str = ""
    original: str = ""  # what became of the original (counter.domain.checklist.ORIGINAL_*)

    @property
    def form_zh(self) -> str:
        return FORM_ZH.get(self.form, self.form)


@dataclass(frozen=True)
class CaseFacts:
    """What every document of a case repeats.

    ``applicant_id`` is shown as given: pass it masked (a receipt leaves the hall).
    """

    case_no: str
    hall_name: str
    item_name: str
    applicant_name: str
    department: str = ""
    applicant_id: str = ""
    agent_name: str = ""
    clerk_name: str = ""
    window_name: str = ""
    contact_phone: str = ""
    hall_address: str = ""
    seal_name: str = ""
    agent_relation: str = ""  # 代办人与申请人的关系（子女、配偶、村委会工作人员 …）
    signoff: str = ""  # 落款: the issuing body as the seal names it; empty: ``hall_name``

    @property
    def issuer(self) -> str:
        """The 落款 printed over the date (the same body the seal names)."""
        return self.signoff or self.hall_name


def date_text(day: dt.date | dt.datetime) -> str:
    """``2026年11月22日`` (a datetime is taken in the hall's time zone)."""
    if isinstance(day, dt.datetime):
        day = to_local(day).date()
    return f"{day.year}年{day.month}月{day.day}日"


def datetime_text(at: dt.datetime) -> str:
    """``2026年11月22日 09:05`` in the hall's time zone."""
    local = to_local(at)
    return f"{date_text(local.date())} {local:%H:%M}"


def _applicant_rows(f: CaseFacts) -> list[tuple[str, str]]:
    rows = [("申请人", f.applicant_name)]
    if f.applicant_id:
        rows.append(("证件号码", f.applicant_id))
    if f.agent_name:
        rows.append(("代办人", f.agent_name))
        rows.append(("代办关系", f.agent_relation or "—"))
    return rows


def _pairs(rows: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Pad ``rows`` to an even count for a two-column grid."""
    out = list(rows)
    if len(out) % 2:
        out.append(("", ""))
    return tuple(out)


def _contact(f: CaseFacts) -> str:
    parts = []
    if f.contact_phone:
        parts.append(f"咨询电话：{f.contact_phone}")
    if f.hall_address:
        parts.append(f"地址：{f.hall_address}")
    return "　".join(parts)


APPLICANT_SIGN = ("申请人（签收）：", "签收日期：")
"""The applicant's acknowledgement on the window's papers: a line to sign, a line for the date."""


def _signature(
    f: CaseFacts, at: dt.datetime, *, sealed: bool = True, sign_lines: tuple[str, ...] = ()
) -> Signature:
    return Signature(
        issuer=f.issuer,
        date_text=date_text(at),
        seal_name=f.seal_name if sealed else "",
        sign_lines=sign_lines,
    )


def _remedy(paper: str, review_body: str = "", court: str = "") -> Paragraph:
    """The right to 行政复议 (60 days) or 行政诉讼 (6 months) from receiving ``paper``."""
    body = f"向{review_body}" if review_body else ""
    to_court = f"向{court}" if court else "向人民法院"
    return Paragraph(
        f"申请人如对本决定不服，可以自收到本{paper}之日起{REVIEW_DAYS}日内依法{body}申请行政复议，"
        f"或者自收到本{paper}之日起{LAWSUIT_MONTHS}个月内依法{to_court}提起行政诉讼。"
    )


def receipt(
    f: CaseFacts,
    *,
    accepted_at: dt.datetime,
    materials: Sequence[MaterialLine],
    promised_date: dt.date,
    promised_days: int,
    statutory_date: dt.date | None = None,
    statutory_days: int | None = None,
    deadline_confirmed: bool = True,
    on_the_spot: bool = False,
    number: str | None = None,
) -> DocumentContent:
    """受理回执 for an accepted case (即办件: accepted and completed on the spot)."""
    if on_the_spot:
        limit = f"即办件，当场办结（{date_text(promised_date)}）"
    else:
        limit = f"{promised_days}个工作日（{date_text(promised_date)}前办结）"
    clerk = f"{f.clerk_name}（{f.window_name}）" if f.window_name else f.clerk_name
    rows: list[tuple[str, str]] = [
        ("办件编号", f.case_no),
        ("受理时间", datetime_text(accepted_at)),
        *_applicant_rows(f),
        ("受理人", clerk),
    ]
    if f.department:
        rows.append(("承办部门", f.department))
    item_rows = [("申请事项", f.item_name)]
    item_rows.append(("承诺时限", limit))
    if statutory_date is not None and statutory_days is not None and not on_the_spot:
        item_rows.append(("法定时限", f"{statutory_days}个工作日（{date_text(statutory_date)}前）"))
    blocks: list[Block] = [
        Fields(_pairs(rows), columns=2),
        Fields(tuple(item_rows), columns=1),
        Table(
            headers=("序号", "已收材料名称", "形式", "份数"),
            rows=tuple(
                (str(n), m.name, m.form_zh, str(m.copies)) for n, m in enumerate(materials, start=1)
            ),
            widths=(0.8, 6.0, 1.8, 0.9),
            caption="已收取材料清单",
        ),
        Paragraph(
            f"您申请办理的“{f.item_name}”事项，申请材料齐全、符合法定形式，本中心依法予以受理。"
            + (
                "该事项为即办件，已当场办结。"
                if on_the_spot
                else f"承诺于{date_text(promised_date)}前办结，办理结果请凭本回执到本中心综合窗口领取。"
            )
        ),
    ]
    held = [m.name for m in materials if m.original == "held"]
    if held:
        blocks.append(
            Paragraph(
                f"以下材料原件由本中心暂存，领取办理结果时凭本回执退还：{'、'.join(held)}。",
                small=True,
            )
        )
    if not deadline_confirmed:
        blocks.append(
            Paragraph(
                "注：办结日期所跨年度的法定节假日安排尚未公布，上述日期按常规工作日推算，"
                "如遇法定节假日依法顺延，以本中心通知为准。",
                small=True,
            )
        )
    contact = _contact(f)
    if contact:
        blocks.append(Paragraph(contact, indent=False, small=True))
    blocks.append(_signature(f, accepted_at, sign_lines=APPLICANT_SIGN))
    return DocumentContent(
        kind="receipt",
        title="受理回执",
        number=number or f.case_no,
        hall_name=f.hall_name,
        issued_at=accepted_at,
        blocks=tuple(blocks),
        barcode=f.case_no,
        subtitle="（申请人留存）",
        meta={
            "case_no": f.case_no,
            "promised_date": promised_date.isoformat(),
            "deadline_confirmed": deadline_confirmed,
        },
    )


def _notice_header(f: CaseFacts, issued_at: dt.datetime) -> tuple[Block, Block]:
    """The opening of a window notice: case number, time told, applicant, then the item."""
    rows = [("办件编号", f.case_no), ("告知时间", datetime_text(issued_at)), *_applicant_rows(f)]
    return Fields(_pairs(rows), columns=2), Fields((("申请事项", f.item_name),), columns=1)


def _clerk_and_seal(
    f: CaseFacts, issued_at: dt.datetime, sign_lines: tuple[str, ...] = APPLICANT_SIGN
) -> tuple[Block, Block]:
    """The closing of a window notice: the clerk and the hall's contact, then the seal spot
    with the applicant's acknowledgement on the left."""
    lines = [f"经办人：{f.clerk_name}" if f.clerk_name else "", _contact(f)]
    return (
        Paragraph("　".join(x for x in lines if x), indent=False, small=True),
        _signature(f, issued_at, sign_lines=sign_lines),
    )


def one_time_notice(
    f: CaseFacts,
    *,
    issued_at: dt.datetime,
    missing: Sequence[MaterialLine],
    notice_days: int,
    due_date: dt.date,
    due_confirmed: bool = True,
    number: str | None = None,
) -> DocumentContent:
    """一次性告知书 listing exactly ``missing`` and the time allowed to bring them."""
    blocks: list[Block] = [
        *_notice_header(f, issued_at),
        Paragraph(
            f"您申请办理的“{f.item_name}”事项，经审查，申请材料不齐全或者不符合法定形式。根据"
            "《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知您需要补正的"
            f"全部材料共{len(missing)}项："
        ),
        Table(
            headers=("序号", "需补正材料名称", "形式", "份数", "要求说明"),
            rows=tuple(
                (
                    str(n),
                    m.name,
                    m.form_zh,
                    str(m.copies),
                    "；".join(x for x in (m.condition, m.note) if x) or "—",
                )
                for n, m in enumerate(missing, start=1)
            ),
            widths=(0.8, 4.3, 2.1, 0.8, 3.0),
            caption="需补正材料清单",
        ),
        Paragraph(
            f"请您自收到本告知书之日起{notice_days}个工作日内，即{date_text(due_date)}"
            "（含当日）前补齐上述全部材料，携本告知书到本中心综合窗口办理。材料齐全、符合法定形式的，"
            "本中心依法予以受理。"
        ),
        Paragraph(
            f"注：{notice_days}个工作日是给您补正材料的期限，法定节假日和休息日不计入，截止日当天计入；"
            f"法律规定的“五日内一次性告知”是本中心告知您需要补正内容的期限"
            "（行政许可法第三十二条第一款第（四）项），不是您的补正期限。",
            small=True,
        ),
    ]
    if not due_confirmed:
        blocks.append(
            Paragraph(
                "注：期限所跨年度的法定节假日安排尚未公布，上述日期按常规工作日推算，如遇法定节假日依法顺延。",
                small=True,
            )
        )
    blocks.extend(_clerk_and_seal(f, issued_at))
    return DocumentContent(
        kind="one_time_notice",
        title="一次性告知书",
        number=number or f.case_no,
        hall_name=f.hall_name,
        issued_at=issued_at,
        blocks=tuple(blocks),
        barcode=f.case_no,
        meta={"case_no": f.case_no, "due_date": due_date.isoformat(), "missing": len(missing)},
    )


DEFAULT_CLAUSE = "《中华人民共和国行政许可法》第三十二条第一款"


def rejection_notice(
    f: CaseFacts,
    *,
    issued_at: dt.datetime,
    reason: str,
    clause: str = "",
    refer_to: str = "",
    review_body: str = "",
    court: str = "",
    number: str | None = None,
) -> DocumentContent:
    """不予受理通知书: the reason, the clause it rests on (with its 项: ``《中华人民共和国行政许可法》
    第三十二条第一款第（二）项``; the article's first paragraph when not given), for a matter outside
    this body's competence the body to apply to (``refer_to``, 行政许可法 第三十二条第一款第（二）项),
    and the right to 行政复议 (60 days, before ``review_body``) or 行政诉讼 (6 months, before
    ``court``). ``number`` is its 文号 (printed as such)."""
    cited = clause or DEFAULT_CLAUSE
    blocks: list[Block] = [
        *_notice_header(f, issued_at),
        Paragraph(
            f"您于{date_text(issued_at)}提出的“{f.item_name}”申请，经审查，根据{cited}的规定，"
            "决定不予受理。"
        ),
        Heading("不予受理的理由"),
        Paragraph(reason),
    ]
    if refer_to:
        blocks.append(Paragraph(f"该申请事项请您向{refer_to}提出申请。", bold=True))
    blocks.append(_remedy("通知书", review_body, court))
    blocks.extend(_clerk_and_seal(f, issued_at))
    return DocumentContent(
        kind="rejection",
        title="不予受理通知书",
        number=number or f.case_no,
        hall_name=f.hall_name,
        issued_at=issued_at,
        blocks=tuple(blocks),
        barcode=f.case_no,
        meta={
            "case_no": f.case_no,
            "number_label": "文号" if number else "编号",
            "clause": cited,
            "refer_to": refer_to,
        },
    )


@dataclass(frozen=True)
class ResultLine:
    """One result handed over (办理结果): a decision or certificate, its 文号, copies."""

    title: str
    reference: str = ""
    copies: int = 1


def handover_slip(
    f: CaseFacts,
    *,
    handed_at: dt.datetime,
    collector_name: str,
    collector_id: str,
    result: str,
    items: Sequence[str | ResultLine] = (),
    returned: Sequence[MaterialLine] = (),
    collector_is: str = "applicant",
    delivery_method: str = "窗口领取",
    number: str | None = None,
) -> DocumentContent:
    """领取回执: the results handed to ``collector_name`` (ID shown as given: pass it masked) —
    each decision or certificate with its 文号 and copies — and the materials given back
    (``returned``: exactly the originals the hall held and gave back now), signed for by the collector with the date
    (``collector_is``: applicant | agent)."""
    rows = [
        ("办件编号", f.case_no),
        ("领取时间", datetime_text(handed_at)),
        *_applicant_rows(f),
        ("领取人", collector_name),
        ("领取人证件", collector_id),
        ("领取方式", delivery_method),
        ("经办人", f.clerk_name),
    ]
    results = [x if isinstance(x, ResultLine) else ResultLine(x) for x in items]
    blocks: list[Block] = [
        Fields(_pairs(rows), columns=2),
        Fields((("申请事项", f.item_name), ("办理结果", result)), columns=1),
        Table(
            headers=("序号", "交付的办理结果", "文号", "份数"),
            rows=tuple(
                (str(n), r.title, r.reference or "—", str(r.copies))
                for n, r in enumerate(results, start=1)
            )
            or (("—", "无书面办理结果", "—", "—"),),
            widths=(0.8, 4.6, 3.6, 0.9),
            caption="交付清单",
        ),
        Table(
            headers=("序号", "退还材料名称", "形式", "份数"),
            rows=tuple((str(n), m.name, "原件", "1") for n, m in enumerate(returned, start=1))
            or (("—", "无退还材料", "—", "—"),),
            widths=(0.8, 6.0, 1.8, 0.9),
            caption="退还材料清单",
        ),
        Paragraph(
            "上述办理结果已当面送达领取人，"
            + ("退还材料原件已当面交还，" if returned else "")
            + "领取人已核对无误，领取人身份已核验。本回执由本中心留存归档。"
        ),
    ]
    who = "代办人" if collector_is == "agent" else "申请人"
    blocks.append(
        _signature(
            f, handed_at, sealed=False, sign_lines=(f"{who}（签收）：", "签收日期：", "联系电话：")
        )
    )
    return DocumentContent(
        kind="handover",
        title="领取回执",
        number=number or f.case_no,
        hall_name=f.hall_name,
        issued_at=handed_at,
        blocks=tuple(blocks),
        barcode=f.case_no,
        subtitle="（办件交接单）",
        meta={"case_no": f.case_no, "results": len(results), "returned": len(returned)},
    )


def originals_return_slip(
    f: CaseFacts,
    *,
    returned_at: dt.datetime,
    returned: Sequence[MaterialLine],
    clerk_name: str = "",
    number: str | None = None,
) -> DocumentContent:
    """退还材料回执: the originals the hall held and gives back after 出件 (``returned``, in
    checklist order), signed for by the applicant with the date; no seal (as the 领取回执)."""
    rows = [
        ("办件编号", f.case_no),
        ("退还时间", datetime_text(returned_at)),
        *_applicant_rows(f),
        ("经办人", clerk_name or f.clerk_name),
    ]
    blocks: list[Block] = [
        Fields(_pairs(rows), columns=2),
        Fields((("申请事项", f.item_name),), columns=1),
        Table(
            headers=("序号", "退还材料名称", "形式", "份数"),
            rows=tuple(
                (str(n), m.name, "原件", str(m.copies or 1)) for n, m in enumerate(returned, 1)
            ),
            widths=(0.8, 6.0, 1.8, 0.9),
            caption="退还材料清单",
        ),
        Paragraph(
            "上述材料原件受理时由本中心暂存，现已当面退还申请人，申请人已核对无误。"
            "本回执由本中心留存归档。"
        ),
        _signature(f, returned_at, sealed=False, sign_lines=APPLICANT_SIGN),
    ]
    return DocumentContent(
        kind="originals_return",
        title="退还材料回执",
        number=number or f.case_no,
        hall_name=f.hall_name,
        issued_at=returned_at,
        blocks=tuple(blocks),
        barcode=f.case_no,
        meta={"case_no": f.case_no, "returned": len(returned)},
    )


def decision(
    f: CaseFacts,
    *,
    decided_at: dt.datetime,
    approved: bool,
    item_kind: str = "",
    comment: str = "",
    legal_basis: str = "",
    review_body: str = "",
    court: str = "",
    number: str | None = None,
    sealed: bool = False,
) -> DocumentContent:
    """决定书 of the back office's decision; a refusal carries the remedy paragraph.

    ``number`` is the 文号 (printed as such); a ``sealed`` decision (stamped by the seal keeper,
    with a verification code) says how to verify it."""
    licence = item_kind == "行政许可"
    if approved:
        title = "准予行政许可决定书" if licence else "准予办理决定书"
        verdict = "准予行政许可" if licence else "准予办理"
    else:
        title = "不予行政许可决定书" if licence else "不予办理决定书"
        verdict = "不予行政许可" if licence else "不予办理"
    basis = f"根据{legal_basis}的规定，" if legal_basis else ""
    blocks: list[Block] = [
        Fields(_pairs([("办件编号", f.case_no), *_applicant_rows(f)]), columns=2),
        Fields((("申请事项", f.item_name),), columns=1),
        Paragraph(
            f"你（单位）申请办理的“{f.item_name}”事项，本机关已依法受理并进行了审查。{basis}"
            f"决定{verdict}。"
        ),
    ]
    if comment:
        blocks += [Heading("审查意见" if approved else "不予办理的理由"), Paragraph(comment)]
    if not approved:
        blocks.append(_remedy("决定书", review_body, court))
    if sealed:
        blocks.append(
            Paragraph(
                "本决定书加盖行政审批专用章后生效。可扫描二维码或凭核验码在本中心任一窗口核验真伪；"
                "补打件注明“补打”，与原件具有同等效力。",
                small=True,
            )
        )
    contact = _contact(f)
    if contact:
        blocks.append(Paragraph(contact, indent=False, small=True))
    blocks.append(_signature(f, decided_at))
    return DocumentContent(
        kind="decision",
        title=title,
        number=number or f.case_no,
        hall_name=f.hall_name,
        issued_at=decided_at,
        blocks=tuple(blocks),
        barcode=f.case_no,
        meta={
            "case_no": f.case_no,
            "approved": approved,
            "number_label": "文号" if number else "编号",
        },
    )
