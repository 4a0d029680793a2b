"""大厅设置 tab: the hall's name, address, phone and time zone, and every setting the core lists
(:func:`counter.domain.settings_form.fields`, built over the defaults: a key added there appears
here without more work), grouped, one editor per type — a check box, a number, a choice, a line
of text, or JSON for a list or a mapping. Saving sends only what changed; the core checks each
value and refuses a wrong one, naming it."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter import admin as door
from counter.domain import settings_form
from counter.errors import CounterError
from counter.services.admin import HALL_FIELDS, HallSettings
from ui import widgets
from ui.admin.common import AdminTab
from ui.admin.session import AdminSession
from ui.widgets import named, translate


class SettingsTab(AdminTab):
    def __init__(self, session: AdminSession, vocab: door.Vocabularies,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(session, parent)
        self.view: HallSettings | None = None
        self.editors: dict[str, QWidget] = {}
        self.info: dict[str, QLineEdit] = {}
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("大厅")))
        self.hall = QComboBox()
        for code, name in vocab.halls:
            self.hall.addItem(f"{code} {name}", code)
        self.hall.currentIndexChanged.connect(lambda _i: self.start())
        top.addWidget(self.hall)
        top.addStretch(1)
        self.save_button = named(QPushButton(self.tr("保存设置")), "primary")
        self.save_button.clicked.connect(self.save)
        top.addWidget(self.save_button)
        self.lay.addLayout(top)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.lay.addWidget(self.area, 1)

    def hall_code(self) -> str:
        return str(self.hall.currentData() or "")

    def start(self) -> None:
        self.submit("settings", door.hall_settings, self.hall_code() or None, then=self.show_view)

    def show_view(self, view: HallSettings) -> None:
        self.view = view
        self.editors.clear()
        self.info.clear()
        body = QWidget()
        columns = QHBoxLayout(body)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        box = QGroupBox(self.tr("大厅"))
        form = QFormLayout(box)
        english = widgets.ENGLISH  # the core gives every label in both languages
        for key, (zh, en, limit) in HALL_FIELDS.items():
            edit = QLineEdit(view.info.get(key, ""))
            edit.setMaxLength(limit)
            self.info[key] = edit
            form.addRow(en if english else zh, edit)
        self.next_reference = named(QLabel(view.next_reference), "muted")
        form.addRow(self.tr("下一个文号"), self.next_reference)
        left.addWidget(box)
        left.addWidget(self._numbers_box())
        left.addWidget(self._seal_box())
        groups: dict[str, QFormLayout] = {}
        names = {g: en if english else zh for g, zh, en in settings_form.GROUPS}
        for n, f in enumerate(view.fields):
            if f.group not in groups:
                gbox = QGroupBox(names.get(f.group, f.group))
                groups[f.group] = QFormLayout(gbox)
                (left if len(groups) % 2 == 0 else right).addWidget(gbox)
            editor = self._editor(f)
            editor.setObjectName(f"setting_{f.key}")
            editor.setToolTip(f"{f.key} · {f.label_zh if english else f.label_en}")
            self.editors[f.key] = editor
            groups[f.group].addRow(f.label_en if english else f.label_zh, editor)
            del n
        left.addStretch(1)
        right.addStretch(1)
        self.area.setWidget(body)
        self.load_seal()
        self.load_numbers()

    # -- the 文号 series ----------------------------------------------------------------------

    def _numbers_box(self) -> QWidget:
        """The hall's 文号 series of this year: the next number of each, set by the
        administrator (the core refuses one below a number already used)."""
        box = QGroupBox(self.tr("文号（本年度）"))
        self.numbers_form = QFormLayout(box)
        self.number_edits: dict[str, QSpinBox] = {}
        self.number_infos: dict[str, QLabel] = {}
        return box

    def load_numbers(self) -> None:
        self.submit("numbers", door.doc_number_series, None, self.hall_code() or None,
                    then=self._show_numbers)  # fmt: skip

    def _show_numbers(self, series: Any) -> None:
        for item in series:
            if item.series not in self.number_edits:
                spin = QSpinBox()
                spin.setObjectName(f"nextNumber_{item.series}")
                spin.setRange(1, 999_999)
                button = QPushButton(self.tr("设置下一个号"))
                button.setObjectName(f"setNumber_{item.series}")
                button.clicked.connect(lambda _c=False, k=item.series: self.set_next_number(k))
                info = named(QLabel(""), "muted")
                info.setWordWrap(True)
                row = QHBoxLayout()
                row.addWidget(spin)
                row.addWidget(button)
                col = QVBoxLayout()
                col.addLayout(row)
                col.addWidget(info)
                self.numbers_form.addRow(self.tr(item.name_zh), col)
                self.number_edits[item.series] = spin
                self.number_infos[item.series] = info
            self.number_edits[item.series].setValue(item.next_seq)
            self.number_infos[item.series].setText(
                self.tr("下一个：%1（已用至第%2号）")
                .replace("%1", item.next_reference)
                .replace("%2", str(item.highest_used))
            )
            if item.series == "wenhao":
                self.next_reference.setText(item.next_reference)

    def set_next_number(self, series: str) -> None:
        value = self.number_edits[series].value()
        self.submit("number", door.set_next_doc_number, series, value, None,
                    self.hall_code() or None, then=lambda _r: self.load_numbers(),
                    saved=self.tr("文号已设置"))  # fmt: skip

    # -- the seal ----------------------------------------------------------------------------

    def _seal_box(self) -> QWidget:
        box = QGroupBox(self.tr("行政审批专用章"))
        row = QHBoxLayout(box)
        self.seal_label = named(QLabel(self.tr("（无图片）")), "sealImage")
        self.seal_label.setFixedSize(180, 180)
        self.seal_label.setScaledContents(False)
        row.addWidget(self.seal_label)
        self.sample_label = named(QLabel(""), "sealSample")
        self.sample_label.setFixedSize(300, 200)
        row.addWidget(self.sample_label)
        col = QVBoxLayout()
        self.seal_info = named(QLabel(""), "muted")
        self.seal_info.setWordWrap(True)
        col.addWidget(self.seal_info)
        up = QPushButton(self.tr("上传公章图片（透明背景 PNG）…"))
        up.clicked.connect(self.choose_seal)
        col.addWidget(up)
        col.addStretch(1)
        row.addLayout(col, 1)
        return box

    def load_seal(self) -> None:
        code = self.hall_code() or None
        self.submit("seal", door.seal_view, "approval", code, then=self._show_seal)
        self.submit("sample", door.seal_sample, "approval", code, then=self._show_sample)

    def _show_seal(self, view: Any) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPixmap

        self.seal = view
        if view is None or not view.image:
            self.seal_label.setText(self.tr("（无图片）"))
            self.seal_info.setText(self.tr("尚未上传公章图片"))
            return
        pix = QPixmap()
        pix.loadFromData(view.image)
        self.seal_label.setPixmap(pix.scaled(170, 170, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        state = self.tr("样章（演示）") if view.specimen else self.tr("本厅公章")
        self.seal_info.setText(f"{view.name}\n{state} · SHA-256 {view.image_sha256[:12]}…")

    def _show_sample(self, content: Any) -> None:
        from PySide6.QtCore import QRect, Qt
        from PySide6.QtGui import QPixmap

        from ui import docrender

        img = docrender.render_page_image(content, 60)
        # the lower part of the page: the signature, the date and the seal over it
        top = int(img.height() * 0.04)
        crop = img.copy(QRect(0, top, img.width(), int(img.height() * 0.35)))
        self.sample_label.setPixmap(QPixmap.fromImage(crop).scaled(
            300, 200, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))  # fmt: skip

    def choose_seal(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择公章图片"), "",
                                              self.tr("PNG 图片 (*.png)"))  # fmt: skip
        if path:
            self.upload_seal(path)

    def upload_seal(self, path: str) -> None:
        from pathlib import Path

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.banner.show_message(self.tr("无法读取文件：%1").replace("%1", exc.strerror or ""),
                                     "error")  # fmt: skip
            return
        self.submit("seal_upload", door.set_seal_image, data, "approval",
                    self.hall_code() or None, then=lambda _v: self.load_seal(),
                    saved=self.tr("公章图片已更新"))  # fmt: skip

    def _editor(self, f: settings_form.SettingField) -> QWidget:
        if f.type == "bool":
            box = QCheckBox()
            box.setChecked(bool(f.value))
            return box
        if f.type == "int":
            spin = QSpinBox()
            low, high = settings_form.BOUNDS.get(f.key, (0, 100_000))
            spin.setRange(low, high)
            spin.setValue(int(f.value or 0))
            return spin
        if f.type == "float":
            dspin = QDoubleSpinBox()
            dspin.setRange(0, 100_000)
            dspin.setValue(float(f.value or 0))
            return dspin
        if f.choices:
            combo = QComboBox()
            words = settings_form.CHOICE_LABELS.get(f.key, {})
            for choice in f.choices:
                combo.addItem(translate("settings", words.get(choice, choice)), choice)
            combo.setCurrentIndex(max(0, combo.findData(f.value)))
            return combo
        if f.type == "lines":  # a list of names, one a line
            lines = QPlainTextEdit("\n".join(str(v) for v in (f.value or [])))
            lines.setFixedHeight(150)
            return lines
        if f.type == "codes":
            codes = QLineEdit("，".join(str(c) for c in (f.value or [])))
            codes.setPlaceholderText(self.tr("事项编码，用逗号分隔，如 MZ-001，NY-001"))
            return codes
        edit = QLineEdit(json.dumps(f.value, ensure_ascii=False) if f.type == "json"
                         else str(f.value if f.value is not None else ""))  # fmt: skip
        return edit

    @staticmethod
    def _value(editor: QWidget, kind: str) -> Any:
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QDoubleSpinBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return str(editor.currentData())
        if isinstance(editor, QPlainTextEdit):  # names, one a line (blank lines dropped)
            return [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def changes(self) -> dict[str, Any]:
        """What differs from the view as loaded (JSON and text as typed: the core checks)."""
        view = self.view
        assert view is not None
        out: dict[str, Any] = {}
        for key, edit in self.info.items():
            if edit.text().strip() != view.info.get(key, ""):
                out[key] = edit.text().strip()
        for f in view.fields:
            value = self._value(self.editors[f.key], f.type)
            if f.type == "codes":
                try:
                    value = settings_form.parse_codes(f.key, value)
                except CounterError:
                    out[f.key] = value  # refused by the core with the key's name
                    continue
            if f.type == "json":
                try:
                    value = json.loads(value)
                except ValueError:
                    out[f.key] = value  # refused by the core with the key's name
                    continue
            if value != f.value:
                out[f.key] = value
        return out

    def save(self) -> None:
        if self.view is None:
            return
        changes = self.changes()
        if not changes:
            self.banner.show_message(self.tr("没有修改"), "info")
            return
        self.submit("save", door.set_hall_settings, changes, self.hall_code() or None,
                    then=lambda r: self.show_view(r[0]), saved=self.tr("设置已保存"))  # fmt: skip

    def on_event(self, change: Any) -> None:
        view = self.view
        if (
            change.type == "hall.settings"
            and view is not None
            and self.pending == 0
            and change.hall_id == view.hall_id
            and not self.changes()
        ):
            self.start()
