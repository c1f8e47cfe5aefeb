"""Understand the structured part of a question: language, status, year and intent.

Pure functions over the question text, read with the cue tables below (``assistant.cues``
holds the interpreter). Patterns run on the normalised question, so "¿Cuántos compromisos
quedaron CANCELADOS?" and "cuantos compromisos quedaron cancelados" read the same.

The intent is conservative: a question only becomes a list, a count or a header look-up on an
explicit cue; anything else (and every "why" question) is a ``search``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ingest.fields import fold
from ingest.records import STATUSES

from .cues import REASON_CUES, Cue, first, kind_of, near, normalize, spans
from .lexical import tokenize
from .names import NameMatcher

Language = Literal["es", "en"]
Kind = Literal["search", "list", "count", "header", "programs"]
HeaderField = Literal["exit_date", "year", "status", "ministry", "service"]
Subject = Literal["commitments", "recommendations", "programs"]

CUMPLIDO, PARCIAL, NO_CUMPLIDO, CANCELADO = STATUSES


@dataclass(frozen=True)
class QueryIntent:
    """What a question asks for, beyond its words.

    ``status`` is the first status mentioned (``statuses`` all of them, in order). It is a
    filter when ``status_is_filter`` (a list or a count); otherwise only a hint, as in
    "¿Por qué se canceló el programa?".
    """

    kind: Kind = "search"
    language: Language = "es"
    status: str | None = None
    statuses: tuple[str, ...] = ()
    subject: Subject | None = None
    header_field: HeaderField | None = None
    year: int | None = None
    names: tuple[str, ...] = ()
    asks_reason: bool = False

    @property
    def wants_list(self) -> bool:
        return self.kind in ("list", "programs")

    @property
    def wants_count(self) -> bool:
        return self.kind == "count"

    @property
    def status_is_filter(self) -> bool:
        return self.status is not None and self.kind in ("list", "count", "programs")


# ----------------------------------------------------------------------------- language
_ES_WORDS = frozenset(
    "de la el los las que en del se por con para una un es son cual cuales cuantos cuantas "
    "como fue fueron y al lo su sus esta estan hay donde cuando quien programa programas "
    "compromiso compromisos ministerio porque quedaron tiene tienen ano".split()
)
_EN_WORDS = frozenset(
    "the of and what which how many was were is are did does do why when who program programs "
    "commitment commitments ministry to in has have been with for from this that by it status "
    "there any list show".split()
)
_ES_MARKS = re.compile(r"[¿¡ñÑáéíóúÁÉÍÓÚ]")


def detect_language(question: str) -> Language:
    """``"en"`` when English function words outnumber Spanish ones; ``"es"`` otherwise."""
    words = tokenize(question)
    spanish = sum(w in _ES_WORDS for w in words) + 2 * len(_ES_MARKS.findall(question))
    english = sum(w in _EN_WORDS for w in words)
    return "en" if english > spanish else "es"


# ------------------------------------------------------------------------------- status
_AUX = (
    r"se|ha|han|haya|hayan|fue|fueron|sido|esta|estan|quedo|quedaron"
    r"|be|been|was|were|got|get|yet"
)
_EN_DONE = r"(?:fulfil\w*|complet\w*|met|achieved|accomplished|complied|comply|implemented)"
_NEGATION = r"\b(?:no|not|never|\w+n t|sin)"
_NEGATED = None  # a negated status that has no canonical name ("no fueron cancelados")

# Read in this order; a later cue cannot claim words an earlier one matched, so "no cumplidos"
# and "parcialmente cumplidos" never also count as "cumplidos".
STATUS_CUES: tuple[Cue[str | None], ...] = (
    Cue(_NEGATED, near(_NEGATION, r"cancel\w*", 2, word=_AUX)),
    Cue(PARCIAL, r"\bparcialmente(?: cumpl\w*)?\b"),
    Cue(PARCIAL, r"\bcumpl\w* (?:en forma |de forma |de manera )?parcial(?:es|mente)?\b"),
    Cue(PARCIAL, r"\bparcial(?:es)? cumpl\w*"),
    Cue(PARCIAL, near(r"\bno", r"(?:totalmente|completamente|del todo) cumpl\w*", 2)),
    Cue(PARCIAL, rf"\bpartial(?:ly)?(?: {_EN_DONE})?\b|\bpartly(?: {_EN_DONE})?\b"),
    Cue(PARCIAL, rf"\bnot (?:fully|completely|entirely)(?: {_EN_DONE})?\b"),
    Cue(NO_CUMPLIDO, near(r"\bno", r"cumpl\w*", 3, fewest=True)),
    Cue(NO_CUMPLIDO, r"\bincumpl\w*|\bsin cumplir\b"),
    Cue(NO_CUMPLIDO, near(r"\b(?:not|never|\w+n t)", rf"{_EN_DONE}\b", 3, fewest=True)),
    Cue(NO_CUMPLIDO, r"\bunfulfil\w*|\bunmet\b|\bnon (?:compliant|complian\w*|fulfil\w*)|\bfail(?:ed|s)?\b"),
    Cue(CANCELADO, r"\bcancel\w*"),
    Cue(CUMPLIDO, r"\bcumplid[oa]s?\b|\bcumpli(?:o|eron|eran|era)\b|\bcumplen?\b"),
    Cue(CUMPLIDO, r"\bfulfil(?:l)?ed\b|\bcompleted\b|\bmet\b|\baccomplished\b|\bachieved\b|\bcomplied\b"),
)

Span = tuple[int, int, str | None]


def _status_spans(norm: str) -> list[Span]:
    """``(start, end, status)`` for each status mention, in text order, without overlaps;
    status None for a negated status ("no cancelados")."""
    return spans(STATUS_CUES, norm)


def detect_statuses(question: str) -> tuple[str, ...]:
    """Canonical statuses mentioned, first mention first, each once."""
    return _canonical(_status_spans(normalize(question)))


def _canonical(found: list[Span]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(status for _, _, status in found if status is not None))


def detect_status(question: str) -> str | None:
    """The first canonical status the question mentions, Spanish or English; None if none."""
    statuses = detect_statuses(question)
    return statuses[0] if statuses else None


# --------------------------------------------------------------------------------- year
_YEAR = re.compile(r"(?<![\d])(\d{4})(?!\d)")
_MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
    "diciembre january february march april may june july august september october november "
    "december"
).split()
# What, written right before a year, says it is no evaluation year.
NOT_EVALUATION_YEAR_CUES: tuple[Cue[str], ...] = (
    Cue("date", r"\d{1,2}[-/.]\d{1,2}[-/.]\s*$"),  # "31-12-2009"
    Cue("date", r"\b(?:" + "|".join(_MONTHS) + r")\s*(?:de(?:l)?\s+)?$"),  # "diciembre de 2009"
    Cue("due_or_status", r"\b(?:venc\w*|plazo|cumpl\w*|cancel\w*|due|deadline|fulfil\w*|completed)\s+"
                         r"(?:\w+\s+){0,2}$"),  # "vence en 2009", "cancelados en 2011"
)


def detect_year(question: str) -> int | None:
    """A four-digit year (1990-2100) naming an evaluation year, as in "evaluados en 2007".

    Years inside dates ("31-12-2009", "diciembre de 2009") and right after a due-date or
    status word ("vence en 2009", "cancelados en 2011") are not evaluation years.
    """
    text = fold(question)
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        before = text[max(0, m.start() - 40):m.start()]
        if 1990 <= year <= 2100 and first(NOT_EVALUATION_YEAR_CUES, before) is None:
            return year
    return None


# ------------------------------------------------------------------------------- intent
_ASK = r"(?<!por )\b(?:que|cuales|which|what)"
_ARTICLES = r"(?:(?:son|fueron|are|were|los|las|the|all|de|of|todos|todas) )*"
_COMMIT_NOUNS = r"(?:compromisos|recomendaciones|commitments|recommendations)"
_ANY_COMMIT = (
    r"(?:algun|alguna|ningun|ninguna|any|some|one) "
    r"(?:compromiso|recomendacion|commitment|recommendation)"
)
_PROGRAM_NOUNS = r"(?:programas|programs|informes|reports|instituciones|institutions)"
_LIST_VERBS = (
    r"\b(?:lista|listar|listado|listame|enumera|enumerar|enumerame|muestra|muestrame|mostrar"
    r"|menciona|dame|dime|list|show|enumerate|give me|tell me)\b"
)
_ALL = r"\b(?:todos los|todas las|all(?: the)?|all of the)"
_ALL_PROGRAMS = r"\b(?:todos los|all(?: the)?|all of the)"
_COUNT = re.compile(r"\b(?:cuantos|cuantas|how many|number of|numero de|cantidad de|total de|count)\b")
_SUBJECT_AFTER_COUNT = re.compile(near("^", rf"(?P<noun>{_COMMIT_NOUNS}|{_PROGRAM_NOUNS}|compromiso|commitment)\b", 2))

# Constraints a structured list or count cannot apply (a topic, a due date): such questions
# are searches.
UNSUPPORTED_CUES: tuple[Cue[str], ...] = (
    Cue("topic", r"\b(?:sobre|acerca|respecto|relacionad\w*|referid\w*|about|regarding|concerning|related)\b"),
    Cue("due_date", r"\b(?:venc\w*|plazo|due|deadline)\b"),
)
# A list of programs (or reports, institutions).
PROGRAM_LIST_CUES: tuple[Cue[str], ...] = (
    Cue("programs", rf"{_ASK} {_ARTICLES}{_PROGRAM_NOUNS}\b"),  # "¿qué programas…?"
    Cue("programs", near(_LIST_VERBS, rf"{_PROGRAM_NOUNS}\b", 3)),  # "lista de programas"
    Cue("programs", rf"{_ALL_PROGRAMS} {_PROGRAM_NOUNS}\b"),
    Cue("programs", rf"^{_ARTICLES}{_PROGRAM_NOUNS}\b"),  # "programas del ministerio…"
    Cue("programs", near(rf"{_ASK} (?:programa|program)", r"(?:evaluad\w*|evaluated)\b", 2)),
)
# A list of rows, explicitly: the noun names what is listed.
ROW_LIST_CUES: tuple[Cue[str], ...] = (
    Cue("rows", rf"{_ASK} {_ARTICLES}(?P<noun>{_COMMIT_NOUNS})\b"),  # "¿cuáles son los compromisos…?"
    Cue("rows", near(_LIST_VERBS, rf"\b(?P<noun>{_COMMIT_NOUNS})\b", None)),  # "muestra los compromisos"
    Cue("rows", rf"{_ALL} (?P<noun>{_COMMIT_NOUNS})\b"),
    Cue("rows", rf"\b(?:estado|calificacion|situacion|status)(?:es)? (?:de |of )?(?:los |las |the |all )*"
                     rf"(?P<noun>{_COMMIT_NOUNS})\b"),  # "el estado de los compromisos"
)
# A status used to pick a set of rows: the text before the status mention ends with, or the
# text after it starts with, one of these.
STATUS_SET_BEFORE_CUES: tuple[Cue[str], ...] = (
    Cue("noun", near(rf"\b(?:{_COMMIT_NOUNS}|{_ANY_COMMIT})", "$", 6)),  # "compromisos (que fueron) cancelados"
    Cue("asked", near(_ASK, "$", 3)),  # "cuáles fueron cumplidos"
)
STATUS_SET_AFTER_CUES: tuple[Cue[str], ...] = (
    Cue("noun", rf"^ (?:{_COMMIT_NOUNS}|{_ANY_COMMIT})\b"),  # "cancelled commitments"
)


def _subject_of(noun: str) -> Subject:
    """The subject a noun of the question names."""
    if noun.startswith(("recomendacion", "recommendation")):
        return "recommendations"
    if re.fullmatch(_PROGRAM_NOUNS, noun):
        return "programs"
    return "commitments"


def _status_list_cue(norm: str, found: list[Span]) -> bool:
    """A status used to pick a set: "compromisos cancelados", "cuáles fueron cumplidos",
    "cancelled commitments", "which were fulfilled", "¿se canceló algún compromiso?"."""
    return any(first(STATUS_SET_BEFORE_CUES, norm[:start]) or first(STATUS_SET_AFTER_CUES, norm[end:])
               for start, end, _ in found)


def _count_subject(norm: str, found: list[Span]) -> Subject | None:
    """What a count cue counts; None when it counts something else ("¿cuántos años...?")."""
    for m in _COUNT.finditer(norm):
        after = _SUBJECT_AFTER_COUNT.match(" " + norm[m.end():].lstrip())
        if after:
            return _subject_of(after.group("noun"))
        if any(0 <= start - m.end() <= 30 for start, _, _ in found):
            return "commitments"
    return None


def _list_subject(norm: str, found: list[Span], reason: bool) -> Subject | None:
    """What a list of rows lists; None when the question is not a list of rows."""
    listed = first(ROW_LIST_CUES, norm)
    if listed:
        return _subject_of(listed[1].group("noun"))
    if not reason and _status_list_cue(norm, found):
        return "commitments"
    return None


# Header facts of a report, in order of precedence; "not_header": a question about commitments
# asks for no header fact.
_EXIT_VERB = r"(?:exit|exited|leave|left|graduate|graduated)\b"
HEADER_CUES: tuple[Cue[str], ...] = (
    Cue("exit_date", r"\bfecha de egreso\b|\bexit date\b|\bdate of exit\b"),
    Cue("exit_date", near(r"\b(?:cuando|en que (?:fecha|ano|mes))\b", r"egres\w*", 8)),
    Cue("exit_date", near(r"\begres(?:o|aron|a)\b", r"(?:cuando|en que fecha)\b", 6)),
    Cue("exit_date", near(r"\bwhen\b", _EXIT_VERB, 9)),
    Cue("exit_date", near(r"\b(?:what|which) (?:date|year)\b", r"(?:exit|exited|left|graduat\w*)", 9)),
    Cue("year", r"\bano de (?:la )?evaluacion\b|\bevaluation year\b|\byear of (?:the )?evaluation\b"),
    Cue("year", near(r"\b(?:cuando|en que ano|que ano)\b", r"evalua\w*", 4)),
    Cue("year", near(r"\bwhen\b|\b(?:what|which) year\b", r"evaluated\b", 5)),
    Cue("ministry", rf"{_ASK} (?:es el |is the )?(?:ministerio|ministry)\b"),
    Cue("ministry", r"\bministerio (?:responsable|a cargo)\b|\bresponsible ministry\b"),
    Cue("ministry", near(r"\bpertenec\w*", r"ministerio\b", 3)),
    Cue("ministry", near(r"\bministry\b", r"belong\w*", 4)),
    Cue("ministry", near(r"\bbelong\w*", r"ministry\b", 3)),
    Cue("service", rf"{_ASK} (?:es el |es la |is the )?(?:servicio|institucion|service|agency|institution)\b"
                   r"(?! de \w)"),
    Cue("service", r"\b(?:servicio|institucion) (?:responsable|ejecutor\w*|a cargo)\b"),
    Cue("service", r"\b(?:responsible|executing|implementing) (?:service|agency|institution)\b"),
    Cue("service", r"\bquien (?:ejecuta|implementa|administra)\b"),
    Cue("service", r"\bwho (?:runs|implements|executes|administers|manages)\b"),
    Cue("not_header", r"\b(?:compromiso|recomendacion|commitment|recommendation)s?\b"),
    Cue("status", r"\b(?:calificacion|estado|situacion|status|rating|grade)\b (?:final )?"
                  r"(?:del|de la|de|of the|of) (?:programa|program|institucion)\b"),
    Cue("status", r"\b(?:program|programme) (?:status|rating)\b"),
    Cue("status", near(r"\b(?:esta|is|fue|was)\b", r"(?:egresado|graduated)\b", 4)),
)
_STATUS_WORD = re.compile(r"\b(?:calificacion|estado|situacion|status|rating)\b")
_EXIT_REPORT = re.compile(r"\binformes? de egreso\b|\bexit reports?\b")


def _header_field(norm: str, names_program: bool, year: int | None) -> HeaderField | None:
    """Which report header fact the question asks for, if it asks for one. A question that
    names a year asks for no evaluation year; a bare status word asks for the status of a
    program it names."""
    text = _EXIT_REPORT.sub(" ", norm)
    field = kind_of(HEADER_CUES, text, skip={"year"} if year is not None else ())
    if field is None and names_program and _STATUS_WORD.search(text):
        return "status"
    return None if field == "not_header" else field  # type: ignore[return-value]


def _kind(norm: str, found: list[Span], reason: bool) -> tuple[Kind, Subject | None]:
    """The kind of question and, for lists and counts, what is listed or counted."""
    if first(UNSUPPORTED_CUES, norm) or any(status is _NEGATED for _, _, status in found):
        return "search", None
    count_subject = _count_subject(norm, found)
    if count_subject:
        return "count", count_subject
    if first(PROGRAM_LIST_CUES, norm):
        return "programs", "programs"
    list_subject = _list_subject(norm, found, reason)
    if list_subject:
        return "list", list_subject
    return "search", None


def parse_query(question: str, names: Iterable[str] | NameMatcher = ()) -> QueryIntent:
    """Read a question into a ``QueryIntent``.

    ``names``: the known program, ministry and service names to look for, or a ``NameMatcher``
    built from them once (cheaper when many questions are parsed against the same names).
    """
    norm = normalize(question)
    found = _status_spans(norm)
    statuses = _canonical(found)
    reason = first(REASON_CUES, norm) is not None
    year = detect_year(question)
    matcher = names if isinstance(names, NameMatcher) else NameMatcher(names)
    matched = tuple(matcher(question))
    kind, subject = _kind(norm, found, reason)
    header = None
    if kind == "search" and not reason:
        header = _header_field(norm, bool(matched), year)
        kind = "header" if header else kind
    return QueryIntent(
        kind=kind,
        language=detect_language(question),
        status=statuses[0] if statuses else None,
        statuses=statuses,
        subject=subject,
        header_field=header,
        year=year,
        names=matched,
        asks_reason=reason,
    )
