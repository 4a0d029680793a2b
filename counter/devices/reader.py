"""ID-card reader session over a serial port (身份证阅读器会话).

A thin pyserial transport around the pure codec of :mod:`counter.devices.sam`:

- :meth:`ReaderSession.transact` sends one request and waits for one reply, with a deadline;
- :meth:`ReaderSession.command` retries damaged replies (checksum, length, truncated, none at
  all) and requests the SAM says it received damaged (SW3 10 / 11), ``retries`` times;
- :meth:`ReaderSession.read_once` runs find card → select card → read text+photo;
- :meth:`ReaderSession.wait_for_card` polls until a card is read or the timeout passes.

One read per presentation of a card: after a successful read the SAM refuses to find the card
again until it has left the field and come back; the session relies on that and adds its own
guard for readers that do not (a card identical to the last one read is not reported again
until a find has failed in between, i.e. until the card was removed).

A corrupt, truncated or noisy reply never escapes as anything but a typed
:class:`~counter.devices.errors.DeviceError`; each one is logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol

import serial

from counter.devices.errors import (
    PORT_ERRORS,
    PORT_OPEN_ERRORS,
    DeviceError,
    DeviceIOError,
    FrameError,
    NoCard,
    ReadCancelled,
    ReaderNotResponding,
    SamFindCardFailed,
    SamSelectCardFailed,
    SamStatusError,
    TruncatedFrame,
    port_unavailable,
)
from counter.devices.idcard import IdCard, parse_read_reply
from counter.devices.sam import (
    Command,
    Frame,
    FrameDecoder,
    Reply,
    encode_request,
    encode_set_baud,
)

log = logging.getLogger(__name__)


#: How long one blocking read of the port may last; the session loops over such slices so it
#: notices its own deadline and a cancellation promptly.
READ_SLICE = 0.05
#: After a damaged frame, how long a quiet line is given for a good frame to start.
ERROR_GRACE = 4 * READ_SLICE


class SerialLike(Protocol):
    """The part of :class:`serial.Serial` the session uses (tests may pass a fake)."""

    timeout: float | None

    def write(self, data: bytes, /) -> int | None: ...

    def read(self, size: int = 1, /) -> bytes: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...

    @property
    def in_waiting(self) -> int: ...


def open_port(url: str, baudrate: int = 115200, **kwargs: object) -> serial.Serial:
    """Open a serial port (a device path or a pyserial URL such as ``loop://``), 8N1.

    Raises :class:`PortUnavailable` instead of pyserial's exceptions.
    """
    try:
        return serial.serial_for_url(url, baudrate=baudrate, timeout=READ_SLICE, **kwargs)
    except PORT_OPEN_ERRORS as exc:
        raise port_unavailable(url, exc) from exc


class ReaderSession:
    """A conversation with one SAM reader.

    ``command_timeout``: seconds to wait for a whole reply. ``retries``: extra attempts after a
    damaged or missing reply. ``poll_interval``: pause between two finds while waiting for a
    card. Not thread-safe, except :meth:`cancel`, which may be called from any thread.
    """

    def __init__(
        self,
        port: SerialLike,
        *,
        command_timeout: float = 1.0,
        retries: int = 2,
        poll_interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.port = port
        self.command_timeout = command_timeout
        self.retries = max(0, retries)
        self.poll_interval = poll_interval
        self._clock = clock
        self._cancel = threading.Event()
        # The last card reported and whether a find has failed since (the card left the field).
        self._last_card: IdCard | None = None
        self._absent_since_last = True
        port.timeout = READ_SLICE

    @classmethod
    def open(cls, url: str, baudrate: int = 115200, **kwargs: float | int) -> ReaderSession:
        """Open ``url`` at ``baudrate`` (8N1) and return a session over it."""
        return cls(open_port(url, baudrate), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        try:
            self.port.close()
        except PORT_ERRORS as exc:  # closing a vanished port
            log.debug("closing reader port: %s", exc)

    def __enter__(self) -> ReaderSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def cancel(self) -> None:
        """Make a running :meth:`wait_for_card` raise :class:`ReadCancelled` soon, and every
        later one at once until :meth:`resume` (so a cancel sent between two waits, e.g. while
        shutting down, is never lost)."""
        self._cancel.set()

    def resume(self) -> None:
        """Undo :meth:`cancel`: waiting for cards works again."""
        self._cancel.clear()

    # ----------------------------------------------------------------------------------------
    # One request, one reply
    # ----------------------------------------------------------------------------------------

    def transact(self, request: bytes, timeout: float | None = None) -> Reply:
        """Send ``request`` and return the first good reply frame (status not checked).

        Raises :class:`ReaderNotResponding` (no byte in time), :class:`TruncatedFrame` (part of
        a frame), another :class:`FrameError` (damaged frame and nothing good after it), or
        :class:`DeviceIOError` (port failure).
        """
        timeout = self.command_timeout if timeout is None else timeout
        decoder = FrameDecoder()
        try:
            # Bytes still in flight from an earlier, damaged reply must not be taken for this one.
            self.port.reset_input_buffer()
            self.port.write(request)
        except PORT_ERRORS as exc:
            raise DeviceIOError(str(exc)) from exc
        deadline = self._clock() + timeout
        errors: list[FrameError] = []
        received = 0
        last_rx = self._clock()
        while self._clock() < deadline:
            if errors and not decoder.in_frame and self._clock() - last_rx > ERROR_GRACE:
                # A damaged frame, and the line has gone quiet between frames: no good reply is
                # coming, retry now rather than at the deadline. (While a frame is arriving,
                # however slowly, keep waiting: the damaged one may have been noise.)
                break
            try:
                chunk = self.port.read(max(1, self.port.in_waiting))
            except PORT_ERRORS as exc:
                raise DeviceIOError(str(exc)) from exc
            if not chunk:
                continue
            received += len(chunk)
            last_rx = self._clock()
            for item in decoder.feed(chunk):
                if isinstance(item, FrameError):
                    errors.append(item)
                    continue
                try:
                    reply = item.reply()
                except FrameError as exc:
                    errors.append(exc)
                    continue
                if errors:
                    log.info("SAM reply good after %d damaged frame(s)", len(errors))
                return reply
        for item in decoder.expire():
            if isinstance(item, Frame):
                try:
                    return item.reply()
                except FrameError as exc:
                    errors.append(exc)
            else:
                errors.insert(0, item)  # the truncation is the error to report
        if errors:
            raise errors[0] if isinstance(errors[0], TruncatedFrame) else errors[-1]
        if received:
            log.warning("SAM: %d bytes of noise and no frame", received)
        raise ReaderNotResponding()

    def command(
        self,
        cmd: Command | int,
        para: int | None = None,
        data: bytes = b"",
        *,
        check: bool = True,
        retries: int | None = None,
    ) -> Reply:
        """Send a command, retrying damaged exchanges; with ``check`` raise a failure status.

        Retried: every :class:`FrameError`, :class:`ReaderNotResponding`, and the SAM's own
        "checksum / length error" statuses (10, 11). Other statuses are answers, not accidents,
        and are never retried here.
        """
        request = encode_request(cmd, para, data)
        return self._exchange(request, check=check, retries=retries)

    def _exchange(self, request: bytes, *, check: bool, retries: int | None) -> Reply:
        attempts = 1 + (self.retries if retries is None else retries)
        last: DeviceError | None = None
        for attempt in range(1, attempts + 1):
            try:
                reply = self.transact(request)
                err = reply.error()
                if err is not None and err.retryable:
                    raise err
            except (FrameError, ReaderNotResponding, SamStatusError) as exc:
                if isinstance(exc, SamStatusError) and not exc.retryable:
                    raise
                log.warning(
                    "SAM exchange %s failed (attempt %d/%d): %s [%s]",
                    request[7:9].hex(" "),
                    attempt,
                    attempts,
                    exc.message_en,
                    exc.code,
                )
                last = exc
                continue
            if check:
                reply.raise_for_status()
            return reply
        assert last is not None
        raise last

    # ----------------------------------------------------------------------------------------
    # Commands
    # ----------------------------------------------------------------------------------------

    def reset_sam(self) -> None:
        self.command(Command.RESET_SAM)

    def sam_status(self) -> Reply:
        return self.command(Command.SAM_STATUS)

    def read_sam_id(self) -> str:
        """The SAM's id, as the hex string of its 16 data bytes."""
        return self.command(Command.READ_SAM_ID).data.hex().upper()

    def set_baud(self, baud: int) -> None:
        """Ask the SAM to switch rate, then follow it on this port (if it is a real Serial)."""
        self._exchange(encode_set_baud(baud), check=True, retries=None)
        if isinstance(self.port, serial.SerialBase):
            self.port.baudrate = baud

    def find_card(self) -> bool:
        """True when a card is in the field (9F); False on 80 (no card)."""
        try:
            self.command(Command.FIND_CARD)
        except SamFindCardFailed:
            return False
        return True

    def select_card(self) -> None:
        self.command(Command.SELECT_CARD)

    def read_card(self) -> IdCard:
        """Read text + photo of the selected card (30 01)."""
        return parse_read_reply(self.command(Command.READ_TEXT_PHOTO))

    def read_appended_address(self) -> str | None:
        """The appended address (追加住址, 30 03) or None when the card holds none (91)."""
        reply = self.command(Command.READ_APPENDED_ADDRESS, check=False)
        if reply.sw3 == 0x91:
            return None
        reply.raise_for_status()
        return reply.data.decode("utf-16-le", errors="strict").rstrip(" \x00")

    def read_once(self) -> IdCard | None:
        """find → select → read. None when there is no (new) card to report.

        A failed select (the card left between find and select) also counts as "no card".
        """
        if not self.find_card():
            self._absent_since_last = True
            return None
        try:
            self.select_card()
        except SamSelectCardFailed:
            log.info("card found but select failed; it was probably moved away")
            self._absent_since_last = True
            return None
        card = self.read_card()
        if not self._absent_since_last and card == self._last_card:
            # The reader let us find the same presentation again: not a new read.
            log.info("same card presentation found again; not reported twice")
            return None
        self._last_card = card
        self._absent_since_last = False
        return card

    def wait_for_card(self, timeout: float) -> IdCard:
        """Poll until a card is read; raise :class:`NoCard` once ``timeout`` seconds passed,
        :class:`ReadCancelled` after :meth:`cancel`.

        Protocol failures that retries did not cure are raised as they are (typed).
        """
        deadline = self._clock() + timeout
        while True:
            if self._cancel.is_set():
                raise ReadCancelled()
            card = self.read_once()
            if card is not None:
                return card
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise NoCard(seconds=f"{timeout:g}")
            if self._cancel.wait(min(self.poll_interval, remaining)):
                raise ReadCancelled()
