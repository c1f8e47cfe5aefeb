"""Build the assistant from settings (the CLIs and app.py call this; nothing else reads settings)."""
from __future__ import annotations

from ingest.ocr.options import OcrOptions
from vectorstore.factory import build_embedder, open_index, source_files
from vectorstore.lock import WriteLock
from .llm import build_llm
from .prompts import Prompts
from .retrieval import RetrievalConfig
from .service import Assistant, Relevance
from .snapshot_cache import SnapshotCache
from .settings import Settings


def build_assistant(settings: Settings, *, embedder=None, llm=None, create: bool = True,
                    export_missing: bool = True) -> Assistant:
    """``create=False`` (asking from the command line) never creates a store: a missing one raises
    ``vectorstore.errors.StoreMissing``. ``export_missing=False`` (the one-shot question) never
    exports an ONNX model on the query path (see ``vectorstore.factory.build_embedder``)."""
    embedder = embedder or build_embedder(settings, export_missing=export_missing)
    index = open_index(settings, embedder, create=create)
    return Assistant(
        index, embedder, source_files(settings), prompts=Prompts(), llm=llm or build_llm(settings), k=settings.k,
        retrieval=RetrievalConfig(dense_weight=settings.dense_weight, lexical_weight=settings.lexical_weight,
                                  coverage_weight=settings.coverage_weight),
        relevance=Relevance(settings.min_coverage, settings.min_similarity),
        max_question_chars=settings.max_question_chars, parse_timeout_s=settings.parse_timeout_s,
        ocr=OcrOptions(languages=settings.ocr_languages, dpi=settings.ocr_dpi),
        write_lock=WriteLock(settings.store, settings.lock_timeout_s),
        snapshot_cache=SnapshotCache(settings.store / "snapshots"))
