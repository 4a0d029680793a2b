"""Spoken calls (语音叫号), pure: what is said for a call, as text for a speech engine and as
the sequence of recorded segments (录音片段) that says the same thing.

"请A001号到3号窗口办理": the ticket number is read letter by letter and digit by digit
("A 零 零 一", as halls do, so 101 and 11 never sound alike), the window number as a Chinese
numeral ("十四号窗口"). The segments are files named by :data:`SEGMENTS` (``resources/sounds``):
``chime`` first, then one file per word, letter or digit.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter.domain.ticketing import call_announcement, parse_ticket_number

__all__ = [
    "CHIME",
    "SEGMENTS",
    "Announcement",
    "announcement",
    "chinese_numeral",
]

CHIME = "chime"
DIGITS = "零一二三四五六七八九"
# Words of the call, in the order they are said, with their segment names.
WORDS = {"请": "qing", "号": "hao", "到": "dao", "窗口": "chuangkou", "办理": "banli"}
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: Every segment a call can use: the chime, the words, letters A–Z, digits 0–9, 十 and 百.
SEGMENTS: tuple[str, ...] = (
    CHIME,
    *WORDS.values(),
    *(f"letter_{c.lower()}" for c in LETTERS),
    *(f"digit_{d}" for d in range(10)),
    "shi",
    "bai",
)


def chinese_numeral(n: int) -> str:
    """1–999 as said aloud: 3 → 三, 10 → 十, 14 → 十四, 20 → 二十, 105 → 一百零五; other
    numbers digit by digit."""
    if not 1 <= n <= 999:
        return "".join(DIGITS[int(d)] for d in str(abs(n)))
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        out += DIGITS[ones]
    return out


def _numeral_segments(text: str) -> list[str]:
    out = []
    for ch in text:
        if ch == "十":
            out.append("shi")
        elif ch == "百":
            out.append("bai")
        else:
            out.append(f"digit_{DIGITS.index(ch)}")
    return out


@dataclass(frozen=True)
class Announcement:
    """One call to say: ``text`` as shown ("请A001号到3号窗口办理"), ``spoken`` for a speech
    engine (digits spelled out), ``segments`` for recorded files; ``key`` identifies the call
    (ticket id, window, recall count) so that the same call is never queued twice."""

    number: str
    window: int
    text: str
    spoken: str
    segments: tuple[str, ...]
    key: tuple[int, int, int] = (0, 0, 0)
    recall: int = 0


def announcement(
    number: str, window: int, *, key: tuple[int, int, int] = (0, 0, 0)
) -> Announcement:
    """The announcement of ticket ``number`` called to window ``window`` (a chime is the
    player's business: it comes before, once per call)."""
    prefix, _seq = parse_ticket_number(number)
    canonical = number.strip().upper()
    digits = canonical[len(prefix) :]
    window_words = chinese_numeral(int(window))
    spoken = (
        f"请 {' '.join(prefix)} {''.join(DIGITS[int(d)] for d in digits)} 号，"
        f"到 {window_words} 号窗口办理"
    )
    segments = [
        WORDS["请"],
        *(f"letter_{c.lower()}" for c in prefix),
        *(f"digit_{d}" for d in digits),
        WORDS["号"],
        WORDS["到"],
        *_numeral_segments(window_words),
        WORDS["号"],
        WORDS["窗口"],
        WORDS["办理"],
    ]
    return Announcement(
        number=canonical,
        window=int(window),
        text=call_announcement(canonical, int(window)),
        spoken=spoken,
        segments=tuple(segments),
        key=key,
        recall=key[2],
    )
