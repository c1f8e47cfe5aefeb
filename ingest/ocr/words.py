"""OCR words as the word dicts pdfplumber gives: PDF points, top-left origin, with per-char boxes."""
from __future__ import annotations

from .tesseract import OcrWord


def word_dicts(words: list[OcrWord], *, scale: float, x0: float = 0.0, top: float = 0.0) -> list[dict]:
    """``scale`` is points per pixel (72 / dpi); (``x0``, ``top``) is the rendered area's corner in points."""
    return [_word_dict(w, scale, x0, top) for w in words]


def _word_dict(w: OcrWord, scale: float, x0: float, top: float) -> dict:
    left, right = x0 + w.left * scale, x0 + (w.left + w.width) * scale
    upper, lower = top + w.top * scale, top + (w.top + w.height) * scale
    step = (right - left) / len(w.text)
    chars = [
        {"text": ch, "x0": left + i * step, "x1": left + (i + 1) * step, "top": upper, "bottom": lower,
         "doctop": upper, "upright": True}
        for i, ch in enumerate(w.text)
    ]
    return {"text": w.text, "x0": left, "x1": right, "top": upper, "bottom": lower, "doctop": upper,
            "upright": True, "direction": "ltr", "chars": chars}
