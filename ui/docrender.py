"""Drawing a :class:`counter.documents.model.DocumentContent` on A4 with QPainter.

One layout drives every target: a PDF (:func:`render_pdf`, through ``QPdfWriter``), a printer
(:func:`render_to_printer`) and a screen preview (:func:`render_page_image`). The page looks like
a Chinese government form: the hall's name and the title centred at the top, the number and the
Code 128 barcode of the case number under them, labelled fields in a bordered grid, tables with
shaded headers (long tables continue on the next page under repeated headers), running text with
the first line indented by two characters, and the issuer and date at the bottom right with the
red seal over them.

Fonts: Noto Serif CJK SC for the text and Noto Sans CJK SC for labels (with fallbacks by family
name), so rare characters (生僻字) of the supplementary planes such as 𠀾 are drawn and embedded.

The text of a PDF must also read back right (search, copy, archives). Qt builds each embedded
font's ToUnicode map by looking the glyphs up in the font's cmap over the basic plane only, so
characters outside it (𠀾) get no text at all, CJK characters whose glyph a radical shares come
out as that radical (青 → ⻘) and Noto's digits are lost. :func:`render_pdf` therefore records
which glyph stood for which text while painting and appends a corrected ToUnicode map to the file
(a standard incremental update; the drawing is untouched).

No widget lives here; the preview dialog builds on :func:`render_page_images`.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGlyphRun,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QRawFont,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter

from counter.documents.barcode import code128_png
from counter.documents.model import (
    DocumentContent,
    Fields,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from counter.documents.qr import qr_matrix
from counter.documents.seal_text import split_seal_name

__all__ = [
    "SANS_FAMILIES",
    "SERIF_FAMILIES",
    "ensure_gui_app",
    "page_count",
    "render_page_image",
    "render_page_images",
    "render_pdf",
    "render_pdf_bundle",
    "render_to_printer",
    "split_seal_name",
]


SERIF_FAMILIES = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "SimSun",
    "Songti SC",
    "AR PL UMing CN",
)
SANS_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "SimHei",
)

A4_MM = (210.0, 297.0)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 20.0, 20.0, 15.0, 20.0
SEAL_RADIUS_MM = 20.0  # Ø40 mm
QR_SIDE_MM = 26.0  # the verification QR code with its quiet zone
QR_QUIET = 4
SEAL_RED = QColor(214, 0, 15, 180)
GRID_PEN_MM = 0.25
LABEL_FILL = QColor(242, 242, 242)
BARCODE_DPI = 300  # code128_png's default resolution: each module 4 px = 0.34 mm

Op = Callable[[QPainter], None]


# --------------------------------------------------------------------------------------------
# Application and fonts
# --------------------------------------------------------------------------------------------


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (offscreen when there is no
    display), for printing from the command line."""
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    assert isinstance(app, QGuiApplication)
    return app


@lru_cache(maxsize=2)
def _families(serif: bool) -> tuple[str, ...]:
    """Installed preferred families first, the other style after as a fallback."""
    available = set(QFontDatabase.families())
    first, second = (SERIF_FAMILIES, SANS_FAMILIES) if serif else (SANS_FAMILIES, SERIF_FAMILIES)
    chosen = [f for f in first if f in available] + [f for f in second if f in available]
    return tuple(chosen) or first


