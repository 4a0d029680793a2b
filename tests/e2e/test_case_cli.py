"""``counter case list|show|advance``, ``counter print`` and ``counter verify`` as processes, on
the seeded demo hall, as signed-in staff (``--staff``, the password from
``COUNTER_STAFF_PASSWORD``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def counter(*args: str, db: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COUNTER_STAFF_PASSWORD="demo1234")
    env.pop("DISPLAY", None)  # printing must work without a display
    proc = subprocess.run(
        [sys.executable, "-m", "ui.main", *args, "--db", db],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cases') / 'demo.sqlite3'}"
    counter("demo", "--seed-only", db=url)
    return url


def listed(db: str, *more: str) -> list[dict[str, object]]:
    out = counter("case", "list", "--json", "--staff", "4001", *more, db=db).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_case_list_json(demo_db: str) -> None:
    rows = listed(demo_db)
    assert len(rows) >= 12
    assert all({"case_no", "item", "state"} <= set(r) for r in rows)
    assert {"accepted", "awaiting_materials", "not_accepted", "completed", "delivered"} <= {
        r["state"] for r in rows
    }
    assert all("*" in str(r["applicant"]) for r in rows)  # names masked
    review = listed(demo_db, "--state", "review")
    assert review and all(r["state"] == "review" for r in review)
    text = counter("case", "list", "--staff", "4001", db=demo_db).stdout
    assert "红牌" in text
    proc = counter("case", "list", db=demo_db, check=False)  # no one signed in: no list
    assert proc.returncode == 2 and "--staff" in proc.stderr


def test_case_list_rejects_an_unknown_state(demo_db: str) -> None:
    proc = counter("case", "list", "--state", "lost", "--staff", "4001", db=demo_db, check=False)
    assert proc.returncode == 1 and "未知的办件状态" in proc.stderr


def test_case_show(demo_db: str) -> None:
    case_no = next(r["case_no"] for r in listed(demo_db, "--state", "delivered"))
    data = json.loads(
        counter("case", "show", str(case_no), "--json", "--staff", "2001", db=demo_db).stdout
    )
    assert data["case_no"] == case_no
    assert [e["node"] for e in data["events"]][0] == "受理"
    assert data["events"][-1]["node"] == "送达"
    assert {d["kind"] for d in data["documents"]} >= {"receipt", "handover"}
    assert "*" in data["applicant_id"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_print_receipt_to_pdf_reads_back(demo_db: str, tmp_path: Path) -> None:
    case_no = str(next(r["case_no"] for r in listed(demo_db, "--state", "accepted")))
    pdf = tmp_path / "receipt.pdf"
    out = counter(
        "print", case_no, "--document", "receipt", "--pdf", str(pdf), "--staff", "1001", db=demo_db
    ).stdout
    assert "受理回执" in out and pdf.exists()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    (page,) = sorted(tmp_path.glob("p-*.png"))
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(page))] == [case_no]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert case_no in text and "受理回执" in text.replace(" ", "").replace("\n", "")


def _with_handover(db: str) -> str:
    for row in listed(db, "--state", "delivered"):
        show = json.loads(
            counter("case", "show", str(row["case_no"]), "--json", "--staff", "2001", db=db).stdout
        )
        if any(d["kind"] == "handover" for d in show["documents"]):
            return str(row["case_no"])
    raise AssertionError("no case collected at a window")


def test_print_each_kind_and_a_missing_one(demo_db: str, tmp_path: Path) -> None:
    first = {
        "notice": listed(demo_db, "--state", "awaiting_materials")[0]["case_no"],
        "rejection": listed(demo_db, "--state", "not_accepted")[0]["case_no"],
        "handover": _with_handover(demo_db),
    }
    for kind, case_no in first.items():
        pdf = tmp_path / f"{kind}.pdf"
        counter("print", str(case_no), "--document", kind, "--pdf", str(pdf), "--staff", "1001",
                db=demo_db)  # fmt: skip
        assert pdf.stat().st_size > 10_000
    proc = counter(
        "print", str(first["rejection"]), "--document", "receipt", "--pdf", str(tmp_path / "x.pdf"),
        "--staff", "1001", db=demo_db, check=False,
    )  # fmt: skip
    assert proc.returncode == 1 and "未找到" in proc.stderr


def test_case_advance_by_node_and_role(demo_db: str) -> None:
    case_no = str(listed(demo_db, "--state", "accepted")[0]["case_no"])
    refused = counter("case", "advance", case_no, "--node", "first_review", "--staff", "1001",
                      db=demo_db, check=False)  # fmt: skip
    assert refused.returncode == 2 and "后台审核人员" in refused.stderr
    out = json.loads(counter("case", "advance", case_no, "--node", "first_review", "--opinion",
                             "材料齐全", "--staff", "2001", db=demo_db).stdout)  # fmt: skip
    assert out["state"] == "first_review"
    bad = counter("case", "advance", case_no, "--node", "first_review", "--refuse", "x",
                  "--staff", "2001", db=demo_db, check=False)  # fmt: skip
    assert bad.returncode == 1 and "--refuse" in bad.stderr
    counter("case", "advance", case_no, "--node", "review", "--staff", "2001", db=demo_db)
    out = json.loads(counter("case", "advance", case_no, "--node", "decide", "--refuse",
                             "申请人不符合法定条件", "--staff", "2002", db=demo_db).stdout)  # fmt: skip
    assert out["state"] == "rejected"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_sealed_decision_qr_code_verifies(demo_db: str, tmp_path: Path) -> None:
    """The decision PDF shows the seal; its QR code, decoded from the rendered page, is a code
    ``counter verify`` accepts; the same code with one character changed is rejected."""
    case_no = str(listed(demo_db, "--state", "approved")[0]["case_no"])
    pdf = tmp_path / "decision.pdf"
    refused = counter("print", case_no, "--document", "decision", "--pdf", str(pdf), "--staff",
                      "2001", db=demo_db, check=False)  # fmt: skip
    assert refused.returncode == 2 and "印章管理员" in refused.stderr and not pdf.exists()
    out = counter("print", case_no, "--document", "decision", "--pdf", str(pdf), "--staff",
                  "3001", db=demo_db).stdout  # fmt: skip
    assert "核验码" in out and "用印登记号" in out
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "d")], check=True)
    (page,) = sorted(tmp_path.glob("d-*.png"))
    img = Image.open(page).convert("RGB")
    codes = {b.format.name if hasattr(b.format, "name") else str(b.format): b.text
             for b in zxingcpp.read_barcodes(img)}  # fmt: skip
    qr = next(v for k, v in codes.items() if "QR" in k.upper())
    assert case_no in codes.values()
    # the seal: red ink around the signature, drawn from the seal's image
    w, h = img.size
    region = img.crop((w // 2, h // 3, w, h))
    px = region.tobytes()
    red = sum(1 for i in range(0, len(px), 3) if px[i] > 180 and px[i + 1] < 90 and px[i + 2] < 90)
    assert red > 2000
    ok = counter("verify", qr, db=demo_db)
    assert "真实有效" in ok.stdout and case_no in ok.stdout
    data = json.loads(counter("verify", qr, "--json", db=demo_db).stdout)
    assert data["status"] == "genuine" and data["original"]["serial"]
    changed = qr[:-1] + ("7" if qr[-1] != "7" else "8")
    bad = counter("verify", changed, db=demo_db, check=False)
    assert bad.returncode == 1 and "核验码无效" in bad.stdout
    # printing again is a reprint: refused without a reason, logged with one
    again = counter("print", case_no, "--document", "decision", "--pdf", str(pdf), "--staff",
                    "3001", db=demo_db, check=False)  # fmt: skip
    assert again.returncode == 1 and "补打" in again.stderr
    counter("print", case_no, "--document", "decision", "--pdf", str(pdf), "--staff", "3001",
            "--reprint-reason", "申请人遗失原件", db=demo_db)  # fmt: skip
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "补打" in text
    assert "申请人遗失原件" in counter("verify", qr, db=demo_db).stdout


def _completed_with_held_originals(db: str) -> str:
    """A case accepted in-process with two originals held by the hall, then completed."""
    from counter import window as door
    from counter.domain import applicants, checklist
    from counter.services.base import Runtime
    from tests.ui.test_action_count import STANDARD_ITEM
    from ui.screenshots import complete_case

    rt = Runtime(db)
    try:
        desk = door.sign_in(rt, "1001", "demo1234", 1)
        summary = next(i for i in door.search_items(rt, desk, "zjd") if i.name == STANDARD_ITEM)
        detail = door.item(rt, desk, summary.version_id)
        both = [m for m in detail.materials if m.form == "original_and_copy"][:2]
        request = door.IntakeRequest(
            version_id=summary.version_id,
            applicant=applicants.ApplicantInput(
                name="张三", id_number="11010519491231002X", phone="13812345678"
            ),
            agent=None,
            materials=tuple(
                checklist.MaterialCheck(
                    m.id, "received", m.form, 1, original="held" if m in both else ""
                )
                for m in detail.materials
            ),
        )
        case_no = door.accept(rt, desk, request).case.case_no
    finally:
        rt.dispose()
    complete_case(db, case_no)
    return case_no


def test_post_keeping_the_originals_then_return_them(demo_db: str) -> None:
    def show(case_no: str) -> dict[str, object]:
        return json.loads(  # type: ignore[no-any-return]
            counter("case", "show", case_no, "--json", "--staff", "2001", db=demo_db).stdout
        )

    case_no = _completed_with_held_originals(demo_db)
    bad = counter("case", "post", case_no, "--carrier", "顺丰速运", "--tracking", "SF9",
                  "--originals", "lost", "--staff", "1001", db=demo_db, check=False)  # fmt: skip
    assert bad.returncode == 2 and "--originals" in bad.stderr
    out = json.loads(counter("case", "post", case_no, "--carrier", "顺丰速运", "--tracking", "SF9",
                             "--originals", "held", "--staff", "1001", db=demo_db).stdout)  # fmt: skip
    assert out["state"] == "delivered"
    data = show(case_no)
    held = [m["name"] for m in data["materials"] if m["original"] == "held"]  # type: ignore[union-attr,index]
    posted = [e["comment"] for e in data["events"] if e["node"] == "送达"]  # type: ignore[union-attr,index]
    assert held and len(posted) == 1 and "暂存原件继续由本中心保管" in posted[0]
    slip = counter("case", "return-originals", case_no, "--staff", "1001", db=demo_db).stdout
    assert "退还材料回执" in slip and case_no in slip and all(n in slip for n in held)
    assert "申请人（签收）：" in slip
    data = show(case_no)
    assert not [m for m in data["materials"] if m["original"] == "held"]  # type: ignore[union-attr,index]
    again = counter("case", "return-originals", case_no, "--staff", "1001", db=demo_db,
                    check=False)  # fmt: skip
    assert again.returncode == 1 and "暂存" in again.stderr
