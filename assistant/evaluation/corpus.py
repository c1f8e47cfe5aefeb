"""The evaluation corpus: the shared real report, the bundled samples and generated distractors,
written as files into a work folder, with their ground truth (independent of our parsers)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ingest.records import Commitment, Report
from ingest.samples import generate_reports, sample_reports

REAL_NAME = "informe_egreso_redes_pro_rubro.txt"
REAL_PROGRAM = "Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro Rubro"
# Ground truth of the real report, from ../shared/corpus/README.md.
REAL_ROWS = (
    (1, 1, "Durante el año 2009 se descontinuó el programa Redes por Rubro", "Cumplido"),
    (1, 2, "Durante los años 2010 y 2011 el Programa de Asociatividad no ha funcionado", "Cancelado"),
    (2, 1, "Las recomendaciones hechas desde el programa pro rubro no fueron incorporadas", "Cumplido"),
    (3, 1, "En el nuevo programa esta considerado un proveedor territorial", "Cumplido"),
    (4, 1, "Cada tipo de cliente del nuevo instrumento puede permanecer hasta tres años", "Cumplido"),
)


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    truth: Report


def real_truth(source: str) -> Report:
    rows = tuple(Commitment(rec, comp, "", "", "", text, "", status, None) for rec, comp, text, status in REAL_ROWS)
    return Report(source, "", REAL_PROGRAM, "MINISTERIO DE AGRICULTURA", "INSTITUTO DE DESARROLLO AGROPECUARIO",
                  2007, "Egresado", "2011-12-31", 0, rows)


def build_corpus(workdir: Path, *, distractors: int, shared_corpus: Path | None, seed: int = 7) -> list[CorpusFile]:
    """Write (or reuse) every file of the corpus under ``workdir/files``."""
    from ingest.pdfwrite import write_report_pdf

    folder = workdir / "files"
    folder.mkdir(parents=True, exist_ok=True)
    files: list[CorpusFile] = []
    real = shared_corpus / REAL_NAME if shared_corpus else None
    if real and real.exists():
        target = folder / REAL_NAME
        shutil.copyfile(real, target)
        files.append(CorpusFile(target, real_truth(REAL_NAME)))
    for report in [*sample_reports(), *generate_reports(distractors, seed=seed)]:
        target = folder / report.source
        if not target.exists():
            write_report_pdf(report, target)
        files.append(CorpusFile(target, report))
    return files
