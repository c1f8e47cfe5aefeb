"""Reliability of ingest and the index (issue 8): kill -9 at many points, bad files, a fuzz of
the readers, concurrent readers with a writer. Hash embedder and real embedded Chroma."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.settings import Settings
from ingest.samples import generate_reports, render_pdf, render_txt, sample_reports
from vectorstore.embeddings import FakeEmbedder
from assistant.stores import open_index
from vectorstore.files import SourceFiles

PROJECT = Path(__file__).resolve().parents[1]
FAKE = "fake-hash-64"


# -- helpers ---------------------------------------------------------------------------------
def corpus(folder: Path, n: int = 5) -> list[Path]:
    """Three hand-written samples (two as PDF, one as text) and generated reports as text."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = [*sample_reports(), *generate_reports(max(0, n - 3), seed=7)][:n]
    paths = []
    for i, rep in enumerate(reports):
        pdf = i % 3 != 2 and i < 3
        path = folder / (Path(rep.source).stem + (".pdf" if pdf else ".txt"))
        path.write_bytes(render_pdf(rep) if pdf else render_txt(rep))
        paths.append(path)
    return paths


def logical(store: Path) -> dict:
    """The index's logical content: each report's sha256, rows (ids and full records) and the
    name kept with its stored copy; orphans must be collected."""
    index = open_index(Settings(store=store, embedding_model=FAKE), FakeEmbedder(name=FAKE), create=False)
    files = SourceFiles(store / "sources")
    reports = {}
    for header in index.headers():
        sha = header.sha256
        rows = sorted((m.row_id, json.dumps(m.to_chroma(), sort_keys=True, ensure_ascii=False))
                      for m in index.rows({header.source}))
        copy = files.path(sha)
        reports[header.source] = {"sha256": sha, "rows": rows, "copy": copy is not None, "name": files.name(sha)}
    return reports


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", FAKE)


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def ingest_cli(store: Path, *args) -> Ran:
    """``python -m ingest`` in this process (only the runs that are killed need their own)."""
    from ingest.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--store", str(store), "--no-progress", *map(str, args)])
    return Ran(code, out.getvalue(), err.getvalue())


