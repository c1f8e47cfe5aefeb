"""One page's table: row bands between horizontal rulings, words by band and column, row segments."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Iterable

from .headers import in_header
from .model import RULE_TOL, Cells, Columns, Line, Page, Segment, Word, group_lines
from .rows import stitch
from .row_cuts import Carry, Layout, carry_over, row_cuts, table_layout
from .sections import SectionRow, section_rows


@dataclass(frozen=True)
class Band:
    """A horizontal strip of one page's table between rulings, header rows or section rows."""

    top: float
    bottom: float
    closed: bool  # ends at a ruling or a section row
    after_break: bool  # first on the page or right after a repeated header row
    section: str = ""  # title of the section row right above it: a new row starts here


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
    cells = [[_band_cells(words, lims) for words in table.words] for table, lims in zip(tables, limits)]
    layout = table_layout([band[2] for bands in cells for band in bands])
    segments: list[Segment] = []
    # A band without text (above a page's first ruling, a section row at a page's foot) hands
    # its page break and its section title on to the next band.
    after_break, section = False, ""
    for table, bands in zip(tables, cells):
        for band, band_cells in zip(table.bands, bands):
            after_break, section = band.after_break or after_break, band.section or section
            carry = carry_over(_open_row(segments), layout) if segments and after_break else Carry()
            band = replace(band, after_break=after_break, section=section)
            found = _band_segments(table.page, table.columns, band, band_cells, layout, carry)
            segments.extend(found)
            if found:
                after_break, section = False, ""
    return segments


def _open_row(segments: list[Segment]) -> Cells:
    """The cells of the row the last segment belongs to, over every page it has run over so far:
    a row over two page breaks may have only compliance text on its middle page, and its
    commitment (begun, with its due date read) is on the page before."""
    start = max((i for i, seg in enumerate(segments) if not seg.after_break or seg.section), default=0)
    row = stitch(segments[start:])[-1]  # a segment not after a break always starts a row
    return _cells([ln for seg in row for ln in seg.cells[i]] for i in range(3))


def _page_table(page: Page, columns: Columns) -> PageTable:
    top = page.headers[0].bottom if page.headers else 0.0
    bottom = _table_bottom(page, columns, top)
    body = [w for w in page.words if top < w.yc < bottom and not in_header(page, w)]
    sections = section_rows(body, columns)
    bands = _bands(page, columns, top, bottom, sections)
    starts = [band.top for band in bands]
    words: list[list[list[Word]]] = [[[], [], []] for _ in bands]
    for word in body if bands else ():
        if not any(s.top - 0.5 <= word.yc <= s.bottom + 0.5 for s in sections):
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


def _band_cells(band_words: list[list[Word]], limits: tuple[float, float, float]) -> Cells:
    return _cells(_cell_lines(ws, limits[i]) for i, ws in enumerate(band_words))


def _table_bottom(page: Page, columns: Columns, top: float) -> float:
    """Lowest end of the table's vertical rulings, or the page bottom without them."""
    ends = [r.end for r in page.vrules if r.end > top + 5 and any(abs(r.pos - x) <= 2 for x in columns.edges)]
    return max(ends) + 0.5 if ends else page.height


def _row_rules(page: Page, columns: Columns, top: float, bottom: float) -> list[float]:
    """y of horizontal rulings that span the commitment and most of the compliance column."""
    left, b1, b2, right = columns.edges
    reach = b2 + 0.8 * (right - b2)
    return [r.pos for r in page.hrules if top < r.pos < bottom and r.start <= b1 + 5 and r.end >= reach]


def _bands(page: Page, columns: Columns, top: float, bottom: float, sections: list[SectionRow]) -> list[Band]:
    """The row bands of a page's table: between rulings, repeated header rows and section rows."""
    zones = [(h.top, h.bottom, None) for h in page.headers[1:]]  # repeated header rows mid-page
    zones += [(s.top - 0.5, s.bottom + 0.5, s.title) for s in sections]
    rules = _row_rules(page, columns, top, bottom)
    ys: list[float] = []
    for y in sorted({top, bottom, *rules, *(y for zone in zones for y in zone[:2])}):
        if not ys or y - ys[-1] > RULE_TOL:
            ys.append(y)
    bands: list[Band] = []
    after_break, section = True, ""
    for y0, y1 in zip(ys, ys[1:]):
        middle = (y0 + y1) / 2
        zone = next((z for z in zones if z[0] - RULE_TOL <= middle <= z[1] + RULE_TOL), None)
        if zone is not None:
            if zone[2] is None:
                after_break = True
            else:
                section, after_break = zone[2], False
                if bands:
                    bands[-1] = replace(bands[-1], closed=True)
            continue
        if y1 - y0 >= 3:
            closed = any(abs(y1 - r) <= RULE_TOL for r in rules)
            bands.append(Band(y0, y1, closed, after_break, section))
            after_break, section = False, ""
    return bands


def _cells(columns: Iterable[list[Line]]) -> Cells:
    recommendation, commitment, compliance = columns
    return recommendation, commitment, compliance


def _cell_lines(words: list[Word], limit: float) -> list[Line]:
    return [Line(tuple(line), limit) for line in group_lines(words)]


def _band_segments(page: Page, columns: Columns, band: Band, cells: Cells, layout: Layout,
                   carry: Carry) -> list[Segment]:
    """One segment per row in the band (several when the table has no rulings between rows).

    ``carry`` tells how the row before a page break ended (see ``row_cuts.Carry``)."""
    top, bottom, closed, after_break = band.top, band.bottom, band.closed, band.after_break
    limits = [top, *row_cuts(cells, layout, top=top, carry=carry), bottom]
    segments = []
    for i, (y0, y1) in enumerate(zip(limits, limits[1:])):
        part = _cells([ln for ln in col if y0 <= (ln.top + ln.bottom) / 2 < y1] for col in cells)
        if not any(part):
            continue
        box_bottom = y1 if y1 < page.height else max(ln.bottom for col in part for ln in col) + 2
        box = (page.number, columns.edges[0], y0, columns.edges[3], box_bottom)
        last = i == len(limits) - 2
        first = not segments  # a part below a cut starts a new row, even at the top of a page
        segments.append(Segment(page.number, part, after_break and i == 0, closed and last, box,
                                band.section if first else ""))
    return segments
