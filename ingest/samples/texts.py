"""The texts of one generated commitment: its numbers, compliance text, verification means and
observation, drawn from the shared pools for its theme and status."""
from __future__ import annotations

import random

from .pools import (
    CANCELLED, MONTHS, NEUTRAL, NOT_DONE, OBSERVATION_RATE, OBSERVATIONS, PARTIAL, REGIONS, STATUS_MIX,
    UNITS, VERIFICATION,
)
from .themes import Theme

_MIN_WORDS, _MAX_WORDS = 40, 400  # length of a compliance text


def _de(phrase: str) -> str:
    """``el Departamento`` -> ``del Departamento``; ``la Unidad`` -> ``de la Unidad``."""
    return f"del {phrase[3:]}" if phrase.startswith("el ") else f"de {phrase}"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def values(rng: random.Random, base: dict[str, str], due_year: int, status_year: int) -> dict[str, str]:
    """Fresh numbers for one commitment's texts, on top of the report's fixed values."""
    region, region2 = rng.sample(REGIONS, 2)
    unit = rng.choice(UNITS)
    return {
        **base,
        "y1": str(due_year), "y2": str(status_year),
        "k": str(rng.randint(2, 12)), "m": str(rng.randint(15, 480)),
        "big": _thousands(rng.randint(1_200, 85_000)), "big2": _thousands(rng.randint(900, 40_000)),
        "pct": str(rng.randint(12, 94)), "pct2": str(rng.randint(10, 80)), "pct3": str(rng.randint(6, 38)),
        "pct4": str(rng.randint(71, 99)),
        "money": _thousands(rng.randint(300, 45_000) * 1_000), "money2": _thousands(rng.randint(18, 260) * 1_000),
        "small_money": _thousands(rng.randint(80, 4_500)),
        "res": _thousands(rng.randint(100, 4_999)), "ord": _thousands(rng.randint(12, 3_999)),
        "region": region, "region2": region2, "month": rng.choice(MONTHS),
        "unit": unit, "de_unit": _de(unit),
    }


def _words(parts: list[str]) -> int:
    return sum(len(p.split()) for p in parts)


def _fill(templates: list[str] | tuple[str, ...], v: dict[str, str]) -> list[str]:
    return [t.format_map(v) for t in templates]


def compliance(rng: random.Random, theme: Theme, status: str, v: dict[str, str]) -> str:
    """40-400 words: an opening for the status, detail sentences, and a closing that says why."""
    target = min(_MAX_WORDS, max(_MIN_WORDS, int(rng.lognormvariate(4.7, 0.5))))
    opening: list[str] = []
    closing: list[str] = []
    pool = list(NEUTRAL)
    if status in ("Cumplido", "Parcialmente cumplido"):
        opening.append(rng.choice(theme.done))
        pool += theme.body
    if status == "Parcialmente cumplido":
        closing.append(rng.choice(theme.partial + PARTIAL))
    elif status == "No cumplido":
        closing.append(rng.choice(NOT_DONE))
    elif status == "Cancelado":
        target = min(target, 160)
        opening.append(rng.choice(CANCELLED))
    rng.shuffle(pool)
    opening, closing, pool = _fill(opening, v), _fill(closing, v), _fill(pool, v)
    body: list[str] = []
    while pool and _words(opening + body + closing) < target:
        body.append(pool.pop())
    while body and _words(opening + body + closing) > _MAX_WORDS:
        body.pop()
    return " ".join(opening + body + closing)


def verification(rng: random.Random, theme: Theme, status: str, v: dict[str, str]) -> tuple[str, ...]:
    """0-4 distinct means of verification, fewer for commitments not fulfilled."""
    count = rng.choices(range(5), weights=STATUS_MIX[status][1])[0]
    items: list[str] = []
    for template in rng.sample(theme.verif + VERIFICATION, len(theme.verif + VERIFICATION)):
        item = template.format_map(v)
        if len(items) < count and item not in items:
            items.append(item)
    return tuple(items)


def observation(rng: random.Random, status: str, rec: int, comp: int, v: dict[str, str]) -> str:
    """An observation for some commitments (more often when not fulfilled), else ``""``."""
    if rng.random() >= OBSERVATION_RATE[status]:
        return ""
    if comp > 1 and rng.random() < 0.25:
        return f"Idem compromiso {rec}.1."
    return rng.choice(OBSERVATIONS[status]).format_map(v)
