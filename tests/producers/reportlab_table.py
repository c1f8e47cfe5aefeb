"""A report drawn with reportlab's platypus: Paragraphs in a Table, grid lines only if asked."""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ingest.records import Report

from .variants import COLUMN_TITLES, Variant, cell_paragraphs, header_lines, sections_between

_VALIGN = {"top": "TOP", "middle": "MIDDLE", "bottom": "BOTTOM"}


def _styles(variant: Variant) -> tuple[ParagraphStyle, ParagraphStyle]:
    font, bold = ("Times-Roman", "Times-Bold") if variant.serif else ("Helvetica", "Helvetica-Bold")
    body = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10)
    return body, ParagraphStyle("bold", parent=body, fontName=bold)


def _cell(paragraphs: list[str], style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(escape(p), style) for p in paragraphs]


def render_reportlab(report: Report, variant: Variant) -> bytes:
    """The PDF bytes of ``report`` (the truth record) under ``variant``."""
    body, bold = _styles(variant)
    story: list = [Paragraph(escape(header_lines(report)[0]), bold), Spacer(1, 6)]
    story += [Paragraph(escape(line), body) for line in header_lines(report)[1:]]
    story.append(Spacer(1, 8))
    data: list[list] = [[Paragraph(escape(t), bold) for t in COLUMN_TITLES]]
    commands: list[tuple] = [("VALIGN", (0, 1), (-1, -1), _VALIGN[variant.valign])]
    for section, c in sections_between(report.commitments):
        if section:
            commands.append(("SPAN", (0, len(data)), (2, len(data))))
            data.append([Paragraph(escape(section), bold), "", ""])
        data.append([_cell(p, body) for p in cell_paragraphs(c, variant)])
    if variant.rulings:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)))
    width = A4[0] - 30 * mm
    table = Table(data, colWidths=[width * 0.28, width * 0.30, width * 0.42],
                  repeatRows=1 if variant.repeat_header else 0, splitInRow=1)
    table.setStyle(TableStyle(commands))
    story.append(table)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, invariant=1, title=f"Informe de Egreso: {report.program}")
    doc.build(story)
    return buffer.getvalue()
