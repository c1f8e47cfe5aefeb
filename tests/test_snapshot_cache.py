"""The snapshot cache (assistant/snapshot_cache.py): used when the index is unchanged, never read
stale after a write by another assistant or process, a corrupt file ignored and rebuilt."""
from __future__ import annotations

import logging
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.factory import build_assistant
from assistant.lexical import BM25Index
from assistant.settings import Settings
from assistant.snapshot_cache import MAGIC, SnapshotCache
from assistant.library import Ingestor
from ingest.text_reader import render_text
from tests.builders import filled_assistant, report, row
from vectorstore.store import ReportIndex

ROOT = Path(__file__).resolve().parents[1]


def settings(tmp_path) -> Settings:
    return Settings(store=tmp_path / "store", embedding_model="fake-hash-64")


def cache_file(tmp_path) -> Path:
    return tmp_path / "store" / "snapshots" / "informes.snapshot"


def add_report(assistant, item) -> None:
    ingestor = Ingestor(assistant.index, assistant.files)
    result = ingestor.ingest_bytes(render_text(item).encode(), item.source.replace(".pdf", ".txt"))
    assert result.ok, result.line()


def no_chroma_reads(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("read the rows from Chroma although the cache holds this version")
    monkeypatch.setattr(ReportIndex, "raw_rows", refuse)
    monkeypatch.setattr(ReportIndex, "raw_header_records", refuse)


def test_a_second_start_reads_the_cache_not_chroma_and_sees_the_same(tmp_path, monkeypatch):
    first = filled_assistant(tmp_path, [report()])
    assert cache_file(tmp_path).is_file()
    no_chroma_reads(monkeypatch)
    second = build_assistant(settings(tmp_path))
    a, b = first.snapshot, second.snapshot
    assert {r: (x.stored, x.text) for r, x in a.catalog.rows.items()} == \
        {r: (x.stored, x.text) for r, x in b.catalog.rows.items()}
    assert a.catalog.reports.keys() == b.catalog.reports.keys()
    question = "¿Por qué se canceló el compromiso 2 del Programa de Riego Campesino?"
    assert a.lexical.search(question, 10) == b.lexical.search(question, 10)
    assert first.ask(question).answer == second.ask(question).answer


def test_a_write_by_another_assistant_makes_the_cache_unusable(tmp_path, monkeypatch):
    filled_assistant(tmp_path, [report()])
    other = build_assistant(settings(tmp_path))
    add_report(other, report("Programa de Becas Chile", sha="b" * 64, source="becas.pdf"))  # no refresh
    loads = []
    original = ReportIndex.raw_rows
    monkeypatch.setattr(ReportIndex, "raw_rows", lambda self, *a, **k: loads.append(1) or original(self, *a, **k))
    fresh = build_assistant(settings(tmp_path))
    assert loads, "the cache of the older version was used"
    assert "becas.txt" in fresh.snapshot.catalog.reports
    assert "becas.txt" in {fresh.snapshot.catalog.row(d).source for d in fresh.snapshot.lexical.doc_ids()}


@pytest.mark.slow
def test_a_write_by_another_process_makes_the_cache_unusable(tmp_path):
    filled_assistant(tmp_path, [report()])
    item = report("Programa de Becas Chile", sha="b" * 64, source="becas.pdf")
    (tmp_path / "becas.txt").write_text(render_text(item), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ingest", "--store", str(tmp_path / "store"), str(tmp_path / "becas.txt")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "ASSISTANT_EMBEDDING_MODEL": "fake-hash-64"})
    assert done.returncode == 0, done.stderr
    fresh = build_assistant(settings(tmp_path))
    assert set(fresh.snapshot.catalog.reports) == {"riego.txt", "becas.txt"}


def test_a_corrupt_cache_is_ignored_logged_and_rewritten(tmp_path, monkeypatch, caplog):
    first = filled_assistant(tmp_path, [report()])
    path = cache_file(tmp_path)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    with caplog.at_level(logging.WARNING, logger="assistant.snapshot_cache"):
        second = build_assistant(settings(tmp_path))
    assert "corrupt" in caplog.text
    assert second.snapshot.catalog.rows.keys() == first.snapshot.catalog.rows.keys()
    no_chroma_reads(monkeypatch)  # rewritten whole: the next start reads it
    assert build_assistant(settings(tmp_path)).snapshot.catalog.rows.keys() == first.snapshot.catalog.rows.keys()


@pytest.mark.parametrize("content", [b"", b"garbage", MAGIC + b"\0" * 40])
def test_truncated_or_foreign_files_are_ignored(tmp_path, content):
    first = filled_assistant(tmp_path, [report()])
    cache_file(tmp_path).write_bytes(content)
    assert build_assistant(settings(tmp_path)).snapshot.catalog.rows.keys() == first.snapshot.catalog.rows.keys()


def test_another_stamp_does_not_read_the_cache(tmp_path):
    """The key holds the stamp: a collection of the same name built otherwise is another index."""
    first = filled_assistant(tmp_path, [report()])
    cache = SnapshotCache(tmp_path / "store" / "snapshots")
    version = first.index.version()
    assert cache.load(first.index, version) is not None
    assert cache.load(first.index, (version[0], "another-token")) is None
    assert cache.load(first.index, None) is None


def test_an_unwritable_cache_folder_still_opens(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "snapshots").write_text("a file where the folder would be")
    assistant = filled_assistant(tmp_path, [report()])
    assert len(assistant.snapshot.catalog) == 3


def test_bm25_state_round_trip_scores_and_changes_alike():
    texts = {f"d{i}": f"evaluación de impacto del programa {i} cumplido cancelado riego {i % 3}" for i in range(30)}
    index = BM25Index()
    index.add_many(texts.items())
    copy = BM25Index.from_state(index.state())
    for query in ("evaluacion impacto", "riego 2", "cancelado programa 7"):
        assert copy.search(query, 10) == index.search(query, 10)
        assert copy.explain(query, "d7") == index.explain(query, "d7")
    for ix in (index, copy):  # a restored index keeps working after changes
        ix.remove("d3")
        ix.add("d31", "riego tecnificado")
    assert copy.search("riego", 40) == index.search("riego", 40)


def test_rows_written_mid_load_are_not_cached_under_the_older_version(tmp_path, monkeypatch):
    """The version is read before and after reading the rows; a write in between: no file."""
    first = filled_assistant(tmp_path, [report()])
    cache_file(tmp_path).unlink()
    original = ReportIndex.raw_rows

    def rows_then_write(self, *args, **kwargs):
        yield from original(self, *args, **kwargs)
        monkeypatch.setattr(ReportIndex, "raw_rows", original)
        add_report(first, report("Programa de Becas Chile", sha="b" * 64, source="becas.pdf", rows=(row(1, 1),)))

    monkeypatch.setattr(ReportIndex, "raw_rows", rows_then_write)
    build_assistant(settings(tmp_path))
    assert not cache_file(tmp_path).exists()


def test_the_apps_own_upload_and_removal_rewrite_the_cache(tmp_path, monkeypatch):
    """The assistant writes under the store's lock, synced first: the version after its write is
    its snapshot's, so it saves the cache and the next start reads no rows from Chroma."""
    first = filled_assistant(tmp_path, [report()])
    item = report("Programa de Becas Chile", sha="b" * 64, source="becas.pdf")
    results = first.add_files([("becas.txt", render_text(item).encode())])
    assert [r.action for r in results] == ["added"]
    with monkeypatch.context() as patch:
        no_chroma_reads(patch)
        second = build_assistant(settings(tmp_path))
    assert set(second.snapshot.catalog.reports) == {"riego.txt", "becas.txt"}
    question = "¿Qué compromisos del Programa de Becas Chile quedaron cancelados?"
    assert second.ask(question).answer == first.ask(question).answer
    assert second.remove("becas.txt")
    no_chroma_reads(monkeypatch)
    third = build_assistant(settings(tmp_path))
    assert set(third.snapshot.catalog.reports) == {"riego.txt"}
