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
  as does a capitalised word written twice in a row (see :func:`_split_joined_items`).

Also accepted on input: the same cells on separate lines, rows separated by a blank line (recommendation
paragraph, then the commitment starting with its number and ending with ``Fecha de Vencimiento: <due>``,
then the compliance text, ``Observación:``, ``Calificación:`` and ``Medios de Verificación:`` one item a line).

PDF-to-text exports interleave the columns. The reader walks the table line by line and keeps one
draft row open:

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
  words that match are commitment, the others compliance;
* missing numbers are inferred: a recommendation repeating an earlier one takes its number, otherwise the
  previous number plus one; a commitment takes the previous commitment number plus one within the same
  recommendation, else 1.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise

from .errors import ReportError
from .fields import (
    clean,
    find_labels,
    fold,
    one_line,
    parse_commitment_cell,
    parse_compliance_cell,
    parse_header,
    split_number,
)
from .records import Commitment, Report

log = logging.getLogger(__name__)

TITLE = "INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS"
TABLE_HEADER = "Recomendación\tCompromiso\tCumplimiento"

_TABLE_HEADER = re.compile(r"^\s*Recomendaci[oó]n(?:es)?\s+Compromisos?\s+Cumplimientos?\s*$", re.I)
_TITLE = re.compile(r"^\s*INFORME\s+DE\s+EGRESO\b", re.I)
_PAGE_FOOTER = re.compile(r"^\s*P[áa]gina\s+\d+(?:\s+de\s+\d+)?\s*$", re.I)
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)](?!\d)")
_BULLET = re.compile(r"^\s*[-–•·*]\s*")
_ALNUM = re.compile(r"\w")
_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
_DUE_VALUE = re.compile(
    rf"\s*(?P<due>\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|(?:{_MONTHS})\.?\s+(?:del?\s+)?\d{{4}}|\d{{4}})", re.I
)
_COMPLIANCE_LABELS = frozenset({"observation", "status", "verification"})

MIN_BLOCK = 3  # words in a row that count as the same text when aligning interleaved columns
MIN_RELOCATED = 4  # words in a row that count as commitment text met out of order
MAX_VARIANT = 3  # words misread by the export (``v`` for ``y``) that may sit between two matches
ECHO_WORDS = 5  # a continuation this long that its cell already holds word for word repeats it
ECHO_SIMILARITY = 0.75  # a one- or two-word continuation this similar to the end of its cell repeats it
SAME_RECOMMENDATION = 0.85  # similarity of an unnumbered recommendation to an earlier one

# Stand-ins for labels while the words of an interleaved stream are classified.
_OBS, _VER, _END = "\x00obs", "\x00ver", "\x00end"
_SENTINELS = frozenset({_OBS, _VER, _END})
_LABEL_SENTINELS = {"observation": _OBS, "verification": _VER}

# Sort key of each commitment word of an interleaved stream, by token index.
_Order = dict[int, tuple[int, int, int]]


# ---------------------------------------------------------------------------------------------
# Public API


def parse_text(text: str, *, source: str, sha256: str) -> Report:
    """Parse a text export or a clean text report into a Report; ReportError (Spanish) when it is not one."""
    text = (text or "").lstrip("\ufeff")
    if not text.strip():
        raise ReportError("el texto está vacío: no hay ningún informe que leer")
    pages = _split_pages(text)
    lines = [(number, raw) for number, page in enumerate(pages, 1) for raw in page.split("\n")]
    start = _table_start(lines)
    header_lines = [raw for _, raw in (lines if start is None else lines[:start])]
    header = parse_header("\n".join(header_lines))
    if not header["program"]:
        raise ReportError("no parece un informe de egreso: falta el encabezado (Programa/Institución: ...)")
    if start is None:
        raise ReportError("no se encontró la tabla de compromisos (Recomendación / Compromiso / Cumplimiento)")
    drafts = _read_table(lines[start + 1:], skip=_repeated_lines(header_lines))
    commitments = _commitments(drafts)
    if not commitments:
        raise ReportError("la tabla de compromisos no tiene filas legibles (ninguna con su Calificación)")
    log.debug("%s: %d commitments on %d pages", source, len(commitments), len(pages))
    return Report(
        source=source, sha256=sha256, program=header["program"], ministry=header["ministry"],
        service=header["service"], year=header["year"], status=header["status"], exit_date=header["exit_date"],
        pages=len(pages), commitments=tuple(commitments),
    )


