"""``counter case list|show`` and ``counter print`` as processes, on the seeded demo hall."""

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
    env = dict(os.environ)
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
    out = counter("case", "list", "--json", *more, db=db).stdout
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
    text = counter("case", "list", db=demo_db).stdout
    assert "红牌" in text


def test_case_list_rejects_an_unknown_state(demo_db: str) -> None:
    proc = counter("case", "list", "--state", "lost", db=demo_db, check=False)
    assert proc.returncode == 1 and "未知的办件状态" in proc.stderr


def test_case_show(demo_db: str) -> None:
    case_no = next(r["case_no"] for r in listed(demo_db, "--state", "delivered"))
    data = json.loads(counter("case", "show", str(case_no), "--json", db=demo_db).stdout)
    assert data["case_no"] == case_no
    assert [e["node"] for e in data["events"]][0] == "受理"
    assert data["events"][-1]["node"] == "送达"
    assert {d["kind"] for d in data["documents"]} >= {"receipt", "handover"}
    assert "*" in data["applicant_id"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_print_receipt_to_pdf_reads_back(demo_db: str, tmp_path: Path) -> None:
    case_no = str(next(r["case_no"] for r in listed(demo_db, "--state", "accepted")))
    pdf = tmp_path / "receipt.pdf"
    out = counter("print", case_no, "--document", "receipt", "--pdf", str(pdf), db=demo_db).stdout
    assert "受理回执" in out and pdf.exists()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    (page,) = sorted(tmp_path.glob("p-*.png"))
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(page))] == [case_no]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert case_no in text and "受理回执" in text.replace(" ", "").replace("\n", "")


def test_print_each_kind_and_a_missing_one(demo_db: str, tmp_path: Path) -> None:
    first = {
        "notice": listed(demo_db, "--state", "awaiting_materials")[0]["case_no"],
        "rejection": listed(demo_db, "--state", "not_accepted")[0]["case_no"],
        "handover": listed(demo_db, "--state", "delivered")[0]["case_no"],
    }
    for kind, case_no in first.items():
        pdf = tmp_path / f"{kind}.pdf"
        counter("print", str(case_no), "--document", kind, "--pdf", str(pdf), db=demo_db)
        assert pdf.stat().st_size > 10_000
    proc = counter(
        "print", str(first["rejection"]), "--document", "receipt", "--pdf", str(tmp_path / "x.pdf"),
        db=demo_db, check=False,
    )  # fmt: skip
    assert proc.returncode == 1 and "未找到" in proc.stderr
