"""Item finder (事项查找): search as you type by name, code, full pinyin or initials, common
words and abbreviations (户口, 低保), each result saying why it matched.

The catalogue is held in memory (:mod:`counter.domain.itemsearch`, read through
:func:`counter.window.catalogue` at sign-in and again on every catalogue change), so each
keystroke is answered at once; until it has arrived, searches go to the database.

``zjd`` finds 农村村民宅基地审批. Every item of the catalogue can be found at every window; with an
empty search this window's most frequent items come first, and Alt+1…Alt+9 add the first nine
rows at once. The search runs on the worker, debounced; an answer to an older search than the
one on screen is dropped. ↓ moves from the search box into the list, Enter adds the selected
row (or the first one) to the visit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from counter import window as door
from counter.domain.itemsearch import CatalogueEntry, ItemIndex
from counter.services.catalog import ItemSummary
from ui.backend import Backend
from ui.models import ItemSearchModel, TwoLineDelegate
from ui.widgets import error_text, named

DEBOUNCE_MS = 180


def _is_shortcut_chord(event: QKeyEvent) -> bool:
    """Alt (without Ctrl: Ctrl+Alt is AltGr on some layouts) plus a key with text."""
    mods = event.modifiers()
    return bool(
        mods & Qt.KeyboardModifier.AltModifier
        and not mods & Qt.KeyboardModifier.ControlModifier
        and event.text()
    )


class ItemFinder(QWidget):
    chosen = Signal(object)  # ItemSummary

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setObjectName("itemFinder")
        self._seq = 0
        self._shown_seq = 0
        self.index: ItemIndex[ItemSummary] = ItemIndex()
        self.index_ready = False  # the catalogue is held here: searches answer at once
        self.catalogue_loads = 0  # readings of the catalogue applied (tests wait on this)
        self.searches = 0  # completed searches (tests wait on this)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        head = QHBoxLayout()
        title = named(QLabel(self.tr("办理事项")), "sectionTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.count_label = named(QLabel(""), "muted")
        head.addWidget(self.count_label)
        lay.addLayout(head)
        self.search = named(QLineEdit(), "itemSearch")
        self.search.setPlaceholderText(self.tr("名称、编码、拼音或首字母（如 zjd）  Ctrl+F"))
        self.search.setClearButtonEnabled(True)
        lay.addWidget(self.search)
        filters = QHBoxLayout()
        self.department = named(QComboBox(), "departmentFilter")
        self.department.addItem(self.tr("全部部门"), 0)  # never None: see ui.widgets.set_state
        self.department.setMinimumWidth(180)
        self.sector = named(QComboBox(), "sectorFilter")
        self.sector.addItem(self.tr("全部领域"), "")
        for s in door.vocabulary().sectors:
            self.sector.addItem(self.tr(s), s)
        filters.addWidget(self.department, 3)
        filters.addWidget(self.sector, 2)
        lay.addLayout(filters)
        self.model = ItemSearchModel(self)
        self.view = named(QListView(), "itemResults")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(lambda idx: self._choose(idx.row()))
        lay.addWidget(self.view, 1)
        self.message = named(QLabel(""), "muted")
        lay.addWidget(self.message)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._text_changed)
        self.department.currentIndexChanged.connect(lambda _i: self.run_search())
        self.sector.currentIndexChanged.connect(lambda _i: self.run_search())
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)

    # -- data -------------------------------------------------------------------------------

    def load_departments(self) -> None:
        self.backend.call("departments", door.departments).then(self._set_departments)

    def _set_departments(self, rows: list[tuple[int, str, str]]) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(self.tr("全部部门"), 0)
        for dept_id, _code, name in rows:
            self.department.addItem(name, dept_id)
        idx = self.department.findData(current)
        self.department.setCurrentIndex(max(0, idx))
        self.department.blockSignals(False)

    def reset(self) -> None:
        """For the next visitor: no text, all departments and sectors, the window's frequent
        items listed again (one search)."""
        for combo in (self.department, self.sector):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.run_search()

    def load_catalogue(self) -> None:
        """Read the active catalogue into the in-memory index (at sign-in and on every
        ``catalogue.*`` change); until it arrives, searches go to the database."""

        def loaded(entries: tuple[CatalogueEntry[ItemSummary], ...]) -> None:
            self.index.replace(entries)
            self.index_ready = True
            self.catalogue_loads += 1
            self.run_search()

        self.backend.call("catalogue", door.catalogue).then(loaded, lambda _e: None)

    def _text_changed(self, _text: str) -> None:
        if self.index_ready:
            self.run_search()  # in memory: every keystroke answered at once
        else:
            self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        self._seq += 1
        seq = self._seq
        text = self.search.text()
        if self.index_ready:
            matches = self.index.search(
                text,
                department_id=int(self.department.currentData()) or None,
                sector=str(self.sector.currentData()) or None,
            )
            reasons = {m.item.version_id: m.reason for m in matches} if text.strip() else {}
            self._show(seq, text, [m.item for m in matches], reasons)
            return
        self.backend.call(
            "search",
            door.search_items,
            text,
            department_id=int(self.department.currentData()) or None,
            sector=str(self.sector.currentData()) or None,
        ).then(lambda rows: self._show(seq, text, rows), lambda exc: self._failed(seq, exc))

    def _show(
        self, seq: int, text: str, rows: list[ItemSummary], reasons: dict[int, str] | None = None
    ) -> None:
        if seq < self._shown_seq:
            return
        self._shown_seq = seq
        self.model.set_matches(rows, reasons or {})
        self.searches += 1
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
        if not text.strip():
            self.count_label.setText(self.tr("本窗口常办事项在前"))
        else:
            self.count_label.setText(self.tr("找到 %1 项").replace("%1", str(len(rows))))
        self.message.setText("" if rows else self.tr("没有找到匹配的事项，请换个关键词"))

    def _failed(self, seq: int, exc: Exception) -> None:
        if seq >= self._shown_seq:
            self.message.setText(error_text(exc))

    # -- keys -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
                self.view.setFocus()
                row = self.view.currentIndex().row()
                nxt = min(self.model.rowCount() - 1, row + 1 if row >= 0 else 0)
                self.view.setCurrentIndex(self.model.index(nxt, 0))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                return True
            if _is_shortcut_chord(event):
                # Alt+digit and the like are the window's shortcuts (Alt+1…9 choose a row);
                # a chord that reaches the field anyway must not type its character.
                if Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9:
                    self.choose_row(int(event.key()) - int(Qt.Key.Key_1))
                return True
        return super().eventFilter(obj, event)

    def _enter(self) -> None:
        if self._timer.isActive():  # typed faster than the debounce: search now, then pick
            self._pick_after_search = True
            self.run_search()
            self._await_pick()
            return
        row = self.view.currentIndex().row()
        self._choose(row if row >= 0 else 0)

    def _await_pick(self) -> None:
        seq = self._seq

        def check() -> None:
            if self._shown_seq >= seq:
                self._choose(max(0, self.view.currentIndex().row()))
            elif self.backend.worker.busy("search"):
                QTimer.singleShot(30, check)

        QTimer.singleShot(30, check)

    def choose_row(self, row: int) -> None:
        """Alt+1…Alt+9 (row 0…8): the listed item ``row`` is chosen (nothing when absent)."""
        self._choose(row)

    def _choose(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is not None:
            self.chosen.emit(item)
