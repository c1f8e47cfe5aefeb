"""PDF reader: round trips through the DIPRES-style writer, other table layouts, and bad input."""
from __future__ import annotations

import random
import time
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from ingest import pdfwrite
from ingest.errors import ReportError
from ingest.fields import one_line
from ingest.pdf_reader import parse_pdf
from ingest.pdfwrite import COL_WIDTHS, MARGIN_X, write_report_pdf
from ingest.reading import parse_bytes
from ingest.records import STATUSES, Commitment, Report
from tests import pdf_fixtures as fx


def parse_file(path: Path) -> Report:
    return parse_pdf(path.read_bytes(), source=path.name, sha256="0" * 64)


def as_parsed(expected: Commitment, got: Commitment) -> Commitment:
    """What the reader should return for ``expected`` (page numbers taken from ``got``)."""
    return replace(expected, compliance_text=one_line(expected.compliance_text),
                   commitment_text=one_line(expected.commitment_text), pages=got.pages)


def assert_same_rows(expected: Report, got: Report) -> None:
    assert [c.key for c in got.commitments] == [c.key for c in expected.commitments]
    for want, have in zip(expected.commitments, got.commitments):
        assert have == as_parsed(want, have), want.key


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf_reader")


@pytest.fixture(scope="module")
def varied(out_dir: Path) -> tuple[Report, Path, Report]:
    source = fx.varied_report()
    path = write_report_pdf(source, out_dir / "varied.pdf")
    return source, path, parse_file(path)


@pytest.fixture(scope="module")
def page_break(out_dir: Path) -> tuple[Report, Path, Report]:
    source = fx.page_break_report()
    path = write_report_pdf(source, out_dir / "page_break.pdf")
    return source, path, parse_file(path)


# ---------------------------------------------------------------- round trips through our writer


def test_header_facts(varied: tuple[Report, Path, Report]) -> None:
    source, _, got = varied
    assert (got.program, got.ministry, got.service) == (source.program, source.ministry, source.service)
    assert (got.year, got.status, got.exit_date) == (2008, "Egresado", "2012-06-30")
    assert got.pages == 2
    assert got.source == "varied.pdf"


def test_header_words_across_column_boundaries_are_not_cut(out_dir: Path) -> None:
    program = "Programa Teleducación-Interinstitucional-Psicopedagógica-Intercultural de Aysén"
    source = replace(fx.varied_report(), program=program)
    path = write_report_pdf(source, out_dir / "long_program.pdf")
    boundaries = (MARGIN_X + COL_WIDTHS[0], MARGIN_X + COL_WIDTHS[0] + COL_WIDTHS[1])
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    assert any(w["x0"] < x < w["x1"] for w in words if w["text"].startswith("Teleduc") for x in boundaries)
    assert parse_file(path).program == program


def test_every_row_round_trips(varied: tuple[Report, Path, Report]) -> None:
    source, _, got = varied
    assert_same_rows(source, got)


def test_all_statuses_and_unknown_kept_verbatim(varied: tuple[Report, Path, Report]) -> None:
    _, _, got = varied
    statuses = [c.status for c in got.commitments]
    assert set(STATUSES) <= set(statuses)
    assert "En revisión técnica" in statuses
    assert got.commitments[2].status_date == "2011-06-30"


def test_verification_means_one_item_per_line(varied: tuple[Report, Path, Report]) -> None:
    _, _, got = varied
    by_key = {c.key: c for c in got.commitments}
    # The third item wraps over two lines of the column and must stay one item.
    assert by_key["r4c1"].verification == (
        "Minuta técnica de la unidad de estudios",
        "Base de datos de beneficiarios 2011",
        "Acta del comité de seguimiento regional del programa de fomento pesquero",
    )
    assert by_key["r1c2"].observation == "Falta cuantificar la línea base del componente 2."
    assert by_key["r2c1"].verification == ()


def test_long_compliance_text_kept_whole(varied: tuple[Report, Path, Report]) -> None:
    source, _, got = varied
    row = next(c for c in got.commitments if c.key == "r4c1")
    assert len(row.compliance_text.split()) >= 400
    assert row.compliance_text == one_line(source.commitments[4].compliance_text)
    assert row.status == "Cumplido"


