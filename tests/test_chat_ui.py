"""Issue 11, the chat side, without a server: labels in the question's language, the filters line,
clickable markers, copy and thumbs, the feedback file and its reader."""
from __future__ import annotations

import json
import re

import pytest

from assistant import feedback
from assistant.evaluation import feedback as feedback_eval
from assistant.prompts import variables
from assistant.types import Answer, Filters
from assistant.ui import cards, conversation
from assistant.ui.conversation import Turn
from assistant.ui.feedback import FeedbackHandlers
from assistant.ui.filters import ALL, describe, filters_line
from assistant.ui.labels import books, labels
from assistant.ui.layout import clear_filters_then_ask
from tests.test_app_ui import citation

APR = "Programa de Atención Primaria Rural"


def test_both_languages_have_the_same_labels_with_the_same_variables():
    found = books()
    assert set(found) == {"es", "en"}
    assert set(found["es"].book) == set(found["en"].book)
    for key, text in found["es"].book.items():
        assert variables(text) == variables(found["en"].book[key]), key


def test_every_label_is_used_by_the_ui_code():
    from pathlib import Path

    code = "".join(p.read_text(encoding="utf-8") for p in Path("assistant/ui").glob("*.py"))
    for key in books()["es"].book:
        assert re.search(rf'["\']{re.escape(key)}["\']', code) or key.endswith(("_one", "_many")) \
            or key.startswith(("filter_", "status_")), key


# (language, status) -> the badge's text: once, in the question's language
@pytest.mark.parametrize("language, status, shown", [
    ("en", "Cancelado", "Cancelled"), ("en", "No cumplido", "Not fulfilled"), ("en", "Cumplido", "Fulfilled"),
    ("en", "Parcialmente cumplido", "Partially fulfilled"), ("en", "Egresado", "Exited"),
    ("es", "Cancelado", "Cancelado"), ("es", "No cumplido", "No cumplido"), ("en", "En revisión", "En revisión"),
    ("en", None, "no status"), ("es", None, "sin calificación")])
def test_a_status_is_shown_once_in_the_questions_language(language, status, shown):
    badge = cards.badge(status, "2017-12-31", labels(language))
    text = re.sub(r"<[^>]+>", "", badge)
    assert text == f"{shown} 31-12-2017"


def test_an_english_answer_gets_english_cards_and_titles():
    answer = Answer("Why was it cancelled?", "It was not tendered [1].", False, (citation(),), elapsed_ms=130,
                    language="en")
    html = cards.cards(answer, 0)
    for text in ("Verification means", "1 citation · answered in 0.13 s", "See passage", "Cancelled"):
        assert text in html, text
    for text in ("Medios de verificación", "respondida", "Ver pasaje", "Cancelado", "cita "):
        assert text not in html, text
    spanish = cards.cards(Answer("¿Por qué?", "No se licitó [1].", False, (citation(),), elapsed_ms=130), 0)
    assert "Medios de verificación" in spanish and "1 cita · respondida en 0,13 s" in spanish
    panel = cards.passage_panel(citation(), lab=labels("en"))
    assert "Year 2014" in panel and "Cancelled" in panel and "Año" not in panel


def test_an_english_list_is_titled_in_english():
    rows = tuple(citation(n, program=f"Programa {n % 2}") for n in range(1, 8))
    answer = Answer("Which commitments were cancelled?", "7 commitments", False, rows, kind="list", language="en")
    html = cards.grouped_list(answer, 0)
    assert "7 commitments in 2 programs" in html and "See all (7 commitments; 2 more)" in html
    assert "compromisos" not in html and "Ver todos" not in html


def test_the_markers_of_an_answer_open_their_citation():
    html = cards.answer_markdown("Se canceló [1] y luego [2]; ver [9].", 2, turn=3)
    assert 'class="ref cite-3-1"' in html and 'class="ref cite-3-2"' in html
    assert "cite-3-9" not in html and "[9]" in html  # a marker that points to nothing is not clickable
    assert "cite-" not in cards.answer_markdown("Se canceló [1].", 1)  # no turn: styled only


# ------------------------------------------------------------------------ filters named in answers


def test_the_filters_of_an_answer_are_named_with_a_click_to_clear_them():
    filters = Filters(program=APR, year=2016, status="Cancelado")
    assert describe(filters, labels("es")) == "Programa = Atención Primaria Rural · Año = 2016 · Calificación = Cancelado"
    assert describe(filters, labels("en")) == "Program = Atención Primaria Rural · Year = 2016 · Status = Cancelled"
    line = filters_line(filters, 2, refused=False, lab=labels("es"))
    assert "Filtros: Programa = Atención Primaria Rural" in line and 'class="clear-filters unfilter-2"' in line
    assert "Quitar filtros<" in line
    refused = filters_line(Filters(program=APR), 0, refused=True, lab=labels("es"))
    assert "Con los filtros activos (Programa = Atención Primaria Rural) no se encontró nada." in refused
    assert "Quitar filtros y preguntar de nuevo" in refused
    assert filters_line(Filters(), 0, refused=True, lab=labels("es")) == ""


def test_a_filter_value_is_shown_literally():
    line = filters_line(Filters(ministry="<b>[x](http://e.cl)</b>"), 0, refused=False, lab=labels("es"))
    assert "<b>" not in line and "](http" not in line


