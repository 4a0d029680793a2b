"""What a printed document says, as data (文书内容).

A :class:`DocumentContent` is the whole content of one document — receipt (受理回执), one-time
notice (一次性告知书), rejection notice (不予受理通知书), hand-over slip (领取回执), decision
(决定书) — as a title, a number, the issuing hall and a sequence of simple typed blocks. It is
stored as JSON in ``document.content`` (:meth:`DocumentContent.to_dict`), so a reprint says exactly
what the first print said, and it is drawn by ``ui.docrender`` on paper, in a PDF and on screen.
Nothing here knows about Qt or the database.

Blocks:

- :class:`Heading` — a sub-heading (一、二、…);
- :class:`Paragraph` — running text, first line indented by two characters unless ``indent`` is
  False;
- :class:`Fields` — labelled values in a bordered grid, ``columns`` pairs per line;
- :class:`Table` — headers and rows (long tables continue on the next page, headers repeated);
- :class:`Signature` — the issuer, the date and the seal spot (the seal is drawn over the date
  when ``seal_name`` is set), plus lines to sign on the left (领取人签字).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DOCUMENT_KINDS",
    "Block",
    "DocumentContent",
    "Fields",
    "Heading",
    "Paragraph",
    "Signature",
    "Table",
    "block_from_dict",
]

# kind → usual title
DOCUMENT_KINDS: dict[str, str] = {
    "receipt": "受理回执",
    "one_time_notice": "一次性告知书",
    "rejection": "不予受理通知书",
    "handover": "领取回执",
    "originals_return": "退还材料回执",
    "decision": "决定书",
    "certificate": "证照",
}


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"type": "heading", "text": self.text, "level": self.level}


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # first line indented by two characters (首行缩进)
    small: bool = False  # notes (注) in a smaller size
    bold: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "paragraph",
            "text": self.text,
            "indent": self.indent,
            "small": self.small,
            "bold": self.bold,
        }


@dataclass(frozen=True)
class Fields:
    """Label/value pairs drawn as a bordered grid, ``columns`` pairs on a line."""

    rows: tuple[tuple[str, str], ...]
    columns: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"type": "fields", "rows": [list(r) for r in self.rows], "columns": self.columns}


@dataclass(frozen=True)
class Table:
    """A table; ``widths`` are relative column widths (equal when empty)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    caption: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "table",
            "headers": list(self.headers),
            "rows": [list(r) for r in self.rows],
            "widths": list(self.widths),
            "caption": self.caption,
        }


@dataclass(frozen=True)
class Signature:
    """The issuer and date at the bottom right, with the seal spot over them.

    ``seal_name`` empty: nothing is stamped (a hand-over slip is signed, not sealed).
    ``sign_lines``: lines on the left for handwritten signatures (``领取人（签字）：``).
    """

    issuer: str
    date_text: str
    seal_name: str = ""
    sign_lines: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "signature",
            "issuer": self.issuer,
            "date_text": self.date_text,
            "seal_name": self.seal_name,
            "sign_lines": list(self.sign_lines),
        }


Block = Heading | Paragraph | Fields | Table | Signature


def _strs(values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def block_from_dict(d: Mapping[str, Any]) -> Block:
    """The block a :meth:`to_dict` wrote. Raises ``ValueError`` for an unknown type."""
    kind = d.get("type")
    if kind == "heading":
        return Heading(str(d["text"]), int(d.get("level", 1)))
    if kind == "paragraph":
        return Paragraph(
            str(d["text"]),
            indent=bool(d.get("indent", True)),
            small=bool(d.get("small", False)),
            bold=bool(d.get("bold", False)),
        )
    if kind == "fields":
        rows = tuple((str(r[0]), str(r[1])) for r in d.get("rows", ()))
        return Fields(rows, int(d.get("columns", 1)))
    if kind == "table":
        return Table(
            headers=_strs(d.get("headers", ())),
            rows=tuple(_strs(r) for r in d.get("rows", ())),
            widths=tuple(float(w) for w in d.get("widths", ())),
            caption=str(d.get("caption", "")),
        )
    if kind == "signature":
        return Signature(
            issuer=str(d.get("issuer", "")),
            date_text=str(d.get("date_text", "")),
            seal_name=str(d.get("seal_name", "")),
            sign_lines=_strs(d.get("sign_lines", ())),
        )
    raise ValueError(f"unknown document block type: {kind!r}")


@dataclass(frozen=True)
class DocumentContent:
    """One document's whole content.

    ``issued_at`` is timezone-aware; ``barcode`` is the Code128 payload (the case number) or None;
    ``subtitle`` a line under the title (``（申请人留存）``); ``mark`` a corner mark such as 补打
    (reprint), never stored with the original.

    A sealed decision also carries ``verify_code`` (核验码, printed with its QR code) and, when
    printed, ``seal_image`` (the PNG of the seal as the database holds it, drawn over the
    date). Neither is part of the stored content: the code is computed over that content, and
    the image belongs to the seal; the services attach both when they hand a document out.
    """

    kind: str
    title: str
    number: str
    hall_name: str
    issued_at: dt.datetime
    blocks: tuple[Block, ...] = ()
    barcode: str | None = None
    subtitle: str = ""
    mark: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    verify_code: str = ""
    seal_image: bytes = field(default=b"", repr=False, compare=False)

    def text(self) -> str:
        """Every word of the document in reading order (search, tests, accessibility)."""
        out = [self.mark, self.hall_name, self.title, self.subtitle, self.number]
        for b in self.blocks:
            if isinstance(b, Heading | Paragraph):
                out.append(b.text)
            elif isinstance(b, Fields):
                out.extend(f"{k}：{v}" for k, v in b.rows)
            elif isinstance(b, Table):
                out.append(b.caption)
                out.append("\t".join(b.headers))
                out.extend("\t".join(r) for r in b.rows)
            else:
                out.extend(b.sign_lines)
                out.extend((b.issuer, b.date_text))
        if self.verify_code:
            out.append(f"核验码：{self.verify_code}")
        return "\n".join(t for t in out if t)

    def to_dict(self) -> dict[str, Any]:
        """The stored form (without ``seal_image``; with ``verify_code`` only when set)."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "title": self.title,
            "number": self.number,
            "hall_name": self.hall_name,
            "issued_at": self.issued_at.isoformat(),
            "blocks": [b.to_dict() for b in self.blocks],
            "barcode": self.barcode,
            "subtitle": self.subtitle,
            "mark": self.mark,
            "meta": dict(self.meta),
        }
        if self.verify_code:
            out["verify_code"] = self.verify_code
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DocumentContent:
        issued = dt.datetime.fromisoformat(str(d["issued_at"]))
        if issued.tzinfo is None:
            issued = issued.replace(tzinfo=dt.UTC)
        barcode = d.get("barcode")
        return cls(
            kind=str(d["kind"]),
            title=str(d["title"]),
            number=str(d.get("number", "")),
            hall_name=str(d.get("hall_name", "")),
            issued_at=issued,
            blocks=tuple(block_from_dict(b) for b in d.get("blocks", ())),
            barcode=str(barcode) if barcode else None,
            subtitle=str(d.get("subtitle", "")),
            mark=str(d.get("mark", "")),
            meta=dict(d.get("meta") or {}),
            verify_code=str(d.get("verify_code", "") or ""),
        )
