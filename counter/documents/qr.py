"""QR codes (二维码) as data: the module matrix of a payload, for the ticket printers and the
kiosk's screen to draw (segno, pure Python). The ESC/POS printers draw their own QR codes from
the payload (:meth:`counter.devices.escpos.EscPos.qr`)."""

from __future__ import annotations

import segno

from counter.errors import InvalidInput

__all__ = ["qr_matrix"]


def qr_matrix(text: str, *, level: str = "m") -> tuple[tuple[bool, ...], ...]:
    """The modules of the QR code of ``text`` (rows of booleans, True = dark), without the quiet
    zone (a drawer leaves 4 modules of white around it). Raises :class:`InvalidInput` for an
    empty or too long payload."""
    if not text:
        raise InvalidInput("二维码内容不能为空", field="qr")
    try:
        code = segno.make(text, error=level, micro=False)
    except segno.DataOverflowError as exc:
        raise InvalidInput("二维码内容过长", field="qr") from exc
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)
