"""The public screens' pure rules: item routes, settings read defensively, the spoken call, the
display's board kept from events in any order, the ticket slip's privacy, ESC/POS QR and paper
status."""

from __future__ import annotations

import datetime as dt
import random
import wave
from pathlib import Path

import pytest

from counter.changes import Change
from counter.devices.escpos import Paper, paper_status, render_ticket
from counter.documents.qr import qr_matrix
from counter.documents.ticket import TicketSlip
from counter.domain.board import Board, BoardQueue, BoardWindow, apply_change
from counter.domain.live import QueueCount, WindowLine
from counter.domain.screens import Routes, display_settings, kiosk_settings, qr_text
from counter.domain.voice import SEGMENTS, announcement, chinese_numeral
from counter.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2025, 3, 12)
AT = dt.datetime(2025, 3, 12, 2, 30, tzinfo=dt.UTC)


def test_routes_send_an_item_to_its_queue() -> None:
    r = Routes.parse(
        {"default": "a", "departments": {"社会保障服务中心": "B", "MZ": "D"}, "items": {"X-1": "C"}}
    )
    queues = ("A", "B", "C", "D")
    assert r.queue_for("X-1", "社会保障服务中心", queues) == "C"  # the item wins
    assert r.queue_for("X-2", "社会保障服务中心", queues) == "B"
    assert r.queue_for("X-3", "民政办", queues, department_code="MZ") == "D"
    assert r.queue_for("X-4", "民政办", queues) == "A"
    assert r.queue_for("X-4", "民政办", ("C", "D")) == "C"  # default gone: the first queue
    assert r.queue_for("X-1", "", ()) is None
    assert Routes.parse("nonsense").queue_for("X", "", queues) == "A"


def test_settings_of_the_wrong_type_take_their_defaults() -> None:
    k = kiosk_settings(
        {
            "kiosk_idle_seconds": "soon",
            "kiosk_green_channel": 1,
            "kiosk_green_reasons": ["elderly", "nobody"],
            "kiosk_print_failure": "burn",
            "kiosk_result_seconds": 10_000,
        }
    )
    assert k.idle_seconds == 40 and k.green_channel is True and k.print_failure == "show"
    assert k.green_reasons == (("elderly", "老年人"),)
    assert k.result_seconds == 120
    d = display_settings({"voice_repeat": 9, "voice_mode": "loud", "display_notice": "  hi "})
    assert d.voice.repeat == 5 and d.voice.mode == "auto" and d.notice == "hi"
    assert kiosk_settings({"kiosk_green_reasons": []}).green_channel is False


def test_qr_payload_from_the_hall_template() -> None:
    assert qr_text("", hall="QS", number="A001", day=DAY, ticket_id=7) == ""
    text = qr_text("https://x/{hall}/{day}/{number}?t={ticket_id}&u={user}", hall="QS",
                   number="A001", day=DAY, ticket_id=7)  # fmt: skip
    assert text == "https://x/QS/2025-03-12/A001?t=7&u={user}"
    matrix = qr_matrix(text)
    assert len(matrix) == len(matrix[0]) >= 21


def test_numbers_as_said_aloud() -> None:
    assert [chinese_numeral(n) for n in (1, 3, 10, 14, 20, 21, 100, 105, 110)] == [
        "一", "三", "十", "十四", "二十", "二十一", "一百", "一百零五", "一百一十",
    ]  # fmt: skip


def test_the_call_in_words_and_in_segments() -> None:
    a = announcement("a001", 14, key=(9, 14, 1))
    assert a.text == "请A001号到14号窗口办理"
    assert a.spoken == "请 A 零零一 号，到 十四 号窗口办理"
    assert a.segments == (
        "qing", "letter_a", "digit_0", "digit_0", "digit_1", "hao", "dao",
        "shi", "digit_4", "hao", "chuangkou", "banli",
    )  # fmt: skip
    assert a.recall == 1 and set(a.segments) <= set(SEGMENTS)


def test_every_segment_is_shipped_as_a_wav() -> None:
    folder = ROOT / "resources" / "sounds" / "zh"
    rates = set()
    for name in SEGMENTS:
        with wave.open(str(folder / f"{name}.wav"), "rb") as w:
            assert w.getnchannels() == 1 and w.getsampwidth() == 2
            assert w.getnframes() > w.getframerate() // 20  # longer than 50 ms
            rates.add(w.getframerate())
    assert len(rates) == 1


