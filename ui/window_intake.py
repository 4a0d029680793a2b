"""The window's intake side (受理与出件): the items of this visit, their checklists and outcomes
(受理, 一次性告知, 不予受理, 补正后受理), reprints (补打) and the hand-out (出件).

The rules of the checklist come from :mod:`counter.domain.checklist` (what blocks acceptance,
what a notice demands); the calls go through :mod:`counter.window` on the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from counter import window as door
from counter.documents.model import DocumentContent
from counter.domain.checklist import MaterialCheck, status_sent
from counter.errors import DatabaseUnavailable
from counter.services.cases import CaseDetail, CaseResult
from counter.services.catalog import ItemDetail, ItemSummary
from ui import outcome as outcome_module
from ui.applicant_panel import ApplicantPanel, person_form
from ui.backend import Backend, Call
from ui.checklist import ChecklistPanel, MaterialState, VisitItem
from ui.drafts import DraftKeeper
from ui.handout import HandoutPanel
from ui.outcome import OutcomePanel
from ui.preview import DocumentPreview
from ui.widgets import error_text, translate

log = logging.getLogger(__name__)

OUTCOME_KEY = "outcome"
REPRINTABLE = ("receipt", "one_time_notice", "rejection", "handover")


class IntakeController(QObject):
    """Items, outcomes, 补正后受理, reprints and hand-out of one window.

    ``ticket_id()`` gives the visitor's ticket (a case remembers it); ``started()`` is called
    when the visitor is at the window (an item chosen, a case opened)."""

    message = Signal(str, str)  # text, kind
    actions_changed = Signal()
    reprinted = Signal(object)  # DocumentContent
    citizen_changed = Signal()
    item_loaded = Signal(object)  # a VisitItem whose materials arrived
    outcome_done = Signal(object)  # a VisitItem accepted, noticed or refused

    def __init__(
        self,
        backend: Backend,
        *,
        applicant: ApplicantPanel,
        checklist: ChecklistPanel,
        outcome: OutcomePanel,
        handout: HandoutPanel,
        tabs: QTabWidget,
        drafts: DraftKeeper,
        ticket_id: Callable[[], int | None],
        started: Callable[[], None],
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.applicant = applicant
        self.checklist = checklist
        self.outcome = outcome
        self.handout = handout
        self.tabs = tabs
        self.drafts = drafts
        self._ticket_id = ticket_id
        self._started = started
        self._dialog_parent = dialog_parent
        outcome.accept_requested.connect(self.accept_current)
        outcome.notice_requested.connect(self.notice_current)
        outcome.reject_requested.connect(self.reject_current)
        outcome.reprint_requested.connect(self.reprint_result)
        handout.lookup_requested.connect(self.lookup_case)
        handout.handout_requested.connect(self.do_handout)
        handout.return_requested.connect(self.do_return_originals)
        handout.reprint_requested.connect(
            lambda no, kind: self.reprint(str(no), str(kind), self.handout.preview)
        )

    # -- items ------------------------------------------------------------------------------

    def add_item(self, summary: ItemSummary) -> None:
        existing = self.checklist.find_item(summary.version_id)
        if existing is not None:
            self.checklist.visit_list.setCurrentRow(self.checklist.items.index(existing))
            self.checklist.focus_table()
            return
        item = VisitItem(
            version_id=summary.version_id,
            item_id=summary.id,
            code=summary.code,
            name=summary.name,
            department=summary.department,
            on_the_spot=summary.on_the_spot,
            promised_days=summary.promised_days,
        )
        self.checklist.add_item(item)
        self.checklist.focus_table()
        self._started()
        self.citizen_changed.emit()
        self.load_item(item)

    def load_item(self, item: VisitItem) -> None:
        self.backend.call("item", door.item, item.version_id).then(
            lambda detail: self._item_loaded(item, detail),
            lambda exc: self.message.emit(error_text(exc), "warn"),
        )

    def _item_loaded(self, item: VisitItem, detail: ItemDetail) -> None:
        if not item.loaded:
            item.materials = [
                MaterialState(
                    material_id=m.id,
                    name=m.name,
                    requirement=m.requirement,
                    condition=m.condition,
                    form=m.form,
                    copies=m.copies,
                    catalogue_notes=m.notes,
                )
                for m in detail.materials
            ]
            item.loaded = True
            item.promised_days = detail.promised_days
            item.on_the_spot = detail.on_the_spot
            item.has_legal_basis = bool((detail.legal_basis or "").strip())
        self.checklist.item_updated(item)
        if item is self.checklist.current:
            self.checklist.focus_table()
        self.item_loaded.emit(item)
        self.actions_changed.emit()

    # -- outcomes ---------------------------------------------------------------------------

    def request(self, item: VisitItem) -> door.IntakeRequest:
        """The application as entered, for the core (unchecked materials count as missing)."""
        applicant, agent = self.applicant.inputs()
        return door.IntakeRequest(
            version_id=item.version_id,
            applicant=applicant,
            agent=agent,
            materials=tuple(
                MaterialCheck(
                    material_id=m.material_id,
                    status=status_sent(m.status),
                    form=m.form,
                    copies=m.copies,
                    note=m.note,
                    original=m.recorded_original,
                )
                for m in item.materials
            ),
            ticket_id=self._ticket_id(),
            notes=item.notes,
            case_no=item.completes or None,
        )

    def can_act(self, item: VisitItem | None) -> bool:
        return (
            item is not None
            and item.loaded
            and not item.done
            and not self.backend.worker.offline
            and not self.backend.worker.busy(OUTCOME_KEY)
            and self.backend.signed_in
        )

    def _submit(self, outcome: str, make: Callable[[door.IntakeRequest], Call[CaseResult]]) -> None:
        item = self.checklist.current
        if item is None or not self.can_act(item):
            return
        self.drafts.flush()
        make(self.request(item)).then(
            lambda r: self._outcome_done(item, outcome, r), self._outcome_failed, exclusive=True
        )
        self.actions_changed.emit()

    def accept_current(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.handout.request_handout()
            return
        if self.outcome.accept_button.isEnabled():
            self._submit("accepted", lambda req: self.backend.call(OUTCOME_KEY, door.accept, req))

    def notice_current(self) -> None:
        if self.outcome.notice_button.isEnabled():
            self._submit("notice", lambda req: self.backend.call(OUTCOME_KEY, door.notice, req))

    def reject_current(self) -> None:
        """不予受理: the hall's bodies to refer to are read first, then the reason is asked
        (the core's default list when the read fails)."""
        if not self.outcome.reject_button.isEnabled():
            return
        self.backend.call("referral_bodies", door.referral_bodies).then(
            self._ask_reject, lambda _exc: self._ask_reject(None), exclusive=True
        )

    def _ask_reject(self, bodies: tuple[str, ...] | None) -> None:
        if not self.outcome.reject_button.isEnabled():
            return
        item = self.checklist.current
        if item is not None and not item.has_legal_basis:  # nothing to cite: not offered
            reason = outcome_module.ask_reject_reason(
                self._dialog_parent, bodies, legal_basis=False
            )
        else:
            reason = outcome_module.ask_reject_reason(self._dialog_parent, bodies)  # tests stub it
        if reason:
            self._submit(
                "rejected", lambda req: self.backend.call(OUTCOME_KEY, door.refuse, req, reason)
            )

    def _outcome_done(self, item: VisitItem, outcome: str, result: CaseResult) -> None:
        item.outcome = outcome
        item.case_no = result.case.case_no
        item.result = result
        self.checklist.item_updated(item)
        if item is self.checklist.current:
            self.outcome.show_item_result(item)
        self.drafts.schedule()
        self.outcome_done.emit(item)
        self.actions_changed.emit()
        if all(i.done for i in self.checklist.items):
            self.message.emit(
                translate("client", "本次事项均已办理：打印文书（Ctrl+P）后按 F6 办结"), "ok"
            )

    def _outcome_failed(self, exc: Exception) -> None:
        if isinstance(exc, DatabaseUnavailable):
            self.message.emit(
                translate("client", "未提交：数据库连接中断。填写内容已保存，恢复连接后请再提交"),
                "error",
            )
        else:
            self.message.emit(error_text(exc), "warn")
        self.actions_changed.emit()

    def case_ids(self) -> list[int]:
        """The cases this visit opened (for the evaluation)."""
        return [i.result.case.id for i in self.checklist.items if i.result is not None]

    # -- 补正后受理 and hand-out ----------------------------------------------------------------

    def lookup_case(self, code: str) -> None:
        def failed(exc: Exception) -> None:
            self.tabs.setCurrentIndex(1)
            self.handout.show_error(error_text(exc))

        self.backend.call("handout_lookup", door.lookup_case, code).then(self._case_found, failed)

    def _case_found(self, case: CaseDetail) -> None:
        if case.state == "awaiting_materials":
            self.handout.clear()
            self.open_completion(case)
        else:
            self.tabs.setCurrentIndex(1)
            self.handout.show_case(case)

    def open_completion(self, case: CaseDetail) -> bool:
        """补正后受理: the case of a one-time notice in the 受理 tab, its applicant and checklist
        prefilled (the missing materials still marked missing), to accept under its number."""
        self.tabs.setCurrentIndex(0)
        same = next((i for i in self.checklist.items if i.completes == case.case_no), None)
        if same is not None and not same.done:
            self.checklist.visit_list.setCurrentRow(self.checklist.items.index(same))
            self.checklist.focus_table()
            return True
        if any(not i.done for i in self.checklist.items):
            self.message.emit(
                translate(
                    "client",
                    "办件 %1 待补正材料：请先办理完或清空（Ctrl+L）当前表单，再扫描一次性告知书",
                ).replace("%1", case.case_no),
                "warn",
            )
            return False
        self.new_visit()
        self.applicant.from_dict(
            {
                "applicant": person_form(case.applicant),
                "agent": person_form(case.agent),
                "source": "case",
            }
        )
        item = VisitItem(
            version_id=case.item_version_id,
            item_id=case.item_id,
            code=case.item_code,
            name=case.item_name,
            department=case.department,
            on_the_spot=case.on_the_spot,
            promised_days=case.promised_days,
            materials=[
                MaterialState(
                    material_id=int(m.material_id),
                    name=m.name,
                    requirement=m.requirement or "required",
                    condition=m.condition,
                    form=m.form,
                    copies=m.copies,
                    status=m.status,
                    note=m.note,
                )
                for m in case.materials
                if m.material_id is not None
            ],
            notes="",
            loaded=True,
            completes=case.case_no,
        )
        self.checklist.add_item(item)
        self.checklist.focus_table()
        self._started()
        self.citizen_changed.emit()
        self.message.emit(
            translate(
                "client", "补正受理：办件号 %1。请核对补齐的材料（空格 收到 · F8 全部收齐）后受理"
            ).replace("%1", case.case_no),
            "info",
        )
        self.actions_changed.emit()
        return True

    def do_handout(
        self, case_no: str, collector_id: str, collector_name: str, returned: object = None
    ) -> None:
        if self.backend.worker.offline:
            return

        def done(result: CaseResult) -> None:
            self.handout.show_done(result)
            self.message.emit(
                translate("client", "已出件：%1，请打印领取回执（Ctrl+P）").replace("%1", case_no),
                "ok",
            )

        given_back = list(returned) if isinstance(returned, list) else None
        self.backend.call(
            "handout", door.hand_out, case_no, collector_id, collector_name, given_back
        ).then(done, lambda exc: self.handout.show_error(error_text(exc)), exclusive=True)

    def do_return_originals(self, case_no: str, returned: object) -> None:
        """退还原件 after 出件: the ticked held originals given back, the 退还材料回执 shown."""
        if self.backend.worker.offline:
            return

        def done(result: CaseResult) -> None:
            self.handout.show_returned(result)
            self.message.emit(
                translate("client", "已退还原件：%1，请打印退还材料回执（Ctrl+P）").replace(
                    "%1", case_no
                ),
                "ok",
            )

        seqs = list(returned) if isinstance(returned, list) else None
        self.backend.call("return_originals", door.return_originals, case_no, seqs).then(
            done, lambda exc: self.handout.show_error(error_text(exc)), exclusive=True
        )

    # -- reprint ----------------------------------------------------------------------------

    def reprint_current(self) -> None:
        """Ctrl+Shift+P: 补打 the document of the current tab (hand-out or result)."""
        if self.tabs.currentIndex() == 1:
            self.handout.request_reprint()
        else:
            self.outcome.request_reprint()

    def reprint_result(self, kind: str) -> None:
        item = self.checklist.current
        if item is None or not item.case_no:
            return
        self.reprint(item.case_no, kind, self.outcome.preview)

    def reprint(self, case_no: str, kind: str, preview: DocumentPreview) -> None:
        """补打 through the core (a new logged seal use, marked 补打), shown in ``preview`` and
        sent to the usual print dialog."""
        if self.backend.worker.offline or kind not in REPRINTABLE:
            return

        def done(content: DocumentContent) -> None:
            preview.set_content(content)
            self.message.emit(
                translate("client", "已补打 %1（%2），已记录用印")
                .replace("%1", content.title)
                .replace("%2", case_no),
                "ok",
            )
            self.reprinted.emit(content)
            preview.print_current()

        self.backend.call("reprint", door.reprint, case_no, kind).then(
            done, lambda exc: self.message.emit(error_text(exc), "warn"), exclusive=True
        )

    # -- the form ---------------------------------------------------------------------------

    def new_visit(self, keep_draft: bool = False) -> None:
        """Clear the form for the next applicant (Ctrl+L). The draft is discarded unless kept."""
        self.applicant.clear()
        self.checklist.clear()
        self.outcome.clear_result()
        if not keep_draft:
            self.drafts.discard()
        self.actions_changed.emit()

    def update_outcome(self) -> None:
        """Enable the outcome buttons and say what the current item needs, by the core's rules."""
        offline = self.backend.worker.offline
        item = self.checklist.current
        problems = self.applicant.problems()
        can = self.can_act(item) and not problems
        missing = item.missing() if item is not None else []
        completing = item is not None and bool(item.completes)
        self.outcome.set_enabled(
            can and item is not None and item.can_accept(),
            can and item is not None and item.can_notice() and not completing,
            can and not completing,
        )
        if offline:
            self.outcome.show_state(
                translate("client", "数据库连接中断：填写的内容已保存在本机，恢复后即可受理"),
                "error",
            )
        elif item is None:
            self.outcome.show_state(translate("client", "请在左侧查找并选择办理事项"), "info")
        elif item.done:
            self.outcome.show_state(translate("client", "此事项已办理"), "ok")
        elif not item.loaded:
            self.outcome.show_state(translate("client", "正在读取材料清单…"), "info")
        elif problems:
            self.outcome.show_state("；".join(problems), "warn")
        elif completing and not item.can_accept():
            names = "、".join(m.name for m in item.blocking())
            self.outcome.show_state(
                translate(
                    "client", "补正受理（办件号 %1）：仍缺 %2 项材料：%3。收齐后按 Ctrl+Enter 受理"
                )
                .replace("%1", item.completes)
                .replace("%2", str(len(item.blocking())))
                .replace("%3", names),
                "warn",
            )
        elif completing:
            self.outcome.show_state(
                translate(
                    "client", "补正受理（办件号 %1）：材料已补齐，可以受理（Ctrl+Enter）"
                ).replace("%1", item.completes),
                "ok",
            )
        elif missing:
            names = "、".join(m.name for m in missing)
            text = (
                translate("client", "缺少 %1 项材料：%2。")
                .replace("%1", str(len(missing)))
                .replace("%2", names)
            )
            if any(not m.status for m in missing):
                text += translate("client", "（未核验的必要材料按缺少处理，可按 F8 全部收齐）")
            if item.can_accept():
                text += translate("client", "非必要或按情形的材料缺少不影响受理（Ctrl+Enter）")
            else:
                text += translate("client", "可出具一次性告知书（Ctrl+G）")
            self.outcome.show_state(text, "warn")
        else:
            self.outcome.show_state(translate("client", "材料齐全，可以受理（Ctrl+Enter）"), "ok")
