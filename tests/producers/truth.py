"""The pages each truth row lands on in a rendered PDF, from the generator's own text.

The producer decides where the page breaks fall, so the generator cannot know a row's pages up
front. The words of each column of the PDF (split at the x of the column titles on page 1) are
aligned to the cell texts the generator drew, row after row; a row's pages are the pages of its
aligned words. This uses only the text layer (read by poppler's ``pdftotext``, not by the
reader's pdfplumber) and the generator's cell texts, never the reader.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

from ingest.records import Report

from .variants import COLUMN_TITLES, Variant, cell_paragraphs

_TOKEN = re.compile(r"\w+")
MIN_RUN = 3  # aligned runs shorter than this are ignored


def tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return _TOKEN.findall(folded)


_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', re.S)
Word = tuple[float, float, str]  # (x0, top, text)


def _pages_words(data: bytes) -> list[list[Word]]:
    """Every page's words with their position, by poppler's ``pdftotext -bbox`` (fast, and
    another text extractor than the reader's pdfplumber)."""
    tool = shutil.which("pdftotext")
    if not tool:
        raise SystemExit("pdftotext is not installed (Debian: poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="corpus-truth-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        out = subprocess.run([tool, "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout
    pages = _PAGE.findall(out.decode("utf-8"))
    return [[(float(x), float(y), html.unescape(t)) for x, y, t in _WORD.findall(page)] for page in pages]


def _column_edges(words: list[Word]) -> list[float]:
    edges = []
    for title in COLUMN_TITLES[1:]:
        hits = [x for x, _, text in words if tokens(text) == tokens(title)]
        if not hits:
            raise ValueError(f"column title {title!r} not found on page 1")
        edges.append(min(hits) - 2.0)
    return edges


def _pdf_columns(data: bytes) -> tuple[int, list[list[tuple[str, int]]]]:
    """(page count, per column the (token, page) stream in reading order)."""
    columns: list[list[tuple[str, int]]] = [[], [], []]
    pages = _pages_words(data)
    edges = _column_edges(pages[0])
    for number, words in enumerate(pages, start=1):
        for x, _, text in sorted(words, key=lambda w: (round(w[1]), w[0])):
            column = sum(x >= edge for edge in edges)
            columns[column].extend((t, number) for t in tokens(text))
    return len(pages), columns


def row_pages(report: Report, variant: Variant, data: bytes) -> tuple[int, list[tuple[int, ...]]]:
    """(page count of the PDF, pages of each row of ``report`` in order)."""
    count, columns = _pdf_columns(data)
    pages: list[set[int]] = [set() for _ in report.commitments]
    for col in range(3):
        truth: list[tuple[str, int]] = []
        for index, c in enumerate(report.commitments):
            for paragraph in cell_paragraphs(c, variant)[col]:
                truth.extend((t, index) for t in tokens(paragraph))
        got = columns[col]
        matcher = SequenceMatcher(None, [t for t, _ in truth], [t for t, _ in got], autojunk=False)
        for block in matcher.get_matching_blocks():
            if block.size < MIN_RUN:  # a stray word or two (a section title, a repeated header)
                continue
            for k in range(block.size):
                pages[truth[block.a + k][1]].add(got[block.b + k][1])
    missing = [c.key for c, p in zip(report.commitments, pages) if not p]
    if missing:
        raise ValueError(f"rows not found in the PDF: {missing}")
    return count, [tuple(sorted(p)) for p in pages]
