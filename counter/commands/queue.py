"""``counter queue issue|call|watch|status`` and the window actions.

Output is for scripts as much as for people: ``issue``, ``call`` and ``watch`` print one JSON
object per line (UTF-8), flushed as it comes; ``status`` prints a table (``--json`` for one JSON
object). Every command takes ``--db URL`` and ``--hall CODE`` (default: the first hall) and acts
as the hall's own device (a system actor), as the kiosk and the window scripts do.
"""

from __future__ import annotations

import argparse
import queue as _queue
import sys
import time
from typing import Any

from counter.bootstrap import database_url, runtime
from counter.commands.common import at_least, print_json
from counter.services.base import Actor, Runtime


def _add_hall(p: argparse.ArgumentParser) -> None:
    p.add_argument("--hall", metavar="CODE", help="大厅编码 / hall code (default: the first hall)")


def _window_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--window",
        type=at_least(1, 9999),
        required=True,
        metavar="N",
        help="窗口号 / window number",
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("queue", parents=[common], help="排队叫号 / tickets and calling")
    s = p.add_subparsers(dest="queue_command", required=True)

    iss = s.add_parser("issue", parents=[common], help="取号（每张号票一行 JSON）")
    _add_hall(iss)
    iss.add_argument("--queue", required=True, metavar="PREFIX", help="队列字母，如 A")
    iss.add_argument("--count", type=at_least(1), default=1, metavar="N")
    iss.add_argument(
        "--source", choices=("kiosk", "window", "appointment", "idcard"), default="kiosk"
    )
    iss.add_argument(
        "--priority",
        choices=("elderly", "disabled", "pregnant", "veteran"),
        help="绿色通道 / green channel",
    )
    iss.add_argument("--name", help="刷身份证取号：姓名（只保存脱敏姓名）")
    iss.add_argument("--id-number", help="刷身份证取号：身份证号（只保存密钥哈希）")
    iss.add_argument("--appointment", metavar="CODE", help="预约码签到 / appointment code")
    iss.set_defaults(func=_issue)

    call = s.add_parser("call", parents=[common], help="叫下一位（先办结当前号；窗口未开启则开启）")
    _add_hall(call)
    _window_arg(call)
    call.add_argument("--repeat", type=at_least(1), default=1, metavar="K", help="连续叫 K 位")
    call.add_argument(
        "--ticket", metavar="NUMBER", help="叫指定的号（如 A005，不按顺序）/ call this ticket"
    )
    call.set_defaults(func=_call)

    watch = s.add_parser("watch", parents=[common], help="实时显示变更事件（每个一行 JSON）")
    _add_hall(watch)
    watch.add_argument("--count", type=at_least(1), metavar="N", help="收到 N 个事件后退出")
    watch.add_argument("--timeout", type=float, metavar="S", help="S 秒后退出")
    watch.add_argument("--since", type=at_least(0), metavar="ID", help="先补发此编号之后的事件")
    watch.add_argument(
        "--type", action="append", metavar="PREFIX", help="只显示此类事件，如 ticket.called"
    )
    watch.set_defaults(func=_watch)

    st = s.add_parser("status", parents=[common], help="各队列等候人数与各窗口状态")
    _add_hall(st)
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=_status)

    for name, help_ in (
        ("open", "开启窗口"),
        ("pause", "暂停窗口"),
        ("close", "关闭窗口"),
        ("recall", "重呼当前号"),
        ("no-show", "过号"),
        ("start", "开始办理"),
        ("finish", "办结当前号"),
        ("park", "暂离"),
    ):
        a = s.add_parser(name, parents=[common], help=help_)
        _add_hall(a)
        _window_arg(a)
        a.set_defaults(func=_window_action, action=name)

    res = s.add_parser("resume", parents=[common], help="暂离返回")
    _add_hall(res)
    _window_arg(res)
    res.add_argument("--ticket", required=True, help="号码（如 A005）或编号")
    res.set_defaults(func=_resume)

    tr = s.add_parser("transfer", parents=[common], help="转办到其他队列或指定窗口")
    _add_hall(tr)
    _window_arg(tr)
    tr.add_argument("--to-queue", metavar="PREFIX")
    tr.add_argument("--to-window", type=at_least(1, 9999), metavar="N")
    tr.set_defaults(func=_transfer)


def _hall_code(args: argparse.Namespace) -> str | None:
    """``--hall``, else — when the database is the PC's own (neither ``--db`` nor
    ``COUNTER_DATABASE_URL``) — the hall this PC
    was set up for (``counter setup``), else None (the first hall)."""
    if getattr(args, "hall", None):
        return str(args.hall)
    import os

    if getattr(args, "db", None) or os.environ.get("COUNTER_DATABASE_URL"):
        return None
    from counter.config import StationConfig

    try:
        return StationConfig.load().hall
    except Exception:  # noqa: BLE001 - an unreadable config is reported by the commands using it
        return None


def _open(args: argparse.Namespace) -> tuple[Runtime, Actor]:
    rt = runtime(args)
    try:
        hall_id = rt.hall_id(_hall_code(args))
    except Exception:
        rt.dispose()
        raise
    return rt, Actor.system(hall_id, device="cli")


