"""The corpus scorer itself: alignment and field comparison, table-driven."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tests.pdf_fixtures import commitment, header
from tests.producers.score import HEADER_FIELDS, ROW_FIELDS, align, score_report
from ingest.records import Report

ROWS = (
    replace(commitment(1, 1, compliance="Se elaboró la matriz de marco lógico del programa con sus indicadores.",
                       verification=("Matriz 2010", "Oficio N° 12")), pages=(1,), section="I. DISEÑO"),
    replace(commitment(1, 2, compliance="El indicador de cobertura quedó medido en la región.",
                       status="Parcialmente cumplido", observation="Falta la línea base."), pages=(1, 2)),
    replace(commitment(2, 1, compliance="No se implementó el sistema de información.", status="No cumplido",
                        date="2011-06-30"), pages=(2,)),
)
TRUTH = Report(commitments=ROWS, **header())
N_FIELDS = len(HEADER_FIELDS) + len(ROWS) * len(ROW_FIELDS)


def parsed(rows=ROWS, **overrides) -> Report:
    return replace(TRUTH, commitments=tuple(rows), **overrides)


def _set(i: int, **changes):
    rows = list(ROWS)
    rows[i] = replace(rows[i], **changes)
    return rows


CASES = [
    # (name, parsed report, wrong fields as (row, field), rows found, extra rows)
    ("identical", parsed(), set(), 3, 0),
    ("whitespace and line breaks do not count",
     parsed(_set(0, compliance_text="Se  elaboró la matriz\nde marco lógico del programa con sus indicadores.",
                 verification=(" Matriz  2010", "Oficio N°\n12"))), set(), 3, 0),
    ("compliance differs only after 60 characters",
     parsed(_set(0, compliance_text=ROWS[0].compliance_text[:60] + " otra cosa")), set(), 3, 0),
    ("compliance start differs", parsed(_set(1, compliance_text="Falta la línea base. " + ROWS[1].compliance_text)),
     {("r1c2", "compliance_start")}, 3, 0),
    ("one verification item missing", parsed(_set(0, verification=("Matriz 2010",))), {("r1c1", "verification")}, 3, 0),
    ("verification order matters", parsed(_set(0, verification=("Oficio N° 12", "Matriz 2010"))),
     {("r1c1", "verification")}, 3, 0),
    ("status and date", parsed(_set(2, status="Cumplido", status_date=None)),
     {("r2c1", "status"), ("r2c1", "status_date")}, 3, 0),
    ("observation lost", parsed(_set(1, observation="")), {("r1c2", "observation")}, 3, 0),
    ("pages", parsed(_set(1, pages=(2,))), {("r1c2", "pages")}, 3, 0),
    ("section missing", parsed(_set(0, section="")), {("r1c1", "section")}, 3, 0),
    ("header field", parsed(ministry="MINISTERIO DE SALUD", year=2009),
     {("header", "ministry"), ("header", "year")}, 3, 0),
    ("missing row: all its fields wrong", parsed(ROWS[:1] + ROWS[2:]),
     {("r1c2", f) for f in ROW_FIELDS}, 2, 0),
    ("rows out of order still align", parsed(ROWS[::-1]), set(), 3, 0),
]


@pytest.mark.parametrize("name,report,wrong,found,extra", CASES, ids=[c[0] for c in CASES])
def test_score_cases(name, report, wrong, found, extra):
    score = score_report(TRUTH, report)
    assert {(r.row, r.field) for r in score.failures} == wrong
    assert (score.rows_found, score.extra_rows) == (found, extra)
    assert score.total == N_FIELDS + extra * len(ROW_FIELDS)


def test_merged_rows_miss_one_and_split_rows_count_extra():
    merged = replace(ROWS[0], compliance_text=ROWS[0].compliance_text + " " + ROWS[1].compliance_text)
    score = score_report(TRUTH, parsed((merged, ROWS[2])))
    assert score.rows_found == 2 and {f for r, f in ((r.row, r.field) for r in score.failures) if r == "r1c2"} \
        == set(ROW_FIELDS)
    # A row split in two: the half that looks like the truth aligns, the other half is an extra row.
    half = replace(ROWS[1], compliance_text="indicadores.", status="", status_date=None)
    score = score_report(TRUTH, parsed(ROWS[:1] + (half,) + ROWS[1:]))
    assert score.rows_found == 3 and score.extra_rows == 1
    assert all(r.row == "extra:r1c2" for r in score.failures)
    assert score.total == N_FIELDS + len(ROW_FIELDS)


def test_refused_file_scores_every_field_wrong():
    score = score_report(TRUTH, None, error="el archivo está vacío")
    assert score.right == 0 and score.total == N_FIELDS and score.error


def test_alignment_prefers_the_like_row_among_same_numbers():
    other = replace(ROWS[0], compliance_text="Texto que no se parece en nada.")
    pairs, extra = align(ROWS[:1], (other, ROWS[0]))
    assert pairs == [1] and extra == [0]
