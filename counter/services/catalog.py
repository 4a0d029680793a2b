"""The service catalogue (事项目录): import, export, search, read and edit items.

Import is all or nothing: a file is validated whole first, and any error (each naming the item and
field, in Chinese and English) means nothing is written. Items are versioned: a changed item gets
a new :class:`db.models.ServiceItemVersion` with its own materials, and cases keep pointing at the
version they were accepted under.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypinyin import Style, lazy_pinyin
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change, emit
from counter.domain.itemsearch import CatalogueEntry
from counter.domain.settings import merged
from counter.domain.text import bad_character, describe, shown
from counter.errors import Bi, CounterError, InvalidInput, NotFound
from counter.services.base import ADMIN, Actor, Runtime, audit, require_role
from db.models import (
    Department,
    Hall,
    Material,
    ServiceItem,
    ServiceItemVersion,
    Window,
    WindowItemUse,
)

KINDS = ("行政许可", "公共服务", "行政确认", "行政给付", "其他权力")
SECTORS = ("基本建设", "市场准入", "社会民生")
FORMS = {"original": "原件", "copy": "复印件", "original_and_copy": "原件及复印件"}
REQUIREMENTS = {"required": "必要", "optional": "非必要", "conditional": "容缺/按情形"}
FORM_ALIASES = {v: k for k, v in FORMS.items()} | {"原件和复印件": "original_and_copy"}
REQUIREMENT_ALIASES = {
    "必要": "required",
    "必须": "required",
    "非必要": "optional",
    "可选": "optional",
    "按情形": "conditional",
    "条件": "conditional",
}
NODES = ("受理", "初审", "审核", "审批", "办结")
MAX_NAME = 120


class CatalogueImportError(CounterError):
    """A catalogue file was refused; ``errors`` lists every problem found, nothing was written."""

    code = "catalogue_invalid"
    zh = "事项目录文件有 {count} 处错误，未导入任何内容"
    en = "The catalogue file has {count} error(s); nothing was imported"

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = list(errors)  # (Chinese, English) pairs
        super().__init__(count=len(self.errors))


class ItemEditRefused(CatalogueImportError):
    """An item edit was refused; the message lists every problem (nothing was saved)."""

    code = "item_invalid"
    zh = "事项有 {count} 处错误，未保存"
    en = "The item has {count} error(s); nothing was saved"

    @property
    def message_zh(self) -> str:
        return "；".join([self._fmt(self.zh, "zh"), *(zh for zh, _en in self.errors)])

    @property
    def message_en(self) -> str:
        return "; ".join([self._fmt(self.en, "en"), *(en for _zh, en in self.errors)])


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    form: str = "original"
    copies: int = 1
    requirement: str = "required"
    condition: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ItemSpec:
    """One item as a file states it (validated)."""

    code: str
    name: str
    department: str
    department_code: str
    kind: str
    sector: str
    promised_days: int
    statutory_days: int
    on_the_spot: bool
    fee: str
    legal_basis: str
    node_budget: dict[str, int] | None
    materials: tuple[MaterialSpec, ...]


@dataclass(frozen=True)
class MaterialInfo:
    id: int
    seq: int
    name: str
    form: str
    copies: int
    requirement: str
    condition: str
    notes: str

    @property
    def form_zh(self) -> str:
        return FORMS.get(self.form, self.form)


@dataclass(frozen=True)
class ItemSummary:
    id: int
    version_id: int
    code: str
    name: str
    department: str
    kind: str
    sector: str
    promised_days: int
    statutory_days: int
    on_the_spot: bool
    active: bool = True


@dataclass(frozen=True)
class ItemDetail:
    id: int
    version_id: int
    version: int
    code: str
    name: str
    department: str
    department_code: str
    kind: str
    sector: str
    promised_days: int
    statutory_days: int
    on_the_spot: bool
    fee: str
    legal_basis: str
    node_budget: dict[str, int] | None
    materials: tuple[MaterialInfo, ...]
    active: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "department": self.department,
            "department_code": self.department_code,
            "kind": self.kind,
            "sector": self.sector,
            "promised_days": self.promised_days,
            "statutory_days": self.statutory_days,
            "on_the_spot": self.on_the_spot,
            "fee": self.fee,
            "legal_basis": self.legal_basis,
            "node_budget": self.node_budget,
            "materials": [
                {
                    "name": m.name,
                    "form": m.form,
                    "copies": m.copies,
                    "requirement": m.requirement,
                    "condition": m.condition,
                    "notes": m.notes,
                }
                for m in self.materials
            ],
        }


# ---------------------------------------------------------------------------- search keys


def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin (no spaces) and initials of ``name``, lower case; non-Chinese kept as is."""
    # Non-Chinese characters come back one by one, so "A4纸" gives "a", "4", "zhi".
    raw: list[str] = lazy_pinyin(name, errors=list)  # type: ignore[arg-type]
    syllables = [s.lower() for s in raw if s.strip()]
    full = "".join(s for s in syllables if s.isalnum())
    initials = "".join(s[0] for s in syllables if s and s[0].isalnum())
    return full, initials


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# ---------------------------------------------------------------------------- validation


