"""Thumbs up/down under an answer, with an optional comment, written to ``<store>/feedback.jsonl``.

A click on «▲ Útil» / «▼ No útil» (class «fb-up-T» / «fb-down-T») writes «T:up:nonce» into the
hidden #feedback-key box; the verdict is saved at once and a comment box opens; a comment sent
from it replaces that line (same id)."""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

import gradio as gr

from .. import feedback
from .conversation import Turn

log = logging.getLogger(__name__)
KEY = re.compile(r"(\d+):(up|down)(?::.*)?")


class FeedbackHandlers:
    def __init__(self, path: Path) -> None:
        self.path = path

    @staticmethod
    def item_id(request: gr.Request | None, turn: int, question: str) -> str:
        session = (request.session_hash if request and request.session_hash else "") or ""
        return hashlib.sha256(f"{session}\n{turn}\n{question}".encode("utf-8")).hexdigest()[:16]

    def save(self, item: feedback.Feedback) -> bool:
        try:
            feedback.append(self.path, item)
            return True
        except OSError as exc:  # a read-only store still answers; the user is told the vote was not kept
            log.warning("feedback not saved to %s: %s", self.path, exc)
            gr.Warning(f"No se pudo guardar la opinión en {self.path}: {exc.strerror or exc}")
            return False

    def vote(self, key: str, turns: list[Turn], request: gr.Request):
        """Outputs: comment box (shown), its prompt, pending vote (turn, verdict), comment text (cleared)."""
        match = KEY.fullmatch((key or "").strip())
        if not match or int(match.group(1)) >= len(turns):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        turn, verdict = int(match.group(1)), match.group(2)
        asked = turns[turn]
        item = feedback.Feedback(self.item_id(request, turn, asked.question), asked.question,
                                 asked.answer.to_json(), verdict, "", feedback.now())
        if not self.save(item):
            return gr.update(visible=False), gr.skip(), None, ""
        gr.Info("Gracias: su opinión quedó guardada." if verdict == "up" else
                "Gracias: su opinión quedó guardada. Puede agregar un comentario.", duration=3)
        prompt = ("**▲ Útil** · ¿algo que agregar? (opcional)" if verdict == "up" else
                  "**▼ No útil** · ¿qué estaba mal o qué esperaba? (opcional)")
        return gr.update(visible=True), f"{prompt} — «{asked.question[:120]}»", [turn, verdict], ""

    def comment(self, text: str, pending: list | None, turns: list[Turn], request: gr.Request):
        """Outputs: comment box (hidden), pending vote (cleared), comment text (cleared)."""
        text = (text or "").strip()[:feedback.MAX_COMMENT]
        if pending and text and pending[0] < len(turns):
            turn, verdict = pending
            asked = turns[turn]
            if self.save(feedback.Feedback(self.item_id(request, turn, asked.question), asked.question,
                                           asked.answer.to_json(), verdict, text, feedback.now())):
                gr.Info("Comentario guardado. Gracias.", duration=3)
        return gr.update(visible=False), None, ""
