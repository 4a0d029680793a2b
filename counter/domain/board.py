"""What the hall display shows (叫号大屏的内容), pure: the queues' waiting counts, each window's
line, and the last calls — read once, then kept exact from change events alone.

Counts and window lines merge by version (see :mod:`counter.domain.live`): for each queue the
count with the highest (day, version), for each window the line with the highest version, from
the first reading or from any event, in any order. A count of an earlier day than the display's
day shows as 0 (tickets of earlier days are never called).

Calls come from ``ticket.called`` and ``ticket.recalled`` events: each is one
:class:`CallLine`, newest first, keyed by (ticket id, window, recall count), so an event that the
first reading already showed (a subscription starts a moment before the reading) is not shown
or spoken twice, and a recall moves the ticket back to the top instead of listing it twice.

Only ticket numbers appear here: never a name or an ID number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from counter import clock
from counter.changes import Change
from counter.domain.live import QueueCount, WindowLine, merge_counts, merge_windows

__all__ = ["Board", "BoardQueue", "BoardWindow", "CallLine", "apply_change", "call_of"]

CALL_TYPES = ("ticket.called", "ticket.recalled")
#: Changes that call for one fresh reading of the board: the day's leftovers were voided
#: (windows freed without a line of their own), or the hall's windows or queues were changed.
REREAD_TYPES = ("queue.expired", "hall.settings", "hall.windows", "hall.queues")
#: Two readings of one call differ by less than this (the ticket's call time and its change's
#: time are taken a moment apart); a new call of the same ticket comes seconds later at least.
SAME_CALL = dt.timedelta(seconds=2)


@dataclass(frozen=True)
class BoardQueue:
    prefix: str
    name: str


@dataclass(frozen=True)
class BoardWindow:
    number: int
    name: str


@dataclass(frozen=True)
class CallLine:
    """One call: ticket ``number`` to ``window`` at ``at`` (UTC); ``recall`` 0 for the first
    call, n for the n-th recall."""

    ticket_id: int
    number: str
    window: int
    at: dt.datetime
    recall: int = 0
    change_id: int | None = None

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.ticket_id, self.window, self.recall)


@dataclass(frozen=True)
class Board:
    """The hall as its display shows it (see the module docstring)."""

    hall_id: int
    day: dt.date
    queues: tuple[BoardQueue, ...]
    windows: tuple[BoardWindow, ...]
    counts: Mapping[str, QueueCount] = field(default_factory=dict)
    lines: Mapping[int, WindowLine] = field(default_factory=dict)
    calls: tuple[CallLine, ...] = ()
    keep_calls: int = 12

    def waiting(self, prefix: str, day: dt.date | None = None) -> int:
        """People waiting in queue ``prefix`` on ``day`` (the board's day by default)."""
        count = self.counts.get(prefix)
        if count is None or count.day < (day or self.day):
            return 0
        return count.waiting

    def line(self, number: int) -> WindowLine | None:
        return self.lines.get(number)

    @property
    def current(self) -> CallLine | None:
        return self.calls[0] if self.calls else None

    def on_day(self, day: dt.date) -> Board:
        """The board on a new local day: yesterday's calls are gone (counts of earlier days
        already show as 0)."""
        if day <= self.day:
            return self
        return replace(self, day=day, calls=tuple(c for c in self.calls if _local_day(c.at) >= day))


def _local_day(at: dt.datetime) -> dt.date:
    return clock.to_local(at).date()


def _at(change: Change) -> dt.datetime:
    try:
        at = dt.datetime.fromisoformat(change.at)
    except (TypeError, ValueError):
        return clock.now()
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def call_of(change: Change) -> CallLine | None:
    """The call a change announces (``ticket.called`` / ``ticket.recalled``), if any."""
    if change.type not in CALL_TYPES:
        return None
    p: Mapping[str, Any] = change.payload
    try:
        ticket_id = int(p["ticket_id"])
        number = str(p["number"])
        window = int(p["window"])
    except (KeyError, TypeError, ValueError):
        return None
    recall = int(p.get("recall_count") or 0) if change.type == "ticket.recalled" else 0
    return CallLine(ticket_id, number, window, _at(change), recall, change.id)


def apply_change(board: Board, change: Change) -> tuple[Board, CallLine | None]:
    """``board`` after ``change``, and the new call it brought (to highlight and speak), if
    any. ``board`` itself is returned when the change alters nothing on it."""
    out = board
    counts = merge_counts(board.counts, change.payload)
    if counts is not None:
        out = replace(out, counts=counts)
    lines = merge_windows(board.lines, change.payload)
    if lines is not None:
        out = replace(out, lines=lines)
    call = call_of(change)
    if call is None:
        return out, None
    if any(
        (c.ticket_id, c.window) == (call.ticket_id, call.window)
        and c.recall >= call.recall
        and c.at >= call.at - SAME_CALL
        for c in out.calls
    ):
        return out, None  # shown already (the first reading), or older than what is shown
    rest = tuple(c for c in out.calls if (c.ticket_id, c.window) != (call.ticket_id, call.window))
    return replace(out, calls=(call, *rest)[: board.keep_calls]), call


def needs_reread(change: Change) -> bool:
    """Whether ``change`` asks for one fresh reading of the board (see :data:`REREAD_TYPES`)."""
    return change.type in REREAD_TYPES