def _err(
    errors: list[tuple[str, str]], where: str, where_en: str, field: str, zh: str, en: str
) -> None:
    errors.append((f"{where} 字段 {field}：{zh}", f"{where_en} field {field}: {en}"))


ITEM_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
MULTILINE_FIELDS = frozenset({"legal_basis", "requirement", "condition", "notes"})


def validate_items(raw: Any) -> list[ItemSpec]:
    """Validate a parsed catalogue (a list of item objects). Raises CatalogueImportError with
    every problem found; returns the specs when there is none."""
    errors: list[tuple[str, str]] = []
    if not isinstance(raw, list):
        raise CatalogueImportError([("文件内容应为事项列表", "the file must hold a list of items")])
    specs: list[ItemSpec] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    dept_codes: dict[str, str] = {}
    for i, obj in enumerate(raw, start=1):
        if not isinstance(obj, dict):
            errors.append((f"第{i}项：应为对象", f"item {i}: must be an object"))
            continue
        label = shown(str(obj.get("name") or obj.get("code") or ""))
        where, where_en = f"第{i}项「{label}」", f"item {i} '{label}'"

        def text_field(
            key: str,
            required: bool = True,
            max_len: int = 200,
            obj: dict[str, Any] = obj,
            where: str = where,
            where_en: str = where_en,
        ) -> str:
            value: Any = obj.get(key, "")
            if value is None:
                value = ""
            if not isinstance(value, str):
                _err(errors, where, where_en, key, "应为文本", "must be text")
                return ""
            value = value.strip()
            if required and not value:
                _err(errors, where, where_en, key, "不能为空", "is required")
            bad = bad_character(value, multiline=key in MULTILINE_FIELDS)
            if bad is not None:
                _err(
                    errors,
                    where,
                    where_en,
                    key,
                    f"含有控制字符（{describe(bad)}）",
                    f"holds a control character ({describe(bad)})",
                )
            if len(value) > max_len:
                _err(
                    errors,
                    where,
                    where_en,
                    key,
                    f"过长（最多{max_len}字）",
                    f"too long (max {max_len})",
                )
            return str(value)

        def int_field(
            key: str, obj: dict[str, Any] = obj, where: str = where, where_en: str = where_en
        ) -> int:
            value = obj.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
                _err(
                    errors,
                    where,
                    where_en,
                    key,
                    "应为 0 至 3650 的整数（工作日）",
                    "must be a whole number from 0 to 3650 (working days)",
                )
                return 0
            return value

        code = text_field("code", max_len=40)
        if code and not ITEM_CODE.fullmatch(code):
            _err(
                errors,
                where,
                where_en,
                "code",
                "应为字母、数字、“.”、“_”或“-”（如 MZ-011）",
                "must be letters, digits, '.', '_' or '-' (e.g. MZ-011)",
            )
        name = text_field("name", max_len=MAX_NAME)
        department = text_field("department", max_len=80)
        department_code = text_field("department_code", required=False, max_len=16)
        kind = text_field("kind", max_len=16)
        if kind and kind not in KINDS:
            _err(
                errors,
                where,
                where_en,
                "kind",
                f"应为 {'、'.join(KINDS)} 之一",
                f"must be one of {', '.join(KINDS)}",
            )
        sector = text_field("sector", max_len=16)
        if sector and sector not in SECTORS:
            _err(
                errors,
                where,
                where_en,
                "sector",
                f"应为 {'、'.join(SECTORS)} 之一",
                f"must be one of {', '.join(SECTORS)}",
            )
        promised = int_field("promised_days")
        statutory = int_field("statutory_days")
        if promised > statutory:
            _err(
                errors,
                where,
                where_en,
                "promised_days",
                "承诺时限不能超过法定时限",
                "cannot exceed statutory_days",
            )
        on_the_spot = obj.get("on_the_spot")
        if not isinstance(on_the_spot, bool):
            _err(
                errors,
                where,
                where_en,
                "on_the_spot",
                "应为 true 或 false",
                "must be true or false",
            )
            on_the_spot = False
        fee = text_field("fee", required=False, max_len=80) or "不收费"
        legal_basis = text_field("legal_basis", required=False, max_len=2000)
        budget = obj.get("node_budget")
        if budget is not None and (
            not isinstance(budget, dict)
            or any(
                k not in NODES
                or isinstance(v, bool)
                or not isinstance(v, int)
                or not 0 <= v <= 3650
                for k, v in budget.items()
            )
        ):
            _err(
                errors,
                where,
                where_en,
                "node_budget",
                f"应为各环节（{'、'.join(NODES)}）的工作日数",
                f"must map nodes ({', '.join(NODES)}) to working days",
            )
            budget = None
        if code:
            if code in seen_codes:
                _err(
                    errors,
                    where,
                    where_en,
                    "code",
                    f"与第{seen_codes[code]}项重复",
                    f"duplicates item {seen_codes[code]}",
                )
            seen_codes.setdefault(code, i)
        if name:
            if name in seen_names:
                _err(
                    errors,
                    where,
                    where_en,
                    "name",
                    f"事项名称与第{seen_names[name]}项重复",
                    f"same name as item {seen_names[name]}",
                )
            seen_names.setdefault(name, i)
        if (
            department
            and department_code
            and dept_codes.setdefault(department, department_code) != department_code
        ):
            _err(
                errors,
                where,
                where_en,
                "department_code",
                "同一部门的编码不一致",
                "differs for the same department",
            )
        materials_raw = obj.get("materials")
        materials: list[MaterialSpec] = []
        if not isinstance(materials_raw, list) or not materials_raw:
            _err(
                errors,
                where,
                where_en,
                "materials",
                "至少需要一项材料",
                "needs at least one material",
            )
            materials_raw = []
        for j, m in enumerate(materials_raw, start=1):
            mw, mw_en = f"{where} 材料{j}", f"{where_en} material {j}"
            if not isinstance(m, dict):
                errors.append((f"{mw}：应为对象", f"{mw_en}: must be an object"))
                continue
            mname = m.get("name")
            if not isinstance(mname, str) or not mname.strip():
                _err(errors, mw, mw_en, "name", "不能为空", "is required")
                mname = ""
            elif len(mname) > 200:
                _err(errors, mw, mw_en, "name", "过长（最多200字）", "too long (max 200)")
            form = m.get("form", "original")
            form = FORM_ALIASES.get(form, form) if isinstance(form, str) else form
            if form not in FORMS:
                _err(
                    errors,
                    mw,
                    mw_en,
                    "form",
                    "应为 original、copy 或 original_and_copy",
                    "must be original, copy or original_and_copy",
                )
            req = m.get("requirement", "required")
            req = REQUIREMENT_ALIASES.get(req, req) if isinstance(req, str) else req
            if req not in REQUIREMENTS:
                _err(
                    errors,
                    mw,
                    mw_en,
                    "requirement",
                    "应为 required、optional 或 conditional",
                    "must be required, optional or conditional",
                )
            condition = m.get("condition") or ""
            if not isinstance(condition, str):
                _err(errors, mw, mw_en, "condition", "应为文本", "must be text")
                condition = ""
            if req == "conditional" and not condition.strip():
                _err(
                    errors,
                    mw,
                    mw_en,
                    "condition",
                    "按情形提交的材料须写明情形",
                    "a conditional material needs its condition",
                )
            copies = m.get("copies", 1)
            if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
                _err(errors, mw, mw_en, "copies", "份数应为正整数", "must be a positive integer")
                copies = 1
            notes = m.get("notes") or ""
            materials.append(
                MaterialSpec(
                    name=str(mname).strip(),
                    form=str(form),
                    copies=copies,
                    requirement=str(req),
                    condition=condition.strip()[:300],
                    notes=str(notes).strip()[:300],
                )
            )
        specs.append(
            ItemSpec(
                code=code,
                name=name,
                department=department,
                department_code=department_code,
                kind=kind,
                sector=sector,
                promised_days=promised,
                statutory_days=statutory,
                on_the_spot=bool(on_the_spot),
                fee=fee,
                legal_basis=legal_basis,
                node_budget=budget,
                materials=tuple(materials),
            )
        )
    if errors:
        raise CatalogueImportError(errors)
    return specs


