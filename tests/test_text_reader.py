"""The text reader: the real DIPRES text export (ground truth in ../shared/corpus/README.md), the clean
layout the project writes (round trips), the cells-on-separate-lines variant and bad inputs."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import ReportError
from ingest.records import Commitment, Report
from ingest.textexport import TABLE_HEADER, TITLE, parse_text, render_text

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT.parent / "shared" / "corpus"
REAL = CORPUS / "informe_egreso_redes_pro_rubro.txt"


# ---------------------------------------------------------------------------------------------
# The real export


@pytest.fixture(scope="module")
def real() -> Report:
    if not REAL.exists():
        pytest.skip(f"../shared/corpus not found: {REAL} is absent, the real report cannot be tested here")
    return parse_text(REAL.read_text(encoding="utf-8"), source=REAL.name, sha256="0" * 64)


def test_real_header(real: Report) -> None:
    assert real.program == "Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro Rubro"
    assert real.ministry == "MINISTERIO DE AGRICULTURA"
    assert real.service == "INSTITUTO DE DESARROLLO AGROPECUARIO"
    assert real.year == 2007
    assert real.status == "Egresado"
    assert real.exit_date == "2011-12-31"
    assert real.pages == 1
    assert real.source == REAL.name


REAL_ROWS = [
    (1, 1, "Durante el año 2009 se descontinuó el programa Redes por Rubro", "Cumplido", "2009-12-31",
     ("minuta explicativa compromisos y justificaciones redes por rubro", "marco final validado por fomento")),
    (1, 2, "Durante los años 2010 y 2011 el Programa de Asociatividad no ha funcionado", "Cancelado", "2011-12-31",
     ("Documento Marco", "Marco Lógico mejorado")),
    (2, 1, "Las recomendaciones hechas desde el programa pro rubro no fueron incorporadas", "Cumplido",
     "2009-12-31", ()),
    (3, 1, "En el nuevo programa esta considerado un proveedor territorial", "Cumplido", "2009-12-31", ()),
    (4, 1, "Cada tipo de cliente del nuevo instrumento puede permanecer hasta tres años", "Cumplido",
     "2009-12-31", ()),
]


def test_real_has_exactly_the_five_rows(real: Report) -> None:
    assert [(c.recommendation, c.commitment) for c in real.commitments] == [(r[0], r[1]) for r in REAL_ROWS]


@pytest.mark.parametrize(("index", "expected"), list(enumerate(REAL_ROWS)), ids=lambda v: str(v))
def test_real_row(real: Report, index: int, expected: tuple) -> None:
    rec, comp, start, status, date, verification = expected
    row = real.commitments[index]
    assert (row.recommendation, row.commitment) == (rec, comp)
    assert row.compliance_text.startswith(start)
    assert (row.status, row.status_date) == (status, date)
    assert row.verification == verification
    assert row.due == "Diciembre 2009"
    assert row.pages == (1,)


def test_real_recommendation_and_commitment_texts(real: Report) -> None:
    first, second, third, fourth, fifth = real.commitments
    assert first.recommendation_text.startswith("Analizar cuáles son las características mínimas")
    assert second.recommendation_text == first.recommendation_text
    assert first.commitment_text.startswith("Informar cómo el rediseño del nuevo programa")
    assert second.commitment_text == "Elaborar matriz de marco lógico del nuevo programa revisada y concordada con DIPRES."
    assert third.recommendation_text.startswith("Incorporar en las Normas, criterios objetivos")
    assert fourth.recommendation_text.startswith("Incorporar en el diseño, la presencia de un intermediario")
    assert fifth.recommendation_text.startswith("Analizar la factibilidad de los años de duración de las fases")
    assert fifth.commitment_text.startswith("Informar cómo el rediseño")  # "- " bullet dropped, number inferred


def test_real_observations(real: Report) -> None:
    assert [c.observation for c in real.commitments] == [
        "", "", "Idem compromiso 1.1.", "Idem compromiso 1.1.", "Idem compromiso 1.1."]


def test_real_interleaved_row_is_separated(real: Report) -> None:
    """Row 4.1: compliance words interleaved with commitment text already seen in earlier rows."""
    row = real.commitments[4]
    assert row.compliance_text == ("Cada tipo de cliente del nuevo instrumento puede permanecer hasta tres años "
                                   "recibiendo el Servicio Ver actividades en el Marco del Servicio que se adjunta.")
    assert "funcionamiento efectivo y enfoque de género" in row.commitment_text
    assert "Calificación" not in row.commitment_text and "Idem" not in row.commitment_text


def test_real_long_compliance_keeps_its_list_and_drops_echoes(real: Report) -> None:
    text = real.commitments[0].compliance_text
    for item in ("i. Al término del primer año", "ii. Al término del segundo año", "iii. Al término del tercer año"):
        assert item in text
    assert text.endswith("incrementan la competitividad individual de su negocio.")
    assert text.count("compromisos y justificaciones redes por rubro)") == 1  # the re-emitted line is dropped
    assert "Calificación" not in text and "Medios de Verificación" not in text


def test_real_render_round_trip(real: Report) -> None:
    again = parse_text(render_text(real), source=real.source, sha256=real.sha256)
    assert again == real


# ---------------------------------------------------------------------------------------------
# Clean layout round trips (fictional reports)


def commitment(rec: int, comp: int, status: str, *, date: str | None = "2014-12-31", observation: str = "",
               verification: tuple[str, ...] = (), compliance: str = "Se elaboró el informe solicitado.",
               pages: tuple[int, ...] = (1,), rec_text: str = "Revisar el diseño del programa.") -> Commitment:
    return Commitment(
        recommendation=rec, commitment=comp, recommendation_text=rec_text,
        commitment_text=f"Elaborar el compromiso {rec}.{comp} con la Dirección de Presupuestos.",
        due="Diciembre 2013", compliance_text=compliance, observation=observation, status=status,
        status_date=date, verification=verification, pages=pages)


LONG = " ".join(f"El servicio realizó la actividad {i} del plan de trabajo, con un 1{i}% de avance." for i in range(60))

FICTIONAL = (
    commitment(1, 1, "Cumplido", verification=("Informe final de evaluación",)),
    commitment(1, 2, "Parcialmente cumplido", observation="Falta la validación regional.",
               verification=("Oficio N° 123", "Acta de la sesión del comité", "Minuta técnica 2014")),
    commitment(2, 1, "No cumplido", compliance=LONG, pages=(1, 2),
               rec_text="Mejorar los sistemas de información; incorporar indicadores de propósito."),
    commitment(2, 2, "Cancelado", date="2015-06-30", observation="El programa fue cerrado.", pages=(2,)),
    commitment(3, 1, "En revisión por la institución", pages=(3,), verification=("Documento Marco",)),
)


def fictional(rows: tuple[Commitment, ...] = FICTIONAL, pages: int = 3) -> Report:
    return Report(source="riego.txt", sha256="b" * 64, program="Programa de Riego Campesino",
                  ministry="MINISTERIO DE AGRICULTURA", service="Comisión Nacional de Riego", year=2012,
                  status="Egresado", exit_date="2015-12-31", pages=pages, commitments=rows)


def round_trip(report: Report) -> Report:
    return parse_text(render_text(report), source=report.source, sha256=report.sha256)


def test_round_trip_gives_back_the_same_report() -> None:
    report = fictional()
    assert round_trip(report) == report


@pytest.mark.parametrize("row", FICTIONAL, ids=lambda c: c.key)
def test_round_trip_each_row_alone(row: Commitment) -> None:
    report = fictional((row,), pages=max(row.pages))
    assert round_trip(report).commitments == (row,)


def test_round_trip_keeps_unknown_status_verbatim_and_normalises_known_ones() -> None:
    statuses = [c.status for c in round_trip(fictional()).commitments]
    assert statuses == ["Cumplido", "Parcialmente cumplido", "No cumplido", "Cancelado",
                        "En revisión por la institución"]


def test_round_trip_pages_follow_form_feeds() -> None:
    parsed = round_trip(fictional())
    assert parsed.pages == 3
    assert [c.pages for c in parsed.commitments] == [(1,), (1,), (1, 2), (2,), (3,)]


def test_render_layout() -> None:
    text = render_text(fictional())
    lines = text.split("\f")[0].split("\n")
    assert lines[0] == TITLE
    assert "Programa/Institución: Programa de Riego Campesino" in lines
    assert "Fecha Egreso: 31-12-2015" in lines
    assert TABLE_HEADER in lines
    first_row = lines[lines.index(TABLE_HEADER) + 1]
    assert first_row.count("\t") == 2
    assert first_row.startswith("1. Revisar el diseño del programa.\t1. Elaborar el compromiso 1.1")
    assert "\t\tCalificación: Parcialmente cumplido (31-12-2014)" in lines
    assert text.count("\f") == 2


def test_unknown_numbers_are_inferred_on_round_trip() -> None:
    rows = (commitment(1, 1, "Cumplido"), commitment(1, 2, "Cumplido"),
            commitment(2, 1, "Cumplido", rec_text="Otra recomendación."))
    unnumbered = tuple(Commitment(**{**c.__dict__, "recommendation": None, "commitment": None}) for c in rows)
    parsed = round_trip(fictional(unnumbered, pages=1))
    assert [(c.recommendation, c.commitment) for c in parsed.commitments] == [(1, 1), (1, 2), (2, 1)]


# ---------------------------------------------------------------------------------------------
# Other accepted inputs

HEADER = """INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS

