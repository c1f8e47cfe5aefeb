"""Borderless report tables rendered by reportlab: no rulings at all, any vertical alignment,
verification means before or after ``Calificación``, section rows between rows.

The truth is the ``Report`` handed to the renderer (each commitment's ``section`` included).
Everything is invented; only the layout follows what office suites make of the DIPRES tables.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ingest.records import Commitment, Report
from tests import pdf_fixtures as fx

SECTIONS = ("I. DISEÑO", "II. ORGANIZACIÓN Y GESTIÓN", "III. EFICIENCIA Y ECONOMÍA")


def compliance_text(c: Commitment, *, means_first: bool) -> str:
    """The compliance cell, with the verification means after (or before) the status line."""
    parts = [c.compliance_text]
    if c.observation:
        parts.append(f"Observación: {c.observation}")
    status = f"Calificación: {c.status}" + (f" ({_dmy(c.status_date)})" if c.status_date else "")
    means = ["Medios de Verificación:", *(f"- {item}" for item in c.verification)] if c.verification else []
    parts += [*means, status] if means_first else [status, *means]
    return "\n".join(parts)


def _dmy(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


def sectioned_report(*, long_rows: bool = True) -> Report:
    """Rows under three section titles: short rows, rows with observations, rows over a page."""
    statuses = ("Cumplido", "Parcialmente cumplido", "No cumplido", "Cancelado")
    plan = [(1, 1, 0), (1, 2, 0), (2, 1, 0), (3, 1, 1), (3, 2, 1), (4, 1, 1), (5, 1, 2), (5, 2, 2)]
    rows = []
    for i, (rec, com, section) in enumerate(plan):
        words = (25 + 70 * (i % 3) + (260 if long_rows and i in (2, 5) else 0))
        rows.append(replace(
            fx.commitment(rec, com, compliance=f"Avance {rec}.{com}. " + fx.long_text(words, seed=i),
                          status=statuses[i % 4], date=f"201{i % 3}-0{1 + i % 9}-1{i % 10}",
                          observation="Se requiere actualizar la línea base." if i % 3 == 1 else "",
                          verification=tuple(f"{name} {rec}.{com}" for name in
                                             ("Informe técnico de avance", f"Oficio ordinario N° 4{i}",
                                              "Planilla de indicadores")[: 1 + i % 3]),
                          rec_text=f"Revisar y perfeccionar la matriz de marco lógico del programa, eje {rec}."),
            section=SECTIONS[section]))
    return Report(**fx.header(program="Programa de Caminos Rurales Sustentables"), commitments=tuple(rows))


def borderless_pdf(report: Report, path: Path, *, valign: str = "MIDDLE", means_first: bool = False,
                   sections: bool = True, spacing: float = 0, padding: float = 5) -> Path:
    """The report as a reportlab table without any ruling.

    ``valign`` is TOP, MIDDLE or BOTTOM for every body cell; ``spacing`` adds space between the
    paragraphs of a cell (as office suites do); ``sections`` draws each new ``section`` as a row
    spanning the table; ``padding`` is the cells' top and bottom padding (0: rows are as close
    as lines).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ingest.pdfwrite import _cell_texts

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=9, leading=11, spaceAfter=spacing)
    bold = ParagraphStyle("h", parent=body, fontName="Helvetica-Bold")

    def cell(text: str, style: ParagraphStyle = body) -> list[Paragraph]:
        return [Paragraph(p.replace("&", "&amp;").replace("<", "&lt;"), style) for p in text.split("\n") if p]

    story = [Paragraph("INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS", bold), Spacer(1, 8)]
    for line in (f"Programa/Institución: {report.program}", report.ministry, f"Servicio: {report.service}",
                 f"Año: {report.year}", f"Calificación: {report.status}", f"Fecha Egreso: {_dmy(report.exit_date)}"):
        story.append(Paragraph(line, body))
    story.append(Spacer(1, 10))
    data = [[cell(t, bold) for t in ("Recomendación", "Compromiso", "Cumplimiento")]]
    commands = [("VALIGN", (0, 1), (-1, -1), valign), ("VALIGN", (0, 0), (-1, 0), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding)]
    section, previous = "", None
    for c in report.commitments:
        if sections and c.section != section:
            section = c.section
            commands.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([cell(section, bold), "", ""])
        rec, com, _ = _cell_texts(c)
        rec, previous = ("" if c.recommendation == previous else rec), c.recommendation  # blank: same as above
        data.append([cell(rec), cell(com), cell(compliance_text(c, means_first=means_first))])
    table = Table(data, colWidths=(140, 170, 215), repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(commands))
    story.append(table)
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=35, rightMargin=35).build(story)
    return path
