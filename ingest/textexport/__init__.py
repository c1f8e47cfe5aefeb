"""Read a compliance report from text: a PDF-to-text export, or the clean layout this project writes.

Clean text layout (written by :func:`render_text`, read back exactly by :func:`parse_text`)::

    INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS

    Programa/Institución: <program>
    Ministerio: <ministry>
    Servicio: <service>
    Año: <year>
    Calificación: <program status, e.g. Egresado>
    Fecha Egreso: <dd-mm-yyyy>

    Recomendación<TAB>Compromiso<TAB>Cumplimiento
    <n>. <recommendation><TAB><m>. <commitment> Fecha de Vencimiento: <due><TAB><compliance text>
    <TAB><TAB>Observación: <observation>
    <TAB><TAB>Calificación: <status> (<dd-mm-yyyy>)
    <TAB><TAB>Medios de Verificación:
    <TAB><TAB>- <one means of verification a line>
    <blank line>
    <next row ...>

* One row per block. Its first line holds the three cells separated by tabs; the following lines
  continue the third column (two leading tabs). The observation and verification lines are left
  out when empty. Cell texts are single lines (tabs and line breaks become spaces).
* A form feed (``\\f``) separates pages; the table header is repeated at the top of each page, and a
  row may straddle a page break between two of its lines (so it can span as many pages as it has lines).
* Limits of the round trip: numbers must be known (an unnumbered cell gets an inferred number), the
  status needs its date, and texts must not contain the labels above; a verification item loses a
  leading bullet and trailing dots, and ``;`` splits it (as :func:`ingest.fields.split_verification` does),
  as does a capitalised word written twice in a row (see ``rows._split_joined_items``).

Also accepted on input: the same cells on separate lines, rows separated by a blank line (recommendation
paragraph, then the commitment starting with its number and ending with ``Fecha de Vencimiento: <due>``,
then the compliance text, ``Observación:``, ``Calificación:`` and ``Medios de Verificación:`` one item a line).

PDF-to-text exports interleave the columns. The reader (``reader``) walks the table line by line and
keeps one draft row (``draft``) open:

* a line with tabs gives its cells to the columns (a line whose words were spread over many tabs is
  folded back into three cells); a continuation that repeats text its cell already holds is dropped;
* a line without tabs is attributed by the state of the row: a new row starts with its recommendation
  paragraph; until the commitment's ``Fecha de Vencimiento`` it belongs to the commitment; then to the
  compliance text until ``Calificación: <status> (<date>)``; then to the verification means;
* a row is closed by its ``Calificación`` closing; the next numbered recommendation, numbered commitment
  or unlabelled text starts a new row. A trailing chunk with neither due date nor closing is a leftover
  of the previous row and is merged back into it;
* when commitment and compliance words are interleaved in one stream (labels of the compliance column
  inside the commitment text), the words are aligned (difflib) against commitment texts already read:
  words that match are commitment, the others compliance (``align``, ``interleaved``);
* missing numbers are inferred: a recommendation repeating an earlier one takes its number, otherwise the
  previous number plus one; a commitment takes the previous commitment number plus one within the same
  recommendation, else 1 (``rows``).

The page/line segmentation is in ``segments``, the writer in ``render``.
"""
from __future__ import annotations

import logging

from ..errors import ReportError
from ..fields import parse_header
from ..records import Report
from .patterns import TABLE_HEADER, TITLE
from .reader import read_table
from .render import render_text
from .rows import commitments
from .segments import repeated_lines, split_pages, table_start

log = logging.getLogger(__name__)


def parse_text(text: str, *, source: str, sha256: str) -> Report:
    """Parse a text export or a clean text report into a Report; ReportError (Spanish) when it is not one."""
    text = (text or "").lstrip("\ufeff")
    if not text.strip():
        raise ReportError("el texto está vacío: no hay ningún informe que leer")
    pages = split_pages(text)
    lines = [(number, raw) for number, page in enumerate(pages, 1) for raw in page.split("\n")]
    start = table_start(lines)
    header_lines = [raw for _, raw in (lines if start is None else lines[:start])]
    header = parse_header("\n".join(header_lines))
    if not header["program"]:
        raise ReportError("no parece un informe de egreso: falta el encabezado (Programa/Institución: ...)")
    if start is None:
        raise ReportError("no se encontró la tabla de compromisos (Recomendación / Compromiso / Cumplimiento)")
    drafts = read_table(lines[start + 1:], skip=repeated_lines(header_lines))
    rows = commitments(drafts)
    if not rows:
        raise ReportError("la tabla de compromisos no tiene filas legibles (ninguna con su Calificación)")
    log.debug("%s: %d commitments on %d pages", source, len(rows), len(pages))
    return Report(
        source=source, sha256=sha256, program=header["program"], ministry=header["ministry"],
        service=header["service"], year=header["year"], status=header["status"], exit_date=header["exit_date"],
        pages=len(pages), commitments=tuple(rows),
    )


__all__ = ["TABLE_HEADER", "TITLE", "parse_text", "render_text"]