def _board() -> Board:
    return Board(
        hall_id=1,
        day=DAY,
        queues=(BoardQueue("A", "综合受理"), BoardQueue("B", "社保医保")),
        windows=(BoardWindow(1, "1号窗口"), BoardWindow(2, "2号窗口")),
        counts={"A": QueueCount("A", DAY, 0, 0)},
        lines={1: WindowLine(1, "open", None, None, 0)},
    )


def _called(cid: int, tid: int, number: str, window: int, v_win: int, v_q: int, waiting: int,
            at: dt.datetime = AT) -> Change:  # fmt: skip
    return Change(
        "ticket.called",
        1,
        {
            "ticket_id": tid,
            "number": number,
            "queue": "A",
            "window": window,
            "state": "called",
            "windows": {
                str(window): {
                    "state": "open",
                    "ticket": number,
                    "ticket_state": "called",
                    "v": v_win,
                }
            },  # fmt: skip
            "queues": {"A": {"day": DAY.isoformat(), "waiting": waiting, "v": v_q}},
        },
        at=at.isoformat(),
        id=cid,
    )


def test_the_board_is_right_whatever_order_the_events_come_in() -> None:
    issued = [
        Change(
            "ticket.issued",
            1,
            {"queues": {"A": {"day": "2025-03-12", "waiting": n, "v": n}}},
            at=AT.isoformat(),
            id=n,
        )  # fmt: skip
        for n in range(1, 6)
    ]
    calls = [
        _called(6, 1, "A001", 1, 1, 6, 4, AT + dt.timedelta(seconds=10)),
        _called(7, 2, "A002", 2, 1, 7, 3, AT + dt.timedelta(seconds=20)),
    ]
    rng = random.Random(4)
    for _ in range(20):
        events = issued + calls
        rng.shuffle(events)
        board = _board()
        for e in events:
            board, _call = apply_change(board, e)
        assert board.waiting("A") == 3
        assert board.lines[1].ticket == "A001" and board.lines[2].ticket == "A002"
        assert {c.number for c in board.calls} == {"A001", "A002"}


def test_a_call_is_news_once_and_a_recall_moves_it_back_to_the_top() -> None:
    board = _board()
    board, first = apply_change(board, _called(1, 1, "A001", 1, 1, 1, 0))
    board, second = apply_change(
        board, _called(2, 2, "A002", 2, 1, 2, 0, AT + dt.timedelta(seconds=5))
    )
    assert first is not None and second is not None and board.current.number == "A002"
    again, dup = apply_change(board, _called(1, 1, "A001", 1, 1, 1, 0))
    assert dup is None and again.calls == board.calls
    recall = Change("ticket.recalled", 1, {"ticket_id": 1, "number": "A001", "window": 1,
                                            "recall_count": 1},
                    at=(AT + dt.timedelta(seconds=30)).isoformat(), id=3)  # fmt: skip
    board, call = apply_change(board, recall)
    assert call is not None and call.recall == 1
    assert [c.number for c in board.calls] == ["A001", "A002"]


def test_yesterdays_counts_and_calls_do_not_show_today() -> None:
    board, _ = apply_change(_board(), _called(1, 1, "A001", 1, 1, 1, 7))
    assert board.waiting("A") == 7
    tomorrow = board.on_day(DAY + dt.timedelta(days=1))
    assert tomorrow.waiting("A") == 0 and tomorrow.calls == ()


def _slip(**over: object) -> TicketSlip:
    fields: dict[str, object] = dict(hall_name="青山镇便民服务中心", number="A015",
                                     queue_name="综合受理", people_ahead=3, wait_minutes=12,
                                     issued_at=AT, barcode="A015")  # fmt: skip
    fields.update(over)
    return TicketSlip(**fields)  # type: ignore[arg-type]


def test_a_slip_takes_only_a_masked_name() -> None:
    with pytest.raises(InvalidInput):
        _slip(name_masked="张三")
    with pytest.raises(InvalidInput):
        _slip(qr="https://x/?id=11010519491231002X")
    data = render_ticket(_slip(name_masked="张*", qr="https://x/q", qr_caption="扫码评价",
                               priority="绿色通道·老年人"))  # fmt: skip
    assert "张*".encode("gb18030") in data and "绿色通道·老年人".encode("gb18030") in data
    assert b"\x1d(k\x0e\x00\x31\x50\x30https://x/q" in data  # QR stored ...
    assert b"\x1d(k\x03\x00\x31\x51\x30" in data  # ... and printed


def test_paper_status_bytes() -> None:
    assert paper_status(0x12) is Paper.OK
    assert paper_status(0x1E) is Paper.NEAR_END
    assert paper_status(0x72) is Paper.OUT
    assert paper_status(0xFF) is Paper.OK  # not a status byte
