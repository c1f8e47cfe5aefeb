"""Read one file into a Report and its chunks, with one clear result when it cannot be taken
(too big, unreadable, not a report). No storage here: ``assistant.library`` writes the chunks
into the index and the stored copies."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .chunking import Chunk, TokenCounter, chunk_report
from .errors import ReportError, os_reason
from .ocr.options import OcrOptions
from .reading import parse_bytes
from .records import Report
from .results import SUFFIXES, Action, FileResult, expand_paths, summary  # re-exported: callers import them here
from .worker import ParseFailed, ParsePool

__all__ = ["Action", "FileResult", "Parse", "Prepared", "SUFFIXES", "expand_paths", "summary"]

log = logging.getLogger(__name__)

MB = 1024 * 1024
# (source, pages done, pages in the file), called as each page is read: progress bars listen to it
FilePageProgress = Callable[[str, int, int], None]
Parse = Callable[[bytes, str], Report]


def megabytes(size: int) -> str:
    """48 MB, 25 MB, 0,5 MB (Spanish decimal comma)."""
    value = size / MB
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",")


@dataclass(frozen=True)
class Prepared:
    """A parsed and chunked file, ready to be embedded and committed."""
    source: str
    data: bytes
    report: Report
    header: Chunk
    rows: list[Chunk]
    previous_sha: str | None


def parser(pool: ParsePool | None, on_page: FilePageProgress | None, ocr: OcrOptions | None) -> Parse:
    """Parse in this process (``pool`` None) or in the pool's worker, reporting pages read."""
    def parse(data: bytes, source: str) -> Report:
        hook = (lambda done, total: on_page(source, done, total)) if on_page else None
        if pool is None:
            return parse_bytes(data, source, on_page=hook, ocr=ocr)
        return pool.parse(data, source, on_page=hook, ocr=ocr)
    return parse


def too_big(content: bytes | Path, max_bytes: int | None) -> str | None:
    """Why the file is over the size limit (None when it is not, or there is no limit)."""
    if max_bytes is None:
        return None
    try:
        size = content.stat().st_size if isinstance(content, Path) else len(content)
    except OSError:
        return None  # reading it says why
    if size <= max_bytes:
        return None
    return f"pesa {megabytes(size)} MB; el límite es {megabytes(max_bytes)} MB (ASSISTANT_MAX_UPLOAD_MB)"


def load(source: str, content: bytes | Path, max_bytes: int | None) -> bytes | FileResult:
    """The file's bytes, or why it is rejected before it is read."""
    reason = too_big(content, max_bytes)
    if reason:
        return FileResult(source, "rejected", reason)
    if isinstance(content, Path):
        try:
            return content.read_bytes()
        except OSError as exc:
            return FileResult(source, "rejected", f"no se pudo leer: {os_reason(exc)}")
    return content


def read_chunks(source: str, data: bytes, parse: Parse, *, max_tokens: int, count_tokens: TokenCounter,
                previous_sha: str | None = None) -> Prepared | FileResult:
    """Parse and chunk one file; a file that is no report, or breaks the parser, is rejected."""
    try:
        report = parse(data, source)
    except ReportError as exc:
        return FileResult(source, "rejected", str(exc))
    except Exception as exc:  # a parser bug must not stop the other files; it is reported
        log.error("unexpected error parsing %s", source, exc_info=not isinstance(exc, ParseFailed))
        detail = str(exc) if isinstance(exc, ParseFailed) else f"{type(exc).__name__}: {exc}"
        return FileResult(source, "rejected", f"error inesperado al leer el archivo ({detail})")
    header, rows = chunk_report(report, max_tokens=max_tokens, count=count_tokens)
    return Prepared(source, data, report, header, rows, previous_sha)