def test_vertically_centred_recommendation_lands_in_its_row(varied: tuple[Report, Path, Report]) -> None:
    source, path, got = varied
    with pdfplumber.open(path) as pdf:  # the fixture really centres it: "1. Revisar" starts mid-row
        words = pdf.pages[0].extract_words()
    pairs = list(zip(words, words[1:]))
    rec_top = next(w["top"] for w, nxt in pairs if (w["text"], nxt["text"]) == ("1.", "Revisar"))
    commitment_top = next(w["top"] for w, nxt in pairs if (w["text"], nxt["text"]) == ("2.", "Elaborar"))
    assert rec_top > commitment_top + 30
    rows = {c.key: c for c in got.commitments}
    assert rows["r1c2"].recommendation_text == source.commitments[1].recommendation_text
    assert "Revisar" not in rows["r1c1"].recommendation_text
    # Row 4's recommendation is centred so low that it is printed on the next page only.
    assert rows["r4c1"].recommendation == 4 and rows["r4c1"].pages == (1, 2)


def test_repeated_header_rows_are_dropped(varied: tuple[Report, Path, Report]) -> None:
    _, path, got = varied
    with pdfplumber.open(path) as pdf:
        assert "Recomendación Compromiso Cumplimiento" in (pdf.pages[1].extract_text() or "")
    assert len(got.commitments) == 6
    for c in got.commitments:
        for text in (c.recommendation_text, c.commitment_text, c.compliance_text):
            assert "Compromiso Cumplimiento" not in text and not text.startswith("Recomendación")


def test_row_over_page_break_is_stitched(page_break: tuple[Report, Path, Report]) -> None:
    source, _, got = page_break
    assert_same_rows(source, got)
    split = [c for c in got.commitments if len(c.pages) > 1]
    assert split, "the fixture must split a row over a page break"
    for c in split:
        first = c.pages[0]
        assert c.pages == (first, first + 1)
        n = c.recommendation
        assert c.verification == (f"Documento de respaldo {n}", f"Planilla de indicadores {n}")
        assert c.status in STATUSES and c.status_date == "2010-12-31"


def test_boxes_follow_pages(page_break: tuple[Report, Path, Report]) -> None:
    _, _, got = page_break
    for c in got.commitments:
        assert tuple(box[0] for box in c.boxes) == c.pages
        for _, x0, top, x1, bottom in c.boxes:
            assert 0 <= x0 < x1 <= 595.3 and 0 <= top < bottom <= 841.9
    split = next(c for c in got.commitments if len(c.pages) > 1)
    first, second = split.boxes
    assert first[4] > 700 and second[2] < 120  # runs to the page bottom, resumes under the header


def test_numbered_list_in_a_commitment_continues_over_the_break(out_dir: Path) -> None:
    """The next page starts with "7. ..." but the commitment has no due date yet: same row."""
    items = "\n".join(f"{i}. Medir el indicador de cobertura de la región {i}." for i in range(1, 40))
    second = fx.commitment(2, 1, compliance="Se midieron todos los indicadores.", commitment_text="Medir:\n" + items)
    source = fx.report_split_where(second, lambda cells: bool(cells[1]) and cells[1][0][:1].isdigit() and not cells[2])
    got = parse_file(write_report_pdf(source, out_dir / "numbered_split.pdf"))
    assert len(got.commitments) == 2 and got.commitments[1].pages == (1, 2)
    assert_same_rows(source, got)


