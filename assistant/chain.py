"""The answer chain, as LangChain runnables: prepare (understand + retrieve) -> answer
(exact, extractive, or a chat model over fenced passages) -> finalize (citations checked)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableLambda

from ingest.text import dmy
from .citations import compact, resolve
from .extractive import Draft, IdfFn, compose, verification_text
from .lexical import analyze
from .prompts import Prompts
from .types import Answer, Citation, ScoredRow
from .understanding import Understood

_FENCE = re.compile(r"</?\s*pasaje[^>]*>", re.I)


@dataclass
class Context:
    question: str
    language: str
    reports: str  # which reports were searched, for the prompt and for refusals
    understood: Understood | None = None
    candidates: tuple[ScoredRow, ...] = ()
    draft: Draft | None = None  # set when the answer is already known (exact answers, refusals)


def fence(text: str) -> str:
    """Report text is data: it cannot close or open a passage fence."""
    return _FENCE.sub("", text)


def passages_block(candidates: tuple[ScoredRow, ...], prompts: Prompts, language: str) -> str:
    blocks = []
    for n, scored in enumerate(candidates, 1):
        row, meta = scored.row, scored.row.meta
        blocks.append(prompts.render(
            "passage", n=n, label=row.label,
            status=meta.get("status") or meta.get("report_status", ""),
            date=dmy(meta.get("status_date") or meta.get("exit_date")) or prompts.phrase(language, "no_date"),
            verification=verification_text(prompts, row, language), text=fence(row.text)))
    return "\n\n".join(blocks)


def chat_messages(ctx: Context, prompts: Prompts) -> list:
    language = prompts.phrase(ctx.language, "language_name")
    return [
        SystemMessage(prompts.render("answer_system", language=language)),
        HumanMessage(prompts.render("answer_user", question=ctx.question, reports=ctx.reports,
                                    passages=passages_block(ctx.candidates, prompts, ctx.language))),
    ]


TokenFn = Callable[[str], None]  # called with the model's text so far, as it grows


def build_chain(prepare: Callable[[dict], Context], *, prompts: Prompts, idf: IdfFn,
                llm: BaseChatModel | None = None, on_text: TokenFn | None = None) -> Runnable:
    """``{"question", "filters", "k"}`` -> ``(Context, Draft)``. With ``on_text``, a model's answer is
    streamed (LangChain ``.stream``) and ``on_text`` gets its text as it is written; the markers
    are checked afterwards, on the whole answer, as without streaming."""
    llm_chain = (llm | StrOutputParser()) if llm is not None else None

    def answer(ctx: Context) -> tuple[Context, Draft]:
        if ctx.draft is not None:
            return ctx, ctx.draft
        if llm_chain is None:
            return ctx, compose(ctx.question, list(ctx.candidates), language=ctx.language, prompts=prompts, idf=idf)
        if on_text is None:
            text = llm_chain.invoke(chat_messages(ctx, prompts))
        else:
            text = stream_text(llm_chain, chat_messages(ctx, prompts), on_text)
        return ctx, llm_draft(text, ctx)

    return RunnableLambda(prepare) | RunnableLambda(answer)


def stream_text(llm_chain: Runnable, messages: list, on_text: TokenFn) -> str:
    text = ""
    for chunk in llm_chain.stream(messages):
        if chunk:
            text += chunk
            on_text(text)
    return text


def llm_draft(text: str, ctx: Context) -> Draft:
    rows = [c.row for c in ctx.candidates]
    return Draft(text.strip(), rows, highlights=used_sentences(text, rows))


def used_sentences(answer: str, rows) -> dict[int, tuple[str, ...]]:
    """For a model's answer, the passage sentences sharing most words with it (for highlighting)."""
    from ingest.chunking import split_sentences

    wanted = set(analyze(answer))
    out = {}
    for n, row in enumerate(rows, 1):
        sentences = split_sentences(row.record.get("compliance_text", "") or row.text)
        scored = sorted(sentences, key=lambda s: -len(wanted & set(analyze(s))))
        out[n] = tuple(s for s in scored[:2] if len(wanted & set(analyze(s))) >= 3)
    return out


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
