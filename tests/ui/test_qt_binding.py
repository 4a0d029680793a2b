"""Guard against a Qt binding that loses references to None.

PySide6 6.12.0 returned None from void methods without a new reference: on Python before 3.12
a few thousand calls freed None and the process aborted ("deallocating None") — a window client
would die within minutes. pyproject.toml excludes that version; this test fails on any binding
that does it again.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont


def test_void_methods_keep_the_reference_count_of_none() -> None:
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(2000):
        font.setBold(True)
    assert sys.getrefcount(None) >= before - 50
