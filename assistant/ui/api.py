"""The programmatic endpoint: ``Client(url).predict("¿...?", api_name="/ask")``."""
from __future__ import annotations

from collections.abc import Callable

from ..service import Assistant
from .filters import filters_from


def ask_endpoint(assistant: Assistant) -> Callable[..., dict]:
    def ask(question: str, program: str = "", ministry: str = "", service: str = "", year: str = "",
            status: str = "", history: list | None = None) -> dict:
        """Answer a question about the indexed reports.

        Returns the same JSON object as `python -m assistant ask --json`: question, answer,
        refused, elapsed_ms, kind, grounded and citations (program, ministry, service, year,
        source, pages, recommendation, commitment, status, status_date, verification, passage,
        highlights) and focus (what the question was read as being about). Empty filters mean no
        filter. ``history``: the previous answers' JSON objects of the conversation, oldest first;
        a follow-up ("¿Y sus medios de verificación?") is read against the newest one's focus.
        """
        filters = filters_from(program, ministry, year, status, service=service)
        turns = [h for h in history if isinstance(h, dict)] if isinstance(history, list) else []
        return assistant.ask(question, filters=filters, history=turns).to_json()

    return ask