Programa/Institución: Programa de Riego Campesino
Ministerio: MINISTERIO DE AGRICULTURA
Servicio: Comisión Nacional de Riego
Año: 2012
Calificación: Egresado
Fecha Egreso: 31-12-2015
"""

BLOCKS = HEADER + """
Recomendación Compromiso Cumplimiento
1. Revisar la focalización del programa.
1. Elaborar un estudio de focalización.
Fecha de Vencimiento: Junio 2014
Se elaboró el estudio y se
aplicó en 2014.
Observación: Estudio aprobado.
Calificación: Parcialmente cumplido (30-06-2014)
Medios de Verificación:
Estudio de focalización
Oficio 123

1. Revisar la focalización del programa.
2. Publicar el estudio. Fecha de Vencimiento: Diciembre 2014
No se publicó.
Calificación: No cumplido (31-12-2014)
\f
Mejorar el seguimiento.
- Crear indicadores.
Fecha de Vencimiento:
Diciembre 2015
Se crearon.
Calificación: Cumplido (31-12-2015)
\f"""


def test_cells_on_separate_lines() -> None:
    report = parse_text(BLOCKS, source="b.txt", sha256="0")
    assert report.pages == 2  # the trailing form feed does not open a page
    first, second, third = report.commitments
    assert (first.recommendation, first.commitment, first.due) == (1, 1, "Junio 2014")
    assert first.compliance_text == "Se elaboró el estudio y se aplicó en 2014."
    assert first.observation == "Estudio aprobado."
    assert first.verification == ("Estudio de focalización", "Oficio 123")
    assert (second.recommendation, second.commitment, second.status) == (1, 2, "No cumplido")
    assert second.commitment_text == "Publicar el estudio."
    assert (third.recommendation, third.commitment) == (2, 1)  # inferred: next recommendation, first commitment
    assert (third.recommendation_text, third.commitment_text) == ("Mejorar el seguimiento.", "Crear indicadores.")
    assert (third.due, third.status_date, third.pages) == ("Diciembre 2015", "2015-12-31", (2,))


def test_export_quirks_spread_words_and_repeated_recommendation() -> None:
    """Words spread over tabs, the header row repeated after a page break, an unnumbered repeat."""
    text = HEADER + "\n" + "\n".join([
        TABLE_HEADER,
        "1. Revisar\tla\tfocalización\t1.\tElaborar\tun\testudio\tSe hizo el estudio.",
        "del programa.\tFecha de Vencimiento: Junio 2014\tCalificación: Cumplido (30-06-2014)",
        "\f" + TABLE_HEADER,
        "Revisar la focalización del programa.\t2. Difundir el estudio.\tSe difundió.",
        "\tFecha de Vencimiento:\tCalificación: Cancelado (31-12-2014)",
        "\tDiciembre 2014\t",
    ])
    first, second = parse_text(text, source="e.txt", sha256="0").commitments
    assert (first.recommendation_text, first.commitment_text) == (
        "Revisar la focalización del programa.", "Elaborar un estudio")
    assert (second.recommendation, second.commitment, second.due) == (1, 2, "Diciembre 2014")
    assert (second.status, second.pages) == ("Cancelado", (2,))


def test_interleaved_row_is_aligned_against_a_known_commitment() -> None:
    """A row printed without columns, its compliance words inside a commitment text seen before."""
    text = HEADER + "\n" + "\n".join([
        TABLE_HEADER,
        "1. Revisar la focalización del programa.\t1. Elaborar un estudio de focalización con criterios de "
        "pobreza y ruralidad.\tSe elaboró el estudio.",
        "\tFecha de Vencimiento: Junio 2014\tCalificación: Cumplido (30-06-2014)",
        "",
        "Mejorar el seguimiento de los beneficiarios.",
        "",
        "- Elaborar un estudio de focalización con Se creó un sistema criterios de pobreza v ruralidad. "
        "de registro en línea Observación: Sin observaciones. Calificación: Parcialmente cumplido (31-12-2015)",
        "Fecha de Vencimiento: Diciembre 2015",
    ])
    first, second = parse_text(text, source="i.txt", sha256="0").commitments
    assert first.compliance_text == "Se elaboró el estudio."
    assert (second.recommendation, second.commitment) == (2, 1)
    assert second.recommendation_text == "Mejorar el seguimiento de los beneficiarios."
    assert second.commitment_text == "Elaborar un estudio de focalización con criterios de pobreza v ruralidad."
    assert second.compliance_text == "Se creó un sistema de registro en línea"
    assert (second.observation, second.status, second.due) == ("Sin observaciones.", "Parcialmente cumplido",
                                                                "Diciembre 2015")


# ---------------------------------------------------------------------------------------------
# Bad inputs


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "vacío"),
    ("  \n\t\f\n", "vacío"),
    ("Lista de compras: pan, leche y huevos.\n", "encabezado"),
    (HEADER, "tabla de compromisos"),
    (HEADER + "\n" + TABLE_HEADER + "\n", "no tiene filas"),
    (HEADER + "\n" + TABLE_HEADER + "\nTexto suelto sin calificación ni fecha.\n", "no tiene filas"),
], ids=["empty", "blank", "not-a-report", "no-table", "no-rows", "rows-without-closing"])
def test_bad_input_raises_one_spanish_line(text: str, fragment: str) -> None:
    with pytest.raises(ReportError) as info:
        parse_text(text, source="malo.txt", sha256="0")
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message
