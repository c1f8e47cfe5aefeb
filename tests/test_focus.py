"""Follow-up questions: the cue tables (one row per cue), the focus record, and conversations end to
end over the sample reports and the shared real report (hash embedder, no torch), with and without
an LLM (LangChain fake chat models)."""
from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.focus import Focus, Reading, detect_cue, last_focus, ordinal, read
from assistant.types import Filters
from ingest.pipeline import Ingestor
from ingest.samples import sample_reports
from tests.builders import filled_assistant
from tests.conftest import REAL_REPORT

REDES = "Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro Rubro"
APR = "Programa de Atención Primaria Rural"
FLAGSHIP = "¿Por qué se canceló el programa de Asociatividad?"


@pytest.mark.parametrize("question, kind", [
    ("el segundo", "ordinal"),
    ("¿Y la tercera?", "ordinal"),
    ("What about the last one?", "ordinal"),
    ("¿Cuáles de ellos no se cumplieron?", "list"),
    ("Which of them were cancelled?", "list"),
    ("¿Y en 2012?", "year"),
    ("And in 2014?", "year"),
    ("¿Y el compromiso 2.2?", "row"),
    ("¿Y la recomendación 3?", "row"),
    ("¿Y cuáles fueron sus medios de verificación?", "pronoun"),
    ("¿Cuál es la fecha de egreso de ese programa?", "program"),
    ("When did that program exit?", "program"),
    ("¿Cuál es la calificación de su compromiso?", "pronoun"),
    ("¿Qué documentos lo respaldan?", "pronoun"),
    ("What were its verification means?", "pronoun"),
    ("Why was it cancelled?", "pronoun"),
    ("¿Por qué?", "ellipsis"),
    ("Why?", "ellipsis"),
    ("¿Y qué pasó después?", "ellipsis"),
    ("¿Qué compromisos quedaron cancelados?", None),
    ("¿Cuál es la fecha de egreso del programa Redes Pro Rubro?", None),
    ("¿Cuál es el segundo programa más grande del ministerio?", None),  # "segundo programa" is no list reference
])
def test_cue_table(question, kind):
    assert detect_cue(question) == kind


@pytest.mark.parametrize("question, n", [("el segundo", 2), ("la primera", 1), ("the last one", -1), ("¿y?", None)])
def test_ordinals(question, n):
    assert ordinal(question) == n


ROW_FOCUS = Focus(REDES, 1, 2, question=FLAGSHIP)
LIST_FOCUS = Focus(None, rows=((REDES, 1, 2), (APR, 2, 2)), filters=Filters(status="Cancelado"),
                   question="¿Qué compromisos quedaron cancelados?")


@pytest.mark.parametrize("question, focus, names, ref, want", [
    # (question, focus, names its own program, row numbers it names) -> (rule, program, pinned row)
    ("¿Y cuáles fueron sus medios de verificación?", ROW_FOCUS, False, (None, None), ("pronoun", REDES, (1, 2))),
    ("¿Por qué?", ROW_FOCUS, False, (None, None), ("ellipsis", REDES, (1, 2))),
    ("¿Y el compromiso 2.1?", ROW_FOCUS, False, (2, 1), ("row", REDES, (2, 1))),
    ("el segundo", LIST_FOCUS, False, (None, None), ("ordinal", APR, (2, 2))),
    ("el quinto", LIST_FOCUS, False, (None, None), ("standalone", None, None)),  # the list has two rows
    ("¿Y cuáles fueron sus medios de verificación?", ROW_FOCUS, True, (None, None), ("standalone", None, None)),
    ("¿Qué compromisos quedaron cancelados?", ROW_FOCUS, False, (None, None), ("standalone", None, None)),
    ("¿Por qué?", Focus(), False, (None, None), ("standalone", None, None)),
    ("¿Cuál es la fecha de egreso de ese programa?", ROW_FOCUS, False, (None, None), ("program", REDES, None)),
    ("¿Y en el Programa de Atención Primaria Rural?", LIST_FOCUS, True, (None, None), ("switch", APR, None)),
])
def test_reading_rules(question, focus, names, ref, want):
    bare = APR if "Primaria" in question else None
    reading = read(question, focus, Filters(), names_its_own=names, row_ref=ref, bare_program=bare)
    assert (reading.rule, reading.filters.program, reading.pinned_row) == want