def _font(pt: float, *, serif: bool = True, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(list(_families(serif)))
    f.setPointSizeF(pt)
    f.setBold(bold)
    # unhinted metrics: the same line breaks, hence the same pages, at every resolution (the
    # preview at 96 dpi, the PDF at 600 dpi, the printer at its own)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


# --------------------------------------------------------------------------------------------
# What glyph stood for what text (for the PDF's ToUnicode maps)
# --------------------------------------------------------------------------------------------

_RUN_FLAGS = (
    QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
    | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes
    | QTextLayout.GlyphRunRetrievalFlag.RetrieveString
)


@dataclass
class _FontLog:
    raw: QRawFont
    order: list[int] = field(default_factory=list)  # glyphs in order of first use
    text: dict[int, str] = field(default_factory=dict)


class _GlyphLog:
    """Glyphs in the order they were painted, per font, with the text each stands for.

    Qt's PDF engine numbers a font's glyphs (CIDs) in the order of their first use, from 1, so
    ``order[cid - 1]`` is the glyph behind a CID.
    """

    def __init__(self) -> None:
        self.fonts: dict[tuple[str, str, int, int], _FontLog] = {}

    def record_line(self, line: QTextLine) -> None:
        for run in line.glyphRuns(-1, -1, _RUN_FLAGS):
            self._record_run(run)

    def _record_run(self, run: QGlyphRun) -> None:
        raw = run.rawFont()
        key = (raw.familyName(), raw.styleName(), int(raw.weight()), int(raw.style().value))
        log = self.fonts.get(key)
        if log is None:
            log = self.fonts[key] = _FontLog(raw)
        glyphs = list(run.glyphIndexes())
        indexes = list(run.stringIndexes())
        units = run.sourceString().encode("utf-16-le")
        n_units = len(units) // 2
        for k, glyph in enumerate(glyphs):
            if glyph not in log.text:
                log.order.append(glyph)
                log.text[glyph] = ""
            if log.text[glyph] or k >= len(indexes):
                continue
            start = indexes[k]
            later = [i for i in indexes[k + 1 :] if i > start]
            if later:
                end = min(later)
            else:
                end = start + 1
                if start < n_units and 0xD800 <= _unit(units, start) <= 0xDBFF:
                    end += 1
            log.text[glyph] = units[2 * start : 2 * min(end, n_units)].decode(
                "utf-16-le", errors="ignore"
            )


def _unit(units: bytes, i: int) -> int:
    return units[2 * i] | units[2 * i + 1] << 8


# --------------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------------


@dataclass
class _Text:
    layout: QTextLayout
    height: float
    lines: list[tuple[int, float, float]]  # (line index, y, height incl. spacing)

    def width(self) -> float:
        return max((self.layout.lineAt(i).naturalTextWidth() for i, _, _ in self.lines), default=0)


class _Layout:
    """Lays a document out into pages of drawing operations for one paint device."""

    def __init__(
        self,
        content: DocumentContent,
        device: QPaintDevice,
        log: _GlyphLog | None = None,
        breaks: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        self.c = content
        # forced page breaks: (block index, line of a paragraph or row of a table) to start a
        # new page before; line 0 / row 0 means before the block itself
        self.breaks = breaks
        self.index = -1  # the block being laid out
        # the page of the last line of body text (a full-size paragraph, a table row, a field)
        self.last_text_page = -1
        self.closing_page = -1  # the page the signature (落款, date, seal) landed on
        self.device = device
        self.log = log
        self.dpi = float(device.logicalDpiX())
        self.page_w = float(device.width())
        self.page_h = float(device.height())
        self.left = self.mm(MARGIN_LEFT)
        self.right = self.page_w - self.mm(MARGIN_RIGHT)
        self.width = self.right - self.left
        self.top = self.mm(MARGIN_TOP)
        self.bottom = self.page_h - self.mm(MARGIN_BOTTOM)
        self.pages: list[list[Op]] = [[]]
        self.y = self.top
        self.prev: object = None

    # ---- units and text
    def mm(self, v: float) -> float:
        return v * self.dpi / 25.4

    def text(
        self,
        text: str,
        font: QFont,
        width: float,
        *,
        indent: float = 0.0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        spacing: float = 1.0,
    ) -> _Text:
        layout = QTextLayout(text, font, self.device)
        opt = QTextOption(align)
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        lines: list[tuple[int, float, float]] = []
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            first = line.lineNumber() == 0
            line.setLineWidth(max(1.0, width - (indent if first else 0.0)))
            line.setPosition(QPointF(indent if first else 0.0, y))
            h = line.height() * spacing
            lines.append((line.lineNumber(), y, h))
            y += h
        layout.endLayout()
        if not lines:
            y = QFontMetricsF(font, self.device).height()
        return _Text(layout, y, lines)

    def draw_line(self, p: QPainter, t: _Text, index: int, x: float, y: float) -> None:
        """Draw line ``index`` of ``t`` with its top at page position (``x``, ``y``)."""
        line = t.layout.lineAt(index)
        line.draw(p, QPointF(x, y - line.y()))
        if self.log is not None:
            self.log.record_line(line)

    def draw_text(self, p: QPainter, t: _Text, x: float, y: float) -> None:
        for index, ly, _h in t.lines:
            self.draw_line(p, t, index, x, y + ly)

    # ---- pages
    def add(self, op: Op) -> None:
        self.pages[-1].append(op)

    def place(self, t: _Text, x: float, y: float, *, line: int | None = None) -> None:
        """Draw ``t`` (or only its line ``line``) with its top at (``x``, ``y``) on this page."""
        if line is None:
            self.add(lambda p: self.draw_text(p, t, x, y))
        else:
            self.add(lambda p: self.draw_line(p, t, line, x, y))

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top
        self._continuation_header()

    def ensure(self, h: float) -> None:
        if self.y + h > self.bottom and self.y > self.top + self.mm(12):
            self.new_page()

    def gap(self, mm: float) -> None:
        self.y += self.mm(mm)

    # ---- document parts
    def forced(self, sub: int) -> bool:
        """Whether a page break is forced before line / row ``sub`` of the current block (and
        take it, unless the page holds nothing yet)."""
        if (self.index, sub) in self.breaks and self.y > self.top + self.mm(12):
            self.new_page()
            return True
        return False

    def build(self) -> list[list[Op]]:
        self._header()
        for index, block in enumerate(self.c.blocks):
            self.index = index
            if not isinstance(block, Paragraph | Table):
                self.forced(0)
            if isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, Fields):
                self._fields(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Signature):
                self._signature(block)
            self.prev = block
        return self.pages

    def _header(self) -> None:
        c = self.c
        if c.mark:
            mt = self.text(c.mark, _font(11, serif=False, bold=True), self.mm(40))
            mw, mh = mt.width() + self.mm(4), mt.height + self.mm(2)
            x0, y0 = self.right - mw, self.mm(8)

            def mark(p: QPainter) -> None:
                p.save()
                p.setPen(QPen(SEAL_RED, self.mm(0.4)))
                p.drawRect(QRectF(x0, y0, mw, mh))
                self.draw_text(p, mt, x0 + self.mm(2), y0 + self.mm(1))
                p.restore()

            self.add(mark)
        centre = Qt.AlignmentFlag.AlignHCenter
        hall = self.text(c.hall_name, _font(15, bold=True), self.width, align=centre)
        title_font = _font(22, bold=True)
        if len(c.title) <= 5:  # short titles are spaced out: 受 理 回 执
            title_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 135)
        title = self.text(c.title, title_font, self.width, align=centre)
        parts = [(hall, self.mm(1.5)), (title, 0.0)]
        if c.subtitle:
            parts.append((self.text(c.subtitle, _font(11), self.width, align=centre), 0.0))
        y = self.y
        for t, after in parts:
            self.place(t, self.left, y)
            y += t.height + after
        y += self.mm(3)
        label = str(c.meta.get("number_label") or "编号")
        number = self.text(f"{label}：{c.number}", _font(10.5, serif=False), self.width / 2)
        row_h = number.height
        if c.barcode:
            img = _barcode_image(c.barcode)
            bw = self.mm(img.width() * 25.4 / BARCODE_DPI)
            bh = self.mm(img.height() * 25.4 / BARCODE_DPI)
            row_h = max(row_h, bh)
            bx, by = self.right - bw, y

            def barcode(p: QPainter) -> None:
                p.save()
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                p.drawImage(QRectF(bx, by, bw, bh), img)
                p.restore()

            self.add(barcode)
        ny = y + row_h - number.height
        self.place(number, self.left, ny)
        self.y = y + row_h + self.mm(2)

    def _continuation_header(self) -> None:
        c = self.c
        f = _font(9, serif=False)
        left = self.text(f"{c.hall_name}　{c.title}（续）", f, self.width * 0.6)
        right = self.text(
            f"{c.meta.get('number_label') or '编号'}：{c.number}",
            f,
            self.width * 0.4,
            align=Qt.AlignmentFlag.AlignRight,
        )
        y = self.y
        line_y = y + left.height + self.mm(1)

        def draw(p: QPainter) -> None:
            p.save()
            p.setPen(QColor(90, 90, 90))
            self.draw_text(p, left, self.left, y)
            self.draw_text(p, right, self.left + self.width * 0.6, y)
            p.setPen(QPen(QColor(120, 120, 120), self.mm(0.2)))
            p.drawLine(QPointF(self.left, line_y), QPointF(self.right, line_y))
            p.restore()

        self.add(draw)
        self.y = line_y + self.mm(4)

    def _heading(self, b: Heading) -> None:
        t = self.text(b.text, _font(13 if b.level <= 1 else 12, serif=False, bold=True), self.width)
        self.gap(2.5)
        self.ensure(t.height * 2.5)  # keep a heading with the text after it
        y = self.y
        self.place(t, self.left, y)
        self.y += t.height + self.mm(0.5)

    def paragraph_text(self, b: Paragraph) -> _Text:
        font = _font(10.5 if b.small else 12, bold=b.bold)
        em = QFontMetricsF(font, self.device).horizontalAdvance("中")
        align = Qt.AlignmentFlag.AlignJustify if b.indent else Qt.AlignmentFlag.AlignLeft
        spacing = 1.3 if b.small else 1.45
        return self.text(
            b.text,
            font,
            self.width,
            indent=2 * em if b.indent else 0.0,
            align=align,
            spacing=spacing,
        )

    def _paragraph(self, b: Paragraph) -> None:
        t = self.paragraph_text(b)
        self.gap(3 if isinstance(self.prev, Table | Fields) else 0.8)
        n = len(t.lines)
        if n <= 3:  # a short paragraph stays on one page
            self.ensure(t.height)
        for index, _ly, lh in t.lines:  # a long one continues, never leaving one line alone
            if not self.forced(index):
                self.ensure(2 * lh if index in (0, n - 2) else lh)
            y = self.y
            self.place(t, self.left, y, line=index)
            self.y += lh
            if not b.small:  # a note or the contact line is not the text a seal closes
                self.last_text_page = len(self.pages) - 1

    def _cell_text(self, text: str, font: QFont, width: float, center: bool) -> _Text:
        align = Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft
        return self.text(text, font, width, align=align, spacing=1.15)

    def _fields(self, b: Fields) -> None:
        cols = max(1, b.columns)
        label_w = self.mm(24)
        pair_w = self.width / cols
        pad_x, pad_y = self.mm(2), self.mm(1.8)
        label_font = _font(10.5, serif=False, bold=True)
        value_font = _font(11)
        min_h = self.mm(7.5)
        if not isinstance(self.prev, Fields):
            self.gap(1)
        rows = list(b.rows)
        for start in range(0, len(rows), cols):
            chunk = rows[start : start + cols]
            while len(chunk) > 1 and chunk[-1] == ("", ""):  # padding: stretch the value instead
                chunk = chunk[:-1]
            # a short last line of a grid stretches its last value to the right edge
            value_w = pair_w - label_w if len(chunk) == cols else self.width - label_w
            cells: list[tuple[float, _Text, _Text]] = []
            h = min_h
            for i, (label, value) in enumerate(chunk):
                lt = self._cell_text(label, label_font, label_w - 2 * pad_x, True)
                vt = self._cell_text(value, value_font, value_w - 2 * pad_x, False)
                h = max(h, lt.height + 2 * pad_y, vt.height + 2 * pad_y)
                cells.append((self.left + i * pair_w, lt, vt))
            self.ensure(h)
            y = self.y

            def draw(
                p: QPainter, cells: list[tuple[float, _Text, _Text]] = cells, y: float = y,
                h: float = h, value_w: float = value_w,
            ) -> None:  # fmt: skip
                p.save()
                p.setPen(QPen(QColor(0, 0, 0), self.mm(GRID_PEN_MM)))
                for x, lt, vt in cells:
                    p.setBrush(QBrush(LABEL_FILL))
                    p.drawRect(QRectF(x, y, label_w, h))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRect(QRectF(x + label_w, y, value_w, h))
                    self.draw_text(p, lt, x + pad_x, y + (h - lt.height) / 2)
                    self.draw_text(p, vt, x + label_w + pad_x, y + (h - vt.height) / 2)
                p.restore()

            self.add(draw)
            self.y += h
            self.last_text_page = len(self.pages) - 1

    def _table(self, b: Table) -> None:
        n = len(b.headers)
        if n == 0:
            return
        weights = list(b.widths) if len(b.widths) == n else [1.0] * n
        total = sum(weights) or 1.0
        widths = [self.width * w / total for w in weights]
        xs = [self.left + sum(widths[:i]) for i in range(n)]
        narrow = [w < self.mm(22) for w in widths]
        pad_x, pad_y = self.mm(1.5), self.mm(1.6)
        head_font = _font(10.5, serif=False, bold=True)
        cell_font = _font(10.5)
        min_h = self.mm(7)

        def row_texts(
            values: Sequence[str], font: QFont, header: bool
        ) -> tuple[list[_Text], float]:
            texts = [
                self._cell_text(
                    values[i] if i < len(values) else "",
                    font,
                    widths[i] - 2 * pad_x,
                    header or narrow[i],
                )
                for i in range(n)
            ]
            return texts, max([min_h] + [t.height + 2 * pad_y for t in texts])

        def place_row(texts: list[_Text], h: float, shaded: bool) -> None:
            y = self.y

            def draw(p: QPainter) -> None:
                p.save()
                p.setPen(QPen(QColor(0, 0, 0), self.mm(GRID_PEN_MM)))
                p.setBrush(QBrush(LABEL_FILL) if shaded else Qt.BrushStyle.NoBrush)
                for x, w, t in zip(xs, widths, texts, strict=True):
                    p.drawRect(QRectF(x, y, w, h))
                    self.draw_text(p, t, x + pad_x, y + (h - t.height) / 2)
                p.restore()

            self.add(draw)
            self.y += h

        def place_caption(text: str) -> None:
            if text:
                t = self.text(text, _font(11, serif=False, bold=True), self.width)
                y = self.y
                self.place(t, self.left, y)
                self.y += t.height + self.mm(1)

        head, head_h = row_texts(b.headers, head_font, True)
        rows = [row_texts(r, cell_font, False) for r in b.rows]
        self.gap(3)
        if not self.forced(0):
            self.ensure(head_h + (rows[0][1] if rows else 0.0) + self.mm(8))
        place_caption(b.caption)
        place_row(head, head_h, True)
        for r, (texts, h) in enumerate(rows):
            if (r > 0 and self.forced(r)) or self.y + h > self.bottom:
                if self.y + h > self.bottom:  # continue on the next page under the same headers
                    self.new_page()
                place_caption(f"{b.caption}（续）" if b.caption else "")
                place_row(head, head_h, True)
            place_row(texts, h, False)
            self.last_text_page = len(self.pages) - 1

    def _signature(self, b: Signature) -> None:
        font = _font(12)
        centre = Qt.AlignmentFlag.AlignHCenter
        issuer = self.text(b.issuer, font, self.width / 2, align=centre)
        date = self.text(b.date_text, font, self.width / 2, align=centre)
        sign = [self.text(s, _font(11), self.width / 2) for s in b.sign_lines]
        sign_h = sum(t.height + self.mm(8) for t in sign)
        # The verification code's QR code (核验码) stands on the left, its code under it.
        qr = _qr_modules(self.c.verify_code) if self.c.verify_code else None
        qr_side = self.mm(QR_SIDE_MM) if qr else 0.0
        qr_text = (
            self.text(f"核验码：{self.c.verify_code}", _font(8.5, serif=False), self.width / 2)
            if qr
            else None
        )
        qr_h = qr_side + (qr_text.height + self.mm(1.5) if qr_text else 0.0)
        # The issuer and the date are centred on a column 32 mm left of the right margin; the
        # seal's centre lies between them, so that it covers the date (骑年盖月).
        radius = self.mm(SEAL_RADIUS_MM)
        lines_h = issuer.height + self.mm(1.5) + date.height
        top_pad = max(self.mm(4), radius - lines_h / 2 - self.mm(2)) if b.seal_name else self.mm(4)
        bottom = top_pad + (lines_h / 2 + radius if b.seal_name else lines_h + self.mm(3))
        block_h = max(bottom, sign_h + self.mm(4), qr_h + self.mm(4))
        self.gap(2)
        # the lower rim of the seal may reach a little into the bottom margin
        self.ensure(block_h - (self.mm(6) if b.seal_name and not qr else 0.0))
        y0 = self.y
        cx = self.right - self.mm(32)
        tx = cx - self.width / 4
        iy = y0 + top_pad
        dy = iy + issuer.height + self.mm(1.5)
        image = _seal_image(self.c.seal_image) if b.seal_name and self.c.seal_image else None

        def draw(p: QPainter) -> None:
            p.save()
            self.draw_text(p, issuer, tx, iy)
            self.draw_text(p, date, tx, dy)
            sy = y0 + self.mm(2)
            p.setPen(QPen(QColor(0, 0, 0), self.mm(0.25)))
            for t in sign:
                self.draw_text(p, t, self.left, sy)
                lx = self.left + t.width() + self.mm(1)
                ly = sy + t.height
                p.drawLine(QPointF(lx, ly), QPointF(lx + self.mm(45), ly))
                sy += t.height + self.mm(8)
            if qr is not None:
                self._qr(p, qr, self.left, y0 + self.mm(2), qr_side)
                if qr_text is not None:
                    p.setPen(QColor(0, 0, 0))
                    self.draw_text(p, qr_text, self.left, y0 + self.mm(3) + qr_side)
            p.restore()
            if b.seal_name:
                centre_pt = QPointF(cx, iy + lines_h / 2)
                if image is not None:
                    p.save()
                    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                    p.drawImage(
                        QRectF(centre_pt.x() - radius, centre_pt.y() - radius, 2 * radius,
                               2 * radius),
                        image,
                    )  # fmt: skip
                    p.restore()
                else:
                    self._seal(p, centre_pt, radius, b.seal_name)

        self.add(draw)
        self.y = y0 + block_h
        self.closing_page = len(self.pages) - 1

    def _qr(
        self, p: QPainter, modules: tuple[tuple[bool, ...], ...], x: float, y: float, side: float
    ) -> None:
        """The QR code's dark modules as black squares (vector: sharp at any resolution),
        with a white quiet zone of four modules inside ``side``."""
        n = len(modules)
        cell = side / (n + 2 * QR_QUIET)
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255))
        p.drawRect(QRectF(x, y, side, side))
        p.setBrush(QColor(0, 0, 0))
        path = QPainterPath()
        ox, oy = x + QR_QUIET * cell, y + QR_QUIET * cell
        for r, row in enumerate(modules):
            for c, dark in enumerate(row):
                if dark:
                    # a hair wider than the cell, so anti-aliasing leaves no seams
                    path.addRect(QRectF(ox + c * cell, oy + r * cell, cell * 1.02, cell * 1.02))
        p.drawPath(path)
        p.restore()

    def _seal(self, p: QPainter, center: QPointF, radius: float, name: str) -> None:
        """A red round seal (specimen look): rim, the name along the top arc with each character
        upright towards the rim, a five-pointed star in the middle and the purpose across below
        it."""
        rim, across = split_seal_name(name)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.translate(center)
        ring = self.mm(1.1)
        p.setPen(QPen(SEAL_RED, ring))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(0, 0), radius - ring / 2, radius - ring / 2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(SEAL_RED)
        p.drawPath(_star(radius * 0.3))
        p.setPen(SEAL_RED)
        chars = list(rim)
        if chars:
            px = max(1, round(radius * 0.3))
            font = _font(10, bold=True)
            font.setPixelSize(px)
            glyphs = [self.text(ch, font, radius) for ch in chars]
            span = min(260.0, 33.0 * (len(chars) - 1))
            step = span / (len(chars) - 1) if len(chars) > 1 else 0.0
            outer = radius - ring - self.mm(0.8)  # where the tops of the characters stand
            for i, t in enumerate(glyphs):
                # an ideograph's top is about 0.88 em above the baseline
                top = t.layout.lineAt(0).ascent() - 0.88 * px
                p.save()
                p.rotate(-span / 2 + i * step)
                self.draw_text(p, t, -t.width() / 2, -outer - top)
                p.restore()
        if across:
            font = _font(10, bold=True)
            font.setPixelSize(max(1, round(radius * 0.17)))
            t = self.text(across, font, radius * 4)
            w, maxw = t.width(), radius * 1.3
            if w > maxw:
                p.scale(maxw / w, 1.0)
            self.draw_text(p, t, -w / 2, radius * 0.42)
        p.restore()


