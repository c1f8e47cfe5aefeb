"""The parse that checks itself: one table row per check, and no warning on good reports."""
from __future__ import annotations

from dataclasses import replace

import pytest

from ingest.reading import parse_bytes, read_report
from ingest.records import Report
from ingest.samples import generate_reports, sample_reports
from ingest.samples.files import render_pdf, render_txt
from ingest.validation import report_problems, row_label, row_problems, validate_report
from tests.pdf_fixtures import commitment, header

GOOD_TEXT = "Se elaboró la matriz de marco lógico con sus indicadores y fue validada con DIPRES."
GOOD = commitment(1, 1, compliance=GOOD_TEXT, verification=("Matriz de marco lógico 2010", "Oficio N° 345"))

# (case, changes to the good row, the reason expected; None: no problem)
ROW_CASES = [
    ("good row", {}, None),
    ("good row, compliance starting with a document word in a sentence",
     {"compliance_text": "Informe de avance fue remitido a la Dirección de Presupuestos en diciembre."}, None),
    ("good row, a document name then a comma",
     {"compliance_text": "Oficio N° 12, enviado a DIPRES, da cuenta del avance. El programa cumplió."}, None),
    ("good row, no verification means", {"verification": ()}, None),
    ("no status", {"status": "", "status_date": None}, "sin calificación"),
    ("no status date", {"status_date": None}, "fecha de calificación no válida"),
    ("impossible status date", {"status_date": "2010-02-31"}, "fecha de calificación no válida"),
    ("status date out of range", {"status_date": "1201-12-31"}, "fecha de calificación no válida"),
    ("no recommendation number", {"recommendation": None}, "sin número de recomendación/compromiso"),
    ("no commitment number", {"commitment": None}, "sin número de recomendación/compromiso"),
    ("empty compliance text", {"compliance_text": "  "}, "texto vacío: cumplimiento"),
    ("empty commitment text", {"commitment_text": ""}, "texto vacío: compromiso"),
    ("empty recommendation text", {"recommendation_text": ""}, "texto vacío: recomendación"),
    ("another row's status at the head",
     {"compliance_text": "Calificación: Cumplido (31-12-2009) " + GOOD_TEXT},
     "el cumplimiento empieza con la calificación de otra fila"),
    ("another row's verification heading at the head",
     {"compliance_text": "Medios de Verificación: Informe final " + GOOD_TEXT},
     "el cumplimiento empieza con una lista de documentos"),
    ("another row's document list at the head (one line)",
     {"compliance_text": "Matriz de marco lógico 2010 Oficio N° 345 de la Subsecretaría " + GOOD_TEXT},
     "el cumplimiento empieza con una lista de documentos"),
    ("another row's single document at the head",
     {"compliance_text": "Informe de indicadores " + GOOD_TEXT},
     "el cumplimiento empieza con una lista de documentos"),
    ("a bulleted list at the head",
     {"compliance_text": "- Acta de reunión con DIPRES " + GOOD_TEXT},
     "el cumplimiento empieza con una lista de documentos"),
    ("a second status inside the compliance text",
     {"compliance_text": GOOD_TEXT + " Calificación: Cumplido (31-12-2009) El programa informa."},
     "más de una calificación: el cumplimiento contiene otra"),
    ("a verification heading with nothing after it",
     {"compliance_text": GOOD_TEXT + " Medios de Verificación:"}, "«Medios de Verificación» sin lista"),
    ("a verification heading left inside the text",
     {"compliance_text": GOOD_TEXT + " Medios de Verificación: Acta N° 3"},
     "«Medios de Verificación» dentro del cumplimiento"),
    ("a due date inside the compliance text",
     {"compliance_text": GOOD_TEXT + " Fecha de Vencimiento: Diciembre 2010"},
     "el cumplimiento contiene la «Fecha de Vencimiento» de un compromiso"),
    ("a status inside the observation",
     {"observation": "Ver informe. Calificación: Cumplido (31-12-2009)"},
     "más de una calificación: la observación contiene otra"),
    ("a compliance text starting mid-sentence",
     {"compliance_text": "presupuesto 2013. " + GOOD_TEXT}, "el cumplimiento empieza a mitad de frase"),
    ("a status with a garbled date inside the verification list",
     {"verification": ("Informe final", "Calificación: Parcialmente cumplido (30- 06-2012)")},
     "la lista de «Medios de Verificación» contiene texto de otra fila"),
    ("compliance sentences inside the verification list",
     {"verification": ("Informe final", "Durante 2010 egresaron 30 beneficiarios de acuerdo con los nuevos criterios")},
     "la lista de «Medios de Verificación» contiene texto del cumplimiento"),
    ("an unread glyph", {"verification": ("(cid:127) Reglamento del programa",)},
     "texto con caracteres ilegibles «(cid:…)»"),
    ("the next row inside the verification list",
     {"verification": ("Informe final", "Fecha de Vencimiento: Junio 2011")},
     "la lista de «Medios de Verificación» contiene texto de otra fila"),
]


