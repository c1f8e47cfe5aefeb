"""Render a Report as a PDF in the DIPRES "Informe de Egreso" layout (fixtures, samples).

The layout copies what real exports look like, including their awkward parts, so the PDF
reader is tested against them:

- a header block on page 1, then a ruled three-column table whose header row is repeated on
  every page;
- a row that does not fit is split across the page break, and the part left on the first page
  has no closing horizontal ruling;
- the recommendation cell is vertically centred, so in a tall row its text starts mid-row.

Text is wrapped and placed by hand on a reportlab canvas; ``invariant=1`` makes the output
byte-for-byte reproducible (without encryption).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .records import Commitment, Report
from .text import dmy

PAGE_W, PAGE_H = A4
MARGIN_X = 40.0
MARGIN_TOP = 45.0
MARGIN_BOTTOM = 55.0
COL_WIDTHS = (150.0, 160.0, PAGE_W - 2 * MARGIN_X - 310.0)
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
SIZE, LEADING, PAD = 8.0, 10.0, 4.0
HEADER_SIZE, HEADER_LEADING = 9.0, 13.0
TITLE = "INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS"
COLUMN_TITLES = ("Recomendación", "Compromiso", "Cumplimiento")
HEADER_ROW_H = LEADING + 2 * PAD + 2
LINE_WIDTH = 0.5
# Characters the standard Helvetica encoding cannot carry through text extraction.
_SUBSTITUTES = str.maketrans({"•": "-", "\u25cf": "-", "\t": " "})


@dataclass
class _Column:
    """One cell's lines flowing down through one or more page segments."""

    lines: list[str]
    gap: float = 0.0  # blank space before the first line (vertical centring)
    next_line: int = 0

    @property
    def done(self) -> bool:
        return self.next_line >= len(self.lines)

    def take(self, avail: float) -> tuple[list[tuple[float, str]], float]:
        """Place lines into ``avail`` points; return (offset, text) pairs and the height used."""
        used = min(self.gap, avail)
        self.gap -= used
        placed: list[tuple[float, str]] = []
        while not self.done and self.gap <= 0 and used + LEADING <= avail:
            placed.append((used, self.lines[self.next_line]))
            self.next_line += 1
            used += LEADING
        return placed, used


@dataclass
class _Segment:
    """The part of one table row drawn on one page."""

    top: float
    height: float
    cells: list[list[tuple[float, str]]]
    closed: bool


@dataclass
class _Page:
    segments: list[_Segment] = field(default_factory=list)
    header_lines: list[tuple[str, str, float]] = field(default_factory=list)  # (font, text, top)
    table_top: float = MARGIN_TOP


def write_report_pdf(report: Report, path: str | Path, *, encrypt_password: str | None = None) -> Path:
    """Write ``report`` to ``path`` as a DIPRES-style PDF and return the path."""
    path = Path(path)
    pages = _layout(report)
    canvas = Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt_password)
    canvas.setTitle(f"Informe de Egreso: {report.program}")
    canvas.setAuthor("Dirección de Presupuestos")
    for number, page in enumerate(pages, start=1):
        _draw_page(canvas, page, number, len(pages))
        canvas.showPage()
    canvas.save()
    return path


# ---------------------------------------------------------------- text of the cells


def _numbered(number: int | None, text: str) -> str:
    return f"{number}. {text}" if number is not None else text


def _cell_texts(c: Commitment) -> tuple[str, str, str]:
    """The three cell texts of a row, paragraphs separated by newlines."""
    recommendation = _numbered(c.recommendation, c.recommendation_text) if c.recommendation_text else ""
    commitment = _numbered(c.commitment, c.commitment_text)
    if c.due:
        commitment += f"\nFecha de Vencimiento: {c.due}"
    compliance = [c.compliance_text]
    if c.observation:
        compliance.append(f"Observación: {c.observation}")
    date = f" ({dmy(c.status_date)})" if c.status_date else ""
    compliance.append(f"Calificación: {c.status}{date}")
    if c.verification:
        compliance.append("Medios de Verificación:")
        compliance.extend(f"- {item}" for item in c.verification)  # a bullet marks each item
    return recommendation, commitment, "\n".join(compliance)


def _wrap(text: str, width: float, font: str = FONT, size: float = SIZE) -> list[str]:
    """Wrap each paragraph of ``text`` to ``width`` points; over-long words are cut."""
    lines: list[str] = []
    for paragraph in text.translate(_SUBSTITUTES).split("\n"):
        paragraph = " ".join(paragraph.split())
        for line in simpleSplit(paragraph, font, size, width) if paragraph else ():
            lines.extend(_cut_long(line, width, font, size))
    return lines


def _cut_long(line: str, width: float, font: str, size: float) -> list[str]:
    """A line wider than the column (one long word, e.g. a URL) is cut by characters."""
    pieces: list[str] = []
    while stringWidth(line, font, size) > width and len(line) > 1:
        cut = len(line) - 1
        while cut > 1 and stringWidth(line[:cut], font, size) > width:
            cut -= 1
        pieces.append(line[:cut])
        line = line[cut:]
    return pieces + [line]


# ---------------------------------------------------------------- layout