def _star(r: float) -> QPainterPath:
    path = QPainterPath()
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.382
        a = math.radians(-90 + k * 36)
        pt = QPointF(rr * math.cos(a), rr * math.sin(a))
        if k == 0:
            path.moveTo(pt)
        else:
            path.lineTo(pt)
    path.closeSubpath()
    return path


# --------------------------------------------------------------------------------------------
# Barcode, QR code, seal image
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _qr_modules(code: str) -> tuple[tuple[bool, ...], ...]:
    return qr_matrix(code)


@lru_cache(maxsize=8)
def _seal_image(png: bytes) -> QImage | None:
    img = QImage.fromData(png)
    return None if img.isNull() else img


@lru_cache(maxsize=32)
def _barcode_png(payload: str) -> bytes:
    return code128_png(payload, height_mm=10.0, module_px=6)


def _barcode_image(payload: str) -> QImage:
    img = QImage.fromData(_barcode_png(payload))
    if img.isNull():
        raise ValueError("barcode image could not be read")
    return img


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------


def _closing_breaks(content: DocumentContent, device: QPaintDevice) -> frozenset[tuple[int, int]]:
    """Where to break the page so that the closing block (落款, date, seal) keeps the last lines
    of text with it: before the last two lines of the last body paragraph before it (the whole
    paragraph when it is short) or, with no paragraph there, before a table's last two rows."""
    blocks = content.blocks
    sig = next((i for i, b in enumerate(blocks) if isinstance(b, Signature)), -1)
    if sig <= 0:
        return frozenset()
    run = []
    j = sig - 1
    while j >= 0 and isinstance(blocks[j], Paragraph | Heading):
        run.append(j)
        j -= 1
    body = [k for k in run if isinstance(blocks[k], Paragraph) and not blocks[k].small]  # type: ignore[union-attr]
    target = body[0] if body else (run[-1] if run else -1)
    if target >= 0:
        if target - 1 in run and isinstance(blocks[target - 1], Heading):
            return frozenset({(target - 1, 0)})  # a heading goes with its paragraph
        para = blocks[target]
        assert isinstance(para, Paragraph)
        n = len(_Layout(content, device).paragraph_text(para).lines)
        return frozenset({(target, 0 if n <= 3 else n - 2)})
    prev = blocks[sig - 1]
    if isinstance(prev, Table) and len(prev.rows) >= 3:
        return frozenset({(sig - 1, len(prev.rows) - 2)})
    return frozenset({(sig - 1, 0)})


