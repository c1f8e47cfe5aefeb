"""Chunks: one per row, split under the model's limit without losing a word, labelled."""
from __future__ import annotations

import re

from ingest.chunking import chunk_report, citation_label, short_program, windows
from ingest.records import replace
from tests.builders import report, row
from tests.pdf_fixtures import long_text
from vectorstore.embeddings import CachedEmbedder, FakeEmbedder

COUNT = FakeEmbedder().count_tokens


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_short_program_and_label():
    assert short_program("Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro Rubro") == "Redes Pro Rubro"
    assert short_program("Becas Chile") == "Becas Chile"
    assert citation_label("Programa de Riego", row(1, 2, pages=(3, 4))) == "Riego · Rec. 1 · Comp. 2 · pp. 3-4"


def test_short_row_is_one_chunk_with_its_label_and_status():
    header, rows = chunk_report(report(), max_tokens=256, count=COUNT)
    assert len(rows) == 3 and rows[1].text.startswith("Riego Campesino · Rec. 1 · Comp. 2. Cancelado.")
    assert header.metadata["kind"] == "header" and "Fecha de egreso: 31-12-2015" in header.text
    assert rows[1].metadata["status"] == "Cancelado" and rows[1].metadata["status_date"] == "2014-12-31"


def test_long_row_is_split_under_the_limit_and_loses_nothing():
    compliance = long_text(600)
    rep = report(rows=(row(1, 1, compliance=compliance),))
    _, chunks = chunk_report(rep, max_tokens=256, count=COUNT)
    assert len(chunks) > 3
    assert all(COUNT(c.text) <= 256 for c in chunks)
    assert all(c.text.startswith("Riego Campesino · Rec. 1 · Comp. 1") for c in chunks)
    embedded = [w for c in chunks for w in words(c.text)]
    assert set(words(compliance)) <= set(embedded)
    assert {c.metadata["part"] for c in chunks} == set(range(len(chunks)))
    assert "record" in chunks[0].metadata and "record" not in chunks[1].metadata


def test_a_sentence_longer_than_the_budget_is_cut_by_words():
    sentence = " ".join(["palabra"] * 400) + "."
    parts = windows(sentence, 100, COUNT)
    assert len(parts) > 1 and all(COUNT(p) <= 102 for p in parts)
    assert sum(len(p.split()) for p in parts) == 400


def test_repeated_recommendation_text_is_embedded_once():
    shared = "Analizar la factibilidad de los años de duración de las fases del programa y sus actividades."
    rows = tuple(replace(row(1, c), recommendation_text=shared) for c in (1, 2, 3))
    _, chunks = chunk_report(report(rows=rows), max_tokens=256, count=COUNT)
    assert sum(shared in c.text for c in chunks) == 1


def test_cached_embedder_embeds_each_text_once():
    calls = []

    class Counting(FakeEmbedder):
        def embed(self, texts):
            calls.append(list(texts))
            return super().embed(texts)

    cached = CachedEmbedder(Counting(), max_items=3)
    first = cached.embed(["a", "b", "a"])
    assert calls == [["a", "b"]] and first[0] == first[2]
    cached.embed(["b", "c"])
    assert calls[-1] == ["c"]
    cached.embed(["d", "e"])  # evicts the least recently used
    cached.embed(["a"])
    assert calls[-1] == ["a"]
