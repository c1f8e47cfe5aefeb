"""Read an "Informe de Egreso" PDF into a Report with pdfplumber.

The table is rebuilt from word positions and whatever rulings the PDF holds:

1. Per page, the header row (``Recomendación | Compromiso | Cumplimiento``) is located by its
   words; the column boundaries come from vertical rulings between those words or, without
   rulings, from the widest white-space gap between them.
2. Row bands come from horizontal rulings spanning the table. A band holding several rows
   (tables without inner rulings) is split where a new numbered commitment starts after the
   previous row's due date and ``Calificación``.
3. Words are assigned to bands and columns by their centre, so vertically centred cells land in
   the right row; repeated header rows and page numbers are dropped.
4. A segment at the top of a page (or after a repeated header) continues the previous row
   unless it starts a new numbered commitment after a finished one; segments are stitched.
5. Cell texts go through the shared parsers in ``fields``. Line breaks are kept only where the
   line was not full (a hard break), so verification means stay one per line. When a full line
   is followed by a capitalised one the break is ambiguous; see ``_starts_new_item``.

pdfplumber interprets each page once; words come from its ``utils.extract_words`` on the page's
characters, rulings from the layout's lines, rectangles and paths. Every failure of the PDF
itself becomes a ReportError with one Spanish line.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass, field
from statistics import median
from typing import Iterable, Iterator

import pdfplumber
import pdfplumber.utils
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTCurve, LTRect
from pdfplumber.utils.exceptions import PdfminerException

from . import fields
from .errors import ReportError
from .records import Box, Commitment, Report

logger = logging.getLogger(__name__)

LINE_TOL = 3.0  # words whose tops differ by less than this share a line
RULE_TOL = 1.5  # rulings closer than this are one ruling
RULE_JOIN = 4.0  # collinear ruling pieces this close are joined
HEADER_KEYS = ({"recomendacion", "recomendaciones"}, {"compromiso", "compromisos"}, {"cumplimiento"})
_PAGE_NUMBER = re.compile(r"^(p[aá]g(ina|\.)?\s*)?\d+(\s*(de|/)\s*\d+)?$", re.I)
_STARTS_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)-]\s*\S")
# Words a phrase does not end with: a line ending in one continues on the next line.
_JOINERS = frozenset(
    "a al ante bajo con contra de del desde e el en entre hacia hasta la las lo los mediante n° nº no. "
    "o para por segun sin sobre su sus tras u un una y que como".split()
)

MSG_ENCRYPTED = "el PDF está protegido con contraseña; quita la protección y vuelve a cargarlo"
MSG_CORRUPT = "el PDF está dañado y no se puede leer"
MSG_TRUNCATED = "el PDF está incompleto (el archivo parece cortado); vuelve a descargarlo"
MSG_NO_PAGES = "el PDF no tiene páginas"
MSG_NO_TEXT = "el PDF no tiene texto extraíble (¿PDF escaneado?); pásalo por OCR antes de cargarlo"
MSG_NOT_REPORT = "el PDF no parece un Informe de Egreso: no tiene {missing}"
MSG_NO_ROWS = "la tabla Recomendación / Compromiso / Cumplimiento del PDF no tiene filas de compromisos"


# ---------------------------------------------------------------- geometry records


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class _Line:
    words: tuple[_Word, ...]
    limit: float  # right edge that text can reach in this column on this page

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(frozen=True)
class _Rule:
    pos: float  # y of a horizontal ruling, x of a vertical one
    start: float
    end: float


@dataclass(frozen=True)
class _Columns:
    edges: tuple[float, float, float, float]  # left, recommendation|commitment, commitment|compliance, right
    ruled: tuple[bool, bool, bool, bool]

    def index(self, x: float) -> int:
        return 0 if x < self.edges[1] else 1 if x < self.edges[2] else 2


@dataclass(frozen=True)
class _HeaderRow:
    top: float
    bottom: float
    words: tuple[_Word, _Word, _Word]


@dataclass
class _RawPage:
    """What pdfplumber gives for one page: word dicts (with their chars) and path pieces."""

    number: int
    height: float
    words: list[dict]
    hrules: list[_Rule]
    vrules: list[_Rule]


@dataclass
class _Page:
    number: int
    height: float
    words: list[_Word]
    hrules: list[_Rule]
    vrules: list[_Rule]
    headers: list[_HeaderRow] = field(default_factory=list)
    columns: _Columns | None = None  # from this page's header row, else the previous page's


Cells = tuple[list[_Line], list[_Line], list[_Line]]


@dataclass
class _Segment:
    """The part of one table row found on one page."""

    page: int
    cells: Cells
    after_break: bool  # first segment on a page or right after a repeated header row
    closed: bool  # its bottom is a horizontal ruling
    box: Box


# ---------------------------------------------------------------- entry point


def parse_pdf(data: bytes, *, source: str, sha256: str) -> Report:
    """Parse the bytes of a report PDF; raise ReportError with a Spanish message when impossible."""
    pages = _load_pages(data, source)
    if not pages:
        raise ReportError(MSG_NO_PAGES)
    if not any(page.words for page in pages):
        raise ReportError(MSG_NO_TEXT)
    header = fields.parse_header(_header_text(pages))
    _require_report(pages, header)
    commitments = _commitments(_stitch(_all_segments(pages)))
    if not commitments:
        raise ReportError(MSG_NO_ROWS)
    return Report(source=source, sha256=sha256, pages=len(pages), commitments=tuple(commitments), **header)


def _load_pages(data: bytes, source: str) -> list[_Page]:
    """Every page's words, rulings and table columns."""
    pages: list[_Page] = []
    columns: _Columns | None = None
    for raw in _read_pages(data, source):
        page = _page(raw)
        if page.headers:
            columns = _columns(page, page.headers[0])
        if columns is not None:
            top = page.headers[0].bottom if page.headers else 0.0
            page.words = [
                piece for word, w in zip(page.words, raw.words)
                for piece in (_split_straddling(word, w["chars"], columns) if word.yc > top else (word,))
            ]
        page.columns = columns
        pages.append(page)  # the raw page (char dicts) is dropped here: memory stays per page
    return pages


