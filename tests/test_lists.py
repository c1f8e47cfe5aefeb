"""Complete list answers (issue 10, "Complete lists"): every row in the JSON, in a stable order, the
exact count in the text, the same rows in the CSV; and the CSV is safe to open in a spreadsheet.
The truth comes from the report generator, not from the catalog the answer is read from."""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.builders import meta_row
from assistant.structured import MAX_LISTED
from assistant.types import Answer, Citation
from assistant.ui import cards, conversation
from assistant.ui.cards import SHORT_LIST
from assistant.ui.conversation import Turn
from assistant.ui.csv_export import COLUMNS, is_list, write_list_csv
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


# ------------------------------------------------------------------------ the CSV

def read_csv(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # Excel reads the accents right only with it
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_csv_holds_every_row_of_the_list_in_its_order(assistant, corpus, tmp_path):
    answer = assistant.ask("¿Qué compromisos se cumplieron?")
    lines = read_csv(write_list_csv(answer, tmp_path))
    assert tuple(lines[0]) == COLUMNS
    body = lines[1:]
    assert len(body) == len(answer.citations) == len(truth_rows(corpus, "Cumplido"))
    assert [(r[0], int(r[3]), int(r[4])) for r in body] == cited(answer.to_json())
    by_key = {(r.program, c.recommendation, c.commitment): (r, c) for r in corpus for c in r.commitments}
    for line in body:
        report, commitment = by_key[(line[0], int(line[3]), int(line[4]))]
        assert line[1] == report.ministry and line[2] == str(report.year)
        assert line[5] == commitment.status == "Cumplido"
        assert line[7] == "; ".join(commitment.verification)
        assert line[9] == ", ".join(map(str, commitment.pages)) or not commitment.pages
        if commitment.status_date:
            y, m, d = commitment.status_date.split("-")
            assert line[6] == f"{d}-{m}-{y}"


@pytest.mark.parametrize("text, shown", [
    ('=HYPERLINK("http://x.cl";"clic")', '\'=HYPERLINK("http://x.cl";"clic")'),
    ("+56 2 2345 6789", "'+56 2 2345 6789"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("Oficio N° 458; anexo", "Oficio N° 458; anexo"),
    ("Informe = final", "Informe = final"),
])
def test_csv_cells_a_spreadsheet_would_run_are_shown_as_text(tmp_path, text, shown):
    meta = {"program": text, "ministry": "MINISTERIO DE SALUD", "year": 2014, "source": "salud.pdf",
            "label": "x", "pages": "3,4", "recommendation": 1, "commitment": 2, "status": "Cancelado",
            "status_date": "2017-12-31", "verification": json.dumps([text, "Acta"])}
    answer = Answer("q", "1 compromiso", False, (Citation(1, meta_row("r1", "commitment", meta, text)),), kind="list")
    (line,) = read_csv(write_list_csv(answer, tmp_path))[1:]
    assert line[0] == shown
    assert line[7] == ("'" if shown != text else "") + f"{text}; Acta"
    assert line[6] == "31-12-2017" and line[9] == "3, 4"


def test_only_list_answers_with_rows_get_a_csv():
    assert not is_list(None)
    assert not is_list(Answer("q", "No hay compromisos", False, (), kind="list"))
    assert not is_list(Answer("q", "texto", False, (), kind="search"))


class Session:
    session_hash = "browser-session-1"


def test_the_chat_fills_the_list_download_for_a_list_and_clears_it_otherwise(assistant, corpus, tmp_path):
    from assistant.ui.chat import ChatHandlers

    chat = ChatHandlers(assistant, tmp_path)
    *_, last = chat.ask("¿Qué compromisos fueron cancelados?", [], "", "", "", "", Session())
    update = last[7]
    assert update["visible"] is True
    assert len(read_csv(Path(update["value"]))) == 1 + len(truth_rows(corpus, "Cancelado"))
    *_, last = chat.ask("¿Por qué se canceló la evaluación?", last[2], "", "", "", "", Session())
    assert last[7]["visible"] is False and last[7]["value"] is None
    assert chat.clear()[6]["visible"] is False


# ------------------------------------------------------------------------ the chat's grouped list

def test_a_long_list_is_grouped_by_program_with_counts_first_rows_and_ver_todos(assistant, corpus):
    answer = assistant.ask("¿Qué compromisos fueron cancelados?")
    expected = truth_rows(corpus, "Cancelado")
    assert len(expected) > SHORT_LIST
    chat = conversation.messages([Turn("q", answer)])
    lead, html = chat[1]["content"], chat[2]["content"]
    assert lead.startswith(f"{len(expected)} compromisos") and "[" not in lead and "&#91;" not in lead
    shown, _, hidden = html.partition("<details")
    assert "Ver todos" in hidden and hidden.count("</details>") == 1
    keys = [int(n) for n in re.findall(r"cite-0-(\d+)", html)]
    assert keys == list(range(1, len(expected) + 1))  # every row once, in the answer's order
    assert len(re.findall(r"cite-0-\d+", shown)) == SHORT_LIST
    per_program = Counter(program for program, _, _ in expected)
    heads = re.findall(r'<span class="card-prog">([^<]*?)(?: \(continuación\))?</span>'
                       r'<span class="list-count">(\d+) compromisos?</span>', html)
    assert {cards.literal(p): n for p, n in per_program.items()} == {p: int(n) for p, n in heads}


def test_a_short_list_keeps_one_card_per_row():
    answer = Answer("q", "2 compromisos:\n- a [1]\n- b [2]", False,
                    tuple(Citation(n, meta_row(f"r{n}", "commitment", {"program": "P", "recommendation": 1,
                                                                   "commitment": n, "verification": "[]"}, "t"))
                          for n in (1, 2)), kind="list")
    chat = conversation.messages([Turn("q", answer)])
    assert "<details" not in chat[2]["content"] and chat[2]["content"].count('class="cite-card cite-0-') == 2


def test_report_text_in_a_grouped_list_is_shown_literally():
    evil = '<img src=x onerror=alert(1)> [x](http://a.b) **bold**'
    rows = tuple(Citation(n, meta_row(f"r{n}", "commitment", {"program": evil, "recommendation": 1, "commitment": n,
                                                         "status": "Cancelado", "verification": "[]"},
                                 "t", {"commitment_text": evil})) for n in range(1, SHORT_LIST + 3))
    html = cards.grouped_list(Answer("q", "x", False, rows, kind="list"), 0)
    assert "<img" not in html and "](" not in html and "**" not in html
    assert cards.literal(evil) in html
