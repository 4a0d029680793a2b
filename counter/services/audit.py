"""Checking the audit log's hash chain (审计日志校验, ``counter audit verify``).

The chain (:mod:`db.audit_chain`) is walked in ``seq`` order. The first row that does not fit
is named, with what happened to it:

- ``altered`` — the row's content no longer gives its ``row_hash`` (changed by SQL);
- ``removed`` — a ``seq`` is missing (rows deleted), or the head says the chain is longer than
  the table (rows removed at the end);
- ``inserted`` — a row with no place in the chain: a duplicate ``seq``, or one past the head
  (appended by SQL, the head not knowing it);
- ``broken_link`` — a row whose hash fits its content but which does not link to its
  predecessor (that one was changed and its hash recomputed, or this one was made up);
- ``head`` — the head row disagrees with the last row.

Reading the log needs no role (it holds no personal data); the check itself is audited.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select

from counter.errors import DatabaseError
from counter.services.base import Actor, Runtime, audit
from db.audit_chain import GENESIS, HEAD_ID, canonical, chain_hash
from db.models import AuditChain, AuditLog

log = logging.getLogger(__name__)

PROBLEM_ZH = {
    "altered": "内容被改动",
    "removed": "被删除",
    "inserted": "被插入",
    "broken_link": "哈希链断开",
    "head": "链头与日志不符",
}


@dataclass(frozen=True)
class ChainProblem:
    """The first place the chain breaks: ``kind`` (see the module docstring), the ``seq`` in
    the chain and the row ``id`` where it was found (None for a removed row)."""

    kind: str
    seq: int | None
    row_id: int | None
    detail: str

    @property
    def kind_zh(self) -> str:
        return PROBLEM_ZH[self.kind]

    def message_zh(self) -> str:
        where = f"第 {self.seq} 条" if self.seq is not None else "某条"
        row = f"（id {self.row_id}）" if self.row_id is not None else ""
        return f"审计日志{where}{row}{self.kind_zh}：{self.detail}"

    def message_en(self) -> str:
        where = f"entry {self.seq}" if self.seq is not None else "an entry"
        row = f" (id {self.row_id})" if self.row_id is not None else ""
        return f"audit log {where}{row} {self.kind}: {self.detail}"


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify_chain` found: rows checked, the head's seq and hash, and the first
    problem (None when the chain is whole)."""

    rows: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None
    checked_at: dt.datetime

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(rt: Runtime, actor: Actor | None = None, *, batch: int = 2000) -> ChainReport:
    """Walk the whole audit log and return the first break of its chain (or none)."""
    from counter import clock

    problem: ChainProblem | None = None
    rows = 0
    expected_seq = 1
    prev_hash = GENESIS
    prev: AuditLog | None = None
    with rt.unit() as s:
        head = s.get(AuditChain, HEAD_ID)
        head_seq = int(head.last_seq) if head is not None else 0
        last_seq = 0
        while problem is None:
            chunk = s.scalars(
                select(AuditLog)
                .where(AuditLog.seq >= expected_seq)
                .order_by(AuditLog.seq, AuditLog.id)
                .limit(batch)
            ).all()
            if not chunk:
                break
            for row in chunk:
                rows += 1
                problem = _check(row, expected_seq, prev_hash, prev, head_seq)
                if problem is not None:
                    break
                prev, prev_hash = row, row.row_hash
                expected_seq = row.seq + 1
                last_seq = row.seq
            s.expunge_all()
        if problem is None:
            head_hash = head.last_hash if head is not None else GENESIS
            if head_seq > last_seq:
                problem = ChainProblem(
                    "removed",
                    last_seq + 1,
                    None,
                    f"链头记到第 {head_seq} 条，日志只到第 {last_seq} 条 / "
                    f"the head counts {head_seq} entries, the log ends at {last_seq}",
                )
            elif head_seq != last_seq or head_hash != prev_hash:
                problem = ChainProblem(
                    "head", last_seq or None, prev.id if prev is not None else None,
                    "链头的序号或哈希与最后一条不符 / the head does not match the last entry",
                )  # fmt: skip
        head_seq = int(head.last_seq) if head is not None else 0
        head_hash = head.last_hash if head is not None else GENESIS
    try:
        with rt.unit() as s:
            audit(s, actor, "audit_verify", "audit_log", host=rt.host, rows=rows,
                  ok=problem is None, kind=problem.kind if problem else "",
                  seq=problem.seq if problem else None)  # fmt: skip
    except DatabaseError:
        # A row slipped in with the next number blocks the append itself; the report says why.
        log.warning("the audit check could not be recorded: the chain is broken")
    return ChainReport(rows, head_seq, head_hash, problem, clock.now())


def _own_hash(row: AuditLog) -> str:
    return chain_hash(
        row.prev_hash or "",
        canonical(
            seq=row.seq,
            at=row.at,
            hall_id=row.hall_id,
            staff_id=row.staff_id,
            staff_no=row.staff_no,
            action=row.action,
            target=row.target,
            host=row.host,
            detail=row.detail,
        ),
    )


def _check(
    row: AuditLog, expected_seq: int, prev_hash: str, prev: AuditLog | None, head_seq: int
) -> ChainProblem | None:
    if row.seq < expected_seq:
        return ChainProblem("inserted", row.seq, row.id, "序号重复 / duplicate chain number")
    if row.seq > expected_seq:
        between = f"id {prev.id} 与 id {row.id} 之间" if prev is not None else f"id {row.id} 之前"
        return ChainProblem(
            "removed",
            expected_seq,
            None,
            f"缺少第 {expected_seq}–{row.seq - 1} 条（{between}）/ entries "
            f"{expected_seq}–{row.seq - 1} are missing",
        )
    if row.seq > head_seq:
        return ChainProblem(
            "inserted", row.seq, row.id,
            f"链头只记到第 {head_seq} 条 / the head ends at entry {head_seq}",
        )  # fmt: skip
    if _own_hash(row) != row.row_hash:
        return ChainProblem(
            "altered", row.seq, row.id, f"操作“{row.action}”的内容与其哈希不符 / its content "
            "does not match its hash",
        )  # fmt: skip
    if row.prev_hash != prev_hash:
        return ChainProblem(
            "broken_link", row.seq, row.id,
            "与上一条的哈希链接不符：上一条被改动后重算了哈希，或本条是插入的 / it does not "
            "link to its predecessor (that one was changed and rehashed, or this one was "
            "inserted)",
        )  # fmt: skip
    return None
