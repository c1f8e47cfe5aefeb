"""Reading scanned (image-only) PDF pages with Tesseract.

A page with (almost) no text layer but an image is rendered in grey (``render``), deskewed and
its table rulings found in the image (``lines``), then read word by word by Tesseract through
pytesseract (``tesseract``). The words become the same word dicts (with synthesised per-char
boxes) that pdfplumber gives for text pages (``words``), in PDF points with a top-left origin, so
the same table reader and checks run on scans. The mean word confidence becomes the report's
``ocr_confidence`` and, when low, a warning (``confidence``).

Nothing here imports pytesseract, numpy or pypdfium2 at import time: a text PDF costs nothing.
"""
from __future__ import annotations

from .confidence import PageOcr, ocr_report_fields
from .options import OcrOptions, needs_ocr
from .scan import OcrFailure, ScannedPage, ScanReader

__all__ = ["OcrFailure", "OcrOptions", "PageOcr", "ScanReader", "ScannedPage", "needs_ocr", "ocr_report_fields"]
