"""The app through its API, with gradio_client, against a real server (``python app.py``)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.helpers import running_app, sample_pdfs, upload

pytestmark = pytest.mark.integration  # a real app.py server

MAX_UPLOAD_MB = 1
WHY_CANCELLED = "¿Por qué se canceló la evaluación de impacto?"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One server for the module, the three sample reports uploaded through the app itself."""
    from gradio_client import Client

    work = tmp_path_factory.mktemp("app")
    with running_app(work / "store", work, max_upload_mb=str(MAX_UPLOAD_MB)) as running:
        client = Client(running.url, verbose=False)
        lines = upload(client, sample_pdfs(work / "samples"))
        assert len(lines) == 3 and all(line.startswith("✔") for line in lines), lines
        yield client


def sources(client) -> list[str]:
    table = client.predict(api_name="/reports")
    column = table["headers"].index("Archivo")
    return [row[column] for row in table["data"]]


def new_report_pdf(folder: Path):
    """A report that is not among the samples (a generated one, with cancelled commitments), as a PDF."""
    from ingest.samples import generate_reports, write_reports

    report = next(r for r in generate_reports(5, seed=11) if r.status_counts().get("Cancelado"))
    write_reports([report], folder, fmt="pdf")
    return report, next(folder.glob("*.pdf"))


def test_ask_takes_the_conversation_history(app):
    first = app.predict(WHY_CANCELLED, api_name="/ask")
    follow = app.predict("¿Cuáles fueron sus medios de verificación?", history=[first], api_name="/ask")
    assert follow["answer"].startswith("Sobre el compromiso 2.2 de Alfabetización Digital Escolar:"), follow["answer"]
    assert follow["focus"]["program"] == "Programa de Alfabetización Digital Escolar"
    assert follow["focus"]["recommendation"] == 2 and follow["focus"]["commitment"] == 2


def test_ask_returns_the_cli_json_and_cites_the_cancelled_commitment(app):
    result = app.predict(WHY_CANCELLED, api_name="/ask")
    assert set(result) == {"question", "answer", "refused", "elapsed_ms", "kind", "grounded", "citations", "focus"}
    assert result["question"] == WHY_CANCELLED and not result["refused"]
    first = result["citations"][0]
    assert first["program"] == "Programa de Alfabetización Digital Escolar"
    assert (first["recommendation"], first["commitment"], first["status"]) == (2, 2, "Cancelado")
    assert first["status_date"] == "2017-12-31"
    assert first["source"] == "informe_egreso_alfabetizacion_digital_escolar.pdf" and first["pages"] == [1]
    assert "no se licitó" in first["passage"] and "[1]" in result["answer"]


def test_ask_passes_the_filters(app):
    everyone = app.predict("¿Qué compromisos no se cumplieron?", api_name="/ask")
    assert len({c["program"] for c in everyone["citations"]}) == 3
    health = app.predict("¿Qué compromisos no se cumplieron?", "Programa de Atención Primaria Rural",
                         api_name="/ask")
    assert health["citations"] and {c["program"] for c in health["citations"]} == {"Programa de Atención Primaria Rural"}
    in_2012 = app.predict("¿Qué compromisos no se cumplieron?", "", "", "", "2012", api_name="/ask")
    assert {c["year"] for c in in_2012["citations"]} == {2012}


def test_a_question_the_reports_do_not_answer_is_refused_without_citations(app):
    result = app.predict("¿Cuál es la capital de Francia?", api_name="/ask")
    assert result["refused"] is True and result["citations"] == []


def test_the_index_table_lists_the_reports_with_their_counts(app):
    table = app.predict(api_name="/reports")
    rows = {row[table["headers"].index("Archivo")]: dict(zip(table["headers"], row)) for row in table["data"]}
    rural = rows["informe_egreso_atencion_primaria_rural.pdf"]
    assert rural["Programa"] == "Programa de Atención Primaria Rural"
    assert (rural["Ministerio"], rural["Año"], rural["Calificación"]) == ("MINISTERIO DE SALUD", 2016, "Egresado")
    assert (rural["Compromisos"], rural["Cumplidos"], rural["Parcialmente cumplidos"], rural["No cumplidos"],
            rural["Cancelados"]) == (6, 3, 1, 1, 1)


