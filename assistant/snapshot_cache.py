"""What start-up rebuilds, persisted beside the store: the catalog's records (the reports and
rows decoded from Chroma's metadata, as ``Catalog`` holds them) and the lexical (BM25) index
built from them.

A cache file is keyed by the index's content version (collection id and the token every committed
write replaces, ``vectorstore.version``) and by the collection's stamp (model, chunking, parser),
so a write by any process, a re-index or another configuration makes it unusable: it is then
rebuilt from Chroma, never read stale. Rows are saved only when the version read before and
after reading them is the same (no write slipped in between). The key also holds the field
names of the record classes pickled (``schema()``): a file written before a record gained or
lost a field is rebuilt, never read into objects of another shape.

The file is ``MAGIC + sha256(payload) + payload`` (a pickle), written to a temporary file and
renamed into place; a file whose checksum does not match is ignored (and logged), never
unpickled. The folder is local even in server mode (the token comes from the server, so the key
still names the server's content). Opening an index of 10,000 commitments took 0.3-0.4 s from
the cache against about 3.5 s reading Chroma and building BM25 (``benchmarks/bench_open.py``);
saving decoded records rather than Chroma's raw metadata took 0.3 s of decoding off it.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

from ingest.records import Commitment
from ingest.rows import StoredRow
from vectorstore.store import ReportIndex
from vectorstore.version import Version
from .catalog import Catalog, ReportInfo
from .lexical import BM25Index
from .types import Row

log = logging.getLogger(__name__)

FORMAT = 2  # bump when what is saved (or BM25Index.state()) changes shape; 2: decoded records
MAGIC = b"assistant-snapshot\n"
_DIGEST = 32


@dataclass(frozen=True)
class RawRows:
    """The rows of an index as Chroma returned them. Answers the two reads ``Catalog.load``
    makes of a ``ReportIndex``, so a catalog is built from them exactly as from the index."""
    headers: list[tuple[dict, str]]  # (metadata, document) of every report header
    commitments: list[dict]  # metadata of every active commitment row (its first chunk)

    def header_records(self, sources: None = None) -> list[tuple[StoredRow, str]]:
        _everything(sources)
        return [(StoredRow.from_chroma(meta), text) for meta, text in self.headers]

    def rows(self, sources: None = None) -> Iterator[StoredRow]:
        _everything(sources)
        return (StoredRow.from_chroma(meta) for meta in self.commitments)


def _everything(sources) -> None:
    """Read whole (a few reports are read again from the index itself)."""
    if sources is not None:
        raise ValueError("raw rows are read whole, not by source")


def read_raw(index: ReportIndex) -> RawRows:
    """Every header and active commitment row, from Chroma."""
    return RawRows(index.raw_header_records(), list(index.raw_rows()))


@dataclass(frozen=True)
class Cached:
    catalog: Catalog
    lexical: BM25Index


def schema() -> tuple:
    """The field names of every record class a snapshot pickles, in order."""
    return tuple((cls.__name__, tuple(f.name for f in fields(cls))) for cls in (ReportInfo, Row, StoredRow, Commitment))


class SnapshotCache:
    """One file per collection name in ``folder`` (an assistant without one reads Chroma every time)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, index: ReportIndex) -> Path:
        return self.folder / f"{index.collection_name}.snapshot"

    @staticmethod
    def key(index: ReportIndex, version: Version) -> tuple:
        return (FORMAT, schema(), tuple(version), index.stamp.key())

    def load(self, index: ReportIndex, version: Version | None) -> Cached | None:
        """The cached rows and lexical index for this version, or None (absent, stale, corrupt)."""
        if version is None:
            return None
        path = self._path(index)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("snapshot cache %s not readable (%s): reading the index", path, exc)
            return None
        payload = blob[len(MAGIC) + _DIGEST:]
        if not blob.startswith(MAGIC) or hashlib.sha256(payload).digest() != blob[len(MAGIC):len(MAGIC) + _DIGEST]:
            log.warning("snapshot cache %s is corrupt (checksum): ignored, rebuilt from the index", path)
            return None
        try:
            key, reports, rows, lexical_state = pickle.loads(payload)
        except Exception as exc:  # a checksummed file of another shape: ignore, it is rewritten
            log.warning("snapshot cache %s unreadable (%s): ignored, rebuilt from the index", path, exc)
            return None
        if key != self.key(index, version):
            log.info("snapshot cache %s is for another index version: rebuilt", path)
            return None
        return Cached(Catalog(reports, rows), BM25Index.from_state(lexical_state))

    def save(self, index: ReportIndex, version: Version | None, cached: Cached) -> bool:
        """Write the cache for this version (atomically); False when the folder cannot be written."""
        if version is None:
            return False
        catalog = cached.catalog
        payload = pickle.dumps((self.key(index, version), list(catalog.reports.values()), list(catalog.rows.values()),
                                cached.lexical.state()), protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(index)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=path.name, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.info("snapshot cache not written to %s (%s)", self.folder, exc)
            return False
        return True


@contextmanager
def paused_gc():
    """No cyclic garbage collection while a snapshot's many small objects are made (they hold
    no cycles to collect): it took about a third of the start-up of a 10,000-row index."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
