"""`python -m ingest` end to end, in process, with the hash embedder and an embedded Chroma."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.__main__ import main
from ingest.pdfwrite import write_report_pdf
from ingest.records import replace
from ingest.samples import sample_reports
from ingest.text_reader import render_text
from tests import pdf_fixtures


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")


@pytest.fixture
def reports_dir(tmp_path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    samples = sample_reports()
    write_report_pdf(samples[0], folder / samples[0].source)
    (folder / "sub" / "alfabetizacion.txt").write_text(render_text(samples[1]), encoding="utf-8")
    return folder


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def listed(capsys, store) -> list[dict]:
    code, out, _ = run(capsys, "--store", store, "--list", "--json")
    assert code == 0
    return json.loads(out)


def test_ingest_folder_recursively_one_line_per_file(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    code, out, _ = run(capsys, "--store", store, "--no-progress", reports_dir)
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert any("Programa de Encadenamientos Productivos Regionales — 5 compromisos" in l for l in lines)
    assert any("alfabetizacion.txt" in l and "1 Cancelado" in l for l in lines)
    assert sorted(r["source"] for r in listed(capsys, store)) == [
        "alfabetizacion.txt", "informe_egreso_encadenamientos_productivos_regionales.pdf"]


def test_reingest_unchanged_does_nothing_and_changed_replaces(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    run(capsys, "--store", store, "--no-progress", reports_dir)
    code, out, _ = run(capsys, "--store", store, "--no-progress", reports_dir)
    assert code == 0 and out.count("sin cambios") == 2
    text = reports_dir / "sub" / "alfabetizacion.txt"
    report = sample_reports()[1]
    text.write_text(render_text(replace(report, commitments=report.commitments[:2])), encoding="utf-8")
    code, out, _ = run(capsys, "--store", store, "--no-progress", text)
    assert code == 0 and "reemplazado" in out and "2 compromisos" in out
    entry = next(r for r in listed(capsys, store) if r["source"] == "alfabetizacion.txt")
    assert entry["commitments"] == 2 and entry["statuses"] == {"Cumplido": 2}


def test_same_content_under_another_name_is_a_duplicate(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    run(capsys, "--store", store, "--no-progress", reports_dir)
    copy = tmp_path / "copia.txt"
    copy.write_bytes((reports_dir / "sub" / "alfabetizacion.txt").read_bytes())
    code, out, _ = run(capsys, "--store", store, "--no-progress", copy)
    assert code == 0 and "mismo contenido que «alfabetizacion.txt»" in out
    assert len(listed(capsys, store)) == 2


def test_remove(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    run(capsys, "--store", store, "--no-progress", reports_dir)
    code, out, _ = run(capsys, "--store", store, "--remove", "alfabetizacion.txt")
    assert code == 0 and "quitado" in out
    assert [r["source"] for r in listed(capsys, store)] == ["informe_egreso_encadenamientos_productivos_regionales.pdf"]
    code, _, err = run(capsys, "--store", store, "--remove", "alfabetizacion.txt")
    assert code == 1 and "no está en el índice" in err


def bad_files(folder: Path, good: Path) -> dict[str, str]:
    """name -> the words its rejection line must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vacio.pdf").write_bytes(b"")
    (folder / "cortado.pdf").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    write_report_pdf(sample_reports()[2], folder / "cifrado.pdf", encrypt_password="secreto")
    pdf_fixtures.scanned_pdf(folder / "escaneado.pdf")
    pdf_fixtures.unrelated_pdf(folder / "otro.pdf")
    (folder / "imagen.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "notas.txt").write_text("Lista de compras: pan, leche.", encoding="utf-8")
    return {"vacio.pdf": "vacío", "cortado.pdf": "", "cifrado.pdf": "contraseña", "escaneado.pdf": "escaneado",
            "otro.pdf": "", "imagen.pdf": "no es un PDF", "notas.txt": ""}


def test_bad_inputs_are_rejected_one_line_each_and_others_go_through(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    good = reports_dir / "informe_egreso_encadenamientos_productivos_regionales.pdf"
    expected = bad_files(tmp_path / "bad", good)
    code, out, _ = run(capsys, "--store", store, "--no-progress", tmp_path / "bad", good,
                       tmp_path / "bad" / "imagen.pdf", tmp_path / "bad" / "notas.txt")
    assert code == 1
    lines = out.strip().splitlines()
    for name, words in expected.items():
        line = next(l for l in lines if l.startswith(f"✘ {name}:"))
        assert "rechazado" in line and words in line, line
    assert any(l.startswith("✔ informe_egreso_encadenamientos") for l in lines)
    assert [r["source"] for r in listed(capsys, store)] == [good.name]
    from vectorstore.files import SourceFiles

    assert len(SourceFiles(store / "sources").all()) == 1  # only the good file was kept (and its name)
    assert len(list((store / "sources").glob("*"))) == 2


def test_dry_run_json_shape_and_writes_nothing(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    code, out, _ = run(capsys, "--store", store, "--dry-run", "--json", reports_dir / "sub" / "alfabetizacion.txt")
    assert code == 0 and not store.exists()
    data = json.loads(out)
    assert set(data) == {"source", "program", "ministry", "service", "year", "status", "exit_date", "pages",
                         "commitments", "ocr", "ocr_confidence", "warnings"}
    assert data["ocr"] is False and data["ocr_confidence"] is None and isinstance(data["warnings"], list)
    assert isinstance(data["year"], int) and data["exit_date"] == "2017-12-31"
    row = data["commitments"][3]
    assert set(row) == {"recommendation", "commitment", "recommendation_text", "commitment_text", "due",
                        "compliance_text", "observation", "status", "status_date", "verification", "pages",
                        "section", "warnings"}
    assert (row["recommendation"], row["commitment"], row["status"], row["status_date"]) == (2, 2, "Cancelado", "2017-12-31")
    assert isinstance(row["verification"], list) and isinstance(row["pages"], list)


def test_interrupted_ingest_leaves_nothing_visible(capsys, tmp_path, reports_dir, monkeypatch):
    from vectorstore.store import ReportIndex

    store = tmp_path / "store"
    original = ReportIndex.write_report

    def crash(self, header, rows):
        self._add(rows)  # rows written ...
        raise KeyboardInterrupt  # ... and the process dies before the commit

    monkeypatch.setattr(ReportIndex, "write_report", crash)
    with pytest.raises(KeyboardInterrupt):
        main(["--store", str(store), "--no-progress", str(reports_dir / "sub" / "alfabetizacion.txt")])
    capsys.readouterr()
    monkeypatch.setattr(ReportIndex, "write_report", original)
    assert listed(capsys, store) == []
    code, out, _ = run(capsys, "--store", store, "--no-progress", reports_dir)
    assert code == 0 and out.count("agregado") == 2
    from assistant.settings import Settings
    from vectorstore.factory import build_embedder, open_index

    index = open_index(Settings(store=store, embedding_model="fake-hash-64"), build_embedder(Settings(embedding_model="fake-hash-64")))
    assert index.collect_garbage() == 0  # the orphans were collected by the second run
    assert {m["source"] for m in index.rows()} == {"alfabetizacion.txt", "informe_egreso_encadenamientos_productivos_regionales.pdf"}


def test_stamp_mismatch_then_reindex(capsys, tmp_path, reports_dir, monkeypatch):
    store = tmp_path / "store"
    run(capsys, "--store", store, "--no-progress", reports_dir)
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-other-model")
    code, _, err = run(capsys, "--store", store, "--list")
    assert code == 2 and "fake-hash-64" in err and "--reindex" in err
    code, out, _ = run(capsys, "--store", store, "--reindex")
    assert code == 0 and out.count("agregado") == 2
    assert sorted(r["source"] for r in listed(capsys, store)) == [
        "alfabetizacion.txt", "informe_egreso_encadenamientos_productivos_regionales.pdf"]


def test_same_content_or_same_name_twice_in_one_batch(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    text = reports_dir / "sub" / "alfabetizacion.txt"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "copia.txt").write_bytes(text.read_bytes())
    (tmp_path / "b").mkdir()
    other = sample_reports()[2]
    (tmp_path / "b" / "alfabetizacion.txt").write_text(render_text(other), encoding="utf-8")
    code, out, _ = run(capsys, "--store", store, "--no-progress", text, tmp_path / "a" / "copia.txt",
                       tmp_path / "b" / "alfabetizacion.txt")
    lines = out.strip().splitlines()
    assert code == 1
    assert lines[0].startswith("✔ alfabetizacion.txt: agregado")
    assert lines[1] == "= copia.txt: mismo contenido que «alfabetizacion.txt», en esta misma carga"
    assert lines[2].startswith("✘ alfabetizacion.txt: rechazado: otro archivo con el mismo nombre")
    assert [r["commitments"] for r in listed(capsys, store)] == [6]


def test_list_or_remove_on_a_mistyped_store_says_so_and_creates_nothing(capsys, tmp_path):
    store = tmp_path / "mistyped"
    for args in (["--list"], ["--list", "--json"], ["--remove", "x.pdf"]):
        code, out, err = run(capsys, "--store", store, *args)
        assert code == 2 and "no hay un índice" in err and out == "", (args, err)
    assert not store.exists()


def test_a_store_that_is_a_file_is_one_line_and_exit_2(capsys, tmp_path, reports_dir):
    store = tmp_path / "store.txt"
    store.write_text("not a folder")
    for args in (["--list"], ["--no-progress", reports_dir], ["--reindex"]):
        code, out, err = run(capsys, "--store", store, *args)
        assert code == 2 and "es un archivo" in err and "Traceback" not in err, (args, err)
    assert store.read_text() == "not a folder"