def test_a_list_reference_keeps_the_scope_and_takes_the_new_status():
    focus = Focus(APR, rows=((APR, 1, 1), (APR, 3, 2)), filters=Filters(program=APR, status="Cumplido"))
    reading = read("¿Cuáles de ellos no se cumplieron?", focus, Filters(), names_its_own=False, row_ref=(None, None))
    assert reading.rule == "list" and reading.filters == Filters(program=APR)


def test_a_bare_year_asks_the_last_question_again_for_that_year():
    focus = Focus(rows=((REDES, 1, 1),), filters=Filters(status="Cumplido"), question="¿Qué compromisos fueron cumplidos?")
    reading = read("¿Y en 2012?", focus, Filters(), names_its_own=False, row_ref=(None, None))
    assert reading.filters.year == 2012 and reading.question.startswith("¿Qué compromisos fueron cumplidos")


def test_focus_json_round_trip_and_bad_input():
    focus = Focus(REDES, 1, 2, rows=((REDES, 1, 2),), filters=Filters(program=REDES, year=2007), language="en",
                  question="q")
    assert Focus.from_json(focus.to_json()) == focus
    assert Focus.from_json(None) == Focus() and Focus.from_json("x") == Focus()
    assert Focus.from_json({"program": 3, "recommendation": "1", "rows": [[1]], "filters": {"nope": 1}}) == Focus()
    assert last_focus([{"focus": focus.to_json()}, {"answer": "sin foco"}]) == focus
    assert last_focus([]) == Focus() and Reading("q", Filters()).pinned_row is None


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    a = filled_assistant(tmp_path_factory.mktemp("focus"), sample_reports())
    if REAL_REPORT.exists():
        ingestor = Ingestor(a.index, a.files, max_tokens=256, count_tokens=a.embedder.count_tokens)
        assert ingestor.ingest_bytes(REAL_REPORT.read_bytes(), REAL_REPORT.name).ok
        a.refresh()
    return a


def converse(assistant, *questions):
    history = []
    for q in questions:
        history.append(assistant.ask(q, history=history).to_json())
    return history


def top(answer: dict):
    c = answer["citations"][0]
    return c["program"], c["recommendation"], c["commitment"]


@pytest.mark.skipif(not REAL_REPORT.exists(), reason="the shared real report is absent")
def test_flagship_follow_up_stays_on_the_commitment(assistant):
    first, second = converse(assistant, FLAGSHIP, "¿Y cuáles fueron sus medios de verificación?")
    assert top(first) == (REDES, 1, 2) and first["focus"]["commitment"] == 2
    assert second["answer"].startswith("Sobre el compromiso 1.2 de Redes Pro Rubro:")
    assert "Documento Marco; Marco Lógico mejorado" in second["answer"] and top(second) == (REDES, 1, 2)
    alone = assistant.ask("¿Y cuáles fueron sus medios de verificación?").to_json()
    assert not alone["answer"].startswith("Sobre")  # without the history: no assumption


def test_list_then_ordinal_then_why(assistant):
    listed, second, why = converse(assistant, "¿Qué compromisos quedaron cancelados?", "el segundo", "¿Por qué?")
    shown = [(c["program"], c["recommendation"], c["commitment"]) for c in listed["citations"]]
    assert top(second) == shown[1] and top(why) == shown[1]
    assert "Sobre el compromiso" in why["answer"]


