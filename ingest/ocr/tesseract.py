"""Word boxes and confidences from Tesseract (through pytesseract), imported only when a page needs it."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ReportError

if TYPE_CHECKING:
    from PIL import Image

logger = logging.getLogger(__name__)

MSG_NO_TESSERACT = ("el PDF es una imagen escaneada y Tesseract no está instalado: instale tesseract-ocr y "
                    "tesseract-ocr-spa (make ocr, o apt-get install tesseract-ocr tesseract-ocr-spa) y vuelva a cargarlo")
MSG_NO_LANGUAGE = ("el PDF es una imagen escaneada y a Tesseract le falta el idioma «{languages}»: instale su paquete "
                   "(p. ej. tesseract-ocr-spa) y vuelva a cargarlo")
MSG_OCR_FAILED = "el PDF es una imagen escaneada y Tesseract no pudo leer la página {page} ({reason})"
LINE_LEVEL, WORD_LEVEL = 4, 5  # image_to_data's levels (1 page, 2 block, 3 paragraph, 4 line, 5 word)
# Uniform blocks of text; Tesseract's own layout analysis is kept (psm 3) because table cells
# are separate blocks; words are grouped into lines and cells by the table reader afterwards.
CONFIG = "--psm 3"
# Dust and specks come back as marks Tesseract itself doubts, alone or glued to a word. Dropped:
# a word with no letter or digit under DOUBT_CONF, a word of only SPECK_MARKS, a word of at most
# SPECK_LEN characters under DOUBT_CONF unless it holds a digit (row numbers such as "1." often
# score about 50); stripped: SPECK_MARKS at the ends of a word under GLUED_CONF.
# (On the scan fixtures real words score 85-96; specks 0-60; marks glued to words 65-80.)
SPECK_LEN, DOUBT_CONF, GLUED_CONF = 2, 60.0, 80.0
SPECK_MARKS = "«»“”„\"¿¡*>~_|`^"
LONE_MARKS = ".,;:'"  # never a word on its own (a real period sits on its word); "-" may be a list dash


@dataclass(frozen=True)
class OcrWord:
    text: str
    left: int  # pixels, top-left origin
    top: int
    width: int
    height: int
    confidence: float  # 0-100


def recognise(image: "Image.Image", *, languages: str, page: int) -> list[OcrWord]:
    """Tesseract's words on ``image`` (empty words and non-word levels dropped)."""
    try:
        import pytesseract
    except ImportError as exc:  # the Python binding missing is the same trouble for the user
        raise ReportError(MSG_NO_TESSERACT) from exc
    try:
        data = pytesseract.image_to_data(image, lang=languages, config=CONFIG, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as exc:
        raise ReportError(MSG_NO_TESSERACT) from exc
    except pytesseract.TesseractError as exc:
        message = str(exc)
        logger.debug("tesseract failed on page %d: %s", page, message)
        if "Failed loading language" in message or "Error opening data file" in message:
            raise ReportError(MSG_NO_LANGUAGE.format(languages=languages)) from exc
        raise ReportError(MSG_OCR_FAILED.format(page=page, reason=message.strip()[:120])) from exc
    return _cleaned(_words(data))


def _words(data: dict) -> list[OcrWord]:
    """Words with their line's top and height: words on one printed line share one band, as
    pdfplumber's words of one text line do (a word's own box varies with its ascenders)."""
    lines: dict[tuple, tuple[int, int]] = {}
    for i, level in enumerate(data["level"]):
        if int(level) == LINE_LEVEL:
            lines[_line_key(data, i)] = (int(data["top"][i]), int(data["height"][i]))
    out = []
    for i, text in enumerate(data["text"]):
        text, conf = text.strip(), float(data["conf"][i])
        if int(data["level"][i]) != WORD_LEVEL or not text or conf < 0:
            continue
        top, height = lines.get(_line_key(data, i), (int(data["top"][i]), int(data["height"][i])))
        out.append(OcrWord(text, int(data["left"][i]), top, int(data["width"][i]), height, conf))
    return out


def _cleaned(words: list[OcrWord]) -> list[OcrWord]:
    out = []
    for w in words:
        text, _ = _clean(w.text, w.confidence)
        if text:
            out.append(w if text == w.text else OcrWord(text, w.left, w.top, w.width, w.height, w.confidence))
    return out


def _clean(text: str, conf: float) -> tuple[str, float]:
    """The word without speck marks; "" when the whole word looks like a speck."""
    text = text.strip()
    if conf < GLUED_CONF:
        text = text.strip(SPECK_MARKS)
    if all(ch in SPECK_MARKS or ch in LONE_MARKS for ch in text):
        return "", conf
    doubtful = 0 <= conf < DOUBT_CONF
    if doubtful and not any(ch.isdigit() for ch in text) and (
            len(text) <= SPECK_LEN or not any(ch.isalnum() for ch in text)):
        return "", conf
    return text, conf


def _line_key(data: dict, i: int) -> tuple:
    return data["page_num"][i], data["block_num"][i], data["par_num"][i], data["line_num"][i]
