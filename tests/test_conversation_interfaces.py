"""Conversations through the interfaces: JSON Lines batches and ``python -m assistant chat`` in the
CLI, ``history`` in the /ask endpoint, the chat handler passing its turns and «Nueva conversación»
starting over. Hash embedder (no torch), the sample reports."""
from __future__ import annotations

import io
import json

import pytest

from assistant.__main__ import batch_line
from assistant.ui.api import ask_endpoint
from assistant.ui.chat import ChatHandlers, history_of
from assistant.types import Filters
from assistant.ui.conversation import Turn
from ingest.samples import sample_reports
from tests.builders import filled_assistant

ALF = "Programa de Alfabetización Digital Escolar"
WHY = "¿Por qué se canceló la evaluación de impacto de Alfabetización Digital Escolar?"
MEANS = "¿Cuáles fueron sus medios de verificación?"


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conv")
    return folder, filled_assistant(folder, sample_reports())


@pytest.fixture
def store(filled, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    return str(filled[0] / "store")


@pytest.mark.parametrize("line, want", [
    ("¿Qué compromisos quedaron cancelados?", (None, "¿Qué compromisos quedaron cancelados?")),
    ('{"conversation": "a", "question": " ¿Por qué? "}', ("a", "¿Por qué?")),
    ('{"conversation": 7, "question": "x"}', ("7", "x")),
    ('{"question": "x"}', (None, "x")),
    ("", None),
    ('{"conversation": "a"}', "falta «question» (el texto de la pregunta)"),
    ('{"conversation": ["a"], "question": "x"}', "«conversation» debe ser un texto o un número"),
])
def test_batch_line(line, want):
    assert batch_line(line) == want


def test_batch_lines_of_one_id_are_one_conversation(store, tmp_path, capsys):
    from assistant.__main__ import main

    batch = tmp_path / "conv.jsonl"
    batch.write_text("\n".join([
        json.dumps({"conversation": "a", "question": WHY}, ensure_ascii=False),
        json.dumps({"conversation": "b", "question": "¿Qué compromisos quedaron cancelados?"}, ensure_ascii=False),
        json.dumps({"conversation": "a", "question": MEANS}, ensure_ascii=False),
        MEANS,  # a plain line stands alone
    ]), encoding="utf-8")
    assert main(["ask", "--store", store, "--json", "--batch", str(batch)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x.get("conversation") for x in lines] == ["a", "b", "a", None]
    assert lines[2]["answer"].startswith("Sobre el compromiso 2.2 de Alfabetización Digital Escolar:")
    assert lines[2]["citations"][0]["program"] == ALF and lines[2]["focus"]["program"] == ALF
    assert not lines[3]["answer"].startswith("Sobre")


def test_a_bad_json_line_answers_nothing(store, tmp_path, capsys):
    from assistant.__main__ import main

    batch = tmp_path / "bad.jsonl"
    batch.write_text('¿Qué compromisos quedaron cancelados?\n{"conversation": "a", "question": }\n', encoding="utf-8")
    assert main(["ask", "--store", store, "--json", "--batch", str(batch)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "línea 2: no es JSON válido" in out.err


def test_chat_command_holds_the_conversation(store, capsys, monkeypatch):
    from assistant.__main__ import main

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{WHY}\n{MEANS}\n/nueva\n{MEANS}\n/salir\n"))
    assert main(["chat", "--store", store]) == 0
    out = capsys.readouterr().out
    assert out.count("Sobre el compromiso 2.2 de Alfabetización Digital Escolar:") == 1, out
    assert out.count("Conversación nueva") == 2


def test_ask_endpoint_takes_a_history(filled):
    ask = ask_endpoint(filled[1])
    first = ask(WHY)
    second = ask(MEANS, history=[first])
    assert second["answer"].startswith("Sobre el compromiso 2.2") and second["focus"]["program"] == ALF
    assert not ask(MEANS, history="not a list")["answer"].startswith("Sobre")


def test_chat_handler_passes_its_turns_and_a_new_conversation_clears_them(filled):
    assistant = filled[1]
    handlers = ChatHandlers(assistant, filled[0] / "exports")
    first = handlers.answer(WHY, Filters())
    turns = [Turn(WHY, first)]
    assert history_of(turns) == [{"question": WHY, "focus": first.focus.to_json()}]
    outputs = list(handlers.ask(MEANS, turns, "", "", "", "", None))
    new_turns = outputs[-1][2]
    assert new_turns[-1].answer.answer.startswith("Sobre el compromiso 2.2")
    assert ChatHandlers.clear()[1] == []  # «Nueva conversación»: no turns, so no history
