"""Fictional reports and hand-made PDFs for the PDF reader tests.

Everything here is invented (programs, ministries, figures); only the layout follows the real
DIPRES reports.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ingest.records import Commitment, Report

_SENTENCES = (
    "Durante el año {n} el programa revisó su matriz de marco lógico junto con la contraparte técnica de DIPRES.",
    "Se definieron indicadores de propósito y de componentes, con fórmula de cálculo, línea base y metas.",
    "La línea base se levantó con la encuesta regional de caracterización aplicada a {n} beneficiarios.",
    "El sistema de seguimiento registra mensualmente la producción de cada componente por región y por sexo.",
    "Los supuestos de la matriz fueron validados en talleres con los equipos regionales y los usuarios.",
    "La evaluación de desempeño considera eficacia, eficiencia, economía y calidad del servicio entregado.",
    "Se ajustó el reglamento operativo para incorporar criterios de focalización verificables.",
    "El informe de avance fue remitido a la Dirección de Presupuestos con los antecedentes de respaldo del año {n}.",
)


def long_text(words: int, *, seed: int = 0) -> str:
    """Spanish filler of at least ``words`` words, deterministic for a seed."""
    out: list[str] = []
    i = seed
    while len(" ".join(out).split()) < words:
        out.append(_SENTENCES[i % len(_SENTENCES)].format(n=2000 + i))
        i += 1
    return " ".join(out)


def commitment(rec: int, com: int, *, compliance: str, status: str = "Cumplido", date: str | None = "2010-12-31",
               observation: str = "", verification: tuple[str, ...] = (), rec_text: str | None = None,
               commitment_text: str | None = None, due: str = "Diciembre 2010") -> Commitment:
    return Commitment(
        recommendation=rec,
        commitment=com,
        recommendation_text=rec_text if rec_text is not None else
        f"Revisar y perfeccionar la matriz de marco lógico, incorporando indicadores de resultado número {rec}.",
        commitment_text=commitment_text if commitment_text is not None else
        f"Elaborar la matriz de marco lógico del programa con indicadores y línea base, compromiso {rec}.{com}.",
        due=due,
        compliance_text=compliance,
        observation=observation,
        status=status,
        status_date=date,
        verification=verification,
    )


def header(**overrides) -> dict:
    base = dict(
        source="informe_ficticio.pdf",
        sha256="0" * 64,
        program="Programa de Fomento a la Pesca Artesanal Sustentable",
        ministry="MINISTERIO DE ECONOMÍA, FOMENTO Y TURISMO",
        service="SERVICIO NACIONAL DE PESCA COSTERA",
        year=2008,
        status="Egresado",
        exit_date="2012-06-30",
        pages=0,
    )
    base.update(overrides)
    return base


def varied_report() -> Report:
    """Every status, an unknown one, observations, verification lists, a long tall row."""
    rows = (
        commitment(1, 1, compliance="Se elaboró la matriz de marco lógico con sus indicadores. " + long_text(30),
                   verification=("Matriz de marco lógico 2010", "Oficio N° 345 de la Subsecretaría"),
                   rec_text="Mejorar el diseño del programa: " + long_text(60, seed=3)),
        commitment(1, 2, compliance="El indicador de cobertura quedó parcialmente medido. " + long_text(40, seed=1),
                   status="Parcialmente cumplido", observation="Falta cuantificar la línea base del componente 2.",
                   verification=("Informe de indicadores",)),
        commitment(2, 1, compliance="No se implementó el sistema de información comprometido.", status="No cumplido",
                   date="2011-06-30"),
        commitment(3, 1, compliance="El compromiso se dejó sin efecto.", status="Cancelado",
                   date="2011-12-31", verification=("Resolución exenta N° 12",)),
        commitment(4, 1, compliance="Long compliance, see the test. " + long_text(420, seed=5), status="Cumplido",
                   verification=("Minuta técnica de la unidad de estudios", "Base de datos de beneficiarios 2011",
                                 "Acta del comité de seguimiento regional del programa de fomento pesquero")),
        commitment(5, 1, compliance="La institución informa avances que serán revisados el próximo período.",
                   status="En revisión técnica", date="2012-03-31"),
    )
    return Report(**header(), commitments=rows)


def page_break_report() -> Report:
    """Enough rows that one of medium height must run over the first page break."""
    rows = tuple(
        commitment(i, 1, compliance=f"Fila {i}. " + long_text(90 + 15 * i, seed=i),
                   status=("Cumplido", "Parcialmente cumplido", "No cumplido", "Cancelado")[i % 4],
                   verification=(f"Documento de respaldo {i}", f"Planilla de indicadores {i}"))
        for i in range(1, 8)
    )
    return Report(**header(program="Programa de Apoyo a Huertos Escolares"), commitments=rows)


def many_pages_report(pages: int = 20) -> Report:
    """Rows of varied length filling exactly ``pages`` pages (for the speed measurement)."""
    from ingest.pdfwrite import _layout

    def row(i: int) -> Commitment:
        return commitment(i // 3 + 1, i % 3 + 1, compliance=long_text(120 + (i * 37) % 200, seed=i),
                          status=("Cumplido", "Parcialmente cumplido", "No cumplido", "Cancelado")[i % 4],
                          verification=(f"Informe anual {2008 + i % 4}",))

    rows = [row(i) for i in range(pages * 2)]
    while len(_layout(Report(**header(), commitments=tuple(rows)))) < pages:
        rows.append(row(len(rows)))
    return Report(**header(), commitments=tuple(rows))


def report_split_where(second: Commitment, wanted: Callable[[list[list[str]]], bool]) -> Report:
    """Two rows, the first grown until the second breaks over page 1 the way ``wanted`` says.

    ``wanted`` gets the texts of the three cells of the second row's part on page 2. Uses the
    writer's layout step, which is fast, instead of rendering every candidate.
    """
    from ingest.pdfwrite import _layout

    for words in range(250, 700):
        first = commitment(1, 1, compliance=long_text(words, seed=2))
        report = Report(**header(), commitments=(first, second))
        pages = _layout(report)
        if len(pages) == 2 and len(pages[0].segments) == 2 and pages[1].segments:
            cells = [[text for _, text in cell] for cell in pages[1].segments[0].cells]
            if wanted(cells):
                return report
    raise AssertionError("no filler length gives the wanted page break")


# ---------------------------------------------------------------- PDFs not made by our writer


def minimal_pdf(objects: list[bytes]) -> bytes:
    """Assemble a classic PDF from object bodies (object 1 must be the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def zero_page_pdf() -> bytes:
    return minimal_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def scanned_pdf(path: Path) -> Path:
    """A page holding only an image, as a scanner would produce."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (200, 280), 255)
    for x in range(20, 180):
        for y in range(30, 250, 12):
            image.putpixel((x, y), 0)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(image), 30, 30, width=535, height=780)
    canvas.showPage()
    canvas.save()
    return path


def unrelated_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), invariant=1)
    canvas.setFont("Helvetica", 11)
    for i, line in enumerate(("Acta de la reunión de apoderados", "Se acordó pintar la sala de clases.",
                              "Próxima reunión: martes 4 de abril.")):
        canvas.drawString(72, 760 - 16 * i, line)
    canvas.showPage()
    canvas.save()
    return path


def platypus_pdf(report: Report, path: Path, *, style: str, padding: float = 6) -> Path:
    """The report as a reportlab platypus table: other fonts, widths, padding and alignment.

    ``style``:
    - ``"grid"``: every cell ruled; split rows are closed by a ruling at the page bottom.
    - ``"box"``: only the outer border and the header row's line, rows are separated by
      white space alone.
    - ``"real"``: what the real exports look like: ruled, justified text, underlined labels,
      recommendation and compliance cells vertically centred, a shaded header row.

    ``padding=0`` puts justified text right against the rulings, so extracted "words" can run
    from one column into the next.
    """
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ingest.pdfwrite import _cell_texts  # same cell wording, different drawing
    from ingest.text import dmy as _dmy

    real = style == "real"
    body = ParagraphStyle("b", fontName="Times-Roman", fontSize=9, leading=11,
                          alignment=TA_JUSTIFY if real else 0)
    bold = ParagraphStyle("h", parent=body, fontName="Times-Bold", alignment=0)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br/>")
        if real:
            for label in ("Fecha de Vencimiento:", "Calificación:", "Observación:", "Medios de Verificación:"):
                text = text.replace(label, f"<u>{label}</u>")
        return Paragraph(text, style)

    story = [para("INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS", bold), Spacer(1, 8)]
    for line in (f"Programa/Institución: {report.program}", report.ministry, f"Servicio: {report.service}",
                 f"Año: {report.year}", f"Calificación: {report.status}", f"Fecha Egreso: {_dmy(report.exit_date)}"):
        story.append(para(line, bold if line == report.ministry else body))
    story.append(Spacer(1, 10))
    data = [[para(t, bold) for t in ("Recomendación", "Compromiso", "Cumplimiento")]]
    data += [[para(text) for text in _cell_texts(c)] for c in report.commitments]
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black), ("TOPPADDING", (0, 1), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding)]
    if style in ("grid", "real"):
        commands.append(("GRID", (0, 0), (-1, -1), 0.4, colors.black))
    if real:
        commands += [("VALIGN", (0, 1), (0, -1), "MIDDLE"), ("VALIGN", (2, 1), (2, -1), "MIDDLE"),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
    table = Table(data, colWidths=(140, 170, 215), repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(commands))
    story.append(table)
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=35, rightMargin=35)
    doc.build(story)
    return path
