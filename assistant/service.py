"""The assistant as a service: ask questions, add and remove reports. Used by the CLI and the app.

Reads take a snapshot of the current state (catalog, lexical index, retriever); writes are
serialised and swap in a new snapshot when done, so questions never wait for an upload.
Other processes' writes (``python -m ingest`` while the app runs) are noticed through the
index's content version, checked before each question and listing (``sync``): the index is
reopened, the changed reports read again, and the new snapshot swapped in when complete. Writes
hold the store's file lock (``vectorstore.lock``), so one process writes at a time.
"""
from __future__ import annotations

import logging
import threading
import time
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ingest.ocr.options import OcrOptions
from ingest.pipeline import FileResult
from .library import Ingestor
from vectorstore.embeddings import Embedder
from vectorstore.errors import StoreError
from vectorstore.files import SourceFiles
from vectorstore.lock import WriteLock
from vectorstore.store import ReportIndex
from . import guards
from .answering import AnswerPath, Relevance, Snapshot
from .catalog import Catalog
from .config import ANSWER_ROWS, MAX_QUESTION_CHARS
from .lexical import BM25Index
from .prompts import Prompts
from .query_filters import detect_language
from .retrieval import HybridRetriever, RetrievalConfig, build_lexical
from .snapshot_cache import Cached, SnapshotCache, paused_gc, read_raw
from .types import Answer, Filters
from .understanding import Understander

if TYPE_CHECKING:  # LangChain loads only with a model backend (assistant.llm)
    from langchain_core.language_models import BaseChatModel

__all__ = ["Assistant", "Relevance", "Snapshot"]

log = logging.getLogger(__name__)


