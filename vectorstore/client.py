"""Build the Chroma client: embedded (PersistentClient) or a Chroma server over HTTP."""
from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings


def make_client(*, store: Path, host: str | None = None, port: int = 8000) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
    path = Path(store) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def collection_names(client: chromadb.ClientAPI) -> set[str]:
    """Names of the client's collections (Chroma returns names or collection objects by version)."""
    return {c if isinstance(c, str) else c.name for c in client.list_collections()}