def _lay_out(
    content: DocumentContent, device: QPaintDevice, log: _GlyphLog | None = None
) -> _Layout:
    """Lay ``content`` out on ``device``; when the closing block would stand on a page with no
    line of text of its own, lay it out again with the last lines of text moved over with it."""
    layout = _Layout(content, device, log)
    layout.build()
    if layout.closing_page > layout.last_text_page >= 0:
        again = _Layout(content, device, log, _closing_breaks(content, device))
        again.build()
        if again.closing_page <= again.last_text_page:
            return again
    return layout


LAYOUT_DPI = 600
"""Every document is laid out at this resolution, whatever it is drawn on: line breaks and
page breaks (hence 第N页 共M页) are the same on the screen preview, in the PDF and on paper."""


def _a4_writer(target: QIODevice | str, resolution: int) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setResolution(resolution)
    return writer


_REFERENCE = threading.local()


def _reference_device() -> QPdfWriter:
    """The device documents are laid out on (an A4 PDF writer at :data:`LAYOUT_DPI` over a
    buffer, one per thread: it measures, nothing is ever painted on it)."""
    held: tuple[QBuffer, QPdfWriter] | None = getattr(_REFERENCE, "device", None)
    if held is None:
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        held = (buf, _a4_writer(buf, LAYOUT_DPI))
        _REFERENCE.device = held
    return held[1]


