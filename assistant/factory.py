"""Build the assistant from settings: an edge, like app.py and the CLIs, which call it. With
``assistant.stores`` the only modules besides them that read ``Settings``: the objects they build
get its sections (``settings.retrieval``...) and plain values."""
from __future__ import annotations

from vectorstore.lock import WriteLock
from .llm import build_llm
from .prompts import Prompts
from .service import Assistant
from .snapshot_cache import SnapshotCache
from .settings import Settings
from .stores import build_embedder, open_index, source_files


def build_assistant(settings: Settings, *, embedder=None, llm=None, create: bool = True,
                    export_missing: bool = True) -> Assistant:
    """``create=False`` (asking from the command line) never creates a store: a missing one raises
    ``vectorstore.errors.StoreMissing``. ``export_missing=False`` (the one-shot question) never
    exports an ONNX model on the query path (see ``build_embedder``)."""
    embedder = embedder or build_embedder(settings, export_missing=export_missing)
    index = open_index(settings, embedder, create=create)
    return Assistant(
        index, embedder, source_files(settings), prompts=Prompts(), llm=llm or build_llm(settings.llm), k=settings.k,
        retrieval=settings.retrieval, relevance=settings.relevance,
        max_question_chars=settings.max_question_chars, parse_timeout_s=settings.parse_timeout_s,
        ocr=settings.ocr, write_lock=WriteLock(settings.store, settings.lock_timeout_s),
        snapshot_cache=SnapshotCache(settings.store / "snapshots"))
