"""The index store: commit protocol, replace, remove, garbage, stamp, batches (fake embedder)."""
from __future__ import annotations

import pytest

from assistant.library import index_stamp
from ingest.chunking import chunk_report
from tests.builders import report, row
from vectorstore.client import make_client
from vectorstore.embeddings import FakeEmbedder
from vectorstore.store import ReportIndex, StampMismatch


def open_index(tmp_path, embedder=None, **kw) -> ReportIndex:
    embedder = embedder or FakeEmbedder()
    return ReportIndex(make_client(store=tmp_path), embedder, stamp=kw.pop("stamp", index_stamp(embedder)), **kw)


def write(index: ReportIndex, rep) -> None:
    header, rows = chunk_report(rep, max_tokens=256, count=index.embedder.count_tokens)
    index.write_report(header, rows)


def row_keys(index: ReportIndex) -> set[tuple[str, str]]:
    return {(m.source, m.row_id.split(":", 1)[1]) for m in index.rows()}


def test_write_then_read_rows_and_headers(tmp_path):
    index = open_index(tmp_path)
    write(index, report())
    assert [h.source for h in index.headers()] == ["riego.pdf"]
    assert len(row_keys(index)) == 3
    hits = index.query(index.embedder.embed_query("matriz de marco lógico"), k=2)
    assert len(hits) == 2 and all(h.metadata["kind"] == "commitment" for h in hits)


def test_replace_leaves_no_mix_of_versions(tmp_path):
    index = open_index(tmp_path)
    write(index, report())
    write(index, report(sha="b" * 64, rows=(row(1, 1, "Parcialmente cumplido"),)))
    metas = [m for m in index.rows()]
    assert {m.sha256 for m in metas} == {"b" * 64}
    assert [m.record.status for m in metas] == ["Parcialmente cumplido"]
    assert index.collection.count() == 2  # one row + one header: the old rows are gone


def test_interrupted_write_is_invisible_and_collected(tmp_path):
    index = open_index(tmp_path)
    write(index, report())
    new = report(sha="c" * 64, rows=(row(9, 9),))
    _, rows = chunk_report(new, max_tokens=256, count=index.embedder.count_tokens)
    index._add(rows)  # crash before the header commit
    assert {m.sha256 for m in index.rows()} == {"a" * 64}
    assert all(h.metadata["sha256"] == "a" * 64
               for h in index.query(index.embedder.embed_query("compromiso 9"), k=10))
    assert index.collect_garbage() == 1
    assert index.collection.count() == 4


def test_remove_deletes_report_and_rows(tmp_path):
    index = open_index(tmp_path)
    write(index, report())
    write(index, report("Programa de Becas", sha="d" * 64, source="becas.pdf"))
    assert index.remove("riego.pdf") is True
    assert index.remove("riego.pdf") is False
    assert {s for s, _ in row_keys(index)} == {"becas.pdf"}
    assert [h.source for h in index.headers()] == ["becas.pdf"]


def test_stamp_mismatch_is_a_clear_error(tmp_path):
    open_index(tmp_path)
    with pytest.raises(StampMismatch, match="--reindex"):
        open_index(tmp_path, FakeEmbedder(name="fake-other-model"))


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


def test_many_rows_are_batched_under_chromas_limit(tmp_path, monkeypatch):
    import vectorstore.store as store

    monkeypatch.setattr(store, "BATCH", 7)
    index = open_index(tmp_path)
    rows = tuple(row(r, c) for r in range(1, 6) for c in range(1, 5))
    write(index, report(rows=rows))
    assert len(row_keys(index)) == 20
    assert index.remove("riego.pdf")
    assert index.collection.count() == 0


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
