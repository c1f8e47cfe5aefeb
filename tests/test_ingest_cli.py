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


# ------------------------------------------------- doubtful readings (issue 7, part 4)


def doubtful_report():
    """A sample whose first row with verification means lost them to the head of the next row's
    compliance text: the borderless-table misreading. Returns (report, the row that lost them, the row
    that got them)."""
    good = sample_reports()[0]
    rows = list(good.commitments)
    i = next(i for i, row in enumerate(rows[:-1]) if row.verification)
    rows[i + 1] = replace(rows[i + 1], compliance_text=" ".join([*rows[i].verification, rows[i + 1].compliance_text]))
    rows[i] = replace(rows[i], verification=())
    return replace(good, commitments=tuple(rows), source="dudoso.txt"), rows[i], rows[i + 1]


@pytest.fixture
def doubtful_file(tmp_path):
    report, lost, got = doubtful_report()
    path = tmp_path / "dudoso" / "dudoso.txt"
    path.parent.mkdir()
    path.write_text(render_text(report), encoding="utf-8")
    return path, lost, got, len(report.commitments)


REASON = "el cumplimiento empieza con una lista de documentos"
LOST = "sin «Medios de Verificación»: la lista parece haber quedado en la fila siguiente"


def name(row) -> str:
    return f"Rec. {row.recommendation} Comp. {row.commitment}"


def test_a_doubtful_row_is_indexed_but_named_in_the_ingest_line(capsys, tmp_path, doubtful_file):
    path, lost, got, total = doubtful_file
    store = tmp_path / "store"
    code, out, _ = run(capsys, "--store", store, "--no-progress", path)
    assert code == 0
    assert out.startswith("✔ dudoso.txt: agregado:")
    assert f"— 2 de {total} filas requieren revisión: {name(lost)} ({LOST}); {name(got)} ({REASON})\n" in out
    (entry,) = listed(capsys, store)
    assert (entry["rows_flagged"], entry["warnings"]) == (2, [])
    code, out, _ = run(capsys, "--store", store, "--list")
    assert "2 por revisar" in out


def test_ingest_json_and_list_of_good_reports_have_no_warnings(capsys, tmp_path, reports_dir):
    store = tmp_path / "store"
    code, out, _ = run(capsys, "--store", store, "--no-progress", "--json", reports_dir)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [(r["rows_flagged"], r["warnings"]) for r in results] == [(0, []), (0, [])]
    assert all("revisión" not in r["message"] for r in results)
    assert [(e["rows_flagged"], e["warnings"]) for e in listed(capsys, store)] == [(0, []), (0, [])]


def test_dry_run_gives_warnings_per_row_and_names_the_row(capsys, tmp_path, doubtful_file):
    path, lost, got, _ = doubtful_file
    code, out, _ = run(capsys, "--dry-run", "--json", path)
    data = json.loads(out)
    assert code == 0 and data["warnings"] == []
    flagged = [(c["recommendation"], c["commitment"], c["warnings"]) for c in data["commitments"] if c["warnings"]]
    assert flagged == [(lost.recommendation, lost.commitment, [LOST]), (got.recommendation, got.commitment, [REASON])]
    code, out, _ = run(capsys, "--dry-run", path)
    assert f"2 de 5 filas requieren revisión: {name(lost)} ({LOST}); {name(got)} ({REASON})" in out


def test_a_flagged_row_reaches_the_citation_json_and_the_card(capsys, tmp_path, doubtful_file):
    from assistant.catalog import Catalog
    from assistant.settings import load_settings
    from assistant.types import Citation
    from assistant.ui import cards, reports_view
    from assistant.stores import build_embedder, open_index

    path, lost, got, _ = doubtful_file
    store = tmp_path / "store"
    run(capsys, "--store", store, "--no-progress", path)
    settings = load_settings(store=store)
    catalog = Catalog.load(open_index(settings, build_embedder(settings)))
    (info,) = catalog.reports.values()
    assert info.rows_flagged == 2 and reports_view.table_rows([info])[0][reports_view.COLUMNS.index("Revisar")] == "2"
    rows = sorted(catalog.rows.values(), key=lambda r: r.stored.row_index)
    flagged = [r for r in rows if r.warnings]
    assert [(r.num("recommendation"), r.num("commitment")) for r in flagged] == [
        (lost.recommendation, lost.commitment), (got.recommendation, got.commitment)]
    citation = Citation(1, flagged[1])
    assert citation.to_json()["warnings"] == [REASON]
    assert f"lectura dudosa: {REASON}" in cards.card(citation, "0:1")
    assert "lectura dudosa" in cards.passage_panel(citation)
    clean = next(r for r in rows if not r.warnings)
    assert Citation(2, clean).to_json()["warnings"] == [] and "lectura dudosa" not in cards.card(Citation(2, clean), "0:2")
    assert Citation(3, info.header).to_json()["warnings"] == []


