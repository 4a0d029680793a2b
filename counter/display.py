"""The door of the hall's displays: the hall display (叫号大屏) and the window displays (窗口屏).

A display reads its state once (:func:`read_board`, :func:`read_window`) and from then on keeps it
exact from change events alone (:func:`apply_change`, :func:`apply_window_change`: counts and
window lines by version, calls from ``ticket.called`` / ``ticket.recalled``), in any order — no
polling and no re-reading, except once when the core says the hall itself changed (the day's
leftovers voided, windows or settings edited: :func:`counter.domain.board.needs_reread`).

Displays act as the hall's own device (:meth:`Actor.system` with device ``"display"``) and only
read. Nothing here carries a name or an ID number: ticket numbers, window numbers, queue names,
and — on a window display, when the hall wants it — the clerk's name and staff number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.changes import Change
from counter.domain.board import (
    Board,
    BoardQueue,
    BoardWindow,
    CallLine,
    call_of,
    needs_reread,
)
from counter.domain.board import apply_change as apply_board_change
from counter.domain.live import WindowLine, merge_windows
from counter.domain.screens import DisplaySettings, display_settings
from counter.errors import Bi, NotFound
from counter.services.base import Actor, Runtime
from counter.services.queue_state import hall_status_in, load_hall, local_day
from db.models import Hall, Queue, Staff, Ticket, TicketEvent, Window, WindowQueue

__all__ = [
    "DisplayState",
    "Screen",
    "WindowPanel",
    "apply_change",
    "apply_window_change",
    "needs_reread",
    "open_screen",
    "read_board",
    "read_window",
]


@dataclass(frozen=True)
class Screen:
    """A display of a hall: who reads (the hall's display device) and which hall."""

    actor: Actor
    hall_code: str
    hall_name: str

    @property
    def hall_id(self) -> int:
        return self.actor.hall_id


@dataclass(frozen=True)
class DisplayState:
    """What the hall display shows: the board, and the hall's display settings (notice, how
    long a call stays highlighted, the voice)."""

    hall_name: str
    board: Board
    settings: DisplaySettings


@dataclass(frozen=True)
class WindowPanel:
    """What a window display shows: the window (number, name), its line (state, the ticket at
    it, as of its version), the clerk (name and staff number, when the hall shows them and the
    window is not closed), the queues it serves, and the call of the ticket at it."""

    hall_name: str
    number: int
    name: str
    line: WindowLine
    clerk_name: str
    clerk_no: str
    queues: tuple[str, ...]
    settings: DisplaySettings
    called_at: dt.datetime | None = None


def open_screen(rt: Runtime, hall_code: str | None = None) -> Screen:
    """The display of hall ``hall_code`` (this PC's configured hall; the first one if none)."""
    with rt.unit(read_only=True) as s:
        q = select(Hall).order_by(Hall.id)
        q = q.where(Hall.code == hall_code) if hall_code else q.where(Hall.active.is_(True))
        hall = s.scalars(q.limit(1)).first()
        if hall is None:
            raise NotFound(what=f"便民服务中心 {hall_code or ''}".strip())
        return Screen(Actor.system(hall.id, "display"), hall.code, hall.name)


def _recent_calls(s: Session, hall_id: int, day: dt.date, keep: int) -> tuple[CallLine, ...]:
    """Today's last calls, newest first, one per (ticket, window)."""
    rows = s.execute(
        select(
            TicketEvent.ticket_id,
            TicketEvent.type,
            TicketEvent.at,
            TicketEvent.data,
            Ticket.number,
            Window.number,
        )
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .join(Window, Window.id == TicketEvent.window_id)
        .where(
            Ticket.hall_id == hall_id,
            Ticket.day == day,
            TicketEvent.type.in_(("called", "recalled")),
        )
        .order_by(TicketEvent.at.desc(), TicketEvent.id.desc())
        .limit(keep * 4)
    ).all()
    out: list[CallLine] = []
    seen: set[tuple[int, int]] = set()
    for tid, type_, at, data, number, window in rows:
        if (int(tid), int(window)) in seen:
            continue
        seen.add((int(tid), int(window)))
        recall = int((data or {}).get("count") or 0) if type_ == "recalled" else 0
        out.append(CallLine(int(tid), str(number), int(window), at, recall))
        if len(out) >= keep:
            break
    return tuple(out)


def read_board(rt: Runtime, screen: Screen) -> DisplayState:
    """The hall display's state as it stands (read only, one transaction)."""
    now = clock.now()
    with rt.unit(read_only=True) as s:
        hall = load_hall(s, screen.hall_id)
        settings = display_settings(hall.settings or {})
        status = hall_status_in(s, hall, now)
        active = set(
            s.scalars(select(Queue.prefix).where(Queue.hall_id == hall.id, Queue.active.is_(True)))
        )
        day = local_day(hall, now)
        board = Board(
            hall_id=hall.id,
            day=day,
            queues=tuple(BoardQueue(q.prefix, q.name) for q in status.queues if q.prefix in active),
            windows=tuple(BoardWindow(w.number, w.name) for w in status.windows),
            counts={q.prefix: q.count for q in status.queues},
            lines={w.number: w.line for w in status.windows},
            calls=_recent_calls(s, hall.id, day, max(settings.recent_calls + 1, 4)),
            keep_calls=max(settings.recent_calls + 1, 4),
        )
        return DisplayState(hall.name, board, settings)


def apply_change(state: DisplayState, change: Change) -> tuple[DisplayState, CallLine | None]:
    """``state`` after ``change`` (see :func:`counter.domain.board.apply_change`), and the new
    call to highlight and speak, if any; ``state`` itself when nothing on it changed."""
    board, call = apply_board_change(state.board, change)
    if board is state.board:
        return state, call
    return replace(state, board=board), call


def read_window(rt: Runtime, screen: Screen, number: int) -> WindowPanel:
    """Window ``number`` as its display shows it (read only)."""
    with rt.unit(read_only=True) as s:
        hall = load_hall(s, screen.hall_id)
        settings = display_settings(hall.settings or {})
        win = s.scalars(
            select(Window).where(Window.hall_id == hall.id, Window.number == int(number))
        ).first()
        if win is None or not win.active:
            raise NotFound(what=Bi(f"{number}号窗口", f"window {number}"))
        cur = s.get(Ticket, win.current_ticket_id) if win.current_ticket_id else None
        line = WindowLine(
            win.number,
            win.state,
            cur.number if cur else None,
            cur.state if cur else None,
            int(win.version or 0),
        )
        clerk_name = clerk_no = ""
        if settings.show_clerk and win.state != "closed" and win.staff_id is not None:
            staff = s.get(Staff, win.staff_id)
            if staff is not None:
                clerk_name, clerk_no = staff.name, staff.staff_no
        queues = tuple(
            s.scalars(
                select(Queue.name)
                .join(WindowQueue, WindowQueue.queue_id == Queue.id)
                .where(WindowQueue.window_id == win.id)
                .order_by(WindowQueue.weight.desc(), Queue.sort)
            )
        )
        return WindowPanel(
            hall_name=hall.name,
            number=win.number,
            name=win.name,
            line=line,
            clerk_name=clerk_name,
            clerk_no=clerk_no,
            queues=queues,
            settings=settings,
            called_at=cur.called_at if cur is not None else None,
        )


def apply_window_change(
    panel: WindowPanel, change: Change
) -> tuple[WindowPanel, CallLine | None, bool]:
    """``panel`` after ``change``: its newer line (by version), the call of a ticket to this
    window (to highlight), and whether the panel should be read once more (the window opened or
    closed: another clerk may be at it; or the hall changed)."""
    call = call_of(change)
    if call is not None and call.window != panel.number:
        call = None
    lines = merge_windows({panel.number: panel.line}, change.payload)
    out = panel
    reread = needs_reread(change)
    if lines is not None and panel.number in lines:
        line = lines[panel.number]
        reread = reread or (line.state != panel.line.state)
        out = replace(panel, line=line)
    if call is not None:
        out = replace(out, called_at=call.at)
    return out, call, reread
