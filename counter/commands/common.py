"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter.documents.model import DocumentContent
from counter.documents.ticket import TicketSlip
from counter.errors import ConfigError


class Renderers:
    """How documents become PDF files. Rendering is Qt's business (``ui/``), and ``counter/``
    never imports the UI: the composition root (the ``counter`` entry point in ``ui.main``)
    fills these slots when it registers the UI's commands. Run without it
    (``python -m counter.cli``), the commands that need them say so."""

    document_pdf: Callable[[DocumentContent, Path], int] | None = None  # returns pages
    ticket_pdf: Callable[[TicketSlip, str, int], None] | None = None  # slip, path, width mm

    @classmethod
    def document(cls) -> Callable[[DocumentContent, Path], int]:
        if cls.document_pdf is None:
            raise ConfigError(what="PDF 输出需要界面组件（请用 counter 命令）/ PDF needs the UI")
        return cls.document_pdf

    @classmethod
    def ticket(cls) -> Callable[[TicketSlip, str, int], None]:
        if cls.ticket_pdf is None:
            raise ConfigError(what="PDF 输出需要界面组件（请用 counter 命令）/ PDF needs the UI")
        return cls.ticket_pdf


def print_json(obj: Any) -> None:
    """One JSON object on its own line, UTF-8, flushed (scripts read it as it comes)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
