"""``counter case list|show|advance|suspend|resume|post|return-originals``: cases from scripts.

Every command acts as a signed-in staff member (``--staff``; the password is asked, or read
from ``COUNTER_STAFF_PASSWORD``), so the hall and role checks of the services apply and reads
of personal data are audited. A refusal by role or hall exits with 2.

Documents are printed by ``counter print`` (registered from ``ui/``, which renders them with
Qt).
"""

from __future__ import annotations

import argparse
import json

from counter.bootstrap import runtime
from counter.commands.common import add_staff_argument, at_least, print_json, refused, signed_actor
from counter.errors import PermissionDenied

NODES = ("first_review", "review", "decide")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("case", parents=[common], help="办件 / cases")
    s = p.add_subparsers(dest="case_command", required=True)
    ls = s.add_parser("list", parents=[common], help="列出办件（最新的在前）")
    ls.add_argument("--state", help="只列出此状态的办件（accepted、review、completed …）")
    ls.add_argument("--limit", type=at_least(1), default=200)
    ls.add_argument("--json", action="store_true", help="每行一个 JSON 对象")
    add_staff_argument(ls)
    ls.set_defaults(func=_list)
    sh = s.add_parser("show", parents=[common], help="显示一个办件：材料、环节、文书")
    sh.add_argument("case_no")
    sh.add_argument("--json", action="store_true")
    add_staff_argument(sh)
    sh.set_defaults(func=_show)
    adv = s.add_parser("advance", parents=[common], help="后台审查：初审、审核、决定")
    adv.add_argument("case_no", metavar="CASE_NUMBER")
    adv.add_argument("--node", choices=NODES, required=True)
    adv.add_argument("--opinion", default="", help="审查意见")
    adv.add_argument("--refuse", metavar="REASON", help="决定不予许可，并写明理由")
    add_staff_argument(adv)
    adv.set_defaults(func=_advance)
    sp = s.add_parser("suspend", parents=[common], help="暂停计时：补正、听证、现场勘查、公示")
    sp.add_argument("case_no", metavar="CASE_NUMBER")
    sp.add_argument("--kind", choices=("correction", "hearing", "inspection", "publicity"),
                    required=True)  # fmt: skip
    sp.add_argument("--reason", required=True)
    add_staff_argument(sp)
    sp.set_defaults(func=_suspend)
    rs = s.add_parser("resume", parents=[common], help="恢复计时（时限顺延暂停的工作日）")
    rs.add_argument("case_no", metavar="CASE_NUMBER")
    rs.add_argument("--note", default="")
    add_staff_argument(rs)
    rs.set_defaults(func=_resume)
    po = s.add_parser("post", parents=[common], help="邮寄送达：承运单位与邮件号")
    po.add_argument("case_no", metavar="CASE_NUMBER")
    po.add_argument("--carrier", required=True)
    po.add_argument("--tracking", required=True)
    po.add_argument("--originals", choices=("enclosed", "held"), default="enclosed",
                    help="暂存的原件：随件寄回（enclosed，默认）或继续暂存待申请人领取（held）")  # fmt: skip
    add_staff_argument(po)
    po.set_defaults(func=_post)
    ro = s.add_parser("return-originals", parents=[common],
                      help="退还暂存的原件（出件后），打印退还材料回执")  # fmt: skip
    ro.add_argument("case_no", metavar="CASE_NUMBER")
    ro.add_argument("--seq", type=at_least(1), action="append",
                    help="只退还材料清单中此序号的原件（可重复；默认全部暂存的原件）")  # fmt: skip
    add_staff_argument(ro)
    ro.set_defaults(func=_return_originals)


