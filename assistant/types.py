"""Records of the answering side: filters, retrieved rows, citations, answers."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Literal

from ingest.records import Commitment
from ingest.rows import StoredRow

if TYPE_CHECKING:
    from .focus import Focus


@dataclass(frozen=True)
class Filters:
    program: str | None = None
    ministry: str | None = None
    service: str | None = None
    year: int | None = None
    status: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))

    def matches(self, row: StoredRow) -> bool:
        """A status filter matches commitment rows only (a header has no commitment status)."""
        return ((not self.program or row.program == self.program)
                and (not self.ministry or row.ministry == self.ministry)
                and (not self.service or row.service == self.service)
                and (not self.year or row.year == self.year)
                and (not self.status or (row.record is not None and row.record.status == self.status)))

    def describe(self) -> str:
        parts = [f"{f.name}={getattr(self, f.name)}" for f in fields(self) if getattr(self, f.name)]
        return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    """One commitment row (or one report header) as the answering side sees it: the stored
    record and the full passage."""
    stored: StoredRow
    text: str

    @property
    def row_id(self) -> str:
        return self.stored.row_id

    @property
    def kind(self) -> str:  # "commitment" | "header"
        return self.stored.kind

    @property
    def record(self) -> Commitment | None:
        """The parsed commitment (None for a header)."""
        return None if self.stored.is_header else self.stored.record

    @property
    def label(self) -> str:
        return self.stored.label

    @property
    def program(self) -> str:
        return self.stored.program

    @property
    def source(self) -> str:
        return self.stored.source

    @property
    def status(self) -> str:
        """The commitment's status, or the report's for a header."""
        return self.record.status if self.record else self.stored.report_status

    @property
    def status_date(self) -> str | None:
        """The commitment's status date, or the report's exit date for a header."""
        return (self.record.status_date if self.record else self.stored.exit_date) or None

    @property
    def pages(self) -> list[int]:
        return list(self.record.pages) if self.record else [1]

    @property
    def verification(self) -> list[str]:
        return list(self.record.verification) if self.record else []

    @property
    def warnings(self) -> list[str]:
        """Why the parse of this row (or, for a header, of the report) is doubtful; [] when it validated."""
        return list(self.record.warnings) if self.record else list(self.stored.warnings)

    def num(self, key: Literal["recommendation", "commitment"]) -> int | None:
        """The row's recommendation or commitment number (None for a header or a missing one)."""
        if self.record is None:
            return None
        return {"recommendation": self.record.recommendation, "commitment": self.record.commitment}[key]


@dataclass(frozen=True)
class ScoredRow:
    row: Row
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    lexical_coverage: float = 0.0
    dense_similarity: float = 0.0


@dataclass(frozen=True)
class Citation:
    n: int
    row: Row
    highlights: tuple[str, ...] = ()  # the sentences the answer used

    def to_json(self) -> dict:
        row, stored = self.row, self.row.stored
        return {
            "n": self.n,
            "label": row.label,
            "program": stored.program,
            "ministry": stored.ministry,
            "service": stored.service,
            "year": stored.year,
            "source": stored.source,
            "pages": row.pages,
            "recommendation": row.num("recommendation"),
            "commitment": row.num("commitment"),
            "status": row.status,
            "status_date": row.status_date,
            "verification": row.verification,
            "passage": row.text,
            "highlights": list(self.highlights),
            "warnings": row.warnings,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    elapsed_ms: float = 0.0
    language: str = "es"
    kind: str = "search"  # search | list | count | header | programs | refusal | too_long | error
    grounded: bool = True
    focus: Focus | None = None  # what the question was read as being about (assistant.focus)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "elapsed_ms": round(self.elapsed_ms, 2),
            "kind": self.kind,
            "grounded": self.grounded,
            "citations": [c.to_json() for c in self.citations],
            "focus": self.focus.to_json() if self.focus is not None else None,
        }
