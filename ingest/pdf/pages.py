"""Every page's words, rulings, table header rows and columns, ready for the table reader."""
from __future__ import annotations

from typing import Callable

from ..ocr import OcrOptions
from .columns import find_columns, split_straddling
from .headers import header_rows
from .model import Columns, Page, RawPage, Word
from .words import drop_page_numbers, merge_rules, read_pages


def load_pages(data: bytes, source: str, *, on_page: Callable[[int, int], None] | None = None,
               ocr: OcrOptions | None = None) -> list[Page]:
    """Every page's words, rulings and table columns (scanned pages read by OCR with ``ocr``)."""
    pages: list[Page] = []
    columns: Columns | None = None
    for raw in read_pages(data, source, on_page=on_page, ocr=ocr):
        page = _page(raw)
        if page.headers:
            columns = find_columns(page, page.headers[0])
        if columns is not None:
            top = page.headers[0].bottom if page.headers else 0.0
            page.words = [
                piece for word, w in zip(page.words, raw.words)
                for piece in (split_straddling(word, w["chars"], columns) if word.yc > top else (word,))
            ]
        page.columns = columns
        pages.append(page)  # the raw page (char dicts) is dropped here: memory stays per page
    return pages


def _page(raw: RawPage) -> Page:
    raw.words = drop_page_numbers(raw.words, raw.height)
    words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw.words]
    page = Page(raw.number, raw.height, words, merge_rules(raw.hrules), merge_rules(raw.vrules), ocr=raw.ocr)
    page.headers = header_rows(page)
    return page