@pytest.mark.parametrize("case,changes,expected", ROW_CASES, ids=[c[0] for c in ROW_CASES])
def test_row_problems(case, changes, expected):
    problems = row_problems(replace(GOOD, **changes))
    assert problems == ([] if expected is None else [expected])


def _report(rows, **overrides) -> Report:
    return Report(**header(**overrides), commitments=tuple(rows))


def _rows(*numbers, pages=None):
    rows = [commitment(r, c, compliance=GOOD_TEXT) for r, c in numbers]
    if pages is not None:
        rows = [replace(row, pages=p) for row, p in zip(rows, pages)]
    return rows


# (case, report, the problems expected)
REPORT_CASES = [
    ("good: recommendation repeated for its commitments", _report(_rows((1, 1), (1, 2), (2, 1), (3, 1))), []),
    ("good: pages increase, a row over a page break",
     _report(_rows((1, 1), (1, 2), (2, 1), pages=[(1,), (1, 2), (2,)]), pages=2), []),
    ("no rows", _report([]), ["no se encontró ninguna fila de compromisos"]),
    ("no program", _report(_rows((1, 1)), program=""), ["sin nombre del programa"]),
    ("no year", _report(_rows((1, 1)), year=None), ["sin año de evaluación"]),
    ("no program status", _report(_rows((1, 1)), status=""), ["sin calificación del programa"]),
    ("exited without exit date", _report(_rows((1, 1)), exit_date=None), ["programa egresado sin fecha de egreso"]),
    ("year out of range", _report(_rows((1, 1)), year=207), ["año de evaluación no válido"]),
    ("impossible exit date", _report(_rows((1, 1)), exit_date="2012-13-01"), ["fecha de egreso no válida"]),
    ("exit before the evaluation", _report(_rows((1, 1)), exit_date="2007-06-30"),
     ["fecha de egreso anterior al año de evaluación"]),
    ("not exited, no exit date needed", _report(_rows((1, 1)), status="En seguimiento", exit_date=None), []),
    ("recommendations go back", _report(_rows((1, 1), (2, 1), (1, 2))),
     ["Rec. 1 Comp. 2: la numeración de recomendaciones retrocede (después de la 2)"]),
    ("duplicate commitment", _report(_rows((1, 1), (1, 1))), ["Rec. 1 Comp. 1: número de compromiso repetido"]),
    ("a commitment skipped (a merged row)", _report(_rows((1, 1), (1, 3))),
     ["faltan filas antes de Rec. 1 Comp. 3 (después del compromiso 1 viene el 3)",
      "Rec. 1 Comp. 1: puede contener también la fila siguiente, que falta"]),
    ("a recommendation's first commitment missing", _report(_rows((1, 1), (2, 2))),
     ["faltan filas antes de Rec. 2 Comp. 2 (la recomendación 2 empieza por el compromiso 2)",
      "Rec. 1 Comp. 1: puede contener también la fila siguiente, que falta"]),
    ("the first row is not commitment 1", _report(_rows((1, 2), (1, 3))),
     ["faltan filas antes de Rec. 1 Comp. 2 (la recomendación 1 empieza por el compromiso 2)"]),
    ("commitments go back", _report(_rows((1, 1), (1, 2), (1, 1))),
     ["Rec. 1 Comp. 1: número de compromiso repetido"]),
    ("after an unnumbered row the numbering is not judged again",
     _report([_rows((1, 1))[0], replace(_rows((1, 1))[0], recommendation=None), *_rows((2, 2))]), []),
    ("a row whose means went to the next row",
     _report([replace(_rows((1, 1))[0], verification=()),
              replace(_rows((1, 2))[0], compliance_text="Informe final " + GOOD_TEXT)]),
     ["Rec. 1 Comp. 1: sin «Medios de Verificación»: la lista parece haber quedado en la fila siguiente"]),
    ("pages go back", _report(_rows((1, 1), (1, 2), pages=[(2,), (1,)]), pages=2),
     ["Rec. 1 Comp. 2: páginas fuera de orden"]),
    ("page beyond the document", _report(_rows((1, 1), pages=[(1, 3)]), pages=2),
     ["Rec. 1 Comp. 1: página fuera del documento"]),
]