def _page(raw: _RawPage) -> _Page:
    raw.words = _drop_page_numbers(raw.words, raw.height)
    words = [_Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw.words]
    page = _Page(raw.number, raw.height, words, _merge_rules(raw.hrules), _merge_rules(raw.vrules))
    page.headers = _header_rows(page)
    return page


def _read_pages(data: bytes, source: str) -> Iterator[_RawPage]:
    """Pages one by one; the only place that calls pdfplumber/pdfminer.

    Any pdfplumber/pdfminer failure becomes a ReportError; errors raised by the caller while it
    handles a page are not caught here.
    """
    if b"%%EOF" not in data[-4096:]:
        raise ReportError(MSG_TRUNCATED)
    with _quiet_pdfminer():
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for number, page in enumerate(pdf.pages, start=1):
                    yield _read_page(page, number)
        except PdfminerException as exc:
            raise _pdfminer_error(exc) from exc
        except Exception as exc:  # pdfminer raises many unrelated types on broken files
            logger.debug("could not read PDF %s: %r", source, exc)
            raise ReportError(MSG_CORRUPT) from exc


def _pdfminer_error(exc: PdfminerException) -> ReportError:
    cause = exc.args[0] if exc.args else exc
    name = type(cause).__name__
    if "Password" in name or "Encryption" in name:
        return ReportError(MSG_ENCRYPTED)
    logger.debug("pdfminer could not open the PDF: %r", cause)
    return ReportError(MSG_CORRUPT)


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """Silence pdfminer/pdfplumber warnings about harmless oddities while we parse."""
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _require_report(pages: list[_Page], header: dict) -> None:
    missing = []
    if not (header["program"] or header["ministry"] or header["service"]):
        missing.append("el encabezado (Programa/Institución, Ministerio, Servicio)")
    if not any(page.headers for page in pages):
        missing.append("la tabla Recomendación / Compromiso / Cumplimiento")
    if missing:
        raise ReportError(MSG_NOT_REPORT.format(missing=" ni ".join(missing)))


# ---------------------------------------------------------------- one page: words and rulings


