"""The default answerer: no LLM. It composes the answer from the cited rows, picking the
sentences that answer the question, and always states the status with its date and the
verification means, with ``[n]`` citations like an LLM answer would have."""
from __future__ import annotations

import re
from typing import Callable

from ingest.chunking import split_sentences
from ingest.fields import fold
from ingest.text import dmy

from .cues import asks_verification, asks_why
from .drafts import Draft
from .lexical import analyze
from .prompts import Prompts
from .types import Row, ScoredRow

_CAUSAL = re.compile(r"\b(puesto que|debido a|obedece|porque|dado que|ya que|por lo anterior|"
                     r"raz[oó]n|motivo|no responde|se estima conveniente|a causa de|producto de)\b", re.I)
IdfFn = Callable[[str], float]


def status_name(status: str, language: str, prompts: Prompts) -> str:
    """A status as the answer says it: "Cancelled (Cancelado)" in English; unknown ones as they are."""
    if not status:
        return status
    key = "status_" + fold(status).replace(" ", "_")
    return prompts.phrase(language, key) if key in prompts.phrases.get(language, prompts.phrases["es"]) else status


def verification_text(prompts: Prompts, row: Row, language: str) -> str:
    return "; ".join(row.verification) if row.verification else prompts.phrase(language, "no_verification")


def sentence_scores(question: str, sentences: list[str], idf: IdfFn) -> list[float]:
    wanted = set(analyze(question))
    why = asks_why(question)
    scores = []
    for position, sentence in enumerate(sentences):
        terms = set(analyze(sentence))
        score = sum(idf(t) for t in wanted & terms)
        if why and _CAUSAL.search(sentence):
            score += 2.0
        scores.append(score + (0.3 if position == 0 else 0.0))
    return scores


def pick_sentences(question: str, text: str, idf: IdfFn, *, limit: int | None = None,
                   whole_below: int = 45) -> list[str]:
    """The sentences of ``text`` that best answer ``question``, in their original order
    (three for a why-question, whose reason often follows the sentence that names the fact)."""
    sentences = split_sentences(text)
    if len(text.split()) <= whole_below or len(sentences) <= 1:
        return sentences
    limit = limit or (3 if asks_why(question) else 2)
    scores = sentence_scores(question, sentences, idf)
    best = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:limit]
    return [sentences[i] for i in sorted(best)]


def related(top: ScoredRow, others: list[ScoredRow], *, ratio: float = 0.8, limit: int = 2) -> list[ScoredRow]:
    """Further rows nearly as relevant as the top one (cited as 'see also')."""
    return [s for s in others if s.row.kind == "commitment" and s.score >= ratio * top.score
            and s.lexical_coverage >= 0.5 * top.lexical_coverage][:limit]


def compose(question: str, candidates: list[ScoredRow], *, language: str, prompts: Prompts, idf: IdfFn) -> Draft:
    top = candidates[0]
    if top.row.kind == "header":
        return header_draft(top.row, language, prompts)
    text, highlights = row_answer(question, top.row, language=language, prompts=prompts, idf=idf)
    rows = [top.row]
    items = []
    for n, scored in enumerate(related(top, candidates[1:]), 2):
        rows.append(scored.row)
        items.append(f"{scored.row.label} — {status_name(scored.row.status, language, prompts)} [{n}]")
    if items:
        text += "\n" + prompts.phrase(language, "see_also", items="; ".join(items))
    return Draft(text, rows, highlights={1: highlights})


def row_answer(question: str, row: Row, *, language: str, prompts: Prompts, idf: IdfFn) -> tuple[str, tuple[str, ...]]:
    """The answer from one row, cited as [1]: the sentences that answer, the status and its date,
    the verification means (or those first, when the question asks for them)."""
    where = {"program": row.stored.program_short, "rec": row.num("recommendation") or "?",
             "comp": row.num("commitment") or "?", "n": 1}
    status = {"status": status_name(row.status, language, prompts),
              "date": dmy(row.status_date) or prompts.phrase(language, "no_date"),
              "verification": verification_text(prompts, row, language)}
    if asks_verification(question):
        return prompts.phrase(language, "verification_focus", **where, **status), tuple(row.verification)
    record = row.record
    body = " ".join(x for x in (record.compliance_text, record.observation) if x) if record else ""
    chosen = pick_sentences(question, body, idf)
    text = prompts.phrase(language, "according", sentences=" ".join(chosen), **where)
    return text + "\n" + prompts.phrase(language, "status_line", n=1, **status), tuple(chosen)


def header_draft(header: Row, language: str, prompts: Prompts) -> Draft:
    exit_date = header.stored.exit_date
    subject = prompts.phrase(language, "exit_date" if exit_date else "no_exit_date", program=header.program,
                             status=header.stored.report_status, **({"date": dmy(exit_date)} if exit_date else {}))
    return Draft(prompts.phrase(language, "header_fact", subject=subject, n=1), [header], kind="header")
