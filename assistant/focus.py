"""Follow-up questions: what the conversation so far is about, and how a question leans on it.

The *focus* is data carried from turn to turn (each answer's JSON holds it): the program, the
commitment row, the rows of a list just shown, the filters, the language and the question as it
was read. A new question is read against the last focus by deterministic rules, each a small cue
table (folded text, see ``ingest.fields.fold``):

- it names a program, ministry or service of its own, or is complete on its own: a new focus;
- an ordinal ("el segundo", "the last one") picks a row of the list just shown;
- a list reference ("¿Cuáles de ellos no se cumplieron?") keeps the list's filters;
- a bare year ("¿Y en 2012?") or row ("¿Y el compromiso 2.2?") asks the last question again
  with that year or row;
- a pronoun, possessive or an ellipsis ("sus medios de verificación", "ese programa",
  "lo respalda", "¿Por qué?", "¿Y ...?") stays on the program and row of the focus.

The result is a ``Reading``: a standalone question, the filters to add, and the focus assumed
(for the answer's lead, so that a wrong assumption is visible at once).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from ingest.fields import fold

from .types import Filters

RowKey = tuple[str | None, int | None, int | None]  # program, recommendation, commitment


@dataclass(frozen=True)
class Focus:
    program: str | None = None
    recommendation: int | None = None
    commitment: int | None = None
    rows: tuple[RowKey, ...] = ()  # the rows of a list answer, in the order shown
    filters: Filters = Filters()
    language: str = "es"
    question: str = ""  # the question as it was read (standalone)

    def is_empty(self) -> bool:
        return not (self.program or self.rows or not self.filters.is_empty() or self.question)

    @property
    def row(self) -> tuple[int | None, int | None]:
        return self.recommendation, self.commitment

    def to_json(self) -> dict:
        return {"program": self.program, "recommendation": self.recommendation, "commitment": self.commitment,
                "rows": [list(r) for r in self.rows],
                "filters": {f.name: getattr(self.filters, f.name) for f in fields(Filters)
                            if getattr(self.filters, f.name) not in (None, "")},
                "language": self.language, "question": self.question}

    @classmethod
    def from_json(cls, data: dict | None) -> Focus:
        """The focus of an answer's JSON; an empty focus for anything that is not one (old clients)."""
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(Filters)}
        filters = data.get("filters") if isinstance(data.get("filters"), dict) else {}
        return cls(program=_text(data.get("program")), recommendation=_int(data.get("recommendation")),
                   commitment=_int(data.get("commitment")),
                   rows=tuple((_text(r[0]), _int(r[1]), _int(r[2])) for r in data.get("rows") or ()
                              if isinstance(r, (list, tuple)) and len(r) == 3),
                   filters=Filters(**{k: (_int(v) if k == "year" else _text(v)) for k, v in filters.items()
                                      if k in known}),
                   language="en" if data.get("language") == "en" else "es",
                   question=_text(data.get("question")) or "")


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def last_focus(history) -> Focus:
    """The focus of the newest answer in ``history`` (the previous answers' JSON, oldest first)."""
    for item in reversed(list(history or ())):
        if isinstance(item, dict) and item.get("focus") is not None:
            return Focus.from_json(item["focus"])
    return Focus()


@dataclass(frozen=True)
class Cue:
    kind: str
    pattern: re.Pattern[str]


def cue(kind: str, pattern: str) -> Cue:
    return Cue(kind, re.compile(pattern))


ORDINALS = {"primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3,
            "tercera": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "first": 1, "second": 2,
            "third": 3, "fourth": 4, "fifth": 5, "ultimo": -1, "ultima": -1, "last": -1}
_ORDINAL = "|".join(ORDINALS)

