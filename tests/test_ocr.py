"""Scanned reports: OCR with Tesseract through the same table reader (issue 7, part 3).

Unit tests (no Tesseract): the ruling detector and deskew on synthetic images, Tesseract's
output turned into word dicts, speck filtering, the report's OCR fields, the missing-Tesseract
message. Integration tests run Tesseract on the committed scan fixtures (``tests/scans``, made by
``python -m tests.scans.make_scans`` from reports whose truth is the generator's record).
"""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from ingest.errors import ReportError
from ingest.ocr import OcrOptions, PageOcr, needs_ocr, ocr_report_fields
from ingest.ocr.lines import dark_mask, deskew, estimate_skew, find_rules
from ingest.ocr.tesseract import MSG_NO_TESSERACT, OcrWord, _cleaned, _words
from ingest.ocr.words import word_dicts
from ingest.reading import parse_bytes
from tests.scans.scoring import load_truth, score_report

SCANS = Path(__file__).parent / "scans"
ONE_PAGE_SCAN = SCANS / "escaneado_huertos.pdf"
MIXED = SCANS / "mixto_pesca.pdf"  # page 1 text, page 2 a scan of the same writer's page 2


# ---------------------------------------------------------------- rulings in the image (no Tesseract)


def grid_image(angle: float, *, seed: int = 1) -> tuple[Image.Image, list[int], list[int]]:
    """A white page with a ruled 3-column table, text-like strokes in its cells, turned by ``angle``."""
    rnd = random.Random(seed)
    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    rows, cols = [200, 420, 700, 1100, 1400], [100, 400, 750, 1100]
    for y in rows:
        draw.line((cols[0], y, cols[-1], y), fill=0, width=3)
    for x in cols:
        draw.line((x, rows[0], x, rows[-1]), fill=0, width=3)
    for top, bottom in zip(rows, rows[1:]):  # "words": short dark blobs on text lines
        for y in range(top + 20, bottom - 30, 40):
            for left, right in zip(cols, cols[1:]):
                x = left + 15
                while x < right - 60:
                    width = rnd.randint(15, 55)
                    draw.rectangle((x, y, x + width, y + 18), fill=rnd.randint(0, 60))
                    x += width + rnd.randint(8, 14)
    return image.rotate(angle, fillcolor=255), rows, cols


@pytest.mark.parametrize("angle", [0.0, 0.35, -0.6])
def test_deskew_finds_the_angle_of_a_turned_page(angle: float) -> None:
    image, _, _ = grid_image(angle)
    assert abs(estimate_skew(image) + angle) <= 0.1


@pytest.mark.parametrize("angle", [0.0, 0.6])
def test_rulings_are_found_and_text_is_not_taken_for_rulings(angle: float) -> None:
    image, rows, cols = grid_image(angle)
    level, _ = deskew(image)
    hrules, vrules = find_rules(dark_mask(level), min_h=80, min_v=60)
    assert [round(r.pos) for r in hrules] == pytest.approx(rows, abs=4)
    assert [round(r.pos) for r in vrules] == pytest.approx(cols, abs=4)
    for rule in hrules:
        assert rule.start == pytest.approx(cols[0], abs=6) and rule.end == pytest.approx(cols[-1], abs=6)
    for rule in vrules:
        assert rule.start == pytest.approx(rows[0], abs=6) and rule.end == pytest.approx(rows[-1], abs=6)


def test_a_broken_faint_ruling_is_bridged_but_a_dotted_row_is_not() -> None:
    image = Image.new("L", (800, 200), 255)
    draw = ImageDraw.Draw(image)
    for x in range(50, 750, 100):  # a ruling with 2-pixel breaks (noise, blur)
        draw.line((x, 50, x + 97, 50), fill=30, width=2)
    for x in range(50, 750, 8):  # dots 4 wide, 4 apart: text-like, half dark
        draw.rectangle((x, 150, x + 3, 152), fill=0)
    hrules, _ = find_rules(dark_mask(image), min_h=100, min_v=100)
    assert len(hrules) == 1 and hrules[0].pos == pytest.approx(50.5, abs=1)
    assert hrules[0].start <= 51 and hrules[0].end >= 745


# ---------------------------------------------------------------- Tesseract output -> word dicts