def render_text(report: Report) -> str:
    """Write ``report`` in the clean text layout (see the module docstring)."""
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


# ---------------------------------------------------------------------------------------------
# Pages, header and table boundaries


def _split_pages(text: str) -> list[str]:
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # exports end every page, the last one too, with a form feed
    return pages


def _table_start(lines: list[tuple[int, str]]) -> int | None:
    return next((i for i, (_, raw) in enumerate(lines) if _is_table_header(raw)), None)


def _is_table_header(raw: str) -> bool:
    return bool(_TABLE_HEADER.match(clean(raw)))


def _repeated_lines(header_lines: list[str]) -> frozenset[str]:
    """Header lines in comparable form: a page that repeats them inside the table skips them."""
    return frozenset(_norm(line) for line in header_lines if line.strip())


def _norm(text: str) -> str:
    return " ".join(fold(clean(text)).split())


def _header_lines(report: Report) -> list[str]:
    return [
        TITLE,
        "",
        f"Programa/Institución: {one_line(report.program)}",
        f"Ministerio: {one_line(report.ministry)}",
        f"Servicio: {one_line(report.service)}",
        f"Año: {report.year if report.year is not None else ''}",
        f"Calificación: {one_line(report.status)}",
        f"Fecha Egreso: {_dmy(report.exit_date)}",
    ]


