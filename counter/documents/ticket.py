"""The queue ticket slip (号票) as data: what the kiosk prints, on paper or PDF.

Privacy: a ticket lies on counters and floors, so it carries the queue number and never the
citizen's name or ID number, even when the ticket was taken by swiping the ID card: only the
masked name (张*, see :mod:`counter.domain.masking`). There is no field for a full name or a
number, :class:`TicketSlip` refuses any text that looks like a citizen ID number, and a name that
is not masked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from counter.clock import to_local
from counter.domain.masking import MASK
from counter.errors import InvalidInput

# 18-character citizen ID numbers (and the old 15-digit ones) anywhere in a text.
_ID_NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])")


def _printable_ascii(text: str) -> bool:
    return all(32 <= ord(c) <= 126 for c in text)


@dataclass(frozen=True)
class TicketSlip:
    """One ticket slip.

    ``number``: the called number, e.g. "A015"; ``queue_name``: the business queue (e.g.
    "社会保障"); ``people_ahead``: tickets waiting before this one; ``wait_minutes``: estimated
    wait; ``issued_at``: when it was taken (aware → shown in the hall's time zone, naive → taken
    as already local); ``barcode``: the payload of the Code 128 barcode (the ticket number or
    id; printable ASCII, at most 64 characters); ``footer``: an optional closing line;
    ``name_masked``: the masked name of an ID-card swipe (must hold the mask character);
    ``qr``: the payload of a QR code the hall configures (its evaluation or progress page, at
    most 300 characters) with ``qr_caption`` under it; ``priority``: the green-channel words
    (绿色通道·老年人) when the ticket has priority.

    Raises :class:`InvalidInput` for negative counts, an empty number, a barcode payload Code 128
    set B cannot carry, or any text that looks like a citizen ID number.
    """

    hall_name: str
    number: str
    queue_name: str
    people_ahead: int
    wait_minutes: int
    issued_at: dt.datetime
    barcode: str
    footer: str = ""
    name_masked: str = ""
    qr: str = ""
    qr_caption: str = ""
    priority: str = ""

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise InvalidInput("号码不能为空", field="number")
        if self.people_ahead < 0:
            raise InvalidInput("不能为负数", field="people_ahead")
        if self.wait_minutes < 0:
            raise InvalidInput("不能为负数", field="wait_minutes")
        if not self.barcode or len(self.barcode) > 64 or not _printable_ascii(self.barcode):
            raise InvalidInput("条码内容须为1至64个可打印ASCII字符", field="barcode")
        if len(self.qr) > 300:
            raise InvalidInput("二维码内容最多300个字符", field="qr")
        if self.name_masked and MASK not in self.name_masked:
            raise InvalidInput("号票上的姓名必须脱敏", field="name_masked")
        for name in (
            "hall_name",
            "number",
            "queue_name",
            "barcode",
            "footer",
            "name_masked",
            "qr",
            "qr_caption",
            "priority",
        ):
            if _ID_NUMBER.search(getattr(self, name)):
                raise InvalidInput("号票上不得出现身份证号码", field=name)

    @property
    def issued_local(self) -> dt.datetime:
        return to_local(self.issued_at) if self.issued_at.tzinfo else self.issued_at

    @property
    def issued_text(self) -> str:
        return self.issued_local.strftime("%Y-%m-%d %H:%M")

    @property
    def ahead_text(self) -> str:
        return f"您前面还有 {self.people_ahead} 人等候"

    @property
    def wait_text(self) -> str:
        return f"预计等候约 {self.wait_minutes} 分钟"

    @property
    def time_text(self) -> str:
        return f"取号时间：{self.issued_text}"

    def body_lines(self) -> list[str]:
        """The lines under the big number, in order (shared by every renderer)."""
        return [self.queue_name, self.ahead_text, self.wait_text, self.time_text]
