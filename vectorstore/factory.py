"""Build the embedder and the index from settings (used only at the edges)."""
from __future__ import annotations

from assistant.settings import Settings
from .client import open_client
from .embeddings import Embedder, make_embedder
from .files import SourceFiles
from .store import ReportIndex


def build_embedder(settings: Settings) -> Embedder:
    return make_embedder(settings.embedding_model, batch_size=settings.embedding_batch_size,
                         max_tokens=settings.embedding_max_tokens)


def open_index(settings: Settings, embedder: Embedder, *, create: bool = True) -> ReportIndex:
    """Open (or create) the index. ``create=False`` (listing, asking, removing) never creates
    anything and raises ``StoreMissing`` when there is no index. Raises ``StoreUnusable`` for a
    store path that is a file; a store folder that is not writable opens read-only
    (``index.read_only``; writes raise ``StoreReadOnly``). All are ``StoreError``s with a
    message for users, as is ``StampMismatch``."""
    opened = open_client(store=settings.store, host=settings.chroma_host, port=settings.chroma_port,
                         create=create)
    where = (f"el servidor Chroma {settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host
             else str(settings.store))
    return ReportIndex(opened.client, embedder, collection=settings.collection, where_label=where,
                       ef_construction=settings.hnsw_ef_construction, ef_search=settings.hnsw_ef_search,
                       max_neighbors=settings.hnsw_m, create=create, read_only=opened.read_only)


def source_files(settings: Settings) -> SourceFiles:
    return SourceFiles(settings.store / "sources")
