"""Saving the form as it is typed (草稿自动保存), debounced, atomically.

:class:`DraftKeeper` asks its ``collect`` function for the form's state a short while after the
last change (``delay_ms``) and writes it with :func:`counter.drafts.save` (temp file + fsync +
rename). The JSON is small and the write takes about a millisecond, so it runs on the Qt thread:
no database is involved. On sign-in the client restores the draft found for this window and
clerk; after the visit is finished the draft is discarded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counter import drafts

log = logging.getLogger(__name__)


class DraftKeeper(QObject):
    saved = Signal(str)  # time text
    failed = Signal(str)

    def __init__(
        self,
        path: Path,
        collect: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
        *,
        delay_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.collect = collect
        self.writes = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.enabled = True

    def schedule(self) -> None:
        if self.enabled:
            self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        self._timer.stop()
        if not self.enabled:
            return
        data = self.collect()
        try:
            if drafts.is_empty(data):
                drafts.discard(self.path)
            else:
                drafts.save(self.path, data)
            self.writes += 1
        except OSError as exc:
            log.error("draft not saved: %s", exc)
            self.failed.emit(str(exc))
            return
        from counter import clock

        self.saved.emit(clock.to_local(clock.now()).strftime("%H:%M:%S"))

    def load(self) -> dict[str, Any] | None:
        return drafts.load(self.path)

    def discard(self) -> None:
        self._timer.stop()
        drafts.discard(self.path)
