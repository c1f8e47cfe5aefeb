"""A parse that checks itself: pure checks of rows and reports, in Spanish, for the user.

``row_problems`` looks at one row alone, ``report_problems`` at the report as a whole (header
fields, numbering, pages); ``validate_report`` writes both into the records' ``warnings``. The
readers call these to prefer the reading whose rows validate; every parse goes through
``validate_report`` (``ingest.reading.parse_bytes``) so nothing doubtful is indexed silently.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .fields import find_labels, fold, has_due
from .records import Commitment, Report
from .text import BULLET

# First words of the document names that verification lists hold ("Oficio Ord. N° 345", "Acta de
# reunión ..."); folded (lower case, no accents).
DOCUMENT_WORDS = frozenset(fold(w) for w in (
    "Acta", "Actas", "Anexo", "Anexos", "Base", "Bases", "Carta", "Certificado", "Contrato", "Convenio",
    "Convenios", "Copia", "Cuestionario", "Decreto", "Diagnóstico", "Documento", "Ficha", "Formulario",
    "Informe", "Ley", "Listado", "Listas", "Manual", "Matriz", "Memorándum", "Minuta", "Modelo", "Nómina",
    "Oficio", "Ord.", "Pantallazos", "Pauta", "Plan", "Planilla", "Presentación", "Protocolo", "Registro",
    "Reglamento", "Reporte", "Resolución", "Términos",
))
# Capitalised words that begin a sentence of a compliance text ("Se elaboró ...", "El programa ...").
SENTENCE_WORDS = frozenset(fold(w) for w in (
    "A", "Al", "Con", "De", "Del", "Desde", "Durante", "El", "En", "Este", "Esta", "Hasta", "La", "Las",
    "Lo", "Los", "Mediante", "No", "Para", "Por", "Se", "Según", "Un", "Una",
))
_WORD = re.compile(r"\S+")
_HEAD_WORDS = 14  # a list of documents at the head of a compliance text shows in its first words
_ANY_STATUS = re.compile(r"Calificaci[oó]n\s*:", re.I)  # also when its date is garbled ("(30- 06-2012)")
_VERIFICATION_LABEL = re.compile(r"Medios?\s+de\s+Verificaci[oó]n\s*:", re.I)  # as in ingest.fields
_HEAD_CHARS = 300  # what is looked at for the opening of a text
_UNREAD_GLYPH = re.compile(r"\(cid:\d+\)")  # a glyph the PDF gives no text for
_SENTENCE_ITEM_WORDS = 8  # a verification item this long that opens like a sentence is compliance text
MIN_YEAR, MAX_YEAR = 1990, 2100
COMPLIANCE = ("el cumplimiento", "del cumplimiento")
OBSERVATION = ("la observación", "de la observación")


def row_problems(row: Commitment) -> list[str]:
    """Why this row's reading is doubtful (short Spanish reasons); empty when it looks right."""
    problems: list[str] = []
    if row.recommendation is None or row.commitment is None:
        problems.append("sin número de recomendación/compromiso")
    empty = [name for name, text in (("recomendación", row.recommendation_text),
                                     ("compromiso", row.commitment_text),
                                     ("cumplimiento", row.compliance_text)) if not text.strip()]
    if empty:
        problems.append("texto vacío: " + " y ".join(empty))
    if not row.status.strip():
        problems.append("sin calificación")
    elif not _valid_date(row.status_date):
        problems.append("fecha de calificación no válida")
    problems += _compliance_problems(row.compliance_text)
    problems += _label_problems(OBSERVATION, row.observation)
    problems += _verification_problems(row.verification)
    texts = (row.recommendation_text, row.commitment_text, row.compliance_text, row.observation, *row.verification)
    if any(_UNREAD_GLYPH.search(text) for text in texts):
        problems.append("texto con caracteres ilegibles «(cid:…)»")
    return problems


def report_problems(report: Report) -> list[str]:
    """Report-level doubts: header fields, no rows, numbering and pages across rows."""
    problems = _header_problems(report)
    problems += [reason if i is None else f"{row_label(report.commitments[i])}: {reason}"
                 for i, reason in _sequence_problems(report)]
    return problems


