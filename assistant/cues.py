"""Question cues as data: a ``Cue(kind, pattern)`` table, the ``near`` helper that writes word
gaps, and the interpreter every table is read with: the cues of one kind are read together
(the leftmost match wins, as in one alternation); kinds are read in the order of the table,
which is their precedence (``first``), or all of them without overlaps (``spans``).

Patterns run on the normalised question (``normalize``: folded to lower case without accents,
words and digit runs joined by single spaces), so "¿Por qué?" and "por que" read the same.

The cues that say what sort of answer a question wants live here too, in one place for the
intent (``assistant.intent``) and the extractive answerer (``assistant.extractive``):
``WHY_CUES`` (the question asks for a reason), ``REASON_CUES`` (the why cues plus "how" and
"explain": the question wants an explanation, never a list) and ``VERIFICATION_CUES`` (the
question asks for the means of verification).
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .lexical import tokenize

K = TypeVar("K")


@dataclass(frozen=True)
class Cue(Generic[K]):
    """A pattern over the normalised question and what its match means (``kind``)."""

    kind: K
    pattern: str
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))


def near(a: str, b: str, gap: int | None, *, fewest: bool = False, word: str = r"\w+") -> str:
    """A pattern: ``a``, a space, at most ``gap`` words (each followed by a space), then ``b``;
    any text in between when ``gap`` is None. ``fewest`` takes as few words as possible (the
    shortest match, for cues whose extent matters); ``word`` narrows what a gap word may be."""
    if gap is None:
        return rf"(?:{a}).*(?:{b})"
    return rf"(?:{a}) (?:(?:{word}) ){{0,{gap}}}{'?' if fewest else ''}(?:{b})"


def normalize(question: str) -> str:
    """Folded words and digit runs joined by single spaces."""
    return " ".join(tokenize(question))


_READ: dict[int, tuple[tuple, tuple]] = {}  # id(table) -> (table, its kinds): tables are constants


def _kinds(cues: tuple[Cue[K], ...]) -> tuple[tuple[K, tuple[re.Pattern[str], ...]], ...]:
    """The cues of each kind, kinds in the order the table first names them (read once per table)."""
    known = _READ.get(id(cues))
    if known is None or known[0] is not cues:
        known = _READ[id(cues)] = (cues, _group(cues))
    return known[1]


def _group(cues: tuple[Cue[K], ...]) -> tuple[tuple[K, tuple[re.Pattern[str], ...]], ...]:
    groups: dict[K, list[Cue[K]]] = {}
    for cue in cues:
        groups.setdefault(cue.kind, []).append(cue)
    return tuple((kind, _joined(group)) for kind, group in groups.items())


def _joined(group: list[Cue[K]]) -> tuple[re.Pattern[str], ...]:
    """One alternation of the group's patterns (faster, same matches); the patterns one by one
    when they name the same group ("noun") and cannot be joined."""
    try:
        return (re.compile("|".join(f"(?:{cue.pattern})" for cue in group)),)
    except re.error:
        return tuple(cue.regex for cue in group)


def _leftmost(regexes: tuple[re.Pattern[str], ...], text: str, pos: int = 0) -> re.Match[str] | None:
    """The match that starts first (the earlier cue on a tie), as one alternation would find it."""
    best = None
    for regex in regexes:
        m = regex.search(text, pos)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


def first(cues: tuple[Cue[K], ...], text: str, *, skip: Collection[K] = ()) -> tuple[K, re.Match[str]] | None:
    """The first kind of the table (in table order) that ``text`` holds a cue of, with the
    leftmost match among that kind's cues."""
    for kind, regexes in _kinds(cues):
        if kind not in skip and (m := _leftmost(regexes, text)):
            return kind, m
    return None


def kind_of(cues: tuple[Cue[K], ...], text: str, *, skip: Collection[K] = ()) -> K | None:
    """The first kind of the table found in ``text``; None when none is."""
    found = first(cues, text, skip=skip)
    return found[0] if found else None


def spans(cues: tuple[Cue[K], ...], text: str) -> list[tuple[int, int, K]]:
    """``(start, end, kind)`` of every mention, in text order, without overlaps: kinds are read in
    table order and a later kind cannot claim words an earlier one matched."""
    found: list[tuple[int, int, K]] = []
    for kind, regexes in _kinds(cues):
        pos = 0
        while pos <= len(text) and (m := _leftmost(regexes, text, pos)):
            if not any(m.start() < end and start < m.end() for start, end, _ in found):
                found.append((m.start(), m.end(), kind))
            pos = m.end() if m.end() > m.start() else m.end() + 1
    return sorted(found, key=lambda s: (s[0], s[1]))


# ------------------------------------------------------------------- what the question wants
WHY_CUES: tuple[Cue[str], ...] = (
    Cue("why", r"\bpor ?que\b|\bporque\b"),  # "por qué", "porqué"
    Cue("why", r"\bmotiv\w*|\brazon\w*|\bcausa\w*"),
    Cue("why", r"\bwhy\b|\breasons?\b"),
)
REASON_CUES: tuple[Cue[str], ...] = WHY_CUES + (
    Cue("explain", r"\bexplica\w*|\bjustific\w*|\bque paso\b"),
    Cue("how", r"^como\b|\bcomo (?:se|fue|fueron)\b|\bde que (?:manera|forma)\b"),
    Cue("explain", r"\bcause\w*|\bexplain\w*|\bhow come\b|\bwhat happened\b"),
    Cue("how", r"^how (?:did|was|were|is|are|does|do)\b"),
)
VERIFICATION_CUES: tuple[Cue[str], ...] = (
    Cue("verification", r"\bmedios? de verificacion|\bverificacion\b"),
    Cue("verification", r"\b(?:documentos?|que) (?:lo )?respalda"),  # "¿qué documentos lo respaldan?"
    Cue("verification", r"\bevidencias?\b|\bverification\b|\bevidence\b|\bsupporting documents?\b"),
)


def asks_why(question: str) -> bool:
    """Whether the question asks why ("¿Por qué…?", "motivo", "Why…?")."""
    return first(WHY_CUES, normalize(question)) is not None


def asks_reason(question: str) -> bool:
    """Whether the question wants an explanation (why, how, what happened), never a list."""
    return first(REASON_CUES, normalize(question)) is not None


def asks_verification(question: str) -> bool:
    """Whether the question asks for the means of verification (and not why)."""
    norm = normalize(question)
    return first(VERIFICATION_CUES, norm) is not None and first(WHY_CUES, norm) is None
