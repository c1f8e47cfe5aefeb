"""Writing a Report in the clean text layout (see the package docstring)."""
from __future__ import annotations

import logging

from ..fields import one_line
from ..records import Commitment, Report
from ..text import dmy
from .patterns import TABLE_HEADER, TITLE

log = logging.getLogger(__name__)


def render_text(report: Report) -> str:
    """Write ``report`` in the clean text layout (see the package docstring)."""
    count = max([report.pages, 1, *(p for c in report.commitments for p in c.pages)])
    pages: list[list[str]] = [[] for _ in range(count)]
    pages[0] += [*_header_lines(report), "", TABLE_HEADER]
    for page in pages[1:]:
        page.append(TABLE_HEADER)
    current = 1
    for commitment in report.commitments:
        lines = _row_lines(commitment)
        for line, page in zip(lines, _line_pages(commitment, len(lines), current)):
            pages[page - 1].append(line)
            current = page
        pages[current - 1].append("")
    return "\f".join("\n".join(page) + "\n" for page in pages)


def _header_lines(report: Report) -> list[str]:
    return [
        TITLE,
        "",
        f"Programa/Institución: {one_line(report.program)}",
        f"Ministerio: {one_line(report.ministry)}",
        f"Servicio: {one_line(report.service)}",
        f"Año: {report.year if report.year is not None else ''}",
        f"Calificación: {one_line(report.status)}",
        f"Fecha Egreso: {dmy(report.exit_date)}",
    ]


def _row_lines(c: Commitment) -> list[str]:
    commitment = _numbered(c.commitment, c.commitment_text)
    if c.due:
        commitment = f"{commitment} Fecha de Vencimiento: {one_line(c.due)}".strip()
    lines = [f"{_numbered(c.recommendation, c.recommendation_text)}\t{commitment}\t{one_line(c.compliance_text)}"]
    if c.observation:
        lines.append(f"\t\tObservación: {one_line(c.observation)}")
    if c.status:
        date = f" ({dmy(c.status_date)})" if c.status_date else ""
        lines.append(f"\t\tCalificación: {one_line(c.status)}{date}")
    if c.verification:
        lines.append("\t\tMedios de Verificación:")
        lines += [f"\t\t- {one_line(item)}" for item in c.verification]
    return lines


def _numbered(number: int | None, text: str) -> str:
    return f"{number}. {one_line(text)}" if number is not None else one_line(text)


def _line_pages(c: Commitment, count: int, current: int) -> list[int]:
    """The page of each of a row's lines: one line on each of its pages, the rest on the last one."""
    pages = sorted(p for p in set(c.pages) if p >= current) or [current]
    if len(pages) > count or len(pages) < len(set(c.pages)):
        log.warning("row %s cannot be written on pages %s; written on %s", c.key, c.pages, pages[:count])
    return [pages[min(i, len(pages) - 1)] for i in range(count)]
