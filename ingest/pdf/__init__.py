"""Read an "Informe de Egreso" PDF into a Report with pdfplumber.

The table is rebuilt from word positions and whatever rulings the PDF holds; rows are found
from content and geometry together, so tables without rulings read as well as ruled ones:

1. Per page, the header row (``Recomendación | Compromiso | Cumplimiento``) is located by its
   words (``headers``); the column boundaries come from vertical rulings between those words or,
   without rulings, from the widest white-space gap between them (``columns``).
2. Section rows ("I. DISEÑO": a roman numeral and upper-case words alone on their line) are
   taken out of the table; their title becomes the ``section`` of the rows below (``sections``).
3. Row bands come from horizontal rulings spanning the table, repeated header rows and section
   rows (``table``). A band holding several rows (a table without inner rulings) is cut after
   each row's ``Calificación: X (fecha)`` -- or after the ``Medios de Verificación`` list that
   follows it, when the report puts the means after the status -- at the widest white space
   crossing all three columns before the next row's first label or numbered commitment; the
   table-wide order of status and means and the paragraph spacing decide doubtful cases, and a
   bulleted list ends at its first line that is neither a bullet nor wrapped (``row_cuts``).
   Cells may be top-, middle- or bottom-aligned: rows are horizontal strips whatever the
   alignment, so the white space between two rows is empty in every column.
4. Words are assigned to bands and columns by their centre, so vertically centred cells land in
   the right row; repeated header rows and page numbers are dropped.
5. A segment at the top of a page (or after a repeated header) continues the previous row
   unless it starts a new numbered commitment after a finished one, or the previous row ended
   complete and ``row_cuts`` put the page's first compliance text in a new row; segments are
   stitched (``rows``).
6. Cell texts go through the shared parsers in ``fields``. Line breaks are kept only where the
   line was not full (a hard break) and, where the producer spaces its paragraphs, only between
   paragraphs, so verification means stay one per line (``cells``).

Pages are read by ``words`` (the only module that calls pdfplumber). Every failure of the PDF
itself becomes a ReportError with one Spanish line (``errors``).
"""
from __future__ import annotations

from typing import Callable

from .. import fields
from ..errors import ReportError
from ..ocr import OcrOptions, ocr_report_fields
from ..records import Report
from .errors import MSG_NO_ROWS, require_report, require_text
from .headers import header_text
from .pages import load_pages
from .rows import commitments, stitch
from .table import all_segments


def parse_pdf(data: bytes, *, source: str, sha256: str,
              on_page: Callable[[int, int], None] | None = None, ocr: OcrOptions | None = None) -> Report:
    """Parse the bytes of a report PDF; raise ReportError with a Spanish message when impossible.
    ``on_page(done, total)`` is called after each page is read; scanned pages are read by OCR
    with ``ocr`` (defaults: Spanish, 300 dpi)."""
    pages = load_pages(data, source, on_page=on_page, ocr=ocr)
    require_text(pages)
    header = fields.parse_header(header_text(pages))
    require_report(pages, header)
    rows = commitments(stitch(all_segments(pages)))
    if not rows:
        raise ReportError(MSG_NO_ROWS)
    scans = ocr_report_fields([page.ocr for page in pages if page.ocr is not None])
    return Report(source=source, sha256=sha256, pages=len(pages), commitments=tuple(rows), **header, **scans)


__all__ = ["parse_pdf"]
