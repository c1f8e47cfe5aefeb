"""Make the scanned-report fixtures: fictional reports rendered as PDFs, then "scanned".

A scan is each page rasterised at 200 dpi in grey with pypdfium2, turned by up to 0.6 degrees,
slightly blurred, with grey noise and a few specks (PIL + numpy), JPEG-compressed and wrapped as
an image-only PDF (PIL). The truth is the generator's Report record (``*.truth.json``).

Run from the project root:  python -m tests.scans.make_scans  [OUTDIR]   (default tests/scans)
"""
from __future__ import annotations

import io
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ingest.records import Report

HERE = Path(__file__).resolve().parent
DPI = 200
MAX_SKEW = 0.6  # degrees
JPEG_QUALITY = 60


@dataclass(frozen=True)
class Fixture:
    name: str
    report: Report
    producer: str  # "pdfwrite" (our writer) or "platypus-real" (reportlab platypus, the real look)
    scanned: tuple[int, ...] | None = None  # pages to scan (1-based); None: all


def reports() -> list[Fixture]:
    from tests import pdf_fixtures as fx

    two_pages = Report(**fx.header(source="escaneado_pesca.pdf", program="Programa de Repoblamiento de Algas Pardas"),
                       commitments=(
        fx.commitment(1, 1, compliance="Se elaboró la matriz de marco lógico del programa. " + fx.long_text(70),
                      verification=("Matriz de marco lógico 2010", "Oficio N° 345 de la Subsecretaría")),
        fx.commitment(1, 2, compliance="El indicador de cobertura quedó parcialmente medido. " + fx.long_text(50, seed=1),
                      status="Parcialmente cumplido", observation="Falta cuantificar la línea base del componente 2.",
                      verification=("Informe de indicadores",)),
        fx.commitment(2, 1, compliance="No se implementó el sistema de información comprometido. "
                      + fx.long_text(90, seed=4), status="No cumplido", date="2011-06-30"),
        fx.commitment(3, 1, compliance="El compromiso se dejó sin efecto por el cierre del componente.",
                      status="Cancelado", date="2011-12-31", verification=("Resolución exenta N° 12",)),
        fx.commitment(3, 2, compliance="Se aplicó la encuesta de satisfacción a usuarios. " + fx.long_text(60, seed=6),
                      verification=("Informe de resultados de la encuesta", "Base de datos de respuestas")),
    ))
    one_page = Report(**fx.header(source="escaneado_huertos.pdf", program="Programa de Apoyo a Huertos Escolares",
                                  ministry="MINISTERIO DE EDUCACIÓN", service="JUNTA NACIONAL DE AUXILIO ESCOLAR",
                                  year=2009, exit_date="2013-01-31"),
                      commitments=(
        fx.commitment(1, 1, compliance="Se definieron los criterios de focalización de las escuelas. "
                      + fx.long_text(40, seed=2), verification=("Resolución de criterios 2011",)),
        fx.commitment(1, 2, compliance="La evaluación de resultados quedó pendiente para el año siguiente.",
                      status="No cumplido", date="2012-06-30", observation="Se reprograma para 2013."),
        fx.commitment(2, 1, compliance="Se instaló el sistema de seguimiento de huertos por región. "
                      + fx.long_text(30, seed=7), status="Parcialmente cumplido",
                      verification=("Reporte del sistema de seguimiento", "Minuta de la unidad de estudios")),
    ))
    mixed = Report(**{**fx.header(), **dict(source="mixto_pesca.pdf", program=two_pages.program)},
                   commitments=two_pages.commitments)
    return [Fixture("escaneado_pesca", two_pages, "pdfwrite"),
            Fixture("escaneado_huertos", one_page, "platypus-real"),
            Fixture("mixto_pesca", mixed, "pdfwrite", scanned=(2,))]


def render(fixture: Fixture) -> bytes:
    """The fixture's report as a text PDF, through its producer."""
    from ingest.pdfwrite import write_report_pdf
    from tests.pdf_fixtures import platypus_pdf

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        if fixture.producer == "pdfwrite":
            write_report_pdf(fixture.report, path)
        else:
            platypus_pdf(fixture.report, path, style="real")
        return path.read_bytes()


def scan_image(image, rng: random.Random):
    """A page image as a scanner gives it: turned, slightly blurred, noisy, with specks."""
    import numpy as np
    from PIL import Image, ImageFilter

    angle = rng.uniform(-MAX_SKEW, MAX_SKEW)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(radius=0.6))
    noise = np.random.default_rng(rng.randrange(1 << 30))
    pixels = np.asarray(image, dtype=np.float32) + noise.normal(0, 12, (image.height, image.width))
    for _ in range(300):  # dust specks
        y, x = noise.integers(0, image.height - 3), noise.integers(0, image.width - 3)
        pixels[y:y + 2, x:x + 2] = 40
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L"), angle


def scanned_pdf(data: bytes, fixture: Fixture, rng: random.Random) -> tuple[bytes, list[float]]:
    """The PDF with the chosen pages replaced by their scans (an image-only page each)."""
    import pypdfium2
    from PIL import Image

    source = pypdfium2.PdfDocument(data)
    pages = fixture.scanned or tuple(range(1, len(source) + 1))
    out, angles = pypdfium2.PdfDocument.new(), []
    for number in range(1, len(source) + 1):
        if number not in pages:
            out.import_pages(source, [number - 1])
            continue
        image = source[number - 1].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        image, angle = scan_image(image, rng)
        angles.append(round(angle, 3))
        buffer = io.BytesIO()
        image.save(buffer, "PDF", resolution=DPI, quality=JPEG_QUALITY)
        out.import_pages(pypdfium2.PdfDocument(buffer.getvalue()), [0])
    result = io.BytesIO()
    out.save(result)
    return result.getvalue(), angles


def main(argv: list[str]) -> int:
    outdir = Path(argv[0]) if argv else HERE
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    for fixture in reports():
        data, angles = scanned_pdf(render(fixture), fixture, rng)
        (outdir / f"{fixture.name}.pdf").write_bytes(data)
        truth = {"producer": fixture.producer, "dpi": DPI, "scanned_pages": fixture.scanned or "all",
                 "skew_degrees": angles, "report": fixture.report.to_json()}
        (outdir / f"{fixture.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
        print(outdir / f"{fixture.name}.pdf", f"{len(data) // 1024} KB", "skew", angles)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
