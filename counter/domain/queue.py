"""Queue rules (排队叫号规则), pure: the vocabulary of tickets and windows, the queue's typed
refusals, and the arithmetic of places in line, weights and estimated waits. No I/O; the
services in :mod:`counter.services.tickets` and :mod:`counter.services.calling` apply them.

Place in line: ``sort_key`` is the time (µs since the epoch) a ticket joined its line: its issue
time (transfers keep it, so a transferred visitor does not start again at the back), the slot
start for appointments, a place after ``requeue_after`` waiting tickets for a re-queued no-show.
Green-channel tickets (绿色通道: elderly, disabled, pregnant, veterans) carry a ``sort_key`` far
below every ordinary ticket.

Who is called next at a window, best first: (0) an appointment whose slot has begun, (1) a
ticket transferred to this very window, (2) every other waiting ticket of the window's queues,
by ``sort_key`` minus the queue's weight head start: each weight point above 1 counts as
``weight_minutes`` (hall setting, default 5) minutes of extra waiting. A window serving A with
weight 3 and D with weight 1 thus prefers an A ticket unless the D ticket has waited more than
10 minutes longer: the weights steer the mix without ever starving a light queue.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from counter.errors import CounterError, InvalidState

WAITING = "waiting"  # 等候
CALLED = "called"  # 已叫号
SERVING = "serving"  # 办理中
PARKED = "parked"  # 暂离
DONE = "done"  # 已办结
NO_SHOW = "no_show"  # 过号
VOID = "void"  # 作废
TICKET_STATES = (WAITING, CALLED, SERVING, PARKED, DONE, NO_SHOW, VOID)
TICKET_STATE_NAMES_ZH = {
    WAITING: "等候",
    CALLED: "已叫号",
    SERVING: "办理中",
    PARKED: "暂离",
    DONE: "已办结",
    NO_SHOW: "过号",
    VOID: "作废",
}
AT_WINDOW = (CALLED, SERVING)  # a window's current ticket is in one of these
OPEN_STATES = (WAITING, CALLED, SERVING, PARKED)  # not finished yet

SOURCES = ("kiosk", "window", "appointment", "idcard")
SOURCE_NAMES_ZH = {"kiosk": "取号机", "window": "窗口", "appointment": "预约", "idcard": "刷身份证"}

# 绿色通道 (green channel): priority reasons.
PRIORITY_REASONS = {
    "elderly": "老年人",
    "disabled": "残疾人",
    "pregnant": "孕妇",
    "veteran": "军人/退役军人",
}

W_OPEN, W_PAUSED, W_CLOSED = "open", "paused", "closed"
WINDOW_STATES = (W_OPEN, W_PAUSED, W_CLOSED)
WINDOW_STATE_NAMES_ZH = {W_OPEN: "开启", W_PAUSED: "暂停", W_CLOSED: "关闭"}

# Hall settings read here, with their defaults (Hall.settings may override each).
SETTING_DEFAULTS: dict[str, Any] = {
    "recall_limit": 3,  # 重呼次数上限
    "no_show_policy": "requeue",  # 过号: requeue | void
    "requeue_after": 3,  # 过号重排：排在其后 K 位
    "requeue_limit": 1,  # 过号最多重排几次，之后作废
    "weight_minutes": 5,  # 窗口队列权重：每多 1 点权重相当于多等 N 分钟
    "default_service_minutes": 8,  # 尚无今日办结数据时的平均办理时长
    "appointment_early_minutes": 60,  # 预约可提前签到的分钟数
    "appointment_late_minutes": 15,  # 预约时段结束后仍可签到的分钟数
}

GREEN_CHANNEL_LEAD_US = 10**13  # ≈ 116 days: a green ticket sorts before every ordinary one
# Candidates per queue looked at by one "call next" on PostgreSQL: locked ones are skipped, and
# if windows racing for the same queue took them all, the call simply tries again.
CANDIDATE_DEPTH = 16
APPOINTMENT_DEPTH = 4  # due appointments are few
PEOPLE_AHEAD_CAP = 1000  # "people ahead" is counted up to this many
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class QueueClosed(CounterError):
    code = "queue_closed"
    zh = "{queue}（{prefix}）当前不在取号时间（{hours}），请在办公时间内取号"
    en = "Queue {prefix} is not issuing tickets now (hours {hours})"


class DailyCapReached(CounterError):
    code = "daily_cap_reached"
    zh = "{queue}（{prefix}）今日号票已取完（每日上限{cap}张），请明日再来或改约"
    en = "Queue {prefix} has issued today's {cap} tickets; please come back tomorrow"


class WindowNotOpen(CounterError):
    code = "window_not_open"
    zh = "{window}号窗口未开启（当前：{state}），请先开启窗口"
    en = "Window {window} is not open (now {state_en}); open it first"


class WindowBusy(CounterError):
    code = "window_busy"
    zh = "{window}号窗口的{number}号尚未办结，请先办结、暂离或过号后再叫下一位"
    en = "Ticket {number} at window {window} is not finished; finish or park it first"


class NoCurrentTicket(CounterError):
    code = "no_current_ticket"
    zh = "{window}号窗口当前没有正在呼叫或办理的号票"
    en = "Window {window} has no ticket called or in service"


class RecallLimitReached(CounterError):
    code = "recall_limit"
    zh = "{number}号已重呼{count}次，达到上限，请按过号处理"
    en = "Ticket {number} was recalled {count} times (the limit); mark it as a no-show"


class TicketStateError(InvalidState):
    code = "ticket_state"
    zh = "{number}号当前状态为“{state}”，不能{action}"
    en = "Ticket {number} is {state_en}; cannot {action_en}"


class AppointmentError(CounterError):
    code = "appointment"
    zh = "预约签到失败：{reason}"
    en = "Appointment check-in refused: {reason_en}"


# --------------------------------------------------------------------------------------------
# Pure rules (unit-tested without a database)
# --------------------------------------------------------------------------------------------


def time_key(at: dt.datetime) -> int:
    """Microseconds since the epoch: the ``sort_key`` of a ticket that joined its line at ``at``."""
    return (at.astimezone(dt.UTC) - _EPOCH) // _US


def initial_sort_key(at: dt.datetime, green_channel: bool) -> int:
    """Place in line of a ticket joining at ``at``; green-channel tickets go before all others."""
    return time_key(at) - (GREEN_CHANNEL_LEAD_US if green_channel else 0)


def requeue_sort_key(keys: Sequence[int], after: int, end_key: int) -> int:
    """The ``sort_key`` placing a re-queued no-show after ``after`` waiting tickets.

    ``keys``: the sort keys of the queue's waiting tickets, ascending (at least ``after + 1`` of
    them if there are that many); ``end_key``: the key of joining the back of the line now.
    Fewer than ``after`` waiting: the back of the line. Ties are broken by ticket id."""
    if not keys:
        return end_key
    if after <= 0:
        return keys[0] - 1
    if len(keys) <= after:
        return max(end_key, keys[-1] + 1)
    a, b = keys[after - 1], keys[after]
    if b - a >= 2:
        return a + (b - a) // 2
    return b


def weighted_rank(cls: int, sort_key: int, weight: int, weight_minutes: float) -> tuple[int, int]:
    """Order of a candidate at a window: class (0 appointment due, 1 sent to this window,
    2 others), then ``sort_key`` less the weight head start (see the module docstring)."""
    bonus = int(weight_minutes * 60_000_000) * (max(weight, 1) - 1) if cls == 2 else 0
    return cls, sort_key - bonus


def estimate_wait_minutes(people_ahead: int, windows: int, avg_service_minutes: float) -> int:
    """Expected wait of a new ticket: the people ahead shared among the windows serving its
    queue, each taking today's average service time. 0 when nobody is ahead."""
    if people_ahead <= 0:
        return 0
    return max(1, math.ceil(people_ahead * max(avg_service_minutes, 0.5) / max(windows, 1)))


def within_hours(local_time: dt.time, opens: dt.time | None, closes: dt.time | None) -> bool:
    """Whether tickets may be issued at ``local_time`` (opening time inclusive, closing time
    exclusive; a missing bound is no bound)."""
    if opens is not None and local_time < opens:
        return False
    return not (closes is not None and local_time >= closes)


def average_service_minutes(
    pairs: Sequence[tuple[dt.datetime, dt.datetime]], default: float
) -> float:
    """Mean of (finished − called) in minutes over today's finished tickets, else ``default``.
    Each duration is clamped to 0.5–120 minutes so one forgotten ticket does not skew it."""
    durations = [
        min(max((end - start).total_seconds() / 60, 0.5), 120.0)
        for start, end in pairs
        if start is not None and end is not None
    ]
    if not durations:
        return float(default)
    return sum(durations) / len(durations)
