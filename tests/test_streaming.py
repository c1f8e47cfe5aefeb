"""Real streaming in the chat (issue 10, "Real streaming"): a model's tokens are shown as it writes
them and its markers are checked on the whole answer; an exact or extractive answer, ready at once,
is shown at once, with no replay. The model is LangChain's GenericFakeChatModel (it streams word by
word); the corpus is the sample reports with the hash embedder."""
from __future__ import annotations

import time
from typing import Any, Iterator

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGenerationChunk

from assistant.prompts import Prompts
from assistant.service import Assistant
from assistant.ui.chat import ChatHandlers
from ingest.samples import sample_reports
from tests.test_reliability_answer import fill

QUESTION = "¿Por qué se canceló la evaluación de impacto del programa de Alfabetización Digital Escolar?"
MODEL_TEXT = ("La evaluación de impacto se canceló [1] [9] porque el programa no tenía datos de línea base "
              "suficientes para estimar su efecto, según el informe.")


class SlowFakeChat(GenericFakeChatModel):
    """A model that writes its answer word by word, a little at a time, as a real one does."""

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for chunk in super()._stream(*args, **kwargs):
            time.sleep(0.01)
            yield chunk


@pytest.fixture(scope="module")
def extractive(tmp_path_factory):
    return fill(tmp_path_factory.mktemp("streaming"), sample_reports())


def with_model(assistant: Assistant, llm) -> Assistant:
    return Assistant(assistant.index, assistant.embedder, assistant.files, prompts=Prompts(), llm=llm)


def chat_outputs(assistant: Assistant, folder, question: str) -> list[tuple]:
    return list(ChatHandlers(assistant, folder).ask(question, [], "", "", "", "", None))


def last_assistant_message(output: tuple) -> str:
    return output[0][-1]["content"]


def test_a_model_answer_streams_in_growing_pieces_before_the_checked_final(extractive, tmp_path):
    llm = SlowFakeChat(messages=iter([AIMessage(MODEL_TEXT)]))
    outputs = chat_outputs(with_model(extractive, llm), tmp_path, QUESTION)
    partials = [last_assistant_message(o) for o in outputs[1:-1]]
    assert len(partials) >= 3, partials
    assert all(len(b) > len(a) and b.startswith(a) for a, b in zip(partials, partials[1:]))
    assert any("[9]" in p for p in partials)  # shown as written while it streams ...
    turns = outputs[-1][2]
    final = turns[-1].answer
    assert "[9]" not in final.answer and "[1]" in final.answer  # ... checked when the answer is complete
    assert final.grounded and len(final.citations) == 1


def test_the_service_passes_the_model_text_as_it_grows(extractive):
    seen: list[str] = []
    answer = with_model(extractive, GenericFakeChatModel(messages=iter([AIMessage(MODEL_TEXT)]))).ask(
        QUESTION, on_text=seen.append)
    assert len(seen) > 5 and seen[-1] == MODEL_TEXT
    assert all(b.startswith(a) for a, b in zip(seen, seen[1:]))
    assert answer.answer.startswith("La evaluación de impacto se canceló")


@pytest.mark.parametrize("question", [QUESTION, "¿Qué compromisos fueron cancelados?"])
def test_an_extractive_or_exact_answer_is_shown_at_once_without_replay(extractive, tmp_path, monkeypatch, question):
    monkeypatch.setattr(time, "sleep", lambda s: pytest.fail(f"slept {s} s"))
    start = time.perf_counter()
    outputs = chat_outputs(extractive, tmp_path, question)
    elapsed = time.perf_counter() - start
    assert len(outputs) == 2  # the question pending, then the whole answer: no partial replay
    assert last_assistant_message(outputs[0]) == "…"
    answer = outputs[-1][2][-1].answer
    assert not answer.refused and answer.citations
    assert elapsed < 0.45 + answer.elapsed_ms / 1000  # the old replay alone took about half a second


def test_an_extractive_answer_never_calls_back(extractive):
    seen: list[str] = []
    extractive.ask(QUESTION, on_text=seen.append)
    assert seen == []
