"""The stored row record: to_chroma -> from_chroma gives the record back, and the encoding is
Chroma's scalar-only one (issue 9)."""
from __future__ import annotations

import pytest

from ingest.chunking import chunk_report
from ingest.records import Commitment
from ingest.rows import StoredRow
from tests.builders import report, row

COMMON = dict(source="riego.pdf", sha256="a" * 64, program="Programa de Riego Campesino", program_short="Riego Campesino",
              ministry="MINISTERIO DE AGRICULTURA", service="CNR", report_status="Egresado")


def commitment(**kw) -> Commitment:
    base = dict(recommendation=1, commitment=2, recommendation_text="Revisar la matriz.",
                commitment_text="Licitar la evaluación.", due="Diciembre 2014", compliance_text="No se licitó.",
                observation="", status="Cancelado", status_date="2014-12-31")
    return Commitment(**(base | kw))


CASES = {
    "plain": StoredRow("commitment", "x:000:r1c2", "Riego · Rec. 1 · Comp. 2 · p. 3", **COMMON, year=2014,
                       exit_date="2015-12-31", record=commitment(pages=(3,))),
    "no numbers, no dates, no year": StoredRow("commitment", "x:001:rNonecNone", "Riego", **COMMON,
                                               record=commitment(recommendation=None, commitment=None,
                                                                 status_date=None, due="")),
    "multi-page with boxes and verification": StoredRow(
        "commitment", "x:002:r2c1", "Riego · pp. 3-5", **COMMON, row_index=2, parts=3,
        record=commitment(pages=(3, 4, 5), verification=("Oficio N° 458", "Acta; anexo, «firmada»"),
                          boxes=((3, 10.5, 20.0, 300.25, 40.0), (4, 10.0, 0.0, 300.0, 12.5)))),
    "unicode and warnings": StoredRow(
        "commitment", "x:003:r3c3", "Ñandú · Rec. 3", **(COMMON | {"program": "Programa Ñandú «Año»", "service": ""}),
        record=commitment(commitment_text="Diseñar — “indicadores” ≥ 3 ✓", section="I. DISEÑO",
                          warnings=("sin fecha de calificación", "texto de cumplimiento vacío"))),
    "empty texts": StoredRow("commitment", "x:004:r4c1", "", **COMMON,
                             record=Commitment(4, 1, "", "", "", "", "", "", None)),
    "header": StoredRow("header", "x:header", "Riego · Encabezado · p. 1", **COMMON, year=2014,
                        exit_date="2015-12-31", pages_total=7, commitments=3,
                        status_counts=(("Cumplido", 2), ("Cancelado", 1)),
                        warnings=("sin año de evaluación",), rows_flagged=1),
    "empty header": StoredRow("header", "y:header", "", **COMMON),
}


@pytest.mark.parametrize("name", CASES)
def test_round_trip(name):
    record = CASES[name]
    meta = record.to_chroma()
    assert all(isinstance(v, (str, int, float, bool)) for v in meta.values()), meta  # Chroma takes scalars only
    back = StoredRow.from_chroma(meta)
    assert back == record
    if record.record is not None:
        assert back.record.boxes == record.record.boxes  # not part of Commitment's equality


def test_the_encoding_is_the_one_stores_hold():
    meta = CASES["no numbers, no dates, no year"].to_chroma()
    assert (meta["recommendation"], meta["commitment"], meta["status_date"], meta["exit_date"]) == (-1, -1, "", "")
    assert "year" not in meta
    multi = CASES["multi-page with boxes and verification"]
    assert multi.to_chroma()["pages"] == "3,4,5" and "record" in multi.to_chroma(0)
    later = multi.to_chroma(1)
    assert "record" not in later and later["part"] == 1
    partial = StoredRow.from_chroma(later).record  # a later part: only what its scalar fields say
    assert (partial.pages, partial.verification, partial.status) == ((3, 4, 5), multi.record.verification, "Cancelado")


def test_chunks_carry_their_record():
    rep = report(rows=(row(1, 1), row(1, 2, "Cancelado"), row(2, 1, pages=(3, 4))))
    header, rows = chunk_report(rep, max_tokens=256, count=lambda s: len(s.split()) + 2)
    assert StoredRow.from_chroma(header.metadata) == header.row
    assert [StoredRow.from_chroma(c.metadata).record for c in rows] == list(rep.commitments)
