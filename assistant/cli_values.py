"""Values typed on the command line, read the way staff write them: a status in any usual form
("cancelados", "no cumplidos", "partially met") and a program by its short name or a prefix.

The status words come from ``assistant.intent`` (their one home); this module only decides which
forms count as a whole value. A value that is not understood raises ``ValueError`` with the
choices, which the CLI turns into an argparse usage error (exit 2).
"""
from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from ingest.chunking import short_program
from ingest.fields import fold
from ingest.records import STATUSES

from .cues import normalize
from .intent import detect_statuses

_MAX_STATUS_WORDS = 3  # "parcialmente cumplidos", "not fully met": a value, not a sentence
_MIN_PREFIX = 3  # "par" is a status; "n" is a typo


def status_choices() -> str:
    return ", ".join(f"«{s}»" for s in STATUSES)


def parse_status(value: str) -> str:
    """The canonical status a command-line value names, Spanish or English, singular or plural."""
    norm = normalize(value)
    if not norm:
        raise ValueError(f"indique una calificación: {status_choices()}")
    exact = {normalize(s): s for s in STATUSES}
    if norm in exact:
        return exact[norm]
    found = detect_statuses(norm) if len(norm.split()) <= _MAX_STATUS_WORDS else ()
    if len(found) == 1:
        return found[0]
    heads = {norm, norm.removesuffix("s"), norm.removesuffix("es")}  # "parciales" -> "parcial"
    prefixed = {s for s in STATUSES for head in heads
                if len(head) >= _MIN_PREFIX and normalize(s).startswith(head)}
    if len(prefixed) == 1:  # "parcial", "cancel"
        return prefixed.pop()
    raise ValueError(f"calificación no reconocida «{value}»; use una de: {status_choices()}")


def match_program(value: str, programs: Iterable[str], limit: int = 3) -> str:
    """The indexed program a value names: its full or short name, or a prefix of either that
    only one program has (case and accents folded)."""
    programs = sorted(set(programs))
    wanted = fold(value).strip()
    forms = {p: (fold(p), fold(short_program(p))) for p in programs}
    if not wanted:
        raise ValueError(f"indique un programa: {', '.join(f'«{short_program(p)}»' for p in programs)}")
    exact = [p for p, names in forms.items() if wanted in names]
    if len(exact) == 1:
        return exact[0]
    prefixed = [p for p, names in forms.items() if any(n.startswith(wanted) for n in names)]
    if len(prefixed) == 1:
        return prefixed[0]
    if not programs:
        raise ValueError(f"el índice no tiene programas; «{value}» no se puede usar como filtro")
    if prefixed:
        choices = ", ".join(f"«{short_program(p)}»" for p in prefixed[:limit * 2])
        raise ValueError(f"«{value}» es ambiguo; puede ser: {choices}")
    raise ValueError(f"programa no encontrado «{value}»; los más parecidos: {closest(value, programs, limit)}")


def closest(value: str, programs: list[str], limit: int) -> str:
    wanted = fold(value)
    ranked = sorted(programs, key=lambda p: (-max(SequenceMatcher(None, wanted, fold(x)).ratio()
                                                  for x in (p, short_program(p))), p))
    return ", ".join(f"«{short_program(p)}»" for p in ranked[:limit])