# ---------------------------------------------------------------------------- files


def decode_text_file(data: bytes) -> str:
    """A text file as Windows tools write it: UTF-8 with or without a byte-order mark (Notepad
    writes one), UTF-16 with its mark, else GB18030 (a superset of GBK, what Chinese Windows
    calls "ANSI"). Raises :class:`UnicodeDecodeError` when none fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_catalogue_file(path: Path) -> Any:
    """Parse a catalogue file (.json, or .xlsx as written by :func:`write_xlsx`)."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise CatalogueImportError(
            [(f"无法读取文件 {path}：{why}", f"cannot read the file {path}: {why}")]
        ) from None
    try:
        return json.loads(decode_text_file(data))
    except UnicodeDecodeError:
        raise CatalogueImportError(
            [("文件编码无法识别（应为 UTF-8 或 GBK）", "unknown text encoding (use UTF-8 or GBK)")]
        ) from None
    except RecursionError:
        raise CatalogueImportError(
            [("JSON 嵌套层数过多", "the JSON is nested too deeply")]
        ) from None
    except json.JSONDecodeError as exc:
        raise CatalogueImportError(
            [
                (
                    f"JSON 格式错误：第{exc.lineno}行第{exc.colno}列",
                    f"invalid JSON at line {exc.lineno} column {exc.colno}",
                )
            ]
        ) from exc


