"""The document checklist (材料清单): what the clerk records for each material of an item, and
which materials an outcome needs. Pure: no database."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("received", "missing", "not_applicable")
FORMS = ("original", "copy", "original_and_copy")


@dataclass(frozen=True)
class MaterialCheck:
    """What the clerk found for one material of the item version."""

    material_id: int
    status: str  # received | missing | not_applicable
    form: str = "original"  # original | copy | original_and_copy
    copies: int = 1
    note: str = ""
