"""The answer path: a question, read against the conversation so far, becomes an ``Answer``.

``AnswerPath.answer`` reads top to bottom: read the question against the focus (follow-ups),
understand it, answer it from the data when it asks for data (lists, counts, header facts), else
retrieve, refuse what the reports do not hold, compose (extractive or a chat model), finalize
(markers checked), and attach the focus the answer leaves. Built once per assistant; the
snapshot (catalog, lexical index, retriever) is passed in per question.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ingest.chunking import short_program
from . import structured
from .catalog import Catalog
from .chain import chat_messages, condense, finalize, model_draft, text_chain
from .config import Relevance
from .drafts import Draft
from .extractive import compose
from .focus import Focus, Reading, last_focus, next_focus, read
from .lexical import BM25Index, analyze
from .prompts import Prompts
from .query_filters import GENERIC_NAME_WORDS
from .retrieval import HybridRetriever, refers
from .types import Answer, Filters, ScoredRow
from .understanding import Understander, Understood, topic_terms

if TYPE_CHECKING:  # LangChain loads only with a model backend (assistant.llm)
    from langchain_core.language_models import BaseChatModel


@dataclass(frozen=True)
class Snapshot:
    catalog: Catalog
    lexical: BM25Index
    retriever: HybridRetriever
    understand: Understander


class AnswerPath:
    def __init__(self, *, prompts: Prompts, llm: BaseChatModel | None, relevance: Relevance, k: int) -> None:
        self.prompts = prompts
        self.model = text_chain(llm) if llm is not None else None  # a runnable, built once
        self.relevance = relevance
        self.k = k

    def answer(self, question: str, snap: Snapshot, *, filters: Filters = Filters(), k: int | None = None,
               history=(), on_text=None, start: float | None = None) -> Answer:
        start = time.perf_counter() if start is None else start
        focus = last_focus(history)
        reading = self.read(snap, question.strip(), focus, filters)
        und = snap.understand(reading.question, reading.filters)
        draft = self.from_data(snap, und)  # no reports, a program the index lacks, lists, counts, header facts
        if draft is None:
            rows = pinned(self.search(snap, reading.question, und, k or self.k), reading.pinned_row)
            if not rows or not (self.relevance.ok(rows[0]) or named(und, rows[0])):
                draft = self.refusal(snap, und.intent.language)
            else:
                draft = self.compose(snap, reading.question, und.intent.language, rows, on_text)
        answer = finalize(question, draft, language=und.intent.language, prompts=self.prompts,
                          elapsed_ms=(time.perf_counter() - start) * 1000)
        return self.with_focus(answer, reading, focus, und)

    # -- the steps, in the order ``answer`` takes them --------------------------------------
    def read(self, snap: Snapshot, question: str, focus: Focus, filters: Filters) -> Reading:
        """The question read against the conversation's focus: by the rules (``focus.read``), or, with
        a model, rewritten as a standalone question first and then read by the same rules; a rewrite
        that moves to another program than the rules' reading is not taken."""
        if focus.is_empty():
            return Reading(question, filters)
        own = self.reading(snap, question, focus, filters)
        if self.model is None:
            return own
        rewritten = condense(self.model, self.prompts, question, focus)
        if not rewritten or rewritten == question or not keeps_words(question, rewritten):
            return own
        theirs = self.reading(snap, rewritten, focus, filters)
        program = snap.understand(rewritten, filters).filters.program
        if program and own.filters.program and program != own.filters.program:
            return own
        return theirs if theirs.assumed is not None or own.assumed is None else replace(
            theirs, assumed=own.assumed, filters=own.filters)

    def reading(self, snap: Snapshot, question: str, focus: Focus, filters: Filters) -> Reading:
        und = snap.understand(question, filters)
        names = bool(und.filters.program != filters.program or und.filters.ministry != filters.ministry
                     or und.filters.service != filters.service or und.unknown_program)
        program = und.filters.program if und.filters.program != filters.program else None
        bare = program if program and not [t for t in topic_terms(question) if t not in analyze(program)] else None
        reading = read(question, focus, filters, names_its_own=names, row_ref=und.row_ref, bare_program=bare)
        if reading.assumed is not None and not in_scope(snap.lexical, question):
            return Reading(question, filters)  # answered (or refused) on its own words
        return reading

    def from_data(self, snap: Snapshot, und: Understood) -> Draft | None:
        """Answers that come from the data, not from similarity: none (a refusal) for an empty index
        or a program the index does not hold; lists, counts, programs of a ministry, header facts."""
        lang = und.intent.language
        if not snap.catalog.reports:
            return Draft(self.prompts.phrase(lang, "empty_index"), [], refused=True)
        if und.unknown_program and not used_in_reports(snap.lexical, und.unknown_program):
            return self.unknown_program(snap, und)
        return self.exact(snap, und)

    def unknown_program(self, snap: Snapshot, und: Understood) -> Draft:
        """A question about a program the index does not hold is refused, never answered over all programs."""
        suggestions = ", ".join(f"«{short_program(p)}»" for p in snap.understand.closest_programs(und.unknown_program))
        text = self.prompts.phrase(und.intent.language, "unknown_program", name=und.unknown_program,
                                   reports=structured.reports_searched(snap.catalog, und.intent.language, self.prompts),
                                   suggestions=suggestions)
        return Draft(text, [], refused=True)

    def exact(self, snap: Snapshot, und: Understood) -> Draft | None:
        intent, filters, lang = und.intent, und.filters, und.intent.language
        if intent.kind in ("list", "count") and intent.subject != "programs":
            return structured.list_rows(snap.catalog, filters, count_only=intent.kind == "count",
                                        language=lang, prompts=self.prompts)
        if intent.kind == "programs" or intent.subject == "programs":
            ministry = filters.ministry or next((r.ministry for r in snap.catalog.reports.values()
                                                if r.program == filters.program), None)
            if ministry:
                return structured.programs_of(snap.catalog, ministry, language=lang, prompts=self.prompts)
            return None
        if intent.kind == "header" and intent.header_field:
            info = self.report_for(snap, und)
            if info is not None:
                return structured.header_fact(info, intent.header_field, language=lang, prompts=self.prompts)
        return None

    def report_for(self, snap: Snapshot, und: Understood):
        """The report a header question is about: named, the only one, or the best match."""
        reports = snap.catalog.reports
        if und.filters.program:
            return next((r for r in reports.values() if r.program == und.filters.program), None)
        if len(reports) == 1:
            return next(iter(reports.values()))
        found = snap.retriever.retrieve(und.lexical_query, k=1, filters=und.explicit)
        if found and self.relevance.ok(found[0]):
            return reports.get(found[0].row.source)
        return None

    def search(self, snap: Snapshot, question: str, und: Understood, k: int) -> list[ScoredRow]:
        """Retrieve with the understood filters; fall back to the explicit ones alone."""
        options = {"k": k, "lexical_query": und.lexical_query, "status_hint": und.status_hint,
                   "row_ref": und.row_ref}
        found = snap.retriever.retrieve(question, filters=und.filters, **options)
        if und.filters != und.explicit and (not found or not self.relevance.ok(found[0])):
            found = snap.retriever.retrieve(question, filters=und.explicit, **options)
        return found

    def refusal(self, snap: Snapshot, language: str) -> Draft:
        text = self.prompts.phrase(language, "refusal",
                                 reports=structured.reports_searched(snap.catalog, language, self.prompts))
        return Draft(text, [], refused=True)

    def compose(self, snap: Snapshot, question: str, language: str, rows: list[ScoredRow], on_text) -> Draft:
        """Extractive (no model), or the chat model over the fenced passages (streamed to ``on_text``)."""
        if self.model is None:
            return compose(question, rows, language=language, prompts=self.prompts, idf=snap.lexical.idf)
        reports = structured.reports_searched(snap.catalog, language, self.prompts)
        messages = chat_messages(question, language, reports, rows, self.prompts)
        return model_draft(self.model, messages, rows, on_text)

    def with_focus(self, answer: Answer, reading: Reading, previous: Focus, und: Understood) -> Answer:
        """The answer with its focus, and the lead that says what a follow-up was taken to be about."""
        citations = [c.to_json() for c in answer.citations]
        focus = next_focus(reading, previous, refused=answer.refused, kind=answer.kind, citations=citations,
                           filters=und.filters, language=answer.language)
        text = answer.answer
        if reading.assumed is not None and not answer.refused:
            text = f"{self.lead(reading.assumed, answer.language)} {text}"
        return replace(answer, answer=text, focus=focus)

    def lead(self, assumed: Focus, language: str) -> str:
        program = short_program(assumed.program) if assumed.program else None
        rec, comp = assumed.row
        if program and rec is not None and comp is not None:
            return self.prompts.phrase(language, "focus_row", program=program, rec=rec, comp=comp)
        if program:
            return self.prompts.phrase(language, "focus_program", program=program)
        f = assumed.filters
        described = ", ".join(str(v) for v in (f.program and short_program(f.program), f.ministry, f.service,
                                               f.year, f.status) if v)
        return self.prompts.phrase(language, "focus_scope", scope=described) if described else ""


