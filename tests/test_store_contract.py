"""One contract for the index, run against both places it can live: the embedded Chroma in a
folder and a real ``chroma run`` server on loopback (integration). Commit protocol, replace,
remove, garbage, stamp, batches, and the ingest CLI end to end (hash embedder).

What only one of them has stays in its own file: opening a missing, file or read-only folder
(``test_store.py``), another process's write seen by a running assistant (``test_chroma_server.py``)."""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

import pytest

from assistant.library import index_stamp
from ingest.chunking import chunk_report
from ingest.records import replace
from ingest.samples import sample_reports
from ingest.text_reader import render_text
from tests.builders import report, row
from vectorstore.client import make_client
from vectorstore.embeddings import FakeEmbedder
from vectorstore.store import ReportIndex, StampMismatch

_names = itertools.count()


@dataclass(frozen=True)
class Target:
    """Where the index lives, for ``ReportIndex`` (``client``) and for the CLI (``env``)."""
    kind: str
    client: object
    collection: str
    env: dict[str, str]

    def open(self, embedder=None, **kw) -> ReportIndex:
        embedder = embedder or FakeEmbedder()
        return ReportIndex(self.client, embedder, collection=self.collection,
                           stamp=kw.pop("stamp", index_stamp(embedder)), **kw)


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.integration)])
def target(request, tmp_path) -> Target:
    collection = f"contract-{next(_names)}"  # a fresh collection per test, also on the shared server
    if request.param == "embedded":
        return Target("embedded", make_client(store=tmp_path / "store"), collection,
                      {"ASSISTANT_STORE": str(tmp_path / "store"), "ASSISTANT_COLLECTION": collection})
    port = request.getfixturevalue("chroma_server")
    return Target("server", make_client(store=tmp_path / "store", host="127.0.0.1", port=port), collection,
                  {"ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(port),
                   "ASSISTANT_COLLECTION": collection, "ASSISTANT_STORE": str(tmp_path / "store")})


def write(index: ReportIndex, rep) -> None:
    header, rows = chunk_report(rep, max_tokens=256, count=index.embedder.count_tokens)
    index.write_report(header, rows)


def row_keys(index: ReportIndex) -> set[tuple[str, str]]:
    return {(m.source, m.row_id.split(":", 1)[1]) for m in index.rows()}


def test_write_then_read_rows_and_headers(target):
    index = target.open()
    write(index, report())
    assert [h.source for h in index.headers()] == ["riego.pdf"]
    assert len(row_keys(index)) == 3
    hits = index.query(index.embedder.embed_query("matriz de marco lógico"), k=2)
    assert len(hits) == 2 and all(h.metadata["kind"] == "commitment" for h in hits)


def test_replace_leaves_no_mix_of_versions(target):
    index = target.open()
    write(index, report())
    write(index, report(sha="b" * 64, rows=(row(1, 1, "Parcialmente cumplido"),)))
    metas = list(index.rows())
    assert {m.sha256 for m in metas} == {"b" * 64}
    assert [m.record.status for m in metas] == ["Parcialmente cumplido"]
    assert index.collection.count() == 2  # one row + one header: the old rows are gone


def test_interrupted_write_is_invisible_and_collected(target):
    index = target.open()
    write(index, report())
    _, rows = chunk_report(report(sha="c" * 64, rows=(row(9, 9),)), max_tokens=256,
                           count=index.embedder.count_tokens)
    index._add(rows)  # crash before the header commit
    assert {m.sha256 for m in index.rows()} == {"a" * 64}
    assert all(h.metadata["sha256"] == "a" * 64
               for h in index.query(index.embedder.embed_query("compromiso 9"), k=10))
    assert index.collect_garbage() == 1
    assert index.collection.count() == 4