def _read_page(page: pdfplumber.page.Page, number: int) -> _RawPage:
    """Words (with their chars) and straight path pieces of one page.

    pdfplumber interprets the page (``page.layout``) and groups characters into words
    (``utils.extract_words``); its per-object dictionaries (``page.chars``, ``page.edges``) are
    skipped because building them costs more than everything else here together.
    """
    height = float(page.height)
    x_shift, y_shift = float(page.mediabox[0]), float(page.mediabox[1])
    raw = _RawPage(number, height, [], [], [])
    chars: list[dict] = []
    for obj in _layout_objects(page.layout):
        if isinstance(obj, LTChar):
            chars.append({
                "text": obj.get_text(), "upright": obj.upright,
                "x0": obj.x0 + x_shift, "x1": obj.x1 + x_shift,
                "top": height - obj.y1 + y_shift, "bottom": height - obj.y0 + y_shift,
                "doctop": height - obj.y1 + y_shift,
            })
        elif isinstance(obj, LTCurve):
            for (ax, ay), (bx, by) in _curve_segments(obj):
                ax, bx, ay, by = ax + x_shift, bx + x_shift, height - ay + y_shift, height - by + y_shift
                if abs(ay - by) < 0.5:
                    raw.hrules.append(_Rule((ay + by) / 2, min(ax, bx), max(ax, bx)))
                elif abs(ax - bx) < 0.5:
                    raw.vrules.append(_Rule((ax + bx) / 2, min(ay, by), max(ay, by)))
    page.close()  # free pdfplumber's per-page caches
    raw.words = pdfplumber.utils.extract_words(chars, return_chars=True, x_tolerance=2, y_tolerance=LINE_TOL)
    return raw


def _layout_objects(container: LTContainer) -> Iterator[LTComponent]:
    """Leaf objects of a pdfminer layout tree (figures and groups are opened)."""
    for obj in container:
        if isinstance(obj, LTContainer) and not isinstance(obj, LTChar):
            yield from _layout_objects(obj)
        else:
            yield obj


def _curve_segments(obj: LTCurve) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight pieces of a path: a rectangle's four sides, a line, a polyline's steps."""
    if isinstance(obj, LTRect):
        x0, y0, x1, y1 = obj.bbox
        return [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))]
    return list(zip(obj.pts, obj.pts[1:]))


def _merge_rules(rules: list[_Rule]) -> list[_Rule]:
    """Join collinear, touching pieces (cell-by-cell borders, thin rectangles) into rulings."""
    merged: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.pos / RULE_TOL), r.start)):
        last = merged[-1] if merged else None
        if last and abs(last.pos - rule.pos) <= RULE_TOL and rule.start <= last.end + RULE_JOIN:
            merged[-1] = _Rule(last.pos, last.start, max(last.end, rule.end))
        else:
            merged.append(rule)
    return [r for r in merged if r.end - r.start >= 3]


def _drop_page_numbers(words: list[dict], height: float) -> list[dict]:
    """Remove a "Página N de M" footer (or header) line from pdfplumber words."""
    margin = [w for w in words if w["top"] > height * 0.92 or w["bottom"] < height * 0.05]
    lines: dict[int, list[dict]] = {}
    for w in margin:
        lines.setdefault(round(w["top"] / LINE_TOL), []).append(w)
    drop = {
        id(w)
        for line in lines.values()
        if _PAGE_NUMBER.match(" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])))
        for w in line
    }
    return [w for w in words if id(w) not in drop] if drop else words


def _group_lines(words: list[_Word]) -> list[list[_Word]]:
    """Cluster words into lines by their top, each line sorted left to right."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and word.top - lines[-1][0].top <= LINE_TOL:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _header_rows(page: _Page) -> list[_HeaderRow]:
    """Table header rows on the page: the three column titles side by side."""
    found: list[list[_Word]] = [[], [], []]
    for word in page.words:
        key = fields.fold(word.text).strip(".:")
        for kind, keys in enumerate(HEADER_KEYS):
            if key in keys:
                found[kind].append(word)
    rows: list[_HeaderRow] = []
    for rec in found[0]:
        com = [w for w in found[1] if abs(w.top - rec.top) <= 6 and w.x0 > rec.x1]
        cum = [w for w in found[2] if abs(w.top - rec.top) <= 6 and com and w.x0 > com[0].x1]
        if com and cum and not _words_between(page.words, rec, com[0], cum[0]):
            triple = (rec, com[0], cum[0])
            top, bottom = min(w.top for w in triple), max(w.bottom for w in triple)
            rows.append(_HeaderRow(*_header_band(page.hrules, top, bottom), triple))
    return sorted(rows, key=lambda r: r.top)


