"""Parsed report records: frozen, JSON-serialisable, with content-hash ids."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace

STATUSES = ("Cumplido", "Parcialmente cumplido", "No cumplido", "Cancelado")

# (page, x0, top, x1, bottom) in PDF points, top-left origin (pdfplumber's convention).
Box = tuple[int, float, float, float, float]


@dataclass(frozen=True)
class Commitment:
    recommendation: int | None
    commitment: int | None
    recommendation_text: str
    commitment_text: str
    due: str
    compliance_text: str
    observation: str
    status: str
    status_date: str | None
    verification: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()
    boxes: tuple[Box, ...] = field(default=(), compare=False)
    # The section row ("I. DISEÑO") the table shows above this row, "" when there is none.
    section: str = ""
    # Why this row's reading is doubtful (filled by ingest.validation); empty when it validated.
    warnings: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Position of the row in its report, e.g. ``r1c2``; unique within a report."""
        return f"r{self.recommendation}c{self.commitment}"

    @classmethod
    def from_json(cls, data: dict) -> "Commitment":
        known = {f: data[f] for f in cls.__dataclass_fields__ if f in data}
        for name in ("verification", "pages", "warnings"):
            known[name] = tuple(known.get(name, ()))
        known["boxes"] = tuple(tuple(b) for b in data.get("boxes", ()))
        return cls(**known)

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("boxes")
        data["verification"] = list(self.verification)
        data["pages"] = list(self.pages)
        data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True)
class Report:
    source: str
    sha256: str
    program: str
    ministry: str
    service: str
    year: int | None
    status: str
    exit_date: str | None
    pages: int
    commitments: tuple[Commitment, ...] = ()
    ocr: bool = False  # some page was read by OCR
    ocr_confidence: float | None = None  # mean word confidence (0-100) over the OCR pages
    warnings: tuple[str, ...] = ()  # report-level doubts (filled by ingest.validation)

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "program": self.program,
            "ministry": self.ministry,
            "service": self.service,
            "year": self.year,
            "status": self.status,
            "exit_date": self.exit_date,
            "pages": self.pages,
            "ocr": self.ocr,
            "ocr_confidence": self.ocr_confidence,
            "warnings": list(self.warnings),
            "commitments": [c.to_json() for c in self.commitments],
        }

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for c in self.commitments:
            counts[c.status] = counts.get(c.status, 0) + 1
        return counts


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["Box", "Commitment", "Report", "STATUSES", "replace", "sha256_bytes"]
