"""Every item of the catalogue at its maximum materials, on paper: the 受理回执 listing every
material and the 一次性告知书 demanding every one, rendered to PDF and read back with pdftotext.

The closing block (落款, date, seal) never stands on a page of its own: the page that carries it
also carries the last lines of the text before it; every page says 第N页 共M页; a continued page
repeats the header; the page count is what the layout said and stays small."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from counter.documents import builders as b
from counter.documents.model import DocumentContent, Paragraph, Signature
from ui import docrender

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)

CATALOGUE = Path(__file__).resolve().parents[2] / "db" / "seed" / "catalogue.json"
AT = dt.datetime(2026, 3, 10, 2, 5, tzinfo=dt.UTC)


def items() -> list[dict[str, Any]]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert len(data) == 228
    return list(data)


def facts(item: dict[str, Any]) -> b.CaseFacts:
    return b.CaseFacts(
        case_no="QS20260310-0001",
        hall_name="青山镇便民服务中心",
        item_name=item["name"],
        applicant_name="欧阳𠀾䶮",
        department=item["department"],
        applicant_id="110105********002X",
        agent_name="司马相如",
        agent_relation="村代办员",
        clerk_name="王丽",
        window_name="14号综合窗口",
        contact_phone="0571-8888 6000",
        hall_address="青山镇人民路1号",
        seal_name="青山镇便民服务中心受理专用章",
        signoff="青山镇便民服务中心",
    )


def lines(item: dict[str, Any]) -> list[b.MaterialLine]:
    return [
        b.MaterialLine(
            m["name"], m["form"], m["copies"], m["requirement"], m["condition"], m["notes"]
        )
        for m in item["materials"]
    ]


def receipt(item: dict[str, Any]) -> DocumentContent:
    return b.receipt(
        facts(item),
        accepted_at=AT,
        materials=lines(item),
        promised_date=dt.date(2026, 4, 8),
        promised_days=item["promised_days"],
        statutory_date=dt.date(2026, 4, 21),
        statutory_days=item["statutory_days"],
        deadline_confirmed=False,  # the longest form: with the note on unpublished holidays
        on_the_spot=item["on_the_spot"],
    )


def notice(item: dict[str, Any]) -> DocumentContent:
    return b.one_time_notice(
        facts(item),
        issued_at=AT,
        missing=lines(item),
        notice_days=5,
        due_date=dt.date(2026, 3, 17),
        due_confirmed=False,
    )


def squeeze(text: str) -> str:
    return "".join(text.split())


def last_body_words(doc: DocumentContent) -> str:
    """The end of the last full-size paragraph before the closing block."""
    sig = next(i for i, x in enumerate(doc.blocks) if isinstance(x, Signature))
    body = [x for x in doc.blocks[:sig] if isinstance(x, Paragraph) and not x.small]
    return squeeze(body[-1].text)[-8:]


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    texts = out.split("\f")
    if texts and not texts[-1].strip():
        texts = texts[:-1]
    return texts


def check_pages(doc: DocumentContent, texts: list[str]) -> None:
    """The pages of ``doc`` as pdftotext read them: numbered, the header repeated on a
    continued page, and the closing block with the end of the body text on its page."""
    pages = len(texts)
    assert pages == docrender.page_count(doc), (doc.title, pages)
    for n, text in enumerate(texts, start=1):
        assert squeeze(f"第 {n} 页　共 {pages} 页") in squeeze(text), (doc.title, n)
        if n > 1:
            assert squeeze(f"{doc.hall_name}　{doc.title}（续）") in squeeze(text)
    sealed = squeeze(texts[-1])  # the closing block is the last block
    sig = next(x for x in doc.blocks if isinstance(x, Signature))
    assert squeeze(sig.issuer) in sealed and squeeze(sig.date_text) in sealed
    assert squeeze(sig.sign_lines[0]) in sealed  # 申请人（签收）
    assert last_body_words(doc) in sealed, (doc.title, doc.blocks[1], pages)


def walk(docs: list[DocumentContent], pdf: Path) -> list[int]:
    """Render ``docs`` into one PDF and check each document's pages."""
    counts = docrender.render_pdf_bundle(docs, pdf)
    texts = page_texts(pdf)
    assert len(texts) == sum(counts)
    start = 0
    for doc, n in zip(docs, counts, strict=True):
        check_pages(doc, texts[start : start + n])
        start += n
    return counts


def test_every_catalogue_item_at_its_maximum_materials(qapp: object, tmp_path: Path) -> None:
    catalogue = items()
    receipts = walk([receipt(i) for i in catalogue], tmp_path / "receipts.pdf")
    notices = walk([notice(i) for i in catalogue], tmp_path / "notices.pdf")
    # 8 materials at most in the catalogue: never more than two pages
    assert max(receipts) <= 2 and max(notices) <= 2
    assert min(receipts) == 1
    # a single document's own PDF (what `counter print` writes) pages the same
    two = catalogue[receipts.index(2)]
    for doc in (receipt(two), notice(two)):
        pdf = tmp_path / f"{doc.kind}.pdf"
        n = docrender.render_pdf(doc, pdf)
        check_pages(doc, page_texts(pdf))
        assert n == len(page_texts(pdf))


def test_a_long_list_flows_on_under_its_headers(qapp: object, tmp_path: Path) -> None:
    item = dict(items()[0])
    item["materials"] = [
        {**item["materials"][0], "name": f"第{k}项证明材料（原件）"} for k in range(1, 41)
    ]
    pdf = tmp_path / "long.pdf"
    doc = receipt(item)
    pages = docrender.render_pdf(doc, pdf)
    texts = page_texts(pdf)
    check_pages(doc, texts)
    assert pages >= 3
    for page in texts[1:]:
        if "已收取材料清单（续）" in page:
            assert "已收材料名称" in page  # the table's headers repeated where it continues
    assert sum("已收取材料清单（续）" in t for t in texts) >= 1


def test_a_long_refusal_and_a_long_slip_keep_their_closing_with_text(
    qapp: object, tmp_path: Path
) -> None:
    item = items()[0]
    f = facts(item)
    refusal = b.rejection_notice(
        f,
        issued_at=AT,
        reason="经核查，申请人提交的材料所述情形与本事项的受理范围不符。" * 33,  # ~1000 characters
        clause="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        refer_to="县自然资源和规划局",
        review_body="青山县人民政府",
        court="青山县人民法院",
        number="青山镇审批不受字〔2026〕1号",
    )
    slip = b.handover_slip(
        f,
        handed_at=AT,
        collector_name="司马相如",
        collector_id="110105********002X",
        result="准予办理",
        items=[b.ResultLine(f"第{k}份证照", f"青山镇审批〔2026〕{k}号") for k in range(1, 16)],
        returned=lines(item) * 3,
        collector_is="agent",
    )
    counts = walk([refusal, slip], tmp_path / "long.pdf")
    assert counts[0] >= 1 and counts[1] >= 2
