"""Build the Chroma client: embedded (PersistentClient) or a Chroma server over HTTP.

An embedded store whose folder is not writable is opened read-only: Chroma cannot open a
read-only SQLite file, so a private temporary copy is opened instead (removed at exit) and the
index refuses writes (``StoreReadOnly``).
"""
from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from .errors import StoreMissing, StoreUnusable

log = logging.getLogger(__name__)

DB_FILE = "chroma.sqlite3"


@dataclass(frozen=True)
class OpenedClient:
    client: chromadb.ClientAPI
    read_only: bool = False


def _settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def make_client(*, store: Path, host: str | None = None, port: int = 8000) -> chromadb.ClientAPI:
    """A client that may create the store (the historical entry point)."""
    return open_client(store=store, host=host, port=port).client


def open_client(*, store: Path, host: str | None = None, port: int = 8000, create: bool = True) -> OpenedClient:
    """Open the store. ``create=False`` never creates anything: a store that does not exist
    raises ``StoreMissing``. A path that is a file raises ``StoreUnusable``."""
    if host:
        return OpenedClient(chromadb.HttpClient(host=host, port=port, settings=_settings()))
    store = Path(store)
    path = store / "chroma"
    check_store_path(store)
    if not (path / DB_FILE).is_file():
        if not create:
            raise StoreMissing(missing_message(store))
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnusable(f"no se pudo crear la carpeta del índice «{store}»: {exc.strerror or exc}") from exc
    if not writable(path):
        return OpenedClient(chromadb.PersistentClient(path=str(_private_copy(path)), settings=_settings()),
                            read_only=True)
    return OpenedClient(chromadb.PersistentClient(path=str(path), settings=_settings()))


def check_store_path(store: Path) -> None:
    """A store (or one of its parents) that is a file is refused with a clear message."""
    for part in (store, *store.parents):
        if part.exists():
            if not part.is_dir():
                what = "es un archivo" if part == store else f"está dentro de «{part}», que es un archivo"
                raise StoreUnusable(f"la carpeta del índice «{store}» {what}, no una carpeta; "
                                    f"indique otra con --store (o ASSISTANT_STORE)")
            return


def writable(path: Path) -> bool:
    """The folder and its database file can be written (checked with the caller's rights)."""
    db = path / DB_FILE
    return os.access(path, os.W_OK | os.X_OK) and (not db.exists() or os.access(db, os.W_OK))


def missing_message(store: Path) -> str:
    return (f"no hay un índice en «{store}» (¿está bien escrita la carpeta? --store o ASSISTANT_STORE); "
            f"nada fue creado. Para crearlo, indexe informes: `python -m ingest --store {store} ARCHIVOS`")


def _private_copy(path: Path) -> Path:
    """A temporary copy of a read-only Chroma folder, removed when the process exits."""
    copy = Path(tempfile.mkdtemp(prefix="informes-ro-")) / "chroma"
    log.warning("the store %s is read-only: opening a temporary copy (%s); writes are refused", path, copy)
    shutil.copytree(path, copy)
    for sub in [copy, *copy.rglob("*")]:  # the copy must be writable for Chroma to open it
        sub.chmod(sub.stat().st_mode | 0o600 | (0o100 if sub.is_dir() else 0))
    atexit.register(shutil.rmtree, copy.parent, ignore_errors=True)
    return copy


def fresh_client(client: chromadb.ClientAPI) -> chromadb.ClientAPI:
    """A new client on the same store. Chroma shares one in-memory system per embedded path in a
    process, whose vector index never sees other processes' writes; a fresh one reads them. The
    old client (and the collections a reader still holds) keeps working on its own system."""
    settings = client.get_settings()
    if not settings.is_persistent:
        return client  # a server client always sees the server's current state
    key = SharedSystemClient._get_identifier_from_settings(settings)
    SharedSystemClient._identifier_to_system.pop(key, None)
    SharedSystemClient._identifier_to_refcount.pop(key, None)
    return chromadb.PersistentClient(path=settings.persist_directory, settings=_settings())


def collection_names(client: chromadb.ClientAPI) -> set[str]:
    """Names of the client's collections (Chroma returns names or collection objects by version)."""
    return {c if isinstance(c, str) else c.name for c in client.list_collections()}
