"""Build the embedder and the index from settings (used only at the edges)."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from assistant.settings import Settings
from .client import open_client
from .embeddings import CachedEmbedder, Embedder, make_embedder, resolve_model_path, stamp_name
from .files import SourceFiles
from .store import ReportIndex

log = logging.getLogger(__name__)


def onnx_cache_dir(settings: Settings) -> Path:
    """Where the ONNX exports live: a local folder beside the store, even in server mode."""
    return settings.store / "models"


def embedder_name(model: str, backend: str) -> str:
    """The name recorded in the collection's stamp. torch and fp32 ONNX share it: the same model
    content gives the same vectors on both (within 3e-7, held by tests/test_onnx_embedder.py), so
    an index built with one is answered with the other. int8 vectors differ (min cosine ~0.97):
    another name, hence another index."""
    name = stamp_name(model)
    return f"{name}+onnx-int8" if backend == "onnx-int8" else name


def build_embedder(settings: Settings, *, export_missing: bool = True) -> Embedder:
    """The configured embedder. With an ONNX backend the first use exports the model (importing
    torch once); ``export_missing=False`` (the one-shot ``ask``) never exports an fp32 model but
    falls back to torch, which gives the same vectors, when there is no export yet."""
    backend, model = settings.embedding_backend, settings.embedding_model
    if backend == "torch" or model.startswith("fake"):
        return make_embedder(model, batch_size=settings.embedding_batch_size,
                             max_tokens=settings.embedding_max_tokens)
    from .onnx_embedder import OnnxEmbedder

    model_path, cache_dir = Path(resolve_model_path(model)), onnx_cache_dir(settings)
    reason = _no_onnx(model_path, cache_dir, must_exist=not export_missing and backend == "onnx")
    if reason:
        log.warning("embedding with torch instead of ONNX: %s", reason)
        return make_embedder(model, batch_size=settings.embedding_batch_size,
                             max_tokens=settings.embedding_max_tokens)
    return CachedEmbedder(OnnxEmbedder(model_path, cache_dir=cache_dir, name=embedder_name(model, backend),
                                       batch_size=settings.embedding_batch_size,
                                       max_tokens=settings.embedding_max_tokens, threads=settings.embedding_threads,
                                       quantized=backend == "onnx-int8"))


def _no_onnx(model_path: Path, cache_dir: Path, *, must_exist: bool) -> str:
    """Why ONNX cannot be used for this fp32 model here ("" when it can)."""
    if not model_path.is_dir():
        return f"the model {model_path} is not a local folder, so it cannot be exported"
    from .onnx_export import find_export

    try:
        if find_export(model_path, cache_dir) is not None:
            return ""
    except OSError as exc:
        return f"the ONNX cache {cache_dir} is not readable ({exc})"
    if must_exist:
        return f"no ONNX export in {cache_dir} yet (python -m ingest or the app make it)"
    writable = next((p for p in (cache_dir, *cache_dir.parents) if p.exists()), None)
    if writable is None or not os.access(writable, os.W_OK):
        return f"no ONNX export in {cache_dir} and the folder cannot be written"
    return ""


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