def _paint(
    content: DocumentContent,
    device: QPaintDevice,
    pages: Iterable[int],
    new_page: Callable[[], object] | None,
    log: _GlyphLog | None = None,
) -> int:
    return _paint_all([content], device, new_page, log, pages)[0]


def _paint_all(
    contents: Sequence[DocumentContent],
    device: QPaintDevice,
    new_page: Callable[[], object] | None,
    log: _GlyphLog | None = None,
    pages: Iterable[int] | None = None,
) -> list[int]:
    """Paint ``contents`` one after the other with one painter (each from a new page, each
    numbered on its own); ``pages`` selects pages of a single document. Returns the page count
    of each document."""
    same = isinstance(device, QPdfWriter) and device.resolution() == LAYOUT_DPI
    totals: list[int] = []
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        first = True
        for content in contents:
            layout = _lay_out(content, device if same else _reference_device(), log)
            laid = layout.pages
            total = len(laid)
            totals.append(total)
            if not same:  # drawn from the layout at its resolution, scaled to the device's
                painter.resetTransform()
                painter.scale(device.width() / layout.page_w, device.height() / layout.page_h)
            for index in range(total) if pages is None else pages:
                if index < 0 or index >= total:
                    continue
                if not first and new_page is not None:
                    new_page()
                first = False
                for op in laid[index]:
                    op(painter)
                _footer(painter, layout, index, total)
    finally:
        painter.end()
    return totals


