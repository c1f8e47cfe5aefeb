"""Understand the structured part of a question: language, status, year, names and intent.

Pure functions over the question text. Patterns run on a normalised form of the question
(folded to lower case without accents, words and digit runs joined by single spaces), so
"¿Cuántos compromisos quedaron CANCELADOS?" and "cuantos compromisos quedaron cancelados"
read the same.

The intent is conservative: a question only becomes a list, a count or a header look-up on an
explicit cue; anything else (and every "why" question) is a ``search``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ingest.fields import fold
from ingest.records import STATUSES

from .lexical import STOP_WORDS, analyze, stem, tokenize

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


def normalize(question: str) -> str:
    """Folded words and digit runs joined by single spaces."""
    return " ".join(tokenize(question))


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
_FILL = r"(?:\w+ ){0,3}?"  # up to three words in between, as few as possible
_AUX = (
    r"(?:se|ha|han|haya|hayan|fue|fueron|sido|esta|estan|quedo|quedaron"
    r"|be|been|was|were|got|get|yet)"
)
_EN_DONE = r"(?:fulfil\w*|complet\w*|met|achieved|accomplished|complied|comply|implemented)"

# Checked in this order; a later pattern cannot claim words an earlier one matched, so
# "no cumplidos" and "parcialmente cumplidos" never also count as "cumplidos". A status of
# None marks a negated status that has no canonical name ("no fueron cancelados").
_NEGATED = None
_STATUS_PATTERNS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    (_NEGATED, re.compile(rf"\b(?:no|not|never|\w+n t|sin) (?:{_AUX} ){{0,2}}cancel\w*")),
    (PARCIAL, re.compile(
        r"\bparcialmente(?: cumpl\w*)?\b"
        r"|\bcumpl\w* (?:en forma |de forma |de manera )?parcial(?:es|mente)?\b"
        r"|\bparcial(?:es)? cumpl\w*"
        r"|\bno (?:\w+ ){0,2}(?:totalmente|completamente|del todo) cumpl\w*"
        rf"|\bpartial(?:ly)?(?: {_EN_DONE})?\b|\bpartly(?: {_EN_DONE})?\b"
        rf"|\bnot (?:fully|completely|entirely)(?: {_EN_DONE})?\b"
    )),
    (NO_CUMPLIDO, re.compile(
        rf"\bno {_FILL}cumpl\w*|\bincumpl\w*|\bsin cumplir\b"
        rf"|\b(?:not|never|\w+n t) {_FILL}{_EN_DONE}\b"
        r"|\bunfulfil\w*|\bunmet\b|\bnon (?:compliant|complian\w*|fulfil\w*)|\bfail(?:ed|s)?\b"
    )),
    (CANCELADO, re.compile(r"\bcancel\w*")),
    (CUMPLIDO, re.compile(
        r"\bcumplid[oa]s?\b|\bcumpli(?:o|eron|eran|era)\b|\bcumplen?\b"
        r"|\bfulfil(?:l)?ed\b|\bcompleted\b|\bmet\b|\baccomplished\b|\bachieved\b|\bcomplied\b"
    )),
)


Span = tuple[int, int, str | None]


def _status_spans(norm: str) -> list[Span]:
    """``(start, end, status)`` for each status mention, in text order, without overlaps;
    status None for a negated status ("no cancelados")."""
    spans: list[Span] = []
    for status, pattern in _STATUS_PATTERNS:
        for m in pattern.finditer(norm):
            if not any(m.start() < end and start < m.end() for start, end, _ in spans):
                spans.append((m.start(), m.end(), status))
    return sorted(spans)


def detect_statuses(question: str) -> tuple[str, ...]:
    """Canonical statuses mentioned, first mention first, each once."""
    return _canonical(_status_spans(normalize(question)))


def _canonical(spans: list[Span]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(status for _, _, status in spans if status is not None))


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
_DATE_BEFORE = re.compile(
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.]\s*|\b(?:" + "|".join(_MONTHS) + r")\s*(?:de(?:l)?\s+)?)$"
)
_NOT_EVALUATION_BEFORE = re.compile(
    r"\b(?:venc\w*|plazo|cumpl\w*|cancel\w*|due|deadline|fulfil\w*|completed)\s+"
    r"(?:\w+\s+){0,2}$"
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
        if not 1990 <= year <= 2100:
            continue
        if _DATE_BEFORE.search(before) or _NOT_EVALUATION_BEFORE.search(before):
            continue
        return year
    return None


# ------------------------------------------------------------------------------- intent
_NOT_POR = r"(?<!por )"
_ASK = rf"{_NOT_POR}\b(?:que|cuales|which|what)"
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
_COUNT = re.compile(
    r"\b(?:cuantos|cuantas|how many|number of|numero de|cantidad de|total de|count)\b"
)
_REASON = re.compile(
    r"\bpor ?que\b|\bporque\b|\bmotiv\w*|\brazon\w*|\bcausa\w*|\bexplica\w*|\bjustific\w*"
    r"|\bque paso\b|^como\b|\bcomo (?:se|fue|fueron)\b|\bde que (?:manera|forma)\b"
    r"|\bwhy\b|\breasons?\b|\bcause\w*|\bexplain\w*|\bhow come\b|\bwhat happened\b"
    r"|^how (?:did|was|were|is|are|does|do)\b"
)
# Constraints a structured list or count cannot apply (a topic, a due date): such questions
# are searches.
_UNSUPPORTED = re.compile(
    r"\b(?:sobre|acerca|respecto|relacionad\w*|referid\w*|about|regarding|concerning|related)\b"
    r"|\b(?:venc\w*|plazo|due|deadline)\b"
)
_EXPLICIT_COMMIT_LIST = re.compile(
    rf"{_ASK} {_ARTICLES}(?P<a>{_COMMIT_NOUNS})\b|{_LIST_VERBS}.*\b(?P<b>{_COMMIT_NOUNS})\b"
    rf"|\b(?:todos los|todas las|all(?: the)?|all of the) (?P<c>{_COMMIT_NOUNS})\b"
    rf"|\b(?:estado|calificacion|situacion|status)(?:es)? (?:de |of )?(?:los |las |the |all )*"
    rf"(?P<d>{_COMMIT_NOUNS})\b"
)
_PROGRAM_LIST = re.compile(
    rf"{_ASK} {_ARTICLES}{_PROGRAM_NOUNS}\b|{_LIST_VERBS} (?:\w+ ){{0,3}}{_PROGRAM_NOUNS}\b"
    rf"|\b(?:todos los|all(?: the)?|all of the) {_PROGRAM_NOUNS}\b|^{_ARTICLES}{_PROGRAM_NOUNS}\b"
    rf"|{_ASK} (?:programa|program) (?:\w+ ){{0,2}}(?:evaluad\w*|evaluated)\b"
)
_SUBJECT_AFTER_COUNT = re.compile(
    rf"^ (?:\w+ ){{0,2}}(?P<noun>{_COMMIT_NOUNS}|{_PROGRAM_NOUNS}|compromiso|commitment)\b"
)


def _subject_of(noun: str) -> Subject:
    """The subject a noun of the question names."""
    if noun.startswith(("recomendacion", "recommendation")):
        return "recommendations"
    if re.fullmatch(_PROGRAM_NOUNS, noun):
        return "programs"
    return "commitments"


def _status_list_cue(norm: str, spans: list[Span]) -> bool:
    """A status used to pick a set: "compromisos cancelados", "cuáles fueron cumplidos",
    "cancelled commitments", "which were fulfilled", "¿se canceló algún compromiso?"."""
    for start, end, _ in spans:
        before, after = norm[:start], norm[end:]
        if re.search(rf"\b(?:{_COMMIT_NOUNS}|{_ANY_COMMIT}) (?:\w+ ){{0,6}}$", before):
            return True
        if re.search(rf"{_ASK} (?:\w+ ){{0,3}}$", before):
            return True
        if re.match(rf" (?:{_COMMIT_NOUNS}|{_ANY_COMMIT})\b", after):
            return True
    return False


def _count_subject(norm: str, spans: list[Span]) -> Subject | None:
    """What a count cue counts; None when it counts something else ("¿cuántos años...?")."""
    for m in _COUNT.finditer(norm):
        after = _SUBJECT_AFTER_COUNT.match(" " + norm[m.end():].lstrip())
        if after:
            return _subject_of(after.group("noun"))
        if any(0 <= start - m.end() <= 30 for start, _, _ in spans):
            return "commitments"
    return None


def _list_subject(norm: str, spans: list[Span], reason: bool) -> Subject | None:
    """What a list of rows lists; None when the question is not a list of rows."""
    m = _EXPLICIT_COMMIT_LIST.search(norm)
    if m:
        return _subject_of(next(g for g in m.groups() if g))
    if not reason and _status_list_cue(norm, spans):
        return "commitments"
    return None


# Header facts of a report.
_EXIT_DATE = re.compile(
    r"\bfecha de egreso\b|\bexit date\b|\bdate of exit\b"
    r"|\b(?:cuando|en que (?:fecha|ano|mes))\b (?:\w+ ){0,8}egres\w*"
    r"|\begres(?:o|aron|a)\b (?:\w+ ){0,6}(?:cuando|en que fecha)\b"
    r"|\bwhen\b (?:\w+ ){0,9}(?:exit|exited|leave|left|graduate|graduated)\b"
    r"|\b(?:what|which) (?:date|year)\b (?:\w+ ){0,9}(?:exit|exited|left|graduat\w*)"
)
_EVALUATION_YEAR = re.compile(
    r"\bano de (?:la )?evaluacion\b|\b(?:cuando|en que ano|que ano)\b (?:\w+ ){0,4}evalua\w*"
    r"|\bevaluation year\b|\byear of (?:the )?evaluation\b"
    r"|\bwhen\b (?:\w+ ){0,5}evaluated\b|\b(?:what|which) year\b (?:\w+ ){0,5}evaluated\b"
)
_MINISTRY = re.compile(
    rf"{_ASK} (?:es el |is the )?(?:ministerio|ministry)\b|\bministerio (?:responsable|a cargo)\b"
    r"|\bresponsible ministry\b|\bpertenec\w* (?:\w+ ){0,3}ministerio\b"
    r"|\bministry\b (?:\w+ ){0,4}belong\w*|\bbelong\w* (?:\w+ ){0,3}ministry\b"
)
_SERVICE = re.compile(
    rf"{_ASK} (?:es el |es la |is the )?(?:servicio|institucion|service|agency|institution)\b"
    r"(?! de \w)"
    r"|\b(?:servicio|institucion) (?:responsable|ejecutor\w*|a cargo)\b"
    r"|\b(?:responsible|executing|implementing) (?:service|agency|institution)\b"
    r"|\bquien (?:ejecuta|implementa|administra)\b"
    r"|\bwho (?:runs|implements|executes|administers|manages)\b"
)
_PROGRAM_STATUS = re.compile(
    r"\b(?:calificacion|estado|situacion|status|rating|grade)\b (?:final )?"
    r"(?:del|de la|de|of the|of) (?:programa|program|institucion)\b"
    r"|\b(?:program|programme) (?:status|rating)\b"
    r"|\b(?:esta|is|fue|was)\b (?:\w+ ){0,4}(?:egresado|graduated)\b"
)
_STATUS_WORD = re.compile(r"\b(?:calificacion|estado|situacion|status|rating)\b")
_COMMIT_WORD = re.compile(r"\b(?:compromiso|recomendacion|commitment|recommendation)s?\b")
_EXIT_REPORT = re.compile(r"\binformes? de egreso\b|\bexit reports?\b")


def _header_field(norm: str, names_program: bool, year: int | None) -> HeaderField | None:
    """Which report header fact the question asks for, if it asks for one."""
    text = _EXIT_REPORT.sub(" ", norm)
    if _EXIT_DATE.search(text):
        return "exit_date"
    if year is None and _EVALUATION_YEAR.search(text):
        return "year"
    if _MINISTRY.search(text):
        return "ministry"
    if _SERVICE.search(text):
        return "service"
    if _COMMIT_WORD.search(text):
        return None
    if _PROGRAM_STATUS.search(text) or (names_program and _STATUS_WORD.search(text)):
        return "status"
    return None


def _kind(norm: str, spans: list[Span], reason: bool) -> tuple[Kind, Subject | None]:
    """The kind of question and, for lists and counts, what is listed or counted."""
    if _UNSUPPORTED.search(norm) or any(status is _NEGATED for _, _, status in spans):
        return "search", None
    count_subject = _count_subject(norm, spans)
    if count_subject:
        return "count", count_subject
    if _PROGRAM_LIST.search(norm):
        return "programs", "programs"
    list_subject = _list_subject(norm, spans, reason)
    if list_subject:
        return "list", list_subject
    return "search", None


def parse_query(question: str, names: Iterable[str] | NameMatcher = ()) -> QueryIntent:
    """Read a question into a ``QueryIntent``.

    ``names``: the known program, ministry and service names to look for, or a ``NameMatcher``
    built from them once (cheaper when many questions are parsed against the same names).
    """
    norm = normalize(question)
    spans = _status_spans(norm)
    statuses = _canonical(spans)
    reason = bool(_REASON.search(norm))
    year = detect_year(question)
    matcher = names if isinstance(names, NameMatcher) else NameMatcher(names)
    matched = tuple(matcher(question))
    kind, subject = _kind(norm, spans, reason)
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


# -------------------------------------------------------------------------------- names
GENERIC_NAME_WORDS = (
    "programa ministerio servicio subsecretaria secretaria direccion division general nacional "
    "regional desarrollo fondo instituto institucion sistema plan proyecto gobierno chile publico "
    "social apoyo fomento corporacion junta superintendencia consejo comision agencia oficina "
    "departamento unidad"
)
_GENERIC_WEIGHT = 0.15
_MIN_COVERAGE = 0.5


@cache
def _generic_stems() -> frozenset[str]:
    return frozenset(analyze(GENERIC_NAME_WORDS))


@dataclass(frozen=True)
class NameMatch:
    """A known name found in a question.

    ``coverage``: share of the name's weight found in the question, where a generic word
    weighs little when missing and fully when present; decides whether the name matches.
    ``score``: idf-weighted Jaccard overlap between the name's terms and the question's
    name-like terms; orders the matches (1.0 for an acronym).
    """

    name: str
    score: float
    coverage: float
    matched: tuple[str, ...]


class NameMatcher:
    """Find which known names a question mentions; build once per name list, reuse per question.

    Each name term weighs its idf over the names; a missing generic word ("programa",
    "ministerio", "desarrollo", ...) weighs only a fraction of that. A name matches when the
    question holds at least one of its specific terms and either half its weight or two
    specific terms, or when the question holds an acronym of it ("INDAP" for "Instituto de
    Desarrollo Agropecuario").
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(n for n in names if n and n.strip()))
        self._terms = {n: frozenset(analyze(n)) for n in self.names}
        self._words = {n: _content_words(n) for n in self.names}
        self._acronyms = {n: _written_acronyms(n) for n in self.names}
        self._idf = _idf_over(self._terms.values())
        self._missing = {n: self._missing_weights(terms) for n, terms in self._terms.items()}

    def __call__(self, question: str) -> list[str]:
        return [m.name for m in self.matches(question)]

    def matches(self, question: str) -> list[NameMatch]:
        """Matching names, best first (score, then coverage, then name)."""
        terms = frozenset(analyze(question)) & self._idf.keys()
        acronyms = _acronym_candidates(question)
        found = [m for n in self.names if (m := self._match(n, terms, acronyms))]
        found.sort(key=lambda m: (-m.score, -m.coverage, m.name))
        return found

    def _match(
        self, name: str, terms: frozenset[str], acronyms: list[tuple[str, int]]
    ) -> NameMatch | None:
        for acronym, min_words in acronyms:
            if acronym in self._acronyms[name] or self._spells(acronym, name, min_words):
                return NameMatch(name, 1.0, 1.0, (acronym,))
        own = self._terms[name]
        matched = own & terms
        if not matched & self._specific(own):
            return None
        found = self._sum(matched, self._idf)
        coverage = found / (found + self._sum(own - matched, self._missing[name]))
        if coverage < _MIN_COVERAGE and len(matched & self._specific(own)) < 2:
            return None
        score = self._sum(matched, self._idf) / self._sum(own | terms, self._idf)
        return NameMatch(name, score, coverage, tuple(sorted(matched)))

    def _missing_weights(self, terms: frozenset[str]) -> dict[str, float]:
        """Weight of each term of a name when the question lacks it: generic words count
        little, unless the name is made of generic words only."""
        specific = self._specific(terms)
        return {t: self._idf[t] * (1.0 if t in specific else _GENERIC_WEIGHT) for t in terms}

    @staticmethod
    def _sum(terms: Iterable[str], weights: dict[str, float]) -> float:
        return sum(weights[t] for t in terms)

    def _spells(self, acronym: str, name: str, min_words: int) -> bool:
        """Whether ``acronym`` spells ``name``; a lower-case word that is itself a word of some
        name ("programa", "redes") is never read as an acronym."""
        if min_words > 2 and stem(acronym) in self._idf:
            return False
        return _is_acronym(acronym, self._words[name], min_words)

    @staticmethod
    def _specific(terms: frozenset[str]) -> frozenset[str]:
        """Terms of a name that are not generic; all of them when every one is generic."""
        return (terms - _generic_stems()) or terms


