"""``counter catalog import|export|search|show``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from counter.bootstrap import runtime
from counter.services.base import Actor, Runtime


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("catalog", parents=[common], help="事项目录 / service catalogue")
    s = p.add_subparsers(dest="catalog_command", required=True)
    imp = s.add_parser("import", parents=[common], help="导入事项目录（全部成功或全部不写入）")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_import)
    exp = s.add_parser("export", parents=[common], help="导出事项目录")
    exp.add_argument("--format", choices=("json", "xlsx"), default="json")
    exp.add_argument("--out", type=Path, required=True)
    exp.set_defaults(func=_export)
    se = s.add_parser("search", parents=[common], help="按名称、编码、拼音或首字母查找事项")
    se.add_argument("text", nargs="?", default="")
    se.add_argument("--department", help="部门名称或编码")
    se.add_argument("--sector", choices=("基本建设", "市场准入", "社会民生"))
    se.add_argument("--limit", type=int, default=50)
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=_search)
    sh = s.add_parser("show", parents=[common], help="显示一个事项及其材料")
    sh.add_argument("code")
    sh.set_defaults(func=_show)


def _system_actor(rt: Runtime) -> Actor:
    try:
        hall_id = rt.hall_id()
    except Exception:
        hall_id = 0
    return Actor.system(hall_id, device="cli")


def _import(args: argparse.Namespace) -> int:
    from counter.services.catalog import CatalogueImportError, import_catalogue, read_catalogue_file

    rt = runtime(args)
    try:
        result = import_catalogue(rt, _system_actor(rt), read_catalogue_file(args.file))
    except CatalogueImportError as exc:
        print(f"错误：{exc.message_zh}\nError: {exc.message_en}", file=sys.stderr)
        for zh, en in exc.errors:
            print(f"  - {zh}\n    {en}", file=sys.stderr)
        return 1
    finally:
        rt.dispose()
    print(
        f"新增 {result.created} 项，新版本 {result.versioned} 项，未变 {result.unchanged} 项 / created {result.created}, new versions {result.versioned}, unchanged {result.unchanged}"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from counter.services.catalog import export_catalogue, write_xlsx

    rt = runtime(args)
    try:
        items = export_catalogue(rt)
    finally:
        rt.dispose()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "json":
        args.out.write_text(
            json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    else:
        write_xlsx(items, args.out)
    departments = len({i["department"] for i in items})
    print(
        f"已导出 {len(items)} 项（{departments} 个部门）/ exported {len(items)} items from {departments} departments: {args.out}"
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from counter.services.catalog import list_departments, search_items

    rt = runtime(args)
    try:
        dept_id = None
        if args.department:
            for did, code, name in list_departments(rt):
                if args.department in (code, name):
                    dept_id = did
            if dept_id is None:
                print(f"未找到部门 / no department: {args.department}", file=sys.stderr)
                return 1
        items = search_items(
            rt, args.text, department_id=dept_id, sector=args.sector, limit=args.limit
        )
    finally:
        rt.dispose()
    for it in items:
        if args.json:
            print(
                json.dumps(
                    {
                        "code": it.code,
                        "name": it.name,
                        "department": it.department,
                        "promised_days": it.promised_days,
                        "on_the_spot": it.on_the_spot,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            spot = "即办" if it.on_the_spot else f"{it.promised_days}个工作日"
            print(f"{it.code}\t{it.name}\t{it.department}\t{spot}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from counter.services.catalog import get_item

    rt = runtime(args)
    try:
        item = get_item(rt, code=args.code)
    finally:
        rt.dispose()
    print(json.dumps(item.to_json(), ensure_ascii=False, indent=1))
    return 0
