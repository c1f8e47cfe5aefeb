"""Pages of a PDF rendered in grey with pypdfium2 (pdfplumber's own renderer), opened on first use."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image


class PageRenderer:
    """Renders pages of one PDF; the document is opened only when a page is first needed."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf = None

    def grey(self, number: int, dpi: int) -> "Image.Image":
        """Page ``number`` (1-based) as an 8-bit grey image at ``dpi``, drawn inside its crop box."""
        import pypdfium2

        if self._pdf is None:
            self._pdf = pypdfium2.PdfDocument(self._data)
        page = self._pdf[number - 1]
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            image = bitmap.to_pil().convert("L")
        finally:
            page.close()
        return image

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def __enter__(self) -> "PageRenderer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