DRY_RUN_SCRIPT = """
import sys
from ingest.__main__ import main
code = main(["--dry-run", "--json", *sys.argv[1:]])
heavy = sorted(m for m in ("chromadb", "torch", "sentence_transformers", "transformers", "vectorstore.store")
               if m in sys.modules)
print("HEAVY", heavy, file=sys.stderr)
sys.exit(code or (3 if heavy else 0))
"""


def test_dry_run_imports_neither_chroma_nor_the_model(tmp_path, doubtful_file, reports_dir):
    import os
    import subprocess
    import sys
    import time

    path = doubtful_file[0]
    pdf = next(reports_dir.glob("*.pdf"))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", DRY_RUN_SCRIPT, str(path), str(pdf)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[1], env=os.environ | {"PYTHONPATH": "."})
    elapsed = time.perf_counter() - start
    assert "HEAVY []" in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0 and done.stdout.count('"commitments"') == 2
    assert elapsed < 10  # about 0.6 s here; a generous bound for a loaded CI machine


@pytest.mark.parametrize("rows_flagged, warnings, cell", [(0, (), "—"), (3, (), "3"), (0, ("sin año",), "!"),
                                                          (2, ("sin año",), "2!")])
def test_the_review_column_of_the_index_table(rows_flagged, warnings, cell):
    from assistant.catalog import report_info
    from assistant.ui import reports_view
    from ingest.chunking import header_chunk
    from ingest.validation import validate_report

    report = validate_report(sample_reports()[0])
    rows = tuple(replace(row, warnings=("x",)) if i < rows_flagged else row for i, row in enumerate(report.commitments))
    chunk = header_chunk(replace(report, commitments=rows, warnings=warnings))
    info = report_info(chunk.row, chunk.text)
    assert (info.rows_flagged, info.warnings) == (rows_flagged, warnings)
    assert reports_view.table_rows([info])[0][reports_view.COLUMNS.index("Revisar")] == cell
    assert len(reports_view.COLUMNS) == len(reports_view.WIDTHS) == len(reports_view.table_rows([info])[0])


def test_interrupted_ingest_leaves_nothing_visible(capsys, tmp_path, reports_dir, monkeypatch):
    from vectorstore.store import ReportIndex

    store = tmp_path / "store"
    original = ReportIndex.write_reports

    def crash(self, reports):
        self._add([row for _, rows in reports for row in rows])  # rows written ...
        raise KeyboardInterrupt  # ... and the process dies before the commit

    monkeypatch.setattr(ReportIndex, "write_reports", crash)
    with pytest.raises(KeyboardInterrupt):
        main(["--store", str(store), "--no-progress", str(reports_dir / "sub" / "alfabetizacion.txt")])
    capsys.readouterr()
    monkeypatch.setattr(ReportIndex, "write_reports", original)
    assert listed(capsys, store) == []
    code, out, _ = run(capsys, "--store", store, "--no-progress", reports_dir)
    assert code == 0 and out.count("agregado") == 2
    from assistant.settings import Settings
    from assistant.stores import build_embedder, open_index

    index = open_index(Settings(store=store, embedding_model="fake-hash-64"), build_embedder(Settings(embedding_model="fake-hash-64")))
    assert index.collect_garbage() == 0  # the orphans were collected by the second run
    assert {m.source for m in index.rows()} == {"alfabetizacion.txt", "informe_egreso_encadenamientos_productivos_regionales.pdf"}


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


def test_timings_give_each_stage_on_stderr(capsys, tmp_path, reports_dir):
    """``--timings``: one JSON line on stderr (the benchmark reads it), the usual lines on stdout."""
    code, out, err = run(capsys, "--store", tmp_path / "store", "--no-progress", "--timings", reports_dir)
    assert code == 0 and out.count("agregado") == 2
    timings = json.loads(next(line for line in err.splitlines() if line.startswith('{"timings"')))["timings"]
    assert {"startup_s", "ingest_s", "model_s", "parse_s", "wait_s", "embed_s", "write_s"} <= set(timings)
    assert all(value >= 0 for value in timings.values())
    assert timings["ingest_s"] >= timings["embed_s"] + timings["write_s"]
    code, _, err = run(capsys, "--store", tmp_path / "store", "--no-progress", reports_dir)
    assert code == 0 and "timings" not in err  # only when asked


def test_prepare_model_says_the_model_is_ready_and_writes_no_store(capsys, tmp_path):
    code, out, _ = run(capsys, "--store", tmp_path / "store", "--prepare-model")
    assert code == 0 and out.startswith("modelo de embeddings listo: fake-hash-64")
    assert not (tmp_path / "store").exists()