def test_list_reference_and_topic_switch(assistant):
    count, of_them, other = converse(assistant, f"¿Cuántos compromisos tiene el {APR}?",
                                     "¿Cuáles de ellos no se cumplieron?",
                                     "¿Qué compromisos quedaron cancelados en el Programa de Alfabetización Digital Escolar?")
    assert of_them["kind"] == "list" and of_them["citations"]
    assert {c["program"] for c in of_them["citations"]} == {APR}
    assert {c["status"] for c in of_them["citations"]} == {"No cumplido"}
    assert {c["program"] for c in other["citations"]} == {"Programa de Alfabetización Digital Escolar"}
    assert not other["answer"].startswith("Sobre")


def test_a_bare_program_asks_the_last_question_for_it(assistant):
    first, second = converse(assistant, "¿Qué compromisos quedaron cancelados en el Programa de Encadenamientos "
                             "Productivos Regionales?", "¿Y en el Programa de Alfabetización Digital Escolar?")
    assert second["kind"] == "list" and second["answer"].startswith("Sobre Alfabetización Digital Escolar:")
    assert [top(second)] == [("Programa de Alfabetización Digital Escolar", 2, 2)] == [
        (c["program"], c["recommendation"], c["commitment"]) for c in second["citations"]]


def test_out_of_scope_follow_up_is_refused_and_keeps_the_focus(assistant):
    first, off, back = converse(assistant, "¿Por qué se canceló la evaluación de impacto de Alfabetización Digital Escolar?",
                                "¿Y cuál es la capital de Francia?", "¿Cuáles fueron sus medios de verificación?")
    assert off["refused"] and back["focus"]["program"] == first["focus"]["program"]
    assert top(back) == top(first)


def test_english_follow_up_gets_an_english_lead(assistant):
    first, second = converse(assistant, "Why was the impact evaluation of the Alfabetización Digital Escolar "
                             "program cancelled?", "What were its verification means?")
    assert second["answer"].startswith("About commitment") and top(second) == top(first)


def test_llm_condense_step_rewrites_and_is_checked_against_the_focus(tmp_path):
    # condense, then the answer; the second rewrite strays to another program and is not taken
    llm = FakeListChatModel(responses=[
        "¿Cuáles son los medios de verificación del compromiso 2.2 de Alfabetización Digital Escolar?",
        "Respuesta [1].",
        f"¿Cuáles son los medios de verificación del {APR}?",
        "Otra respuesta [1].",
    ])
    a = filled_assistant(tmp_path, sample_reports(), llm=llm)
    first = {"question": "x", "focus": Focus("Programa de Alfabetización Digital Escolar", 2, 2,
                                             question="¿Por qué se canceló la evaluación de impacto?").to_json()}
    second = a.ask("¿Y sus medios de verificación?", history=[first]).to_json()
    assert second["answer"].startswith("Sobre el compromiso 2.2 de Alfabetización Digital Escolar:")
    assert top(second)[0] == "Programa de Alfabetización Digital Escolar"
    third = a.ask("¿Y sus medios de verificación?", history=[first]).to_json()
    assert top(third)[0] == "Programa de Alfabetización Digital Escolar"


def test_llm_rewrite_that_drops_the_follow_ups_words_is_not_taken(tmp_path):
    # the model "rewrites" into something else entirely: the rules' own reading answers instead
    llm = FakeListChatModel(responses=["Una respuesta del modelo sin citas.", "Respuesta [1]."])
    a = filled_assistant(tmp_path, sample_reports(), llm=llm)
    first = {"question": "x", "focus": Focus("Programa de Alfabetización Digital Escolar", 2, 2,
                                             question="¿Por qué se canceló la evaluación de impacto?").to_json()}
    second = a.ask("¿Y sus medios de verificación?", history=[first]).to_json()
    assert not second["refused"]
    assert second["answer"].startswith("Sobre el compromiso 2.2 de Alfabetización Digital Escolar:")
    assert top(second)[0] == "Programa de Alfabetización Digital Escolar"