ITEM_COLUMNS = (
    "code",
    "name",
    "department",
    "department_code",
    "kind",
    "sector",
    "promised_days",
    "statutory_days",
    "on_the_spot",
    "fee",
    "legal_basis",
    "node_budget",
)
MATERIAL_COLUMNS = ("item_code", "name", "form", "copies", "requirement", "condition", "notes")


def write_xlsx(items: list[dict[str, Any]], path: Path) -> None:
    """Two sheets: 事项 (one row per item) and 材料 (one row per material, keyed by item code)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "事项"
    ws.append(list(ITEM_COLUMNS))
    for it in items:
        row = [it.get(c) for c in ITEM_COLUMNS]
        row[ITEM_COLUMNS.index("node_budget")] = (
            json.dumps(it["node_budget"], ensure_ascii=False) if it.get("node_budget") else ""
        )
        ws.append(row)
    ms = wb.create_sheet("材料")
    ms.append(list(MATERIAL_COLUMNS))
    for it in items:
        for m in it["materials"]:
            ms.append([it["code"]] + [m.get(c) for c in MATERIAL_COLUMNS[1:]])
    wb.save(path)


def _read_xlsx(path: Path) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True)
        ws, ms = wb["事项"], wb["材料"]
    except Exception as exc:
        raise CatalogueImportError(
            [(f"无法读取表格：{exc}", f"cannot read the workbook: {exc}")]
        ) from exc
    rows = list(ws.iter_rows(values_only=True))
    head = [str(h) for h in rows[0]] if rows else []
    items: list[dict[str, Any]] = []
    by_code: dict[str, dict[str, Any]] = {}
    for r in rows[1:]:
        it = dict(zip(head, r, strict=False))
        for k in (
            "code",
            "name",
            "department",
            "department_code",
            "kind",
            "sector",
            "fee",
            "legal_basis",
        ):
            it[k] = "" if it.get(k) is None else str(it[k])
        nb = it.get("node_budget")
        it["node_budget"] = json.loads(nb) if isinstance(nb, str) and nb.strip() else None
        it["materials"] = []
        items.append(it)
        by_code[it["code"]] = it
    mrows = list(ms.iter_rows(values_only=True))
    mhead = [str(h) for h in mrows[0]] if mrows else []
    for r in mrows[1:]:
        m = dict(zip(mhead, r, strict=False))
        code = str(m.pop("item_code", ""))
        for k in ("condition", "notes"):
            m[k] = "" if m.get(k) is None else str(m[k])
        if code in by_code:
            by_code[code]["materials"].append(m)
    return items


# ---------------------------------------------------------------------------- writing


def _materials_of(spec: ItemSpec) -> list[Material]:
    return [
        Material(
            seq=n,
            name=m.name,
            form=m.form,
            copies=m.copies,
            requirement=m.requirement,
            condition=m.condition,
            notes=m.notes,
        )
        for n, m in enumerate(spec.materials, start=1)
    ]


def _version_differs(v: ServiceItemVersion, spec: ItemSpec) -> bool:
    mine = [(m.name, m.form, m.copies, m.requirement, m.condition, m.notes) for m in v.materials]
    theirs = [
        (m.name, m.form, m.copies, m.requirement, m.condition, m.notes) for m in spec.materials
    ]
    return (
        v.name,
        v.kind,
        v.sector,
        v.promised_days,
        v.statutory_days,
        v.on_the_spot,
        v.fee,
        v.legal_basis,
        v.node_budget,
        mine,
    ) != (
        spec.name,
        spec.kind,
        spec.sector,
        spec.promised_days,
        spec.statutory_days,
        spec.on_the_spot,
        spec.fee,
        spec.legal_basis,
        spec.node_budget,
        theirs,
    )


def _dept_code_for(name: str) -> str:
    return (
        "".join(s[0] for s in lazy_pinyin(name, style=Style.FIRST_LETTER) if s).upper()[:12] or "D"
    )


def _write_items(
    s: Session,
    specs: Iterable[ItemSpec],
    staff_id: int | None,
    *,
    force: bool = False,
    activate: bool = True,
) -> tuple[int, int, int]:
    """Create or version items (``force``: a new version even when nothing it holds changed).
    A new item is active; an existing one written anew is made active only with ``activate``
    (an import lists it: in service again), else keeps its state (an edit).
    Returns (created, new versions, unchanged)."""
    now = clock.now()
    depts = {d.name: d for d in s.scalars(select(Department))}
    used_codes = {d.code for d in depts.values()}
    created = versioned = unchanged = 0
    existing = {i.code: i for i in s.scalars(select(ServiceItem))}
    current = {
        v.item_id: v
        for v in s.scalars(
            select(ServiceItemVersion).join(
                ServiceItem, ServiceItem.current_version_id == ServiceItemVersion.id
            )
        )
    }
    for spec in specs:
        dept = depts.get(spec.department)
        if dept is None:
            code = spec.department_code or _dept_code_for(spec.department)
            base, n = code, 1
            while code in used_codes:
                n += 1
                code = f"{base}{n}"
            used_codes.add(code)
            dept = Department(code=code, name=spec.department, sort=len(depts))
            s.add(dept)
            s.flush()
            depts[spec.department] = dept
        item = existing.get(spec.code)
        if item is None:
            item = ServiceItem(code=spec.code, department_id=dept.id)
            s.add(item)
            s.flush()
            number = 1
            created += 1
        else:
            old = current.get(item.id)
            if (
                not force
                and old is not None
                and not _version_differs(old, spec)
                and item.department_id == dept.id
            ):
                unchanged += 1
                continue
            item.department_id = dept.id
            number = (old.version if old else 0) + 1
            versioned += 1
        full, initials = pinyin_keys(spec.name)
        version = ServiceItemVersion(
            item_id=item.id,
            version=number,
            name=spec.name,
            kind=spec.kind,
            sector=spec.sector,
            statutory_days=spec.statutory_days,
            promised_days=spec.promised_days,
            on_the_spot=spec.on_the_spot,
            fee=spec.fee,
            legal_basis=spec.legal_basis,
            node_budget=spec.node_budget,
            pinyin=full,
            initials=initials,
            created_at=now,
            created_by=staff_id,
            materials=_materials_of(spec),
        )
        s.add(version)
        s.flush()
        item.current_version_id = version.id
        if activate:
            item.active = True
    return created, versioned, unchanged


@dataclass(frozen=True)
class ImportResult:
    created: int
    versioned: int
    unchanged: int
    changes: tuple[Change, ...] = ()
    deactivated: int = 0


def import_catalogue(
    rt: Runtime,
    actor: Actor,
    raw: Any,
    *,
    deactivate_missing: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate ``raw`` (parsed JSON) whole, then write it in one transaction (administrator).

    An item marked ``"active": false`` in the file is deactivated (not written); with
    ``deactivate_missing`` every active item the file does not list is deactivated too.
    ``progress(done, total)`` is called as items are written (from the caller's thread)."""
    require_role(rt, actor, ADMIN)
    specs = validate_items(raw)
    off = {
        str(o.get("code", "")).strip()
        for o in raw
        if isinstance(o, dict) and o.get("active") is False
    }
    writes = [sp for sp in specs if sp.code not in off]
    with rt.unit() as s:
        names = {sp.name: sp.code for sp in writes}
        # A name must also stay unique against current items the file does not mention.
        clash = s.execute(
            select(ServiceItemVersion.name, ServiceItem.code)
            .join(ServiceItem, ServiceItem.current_version_id == ServiceItemVersion.id)
            .where(ServiceItemVersion.name.in_(list(names)))
        ).all()
        bad = [(n, c) for n, c in clash if names[n] != c]
        if bad:
            raise CatalogueImportError(
                [
                    (
                        f"事项「{n}」与已有事项 {c} 重名",
                        f"item '{n}' has the same name as existing item {c}",
                    )
                    for n, c in bad
                ]
            )
        created = versioned = unchanged = 0
        step = 50
        for start in range(0, len(writes), step):
            c, v, u = _write_items(s, writes[start : start + step], actor.staff_id)
            created, versioned, unchanged = created + c, versioned + v, unchanged + u
            if progress is not None:
                progress(min(start + step, len(writes)), len(writes))
        listed = {sp.code for sp in specs}
        written = {sp.code for sp in writes}
        deactivated = 0
        for item in s.scalars(select(ServiceItem)):
            if item.active and (
                item.code in off or (deactivate_missing and item.code not in listed)
            ):
                item.active = False
                deactivated += 1
            elif not item.active and item.code in written:
                item.active = True  # listed in the file: in service again
        audit(s, actor, "catalogue_import", host=rt.host, created=created, versioned=versioned,
              deactivated=deactivated)  # fmt: skip
        change = emit(
            s,
            Change(
                "catalogue.changed",
                actor.hall_id,
                {"created": created, "versioned": versioned, "deactivated": deactivated},
            ),
        )
    return ImportResult(created, versioned, unchanged, (change,), deactivated)


