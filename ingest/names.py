"""Source names as users gave them, made safe to store, list and type back.

A file name can carry tabs, newlines, other control characters or bidirectional overrides
(U+202E makes ``fdp.exe`` look like ``exe.pdf``); stored as given they break ``--list`` and
mislead readers. Names are NFC-normalised (macOS sends decomposed accents), control and bidi
characters are dropped (tabs and newlines become spaces) and whitespace is collapsed.
"""
from __future__ import annotations

import re
import unicodedata

BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
_SPACES = re.compile(r"\s+")
FALLBACK = "sin_nombre"


def clean_name(name: str) -> str:
    """The name with control and bidi characters removed and whitespace collapsed."""
    name = unicodedata.normalize("NFC", name)
    kept = []
    for char in name:
        if char in BIDI:
            continue
        if unicodedata.category(char) == "Cc":
            kept.append(" " if char in "\t\n\r\x0b\x0c\x85" else "")
            continue
        kept.append(char)
    name = _SPACES.sub(" ", "".join(kept)).strip()
    if not name or name.startswith("."):  # nothing left, or only an extension
        name = FALLBACK + name
    return name
