"""Which known names a question mentions: programs, ministries and services by their words
(idf-weighted, generic words weighing little) or by an acronym ("INDAP"), and program names the
question writes as proper names ("el Programa de Becas Lunares"), indexed or not."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.fields import fold

from .lexical import STOP_WORDS, analyze, stem, tokenize

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