def _issue(args: argparse.Namespace) -> int:
    from counter.errors import InvalidInput
    from counter.services.appointments import check_in_appointment
    from counter.services.tickets import issue_ticket

    rt, actor = _open(args)
    try:
        if args.appointment or args.source == "appointment":
            if not args.appointment:
                raise InvalidInput(
                    field="预约取号需要 --appointment 预约码 / an appointment ticket needs --appointment CODE"
                )
            print_json(
                check_in_appointment(rt, actor, args.appointment, priority=args.priority).to_json()
            )
            return 0
        for _ in range(max(args.count, 0)):
            result = issue_ticket(
                rt,
                actor,
                args.queue,
                source=args.source,
                priority=args.priority,
                applicant_name=args.name,
                id_number=args.id_number,
            )
            print_json(result.to_json())
    finally:
        rt.dispose()
    return 0


def _call(args: argparse.Namespace) -> int:
    from counter.domain.queue import W_OPEN
    from counter.domain.ticketing import call_announcement
    from counter.services.calling import call_next, call_ticket, finish_service, open_window
    from counter.services.queue_state import TicketResult, window_status

    rt, actor = _open(args)
    try:
        status = window_status(rt, actor, args.window)
        if status.state != W_OPEN:
            open_window(rt, actor, args.window)
        for n in range(1 if args.ticket else max(args.repeat, 0)):
            result: TicketResult | None
            if args.ticket:
                if status.current_ticket_id is not None:
                    finish_service(rt, actor, args.window)
                result = call_ticket(rt, actor, args.window, args.ticket)
            else:
                result = call_next(rt, actor, args.window, finish_current=True)
            if result is None:
                # said, so a script (or a person) can tell "nobody" from "called"
                print(
                    f"{args.window}号窗口没有等候的号（已叫 {n} 位）/ "
                    f"nobody is waiting for window {args.window} ({n} called)",
                    file=sys.stderr,
                )
                break
            t = result.ticket
            print_json(
                {
                    **t.to_json(),
                    "window": args.window,
                    "announcement": call_announcement(t.number, args.window),
                }
            )
    finally:
        rt.dispose()
    return 0


def _watch(args: argparse.Namespace) -> int:
    from counter.changes import Change
    from counter.events import subscribe

    url = database_url(args)
    rt, actor = _open(args)
    rt.dispose()
    inbox: _queue.Queue[Change] = _queue.Queue()
    sub = subscribe(url, actor.hall_id, inbox.put, since_id=args.since)
    deadline = time.monotonic() + args.timeout if args.timeout is not None else None
    printed = 0
    try:
        if sub.wait_ready(timeout=10):
            print(
                f"正在接收事件 / listening (hall {actor.hall_id}, after id {sub.last_id})",
                file=sys.stderr,
                flush=True,
            )
        while args.count is None or printed < args.count:
            wait = 0.5
            if deadline is not None:
                wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    break
            try:
                event = inbox.get(timeout=wait)
            except _queue.Empty:
                continue
            if args.type and not any(event.type.startswith(t) for t in args.type):
                continue
            print_json(event.to_dict())
            printed += 1
    finally:
        sub.close()
    return 0


_STATE_ZH = {
    "waiting": "等候",
    "called": "已叫号",
    "serving": "办理中",
    "parked": "暂离",
    "open": "开启",
    "paused": "暂停",
    "closed": "关闭",
}


def _status(args: argparse.Namespace) -> int:
    from counter.services.queue_state import hall_status

    rt, actor = _open(args)
    try:
        st = hall_status(rt, actor)
    finally:
        rt.dispose()
    if args.json:
        print_json(st.to_json())
        return 0
    print(f"{st.day.isoformat()}  hall {st.hall_id}")
    for q in st.queues:
        cap = f"/{q.daily_cap}" if q.daily_cap else ""
        print(
            f"队列 {q.prefix} {q.name}\t等候 waiting {q.waiting}\t暂离 {q.parked}\t"
            f"办理中 {q.in_service}\t办结 {q.done}\t已取 {q.issued}{cap}\t"
            f"预计 {q.estimated_wait_minutes} 分钟"
        )
    for w in st.windows:
        current = (
            f"{w.current_number} {_STATE_ZH.get(w.current_state or '', w.current_state)}"
            if w.current_number
            else "—"
        )
        served = " ".join(f"{p}×{wt}" for p, wt in w.queues)
        print(
            f"窗口 {w.number:>2} {w.state:<6} {_STATE_ZH.get(w.state, w.state)}\t{current}\t"
            f"({served})"
        )
    return 0


def _print_result(result: Any) -> None:
    if hasattr(result, "ticket"):
        print_json(result.to_json())
    else:
        print_json(result.window.to_json())


def _window_action(args: argparse.Namespace) -> int:
    from counter.services import calling

    actions = {
        "open": calling.open_window,
        "pause": calling.pause_window,
        "close": calling.close_window,
        "recall": calling.recall,
        "no-show": calling.no_show,
        "start": calling.start_service,
        "finish": calling.finish_service,
        "park": calling.park,
    }
    rt, actor = _open(args)
    try:
        _print_result(actions[args.action](rt, actor, args.window))
    finally:
        rt.dispose()
    return 0


def _resume(args: argparse.Namespace) -> int:
    from counter.services.calling import resume

    rt, actor = _open(args)
    try:
        _print_result(resume(rt, actor, args.window, args.ticket))
    finally:
        rt.dispose()
    return 0


def _transfer(args: argparse.Namespace) -> int:
    from counter.services.calling import transfer

    rt, actor = _open(args)
    try:
        _print_result(
            transfer(rt, actor, args.window, to_queue=args.to_queue, to_window=args.to_window)
        )
    finally:
        rt.dispose()
    return 0