def _idf_over(term_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """``1 + ln(N / df)`` of each term over the names."""
    sets = list(term_sets)
    df: dict[str, int] = {}
    for terms in sets:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    return {t: 1.0 + math.log(len(sets) / n) for t, n in df.items()}


def _content_words(name: str) -> tuple[str, ...]:
    """Folded words of a name without stop words or digits, for spelling acronyms."""
    return tuple(w for w in tokenize(name) if w not in STOP_WORDS and w.isalpha())


def match_names(question: str, names: Iterable[str]) -> list[str]:
    """Known names the question mentions, best first; empty when nothing specific matches."""
    return NameMatcher(names)(question)


# ----------------------------------------------------------------------------- acronyms
_MAX_PREFIX = 3
_CAPS_WORD = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{3,8}\b")


def _written_acronyms(name: str) -> frozenset[str]:
    """Acronyms written inside a name: capital words ("MYPIME") unless the whole name is in
    capitals, and words in brackets ("(INDAP)")."""
    words = [] if name.isupper() else _CAPS_WORD.findall(name)
    for inside in re.findall(r"\(([^)]*)\)", name):
        words.extend(inside.split())
    return frozenset(fold(w) for w in words if len(w) >= 3)


def _acronym_candidates(question: str) -> list[tuple[str, int]]:
    """``(token, minimum words it must span)``: words written in capitals like "INDAP" (2 words),
    unless the whole question is shouted in capitals. Lower-case words are never taken as
    acronyms: ordinary words ("primera", "canina") spell too many names."""
    words = re.findall(r"[^\W\d_]+", question)
    shouting = sum(w.isupper() for w in words) > len(words) / 2
    if shouting:
        return []
    return [(fold(w), 2) for w in dict.fromkeys(_CAPS_WORD.findall(question))]


def _is_acronym(acronym: str, words: tuple[str, ...], min_words: int) -> bool:
    """Whether ``acronym`` spells the name's words: each used word gives a prefix (plus at most
    one later letter, as in INDAP's "AP" for "AgroPecuario"); the first word is always used."""
    if len(words) < min_words or not words or acronym[0] != words[0][0]:
        return False
    return _spell(acronym, words, 0, 0, min_words)


@lru_cache(maxsize=65_536)
def _spell(acronym: str, words: tuple[str, ...], i: int, j: int, needed: int) -> bool:
    """Whether ``acronym[i:]`` can be spelled from ``words[j:]`` using ``needed`` more words."""
    if i == len(acronym):
        return needed <= 0
    if j == len(words):
        return False
    word = words[j]
    if j > 0 and _spell(acronym, words, i, j + 1, needed):  # skip this word
        return True
    for piece in _pieces(acronym[i:], word):
        if _spell(acronym, words, i + piece, j + 1, needed - 1):
            return True
    return False


def _pieces(rest: str, word: str) -> Iterable[int]:
    """Lengths of the acronym head that ``word`` can give, longest first: a prefix of at most
    three letters, optionally followed by one letter from further in the word."""
    prefix = 0
    while prefix < min(len(rest), len(word), _MAX_PREFIX) and rest[prefix] == word[prefix]:
        prefix += 1
    lengths = set(range(1, prefix + 1))
    for p in range(1, prefix + 1):
        if p < len(rest) and rest[p] in word[p:]:
            lengths.add(p + 1)
    return sorted(lengths, reverse=True)


# ------------------------------------------------------------------ explicit program names
# A program named in the question as a proper name: "el Programa Inexistente de Robótica
# Lunar", "el programa «Becas Lunares»", "the Lunar Robotics Program". Generic mentions
# ("¿Qué programas…?", "el programa de Asociatividad", a topic inside a program) are not names:
# after a lower-case "programa" at least two capitalised words are needed.
_CAP = r"(?:[A-ZÁÉÍÓÚÑ][\w-]*)"
_LINK = r"(?:de|del|la|las|los|el|y|e|en|para|a|al|por|pro|con|sin|of|the|and|for|on|in)"
_NAME = rf"{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP})*"
_INSTITUTION = re.compile(r"\s+(?:del?|de la|of the|of)\s+(?:Ministerio|Servicio|Subsecretar[ií]a|Ministry|"
                          r"Service)\b.*$", re.S)
_QUOTED = re.compile(r"\b(?:[Pp]rogram(?:a|me)?)\s+[«\"“']([^»\"”']{3,120})[»\"”']")
_NAMED_AFTER = re.compile(rf"\b(?P<word>[Pp]rogram(?:a|me)?)\s+(?P<links>(?:(?:{_LINK})\s+)*)(?P<name>{_NAME})")
_NAMED_BEFORE = re.compile(rf"(?P<name>{_NAME})\s+(?:[Pp]rogram(?:me)?)\b")


def _capitalised(name: str) -> int:
    return len(re.findall(_CAP, name))


def program_mentions(question: str) -> tuple[str, ...]:
    """Program names the question writes as proper names (quoted, or in capitals), as written."""
    found = [m.group(1).strip() for m in _QUOTED.finditer(question)]
    for m in _NAMED_AFTER.finditer(question):
        name = _INSTITUTION.sub("", m.group("name")).strip()
        if _capitalised(name) >= (1 if m.group("word") == "Programa" else 2):
            found.append(f"Programa {m.group('links')}{name}" if m.group("word") == "Programa" else name)
    for m in _NAMED_BEFORE.finditer(question):
        words = m.group("name").split()
        while words and words[0].lower() in ("the", "el", "la", "what", "which", "why", "when", "how"):
            words = words[1:]  # a question word or article that starts the sentence
        if _capitalised(" ".join(words)) >= 2:
            found.append(" ".join(words))
    return tuple(dict.fromkeys(found))
