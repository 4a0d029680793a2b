"""``counter catalog import|export|search|show|edit``.

``import`` and ``edit`` change the catalogue: they need an administrator's sign-in
(``--staff STAFF_NO``; see :func:`counter.commands.common.admin_actor`). ``import`` first shows
what the file would change — items added, changed (a new version), deactivated — and asks
before writing (``--yes`` skips the question; a script without a terminal must give it), with
a progress bar while it writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from counter.bootstrap import runtime
from counter.commands.common import add_admin_argument, admin_actor, at_least, refusing


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("catalog", parents=[common], help="事项目录 / service catalogue")
    s = p.add_subparsers(dest="catalog_command", required=True)
    imp = s.add_parser("import", parents=[common], help="导入事项目录（全部成功或全部不写入）")
    imp.add_argument("file", type=Path)
    imp.add_argument("--yes", action="store_true", help="不询问，直接导入 / apply without asking")
    imp.add_argument("--dry-run", action="store_true", help="只显示差异 / show the changes only")
    imp.add_argument(
        "--deactivate-missing",
        action="store_true",
        help="停用文件中没有的事项 / deactivate items the file does not list",
    )
    add_admin_argument(imp)
    imp.set_defaults(func=refusing(_import))
    exp = s.add_parser("export", parents=[common], help="导出事项目录")
    exp.add_argument(
        "--format",
        choices=("json", "xlsx"),
        help="默认按 --out 的扩展名 / default: from the --out file name",
    )
    exp.add_argument("--out", type=Path, required=True)
    exp.set_defaults(func=_export)
    se = s.add_parser("search", parents=[common], help="按名称、编码、拼音或首字母查找事项")
    se.add_argument("text", nargs="?", default="")
    se.add_argument("--department", help="部门名称或编码")
    se.add_argument("--sector", choices=("基本建设", "市场准入", "社会民生"))
    se.add_argument("--limit", type=at_least(1), default=50)
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=_search)
    sh = s.add_parser("show", parents=[common], help="显示一个事项及其材料")
    sh.add_argument("code")
    sh.add_argument("--json", action="store_true", help="一行 JSON（含 version）")
    add_admin_argument(sh)
    sh.set_defaults(func=refusing(_show))
    ed = s.add_parser("edit", parents=[common], help="修改事项（保存为新版本）")
    ed.add_argument("code")
    ed.add_argument(
        "--set",
        dest="assignments",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help="字段：code name department department_code kind sector promised_days "
        "statutory_days on_the_spot fee legal_basis node_budget(JSON) materials(JSON) "
        "active(true：同时启用已停用的事项)",
    )
    ed.add_argument("--json", action="store_true")
    add_admin_argument(ed)
    ed.set_defaults(func=refusing(_edit))


_printed_tenth: dict[int, int] = {}  # the last tenth written for an import of N items


def _progress(done: int, total: int) -> None:
    """A bar redrawn in place on a terminal; into a file or a pipe, a line per tenth (a log
    should not hold a hundred carriage-return redraws)."""
    frac = done / total if total else 1.0
    line = f"导入 / importing [{'#' * int(frac * 30):<30}] {done}/{total}"
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{line}" + ("\n" if done >= total else ""))
    elif done >= total or int(frac * 10) > _printed_tenth.get(total, -1):
        _printed_tenth[total] = int(frac * 10)
        sys.stderr.write(f"{line}\n")
    sys.stderr.flush()


def _print_codes(label: str, codes: tuple[str, ...]) -> None:
    shown = ", ".join(codes[:20]) + (f" …（共 {len(codes)} 项）" if len(codes) > 20 else "")
    print(f"{label}: {len(codes)}" + (f"  {shown}" if codes else ""))


def _import(args: argparse.Namespace) -> int:
    from counter import admin
    from counter.services.catalog import CatalogueImportError, read_catalogue_file

    rt = runtime(args)
    try:
        actor = admin_actor(rt, args)
        raw = read_catalogue_file(args.file)
        diff = admin.preview_import(rt, actor, raw, deactivate_missing=args.deactivate_missing)
        _print_codes("新增 / added", diff.added)
        _print_codes("修改（新版本）/ changed", diff.changed)
        _print_codes("停用 / deactivated", diff.deactivated)
        print(f"未变 / unchanged: {diff.unchanged}")
        if diff.empty:
            print("没有变化，未写入 / nothing to change")
            return 0
        if args.dry_run:
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                print("请确认：加 --yes 导入 / confirm with --yes", file=sys.stderr)
                return 1
            try:
                answer = input("确认导入？/ apply these changes? [y/N] ").strip().lower()
            except EOFError:  # standard input ended: not a yes
                answer = ""
            if answer not in ("y", "yes", "是"):
                print("已取消 / cancelled")
                return 1
        result = admin.apply_import(
            rt, actor, raw, deactivate_missing=args.deactivate_missing, progress=_progress
        )
    except CatalogueImportError as exc:
        print(f"错误：{exc.message_zh}\nError: {exc.message_en}", file=sys.stderr)
        for zh, en in exc.errors:
            print(f"  - {zh}\n    {en}", file=sys.stderr)
        return 1
    finally:
        rt.dispose()
    print(
        f"新增 {result.created} 项，新版本 {result.versioned} 项，停用 {result.deactivated} 项，"
        f"未变 {result.unchanged} 项 / created {result.created}, new versions "
        f"{result.versioned}, deactivated {result.deactivated}, unchanged {result.unchanged}"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from counter.commands.common import output_file
    from counter.errors import Bi, FileProblem
    from counter.services.catalog import export_catalogue, write_xlsx

    suffix = args.out.suffix.lower()
    fmt = args.format or {".json": "json", ".xlsx": "xlsx"}.get(suffix)
    if fmt is None or (args.format and suffix in (".json", ".xlsx") and suffix != f".{fmt}"):
        raise FileProblem(
            path=str(args.out),
            why=Bi(
                "请用 .json 或 .xlsx 文件名，或用 --format 指明格式（且与扩展名一致）",
                "name the file .json or .xlsx, or give --format (matching the extension)",
            ),
        )
    output_file(args.out)
    rt = runtime(args)
    try:
        items = export_catalogue(rt)
    finally:
        rt.dispose()
    if fmt == "json":
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


def _item_json(item: object) -> dict[str, object]:
    from counter.services.catalog import ItemDetail

    assert isinstance(item, ItemDetail)
    return {"version": item.version, "version_id": item.version_id, **item.to_json()}


def _show(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        item = admin.item(rt, admin_actor(rt, args), args.code)
    finally:
        rt.dispose()
    print(json.dumps(_item_json(item), ensure_ascii=False, indent=None if args.json else 1))
    return 0


def _edit(args: argparse.Namespace) -> int:
    from counter import admin
    from counter.errors import InvalidInput
    from counter.services.catalog import CatalogueImportError, parse_field

    changes: dict[str, object] = {}
    for pair in args.assignments:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidInput("应写成 FIELD=VALUE", field=pair[:40])
        changes[key.strip()] = parse_field(key.strip(), value)
    rt = runtime(args)
    try:
        saved = admin.save_item(rt, admin_actor(rt, args), args.code, changes)
    except CatalogueImportError as exc:
        print(f"错误：{exc._fmt(exc.zh, 'zh')}\nError: {exc._fmt(exc.en, 'en')}", file=sys.stderr)
        for zh, en in exc.errors:
            print(f"  - {zh}\n    {en}", file=sys.stderr)
        return 1
    finally:
        rt.dispose()
    if args.json:
        print(json.dumps(_item_json(saved.item), ensure_ascii=False))
    else:
        print(f"已保存为第 {saved.item.version} 版 / saved as version {saved.item.version}: "
              f"{saved.item.code} {saved.item.name}")  # fmt: skip
    return 0
