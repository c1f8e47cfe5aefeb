"""The stored row record: what the index keeps of one commitment row or one report header.

``StoredRow`` is typed end to end; ``to_chroma()`` / ``from_chroma()`` are the only code that
knows Chroma's scalar-only metadata rule (-1 for a missing number, pages comma-joined, lists and
the full commitment as JSON inside strings, the full record only on a row's first part).
The encoding is the one stores have always been written with, so existing stores read back."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from .records import Commitment

Kind = Literal["commitment", "header"]
NO_NUMBER = -1  # Chroma metadata has no None


@dataclass(frozen=True)
class StoredRow:
    kind: Kind
    row_id: str
    label: str = ""
    # the report the row belongs to (every chunk of a report carries these)
    source: str = ""
    sha256: str = ""
    program: str = ""
    program_short: str = ""
    ministry: str = ""
    service: str = ""
    report_status: str = ""
    exit_date: str | None = None
    year: int | None = None
    # commitment rows
    row_index: int = 0
    parts: int = 1
    record: Commitment | None = None  # the parsed row, None for a header
    # report headers
    pages_total: int = 0
    commitments: int = 0
    status_counts: tuple[tuple[str, int], ...] = ()
    warnings: tuple[str, ...] = ()  # report-level doubts of the parse (a row's own are in its record)
    rows_flagged: int = 0

    @property
    def is_header(self) -> bool:
        return self.kind == "header"

    def to_chroma(self, part: int = 0) -> dict:
        """The metadata of the row's chunk number ``part`` (scalars only)."""
        meta: dict = {"source": self.source, "sha256": self.sha256, "program": self.program,
                      "program_short": self.program_short, "ministry": self.ministry, "service": self.service,
                      "report_status": self.report_status, "exit_date": self.exit_date or "",
                      "kind": self.kind, "row_id": self.row_id, "label": self.label, "part": part, "parts": self.parts}
        if self.year is not None:
            meta["year"] = self.year
        if self.is_header:
            return meta | {"pages_total": self.pages_total, "commitments": self.commitments,
                           "status_counts": json.dumps(dict(self.status_counts), ensure_ascii=False),
                           "warnings": json.dumps(list(self.warnings), ensure_ascii=False),
                           "rows_flagged": self.rows_flagged}
        row = self.record or _empty_commitment()
        meta |= {"row_index": self.row_index, "recommendation": _number(row.recommendation),
                 "commitment": _number(row.commitment), "status": row.status, "status_date": row.status_date or "",
                 "due": row.due, "pages": ",".join(str(p) for p in row.pages),
                 "verification": json.dumps(list(row.verification), ensure_ascii=False)}
        if part == 0:  # the full record travels once, for citations and exact answers
            meta["record"] = json.dumps(row.to_json() | {"boxes": [list(b) for b in row.boxes]},
                                        ensure_ascii=False)
        return meta

    @classmethod
    def from_chroma(cls, meta: dict) -> "StoredRow":
        """The record back from a chunk's metadata. A key a store does not have (written by an
        older version, or a later part of a row, which has no full record) reads as empty."""
        year = meta.get("year")
        common = dict(
            kind=meta.get("kind", "commitment"), row_id=meta.get("row_id", ""), label=meta.get("label", ""),
            source=meta.get("source", ""), sha256=meta.get("sha256", ""), program=meta.get("program", ""),
            program_short=meta.get("program_short", ""), ministry=meta.get("ministry", ""),
            service=meta.get("service", ""), report_status=meta.get("report_status", ""),
            exit_date=meta.get("exit_date") or None, year=None if year in (None, "") else int(year),
            parts=int(meta.get("parts", 1)))
        if common["kind"] == "header":
            return cls(**common, pages_total=int(meta.get("pages_total", 0)),
                       commitments=int(meta.get("commitments", 0)),
                       status_counts=tuple(json.loads(meta.get("status_counts") or "{}").items()),
                       warnings=tuple(json.loads(meta.get("warnings") or "[]")),
                       rows_flagged=int(meta.get("rows_flagged", 0)))
        return cls(**common, row_index=int(meta.get("row_index", 0)), record=_commitment(meta))


def _number(value: int | None) -> int:
    return NO_NUMBER if value is None else value


def _empty_commitment() -> Commitment:
    return Commitment(None, None, "", "", "", "", "", "", None)


def _commitment(meta: dict) -> Commitment:
    """The full record of a first part; for a later part, what its scalar fields say."""
    numbers = {key: None if meta.get(key, NO_NUMBER) in (NO_NUMBER, None) else int(meta[key])
               for key in ("recommendation", "commitment")}
    scalars = {**numbers, "recommendation_text": "", "commitment_text": "", "due": meta.get("due", ""),
               "compliance_text": "", "observation": "", "status": meta.get("status", ""),
               "status_date": meta.get("status_date") or None,
               "verification": json.loads(meta.get("verification") or "[]"),
               "pages": [int(p) for p in str(meta.get("pages", "")).split(",") if p]}
    record = json.loads(meta["record"]) if meta.get("record") else {}
    return Commitment.from_json(scalars | record)


# The ids of the chunks in the index: the one place that spells them.
HEADER_ID_PREFIX = "report:"


def header_id(source: str) -> str:
    """The id of a report's header record (its commit point in the index)."""
    return f"{HEADER_ID_PREFIX}{source}"


def part_id(row_id: str, part: int) -> str:
    """The id of part ``part`` of a commitment row."""
    return f"{row_id}:{part}"


def chunk_ids(row: StoredRow) -> list[str]:
    """The ids of a stored row's chunks: a header's one record, or a commitment row's parts."""
    if row.is_header:
        return [header_id(row.source)]
    return [part_id(row.row_id, n) for n in range(max(1, row.parts))]


def chunk_owner(chunk_id: str) -> tuple[str, str]:
    """What a chunk id points to: ("header", source) for a report's header record, ("row", row
    id) for a part of a commitment row."""
    if chunk_id.startswith(HEADER_ID_PREFIX):
        return "header", chunk_id[len(HEADER_ID_PREFIX):]
    return "row", chunk_id.rsplit(":", 1)[0]


@dataclass(frozen=True)
class Chunk:
    """One text the index embeds: part ``part`` of a stored row."""
    id: str
    text: str
    row: StoredRow
    part: int = 0

    @property
    def metadata(self) -> dict:
        return self.row.to_chroma(self.part)
