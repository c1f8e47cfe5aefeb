"""Reading pages with pdfplumber: words (with their chars) and the straight rulings of each page.

pdfplumber interprets each page once; words come from its ``utils.extract_words`` on the page's
characters, rulings from the layout's lines, rectangles and paths. This is the only module that
calls pdfplumber/pdfminer.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from contextlib import contextmanager
from typing import Callable, Iterator

import pdfplumber
import pdfplumber.utils
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTCurve, LTImage, LTRect
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import ReportError
from ..ocr import OcrFailure, OcrOptions, ScannedPage, ScanReader, needs_ocr
from .errors import MSG_CORRUPT, pdfminer_error, require_complete
from .model import LINE_TOL, RULE_TOL, RawPage, Rule

logger = logging.getLogger(__name__)

RULE_JOIN = 4.0  # collinear ruling pieces this close are joined
_PAGE_NUMBER = re.compile(r"^(p[aá]g(ina|\.)?\s*)?\d+(\s*(de|/)\s*\d+)?$", re.I)


def read_pages(data: bytes, source: str, *, on_page: Callable[[int, int], None] | None = None,
               ocr: OcrOptions | None = None) -> Iterator[RawPage]:
    """Pages one by one; ``on_page(done, total)`` after each page is read (a scanned page after
    its OCR). A page with (almost) no text but a large image is read by OCR with ``ocr``.

    Any pdfplumber/pdfminer failure becomes a ReportError; errors raised by the caller while it
    handles a page are not caught here.
    """
    require_complete(data)
    scans: ScanReader | None = None
    with _quiet_pdfminer():
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                total = len(pdf.pages)
                for number, page in enumerate(pdf.pages, start=1):
                    raw, scanned = _read_page(page, number)
                    if scanned:  # (almost) no text layer but an image: read by OCR
                        scans = scans or ScanReader(data, ocr or OcrOptions())
                        raw = _scanned(raw, scans.read(number))
                    if on_page is not None:
                        on_page(number, total)
                    yield raw
        except (ReportError, OcrFailure):  # OCR's own failures are not the PDF's damage
            raise
        except PdfminerException as exc:
            raise pdfminer_error(exc) from exc
        except Exception as exc:  # pdfminer raises many unrelated types on broken files
            logger.debug("could not read PDF %s: %r", source, exc)
            raise ReportError(MSG_CORRUPT) from exc
        finally:
            if scans is not None:
                scans.close()


def _scanned(raw: RawPage, scan: ScannedPage | None) -> RawPage:
    """The scan's OCR words and image rulings (no OCR: the page stays empty and is rejected later)."""
    if scan is None:
        return RawPage(raw.number, raw.height, [], raw.hrules, raw.vrules)
    return RawPage(raw.number, raw.height, scan.words, [Rule(*r) for r in scan.hrules],
                   [Rule(*r) for r in scan.vrules], ocr=scan.ocr)


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


def _read_page(page: pdfplumber.page.Page, number: int) -> tuple[RawPage, bool]:
    """Words (with their chars) and straight path pieces of one page, and whether it is a scan.

    pdfplumber interprets the page (``page.layout``) and groups characters into words
    (``utils.extract_words``); its per-object dictionaries (``page.chars``, ``page.edges``) are
    skipped because building them costs more than everything else here together.
    """
    height = float(page.height)
    x_shift, y_shift = float(page.mediabox[0]), float(page.mediabox[1])
    raw = RawPage(number, height, [], [], [])
    chars: list[dict] = []
    image_area = 0.0
    for obj in _layout_objects(page.layout):
        if isinstance(obj, LTImage):
            image_area += obj.width * obj.height
        elif isinstance(obj, LTChar):
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
                    raw.hrules.append(Rule((ay + by) / 2, min(ax, bx), max(ax, bx)))
                elif abs(ax - bx) < 0.5:
                    raw.vrules.append(Rule((ax + bx) / 2, min(ay, by), max(ay, by)))
    page.close()  # free pdfplumber's per-page caches
    raw.words = pdfplumber.utils.extract_words(chars, return_chars=True, x_tolerance=2, y_tolerance=LINE_TOL)
    return raw, needs_ocr(sum(len(w["text"]) for w in raw.words), image_area, float(page.width) * height)


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


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join collinear, touching pieces (cell-by-cell borders, thin rectangles) into rulings."""
    merged: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.pos / RULE_TOL), r.start)):
        last = merged[-1] if merged else None
        if last and abs(last.pos - rule.pos) <= RULE_TOL and rule.start <= last.end + RULE_JOIN:
            merged[-1] = Rule(last.pos, last.start, max(last.end, rule.end))
        else:
            merged.append(rule)
    return [r for r in merged if r.end - r.start >= 3]


def drop_page_numbers(words: list[dict], height: float) -> list[dict]:
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
