"""``counter bench search --items N``: the window client's item search, per keystroke.

A throwaway SQLite database gets a catalogue of ``--items`` items (the model hall's 228, then
variations of them with other codes and names up to N; fewer than 228 takes the first N). Then
typical searches are typed one keystroke at a time (``zjd``, 户口, 低保, 城乡居民, a code …) and
each keystroke is answered twice, in the same run:

- ``memory``: :class:`counter.domain.itemsearch.ItemIndex`, what the client does now;
- ``database``: :func:`counter.services.catalog.search_items`, one read per keystroke through
  SQLAlchemy (what it did before), the baseline.

It prints p50 / p95 of both in milliseconds (wall clock; for the index also its thread's
CPU time, which other processes on a busy machine cannot inflate), their ratios (memory ÷ database), and whether the
goal holds (p95 ≤ 2 ms up to 228 items, ≤ 10 ms up to 5,000). Figures depend on the machine:
compare the ratios between machines, not the milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from counter.commands.common import print_json

QUERIES = ("zjd", "户口", "低保", "城乡居民 养老", "医保", "cxjm", "证明", "残疾人证", "xzj")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    b = sub.add_parser(
        "search",
        parents=[common],
        help="事项查找每次按键耗时（内存索引对比数据库查询）/ item search per keystroke",
    )
    b.add_argument("--items", type=int, default=228, help="目录事项数（默认 228）")
    b.add_argument("--rounds", type=int, default=5, help="每组按键重复次数")
    b.add_argument("--indent", type=int, default=None)
    b.set_defaults(func=_bench_search)


def goal_ms(items: int) -> float:
    """The p95 goal per keystroke for a catalogue of ``items``."""
    return 2.0 if items <= 228 else 10.0


def synthetic_catalogue(items: int) -> list[dict[str, Any]]:
    """The seeded catalogue cut or grown to ``items`` (grown items: new code, numbered name)."""
    from counter.services.catalog import default_catalogue_path

    seed: list[dict[str, Any]] = json.loads(
        Path(default_catalogue_path()).read_text(encoding="utf-8")
    )
    if items <= len(seed):
        return seed[:items]
    out = list(seed)
    n = 0
    while len(out) < items:
        base = seed[n % len(seed)]
        k = n // len(seed) + 2
        out.append({**base, "code": f"{base['code']}-{k:02d}", "name": f"{base['name']}（{k}类）"})
        n += 1
    return out


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _figures(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(samples) * 1000, 3),
        "p95_ms": round(_pct(samples, 0.95) * 1000, 3),
        "max_ms": round(max(samples) * 1000, 3),
    }


def run(items: int, rounds: int = 5) -> dict[str, Any]:
    """Build the catalogue, time both searches per keystroke; the summary as a dict."""
    from counter.domain.itemsearch import ItemIndex
    from counter.services import catalog
    from counter.services.base import Runtime
    from db.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'search.sqlite3'}"
        upgrade(url)
        rt = Runtime(url)
        try:
            specs = catalog.validate_items(synthetic_catalogue(items))
            with rt.unit() as s:
                catalog._write_items(s, specs, None)
            t = time.perf_counter()
            index = ItemIndex(catalog.catalogue_entries(rt))
            build = time.perf_counter() - t
            strokes = [q[:n] for q in QUERIES for n in range(1, len(q) + 1)]
            memory: list[float] = []
            memory_cpu: list[float] = []  # this thread's CPU time: what other load cannot add
            database: list[float] = []
            # One after the other, as each runs in the client (the database search on the
            # worker, the index on the screen's thread), so neither pays for the other's
            # garbage.
            for _ in range(max(1, rounds)):
                for text in strokes:
                    c = time.thread_time()
                    t = time.perf_counter()
                    index.search(text)
                    memory.append(time.perf_counter() - t)
                    memory_cpu.append(time.thread_time() - c)
            for _ in range(max(1, rounds)):
                for text in strokes:
                    t = time.perf_counter()
                    catalog.search_items(rt, text, limit=300)
                    database.append(time.perf_counter() - t)
        finally:
            rt.dispose()
    mem, db = _figures(memory), _figures(database)
    goal = goal_ms(items)
    return {
        "bench": "search",
        "items": len(index),
        "keystrokes": len(memory),
        "queries": list(QUERIES),
        "index_build_ms": round(build * 1000, 2),
        "memory": mem,
        "memory_cpu": _figures(memory_cpu),
        "database": db,
        "ratio_p50": round(mem["p50_ms"] / db["p50_ms"], 4) if db["p50_ms"] else None,
        "ratio_p95": round(mem["p95_ms"] / db["p95_ms"], 4) if db["p95_ms"] else None,
        "goal_p95_ms": goal,
        "meets_goal": mem["p95_ms"] <= goal,
        "meets_goal_cpu": _figures(memory_cpu)["p95_ms"] <= goal,
        "measured_through": {
            "memory": "counter.domain.itemsearch.ItemIndex.search",
            "database": "counter.services.catalog.search_items (SQLite, SQLAlchemy)",
        },
    }


def _bench_search(args: argparse.Namespace) -> int:
    summary = run(args.items, args.rounds)
    if args.indent:
        print(json.dumps(summary, ensure_ascii=False, indent=args.indent))
    else:
        print_json(summary)
    return 0
