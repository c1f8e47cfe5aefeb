"""A report written as a DOCX with python-docx (converted to PDF by LibreOffice)."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ingest.records import Report

from .variants import COLUMN_TITLES, Variant, cell_paragraphs, header_lines, sections_between

_VALIGN = {"top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
           "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM}
_WIDTHS_MM = (50, 54, 76)


def _fill(cell, paragraphs: list[str], *, bold: bool = False) -> None:
    first = cell.paragraphs[0]
    for index, text in enumerate(paragraphs):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(text).bold = bold


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def render_docx(report: Report, variant: Variant) -> bytes:
    """The DOCX bytes of ``report`` (the truth record) under ``variant``."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(18)
    style = doc.styles["Normal"]
    style.font.name = "Liberation Serif" if variant.serif else "Liberation Sans"
    style.font.size = Pt(8.5)
    lines = header_lines(report)
    doc.add_paragraph().add_run(lines[0]).bold = True
    for line in lines[1:]:
        doc.add_paragraph(line).paragraph_format.space_after = Pt(1)
    table = doc.add_table(rows=1, cols=3)
    if variant.rulings:
        table.style = doc.styles["Table Grid"]
    _fill_row(table.rows[0], [[t] for t in COLUMN_TITLES], "top", bold=True)
    if variant.repeat_header:
        _repeat_as_header(table.rows[0])
    for title, c in sections_between(report.commitments):
        if title:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[2])
            _fill(merged, [title], bold=True)
        _fill_row(table.add_row(), list(cell_paragraphs(c, variant)), variant.valign)
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS_MM):
            cell.width = Mm(width)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _fill_row(row, cells: list[list[str]], valign: str, *, bold: bool = False) -> None:
    for cell, paragraphs in zip(row.cells, cells):
        cell.vertical_alignment = _VALIGN[valign]
        _fill(cell, paragraphs, bold=bold)
