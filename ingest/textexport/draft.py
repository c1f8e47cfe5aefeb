"""A table row while its lines are being read, and the tests on it that decide where a line goes."""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..fields import find_labels
from .patterns import NUMBERED, find_due, has_words, norm

ECHO_WORDS = 5  # a continuation this long that its cell already holds word for word repeats it
ECHO_SIMILARITY = 0.75  # a one- or two-word continuation this similar to the end of its cell repeats it


@dataclass
class Draft:
    """One table row while its lines are being read."""

    rec: list[str] = field(default_factory=list)
    comp: list[tuple[bool, str]] = field(default_factory=list)  # (from a line without tabs, text)
    body: list[str] = field(default_factory=list)  # compliance text before the closing
    tail: list[str] = field(default_factory=list)  # verification means after the closing
    leftover: list[str] = field(default_factory=list)  # text after the closing, column unknown
    closing: str | None = None  # "Calificación: <status> (<date>)"
    due: str | None = None  # due date met in a line without tabs; "" while its value is pending
    closed: bool = False
    rec_open: bool = False
    verification_open: bool = False
    pages: set[int] = field(default_factory=set)

    def due_complete(self) -> bool:
        if self.due:
            return True
        due = find_due("\n".join(text for _, text in self.comp))
        return due is not None and bool(due.value)

    def has_comp(self) -> bool:
        return bool(self.comp or self.due is not None)

    def all_text(self) -> list[str]:
        return [*self.rec, *(t for _, t in self.comp), *self.body, *self.leftover, *self.tail]


def starts_row(row: Draft, cells: tuple[str, str, str]) -> bool:
    """Whether a line with tabs opens a new row after ``row``."""
    rec, comp, compliance = cells
    if rec and NUMBERED.match(rec) and row.rec and row.has_comp():
        return True
    if not row.closed:
        return False
    if rec:
        return True
    if comp and (NUMBERED.match(comp) or row.due_complete()):
        return True
    return bool(compliance) and not row.verification_open and not opens_verification(compliance)


def opens_verification(text: str) -> bool:
    """Whether ``text`` starts with the ``Medios de Verificación:`` label."""
    return any(label.kind == "verification" and not text[: label.start].strip() for label in find_labels(text))


def has_items(tail: list[str]) -> bool:
    """Whether a verification list holds at least one item after its label."""
    text = "\n".join(tail)
    label = next((lb for lb in find_labels(text) if lb.kind == "verification"), None)
    return has_words(text[label.end:] if label else text)


def is_echo(fragment: str, parts: list[str]) -> bool:
    """True when a continuation repeats text its cell already holds (exports re-emit wrapped lines)."""
    if not parts:
        return False
    if not has_words(fragment):
        return True  # stray punctuation
    if find_labels(fragment):
        return False
    frag, cell = norm(fragment), norm(" ".join(parts))
    words = len(frag.split())
    if words >= ECHO_WORDS:
        return frag in cell
    if words > 2 or len(frag) < 8:
        return False
    # a garbled copy of the cell's last word or two ("indiciamento." after "financiamiento.")
    return SequenceMatcher(None, frag, cell[-len(frag):], autojunk=False).ratio() >= ECHO_SIMILARITY