def _header_lines(report: Report) -> list[tuple[str, str]]:
    """(font, text) lines of the header block on page 1; empty text is a blank line."""
    width = PAGE_W - 2 * MARGIN_X
    lines: list[tuple[str, str]] = [(FONT_BOLD, TITLE), (FONT, "")]
    for text in _wrap(f"Programa/Institución: {report.program}", width, FONT, HEADER_SIZE):
        lines.append((FONT, text))
    lines += [(FONT, ""), (FONT_BOLD, report.ministry.upper()), (FONT, "")]
    for text in _wrap(f"Servicio: {report.service}", width, FONT, HEADER_SIZE):
        lines.append((FONT, text))
    lines += [
        (FONT, ""),
        (FONT, f"Año: {report.year if report.year is not None else ''}"),
        (FONT, f"Calificación: {report.status}"),
        (FONT, f"Fecha Egreso: {dmy(report.exit_date)}"),
    ]
    return lines


def _columns(c: Commitment) -> list[_Column]:
    """Wrap a row's cells; the recommendation is centred against the tallest other cell."""
    texts = _cell_texts(c)
    wrapped = [_wrap(text, width - 2 * PAD) for text, width in zip(texts, COL_WIDTHS)]
    tallest = max(len(lines) for lines in wrapped[1:]) * LEADING
    gap = max(0.0, (tallest - len(wrapped[0]) * LEADING) / 2)
    return [_Column(wrapped[0], gap), _Column(wrapped[1]), _Column(wrapped[2])]


def _new_page(pages: list[_Page]) -> _Page:
    page = _Page(table_top=MARGIN_TOP)
    pages.append(page)
    return page


def _layout(report: Report) -> list[_Page]:
    """Place the header block and every row; rows run over page breaks as needed."""
    pages: list[_Page] = []
    page = _new_page(pages)
    top = MARGIN_TOP
    for font, text in _header_lines(report):
        page.header_lines.append((font, text, top))
        top += HEADER_LEADING
    page.table_top = top + 6
    y = page.table_top + HEADER_ROW_H
    limit = PAGE_H - MARGIN_BOTTOM
    for commitment in report.commitments:
        columns = _columns(commitment)
        if limit - y - 2 * PAD < 3 * LEADING:  # not even a few lines left: start a new page
            page = _new_page(pages)
            y = page.table_top + HEADER_ROW_H
        while True:
            avail = limit - y - 2 * PAD
            taken = [column.take(avail) for column in columns]
            closed = all(column.done for column in columns)
            height = max(used for _, used in taken) + 2 * PAD if closed else limit - y
            page.segments.append(_Segment(y, height, [cells for cells, _ in taken], closed))
            if closed:
                y += height
                break
            page = _new_page(pages)
            y = page.table_top + HEADER_ROW_H
    return pages


# ---------------------------------------------------------------- drawing


def _rl(top: float) -> float:
    """Top-down coordinate to reportlab's bottom-up one."""
    return PAGE_H - top


def _column_edges() -> list[float]:
    edges = [MARGIN_X]
    for width in COL_WIDTHS:
        edges.append(edges[-1] + width)
    return edges


def _draw_page(canvas: Canvas, page: _Page, number: int, total: int) -> None:
    canvas.setLineWidth(LINE_WIDTH)
    for font, text, top in page.header_lines:
        if text:
            is_title = text == TITLE
            canvas.setFont(font, 11 if is_title else HEADER_SIZE)
            if is_title:
                canvas.drawCentredString(PAGE_W / 2, _rl(top + HEADER_SIZE), text)
            else:
                canvas.drawString(MARGIN_X, _rl(top + HEADER_SIZE), text)
    _draw_header_row(canvas, page.table_top)
    for segment in page.segments:
        _draw_segment(canvas, segment)
    canvas.setFont(FONT, 7.5)
    canvas.drawCentredString(PAGE_W / 2, _rl(PAGE_H - 28), f"Página {number} de {total}")


def _draw_header_row(canvas: Canvas, top: float) -> None:
    edges = _column_edges()
    bottom = top + HEADER_ROW_H
    canvas.setFont(FONT_BOLD, SIZE)
    for title, left, right in zip(COLUMN_TITLES, edges, edges[1:]):
        canvas.drawCentredString((left + right) / 2, _rl(top + PAD + LEADING - 1.5), title)
    canvas.line(edges[0], _rl(top), edges[-1], _rl(top))
    canvas.line(edges[0], _rl(bottom), edges[-1], _rl(bottom))
    for x in edges:
        canvas.line(x, _rl(top), x, _rl(bottom))


def _draw_segment(canvas: Canvas, segment: _Segment) -> None:
    """Draw one row part: its text, vertical rulings, and a bottom ruling only if it ends here."""
    edges = _column_edges()
    bottom = segment.top + segment.height
    canvas.setFont(FONT, SIZE)
    for cells, left in zip(segment.cells, edges):
        for offset, text in cells:
            baseline = segment.top + PAD + offset + LEADING - 2.5
            canvas.drawString(left + PAD, _rl(baseline), text)
    for x in edges:
        canvas.line(x, _rl(segment.top), x, _rl(bottom))
    if segment.closed:
        canvas.line(edges[0], _rl(bottom), edges[-1], _rl(bottom))


__all__ = ["write_report_pdf"]
