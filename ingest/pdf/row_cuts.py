"""Rows without rulings: where one row ends and the next begins inside one band of the table.

Each row's compliance cell holds exactly one ``Calificación: X (fecha)``; a row ends after it,
or after the ``Medios de Verificación:`` list that follows it when the report puts the means
after the status. Between the end of one row and the start of the next (its numbered
commitment or recommendation, or the first label of its compliance cell) the boundary is the
widest strip of white space that crosses all three columns: rows are horizontal bands, so
whatever the vertical alignment of the cells (top, middle, bottom), the space between two rows
is empty in every column, and it is wider than the space between lines or paragraphs of a cell
because it holds both cells' padding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from .. import fields
from .cells import is_bullet, wrapped
from ..text import numbered_item
from .model import Cells, Line

_LABEL_START = re.compile(r"^\s*(observacion|calificacion|medios?\s+de)\b")
_HEADING = re.compile(r"^\s*medios?\s+de(\s+verificacion)?\s*:?\s*")
ROW_GAP_MARGIN = 1.5  # white space this much wider than a paragraph gap separates rows


@dataclass(frozen=True)
class Layout:
    """What the whole table says about its rows."""

    means_first: bool  # ``Medios de Verificación`` comes before ``Calificación`` in a cell
    paragraph_gap: float  # usual white space between two paragraphs of a cell


@dataclass(frozen=True)
class _Gap:
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top


def table_layout(compliance_cells: list[list[Line]]) -> Layout:
    """The order of status and means, and the paragraph gap, from every compliance band."""
    text = "\n".join(line.text for lines in compliance_cells for line in lines)
    kinds = [label.kind for label in fields.find_labels(text) if label.kind in ("status", "verification")]
    gaps = [
        line.top - prev.bottom
        for lines in compliance_cells
        for prev, line in zip(lines, lines[1:])
        if _LABEL_START.match(fields.fold(line.text))
    ]
    return Layout(bool(kinds) and kinds[0] == "verification", median(gaps) if gaps else 0.0)


@dataclass(frozen=True)
class Carry:
    """How the row before a band (across a page break or repeated header) ended.

    ``tail``: ``"list"`` inside its means list (``"bullets"`` when the items are bulleted),
    ``"status"`` right after its status (its list may follow), ``"done"`` complete (means
    before the status), ``""`` without a status yet. ``begun``: its commitment cell began
    already. ``last``: its last compliance line. ``due``: its due date was read already.
    """

    tail: str = ""
    begun: bool = False
    last: Line | None = None
    due: bool = False  # its commitment cell already ended with its due date


def carry_over(cells: Cells, layout: Layout) -> Carry:
    """What the row whose last segment holds ``cells`` hands on to the next band."""
    compliance = cells[2]
    due = fields.has_due(" ".join(line.text for line in cells[1]))
    return Carry(_tail(compliance, layout), bool(cells[1]), compliance[-1] if compliance else None, due)


def _tail(compliance: list[Line], layout: Layout) -> str:
    statuses = _status_lines(compliance)
    if not statuses:
        return ""
    if layout.means_first:
        return "done"
    after = compliance[statuses[-1] + 1:]
    if not after:
        return "status"
    if not _is_heading(after, 0):
        return ""
    return "bullets" if any(is_bullet(line) for line in after[1:]) else "list"


def row_cuts(cells: Cells, layout: Layout, *, top: float, carry: Carry = Carry()) -> list[float]:
    """y positions where a new row starts inside one band (from ``top``); empty for one row.

    ``carry`` says how the row before the band ended: its means list may continue at the top
    of this band, or it is complete and the band's compliance text belongs to a new row.
    """
    rec, com, cum = cells
    cuts: list[float] = []
    tail = carry.tail
    if tail and cum:
        if tail == "bullets":  # the list goes on only with a bullet or the wrapped rest of an item
            rest = carry.last is not None and wrapped(carry.last, cum[0])
            tail = "list" if is_bullet(cum[0]) or rest else "done"
        start = cum[0].top - 0.5 if tail == "list" else _list_start(cum, -1) if tail == "status" else None
        if start is not None:
            _add(cuts, _list_cut(cells, layout, start, -1, _Row(float("-inf"), True)))
        else:
            _add(cuts, _done_cut(cells, top))
    for s in _status_lines(cum, carry.last):
        row = _Row(max(cuts, default=float("-inf")), carry.begun and not cuts, carry.due and not cuts)
        if cum[s].bottom <= row.floor:
            continue
        start = None if layout.means_first else _list_start(cum, s)
        if start is None:
            _add(cuts, _plain_cut(cells, cum[s].bottom, s, row))
        else:
            _add(cuts, _list_cut(cells, layout, start, s, row))
    return cuts


@dataclass(frozen=True)
class _Row:
    """The row being closed: it starts at ``floor``; ``begun``: its commitment began earlier;
    ``due_read``: so did its due date."""

    floor: float
    begun: bool
    due_read: bool = False


def _done_cut(cells: Cells, top: float) -> float:
    """After a page break that ended a complete row: the band's compliance text starts a new
    row; only the end of the previous row's commitment (down to its due date) stays above."""
    com, cum = cells[1], cells[2]
    start = _next_row_start(cells, top, _Row(float("-inf"), True))
    high = min(cum[0].top, start) if start is not None else cum[0].top
    return _widest_gap(cells, _after_due(com, top, high, _Row(float("-inf"), True)), high)


