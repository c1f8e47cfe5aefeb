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
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from langchain_core.language_models import BaseChatModel

from ingest.chunking import short_program
from ingest.ocr.options import OcrOptions
from ingest.pipeline import FileResult, Ingestor
from vectorstore.embeddings import Embedder
from vectorstore.errors import StoreError
from vectorstore.files import SourceFiles
from vectorstore.lock import WriteLock
from vectorstore.store import ReportIndex
from . import guards, structured
from .catalog import Catalog
from .chain import Context, build_chain, finalize
from .extractive import Draft
from .lexical import BM25Index, analyze
from .prompts import Prompts
from .query_filters import GENERIC_NAME_WORDS, detect_language
from .snapshot_cache import Cached, SnapshotCache, paused_gc, read_raw
from .retrieval import HybridRetriever, RetrievalConfig, build_lexical, refers
from .types import Answer, Filters, ScoredRow
from .understanding import Understander, Understood

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Relevance:
    """A question is answered only when its best row holds enough of the question's terms
    (idf-weighted, so the rare, specific words count most), or is very close in meaning and
    still holds some of them. The dense side alone never suffices: measured here, English
    MiniLM puts out-of-scope Spanish questions as close to some row (0.63) as real ones."""
    min_coverage: float = 0.5
    min_similarity: float = 0.75

    def ok(self, best: ScoredRow) -> bool:
        if best.lexical_coverage >= self.min_coverage:
            return True
        return best.dense_similarity >= self.min_similarity and best.lexical_coverage >= self.min_coverage / 2


_GENERIC_NAME_TERMS = frozenset(analyze(GENERIC_NAME_WORDS))


def used_in_reports(lexical: BM25Index, name: str) -> bool:
    """A name that is not an indexed program but whose distinctive words one row holds together is
    a topic of the reports (a component or a former program: «Programa de Asociatividad» inside
    Redes Pro Rubro), to be searched, not refused as a program the index lacks."""
    terms = [t for t in lexical.query_terms(name) if t not in _GENERIC_NAME_TERMS]
    if not terms or len(lexical.known_terms(" ".join(terms))) < len(terms):
        return False
    return any(len(lexical.matched_terms(" ".join(terms), doc)) == len(terms)
               for doc, _ in lexical.search(" ".join(terms), k=5))


@dataclass(frozen=True)
class Snapshot:
    catalog: Catalog
    lexical: BM25Index
    retriever: HybridRetriever
    understand: Understander


