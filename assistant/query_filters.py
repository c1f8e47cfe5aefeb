"""The question-understanding API under its former name: intent (``assistant.intent``), names
(``assistant.names``) and the cue tables (``assistant.cues``) re-exported, so that existing
imports keep working. New code imports from those modules."""
from __future__ import annotations

from .cues import normalize
from .intent import (
    HeaderField,
    Kind,
    Language,
    QueryIntent,
    Subject,
    detect_language,
    detect_status,
    detect_statuses,
    detect_year,
    parse_query,
)
from .names import GENERIC_NAME_WORDS, NameMatch, NameMatcher, match_names, program_mentions

__all__ = [
    "GENERIC_NAME_WORDS", "HeaderField", "Kind", "Language", "NameMatch", "NameMatcher", "QueryIntent",
    "Subject", "detect_language", "detect_status", "detect_statuses", "detect_year", "match_names",
    "normalize", "parse_query", "program_mentions",
]