def test_a_group_is_written_in_one_commit_and_replaces_only_its_own_old_rows(target):
    """``write_reports``: three reports in one write, one of them a new version of a report
    already indexed; a report outside the group keeps its rows."""
    index = target.open()
    write(index, report())  # riego.pdf, sha a...
    write(index, report("Programa de Becas", sha="d" * 64, source="becas.pdf"))
    group = [chunk_report(rep, max_tokens=256, count=index.embedder.count_tokens) for rep in (
        report(sha="b" * 64, rows=(row(1, 1, "Cancelado"),)),  # riego.pdf again, one row
        report("Programa de Huertos", sha="e" * 64, source="huertos.pdf"),
        report("Programa de Caminos", sha="f" * 64, source="caminos.pdf", rows=(row(2, 1),)))]
    before = index.version()
    index.write_reports(group)
    assert index.version() != before  # one bump tells readers the index changed
    assert {h.source: h.sha256 for h in index.headers()} == {
        "riego.pdf": "b" * 64, "becas.pdf": "d" * 64, "huertos.pdf": "e" * 64, "caminos.pdf": "f" * 64}
    by_source: dict[str, set[str]] = {}
    for meta in index.rows():
        by_source.setdefault(meta.source, set()).add(meta.sha256)
    assert by_source == {"riego.pdf": {"b" * 64}, "becas.pdf": {"d" * 64}, "huertos.pdf": {"e" * 64},
                         "caminos.pdf": {"f" * 64}}
    assert [m.record.status for m in index.rows({"riego.pdf"})] == ["Cancelado"]
    assert index.collection.count() == 1 + 3 + 3 + 1 + 4  # rows + the four headers; riego's old rows gone


def test_nearest_returns_ids_and_distances_of_every_chunk(target):
    index = target.open()
    write(index, report())
    vector = index.embedder.embed_query("matriz de marco lógico")
    nearest = index.nearest(vector, 50)
    assert len(nearest) == index.collection.count() == 4  # fewer than asked: all of them
    assert [d for _, d in nearest] == sorted(d for _, d in nearest)
    assert {cid for cid, _ in nearest} == set(index.collection.get(include=[])["ids"])
    assert nearest[0][0] == index.query(vector, k=1)[0].id


def test_remove_deletes_report_and_rows(target):
    index = target.open()
    write(index, report())
    write(index, report("Programa de Becas", sha="d" * 64, source="becas.pdf"))
    assert index.remove("riego.pdf") is True
    assert index.remove("riego.pdf") is False
    assert {s for s, _ in row_keys(index)} == {"becas.pdf"}
    assert [h.source for h in index.headers()] == ["becas.pdf"]


def test_stamp_mismatch_is_a_clear_error(target):
    target.open()
    with pytest.raises(StampMismatch, match="--reindex"):
        target.open(FakeEmbedder(name="fake-other-model"))


def test_many_rows_are_batched_under_chromas_limit(target, monkeypatch):
    import vectorstore.store as store

    monkeypatch.setattr(store, "BATCH", 7)
    index = target.open()
    write(index, report(rows=tuple(row(r, c) for r in range(1, 6) for c in range(1, 5))))
    assert len(row_keys(index)) == 20
    assert index.remove("riego.pdf")
    assert index.collection.count() == 0


def test_the_ingest_cli_adds_lists_replaces_answers_and_removes(target, tmp_path, monkeypatch, capsys):
    """Through ``python -m ingest`` (in this process) and the assistant, as a user drives it."""
    from assistant.factory import build_assistant
    from assistant.settings import load_settings
    from ingest.__main__ import main

    for name, value in {**target.env, "ASSISTANT_EMBEDDING_MODEL": "fake-hash-64"}.items():
        monkeypatch.setenv(name, value)
    alfabetizacion = sample_reports()[1]
    path = tmp_path / "alfabetizacion.txt"
    path.write_text(render_text(alfabetizacion), encoding="utf-8")

    assert main(["--no-progress", str(path)]) == 0
    assert "agregado" in capsys.readouterr().out
    assert main(["--list", "--json"]) == 0
    assert [r["commitments"] for r in json.loads(capsys.readouterr().out)] == [6]

    path.write_text(render_text(replace(alfabetizacion, commitments=alfabetizacion.commitments[:3])),
                    encoding="utf-8")
    assert main(["--no-progress", str(path)]) == 0
    assert "reemplazado" in capsys.readouterr().out
    assistant = build_assistant(load_settings())
    assert len(assistant.snapshot.catalog) == 3
    answer = assistant.ask("¿Por qué quedó pendiente la línea base de 4° básico?")
    assert answer.citations and answer.citations[0].to_json()["commitment"] == 1

    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-other-model")
    assert main(["--list"]) == 2
    assert "--reindex" in capsys.readouterr().err
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    assert main(["--remove", "alfabetizacion.txt"]) == 0
    assert "quitado" in capsys.readouterr().out
    assert main(["--list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
