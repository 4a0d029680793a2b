"""Device emulators on pseudo-terminals, for tests and demos (no hardware needed).

:class:`IdCardReaderEmulator` serves the SAM protocol (GA/T 467) on the master side of a pty;
the client opens :attr:`~PtyDevice.port` (``/dev/pts/N``) like a real reader. Its behaviour is
scriptable while it runs:

- a card present or absent (:meth:`~IdCardReaderEmulator.present_card`,
  :meth:`~IdCardReaderEmulator.remove_card`); after a successful read, finds fail until the card
  is presented again, like a real SAM;
- faults on the next replies: noise before the preamble, replies dribbled a few bytes at a time,
  a bad checksum, a reply cut short, no reply at all (:meth:`~IdCardReaderEmulator.inject`).

:class:`ScannerEmulator` plays a serial barcode scanner: :meth:`~ScannerEmulator.scan` types a
code with its terminator; :meth:`~ScannerEmulator.unplug` / :meth:`~ScannerEmulator.replug`
make the port vanish and come back under the same path (a symlink, as udev gives a stable
``/dev/serial/by-id`` name).

Both run one thread each and stop cleanly (:meth:`~PtyDevice.stop`, or a ``with`` block).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import logging
import os
import select
import threading
import time
import tty
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from counter.devices.idcard import IdCard, make_card, read_reply_data
from counter.devices.sam import Command, FrameDecoder, Request, Status, encode_reply

log = logging.getLogger(__name__)

_POLL = 0.02  # how often the emulator thread looks at its stop flag


class PtyDevice:
    """A pseudo-terminal pair whose master end a device thread serves.

    ``link``: optional path of a symlink to the slave, kept pointing at the current pty (the
    stable name the client opens across :meth:`unplug` / :meth:`replug`).
    """

    def __init__(self, link: str | os.PathLike[str] | None = None) -> None:
        self.link = Path(link) if link is not None else None
        self._master = -1
        self._slave = -1
        self._slave_name = ""
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._open_pty()

    # -- pty -------------------------------------------------------------------------------

    def _open_pty(self) -> None:
        master, slave = os.openpty()
        # Raw: no echo, no CR/LF translation, so bytes reach the client as written even before
        # it configures the port itself.
        tty.setraw(slave)
        os.set_blocking(master, False)
        with self._lock:
            self._master, self._slave = master, slave
            self._slave_name = os.ttyname(slave)
        if self.link is not None:
            tmp = self.link.with_name(self.link.name + ".tmp")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(self._slave_name)
            tmp.replace(self.link)

    def _close_pty(self) -> None:
        with self._lock:
            master, slave = self._master, self._slave
            self._master = self._slave = -1
        if self.link is not None:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
        for fd in (master, slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)

    @property
    def port(self) -> str:
        """What the client opens: the symlink if any, else ``/dev/pts/N``."""
        return str(self.link) if self.link is not None else self._slave_name

    @property
    def slave_name(self) -> str:
        return self._slave_name

    # The lock is held across select + read/write so that a descriptor closed by unplug() and
    # reused by another open (the client reopening its port) is never read by mistake.

    def write(self, data: bytes) -> None:
        """Write all of ``data`` to the master; gives up quietly when stopping or unplugged."""
        view = memoryview(data)
        while view and not self._stop.is_set():
            with self._lock:
                fd = self._master
                if fd < 0:
                    return
                try:
                    _, writable, _ = select.select([], [fd], [], _POLL)
                    if writable:
                        view = view[os.write(fd, view) :]
                except (BlockingIOError, InterruptedError):
                    continue
                except (OSError, ValueError):
                    return

    def read_available(self, timeout: float = _POLL) -> bytes:
        """Bytes the client wrote, waiting at most ``timeout``; b"" when none."""
        with self._lock:
            fd = self._master
            if fd >= 0:
                try:
                    readable, _, _ = select.select([fd], [], [], timeout)
                    if readable:
                        return os.read(fd, 4096)
                    return b""
                except (BlockingIOError, InterruptedError):
                    return b""
                except (OSError, ValueError):
                    pass  # EIO while nobody holds the slave open; the client comes back later
        # Not under the lock: let unplug()/replug() and writers in meanwhile.
        time.sleep(timeout)
        return b""

    # -- thread ----------------------------------------------------------------------------

    def start(self) -> Self:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:  # pragma: no cover - overridden
        while not self._stop.is_set():
            self.read_available()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread and close the pty. Idempotent."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():  # pragma: no cover - a bug, but never hang a test run
                log.error("%s thread did not stop", type(self).__name__)
            self._thread = None
        self._close_pty()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------
# ID-card reader
# --------------------------------------------------------------------------------------------


class Fault(enum.Enum):
    """A fault the emulator applies to one reply."""

    NOISE = "noise"  # junk bytes (with a false preamble start) before the reply
    DRIBBLE = "dribble"  # the reply in chunks of a few bytes, with small pauses
    BAD_CHECKSUM = "bad_checksum"  # last byte flipped
    TRUNCATE = "truncate"  # only the first part of the reply, then silence
    SILENCE = "silence"  # no reply at all
    BAD_LENGTH = "bad_length"  # an impossible Len field
    FALSE_PREAMBLE = "false_preamble"  # noise with a preamble announcing a 2 KiB frame


@dataclass
class _FaultRule:
    fault: Fault
    remaining: int  # replies still to damage; < 0 means forever
    command: Command | None  # only replies to this command; None = any


@dataclass
class _StatusRule:
    command: Command
    sw3: int
    remaining: int  # < 0 means forever


def sample_card() -> IdCard:
    """A specimen resident card (fictional holder; the ID number is the standard's example)."""
    return make_card(
        name="张三",
        sex="女",
        nation="汉",
        birth_date=dt.date(1949, 12, 31),
        address="北京市西城区复兴门外大街999号院11号楼3单元502室",
        id_number="11010519491231002X",
        authority="北京市公安局西城分局",
        valid_from=dt.date(2010, 1, 1),
        valid_to="长期",
        photo=bytes(range(256)) * 4,
    )


@dataclass
class ReaderStats:
    """What the emulator saw (for assertions)."""

    requests: list[Request] = field(default_factory=list)
    reads: int = 0  # successful 30 01 / 30 10 replies sent
    bad_requests: int = 0


class IdCardReaderEmulator(PtyDevice):
    """A SAM reader on a pty. ``card``: the card on the reader at start (None = absent)."""

    def __init__(
        self,
        card: IdCard | None = None,
        *,
        sam_id: bytes = bytes(range(16)),
        dribble_chunk: int = 3,
        dribble_pause: float = 0.001,
        refind_after_read: bool = False,
        link: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(link)
        self.sam_id = sam_id
        # True plays a reader that breaks the one-read-per-presentation rule (finds the card
        # again right after reading it), to test the session's own guard.
        self.refind_after_read = refind_after_read
        self.dribble_chunk = dribble_chunk
        self.dribble_pause = dribble_pause
        self.stats = ReaderStats()
        self._card: IdCard | None = card
        # Per presentation: findable until read; selected after a select.
        self._findable = card is not None
        self._selected = False
        self._faults: deque[_FaultRule] = deque()
        self._statuses: list[_StatusRule] = []
        self._state_lock = threading.Lock()

    # -- scripting -------------------------------------------------------------------------

    def present_card(self, card: IdCard | None = None) -> None:
        """Put a card (the previous one if None) on the reader: a new presentation."""
        with self._state_lock:
            if card is not None:
                self._card = card
            self._findable = self._card is not None
            self._selected = False

    def remove_card(self) -> None:
        with self._state_lock:
            self._findable = False
            self._selected = False

    def inject(self, fault: Fault, times: int = 1, command: Command | None = None) -> None:
        """Apply ``fault`` to the next ``times`` replies (to ``command`` only, if given);
        ``times`` < 0 means every such reply from now on."""
        with self._state_lock:
            self._faults.append(_FaultRule(fault, times, command))

    def force_status(self, command: Command, sw3: int, times: int = 1) -> None:
        """Answer the next ``times`` ``command`` requests with status ``sw3`` and no data
        (e.g. 0x66 SAM not authorised); ``times`` < 0 means from now on."""
        with self._state_lock:
            self._statuses.append(_StatusRule(command, sw3, times))

    def clear_faults(self) -> None:
        with self._state_lock:
            self._faults.clear()
            self._statuses.clear()

    def _forced_status(self, command: Command | None) -> int | None:
        for rule in self._statuses:
            if rule.command is command:
                if rule.remaining > 0:
                    rule.remaining -= 1
                    if rule.remaining == 0:
                        self._statuses.remove(rule)
                return rule.sw3
        return None

    # -- serving ---------------------------------------------------------------------------

    def _run(self) -> None:
        decoder = FrameDecoder()
        while not self._stop.is_set():
            data = self.read_available()
            if not data:
                continue
            for item in decoder.feed(data):
                if isinstance(item, Exception):
                    self.stats.bad_requests += 1
                    self._send(encode_reply(0x10), None)  # 校验和错 / framing error
                    continue
                request = item.request()
                self.stats.requests.append(request)
                self._send(self._answer(request), request.command)

    def _answer(self, request: Request) -> bytes:
        with self._state_lock:
            command = request.command
            forced = self._forced_status(command)
            if forced is not None:
                return encode_reply(forced)
            if command is Command.FIND_CARD:
                if self._card is not None and self._findable:
                    return encode_reply(Status.CARD_FOUND, b"\x00\x00\x00\x00")
                return encode_reply(0x80)
            if command is Command.SELECT_CARD:
                if self._card is not None and self._findable:
                    self._selected = True
                    return encode_reply(Status.SUCCESS, b"\x00" * 8)
                return encode_reply(0x81)
            if command in (Command.READ_TEXT_PHOTO, Command.READ_TEXT_PHOTO_FINGERPRINT):
                if self._card is None or not self._selected:
                    return encode_reply(0x41)
                # Read done: this presentation can no longer be found (the SAM's rule).
                self._findable = self.refind_after_read
                self.stats.reads += 1
                data = read_reply_data(self._card)
                if command is Command.READ_TEXT_PHOTO_FINGERPRINT:
                    data = data[:2] + data[2:4] + (1024).to_bytes(2, "big") + data[4:]
                    data += b"\x00" * 1024
                return encode_reply(Status.SUCCESS, data)
            if command is Command.READ_APPENDED_ADDRESS:
                return encode_reply(0x91) if self._selected else encode_reply(0x41)
            if command in (Command.RESET_SAM, Command.SAM_STATUS):
                return encode_reply(Status.SUCCESS)
            if command is Command.READ_SAM_ID:
                return encode_reply(Status.SUCCESS, self.sam_id)
            if request.cmd == 0x60 and request.para <= 4:
                return encode_reply(Status.SUCCESS)
            return encode_reply(0x21)

    def _take_faults(self, command: Command | None) -> set[Fault]:
        """The faults to apply to this reply: one use of every rule that matches ``command``."""
        faults: set[Fault] = set()
        with self._state_lock:
            for rule in list(self._faults):
                if rule.command is not None and rule.command is not command:
                    continue
                if rule.fault in faults:
                    continue  # the same fault twice on one reply: leave the rule for the next
                faults.add(rule.fault)
                if rule.remaining > 0:
                    rule.remaining -= 1
                    if rule.remaining == 0:
                        self._faults.remove(rule)
        return faults

    def _send(self, reply: bytes, command: Command | None) -> None:
        faults = self._take_faults(command)
        if Fault.SILENCE in faults:
            return
        if Fault.BAD_CHECKSUM in faults:
            reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
        if Fault.BAD_LENGTH in faults:
            reply = reply[:5] + b"\xff\xff" + reply[7:]
        if Fault.TRUNCATE in faults:
            reply = reply[: max(8, len(reply) // 2)]
        if Fault.FALSE_PREAMBLE in faults:
            reply = b"\xaa\xaa\xaa\x96\x69\x08\x00\x01" + reply
        if Fault.NOISE in faults:
            # Junk that even ends like the start of a preamble, to exercise resynchronisation.
            reply = b"\x00\xff\x13\xaa\xaa\x37\xaa\xaa\xaa\x96" + reply
        if Fault.DRIBBLE in faults:
            # A few bytes at a time through the header and status (where a decoder must cope
            # with partial preambles and lengths), then bigger pieces so a 1295-byte reply still
            # arrives well within a command timeout.
            i, pieces = 0, 0
            while i < len(reply):
                size = self.dribble_chunk if pieces < 24 else 128
                self.write(reply[i : i + size])
                i += size
                pieces += 1
                time.sleep(self.dribble_pause)
        else:
            self.write(reply)


# --------------------------------------------------------------------------------------------
# Serial barcode scanner
# --------------------------------------------------------------------------------------------


class ScannerEmulator(PtyDevice):
    """A serial barcode scanner on a pty: :meth:`scan` sends ``prefix + code + terminator``."""

    def __init__(
        self,
        *,
        terminator: bytes = b"\r",
        prefix: str = "",
        encoding: str = "utf-8",
        link: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(link)
        self.terminator = terminator
        self.prefix = prefix
        self.encoding = encoding

    def _run(self) -> None:
        while not self._stop.is_set():
            self.read_available()  # a scanner ignores what the host sends

    def scan(self, code: str, *, chunk: int = 0) -> None:
        """Send one code; ``chunk`` > 0 splits it into writes of that many bytes."""
        data = (self.prefix + code).encode(self.encoding) + self.terminator
        if chunk <= 0:
            self.write(data)
            return
        for i in range(0, len(data), chunk):
            self.write(data[i : i + chunk])
            time.sleep(0.001)

    def send_raw(self, data: bytes) -> None:
        self.write(data)

    def unplug(self) -> None:
        """The cable is pulled: the pty and the symlink disappear."""
        self._close_pty()

    def replug(self) -> None:
        """The cable is back: a new pty under the same symlink (requires ``link``)."""
        if self.link is None:
            raise ValueError("replug needs a link path the client can reopen")
        self._open_pty()


# --------------------------------------------------------------------------------------------
# Ticket printer
# --------------------------------------------------------------------------------------------


class PrinterEmulator(PtyDevice):
    """A serial ticket printer on a pty: keeps every byte it receives in :attr:`received`.

    It answers the paper sensor request (DLE EOT 4) with the state of :attr:`paper` ("ok",
    "near_end" or "out"), unless :attr:`answers_status` is False (printers that never say)."""

    _STATUS = {"ok": 0x12, "near_end": 0x1E, "out": 0x72}

    def __init__(self, *, link: str | os.PathLike[str] | None = None, paper: str = "ok") -> None:
        super().__init__(link)
        self._received = bytearray()
        self._cond = threading.Condition()
        self.paper = paper
        self.answers_status = True

    @property
    def received(self) -> bytes:
        with self._cond:
            return bytes(self._received)

    def _run(self) -> None:
        while not self._stop.is_set():
            data = self.read_available()
            if data:
                with self._cond:
                    self._received += data
                    self._cond.notify_all()
                if self.answers_status:
                    for _ in range(data.count(b"\x10\x04\x04")):
                        self.write(bytes([self._STATUS.get(self.paper, 0x12)]))

    def wait_for(self, needle: bytes, timeout: float = 5.0) -> bool:
        """Wait until ``needle`` has been received (True) or ``timeout`` passed (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: needle in self._received, timeout)