_GENERIC_NAME_TERMS = frozenset(analyze(GENERIC_NAME_WORDS))
# Words a follow-up uses to point back, not to add a topic ("¿Qué documentos lo respaldan?").
_FOLLOW_UP_TERMS = frozenset(analyze(
    "respalda respaldan respaldo respaldos justifica justifican acredita acreditan verifica verifican "
    "documento documentos evidencia evidencias ese esa este esta dicho dicha mismo misma aquel aquella "
    "anterior anteriores primero primera segundo segunda tercero tercera ultimo ultima medios medio "
    "verificacion calificacion estado fecha informe it they them its their that this those these "
    "first second third last one about means verification evidence status date report supporting documents "
    "year years when which evaluated evaluation exit exited ministry service"))


def keeps_words(question: str, rewritten: str) -> bool:
    """A model's rewrite is taken only if it keeps every topic word the follow-up itself has
    ("medios de verificación"): a rewrite that drops them answers another question."""
    return set(topic_terms(question)) <= set(topic_terms(rewritten))


def in_scope(lexical: BM25Index, question: str) -> bool:
    """A follow-up stays on the focus only if the index knows every topic word it adds
    ("¿Y cuál es la capital de Francia?" is still refused)."""
    terms = [t for t in topic_terms(question) if t not in _FOLLOW_UP_TERMS and not t[:1].isdigit()]
    return len(lexical.known_terms(" ".join(terms))) == len(terms)


def used_in_reports(lexical: BM25Index, name: str) -> bool:
    """A name that is not an indexed program but whose distinctive words one row holds together is
    a topic of the reports (a component or a former program: «Programa de Asociatividad» inside
    Redes Pro Rubro), to be searched, not refused as a program the index lacks."""
    terms = [t for t in lexical.query_terms(name) if t not in _GENERIC_NAME_TERMS]
    if not terms or len(lexical.known_terms(" ".join(terms))) < len(terms):
        return False
    return any(len(lexical.matched_terms(" ".join(terms), doc)) == len(terms)
               for doc, _ in lexical.search(" ".join(terms), k=5))


def pinned(candidates: list[ScoredRow], row: tuple[int, int] | None) -> list[ScoredRow]:
    """A follow-up about one row of the focus ("¿Y sus medios de verificación?") is answered from that
    row: it goes first, the others keep their order."""
    if row is None:
        return candidates
    return sorted(candidates, key=lambda s: not refers(s.row, row))


def named(und: Understood, best: ScoredRow) -> bool:
    """The question names this very row: its program and its recommendation/commitment numbers."""
    return bool(und.filters.program) and any(und.row_ref) and refers(best.row, und.row_ref)
