"""Every prompt and phrasing renders with exactly its variables; a missing or unknown one fails.

The phrasings are also rendered THROUGH THE CODE THAT FILLS THEM: a table of questions (Spanish
and English) is asked of assistants over reports of every kind (egresado or not, with and without
an exit date, observations and verification means, a long one), with a prompt book that records
which phrase was rendered. Every phrase of both ``answers.*.toml`` must be reached, and none may
fail: a call site that passes a variable its phrase does not use (``no_exit_date`` was given a
``date``, issue 8 defect 1) fails here.
"""
from __future__ import annotations

from dataclasses import replace

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.prompts import PromptError, Prompts, render_template, variables
from assistant.types import Filters
from ingest.samples import sample_reports
from tests import builders
from tests.builders import report, row

APR = "Programa de Atención Primaria Rural"
RIEGO = "Programa de Riego Campesino"
CAMINOS = "Programa de Caminos Vecinales"
MAX_QUESTION = 300


def test_the_prompt_files_are_the_ones_the_chat_path_renders():
    assert {"answer_system", "answer_user", "passage"} <= set(Prompts().templates)


def test_both_languages_have_the_same_phrases():
    prompts = Prompts()
    assert set(prompts.phrases) == {"es", "en"}
    assert set(prompts.phrases["es"]) == set(prompts.phrases["en"])
    for key in prompts.phrases["es"]:
        assert variables(prompts.phrases["es"][key]) == variables(prompts.phrases["en"][key]), key


def test_missing_and_unknown_variables_fail():
    with pytest.raises(PromptError, match="missing"):
        render_template("Hola {name}", "t", {})
    with pytest.raises(PromptError, match="unknown"):
        render_template("Hola {name}", "t", {"name": "x", "other": "y"})


# ------------------------------------------------------ phrases through their call sites


