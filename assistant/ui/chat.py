"""The chat tab's handlers: ask (streamed), open a citation, start over, export."""
from __future__ import annotations

import hashlib
import logging
import queue
import threading
from pathlib import Path
from typing import Iterator

import gradio as gr

from .. import guards
from ..service import Assistant
from ..types import Answer
from .cards import EMPTY_PANEL, passage_panel
from .conversation import Turn, citation_choices, find_citation, messages
from .csv_export import is_list, write_list_csv
from .export import write_export
from .filters import filters_from
from .labels import labels
from .page_image import page_view

log = logging.getLogger(__name__)


def history_of(turns: list[Turn]) -> list[dict]:
    """The conversation so far as ``Assistant.ask`` takes it: what each answer was about (its focus)."""
    return [{"question": t.question, "focus": t.answer.focus.to_json()} for t in turns if t.answer.focus is not None]


class ChatHandlers:
    def __init__(self, assistant: Assistant, exports: Path) -> None:
        self.assistant = assistant
        self.exports = exports

    def ask(self, question: str, turns: list[Turn], program: str, ministry: str, year: str, status: str,
            request: gr.Request):
        """Outputs: chat, question box, turns, citation selector, passage, page image, download button,
        list download (the last answer's rows as CSV when it is a list, hidden otherwise)."""
        question = (question or "").strip()
        if not question:
            gr.Warning("Escriba una pregunta.", duration=4)  # the page titles it «Aviso» (style.JS)
            yield (gr.skip(),) * 8
            return
        too_long = guards.too_long(question, self.assistant.max_question_chars, self.assistant.prompts)
        if too_long:  # said at once; nothing is searched and the question stays in the box to be shortened
            gr.Warning(too_long)
            yield (gr.skip(),) * 8
            return
        filters = filters_from(program, ministry, year, status)
        closed = (gr.update(choices=[], value=None, visible=False), EMPTY_PANEL, gr.update(value=None, visible=False))
        yield messages(turns, pending=question), "", gr.skip(), *closed, gr.skip(), gr.skip()
        for item in self.answers(question, filters, history_of(turns)):
            if isinstance(item, Answer):
                answer = item
            else:  # a model's text so far
                yield messages(turns, pending=question, partial=item), *(gr.skip(),) * 7
        turns = [*turns, Turn(question, answer, filters)]
        folder = self.session_folder(request) if request and request.session_hash else None
        export = write_export(turns, folder) if folder else None
        rows = write_list_csv(answer, folder) if folder and is_list(answer) else None
        cited = citation_choices(turns)  # no empty «Citas» box after a refusal
        yield (messages(turns), gr.skip(), turns, gr.update(choices=cited, value=None, visible=bool(cited)),
               gr.skip(), gr.skip(), gr.update(value=export, interactive=export is not None),
               gr.update(value=rows, visible=rows is not None))

    def session_folder(self, request: gr.Request) -> Path:
        """The session's export folder; the session id comes from the browser, so it is hashed, not used as a path."""
        return self.exports / hashlib.sha256(request.session_hash.encode("utf-8")).hexdigest()[:24]

    def answers(self, question: str, filters, history=()) -> Iterator[str | Answer]:
        """With an LLM backend, the model's text as it is written (the newest of it when the chat lags
        behind), then the checked Answer. An exact or extractive answer is ready at once: only it comes."""
        updates: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=lambda: updates.put(self.answer(question, filters, history, on_text=updates.put)),
                         name="answer", daemon=True).start()
        while True:
            item = updates.get()
            while isinstance(item, str) and not updates.empty():
                item = updates.get()
            yield item
            if isinstance(item, Answer):
                return

    def answer(self, question: str, filters, history=(), on_text=None) -> Answer:
        try:
            return self.assistant.ask(question, filters=filters, history=history, on_text=on_text)
        except Exception as exc:  # shown to the user in the chat, and logged in full
            log.exception("question failed: %s", question)
            return Answer(question, f"No se pudo responder la pregunta: {type(exc).__name__}: {exc}", refused=True,
                          kind="error", grounded=False)

    def open(self, key: str, turns: list[Turn]):
        """Outputs: passage panel, page image, citation selector value."""
        citation = find_citation(turns, key)
        if citation is None:
            return EMPTY_PANEL, gr.update(value=None, visible=False), gr.update(value=None)
        lab = labels(turns[int(key.split(":")[0])].answer.language)
        view = page_view(citation, self.assistant.source_file(citation.row.stored.sha256), lab=lab)
        panel = passage_panel(citation, view.notice, caption=view.image is not None, lab=lab)
        image = gr.update(value=view.image, visible=view.image is not None)
        turn = key.split(":")[0]
        selected = f"{turn}:{citation.n}" if int(turn) == len(turns) - 1 else None
        return panel, image, gr.update(value=selected)

    @staticmethod
    def clear():
        """«Nueva conversación»: no turns, so no history and no focus for the next question. Outputs: chat, turns, citation selector, passage, page image, download button, list download."""
        return ([], [], gr.update(choices=[], value=None, visible=False), EMPTY_PANEL, gr.update(value=None, visible=False),
                gr.update(value=None, interactive=False), gr.update(value=None, visible=False))