def _add(cuts: list[float], cut: float | None) -> None:
    if cut is not None and (not cuts or cut > cuts[-1]):
        cuts.append(cut)


def _plain_cut(cells: Cells, low: float, s: int, row: _Row) -> float | None:
    """Cut after a row whose compliance cell ends with its status line ``s``."""
    rec, com, cum = cells
    nxt = cum[s + 1].top if s + 1 < len(cum) else None
    start = _next_row_start(cells, low, row)
    high = min(x for x in (nxt, start) if x is not None) if nxt is not None or start is not None else None
    if high is None:
        return None
    return _widest_gap(cells, _after_due(com, low, high, row), high)


def _list_cut(cells: Cells, layout: Layout, low: float, s: int, row: _Row) -> float | None:
    """Cut after a row whose status ``s`` (-1: the band's top) is followed by a means list
    whose first item ends at ``low``, before the next row's first label or numbered commitment.

    The cut is the widest white space in between when it is wider than a paragraph gap; else
    just above the first running text (the next row's compliance), else (when the next row is
    certain) the widest white space anyway.
    """
    rec, com, cum = cells
    label = next((ln.top for ln in cum[s + 1:] if ln.top > low and _LABEL_START.match(fields.fold(ln.text))), None)
    start = _next_row_start(cells, low, row)
    bounds = [x for x in (label, start) if x is not None]
    high = min(bounds) if bounds else max(ln.bottom for col in cells for ln in col)
    low = _after_due(com, low, high, row)
    end = _bulleted_end(cum, low, high)
    if end is not None:  # a bulleted list ends at the first line neither bulleted nor wrapped
        return _widest_gap(cells, end, next((ln.top for ln in cum if ln.top > end), high))
    if not bounds and _bulleted_from(cum, low):
        # every line below is a bullet or an item's rest and no next row starts in the band: the
        # list runs to the band's end (OCR line boxes make item gaps uneven; a gap is no cue here)
        return None
    gap = _widest_gap_strip(cells, low, high)
    if gap is not None and gap.size >= layout.paragraph_gap + ROW_GAP_MARGIN and any(ln.top > gap.bottom - 0.5 for ln in cum):
        return (gap.top + gap.bottom) / 2
    text = _paragraph_start(cum, low, high)
    text = _sentence_start(cum, low, high) if text is None else text
    if text is not None:
        above = max((ln.bottom for col in cells for ln in col if ln.bottom <= cum[text].top), default=low)
        return _widest_gap(cells, max(low, above), cum[text].top)
    if not bounds:
        return None
    return (gap.top + gap.bottom) / 2 if gap is not None else high - 0.5


def _sentence_start(cum: list[Line], low: float, high: float) -> int | None:
    """Index of the first compliance line in [low, high) that begins a sentence: the lines
    up to the first full stop, back over wrapped or full-width lines, hold at least
    ``SENTENCE_WORDS`` words. That is a compliance text; document names are short lines
    without a final stop."""
    first = next((k for k, ln in enumerate(cum) if ln.top >= low), len(cum))
    for k in range(first, len(cum)):
        if cum[k].top >= high:
            return None
        if cum[k].text.endswith(".") and not _ABBREVIATION.search(cum[k].text):
            i = k
            while i > first and (wrapped(cum[i - 1], cum[i]) or cum[i - 1].x1 >= cum[i - 1].limit - FULL_SLACK):
                i -= 1
            if sum(len(ln.words) for ln in cum[i:k + 1]) >= SENTENCE_WORDS:
                return i
    return None


FULL_SLACK = 25.0  # a line reaching this close to the column's edge is running text
SENTENCE_WORDS = 7
_ABBREVIATION = re.compile(r"\b(Ord|N|Exta?|Res|Art|Sr|Sra)\.$")


def _bulleted_end(cum: list[Line], low: float, high: float) -> float | None:
    """Bottom of a bulleted means list whose first item ends at ``low``, when a line that is
    neither a bullet nor the rest of one follows it before ``high``; else None.

    A line closer to the item above than two items are to each other is the item's rest; one
    as far is its rest only if the break was made by word wrapping.
    """
    first = next((i for i, ln in enumerate(cum) if ln.bottom >= low - 0.5), None)
    if first is None or not is_bullet(cum[first]):
        return None
    lines = [ln for ln in cum[first:] if ln.top < high]
    item_gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if is_bullet(b)]
    item_gap = min(item_gaps, default=float("inf"))
    for prev, line in zip(lines, lines[1:]):
        gap = line.top - prev.bottom
        rest = gap < item_gap - 1.0 or (gap <= item_gap + 1.0 and wrapped(prev, line))
        if not is_bullet(line) and not rest:
            return prev.bottom
    return None


def _bulleted_from(cum: list[Line], low: float) -> bool:
    """The means list whose first item ends at ``low`` is bulleted."""
    first = next((ln for ln in cum if ln.bottom >= low - 0.5), None)
    return first is not None and is_bullet(first)


def _paragraph_start(cum: list[Line], low: float, high: float) -> int | None:
    """Index of the first compliance line in [low, high) that begins running text: the two
    breaks after it were made by word wrapping, which a list of document names is not."""
    for i in range(len(cum) - 2):
        if low <= cum[i].top < high and wrapped(cum[i], cum[i + 1]) and wrapped(cum[i + 1], cum[i + 2]):
            return i
    return None


def _list_start(cum: list[Line], s: int) -> float | None:
    """Bottom of the first item of the means list right after line ``s``, None without a list."""
    i = s + 1
    if not _is_heading(cum[i:], 0):
        return None
    heading = fields.fold(cum[i].text)
    if not heading.rstrip().endswith(("verificacion:", "verificacion")) or "verificacion" not in heading:
        i += 1  # "Medios de" / "Verificación:" on two lines
    rest = _HEADING.sub("", fields.fold(cum[i].text)).strip(" :")
    if rest and "verificacion" not in rest[:13]:
        return cum[i].bottom  # the first item sits on the heading line
    return cum[i + 1].bottom if i + 1 < len(cum) else cum[i].bottom


def _is_heading(lines: list[Line], i: int) -> bool:
    return i < len(lines) and _HEADING.match(fields.fold(lines[i].text)) is not None


def _next_row_start(cells: Cells, low: float, row: _Row) -> float | None:
    """Top of the next row's numbered commitment, the first below ``low`` that is not the
    closing row's own (the row's recommendation cell may be vertically centred, so a numbered
    recommendation below the status says nothing).

    The closing row owns the first commitment cell that begins below its ``floor`` (bottom-
    aligned, it may begin below the row's status) unless its commitment began earlier. A
    numbered line begins a cell only after the previous cell's ``Fecha de Vencimiento``:
    otherwise it is an item of a numbered list inside the commitment.
    """
    com = cells[1]
    own = due_seen = row.begun
    for i, line in enumerate(com):
        if line.top < row.floor:
            continue
        if numbered_item(line.text) and (due_seen or not own):
            if own and line.top > low:
                return line.top
            own, due_seen = True, False
        own = True
        due_seen = due_seen or fields.has_due(line.text) or (i > 0 and fields.has_due(f"{com[i - 1].text} {line.text}"))
    return None


def _after_due(com: list[Line], low: float, high: float, row: _Row) -> float:
    """Push ``low`` below the closing row's ``Fecha de Vencimiento`` block if it ends later:
    the first due date of the commitment column below the row's ``floor`` (a later one, or
    any once the row's due was read on an earlier page, is the next row's)."""
    if row.due_read:
        return low
    for i, line in enumerate(com):
        if line.top >= high:
            break
        if line.top >= row.floor and (fields.has_due(line.text) or (i and fields.has_due(f"{com[i - 1].text} {line.text}"))):
            return max(low, _block_end(com, i, high))
    return low


def _block_end(lines: list[Line], i: int, high: float) -> float:
    """Bottom of the tightly spaced lines that continue line ``i`` (above ``high``)."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    limit = (min(gaps) if gaps else 0.0) + 3.0
    end = lines[i].bottom
    for prev, line in zip(lines[i:], lines[i + 1:]):
        if line.top >= high or line.top - prev.bottom > limit:
            break
        end = line.bottom
    return end


def _widest_gap(cells: Cells, low: float, high: float) -> float:
    gap = _widest_gap_strip(cells, low, high)
    if gap is None:
        return high - 0.5 if high > low else low + 0.5
    return (gap.top + gap.bottom) / 2


def _widest_gap_strip(cells: Cells, low: float, high: float) -> _Gap | None:
    """The widest horizontal strip within [low, high] that no line of any column crosses."""
    spans = sorted((ln.top, ln.bottom) for col in cells for ln in col if ln.bottom > low and ln.top < high)
    best: _Gap | None = None
    edge = low
    for top, bottom in [*spans, (high, high)]:
        if top > edge and (best is None or top - edge > best.size - 0.5):  # of equals, the lowest
            best = _Gap(edge, min(top, high))
        edge = max(edge, bottom)
    return best


def _status_lines(lines: list[Line], before: Line | None = None) -> list[int]:
    """Indexes of the lines where a ``Calificación: X (date)`` ends (it may wrap once, also
    over a page break: ``before`` is the last compliance line of the page before)."""
    found = []
    if lines and before is not None and "alificaci" in before.text.lower() and not fields.has_status(before.text):
        if fields.has_status(f"{before.text} {lines[0].text}"):
            found.append(0)
    for i, line in enumerate(lines):
        if "alificaci" not in line.text.lower():  # cheap test first: most lines are plain text
            continue
        if fields.has_status(line.text):
            found.append(i)
        elif i + 1 < len(lines) and fields.has_status(f"{line.text} {lines[i + 1].text}"):
            found.append(i + 1)
    return found
