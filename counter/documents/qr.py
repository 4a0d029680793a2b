"""QR codes (二维码) as data: the module matrix of a payload (segno, pure Python), for the
document renderer (verification codes of sealed documents), the ticket printers and the kiosk's
screen to draw — dark modules as squares, so a code stays sharp in a PDF and on paper at any
resolution. The ESC/POS printers draw their own QR codes from the payload
(:meth:`counter.devices.escpos.EscPos.qr`)."""

from __future__ import annotations

import segno

from counter.errors import InvalidInput

__all__ = ["QUIET_ZONE", "qr_matrix"]

QUIET_ZONE = 4  # modules of white a drawer leaves around the code
MAX_PAYLOAD = 400


def qr_matrix(text: str, *, level: str = "m") -> tuple[tuple[bool, ...], ...]:
    """The modules of the QR code of ``text`` (rows of booleans, True = dark), without the quiet
    zone. ``level``: error correction (``m``: 15 %). Raises :class:`InvalidInput` for an empty
    or too long payload."""
    if not text or len(text) > MAX_PAYLOAD:
        raise InvalidInput("二维码内容为空或过长", field="qr")
    try:
        code = segno.make(text, error=level, micro=False)
    except segno.DataOverflowError as exc:
        raise InvalidInput("二维码内容过长", field="qr") from exc
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)
