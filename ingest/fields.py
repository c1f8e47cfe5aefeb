"""Parse the text of one table cell or of the report header into fields.

Pure functions shared by the PDF reader and the text-export reader.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .records import STATUSES, Box, Commitment
from .text import numbered_item, strip_bullet

_TAGS = re.compile(r"</?u>", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")
_DUE = re.compile(r"Fecha\s+de\s+Vencimiento\s*:\s*", re.I)
_STATUS = re.compile(
    r"Calificaci[oó]n\s*:\s*(?P<status>[^\n(]*?)\s*\(\s*(?P<date>\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4})\s*\)",
    re.I,
)
_OBSERVATION = re.compile(r"Observaci[oó]n\s*:", re.I)
_VERIFICATION = re.compile(r"Medios?\s+de\s+Verificaci[oó]n\s*:", re.I)
_DATE = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")  # a date may wrap after a dash


def fold(text: str) -> str:
    """Lower case with accents removed, for comparisons."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch)).lower()


def clean(text: str) -> str:
    """Drop markup left by exports and collapse runs of spaces; keeps line breaks."""
    text = _TAGS.sub("", text).replace("\r", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def one_line(text: str) -> str:
    return _SPACES.sub(" ", clean(text).replace("\n", " ")).strip()


def normalize_status(raw: str) -> str:
    """Map a status to the canonical four; anything else is kept verbatim (trimmed)."""
    key = re.sub(r"\s+", " ", fold(raw)).strip(" .:")
    for status in STATUSES:
        if key == fold(status):
            return status
    return one_line(raw)


def parse_date(raw: str | None) -> str | None:
    """``31-12-2009`` (or with / .) to ISO ``2009-12-31``; None when there is no valid date."""
    if not raw:
        return None
    m = _DATE.search(raw)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def split_number(text: str) -> tuple[int | None, str]:
    """``"1. Analizar ..."`` -> ``(1, "Analizar ...")``."""
    item = numbered_item(text)
    return (item[0], one_line(item[1])) if item else (None, one_line(text))


def parse_commitment_cell(text: str) -> tuple[int | None, str, str]:
    """Return (number, commitment text, due date text such as ``Diciembre 2009``)."""
    text = clean(text)
    parts = _DUE.split(text, maxsplit=1)
    due = one_line(parts[1]) if len(parts) > 1 else ""
    number, body = split_number(parts[0])
    return number, body, due


@dataclass(frozen=True)
class Compliance:
    text: str
    observation: str
    status: str
    status_date: str | None
    verification: tuple[str, ...]


def make_commitment(rec: int | None, comp: int | None, rec_text: str, comp_text: str, due: str,
                    compliance: Compliance, *, verification: tuple[str, ...] | None = None,
                    pages: tuple[int, ...] = (), boxes: tuple[Box, ...] = ()) -> Commitment:
    """A commitment from its parsed cells (both readers end here)."""
    return Commitment(
        recommendation=rec, commitment=comp, recommendation_text=rec_text, commitment_text=comp_text, due=due,
        compliance_text=compliance.text, observation=compliance.observation, status=compliance.status,
        status_date=compliance.status_date,
        verification=compliance.verification if verification is None else verification,
        pages=pages, boxes=boxes)


def split_verification(block: str) -> tuple[str, ...]:
    """One means of verification a line (bullets and ';' also separate items)."""
    items: list[str] = []
    for line in clean(block).split("\n"):
        for piece in line.split(";"):
            piece = strip_bullet(piece).strip(" .-")
            if piece:
                items.append(piece)
    return tuple(items)


def parse_compliance_cell(text: str) -> Compliance:
    """Split a compliance cell into its text, observation, status, date and verification means."""
    text = clean(text)
    matches = list(_STATUS.finditer(text))
    if not matches:
        body, status, date, tail = text, "", None, ""
    else:
        last = matches[-1]
        body, tail = text[: last.start()], text[last.end():]
        status, date = normalize_status(last.group("status")), parse_date(last.group("date"))
    verification: tuple[str, ...] = ()
    vparts = _VERIFICATION.split(tail, maxsplit=1)
    if len(vparts) > 1:
        verification = split_verification(vparts[1])
    else:  # some reports put the means before the status
        bparts = _VERIFICATION.split(body, maxsplit=1)
        if len(bparts) > 1:
            body, verification = bparts[0], split_verification(bparts[1])
    oparts = _OBSERVATION.split(body, maxsplit=1)
    observation = one_line(oparts[1]) if len(oparts) > 1 else ""
    return Compliance(one_line(oparts[0]), observation, status, date, verification)


_HEADER_LABELS = {
    "program": r"Programa\s*/\s*Instituci[oó]n",
    "ministry": r"Ministerio",
    "service": r"Servicio",
    "year": r"A[ñn]o(?:\s+de\s+evaluaci[oó]n)?",
    "status": r"Calificaci[oó]n",
    "exit_date": r"Fecha\s+(?:de\s+)?Egreso",
}
_LABEL_LINE = re.compile(
    r"^\s*(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in _HEADER_LABELS.items()) + r")\s*:\s*(?P<value>.*)$",
    re.I,
)


def parse_header(text: str) -> dict:
    """Header facts from the text above the table.

    Values may continue on the following lines until the next label. A line such as
    ``MINISTERIO DE AGRICULTURA`` without a label is taken as the ministry.
    """
    found: dict[str, str] = {}
    current: str | None = None
    for raw in clean(text).split("\n"):
        line = raw.strip()
        if not line:
            current = None
            continue
        m = _LABEL_LINE.match(line)
        if m:
            current = next(k for k in _HEADER_LABELS if m.group(k))
            if current in found:  # e.g. a second "Calificación" inside the table
                current = None
                continue
            found[current] = m.group("value").strip()
        elif re.match(r"^MINISTERIO\b", line) and "ministry" not in found:
            found["ministry"] = line
            current = None
        elif current in ("program", "service", "ministry") and not re.match(r"^(Recomendaci|INFORME)", line, re.I):
            found[current] = f"{found[current]} {line}".strip()
    year_match = re.search(r"\d{4}", found.get("year", ""))
    return {
        "program": one_line(found.get("program", "")),
        "ministry": one_line(found.get("ministry", "")),
        "service": one_line(found.get("service", "")),
        "year": int(year_match.group()) if year_match else None,
        "status": normalize_status(found.get("status", "")) if found.get("status") else "",
        "exit_date": parse_date(found.get("exit_date")),
    }


def has_status(text: str) -> bool:
    """True when ``text`` holds a complete ``Calificación: <status> (<date>)``."""
    return _STATUS.search(clean(text)) is not None


def has_due(text: str) -> bool:
    """True when ``text`` holds the ``Fecha de Vencimiento:`` label of a commitment cell."""
    return _DUE.search(text) is not None


@dataclass(frozen=True)
class Label:
    """A cell label found in a text; ``status`` spans the whole ``Calificación: <status> (<date>)``."""

    kind: str  # "due" | "observation" | "status" | "verification"
    start: int
    end: int


_LABEL_PATTERNS = (("due", _DUE), ("observation", _OBSERVATION), ("status", _STATUS), ("verification", _VERIFICATION))


def find_labels(text: str) -> list[Label]:
    """Every cell label in ``text`` (not cleaned first, so spans index ``text``), in reading order."""
    found = [Label(kind, m.start(), m.end()) for kind, pattern in _LABEL_PATTERNS for m in pattern.finditer(text)]
    return sorted(found, key=lambda label: label.start)
