"""The key of the documents' verification codes (文书核验密钥) and the codes themselves.

A sealed decision or certificate carries a verification code (核验码): an HMAC-SHA256, under
this key, over the document's id and the SHA-256 digest of its content, cut to 100 bits and
written in Crockford base 32 as five groups of four (``K7QM-2XPA-9RTB-C4DE-0F1G``). It is not a
sequence and cannot be guessed; one changed character finds no document. Verifying recomputes
the MAC from the stored row, so a document whose content was changed in the database after
sealing no longer verifies.

**Where the key lives.** Not in the database (so a copy of the database, or someone who can
write its tables, cannot make codes that verify), but on the PCs that seal and verify, per town
(the town hall's code; its village points share it):

1. the environment variable ``COUNTER_SEAL_KEY`` (64 hex digits or more) — for servers,
   scripts and tests;
2. the OS keyring, service ``counter-seal-key``, account = the town hall's code — put there by
   ``counter seal-key new`` (once, on the first PC) and ``counter seal-key import`` (the other
   PCs, from ``counter seal-key export``), like the database password;
3. for a demo hall only (hall setting ``demo``), a published demo key: demo documents are
   specimens (样章) anyway, and their verification says so.

A PC without the key refuses to seal (a clear error saying how to install it) and verifies by
the record only (genuine record found, content not re-checked), saying so.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from counter.errors import (
    ConfigError,
    KeyringRefused,
    KeyringUnavailable,
    SealKeyringRefused,
    SealKeyringUnavailable,
)

__all__ = [
    "CODE_GROUPS",
    "ENV",
    "KEYRING_SERVICE",
    "SealKey",
    "SealKeyMissing",
    "content_digest",
    "format_code",
    "load_key",
    "looks_like_code",
    "make_code",
    "new_key_hex",
    "normalise_code",
    "require_key",
    "store_key",
]

ENV = "COUNTER_SEAL_KEY"
KEYRING_SERVICE = "counter-seal-key"
CODE_GROUPS = 5
_GROUP = 4
_CODE_LEN = CODE_GROUPS * _GROUP  # 20 characters, 100 bits
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_STD32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_STD32, _CROCKFORD)
_CODE_RE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")
# Public by design, like the demo hall's passwords: it only ever signs specimen documents.
_DEMO_KEY = hashlib.sha256(b"counter demo hall: public key of specimen documents").digest()


class SealKeyMissing(ConfigError):
    code: ClassVar[str] = "seal_key_missing"
    zh: ClassVar[str] = (
        "本机未配置文书核验密钥，不能用印。请在已配置的电脑上运行 counter seal-key export，"
        "再在本机运行 counter seal-key import（或设置环境变量 COUNTER_SEAL_KEY）"
    )
    en: ClassVar[str] = (
        "This PC has no document verification key, so it cannot seal. Run `counter seal-key "
        "export` on a PC that has it and `counter seal-key import` here (or set COUNTER_SEAL_KEY)"
    )


@dataclass(frozen=True)
class SealKey:
    """A key and where it came from: ``env``, ``keyring`` or ``demo``."""

    key: bytes
    source: str

    @property
    def is_demo(self) -> bool:
        return self.source == "demo"


def _parse_hex(text: str, where: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        raise ConfigError(what=f"{where}不是十六进制密钥") from None
    if len(key) < 32:
        raise ConfigError(what=f"{where}的密钥太短（至少64个十六进制字符）")
    return key


def _os_keyring() -> Any:
    """The OS keyring that may hold the key: the same check as the database password's
    (:func:`counter.config.os_keyring`: a backend keeping secrets in a file is refused), with
    the refusal naming the seal key and ``COUNTER_SEAL_KEY``."""
    from counter.config import os_keyring

    try:
        return os_keyring()
    except KeyringRefused as exc:
        raise SealKeyringRefused(exc.detail, **exc.params) from exc
    except KeyringUnavailable as exc:
        raise SealKeyringUnavailable(exc.detail, **exc.params) from exc


def _keyring_get(town_code: str) -> str | None:
    """The key stored in the OS keyring; None without one (a refused file backend is never
    read, even if an older version stored a key there)."""
    try:
        backend = _os_keyring()
    except (KeyringUnavailable, KeyringRefused):
        return None
    try:
        value: str | None = backend.get_password(KEYRING_SERVICE, town_code)
    except Exception:  # a locked or broken keyring: no key, the caller says what to do
        return None
    return value


def load_key(town_code: str, *, demo: bool = False) -> SealKey | None:
    """The verification key of the town ``town_code`` on this PC, or None (see the module
    docstring for the order)."""
    env = os.environ.get(ENV)
    if env:
        return SealKey(_parse_hex(env, ENV), "env")
    stored = _keyring_get(town_code)
    if stored:
        return SealKey(_parse_hex(stored, "密钥环"), "keyring")
    if demo:
        return SealKey(_DEMO_KEY, "demo")
    return None


def require_key(town_code: str, *, demo: bool = False) -> SealKey:
    key = load_key(town_code, demo=demo)
    if key is None:
        raise SealKeyMissing()
    return key


def new_key_hex() -> str:
    """A fresh random key (256 bits) as hex."""
    return secrets.token_hex(32)


def store_key(town_code: str, key_hex: str) -> None:
    """Put the town's key in this PC's OS keyring; :class:`SealKeyringUnavailable` without one
    and :class:`SealKeyringRefused` when the backend in use keeps secrets in a file (nothing
    stored either way)."""
    _parse_hex(key_hex, "密钥")
    backend = _os_keyring()
    try:
        backend.set_password(KEYRING_SERVICE, town_code, key_hex.strip().lower())
    except Exception as exc:  # a locked or broken keyring: never fall back to a file
        from keyring.errors import KeyringError

        if isinstance(exc, KeyringError):
            raise SealKeyringUnavailable(type(exc).__name__) from exc
        raise


def content_digest(content: Mapping[str, Any]) -> str:
    """SHA-256 of a document's stored content as canonical JSON (sorted keys, no spaces)."""
    data = json.dumps(
        content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    ).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def make_code(key: bytes, document_id: int, digest: str) -> str:
    """The verification code (normalised: 20 characters, no dashes) of a document."""
    mac = hmac.new(
        key, f"counter-document-v1\x00{int(document_id)}\x00{digest}".encode(), hashlib.sha256
    ).digest()
    text = base64.b32encode(mac[:15]).decode("ascii").translate(_TO_CROCKFORD)  # 120 bits
    return text[:_CODE_LEN]


def normalise_code(text: str) -> str:
    """A typed or scanned code, upper case, without spaces or dashes, with the letters people
    confuse read as Crockford does (O → 0, I and L → 1). Anything else is left as is, so a
    wrong character simply finds nothing."""
    out = (text or "").strip().upper()
    for prefix in ("核验码:", "核验码：", "VERIFY:"):
        if out.startswith(prefix):
            out = out[len(prefix) :]
    out = re.sub(r"[\s\-]", "", out)
    return out.translate(str.maketrans("OIL", "011"))[:64]


def format_code(code: str) -> str:
    """``K7QM2XPA9RTBC4DE0F1G`` → ``K7QM-2XPA-9RTB-C4DE-0F1G``."""
    c = normalise_code(code)
    return "-".join(c[i : i + _GROUP] for i in range(0, len(c), _GROUP))


def looks_like_code(text: str) -> bool:
    """True for a scanned or typed verification code (five groups of four), so a window can
    tell it from a case number's barcode."""
    t = (text or "").strip().upper()
    if _CODE_RE.match(t):
        return True
    n = normalise_code(t)
    return len(n) == _CODE_LEN and all(ch in _CROCKFORD for ch in n)