def seed_catalogue(rt: Runtime, path: Path | None = None) -> ImportResult:
    """Load the model hall's catalogue shipped with the product (used by demo and set-up)."""
    path = path or default_catalogue_path()
    specs = validate_items(read_catalogue_file(path))
    with rt.unit() as s:
        created, versioned, unchanged = _write_items(s, specs, None)
    return ImportResult(created, versioned, unchanged)


def default_catalogue_path() -> Path:
    return Path(__file__).resolve().parents[2] / "db" / "seed" / "catalogue.json"


# ---------------------------------------------------------------------------- reading


def _detail(v: ServiceItemVersion, item: ServiceItem, dept: Department) -> ItemDetail:
    return ItemDetail(
        id=item.id,
        version_id=v.id,
        version=v.version,
        code=item.code,
        name=v.name,
        department=dept.name,
        department_code=dept.code,
        kind=v.kind,
        sector=v.sector,
        promised_days=v.promised_days,
        statutory_days=v.statutory_days,
        on_the_spot=v.on_the_spot,
        fee=v.fee,
        legal_basis=v.legal_basis,
        node_budget=dict(v.node_budget) if v.node_budget else None,
        materials=tuple(
            MaterialInfo(m.id, m.seq, m.name, m.form, m.copies, m.requirement, m.condition, m.notes)
            for m in v.materials
        ),
        active=item.active,
    )