# Each table is read in order; the first cue that matches decides.
CUES: tuple[Cue, ...] = (
    cue("ordinal", rf"\b(?:el|la|del|de la|al|the|about the) (?:{_ORDINAL})\b(?! (?:programa|program)\b)"),
    cue("list", r"\b(?:de|entre) (?:ellos|ellas|esos|esas|estos|estas)\b|\bof (?:them|those|these)\b"
                r"|\bwhich of\b|\bcuales de (?:los|las) anteriores\b"),
    cue("year", r"^\W*(?:y|and|what about|y que tal|y que pasa)?\W*(?:en|in|del|de|for)?\W*((?:19|20)\d\d)\W*$"),
    cue("row", r"^\W*(?:y|and|what about)?\W*(?:el|la|the)?\W*(?:compromiso|commitment|recomendacion|recommendation)"
               r"\W*(?:n\W*)?\d{1,2}(?:\W\d{1,2})?\W*$"),
    cue("program", r"\b(?:ese|esa|este|dicho|aquel|mismo) programa\b|\b(?:that|this|the same) program(?:me)?\b"),
    cue("pronoun", r"\b(?:sus?|ese|esa|este|esta|dicho|dicha|mismo|misma|aquel|aquella) (?:\w+ )?"
                   r"(?:medios?|programa|compromiso|recomendacion|calificacion|estado|fecha|informe|motivo|"
                   r"razon|evidencias?|documentos?|respaldo|cumplimiento)\b"
                   r"|\b(?:lo|la|los|las) (?:respaldan?|justifican?|acreditan?|verifican?)\b"
                   r"|\b(?:its|their|that|this) (?:\w+ )?(?:verification|program|programme|commitment|status|means|"
                   r"evidence|reason|date|report)\b|\b(?:it|they|them)\b"),
    cue("ellipsis", r"^\W*(?:y|and)\b|^\W*(?:por que|porque|why|how so|y por que)\W*$"),
)

_YEAR = re.compile(r"\b(?:en |in |del |de )?(?:19|20)\d\d\b")
_ROW_REF = re.compile(r"\b(?:del |el |la |de la )?(?:compromiso|commitment|recomendacion|recommendation)"
                      r"\s*(?:n\W*)?\d{1,2}(?:\.\d{1,2})?\b")


_EMPTY_PARENS = re.compile(r"\(\s*\)")


def fold_free(text: str) -> str:
    """``text`` with its row references written the folded way, so that ``_ROW_REF`` finds them."""
    return re.sub(r"recomendaci[oó]n", "recomendacion", text, flags=re.I)


def detect_cue(question: str) -> str | None:
    text = fold(question)
    return next((c.kind for c in CUES if c.pattern.search(text)), None)


def ordinal(question: str) -> int | None:
    match = re.search(rf"\b({_ORDINAL})\b", fold(question))
    return ORDINALS[match.group(1)] if match else None


@dataclass(frozen=True)
class Reading:
    question: str  # the question to answer, standalone
    filters: Filters  # the explicit filters plus what the focus carries
    assumed: Focus | None = None  # what the question was read as being about (None: it stands alone)
    rule: str = "standalone"

    @property
    def pinned_row(self) -> tuple[int, int] | None:
        """The one row of the focused program the question is about, if it is about one."""
        a = self.assumed
        if a is None or not a.program or a.recommendation is None or a.commitment is None:
            return None
        return a.recommendation, a.commitment


