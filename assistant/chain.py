"""The model's side of the answer path (``answering.AnswerPath``): the chat model as a runnable
(``text_chain``), the condense step for follow-ups, the prompt over fenced passages, streaming;
and ``finalize`` (markers checked, citations built), which every answer goes through."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ingest.text import dmy
from .citations import compact, resolve
from .drafts import Draft
from .extractive import verification_text
from .lexical import analyze
from .prompts import Prompts
from .types import Answer, Citation, ScoredRow

if TYPE_CHECKING:  # LangChain is imported where a model is used: the extractive default needs none
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

_FENCE = re.compile(r"</?\s*pasaje[^>]*>", re.I)


def fence(text: str) -> str:
    """Report text is data: it cannot close or open a passage fence."""
    return _FENCE.sub("", text)


def passages_block(candidates: list[ScoredRow], prompts: Prompts, language: str) -> str:
    blocks = []
    for n, scored in enumerate(candidates, 1):
        row = scored.row
        blocks.append(prompts.render(
            "passage", n=n, label=row.label,
            status=row.status or row.stored.report_status,
            date=dmy(row.status_date or row.stored.exit_date) or prompts.phrase(language, "no_date"),
            verification=verification_text(prompts, row, language), text=fence(row.text)))
    return "\n\n".join(blocks)


def chat_messages(question: str, language: str, reports: str, candidates: list[ScoredRow], prompts: Prompts) -> list:
    from langchain_core.messages import HumanMessage, SystemMessage

    return [
        SystemMessage(prompts.render("answer_system", language=prompts.phrase(language, "language_name"))),
        HumanMessage(prompts.render("answer_user", question=question, reports=reports,
                                    passages=passages_block(candidates, prompts, language))),
    ]


TokenFn = Callable[[str], None]  # called with the model's text so far, as it grows


def text_chain(llm: "BaseChatModel") -> "Runnable":
    """A chat model as a runnable from messages to its text (built once per assistant)."""
    from langchain_core.output_parsers import StrOutputParser

    return llm | StrOutputParser()


def model_draft(model: Runnable, messages: list, candidates: list[ScoredRow], on_text: TokenFn | None) -> Draft:
    """The model's answer over the passages. With ``on_text``, it is streamed (LangChain ``.stream``)
    and ``on_text`` gets its text as it is written; the markers are checked afterwards, on the whole
    answer, as without streaming."""
    text = model.invoke(messages) if on_text is None else stream_text(model, messages, on_text)
    rows = [c.row for c in candidates]
    return Draft(text.strip(), rows, highlights=used_sentences(text, rows))


def stream_text(model: Runnable, messages: list, on_text: TokenFn) -> str:
    text = ""
    for chunk in model.stream(messages):
        if chunk:
            text += chunk
            on_text(text)
    return text


def used_sentences(answer: str, rows) -> dict[int, tuple[str, ...]]:
    """For a model's answer, the passage sentences sharing most words with it (for highlighting)."""
    from ingest.chunking import split_sentences

    wanted = set(analyze(answer))
    out = {}
    for n, row in enumerate(rows, 1):
        sentences = split_sentences((row.record.compliance_text if row.record else "") or row.text)
        scored = sorted(sentences, key=lambda s: -len(wanted & set(analyze(s))))
        out[n] = tuple(s for s in scored[:2] if len(wanted & set(analyze(s))) >= 3)
    return out


def condense(model: Runnable, prompts: Prompts, question: str, focus) -> str:
    """A model's rewrite of a follow-up as a standalone question (one line; "" when it gives none).
    The caller reads the rewrite by the same rules and keeps the focus when it strays."""
    from langchain_core.messages import HumanMessage

    from ingest.chunking import short_program

    rec, comp = focus.row
    about = ", ".join(x for x in (
        f"programa {short_program(focus.program)}" if focus.program else "",
        f"compromiso {rec}.{comp}" if rec is not None and comp is not None else "",
        focus.filters.describe()) if x) or "—"
    prompt = prompts.render("condense", focus=about, previous=focus.question or "—", question=question)
    text = model.invoke([HumanMessage(prompt)])
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:1000] if lines else ""


def finalize(question: str, draft: Draft, *, language: str, prompts: Prompts, elapsed_ms: float) -> Answer:
    """Check the draft's markers against its rows, renumber them 1..m, build the citations."""
    text, valid = resolve(draft.text, len(draft.rows))
    if draft.cite_all:  # a complete list: the rows the text does not name are cited after those it does
        named = set(valid)
        valid += [n for n in range(1, len(draft.rows) + 1) if n not in named]
    text, mapping = compact(text, valid)
    citations = tuple(Citation(mapping[old], draft.rows[old - 1], draft.highlights.get(old, ()))
                      for old in valid)
    grounded = bool(citations) or not draft.rows  # exact answers with no rows are still exact
    if not grounded:  # a model answer that cites nothing valid
        text = f"{text}\n\n{prompts.phrase(language, 'ungrounded')}"
    return Answer(question, text, draft.refused, citations, elapsed_ms, language,
                  "refusal" if draft.refused else draft.kind, grounded)