def test_upload_gives_one_line_per_file_and_a_bad_file_does_not_stop_the_others(app, tmp_path):
    report, good = new_report_pdf(tmp_path / "good")
    broken = tmp_path / "roto.pdf"
    broken.write_bytes(b"esto no es un PDF")
    big = tmp_path / "grande.txt"
    big.write_bytes(b"x" * int(1.5 * 1024 * 1024))
    twin = tmp_path / "copia del informe.pdf"
    twin.write_bytes((sample_pdfs(tmp_path / "samples")[0]).read_bytes())
    before = sources(app)

    lines = upload(app, [broken, good, big, twin])

    assert len(lines) == 4
    assert lines[0].startswith("✘ roto.pdf: rechazado") and "no es un PDF" in lines[0]
    assert lines[1].startswith(f"✔ {good.name}: agregado")
    assert lines[2].startswith("✘ grande.txt: rechazado") and "límite es 1,0 MB" in lines[2]
    assert lines[3].startswith("= copia del informe.pdf") and "mismo contenido" in lines[3]
    after = sources(app)
    assert sorted(after) == sorted(before + [good.name])  # only the good one was indexed
    result = app.predict("¿Qué compromisos fueron cancelados?", report.program, api_name="/ask")  # usable at once
    assert len(result["citations"]) == report.status_counts()["Cancelado"]
    assert {c["source"] for c in result["citations"]} == {good.name}


def test_removal_takes_a_report_out_of_the_index_and_the_answers(app):
    name = "informe_egreso_encadenamientos_productivos_regionales.pdf"
    assert name in sources(app)
    # issue 8: /remove requires the confirmation token the UI requires too (it used to remove at once)
    refused = app.predict(name, "", api_name="/remove")
    assert refused.startswith("✘") and "confirmación" in refused and name in sources(app)
    request = app.predict(name, api_name="/ask_removal")
    assert name in request["confirm"] and request["token"]
    assert app.predict("otro.pdf", request["token"], api_name="/remove").startswith("✘")  # bound to its report
    request = app.predict(name, api_name="/ask_removal")
    message = app.predict(name, request["token"], api_name="/remove")
    assert message.startswith("✔") and "quitado" in message
    assert app.predict(name, request["token"], api_name="/remove").startswith("✘")  # single use
    assert "informe_egreso_encadenamientos_productivos_regionales.pdf" not in sources(app)
    result = app.predict("¿Qué compromisos no se cumplieron?", api_name="/ask")
    assert "Programa de Encadenamientos Productivos Regionales" not in {c["program"] for c in result["citations"]}
    again = app.predict(name, api_name="/ask_removal")
    assert again["token"] == "" and "no está" in again["confirm"]


def test_the_chat_handlers_are_not_public_endpoints(app):
    endpoints = app.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(endpoints) == {"/ask", "/upload", "/reports", "/ask_removal", "/remove"}


def test_questions_are_answered_while_an_upload_is_being_indexed(app, tmp_path):
    from gradio_client import handle_file
    from gradio_client.utils import Status
    from ingest.samples import generate_reports, write_reports

    files = write_reports(generate_reports(40, seed=23), tmp_path, fmt="txt")
    job = app.submit([handle_file(str(p)) for p in files], api_name="/upload")
    deadline = time.monotonic() + 20
    while job.status().code != Status.PROCESSING and not job.done() and time.monotonic() < deadline:
        time.sleep(0.02)
    answered = []
    while not job.done() and len(answered) < 3:
        result = app.predict(WHY_CANCELLED, api_name="/ask")
        answered.append((result["citations"][0]["commitment"], job.done()))
    lines = job.result(timeout=120).splitlines()
    assert len(lines) == 40 and all(line.startswith("✔") for line in lines)
    assert answered and all(not upload_done for _, upload_done in answered), answered  # answered mid-upload


def test_a_question_over_the_length_limit_is_refused_by_the_api(app):
    result = app.predict("¿" + "a" * 4500 + "?", api_name="/ask")  # issue 8, defect 3
    assert result["refused"] is True and result["kind"] == "too_long" and result["citations"] == []
    assert result["answer"].startswith("La pregunta es demasiado larga (4502 caracteres; el máximo es 4000)")
    start = time.monotonic()
    english = app.predict("Why was the " + "impact evaluation " * 300 + "cancelled?", api_name="/ask")
    assert english["answer"].startswith("The question is too long (5422 characters; the maximum is 4000)")
    assert time.monotonic() - start < 5
