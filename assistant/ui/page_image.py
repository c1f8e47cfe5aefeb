"""The cited page(s) of a PDF as an image, with the cited row outlined."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..types import Citation
from .labels import Labels, labels

log = logging.getLogger(__name__)

OUTLINE = (211, 47, 47)  # red stroke around the cited row
FILL = (255, 213, 0, 56)  # translucent yellow over it
MAX_PAGES = 3
GAP = 12  # pixels between stacked pages


@dataclass(frozen=True)
class PageView:
    image: Image.Image | None
    notice: str  # what the user reads under the image (or instead of it)


def is_pdf(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(1024).lstrip()[:5] == b"%PDF-"


def cited_pages(citation: Citation) -> tuple[list[int], list[list[float]]]:
    """The pages to show and the row's boxes ([page, x0, top, x1, bottom], PDF points, top-left origin)."""
    boxes = [list(b) for b in (citation.row.record.boxes if citation.row.record else ()) if len(b) == 5]
    pages = sorted({int(b[0]) for b in boxes}) or citation.row.pages or [1]
    return pages[:MAX_PAGES], boxes


def render_pages(path: Path, pages: list[int], boxes: list[list[float]], *, resolution: int = 144) -> Image.Image:
    """Render ``pages`` (1-based) stacked vertically, each box drawn on its page."""
    import pdfplumber

    images = []
    with pdfplumber.open(path) as pdf:
        for number in pages:
            if not 1 <= number <= len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            page_image = page.crop(content_bbox(page)).to_image(resolution=resolution)
            for _, x0, top, x1, bottom in (b for b in boxes if int(b[0]) == number):
                page_image.draw_rect((x0, top, x1, bottom), fill=FILL, stroke=OUTLINE, stroke_width=3)
            images.append(page_image.annotated.convert("RGB"))
    if not images:
        raise ValueError(f"el PDF no tiene la página {pages[0]}")
    return stack(images)


def content_bbox(page, margin: float = 14.0) -> tuple[float, float, float, float]:
    """The page without its blank margins (the whole page if it has no objects): more legible in a column."""
    objects = page.chars + page.rects + page.lines + page.curves + page.images
    if not objects:
        return page.bbox
    px0, ptop, px1, pbottom = page.bbox
    return (max(px0, min(o["x0"] for o in objects) - margin), max(ptop, min(o["top"] for o in objects) - margin),
            min(px1, max(o["x1"] for o in objects) + margin), min(pbottom, max(o["bottom"] for o in objects) + margin))


def stack(images: list[Image.Image]) -> Image.Image:
    width = max(im.width for im in images)
    height = sum(im.height for im in images) + GAP * (len(images) - 1)
    sheet = Image.new("RGB", (width, height), (229, 231, 235))
    y = 0
    for im in images:
        sheet.paste(im, (0, y))
        y += im.height + GAP
    return sheet


def page_view(citation: Citation, source: Path | None, *, resolution: int = 144, lab: Labels | None = None) -> PageView:
    """The image of the cited page(s), or a sentence saying why there is none (in ``lab``'s language)."""
    lab = lab or labels("es")
    if source is None or not source.exists():
        return PageView(None, lab("page_no_copy"))
    if not is_pdf(source):
        return PageView(None, lab("page_from_text"))
    pages, boxes = cited_pages(citation)
    try:
        image = render_pages(source, pages, boxes, resolution=resolution)
    except Exception as exc:  # a broken page must not break the chat; the user is told
        log.exception("could not render %s pages %s", source, pages)
        return PageView(None, lab("page_error", error=f"{type(exc).__name__}: {exc}"))
    where = lab("page_one" if len(pages) == 1 else "page_many", pages=", ".join(map(str, pages)))
    return PageView(image, lab("page_row" if boxes else "page_header", where=where))