def driver(point: str, n: int, store: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASSISTANT_EMBEDDING_MODEL": FAKE, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "ANONYMIZED_TELEMETRY": "False"}
    return subprocess.run([sys.executable, "-m", "tests.crash_driver", point, str(n), str(store), *args],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The files and the index a clean ingest of them gives."""
    root = tmp_path_factory.mktemp("clean")
    files = corpus(root / "in")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ASSISTANT_EMBEDDING_MODEL", FAKE)
        done = ingest_cli(root / "store", *files)
    assert done.returncode == 0, done.stderr
    return files, logical(root / "store")


def assert_names(result: dict) -> None:
    assert all(r["copy"] and r["name"] == source for source, r in result.items()), result


# -- kill -9 ---------------------------------------------------------------------------------
INGEST_POINTS = [("before-commit", 1), ("after-commit", 2), ("saved", 4), ("before-commit", 5)]


@pytest.mark.slow  # one killed subprocess each; the fast suite keeps the in-process crash tests
# (tests/test_ingest_cli.py::test_interrupted_ingest_leaves_nothing_visible, the interrupted write of
# tests/test_store_contract.py)
@pytest.mark.parametrize("point,n", INGEST_POINTS)
def test_killed_ingest_then_rerun_gives_exactly_the_clean_index(tmp_path, clean, point, n):
    files, want = clean
    store = tmp_path / "store"
    killed = driver(point, n, store, "--", *map(str, files))
    assert killed.returncode == -9, killed.stderr
    again = ingest_cli(store, *files)
    assert again.returncode == 0, again.stderr
    assert logical(store) == want
    assert_names(want)


@pytest.mark.slow
@pytest.mark.parametrize("point,n", [("before-commit", 2), ("after-commit", 3)])
def test_killed_upload_then_retry_gives_exactly_the_clean_index(tmp_path, clean, point, n):
    files, want = clean
    store = tmp_path / "store"
    killed = driver(point, n, store, "--upload", *map(str, files))
    assert killed.returncode == -9, killed.stderr
    from tests.crash_driver import upload

    assert upload(store, files) == 0
    assert logical(store) == want


REINDEX_POINTS = [("switch-delete", 0), ("before-commit", 3), ("switch-mark", 0), ("before-commit", 1),
                  ("after-commit", 5)]


@pytest.mark.slow  # a killed subprocess each (about 7 s on a quiet 2-core machine, 19 s on a loaded one)
@pytest.mark.parametrize("point,n", REINDEX_POINTS)
def test_killed_reindex_loses_nothing_and_the_next_one_recovers_exactly(tmp_path, clean, point, n):
    files, want = clean
    store = tmp_path / "store"
    assert ingest_cli(store, *files).returncode == 0
    killed = driver(point, n, store, "--", "--reindex")
    assert killed.returncode == -9, killed.stderr
    between = logical(store)  # the old index, or (killed after the point of no return) the new one
    assert between == want
    listed = ingest_cli(store, "--list")
    assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) == len(want)
    again = ingest_cli(store, "--reindex")
    assert again.returncode == 0 and again.stdout.count("agregado") == len(want), again.stdout
    assert logical(store) == want
    assert_names(want)
    assert ingest_cli(store, files[0]).stdout.strip().endswith("sin cambios (ya estaba indexado)")
    removed = ingest_cli(store, "--remove", files[0].name)
    assert removed.returncode == 0, removed.stderr


@pytest.mark.slow  # spawns parse workers and stops them
def test_reindex_takes_names_from_the_copies_when_the_index_is_gone(tmp_path, clean):
    """A store whose collection was lost (as the old re-index did when killed) keeps its names."""
    from vectorstore.client import make_client

    files, want = clean
    store = tmp_path / "store"
    assert ingest_cli(store, *files).returncode == 0
    make_client(store=store).delete_collection("informes")
    again = ingest_cli(store, "--reindex")
    assert again.returncode == 0, again.stderr
    assert logical(store) == want


# -- a pathological file costs its own line (defect 5) ----------------------------------------
def zeros_pdf(path: Path, mb: int) -> Path:
    """``%PDF-`` then zeros: pdfminer's time grows with the square of the size (16 MB: ~14 s)."""
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(mb * 1024 * 1024)
        handle.seek(0, 2)
        handle.write(b"\n%%EOF\n")
    return path


def good_text(folder: Path, n: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rep = sample_reports()[n]
    path = folder / (Path(rep.source).stem + ".txt")
    path.write_bytes(render_txt(rep))
    return path


@pytest.mark.slow  # spawns parse workers and stops them
def test_a_stalled_parse_is_stopped_and_the_good_file_in_the_same_call_is_indexed(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("ASSISTANT_PARSE_TIMEOUT_S", "1")
    bad = zeros_pdf(tmp_path / "ceros.pdf", 24)  # under the 25 MB limit; its parse alone takes ~30 s
    good = good_text(tmp_path / "in")
    start = time.monotonic()
    ran = ingest_cli(tmp_path / "store", bad, good)
    elapsed = time.monotonic() - start
    lines = ran.stdout.strip().splitlines()
    assert ran.returncode == 1 and len(lines) == 2, ran
    assert lines[0] == "✘ ceros.pdf: rechazado: la lectura no avanzó en 1 s; el archivo parece dañado"
    assert lines[1].startswith(f"✔ {good.name}: agregado")
    assert list(logical(tmp_path / "store")) == [good.name]
    assert elapsed < 20, elapsed  # 1 s of stall, then two worker starts (a few seconds on a busy machine)


def test_the_cli_has_the_apps_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MAX_UPLOAD_MB", "1")
    big = zeros_pdf(tmp_path / "grande.pdf", 3)
    good = good_text(tmp_path / "in")
    ran = ingest_cli(tmp_path / "store", big, good)
    lines = ran.stdout.strip().splitlines()
    assert lines[0] == "✘ grande.pdf: rechazado: pesa 3 MB; el límite es 1 MB (ASSISTANT_MAX_UPLOAD_MB)"
    assert lines[1].startswith(f"✔ {good.name}: agregado") and ran.returncode == 1


@pytest.mark.slow  # spawns parse workers and stops them
def test_the_pool_replaces_a_stopped_worker_and_forwards_page_progress(tmp_path):
    from ingest.errors import ReportError
    from ingest.samples import render_pdf
    from ingest.worker import ParsePool

    sample = sample_reports()[0]
    pdf = render_pdf(sample)
    pages: list[tuple[int, int]] = []
    with ParsePool(timeout_s=1) as pool:
        with pytest.raises(ReportError, match="no avanzó en 1 s"):
            pool.parse(zeros_pdf(tmp_path / "z.pdf", 16).read_bytes(), "z.pdf")
        report = pool.parse(pdf, "a.pdf", on_page=lambda done, total: pages.append((done, total)))
        again = pool.parse(pdf, "b.pdf")
    assert report.program == sample.program and len(report.commitments) == len(sample.commitments)
    assert pages == [(n, report.pages) for n in range(1, report.pages + 1)]
    assert again.source == "b.pdf"


def test_ingestor_reports_page_progress_per_file(tmp_path, fake_embedder):
    from assistant.library import Ingestor, index_stamp
    from ingest.samples import render_pdf
    from vectorstore.client import make_client
    from vectorstore.store import ReportIndex

    index = ReportIndex(make_client(store=tmp_path), fake_embedder, stamp=index_stamp(fake_embedder))
    ingestor = Ingestor(index, SourceFiles(tmp_path / "sources"), parse_timeout_s=30)
    events: list[tuple[str, int, int]] = []
    results = ingestor.ingest_many([("a.pdf", render_pdf(sample_reports()[0])),
                                    ("b.txt", render_txt(sample_reports()[1]))],
                                   on_page=lambda *event: events.append(event))
    assert [r.action for r in results] == ["added", "added"]
    pages = results[0].report.pages
    assert events == [("a.pdf", n, pages) for n in range(1, pages + 1)]  # a text export has no pages


# -- every bad-file kind, alone and with a good file --------------------------------------------
def bad_kinds(folder: Path) -> dict[str, bytes]:
    from ingest.pdfwrite import write_report_pdf
    from ingest.samples import render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    pdf = render_pdf(sample_reports()[0])
    encrypted = write_report_pdf(sample_reports()[2], folder / "cifrado.pdf", encrypt_password="secreto")
    return {
        "vacio.pdf": b"",
        "espacios.txt": b"  \n\t \n",
        "cortado.pdf": pdf[: len(pdf) // 3],
        "cifrado.pdf": encrypted.read_bytes(),
        "ceros.pdf": b"%PDF-1.7\n" + bytes(200_000) + b"\n%%EOF\n",
        "pagina.pdf": b"<!DOCTYPE html><html><body><h1>Informe</h1></body></html>\n",
        "binario.txt": bytes(range(256)) * 40,
    }


def ingestor_for(store: Path, **kw):
    from assistant.library import Ingestor, index_stamp
    from vectorstore.client import make_client
    from vectorstore.store import ReportIndex

    embedder = FakeEmbedder(name=FAKE)
    return Ingestor(ReportIndex(make_client(store=store), embedder, stamp=index_stamp(embedder)),
                    SourceFiles(store / "sources"), **kw)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A store holding one report, and a good file that is not in it yet."""
    root = tmp_path_factory.mktemp("base")
    first, second = good_text(root / "in", 1), good_text(root / "in", 2)
    ingestor_for(root / "store").ingest_many([(first.name, first)])
    return root, second


BAD_KINDS = ["vacio.pdf", "espacios.txt", "cortado.pdf", "cifrado.pdf", "ceros.pdf", "pagina.pdf", "binario.txt"]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_a_bad_file_alone_or_with_a_good_one_changes_nothing_but_its_line(tmp_path, base, kind):
    import shutil

    root, good = base
    store = tmp_path / "store"
    shutil.copytree(root / "store", store)
    data = bad_kinds(tmp_path / "bad")[kind]
    before = logical(store)
    alone = ingestor_for(store).ingest_many([(kind, data)])
    assert [(r.source, r.action) for r in alone] == [(kind, "rejected")]
    assert alone[0].line().startswith(f"✘ {kind}: rechazado: ") and "\n" not in alone[0].line()
    assert "Error" not in alone[0].message and "Traceback" not in alone[0].message, alone[0].message
    assert logical(store) == before
    mixed = ingestor_for(store).ingest_many([(kind, data), (good.name, good)])
    assert [r.action for r in mixed] == ["rejected", "added"]
    after = logical(store)
    assert {k: v for k, v in after.items() if k != good.name} == before and good.name in after
    assert len(SourceFiles(store / "sources").all()) == len(after)


def test_all_bad_kinds_at_once_through_the_cli_and_its_workers(tmp_path):
    folder = tmp_path / "bad"
    for name, data in bad_kinds(folder).items():
        (folder / name).write_bytes(data)
    good = good_text(tmp_path / "in")
    ran = ingest_cli(tmp_path / "store", folder, good)
    lines = ran.stdout.strip().splitlines()
    assert ran.returncode == 1 and len(lines) == 8, ran
    assert sum(line.startswith("✘ ") and ": rechazado: " in line for line in lines) == 7
    assert list(logical(tmp_path / "store")) == [good.name]
    assert "Traceback" not in ran.stderr


# -- a bounded fuzz of the readers ------------------------------------------------------------------
def fuzz_cases(seed: int, count: int) -> list[tuple[str, bytes]]:
    import random

    from ingest.samples import render_pdf
    from tests.conftest import REAL_REPORT
    from tests.pdf_fixtures import platypus_pdf, varied_report

    rng = random.Random(seed)
    folder = Path(__import__("tempfile").mkdtemp(prefix="fuzz-"))
    pdfs = [render_pdf(sample_reports()[0]), platypus_pdf(varied_report(), folder / "v.pdf", style="real").read_bytes()]
    text = REAL_REPORT.read_bytes() if REAL_REPORT.exists() else render_txt(sample_reports()[1])
    lines = text.decode("utf-8").splitlines()
    cases = []
    for i in range(count):
        pdf = pdfs[i % len(pdfs)]
        kind = i % 5
        if kind == 0:  # truncated at a random offset (and completed, so the %%EOF check does not catch it)
            cases.append((f"cut{i}.pdf", pdf[: rng.randrange(16, len(pdf))] + b"\n%%EOF\n"))
        elif kind == 1:  # a few bytes flipped
            data = bytearray(pdf)
            for _ in range(rng.randint(1, 3)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            cases.append((f"flip{i}.pdf", bytes(data)))
        elif kind == 2:  # the text export cut at a random line, a block of lines dropped
            part = lines[: rng.randrange(1, len(lines) + 1)]
            start = rng.randrange(len(part))
            del part[start:start + rng.randint(0, 30)]
            cases.append((f"cut{i}.txt", "\n".join(part).encode("utf-8")))
        elif kind == 3:  # the text export with characters replaced (tabs, labels' letters, digits)
            chars = list(text.decode("utf-8"))
            for _ in range(rng.randint(1, 60)):
                chars[rng.randrange(len(chars))] = rng.choice("\t\n:()0123456789aeoCc-/ ")
            cases.append((f"flip{i}.txt", "".join(chars).encode("utf-8")))
        else:  # random text with the reader's labels sprinkled in
            words = ["Calificación:", "Cumplido", "(31-12-2014)", "Compromiso", "Recomendación", "Observación:",
                     "Medios de Verificación:", "\t", "\n", "1.", "2.", "Programa", "MINISTERIO", "egreso"]
            body = " ".join(rng.choice(words) if rng.random() < 0.4 else
                            "".join(rng.choice("abcdeñáéíóú0123456789 .,;:()") for _ in range(rng.randint(1, 12)))
                            for _ in range(rng.randint(5, 400)))
            cases.append((f"rand{i}.txt", lines[0].encode("utf-8") + b"\n" + body.encode("utf-8")))
    return cases


@pytest.mark.parametrize("seed,count", [(11, 24), pytest.param(12, 96, marks=pytest.mark.slow)])
def test_fuzzed_files_get_a_report_or_a_clear_line_never_a_traceback_or_a_hang(seed, count):
    import time

    from ingest.errors import ReportError
    from ingest.worker import ParseFailed, ParsePool

    outcomes = {"report": 0, "rejected": 0}
    with ParsePool(timeout_s=20) as pool:
        for name, data in fuzz_cases(seed, count):
            start = time.monotonic()
            try:
                pool.parse(data, name)
                outcomes["report"] += 1
            except ReportError as exc:
                assert "no avanzó" not in str(exc), (name, str(exc))  # a hang
                assert str(exc) and "\n" not in str(exc), name
                outcomes["rejected"] += 1
            except ParseFailed as exc:  # an exception that is not ReportError: a reader bug
                pytest.fail(f"{name}: {exc}")
            assert time.monotonic() - start < 20, name
    assert sum(outcomes.values()) == count and outcomes["rejected"] > 0, outcomes


# -- concurrent readers with a writer ------------------------------------------------------------
def test_readers_never_fail_nor_see_a_mix_of_versions_while_a_writer_replaces_reports(tmp_path):
    import threading
    import time

    from ingest.chunking import chunk_report
    from tests.builders import report, row
    from vectorstore.client import make_client
    from vectorstore.store import ReportIndex

    from assistant.library import index_stamp

    embedder = FakeEmbedder(name=FAKE)
    index = ReportIndex(make_client(store=tmp_path), embedder, stamp=index_stamp(embedder))
    versions = [report(sha=f"{v:x}" * 64, rows=tuple(row(r, c, compliance=f"Versión {v} de la matriz de marco lógico.")
                                                    for r in (1, 2) for c in (1, 2, 3)))
                for v in range(1, 10)]
    other = report("Programa de Becas", sha="f" * 64, source="becas.pdf")
    for rep in (versions[0], other):
        index.write_report(*chunk_report(rep, max_tokens=256, count=embedder.count_tokens))
    errors: list[str] = []
    seen = {"queries": 0, "listings": 0}
    stop = threading.Event()

    def reader():
        vector = embedder.embed_query("matriz de marco lógico")
        while not stop.is_set():
            try:
                hits = index.query(vector, k=4)
                shas = {h.metadata["sha256"] for h in hits if h.metadata["source"] == "riego.pdf"}
                listed = {m.sha256 for m in index.rows({"riego.pdf"})}
                seen["queries"] += 1
                seen["listings"] += 1
                if not hits or len(shas) > 1 or len(listed) > 1:
                    errors.append(f"hits {len(hits)}, versions in one answer {shas}, in one listing {listed}")
            except Exception as exc:  # the failure under test
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for rep in versions[1:]:
        index.write_report(*chunk_report(rep, max_tokens=256, count=embedder.count_tokens))
        time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == [], errors[:3]
    assert seen["queries"] > 20, seen
    assert {m.sha256 for m in index.rows({"riego.pdf"})} == {versions[-1].sha256}
    assert index.collect_garbage() == 0 and index.count() == 2 + 6 + 3


# -- store paths: read-only (issue 8) ------------------------------------------------------------
def unprivileged() -> list[str]:
    """A command prefix under which file permissions hold: as root, drop the capabilities that
    bypass them (setpriv); as another user, nothing."""
    import shutil

    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a read-only folder cannot be simulated")
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


@pytest.mark.slow
def test_a_read_only_store_lists_and_answers_and_refuses_writes_in_one_line(tmp_path):
    store = tmp_path / "store"
    files = corpus(tmp_path / "in", 3)
    assert ingest_cli(store, *files[:2]).returncode == 0
    want = logical(store)
    env = {**os.environ, "ASSISTANT_EMBEDDING_MODEL": FAKE, "ANONYMIZED_TELEMETRY": "False"}

    def run(*args):
        return subprocess.run([*unprivileged(), sys.executable, "-m", *args], cwd=PROJECT, env=env,
                              capture_output=True, text=True, timeout=180)

    subprocess.run(["chmod", "-R", "a-w", str(store)], check=True)
    try:
        listed = run("ingest", "--store", str(store), "--list")
        asked = run("assistant", "ask", "--store", str(store), "--json",
                    "¿Qué compromisos se cancelaron en el Programa de Alfabetización Digital Escolar?")
        added = run("ingest", "--store", str(store), "--no-progress", str(files[2]))
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(store)], check=True)
    assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) == 2, listed.stderr
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert not answer["refused"] and answer["citations"], answer
    assert added.returncode == 2 and "solo lectura" in added.stderr and "Traceback" not in added.stderr, added.stderr
    assert logical(store) == want


def test_names_with_control_or_bidi_characters_are_cleaned_where_they_enter(tmp_path):
    from ingest.names import clean_name

    table = {
        "informe\t2014.pdf": "informe 2014.pdf",
        "informe\n2014\r\n.pdf": "informe 2014 .pdf",
        "informe\u202etxt.pdf": "informetxt.pdf",
        "\u2066a\u2069\u200e\u200fb.txt": "ab.txt",
        "  muchos   espacios .txt ": "muchos espacios .txt",
        "educacio\u0301n.txt": "educación.txt",
        "\x00\x07\x1b\x9b.pdf": "sin_nombre.pdf",
        "\u202e": "sin_nombre",
    }
    assert {raw: clean_name(raw) for raw in table} == table
    store = tmp_path / "store"
    good = good_text(tmp_path / "in")
    results = ingestor_for(store).ingest_many([("alfa\tbeta\u202e\n.txt", good)])
    assert [r.source for r in results] == ["alfa beta .txt"]
    ran = ingest_cli(store, "--list")
    assert ran.stdout.splitlines()[0].split("\t")[0] == "alfa beta .txt"
    assert ran.stdout.count("\n") == 1
    assert ingestor_for(store).remove("alfa\tbeta\u202e\n.txt")  # the raw name still finds it
    assert logical(store) == {}
