"""``counter audit verify``: walk the audit log's hash chain and name the first entry altered,
inserted or removed behind the application's back (exit 1 then; 0 when the chain is whole)."""

from __future__ import annotations

import argparse
import sys

from counter.bootstrap import runtime
from counter.commands.common import print_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("audit", parents=[common], help="审计日志 / audit log")
    s = p.add_subparsers(dest="audit_command", required=True)
    v = s.add_parser("verify", parents=[common], help="校验审计日志哈希链 / check the hash chain")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    from counter.services.audit import verify_chain

    rt = runtime(args)
    try:
        report = verify_chain(rt)
    finally:
        rt.dispose()
    p = report.problem
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "rows": report.rows,
                "head_seq": report.head_seq,
                "head_hash": report.head_hash,
                "problem": None
                if p is None
                else {"kind": p.kind, "seq": p.seq, "row_id": p.row_id, "detail": p.detail},
            }
        )
    if p is None:
        if not args.json:
            print(
                f"审计日志完整：{report.rows} 条，链头 #{report.head_seq} {report.head_hash}\n"
                f"audit log intact: {report.rows} entries, head #{report.head_seq}"
            )
        return 0
    print(f"错误：{p.message_zh()}\nError: {p.message_en()}", file=sys.stderr)
    return 1
