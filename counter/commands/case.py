"""``counter case list|show`` and ``counter print CASE_NO --document KIND --pdf FILE``.

``print`` renders a case's stored document (exactly as it was issued) to an A4 PDF without a
printer, through the renderer the UI registers (:class:`~counter.commands.common.Renderers`;
Qt runs offscreen when there is no display). It is a
copy of the record, not a reprint at the window (that one is :func:`counter.services.seal.reprint`,
a logged seal use).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from counter.bootstrap import runtime
from counter.commands.common import Renderers, print_json

DOCUMENT_CHOICES = ("receipt", "notice", "rejection", "handover", "decision")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("case", parents=[common], help="办件 / cases")
    s = p.add_subparsers(dest="case_command", required=True)
    ls = s.add_parser("list", parents=[common], help="列出办件（最新的在前）")
    ls.add_argument("--state", help="只列出此状态的办件（accepted、review、completed …）")
    ls.add_argument("--hall", help="便民服务中心编码（默认全部）")
    ls.add_argument("--limit", type=int, default=200)
    ls.add_argument("--json", action="store_true", help="每行一个 JSON 对象")
    ls.set_defaults(func=_list)
    sh = s.add_parser("show", parents=[common], help="显示一个办件：材料、环节、文书")
    sh.add_argument("case_no")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=_show)
    pr = sub.add_parser("print", parents=[common], help="把办件文书输出为 PDF / document to PDF")
    pr.add_argument("case_no", metavar="CASE_NUMBER")
    pr.add_argument("--document", choices=DOCUMENT_CHOICES, default="receipt")
    pr.add_argument("--pdf", type=Path, required=True, metavar="FILE")
    pr.set_defaults(func=_print)


def _list(args: argparse.Namespace) -> int:
    from counter.services.cases import list_cases

    rt = runtime(args)
    try:
        hall_id = rt.hall_id(args.hall) if args.hall else None
        cases = list_cases(rt, hall_id=hall_id, state=args.state, limit=args.limit)
    finally:
        rt.dispose()
    for c in cases:
        if args.json:
            print_json(c.to_json())
        else:
            card = "" if c.overdue == "normal" else f"\t[{c.overdue_zh}]"
            deadline = c.deadline.isoformat() if c.deadline else "—"
            print(f"{c.case_no}\t{c.item_name}\t{c.state_zh}\t{deadline}{card}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from counter.domain.masking import mask_id_number
    from counter.services.cases import get_case

    rt = runtime(args)
    try:
        c = get_case(rt, args.case_no)
    finally:
        rt.dispose()
    data = c.to_json()
    data["materials"] = [
        {"name": m.name, "status": m.status, "form": m.form, "copies": m.copies}
        for m in c.materials
    ]
    data["events"] = [
        {"at": e.at.isoformat(), "node": e.node, "to_state": e.to_state, "staff": e.staff_name,
         "comment": e.comment}
        for e in c.events
    ]  # fmt: skip
    data["documents"] = [
        {"kind": d.kind, "title": d.title, "number": d.number} for d in c.documents
    ]
    if c.applicant is not None:
        data["applicant_id"] = c.applicant.uscc or mask_id_number(c.applicant.id_number)
    if args.json:
        print_json(data)
    else:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    return 0


def _print(args: argparse.Namespace) -> int:
    from counter.services.seal import case_document

    rt = runtime(args)
    try:
        content = case_document(rt, args.case_no, args.document)
    finally:
        rt.dispose()
    pages = Renderers.document()(content, args.pdf)
    print(
        f"已输出{content.title}（{pages}页）/ wrote {args.document} ({pages} page(s)): {args.pdf}"
    )
    return 0
