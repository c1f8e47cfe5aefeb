"""Checks on a question made before any work is done on it (cheap, whatever its size)."""
from __future__ import annotations

from .prompts import Prompts
from .intent import detect_language

LANGUAGE_SAMPLE = 2000  # characters read to tell the language of an over-long question


def too_long(question: str, limit: int, prompts: Prompts) -> str | None:
    """The message for a question longer than ``limit`` characters (in its language); None if it fits."""
    if len(question) <= limit:
        return None
    language = detect_language(question[:LANGUAGE_SAMPLE])
    return prompts.phrase(language, "too_long", length=len(question), limit=limit)
