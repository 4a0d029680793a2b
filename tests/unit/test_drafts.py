"""The clerk's draft file: written whole or not at all, read back, damage kept aside, and the
temporary file of a write cut short by a kill cleaned up on the next load."""

from __future__ import annotations

from pathlib import Path

from counter import drafts


def test_a_draft_is_read_back_whole(tmp_path: Path) -> None:
    path = drafts.draft_path(tmp_path, window=3, staff_no="1001")
    drafts.save(path, {"notes": "第1件", "items": ["MZ-011"]})
    got = drafts.load(path)
    assert got is not None and got["items"] == ["MZ-011"] and got["notes"] == "第1件"
    assert not list(path.parent.glob("*.tmp"))


def test_a_write_killed_halfway_leaves_the_old_draft_and_its_temp_file_is_swept(
    tmp_path: Path,
) -> None:
    path = drafts.draft_path(tmp_path, window=3, staff_no="1001")
    drafts.save(path, {"notes": "整份", "items": []})
    # what a SIGKILL between mkstemp and rename leaves: a partial temporary file
    stale = path.parent / f"{path.name}.abc123.tmp"
    stale.write_text('{"notes": "半', encoding="utf-8")
    other = path.parent / "w4-1002.json.xyz.tmp"  # another clerk's: not this load's business
    other.write_text("{", encoding="utf-8")
    got = drafts.load(path)
    assert got is not None and got["notes"] == "整份"
    assert not stale.exists()
    assert other.exists()


def test_a_damaged_draft_is_kept_aside(tmp_path: Path) -> None:
    path = drafts.draft_path(tmp_path, window=3, staff_no="1001")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert drafts.load(path) is None
    assert path.with_suffix(".broken").exists()
