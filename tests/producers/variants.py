"""What varies between corpus fixtures, and the cell texts of a row under a variant.

The truth is the generator's record after ``apply_variant`` (sections added, cells lengthened or
shortened, observations dropped); the cell texts are what every producer draws for that record.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from ingest.records import Commitment, Report
from tests.pdf_fixtures import long_text

SECTIONS = ("I. DISEÑO", "II. ORGANIZACIÓN Y GESTIÓN", "III. EFICIENCIA Y ECONOMÍA")
TITLE = "INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS"
COLUMN_TITLES = ("Recomendación", "Compromiso", "Cumplimiento")


@dataclass(frozen=True)
class Variant:
    name: str
    rulings: bool = False
    valign: str = "top"  # top | middle | bottom
    means_first: bool = False  # "Medios de Verificación:" list before the "Calificación:" line
    sections: bool = False  # section rows ("I. DISEÑO") between rows
    repeat_header: bool = True  # the table header row on every page
    bullet: str = "- "  # "- ", "• " or "" before each verification item
    cells: str = "mixed"  # long (rows over page breaks) | short | mixed
    observation: bool = True  # keep the generator's observations
    long_commitment: bool = False  # every other commitment cell long, so it sets the row's height
    serif: bool = False
    max_rows: int = 5

    def describe(self) -> dict:
        return asdict(self)


VARIANTS: tuple[Variant, ...] = (
    Variant("plain-top"),
    Variant("middle-long", valign="middle", cells="long", max_rows=3),
    Variant("means-first-sections", means_first=True, sections=True, bullet="• ", serif=True),
    Variant("bottom-short-noobs", valign="bottom", cells="short", observation=False, bullet="", max_rows=7),
    Variant("middle-sections-long-norepeat", valign="middle", sections=True, cells="long",
            repeat_header=False, max_rows=3),
    Variant("ruled-middle", rulings=True, valign="middle", serif=True),
    Variant("means-first-middle-long", valign="middle", means_first=True, cells="long", bullet="", max_rows=3),
    Variant("bottom-sections-mixed", valign="bottom", sections=True, bullet="• ", max_rows=6),
    Variant("ruled-bottom-means-first-long", rulings=True, valign="bottom", means_first=True, cells="long",
            max_rows=3),
    Variant("middle-long-commitment", valign="middle", cells="short", long_commitment=True, serif=True,
            max_rows=4),
)


def _section(rec: int | None) -> str:
    index = 0 if rec is None or rec <= 2 else 1 if rec <= 4 else 2
    return SECTIONS[index]


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def _row(c: Commitment, variant: Variant, index: int) -> Commitment:
    compliance = c.compliance_text
    if variant.cells == "long" or (variant.cells == "mixed" and index % 3 == 1):
        compliance = f"{compliance} {long_text(130, seed=index)}"
    elif variant.cells == "short" or (variant.cells == "mixed" and index % 3 == 2):
        compliance = _first_sentence(compliance)
    commitment = c.commitment_text
    if variant.long_commitment and index % 2 == 0:
        commitment = f"{commitment} {long_text(110, seed=index + 5)}"
    return replace(c, compliance_text=compliance, commitment_text=commitment,
                   observation=c.observation if variant.observation else "",
                   section=_section(c.recommendation) if variant.sections else "")


def apply_variant(report: Report, variant: Variant) -> Report:
    """The truth record of ``report`` drawn under ``variant``."""
    rows = report.commitments[: variant.max_rows]
    return replace(report, commitments=tuple(_row(c, variant, i) for i, c in enumerate(rows)))


def dmy(iso: str | None) -> str:
    """``2011-12-31`` -> ``31-12-2011``."""
    if iso and len(iso) == 10:
        return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"
    return iso or ""


def header_lines(report: Report) -> list[str]:
    """The header block above the table, one paragraph a line (the title first)."""
    return [
        TITLE,
        f"Programa/Institución: {report.program}",
        report.ministry.upper(),
        f"Servicio: {report.service}",
        f"Año: {report.year if report.year is not None else ''}",
        f"Calificación: {report.status}",
        f"Fecha Egreso: {dmy(report.exit_date)}",
    ]


def cell_paragraphs(c: Commitment, variant: Variant) -> tuple[list[str], list[str], list[str]]:
    """The paragraphs of the three cells of a row (each paragraph on its own line)."""
    rec = [f"{c.recommendation}. {c.recommendation_text}"] if c.recommendation_text else []
    comp = [f"{c.commitment}. {c.commitment_text}"]
    if c.due:
        comp.append(f"Fecha de Vencimiento: {c.due}")
    status = f"Calificación: {c.status}" + (f" ({dmy(c.status_date)})" if c.status_date else "")
    means = ["Medios de Verificación:", *(f"{variant.bullet}{item}" for item in c.verification)] \
        if c.verification else []
    compliance = [c.compliance_text]
    if c.observation:
        compliance.append(f"Observación: {c.observation}")
    compliance += [*means, status] if variant.means_first else [status, *means]
    return rec, comp, compliance


def sections_between(rows: tuple[Commitment, ...]) -> list[tuple[str, Commitment]]:
    """(section to draw before the row or "", row): a section row is drawn where it changes."""
    out: list[tuple[str, Commitment]] = []
    previous = ""
    for c in rows:
        out.append((c.section if c.section != previous else "", c))
        previous = c.section
    return out
