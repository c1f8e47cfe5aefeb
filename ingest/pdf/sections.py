"""Section rows ("I. DISEÑO", "II. ORGANIZACIÓN Y GESTIÓN") standing between the table's rows.

A section row is one line of a roman numeral and upper-case words, spanning the table or alone
in the first column, with no other text of the table beside it. It is neither a commitment nor
part of one; its title becomes the ``section`` of the rows below it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Columns, Word, group_lines

_TITLE = re.compile(r"^(?=[IVXL]+\b)[IVXL]{1,5}\s*[.)-]?\s+[A-ZÁÉÍÓÚÜÑ][A-ZÁÉÍÓÚÜÑ ,;:/()-]{2,}$")


@dataclass(frozen=True)
class SectionRow:
    top: float
    bottom: float
    title: str


def section_rows(words: list[Word], columns: Columns) -> list[SectionRow]:
    """Section title lines among the table's words (already limited to the table's body)."""
    found = []
    for line in group_lines(words):
        text = _joined(line)
        if not _TITLE.match(text) or columns.index(line[0].xc) != 0:
            continue
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        beside = [w for w in words if w not in line and w.top < bottom - 1 and w.bottom > top + 1]
        if not beside:
            found.append(SectionRow(top, bottom, text))
    return found


def _joined(line: list[Word]) -> str:
    """A line's text; pieces of one word split at a column boundary are joined again."""
    out = line[0].text
    for prev, word in zip(line, line[1:]):
        out += ("" if word.x0 - prev.x1 < 0.3 else " ") + word.text
    return out
