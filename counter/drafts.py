"""Local drafts of the window client's form (草稿): never lose what a clerk typed.

Pure helpers, no Qt: a draft is a JSON object (applicant, agent, the visit's items with their
checklist states and notes) written atomically — to a temporary file in the same folder, flushed
and fsync'ed, then renamed over the old one — so a crash mid-write leaves the previous draft
intact, never a half file.

The file holds personal data (name, ID number) of the applicant being served, so it lives in the
user's private data directory (:func:`counter.config.data_dir`), is readable by its owner only,
and is deleted as soon as the visit is finished.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from counter import clock

log = logging.getLogger(__name__)

DRAFT_VERSION = 1
_SAFE = re.compile(r"[^0-9A-Za-z_-]+")


def draft_path(base: Path, *, window: int | None, staff_no: str) -> Path:
    """Where the draft of ``staff_no`` at window ``window`` lives under ``base``."""
    staff = _SAFE.sub("_", staff_no or "anon")[:32]
    win = f"w{window}" if window is not None else "w0"
    return base / "drafts" / f"{win}-{staff}.json"


def is_empty(data: dict[str, Any]) -> bool:
    """True when a draft holds nothing typed (no applicant text, no item, no notes, no form kept
    for a parked ticket)."""
    applicant = data.get("applicant") or {}
    agent = data.get("agent") or {}
    typed = any(str(v).strip() for k, v in applicant.items() if k not in ("kind", "id_type"))
    typed = typed or any(str(v).strip() for k, v in agent.items() if k not in ("kind", "id_type"))
    return (
        not typed
        and not data.get("items")
        and not str(data.get("notes", "")).strip()
        and not data.get("parked")
    )


def dumps(data: dict[str, Any]) -> str:
    payload = {"version": DRAFT_VERSION, "saved_at": clock.now().isoformat(), **data}
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True, default=str)


def save(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` to ``path`` atomically (temp file + fsync + rename), mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dumps(data)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def load(path: Path) -> dict[str, Any] | None:
    """The draft at ``path``, or None when there is none or it cannot be read (logged; a broken
    file is kept aside as ``*.broken`` for support, never silently deleted).

    Temporary files of :func:`save` left beside it by a process killed in the middle of a
    write are removed: the draft itself is whole (the rename is the commit), and a draft is
    loaded when its clerk signs in again, before that clerk's client saves anything."""
    for stale in path.parent.glob(f"{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("draft %s unreadable: %s", path, exc)
        return None
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except ValueError as exc:
        log.warning("draft %s is damaged (%s); kept as .broken", path, exc)
        with contextlib.suppress(OSError):
            os.replace(path, path.with_suffix(".broken"))
        return None
    if int(data.get("version", 0)) > DRAFT_VERSION:
        log.warning("draft %s is from a newer version; ignored", path)
        return None
    return data


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
