"""The report index in Chroma, stamped and crash-safe.

Write protocol, so that a reader never sees a mix of old and new rows:
1. the new version's row chunks are added under ids that contain the file's sha256;
2. the report's header record (id ``report:<source>``, metadata ``sha256``) is upserted: this
   single write is the commit point;
3. the previous version's rows are deleted.
Readers only see row chunks whose sha256 is the one in their report's header record, so rows
left by an interrupted ingest are invisible, and ``collect_garbage()`` deletes them.
"""
from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, replace
from typing import Iterator

import chromadb
from chromadb.errors import NotFoundError

from ingest.rows import Chunk, StoredRow, header_id
from . import rebuild, version
from .client import collection_names, fresh_client
from .embeddings import Embedder
from .errors import StoreError, StoreMissing, StoreReadOnly

log = logging.getLogger(__name__)

STAMP_KEY = "assistant_stamp"
BATCH = 5000  # under Chroma's limit of 5,461 records per call


class StampMismatch(StoreError):
    """The collection was built with another model, chunking or parser."""


# Stamps written before the chunk size was stamped were built with the default 256 tokens.
LEGACY_MAX_TOKENS = 256


@dataclass(frozen=True)
class Stamp:
    """What the vectors depend on, built by the caller (``assistant.library.index_stamp``): the
    model (by name, by content and by dimension), the chunking and parser versions and the chunk
    size in tokens (``max_tokens`` changes the chunks). ``dimension`` follows from the content;
    0 means not yet known."""
    embedding_model: str
    chunking: str
    parser: str
    max_tokens: int
    fingerprint: str = ""
    dimension: int = 0

    def to_json(self) -> str:
        return json.dumps({"embedding_model": self.embedding_model, "fingerprint": self.fingerprint,
                           "dimension": self.dimension, "chunking": self.chunking, "parser": self.parser,
                           "max_tokens": self.max_tokens}, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> "Stamp":
        data = json.loads(raw)  # older stamps have no fingerprint, or no max_tokens
        return cls(data["embedding_model"], data["chunking"], data["parser"],
                   int(data.get("max_tokens", LEGACY_MAX_TOKENS)), data.get("fingerprint", ""),
                   int(data.get("dimension", 0)))

    def key(self) -> tuple[str, str, str, str, int]:
        return self.embedding_model, self.fingerprint, self.chunking, self.parser, self.max_tokens

    def describe(self) -> str:
        model = f"modelo «{self.embedding_model}»"
        if self.fingerprint:
            dims = f", {self.dimension} dimensiones" if self.dimension else ""
            model += f" (huella {self.fingerprint[:8]}{dims})"
        else:
            model += " (sin huella de contenido: índice anterior al sello por contenido)"
        return f"{model}, chunking {self.chunking} de {self.max_tokens} tokens, parser {self.parser}"


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    metadata: dict
    distance: float

    @property
    def row_id(self) -> str:
        return self.metadata["row_id"]


def stored_headers(client: chromadb.ClientAPI, collection: str) -> list[StoredRow] | None:
    """The report headers of a collection read without the stamp check (a re-index reads the
    index it replaces, built with another configuration); None when there is no such collection."""
    if collection not in collection_names(client):
        return None
    got = client.get_collection(collection, embedding_function=None).get(where={"kind": "header"},
                                                                          include=["metadatas"])
    return [StoredRow.from_chroma(meta) for meta in got["metadatas"] or []]


class ReportIndex:
    def __init__(self, client: chromadb.ClientAPI, embedder: Embedder, *, stamp: Stamp, collection: str = "informes",
                 where_label: str = "", ef_construction: int = 100, ef_search: int = 128,
                 max_neighbors: int = 16, create: bool = True, read_only: bool = False,
                 recover: bool = True) -> None:
        """``recover=False`` (a reader reopening the index) never completes another process's
        interrupted re-index: that is a write, left to the writers, who hold the lock. ``stamp``
        says what the index's vectors must have been built with; another stamp is refused."""
        self.client = client
        self.read_only = read_only
        self.embedder = embedder
        self.collection_name = collection
        self._wanted = stamp
        self.stamp = stamp
        self._where = where_label or collection
        self._hnsw = {"space": "cosine", "ef_construction": ef_construction, "ef_search": ef_search,
                      "max_neighbors": max_neighbors}
        self._recover = recover and not read_only
        self.collection = self._open_collection(create=create and not read_only)
        self._active: dict[str, str] | None = None
        self._generation = 0  # bumped by every write, so a read begun before it is not cached after it
        self._cache_lock = threading.Lock()

    # -- collection and stamp -------------------------------------------------------------
    def _open_collection(self, *, create: bool):
        if self._recover:
            rebuild.recover(self.client, self.collection_name)
        if self.collection_name not in collection_names(self.client):
            if not create:
                raise StoreMissing(f"no hay un índice en {self._where} (la colección «{self.collection_name}» "
                                   f"no existe); nada fue creado. Para crearlo, indexe informes con "
                                   f"`python -m ingest`")
            self.stamp = replace(self.stamp, dimension=self.embedder.dimension())
            return self.client.create_collection(
                self.collection_name, metadata={STAMP_KEY: self.stamp.to_json()},
                configuration={"hnsw": self._hnsw}, embedding_function=None)
        collection = self.client.get_collection(self.collection_name, embedding_function=None)
        raw = (collection.metadata or {}).get(STAMP_KEY)
        found = Stamp.from_json(raw) if raw else None
        if found is None or found.key() != self.stamp.key():
            raise StampMismatch(self._mismatch(found))
        self.stamp = found
        return collection

    def _mismatch(self, found: Stamp | None) -> str:
        try:  # the dimension is worth showing (it needs the model loaded)
            current = replace(self.stamp, dimension=self.embedder.dimension())
        except Exception:  # an unloadable model: the message still stands without it
            log.warning("could not load the embedding model to describe it", exc_info=True)
            current = self.stamp
        return (f"El índice en {self._where} fue creado con "
                f"{found.describe() if found else 'otra versión (sin sello)'}, pero la configuración "
                f"actual usa {current.describe()}. Re-indexe con `python -m ingest --store <carpeta> "
                f"--reindex` (vuelve a leer las copias guardadas de los informes con la configuración "
                f"actual) o use la configuración con que se creó el índice. / The index was built with "
                f"another embedding model or configuration: run `python -m ingest --reindex`.")

    # -- content version (other processes' writes) -----------------------------------------
    def version(self) -> version.Version | None:
        """The index's current content version, read fresh from the collection's metadata
        (about 0.2 ms embedded); None while a re-index switches collections (none by that name)."""
        try:
            return version.read(self.client, self.collection_name)
        except NotFoundError:
            return None

    def reopened(self) -> "ReportIndex":
        """The same index on a fresh client, which sees other processes' writes (an embedded
        client keeps its vector index in memory and never sees them)."""
        hnsw = self._hnsw
        return ReportIndex(fresh_client(self.client), self.embedder, stamp=self._wanted, collection=self.collection_name,
                           where_label=self._where, ef_construction=hnsw["ef_construction"],
                           ef_search=hnsw["ef_search"], max_neighbors=hnsw["max_neighbors"], create=False,
                           read_only=self.read_only, recover=False)

    def _bump(self) -> None:
        version.bump(self.collection)

    # -- reports (header records) ---------------------------------------------------------
    def headers(self) -> list[StoredRow]:
        got = self.collection.get(where={"kind": "header"}, include=["metadatas"])
        return [StoredRow.from_chroma(meta) for meta in got["metadatas"] or []]

    def header(self, source: str) -> StoredRow | None:
        got = self.collection.get(ids=[header_id(source)], include=["metadatas"])
        return StoredRow.from_chroma(got["metadatas"][0]) if got["ids"] else None

    def source_of_sha(self, sha256: str) -> str | None:
        got = self.collection.get(where={"$and": [{"kind": "header"}, {"sha256": sha256}]},
                                  include=["metadatas"])
        return got["metadatas"][0]["source"] if got["ids"] else None

    def active(self) -> dict[str, str]:
        """source -> sha256 of the committed version of each report (cached until a write)."""
        cached = self._active
        if cached is not None:
            return cached
        generation = self._generation
        fresh = {h.source: h.sha256 for h in self.headers()}
        with self._cache_lock:  # a reader that read the headers before a commit must not cache them
            if generation == self._generation:
                self._active = fresh
        return fresh

    def _forget_active(self) -> None:
        with self._cache_lock:
            self._generation += 1
            self._active = None

    def is_active(self, metadata: dict, active: dict[str, str] | None = None) -> bool:
        """Whether the chunk belongs to its report's committed version. A reader passes one
        ``active()`` snapshot for a whole read, so that a commit in between cannot mix versions."""
        active = self.active() if active is None else active
        return active.get(metadata.get("source")) == metadata.get("sha256")

    # -- writes ----------------------------------------------------------------------------
    def check_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(self.read_only_message())

    def read_only_message(self) -> str:
        return (f"el índice en {self._where} es de solo lectura (sin permiso de escritura); se puede consultar "
                f"y listar, pero no agregar, quitar ni re-indexar informes")

    def _add(self, chunks: list[Chunk]) -> None:
        """Upsert chunks with their vectors (the embedder's cache holds those embedded ahead)."""
        for start in range(0, len(chunks), BATCH):
            batch = chunks[start:start + BATCH]
            self.collection.upsert(ids=[c.id for c in batch], documents=[c.text for c in batch],
                                   metadatas=[c.metadata for c in batch],
                                   embeddings=self.embedder.embed([c.text for c in batch]))

    def write_report(self, header: Chunk, rows: list[Chunk]) -> None:
        self.write_reports([(header, rows)])

    def write_reports(self, reports: list[tuple[Chunk, list[Chunk]]]) -> None:
        """Write several reports in three steps: add every report's rows, commit them all through
        their header records (one write), then delete their previous versions. Chroma's cost is
        mostly per call (about 40 ms embedded), so a group of files shares the calls. A crash
        before the header write leaves only invisible rows (collected later); the header write
        is one call."""
        if not reports:
            return
        self.check_writable()
        self._forget_active()
        self._add([row for _, rows in reports for row in rows])
        self._add([header for header, _ in reports])  # commit
        self._forget_active()
        sources = sorted({header.row.source for header, _ in reports})
        shas = sorted({header.row.sha256 for header, _ in reports})
        # Each report's new sha256 is its own (a file with another's content is a duplicate), so
        # a chunk of these reports with none of their new sha256s is a previous version.
        self._delete_where({"$and": [{"source": {"$in": sources}}, {"sha256": {"$nin": shas}}]})
        self._bump()

    def remove(self, source: str) -> bool:
        self.check_writable()
        meta = self.header(source)
        if meta is None:
            return False
        self.collection.delete(ids=[header_id(source)])  # the report disappears at once
        self._forget_active()
        self._delete_where({"source": source})
        self._bump()
        return True

    def _delete_where(self, where: dict) -> int:
        total = 0
        while True:
            got = self.collection.get(where=where, include=[], limit=BATCH)
            if not got["ids"]:
                return total
            self.collection.delete(ids=got["ids"])
            total += len(got["ids"])

    def collect_garbage(self) -> int:
        """Delete row chunks that no committed report points to (left by an interrupted ingest)."""
        if self.read_only:
            return 0
        active = self.active()
        orphans = [cid for got in self._pages({"kind": "commitment"}, ["metadatas"])
                   for cid, meta in zip(got["ids"], got["metadatas"])
                   if active.get(meta["source"]) != meta["sha256"]]
        for start in range(0, len(orphans), BATCH):
            self.collection.delete(ids=orphans[start:start + BATCH])
        if orphans:
            log.info("deleted %d orphan chunks", len(orphans))
        return len(orphans)

    # -- reads -----------------------------------------------------------------------------
    def _pages(self, where: dict, include: list[str]) -> Iterator[dict]:
        offset = 0
        while True:
            got = self.collection.get(where=where, include=include, limit=BATCH, offset=offset)
            if not got["ids"]:
                return
            yield got
            offset += len(got["ids"])

    def rows(self, sources: set[str] | None = None) -> Iterator[StoredRow]:
        """Every active commitment row (read from its first chunk, which carries the full
        record), optionally only of the given reports."""
        return (StoredRow.from_chroma(meta) for meta in self.raw_rows(sources))

    def raw_rows(self, sources: set[str] | None = None) -> Iterator[dict]:
        """``rows`` as Chroma returns them (metadata dicts), for the snapshot cache."""
        where: dict = {"$and": [{"kind": "commitment"}, {"part": 0}]}
        if sources is not None:
            where["$and"].append({"source": {"$in": sorted(sources)}})
        active = self.active()
        for got in self._pages(where, ["metadatas"]):
            yield from (meta for meta in got["metadatas"] if self.is_active(meta, active))

    def header_records(self, sources: set[str] | None = None) -> list[tuple[StoredRow, str]]:
        """(record, text) of every report header, optionally only of the given reports."""
        return [(StoredRow.from_chroma(meta), text) for meta, text in self.raw_header_records(sources)]

    def raw_header_records(self, sources: set[str] | None = None) -> list[tuple[dict, str]]:
        """``header_records`` as Chroma returns them (metadata dicts), for the snapshot cache."""
        where: dict = {"kind": "header"}
        if sources is not None:
            where = {"$and": [where, {"source": {"$in": sorted(sources)}}]}
        got = self.collection.get(where=where, include=["metadatas", "documents"])
        return list(zip(got["metadatas"] or [], got["documents"] or []))

    def query(self, vector: list[float], k: int, where: dict | None = None) -> list[Hit]:
        """Nearest active chunks; over-fetches so that hidden (inactive) chunks don't shrink k."""
        fetch = k + 16
        active = self.active()
        got = self.collection.query(query_embeddings=[vector], n_results=fetch, where=where,
                                    include=["documents", "metadatas", "distances"])
        hits = [Hit(cid, text, meta, float(distance))
                for cid, text, meta, distance in zip(got["ids"][0], got["documents"][0], got["metadatas"][0],
                                                     got["distances"][0])
                if self.is_active(meta, active)]
        return hits[:k]

    def nearest(self, vector: list[float], n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) of the ``n`` nearest chunks (matching ``where``), nearest
        first: ids and distances only (no documents or metadata read back), which the caller
        checks against its own list of active rows (``Catalog.row_of_chunk``)."""
        got = self.collection.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
        return list(zip(got["ids"][0], (float(d) for d in got["distances"][0])))

    def vectors_of(self, ids: list[str]) -> dict[str, list[float]]:
        """The stored vectors of these chunks (absent ids are left out)."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["embeddings"])
        return dict(zip(got["ids"], got["embeddings"]))

    def count(self) -> int:
        return self.collection.count()