class Assistant:
    def __init__(self, index: ReportIndex, embedder: Embedder, files: SourceFiles, *, prompts: Prompts,
                 llm: BaseChatModel | None = None, k: int = ANSWER_ROWS, retrieval: RetrievalConfig = RetrievalConfig(),
                 relevance: Relevance = Relevance(), max_question_chars: int = MAX_QUESTION_CHARS,
                 parse_timeout_s: float | None = None, ocr: OcrOptions | None = None,
                 write_lock: WriteLock | None = None, check_every_s: float = 0.5,
                 snapshot_cache: SnapshotCache | None = None) -> None:
        """``parse_timeout_s`` set: uploads are parsed in a worker process stopped when it shows no
        page progress for that long (``ingest.worker``); ``ocr``: how scanned pages are read;
        ``write_lock``: the store's file lock, held around every write (none: this process is
        the only writer); ``check_every_s``: questions and listings look for other processes'
        writes at most this often (a check costs about 0.2 ms embedded, 3.5 ms from a server);
        ``snapshot_cache``: where the rows and the lexical index are kept between starts (none:
        read from the index every time)."""
        self.index = index
        self.embedder = embedder
        self.files = files
        self.prompts = prompts
        self.llm = llm
        self.k = k
        self.retrieval = retrieval
        self.relevance = relevance
        self.max_question_chars = max_question_chars
        self.path = AnswerPath(prompts=prompts, llm=llm, relevance=relevance, k=k)
        self.parse_timeout_s = parse_timeout_s
        self.ocr = ocr
        self.write_lock = write_lock
        self._write_lock = threading.Lock()  # one write or reload at a time in this process
        self.check_every_s = check_every_s
        self.snapshot_cache = snapshot_cache
        self._checked = time.monotonic()
        self._version = self._read_version()
        self.snapshot = self._load()

    # -- state ---------------------------------------------------------------------------
    def _load(self) -> Snapshot:
        """Everything from the index, or from the snapshot cache when it holds this version."""
        version = self._read_version()
        with paused_gc():
            cached = self.snapshot_cache.load(self.index, version) if self.snapshot_cache else None
            if cached is not None:
                return self._snapshot(cached.catalog, cached.lexical)
            catalog = Catalog.load(read_raw(self.index))  # one pass over Chroma, then decoded
            lexical = build_lexical(catalog)
        if self.snapshot_cache and self._read_version() == version:  # no write slipped in
            self.snapshot_cache.save(self.index, version, Cached(catalog, lexical))
        return self._snapshot(catalog, lexical)

    def _snapshot(self, catalog: Catalog, lexical: BM25Index) -> Snapshot:
        retriever = HybridRetriever(self.index, self.embedder, catalog, lexical, self.retrieval)
        return Snapshot(catalog, lexical, retriever, Understander(catalog))

    def refresh(self, sources: set[str] | None = None) -> None:
        """Read the index again: all of it, or only the reports that changed (much faster on a
        large index). The lexical index is updated in place; it is thread-safe, and a row it
        names that a reader's older catalog lacks is skipped by the retriever."""
        if sources is None:
            self.snapshot = self._load()
            return
        old = self.snapshot
        if not sources:  # the same reports (e.g. re-indexed): only the index object is new
            self.snapshot = self._snapshot(old.catalog, old.lexical)
            return
        catalog = old.catalog.updated(self.index, sources)
        for row in old.catalog.rows_of(sources):
            old.lexical.remove(row.row_id)
        old.lexical.add_many((row.row_id, row.text) for row in catalog.rows_of(sources))
        self.snapshot = self._snapshot(catalog, old.lexical)

    # -- other processes' writes ----------------------------------------------------------
    def _read_version(self):
        return self.index.version()  # None while a re-index switches collections: checked again later

    def sync(self) -> bool:
        """Reload if another process changed the index; True if it did. Never waits: while this
        process writes or reloads, the current snapshot answers. Raises ``StoreError`` when the
        changed index cannot be read with this configuration (``StampMismatch``)."""
        now = time.monotonic()
        if now - self._checked < self.check_every_s or not self._write_lock.acquire(blocking=False):
            return False
        self._checked = now
        try:
            return self._sync_locked()
        except StoreError:
            self._checked = float("-inf")  # the old snapshot cannot search: check again next time
            raise
        finally:
            self._write_lock.release()

    def _sync_locked(self) -> bool:
        current = self._read_version()
        if current is None or current == self._version:
            return False
        # An embedded client does not see other processes' writes: a fresh one does. A StoreError
        # (re-indexed with another model: the old collection is gone) goes to the caller, every
        # time until it is fixed; the old snapshot could no longer search.
        index = self.index.reopened()
        old = {s: r.sha256 for s, r in self.snapshot.catalog.reports.items()}
        new = {h.source: h.sha256 for h in index.headers()}
        changed = {s for s in old.keys() | new.keys() if old.get(s) != new.get(s)}
        self.index = index
        self.refresh(changed)
        self._version = current
        log.info("index changed by another process: %d reports read again", len(changed))
        return True

    def _holding(self, on_wait):
        return self.write_lock.hold(on_wait=on_wait) if self.write_lock else nullcontext()

    def _after_write(self, changed: set[str]) -> None:
        if changed:
            self.refresh(changed)
        self._version = self._read_version()
        if changed and self.snapshot_cache and self.write_lock is not None:
            # Still holding the store's write lock, synced before the write: this version is
            # this snapshot's, so the next start opens from the cache instead of reading Chroma.
            snap = self.snapshot
            self.snapshot_cache.save(self.index, self._version, Cached(snap.catalog, snap.lexical))

    # -- writes --------------------------------------------------------------------------
    def ingestor(self) -> Ingestor:
        return Ingestor(self.index, self.files, parse_timeout_s=self.parse_timeout_s, ocr=self.ocr)

    def add_files(self, items: list[tuple[str, bytes]], progress=None, on_page=None,
                  on_wait=None) -> list[FileResult]:
        """Ingest (name, content) pairs; the new reports are searchable when this returns.
        ``progress(files done, files, name)`` after each file, ``on_page(name, done, total)`` as
        its pages are read (scanned pages take seconds each), ``on_wait()`` when another process
        holds the write lock. Raises ``StoreBusy`` when it holds it past the timeout."""
        with self._write_lock, self._holding(on_wait):
            self._sync_locked()  # write through a client that sees the other processes' writes
            done = iter(range(1, len(items) + 1))
            results = self.ingestor().ingest_many(
                items, progress=(lambda name: progress(next(done), len(items), name)) if progress else None,
                on_page=on_page)
            self._after_write({r.source for r in results if r.action in ("added", "replaced")})
            return results

    def remove(self, source: str, on_wait=None) -> bool:
        with self._write_lock, self._holding(on_wait):
            self._sync_locked()
            removed = self.ingestor().remove(source)
            self._after_write({source} if removed else set())
            return removed

    # -- reads ---------------------------------------------------------------------------
    def ask(self, question: str, *, filters: Filters = Filters(), k: int | None = None, history=(),
            on_text: Callable[[str], None] | None = None) -> Answer:
        """``history``: the previous answers' JSON objects, oldest first (a follow-up is read against
        the focus of the newest); ``on_text``: called with a model's answer as it is written (never for
        exact or extractive answers). The path a question takes is ``answering.AnswerPath.answer``."""
        start = time.perf_counter()
        refusal = guards.too_long(question, self.max_question_chars, self.prompts)
        if refusal is not None:  # before anything else: no retrieval, no model
            return Answer(question, refusal, True, (), (time.perf_counter() - start) * 1000,
                          detect_language(question[:guards.LANGUAGE_SAMPLE]), "too_long", False)
        self.sync()
        return self.path.answer(question, self.snapshot, filters=filters, k=k, history=history, on_text=on_text,
                                start=start)

    @property
    def prompts(self) -> Prompts:
        return self._prompts

    @prompts.setter
    def prompts(self, prompts: Prompts) -> None:  # the answer path phrases with the same book
        self._prompts = prompts
        if hasattr(self, "path"):
            self.path.prompts = prompts

    # -- for the app -----------------------------------------------------------------------
    def facets(self) -> dict[str, list]:
        return self.snapshot.catalog.facets()

    def reports(self):
        self.sync()
        return sorted(self.snapshot.catalog.reports.values(), key=lambda r: r.program)

    def source_file(self, sha256: str) -> Path | None:
        return self.files.path(sha256)