def _footer(p: QPainter, layout: _Layout, index: int, total: int) -> None:
    t = layout.text(
        f"第 {index + 1} 页　共 {total} 页",
        _font(9, serif=False),
        layout.width,
        align=Qt.AlignmentFlag.AlignHCenter,
    )
    p.save()
    p.setPen(QColor(100, 100, 100))
    layout.draw_text(p, t, layout.left, layout.page_h - layout.mm(12))
    p.restore()


def _blank_page(dpi: int) -> QImage:
    w = round(A4_MM[0] / 25.4 * dpi)
    h = round(A4_MM[1] / 25.4 * dpi)
    img = QImage(w, h, QImage.Format.Format_RGB32)
    dpm = round(dpi / 0.0254)
    img.setDotsPerMeterX(dpm)
    img.setDotsPerMeterY(dpm)
    img.fill(QColor(255, 255, 255))
    return img


def page_count(content: DocumentContent, dpi: int = 96) -> int:
    """How many A4 pages ``content`` takes."""
    del dpi  # laid out at LAYOUT_DPI on every device
    return len(_lay_out(content, _reference_device()).pages)


def render_page_image(content: DocumentContent, dpi: int = 96, page: int = 0) -> QImage:
    """Page ``page`` (from 0) of ``content`` as a white A4 image at ``dpi`` (screen preview)."""
    img = _blank_page(dpi)
    _paint(content, img, [page], None)
    return img


