"""English of the strings added on branch i9ui2 (window client scans, admin console; merged
into ``fill_en.EN``)."""

from __future__ import annotations

EN = {
    "扫到的是身份证号，不是办件编号": "That was an ID number, not a case number",
    "事项编码，用逗号分隔，如 MZ-001，NY-001": "Item codes separated by commas, e.g. MZ-001, NY-001",
}