def test_answers_and_refusals_in_the_chat_name_their_filters_and_carry_the_tools():
    refused = Turn("¿Por qué se canceló?", Answer("¿Por qué se canceló?", "No encontré nada.", True),
                   Filters(program=APR))
    answered = Turn("Why?", Answer("Why?", "Because [1].", False, (citation(),), language="en"), Filters(year=2014))
    free = Turn("¿Y?", Answer("¿Y?", "Sí [1].", False, (citation(),)))
    shown = conversation.messages([refused, answered, free])
    texts = [m["content"] for m in shown if m["role"] == "assistant"]
    assert "Con los filtros activos (Programa = Atención Primaria Rural)" in texts[0] and "unfilter-0" in texts[0]
    assert "Filters: Year = 2014" in texts[1] and "Clear filters" in texts[1] and "cite-1-1" in texts[1]
    assert "filters-line" not in texts[3]
    for text, turn in ((texts[0], 0), (texts[1], 1), (texts[3], 2)):
        assert f"fb-up-{turn}" in text and f"fb-down-{turn}" in text and "copy-answer" in text
    too_long = Turn("x" * 10, Answer("x" * 10, "Demasiado larga.", True, kind="too_long"))
    assert "answer-tools" not in conversation.messages([too_long])[1]["content"]


class FakeChat:
    def __init__(self):
        self.asked = []

    def ask(self, question, turns, program, ministry, year, status, request):
        self.asked.append((question, program, ministry, year, status))
        yield ("answered",) * 8


def test_clearing_the_filters_after_a_refusal_asks_again_without_them():
    chat = FakeChat()
    handler = clear_filters_then_ask(chat)
    refused = Turn("¿Por qué se canceló?", Answer("¿Por qué se canceló?", "Nada.", True), Filters(program=APR))
    answered = Turn("¿Y?", Answer("¿Y?", "Sí [1].", False, (citation(),)), Filters(program=APR))
    outputs = list(handler("0:123", [refused, answered], None))
    assert chat.asked == [("¿Por qué se canceló?", ALL, ALL, ALL, ALL)]
    assert outputs[-1] == ("answered",) * 8 + (ALL,) * 4
    chat.asked.clear()
    outputs = list(handler("1:5", [refused, answered], None))  # an answer: the filters clear, nothing is asked
    assert chat.asked == [] and outputs[-1][-4:] == (ALL,) * 4
    assert len(list(handler("7:1", [refused], None))) == 1 and chat.asked == []  # no such turn: nothing


# ------------------------------------------------------------------------ feedback


def item(id_="a", verdict="down", comment="", question="¿Por qué se canceló?"):
    answer = Answer(question, "No se licitó [1].", False, (citation(),))
    return feedback.Feedback(id_, question, answer.to_json(), verdict, comment, "2026-12-02T05:00:00+00:00")


def test_feedback_lines_round_trip_and_a_later_line_replaces_an_earlier_one(tmp_path):
    path = tmp_path / "store" / "feedback.jsonl"
    feedback.append(path, item("a", "down"))
    feedback.append(path, item("b", "up", question="¿Qué?"))
    feedback.append(path, item("a", "down", comment="citó otro programa"))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"id": "broken", "question"\n')  # a half-written line is skipped, not fatal
    got = feedback.read(path)
    assert [(i.id, i.verdict, i.comment) for i in got] == [("a", "down", "citó otro programa"), ("b", "up", "")]
    assert got[0].answer["citations"][0]["program"] == "Programa de Riego"
    with pytest.raises(ValueError, match="veredicto"):
        feedback.Feedback("x", "q", {}, "meh")
    assert feedback.read(tmp_path / "none.jsonl") == []


def test_the_vote_is_saved_at_once_and_a_comment_replaces_it(tmp_path):
    path = tmp_path / "feedback.jsonl"
    handlers = FeedbackHandlers(path)
    turns = [Turn("¿Por qué se canceló?", Answer("¿Por qué se canceló?", "No se licitó [1].", False, (citation(),)))]
    box, prompt, pending, text = handlers.vote("0:down:1733", turns, None)
    assert box["visible"] is True and pending == [0, "down"] and "No útil" in prompt
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and lines[0]["verdict"] == "down" and lines[0]["comment"] == ""
    assert lines[0]["question"] == "¿Por qué se canceló?" and lines[0]["answer"]["citations"][0]["n"] == 1
    handlers.comment("  Esperaba el compromiso 1.2  ", pending, turns, None)
    got = feedback.read(path)
    assert len(got) == 1 and got[0].comment == "Esperaba el compromiso 1.2" and got[0].verdict == "down"
    handlers.vote("5:up:1", turns, None)  # no such turn: nothing written
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2


def test_the_evaluation_reads_the_feedback_into_a_report_and_candidate_gold_lines(tmp_path, capsys):
    from assistant.__main__ import main

    path = tmp_path / "feedback.jsonl"
    feedback.append(path, item("a", "down", comment="era el compromiso 1.2"))
    feedback.append(path, item("b", "up", question="¿Qué?"))
    out = tmp_path / "candidatas.jsonl"
    assert main(["eval", "--feedback", str(path), "--gold-out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 opiniones: 1 útiles, 1 no útiles." in printed
    assert "«¿Por qué se canceló?» (citó: Programa de Riego Rec. 2 Comp. 1) — comentario: era el compromiso 1.2" in printed
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and lines[0]["question"] == "¿Por qué se canceló?" and lines[0]["gold"] == []
    assert lines[0]["answered"] == [{"program": "Programa de Riego", "rec": 2, "comp": 1}]
    assert main(["eval", "--feedback", str(tmp_path / "missing.jsonl")]) == 2
