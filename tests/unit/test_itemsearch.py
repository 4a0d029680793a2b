"""The in-memory item search over the seeded catalogue (228 items): common words and
abbreviations, pinyin initials, why each item matched, filters and ranking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter.domain.itemsearch import CatalogueEntry, ItemIndex
from counter.services.catalog import pinyin_keys

SEED = Path(__file__).resolve().parents[2] / "db" / "seed" / "catalogue.json"


def entries(extra: tuple[str, ...] = ()) -> list[CatalogueEntry[str]]:
    items = json.loads(SEED.read_text(encoding="utf-8"))
    names = [(i["code"], i["name"], i["department_code"], i["sector"]) for i in items]
    names += [(f"X{n}", name, "GA", "") for n, name in enumerate(extra)]
    out = []
    depts: dict[str, int] = {}
    for n, (code, name, dept, sector) in enumerate(names):
        full, initials = pinyin_keys(name)
        out.append(
            CatalogueEntry(
                item=name,
                item_id=n + 1,
                code=code,
                name=name,
                department_id=depts.setdefault(dept, len(depts) + 1),
                sector=sector or "",
                pinyin=full,
                initials=initials,
            )
        )
    return out


@pytest.fixture(scope="module")
def index() -> ItemIndex[str]:
    return ItemIndex(entries(("户口迁移（市内）", "户口迁移（跨省）")))


def names(index: ItemIndex[str], text: str) -> list[str]:
    return [m.item for m in index.search(text)]


def test_the_seed_is_the_halls_228_items(index):
    assert len(index) == 228 + 2


def test_hukou_finds_migration_and_the_registry_certificate(index):
    found = names(index, "户口")
    assert "户口迁移（市内）" in found and "户口迁移（跨省）" in found
    assert "居民户籍证明出具" in found
    assert "死亡户口注销" in found
    why = {m.item: m.reason for m in index.search("户口")}
    assert "户口" in why["户口迁移（市内）"] and "名称" in why["户口迁移（市内）"]
    assert why["居民户籍证明出具"] == "常用说法：户口 → 户籍"
    # what the name says comes before what a common word adds
    assert found.index("户口迁移（市内）") < found.index("居民户籍证明出具")


def test_dibao_finds_the_minimum_living_allowance(index):
    found = names(index, "低保")
    assert {"最低生活保障审核确认", "最低生活保障边缘家庭认定"} <= set(found)
    assert all("最低生活保障" in n or "低保" in n for n in found)
    m = index.search("低保")[0]
    assert "最低生活保障" in m.reason


def test_initials_and_their_reason(index):
    why = {m.item: m.reason for m in index.search("zjd")}
    assert why["农村村民宅基地审批"] == "拼音首字母 zjd（宅基地）"  # a whole word
    assert "拼音" in index.search("zhaijidi")[0].reason


def test_every_term_must_match_and_filters_apply(index):
    both = names(index, "低保 变更")
    assert both == ["最低生活保障对象家庭信息变更"]
    assert names(index, "没有这样的事项") == []
    dept = index.search("低保")[0]
    entry = next(e for e in entries() if e.name == dept.item)
    assert all(
        e.department_id == entry.department_id
        for e in entries()
        if e.name in names_in_dept(index, "低保", entry.department_id)
    )
    assert names(index, "zjd")  # no filter
    assert index.search("zjd", sector="没有的领域") == []


def names_in_dept(index: ItemIndex[str], text: str, dept: int) -> list[str]:
    return [m.item for m in index.search(text, department_id=dept)]


def test_empty_search_lists_the_windows_frequent_items_first():
    rows = entries()
    rows[10] = CatalogueEntry(**{**rows[10].__dict__, "uses": 5})
    rows[20] = CatalogueEntry(**{**rows[20].__dict__, "uses": 9})
    idx = ItemIndex(rows)
    assert [m.item for m in idx.search("")[:2]] == [rows[20].name, rows[10].name]
    idx.bump(rows[10].item_id)
    idx.bump(rows[10].item_id)
    idx.bump(rows[10].item_id)
    idx.bump(rows[10].item_id)
    idx.bump(rows[10].item_id)
    assert idx.search("")[0].item == rows[10].name
    assert idx.search("")[0].reason == ""


def test_code_ranks_first(index):
    code = entries()[5].code
    first = index.search(code.lower())[0]
    assert first.item == entries()[5].name and first.reason == "编码"


def test_any_text_is_just_text(index):
    for text in ("%", "'; drop table x; --", "\\", "_", "\x01"):
        assert isinstance(index.search(text), list)


def test_initials_spelling_whole_words_rank_first(index):
    """``zjd``: the 宅基地 items (z, j, d spell the word 宅基地) before 证照寄递, whose z, j, d
    are scattered over 证照 and 寄递; the reason names the word."""
    found = index.search("zjd")
    zjd = [m.item for m in found if "宅基地" in m.item]
    assert len(zjd) == 4
    assert [m.item for m in found[: len(zjd)]] == zjd
    assert "证照寄递" in [m.item for m in found[len(zjd) :]]
    why = {m.item: m.reason for m in found}
    assert why["农村村民宅基地审批"] == "拼音首字母 zjd（宅基地）"
    assert why["证照寄递"] == "拼音首字母含 zjd"
    # words in a row count too: 城乡居民 养老保险
    first = index.search("jmjb")[0].item
    assert "居民基本" in first


def test_catalogue_words_come_from_the_catalogue(index):
    from counter.domain.itemsearch import _runs, catalogue_words

    items = entries()
    words = catalogue_words(r for e in items for r in _runs(e.name, e.initials))
    assert {"宅基地", "登记", "证明", "城乡居民", "养老保险"} <= words
    assert "照寄递" not in words and "村宅" not in words
    # an exact match still beats a word; a prefix of the name too
    assert index.search("nccmzjdsp")[0].item == "农村村民宅基地审批"
    assert index.search("宅基地")[0].item.startswith("宅基地")