@pytest.mark.parametrize("case,report,expected", REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_report_problems(case, report, expected):
    assert report_problems(report) == expected


def test_validate_report_fills_row_and_report_warnings_and_keeps_earlier_ones():
    rows = _rows((1, 1), (1, 3), (2, 1))
    rows[2] = replace(rows[2], status_date=None)
    report = replace(_report(rows, year=None), warnings=("confianza OCR baja (41%)", "sin año de evaluación"))
    checked = validate_report(report)
    assert checked.warnings == ("confianza OCR baja (41%)", "sin año de evaluación",  # kept, not duplicated
                                "faltan filas antes de Rec. 1 Comp. 3 (después del compromiso 1 viene el 3)")
    assert [row.warnings for row in checked.commitments] == [
        ("puede contener también la fila siguiente, que falta",), (), ("fecha de calificación no válida",)]
    assert validate_report(checked) == checked  # idempotent
    assert row_label(checked.commitments[1]) == "Rec. 1 Comp. 3"


def test_a_verification_list_moved_into_the_next_row_is_flagged():
    """The borderless-table failure of issue 7: row 1's means land at the head of row 2's text."""
    good = sample_reports()[0]
    rows = list(good.commitments)
    moved = next(i for i, row in enumerate(rows[:-1]) if row.verification)
    rows[moved + 1] = replace(rows[moved + 1], compliance_text=" ".join(
        [*rows[moved].verification, rows[moved + 1].compliance_text]))
    rows[moved] = replace(rows[moved], verification=())
    checked = validate_report(replace(good, commitments=tuple(rows)))
    assert [i for i, row in enumerate(checked.commitments) if row.warnings] == [moved, moved + 1]
    assert checked.commitments[moved].warnings == (
        "sin «Medios de Verificación»: la lista parece haber quedado en la fila siguiente",)
    assert checked.commitments[moved + 1].warnings == ("el cumplimiento empieza con una lista de documentos",)


def _all_warnings(report: Report) -> list[str]:
    return [*report.warnings, *(w for row in report.commitments for w in row.warnings)]


def _assert_no_warnings(reports: list[Report], renderers) -> None:
    for report in reports:
        assert _all_warnings(validate_report(report)) == [], report.source
        for render, suffix in renderers:
            parsed = parse_bytes(render(report), report.source.replace(".pdf", suffix))
            assert _all_warnings(parsed) == [], (report.source, suffix)


def test_no_warning_on_the_sample_reports_as_written_and_as_read():
    _assert_no_warnings(sample_reports(), ((render_pdf, ".pdf"), (render_txt, ".txt")))
    _assert_no_warnings(generate_reports(12, seed=7), ((render_txt, ".txt"),))


@pytest.mark.slow
def test_no_warning_on_generated_reports_read_from_pdf():
    _assert_no_warnings(generate_reports(12, seed=7), ((render_pdf, ".pdf"),))


def test_no_warning_on_the_real_report(real_report_path):
    report = read_report(real_report_path)
    assert len(report.commitments) == 5
    assert _all_warnings(report) == []
    assert _all_warnings(validate_report(report)) == []


def test_the_ingest_line_names_a_few_flagged_rows_then_counts_the_rest():
    from ingest.results import FileResult

    rows = [replace(row, status_date=None) for row in _rows((1, 1), (1, 2), (1, 3), (2, 1), (3, 1))]
    report = validate_report(replace(_report(rows + _rows((4, 1)), exit_date=None), warnings=("confianza OCR baja",)))
    line = FileResult("x.pdf", "added", report=report).line()
    assert line.endswith(
        " — 5 de 6 filas requieren revisión: Rec. 1 Comp. 1 (fecha de calificación no válida); "
        "Rec. 1 Comp. 2 (fecha de calificación no válida); Rec. 1 Comp. 3 (fecha de calificación no válida); y 2 más"
        " — revisar el informe: confianza OCR baja; programa egresado sin fecha de egreso")
    data = FileResult("x.pdf", "added", report=report).to_json()
    assert (data["rows_flagged"], data["warnings"]) == (5, ["confianza OCR baja", "programa egresado sin fecha de egreso"])
    assert "revisión" not in FileResult("y.pdf", "added", report=validate_report(_report(_rows((1, 1))))).line()
