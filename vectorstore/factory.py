"""Build the embedder and the index from plain parameters (the edges read them from Settings:
``assistant.factory``)."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from .client import open_client
from .embeddings import CachedEmbedder, Embedder, make_embedder, resolve_model_path, stamp_name
from .files import SourceFiles
from .store import ReportIndex, Stamp

log = logging.getLogger(__name__)


def embedder_name(model: str, backend: str) -> str:
    """The name recorded in the collection's stamp. torch and fp32 ONNX share it: the same model
    content gives the same vectors on both (within 3e-7, held by tests/test_onnx_embedder.py), so
    an index built with one is answered with the other. int8 vectors differ (min cosine ~0.97):
    another name, hence another index."""
    name = stamp_name(model)
    return f"{name}+onnx-int8" if backend == "onnx-int8" else name


def make_configured_embedder(model: str, *, backend: str, batch_size: int, max_tokens: int, threads: int | None,
                             onnx_cache: Path, export_missing: bool = True) -> Embedder:
    """The embedder for this model and backend. With an ONNX backend the first use exports the
    model (importing torch once); ``export_missing=False`` (the one-shot ``ask``) never exports an
    fp32 model but falls back to torch, which gives the same vectors, when there is no export yet."""
    if backend == "torch" or model.startswith("fake"):
        return make_embedder(model, batch_size=batch_size, max_tokens=max_tokens)
    from .onnx_embedder import OnnxEmbedder

    model_path = Path(resolve_model_path(model))
    reason = _no_onnx(model_path, onnx_cache, must_exist=not export_missing and backend == "onnx")
    if reason:
        log.warning("embedding with torch instead of ONNX: %s", reason)
        return make_embedder(model, batch_size=batch_size, max_tokens=max_tokens)
    return CachedEmbedder(OnnxEmbedder(model_path, cache_dir=onnx_cache, name=embedder_name(model, backend),
                                       batch_size=batch_size, max_tokens=max_tokens, threads=threads,
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
        return f"no ONNX export in {cache_dir} yet (python -m ingest --prepare-model, make install, python -m ingest and the app make it)"
    writable = next((p for p in (cache_dir, *cache_dir.parents) if p.exists()), None)
    if writable is None or not os.access(writable, os.W_OK):
        return f"no ONNX export in {cache_dir} and the folder cannot be written"
    return ""


def open_report_index(embedder: Embedder, stamp: Stamp, *, store: Path, host: str | None, port: int,
                      collection: str, ef_construction: int, ef_search: int, max_neighbors: int,
                      create: bool = True) -> ReportIndex:
    """Open (or create) the index in the store folder, or on the Chroma server at ``host``.
    ``create=False`` (listing, asking, removing) never creates anything and raises
    ``StoreMissing`` when there is no index. Raises ``StoreUnusable`` for a store path that is a
    file; a store folder that is not writable opens read-only (``index.read_only``; writes raise
    ``StoreReadOnly``). All are ``StoreError``s with a message for users, as is ``StampMismatch``."""
    opened = open_client(store=store, host=host, port=port, create=create)
    where = f"el servidor Chroma {host}:{port}" if host else str(store)
    return ReportIndex(opened.client, embedder, stamp=stamp, collection=collection, where_label=where,
                       ef_construction=ef_construction, ef_search=ef_search, max_neighbors=max_neighbors,
                       create=create, read_only=opened.read_only)


def source_files(store: Path) -> SourceFiles:
    """The stored copies of the indexed files."""
    return SourceFiles(store / "sources")
