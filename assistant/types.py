"""Records of the answering side: filters, retrieved rows, citations, answers."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

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

    def matches(self, meta: dict) -> bool:
        return ((not self.program or meta.get("program") == self.program)
                and (not self.ministry or meta.get("ministry") == self.ministry)
                and (not self.service or meta.get("service") == self.service)
                and (not self.year or meta.get("year") == self.year)
                and (not self.status or meta.get("status") == self.status))

    def describe(self) -> str:
        parts = [f"{f.name}={getattr(self, f.name)}" for f in fields(self) if getattr(self, f.name)]
        return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    """One commitment row (or one report header) as the answering side sees it."""
    row_id: str
    kind: str  # "commitment" | "header"
    meta: dict  # the chunk metadata of the row (part 0 for commitments)
    text: str  # the full passage
    record: dict = field(default_factory=dict)  # the parsed commitment (empty for headers)

    @property
    def label(self) -> str:
        return self.meta.get("label", "")

    @property
    def pages(self) -> list[int]:
        if self.kind == "header":
            return [1]
        return [int(p) for p in str(self.meta.get("pages", "")).split(",") if p]

    @property
    def verification(self) -> list[str]:
        return json.loads(self.meta["verification"]) if self.kind == "commitment" else []

    @property
    def warnings(self) -> list[str]:
        """Why the parse of this row (or, for a header, of the report) is doubtful; [] when it validated."""
        if self.kind == "header":
            return json.loads(self.meta.get("warnings") or "[]")
        return list(self.record.get("warnings", []))

    def num(self, key: str) -> int | None:
        value = self.meta.get(key, -1)
        return None if value in (-1, None) or self.kind == "header" else int(value)


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
        m, row = self.row.meta, self.row
        return {
            "n": self.n,
            "label": row.label,
            "program": m.get("program"),
            "ministry": m.get("ministry"),
            "service": m.get("service"),
            "year": m.get("year"),
            "source": m.get("source"),
            "pages": row.pages,
            "recommendation": row.num("recommendation"),
            "commitment": row.num("commitment"),
            "status": m.get("status") if row.kind == "commitment" else m.get("report_status"),
            "status_date": (m.get("status_date") if row.kind == "commitment" else m.get("exit_date")) or None,
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
