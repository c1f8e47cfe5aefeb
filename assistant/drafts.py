"""The draft of an answer: its text with ``[n]`` markers and the rows they number. Every answerer
(exact, extractive, a chat model) makes one; ``chain.finalize`` turns it into an ``Answer``."""
from __future__ import annotations

from dataclasses import dataclass, field

from .types import Row


@dataclass
class Draft:
    """An answer with ``[n]`` markers numbered over ``rows`` (1-based)."""
    text: str
    rows: list[Row]
    kind: str = "search"
    refused: bool = False
    highlights: dict[int, tuple[str, ...]] = field(default_factory=dict)
    cite_all: bool = False  # every row is cited, named in the text or not (complete lists)
