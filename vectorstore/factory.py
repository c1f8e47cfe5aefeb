"""Build the embedder and the index from settings (used only at the edges)."""
from __future__ import annotations

from assistant.settings import Settings
from .client import make_client
from .embeddings import Embedder, make_embedder
from .files import SourceFiles
from .store import ReportIndex


def build_embedder(settings: Settings) -> Embedder:
    return make_embedder(settings.embedding_model, batch_size=settings.embedding_batch_size,
                         max_tokens=settings.embedding_max_tokens)


def open_index(settings: Settings, embedder: Embedder) -> ReportIndex:
    client = make_client(store=settings.store, host=settings.chroma_host, port=settings.chroma_port)
    where = (f"el servidor Chroma {settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host
             else str(settings.store))
    return ReportIndex(client, embedder, collection=settings.collection, where_label=where,
                       ef_construction=settings.hnsw_ef_construction, ef_search=settings.hnsw_ef_search,
                       max_neighbors=settings.hnsw_m)


def source_files(settings: Settings) -> SourceFiles:
    return SourceFiles(settings.store / "sources")
