"""Applicant (申请人): a person, an enterprise, and an agent acting for them (代办).

Filled by an ID-card read or typed. The ID number's check character is verified as it is typed
(GB 11643: a clear Chinese message naming the expected character); a unified social credit code
is checked the same way (GB 32100: a wrong check character only warns, as some real codes fail
it). When the number belongs to a returning applicant, the details registered last time are
*offered* in a banner (上次登记的信息：… [使用]) and used only when the clerk says so — never
silently written over what is on the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter import clock
from counter import window as door
from counter.domain.applicants import ApplicantInput, text_problems
from counter.domain.checkchars import (
    InvalidIdNumber,
    check_uscc,
    citizen_id_info,
    normalize_code,
    validate_citizen_id,
)
from counter.services.cases import ApplicantInfo
from ui import widgets
from ui.widgets import Banner, error_text, named, set_state, translate

# The core's ID types; the checked ones carry a GB 11643 number with a check character.
ID_TYPES = door.vocabulary().id_types
CHECKED_ID_TYPES = door.vocabulary().checked_id_types

PersonForm = dict[str, str]


def person_form(p: ApplicantInfo | None) -> PersonForm | None:
    """An applicant on file (the core's :class:`ApplicantInfo`) as the form's fields."""
    if p is None:
        return None
    return {
        "kind": p.kind,
        "name": p.name,
        "id_type": p.id_type or "居民身份证",
        "id_number": p.id_number,
        "uscc": p.uscc,
        "legal_rep": p.legal_rep,
        "phone": p.phone,
        "address": p.address,
        "sex": p.sex,
        "nation": p.nation,
        "birth_date": p.birth_date.isoformat() if p.birth_date is not None else "",
        "relation": p.relation,
    }


def applicant_input(d: Mapping[str, Any]) -> ApplicantInput:
    """The form's fields as the core's input (the core validates them)."""
    birth: dt.date | None = None
    raw = str(d.get("birth_date") or "")
    if raw:
        try:
            birth = dt.date.fromisoformat(raw)
        except ValueError:
            birth = None
    return ApplicantInput(
        kind=str(d.get("kind") or "person"),
        name=str(d.get("name") or ""),
        id_type=str(d.get("id_type") or "居民身份证"),
        id_number=str(d.get("id_number") or ""),
        uscc=str(d.get("uscc") or ""),
        legal_rep=str(d.get("legal_rep") or ""),
        phone=str(d.get("phone") or ""),
        address=str(d.get("address") or ""),
        sex=str(d.get("sex") or ""),
        nation=str(d.get("nation") or ""),
        birth_date=birth,
        relation=str(d.get("relation") or ""),
    )


def check_id_text(text: str, id_type: str = "居民身份证") -> tuple[str, str]:
    """(state, message) for an ID number being typed: state ok | error | typing | ""."""
    raw = normalize_code(text)
    if not raw:
        return "", ""
    if id_type not in CHECKED_ID_TYPES:
        ok = 5 <= len(raw) <= 40 and raw.isalnum() and raw.isascii()
        return (
            ("ok", "") if ok else ("error", translate("applicant", "证件号码应为5至40位字母或数字"))
        )
    if len(raw) < 18 and all(c.isdigit() for c in raw):
        return "typing", translate("applicant", "已输入%1位，共18位").replace("%1", str(len(raw)))
    try:
        number = validate_citizen_id(raw, today=clock.today())
    except InvalidIdNumber as exc:
        return "error", error_text(exc)
    birth, sex = citizen_id_info(number)
    return "ok", translate("applicant", "✓ 号码校验通过（%1，%2）").replace(
        "%1", translate("ApplicantPanel", sex.zh)
    ).replace("%2", birth.isoformat())


def check_uscc_text(text: str) -> tuple[str, str]:
    raw = normalize_code(text)
    if not raw:
        return "", ""
    if len(raw) < 18:
        return "typing", translate("applicant", "已输入%1位，共18位").replace("%1", str(len(raw)))
    result = check_uscc(raw)
    if result.blocked:
        return "error", result.message_en if widgets.ENGLISH else result.message_zh
    if result.warning:
        return "warn", result.message_en if widgets.ENGLISH else result.message_zh
    return "ok", translate("applicant", "✓ 统一社会信用代码校验通过")


class _Hint(QLabel):
    def __init__(self) -> None:
        super().__init__("")
        self.setObjectName("fieldHint")
        self.setWordWrap(True)

    def show_state(self, state: str, text: str) -> None:
        set_state(self, "state", state or "none")
        self.setText(text)


class ApplicantPanel(QWidget):
    changed = Signal()
    lookup_wanted = Signal(str, str)  # kind ("id_number" | "uscc"), value
    use_previous = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantPanel")
        self._filling = False
        self.source = ""  # "card" when the person's fields came from the ID card
        self.previous: dict[str, Any] | None = None
        self._offered_for = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(named(QLabel(self.tr("申请人")), "sectionTitle"))
        self.person_radio = QRadioButton(self.tr("个人"))
        self.enterprise_radio = QRadioButton(self.tr("企业/单位"))
        self.person_radio.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.person_radio)
        self.kind_group.addButton(self.enterprise_radio)
        head.addSpacing(12)
        head.addWidget(self.person_radio)
        head.addWidget(self.enterprise_radio)
        head.addStretch(1)
        self.card_state = named(QLabel(self.tr("请将身份证放在阅读器上")), "cardState")
        self.card_state.setWordWrap(True)  # two lines rather than a wider column (English)
        self.card_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.card_state)
        lay.addLayout(head)

        self.banner = Banner("info")
        self.banner.action.connect(self.apply_previous)
        lay.addWidget(self.banner)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._person_form())
        self.stack.addWidget(self._enterprise_form())
        lay.addWidget(self.stack)

        self.agent_box = QCheckBox(self.tr("代办（他人代为办理）"))
        self.agent_box.setObjectName("agentBox")
        lay.addWidget(self.agent_box)
        self.agent_frame = self._agent_form()
        self.agent_frame.setVisible(False)
        lay.addWidget(self.agent_frame)
        self.agent_box.toggled.connect(self._agent_toggled)
        self.person_radio.toggled.connect(self._kind_toggled)
        from ui.rare_chars import CodePointKey

        self.code_point_key = CodePointKey(self)  # Alt+X: U+20000 → 𠀀 in the name fields
        self.code_point_key.install(self.name, self.agent_name, self.legal_rep)

    # -- forms ------------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "", max_len: int = 100) -> QLineEdit:
        e = named(QLineEdit(), name)
        e.setMaxLength(max_len)
        if placeholder:
            e.setPlaceholderText(placeholder)
        e.textChanged.connect(self._edited)
        return e

    def _person_form(self) -> QWidget:
        w = QWidget()
        g = QGridLayout(w)
        g.setContentsMargins(0, 0, 0, 0)
        g.setHorizontalSpacing(10)
        g.setVerticalSpacing(6)
        self.name = self._line("personName", self.tr("姓名"), 60)
        self.id_type = named(QComboBox(), "idType")
        # as wide as a short name, not the longest (“Foreigner permanent residence card” in
        # English): the list itself opens as wide as it needs
        self.id_type.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.id_type.setMinimumContentsLength(14)
        for code in ID_TYPES:
            self.id_type.addItem(self.tr(code), code)
        self.id_type.currentIndexChanged.connect(lambda _i: self._check_id())
        self.id_number = self._line("idNumber", self.tr("18位证件号码"), 40)
        self.id_number.textChanged.connect(lambda _t: self._check_id())
        self.id_hint = _Hint()
        self.sex = named(QComboBox(), "sex")
        for s in ("", "男", "女"):
            self.sex.addItem(self.tr(s) if s else "—", s)
        self.sex.currentIndexChanged.connect(lambda _i: self._edited())
        self.nation = self._line("nation", self.tr("民族"), 20)
        self.birth = self._line("birthDate", "YYYY-MM-DD", 10)
        self.phone = self._line("phone", self.tr("联系电话"), 20)
        self.address = self._line("address", self.tr("住址"), 200)
        lbl = self._label
        g.addWidget(lbl(self.tr("姓名")), 0, 0)
        name_row = QHBoxLayout()
        name_row.setSpacing(4)
        name_row.addWidget(self.name, 1)
        self.rare_button = named(QPushButton(self.tr("生僻字")), "rareCharButton")
        self.rare_button.setToolTip(
            self.tr("按字符编码输入生僻字（如 U+20000）；也可在姓名中输入编码后按 Alt+X")
        )
        self.rare_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rare_button.clicked.connect(self.enter_rare_characters)
        name_row.addWidget(self.rare_button)
        g.addLayout(name_row, 0, 1)
        g.addWidget(lbl(self.tr("证件")), 0, 2)
        g.addWidget(self.id_type, 0, 3)
        g.addWidget(lbl(self.tr("证件号码")), 1, 0)
        g.addWidget(self.id_number, 1, 1, 1, 3)
        g.addWidget(self.id_hint, 2, 1, 1, 3)
        g.addWidget(lbl(self.tr("性别")), 3, 0)
        g.addWidget(self.sex, 3, 1)
        g.addWidget(lbl(self.tr("民族")), 3, 2)
        g.addWidget(self.nation, 3, 3)
        g.addWidget(lbl(self.tr("出生日期")), 4, 0)
        g.addWidget(self.birth, 4, 1)
        g.addWidget(lbl(self.tr("电话")), 4, 2)
        g.addWidget(self.phone, 4, 3)
        g.addWidget(lbl(self.tr("住址")), 5, 0)
        g.addWidget(self.address, 5, 1, 1, 3)
        g.setColumnStretch(1, 3)
        g.setColumnStretch(3, 2)
        return w

    def enter_rare_characters(self) -> None:
        """The 生僻字 button: characters by code point into the name field last used (the
        applicant's, else the agent's)."""
        from ui import rare_chars

        target = self.agent_name if self.agent_name.hasFocus() else self.name
        chars = rare_chars.ask_rare_characters(self)
        if chars:
            rare_chars.insert_into(target, chars)

    def _label(self, text: str) -> QLabel:
        lab = named(QLabel(text), "fieldLabel")
        lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return lab

    def _enterprise_form(self) -> QWidget:
        w = QWidget()
        f = QFormLayout(w)
        f.setContentsMargins(0, 0, 0, 0)
        f.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.ent_name = self._line("entName", self.tr("单位名称（与营业执照一致）"), 120)
        self.uscc = self._line("uscc", self.tr("18位统一社会信用代码"), 30)
        self.uscc.textChanged.connect(lambda _t: self._check_uscc())
        self.uscc_hint = _Hint()
        self.legal_rep = self._line("legalRep", self.tr("法定代表人"), 60)
        self.ent_phone = self._line("entPhone", self.tr("联系电话"), 20)
        self.ent_address = self._line("entAddress", self.tr("住所"), 200)
        f.addRow(self._label(self.tr("单位名称")), self.ent_name)
        f.addRow(self._label(self.tr("信用代码")), self.uscc)
        f.addRow("", self.uscc_hint)
        f.addRow(self._label(self.tr("法定代表人")), self.legal_rep)
        f.addRow(self._label(self.tr("电话")), self.ent_phone)
        f.addRow(self._label(self.tr("住所")), self.ent_address)
        return w

    def _agent_form(self) -> QWidget:
        frame = named(QFrame(), "agentFrame")
        g = QGridLayout(frame)
        g.setContentsMargins(10, 8, 10, 8)
        g.setHorizontalSpacing(10)
        self.agent_name = self._line("agentName", self.tr("代办人姓名"), 60)
        self.agent_id = self._line("agentId", self.tr("代办人身份证号码"), 40)
        self.agent_id.textChanged.connect(lambda _t: self._check_agent())
        self.agent_phone = self._line("agentPhone", self.tr("代办人电话"), 20)
        self.agent_relation = self._line(
            "agentRelation", self.tr("与申请人关系，如：子女、村代办员"), 30
        )
        self.agent_hint = _Hint()
        g.addWidget(self._label(self.tr("代办人")), 0, 0)
        g.addWidget(self.agent_name, 0, 1)
        g.addWidget(self._label(self.tr("电话")), 0, 2)
        g.addWidget(self.agent_phone, 0, 3)
        g.addWidget(self._label(self.tr("身份证")), 1, 0)
        g.addWidget(self.agent_id, 1, 1, 1, 3)
        g.addWidget(self.agent_hint, 2, 1, 1, 3)
        g.addWidget(self._label(self.tr("关系")), 3, 0)
        g.addWidget(self.agent_relation, 3, 1, 1, 3)
        g.setColumnStretch(1, 3)
        g.setColumnStretch(3, 2)
        return frame

    # -- state ------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return "person" if self.person_radio.isChecked() else "enterprise"

    def _kind_toggled(self, person: bool) -> None:
        self.stack.setCurrentIndex(0 if person else 1)
        self._edited()

    def _agent_toggled(self, on: bool) -> None:
        self.agent_frame.setVisible(on)
        if on and not self._filling:
            self.agent_name.setFocus()
        self._edited()

    def _edited(self, *_: Any) -> None:
        if not self._filling:
            self.changed.emit()

    def _check_id(self) -> None:
        state, text = check_id_text(self.id_number.text(), self.id_type.currentData())
        self.id_hint.show_state(state, text)
        if state == "ok" and self.id_type.currentData() in CHECKED_ID_TYPES:
            number = normalize_code(self.id_number.text())
            if not self._filling:
                birth, sex = citizen_id_info(number)
                if not self.birth.text():
                    self.birth.setText(birth.isoformat())
                if not self.sex.currentData():
                    self.sex.setCurrentIndex(self.sex.findData(sex.zh))
            self._want_lookup("id_number", number)

    def _check_uscc(self) -> None:
        state, text = check_uscc_text(self.uscc.text())
        self.uscc_hint.show_state(state, text)
        if state in ("ok", "warn"):
            self._want_lookup("uscc", normalize_code(self.uscc.text()))

    def _check_agent(self) -> None:
        state, text = check_id_text(self.agent_id.text())
        self.agent_hint.show_state(state, text)

    def _want_lookup(self, kind: str, value: str) -> None:
        if value != self._offered_for:
            self._offered_for = value
            self.lookup_wanted.emit(kind, value)

    def id_valid(self) -> bool:
        return self.problems() == []

    def problems(self) -> list[str]:
        """What stops a case from being accepted, in words for the clerk."""
        out: list[str] = []
        if self.kind == "person":
            if not self.name.text().strip():
                out.append(self.tr("请填写申请人姓名"))
            state, msg = check_id_text(self.id_number.text(), self.id_type.currentData())
            if not normalize_code(self.id_number.text()):
                out.append(self.tr("请填写证件号码"))
            elif state in ("error", "typing"):
                out.append(msg)
        else:
            if not self.ent_name.text().strip():
                out.append(self.tr("请填写单位名称"))
            state, msg = check_uscc_text(self.uscc.text())
            if not normalize_code(self.uscc.text()):
                out.append(self.tr("请填写统一社会信用代码"))
            elif state in ("error", "typing"):
                out.append(msg)
        if self.agent_box.isChecked():
            if not self.agent_name.text().strip():
                out.append(self.tr("请填写代办人姓名"))
            state, msg = check_id_text(self.agent_id.text())
            if not normalize_code(self.agent_id.text()):
                out.append(self.tr("请填写代办人身份证号码"))
            elif state in ("error", "typing"):
                out.append(msg)
        # what the core would refuse in the typed texts, said now, by the core's own rules
        applicant, agent = self.inputs()
        out += [error_text(e) for e in text_problems(applicant)]
        if agent is not None:
            out += [error_text(e) for e in text_problems(agent, who="代办人")]
        return out

    def display_name(self) -> str:
        return self.name.text().strip() if self.kind == "person" else self.ent_name.text().strip()

    # -- data -------------------------------------------------------------------------------

    def id_fields(self) -> tuple[QLineEdit, ...]:
        """The fields that take an ID number: the applicant's and the agent's."""
        return (self.id_number, self.agent_id)

    def to_dict(self) -> dict[str, Any]:
        person = self.kind == "person"
        applicant = {
            "kind": self.kind,
            "name": (self.name if person else self.ent_name).text().strip(),
            "id_type": self.id_type.currentData() if person else "",
            "id_number": normalize_code(self.id_number.text()) if person else "",
            "uscc": "" if person else normalize_code(self.uscc.text()),
            "legal_rep": "" if person else self.legal_rep.text().strip(),
            "phone": (self.phone if person else self.ent_phone).text().strip(),
            "address": (self.address if person else self.ent_address).text().strip(),
            "sex": self.sex.currentData() if person else "",
            "nation": self.nation.text().strip() if person else "",
            "birth_date": self.birth.text().strip() if person else "",
        }
        agent = None
        if self.agent_box.isChecked():
            agent = {
                "kind": "person",
                "name": self.agent_name.text().strip(),
                "id_type": "居民身份证",
                "id_number": normalize_code(self.agent_id.text()),
                "phone": self.agent_phone.text().strip(),
                "relation": self.agent_relation.text().strip(),
            }
        return {"applicant": applicant, "agent": agent, "source": self.source}

    def inputs(self) -> tuple[ApplicantInput, ApplicantInput | None]:
        """The applicant and the agent (if 代办 is ticked) as the core takes them."""
        form = self.to_dict()
        agent = form["agent"]
        return applicant_input(form["applicant"]), applicant_input(agent) if agent else None

    def from_dict(self, data: dict[str, Any]) -> None:
        a = data.get("applicant") or {}
        agent = data.get("agent")
        self._filling = True
        try:
            self.clear()
            if a.get("kind") == "enterprise":
                self.enterprise_radio.setChecked(True)
                self.ent_name.setText(a.get("name", ""))
                self.uscc.setText(a.get("uscc", ""))
                self.legal_rep.setText(a.get("legal_rep", ""))
                self.ent_phone.setText(a.get("phone", ""))
                self.ent_address.setText(a.get("address", ""))
            else:
                self.person_radio.setChecked(True)
                self.name.setText(a.get("name", ""))
                idx = self.id_type.findData(a.get("id_type") or "居民身份证")
                self.id_type.setCurrentIndex(max(0, idx))
                self.id_number.setText(a.get("id_number", ""))
                self.sex.setCurrentIndex(max(0, self.sex.findData(a.get("sex", ""))))
                self.nation.setText(a.get("nation", ""))
                self.birth.setText(str(a.get("birth_date", "") or ""))
                self.phone.setText(a.get("phone", ""))
                self.address.setText(a.get("address", ""))
            if agent:
                self.agent_box.setChecked(True)
                self.agent_name.setText(agent.get("name", ""))
                self.agent_id.setText(agent.get("id_number", ""))
                self.agent_phone.setText(agent.get("phone", ""))
                self.agent_relation.setText(agent.get("relation", ""))
            self.source = data.get("source", "")
        finally:
            self._filling = False
        self._check_id()
        self._check_uscc()
        self._check_agent()
        self.changed.emit()

    def clear(self) -> None:
        was = self._filling
        self._filling = True
        for e in (
            self.name, self.id_number, self.nation, self.birth, self.phone, self.address,
            self.ent_name, self.uscc, self.legal_rep, self.ent_phone, self.ent_address,
            self.agent_name, self.agent_id, self.agent_phone, self.agent_relation,
        ):  # fmt: skip
            e.clear()
        self.sex.setCurrentIndex(0)
        self.id_type.setCurrentIndex(0)
        self.person_radio.setChecked(True)
        self.agent_box.setChecked(False)
        self.source = ""
        self.previous = None
        self._offered_for = ""
        self.banner.clear()
        self.card_state.setText(self.tr("请将身份证放在阅读器上"))
        self._filling = was
        if not was:
            self.changed.emit()

    def fill_from_card(self, card: Any) -> str:
        """Put an ID card's data in the form; returns "applicant" or "agent" (where it went).

        With 代办 ticked, the card goes to the agent's fields while they are empty and the
        applicant's are filled (the person at the window is the agent), else to the applicant.
        """
        number = str(card.id_number)
        to_agent = self.agent_box.isChecked() and (
            bool(normalize_code(self.id_number.text()))
            and normalize_code(self.id_number.text()) != number
        )
        if to_agent:
            self.agent_name.setText(card.name)
            self.agent_id.setText(number)
            self.card_state.setText(self.tr("✓ 已读取代办人身份证"))
            return "agent"
        self._filling = True
        try:
            self.person_radio.setChecked(True)
            self.name.setText(card.name)
            kind = str(getattr(card, "card_type_code", "ID"))
            id_type = {
                "J": "港澳台居民居住证",
                "I": "外国人永久居留身份证",
                "Y": "外国人永久居留身份证",
            }
            idx = self.id_type.findData(id_type.get(kind, "居民身份证"))
            self.id_type.setCurrentIndex(max(0, idx))
            self.id_number.setText(number)
            self.sex.setCurrentIndex(max(0, self.sex.findData(card.sex)))
            self.nation.setText(card.nation)
            birth = card.birth_date
            self.birth.setText(birth.isoformat() if hasattr(birth, "isoformat") else str(birth))
            self.address.setText(card.address)
            self.source = "card"
        finally:
            self._filling = False
        self.card_state.setText(self.tr("✓ 已读取身份证"))
        self._check_id()
        self.changed.emit()
        return "applicant"

    # -- returning applicant -----------------------------------------------------------------

    def offer_previous(self, info: dict[str, Any] | None) -> None:
        """Show "上次登记的信息" when ``info`` (name, phone, address, …) adds to or differs from
        what is on screen. Nothing is written until the clerk presses 使用."""
        self.previous = info
        if not info:
            self.banner.clear()
            return
        current = self.to_dict()["applicant"]
        differs = [
            k
            for k in ("name", "phone", "address", "legal_rep")
            if info.get(k) and info.get(k) != current.get(k)
        ]
        if not differs:
            self.banner.clear()
            return
        parts = [info.get("name", "")]
        if info.get("phone"):
            parts.append(self.tr("电话 %1").replace("%1", info["phone"]))
        if info.get("address"):
            parts.append(info["address"])
        if info.get("legal_rep"):
            parts.append(self.tr("法定代表人 %1").replace("%1", info["legal_rep"]))
        self.banner.show_message(
            self.tr("上次登记的信息：%1").replace("%1", " · ".join(p for p in parts if p)),
            "info",
            self.tr("使用  Ctrl+U"),
        )

    def apply_previous(self) -> None:
        info = self.previous
        if not info:
            return
        pairs: tuple[tuple[QLineEdit, str], ...]
        if self.kind == "person":
            pairs = ((self.name, "name"), (self.phone, "phone"), (self.address, "address"))
        else:
            pairs = (
                (self.ent_name, "name"),
                (self.ent_phone, "phone"),
                (self.ent_address, "address"),
                (self.legal_rep, "legal_rep"),
            )
        for edit, key in pairs:
            value = info.get(key)
            # The card's own data (name, address) wins over an older registration.
            if value and not (self.source == "card" and key in ("name", "address") and edit.text()):
                edit.setText(value)
        self.banner.clear()
        self.use_previous.emit()
        self.changed.emit()
