"""A cell's text from its lines: a space where a line was wrapped, a newline at a hard break.

Line breaks are kept only where the line was not full (a hard break), so verification means
stay one per line. When a full line is followed by a capitalised one the break is ambiguous;
see ``_starts_new_item``.
"""
from __future__ import annotations

import re

from .. import fields
from ..text import BULLET
from .model import Line


# Words a phrase does not end with: a line ending in one continues on the next line.
_JOINERS = frozenset(
    "a al ante bajo con contra de del desde e el en entre hacia hasta la las lo los mediante n° nº no. "
    "o para por segun sin sobre su sus tras u un una y que como".split()
)


def cell_text(lines: list[Line]) -> str:
    """Join a cell's lines: a space where the line was wrapped, a newline at a hard break.

    Where the producer spaces its paragraphs, two lines closer than that are one paragraph:
    the break was a wrap even if the next word seems to fit (producers' margins differ).
    """
    parts: list[str] = []
    tight = _tight_gap(lines)
    for prev, line in zip([None, *lines], lines):
        if prev is not None:
            same = 0 <= line.top - prev.bottom < tight and not is_bullet(line)
            parts.append(" " if same or wrapped(prev, line) else "\n")
        parts.append(line.text)
    return "".join(parts)


def _tight_gap(lines: list[Line]) -> float:
    """Gap below which two lines of the cell share a paragraph; 0 when paragraphs are not
    spaced (then only the line widths tell a wrap from a break)."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top >= a.bottom]
    if not gaps or max(gaps) - min(gaps) < PARAGRAPH_SPACING:
        return 0.0
    return min(gaps) + PARAGRAPH_SPACING / 2


PARAGRAPH_SPACING = 6.0  # paragraphs spaced at least this much more than lines


def is_bullet(line: Line) -> bool:
    return BULLET.match(line.text) is not None


def wrapped(prev: Line, line: Line) -> bool:
    """True when the break between two lines of a cell was made by word wrapping.

    Certainly not when ``line``'s first word would have fitted at the end of ``prev``. When it
    would not have fitted the break is ambiguous; a line starting with a capital after a line
    that can end a phrase is then taken as a new item (e.g. the next means of verification).
    """
    if is_bullet(line):  # a bulleted line always starts a new item
        return False
    if _continues_phrase(prev.text, line.text):  # producers' margins differ: the words say it
        return True
    first = line.words[0]
    space = 0.25 * (first.bottom - first.top)
    if prev.x1 + space + (first.x1 - first.x0) <= prev.limit + 0.5:
        return False
    return not _starts_new_item(prev.text, line.text)


def _continues_phrase(prev: str, text: str) -> bool:
    """The line ends on a word a phrase does not end with ("de", "la", "y"), or the next line
    is only a year ("Informe de avance" / "2015"): one phrase wrapped, whatever the widths."""
    words = prev.split()
    if not words or prev.endswith((".", ":", ";")):
        return False
    return fields.fold(words[-1]) in _JOINERS or _YEAR_ONLY.match(text) is not None


_YEAR_ONLY = re.compile(r"^\s*(19|20)\d\d\.?\s*$")


def _starts_new_item(prev: str, text: str) -> bool:
    """A capitalised line after a line ending in a phrase-final word (not a joiner, not a
    capitalised word of a proper name such as "Subsecretaría de Redes / Asistenciales")."""
    words = prev.split()
    if not (words and text[:1].isupper()) or prev.endswith((",", ":", "-", "/")):
        return False
    last = words[-1]
    title_case = last[:1].isupper() and not last.isupper()
    return fields.fold(last) not in _JOINERS and not title_case