def _words_between(words: list[_Word], rec: _Word, com: _Word, cum: _Word) -> bool:
    """Other words between the titles on their line: running text, not a header row."""
    return any(
        abs(w.top - rec.top) <= LINE_TOL and (rec.x1 < w.xc < com.x0 or com.x1 < w.xc < cum.x0)
        for w in words
    )


def _header_band(hrules: list[_Rule], top: float, bottom: float) -> tuple[float, float]:
    """Extend the header words' box to the rulings just above and below them, if any."""
    above = [r.pos for r in hrules if top - 20 < r.pos <= top + 0.5]
    below = [r.pos for r in hrules if bottom - 0.5 <= r.pos < bottom + 20]
    return (max(above) if above else top - 2), (min(below) if below else bottom + 2)


# ---------------------------------------------------------------- columns


def _columns(page: _Page, header: _HeaderRow) -> _Columns:
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
    return _Columns(edges, tuple(f is not None for f in found))  # type: ignore[arg-type]


def _ruling_in(verticals: list[_Rule], lo: float, hi: float) -> float | None:
    """x of the longest vertical ruling strictly between lo and hi."""
    inside = [r for r in verticals if lo < r.pos < hi]
    return max(inside, key=lambda r: r.end - r.start).pos if inside else None


def _widest_gap(words: list[_Word], lo: float, hi: float) -> float:
    """Middle of the longest stretch of [lo, hi] crossed by the fewest words."""
    start, size = int(lo), max(1, int(hi) - int(lo))
    counts = [0] * size
    for w in words:
        a, b = max(int(w.x0) - start, 0), min(int(w.x1) - start + 1, size)
        for i in range(a, b):
            counts[i] += 1
    least = min(counts)
    best, run_start, best_span = 0, None, (0, 0)
    for i, count in enumerate(counts + [least + 1]):
        if count == least and run_start is None:
            run_start = i
        elif count != least and run_start is not None:
            if i - run_start > best:
                best, best_span = i - run_start, (run_start, i)
            run_start = None
    return start + (best_span[0] + best_span[1]) / 2


# ---------------------------------------------------------------- rows on a page


@dataclass
class _PageTable:
    """Words of one page's table, by band and column, before they become lines."""

    page: _Page
    columns: _Columns
    bands: list[tuple[float, float, bool, bool]]  # top, bottom, closed by a ruling, after a break
    words: list[list[list[_Word]]]  # [band][column] -> words


def _all_segments(pages: list[_Page]) -> list[_Segment]:
    tables = [_page_table(page, page.columns) for page in pages if page.columns is not None]
    limits = _column_limits(tables)
    return [segment for table, lims in zip(tables, limits) for segment in _table_segments(table, lims)]


def _page_table(page: _Page, columns: _Columns) -> _PageTable:
    top = page.headers[0].bottom if page.headers else 0.0
    bottom = _table_bottom(page, columns, top)
    bands = _bands(page, columns, top, bottom)
    starts = [band[0] for band in bands]
    words: list[list[list[_Word]]] = [[[], [], []] for _ in bands]
    for word in page.words if bands else ():
        if top < word.yc < bottom and not _in_header(page, word):
            band = max(0, bisect_right(starts, word.yc) - 1)
            words[band][columns.index(word.xc)].append(word)
    return _PageTable(page, columns, bands, words)


def _column_limits(tables: list[_PageTable]) -> list[tuple[float, float, float]]:
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


def _table_segments(table: _PageTable, limits: tuple[float, float, float]) -> list[_Segment]:
    segments: list[_Segment] = []
    for band, band_words in zip(table.bands, table.words):
        cells = _cells(_cell_lines(ws, limits[i]) for i, ws in enumerate(band_words))
        segments.extend(_band_segments(table.page, table.columns, band, cells))
    return segments


def _table_bottom(page: _Page, columns: _Columns, top: float) -> float:
    """Lowest end of the table's vertical rulings, or the page bottom without them."""
    ends = [r.end for r in page.vrules if r.end > top + 5 and any(abs(r.pos - x) <= 2 for x in columns.edges)]
    return max(ends) + 0.5 if ends else page.height


def _in_header(page: _Page, word: _Word) -> bool:
    return any(h.top <= word.yc <= h.bottom for h in page.headers)


