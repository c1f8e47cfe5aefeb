"""Column boundaries of the table: from vertical rulings, else from the white space between titles."""
from __future__ import annotations

from bisect import bisect_right

from .model import Columns, HeaderRow, Page, Rule, Word


def find_columns(page: Page, header: HeaderRow) -> Columns:
    """Column edges from vertical rulings, else from the white space between header titles."""
    rec, com, cum = header.words
    verticals = [r for r in page.vrules if r.end > header.bottom + 5 and r.start < header.bottom + 30]
    body = [w for w in page.words if w.top > header.bottom]
    xs = min([rec.x0] + [w.x0 for w in body]), max([cum.x1] + [w.x1 for w in body])
    slack = 2.0  # titles may touch the rulings when cells have no padding
    found = (
        _ruling_in(verticals, xs[0] - 60, rec.x0 + slack),
        _ruling_in(verticals, rec.x1 - slack, com.x0 + slack),
        _ruling_in(verticals, com.x1 - slack, cum.x0 + slack),
        _ruling_in(verticals, cum.x1 - slack, xs[1] + 60),
    )
    fallback = (xs[0] - 1, _widest_gap(body, rec.x1, com.x0), _widest_gap(body, com.x1, cum.x0), xs[1] + 1)
    edges = tuple(f if f is not None else g for f, g in zip(found, fallback))
    return Columns(edges, tuple(f is not None for f in found))  # type: ignore[arg-type]


def _ruling_in(verticals: list[Rule], lo: float, hi: float) -> float | None:
    """x of the longest vertical ruling strictly between lo and hi."""
    inside = [r for r in verticals if lo < r.pos < hi]
    return max(inside, key=lambda r: r.end - r.start).pos if inside else None


def _widest_gap(words: list[Word], lo: float, hi: float) -> float:
    """Middle of the stretch of [lo, hi] crossed by the fewest words: of several, the one
    where most words begin just after it (the next column's left edge), then the longest."""
    start, size = int(lo), max(1, int(hi) - int(lo))
    counts = [0] * size
    for w in words:
        a, b = max(int(w.x0) - start, 0), min(int(w.x1) - start + 1, size)
        for i in range(a, b):
            counts[i] += 1
    least = min(counts)
    runs: list[tuple[int, int]] = []
    run_start = None
    for i, count in enumerate(counts + [least + 1]):
        if count == least and run_start is None:
            run_start = i
        elif count != least and run_start is not None:
            runs.append((run_start, i))
            run_start = None

    def key(run: tuple[int, int]) -> tuple[int, int]:
        edge = start + run[1]
        return sum(1 for w in words if edge - 0.5 <= w.x0 < edge + 2.5), run[1] - run[0]

    best = max(runs, key=key)  # max keeps the first of equals
    if key(best)[0]:  # the next column's lines begin there: left-aligned text has a fixed left
        return start + max((best[0] + best[1]) / 2, best[1] - 1.5)  # edge; the ragged right varies
    return start + (best[0] + best[1]) / 2


def split_straddling(word: Word, chars: list[dict], columns: Columns) -> list[Word]:
    """A 'word' running over a column boundary (text too close to the ruling) is split at it."""
    inner = [x for x in columns.edges[1:3] if word.x0 < x - 1 and word.x1 > x + 1]
    if not inner or not chars:
        return [word]
    groups: list[list[dict]] = [[] for _ in range(len(inner) + 1)]
    for char in chars:
        groups[bisect_right(inner, (char["x0"] + char["x1"]) / 2)].append(char)
    return [
        Word("".join(c["text"] for c in group), min(c["x0"] for c in group), max(c["x1"] for c in group),
             word.top, word.bottom)
        for group in groups
        if "".join(c["text"] for c in group).strip()
    ]
