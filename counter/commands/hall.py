"""``counter hall create|show|set|numbers``: a hall and its settings for scripts, as a signed-in
administrator.

``counter hall create CODE --name NAME [--address A] [--phone P] [--timezone TZ] [--windows N]``
makes a town hall (a real one, not a demo) with queue A 综合受理 and N windows serving it; on a
database with no town hall yet it needs no sign-in (the hall's IT person bootstraps it, then
``counter setup --first-admin``), afterwards only an administrator (``--staff``) may.

``counter hall set KEY=VALUE ...`` takes the hall's columns (``name``, ``address``, ``phone``,
``timezone``) and any key of the hall settings (:mod:`counter.domain.settings_form`: each value
is read as its key's type; lists and mappings as JSON); an unknown key or a wrong value changes
nothing (exit 1). ``counter hall show --json`` prints the hall and every setting, defaults
filled in. ``counter hall numbers [--year Y] [--set SERIES=N]`` shows the hall's 文号 series
(decisions ``wenhao``, refusal notices ``rejection``) and sets the next number of one (refused
below a number a document already carries; audited).
"""

from __future__ import annotations

import argparse
import json

from counter.bootstrap import runtime
from counter.commands.common import add_admin_argument, admin_actor, at_least, refusing


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("hall", parents=[common], help="大厅设置 / hall settings")
    s = p.add_subparsers(dest="hall_command", required=True)
    sh = s.add_parser("show", parents=[common], help="显示大厅及其设置")
    sh.add_argument("--hall", metavar="CODE", help="大厅或村便民服务点编码")
    sh.add_argument("--json", action="store_true")
    add_admin_argument(sh)
    sh.set_defaults(func=refusing(_show))
    st = s.add_parser("set", parents=[common], help="修改大厅设置 KEY=VALUE ...")
    st.add_argument("assignments", nargs="+", metavar="KEY=VALUE")
    st.add_argument("--hall", metavar="CODE")
    add_admin_argument(st)
    st.set_defaults(func=refusing(_set))
    cr = s.add_parser("create", parents=[common], help="新建镇便民服务中心（空数据库可免登录）")
    cr.add_argument("code", metavar="CODE", help="大厅编码，如 QS")
    cr.add_argument("--name", required=True, help="名称，如 青山镇便民服务中心")
    cr.add_argument("--address", default="")
    cr.add_argument("--phone", default="")
    cr.add_argument("--timezone", default="Asia/Shanghai")
    cr.add_argument("--windows", type=at_least(1, 999), default=1, metavar="N",
                    help="综合窗口数（默认 1），都办理 A 综合受理")  # fmt: skip
    add_admin_argument(cr)
    cr.set_defaults(func=refusing(_create))
    nu = s.add_parser("numbers", parents=[common], help="文号序列：查看或设置下一个号")
    nu.add_argument("--hall", metavar="CODE")
    nu.add_argument("--year", type=int, help="年度（默认：本年）")
    nu.add_argument("--set", dest="assignment", metavar="SERIES=N",
                    help="设置下一个号，如 rejection=12（wenhao 决定书，rejection 不予受理通知书）")  # fmt: skip
    nu.add_argument("--json", action="store_true")
    add_admin_argument(nu)
    nu.set_defaults(func=refusing(_numbers))


def _create(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        # No sign-in while the database has no town hall (the service checks again, locked).
        actor = (
            admin_actor(rt, argparse.Namespace(staff=args.staff, hall=None))
            if args.staff or admin.has_town_hall(rt)
            else None
        )
        floor = admin.create_hall(
            rt, actor, args.code, name=args.name, address=args.address, phone=args.phone,
            timezone=args.timezone, windows=args.windows,
        )  # fmt: skip
    finally:
        rt.dispose()
    print(f"已建立大厅 / hall created: {floor.hall_code} {args.name.strip()}")
    for q in floor.queues:
        print(f"  队列 / queue {q.prefix} {q.name}")
    for w in floor.windows:
        print(f"  窗口 / window {w.number} {w.name}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from counter import admin

    rt = runtime(args)
    try:
        actor = admin_actor(rt, argparse.Namespace(staff=args.staff, hall=None))
        view = admin.hall_settings(rt, actor, args.hall)
    finally:
        rt.dispose()
    if args.json:
        print(json.dumps(view.to_json(), ensure_ascii=False, default=str))
        return 0
    print(f"{view.code}\t{view.info.get('name', '')}")
    for key, value in view.info.items():
        print(f"  {key} = {value}")
    for f in view.fields:
        shown = (
            json.dumps(f.value, ensure_ascii=False)
            if f.type == "json"
            else "、".join(f.value)
            if f.type == "lines"
            else f.value
        )
        print(f"  {f.key} = {shown}\t# {f.label_zh}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from counter import admin
    from counter.services.admin import parse_assignments

    changes = parse_assignments(args.assignments)
    rt = runtime(args)
    try:
        actor = admin_actor(rt, argparse.Namespace(staff=args.staff, hall=None))
        view, _changes = admin.set_hall_settings(rt, actor, changes, args.hall)
    finally:
        rt.dispose()
    for key in changes:
        value = view.info.get(key, view.settings.get(key))
        print(f"{key} = {json.dumps(value, ensure_ascii=False, default=str)}")
    return 0


def _numbers(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from counter import admin
    from counter.errors import InvalidInput

    series, value = "", 0
    if args.assignment:
        series, sep, raw = args.assignment.partition("=")
        if not sep or not raw.strip().isdigit():
            raise InvalidInput("应写成 SERIES=N（如 rejection=12）", field="set")
        series, value = series.strip(), int(raw.strip())
    rt = runtime(args)
    try:
        actor = admin_actor(rt, argparse.Namespace(staff=args.staff, hall=None))
        if series:
            admin.set_next_doc_number(rt, actor, series, value, args.year, args.hall)
        rows = admin.doc_number_series(rt, actor, args.year, args.hall)
    finally:
        rt.dispose()
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        print(
            f"{r.series}\t{r.name_zh}\t{r.year}\t已用至 {r.highest_used}\t下一个 {r.next_reference}"
        )
    return 0
