"""Read one file (PDF or text export) into a Report, or say clearly why not."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import ReportError, os_reason
from .records import Report, sha256_bytes
from .validation import validate_report

if TYPE_CHECKING:
    from .ocr import OcrOptions

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_MAGIC = b"%PDF-"

# Called after each page is read with (pages done, pages in the file); OCR makes pages slow, so
# this is what progress bars and the parse watchdog listen to.
PageProgress = Callable[[int, int], None]


def read_report(path: Path, *, source: str | None = None) -> Report:
    """Parse ``path``. ``source`` is the name recorded in the index (defaults to the file name)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"no se pudo leer el archivo: {os_reason(exc)}") from exc
    return parse_bytes(data, source or path.name)


def parse_bytes(data: bytes, source: str, *, on_page: PageProgress | None = None,
                ocr: OcrOptions | None = None) -> Report:
    """Parse a PDF or a text export; ``ocr`` says how scanned PDF pages are read (defaults: Spanish,
    300 dpi). The report comes back validated (``Report.warnings`` and each row's ``warnings`` say
    what looks doubtful), so every caller sees the same doubts."""
    return validate_report(_parse(data, source, on_page=on_page, ocr=ocr))


def _parse(data: bytes, source: str, *, on_page: PageProgress | None, ocr: OcrOptions | None) -> Report:
    if not data.strip():
        raise ReportError("el archivo está vacío")
    sha = sha256_bytes(data)
    if data.lstrip()[:5] == PDF_MAGIC:
        from .pdf_reader import parse_pdf

        return parse_pdf(data, source=source, sha256=sha, on_page=on_page, ocr=ocr)
    if Path(source).suffix.lower() == ".pdf":
        raise ReportError("la extensión es .pdf pero el contenido no es un PDF")
    text = _decode_text(data)
    from .text_reader import parse_text

    return parse_text(text, source=source, sha256=sha)


def _decode_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ReportError("tipo de archivo no soportado: no es un PDF ni un texto (contenido binario)")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportError("tipo de archivo no soportado: el texto no está en UTF-8 ni en Windows-1252")
