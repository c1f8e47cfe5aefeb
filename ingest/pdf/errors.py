"""Bad input: the Spanish messages for PDFs that cannot be read, and the checks that raise them."""
from __future__ import annotations

import logging

from pdfplumber.utils.exceptions import PdfminerException

from ..errors import ReportError
from .model import Page

logger = logging.getLogger(__name__)

MSG_ENCRYPTED = "el PDF está protegido con contraseña; quita la protección y vuelve a cargarlo"
MSG_CORRUPT = "el PDF está dañado y no se puede leer"
MSG_TRUNCATED = "el PDF está incompleto (el archivo parece cortado); vuelve a descargarlo"
MSG_NO_PAGES = "el PDF no tiene páginas"
MSG_NO_TEXT = "el PDF no tiene texto extraíble (¿PDF escaneado?); pásalo por OCR antes de cargarlo"
MSG_SCAN_UNREADABLE = ("el PDF no tiene texto extraíble (¿PDF escaneado?) y el OCR no encontró texto legible en "
                       "sus imágenes; revise el escaneo (al menos 200 dpi, en gris, derecho) y vuelva a cargarlo")
MSG_NOT_REPORT = "el PDF no parece un Informe de Egreso: no tiene {missing}"
MSG_NO_ROWS = "la tabla Recomendación / Compromiso / Cumplimiento del PDF no tiene filas de compromisos"


def require_complete(data: bytes) -> None:
    """A PDF cut short (no ``%%EOF`` near its end) is reported as truncated."""
    if b"%%EOF" not in data[-4096:]:
        raise ReportError(MSG_TRUNCATED)


def pdfminer_error(exc: PdfminerException) -> ReportError:
    """The user-facing error for a file pdfminer could not open: encrypted or damaged."""
    cause = exc.args[0] if exc.args else exc
    name = type(cause).__name__
    if "Password" in name or "Encryption" in name:
        return ReportError(MSG_ENCRYPTED)
    logger.debug("pdfminer could not open the PDF: %r", cause)
    return ReportError(MSG_CORRUPT)


def require_text(pages: list[Page]) -> None:
    """Pages with words: a PDF without pages or without extractable text is not readable."""
    if not pages:
        raise ReportError(MSG_NO_PAGES)
    if not any(page.words for page in pages):
        raise ReportError(MSG_SCAN_UNREADABLE if any(page.ocr for page in pages) else MSG_NO_TEXT)


def require_report(pages: list[Page], header: dict) -> None:
    """A report has a header block and the three-column commitments table."""
    missing = []
    if not (header["program"] or header["ministry"] or header["service"]):
        missing.append("el encabezado (Programa/Institución, Ministerio, Servicio)")
    if not any(page.headers for page in pages):
        missing.append("la tabla Recomendación / Compromiso / Cumplimiento")
    if missing:
        raise ReportError(MSG_NOT_REPORT.format(missing=" ni ".join(missing)))