def _list(args: argparse.Namespace) -> int:
    from counter.services.cases import list_cases

    rt = runtime(args)
    try:
        actor = signed_actor(rt, args.staff)
        cases = list_cases(rt, actor, state=args.state, limit=args.limit)
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    for c in cases:
        if args.json:
            print_json(c.to_json())
        else:
            card = "" if c.overdue == "normal" else f"\t[{c.overdue_zh}]"
            deadline = c.deadline.isoformat() if c.deadline else "—"
            print(f"{c.case_no}\t{c.item_name}\t{c.status_zh}\t{deadline}{card}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from counter.domain.masking import mask_id_number
    from counter.services.cases import get_case

    rt = runtime(args)
    try:
        c = get_case(rt, signed_actor(rt, args.staff), args.case_no)
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    data = c.to_json()
    data["materials"] = [
        {
            "name": m.name,
            "status": m.status,
            "form": m.form,
            "copies": m.copies,
            "original": m.original,
        }
        for m in c.materials
    ]
    data["events"] = [
        {"at": e.at.isoformat(), "node": e.node, "to_state": e.to_state, "staff": e.staff_name,
         "comment": e.comment}
        for e in c.events
    ]  # fmt: skip
    data["documents"] = [
        {"kind": d.kind, "title": d.title, "number": d.number, "revoked": d.revoked,
         "reprints": d.reprints}
        for d in c.documents
    ]  # fmt: skip
    data["suspensions"] = [
        {"kind": p.kind, "reason": p.reason, "working_days": p.working_days} for p in c.suspensions
    ]
    if c.applicant is not None:
        data["applicant_id"] = c.applicant.uscc or mask_id_number(c.applicant.id_number)
    if c.agent is not None:  # 代办: the agent masked, with the relation told at acceptance
        data["agent"] = {"name": c.agent.name_masked, "relation": c.agent.relation}
    if args.json:
        print_json(data)
    else:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    return 0


def _report(result: object, args: argparse.Namespace) -> int:
    case = result.case  # type: ignore[attr-defined]
    print_json({"case_no": case.case_no, "state": case.state, "status": case.status_zh,
                "deadline": case.deadline.isoformat() if case.deadline else None,
                "warnings": list(result.warnings)})  # type: ignore[attr-defined]  # fmt: skip
    return 0


def _advance(args: argparse.Namespace) -> int:
    from counter.services.backoffice import advance_case

    if args.refuse is not None and args.node != "decide":
        from counter.errors import InvalidInput

        raise InvalidInput(
            "--refuse 只能用于 --node decide / --refuse goes with --node decide only",
            field="refuse",
        )
    rt = runtime(args)
    try:
        actor = signed_actor(rt, args.staff)
        result = advance_case(
            rt,
            actor,
            args.case_no,
            args.node,
            args.opinion,
            refuse=args.refuse is not None,
            reasons=(args.refuse,) if args.refuse else (),
        )
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    return _report(result, args)


def _suspend(args: argparse.Namespace) -> int:
    from counter.services.backoffice import suspend_case

    rt = runtime(args)
    try:
        result = suspend_case(rt, signed_actor(rt, args.staff), args.case_no, args.kind,
                              args.reason)  # fmt: skip
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    return _report(result, args)


def _resume(args: argparse.Namespace) -> int:
    from counter.services.backoffice import resume_case

    rt = runtime(args)
    try:
        result = resume_case(rt, signed_actor(rt, args.staff), args.case_no, args.note)
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    return _report(result, args)


def _post(args: argparse.Namespace) -> int:
    from counter.services.backoffice import post_result

    rt = runtime(args)
    try:
        result = post_result(rt, signed_actor(rt, args.staff), args.case_no,
                             carrier=args.carrier, tracking=args.tracking,
                             originals=args.originals)  # fmt: skip
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    return _report(result, args)


def _return_originals(args: argparse.Namespace) -> int:
    from counter.services.handout import return_originals

    rt = runtime(args)
    try:
        result = return_originals(rt, signed_actor(rt, args.staff), args.case_no, args.seq)
    except PermissionDenied as exc:
        return refused(exc)
    finally:
        rt.dispose()
    doc = result.documents[0]
    print(doc.text())
    return 0
