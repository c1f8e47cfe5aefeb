"""The CLIs as staff use them (issue 11, item 8, and the CLI parts of items 3 and 4): help for
every flag, status and program values in their usual forms, usage errors with the choices, a
blank question, ``| head``, load time apart from answer time, English labels, Spanish reasons
for operating-system errors. Hash embedder (no torch); the store holds the sample reports plus
a «No egresado» one, and the expected rows are counted from those generated records."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli_values import match_program, parse_status
from assistant.understanding import topic_terms
from ingest.errors import os_reason
from ingest.records import STATUSES
from ingest.samples import sample_reports
from tests.test_reliability_answer import fill, not_egresado

PROJECT = Path(__file__).resolve().parents[1]
ALF = "Programa de Alfabetización Digital Escolar"
APR = "Programa de Atención Primaria Rural"
REDES = "Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro Rubro"
PROGRAMS = [ALF, APR, "Programa de Encadenamientos Productivos Regionales", "Programa de Riego Campesino", REDES]
REPORTS = [*sample_reports(), not_egresado()]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    fill(folder, REPORTS)
    return str(folder / "store")


@pytest.fixture
def store(store_dir, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    return store_dir


def ask(argv, capsys):
    from assistant.__main__ import main

    try:
        code = main(["ask", *argv])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def rows_with(status: str) -> int:
    return sum(c.status == status for r in REPORTS for c in r.commitments)


# ------------------------------------------------------------------------ status values
@pytest.mark.parametrize("value, status", [
    ("Cancelado", "Cancelado"), ("cancelado", "Cancelado"), ("cancelados", "Cancelado"),
    ("Cancelados", "Cancelado"), ("CANCELADAS", "Cancelado"), ("cancelled", "Cancelado"), ("canceled", "Cancelado"),
    ("cumplido", "Cumplido"), ("cumplidos", "Cumplido"), ("Cumplidas", "Cumplido"), ("met", "Cumplido"),
    ("fulfilled", "Cumplido"), ("completed", "Cumplido"),
    ("no cumplido", "No cumplido"), ("no cumplidos", "No cumplido"), ("No Cumplidos", "No cumplido"),
    ("incumplidos", "No cumplido"), ("not met", "No cumplido"), ("unfulfilled", "No cumplido"),
    ("not fulfilled", "No cumplido"),
    ("parcial", "Parcialmente cumplido"), ("parciales", "Parcialmente cumplido"),
    ("parcialmente", "Parcialmente cumplido"), ("parcialmente cumplidos", "Parcialmente cumplido"),
    ("Parcialmente cumplido", "Parcialmente cumplido"), ("partially met", "Parcialmente cumplido"),
    ("partially fulfilled", "Parcialmente cumplido"), ("partial", "Parcialmente cumplido"),
    ("  cancelados  ", "Cancelado"), ("cancel", "Cancelado"),
])
def test_status_forms_are_normalised(value, status):
    assert parse_status(value) == status


@pytest.mark.parametrize("value", [
    "", "  ", "foo", "egresado", "n", "no", "no cancelados", "not cancelled", "cumplidos y cancelados",
    "cumplido parcial cancelado no", "pendiente",
])
def test_other_status_values_are_rejected_with_the_choices(value):
    with pytest.raises(ValueError) as exc:
        parse_status(value)
    assert all(f"«{s}»" in str(exc.value) for s in STATUSES)


# ----------------------------------------------------------------------- program values
@pytest.mark.parametrize("value, program", [
    (ALF, ALF), ("Alfabetización Digital Escolar", ALF), ("alfabetizacion digital escolar", ALF),
    ("ALFABETIZACIÓN", ALF), ("Alfab", ALF), ("programa de alfab", ALF), ("  Atención Primaria Rural ", APR),
    ("atencion", APR), ("Redes Pro Rubro", REDES), ("redes pro", REDES), (REDES, REDES),
    ("microemprendimiento", REDES), ("Riego", "Programa de Riego Campesino"),
])
def test_program_full_short_and_unique_prefix(value, program):
    assert match_program(value, PROGRAMS) == program


@pytest.mark.parametrize("value, said, listed", [
    ("Programa de", "ambiguo", ["Alfabetización Digital Escolar", "Atención Primaria Rural", "Riego Campesino"]),
    ("", "indique un programa", ["Alfabetización Digital Escolar", "Redes Pro Rubro"]),
    ("Becas Lunares", "no encontrado", []),
    ("Redes Pro Rubros", "no encontrado", ["Redes Pro Rubro"]),
    ("Alfabetizasion Digital", "no encontrado", ["Alfabetización Digital Escolar"]),
])
def test_ambiguous_or_unknown_program_lists_the_closest(value, said, listed):
    with pytest.raises(ValueError) as exc:
        match_program(value, PROGRAMS)
    assert said in str(exc.value) and all(f"«{name}»" in str(exc.value) for name in listed)


# ------------------------------------------------------- "¿Por qué se canceló?" and kin
@pytest.mark.parametrize("question, topic", [
    ("¿Por qué se canceló?", []), ("¿Por qué no se cumplió?", []), ("¿Por qué se canceló el programa?", []),
    ("¿Cuál fue el motivo de la cancelación?", []), ("Why was it cancelled?", []), ("Why was it not met?", []),
    ("¿Por qué se cumplió parcialmente el compromiso?", []),
    ("¿Por qué se canceló la evaluación de impacto?", ["evalu", "impact"]),
    ("Why was the survey not applied?", ["survey", "appl"]),
])
def test_topic_terms_leave_out_reason_status_and_generic_words(question, topic):
    assert topic_terms(question) == topic


@pytest.mark.parametrize("program, question, status", [
    (ALF, "¿Por qué se canceló?", "Cancelado"),
    ("Alfabetización Digital Escolar", "¿Cuál fue el motivo de la cancelación?", "Cancelado"),
    (APR, "¿Por qué se canceló?", "Cancelado"),
    (APR, "¿Por qué no se cumplió?", "No cumplido"),
    (APR, "¿Por qué se cumplió parcialmente?", "Parcialmente cumplido"),
    (ALF, "Why was it cancelled?", "Cancelado"),
    (APR, "Why was it not met?", "No cumplido"),
])
def test_a_reason_question_with_only_a_status_cites_that_commitment(store, capsys, program, question, status):
    code, out, err = ask(["--store", store, "--json", "--program", program, question], capsys)
    data = json.loads(out)
    assert code == 0 and data["kind"] == "search" and not data["refused"], err
    first = data["citations"][0]
    assert first["recommendation"] is not None and first["status"] == status
    assert first["program"] in (ALF, APR) and program.endswith(first["program"].removeprefix("Programa de "))


# ------------------------------------------------------------------------- CLI behaviour
def test_help_documents_every_flag_and_the_status_choices(capsys):
    code, out, _ = ask(["--help"], capsys)
    assert code == 0
    for flag in ("--status", "--k", "--program", "--ministry", "--service", "--year", "--batch", "--store", "--json"):
        line = next(l for l in out.splitlines() if l.strip().startswith(flag))
        assert len(line.split(flag, 1)[1].split()) > 1 or flag in ("--ministry", "--status"), line
    flat = " ".join(out.split())
    assert all(f"«{s}»" in flat for s in STATUSES) and "Redes Pro Rubro" in flat and "load_ms" in flat


def test_status_cancelados_lists_the_cancelled_commitments(store, capsys):
    code, out, err = ask(["--store", store, "--json", "--status", "cancelados", "¿Qué compromisos hay?"], capsys)
    data = json.loads(out)
    assert code == 0 and not data["refused"], err
    assert [c["status"] for c in data["citations"]] == ["Cancelado"] * rows_with("Cancelado") == ["Cancelado"] * 4


def test_an_unknown_status_is_a_usage_error_with_the_choices(store, capsys):
    code, out, err = ask(["--store", store, "--status", "anulados", "¿Qué compromisos hay?"], capsys)
    assert code == 2 and out == "" and err.startswith("usage: ")
    assert "error: argument --status: calificación no reconocida «anulados»" in err
    assert all(f"«{s}»" in err for s in STATUSES)


@pytest.mark.parametrize("value", ["Atención Primaria Rural", "atencion primaria", "ATENCIÓN"])
def test_program_short_name_or_prefix_filters(store, capsys, value):
    code, out, err = ask(["--store", store, "--json", "--program", value, "¿Qué compromisos hay?"], capsys)
    data = json.loads(out)
    assert code == 0 and not data["refused"], err
    assert {c["program"] for c in data["citations"]} == {APR}
    assert len(data["citations"]) == sum(len(r.commitments) for r in REPORTS if r.program == APR)


@pytest.mark.parametrize("value, said", [("Programa de", "es ambiguo; puede ser: «"),
                                         ("Redes Pro Rubro", "programa no encontrado «Redes Pro Rubro»; los más parecidos: «")])
def test_an_ambiguous_or_unknown_program_is_a_usage_error(store, capsys, value, said):
    code, out, err = ask(["--store", store, "--program", value, "¿Qué compromisos hay?"], capsys)
    assert code == 2 and out == "" and err.startswith("usage: ") and "error: --program: " in err and said in err


@pytest.mark.parametrize("question", ["", "   ", "\t\n"])
def test_a_blank_question_is_a_usage_error(store, capsys, question):
    code, out, err = ask(["--store", store, question], capsys)
    assert code == 2 and out == "" and err.startswith("usage: ") and "error: la pregunta está vacía" in err


def test_a_mistyped_store_is_said_so_with_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    code, out, err = ask(["--store", str(tmp_path / "dta"), "¿Qué compromisos quedaron cancelados?"], capsys)
    assert code == 2 and out == "" and "no hay un índice" in err and not (tmp_path / "dta").exists()


def test_load_time_is_reported_apart_from_the_answer_time(store, capsys, monkeypatch):
    import assistant.factory as factory

    real = factory.build_assistant

    def slow_model(settings, **kw):  # the model's load happens in warm_up, as the real embedder's does
        built = real(settings, **kw)
        built.embedder.warm_up = lambda: time.sleep(0.6)
        return built

    monkeypatch.setattr(factory, "build_assistant", slow_model)
    batch = Path(store).parent / "two.txt"
    batch.write_text("¿Qué compromisos quedaron cancelados?\n¿Por qué se canceló la evaluación de impacto?\n")
    code, out, err = ask(["--store", store, "--json", "--batch", str(batch)], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 2, err
    assert all(line["load_ms"] >= 600 and line["elapsed_ms"] < 600 for line in lines), lines


def test_english_questions_get_english_citation_labels(store, capsys):
    code, out, err = ask(["--store", store, "--program", "Alfabetización", "Why was it cancelled?"], capsys)
    citation = out.splitlines()[-1]
    assert code == 0 and "Verification means: " in citation and "Medios de verificación" not in citation, out
    assert "· Cancelled (31-12-2017) ·" in citation and "Cancelado" not in citation


# --------------------------------------------------------------------------- pipes
def env_for(store: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBEDDING_MODEL="fake-hash-64", PYTHONPATH=str(PROJECT))
    if store:
        env["ASSISTANT_STORE"] = store
    return env


@pytest.mark.slow
def test_ask_into_head_ends_quietly(store, tmp_path):
    batch = tmp_path / "many.txt"
    batch.write_text("¿Qué compromisos quedaron cancelados?\n" * 300, encoding="utf-8")
    command = f"{sys.executable} -m assistant ask --json --batch {batch} | head -n 1"
    done = subprocess.run(["bash", "-c", command], cwd=PROJECT, env=env_for(store), capture_output=True,
                          text=True, timeout=120)
    assert len(done.stdout.splitlines()) == 1 and json.loads(done.stdout)["citations"]
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["assistant", "ask", "¿Qué compromisos quedaron cancelados?"], ["ingest", "--list"]])
def test_a_reader_that_closes_the_pipe_gets_no_traceback(store, argv):
    proc = subprocess.Popen([sys.executable, "-m", *argv], cwd=PROJECT, env=env_for(store),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # before the first line is written: every write meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and "Traceback" not in err and "BrokenPipe" not in err, err


# ------------------------------------------------------------------ OS errors in Spanish
@pytest.mark.parametrize("code, reason", [
    (errno.ENOENT, "el archivo no existe"), (errno.EACCES, "sin permiso de lectura"),
    (errno.EISDIR, "es una carpeta, no un archivo"), (errno.EIO, "error de lectura del disco"),
    (errno.EXDEV, "error del sistema al leer el archivo"), (None, "error del sistema al leer el archivo"),
])
def test_os_errors_have_spanish_reasons(code, reason):
    assert os_reason(OSError(code, "No such file or directory")) == reason


def test_ingest_and_upload_lines_say_why_in_spanish(store, tmp_path):
    from assistant.factory import build_assistant
    from assistant.settings import Settings
    from assistant.ui.upload import LazyFiles, precheck

    ingestor = build_assistant(Settings(store=Path(store), embedding_model="fake-hash-64"), create=False).ingestor()
    missing = tmp_path / "no-existe.pdf"
    assert ingestor.prepare("no-existe.pdf", missing).line().endswith("no se pudo leer: el archivo no existe")
    assert "es una carpeta, no un archivo" in ingestor.prepare("carpeta.pdf", tmp_path).line()
    assert precheck(missing, "no-existe.pdf", 10**6).message == "no se pudo leer: el archivo no existe"
    files = LazyFiles([("no-existe.pdf", missing)], 10**6)
    assert files[0] == ("no-existe.pdf", b"") and files.errors[0] == "no se pudo leer: el archivo no existe"
