"""Open the store side from settings: the embedder, the index (stamped) and the stored copies.
An edge module, like ``assistant.factory``: ``python -m ingest`` uses it without loading the
answering side."""
from __future__ import annotations

from pathlib import Path

from vectorstore import factory as store_factory
from vectorstore.embeddings import Embedder
from vectorstore.files import SourceFiles
from vectorstore.store import ReportIndex
from .library import index_stamp
from .settings import Settings


def onnx_cache_dir(settings: Settings) -> Path:
    """Where the ONNX exports live: a local folder (``settings.model_cache``), even in server mode."""
    return settings.model_cache


def build_embedder(settings: Settings, *, export_missing: bool = True) -> Embedder:
    """The configured embedder (see ``vectorstore.factory.make_configured_embedder``)."""
    return store_factory.make_configured_embedder(
        settings.embedding_model, backend=settings.embedding_backend, batch_size=settings.embedding_batch_size,
        max_tokens=settings.embedding_max_tokens, threads=settings.embedding_threads,
        onnx_cache=onnx_cache_dir(settings), export_missing=export_missing)


def open_index(settings: Settings, embedder: Embedder, *, create: bool = True) -> ReportIndex:
    """The configured index, stamped for this embedder (see ``vectorstore.factory.open_report_index``)."""
    return store_factory.open_report_index(
        embedder, index_stamp(embedder), store=settings.store, host=settings.chroma_host, port=settings.chroma_port,
        collection=settings.collection, ef_construction=settings.hnsw_ef_construction,
        ef_search=settings.hnsw_ef_search, max_neighbors=settings.hnsw_m, create=create)


def source_files(settings: Settings) -> SourceFiles:
    return store_factory.source_files(settings.store)