class RecordingPrompts(Prompts):
    """The real prompt book, recording each phrase and prompt rendered (and each that failed)."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered: list[tuple[str, str]] = []
        self.failed: list[tuple[str, str, str]] = []
        self.templates_rendered: dict[str, list[str]] = {}

    def render(self, name: str, **values) -> str:
        try:
            text = super().render(name, **values)
        except PromptError as exc:
            self.failed.append(("prompt", name, str(exc)))
            raise
        self.templates_rendered.setdefault(name, []).append(text)
        return text

    def phrase(self, language: str, key: str, **values) -> str:
        try:
            text = super().phrase(language, key, **values)
        except PromptError as exc:
            self.failed.append((language, key, str(exc)))
            raise
        self.rendered.append((language, key))
        return text


def special_reports():
    """Reports of the kinds the samples lack: not egresado and without exit date, rows without
    verification means and with an observation, two rows on one topic, more rows than a list shows."""
    riego = replace(report(RIEGO, rows=(
        row(1, 1, "Cumplido", "El estudio de suelos volcánicos quedó sin respaldo documental alguno.",
            verification=()),
        row(1, 2, "Cancelado", "El estudio de suelos volcánicos fue reemplazado por un catastro de suelos volcánicos."),
        replace(row(2, 1, "No cumplido", "La mesa técnica de canales no sesionó."),
                observation="Se recomienda reprogramar la mesa técnica de canales."),
    )), status="No egresado", exit_date=None, source="riego.txt")
    caminos = report(CAMINOS, sha="b" * 64, source="caminos.txt", ministry="MINISTERIO DE OBRAS PÚBLICAS",
                     rows=tuple(row(1 + i // 4, 1 + i % 4, "Cumplido", f"Se pavimentó el tramo {i} del camino vecinal.")
                                for i in range(33)))
    return [riego, caminos]


def filled_assistant(folder, prompts: Prompts, *, llm=None, reports=()):
    assistant = builders.filled_assistant(folder, reports, llm=llm, max_question_chars=MAX_QUESTION)
    assistant.prompts = prompts
    return assistant


# (assistant, question, explicit filters, phrase key the answer must have rendered)
F = Filters()
QUESTIONS = [
    ("main", "¿Por qué se canceló la evaluación de impacto del programa de Alfabetización Digital Escolar?", F,
     "according"),
    ("main", "Why was the impact evaluation of the Alfabetización Digital Escolar program cancelled?", F, "according"),
    ("main", "¿Por qué se canceló la evaluación de impacto?", F, "status_line"),
    ("main", "Why was the impact evaluation cancelled?", F, "status_line"),
    ("main", "¿Por qué el estudio de suelos volcánicos quedó sin respaldo documental alguno?", F, "no_verification"),
    ("main", "What are the verification means of the study of suelos volcánicos sin respaldo documental alguno?", F, "no_verification"),
    ("main", "¿Qué medios de verificación respaldan el catastro georreferenciado de localidades rurales?", F,
     "verification_focus"),
    ("main", "What are the verification means of the catastro georreferenciado de localidades rurales?", F,
     "verification_focus"),
    ("main", "¿Qué pasó con el estudio de suelos volcánicos?", F, "see_also"),
    ("main", "What happened with the study of suelos volcánicos in the Riego Campesino program?", F, "see_also"),
    ("main", "¿Por qué se recomienda reprogramar la mesa técnica de canales?", F, "according"),  # an observation
    ("main", f"¿Cuándo egresó el {APR}?", F, "exit_date"),
    ("main", "When did the Atención Primaria Rural program exit follow-up?", F, "exit_date"),
    ("main", f"¿Cuándo egresó el {RIEGO}?", F, "no_exit_date"),
    ("main", "When did the Riego Campesino program exit follow-up?", F, "no_exit_date"),
    ("main", f"¿En qué año fue evaluado el {APR}?", F, "eval_year"),
    ("main", "In which year was Atención Primaria Rural evaluated?", F, "eval_year"),
    ("main", f"¿Cuál es la calificación del {RIEGO}?", F, "program_status"),
    ("main", "What is the status of the program Riego Campesino?", F, "program_status"),
    ("main", f"¿Cuál es la calificación del {APR}?", F, "program_status"),
    ("main", f"¿A qué ministerio pertenece el {APR}?", F, "program_ministry"),
    ("main", "Which ministry does the Atención Primaria Rural program belong to?", F, "program_ministry"),
    ("main", f"¿Qué servicio está a cargo del {APR}?", F, "program_service"),
    ("main", "Who runs the Atención Primaria Rural program?", F, "program_service"),
    ("main", "¿Qué compromisos fueron cancelados?", F, "list_intro"),
    ("main", "Which commitments were cancelled?", F, "list_intro"),
    ("main", f"¿Cuáles son los compromisos del {RIEGO}?", F, "list_intro_any"),
    ("main", "List the commitments of the Riego Campesino program", F, "list_intro_any"),
    ("main", "¿Cuántos compromisos fueron cancelados?", F, "count_answer"),
    ("main", "How many commitments were cancelled?", F, "count_answer"),
    ("main", f"¿Cuántos compromisos tiene el {RIEGO}?", F, "count_breakdown"),
    ("main", "How many commitments does the Riego Campesino program have?", F, "count_answer_any"),
    ("main", f"¿Cuántos compromisos no cumplidos tiene el {APR}?", F, "commitments_one"),
    ("main", "How many commitments were not fulfilled in the Atención Primaria Rural program?", F, "commitments_one"),
    ("main", "¿Cuántos compromisos fueron cancelados?", F, "commitments_many"),
    ("main", "¿Qué compromisos no se cumplieron?", F, "list_item"),
    ("main", "Which commitments were not fulfilled?", F, "list_item"),
    ("main", f"¿Qué compromisos parcialmente cumplidos tiene el {RIEGO}?", F, "list_none"),
    ("main", "Which partially fulfilled commitments does the Riego Campesino program have?", F, "list_none"),
    ("main", f"¿Qué compromisos cumplidos tiene el {CAMINOS}?", F, "list_truncated"),
    ("main", "Which fulfilled commitments does the Caminos Vecinales program have?", F, "list_truncated"),
    ("main", f"¿Qué compromisos cancelados tiene el {APR}?", F, "scope_program"),
    ("main", "Which cancelled commitments does the Atención Primaria Rural program have?", F, "scope_program"),
    ("main", "¿Qué compromisos cancelados tiene el Ministerio de Salud?", F, "scope_ministry"),
    ("main", "Which commitments of the Ministerio de Salud were cancelled?", F, "scope_ministry"),
    ("main", "¿Qué compromisos fueron cancelados?", Filters(year=2016), "scope_year"),
    ("main", "Which commitments were cancelled?", Filters(year=2016), "scope_year"),
    ("main", "¿Qué programas del Ministerio de Salud están en el índice?", F, "programs_intro"),
    ("main", "Which programs of the Ministerio de Salud are in the index?", F, "programs_item"),
    ("main", "¿Qué programas hay?", Filters(ministry="MINISTERIO DE MARTE"), "programs_none"),
    ("main", "Which programs are there?", Filters(ministry="MINISTERIO DE MARTE"), "programs_none"),
    ("main", "¿Cuál es la capital de Francia?", F, "refusal"),
    ("main", "What will the weather be like in Santiago tomorrow?", F, "refusal"),
    ("main", "¿Qué compromisos no se cumplieron en el Programa Inexistente de Robótica Lunar?", F, "unknown_program"),
    ("main", "Which commitments of the Lunar Robotics Research Program were not fulfilled?", F, "unknown_program"),
    ("main", "¿Por qué se canceló " + "la evaluación " * 40 + "?", F, "too_long"),
    ("main", "Why was the " + "impact evaluation " * 40 + "cancelled?", F, "too_long"),
    ("empty", "¿Qué compromisos fueron cancelados?", F, "empty_index"),
    ("empty", "Which commitments were cancelled?", F, "empty_index"),
    ("llm", "¿Por qué se canceló la evaluación de impacto?", F, "language_name"),
    ("llm", "Why was the impact evaluation cancelled?", F, "ungrounded"),
    ("llm", "¿Por qué se canceló la evaluación de impacto?", F, "ungrounded"),
    ("llm", "Why was the impact evaluation cancelled?", F, "language_name"),
    # a follow-up with a chat model goes through the condense prompt first
    ("llm", ("¿Por qué se canceló la evaluación de impacto?", "¿Y cuáles fueron sus medios de verificación?"), F,
     "language_name"),
    # follow-ups: the earlier questions of the conversation, then the one whose lead is checked
    ("main", ("¿Por qué se canceló la evaluación de impacto del programa de Alfabetización Digital Escolar?",
              "¿Cuáles fueron sus medios de verificación?"), F, "focus_row"),
    ("main", ("Why was the impact evaluation of the Alfabetización Digital Escolar program cancelled?",
              "What were its verification means?"), F, "focus_row"),
    ("main", (f"¿Cuándo egresó el {APR}?", "¿Y en qué año fue evaluado?"), F, "focus_program"),
    ("main", ("When did the Atención Primaria Rural program exit follow-up?", "Which year was it evaluated?"), F,
     "focus_program"),
    ("main", ("¿Qué compromisos fueron cancelados?", "¿Y en 2016?"), F, "focus_scope"),
    ("main", ("Which commitments were cancelled?", "What about 2016?"), F, "focus_scope"),
]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """Ask the whole table; per question, the (language, key) rendered."""
    prompts = RecordingPrompts()
    every_kind = [*sample_reports(), *special_reports()]
    llm = FakeListChatModel(responses=["Una respuesta del modelo sin citas."])
    assistants = {
        "main": filled_assistant(tmp_path_factory.mktemp("main"), prompts, reports=every_kind),
        "empty": filled_assistant(tmp_path_factory.mktemp("empty"), prompts),
        "llm": filled_assistant(tmp_path_factory.mktemp("llm"), prompts, llm=llm, reports=sample_reports()),
    }
    per_question = []
    for name, question, filters, _ in QUESTIONS:
        *earlier, question = question if isinstance(question, tuple) else (question,)
        history = [assistants[name].ask(q, history=[]).to_json() for q in earlier][-1:]
        start = len(prompts.rendered)
        try:
            answer = assistants[name].ask(question, filters=filters, history=history)
        except Exception as exc:  # reported by the tests below, question by question
            answer = exc
        per_question.append((answer, set(prompts.rendered[start:])))
    return prompts, per_question


def test_every_prompt_file_is_rendered_through_the_code_that_fills_it(recorded):
    """The chat-model questions (``llm``) fill answer_system, answer_user, passage and (a follow-up)
    condense at their call sites: a variable the code passes but the file lacks (or the reverse) fails here."""
    prompts, _ = recorded
    assert prompts.failed == []
    assert set(prompts.templates_rendered) == set(prompts.templates)
    for name, texts in prompts.templates_rendered.items():
        for text in texts:
            assert "{" not in text.replace("{{", ""), (name, text)
    user = prompts.templates_rendered["answer_user"][0]
    assert '<pasaje n="1">' in user and "evaluación de impacto" in user  # passages and question filled in


def test_every_phrase_of_both_languages_is_rendered_through_the_code_that_fills_it(recorded):
    prompts, _ = recorded
    assert prompts.failed == []
    wanted = {(lang, key) for lang, book in prompts.phrases.items() for key in book}
    assert wanted - set(prompts.rendered) == set()


@pytest.mark.parametrize("i", range(len(QUESTIONS)), ids=[f"{q[3]}-{n}" for n, q in enumerate(QUESTIONS)])
def test_each_question_renders_its_phrase_in_its_language(recorded, i):
    _, per_question = recorded
    answer, rendered = per_question[i]
    _, question, _, key = QUESTIONS[i]
    question = question[-1] if isinstance(question, tuple) else question
    assert not isinstance(answer, Exception), (question, answer)
    language = "en" if question.startswith(("Why", "What", "When", "In which", "Which", "Who", "How", "List"))\
        else "es"
    assert (language, key) in rendered, (question, answer.answer, sorted(rendered))
