"""Ingest files into the index: parse, chunk, embed, commit; one result per file."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from vectorstore.files import SourceFiles
from vectorstore.store import ReportIndex
from .chunking import Chunk, chunk_report
from .errors import ReportError, os_reason
from .names import clean_name
from .ocr.options import OcrOptions
from .reading import parse_bytes
from .records import Report, sha256_bytes
from .results import SUFFIXES, Action, FileResult, expand_paths, summary  # re-exported: callers import them here
from .worker import ParseFailed, ParsePool

__all__ = ["Action", "FileResult", "Ingestor", "Prepared", "SUFFIXES", "expand_paths", "summary"]

log = logging.getLogger(__name__)

MB = 1024 * 1024
# (source, pages done, pages in the file), called as each page is read: progress bars listen to it
FilePageProgress = Callable[[str, int, int], None]
Parse = Callable[[bytes, str], Report]


def megabytes(size: int) -> str:
    """«48 MB», «25 MB», «1 MB», «0,5 MB» (Spanish decimal comma): the one form the CLI and the app print."""
    value = size / MB
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") + " MB"


@dataclass(frozen=True)
class Prepared:
    """A parsed and chunked file, ready to be embedded and committed."""
    source: str
    data: bytes
    report: Report
    header: Chunk
    rows: list[Chunk]
    previous_sha: str | None


class Ingestor:
    """Parse, chunk, embed and commit files, one result per file.

    ``parse_timeout_s`` set: files are parsed in worker processes (``ingest.worker``) and a file
    whose parse shows no page progress for that long is stopped and rejected; None parses in
    this process (fast unit tests). ``max_bytes`` rejects larger files before reading them.
    ``ocr`` says how scanned pages are read (None: the reader's defaults)."""

    def __init__(self, index: ReportIndex, files: SourceFiles, *, max_tokens: int,
                 count_tokens: Callable[[str], int], group_size: int = 32, parse_timeout_s: float | None = None,
                 max_bytes: int | None = None, ocr: OcrOptions | None = None) -> None:
        self.index = index
        self.files = files
        self.max_tokens = max_tokens
        self.count_tokens = count_tokens
        self.group_size = group_size
        self.parse_timeout_s = parse_timeout_s
        self.max_bytes = max_bytes
        self.ocr = ocr

    def ingest_bytes(self, data: bytes, source: str) -> FileResult:
        return self.ingest_many([(source, data)])[0]

    def ingest_many(self, items: Iterable[tuple[str, bytes | Path]], progress: Callable[[str], None] | None = None,
                    on_page: FilePageProgress | None = None) -> list[FileResult]:
        """Ingest (name, bytes or path) pairs in groups: embed all the chunks of a group in one
        batch (much faster than file by file), then commit report by report. The next group is
        parsed in a background thread meanwhile (the model releases the GIL while it computes).
        ``progress(source)`` after each file's result, ``on_page(source, done, total)`` as its
        pages are read (from the parse thread)."""
        items = [(clean_name(source), content) for source, content in items]
        if self.index.read_only:  # one line per file, as for any file that cannot be taken
            return [FileResult(source, "rejected", self.index.read_only_message()) for source, _ in items]
        # one worker: files are parsed one after another by the parse-ahead thread
        pool = ParsePool(timeout_s=self.parse_timeout_s) if self.parse_timeout_s else None
        try:
            return self._ingest(items, self._parser(pool, on_page, self.ocr), progress)
        finally:
            if pool is not None:
                pool.close()

    @staticmethod
    def _parser(pool: ParsePool | None, on_page: FilePageProgress | None, ocr: OcrOptions | None) -> Parse:
        def parse(data: bytes, source: str) -> Report:
            hook = (lambda done, total: on_page(source, done, total)) if on_page else None
            if pool is None:
                return parse_bytes(data, source, on_page=hook, ocr=ocr)
            return pool.parse(data, source, on_page=hook, ocr=ocr)
        return parse

    def _ingest(self, items: list[tuple[str, bytes | Path]], parse: Parse,
                progress: Callable[[str], None] | None) -> list[FileResult]:
        groups = [items[i:i + self.group_size] for i in range(0, len(items), self.group_size)]
        results: list[FileResult] = []
        batch: dict[str, str] = {}  # sha256 or name -> the name that took it in this batch
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-parse") as pool:
            ahead = pool.submit(self._prepare_group, groups[0], parse) if groups else None
            for n in range(len(groups)):
                prepared = ahead.result()
                ahead = pool.submit(self._prepare_group, groups[n + 1], parse) if n + 1 < len(groups) else None
                group = [self._once(item, batch) for item in prepared]
                ready = [g for g in group if isinstance(g, Prepared)]
                self._embed_ahead([c.text for g in ready for c in [g.header, *g.rows]])
                for item in group:
                    results.append(self.commit(item) if isinstance(item, Prepared) else item)
                    if progress:
                        progress(results[-1].source)
        return results

    def _prepare_group(self, group: list[tuple[str, bytes | Path]], parse: Parse) -> list[Prepared | FileResult]:
        return [self.prepare(source, content, parse=parse) for source, content in group]

    @staticmethod
    def _once(item: Prepared | FileResult, batch: dict[str, str]) -> Prepared | FileResult:
        """The same content, or the same name, twice in one batch is taken once."""
        if not isinstance(item, Prepared):
            return item
        sha, name = item.report.sha256, f"name:{item.source}"
        if sha in batch:
            return FileResult(item.source, "duplicate", f"mismo contenido que «{batch[sha]}», en esta misma carga")
        if name in batch:
            return FileResult(item.source, "rejected", "otro archivo con el mismo nombre va en esta misma carga; "
                                                       "cámbiele el nombre para indexar ambos")
        batch[sha] = batch[name] = item.source
        return item

    def _embed_ahead(self, texts: list[str]) -> None:
        embedder = self.index.embedder
        if texts and hasattr(embedder, "inner"):  # a caching embedder keeps the vectors for commit
            embedder.embed(texts)

    def prepare(self, source: str, content: bytes | Path, *, parse: Parse | None = None) -> Prepared | FileResult:
        parse = parse or self._parser(None, None, self.ocr)
        too_big = self._too_big(content)
        if too_big:
            return FileResult(source, "rejected", too_big)
        if isinstance(content, Path):
            try:
                content = content.read_bytes()
            except OSError as exc:
                return FileResult(source, "rejected", f"no se pudo leer: {os_reason(exc)}")
        sha = sha256_bytes(content)
        previous = self.index.header(source)
        if previous and previous["sha256"] == sha:  # checked before parsing: re-runs are cheap
            return FileResult(source, "unchanged", "sin cambios (ya estaba indexado)")
        twin = self.index.source_of_sha(sha)
        if twin:
            return FileResult(source, "duplicate", f"mismo contenido que «{twin}», ya indexado")
        try:
            report = parse(content, source)
        except ReportError as exc:
            return FileResult(source, "rejected", str(exc))
        except Exception as exc:  # a parser bug must not stop the other files; it is reported
            log.error("unexpected error parsing %s", source, exc_info=not isinstance(exc, ParseFailed))
            detail = str(exc) if isinstance(exc, ParseFailed) else f"{type(exc).__name__}: {exc}"
            return FileResult(source, "rejected", f"error inesperado al leer el archivo ({detail})")
        header, rows = chunk_report(report, max_tokens=self.max_tokens, count=self.count_tokens)
        return Prepared(source, content, report, header, rows, previous["sha256"] if previous else None)

    def _too_big(self, content: bytes | Path) -> str | None:
        if self.max_bytes is None:
            return None
        try:
            size = content.stat().st_size if isinstance(content, Path) else len(content)
        except OSError:
            return None  # reading it says why
        if size <= self.max_bytes:
            return None
        return f"pesa {megabytes(size)}; el límite es {megabytes(self.max_bytes)} (ASSISTANT_MAX_UPLOAD_MB)"

    def commit(self, item: Prepared) -> FileResult:
        self.files.save(item.report.sha256, Path(item.source).suffix or ".txt", item.data, name=item.source)
        self.index.write_report(item.header, item.rows)
        if item.previous_sha:
            self.files.remove(item.previous_sha)
        return FileResult(item.source, "replaced" if item.previous_sha else "added", report=item.report)

    def remove(self, source: str) -> bool:
        meta = self.index.header(source)
        if meta is None:  # typed as listed, or as the raw file name
            source = clean_name(source)
            meta = self.index.header(source)
        removed = self.index.remove(source)
        if meta:
            self.files.remove(meta["sha256"])
        return removed
