"""Citation markers ``[n]`` in answers: find, validate, renumber. Pure functions."""
from __future__ import annotations

import re

_MARKER = re.compile(r"\[(\s*\d+(?:\s*[,;]\s*\d+)*\s*)\]")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?)])")
_DOUBLE_SPACE = re.compile(r"[ \t]{2,}")


def markers(text: str) -> list[int]:
    """Every cited number, in order of first appearance (``[1]``, ``[1, 2]``, ``[2][3]``)."""
    seen: dict[int, None] = {}
    for match in _MARKER.finditer(text):
        for part in re.split(r"[,;]", match.group(1)):
            seen.setdefault(int(part), None)
    return list(seen)


def resolve(text: str, available: int) -> tuple[str, list[int]]:
    """Drop markers that point to nothing (outside ``1..available``).

    Returns the cleaned text and the valid numbers in order of first appearance.
    """
    def keep(match: re.Match) -> str:
        numbers = [int(p) for p in re.split(r"[,;]", match.group(1))]
        valid = [n for n in numbers if 1 <= n <= available]
        return "".join(f"[{n}]" for n in dict.fromkeys(valid))

    cleaned = _MARKER.sub(keep, text)
    cleaned = _DOUBLE_SPACE.sub(" ", _SPACE_BEFORE_PUNCT.sub(r"\1", cleaned)).strip()
    return cleaned, markers(cleaned)


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Rewrite ``[old]`` as ``[new]``; every number in the text must be in ``mapping``."""
    def swap(match: re.Match) -> str:
        numbers = [mapping[int(p)] for p in re.split(r"[,;]", match.group(1))]
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    return _MARKER.sub(swap, text)


def compact(text: str, order: list[int]) -> tuple[str, dict[int, int]]:
    """Renumber the cited numbers to 1..m in the given order; returns the text and old->new."""
    mapping = {old: new for new, old in enumerate(order, 1)}
    return renumber(text, mapping), mapping