def validate_report(report: Report) -> Report:
    """``report`` with its and its rows' ``warnings`` filled; warnings already there are kept.

    Numbering and page problems that concern one row go to that row's warnings; missing rows,
    the header and "no rows" go to the report's."""
    by_row: dict[int | None, list[str]] = {}
    for i, reason in _sequence_problems(report):
        by_row.setdefault(i, []).append(reason)
    rows = tuple(replace(row, warnings=_merge(row.warnings, row_problems(row) + by_row.get(i, [])))
                 for i, row in enumerate(report.commitments))
    doubts = _header_problems(report) + by_row.get(None, [])
    return replace(report, commitments=rows, warnings=_merge(report.warnings, doubts))


def row_label(row: Commitment) -> str:
    """``Rec. 1 Comp. 2`` (``?`` for a missing number), the way ingest lines name a row."""
    def num(n: int | None) -> str:
        return "?" if n is None else str(n)
    return f"Rec. {num(row.recommendation)} Comp. {num(row.commitment)}"


def flagged_rows(report: Report) -> list[Commitment]:
    return [row for row in report.commitments if row.warnings]


def _merge(kept: tuple[str, ...], new: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*kept, *new]))


def _valid_date(iso: str | None) -> bool:
    if not iso:
        return False
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return False
    return MIN_YEAR <= day.year <= MAX_YEAR


def _compliance_problems(text: str) -> list[str]:
    head = text.lstrip()
    opening = find_labels(head[:_HEAD_CHARS])
    first = opening[0] if opening and opening[0].start == 0 else None
    problems: list[str] = []
    if first is not None and first.kind == "status":
        problems.append("el cumplimiento empieza con la calificación de otra fila")
    elif starts_with_documents(head):
        problems.append("el cumplimiento empieza con una lista de documentos")
    elif head[:1].islower():
        problems.append("el cumplimiento empieza a mitad de frase")
    problems += _label_problems(COMPLIANCE, head[first.end:] if first else head)
    return problems


def _label_problems(where: tuple[str, str], text: str) -> list[str]:
    """Labels that a parsed field must not hold any more (the reader should have split them off);
    ``where`` names the field as subject and after "de"."""
    subject, of = where
    problems: list[str] = []
    if _ANY_STATUS.search(text):
        problems.append(f"más de una calificación: {subject} contiene otra")
    verification = _VERIFICATION_LABEL.search(text)
    if verification:
        problems.append("«Medios de Verificación» sin lista" if not text[verification.end():].strip() else
                        f"«Medios de Verificación» dentro {of}")
    if has_due(text):
        problems.append(f"{subject} contiene la «Fecha de Vencimiento» de un compromiso")
    return problems


def _verification_problems(items: tuple[str, ...]) -> list[str]:
    problems: list[str] = []
    if any(find_labels(item) for item in items) or any(_ANY_STATUS.search(item) for item in items):
        problems.append("la lista de «Medios de Verificación» contiene texto de otra fila")
    if any(_reads_as_sentence(item) for item in items):
        problems.append("la lista de «Medios de Verificación» contiene texto del cumplimiento")
    return problems


def _reads_as_sentence(item: str) -> bool:
    words = item.split()
    return len(words) >= _SENTENCE_ITEM_WORDS and words[0][:1].isupper() and fold(words[0]) in SENTENCE_WORDS


def starts_with_documents(text: str) -> bool:
    """Does ``text`` open with a list of documents (another row's verification means)? A
    ``Medios de Verificación:`` heading, a bullet, or a document name followed (with no
    punctuation between) by another document name or by the start of a sentence:
    ``Oficio N° 345 de la Subsecretaría Se elaboró ...``."""
    text = text.lstrip()[:_HEAD_CHARS]
    labels = find_labels(text)
    if labels and labels[0].start == 0 and labels[0].kind == "verification":
        return True
    if BULLET.match(text):
        return True
    words = _WORD.findall(text)[:_HEAD_WORDS]
    if not words or fold(words[0]) not in DOCUMENT_WORDS:
        return False
    for before, word in zip(words, words[1:]):
        if before[-1] in ".:;,)":
            return False  # the first phrase ended: a sentence, not a list
        if word[0].isupper() and fold(word) in DOCUMENT_WORDS | SENTENCE_WORDS:
            return True
    return False


