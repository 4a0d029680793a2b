"""事项目录 tab: find an item as the window client does, edit it and its materials, save it as a
new version, deactivate it; import a file after seeing what it changes.

The form's vocabularies (kinds, sectors, material forms and requirements, nodes) come from the
core (:func:`counter.admin.vocabularies`). Saving sends only the fields that differ from the
item as loaded; the core writes a new version (cases keep theirs) and announces it, so every
window client's item finder searches again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter import admin as door
from counter.services.catalog import ItemDetail, MaterialSpec
from ui.admin.common import AdminTab
from ui.admin.session import AdminSession
from ui.widgets import named, translate

MAT_NAME, MAT_FORM, MAT_COPIES, MAT_REQ, MAT_COND = range(5)


class CatalogueTab(AdminTab):
    def __init__(self, session: AdminSession, vocab: door.Vocabularies,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(session, parent)
        self.vocab = vocab
        self.item: ItemDetail | None = None
        self.results: list[Any] = []
        split = QSplitter(Qt.Orientation.Horizontal)
        self.lay.addWidget(split, 1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 8, 0)
        row = QHBoxLayout()
        self.search = named(QLineEdit(), "itemSearch")
        self.search.setPlaceholderText(self.tr("事项名称、编码、拼音或首字母"))
        self.search.returnPressed.connect(self.run_search)
        row.addWidget(self.search, 1)
        find = QPushButton(self.tr("查找"))
        find.clicked.connect(self.run_search)
        row.addWidget(find)
        ll.addLayout(row)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("编码"), self.tr("事项"), self.tr("部门")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2):  # codes and departments whole, their headers too (in English)
            self.table.horizontalHeader().setSectionResizeMode(
                col, QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.cellClicked.connect(lambda r, _c: self.open_row(r))
        ll.addWidget(self.table, 1)
        imp = QHBoxLayout()
        self.import_button = QPushButton(self.tr("导入目录文件…"))
        self.import_button.clicked.connect(self.choose_import)
        imp.addWidget(self.import_button)
        imp.addStretch(1)
        ll.addLayout(imp)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        self.title = named(QLabel(self.tr("请在左侧选择事项")), "sectionTitle")
        head.addWidget(self.title, 1)
        self.version = named(QLabel(""), "muted")
        head.addWidget(self.version)
        rl.addLayout(head)
        form = QFormLayout()
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.department = QLineEdit()
        self.kind = QComboBox()
        for kind in vocab.kinds:
            self.kind.addItem(translate("kinds", kind), kind)
        self.sector = QComboBox()
        for sector in vocab.sectors:
            self.sector.addItem(translate("ItemFinder", sector), sector)
        days = QHBoxLayout()
        self.promised = QSpinBox()
        self.promised.setRange(0, 365)
        self.statutory = QSpinBox()
        self.statutory.setRange(0, 365)
        self.on_the_spot = QCheckBox(self.tr("即办件"))
        days.addWidget(QLabel(self.tr("承诺")))
        days.addWidget(self.promised)
        days.addWidget(QLabel(self.tr("法定")))
        days.addWidget(self.statutory)
        days.addWidget(QLabel(self.tr("个工作日")))
        days.addWidget(self.on_the_spot)
        days.addStretch(1)
        self.fee = QLineEdit()
        self.legal_basis = QPlainTextEdit()
        self.legal_basis.setFixedHeight(60)
        budget = QHBoxLayout()
        self.budget: dict[str, QSpinBox] = {}
        for node in vocab.nodes:
            spin = QSpinBox()
            spin.setRange(0, 99)
            self.budget[node] = spin
            budget.addWidget(QLabel(translate("nodes", node)))
            budget.addWidget(spin)
        budget.addStretch(1)
        form.addRow(self.tr("事项编码"), self.code)
        form.addRow(self.tr("事项名称"), self.name)
        form.addRow(self.tr("部门"), self.department)
        form.addRow(self.tr("事项类型"), self.kind)
        form.addRow(self.tr("领域"), self.sector)
        form.addRow(self.tr("办理时限"), days)
        form.addRow(self.tr("收费"), self.fee)
        form.addRow(self.tr("设定依据"), self.legal_basis)
        form.addRow(self.tr("环节时限（工作日，全0为不设）"), budget)
        rl.addLayout(form)

        box = QGroupBox(self.tr("申请材料"))
        bl = QVBoxLayout(box)
        self.materials = named(QTableWidget(0, 5), "materials")
        self.materials.setHorizontalHeaderLabels(
            [self.tr("材料名称"), self.tr("形式"), self.tr("份数"), self.tr("要求"),
             self.tr("情形（按情形提交时）")]
        )  # fmt: skip
        self.materials.verticalHeader().setVisible(False)
        hh = self.materials.horizontalHeader()
        hh.setSectionResizeMode(MAT_NAME, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(MAT_COND, QHeaderView.ResizeMode.Stretch)
        self.materials.setColumnWidth(MAT_FORM, 200)  # "Original and copy" whole
        self.materials.setColumnWidth(MAT_COPIES, 80)
        self.materials.setColumnWidth(MAT_REQ, 130)
        self.materials.verticalHeader().setDefaultSectionSize(40)
        bl.addWidget(self.materials, 1)
        mb = QHBoxLayout()
        for text, slot in (
            (self.tr("添加材料"), self.add_material),
            (self.tr("删除"), self.remove_material),
            (self.tr("上移"), lambda: self.move_material(-1)),
            (self.tr("下移"), lambda: self.move_material(1)),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            mb.addWidget(b)
        mb.addStretch(1)
        bl.addLayout(mb)
        rl.addWidget(box, 1)

        actions = QHBoxLayout()
        self.active_button = QPushButton(self.tr("停用事项"))
        self.active_button.clicked.connect(self.toggle_active)
        actions.addWidget(self.active_button)
        actions.addStretch(1)
        self.save_button = named(QPushButton(self.tr("保存为新版本")), "primary")
        self.save_button.clicked.connect(self.save)
        actions.addWidget(self.save_button)
        rl.addLayout(actions)
        split.addWidget(right)
        split.setSizes([520, 1000])
        self._enable(False)

    # -- searching ---------------------------------------------------------------------------

    def start(self) -> None:
        self.run_search()

    def run_search(self) -> None:
        self.submit("find", door.find_items, self.search.text(), then=self._found)

    def _found(self, items: tuple[Any, ...]) -> None:
        self.results = list(items)
        self.table.setRowCount(0)
        for it in items:
            r = self.table.rowCount()
            self.table.insertRow(r)
            name = it.name if it.active else self.tr("%1（已停用）").replace("%1", it.name)
            for c, text in enumerate((it.code, name, it.department)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.results):
            self.open_item(self.results[row].code)

    def open_item(self, code: str) -> None:
        self.submit("item", door.item, code, then=self.show_item)

    def on_event(self, change: Any) -> None:
        if change.type.startswith("catalogue."):
            self.run_search()

    # -- the form ----------------------------------------------------------------------------

    def _enable(self, on: bool) -> None:
        for w in (self.save_button, self.active_button, self.materials):
            w.setEnabled(on)

    def show_item(self, item: ItemDetail) -> None:
        self.item = item
        self.title.setText(f"{item.code} {item.name}")
        self.version.setText(self.tr("第 %1 版").replace("%1", str(item.version)))
        self.code.setText(item.code)
        self.name.setText(item.name)
        self.department.setText(item.department)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.sector.setCurrentIndex(max(0, self.sector.findData(item.sector)))
        self.promised.setValue(item.promised_days)
        self.statutory.setValue(item.statutory_days)
        self.on_the_spot.setChecked(item.on_the_spot)
        self.fee.setText(item.fee)
        self.legal_basis.setPlainText(item.legal_basis)
        for node, spin in self.budget.items():
            spin.setValue(int((item.node_budget or {}).get(node, 0)))
        self.materials.setRowCount(0)
        for m in item.materials:
            self.add_material(MaterialSpec(m.name, m.form, m.copies, m.requirement, m.condition,
                                           m.notes))  # fmt: skip
        self._enable(True)
        self.active_button.setText(self.tr("停用事项") if item.active else self.tr("启用事项"))

    def add_material(self, spec: MaterialSpec | None = None) -> None:
        if not isinstance(spec, MaterialSpec):
            spec = MaterialSpec(self.tr("新材料"))
        r = self.materials.rowCount()
        self.materials.insertRow(r)
        self._fill_row(r, spec)

    def _fill_row(self, r: int, spec: MaterialSpec) -> None:
        self.materials.setItem(r, MAT_NAME, QTableWidgetItem(spec.name))
        form = QComboBox()
        for key, zh in self.vocab.forms:
            form.addItem(translate("checklist", zh), key)
        form.setCurrentIndex(max(0, form.findData(spec.form)))
        self.materials.setCellWidget(r, MAT_FORM, form)
        copies = QSpinBox()
        copies.setRange(1, 20)
        copies.setValue(spec.copies)
        self.materials.setCellWidget(r, MAT_COPIES, copies)
        req = QComboBox()
        for key, zh in self.vocab.requirements:
            req.addItem(translate("checklist", zh), key)
        req.setCurrentIndex(max(0, req.findData(spec.requirement)))
        self.materials.setCellWidget(r, MAT_REQ, req)
        cond = QTableWidgetItem(spec.condition)
        cond.setData(Qt.ItemDataRole.UserRole, spec.notes)
        self.materials.setItem(r, MAT_COND, cond)

    def material_specs(self) -> list[MaterialSpec]:
        out = []
        for r in range(self.materials.rowCount()):
            name = self.materials.item(r, MAT_NAME)
            cond = self.materials.item(r, MAT_COND)
            form = self.materials.cellWidget(r, MAT_FORM)
            copies = self.materials.cellWidget(r, MAT_COPIES)
            req = self.materials.cellWidget(r, MAT_REQ)
            assert isinstance(form, QComboBox) and isinstance(req, QComboBox)
            assert isinstance(copies, QSpinBox)
            out.append(
                MaterialSpec(
                    name.text().strip() if name else "",
                    str(form.currentData()),
                    copies.value(),
                    str(req.currentData()),
                    cond.text().strip() if cond else "",
                    str(cond.data(Qt.ItemDataRole.UserRole) or "") if cond else "",
                )
            )
        return out

    def remove_material(self) -> None:
        r = self.materials.currentRow()
        if r >= 0:
            self.materials.removeRow(r)

    def move_material(self, step: int) -> None:
        r = self.materials.currentRow()
        specs = self.material_specs()
        t = r + step
        if r < 0 or not 0 <= t < len(specs):
            return
        specs[r], specs[t] = specs[t], specs[r]
        for n, spec in enumerate(specs):
            self._fill_row(n, spec)
        self.materials.setCurrentCell(t, MAT_NAME)

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the item as loaded."""
        item = self.item
        assert item is not None
        budget = {n: s.value() for n, s in self.budget.items() if s.value()}
        now: dict[str, Any] = {
            "code": self.code.text().strip(),
            "name": self.name.text().strip(),
            "department": self.department.text().strip(),
            "kind": str(self.kind.currentData()),
            "sector": str(self.sector.currentData()),
            "promised_days": self.promised.value(),
            "statutory_days": self.statutory.value(),
            "on_the_spot": self.on_the_spot.isChecked(),
            "fee": self.fee.text().strip(),
            "legal_basis": self.legal_basis.toPlainText().strip(),
            "node_budget": budget or None,
            "materials": [
                {"name": m.name, "form": m.form, "copies": m.copies, "requirement": m.requirement,
                 "condition": m.condition, "notes": m.notes}
                for m in self.material_specs()
            ],
        }  # fmt: skip
        was = item.to_json()
        return {k: v for k, v in now.items() if was.get(k) != v}

    def save(self) -> None:
        if self.item is None:
            return
        changes = self.changes()
        if not changes:
            self.banner.show_message(self.tr("没有修改"), "info")
            return
        self.submit("save", door.save_item, self.item.code, changes, then=self._saved)

    def _saved(self, result: door.ItemSaved) -> None:
        self.show_item(result.item)
        self.banner.show_message(
            self.tr("已保存为第 %1 版；已受理的办件仍按原版本").replace(
                "%1", str(result.item.version)
            ),
            "ok",
        )
        self.run_search()

    def toggle_active(self) -> None:
        if self.item is None:
            return
        deactivate = self.active_button.text() == self.tr("停用事项")
        self.submit("active", door.set_item_active, self.item.code, not deactivate,
                    then=lambda r: self._toggled(r, deactivate))  # fmt: skip

    def _toggled(self, result: door.ItemSaved, deactivated: bool) -> None:
        self.active_button.setText(self.tr("启用事项") if deactivated else self.tr("停用事项"))
        self.banner.show_message(
            self.tr("事项已停用，不再受理新件") if deactivated else self.tr("事项已启用"), "ok"
        )
        self.run_search()

    # -- import ------------------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入事项目录"), "", self.tr("事项目录 (*.json *.xlsx)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, *, confirm: bool = True) -> None:
        """Read ``path``, show what it changes, and import it if the administrator agrees."""
        from counter.services.catalog import read_catalogue_file

        try:
            raw = read_catalogue_file(path)
        except Exception as exc:  # noqa: BLE001 - the core's refusal, shown in words
            from ui.widgets import error_text

            self.banner.show_message(error_text(exc), "error")
            return
        self.submit("preview", door.preview_import, raw,
                    then=lambda diff: self._previewed(raw, diff, confirm))  # fmt: skip

    def _previewed(self, raw: Any, diff: door.ImportDiff, confirm: bool) -> None:
        self.last_diff = diff
        if diff.empty:
            self.banner.show_message(self.tr("文件与现有目录相同，无需导入"), "info")
            return
        text = self.tr("新增 %1 项，修改 %2 项，停用 %3 项，未变 %4 项。确认导入？")
        for n, v in enumerate((len(diff.added), len(diff.changed), len(diff.deactivated),
                               diff.unchanged), start=1):  # fmt: skip
            text = text.replace(f"%{n}", str(v))
        detail = "\n".join(
            f"{label}: {', '.join(codes)}"
            for label, codes in ((self.tr("新增"), diff.added), (self.tr("修改"), diff.changed),
                                 (self.tr("停用"), diff.deactivated)) if codes
        )  # fmt: skip
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("导入事项目录"), text,
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                              self)  # fmt: skip
            box.setDetailedText(detail)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        progress = QProgressDialog(self.tr("正在导入…"), "", 0, 100, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress = progress
        from ui.manager.session import Job

        job = Job(self)  # its signal carries the worker's progress to the Qt thread
        job.progress.connect(lambda d, t: progress.setValue(int(100 * d / max(t, 1))))
        self.progress_seen: list[tuple[int, int]] = []
        job.progress.connect(lambda d, t: self.progress_seen.append((d, t)))
        progress.setValue(0)
        self.submit("import", door.apply_import, raw, progress=job.report, then=self._imported)

    def _imported(self, result: Any) -> None:
        if getattr(self, "_progress", None) is not None:
            self._progress.setValue(100)
            self._progress.close()
        self.banner.show_message(
            self.tr("已导入：新增 %1，新版本 %2，停用 %3")
            .replace("%1", str(result.created))
            .replace("%2", str(result.versioned))
            .replace("%3", str(result.deactivated)),
            "ok",
        )
        self.run_search()
