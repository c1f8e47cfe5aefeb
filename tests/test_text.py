"""The shared text helpers (ingest/text.py), table-driven: dates, page labels, numbered items,
bullets. Each is written once and used by the readers, the index text and the answers."""
from __future__ import annotations

import pytest

from ingest.text import BULLET, NUMBERED, dmy, numbered_item, pages_label, strip_bullet


@pytest.mark.parametrize(("iso", "empty", "expected"), [
    ("2011-12-31", "", "31-12-2011"),
    ("2009-01-05", "sin fecha", "05-01-2009"),
    (None, "", ""),
    ("", "", ""),
    (None, "sin fecha", "sin fecha"),  # the index text's wording for a missing date
    ("Diciembre 2009", "", "Diciembre 2009"),  # not an ISO date: shown as it is
    ("2011-12-31T10:00", "", "2011-12-31T10:00"),
])
def test_dmy(iso, empty, expected):
    assert dmy(iso, empty) == expected


@pytest.mark.parametrize(("pages", "label"), [
    ((), ""),
    ((3,), "p. 3"),
    ((3, 3), "p. 3"),
    ((3, 4), "pp. 3-4"),
    ((4, 3), "pp. 3-4"),
    ((3, 4, 5), "pp. 3-5"),
    ((3, 5), "pp. 3, 5"),
    ((3, 4, 5, 7), "pp. 3-5, 7"),
    ([2, 9, 10], "pp. 2, 9-10"),
])
def test_pages_label(pages, label):
    assert pages_label(pages) == label


@pytest.mark.parametrize(("text", "item"), [
    ("1. Analizar el diseño", (1, "Analizar el diseño")),
    ("  2) Elaborar la matriz", (2, "Elaborar la matriz")),
    ("3 - Definir indicadores", (3, "Definir indicadores")),
    ("12.Incorporar", (12, "Incorporar")),
    ("1.2 Elaborar", None),  # a dotted number is no item number
    ("31-12-2009 Informe", None),  # nor is a date
    ("123. Oficio", None),  # three digits: a document number
    ("1.", None),  # a number with nothing after it
    ("Elaborar 1. informe", None),
    ("", None),
])
def test_numbered_item(text, item):
    assert numbered_item(text) == item


@pytest.mark.parametrize(("text", "numbered"), [
    ("1.", True),  # a word of the text layout may be the number alone
    ("2)", True),
    ("1.2", False),
    ("31-12-2009", False),
    ("Oficio", False),
])
def test_numbered_mark(text, numbered):
    assert bool(NUMBERED.match(text)) == numbered


@pytest.mark.parametrize(("text", "bullet", "stripped"), [
    ("- Oficio N° 12", True, "Oficio N° 12"),
    ("– Informe final", True, "Informe final"),
    ("• Acta de reunión", True, "Acta de reunión"),
    ("  · Minuta", True, "Minuta"),
    ("* Resolución", True, "Resolución"),
    ("▪ Planilla", True, "Planilla"),
    ("◦ Anexo", True, "Anexo"),
    ("(cid:127) Informe", True, "Informe"),  # a glyph the PDF gives no text for
    ("-5% de cobertura", False, "-5% de cobertura"),  # no space after the dash: no bullet
    ("Informe - anexo", False, "Informe - anexo"),
    ("- ", False, "- "),  # a bullet with nothing after it
    ("2) Oficio", False, "Oficio"),  # an item number is stripped like a bullet
])
def test_bullet(text, bullet, stripped):
    assert bool(BULLET.match(text)) == bullet
    assert strip_bullet(text) == stripped
