"""Complete list answers (issue 10, "Complete lists"): every row in the JSON, in a stable order, the
exact count in the text, the same rows in the CSV; and the CSV is safe to open in a spreadsheet.
The truth comes from the report generator, not from the catalog the answer is read from."""
from __future__ import annotations

import pytest

from assistant.structured import MAX_LISTED
from ingest.samples import generate_reports
from tests.test_reliability_answer import fill

N_REPORTS = 24
SEED = 11


@pytest.fixture(scope="module")
def corpus():
    return generate_reports(N_REPORTS, seed=SEED)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, corpus):
    return fill(tmp_path_factory.mktemp("lists"), corpus)


def truth_rows(corpus, status: str) -> list[tuple]:
    return [(r.program, c.recommendation, c.commitment) for r in corpus for c in r.commitments if c.status == status]


def cited(data: dict) -> list[tuple]:
    return [(c["program"], c["recommendation"], c["commitment"]) for c in data["citations"]]


@pytest.mark.parametrize("question, status", [
    ("¿Qué compromisos fueron cancelados?", "Cancelado"),
    ("¿Qué compromisos se cumplieron?", "Cumplido"),
    ("Which commitments were not fulfilled?", "No cumplido"),
])
def test_a_list_answer_cites_every_row_in_program_and_number_order(assistant, corpus, question, status):
    expected = truth_rows(corpus, status)
    assert expected, "the generated corpus must hold rows of this status"
    data = assistant.ask(question).to_json()
    assert data["kind"] == "list"
    rows = cited(data)
    assert sorted(rows) == sorted(expected)  # all of them, none twice, none else
    assert len(rows) == len(set(rows))
    assert rows == sorted(rows, key=lambda t: (t[0].casefold(), t[1], t[2]))
    assert [c["n"] for c in data["citations"]] == list(range(1, len(rows) + 1))
    first_line = data["answer"].splitlines()[0]
    assert f"{len(expected)} " in first_line
    catalog_count = sum(info.status_counts.get(status, 0) for info in assistant.snapshot.catalog.reports.values())
    assert catalog_count == len(expected)


def test_a_list_longer_than_the_text_shows_says_how_many_and_still_cites_all(assistant, corpus):
    expected = truth_rows(corpus, "Cumplido")
    assert len(expected) > MAX_LISTED, "the corpus must hold a list longer than the text names"
    data = assistant.ask("¿Qué compromisos se cumplieron?").to_json()
    items = [line for line in data["answer"].splitlines() if line.startswith("- ")]
    assert len(items) == MAX_LISTED
    assert f"los primeros {MAX_LISTED} de {len(expected)}" in data["answer"]
    assert len(data["citations"]) == len(expected)


def test_the_same_question_gives_the_same_order(assistant):
    first = cited(assistant.ask("¿Qué compromisos fueron cancelados?").to_json())
    assistant.refresh()  # a catalog read again from the store
    assert cited(assistant.ask("¿Qué compromisos fueron cancelados?").to_json()) == first


def test_a_count_answer_cites_every_row_too(assistant, corpus):
    expected = truth_rows(corpus, "Cancelado")
    data = assistant.ask("¿Cuántos compromisos fueron cancelados?").to_json()
    assert data["kind"] == "count"
    assert str(len(expected)) in data["answer"].splitlines()[0]
    assert sorted(cited(data)) == sorted(expected)
