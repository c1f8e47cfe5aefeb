"""Rows without rulings: where a new row starts inside one band of the table."""
from __future__ import annotations

import re
from statistics import median

from .. import fields
from .model import Cells, Line

STARTS_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)-]\s*\S")


def row_cuts(cells: Cells) -> list[float]:
    """y positions where a new row starts inside one band; empty for a single row.

    A row starts at a numbered commitment line that comes after a finished row: a
    ``Calificación`` above it and, unless the band holds no commitment text of the previous
    row (it began on an earlier page), that row's ``Fecha de Vencimiento``.
    """
    rec, com, cum = cells
    status_ends = [cum[i].bottom for i in _status_lines(cum)]
    cuts: list[float] = []
    due_seen, since_cut, floor = False, 0, float("-inf")
    for i, line in enumerate(com):
        finished = [b for b in status_ends if floor < b <= line.top]
        if finished and (due_seen or since_cut == 0) and STARTS_NUMBERED.match(line.text):
            low = max(com[i - 1].bottom if i else floor, max(finished))
            low = max(_extend_over_blocks(lines, low, line.top) for lines in cells)
            cut = _cut_between(cells, low, line.top)
            cuts.append(cut)
            due_seen, since_cut, floor = False, 0, cut
        due_seen = due_seen or fields.has_due(line.text)
        since_cut += 1
    return cuts


def _status_lines(lines: list[Line]) -> list[int]:
    """Indexes of the lines where a ``Calificación: X (date)`` ends (it may wrap once)."""
    found = []
    for i, line in enumerate(lines):
        if fields.has_status(line.text):
            found.append(i)
        elif i + 1 < len(lines) and "calificaci" in fields.fold(line.text):
            if fields.has_status(f"{line.text} {lines[i + 1].text}"):
                found.append(i + 1)
    return found


def _block_gap(lines: list[Line]) -> float:
    """Vertical gap above which two lines of a column belong to different blocks."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    return (median(gaps) if gaps else 0.0) + 3.0


def _extend_over_blocks(lines: list[Line], low: float, high: float) -> float:
    """Push ``low`` down over tightly spaced lines that continue text begun above it."""
    gap, end = _block_gap(lines), low
    for prev, line in zip(lines, lines[1:]):
        if prev.top <= end and line.top < high and line.top - prev.bottom <= gap:
            end = max(end, line.bottom)
    return end


def _cut_between(cells: Cells, low: float, high: float) -> float:
    """Row boundary between ``low`` (end of the previous row) and ``high`` (next commitment).

    It lies above the first block of text (in any column) that starts in between, e.g. the
    next row's compliance text when it is vertically centred.
    """
    start = high
    for lines in cells:
        limit = _block_gap(lines)
        for a, b in zip([None, *lines], lines):
            new_block = a is None or a.bottom <= low or b.top - a.bottom > limit
            if low < b.top < start and new_block:
                start = b.top
    return (low + start) / 2 if start > low else high - 0.5
