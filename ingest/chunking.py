"""Turn a Report into index chunks: one per commitment row (split in parts when the text is
longer than the embedding model reads, each part repeating the row's context) and one for the
report header. Every chunk carries its citation label from the moment it is made."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from .records import Commitment, Report
from .rows import Chunk, StoredRow, header_id, part_id  # Chunk re-exported: callers import it here
from .text import dmy, pages_label

CHUNKING_VERSION = "rows-v4"  # v4: the header carries the parse warnings
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[\"'¿¡(\-–•]?[A-ZÁÉÍÓÚÑ0-9])")
_PROGRAM_PREFIX = re.compile(
    r"^.*?\bPrograma\s+(?:(?:de|del|para|el|la)\s+)?(?:Desarrollo\s+de\s+)?", re.I)

TokenCounter = Callable[[str], int]
NO_DATE = "sin fecha"  # a missing date in the index text


@lru_cache(maxsize=4096)  # called for every row at start-up; a few hundred programs
def short_program(program: str) -> str:
    """A readable short name: ``Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro
    Rubro`` -> ``Redes Pro Rubro``. Falls back to the full name."""
    short = _PROGRAM_PREFIX.sub("", program).strip()
    return short if len(short) >= 4 else program.strip()


def citation_label(program: str, row: Commitment | None) -> str:
    parts = [short_program(program)]
    if row is None:
        parts.append("Encabezado")
        parts.append(pages_label((1,)))
    else:
        parts += [f"Rec. {row.recommendation or '?'}", f"Comp. {row.commitment or '?'}"]
        if row.pages:
            parts.append(pages_label(row.pages))
    return " · ".join(p for p in parts if p)


def row_id(report: Report, row: Commitment, index: int) -> str:
    return f"{report.sha256[:16]}:{index:03d}:{row.key}"


def row_body(row: Commitment) -> str:
    lines = [
        f"Recomendación {row.recommendation or ''}: {row.recommendation_text}",
        f"Compromiso {row.commitment or ''}: {row.commitment_text}",
    ]
    if row.due:
        lines.append(f"Fecha de vencimiento: {row.due}")
    lines.append(f"Cumplimiento: {row.compliance_text}")
    if row.observation:
        lines.append(f"Observación: {row.observation}")
    if row.verification:
        lines.append("Medios de verificación: " + "; ".join(row.verification))
    return "\n".join(lines)


def brief(text: str, seen: set[str], words: int = 12) -> str:
    """A text already embedded for an earlier row of the report is shortened to its opening
    words: real reports repeat recommendation and commitment texts row after row, and embedding
    them again costs time without adding anything (the lexical index keeps every row whole)."""
    if text in seen:
        head = text.split()
        return " ".join(head[:words]) + (" …" if len(head) > words else "")
    seen.add(text)
    return text


def dense_body(row: Commitment, seen: set[str]) -> str:
    """What the embedding model reads for a row (its parts each get the row's prefix)."""
    lines = [f"Recomendación {row.recommendation or ''}: {brief(row.recommendation_text, seen)}",
             f"Compromiso {row.commitment or ''}: {brief(row.commitment_text, seen)}",
             f"Cumplimiento: {row.compliance_text}"]
    if row.observation:
        lines.append(f"Observación: {row.observation}")
    if row.verification:
        lines.append("Medios de verificación: " + "; ".join(row.verification))
    return "\n".join(lines)


def row_prefix(program: str, row: Commitment) -> str:
    return f"{citation_label(program, row)}. Calificación: {row.status} ({dmy(row.status_date, NO_DATE)}).\n"


def row_text(program: str, row: Commitment) -> str:
    """The whole row as one text (used by the lexical index and shown as the passage)."""
    return f"{program}\n{row_prefix(program, row)}{row_body(row)}"


def header_text(report: Report) -> str:
    counts = ", ".join(f"{n} {status}" for status, n in sorted(report.status_counts().items()))
    return (
        f"Informe de egreso del programa {report.program}.\n"
        f"Ministerio: {report.ministry}. Servicio: {report.service}.\n"
        f"Año de evaluación: {report.year or 'sin dato'}. Calificación del programa: "
        f"{report.status or 'sin dato'}. Fecha de egreso: {dmy(report.exit_date, NO_DATE)}.\n"
        f"Compromisos: {len(report.commitments)} ({counts})."
    )


def split_sentences(text: str) -> list[str]:
    pieces: list[str] = []
    for line in text.split("\n"):
        pieces += [s for s in _SENTENCE_END.split(line) if s.strip()]
    return pieces


def _split_long(sentence: str, budget: int, count: TokenCounter) -> list[str]:
    """A sentence longer than the budget is cut by words."""
    words, out, current = sentence.split(), [], []
    for word in words:
        if current and count(" ".join(current + [word])) > budget:
            out.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        out.append(" ".join(current))
    return out


def windows(text: str, budget: int, count: TokenCounter) -> list[str]:
    """Greedy packing of whole sentences into windows of at most ``budget`` tokens (a sentence
    longer than the budget is cut by words). No overlap: every part repeats the row's prefix,
    which carries its context, and overlap would cost embedding time on every long row."""
    out: list[list[str]] = []
    current: list[str] = []
    size = 0
    for sentence in split_sentences(text):
        pieces = [sentence] if count(sentence) <= budget else _split_long(sentence, budget, count)
        for piece in pieces:
            n = count(piece) - 2  # each count includes the two special tokens
            if current and size + n > budget:
                out.append(current)
                current, size = [], 0
            current.append(piece)
            size += n
    if current:
        out.append(current)
    return [" ".join(w) for w in out]


def report_fields(report: Report) -> dict:
    """The report's part of every stored row."""
    return dict(source=report.source, sha256=report.sha256, program=report.program,
                program_short=short_program(report.program), ministry=report.ministry, service=report.service,
                report_status=report.status, exit_date=report.exit_date or None, year=report.year)


def commitment_chunks(report: Report, row: Commitment, index: int, *, max_tokens: int,
                      count: TokenCounter, seen: set[str] | None = None) -> list[Chunk]:
    prefix = f"{short_program(report.program)} · Rec. {row.recommendation or '?'} · Comp. {row.commitment or '?'}. {row.status}.\n"
    body = dense_body(row, set() if seen is None else seen)
    budget = max_tokens - count(prefix)
    parts = [body] if count(prefix + body) <= max_tokens else windows(body, max(budget, 32), count)
    rid = row_id(report, row, index)
    stored = StoredRow("commitment", rid, citation_label(report.program, row), **report_fields(report),
                       row_index=index, parts=len(parts), record=row)
    return [Chunk(part_id(rid, n), prefix + part, stored, n) for n, part in enumerate(parts)]


def header_row(report: Report) -> StoredRow:
    return StoredRow("header", f"{report.sha256[:16]}:header", citation_label(report.program, None),
                     **report_fields(report), pages_total=report.pages, commitments=len(report.commitments),
                     status_counts=tuple(report.status_counts().items()), warnings=tuple(report.warnings),
                     rows_flagged=sum(1 for row in report.commitments if row.warnings))


def header_chunk(report: Report) -> Chunk:
    return Chunk(header_id(report.source), header_text(report), header_row(report))


def chunk_report(report: Report, *, max_tokens: int, count: TokenCounter) -> tuple[Chunk, list[Chunk]]:
    """Return (header chunk, commitment chunks)."""
    rows: list[Chunk] = []
    seen: set[str] = set()
    for index, row in enumerate(report.commitments):
        rows += commitment_chunks(report, row, index, max_tokens=max_tokens, count=count, seen=seen)
    return header_chunk(report), rows
