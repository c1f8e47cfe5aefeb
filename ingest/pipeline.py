"""Ingest files into the index: parse, chunk, embed, commit; one result per file."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Literal

from vectorstore.files import SourceFiles
from vectorstore.store import ReportIndex
from .chunking import chunk_report
from .errors import ReportError
from .reading import parse_bytes
from .records import Report, sha256_bytes

log = logging.getLogger(__name__)

SUFFIXES = {".pdf", ".txt"}
Action = Literal["added", "replaced", "unchanged", "duplicate", "rejected"]


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
        return f"✔ {self.source}: {verb}: {summary(self.report)}"

    def to_json(self) -> dict:
        data = {"source": self.source, "action": self.action, "ok": self.ok, "message": self.message}
        if self.report is not None:
            data |= {"program": self.report.program, "rows": len(self.report.commitments),
                     "statuses": self.report.status_counts()}
        return data


def summary(report: Report | None) -> str:
    if report is None:
        return ""
    counts = ", ".join(f"{n} {s}" for s, n in sorted(report.status_counts().items()))
    return f"{report.program} — {len(report.commitments)} compromisos ({counts})"


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


class Ingestor:
    def __init__(self, index: ReportIndex, files: SourceFiles, *, max_tokens: int,
                 count_tokens: Callable[[str], int]) -> None:
        self.index = index
        self.files = files
        self.max_tokens = max_tokens
        self.count_tokens = count_tokens

    def ingest_path(self, path: Path, source: str | None = None) -> FileResult:
        source = source or Path(path).name
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError:
            return FileResult(source, "rejected", "es una carpeta, no un archivo")
        except OSError as exc:
            return FileResult(source, "rejected", f"no se pudo leer: {exc.strerror or exc}")
        return self.ingest_bytes(data, source)

    def ingest_bytes(self, data: bytes, source: str) -> FileResult:
        sha = sha256_bytes(data)
        previous = self.index.header(source)
        if previous and previous["sha256"] == sha:  # checked before parsing: re-runs are cheap
            return FileResult(source, "unchanged", "sin cambios (ya estaba indexado)")
        twin = self.index.source_of_sha(sha)
        if twin:
            return FileResult(source, "duplicate", f"mismo contenido que «{twin}», ya indexado")
        try:
            report = parse_bytes(data, source)
        except ReportError as exc:
            return FileResult(source, "rejected", str(exc))
        except Exception as exc:  # a parser bug must not stop the other files; it is reported
            log.exception("unexpected error parsing %s", source)
            return FileResult(source, "rejected", f"error inesperado al leer el archivo ({type(exc).__name__}: {exc})")
        header, rows = chunk_report(report, max_tokens=self.max_tokens, count=self.count_tokens)
        self.files.save(report.sha256, Path(source).suffix or ".txt", data)
        self.index.write_report(header, rows)
        if previous:
            self.files.remove(previous["sha256"])
        return FileResult(source, "replaced" if previous else "added", report=report)

    def remove(self, source: str) -> bool:
        meta = self.index.header(source)
        removed = self.index.remove(source)
        if meta:
            self.files.remove(meta["sha256"])
        return removed