def _row_rules(page: _Page, columns: _Columns, top: float, bottom: float) -> list[float]:
    """y of horizontal rulings that span the commitment and most of the compliance column."""
    left, b1, b2, right = columns.edges
    reach = b2 + 0.8 * (right - b2)
    return [r.pos for r in page.hrules if top < r.pos < bottom and r.start <= b1 + 5 and r.end >= reach]


def _bands(page: _Page, columns: _Columns, top: float, bottom: float) -> list[tuple[float, float, bool, bool]]:
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


def _split_straddling(word: _Word, chars: list[dict], columns: _Columns) -> list[_Word]:
    """A 'word' running over a column boundary (text too close to the ruling) is split at it."""
    inner = [x for x in columns.edges[1:3] if word.x0 < x - 1 and word.x1 > x + 1]
    if not inner or not chars:
        return [word]
    groups: list[list[dict]] = [[] for _ in range(len(inner) + 1)]
    for char in chars:
        groups[bisect_right(inner, (char["x0"] + char["x1"]) / 2)].append(char)
    return [
        _Word("".join(c["text"] for c in group), min(c["x0"] for c in group), max(c["x1"] for c in group),
              word.top, word.bottom)
        for group in groups
        if "".join(c["text"] for c in group).strip()
    ]


def _cells(columns: Iterable[list[_Line]]) -> Cells:
    recommendation, commitment, compliance = columns
    return recommendation, commitment, compliance


def _cell_lines(words: list[_Word], limit: float) -> list[_Line]:
    return [_Line(tuple(line), limit) for line in _group_lines(words)]


def _band_segments(page: _Page, columns: _Columns, band: tuple[float, float, bool, bool],
                   cells: Cells) -> list[_Segment]:
    """One segment per row in the band (several when the table has no rulings between rows)."""
    top, bottom, closed, after_break = band
    limits = [top, *_row_cuts(cells), bottom]
    segments = []
    for i, (y0, y1) in enumerate(zip(limits, limits[1:])):
        part = _cells([ln for ln in col if y0 <= (ln.top + ln.bottom) / 2 < y1] for col in cells)
        if not any(part):
            continue
        box_bottom = y1 if y1 < page.height else max(ln.bottom for col in part for ln in col) + 2
        box = (page.number, columns.edges[0], y0, columns.edges[3], box_bottom)
        last = i == len(limits) - 2
        segments.append(_Segment(page.number, part, after_break and not segments, closed and last, box))
    return segments


# ---------------------------------------------------------------- rows without rulings


def _row_cuts(cells: Cells) -> list[float]:
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
        if finished and (due_seen or since_cut == 0) and _STARTS_NUMBERED.match(line.text):
            low = max(com[i - 1].bottom if i else floor, max(finished))
            low = max(_extend_over_blocks(lines, low, line.top) for lines in cells)
            cut = _cut_between(cells, low, line.top)
            cuts.append(cut)
            due_seen, since_cut, floor = False, 0, cut
        due_seen = due_seen or fields.has_due(line.text)
        since_cut += 1
    return cuts


def _status_lines(lines: list[_Line]) -> list[int]:
    """Indexes of the lines where a ``Calificación: X (date)`` ends (it may wrap once)."""
    found = []
    for i, line in enumerate(lines):
        if fields.has_status(line.text):
            found.append(i)
        elif i + 1 < len(lines) and "calificaci" in fields.fold(line.text):
            if fields.has_status(f"{line.text} {lines[i + 1].text}"):
                found.append(i + 1)
    return found