def render_page_images(content: DocumentContent, dpi: int = 96) -> list[QImage]:
    """Every page of ``content`` as images."""
    return [render_page_image(content, dpi, i) for i in range(page_count(content, dpi))]


def render_pdf(content: DocumentContent, path: str | Path, *, resolution: int = 600) -> int:
    """Write ``content`` to an A4 PDF at ``path`` (text searchable, rare characters included);
    returns the number of pages."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = _a4_writer(str(path), resolution)
    writer.setTitle(f"{content.title} {content.number}")
    writer.setCreator("counter 便民服务中心综合窗口")
    log = _GlyphLog()
    pages = _paint(content, writer, range(10_000), writer.newPage, log)
    del writer  # the file is complete once the painter has ended
    fix_pdf_text(path, log)
    return pages


def render_pdf_bundle(
    contents: Sequence[DocumentContent], path: str | Path, *, title: str = ""
) -> list[int]:
    """Write several documents into one A4 PDF at ``path`` (a visit's papers as one print job,
    an archive batch), each starting on a new page and numbered 第N页 共M页 on its own; returns
    each document's page count."""
    if not contents:
        raise ValueError("no document to write")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = _a4_writer(str(path), LAYOUT_DPI)
    writer.setTitle(title or f"{contents[0].title} {contents[0].number}")
    writer.setCreator("counter 便民服务中心综合窗口")
    log = _GlyphLog()
    pages = _paint_all(contents, writer, writer.newPage, log)
    del writer
    fix_pdf_text(path, log)
    return pages


