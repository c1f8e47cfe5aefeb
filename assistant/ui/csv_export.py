"""A list answer as a CSV file for a spreadsheet: one line per cited row, UTF-8 with a BOM (so Excel
reads the accents right), ``;``-separated columns, the verification means joined with ``; `` inside
their quoted cell.

Report text is data: the ``csv`` module quotes what needs quoting, and a cell that a spreadsheet
would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
prefixed with ``'``, so it is shown as text (CSV injection)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..types import Answer
from .cards import dmy

COLUMNS = ("Programa", "Ministerio", "Año", "Recomendación", "Compromiso", "Calificación", "Fecha de calificación",
           "Medios de verificación", "Archivo", "Páginas")
LIST_KINDS = ("list", "count")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def is_list(answer: Answer | None) -> bool:
    """Answers whose citations are a complete list of rows (they get a CSV)."""
    return answer is not None and answer.kind in LIST_KINDS and bool(answer.citations)


def cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def csv_rows(answer: Answer) -> list[list[str]]:
    out = []
    for citation in answer.citations:
        data = citation.to_json()
        out.append([cell(v) for v in (
            data["program"], data["ministry"], data["year"], data["recommendation"], data["commitment"],
            data["status"], dmy(data["status_date"]), "; ".join(data["verification"]), data["source"],
            ", ".join(map(str, data["pages"])))])
    return out


def list_csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_rows(answer))
    return buffer.getvalue()


def write_list_csv(answer: Answer, folder: Path) -> Path:
    """Write the answer's rows to ``folder``/lista-compromisos.csv (one folder per browser session)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "lista-compromisos.csv"
    path.write_text(list_csv(answer), encoding="utf-8-sig", newline="")
    return path