def _dmy(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


# ---------------------------------------------------------------------------------------------
# Rendering rows


def _row_lines(c: Commitment) -> list[str]:
    commitment = _numbered(c.commitment, c.commitment_text)
    if c.due:
        commitment = f"{commitment} Fecha de Vencimiento: {one_line(c.due)}".strip()
    lines = [f"{_numbered(c.recommendation, c.recommendation_text)}\t{commitment}\t{one_line(c.compliance_text)}"]
    if c.observation:
        lines.append(f"\t\tObservación: {one_line(c.observation)}")
    if c.status:
        date = f" ({_dmy(c.status_date)})" if c.status_date else ""
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


# ---------------------------------------------------------------------------------------------
# Reading the table into draft rows


@dataclass
class _Draft:
    """One table row while its lines are being read."""

    rec: list[str] = field(default_factory=list)
    comp: list[tuple[bool, str]] = field(default_factory=list)  # (from a line without tabs, text)
    body: list[str] = field(default_factory=list)  # compliance text before the closing
    tail: list[str] = field(default_factory=list)  # verification means after the closing
    leftover: list[str] = field(default_factory=list)  # text after the closing, column unknown
    closing: str | None = None  # "Calificación: <status> (<date>)"
    due: str | None = None  # due date met in a line without tabs; "" while its value is pending
    closed: bool = False
    rec_open: bool = False
    verification_open: bool = False
    pages: set[int] = field(default_factory=set)

    def due_complete(self) -> bool:
        if self.due:
            return True
        due = _find_due("\n".join(text for _, text in self.comp))
        return due is not None and bool(due.value)

    def has_comp(self) -> bool:
        return bool(self.comp or self.due is not None)

    def all_text(self) -> list[str]:
        return [*self.rec, *(t for _, t in self.comp), *self.body, *self.leftover, *self.tail]


@dataclass(frozen=True)
class _Due:
    start: int
    end: int
    value: str


def _find_due(text: str) -> _Due | None:
    """``Fecha de Vencimiento: <due>`` with its value (``""`` when the value is not on this text)."""
    label = next((lb for lb in find_labels(text) if lb.kind == "due"), None)
    if label is None:
        return None
    value = _DUE_VALUE.match(text, label.end)
    if value:
        return _Due(label.start, value.end(), value.group("due"))
    rest = text[label.end:].split("\n", 1)[0]
    return _Due(label.start, label.end + len(rest), one_line(rest))


class _TableReader:
    """Feeds the table's lines, one at a time, into draft rows."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []

    @property
    def current(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None

    def feed_blank(self) -> None:
        row = self.current
        if row is None:
            return
        if row.rec_open and row.rec:
            row.rec_open = False
        if row.verification_open and _has_items(row.tail):
            row.verification_open = False

    def feed_cells(self, cells: tuple[str, str, str], page: int) -> None:
        row = self.current
        if row is None or _starts_row(row, cells):
            row = self._new_row()
        row.rec_open = False
        row.pages.add(page)
        rec, comp, compliance = cells
        if rec and not _is_echo(rec, row.rec):
            row.rec.append(rec)
        if comp and not _is_echo(comp, [t for _, t in row.comp]):
            row.comp.append((False, comp))
        if compliance:
            self._compliance(row, compliance, check_echo=True)

    def feed_flow(self, text: str, page: int) -> None:
        row = self.current
        if row is None or (self._row_complete(row) and not self._is_verification(row, text)):
            row = self._new_row()
            row.rec_open = True
        row.pages.add(page)
        if row.rec_open and not (row.rec and (_NUMBERED.match(text) or _BULLET.match(text))):
            row.rec.append(text)
            return
        row.rec_open = False
        if not row.due_complete():
            self._flow_commitment(row, text, page)
        elif not row.closed:
            self._compliance(row, text, check_echo=False)
        else:
            row.tail.append(text)
            row.verification_open = True

    def finish(self) -> list[_Draft]:
        self._settle_last()
        return self.drafts

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _row_complete(row: _Draft) -> bool:
        return row.closed and row.due_complete() and not row.rec_open

    @staticmethod
    def _is_verification(row: _Draft, text: str) -> bool:
        return row.verification_open or _opens_verification(text)

    def _new_row(self) -> _Draft:
        self._settle_last()
        self.drafts.append(_Draft())
        return self.drafts[-1]

    def _settle_last(self) -> None:
        """A finished chunk with neither due date nor closing is a leftover of the row before it."""
        row = self.current
        if row is None or row.closed or row.due_complete():
            return
        self.drafts.pop()
        if not self.drafts:
            log.warning("text before the first row was ignored: %.60s", " ".join(row.all_text()))
            return
        log.debug("leftover text merged into the previous row: %.60s", " ".join(row.all_text()))
        previous = self.drafts[-1]
        previous.leftover += row.all_text()
        previous.pages |= row.pages

    def _flow_commitment(self, row: _Draft, text: str, page: int) -> None:
        if row.due == "":  # the label was at the end of the previous line
            value = _DUE_VALUE.match(text)
            row.due = value.group("due") if value else one_line(text)
            rest = text[value.end():] if value else ""
            if rest.strip():
                self.feed_flow(rest.strip(), page)
            return
        due = _find_due(text)
        before = text if due is None else text[: due.start]
        if before.strip():
            row.comp.append((True, before.strip()))
            row.closed = row.closed or any(lb.kind == "status" for lb in find_labels(before))
        if due is None:
            return
        row.due = due.value
        rest = text[due.end:].strip()
        if rest:
            self.feed_flow(rest, page)

    def _compliance(self, row: _Draft, text: str, *, check_echo: bool) -> None:
        if row.closed:
            self._after_closing(row, text)
            return
        closing = next((lb for lb in find_labels(text) if lb.kind == "status"), None)
        before = text if closing is None else text[: closing.start]
        if _has_words(before) and not (check_echo and _is_echo(before, row.body)):
            row.body.append(before.strip())
        if closing is None:
            return
        row.closing, row.closed = text[closing.start: closing.end], True
        rest = text[closing.end:].strip()
        if rest:
            self._after_closing(row, rest)

    @staticmethod
    def _after_closing(row: _Draft, text: str) -> None:
        label = next((lb for lb in find_labels(text) if lb.kind == "verification"), None)
        if label is None and not row.verification_open:
            row.leftover.append(text)
            return
        start = 0 if label is None else label.start
        if text[:start].strip():
            row.leftover.append(text[:start].strip())
        row.tail.append(text[start:])
        row.verification_open = True


def _starts_row(row: _Draft, cells: tuple[str, str, str]) -> bool:
    """Whether a line with tabs opens a new row after ``row``."""
    rec, comp, compliance = cells
    if rec and _NUMBERED.match(rec) and row.rec and row.has_comp():
        return True
    if not row.closed:
        return False
    if rec:
        return True
    if comp and (_NUMBERED.match(comp) or row.due_complete()):
        return True
    return bool(compliance) and not row.verification_open and not _opens_verification(compliance)


def _opens_verification(text: str) -> bool:
    """Whether ``text`` starts with the ``Medios de Verificación:`` label."""
    return any(label.kind == "verification" and not text[: label.start].strip() for label in find_labels(text))


def _has_items(tail: list[str]) -> bool:
    """Whether a verification list holds at least one item after its label."""
    text = "\n".join(tail)
    label = next((lb for lb in find_labels(text) if lb.kind == "verification"), None)
    return _has_words(text[label.end:] if label else text)


def _has_words(text: str) -> bool:
    return bool(_ALNUM.search(text))


def _is_echo(fragment: str, parts: list[str]) -> bool:
    """True when a continuation repeats text its cell already holds (exports re-emit wrapped lines)."""
    if not parts:
        return False
    if not _has_words(fragment):
        return True  # stray punctuation
    if find_labels(fragment):
        return False
    frag, cell = _norm(fragment), _norm(" ".join(parts))
    words = len(frag.split())
    if words >= ECHO_WORDS:
        return frag in cell
    if words > 2 or len(frag) < 8:
        return False
    # a garbled copy of the cell's last word or two ("indiciamento." after "financiamiento.")
    return SequenceMatcher(None, frag, cell[-len(frag):], autojunk=False).ratio() >= ECHO_SIMILARITY


def _read_table(lines: list[tuple[int, str]], *, skip: frozenset[str]) -> list[_Draft]:
    reader = _TableReader()
    for page, raw in lines:
        cells = _cells(raw)
        if cells is None or not any(cells):
            reader.feed_blank()
        elif _is_noise(raw, skip):
            continue
        elif "\t" in raw:
            reader.feed_cells(cells, page)
        else:
            reader.feed_flow(cells[0], page)
    return reader.finish()


def _is_noise(raw: str, skip: frozenset[str]) -> bool:
    """Repeated page furniture: table header, title, header lines, page numbers."""
    text = clean(raw)
    return _is_table_header(raw) or bool(_TITLE.match(text) or _PAGE_FOOTER.match(text)) or _norm(text) in skip


def _cells(raw: str) -> tuple[str, str, str] | None:
    """The three cells of a line (a line without tabs is one cell, the first); None when blank."""
    if not raw.strip():
        return None
    parts = [clean(part) for part in raw.split("\t")]
    if len(parts) <= 3:
        parts += [""] * (3 - len(parts))
        return parts[0], parts[1], parts[2]
    return _fold_spread_cells(parts)


def _fold_spread_cells(parts: list[str]) -> tuple[str, str, str]:
    """A line whose words were spread over many tabs: the last cell is the third column, the words
    before it split into the first two columns where a numbered word starts the commitment."""
    *words, last = parts
    words = [w for w in words if w]
    cut = next((i for i, w in enumerate(words) if i > 0 and _NUMBERED.match(w)), len(words))
    return " ".join(words[:cut]), " ".join(words[cut:]), last


# ---------------------------------------------------------------------------------------------
# Separating interleaved commitment and compliance words


@dataclass(frozen=True)
class _Split:
    commitment: str
    compliance: str
    observation: str | None
    verification: str
    closing: str | None
    due: str | None


def _split_interleaved(text: str, known: list[str], *, commitment_first: bool) -> _Split:
    """Separate a stream where commitment and compliance words were interleaved by the export."""
    text, closing, due = _take_closing_and_due(text)
    tokens = _mark_labels(text).split()
    order = _commitment_order(tokens, known)
    if order is None:  # nothing to align against: the words before the first label are the commitment
        order = _leading_words(tokens) if commitment_first else {}
    commitment = " ".join(tokens[i] for i in sorted(order, key=order.__getitem__))
    compliance, observation, verification = _compliance_words(tokens, order)
    return _Split(commitment, compliance, observation, verification, closing, due)


def _take_closing_and_due(text: str) -> tuple[str, str | None, str | None]:
    closing = next((lb for lb in find_labels(text) if lb.kind == "status"), None)
    closing_text = None
    if closing is not None:
        closing_text = text[closing.start: closing.end]
        text = f"{text[: closing.start]} {_END} {text[closing.end:]}"
    due = _find_due(text)
    if due is not None:
        text = f"{text[: due.start]} {text[due.end:]}"
    return text, closing_text, due.value if due else None


def _mark_labels(text: str) -> str:
    for label in reversed(find_labels(text)):
        sentinel = _LABEL_SENTINELS.get(label.kind)
        if sentinel:
            text = f"{text[: label.start]} {sentinel} {text[label.end:]}"
    return text


def _word_key(token: str) -> str:
    if token in _SENTINELS:
        return token
    key = "".join(ch for ch in fold(token) if ch.isalnum())
    return key or token


def _commitment_order(tokens: list[str], known: list[str]) -> _Order | None:
    """Sort keys of the tokens that belong to the commitment, or None without a known text to align to.

    Tokens matched in order keep their place; runs misread by the export between two matches count
    too; longer runs met out of order are put back where the known text has them.
    """
    keys = [_word_key(t) for t in tokens]
    best = _best_alignment(keys, known)
    if best is None:
        return None
    known_keys, blocks = best
    order: _Order = {}
    place: dict[int, int] = {}  # known word -> token index
    for a, b, size in blocks:
        for k in range(size):
            order[a + k], place[b + k] = (a + k, 0, 0), a + k
    for (a1, b1, s1), (a2, b2, _) in pairwise(blocks):
        gap_a, gap_b = a2 - a1 - s1, b2 - b1 - s1
        if 0 < gap_a <= MAX_VARIANT and gap_b > 0 and abs(gap_a - gap_b) <= 1:
            for i in range(a1 + s1, a2):
                if tokens[i] not in _SENTINELS:
                    order[i] = (i, 0, 0)
    _relocate(keys, known_keys, order, place)
    return order


def _best_alignment(keys: list[str], known: list[str]) -> tuple[list[str], list[tuple[int, int, int]]] | None:
    best: tuple[int, list[str], list[tuple[int, int, int]]] | None = None
    for text in known:
        known_keys = [_word_key(t) for t in text.split()]
        matcher = SequenceMatcher(None, keys, known_keys, autojunk=False)
        blocks = _chained_blocks([(a, b, size) for a, b, size in matcher.get_matching_blocks() if size])
        score = sum(size for _, _, size in blocks)
        if score >= 2 * MIN_BLOCK and (best is None or score > best[0]):
            best = (score, known_keys, blocks)
    return None if best is None else (best[1], best[2])


def _chained_blocks(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Matches of at least MIN_BLOCK words, plus shorter ones a few misread words away from them
    (``pobreza v ruralidad`` against ``pobreza y ruralidad``)."""
    kept = [block for block in blocks if block[2] >= MIN_BLOCK]
    for block in blocks:
        if block[2] < MIN_BLOCK and any(_near(block, other) for other in kept):
            kept.append(block)
    return sorted(kept)


def _near(first: tuple[int, int, int], second: tuple[int, int, int]) -> bool:
    (a1, b1, s1), (a2, b2, s2) = sorted((first, second))
    gap_a, gap_b = a2 - a1 - s1, b2 - b1 - s1
    return 0 <= gap_a <= MAX_VARIANT and 0 <= gap_b <= MAX_VARIANT and abs(gap_a - gap_b) <= 1


def _relocate(keys: list[str], known_keys: list[str], order: _Order, place: dict[int, int]) -> None:
    """Unmatched runs that repeat the known text elsewhere are commitment words out of place."""
    for start, end in _runs(len(keys), lambda i: i not in order and keys[i] not in _SENTINELS):
        if end - start < MIN_RELOCATED:
            continue
        matcher = SequenceMatcher(None, keys[start:end], known_keys, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            if size < MIN_RELOCATED:
                continue
            anchor = max((place[k] for k in place if k < b), default=-1)
            for k in range(size):
                order[start + a + k] = (anchor, 1, b + k)


def _runs(count: int, keep: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Maximal [start, end) ranges of indexes for which ``keep`` holds."""
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(count + 1):
        if i < count and keep(i):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs


def _leading_words(tokens: list[str]) -> _Order:
    first_label = next((i for i, t in enumerate(tokens) if t in _SENTINELS), len(tokens))
    return {i: (i, 0, 0) for i in range(first_label)}


def _compliance_words(tokens: list[str], order: _Order) -> tuple[str, str | None, str]:
    """Compliance text, observation (None without its label) and verification from the other tokens.

    Short runs stranded between commitment words are fragments the export moved; they go last.
    """
    runs: list[list[str]] = [[]]
    words: dict[str, list[str]] = {_OBS: [], _VER: []}
    mode = "body"
    for i, token in enumerate(tokens):
        if token in words:
            mode = token
        elif token == _END or i in order:
            mode = "body"
            runs.append([])
        elif not _has_words(token):
            continue
        elif mode == "body":
            runs[-1].append(token)
        else:
            words[mode].append(token)
    long_runs = [r for r in runs if len(r) >= MIN_BLOCK]
    short_runs = [r for r in runs if 0 < len(r) < MIN_BLOCK]
    compliance = " ".join(" ".join(run) for run in long_runs + short_runs)
    observation = " ".join(words[_OBS]) if _OBS in tokens else None
    return compliance, observation, " ".join(words[_VER])


# ---------------------------------------------------------------------------------------------
# Draft rows to commitments


@dataclass(frozen=True)
class _Row:
    rec_number: int | None
    rec_text: str
    comp_number: int | None
    comp_text: str
    due: str
    cell: str  # compliance cell, rebuilt in reading order
    pages: tuple[int, ...]


def _commitments(drafts: list[_Draft]) -> list[Commitment]:
    rows: list[_Row] = []
    for draft in drafts:
        if not draft.closed:
            log.warning("a row without its Calificación was read: %.60s", " ".join(draft.all_text()))
        known = [row.comp_text for row in rows if row.comp_text]
        rows.append(_build_row(draft, known))
    return _number_rows(rows)


def _build_row(draft: _Draft, known: list[str]) -> _Row:
    table_comp = [text for from_flow, text in draft.comp if not from_flow]
    flow_comp = [text for from_flow, text in draft.comp if from_flow]
    interleaved = bool(flow_comp) and _has_compliance_labels("\n".join(flow_comp))
    comp_parts = table_comp if interleaved else [text for _, text in draft.comp]
    stream = (flow_comp if interleaved else []) + draft.leftover
    split = None
    if stream:
        own = one_line("\n".join(comp_parts))
        split = _split_interleaved("\n".join(stream), ([own] if own else []) + known, commitment_first=interleaved)
        if split.commitment:
            comp_parts = [*comp_parts, split.commitment]
    number, comp_text, due = parse_commitment_cell("\n".join(comp_parts))
    due = due or draft.due or (split.due if split else None) or ""
    rec_number, rec_text = split_number("\n".join(draft.rec))
    return _Row(rec_number, _strip_bullet(rec_text, rec_number), number, _strip_bullet(comp_text, number),
                due, _compliance_cell(draft, split), tuple(sorted(draft.pages)))


def _has_compliance_labels(text: str) -> bool:
    return any(label.kind in _COMPLIANCE_LABELS for label in find_labels(text))


def _strip_bullet(text: str, number: int | None) -> str:
    return text if number is not None else _BULLET.sub("", text, count=1)


def _compliance_cell(draft: _Draft, split: _Split | None) -> str:
    parts = list(draft.body)
    if split is not None and split.compliance:
        parts.append(split.compliance)
    if split is not None and split.observation is not None:
        parts.append(f"Observación: {split.observation}")
    closing = draft.closing or (split.closing if split else None)
    if closing:
        parts.append(closing)
    parts += draft.tail
    if split is not None and split.verification:
        parts.append(split.verification if draft.tail else f"Medios de Verificación: {split.verification}")
    return "\n".join(parts)


def _number_rows(rows: list[_Row]) -> list[Commitment]:
    commitments: list[Commitment] = []
    for row in rows:
        previous = commitments[-1] if commitments else None
        rec_number, rec_text = _recommendation(row, commitments)
        comp_number = row.comp_number
        if comp_number is None:
            same = previous is not None and previous.recommendation == rec_number
            comp_number = (previous.commitment or 0) + 1 if same else 1
        commitments.append(_commitment(row, rec_number, rec_text, comp_number))
    return commitments


def _recommendation(row: _Row, earlier: list[Commitment]) -> tuple[int | None, str]:
    """Number and text of a row's recommendation, inferred when the export lost them."""
    if row.rec_number is not None:
        return row.rec_number, row.rec_text
    previous = earlier[-1] if earlier else None
    if not row.rec_text:
        return (previous.recommendation, previous.recommendation_text) if previous else (None, "")
    for c in earlier:
        ratio = SequenceMatcher(None, _norm(row.rec_text), _norm(c.recommendation_text), autojunk=False).ratio()
        if c.recommendation is not None and ratio >= SAME_RECOMMENDATION:
            return c.recommendation, row.rec_text
    return ((previous.recommendation or 0) + 1 if previous else 1), row.rec_text


def _commitment(row: _Row, rec_number: int | None, rec_text: str, comp_number: int) -> Commitment:
    compliance = parse_compliance_cell(row.cell)
    return Commitment(
        recommendation=rec_number,
        commitment=comp_number,
        recommendation_text=rec_text,
        commitment_text=row.comp_text,
        due=row.due,
        compliance_text=compliance.text,
        observation=compliance.observation,
        status=compliance.status,
        status_date=compliance.status_date,
        verification=_split_joined_items(compliance.verification),
        pages=row.pages,
    )


def _split_joined_items(items: tuple[str, ...]) -> tuple[str, ...]:
    """Split items an export printed on one line, where the same capitalised word ends one item and
    starts the next (``Documento Marco Marco Lógico`` -> ``Documento Marco``, ``Marco Lógico``)."""
    result: list[str] = []
    for item in items:
        words = item.split()
        start = 0
        for i, (left, right) in enumerate(pairwise(words), 1):
            if left == right and left[:1].isupper() and i - start > 0:
                result.append(" ".join(words[start:i]))
                start = i
        result.append(" ".join(words[start:]))
    return tuple(result)
