"""``counter seal-key new|import|export|status``: the town's document verification key in this
PC's keyring (see :mod:`counter.sealkey`: the key is never stored in the database).

- ``new``: make the town's key on the first PC (refused if this PC already has one);
- ``export``: print it, to carry to the hall's other PCs (treat it like a password);
- ``import``: read it from standard input into this PC's keyring;
- ``status``: say where this PC's key comes from (never prints it)."""

from __future__ import annotations

import argparse
import sys

from counter.bootstrap import runtime


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("seal-key", parents=[common], help="文书核验密钥 / verification key")
    s = p.add_subparsers(dest="seal_key_command", required=True)
    for name, help_ in (("new", "生成本镇密钥并存入本机密钥环"), ("export", "输出密钥（请妥善保管）"),
                        ("import", "从标准输入读入密钥存入本机密钥环"), ("status", "密钥来源")):  # fmt: skip
        c = s.add_parser(name, parents=[common], help=help_)
        c.add_argument("--hall", help="镇便民服务中心编码（默认第一个中心）")
        c.set_defaults(func=_run, action=name)


def _town_code(args: argparse.Namespace) -> tuple[str, bool]:
    from sqlalchemy import select

    from counter.domain.settings import merged
    from db.models import Hall

    rt = runtime(args)
    try:
        with rt.unit() as s:
            q = select(Hall).where(Hall.parent_id.is_(None)).order_by(Hall.id)
            if args.hall:
                q = q.where(Hall.code == args.hall)
            hall = s.scalars(q).first()
            if hall is None:
                from counter.errors import NotFound

                raise NotFound(what=f"便民服务中心 {args.hall or ''}".strip())
            return hall.code, bool(merged(hall.settings).get("demo"))
    finally:
        rt.dispose()


def _run(args: argparse.Namespace) -> int:
    from counter import sealkey

    code, demo = _town_code(args)
    key = sealkey.load_key(code, demo=demo)
    if args.action == "status":
        source = key.source if key else "none"
        print(f"{code}: {source}")
        return 0 if key else 1
    if args.action == "new":
        if key is not None and not key.is_demo:
            from counter.errors import Conflict

            raise Conflict(what=f"本机已有 {code} 的核验密钥（{key.source}）")
        sealkey.store_key(code, sealkey.new_key_hex())
        print(f"已为 {code} 生成核验密钥并存入本机密钥环 / key stored in this PC's OS keyring")
        return 0
    if args.action == "export":
        if key is None or key.is_demo:
            raise sealkey.SealKeyMissing()
        print(key.key.hex())
        return 0
    text = sys.stdin.readline().strip()
    sealkey.store_key(code, text)
    print(f"已存入 {code} 的核验密钥 / key stored")
    return 0