def tess_data(rows: list[tuple[int, str, int, int, int, int, float, tuple]]) -> dict:
    """image_to_data's DICT from (level, text, left, top, width, height, conf, (block, par, line)) rows."""
    keys = ("level", "text", "left", "top", "width", "height", "conf", "page_num", "block_num", "par_num", "line_num")
    data: dict[str, list] = {k: [] for k in keys}
    for level, text, left, top, width, height, conf, (block, par, line) in rows:
        for key, value in zip(keys, (level, text, left, top, width, height, conf, 1, block, par, line)):
            data[key].append(value)
    return data


def test_words_take_their_line_band_and_specks_are_dropped() -> None:
    data = tess_data([
        (4, "", 100, 50, 400, 40, -1, (1, 1, 1)),
        (5, "Alto", 100, 50, 80, 40, 95.0, (1, 1, 1)),  # ascenders: the line's band already
        (5, "una", 190, 62, 60, 28, 93.0, (1, 1, 1)),  # x-height only: moved to the line's band
        (5, "“marco", 260, 55, 90, 35, 70.0, (1, 1, 1)),  # doubtful word with a glued mark
        (5, "1.", 360, 55, 20, 35, 50.0, (1, 1, 1)),  # a row number Tesseract doubts: kept
        (5, "z", 390, 55, 10, 30, 12.0, (1, 1, 1)),  # a speck read as a letter
        (5, "*", 410, 55, 10, 30, 88.0, (1, 1, 1)),  # a speck read as a mark
        (5, ":", 430, 55, 10, 30, 20.0, (1, 1, 1)),  # punctuation Tesseract doubts
        (5, "de", 450, 60, 30, 30, 91.0, (1, 1, 1)),
        (5, "-", 100, 120, 10, 5, 92.0, (1, 1, 2)),  # a confident list dash stays (line 2 has no box)
    ])
    words = _cleaned(_words(data))
    assert [w.text for w in words] == ["Alto", "una", "marco", "1.", "de", "-"]
    assert {(w.top, w.height) for w in words[:5]} == {(50, 40)}
    assert (words[-1].top, words[-1].height) == (120, 5)


def test_word_dicts_are_in_points_with_even_char_boxes() -> None:
    [word] = word_dicts([OcrWord("Marco", left=300, top=600, width=250, height=50, confidence=90.0)], scale=72 / 300)
    assert (word["x0"], word["x1"], word["top"], word["bottom"]) == pytest.approx((72.0, 132.0, 144.0, 156.0))
    assert "".join(c["text"] for c in word["chars"]) == "Marco"
    assert [c["x0"] for c in word["chars"]] == pytest.approx([72.0, 84.0, 96.0, 108.0, 120.0])
    assert word["chars"][-1]["x1"] == pytest.approx(132.0)
    assert all((c["top"], c["bottom"]) == (word["top"], word["bottom"]) for c in word["chars"])


# ---------------------------------------------------------------- what the report says


@pytest.mark.parametrize("pages, expected", [
    ([], {"ocr": False, "ocr_confidence": None, "warnings": ()}),
    ([PageOcr(1, 92.0, 300), PageOcr(2, 80.0, 100)], {"ocr": True, "ocr_confidence": 89.0, "warnings": ()}),
    ([PageOcr(1, 95.0, 100), PageOcr(2, 62.0, 200), PageOcr(3, 65.0, 200)],
     {"ocr": True, "ocr_confidence": 69.8,
      "warnings": ("lectura por OCR de baja confianza (64/100) en las páginas 2, 3; revise el texto contra el PDF",)}),
    ([PageOcr(4, 55.0, 80)], {"ocr": True, "ocr_confidence": 55.0,
                              "warnings": ("lectura por OCR de baja confianza (55/100) en la página 4; "
                                           "revise el texto contra el PDF",)}),
    ([PageOcr(1, 93.0, 250), PageOcr(2, 0.0, 0)], {"ocr": True, "ocr_confidence": 93.0, "warnings": ()}),  # blank page
])
def test_report_ocr_fields(pages: list[PageOcr], expected: dict) -> None:
    assert ocr_report_fields(pages) == expected


@pytest.mark.parametrize("chars, image, page, expected", [
    (0, 500_000, 500_000, True),  # a full-page scan
    (12, 400_000, 500_000, True),  # a scan with a stamped page number
    (0, 100_000, 500_000, False),  # a logo on an empty page: not a scan
    (800, 500_000, 500_000, False),  # a text page over a background image
    (0, 0, 500_000, False),
])
def test_which_pages_need_ocr(chars: int, image: float, page: float, expected: bool) -> None:
    assert needs_ocr(chars, image, page) is expected


