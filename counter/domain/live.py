"""What change events tell screens about the hall's lines and windows (实时状态), pure.

A queue change carries the queue's count as it stands after the change, with the count's day and
version (see :class:`db.models.TicketCounter`); a window change carries the window's line
(state, ticket at the window) with the window's version. Counts and lines are kept by the very
statements that change them, under the row's lock, so versions are serialised: a screen keeps,
for each queue and window, the figure with the highest (day, version) it has seen — from its own
reads or from any event, in any order — and is always right without re-reading the hall.

Only ticket numbers ever appear here: never a name or an ID number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "QueueCount",
    "WindowLine",
    "counts_in",
    "counts_payload",
    "merge_counts",
    "merge_windows",
    "window_payload",
    "windows_in",
]


@dataclass(frozen=True)
class QueueCount:
    """How many wait in the line of queue ``prefix`` on ``day``, as of ``version``."""

    prefix: str
    day: dt.date
    waiting: int
    version: int

    def newer_than(self, other: QueueCount | None) -> bool:
        return other is None or (self.day, self.version) > (other.day, other.version)


@dataclass(frozen=True)
class WindowLine:
    """A window as the hall sees it: open / paused / closed, and the ticket at it (number and
    state: called or serving), as of ``version``."""

    number: int
    state: str
    ticket: str | None
    ticket_state: str | None
    version: int

    def newer_than(self, other: WindowLine | None) -> bool:
        return other is None or self.version > other.version


def counts_payload(counts: Mapping[str, tuple[dt.date, int, int]]) -> dict[str, Any]:
    """The ``queues`` part of a change payload: ``{prefix: (day, waiting, version)}``."""
    return {
        "queues": {
            p: {"day": day.isoformat(), "waiting": int(w), "v": int(v)}
            for p, (day, w, v) in counts.items()
        }
    }


def window_payload(line: WindowLine) -> dict[str, Any]:
    """The ``windows`` part of a change payload."""
    return {
        "windows": {
            str(line.number): {
                "state": line.state,
                "ticket": line.ticket,
                "ticket_state": line.ticket_state,
                "v": int(line.version),
            }
        }
    }


def counts_in(payload: Mapping[str, Any]) -> list[QueueCount]:
    """The queue counts a change payload carries (none if it carries none or is malformed)."""
    out: list[QueueCount] = []
    raw = payload.get("queues")
    if not isinstance(raw, Mapping):
        return out
    for prefix, item in raw.items():
        try:
            out.append(
                QueueCount(
                    str(prefix),
                    dt.date.fromisoformat(str(item["day"])),
                    int(item["waiting"]),
                    int(item["v"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return out


def windows_in(payload: Mapping[str, Any]) -> list[WindowLine]:
    """The window lines a change payload carries."""
    out: list[WindowLine] = []
    raw = payload.get("windows")
    if not isinstance(raw, Mapping):
        return out
    for number, item in raw.items():
        try:
            out.append(
                WindowLine(
                    int(number),
                    str(item["state"]),
                    item.get("ticket"),
                    item.get("ticket_state"),
                    int(item["v"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return out


def merge_counts(
    current: Mapping[str, QueueCount], payload: Mapping[str, Any]
) -> dict[str, QueueCount] | None:
    """``current`` with the newer counts of ``payload``; ``None`` when nothing changed."""
    merged = dict(current)
    changed = False
    for count in counts_in(payload):
        if count.newer_than(merged.get(count.prefix)):
            merged[count.prefix] = count
            changed = True
    return merged if changed else None


def merge_windows(
    current: Mapping[int, WindowLine], payload: Mapping[str, Any]
) -> dict[int, WindowLine] | None:
    """``current`` with the newer window lines of ``payload``; ``None`` when nothing changed."""
    merged = dict(current)
    changed = False
    for line in windows_in(payload):
        if line.newer_than(merged.get(line.number)):
            merged[line.number] = line
            changed = True
    return merged if changed else None