def read(question: str, focus: Focus, explicit: Filters, *, names_its_own: bool,
         row_ref: tuple[int | None, int | None], bare_program: str | None = None) -> Reading:
    """``question`` read against ``focus``. ``names_its_own``: the question names a program,
    ministry or service (or a program the index lacks) by itself; ``row_ref``: the row numbers it
    names; ``bare_program``: the program it names when it says nothing else ("¿Y en el Programa X?")."""
    alone = Reading(question, explicit)
    if focus.is_empty():
        return alone
    kind = detect_cue(question)
    if kind == "ellipsis" and bare_program and focus.question:  # the last question again, for that program
        assumed = Focus(bare_program, filters=replace(focus.filters, program=bare_program), language=focus.language)
        return Reading(focus.question, fill(explicit, program=bare_program), assumed, "switch")
    if kind is None or names_its_own:
        return alone
    if kind == "program" and focus.program:
        return Reading(question, carry(explicit, focus), Focus(focus.program, language=focus.language), kind)
    carried = carry(explicit, focus)
    if kind == "ordinal" and focus.rows:
        n = ordinal(question)
        index = len(focus.rows) - 1 if n == -1 else (n or 1) - 1
        if index >= len(focus.rows):
            return alone
        program, rec, comp = focus.rows[index]
        assumed = Focus(program, rec, comp, language=focus.language)
        return Reading(f"{question} ({row_words(rec, comp)})", fill(explicit, program=program), assumed, "ordinal")
    if kind == "list" and (focus.rows or not focus.filters.is_empty()):
        filters = replace(carry_list(explicit, focus), status=explicit.status)
        return Reading(question, filters, replace(focus, recommendation=None, commitment=None), "list")
    if kind == "year" and focus.question:
        year = int(re.search(r"(?:19|20)\d\d", question).group(0))
        again = _EMPTY_PARENS.sub("", _YEAR.sub("", focus.question)).strip()
        filters = replace(carry_list(explicit, focus), year=explicit.year or year)  # the evaluation year
        return Reading(f"{again.rstrip('?').rstrip()} (evaluados en {year})?", filters,
                       replace(focus, recommendation=None, commitment=None, rows=(), filters=filters), "year")
    if kind == "row" and focus.program:
        rec, comp = row_ref
        again = _EMPTY_PARENS.sub("", _ROW_REF.sub("", fold_free(focus.question))).strip()
        assumed = Focus(focus.program, rec, comp, language=focus.language)
        return Reading(f"{again} ({row_words(rec, comp)})".strip(), carried, assumed, "row")
    if kind in ("pronoun", "ellipsis", "ordinal", "row") and focus.program:
        if any(row_ref):  # "¿Y su compromiso 2.2?": the row it names, in the focused program
            return Reading(question, carried, Focus(focus.program, *row_ref, language=focus.language), kind)
        if any(focus.row):
            return Reading(f"{question} ({row_words(*focus.row)})", carried,
                           Focus(focus.program, *focus.row, language=focus.language), kind)
        return Reading(question, carried, Focus(focus.program, language=focus.language), kind)
    if kind in ("pronoun", "ellipsis") and not focus.filters.is_empty():
        return Reading(question, carry_list(explicit, focus), replace(focus, recommendation=None, commitment=None),
                       kind)
    return alone


def row_words(rec: int | None, comp: int | None) -> str:
    if rec is not None and comp is not None:
        return f"compromiso {rec}.{comp}"
    return f"recomendación {rec}" if rec is not None else f"compromiso {comp}"


def fill(explicit: Filters, **values) -> Filters:
    """``explicit`` with the given values where the user set none."""
    return replace(explicit, **{k: v for k, v in values.items() if v is not None and not getattr(explicit, k)})


def carry(explicit: Filters, focus: Focus) -> Filters:
    return fill(explicit, program=focus.program)


def carry_list(explicit: Filters, focus: Focus) -> Filters:
    """The scope of the list just shown (program, ministry, service, year; the status is the new question's)."""
    f = focus.filters
    programs = {r[0] for r in focus.rows}
    program = f.program or focus.program or (next(iter(programs)) if len(programs) == 1 else None)
    return fill(explicit, program=program, ministry=f.ministry, service=f.service, year=f.year)


def next_focus(reading: Reading, previous: Focus, *, refused: bool, kind: str, citations: list[dict],
               filters: Filters, language: str) -> Focus:
    """The focus an answer leaves: what it was about. A refusal leaves the previous one."""
    if refused or kind in ("too_long", "error"):
        return previous
    if kind in ("list", "count", "programs"):
        rows = tuple((c["program"], c["recommendation"], c["commitment"]) for c in citations)
        programs = {r[0] for r in rows}
        program = filters.program or (next(iter(programs)) if len(programs) == 1 and kind != "programs" else None)
        return Focus(program, rows=rows if kind != "programs" else (), filters=filters, language=language,
                     question=reading.question)
    top = citations[0] if citations else {}
    return Focus(top.get("program") or filters.program, top.get("recommendation"), top.get("commitment"),
                 filters=replace(filters, status=None), language=language, question=reading.question)
