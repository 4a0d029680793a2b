"""``counter calendar deadline|set|seed``: the working-day calendar."""

from __future__ import annotations

import argparse
import datetime as dt

from counter.bootstrap import runtime
from counter.commands.common import add_admin_argument, admin_actor, at_least, refusing


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("calendar", parents=[common], help="工作日历 / working-day calendar")
    s = p.add_subparsers(dest="calendar_command", required=True)
    d = s.add_parser("deadline", parents=[common], help="计算 N 个工作日后的日期")
    d.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True)
    d.add_argument("--days", type=at_least(0, 3650), required=True)
    d.add_argument("--hall")
    d.set_defaults(func=_deadline)
    st = s.add_parser("set", parents=[common], help="设置节假日、调休工作日或闭厅日")
    st.add_argument("day", type=dt.date.fromisoformat)
    kind = st.add_mutually_exclusive_group(required=True)
    kind.add_argument("--holiday", action="store_true")
    kind.add_argument("--workday", action="store_true")
    st.add_argument("--name", default="")
    st.add_argument("--hall", help="只对该大厅生效（闭厅日）")
    st.add_argument("--confirm-year", action="store_true")
    add_admin_argument(st)
    st.set_defaults(func=refusing(_set))
    sd = s.add_parser("seed", parents=[common], help="从 chinesecalendar 载入国家法定节假日")
    add_admin_argument(sd)
    sd.set_defaults(func=refusing(_seed))


def _deadline(args: argparse.Namespace) -> int:
    from counter.services.calendar import deadline

    rt = runtime(args)
    try:
        d = deadline(rt, args.start, args.days, args.hall)
    finally:
        rt.dispose()
    note = (
        "" if d.confirmed else "  （日历数据缺失，结果未确认 / calendar data missing: unconfirmed）"
    )
    print(f"{d.date.isoformat()}{note}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from counter.services.calendar import set_day

    rt = runtime(args)
    try:
        set_day(
            rt,
            admin_actor(rt, argparse.Namespace(staff=args.staff, hall=None)),
            args.day,
            is_workday=bool(args.workday),
            name=args.name,
            hall_code=args.hall,
            confirm_year=args.confirm_year,
        )
    finally:
        rt.dispose()
    print(f"已设置 / set: {args.day.isoformat()}")
    return 0


def _seed(args: argparse.Namespace) -> int:
    from counter.services.base import audit
    from counter.services.calendar import seed_national_calendar

    rt = runtime(args)
    try:
        # The calendar decides every deadline: loading it is the administrator's, as the
        # admin console's "reload the national year" is.
        actor = admin_actor(rt, argparse.Namespace(staff=args.staff, hall=None))
        n = seed_national_calendar(rt)
        with rt.unit() as s:
            audit(s, actor, "calendar_seed", f"{n} years", host=rt.host)
    finally:
        rt.dispose()
    print(f"已载入 {n} 个年份 / loaded {n} years")
    return 0