def export_catalogue(rt: Runtime) -> list[dict[str, Any]]:
    """Every active item in its current version, as the import format."""
    with rt.unit(read_only=True) as s:
        rows = s.execute(
            select(ServiceItemVersion, ServiceItem, Department)
            .join(ServiceItem, ServiceItem.current_version_id == ServiceItemVersion.id)
            .join(Department, Department.id == ServiceItem.department_id)
            .where(ServiceItem.active.is_(True))
            .order_by(Department.sort, ServiceItem.code)
        ).all()
        return [_detail(v, i, d).to_json() for v, i, d in rows]


def get_item(
    rt: Runtime,
    *,
    item_id: int | None = None,
    code: str | None = None,
    version_id: int | None = None,
) -> ItemDetail:
    """An item in its current version (by id or code), or a given past version."""
    with rt.unit(read_only=True) as s:
        q = (
            select(ServiceItemVersion, ServiceItem, Department)
            .join(ServiceItem, ServiceItem.id == ServiceItemVersion.item_id)
            .join(Department, Department.id == ServiceItem.department_id)
        )
        if version_id is not None:
            q = q.where(ServiceItemVersion.id == version_id)
        else:
            q = q.where(ServiceItem.current_version_id == ServiceItemVersion.id)
            if item_id is not None:
                q = q.where(ServiceItem.id == item_id)
            elif code is not None:
                q = q.where(ServiceItem.code == code)
            else:
                raise InvalidInput(field="item")
        row = s.execute(q).first()
        if row is None:
            raise NotFound(
                what=Bi(
                    f"事项 {code or item_id or version_id}", f"item {code or item_id or version_id}"
                )
            )
        return _detail(*row)


def list_departments(rt: Runtime) -> list[tuple[int, str, str]]:
    """(id, code, name) of every department with active items, in catalogue order."""
    with rt.unit(read_only=True) as s:
        return [
            (d.id, d.code, d.name)
            for d in s.scalars(
                select(Department)
                .where(Department.active.is_(True))
                .order_by(Department.sort, Department.code)
            )
        ]


