"""Per-page OCR confidence and what the report says about it (``ocr``, ``ocr_confidence``, a warning)."""
from __future__ import annotations

from dataclasses import dataclass

# Below this mean word confidence (0-100) a page's reading is doubtful. Clean scans of our
# fixtures at 200 dpi score 90-96 (see benchmarks/bench_ocr.py); Tesseract's word confidence
# falls under 70 when a large share of words is misread (blurred, faint or low-resolution scans).
LOW_CONFIDENCE = 70.0
MSG_LOW_CONFIDENCE = "lectura por OCR de baja confianza ({score}/100) en {pages}; revise el texto contra el PDF"


@dataclass(frozen=True)
class PageOcr:
    """How one OCR'd page read: its mean word confidence and how many words it counted."""

    page: int
    confidence: float  # 0-100, mean over the page's words (0.0 when no word was found)
    words: int


def ocr_report_fields(pages: list[PageOcr], *, threshold: float = LOW_CONFIDENCE) -> dict:
    """``ocr``, ``ocr_confidence`` (mean over all OCR'd words) and ``warnings`` for the Report."""
    if not pages:
        return {"ocr": False, "ocr_confidence": None, "warnings": ()}
    words = sum(p.words for p in pages)
    mean = sum(p.confidence * p.words for p in pages) / words if words else 0.0
    low = [p.page for p in pages if p.words and p.confidence < threshold]  # a blank page is not doubtful
    warnings = ()
    if low:
        where = ("la página " if len(low) == 1 else "las páginas ") + ", ".join(map(str, low))
        low_words = sum(p.words for p in pages if p.page in low)
        low_mean = sum(p.confidence * p.words for p in pages if p.page in low) / low_words if low_words else 0.0
        warnings = (MSG_LOW_CONFIDENCE.format(score=round(low_mean), pages=where),)
    return {"ocr": True, "ocr_confidence": round(mean, 1), "warnings": warnings}
