"""Aligning an interleaved word stream against known commitment texts (difflib).

Words that match a commitment text already read are commitment words; the result maps each such
token index to its sort key, so the commitment can be rebuilt in its own order.
"""
from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher
from itertools import pairwise

from ..fields import fold

MIN_BLOCK = 3  # words in a row that count as the same text when aligning interleaved columns
MIN_RELOCATED = 4  # words in a row that count as commitment text met out of order
MAX_VARIANT = 3  # words misread by the export (``v`` for ``y``) that may sit between two matches

# Stand-ins for labels while the words of an interleaved stream are classified.
OBS, VER, END = "\x00obs", "\x00ver", "\x00end"
SENTINELS = frozenset({OBS, VER, END})

# Sort key of each commitment word of an interleaved stream, by token index.
Order = dict[int, tuple[int, int, int]]
Block = tuple[int, int, int]  # (token index, known word index, size), as difflib gives them


def commitment_order(tokens: list[str], known: list[str]) -> Order | None:
    """Sort keys of the tokens that belong to the commitment, or None without a known text to align to.

    Tokens matched in order keep their place; runs misread by the export between two matches count
    too; longer runs met out of order are put back where the known text has them.
    """
    keys = [_word_key(t) for t in tokens]
    best = _best_alignment(keys, known)
    if best is None:
        return None
    known_keys, blocks = best
    order: Order = {}
    place: dict[int, int] = {}  # known word -> token index
    for a, b, size in blocks:
        for k in range(size):
            order[a + k], place[b + k] = (a + k, 0, 0), a + k
    for (a1, b1, s1), (a2, b2, _) in pairwise(blocks):
        gap_a, gap_b = a2 - a1 - s1, b2 - b1 - s1
        if 0 < gap_a <= MAX_VARIANT and gap_b > 0 and abs(gap_a - gap_b) <= 1:
            for i in range(a1 + s1, a2):
                if tokens[i] not in SENTINELS:
                    order[i] = (i, 0, 0)
    _relocate(keys, known_keys, order, place)
    return order


def _word_key(token: str) -> str:
    if token in SENTINELS:
        return token
    key = "".join(ch for ch in fold(token) if ch.isalnum())
    return key or token


def _best_alignment(keys: list[str], known: list[str]) -> tuple[list[str], list[Block]] | None:
    best: tuple[int, list[str], list[Block]] | None = None
    for text in known:
        known_keys = [_word_key(t) for t in text.split()]
        matcher = SequenceMatcher(None, keys, known_keys, autojunk=False)
        blocks = _chained_blocks([(a, b, size) for a, b, size in matcher.get_matching_blocks() if size])
        score = sum(size for _, _, size in blocks)
        if score >= 2 * MIN_BLOCK and (best is None or score > best[0]):
            best = (score, known_keys, blocks)
    return None if best is None else (best[1], best[2])


def _chained_blocks(blocks: list[Block]) -> list[Block]:
    """Matches of at least MIN_BLOCK words, plus shorter ones a few misread words away from them
    (``pobreza v ruralidad`` against ``pobreza y ruralidad``)."""
    kept = [block for block in blocks if block[2] >= MIN_BLOCK]
    for block in blocks:
        if block[2] < MIN_BLOCK and any(_near(block, other) for other in kept):
            kept.append(block)
    return sorted(kept)


def _near(first: Block, second: Block) -> bool:
    (a1, b1, s1), (a2, b2, s2) = sorted((first, second))
    gap_a, gap_b = a2 - a1 - s1, b2 - b1 - s1
    return 0 <= gap_a <= MAX_VARIANT and 0 <= gap_b <= MAX_VARIANT and abs(gap_a - gap_b) <= 1


def _relocate(keys: list[str], known_keys: list[str], order: Order, place: dict[int, int]) -> None:
    """Unmatched runs that repeat the known text elsewhere are commitment words out of place."""
    for start, end in _runs(len(keys), lambda i: i not in order and keys[i] not in SENTINELS):
        if end - start < MIN_RELOCATED:
            continue
        matcher = SequenceMatcher(None, keys[start:end], known_keys, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            if size < MIN_RELOCATED:
                continue
            anchor = max((place[k] for k in place if k < b), default=-1)
            for k in range(size):
                order[start + a + k] = (anchor, 1, b + k)


def _runs(count: int, keep: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Maximal [start, end) ranges of indexes for which ``keep`` holds."""
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(count + 1):
        if i < count and keep(i):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs
