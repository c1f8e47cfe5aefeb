"""One page's table: row bands between horizontal rulings, words by band and column, row segments."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from .headers import in_header
from .model import RULE_TOL, Cells, Columns, Line, Page, Segment, Word, group_lines
from .row_cuts import row_cuts

Band = tuple[float, float, bool, bool]  # top, bottom, closed by a ruling, after a break


@dataclass
class PageTable:
    """Words of one page's table, by band and column, before they become lines."""

    page: Page
    columns: Columns
    bands: list[Band]
    words: list[list[list[Word]]]  # [band][column] -> words


def all_segments(pages: list[Page]) -> list[Segment]:
    """Row segments of every page's table, in reading order."""
    tables = [_page_table(page, page.columns) for page in pages if page.columns is not None]
    limits = _column_limits(tables)
    return [segment for table, lims in zip(tables, limits) for segment in _table_segments(table, lims)]


def _page_table(page: Page, columns: Columns) -> PageTable:
    top = page.headers[0].bottom if page.headers else 0.0
    bottom = _table_bottom(page, columns, top)
    bands = _bands(page, columns, top, bottom)
    starts = [band[0] for band in bands]
    words: list[list[list[Word]]] = [[[], [], []] for _ in bands]
    for word in page.words if bands else ():
        if top < word.yc < bottom and not in_header(page, word):
            band = max(0, bisect_right(starts, word.yc) - 1)
            words[band][columns.index(word.xc)].append(word)
    return PageTable(page, columns, bands, words)


def _column_limits(tables: list[PageTable]) -> list[tuple[float, float, float]]:
    """Per page, how far right text reaches in each column.

    The longest line of the column anywhere in the document, or, when the column has rulings
    on both sides, the right ruling minus the left padding.
    """
    longest = [max((w.x1 for t in tables for band in t.words for w in band[i]), default=0.0) for i in range(3)]
    result = []
    for table in tables:
        edges, ruled = table.columns.edges, table.columns.ruled
        limits = []
        for i in range(3):
            lefts = [w.x0 for band in table.words for w in band[i]]
            limit = longest[i] if longest[i] > edges[i] else edges[i + 1]
            if lefts and ruled[i] and ruled[i + 1]:
                limit = max(limit, edges[i + 1] - max(0.0, min(lefts) - edges[i]))
            limits.append(min(limit, edges[i + 1]) if ruled[i + 1] else limit)
        result.append(tuple(limits))
    return result  # type: ignore[return-value]


def _table_segments(table: PageTable, limits: tuple[float, float, float]) -> list[Segment]:
    segments: list[Segment] = []
    for band, band_words in zip(table.bands, table.words):
        cells = _cells(_cell_lines(ws, limits[i]) for i, ws in enumerate(band_words))
        segments.extend(_band_segments(table.page, table.columns, band, cells))
    return segments


def _table_bottom(page: Page, columns: Columns, top: float) -> float:
    """Lowest end of the table's vertical rulings, or the page bottom without them."""
    ends = [r.end for r in page.vrules if r.end > top + 5 and any(abs(r.pos - x) <= 2 for x in columns.edges)]
    return max(ends) + 0.5 if ends else page.height


def _row_rules(page: Page, columns: Columns, top: float, bottom: float) -> list[float]:
    """y of horizontal rulings that span the commitment and most of the compliance column."""
    left, b1, b2, right = columns.edges
    reach = b2 + 0.8 * (right - b2)
    return [r.pos for r in page.hrules if top < r.pos < bottom and r.start <= b1 + 5 and r.end >= reach]


def _bands(page: Page, columns: Columns, top: float, bottom: float) -> list[Band]:
    """(top, bottom, closed by a ruling, first after a page/header break) of each row band."""
    zones = [(h.top, h.bottom) for h in page.headers[1:]]  # repeated header rows mid-page
    rules = _row_rules(page, columns, top, bottom)
    ys: list[float] = []
    for y in sorted({top, bottom, *rules, *(y for zone in zones for y in zone)}):
        if not ys or y - ys[-1] > RULE_TOL:
            ys.append(y)
    bands = []
    after_break = True
    for y0, y1 in zip(ys, ys[1:]):
        middle = (y0 + y1) / 2
        if any(z0 - RULE_TOL <= middle <= z1 + RULE_TOL for z0, z1 in zones):
            after_break = True
            continue
        if y1 - y0 >= 3:
            closed = any(abs(y1 - r) <= RULE_TOL for r in rules)
            bands.append((y0, y1, closed, after_break))
            after_break = False
    return bands


def _cells(columns: Iterable[list[Line]]) -> Cells:
    recommendation, commitment, compliance = columns
    return recommendation, commitment, compliance


def _cell_lines(words: list[Word], limit: float) -> list[Line]:
    return [Line(tuple(line), limit) for line in group_lines(words)]


def _band_segments(page: Page, columns: Columns, band: Band, cells: Cells) -> list[Segment]:
    """One segment per row in the band (several when the table has no rulings between rows)."""
    top, bottom, closed, after_break = band
    limits = [top, *row_cuts(cells), bottom]
    segments = []
    for i, (y0, y1) in enumerate(zip(limits, limits[1:])):
        part = _cells([ln for ln in col if y0 <= (ln.top + ln.bottom) / 2 < y1] for col in cells)
        if not any(part):
            continue
        box_bottom = y1 if y1 < page.height else max(ln.bottom for col in part for ln in col) + 2
        box = (page.number, columns.edges[0], y0, columns.edges[3], box_bottom)
        last = i == len(limits) - 2
        segments.append(Segment(page.number, part, after_break and not segments, closed and last, box))
    return segments
