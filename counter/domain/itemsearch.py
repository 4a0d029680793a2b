"""Item search in memory (事项查找): the window client holds the active catalogue and answers
every keystroke itself, without a database round trip.

An :class:`ItemIndex` is built from :class:`CatalogueEntry` rows (the catalogue as the door
:func:`counter.window.catalogue` reads it, with the pinyin keys stored at import and how often
this window and the town accepted each item) and is replaced when the catalogue changes.

A query is split on spaces; every term must match. A term matches an item by

- its code (exact, or a prefix of it, or within it),
- its name (within it),
- its full pinyin or pinyin initials (``zjd`` → 农村村民宅基地审批),
- a common word or abbreviation from :data:`SYNONYMS` (户口 → 户籍, 低保 → 最低生活保障): a
  term holding a key is also tried with the key replaced by each of its expansions, against
  the name.

Every result says why it matched (:attr:`Match.reason`). Ranking: exact code; exact initials,
name or pinyin; code prefix; name prefix; initials that spell whole words of the name; anything
else containing the term; a common word only. Within a rank the hall's 常用事项 (setting
``frequent_items``) come first, in their order, then this window's frequent items, then the
town's, then shorter names. Pure Python, no I/O: about a linear scan of one string per item per
term.

Whole words (``zjd`` puts 宅基地 items ahead of 证照寄递, whose z, j, d are the last letters of
证照 and 寄递): the catalogue is its own dictionary. A run of 2-4 characters of a name is a word
when, across the catalogue's names, it stands between at least two different characters (or a
name's start or end) on its left and on its right (accessor variety, an unsupervised
segmentation rule): 宅基地 follows 民, 村 and a name's start and precedes 审, 和, 使 and 权,
while 照寄递 follows only 证. A term spells whole words when it is the initials of one word or
of a few words in a row (:data:`WORD_SPAN_MAX` characters at most) of the name. Building the
index finds the words once; a search then tests one set per matching item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_QUERY = 100
WORD_MIN, WORD_MAX = 2, 4  # characters of a word found in the catalogue
WORD_SPAN_MAX = 10  # characters of the words in a row a term may spell
_EDGE = "\x00"  # a name's start or end, as a neighbour

# 常用说法 → what the catalogue calls it. Keys are what a clerk or a villager says; values are
# words of official item names. A key is tried as typed as well (the name may use it too).
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "户口": ("户籍", "出生登记", "落户", "迁移"),
    "户籍": ("户口",),
    "上户口": ("出生登记", "户籍"),
    "迁户口": ("户口迁移", "迁移"),
    "低保": ("最低生活保障",),
    "五保": ("特困人员",),
    "特困": ("五保",),
    "社保": ("社会保险", "养老保险", "医疗保险"),
    "医保": ("医疗保险", "医疗保障", "就医", "医疗费用"),
    "农保": ("城乡居民基本养老保险",),
    "新农保": ("城乡居民基本养老保险",),
    "农合": ("城乡居民基本医疗保险",),
    "新农合": ("城乡居民基本医疗保险",),
    "养老金": ("养老保险待遇",),
    "身份证": ("居民身份证",),
    "残疾证": ("残疾人证",),
    "准生": ("生育登记", "生育服务"),
    "准生证": ("生育登记", "生育服务"),
    "建房": ("宅基地", "建房"),
    "盖房": ("宅基地", "建房"),
    "老年证": ("老年人优待证",),
    "高龄补贴": ("高龄津贴",),
    "执照": ("营业执照", "个体工商户"),
    "个体户": ("个体工商户",),
    "退伍": ("退役军人",),
    "复员": ("退役军人",),
    "丧葬": ("殡葬",),
    "失业金": ("失业保险金",),
    "厕改": ("厕所改造",),
    "开证明": ("证明",),
}


@dataclass(frozen=True)
class CatalogueEntry(Generic[T]):
    """One active item as the index holds it. ``item`` is what a search returns for it (the
    client's summary); ``pinyin`` and ``initials`` are lower case without spaces; ``uses``:
    acceptances at this window, ``town_uses``: at every window; ``pinned``: the place (from 1)
    of the item in the hall's 常用事项 (setting ``frequent_items``), 0 when not there."""

    item: T
    item_id: int
    code: str
    name: str
    department_id: int
    sector: str
    pinyin: str
    initials: str
    uses: int = 0
    town_uses: int = 0
    pinned: int = 0


@dataclass(frozen=True)
class Match(Generic[T]):
    """A search result: the item, why it matched (Chinese, for the clerk), and its rank."""

    item: T
    reason: str
    rank: int


@dataclass(frozen=True)
class _Row(Generic[T]):
    entry: CatalogueEntry[T]
    code: str  # lower case
    hay: str  # name, code, pinyin and initials in one string, for the quick test
    words: Mapping[str, str]  # initials of whole words in a row → those characters


def _variants(term: str, synonyms: Mapping[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(text to find in a name, the reason) for the common words held in ``term``."""
    out: list[tuple[str, str]] = []
    for key, expansions in synonyms.items():
        if key in term:
            for exp in expansions:
                variant = term.replace(key, exp)
                if variant != term:
                    out.append((variant, f"常用说法：{key} → {exp}"))
    return out


class ItemIndex(Generic[T]):
    """The catalogue in memory. Not thread-safe: build it on one thread, then replace it."""

    def __init__(
        self,
        entries: Iterable[CatalogueEntry[T]] = (),
        synonyms: Mapping[str, tuple[str, ...]] = SYNONYMS,
    ) -> None:
        self.synonyms = dict(synonyms)
        self._rows: list[_Row[T]] = []
        self._by_id: dict[int, int] = {}
        self.replace(entries)

    def replace(self, entries: Iterable[CatalogueEntry[T]]) -> None:
        """Take a new reading of the catalogue (after a change event)."""
        listed = list(entries)
        runs = [_runs(e.name, e.initials) for e in listed]
        words = catalogue_words(r for item_runs in runs for r in item_runs)
        rows = []
        cache: dict[tuple[str, str], dict[str, str]] = {}
        for e, item_runs in zip(listed, runs, strict=True):
            code = e.code.lower()
            hay = f"{e.name}\x01{code}\x01{e.pinyin}\x01{e.initials}"
            rows.append(_Row(e, code, hay, _word_spans(item_runs, words, cache)))
        self._set(rows)

    def _set(self, rows: list[_Row[T]]) -> None:
        # Held in the order of a rank's tie-break (the hall's 常用事项 in their order, this
        # window's uses, the town's, shorter names, code): a search only sorts its matches into
        # rank buckets.
        rows.sort(
            key=lambda r: (
                r.entry.pinned or 1 << 30,
                -r.entry.uses,
                -r.entry.town_uses,
                len(r.entry.name),
                r.code,
            )
        )
        self._rows = rows
        self._by_id = {r.entry.item_id: n for n, r in enumerate(rows)}

    def __len__(self) -> int:
        return len(self._rows)

    def bump(self, item_id: int) -> None:
        """One more acceptance of ``item_id`` at this window (it moves up at once)."""
        n = self._by_id.get(item_id)
        if n is not None:
            rows = list(self._rows)
            row = rows[n]
            entry = replace(row.entry, uses=row.entry.uses + 1, town_uses=row.entry.town_uses + 1)
            rows[n] = _Row(entry, row.code, row.hay, row.words)
            self._set(rows)

    def search(
        self,
        text: str = "",
        *,
        department_id: int | None = None,
        sector: str | None = None,
        limit: int = 300,
    ) -> list[Match[T]]:
        """The items matching every term of ``text`` within the filters, best first; with no
        text, every item, this window's frequent ones first."""
        terms = (text or "")[:MAX_QUERY].lower().split()
        plans = [(t, _variants(t, self.synonyms)) for t in terms]
        buckets: list[list[_Row[T]]] = [[] for _ in range(_RANKS)]
        filtered = department_id is not None or bool(sector)
        single = plans[0] if len(plans) == 1 else None
        for row in self._rows:
            if filtered:
                e = row.entry
                if department_id is not None and e.department_id != department_id:
                    continue
                if sector and e.sector != sector:
                    continue
            if single is not None:
                rank = _rank(row, single[0], single[1])
            else:
                rank = 0
                for term, variants in plans:
                    r = _rank(row, term, variants)
                    if r < 0:
                        rank = -1
                        break
                    rank = max(rank, r)
            if rank >= 0:
                buckets[rank].append(row)
                if not plans and len(buckets[0]) >= limit:
                    break
        out: list[Match[T]] = []
        for rank, bucket in enumerate(buckets):
            for row in bucket:
                if len(out) >= limit:
                    return out
                why = "；".join(_reason(row, t, v) for t, v in plans)
                out.append(Match(row.entry.item, why, rank))
        return out


_RANKS = 7


def _runs(name: str, initials: str) -> list[tuple[str, str]]:
    """The runs of ``name`` between punctuation, each as (characters, their initials); empty
    when the initials do not line up one to one with the name's letters and characters (they
    are made so: one initial per Chinese character, letter or digit)."""
    if sum(1 for c in name if c.isalnum()) != len(initials):
        return []
    out: list[tuple[str, str]] = []
    chars: list[str] = []
    k = 0
    for c in name:
        if c.isalnum():
            chars.append(c)
            continue
        if chars:
            out.append(("".join(chars), initials[k : k + len(chars)]))
            k += len(chars)
            chars = []
    if chars:
        out.append(("".join(chars), initials[k : k + len(chars)]))
    return out


def catalogue_words(runs: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The words of a catalogue: every run of :data:`WORD_MIN`-:data:`WORD_MAX` characters
    that has at least two different neighbours on each side across ``runs`` (a run's start or
    end counts as one neighbour). Only Chinese characters make words here."""
    left: dict[str, set[str]] = {}
    right: dict[str, set[str]] = {}
    for text in {text for text, _initials in runs}:  # a repeated run adds no neighbour
        n = len(text)
        for size in range(WORD_MIN, min(WORD_MAX, n) + 1):
            for i in range(n - size + 1):
                gram = text[i : i + size]
                left.setdefault(gram, set()).add(text[i - 1] if i else _EDGE)
                right.setdefault(gram, set()).add(text[i + size] if i + size < n else _EDGE)
    return frozenset(
        g
        for g, lefts in left.items()
        if len(lefts) >= 2 and len(right[g]) >= 2 and all(not c.isascii() for c in g)
    )


def _word_spans(
    runs: Sequence[tuple[str, str]],
    words: frozenset[str],
    cache: dict[tuple[str, str], dict[str, str]] | None = None,
) -> dict[str, str]:
    """Initials of every stretch of whole words in a row (one word, or words end to end, up to
    :data:`WORD_SPAN_MAX` characters) → the first such stretch's characters. ``cache`` keeps
    the answer per run (names share runs such as 代办) while one index is built."""
    out: dict[str, str] = {}
    for run in runs:
        spans = cache.get(run) if cache is not None else None
        if spans is None:
            spans = _run_spans(run[0], run[1], words)
            if cache is not None:
                cache[run] = spans
        for key, value in spans.items():
            out.setdefault(key, value)
    return out


def _run_spans(text: str, initials: str, words: frozenset[str]) -> dict[str, str]:
    """:func:`_word_spans` of one run (its characters and their initials)."""
    out: dict[str, str] = {}
    n = len(text)
    for start in range(n):
        # stretches of whole words beginning at ``start``, by where they end
        frontier = [start]
        while frontier:
            nxt: set[int] = set()
            for end in frontier:
                for size in range(WORD_MIN, WORD_MAX + 1):
                    stop = end + size
                    if stop > n or stop - start > WORD_SPAN_MAX:
                        break
                    if text[end:stop] in words:
                        out.setdefault(initials[start:stop], text[start:stop])
                        nxt.add(stop)
            frontier = sorted(nxt)
    return out


def _rank(row: _Row[T], term: str, variants: Sequence[tuple[str, str]]) -> int:
    """0 exact code · 1 exact initials, name or pinyin · 2 code prefix · 3 name prefix ·
    4 initials of whole words · 5 within name, initials, pinyin or code · 6 a common word ·
    -1 no match."""
    if term in row.hay:
        e = row.entry
        if row.code == term:
            return 0
        if e.initials == term or e.name == term or e.pinyin == term:
            return 1
        if row.code.startswith(term):
            return 2
        if e.name.startswith(term):
            return 3
        if term in row.words:
            return 4
        return 5
    name = row.entry.name
    for variant, _why in variants:
        if variant in name:
            return 6
    return -1


def _reason(row: _Row[T], term: str, variants: Sequence[tuple[str, str]]) -> str:
    """Why ``term`` matched ``row``, for the clerk (only computed for the rows shown)."""
    e = row.entry
    if term in row.hay:
        if row.code == term:
            return "编码"
        if e.initials == term:
            return f"拼音首字母 {term}"
        if e.name == term:
            return "名称"
        if e.pinyin == term:
            return "拼音"
        if row.code.startswith(term):
            return f"编码开头 {term}"
        if e.name.startswith(term):
            return f"名称开头“{term}”"
        if term in row.words:
            return f"拼音首字母 {term}（{row.words[term]}）"
        if term in e.name:
            return f"名称含“{term}”"
        if term in e.initials:
            return f"拼音首字母含 {term}"
        if term in e.pinyin:
            return f"拼音含 {term}"
        return "编码含"
    for variant, why in variants:
        if variant in e.name:
            return why
    return ""
