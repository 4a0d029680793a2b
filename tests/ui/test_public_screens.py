"""The hall's public screens, offscreen, on the demo hall (SQLite and PostgreSQL), at a fixed
time on a working day: a ticket taken at the kiosk after an ID-card swipe (reader emulator on a
pty) shows in the display's waiting counts; a call made in another process shows on the
display and is queued to be spoken; a printer that fails is said on screen and the ticket is
not counted as printed; nothing of the swiped card but the masked name is ever drawn or
printed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QObject, QTimer

from counter import clock, display, kiosk
from counter.changes import Change
from counter.devices.emulator import IdCardReaderEmulator, PrinterEmulator
from counter.devices.idcard import make_card
from counter.domain.screens import voice_settings
from counter.domain.voice import announcement
from counter.services import calling
from counter.services.base import Actor, Runtime
from ui.devices import CardReaderService
from ui.hall_display import HallDisplay
from ui.kiosk import KioskScreen
from ui.kiosk_printer import EscPosPrinter, KioskPrinter, PdfPrinter
from ui.public_backend import ScreenBackend
from ui.voice import CallVoice, SilentBackend, Step, VoiceBackend, load_segments
from ui.window_display import WindowDisplay

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WORKING = dt.datetime(2025, 3, 12, 2, 30, tzinfo=dt.UTC)  # Wednesday 10:30 in the hall
NAME, ID_NUMBER = "欧阳娜娜", "11010519491231002X"
SECRETS = (NAME, NAME[1:], ID_NUMBER, ID_NUMBER[6:14], "北京市西城区")
WAIT = 20000


def card() -> Any:
    return make_card(
        name=NAME, sex="女", nation="汉", birth_date=dt.date(1949, 12, 31),
        address="北京市西城区复兴门外大街999号", id_number=ID_NUMBER,
        authority="北京市公安局西城分局", valid_from=dt.date(2010, 1, 1), valid_to="长期",
    )  # fmt: skip


class Recorder(VoiceBackend):
    """A voice without sound: records each step and finishes it on the next turn of the loop."""

    name = "recorder"

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[Step] = []

    def play(self, step: Step) -> None:
        self.steps.append(step)
        QTimer.singleShot(0, self.finished.emit)


class Hall:
    def __init__(self, url: str) -> None:
        self.url = url
        self.rt = Runtime(url)
        self.kiosk_backend: ScreenBackend[kiosk.Kiosk] = ScreenBackend(self.rt)
        self.kiosk_backend.ident = kiosk.open_kiosk(self.rt, "QS")
        self.screen_backend: ScreenBackend[display.Screen] = ScreenBackend(self.rt)
        self.screen_backend.ident = display.open_screen(self.rt, "QS")
        self.clerk = Actor.system(self.kiosk_backend.ident.hall_id)
        self.widgets: list[QObject] = []

    def set(self, **settings: Any) -> None:
        from sqlalchemy import select

        from db.models import Hall as HallRow

        with self.rt.unit() as s:
            row = s.scalars(select(HallRow).where(HallRow.code == "QS")).one()
            row.settings = {**(row.settings or {}), **settings}
        self.kiosk_backend.ident = kiosk.open_kiosk(self.rt, "QS")

    def kiosk(self, qtbot: Any, printer: KioskPrinter | None = None) -> KioskScreen:
        screen = KioskScreen(self.kiosk_backend, printer, live=True)
        qtbot.addWidget(screen)
        self.widgets.append(screen)
        screen.fit(1920, 1080)
        screen.show()
        screen.start()
        qtbot.waitUntil(lambda: screen.home is not None, timeout=WAIT)
        return screen

    def display(self, qtbot: Any, voice: CallVoice | None = None) -> HallDisplay:
        view = HallDisplay(self.screen_backend, speak=voice is not None, voice=voice)
        qtbot.addWidget(view)
        self.widgets.append(view)
        view.resize(1920, 1080)
        view.show()
        view.start()
        qtbot.waitUntil(
            lambda: view.state is not None and view.events is not None and view.events.connected,
            timeout=WAIT,
        )
        return view

    def close(self) -> None:
        for w in self.widgets:
            stop = getattr(w, "stop", None)
            if stop is not None:
                stop()
        self.kiosk_backend.close()
        self.screen_backend.close()
        self.rt.dispose()


@pytest.fixture
def hall(hall_url: str) -> Iterator[Hall]:
    clock.set_clock(lambda: WORKING)
    h = Hall(hall_url)
    try:
        yield h
    finally:
        h.close()
        clock.set_clock(None)


@pytest.fixture
def reader() -> Iterator[IdCardReaderEmulator]:
    emu = IdCardReaderEmulator(card=None).start()
    yield emu
    emu.stop()


def swipe(qtbot: Any, screen: KioskScreen, emu: IdCardReaderEmulator) -> CardReaderService:
    service = CardReaderService(emu.port, parent=screen)
    service.card_read.connect(screen.card_read)
    service.start()
    emu.present_card(card())
    qtbot.waitUntil(lambda: screen.holder is not None, timeout=WAIT)
    return service


def waiting(view: HallDisplay, prefix: str) -> int:
    return view.state.board.waiting(prefix) if view.state is not None else -1


def test_a_kiosk_ticket_after_a_card_swipe_shows_on_the_display(qtbot, hall, reader) -> None:
    view = hall.display(qtbot)
    screen = hall.kiosk(qtbot)
    assert waiting(view, "A") == 0
    service = swipe(qtbot, screen, reader)
    try:
        assert "欧***" in screen.swipe.text()
        done: list[str] = []
        screen.ticket_done.connect(lambda _t, how: done.append(how))
        screen.take("A")
        qtbot.waitUntil(lambda: done == ["shown"], timeout=WAIT)  # no printer: on screen
        assert screen.last_ticket is not None and screen.last_ticket.name_masked == "欧***"
        qtbot.waitUntil(lambda: waiting(view, "A") == 1, timeout=WAIT)
        qtbot.waitUntil(lambda: screen.home is not None and screen.home.queue("A").waiting == 1,
                        timeout=WAIT)  # fmt: skip
        assert view.reads == 1  # kept from events: the hall was read once
        screen.idle.timeout.emit()  # inactivity: back to the start, the card forgotten
        assert screen.stack.currentWidget() is screen.home_page and screen.holder is None
    finally:
        service.stop()


def test_a_call_made_in_another_process_shows_and_is_spoken(qtbot, hall) -> None:
    recorder = Recorder()
    voice = CallVoice(voice_settings({"voice_repeat": 2}), recorder)
    view = hall.display(qtbot, voice)
    k = hall.kiosk_backend.ident
    ticket = kiosk.take_ticket(hall.rt, k, "A")
    calling.open_window(hall.rt, hall.clerk, 1)
    shown: list[Any] = []
    view.call_shown.connect(shown.append)
    proc = subprocess.Popen(
        [sys.executable, "-m", "counter.commands.display_caller", "--db", hall.url, "--hall",
         "QS", "--calls", "1", "--windows", "1", "--interval-ms", "0", "--no-warm-up",
         "--at", WORKING.isoformat()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )  # fmt: skip
    try:
        assert proc.stdout is not None and proc.stdin is not None
        assert '"ready"' in proc.stdout.readline()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert shown[0].number == ticket.number and shown[0].window == 1
    current = view.state.board.current
    assert current is not None and current.number == ticket.number
    assert view.state.board.line(1).ticket == ticket.number
    view.grab()
    assert view.flashing and ticket.number in view.drawn and "请到 1 号窗口办理" in view.drawn
    qtbot.waitUntil(lambda: len(voice.history) == 1, timeout=WAIT)
    assert voice.history[0].text == f"请{ticket.number}号到1号窗口办理"
    assert [s.kind for s in recorder.steps] == ["chime", "say", "pause", "say", "pause"]


def test_the_voice_queue_orders_and_repeats_calls(qtbot) -> None:
    recorder = Recorder()
    voice = CallVoice(voice_settings({"voice_repeat": 3, "voice_chime": True}), recorder)
    started: list[str] = []
    voice.started.connect(lambda a: started.append(f"{a.number}@{a.window}#{a.recall}"))
    assert voice.announce(announcement("A001", 3, key=(1, 3, 0)))
    assert voice.announce(announcement("A002", 5, key=(2, 5, 0)))
    assert not voice.announce(announcement("A002", 5, key=(2, 5, 0)))  # queued already
    assert voice.busy and [c.number for c in voice.pending] == ["A002"]  # never over each other
    assert voice.announce(announcement("A001", 3, key=(1, 3, 1)))  # a recall: said again
    with qtbot.waitSignal(voice.idle, timeout=WAIT):
        pass
    assert started == ["A001@3#0", "A002@5#0", "A001@3#1"]
    said = [s.call.number for s in recorder.steps if s.kind == "say" and s.call]
    assert said == ["A001"] * 3 + ["A002"] * 3 + ["A001"] * 3
    kinds = [s.kind for s in recorder.steps]
    assert kinds[:7] == ["chime", "say", "pause", "say", "pause", "say", "pause"]
    assert kinds.count("chime") == 3


def test_the_recorded_segments_play_through_the_silent_queue(qtbot) -> None:
    segments = load_segments()
    backend = SilentBackend(segments, scale=0.01)
    call = announcement("B012", 14)
    assert backend.duration_ms(Step("say", call)) > 1500  # about 12 words of real recordings
    voice = CallVoice(voice_settings({"voice_repeat": 2}), backend)
    voice.announce(call)
    with qtbot.waitSignal(voice.spoken, timeout=WAIT) as blocker:
        pass
    assert blocker.args[0].number == "B012"


def test_calls_heard_by_the_display_are_spoken_in_order(qtbot, hall) -> None:
    recorder = Recorder()
    voice = CallVoice(voice_settings({}), recorder)
    view = hall.display(qtbot, voice)
    k = hall.kiosk_backend.ident
    for _ in range(3):
        kiosk.take_ticket(hall.rt, k, "A")
    for number in (1, 2):
        calling.open_window(hall.rt, hall.clerk, number)
    first = calling.call_next(hall.rt, hall.clerk, 2)
    second = calling.call_next(hall.rt, hall.clerk, 1)
    calling.recall(hall.rt, hall.clerk, 2)
    assert first is not None and second is not None
    qtbot.waitUntil(lambda: len(voice.history) == 3, timeout=WAIT)
    assert [(a.number, a.window, a.recall) for a in voice.history] == [
        (first.ticket.number, 2, 0), (second.ticket.number, 1, 0), (first.ticket.number, 2, 1),
    ]  # fmt: skip
    assert view.state.board.current.number == first.ticket.number  # the recall is on top


@pytest.mark.parametrize("policy", ["show", "void"])
def test_a_printer_failure_is_shown_and_the_ticket_not_counted_as_printed(
    qtbot, hall, policy: str
) -> None:
    hall.set(kiosk_print_failure=policy)
    view = hall.display(qtbot)
    with PrinterEmulator(paper="out") as printer:
        screen = hall.kiosk(qtbot, EscPosPrinter(printer.port))
        done: list[str] = []
        screen.ticket_done.connect(lambda _t, how: done.append(how))
        screen.take("A")
        qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
        assert b"\x10\x04\x04" in printer.received  # the paper sensor was asked
        assert screen.last_ticket is not None
        assert screen.last_ticket.number.encode() not in printer.received  # nothing printed
    assert "缺纸" in screen.status.text() and screen.status.property("kind") == "error"
    summary = kiosk.hand_out_summary(hall.rt, hall.kiosk_backend.ident)
    assert summary.issued == 1 and summary.printed == 0
    if policy == "show":
        assert done == ["shown"] and summary.shown == 1
        assert "拍照" in screen.status.text() and screen.big_number.text() == "A001"
        qtbot.waitUntil(lambda: waiting(view, "A") == 1, timeout=WAIT)
    else:
        assert done == ["voided"] and summary.voided == 1
        assert screen.big_number.property("kind") == "void"
        assert "已取消" in screen.result_text.text()
        qtbot.waitUntil(lambda: view.state.board.counts["A"].version >= 2, timeout=WAIT)
        assert waiting(view, "A") == 0  # issued, then voided: the line is empty again
    screen.go_home()
    qtbot.waitUntil(lambda: screen.banner.isVisible(), timeout=WAIT)
    assert "缺纸" in screen.banner.text()  # the next citizen is told before choosing


def test_a_printed_ticket_reaches_the_printer(qtbot, hall) -> None:
    with PrinterEmulator() as printer:
        screen = hall.kiosk(qtbot, EscPosPrinter(printer.port))
        done: list[str] = []
        screen.ticket_done.connect(lambda _t, how: done.append(how))
        screen.take("D")
        qtbot.waitUntil(lambda: done == ["printed"], timeout=WAIT)
        assert printer.wait_for(b"\x1dVB\x00")
        data = printer.received
    assert b"D001" in data and "咨询".encode("gb18030") in data and b"\x1d(k" in data
    assert kiosk.hand_out_summary(hall.rt, hall.kiosk_backend.ident).printed == 1
    assert "取走" in screen.status.text()


def test_an_offline_printer_is_said_on_screen(qtbot, hall, tmp_path) -> None:
    screen = hall.kiosk(qtbot, EscPosPrinter(str(tmp_path / "no-such-port")))
    done: list[str] = []
    screen.ticket_done.connect(lambda _t, how: done.append(how))
    screen.take("A")
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert done == ["shown"] and "打印机故障" in screen.status.text()


def test_refusals_on_the_kiosk(qtbot, hall) -> None:
    from sqlalchemy import update

    from db.models import Queue

    with hall.rt.unit() as s:
        s.execute(update(Queue).where(Queue.prefix == "C").values(daily_cap=1))
    screen = hall.kiosk(qtbot)
    refused: list[Exception] = []
    screen.refused.connect(refused.append)
    kiosk.take_ticket(hall.rt, hall.kiosk_backend.ident, "C")
    screen.take("C")  # the button was still enabled: another kiosk took the last one
    qtbot.waitUntil(lambda: bool(refused), timeout=WAIT)
    assert screen.refusal.text() == "今日号票已取完" and "上限1张" in screen.message.text()
    screen.go_home()
    qtbot.waitUntil(lambda: "今日号票已取完" in screen.queue_buttons["C"].line.text(),
                    timeout=WAIT)  # fmt: skip
    assert not screen.queue_buttons["C"].isEnabled() and screen.queue_buttons["A"].isEnabled()
    clock.set_clock(lambda: dt.datetime(2025, 10, 1, 2, 30, tzinfo=dt.UTC))
    screen.go_home()
    qtbot.waitUntil(lambda: "国庆" in screen.banner.text(), timeout=WAIT)
    assert not any(b.isEnabled() for b in screen.queue_buttons.values())


def test_full_screen_is_left_only_with_a_managers_sign_in(qtbot, hall) -> None:
    screen = hall.kiosk(qtbot)
    assert screen.locked and not screen.close() and screen.isVisible()
    for _ in range(5):
        screen.corner.click()
    assert screen.stack.currentWidget() is screen.unlock_page
    screen.staff_entry.setText("1001")  # a clerk
    screen.password_entry.setText("demo1234")
    screen._unlock()
    qtbot.waitUntil(lambda: "无权" in screen.unlock_note.text(), timeout=WAIT)
    assert screen.locked
    screen.staff_entry.setText("4001")  # the hall manager
    screen.password_entry.setText("demo1234")
    screen._unlock()
    qtbot.waitUntil(lambda: not screen.locked, timeout=WAIT)
    assert screen.close()


def test_nothing_of_the_card_but_the_masked_name_is_ever_drawn(qtbot, hall, reader, tmp_path):
    seen: list[str] = []
    view = hall.display(qtbot)
    pdfs = PdfPrinter(tmp_path / "tickets")
    with PrinterEmulator() as paper:
        screen = hall.kiosk(qtbot, EscPosPrinter(paper.port))
        service = swipe(qtbot, screen, reader)
        try:
            seen += screen.visible_texts()
            done: list[str] = []
            screen.ticket_done.connect(lambda _t, how: done.append(how))
            screen.take("A")
            qtbot.waitUntil(lambda: done == ["printed"], timeout=WAIT)
            ticket = screen.last_ticket
            assert ticket is not None
            seen += screen.visible_texts()
            assert paper.wait_for(b"\x1dVB\x00")
            printed = paper.received.decode("gb18030", errors="replace")
        finally:
            service.stop()
    assert "欧***" in printed and ticket.number in printed
    pdfs.print_slip(ticket.slip)
    pdf_text = subprocess.run(
        ["pdftotext", str(pdfs.written[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "欧***" in pdf_text and "综合受理" in pdf_text
    from ui.ticket_print import ticket_lines

    drawn_on_paper = list(ticket_lines(ticket.slip).values())  # what the Qt renderer draws
    calling.open_window(hall.rt, hall.clerk, 5)
    calling.call_next(hall.rt, hall.clerk, 5)
    qtbot.waitUntil(lambda: view.state.board.current is not None, timeout=WAIT)
    view.grab()
    seen += view.drawn
    assert ticket.number in view.drawn
    win = WindowDisplay(hall.screen_backend, 5)
    qtbot.addWidget(win)
    hall.widgets.append(win)
    win.resize(1280, 720)
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.panel is not None, timeout=WAIT)
    win.grab()
    seen += win.drawn
    assert ticket.number in win.drawn
    everything = "\n".join([*seen, *drawn_on_paper, printed, pdf_text, repr(ticket)])
    for secret in SECRETS:
        assert secret not in everything, secret


def test_the_display_keeps_its_last_state_when_the_connection_drops(qtbot, hall) -> None:
    view = hall.display(qtbot)
    assert view.events is not None
    before = view.state
    view.events.lost.emit()
    assert view.offline and view.state is before
    view.grab()
    assert any("重连" in t for t in view.drawn)
    view.events.restored.emit()
    view.grab()
    assert not view.offline and not any("重连" in t for t in view.drawn)


def test_the_display_reads_the_hall_again_when_the_day_is_over(qtbot, hall) -> None:
    view = hall.display(qtbot)
    reads = view.reads
    view.on_change(Change("queue.expired", view.state.board.hall_id, {"count": 0}, id=None))
    qtbot.waitUntil(lambda: view.reads == reads + 1, timeout=WAIT)


def test_screenshots_of_the_public_screens(qtbot, sqlite_hall_url, tmp_path) -> None:
    from ui.public_screenshots import take_public_screenshots

    files = take_public_screenshots(tmp_path, sqlite_hall_url)
    names = [f.name for f in files]
    assert names == [
        "40-kiosk-start.png", "41-kiosk-search.png", "42-kiosk-ticket.png",
        "43-kiosk-cap-reached.png", "44-display-calls.png", "45-window-display.png",
        "46-window-display-strip.png",
    ]  # fmt: skip
    from PySide6.QtGui import QImage

    assert QImage(str(files[4])).size().toTuple() == (1920, 1080)
    assert QImage(str(files[6])).size().toTuple() == (1920, 360)


@pytest.mark.parametrize(
    ("size", "scale"), [((1920, 1080), 1.0), ((1366, 768), 768 / 1080), ((3840, 2160), 2.0)]
)
def test_the_hall_display_fills_common_screens(size: tuple[int, int], scale: float) -> None:
    """The 1920×1080 layout scales to a 1366×768 screen and to 4K without cropping: the whole
    canvas stays inside the screen and fills it (up to a pixel of letterbox at 1366×768)."""
    from ui.board_paint import Frame

    w, h = size
    f = Frame.fit(w, h, 1920, 1080)
    assert f.scale == pytest.approx(scale)
    r = f.rect(0, 0, 1920, 1080)
    assert r.left() >= 0 and r.top() >= 0
    assert r.right() <= w + 1e-6 and r.bottom() <= h + 1e-6
    assert r.width() >= w - 2 and r.height() >= h - 2
