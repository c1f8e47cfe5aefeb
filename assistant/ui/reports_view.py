"""The «Índice» tab's content: the indexed reports as table rows, and the removal choices."""
from __future__ import annotations


from ingest.records import STATUSES
from ..catalog import ReportInfo
from .cards import dmy, literal

COLUMNS = ["Programa", "Ministerio", "Año", "Calificación", "Egreso", "Compromisos",
           "Cumplidos", "Parcialmente cumplidos", "No cumplidos", "Cancelados", "Revisar",
           "Archivo"]  # counts in STATUSES order; «Revisar»: rows whose reading is doubtful
# Wide enough at 1400 px for the longest word of each header at the header font («Parcialmente», «Compromisos»):
# a header breaks between its words, never inside one (style.py); names wrap between words.
WIDTHS = ["14%", "12%", "4%", "8%", "6%", "9%", "7%", "8%", "7%", "8%", "6%", "11%"]


def table_rows(reports: list[ReportInfo]) -> list[list]:
    rows = []
    for r in reports:
        counts = r.status_counts
        rows.append([r.program, r.ministry, r.year or "", r.status, dmy(r.exit_date), sum(counts.values()),
                     *(counts.get(s, 0) for s in STATUSES), review_cell(r), r.source])
    return rows


def review_cell(report: ReportInfo) -> str:
    """The «Revisar» cell: the count of doubtful rows ("—" when none), "!" added when the report
    itself has doubts (its header card says which)."""
    mark = "!" if report.warnings else ""
    return f"{report.rows_flagged}{mark}" if report.rows_flagged else (mark or "—")


def summary(reports: list[ReportInfo]) -> str:
    if not reports:
        return "El índice está vacío: agregue informes en la pestaña **Agregar informes**."
    rows = sum(sum(r.status_counts.values()) for r in reports)
    n = len(reports)
    return f"**{n}** informe{'s' if n != 1 else ''} indexado{'s' if n != 1 else ''} · **{rows}** compromisos"


def removal_choices(reports: list[ReportInfo]) -> list[tuple[str, str]]:
    return [(f"{r.program} — {r.source}", r.source) for r in reports]


def confirm_text(reports: list[ReportInfo], source: str) -> str | None:
    info = next((r for r in reports if r.source == source), None)
    if info is None:
        return None
    n = sum(info.status_counts.values())
    return (f"¿Quitar **{literal(info.program)}** ({literal(source)}, {n} compromisos) del índice? Las preguntas dejarán de "
            "usarlo de inmediato. Puede volver a agregarlo después subiendo el archivo.")