def search_items(
    rt: Runtime,
    text: str = "",
    *,
    department_id: int | None = None,
    sector: str | None = None,
    window_id: int | None = None,
    limit: int = 50,
    include_inactive: bool = False,
) -> list[ItemSummary]:
    """Items whose name, code, full pinyin or pinyin initials match ``text``.

    Ranking: exact code, then code / initials / name prefix, then anything containing the text;
    within a rank, the items this window accepts most often come first. Input is bound as a
    parameter and LIKE-escaped, so any text (quotes, %, SQL) is just text.
    """
    if limit < 1:
        raise InvalidInput(field=Bi("返回条数至少为 1", "the limit must be at least 1"))
    # A search text is not stored: control characters (a NUL, which PostgreSQL refuses) are
    # dropped rather than refused.
    q_text = "".join(ch for ch in (text or "") if unicodedata.category(ch) != "Cc")
    q_text = q_text.strip()[:MAX_NAME]
    low = q_text.lower().replace(" ", "")
    with rt.unit(read_only=True) as s:
        uses = func.coalesce(WindowItemUse.uses, 0)
        # How often every window of the town accepted each item: the tie-breaker after this
        # window's own habits, so a new window still sees the common items first.
        everywhere = (
            select(WindowItemUse.item_id, func.sum(WindowItemUse.uses).label("n"))
            .group_by(WindowItemUse.item_id)
            .subquery()
        )
        q = (
            select(
                ServiceItemVersion,
                ServiceItem,
                Department.name,
                uses,
                func.coalesce(everywhere.c.n, 0),
            )
            .join(ServiceItem, ServiceItem.current_version_id == ServiceItemVersion.id)
            .join(Department, Department.id == ServiceItem.department_id)
            .outerjoin(
                WindowItemUse,
                (WindowItemUse.item_id == ServiceItem.id)
                & (WindowItemUse.window_id == (window_id or -1)),
            )
            .outerjoin(everywhere, everywhere.c.item_id == ServiceItem.id)
        )
        if not include_inactive:
            q = q.where(ServiceItem.active.is_(True))
        if department_id is not None:
            q = q.where(ServiceItem.department_id == department_id)
        if sector:
            q = q.where(ServiceItemVersion.sector == sector)
        if low:
            pat = f"%{_like_escape(low)}%"
            q = q.where(
                or_(
                    ServiceItemVersion.name.like(f"%{_like_escape(q_text)}%", escape="\\"),
                    func.lower(ServiceItem.code).like(pat, escape="\\"),
                    ServiceItemVersion.pinyin.like(pat, escape="\\"),
                    ServiceItemVersion.initials.like(pat, escape="\\"),
                )
            )
        rows = list(s.execute(q).all())

    def rank(row: Any) -> tuple[int, int, int, int, str]:
        v, item, _dept, n, town = row
        if not low or item.code.lower() == low:
            r = 0
        elif v.initials == low or v.name == q_text or v.pinyin == low:
            r = 1
        elif item.code.lower().startswith(low):
            r = 2
        else:
            r = 3
        # Within a rank: this window's frequent items, the town's, then the shorter names.
        return (r, -int(n), -int(town), len(v.name), item.code)

    rows.sort(key=rank)
    return [
        ItemSummary(
            id=item.id,
            version_id=v.id,
            code=item.code,
            name=v.name,
            department=dept,
            kind=v.kind,
            sector=v.sector,
            promised_days=v.promised_days,
            statutory_days=v.statutory_days,
            on_the_spot=v.on_the_spot,
            active=item.active,
        )
        for v, item, dept, _n, _town in rows[:limit]
    ]


def catalogue_entries(
    rt: Runtime, window_id: int | None = None
) -> list[CatalogueEntry[ItemSummary]]:
    """The active catalogue for an in-memory index (:class:`counter.domain.itemsearch.ItemIndex`):
    every current item version with its pinyin keys, how often ``window_id`` and the whole
    town accepted it, and its place in the 常用事项 of ``window_id``'s hall (setting
    ``frequent_items``). One read, and one for the setting."""
    with rt.unit(read_only=True) as s:
        everywhere = (
            select(WindowItemUse.item_id, func.sum(WindowItemUse.uses).label("n"))
            .group_by(WindowItemUse.item_id)
            .subquery()
        )
        q = (
            select(
                ServiceItemVersion,
                ServiceItem,
                Department.name,
                func.coalesce(WindowItemUse.uses, 0),
                func.coalesce(everywhere.c.n, 0),
            )
            .join(ServiceItem, ServiceItem.current_version_id == ServiceItemVersion.id)
            .join(Department, Department.id == ServiceItem.department_id)
            .outerjoin(
                WindowItemUse,
                (WindowItemUse.item_id == ServiceItem.id)
                & (WindowItemUse.window_id == (window_id or -1)),
            )
            .outerjoin(everywhere, everywhere.c.item_id == ServiceItem.id)
            .where(ServiceItem.active.is_(True))
        )
        rows = list(s.execute(q).all())
        pinned: dict[str, int] = {}
        if window_id is not None:
            settings = s.scalar(
                select(Hall.settings)
                .join(Window, Window.hall_id == Hall.id)
                .where(Window.id == window_id)
            )
            codes = merged(settings).get("frequent_items") or ()
            pinned = {str(c): n for n, c in enumerate(codes, start=1)}
    return [
        CatalogueEntry(
            item=ItemSummary(
                id=item.id,
                version_id=v.id,
                code=item.code,
                name=v.name,
                department=dept,
                kind=v.kind,
                sector=v.sector,
                promised_days=v.promised_days,
                statutory_days=v.statutory_days,
                on_the_spot=v.on_the_spot,
            ),
            item_id=item.id,
            code=item.code,
            name=v.name,
            department_id=item.department_id,
            sector=v.sector or "",
            pinyin=(v.pinyin or "").lower(),
            initials=(v.initials or "").lower(),
            uses=int(n),
            town_uses=int(town),
            pinned=pinned.get(item.code, 0),
        )
        for v, item, dept, n, town in rows
    ]


#: Fields ``counter catalog edit --set FIELD=VALUE`` and the editor may change, with their type.
EDITABLE_FIELDS: dict[str, str] = {
    "code": "text",
    "name": "text",
    "department": "text",
    "department_code": "text",
    "kind": "text",
    "sector": "text",
    "promised_days": "int",
    "statutory_days": "int",
    "on_the_spot": "bool",
    "fee": "text",
    "legal_basis": "text",
    "node_budget": "json",
    "materials": "json",
    "active": "bool",  # only when asked: an edit alone never (re)activates an item
}