def test_text_pdfs_do_not_import_the_ocr_machinery() -> None:
    code = ("import sys, ingest.reading, ingest.pdf; "
            "print(sorted(m for m in ('pytesseract', 'numpy', 'pypdfium2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_text_pdf_never_calls_ocr(monkeypatch, tmp_path: Path) -> None:
    from ingest.ocr import scan
    from ingest.pdfwrite import write_report_pdf
    from tests import pdf_fixtures as fx

    monkeypatch.setattr(scan, "read_scanned_page", lambda *a, **k: pytest.fail("OCR on a text page"))
    report = parse_bytes(write_report_pdf(fx.page_break_report(), tmp_path / "t.pdf").read_bytes(), "t.pdf")
    assert report.ocr is False and report.ocr_confidence is None and len(report.commitments) == 7


def test_missing_tesseract_is_one_clear_spanish_line(monkeypatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(ReportError) as caught:
        parse_bytes(ONE_PAGE_SCAN.read_bytes(), ONE_PAGE_SCAN.name, ocr=OcrOptions(dpi=100))
    assert str(caught.value) == MSG_NO_TESSERACT
    assert str(caught.value).startswith("el PDF es una imagen escaneada y Tesseract no está instalado: ")


def test_ocr_switched_off_rejects_a_scan_as_before() -> None:
    with pytest.raises(ReportError, match=r"no tiene texto extraíble \(¿PDF escaneado\?\); pásalo por OCR"):
        parse_bytes(ONE_PAGE_SCAN.read_bytes(), ONE_PAGE_SCAN.name, ocr=OcrOptions(enabled=False))


# ---------------------------------------------------------------- real Tesseract on the scan fixtures


@pytest.fixture(scope="module")
def read_scans() -> dict[str, tuple]:
    """Each fixture read once (Tesseract costs seconds a page): (report, on_page events, OCR'd pages)."""
    from ingest.ocr import scan

    out = {}
    for path in (ONE_PAGE_SCAN, MIXED):
        events: list[tuple[int, int]] = []
        ocr_pages: list[int] = []
        real = scan.read_scanned_page

        def spy(image, *, number, options, **kw):
            ocr_pages.append(number)
            return real(image, number=number, options=options, **kw)

        scan.read_scanned_page = spy
        try:
            report = parse_bytes(path.read_bytes(), path.name, on_page=lambda d, t: events.append((d, t)))
        finally:
            scan.read_scanned_page = real
        out[path.name] = (report, events, ocr_pages)
    return out


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("name", [ONE_PAGE_SCAN.name, MIXED.name])
def test_scans_read_at_least_95_percent_of_fields_right(read_scans, name: str) -> None:
    report, _, _ = read_scans[name]
    score = score_report(report, load_truth(SCANS / name.replace(".pdf", ".truth.json")))
    assert score.share >= 0.95, score.misses
    assert report.ocr is True and 70 <= report.ocr_confidence <= 100
    assert not any("OCR" in w for w in report.warnings)


@pytest.mark.integration
@pytest.mark.slow
def test_a_mixed_pdf_is_read_page_by_page(read_scans) -> None:
    report, events, ocr_pages = read_scans[MIXED.name]
    assert ocr_pages == [2]  # page 1 has a text layer and is read as text
    assert events == [(1, 2), (2, 2)]
    assert report.pages == 2 and {p for c in report.commitments for p in c.pages} == {1, 2}
    _, events, ocr_pages = read_scans[ONE_PAGE_SCAN.name]
    assert ocr_pages == [1] and events == [(1, 1)]


@pytest.mark.integration
@pytest.mark.slow
def test_ocr_row_boxes_sit_where_the_text_pdf_puts_them(read_scans, tmp_path: Path) -> None:
    """The scanned page 2 of the mixed PDF against the same page written as text: the rows' boxes
    (PDF points, what the app outlines) agree within the scan's skew and the ruling width."""
    from ingest.pdfwrite import write_report_pdf
    from ingest.records import Commitment, Report

    truth = load_truth(MIXED.with_name("mixto_pesca.truth.json"))
    rows = tuple(Commitment.from_json(c) for c in truth["commitments"])
    fields = {k: truth[k] for k in ("program", "ministry", "service", "year", "status", "exit_date")}
    text_pdf = write_report_pdf(Report(source="t.pdf", sha256="", pages=0, commitments=rows, **fields),
                                tmp_path / "t.pdf")
    text = parse_bytes(text_pdf.read_bytes(), "t.pdf")
    scanned, _, _ = read_scans[MIXED.name]
    want = [b for c in text.commitments for b in c.boxes if b[0] == 2]
    got = [b for c in scanned.commitments for b in c.boxes if b[0] == 2]
    assert len(got) == len(want) > 0
    for g, w in zip(got, want):
        assert g[1:] == pytest.approx(w[1:], abs=4.0)


@pytest.mark.integration
@pytest.mark.slow
def test_the_page_image_outlines_the_cited_row_on_the_scan(read_scans) -> None:
    from assistant.ui.page_image import render_pages

    report, _, _ = read_scans[MIXED.name]
    row = next(c for c in report.commitments if c.boxes and c.boxes[0][0] == 2)
    box = [list(b) for b in row.boxes if b[0] == 2][0]
    image = render_pages(MIXED, [2], [box], resolution=72)
    _, x0, top, x1, bottom = box
    # the scan fills the page, so the crop is the page and 72 dpi puts a point on a pixel
    assert image.size[0] == pytest.approx(595, abs=1) and image.size[1] == pytest.approx(842, abs=1)

    def red(x: float, y: float) -> bool:
        return any(_reddish(image.getpixel((round(x) + dx, round(y) + dy))) for dx in (-1, 0, 1) for dy in (-1, 0, 1))

    middle_x, middle_y = (x0 + x1) / 2, (top + bottom) / 2
    assert red(middle_x, top) and red(middle_x, bottom) and red(x0, middle_y) and red(x1, middle_y)
    assert not red(middle_x, top - 8) and not red(middle_x, bottom + 8)


def _reddish(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel[:3]
    return r > 150 and g < 110 and b < 110


def test_dust_is_removed_but_periods_dots_and_accents_stay() -> None:
    from ingest.ocr.lines import despeckle

    image = Image.new("L", (400, 200), 245)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 103, 140), fill=20)  # the stem of a "1" ...
    draw.rectangle((108, 136, 112, 140), fill=20)  # ... and its period, 4 px away
    draw.rectangle((200, 110, 203, 140), fill=20)  # an "i" ...
    draw.rectangle((200, 102, 203, 105), fill=20)  # ... and its dot
    draw.rectangle((300, 40, 302, 42), fill=40)  # dust, far from any letter
    draw.rectangle((150, 60, 152, 62), fill=90)  # a fainter speck
    clean = despeckle(image, dpi=300)
    dark = {(x, y) for x in range(400) for y in range(200) if clean.getpixel((x, y)) < 180}
    assert (110, 138) in dark and (201, 103) in dark and (101, 120) in dark
    assert (301, 41) not in dark and (151, 61) not in dark


def test_an_ocr_bug_is_not_reported_as_a_damaged_pdf(monkeypatch) -> None:
    from ingest.ocr import OcrFailure, scan

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(scan, "read_scanned_page", broken)
    with pytest.raises(OcrFailure, match="page 1: ZeroDivisionError: bug"):
        parse_bytes(ONE_PAGE_SCAN.read_bytes(), ONE_PAGE_SCAN.name)


@pytest.mark.integration
@pytest.mark.slow
def test_app_upload_of_a_scan_shows_progress_per_page_and_indexes_it(tmp_path: Path) -> None:
    """The app's upload handler, as built from settings (parse worker with its watchdog, OCR options):
    a scanned report reports each page as it is read, in Spanish, and its rows are indexed."""
    from assistant.factory import build_assistant
    from assistant.settings import Settings
    from assistant.ui.manage import ManageHandlers

    assistant = build_assistant(Settings(store=tmp_path / "store", embedding_model="fake-hash-64"))
    assert assistant.parse_timeout_s and assistant.ocr is not None  # the app parses like the CLI
    seen: list[str] = []
    upload = ManageHandlers(assistant, max_upload_mb=25).upload
    lines = upload([str(SCANS / "escaneado_pesca.pdf")], progress=lambda *a, desc="", **k: seen.append(desc))
    assert lines.startswith("✔ escaneado_pesca.pdf: agregado"), lines
    pages = [d for d in seen if "página" in d]
    assert pages == ["Leyendo «escaneado_pesca.pdf»: página 1 de 2", "Leyendo «escaneado_pesca.pdf»: página 2 de 2"], seen
    answer = assistant.ask("¿Cuáles son los medios de verificación del compromiso 3.2 del Programa de Repoblamiento "
                           "de Algas Pardas?")
    first = answer.citations[0].to_json()
    assert (first["recommendation"], first["commitment"]) == (3, 2), answer.answer
    assert first["verification"] == ["Informe de resultados de la encuesta", "Base de datos de respuestas"]
