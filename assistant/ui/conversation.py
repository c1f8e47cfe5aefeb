"""The conversation of one browser session: its turns, and the chat messages shown for them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import Answer, Citation, Filters
from .cards import answer_markdown, cards, grouped, grouped_list, list_lead, literal
from .filters import filters_line
from .labels import Labels, labels


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
        lab = labels(answer.language)
        extra = filters_line(turn.filters, i, refused=answer.refused, lab=lab) + tools(answer, i, lab)
        if grouped(answer):  # a long list: its count in the text, its rows grouped by program below
            out.append({"role": "assistant", "content": answer_markdown(list_lead(answer.answer), 0) + extra})
            out.append({"role": "assistant", "content": grouped_list(answer, i, lab=lab)})
            continue
        text = answer_markdown(answer.answer, len(answer.citations), i)
        out.append({"role": "assistant", "content": text + extra})
        if answer.citations:
            out.append({"role": "assistant", "content": cards(answer, i, lab)})
    if pending is not None:
        out.append({"role": "user", "content": literal(pending)})
        out.append({"role": "assistant", "content": answer_markdown(partial, 0) if partial else "…"})
    return out


def tools(answer: Answer, turn: int, lab: Labels) -> str:
    """Copy and thumbs up/down under an answer (classes «copy-answer», «fb-up-T», «fb-down-T»: the page
    script turns a click into the copy or into the feedback box; refusals can be rated too)."""
    if answer.kind in ("too_long", "error"):
        return ""
    return (f'\n\n<span class="answer-tools"><span class="tool copy-answer" title="{lab("copy")}">❐ {lab("copy")}</span>'
            f'<span class="tool fb-up-{turn}" title="{lab("useful")}">▲ {lab("useful")}</span>'
            f'<span class="tool fb-down-{turn}" title="{lab("not_useful")}">▼ {lab("not_useful")}</span></span>')


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