def parse_field(field: str, text: str) -> Any:
    """A ``FIELD=VALUE`` text as the field's value (see :data:`EDITABLE_FIELDS`)."""
    kind = EDITABLE_FIELDS.get(field)
    if kind is None:
        raise InvalidInput(f"可改字段：{', '.join(EDITABLE_FIELDS)}", field=field)
    raw = text.strip()
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise InvalidInput("应为整数", field=field) from None
    if kind == "bool":
        low = raw.lower()
        if low in ("1", "true", "yes", "是"):
            return True
        if low in ("0", "false", "no", "否"):
            return False
        raise InvalidInput("应为 true 或 false", field=field)
    if kind == "json":
        if field == "node_budget" and raw.lower() in ("", "null", "none"):
            return None
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise InvalidInput("应为 JSON", field=field) from None
    return raw


def apply_edit(
    rt: Runtime, actor: Actor, code: str, changes: dict[str, Any]
) -> tuple[ItemDetail, Change]:
    """Write a new version of item ``code`` with ``changes`` applied (administrator), in one
    unit of work, and announce it (``catalogue.changed``). Existing cases keep the version they
    were accepted under. ``materials`` is the whole list, in order, as dicts of the import
    format; ``code`` renames the item (the new code must be free). A deactivated item stays
    deactivated unless ``changes`` has ``active: True`` (``active: False`` deactivates it)."""
    require_role(rt, actor, ADMIN)
    changes = dict(changes)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"可改字段：{', '.join(EDITABLE_FIELDS)}", field=sorted(unknown)[0])
    active = changes.pop("active", None)
    if active is not None and not isinstance(active, bool):
        raise InvalidInput(Bi("应为 true 或 false", "true or false"), field="active")
    current = get_item(rt, code=code)
    data = current.to_json() | changes
    try:
        spec = validate_items([data])[0]
    except CatalogueImportError as exc:
        raise ItemEditRefused(exc.errors) from None
    with rt.unit() as s:
        item = s.scalars(select(ServiceItem).where(ServiceItem.code == code)).first()
        if item is None:
            raise NotFound(what=f"事项 {code}")
        if spec.code != code:
            if s.scalars(select(ServiceItem.id).where(ServiceItem.code == spec.code)).first():
                raise ItemEditRefused(
                    [(f"事项编码 {spec.code} 已存在", f"item code {spec.code} exists already")]
                )
            item.code = spec.code
            s.flush()
        clash = s.execute(
            select(ServiceItem.code)
            .join(ServiceItemVersion, ServiceItem.current_version_id == ServiceItemVersion.id)
            .where(ServiceItemVersion.name == spec.name, ServiceItem.id != item.id)
        ).first()
        if clash:
            raise ItemEditRefused(
                [
                    (
                        f"事项「{spec.name}」与 {clash[0]} 重名",
                        f"'{spec.name}' has the same name as {clash[0]}",
                    )
                ]
            )
        if spec.code != code:
            # A rename alone is a new version too, so the history says when the code changed.
            current_v = s.get(ServiceItemVersion, item.current_version_id)
            if current_v is not None and not _version_differs(current_v, spec):
                _write_items(s, [spec], actor.staff_id, force=True, activate=False)
            else:
                _write_items(s, [spec], actor.staff_id, activate=False)
        else:
            _write_items(s, [spec], actor.staff_id, activate=False)
        if active is not None:
            item.active = active
            changes["active"] = active
        audit(s, actor, "catalogue_edit", spec.code, host=rt.host, fields=sorted(changes),
              was=code if spec.code != code else None)  # fmt: skip
        change = emit(
            s, Change("catalogue.changed", actor.hall_id, {"code": spec.code, "was": code})
        )
    return get_item(rt, code=spec.code), change


def edit_item(rt: Runtime, actor: Actor, code: str, **changes: Any) -> ItemDetail:
    """Write a new version of item ``code`` with ``changes`` applied (see :func:`apply_edit`)."""
    return apply_edit(rt, actor, code, changes)[0]


def record_item_use(s: Session, window_id: int, item_id: int) -> None:
    """Count one acceptance of ``item_id`` at ``window_id`` (inside the caller's transaction),
    in one statement: an insert that adds one to the count already there."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    now = clock.now()
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(WindowItemUse).values(
        window_id=window_id, item_id=item_id, uses=1, last_used_at=now
    )
    s.execute(
        stmt.on_conflict_do_update(
            index_elements=[WindowItemUse.window_id, WindowItemUse.item_id],
            set_={"uses": WindowItemUse.uses + 1, "last_used_at": now},
        )
    )
