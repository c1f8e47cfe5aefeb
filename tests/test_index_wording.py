"""Issue 11, item 4 (wording outside the chat): scope phrases, the reports a refusal searched in the
question's language, one megabytes form."""
from __future__ import annotations

import pytest

from assistant.prompts import Prompts
from assistant.structured import reports_searched, scope
from assistant.types import Filters
from ingest.pipeline import MB, megabytes
from tests.builders import filled_assistant, report, row


@pytest.mark.parametrize("program, language, expected", [
    ("Programa de Atención Primaria Rural", "es", " del Programa de Atención Primaria Rural"),
    ("Becas Chile", "es", " del programa Becas Chile"),
    ("Programa de Atención Primaria Rural", "en", " in “Programa de Atención Primaria Rural”"),
    ("Becas Chile", "en", " in the program “Becas Chile”"),
])
def test_a_program_named_programa_is_not_called_el_programa_programa(program, language, expected):
    assert scope(Filters(program=program), language, Prompts()) == expected


@pytest.mark.parametrize("size, text", [
    (MB, "1 MB"), (25 * MB, "25 MB"), (48 * MB, "48 MB"), (MB // 2, "0,5 MB"), (int(1.25 * MB), "1,2 MB"),
    (int(10.4 * MB), "10 MB"), (0, "0 MB"),
])
def test_one_megabytes_form_for_the_cli_and_the_app(size, text):
    assert megabytes(size) == text


def test_the_app_upload_uses_the_same_megabytes_helper():
    from assistant.ui import upload

    assert upload.megabytes is megabytes


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wording")
    rural = report("Programa de Atención Primaria Rural", sha="b" * 64, source="rural.pdf",
                   rows=(row(1, 1), row(1, 2, "Cancelado")), ministry="MINISTERIO DE SALUD", year=2016)
    return filled_assistant(folder, [report(), rural])


def test_reports_searched_follows_the_language(two_reports):
    catalog = two_reports.snapshot.catalog
    assert reports_searched(catalog, "es", Prompts()) == "2 informes: Atención Primaria Rural, Riego Campesino"
    assert reports_searched(catalog, "en", Prompts()) == "2 reports: Atención Primaria Rural, Riego Campesino"


def test_an_english_refusal_names_reports_not_informes(two_reports):
    answer = two_reports.ask("What is the capital of France?")
    assert answer.refused and "(2 reports: " in answer.answer and "informes" not in answer.answer
    spanish = two_reports.ask("¿Cuál es la capital de Francia?")
    assert spanish.refused and "(2 informes: " in spanish.answer


def test_a_list_answer_says_del_programa_once(two_reports):
    answer = two_reports.ask("¿Qué compromisos fueron cancelados?",
                             filters=Filters(program="Programa de Atención Primaria Rural"))
    assert "del Programa de Atención Primaria Rural" in answer.answer
    assert "programa Programa" not in answer.answer
