"""The 228-item catalogue: shipped data, import errors, export round trip, versioning, search."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter.errors import PermissionDenied
from counter.services.base import Actor, Runtime
from counter.services.catalog import (
    CatalogueImportError,
    default_catalogue_path,
    edit_item,
    export_catalogue,
    get_item,
    import_catalogue,
    list_departments,
    read_catalogue_file,
    search_items,
    validate_items,
    write_xlsx,
)
from db.models import AuditLog, ServiceItem, ServiceItemVersion


@pytest.fixture
def rt(hall_url: str):
    runtime = Runtime(hall_url)
    yield runtime
    runtime.dispose()


def admin(rt: Runtime) -> Actor:
    return Actor.system(rt.hall_id())


def shipped() -> list[dict]:
    return json.loads(default_catalogue_path().read_text(encoding="utf-8"))


def test_shipped_catalogue_is_complete() -> None:
    items = shipped()
    validate_items(items)
    assert len(items) == 228
    assert len({i["department"] for i in items}) == 38
    assert len({i["name"] for i in items}) == 228
    assert all(i["materials"] for i in items)


def test_demo_hall_exports_228_items_in_38_departments(rt: Runtime) -> None:
    items = export_catalogue(rt)
    assert len(items) == 228
    assert len({i["department"] for i in items}) == 38
    assert len(list_departments(rt)) == 38


def test_export_import_round_trip_json_and_xlsx(rt: Runtime, tmp_path: Path) -> None:
    items = export_catalogue(rt)
    result = import_catalogue(rt, admin(rt), items)
    assert (result.created, result.versioned, result.unchanged) == (0, 0, 228)
    path = tmp_path / "catalogue.xlsx"
    write_xlsx(items, path)
    again = read_catalogue_file(path)
    assert again == items


def _count(rt: Runtime) -> tuple[int, int]:
    with rt.unit() as s:
        return s.scalar(select(func.count(ServiceItem.id))), s.scalar(
            select(func.count(ServiceItemVersion.id))
        )


def test_bad_file_names_item_and_field_and_writes_nothing(rt: Runtime) -> None:
    before = _count(rt)
    items = copy.deepcopy(shipped()[:3])
    items.append(
        {
            "code": "XX-001",
            "name": "新增事项",
            "department": "新部门",
            "kind": "行政许可",
            "sector": "社会民生",
            "promised_days": 5,
            "statutory_days": 20,
            "on_the_spot": False,
            "materials": [
                {
                    "name": "申请表",
                    "form": "original",
                    "copies": 1,
                    "requirement": "required",
                    "condition": "",
                }
            ],
        }
    )
    items[1]["kind"] = "审批"
    items[2]["promised_days"] = -1
    items[2]["materials"][0]["requirement"] = "conditional"
    items[2]["materials"][0]["condition"] = ""
    with pytest.raises(CatalogueImportError) as err:
        import_catalogue(rt, admin(rt), items)
    zh = "\n".join(z for z, _ in err.value.errors)
    en = "\n".join(e for _, e in err.value.errors)
    assert f"第2项「{items[1]['name']}」 字段 kind" in zh
    assert "field promised_days" in en and "field condition" in en
    assert _count(rt) == before  # all or nothing: the valid new item was not written either


def test_duplicate_names_and_missing_materials_are_refused() -> None:
    items = copy.deepcopy(shipped()[:2])
    items[1]["name"] = items[0]["name"]
    items[0]["materials"] = []
    with pytest.raises(CatalogueImportError) as err:
        validate_items(items)
    messages = " ".join(e for _, e in err.value.errors)
    assert "same name as item 1" in messages and "needs at least one material" in messages


def test_not_json_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{oops", encoding="utf-8")
    with pytest.raises(CatalogueImportError) as err:
        read_catalogue_file(bad)
    assert "JSON" in err.value.errors[0][0]


def test_editing_an_item_writes_a_new_version_and_keeps_the_old(rt: Runtime) -> None:
    code = shipped()[0]["code"]
    old = get_item(rt, code=code)
    new = edit_item(
        rt, admin(rt), code, promised_days=max(0, old.promised_days - 1), name=old.name + "（新）"
    )
    assert new.version == old.version + 1 and new.version_id != old.version_id
    kept = get_item(rt, version_id=old.version_id)
    assert kept.name == old.name and kept.materials == old.materials
    assert search_items(rt, old.name + "（新）")[0].version_id == new.version_id


def test_only_an_administrator_imports(rt: Runtime) -> None:
    clerk = Actor(hall_id=rt.hall_id(), staff_id=None, staff_no="1001", roles=frozenset({"clerk"}))
    with pytest.raises(PermissionDenied):
        import_catalogue(rt, clerk, shipped()[:1])
    with rt.unit() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(AuditLog)
                .where(AuditLog.action == "permission_denied")
            )
            == 1
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zjd", "农村村民宅基地审批"),
        ("宅基地", "农村村民宅基地审批"),
        ("zhaijidi", "农村村民宅基地审批"),
        ("zuidi", "最低生活保障"),
        ("ZJD", "农村村民宅基地审批"),
    ],
)
def test_search_by_name_pinyin_and_initials(rt: Runtime, text: str, expected: str) -> None:
    names = [i.name for i in search_items(rt, text)]
    assert any(expected in n for n in names[:3]), names[:5]


def test_search_by_code_and_department(rt: Runtime) -> None:
    first = shipped()[0]
    hits = search_items(rt, first["code"].lower())
    assert hits[0].code == first["code"]
    dept_id = next(d for d, _c, n in list_departments(rt) if n == first["department"])
    in_dept = search_items(rt, "", department_id=dept_id, limit=500)
    assert in_dept and all(i.department == first["department"] for i in in_dept)


@pytest.mark.parametrize(
    "text", ["'; DROP TABLE service_item; --", "%", "_", "\\", "a" * 5000, "😀"]
)
def test_hostile_search_text_is_just_text(rt: Runtime, text: str) -> None:
    search_items(rt, text)
    assert _count(rt)[0] == 228
