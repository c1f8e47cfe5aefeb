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
from pathlib import Path

from ingest.records import Report

from .variants import COLUMN_TITLES, Variant, cell_paragraphs

_TOKEN = re.compile(r"\w+")
NOISE = 12  # words a column may hold between two truth words (column titles, a section row)
RESYNC = 4  # truth words that must follow for such a skip
MIN_ALIGNED = 0.97  # share of a row's words that must be found


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


def _table_start(words: list[Word]) -> tuple[list[float], float]:
    """The column edges (just left of the column titles) and the top of the title row, on page 1.
    The titles are the first line holding all three ("Cumplimiento" is also in the report title)."""
    found = {title: [(top, x) for x, top, text in words if tokens(text) == tokens(title)] for title in COLUMN_TITLES}
    for top, _ in sorted(found[COLUMN_TITLES[0]]):
        row = [[x for t, x in found[title] if abs(t - top) < 4.0] for title in COLUMN_TITLES]
        if all(row):
            return [min(xs) - 2.0 for xs in row[1:]], top - 1.0
    raise ValueError("the column titles (Recomendación, Compromiso, Cumplimiento) are not on one line on page 1")


def _pdf_columns(data: bytes) -> tuple[int, list[list[tuple[str, int]]]]:
    """(page count, per column the (token, page) stream in reading order); the header block
    above the table on page 1 is left out."""
    columns: list[list[tuple[str, int]]] = [[], [], []]
    pages = _pages_words(data)
    edges, table_top = _table_start(pages[0])
    for number, words in enumerate(pages, start=1):
        for x, top, text in sorted(words, key=lambda w: (round(w[1]), w[0])):
            if number == 1 and top < table_top:
                continue
            column = sum(x >= edge for edge in edges)
            columns[column].extend((t, number) for t in tokens(text))
    return len(pages), columns


def walk(truth: list[str], got: list[str]) -> list[int | None]:
    """For each truth token, the index of the same token in ``got`` (or None).

    ``got`` is the truth text with a few words inserted (repeated column titles, section rows):
    tokens are matched in order; at a mismatch, up to NOISE tokens of ``got`` are skipped where
    the next RESYNC truth tokens follow, else the truth token is counted missing.
    """
    out: list[int | None] = [None] * len(truth)
    i = j = 0
    while i < len(truth) and j < len(got):
        if truth[i] == got[j]:
            out[i] = j
            i, j = i + 1, j + 1
            continue
        probe = truth[i:i + RESYNC]
        ahead = next((k for k in range(j + 1, min(len(got), j + 1 + NOISE)) if got[k:k + len(probe)] == probe), None)
        if ahead is None:
            i += 1
        else:
            j = ahead
    return out


def row_pages(report: Report, variant: Variant, data: bytes) -> tuple[int, list[tuple[int, ...]]]:
    """(page count of the PDF, pages of each row of ``report`` in order). Raises ValueError when
    less than MIN_ALIGNED of a row's words are found in order (the truth would be a guess)."""
    count, columns = _pdf_columns(data)
    pages: list[set[int]] = [set() for _ in report.commitments]
    found = [0] * len(report.commitments)
    expected = [0] * len(report.commitments)
    for col in range(3):
        truth: list[tuple[str, int]] = []
        for index, c in enumerate(report.commitments):
            for paragraph in cell_paragraphs(c, variant)[col]:
                truth.extend((t, index) for t in tokens(paragraph))
        got = columns[col]
        for (_, index), at in zip(truth, walk([t for t, _ in truth], [t for t, _ in got])):
            expected[index] += 1
            if at is not None:
                found[index] += 1
                pages[index].add(got[at][1])
    short = [f"{c.key} ({f}/{e})" for c, f, e in zip(report.commitments, found, expected) if f < MIN_ALIGNED * e]
    if short:
        raise ValueError(f"rows not found in the PDF: {', '.join(short)}")
    return count, [tuple(sorted(p)) for p in pages]
