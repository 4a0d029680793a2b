"""``counter verify CODE``: is the sealed document with this verification code genuine, what is
its original record, was it reprinted or revoked? Exit 0 for a genuine document, 1 otherwise
(unknown code, revoked, or altered since it was sealed).

``--staff`` verifies as a signed-in staff member; without it the verification is anonymous
(it shows nothing personal: names are masked) and still audited."""

from __future__ import annotations

import argparse

from counter.bootstrap import runtime
from counter.clock import to_local
from counter.commands.common import add_staff_argument, print_json, signed_actor


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("verify", parents=[common], help="核验决定书 / verify a sealed document")
    p.add_argument("code", metavar="CODE", help="核验码（二维码内容）")
    p.add_argument("--json", action="store_true")
    add_staff_argument(p, required=False)
    p.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    from counter.services.seal import verify_document

    rt = runtime(args)
    try:
        actor = signed_actor(rt, args.staff) if args.staff else None
        v = verify_document(rt, actor, args.code)
    finally:
        rt.dispose()
    if args.json:
        print_json(v.to_json())
    else:
        print(f"核验码 {v.code}：{v.status_zh} / {v.status_en}")
        if v.found:
            print(f"{v.title}　{v.reference}　办件 {v.case_no}　{v.hall_name}")
            print(f"事项：{v.item_name}　申请人：{v.applicant}　结果：{v.result_zh}")
            if v.original is not None:
                o = v.original
                print(
                    f"原件：用印 {o.serial}，{to_local(o.used_at):%Y-%m-%d %H:%M}，{o.used_by_name}"
                )
            for r in v.reprints:
                print(f"补打：用印 {r.serial}，{to_local(r.used_at):%Y-%m-%d %H:%M}，"
                      f"{r.used_by_name}，理由：{r.reason}")  # fmt: skip
            if v.revoked_at is not None:
                print(f"已撤销：{to_local(v.revoked_at):%Y-%m-%d %H:%M}，{v.revoked_by_name}，"
                      f"理由：{v.revoke_reason}")  # fmt: skip
            if v.demo_key:
                print("（演示中心的样章文书，核验密钥为公开的演示密钥）")
    return 0 if v.status == "genuine" or v.status == "unchecked" else 1
