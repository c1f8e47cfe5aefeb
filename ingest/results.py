"""What one ingested file came to, and the lines that tell the user; light (no store, no model),
so a dry run and the app's upload check can use it without importing Chroma."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

from .records import Report
from .validation import flagged_rows, row_label

SUFFIXES = {".pdf", ".txt"}
Action = Literal["added", "replaced", "unchanged", "duplicate", "rejected"]
ROWS_SHOWN = 3  # flagged rows named in a line before "y N más"


@dataclass(frozen=True)
class FileResult:
    source: str
    action: Action
    message: str = ""
    report: Report | None = None

    @property
    def ok(self) -> bool:
        return self.action != "rejected"

    def line(self) -> str:
        """One line for the user (Spanish)."""
        if self.action == "rejected":
            return f"✘ {self.source}: rechazado: {self.message}"
        if self.action in ("unchanged", "duplicate"):
            return f"= {self.source}: {self.message}"
        verb = "agregado" if self.action == "added" else "reemplazado"
        return f"✔ {self.source}: {verb}: {summary(self.report)}{review_suffix(self.report)}"

    def to_json(self) -> dict:
        data = {"source": self.source, "action": self.action, "ok": self.ok, "message": self.message}
        if self.report is not None:
            data |= {"program": self.report.program, "rows": len(self.report.commitments),
                     "statuses": self.report.status_counts(), "warnings": list(self.report.warnings),
                     "rows_flagged": len(flagged_rows(self.report))}
        return data


def summary(report: Report | None) -> str:
    if report is None:
        return ""
    counts = ", ".join(f"{n} {s or 'sin calificación'}" for s, n in sorted(report.status_counts().items()))
    return f"{report.program} — {len(report.commitments)} compromisos ({counts})"


def review(report: Report | None) -> str:
    """What needs a person's eye, e.g. ``2 de 5 filas requieren revisión: Rec. 1 Comp. 2 (...); ...``;
    "" when the parse validated."""
    if report is None:
        return ""
    parts: list[str] = []
    flagged = flagged_rows(report)
    if flagged:
        verb = "fila requiere" if len(flagged) == 1 else "filas requieren"
        named = "; ".join(f"{row_label(row)} ({', '.join(row.warnings)})" for row in flagged[:ROWS_SHOWN])
        more = f"; y {len(flagged) - ROWS_SHOWN} más" if len(flagged) > ROWS_SHOWN else ""
        parts.append(f"{len(flagged)} de {len(report.commitments)} {verb} revisión: {named}{more}")
    if report.warnings:
        parts.append(f"revisar el informe: {'; '.join(report.warnings)}")
    return " — ".join(parts)


def review_suffix(report: Report | None) -> str:
    text = review(report)
    return f" — {text}" if text else ""


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders searched recursively for .pdf and .txt files."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                          and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out
