"""Tables without rulings (issue 7, part 1): rows found from content and geometry.

The PDFs are drawn by reportlab (``tests/borderless_fixtures.py``) with no ruling at all; the
truth is the generator's ``Report``. Every field of every row is compared, so a verification
list that lands in the next row (the defect of the issue) fails here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest import fields
from ingest.fields import one_line
from ingest.pdf.cells import cell_text
from ingest.pdf.columns import find_columns
from ingest.pdf.headers import header_rows, in_header
from ingest.pdf.model import Columns, Line, Page, Rule, Word
from ingest.pdf.rows import commitments, stitch
from ingest.pdf.table import all_segments
from ingest.pdf.sections import _TITLE
from ingest.pdf_reader import parse_pdf
from ingest.records import Commitment, Report
from tests import borderless_fixtures as bf

FIELDS = ("recommendation", "commitment", "recommendation_text", "commitment_text", "due", "compliance_text",
          "observation", "status", "status_date", "verification", "section")


def row_fields(c: Commitment) -> dict:
    values = {name: getattr(c, name) for name in FIELDS}
    for name in ("recommendation_text", "commitment_text", "compliance_text"):
        values[name] = one_line(values[name])
    return values


def assert_rows_match(truth: Report, got: Report) -> None:
    assert [c.key for c in got.commitments] == [c.key for c in truth.commitments]
    for want, have in zip(truth.commitments, got.commitments):
        assert row_fields(have) == row_fields(want), want.key


def render_and_parse(tmp: Path, name: str, *, long_rows: bool, **style) -> tuple[Report, Report]:
    truth = bf.sectioned_report(long_rows=long_rows)
    path = bf.borderless_pdf(truth, tmp / f"{name}.pdf", **style)
    return truth, parse_pdf(path.read_bytes(), source=path.name, sha256="0" * 64)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("borderless")


@pytest.mark.parametrize("valign, means_first, spacing", [
    ("MIDDLE", False, 4),  # means after Calificación, centred cells, spaced paragraphs
    ("MIDDLE", True, 0),  # means before Calificación
    ("BOTTOM", False, 0),
    ("TOP", True, 4),
])
def test_rows_over_page_breaks_any_alignment(tmp: Path, valign: str, means_first: bool, spacing: float) -> None:
    truth, got = render_and_parse(tmp, f"long-{valign}-{means_first}-{spacing}", long_rows=True,
                                  valign=valign, means_first=means_first, spacing=spacing)
    assert got.pages >= 4
    assert_rows_match(truth, got)
    assert any(len(c.pages) >= 2 for c in got.commitments)  # some rows do run over a page break
    assert all(list(c.pages) == sorted(c.pages) for c in got.commitments)


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_short_rows_several_on_a_page(tmp: Path, valign: str) -> None:
    truth, got = render_and_parse(tmp, f"short-{valign}", long_rows=False, valign=valign)
    assert_rows_match(truth, got)
    assert len({c.pages for c in got.commitments}) < len(got.commitments)  # rows share pages


def test_rows_as_close_as_lines(tmp: Path) -> None:
    """No padding, no paragraph spacing: no white space tells the rows apart, only content."""
    truth, got = render_and_parse(tmp, "tight", long_rows=False, valign="TOP", padding=0, spacing=0)
    assert_rows_match(truth, got)


def test_verification_means_stay_in_their_row(tmp: Path) -> None:
    """The issue's defect: the means after Calificación must not open the next row's text."""
    truth, got = render_and_parse(tmp, "means-after", long_rows=False, valign="MIDDLE", spacing=4)
    for want, have in zip(truth.commitments, got.commitments):
        assert have.verification == want.verification, want.key
        assert not any(have.compliance_text.startswith(item) for c in truth.commitments for item in c.verification)


def test_section_rows_are_kept_as_the_rows_section(tmp: Path) -> None:
    truth, got = render_and_parse(tmp, "sections", long_rows=False, valign="MIDDLE")
    assert [c.section for c in got.commitments] == [c.section for c in truth.commitments]
    texts = " ".join(c.recommendation_text + c.commitment_text + c.compliance_text for c in got.commitments)
    assert not any(title in texts for title in bf.SECTIONS)


def test_no_section_rows_no_section(tmp: Path) -> None:
    truth, got = render_and_parse(tmp, "nosections", long_rows=False, valign="MIDDLE", sections=False)
    assert {c.section for c in got.commitments} == {""}
    assert [c.key for c in got.commitments] == [c.key for c in truth.commitments]


@pytest.mark.parametrize("text, is_title", [
    ("I. DISEÑO", True),
    ("II. ORGANIZACIÓN Y GESTIÓN", True),
    ("III. EFICIENCIA Y ECONOMÍA", True),
    ("IV DESEMPEÑO GLOBAL", True),
    ("1. Revisar y perfeccionar la", False),
    ("INFORME DE EGRESO", False),
    ("II. Organización y gestión", False),
    ("I. DISEÑO del programa", False),
    ("IV.", False),
])
def test_section_title_pattern(text: str, is_title: bool) -> None:
    assert bool(_TITLE.match(text)) is is_title


@pytest.mark.parametrize("cell, status, date", [
    ("Calificación: Cumplido (31-12-2014)", "Cumplido", "2014-12-31"),
    ("Calificación: Parcialmente cumplido (31-\n08-2013)", "Parcialmente cumplido", "2013-08-31"),
    ("Calificación: No cumplido ( 30 / 06 / 2012 )", "No cumplido", "2012-06-30"),
])
def test_status_date_may_wrap(cell: str, status: str, date: str) -> None:
    parsed = fields.parse_compliance_cell("Texto.\n" + cell)
    assert (parsed.status, parsed.status_date) == (status, date)


@pytest.mark.parametrize("block, items", [
    ("- Plan de trabajo 2013\n- Minuta", ("Plan de trabajo 2013", "Minuta")),
    ("(cid:127) Protocolo de egreso\n(cid:127) Informe 2008", ("Protocolo de egreso", "Informe 2008")),
    ("• Acta N° 4\n▪ Oficio 12", ("Acta N° 4", "Oficio 12")),
    ("Oficio Ord. N° 3.262", ("Oficio Ord. N° 3.262",)),
])
def test_verification_bullets(block: str, items: tuple[str, ...]) -> None:
    assert fields.split_verification(block) == items


def _line(text: str, top: float, x1: float, limit: float = 300) -> Line:
    return Line((Word(text, 100, x1, top, top + 9),), limit)


def test_lines_closer_than_the_paragraph_spacing_are_one_paragraph() -> None:
    """A producer that spaces paragraphs wraps "2015" although it seems to fit the line."""
    lines = [_line("- Ficha de formulación presupuestaria", 0, 250), _line("2015", 10.5, 120),
             _line("- Oficio Ord. N° 803", 35, 200)]
    assert cell_text(lines) == "- Ficha de formulación presupuestaria 2015\n- Oficio Ord. N° 803"


def test_without_paragraph_spacing_a_short_line_is_a_break() -> None:
    lines = [_line("Informe técnico", 0, 180), _line("Acta N° 4", 11, 150), _line("Oficio 803", 22, 160)]
    assert cell_text(lines) == "Informe técnico\nActa N° 4\nOficio 803"


@pytest.mark.parametrize("first, second", [
    ("Acta de reunión con DIPRES de febrero de", "2010"),
    ("Informe de caracterización de la", "población objetivo"),
    ("Nómina de beneficiarios egresados", "2009"),
])
def test_a_phrase_that_cannot_end_there_is_wrapped(first: str, second: str) -> None:
    """Even where the next word seems to fit (another producer's margins)."""
    lines = [_line(first, 0, 200), _line(second, 11, 130), _line("Oficio 803", 22, 160)]
    assert cell_text(lines) == f"{first} {second}\nOficio 803"


# Hand-placed pages (Word boxes, no PDF): the truth is where the words were put.

_EDGES = (40.0, 200.0, 370.0, 545.0)
_PITCH = 11.3


def _words(text: str, x: float, top: float) -> list[Word]:
    out, left = [], x
    for token in text.split():
        out.append(Word(token, left, left + 4.5 * len(token), top, top + 8.5))
        left += 4.5 * len(token) + 2.5
    return out


def _header_words(top: float) -> list[Word]:
    return [*_words("Recomendación", 45, top), *_words("Compromiso", 205, top), *_words("Cumplimiento", 375, top)]


def _page(number: int, cells: tuple[list[str], list[str], list[str]], *, top: float = 70.0,
          hrules: list[Rule] | None = None) -> Page:
    """A borderless page: a header row at 50, then each column's lines from ``top`` down."""
    words = _header_words(50)
    for column, lines in enumerate(cells):
        words += [w for i, text in enumerate(lines) for w in _words(text, _EDGES[column] + 5, top + i * _PITCH)]
    page = Page(number, 842.0, words, hrules or [], [])
    page.headers = header_rows(page)
    page.columns = Columns(_EDGES, (False,) * 4)
    return page


def test_an_underlined_label_under_the_header_is_not_the_headers_ruling() -> None:
    """An underline (a short drawn line under ``Calificación:``) right below a repeated header
    row must not stretch the header over the row's first line; a ruling across the table does."""
    underline = Rule(63 + 8.5 + 1, 375, 430)  # under the first compliance line, in its column only
    page = _page(2, ([], [], ["Calificación: Cumplido (30-06-2006)"]), top=63, hrules=[underline])
    status = next(w for w in page.words if w.text == "Calificación:")
    assert not in_header(page, status)
    # under "Fecha de Vencimiento:" it runs below the middle title, yet inside one column
    underline = Rule(63 + 8.5 + 1, 205, 300)
    page = _page(2, ([], ["Fecha de Vencimiento: Diciembre"], []), top=63, hrules=[underline])
    assert not in_header(page, next(w for w in page.words if w.text == "Fecha"))
    ruled = _page(2, ([], [], ["Calificación: Cumplido (30-06-2006)"]), hrules=[Rule(62, 40, 545)])
    assert ruled.headers[0].bottom == 62


def test_a_row_over_two_page_breaks_keeps_its_status_and_means() -> None:
    """A huge row: commitment and due date on page 1, only compliance text on page 2, its
    status and means on page 3 right above the next row (no white space wider than a line gap);
    the due date read on page 1 means the next commitment on page 3 is the next row's."""
    text = ["Texto de avance del programa que sigue y sigue sin"] * 60
    page1 = _page(1, (["1. Mejorar el diseño del", "programa."],
                      ["1. Elaborar un plan de trabajo.", "Fecha de Vencimiento: Junio 2019"], text))
    page2 = _page(2, ([], [], text))
    tail = ["fin del texto.", "Calificación: Cumplido (30-06-2019)", "Medios de Verificación:",
            "- Listas de asistencia", "- Acta de reunión con DIPRES"]
    nxt = ["El manual fue aprobado por Resolución Exenta", *["N° 2.613 de febrero y difundido en"] * 4,
           "regiones.", "Calificación: Cumplido (31-12-2020)", "Medios de Verificación:", "- Oficio Ord. N° 3.452"]
    gap = [""] * len(tail)
    page3 = _page(3, ([*gap, "1. Mejorar el diseño del", "programa."],
                      [*gap, "2. Difundir el plan.", "Fecha de Vencimiento: Junio 2020"], [*tail, *nxt]))
    rows = commitments(stitch(all_segments([page1, page2, page3])))
    assert [(c.recommendation, c.commitment) for c in rows] == [(1, 1), (1, 2)]
    assert (rows[0].status, rows[0].status_date) == ("Cumplido", "2019-06-30")
    assert rows[0].verification == ("Listas de asistencia", "Acta de reunión con DIPRES")
    assert rows[0].pages == (1, 2, 3)
    assert rows[1].verification == ("Oficio Ord. N° 3.452",)
    assert rows[1].compliance_text.startswith("El manual fue aprobado")


def test_column_boundary_sits_where_the_next_columns_lines_begin() -> None:
    """Without rulings the boundary is taken from the first page; a later page (no repeated
    header) may hold a longer recommendation line: a ragged right edge varies, the next
    column's left edge does not, so the boundary sits just before that left edge."""
    first = [*_words("Revisar la matriz", 45, 70), *_words("del programa", 45, 81)]  # ends far left of 178
    first += [*_words("1. Definir metas", 178, 70), *_words("de cobertura", 178, 81)]
    page = Page(1, 842.0, [*_header_words(50), *first], [], [])
    header = Page(1, 842.0, _header_words(50), [], [])
    columns = find_columns(page, header_rows(header)[0])
    later_rec_word_right = 175.5  # "potencial" on page 2 ends 2.5 pt before the commitment text
    assert later_rec_word_right < columns.edges[1] <= 178
