"""The embedded store's own cases: opening a missing, file or read-only folder (fake embedder).
What both stores share (commit protocol, replace, remove, stamp, batches) is the contract suite,
``tests/test_store_contract.py``."""
from __future__ import annotations

import pytest

from assistant.library import index_stamp
from ingest.chunking import chunk_report
from tests.builders import report
from vectorstore.client import make_client
from vectorstore.embeddings import FakeEmbedder
from vectorstore.store import ReportIndex, StampMismatch


def open_index(tmp_path, embedder=None, **kw) -> ReportIndex:
    embedder = embedder or FakeEmbedder()
    return ReportIndex(make_client(store=tmp_path), embedder, stamp=kw.pop("stamp", index_stamp(embedder)), **kw)


def write(index: ReportIndex, rep) -> None:
    header, rows = chunk_report(rep, max_tokens=256, count=index.embedder.count_tokens)
    index.write_report(header, rows)


def test_another_chunk_size_is_a_stamp_mismatch(tmp_path):
    """max_tokens changes the chunks, so an index built with another one is refused (issue 9)."""
    write(open_index(tmp_path, FakeEmbedder(max_tokens=256)), report())
    with pytest.raises(StampMismatch, match="--reindex") as error:
        open_index(tmp_path, FakeEmbedder(max_tokens=128))
    assert "de 256 tokens" in str(error.value) and "de 128 tokens" in str(error.value)
    assert [h.source for h in open_index(tmp_path, FakeEmbedder(max_tokens=256)).headers()] == ["riego.pdf"]


def test_a_stamp_written_before_the_chunk_size_was_stamped_reads_as_256_tokens(tmp_path):
    """Stores built before max_tokens was part of the stamp stay readable with the default."""
    import json

    from vectorstore.store import STAMP_KEY, Stamp

    index = open_index(tmp_path)
    write(index, report())
    old = json.loads(index.stamp.to_json())
    del old["max_tokens"]
    index.collection.modify(metadata={**index.collection.metadata, STAMP_KEY: json.dumps(old)})
    assert Stamp.from_json(json.dumps(old)).max_tokens == 256
    assert [h.source for h in open_index(tmp_path).headers()] == ["riego.pdf"]
    with pytest.raises(StampMismatch, match="--reindex"):
        open_index(tmp_path, FakeEmbedder(max_tokens=512))


# -- opening: missing, file, read-only (issue 8) ----------------------------------------------
def test_open_without_create_on_a_mistyped_store_creates_nothing(tmp_path):
    from assistant.settings import Settings
    from vectorstore.errors import StoreMissing
    from assistant.stores import open_index as open_from_settings

    store = tmp_path / "typo"
    with pytest.raises(StoreMissing, match="no hay un índice"):
        open_from_settings(Settings(store=store, embedding_model="fake-hash-64"), FakeEmbedder(), create=False)
    assert not store.exists()
    (store / "chroma").mkdir(parents=True)  # a folder without a database is not an index either
    with pytest.raises(StoreMissing):
        open_from_settings(Settings(store=store, embedding_model="fake-hash-64"), FakeEmbedder(), create=False)
    assert list((store / "chroma").iterdir()) == []


def test_a_store_that_is_a_file_is_a_clear_error(tmp_path):
    from vectorstore.client import open_client
    from vectorstore.errors import StoreUnusable

    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreUnusable, match="es un archivo"):
        open_client(store=tmp_path / "f")
    with pytest.raises(StoreUnusable, match="que es un archivo"):
        open_client(store=tmp_path / "f" / "sub")
    assert (tmp_path / "f").read_text() == "x"


def test_a_read_only_store_serves_reads_and_refuses_writes(tmp_path, monkeypatch):
    import vectorstore.client as client_mod
    from vectorstore.client import open_client
    from vectorstore.errors import StoreReadOnly

    write(open_index(tmp_path), report())
    before = sorted(p.name for p in (tmp_path / "chroma").rglob("*"))
    monkeypatch.setattr(client_mod, "writable", lambda path: False)  # what os.access says of a read-only folder
    opened = open_client(store=tmp_path, create=False)
    embedder = FakeEmbedder()
    index = ReportIndex(opened.client, embedder, stamp=index_stamp(embedder), read_only=opened.read_only)
    assert index.read_only and [h.source for h in index.headers()] == ["riego.pdf"]
    assert len(index.query(index.embedder.embed_query("matriz"), k=2)) == 2
    with pytest.raises(StoreReadOnly, match="solo lectura"):
        write(index, report(sha="b" * 64))
    with pytest.raises(StoreReadOnly):
        index.remove("riego.pdf")
    from assistant.library import Ingestor
    from vectorstore.files import SourceFiles

    ingestor = Ingestor(index, SourceFiles(tmp_path / "sources"))
    (result,) = ingestor.ingest_many([("nuevo.txt", b"texto")])  # an upload gets its line, not a traceback
    assert result.line() == f"✘ nuevo.txt: rechazado: {index.read_only_message()}"
    assert sorted(p.name for p in (tmp_path / "chroma").rglob("*")) == before
