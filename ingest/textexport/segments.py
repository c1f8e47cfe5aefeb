"""Segmenting a text export: pages, the table's start, page furniture, and the cells of a line."""
from __future__ import annotations

import re

from ..fields import clean
from .patterns import NUMBERED, norm

_TABLE_HEADER = re.compile(r"^\s*Recomendaci[oó]n(?:es)?\s+Compromisos?\s+Cumplimientos?\s*$", re.I)
_TITLE = re.compile(r"^\s*INFORME\s+DE\s+EGRESO\b", re.I)
_PAGE_FOOTER = re.compile(r"^\s*P[áa]gina\s+\d+(?:\s+de\s+\d+)?\s*$", re.I)


def split_pages(text: str) -> list[str]:
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # exports end every page, the last one too, with a form feed
    return pages


def table_start(lines: list[tuple[int, str]]) -> int | None:
    """Index of the first table header line, or None without a table."""
    return next((i for i, (_, raw) in enumerate(lines) if _is_table_header(raw)), None)


def _is_table_header(raw: str) -> bool:
    return bool(_TABLE_HEADER.match(clean(raw)))


def repeated_lines(header_lines: list[str]) -> frozenset[str]:
    """Header lines in comparable form: a page that repeats them inside the table skips them."""
    return frozenset(norm(line) for line in header_lines if line.strip())


def is_noise(raw: str, skip: frozenset[str]) -> bool:
    """Repeated page furniture: table header, title, header lines, page numbers."""
    text = clean(raw)
    return _is_table_header(raw) or bool(_TITLE.match(text) or _PAGE_FOOTER.match(text)) or norm(text) in skip


def line_cells(raw: str) -> tuple[str, str, str] | None:
    """The three cells of a line (a line without tabs is one cell, the first); None when blank."""
    if not raw.strip():
        return None
    parts = [clean(part) for part in raw.split("\t")]
    if len(parts) <= 3:
        parts += [""] * (3 - len(parts))
        return parts[0], parts[1], parts[2]
    return _fold_spread_cells(parts)


def _fold_spread_cells(parts: list[str]) -> tuple[str, str, str]:
    """A line whose words were spread over many tabs: the last cell is the third column, the words
    before it split into the first two columns where a numbered word starts the commitment."""
    *words, last = parts
    words = [w for w in words if w]
    cut = next((i for i, w in enumerate(words) if i > 0 and NUMBERED.match(w)), len(words))
    return " ".join(words[:cut]), " ".join(words[cut:]), last