class Assistant:
    def __init__(self, index: ReportIndex, embedder: Embedder, files: SourceFiles, *, prompts: Prompts,
                 llm: BaseChatModel | None = None, k: int = 5, retrieval: RetrievalConfig = RetrievalConfig(),
                 relevance: Relevance = Relevance(), max_question_chars: int = 4000,
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
                return self._snapshot(Catalog.load(cached.raw), cached.lexical)
            raw = read_raw(self.index)
            catalog = Catalog.load(raw)
            lexical = build_lexical(catalog)
        if self.snapshot_cache and self._read_version() == version:  # no write slipped in
            self.snapshot_cache.save(self.index, version, Cached(raw, lexical))
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
        new = {m["source"]: m["sha256"] for m in index.headers()}
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

    # -- writes --------------------------------------------------------------------------
    def ingestor(self) -> Ingestor:
        return Ingestor(self.index, self.files, max_tokens=self.embedder.max_tokens,
                        count_tokens=self.embedder.count_tokens, parse_timeout_s=self.parse_timeout_s, ocr=self.ocr)

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
    def ask(self, question: str, *, filters: Filters = Filters(), k: int | None = None,
            on_text: Callable[[str], None] | None = None) -> Answer:
        """``on_text``: called with a model's answer as it is written (never for exact or extractive answers)."""
        start = time.perf_counter()
        refusal = guards.too_long(question, self.max_question_chars, self.prompts)
        if refusal is not None:  # before anything else: no retrieval, no model
            return Answer(question, refusal, True, (), (time.perf_counter() - start) * 1000,
                          detect_language(question[:guards.LANGUAGE_SAMPLE]), "too_long", False)
        self.sync()
        snap = self.snapshot
        chain = build_chain(lambda q: self.prepare(snap, q), prompts=self.prompts,
                            idf=snap.lexical.idf, llm=self.llm, on_text=on_text)
        ctx, draft = chain.invoke({"question": question, "filters": filters, "k": k or self.k})
        return finalize(question, draft, language=ctx.language, prompts=self.prompts,
                        elapsed_ms=(time.perf_counter() - start) * 1000)

    def prepare(self, snap: Snapshot, query: dict) -> Context:
        question, filters, k = query["question"].strip(), query["filters"], query["k"]
        reports = structured.reports_searched(snap.catalog)
        if not snap.catalog.reports:
            und = snap.understand(question, filters)
            text = self.prompts.phrase(und.intent.language, "empty_index")
            return Context(question, und.intent.language, reports, und, draft=Draft(text, [], refused=True))
        und = snap.understand(question, filters)
        ctx = Context(question, und.intent.language, reports, und)
        if und.unknown_program and not used_in_reports(snap.lexical, und.unknown_program):
            ctx.draft = self.unknown_program(snap, und, reports)
            return ctx
        exact = self.exact(snap, und)
        if exact is not None:
            ctx.draft = exact
            return ctx
        candidates = self.search(snap, question, und, k)
        if not candidates or not (self.relevance.ok(candidates[0]) or named(und, candidates[0])):
            text = self.prompts.phrase(ctx.language, "refusal", reports=reports)
            ctx.draft = Draft(text, [], refused=True)
            return ctx
        ctx.candidates = tuple(candidates)
        return ctx

    def unknown_program(self, snap: Snapshot, und: Understood, reports: str) -> Draft:
        """A question about a program the index does not hold is refused, never answered over all programs."""
        suggestions = ", ".join(f"«{short_program(p)}»" for p in snap.understand.closest_programs(und.unknown_program))
        text = self.prompts.phrase(und.intent.language, "unknown_program", name=und.unknown_program,
                                   reports=reports, suggestions=suggestions)
        return Draft(text, [], refused=True)

    def search(self, snap: Snapshot, question: str, und: Understood, k: int) -> list[ScoredRow]:
        """Retrieve with the understood filters; fall back to the explicit ones alone."""
        options = {"k": k, "lexical_query": und.lexical_query, "status_hint": und.status_hint,
                   "row_ref": und.row_ref}
        found = snap.retriever.retrieve(question, filters=und.filters, **options)
        if und.filters != und.explicit and (not found or not self.relevance.ok(found[0])):
            found = snap.retriever.retrieve(question, filters=und.explicit, **options)
        return found

    def exact(self, snap: Snapshot, und: Understood) -> Draft | None:
        """Structured questions are answered from the data, not by similarity."""
        intent, filters, lang = und.intent, und.filters, und.intent.language
        if intent.kind in ("list", "count") and intent.subject != "programs":
            return structured.list_rows(snap.catalog, filters, count_only=intent.kind == "count",
                                        language=lang, prompts=self.prompts)
        if intent.kind == "programs" or intent.subject == "programs":
            ministry = filters.ministry or next((r.ministry for r in snap.catalog.reports.values()
                                                if r.program == filters.program), None)
            if ministry:
                return structured.programs_of(snap.catalog, ministry, language=lang, prompts=self.prompts)
            return None
        if intent.kind == "header" and intent.header_field:
            info = self.report_for(snap, und)
            if info is not None:
                return structured.header_fact(info, intent.header_field, language=lang, prompts=self.prompts)
        return None

    def report_for(self, snap: Snapshot, und: Understood):
        """The report a header question is about: named, the only one, or the best match."""
        reports = snap.catalog.reports
        if und.filters.program:
            return next((r for r in reports.values() if r.program == und.filters.program), None)
        if len(reports) == 1:
            return next(iter(reports.values()))
        found = snap.retriever.retrieve(und.lexical_query, k=1, filters=und.explicit)
        if found and self.relevance.ok(found[0]):
            return reports.get(found[0].row.meta["source"])
        return None

    # -- for the app -----------------------------------------------------------------------
    def facets(self) -> dict[str, list]:
        return self.snapshot.catalog.facets()

    def reports(self):
        self.sync()
        return sorted(self.snapshot.catalog.reports.values(), key=lambda r: r.program)

    def source_file(self, sha256: str) -> Path | None:
        return self.files.path(sha256)


def named(und: Understood, best: ScoredRow) -> bool:
    """The question names this very row: its program and its recommendation/commitment numbers."""
    return bool(und.filters.program) and any(und.row_ref) and refers(best.row, und.row_ref)
