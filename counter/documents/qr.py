"""QR codes of verification codes (核验码二维码) as a module matrix (segno, pure Python).

The renderer draws the dark modules as squares, so the code stays vector-sharp in a PDF and on
paper at any resolution. Error correction level M (15 %), a quiet zone of four modules.
"""

from __future__ import annotations

import segno

from counter.errors import InvalidInput

QUIET_ZONE = 4


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """Rows of modules (True = dark) of the QR code of ``text``, without the quiet zone."""
    if not text or len(text) > 200:
        raise InvalidInput("二维码内容为空或过长", field="qr")
    q = segno.make_qr(text, error="m")
    return tuple(tuple(bool(v) for v in row) for row in q.matrix)