def render_to_printer(content: DocumentContent, printer: QPrinter) -> int:
    """Print ``content`` on A4 paper through ``printer`` (drawn from the paper's corner, so the
    layout is the same as the PDF's); returns the number of pages."""
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    if not printer.docName():
        printer.setDocName(f"{content.title} {content.number}")
    return _paint(content, printer, range(10_000), printer.newPage)


# --------------------------------------------------------------------------------------------
# Correcting the PDF's ToUnicode maps
# --------------------------------------------------------------------------------------------

_TYPE0 = re.compile(rb"(\d+) 0 obj\s*<<\s*/Type /Font\s*/Subtype /Type0(.*?)>>\s*endobj", re.S)
_TOUNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _read_cmap(data: bytes, obj: int) -> dict[int, str] | None:
    m = re.search(rb"\b%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % obj, data)
    if m is None:
        return None
    body = data[m.end() : m.end() + int(m.group(1))]
    out: dict[int, str] = {}
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", body, re.S):
        for line in section.strip().splitlines():
            hexes = _HEX.findall(line)
            if len(hexes) < 3:
                continue
            lo, hi = int(hexes[0], 16), int(hexes[1], 16)
            if b"[" in line:
                for cid, h in zip(range(lo, hi + 1), hexes[2:], strict=False):
                    out[cid] = bytes.fromhex(h.decode()).decode("utf-16-be", "ignore")
            else:
                base = bytes.fromhex(hexes[2].decode()).decode("utf-16-be", "ignore")
                for cid in range(lo, hi + 1):
                    out[cid] = chr(ord(base[-1]) + cid - lo) if base else ""
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", body, re.S):
        for a, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", section):
            out[int(a, 16)] = bytes.fromhex(b.decode()).decode("utf-16-be", "ignore")
    return out


def _match_font(qt_map: dict[int, str], logs: Iterable[_FontLog]) -> _FontLog | None:
    """The recorded font whose glyph order agrees with what Qt's own map says."""
    best, best_score = None, 0.0
    for log in logs:
        checked = agree = 0
        for cid, text in qt_map.items():
            if cid < 1 or not text or not text.isprintable() or text.isspace():
                continue
            checked += 1
            glyphs = list(log.raw.glyphIndexesForString(text))
            if cid <= len(log.order) and glyphs == [log.order[cid - 1]]:
                agree += 1
        if max(qt_map, default=0) > len(log.order):
            continue
        score = agree / checked if checked else 0.0
        if score > best_score:
            best, best_score = log, score
    return best if best_score >= 0.9 else None


def _cmap_stream(entries: dict[int, str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(entries.items())
    for start in range(0, len(items), 100):  # at most 100 entries per section
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(
            f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in chunk
        )
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return ("\n".join(lines) + "\n").encode("ascii")


def fix_pdf_text(path: Path, log: _GlyphLog) -> int:
    """Append corrected ToUnicode maps for the fonts Qt embedded in the PDF at ``path``
    (an incremental update). Returns how many maps were replaced; a font that cannot be matched
    safely with what was recorded keeps Qt's map."""
    data = path.read_bytes()
    replacements: dict[int, bytes] = {}
    for m in _TYPE0.finditer(data):
        tu = _TOUNICODE.search(m.group(2))
        if tu is None:
            continue
        obj = int(tu.group(1))
        qt_map = _read_cmap(data, obj)
        if qt_map is None:
            continue
        font = _match_font(qt_map, log.fonts.values())
        if font is None:
            continue
        entries = {cid: text for cid, text in qt_map.items() if cid >= 1 and text}
        for cid, glyph in enumerate(font.order, start=1):
            text = font.text.get(glyph, "")
            if text:
                entries[cid] = text
        if entries != {cid: t for cid, t in qt_map.items() if cid >= 1 and t}:
            replacements[obj] = _cmap_stream(entries)
    if not replacements:
        return 0
    trailer = list(re.finditer(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)", data, re.S))
    if not trailer:
        return 0
    t_body, prev = trailer[-1].group(1), int(trailer[-1].group(2))
    size = re.search(rb"/Size (\d+)", t_body)
    root = re.search(rb"/Root (\d+ \d+ R)", t_body)
    info = re.search(rb"/Info (\d+ \d+ R)", t_body)
    if size is None or root is None:
        return 0
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets: dict[int, int] = {}
    for obj, stream in sorted(replacements.items()):
        offsets[obj] = len(out)
        out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (obj, len(stream))
        out += stream + b"endstream\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for obj, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (obj, offset)
    out += b"trailer\n<< /Size " + size.group(1) + b" /Root " + root.group(1)
    if info is not None:
        out += b" /Info " + info.group(1)
    out += b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref)
    path.write_bytes(bytes(out))
    return len(replacements)
