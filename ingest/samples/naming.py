"""Names of generated programs and of the report files."""
from __future__ import annotations

import random
import re

from ..fields import fold
from .pools import HEADS, SUFFIXES, Ministry


def slug(program: str) -> str:
    """``Programa de Riego Campesino`` -> ``riego_campesino`` (file names)."""
    stop = {"programa", "de", "del", "la", "las", "el", "los", "a", "al", "para", "en", "y", "e", "con"}
    words = [w for w in re.findall(r"[a-z0-9]+", fold(program)) if w not in stop]
    return "_".join(words)[:80].rstrip("_")


def source_name(program: str, suffix: str = ".pdf") -> str:
    return f"informe_egreso_{slug(program)}{suffix}"


def with_article(prep: str, article: str, noun: str) -> str:
    """``("de", "el", "Riego")`` -> ``del Riego``; ``("a", "la", "Salud")`` -> ``a la Salud``."""
    if article == "el" and prep in ("de", "a"):
        return f"{prep}l {noun}"
    return f"{prep} {article} {noun}"


def program_name(rng: random.Random, ministry: Ministry) -> str:
    head, prep = rng.choice(HEADS)
    article, noun = rng.choice(ministry.topics)
    suffix = rng.choice(SUFFIXES)
    if _stem_overlap(suffix, noun):  # no "Transporte Rural en Zonas Rurales"
        suffix = ""
    if _stem_overlap(head, noun):  # no "Programa de Gestión de la Gestión ..."
        head, prep = "Programa de", None
    topic = noun if prep is None else with_article(prep, article, noun)
    return f"{head} {topic}{suffix}"


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", fold(text)) if w != "programa"}


def _stem_overlap(a: str, b: str) -> bool:
    return bool(_stems(a) & _stems(b))
