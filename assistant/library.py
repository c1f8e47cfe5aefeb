"""The library of reports: files in, rows out of the index. ``Ingestor`` parses, chunks
(``ingest.pipeline``), embeds and commits files (``vectorstore``), one result per file, and
removes reports; ``index_stamp`` says what an index's vectors are built with.

It lives here, above both ``ingest`` (which reads files and knows nothing of storage) and
``vectorstore`` (which stores chunks and knows nothing of how they are made)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterable

from ingest.chunking import CHUNKING_VERSION
from ingest.names import clean_name
from ingest.ocr.options import OcrOptions
from ingest.pdf_version import PARSER_VERSION
from ingest.pipeline import FilePageProgress, Parse, Prepared, load, parser, read_chunks
from ingest.records import sha256_bytes
from ingest.results import FileResult
from ingest.worker import ParsePool
from .timings import StageTimer, stage
from vectorstore.embeddings import Embedder
from vectorstore.files import SourceFiles
from vectorstore.store import ReportIndex, Stamp

__all__ = ["FileResult", "Ingestor", "Prepared", "index_stamp"]


def index_stamp(embedder: Embedder) -> Stamp:
    """The stamp of an index built now with this embedder: its model, this chunking and parser,
    and the chunk size the embedder reads."""
    return Stamp(embedder.name, CHUNKING_VERSION, PARSER_VERSION, embedder.max_tokens, embedder.fingerprint())


class Ingestor:
    """Parse, chunk, embed and commit files, one result per file; remove reports.

    ``parse_timeout_s`` set: files are parsed in worker processes (``ingest.worker``) and a file
    whose parse shows no page progress for that long is stopped and rejected; None parses in
    this process (fast unit tests). ``max_bytes`` rejects larger files before reading them.
    ``ocr`` says how scanned pages are read (None: the reader's defaults). The chunk size is the
    embedder's (``index.embedder.max_tokens``), the one in the index's stamp. ``timer`` sums the
    stages parse (in the parse-ahead thread, overlapping the others), wait (for that thread),
    embed and write (``python -m ingest --timings``)."""

    def __init__(self, index: ReportIndex, files: SourceFiles, *, group_size: int = 32,
                 parse_timeout_s: float | None = None, max_bytes: int | None = None,
                 ocr: OcrOptions | None = None, timer: StageTimer | None = None) -> None:
        self.timer = timer
        self.index = index
        self.files = files
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
            return self._ingest(items, parser(pool, on_page, self.ocr), progress)
        finally:
            if pool is not None:
                pool.close()

    def _ingest(self, items: list[tuple[str, bytes | Path]], parse: Parse,
                progress: Callable[[str], None] | None) -> list[FileResult]:
        groups = file_groups(items, self.group_size)
        results: list[FileResult] = []
        batch: dict[str, str] = {}  # sha256 or name -> the name that took it in this batch
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-parse") as pool:
            ahead = pool.submit(self._prepare_group, groups[0], parse) if groups else None
            for n in range(len(groups)):
                with stage(self.timer, "wait"):
                    prepared = ahead.result()
                ahead = pool.submit(self._prepare_group, groups[n + 1], parse) if n + 1 < len(groups) else None
                group = [self._once(item, batch) for item in prepared]
                ready = [g for g in group if isinstance(g, Prepared)]
                with stage(self.timer, "embed"):
                    self._embed_ahead([c.text for g in ready for c in [g.header, *g.rows]])
                with stage(self.timer, "write"):
                    committed = self.commit_many(ready)
                for item in group:
                    results.append(committed.pop(0) if isinstance(item, Prepared) else item)
                    if progress:
                        progress(results[-1].source)
        return results

    def _prepare_group(self, group: list[tuple[str, bytes | Path]], parse: Parse) -> list[Prepared | FileResult]:
        with stage(self.timer, "parse"):
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
        data = load(source, content, self.max_bytes)
        if isinstance(data, FileResult):
            return data
        sha = sha256_bytes(data)
        previous = self.index.header(source)
        if previous and previous.sha256 == sha:  # checked before parsing: re-runs are cheap
            return FileResult(source, "unchanged", "sin cambios (ya estaba indexado)")
        twin = self.index.source_of_sha(sha)
        if twin:
            return FileResult(source, "duplicate", f"mismo contenido que «{twin}», ya indexado")
        embedder = self.index.embedder
        return read_chunks(source, data, parse or parser(None, None, self.ocr), max_tokens=embedder.max_tokens,
                           count_tokens=embedder.count_tokens, previous_sha=previous.sha256 if previous else None)

    def commit_many(self, items: list[Prepared]) -> list[FileResult]:
        """Store the copies, then write the reports into the index together (one commit write
        for the group, ``ReportIndex.write_reports``), then drop the copies they replace."""
        for item in items:
            self.files.save(item.report.sha256, Path(item.source).suffix or ".txt", item.data, name=item.source)
        self.index.write_reports([(item.header, item.rows) for item in items])
        for item in items:
            if item.previous_sha:
                self.files.remove(item.previous_sha)
        return [FileResult(item.source, "replaced" if item.previous_sha else "added", report=item.report)
                for item in items]

    def remove(self, source: str) -> bool:
        """Remove a report (named as listed, or as the raw file name) and its stored copy."""
        return remove_report(self.index, self.files, source)


FIRST_GROUP = 4  # files: the model waits for the first group's parse, with a core idle


def file_groups(items: list, size: int) -> list[list]:
    """The files in groups of ``size``, the first one smaller: nothing is embedded until the
    first group is parsed, so a small first group starts the model early (measured on 156 PDFs:
    about 3 s of the model waiting at the start with a first group of 32)."""
    first = min(FIRST_GROUP, size)
    head, rest = items[:first], items[first:]
    return ([head] if head else []) + [rest[i:i + size] for i in range(0, len(rest), size)]


def remove_report(index: ReportIndex, files: SourceFiles, source: str) -> bool:
    """Remove a report from the index and its stored copy; False when it is not indexed."""
    header = index.header(source)
    if header is None:  # typed as listed, or as the raw file name
        source = clean_name(source)
        header = index.header(source)
    removed = index.remove(source)
    if header:
        files.remove(header.sha256)
    return removed
