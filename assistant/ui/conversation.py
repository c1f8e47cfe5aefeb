"""The conversation of one browser session: its turns, and the chat messages shown for them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import Answer, Citation, Filters
from .cards import answer_markdown, cards, grouped, grouped_list, list_lead, literal


@dataclass(frozen=True)
class Turn:
    """One question of the conversation and what the assistant answered."""
    question: str
    answer: Answer
    filters: Filters = field(default_factory=Filters)


def messages(turns: list[Turn], *, pending: str | None = None, partial: str | None = None) -> list[dict]:
    """Chat messages for ``turns``; ``pending`` is a question being answered, ``partial`` its text so far."""
    out: list[dict] = []
    for i, turn in enumerate(turns):
        out.append({"role": "user", "content": literal(turn.question)})
        answer = turn.answer
        if grouped(answer):  # a long list: its count in the text, its rows grouped by program below
            out.append({"role": "assistant", "content": answer_markdown(list_lead(answer.answer), 0)})
            out.append({"role": "assistant", "content": grouped_list(answer, i)})
            continue
        out.append({"role": "assistant", "content": answer_markdown(answer.answer, len(answer.citations))})
        if answer.citations:
            out.append({"role": "assistant", "content": cards(answer, i)})
    if pending is not None:
        out.append({"role": "user", "content": literal(pending)})
        out.append({"role": "assistant", "content": answer_markdown(partial, 0) if partial else "…"})
    return out


def citation_choices(turns: list[Turn]) -> list[tuple[str, str]]:
    """(label, key) of the last answer's citations, for the selector beside the chat."""
    if not turns:
        return []
    last = len(turns) - 1
    return [(f"[{c.n}] {c.row.label}", f"{last}:{c.n}") for c in turns[-1].answer.citations]


def find_citation(turns: list[Turn], key: str | None) -> Citation | None:
    """The citation a key «turn:n» (optionally «turn:n:nonce») points to, if any."""
    match = re.fullmatch(r"(\d+):(\d+)(?::.*)?", (key or "").strip())
    if not match:
        return None
    turn, n = int(match.group(1)), int(match.group(2))
    if turn >= len(turns):
        return None
    return next((c for c in turns[turn].answer.citations if c.n == n), None)
