"""One scanned page: deskew, rulings, Tesseract words, in PDF points."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ReportError
from .confidence import PageOcr
from .lines import PixelRule, dark_mask, deskew, despeckle, erase_rules, find_rules
from .options import OcrOptions
from .render import PageRenderer
from .tesseract import recognise
from .words import word_dicts

if TYPE_CHECKING:
    from PIL import Image

MIN_HRULE_PT = 20.0  # shortest horizontal ruling (points); text strokes are far shorter
MIN_VRULE_PT = 15.0  # shortest vertical ruling: a one-line row with its padding is taller


@dataclass(frozen=True)
class ScannedPage:
    """What OCR gives for one page, in PDF points (top-left origin); rulings as (pos, start, end)."""

    words: list[dict]
    hrules: list[tuple[float, float, float]]
    vrules: list[tuple[float, float, float]]
    ocr: PageOcr


def read_scanned_page(image: "Image.Image", *, number: int, options: OcrOptions,
                      origin: tuple[float, float] = (0.0, 0.0)) -> ScannedPage:
    """``image`` is the page rendered at ``options.dpi``; ``origin`` its top-left corner in points."""
    scale = 72.0 / options.dpi
    level, _ = deskew(image)
    mask = dark_mask(level)
    hrules, vrules = find_rules(mask, min_h=int(MIN_HRULE_PT / scale), min_v=int(MIN_VRULE_PT / scale))
    clean = despeckle(erase_rules(level, hrules, vrules), dpi=options.dpi)
    words = recognise(clean, languages=options.languages, page=number)
    x0, top = origin
    confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
    return ScannedPage(
        words=word_dicts(words, scale=scale, x0=x0, top=top),
        hrules=[_points(r, scale, top, x0) for r in hrules],
        vrules=[_points(r, scale, x0, top) for r in vrules],
        ocr=PageOcr(number, round(confidence, 2), len(words)),
    )


def _points(rule: PixelRule, scale: float, pos_shift: float, span_shift: float) -> tuple[float, float, float]:
    return pos_shift + rule.pos * scale, span_shift + rule.start * scale, span_shift + rule.end * scale


class OcrFailure(RuntimeError):
    """A bug or an unexpected failure while reading a scanned page (not a fault of the PDF)."""


class ScanReader:
    """Reads the scanned pages of one PDF; renders with pypdfium2, opened on the first scan."""

    def __init__(self, data: bytes, options: OcrOptions) -> None:
        self.options = options
        self._renderer = PageRenderer(data)

    def read(self, number: int) -> ScannedPage | None:
        """Page ``number`` (1-based) read by OCR; None when OCR is switched off."""
        if not self.options.enabled:
            return None
        try:
            return read_scanned_page(self._renderer.grey(number, self.options.dpi), number=number,
                                     options=self.options)
        except ReportError:
            raise
        except Exception as exc:  # kept apart from the PDF's own faults, which read_pages reports as damage
            raise OcrFailure(f"page {number}: {type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        self._renderer.close()
