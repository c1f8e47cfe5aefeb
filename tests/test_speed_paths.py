"""The fast paths of issue 12 give the answers the slow ones gave. The dense stage reads ids and
distances only and keeps the chunks of the catalog's active rows (a chunk of an interrupted write,
or of a report the catalog does not hold yet, is never a candidate, whatever its distance); a
filtered search scores few rows exactly and agrees with Chroma's filter; the pruned program
suggestions rank as comparing every name; ingest groups start with a small one. Real embedded
Chroma, hash embedder."""
from __future__ import annotations

from assistant.types import Filters
from ingest.chunking import chunk_report
from ingest.rows import chunk_owner
from ingest.samples import sample_reports
from tests.builders import filled_assistant, report, row

QUESTION = "riego tecnificado en la comuna de Putaendo"  # the words of the orphan rows below


def test_chunk_owner_reads_both_kinds_of_id():
    assert chunk_owner("report:riego.pdf") == ("header", "riego.pdf")
    assert chunk_owner("report:a:b.pdf") == ("header", "a:b.pdf")
    assert chunk_owner("0123456789abcdef:004:1.2:3") == ("row", "0123456789abcdef:004:1.2")


def test_dense_skips_chunks_no_active_row_owns(tmp_path):
    assistant = filled_assistant(tmp_path, sample_reports())
    snap = assistant.snapshot
    index, embedder = assistant.index, assistant.embedder
    vector = embedder.embed_query(QUESTION)
    # rows written but never committed (a crash before the header write), holding the question's words
    orphan = report("Programa de Riego", sha="c" * 64, source="riego.pdf",
                    rows=(row(1, 1, compliance=QUESTION), row(1, 2, compliance=QUESTION)))
    _, rows = chunk_report(orphan, max_tokens=256, count=embedder.count_tokens)
    index._add(rows)
    assert {cid for cid, _ in index.nearest(vector, 3)} & {c.id for c in rows}, "the orphans are nearest"
    found = snap.retriever.dense(QUESTION, Filters())
    assert found and all(snap.catalog.row(rid) is not None for rid, _ in found)
    assert not {rid for rid, _ in found} & {c.row.row_id for c in rows}
    # committed by another writer after this catalog was read: not a candidate until it is synced
    index.write_reports([chunk_report(orphan, max_tokens=256, count=embedder.count_tokens)])
    assert not {rid for rid, _ in snap.retriever.dense(QUESTION, Filters())} & {c.row.row_id for c in rows}
    assistant.refresh()
    fresh = [rid for rid, _ in assistant.snapshot.retriever.dense(QUESTION, Filters())]
    assert set(fresh[:5]) & {c.row.row_id for c in rows}


def test_dense_keeps_report_headers_as_candidates(tmp_path):
    assistant = filled_assistant(tmp_path, sample_reports())
    snap = assistant.snapshot
    info = next(iter(snap.catalog.reports.values()))
    found = dict(snap.retriever.dense(info.header.text, Filters()))
    assert info.header.row_id in found


def test_closest_programs_rank_as_comparing_every_name():
    """The pruned ranking (issue 12) against the plain one: difflib on every folded name."""
    import random
    from difflib import SequenceMatcher

    from assistant.catalog import Catalog
    from assistant.understanding import Understander
    from ingest.chunking import short_program
    from ingest.fields import fold
    from ingest.samples import generate_reports

    reports = generate_reports(300, seed=7)
    programs = sorted({r.program for r in reports})
    understander = Understander(Catalog([], []))
    understander.programs = set(programs)
    rng = random.Random(3)
    names = ["Redes Pro Rubro", "Encadenamientos Productivos", "programa de becas", "x"]
    names += [" ".join(rng.sample(rng.choice(programs).split(), 2)) for _ in range(30)]
    for name in names:
        wanted = fold(name)
        plain = sorted(programs, key=lambda p: (-max(SequenceMatcher(None, wanted, fold(x)).ratio()
                                                     for x in (p, short_program(p))), p))[:3]
        assert understander.closest_programs(name) == plain, name


def test_a_filtered_search_is_exact_and_agrees_with_chromas_filter(tmp_path, monkeypatch):
    """Few rows: scored from their stored vectors; many: Chroma's filtered search. Both give
    the rows of the filter with Chroma's own distances (its filtered query is the oracle)."""
    import assistant.retrieval as retrieval
    from ingest.samples import generate_reports

    assistant = filled_assistant(tmp_path, generate_reports(12, seed=4))
    snap = assistant.snapshot
    info = sorted(snap.catalog.reports.values(), key=lambda r: r.source)[3]
    question = "¿Qué medios de verificación respaldan la evaluación de impacto?"
    vector = assistant.embedder.embed_query(question)
    for filters in (Filters(program=info.program), Filters(ministry=info.ministry),
                    Filters(program=info.program, status="Cumplido")):
        where = retrieval.chroma_where(filters)
        oracle = {}
        for hit in assistant.index.query(vector, k=200, where=where):
            oracle.setdefault(hit.row_id, 1.0 - hit.distance)
        for exact_max in (10_000, 0):  # exact over stored vectors; Chroma's filter
            monkeypatch.setattr(retrieval, "EXACT_MAX_CHUNKS", exact_max)
            found = snap.retriever.dense(question, filters)
            assert found and all(filters.matches(snap.catalog.row(rid).stored) for rid, _ in found)
            assert [rid for rid, _ in found] == list(oracle)[:len(found)], (filters, exact_max)
            for rid, similarity in found:
                assert abs(similarity - oracle[rid]) < 1e-5


def test_files_are_grouped_with_a_small_first_group():
    from assistant.library import file_groups

    assert file_groups([], 32) == []
    assert file_groups(list(range(3)), 32) == [[0, 1, 2]]
    groups = file_groups(list(range(70)), 32)
    assert [len(g) for g in groups] == [4, 32, 32, 2] and sum(groups, []) == list(range(70))
    assert [len(g) for g in file_groups(list(range(5)), 2)] == [2, 2, 1]
