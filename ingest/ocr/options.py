"""OCR parameters (the edges pass ``Settings.ocr_languages`` / ``ocr_dpi``) and when a page needs OCR."""
from __future__ import annotations

from dataclasses import dataclass

# A page with fewer text characters than this, and an image covering at least IMAGE_SHARE of
# it, is a scan (a scanner's stamp or page number may add a few characters of real text).
MIN_TEXT_CHARS = 20
IMAGE_SHARE = 0.3


@dataclass(frozen=True)
class OcrOptions:
    languages: str = "spa"  # Tesseract language codes joined by "+", e.g. "spa+eng"
    dpi: int = 300  # resolution the page is rendered at for Tesseract
    enabled: bool = True  # False: scanned pages are rejected as before (no Tesseract call)


def needs_ocr(text_chars: int, image_area: float, page_area: float) -> bool:
    """A page whose text layer is (almost) empty but which holds a large image."""
    return text_chars < MIN_TEXT_CHARS and page_area > 0 and image_area >= IMAGE_SHARE * page_area