def _block_gap(lines: list[_Line]) -> float:
    """Vertical gap above which two lines of a column belong to different blocks."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    return (median(gaps) if gaps else 0.0) + 3.0


def _extend_over_blocks(lines: list[_Line], low: float, high: float) -> float:
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


# ---------------------------------------------------------------- stitching and fields


def _stitch(segments: list[_Segment]) -> list[list[_Segment]]:
    rows: list[list[_Segment]] = []
    for segment in segments:
        if rows and segment.after_break and _continues(rows[-1], segment):
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return rows


def _continues(row: list[_Segment], segment: _Segment) -> bool:
    """Whether a segment after a page break (or repeated header) is the rest of ``row``.

    A new row starts with a numbered commitment once the previous commitment has ended with
    its due date (or, in reports without due dates, once the previous row has its status).
    """
    has_due = fields.has_due(_joined(row, 1))
    has_status = fields.has_status(_joined(row, 2))
    first = segment.cells[1][0].text if segment.cells[1] else ""
    if _STARTS_NUMBERED.match(first):
        segment_due = fields.has_due(_cell_text(segment.cells[1]))
        if has_due or (has_status and not segment_due):
            return False
    if has_due and has_status and row[-1].closed and first:
        return False  # a finished, closed row followed by an unnumbered commitment
    return True


def _joined(row: list[_Segment], column: int) -> str:
    return _cell_text([ln for seg in row for ln in seg.cells[column]])


def _cell_text(lines: list[_Line]) -> str:
    """Join a cell's lines: a space where the line was wrapped, a newline at a hard break."""
    parts: list[str] = []
    for prev, line in zip([None, *lines], lines):
        if prev is not None:
            parts.append(" " if _wrapped(prev, line) else "\n")
        parts.append(line.text)
    return "".join(parts)


def _wrapped(prev: _Line, line: _Line) -> bool:
    """True when the break between two lines of a cell was made by word wrapping.

    Certainly not when ``line``'s first word would have fitted at the end of ``prev``. When it
    would not have fitted the break is ambiguous; a line starting with a capital after a line
    that can end a phrase is then taken as a new item (e.g. the next means of verification).
    """
    first = line.words[0]
    space = 0.25 * (first.bottom - first.top)
    if prev.x1 + space + (first.x1 - first.x0) <= prev.limit + 0.5:
        return False
    return not _starts_new_item(prev.text, line.text)


def _starts_new_item(prev: str, text: str) -> bool:
    """A capitalised line after a line ending in a phrase-final word (not a joiner, not a
    capitalised word of a proper name such as "Subsecretaría de Redes / Asistenciales")."""
    words = prev.split()
    if not (words and text[:1].isupper()) or prev.endswith((",", ":", "-", "/")):
        return False
    last = words[-1]
    title_case = last[:1].isupper() and not last.isupper()
    return fields.fold(last) not in _JOINERS and not title_case


def _commitments(rows: list[list[_Segment]]) -> list[Commitment]:
    result: list[Commitment] = []
    previous: tuple[int | None, str] = (None, "")
    for row in rows:
        item = _commitment(row, previous)
        if item is None:
            continue
        result.append(item)
        previous = (item.recommendation, item.recommendation_text)
    return result


def _commitment(row: list[_Segment], previous: tuple[int | None, str]) -> Commitment | None:
    rec_no, rec_text = fields.split_number(_joined(row, 0))
    com_no, com_text, due = fields.parse_commitment_cell(_joined(row, 1))
    compliance = fields.parse_compliance_cell(_joined(row, 2))
    if not (com_text or compliance.text or compliance.status):
        return None  # an empty band (or stray words under the table)
    if not rec_text and rec_no is None:
        rec_no, rec_text = previous  # blank cell: same recommendation as the row above
    elif rec_no is None and rec_text == previous[1]:
        rec_no = previous[0]
    return Commitment(
        recommendation=rec_no,
        commitment=com_no,
        recommendation_text=rec_text,
        commitment_text=com_text,
        due=due,
        compliance_text=compliance.text,
        observation=compliance.observation,
        status=compliance.status,
        status_date=compliance.status_date,
        verification=compliance.verification,
        pages=tuple(dict.fromkeys(seg.page for seg in row)),
        boxes=tuple(seg.box for seg in row),
    )


# ---------------------------------------------------------------- header block


def _header_text(pages: list[_Page]) -> str:
    """Text above the first table header, with a blank line wherever the vertical gap is large."""
    out: list[str] = []
    for page in pages:
        words = page.words
        if page.headers:
            words = [w for w in words if w.bottom <= page.headers[0].top + 1]
        lines = _group_lines(words)
        for prev, line in zip([None, *lines], lines):
            if prev is not None and line[0].top - prev[0].top > 1.6 * (prev[0].bottom - prev[0].top) + 2:
                out.append("")
            out.append(" ".join(w.text for w in line))
        if page.headers:
            break
        out.append("")
    return "\n".join(out)


__all__ = ["parse_pdf"]