def _header_problems(report: Report) -> list[str]:
    problems: list[str] = []
    if not report.commitments:
        problems.append("no se encontró ninguna fila de compromisos")
    for value, reason in ((report.program, "sin nombre del programa"),
                          (report.year, "sin año de evaluación"),
                          (report.status, "sin calificación del programa")):
        if not value:
            problems.append(reason)
    if report.year is not None and not MIN_YEAR <= report.year <= MAX_YEAR:
        problems.append("año de evaluación no válido")
    if fold(report.status) == "egresado" and not report.exit_date:
        problems.append("programa egresado sin fecha de egreso")
    elif report.exit_date and not _valid_date(report.exit_date):
        problems.append("fecha de egreso no válida")
    elif report.exit_date and report.year and int(report.exit_date[:4]) < report.year:
        problems.append("fecha de egreso anterior al año de evaluación")
    return problems


def _sequence_problems(report: Report) -> list[tuple[int | None, str]]:
    """(row index, reason) for numbering and page order across rows; index None: the report's.

    Recommendations never go back; the commitments of one recommendation count 1, 2, 3 ...
    (real reports repeat the recommendation for each of its commitments); pages never go back."""
    problems: list[tuple[int | None, str]] = []
    seen: set[tuple[int, int]] = set()
    last_rec, last_comp, last_page = None, None, None
    after_unnumbered = False  # the row before had no number: it may be the one missing here
    rows = report.commitments
    for i, row in enumerate(rows):
        rec, comp = row.recommendation, row.commitment
        if rec is None or comp is None:
            after_unnumbered = True
        else:
            if (rec, comp) in seen:
                problems.append((i, "número de compromiso repetido"))
            elif last_rec is not None and rec < last_rec:
                problems.append((i, f"la numeración de recomendaciones retrocede (después de la {last_rec})"))
            elif after_unnumbered:
                pass
            elif (rec != last_rec and comp != 1) or (rec == last_rec and comp != last_comp + 1):
                problems += _missing_rows(rows, i, last_comp if rec == last_rec else None)
            seen.add((rec, comp))
            last_rec, last_comp, after_unnumbered = rec, comp, False
        if not row.verification and i + 1 < len(rows) and starts_with_documents(rows[i + 1].compliance_text):
            problems.append((i, "sin «Medios de Verificación»: la lista parece haber quedado en la fila siguiente"))
        problems += [(i, reason) for reason in _page_problems(row, last_page, report.pages)]
        if row.pages:
            last_page = row.pages[0]
    return problems


def _missing_rows(rows: tuple[Commitment, ...], i: int, last_comp: int | None) -> list[tuple[int | None, str]]:
    """A gap in the commitments before row ``i``: the report misses rows, most likely merged into
    the row above (which then cites their texts as its own), so that row is flagged too."""
    row = rows[i]
    why = (f"después del compromiso {last_comp} viene el {row.commitment}" if last_comp is not None
           else f"la recomendación {row.recommendation} empieza por el compromiso {row.commitment}")
    found: list[tuple[int | None, str]] = [(None, f"faltan filas antes de {row_label(row)} ({why})")]
    if i > 0:
        found.append((i - 1, "puede contener también la fila siguiente, que falta"))
    return found


def _page_problems(row: Commitment, last_page: int | None, total: int) -> list[str]:
    pages = row.pages
    if not pages:
        return []
    problems: list[str] = []
    if list(pages) != sorted(set(pages)) or (last_page is not None and pages[0] < last_page):
        problems.append("páginas fuera de orden")
    if total and (pages[0] < 1 or pages[-1] > total):
        problems.append("página fuera del documento")
    return problems
