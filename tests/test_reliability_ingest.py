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
from vectorstore.factory import open_index
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
    for meta in index.headers():
        sha = meta["sha256"]
        rows = sorted((m["row_id"], json.dumps(m, sort_keys=True, ensure_ascii=False))
                      for m in index.rows({meta["source"]}))
        copy = files.path(sha)
        reports[meta["source"]] = {"sha256": sha, "rows": rows, "copy": copy is not None, "name": files.name(sha)}
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


@pytest.mark.parametrize("point,n", INGEST_POINTS[:1] + [pytest.param(*p, marks=pytest.mark.slow)
                                                    for p in INGEST_POINTS[1:]])
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


@pytest.mark.parametrize("point,n", REINDEX_POINTS[:1] + [pytest.param(*p, marks=pytest.mark.slow)
                                                          for p in REINDEX_POINTS[1:]])
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