def test_header_row_printed_on_the_first_page_only(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some exports do not repeat the header row: later pages reuse the first page's columns."""
    drawn: list[float] = []
    original = pdfwrite._draw_header_row

    def first_only(canvas: Canvas, top: float) -> None:
        if not drawn:
            original(canvas, top)
        drawn.append(top)

    monkeypatch.setattr(pdfwrite, "_draw_header_row", first_only)
    source = fx.page_break_report()
    path = write_report_pdf(source, out_dir / "header_once.pdf")
    with pdfplumber.open(path) as pdf:
        assert "Recomendación" not in (pdf.pages[1].extract_text() or "")
    got = parse_file(path)
    assert_same_rows(source, got)
    assert any(len(c.pages) == 2 for c in got.commitments)


def test_row_taller_than_a_page(out_dir: Path) -> None:
    rows = (fx.commitment(1, 1, compliance=fx.long_text(1100, seed=2), verification=("Informe final",)),
            fx.commitment(2, 1, compliance="Se publicó el informe.", status="Cancelado"))
    source = Report(**fx.header(), commitments=rows)
    got = parse_file(write_report_pdf(source, out_dir / "tall.pdf"))
    assert got.commitments[0].pages == (1, 2, 3)
    assert_same_rows(source, got)


def test_blank_recommendation_inherits_the_previous_one(out_dir: Path) -> None:
    first = fx.commitment(3, 1, compliance="Se definió la línea base.")
    blank = replace(fx.commitment(3, 2, compliance="Se validaron los indicadores."), recommendation=None,
                    recommendation_text="")
    got = parse_file(write_report_pdf(Report(**fx.header(), commitments=(first, blank)), out_dir / "blank.pdf"))
    assert got.commitments[1].recommendation == 3
    assert got.commitments[1].recommendation_text == first.recommendation_text
    assert got.commitments[1].commitment == 2


def test_page_break_inside_the_verification_list(out_dir: Path) -> None:
    second = fx.commitment(2, 1, compliance=fx.long_text(60, seed=4),
                           verification=("Informe final de evaluación", "Planilla de seguimiento de indicadores",
                                         "Acta de cierre"))
    source = fx.report_split_where(second, lambda cells: not cells[0] and not cells[1] and cells[2] and all(
        text.removeprefix("- ") in second.verification for text in cells[2]))
    got = parse_file(write_report_pdf(source, out_dir / "verification_split.pdf"))
    assert got.commitments[1].pages == (1, 2)
    assert_same_rows(source, got)


def test_page_break_inside_a_long_commitment(out_dir: Path) -> None:
    plan = "Elaborar un plan de trabajo con hitos trimestrales. " + fx.long_text(120, seed=6)
    second = fx.commitment(2, 1, compliance="Se cumplió con la entrega del plan de trabajo.", commitment_text=plan)
    source = fx.report_split_where(second, lambda cells: bool(cells[1]) and not cells[2])
    got = parse_file(write_report_pdf(source, out_dir / "commitment_split.pdf"))
    assert got.commitments[1].pages == (1, 2)
    assert_same_rows(source, got)


@pytest.mark.slow
def test_twenty_pages_round_trip_fast_enough(out_dir: Path) -> None:
    source = fx.many_pages_report(20)
    path = write_report_pdf(source, out_dir / "twenty.pdf")
    started = time.perf_counter()
    got = parse_file(path)
    per_page = (time.perf_counter() - started) / got.pages
    assert got.pages == 20
    assert_same_rows(source, got)
    assert per_page < 0.25, f"{per_page * 1000:.0f} ms per page"  # about 35 ms on a laptop core


def test_writer_is_deterministic(out_dir: Path) -> None:
    report = fx.varied_report()
    a = write_report_pdf(report, out_dir / "a.pdf").read_bytes()
    b = write_report_pdf(report, out_dir / "b.pdf").read_bytes()
    assert a == b


# ---------------------------------------------------------------- tables not drawn by our writer


@pytest.mark.parametrize("style", ["grid", "box", "real"])
def test_other_table_layouts(out_dir: Path, style: str) -> None:
    """reportlab platypus tables: other fonts/widths/padding; "box" has no rulings between rows."""
    source = fx.varied_report()
    got = parse_file(fx.platypus_pdf(source, out_dir / f"platypus_{style}.pdf", style=style))
    assert (got.program, got.ministry, got.year, got.exit_date) == (source.program, source.ministry, 2008, "2012-06-30")
    assert_same_rows(source, got)
    assert any(len(c.pages) == 2 for c in got.commitments)


def test_text_touching_the_rulings(out_dir: Path) -> None:
    """No cell padding: pdfplumber words run from one column into the next and must be split."""
    source = fx.varied_report()
    path = fx.platypus_pdf(source, out_dir / "platypus_no_padding.pdf", style="real", padding=0)
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words(x_tolerance=2)
    assert any(w["x0"] < 35 + 140 < w["x1"] for w in words if w["top"] > 200)  # e.g. "registraprograma"
    assert_same_rows(source, parse_file(path))


# ---------------------------------------------------------------- bad input


def expect_error(data: bytes, pattern: str, name: str = "informe.pdf") -> str:
    with pytest.raises(ReportError, match=pattern) as info:
        parse_bytes(data, name)
    message = str(info.value)
    assert "\n" not in message and message == message.strip()
    return message


def test_encrypted_pdf(out_dir: Path) -> None:
    data = write_report_pdf(fx.varied_report(), out_dir / "locked.pdf", encrypt_password="clave").read_bytes()
    expect_error(data, "protegido con contraseña")


def test_truncated_pdf(varied: tuple[Report, Path, Report]) -> None:
    data = varied[1].read_bytes()
    expect_error(data[: len(data) // 2], "incompleto")


def test_corrupt_pdf_with_intact_ending(varied: tuple[Report, Path, Report]) -> None:
    data = varied[1].read_bytes()
    expect_error(data[: len(data) // 2] + b"\n%%EOF\n", "dañado")


@pytest.mark.parametrize("data", [b"", b"   \n"])
def test_empty_file(data: bytes) -> None:
    expect_error(data, "vacío")


def test_pdf_without_pages() -> None:
    expect_error(fx.zero_page_pdf(), "no tiene páginas")


def test_scanned_pdf(out_dir: Path) -> None:
    expect_error(fx.scanned_pdf(out_dir / "scan.pdf").read_bytes(), r"no tiene texto extraíble \(¿PDF escaneado\?\)")


def test_unrelated_pdf(out_dir: Path) -> None:
    message = expect_error(fx.unrelated_pdf(out_dir / "acta.pdf").read_bytes(), "no parece un Informe de Egreso")
    assert "Recomendación / Compromiso / Cumplimiento" in message


def test_report_header_without_rows(out_dir: Path) -> None:
    empty = Report(**fx.header(), commitments=())
    expect_error(write_report_pdf(empty, out_dir / "empty_table.pdf").read_bytes(), "no tiene filas")


def test_table_without_report_header(out_dir: Path) -> None:
    anonymous = replace(fx.varied_report(), program="", ministry="", service="")
    message = expect_error(write_report_pdf(anonymous, out_dir / "anonymous.pdf").read_bytes(), "encabezado")
    assert "tabla" not in message


def test_not_a_pdf_named_pdf() -> None:
    expect_error(b"PK\x03\x04" + b"\x00" * 64, "no es un PDF")


def test_parse_pdf_direct_on_garbage() -> None:
    with pytest.raises(ReportError):
        parse_pdf(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", source="x.pdf", sha256="0")


def test_damaged_pdfs_only_raise_report_error(varied: tuple[Report, Path, Report]) -> None:
    """Random damage: the reader returns a Report or raises ReportError, never anything else."""
    data = varied[1].read_bytes()
    rng = random.Random(11)
    failures = 0
    for i in range(40):
        damaged = bytearray(data)
        if i % 2:
            start = rng.randrange(len(damaged))
            damaged[start:start + 120] = bytes(rng.randrange(256) for _ in range(120))
        else:
            damaged = damaged[: rng.randrange(len(damaged))] + b"\n%%EOF\n"
        try:
            parse_pdf(bytes(damaged), source="x.pdf", sha256="0")
        except ReportError:
            failures += 1
    assert failures > 0


def test_sample_reports_round_trip_their_verification_lists(out_dir: Path) -> None:
    """Bulleted items stay apart even when one fills its line and the next starts with a capital
    ("… Subsecretaría de Educación" / "Ley de Presupuestos 2017 …")."""
    from ingest.samples import sample_reports

    for report in sample_reports():
        got = parse_file(write_report_pdf(report, out_dir / report.source))
        assert [c.verification for c in got.commitments] == [c.verification for c in report.commitments]
