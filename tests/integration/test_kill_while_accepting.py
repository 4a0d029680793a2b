"""A window PC killed (SIGKILL: power cut, task manager) in the middle of accepting cases: the
database holds only whole cases (each with its applicant, materials, acceptance event and
receipt) and the draft of the form being typed comes back, whole, on the next start.

The clerk is a separate process that types a form (saved as a draft, as the window client
does on every change), accepts it, and goes on to the next, as fast as it can; the test kills
it at a few random moments, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter import drafts
from counter.services.base import Runtime
from db.models import Case, CaseEvent, CaseMaterial, Document

CLERK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from counter import drafts
    from counter.demo.hall import DEMO_PASSWORD
    from counter.domain import applicants, checklist
    from counter.services import catalog, intake
    from counter.services.auth import sign_in
    from counter.services.base import Runtime

    url, draft_file = sys.argv[1], Path(sys.argv[2])
    rt = Runtime(url)
    clerk = sign_in(rt, "1001", DEMO_PASSWORD, window_number=1).actor
    item = catalog.get_item(rt, code="MZ-011")
    checks = [checklist.MaterialCheck(m.id, "received" if m.requirement == "required"
              else "not_applicable", m.form, m.copies) for m in item.materials]
    n = 0
    while True:
        n += 1
        form = {"applicant": {"kind": "person", "name": "王" + chr(0x4E00 + n), "id_number":
                "11010519491231002X", "address": "青山镇" * 20}, "items": ["MZ-011"],
                "notes": f"第{n}件 " + "备注" * 200}
        drafts.save(draft_file, form)
        intake.accept_case(rt, clerk, item_version_id=item.version_id,
            applicant=applicants.ApplicantInput(kind="person", name="王" + chr(0x4E00 + n),
                id_number="11010519491231002X", address="青山镇" * 20),
            materials=checks, notes=form["notes"][:200])
        print(n, flush=True)
    """
)


def _whole_cases(url: str) -> int:
    """The number of accepted cases; asserts each is whole."""
    rt = Runtime(url)
    try:
        with rt.unit(read_only=True) as s:
            cases = s.scalars(select(Case).where(Case.state != "draft")).all()
            for case in cases:
                assert case.applicant_id is not None and case.case_no
                n_materials = s.scalar(select(func.count()).where(CaseMaterial.case_id == case.id))
                n_events = s.scalar(select(func.count()).where(CaseEvent.case_id == case.id))
                n_docs = s.scalar(select(func.count()).where(Document.case_id == case.id))
                assert n_materials and n_events and n_docs, case.case_no
            numbers = [c.case_no for c in cases]
            assert len(numbers) == len(set(numbers))
            return len(cases)
    finally:
        rt.dispose()


@pytest.mark.slow
def test_sigkill_while_accepting_leaves_whole_cases_and_the_draft(
    hall_url: str, tmp_path: Path
) -> None:
    draft_file = tmp_path / "drafts" / "w1-1001.json"
    script = tmp_path / "clerk.py"
    script.write_text(CLERK, encoding="utf-8")
    before = _whole_cases(hall_url)
    accepted = 0
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    for kill_after in (0.05, 0.23, 0.41):
        proc = subprocess.Popen(
            [sys.executable, str(script), hall_url, str(draft_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # one case accepted: the clerk is at full speed
        assert first.strip() == "1", proc.stderr.read() if proc.stderr else ""
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        printed = [int(x) for x in (first + out).split()]
        # the draft of the form being typed comes back, whole
        draft = drafts.load(draft_file)
        assert draft is not None and draft["items"] == ["MZ-011"]
        assert draft["notes"].startswith(f"第{printed[-1]}件") or draft["notes"].startswith(
            f"第{printed[-1] + 1}件"
        )
        # no half case: every case is whole, and none that was reported is missing
        total = _whole_cases(hall_url)
        assert total - before - accepted >= len(printed)
        assert total - before - accepted <= len(printed) + 1  # at most the one being committed
        accepted = total - before
        assert not list(draft_file.parent.glob("*.tmp*"))  # no half-written draft left about
