"""The app sees index changes made by other processes, and one writer at a time (issue 11, item 1).

Real processes (``python -m ingest`` in subprocesses), real embedded Chroma, the hash embedder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.factory import build_assistant
from assistant.settings import Settings, load_settings
from ingest.records import replace
from ingest.samples import generate_reports, render_txt, sample_reports
from ingest.text_reader import render_text
from tests.test_reliability_ingest import FAKE, ingest_cli, logical
from vectorstore.lock import WAITING, StoreBusy, WriteLock
from vectorstore.store import STAMP_KEY, StampMismatch

PROJECT = Path(__file__).resolve().parents[1]
QUESTION = "¿Por qué quedó pendiente la línea base de 4° básico?"  # answered by the second sample only


@pytest.fixture(autouse=True)
def _fake_model(monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", FAKE)


def write_samples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for report in sample_reports():
        path = folder / (Path(report.source).stem + ".txt")
        path.write_text(render_text(report), encoding="utf-8")
        paths.append(path)
    return paths


def env() -> dict[str, str]:
    return {**os.environ, "ASSISTANT_EMBEDDING_MODEL": FAKE, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False"}


def cli(store: Path, *args, **popen) -> subprocess.Popen:
    """``python -m ingest`` in its own process."""
    return subprocess.Popen([sys.executable, "-m", "ingest", "--store", str(store), "--no-progress", *map(str, args)],
                            cwd=PROJECT, env=env(), text=True, **popen)


def run_cli(store: Path, *args) -> subprocess.CompletedProcess:
    proc = cli(store, *args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=180)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def cited_sources(answer) -> set[str]:
    return {c.to_json()["source"] for c in answer.citations}


# -- the app-side service sees another process's writes ------------------------------------------
@pytest.mark.slow  # subprocesses (or the parse worker) on a shared 2-core machine
def test_a_report_ingested_by_another_process_is_answered_without_restart(tmp_path):
    first, second, third = write_samples(tmp_path / "in")
    store = tmp_path / "store"
    assert ingest_cli(store, first, third).returncode == 0
    assistant = build_assistant(load_settings(store=store))
    before = assistant.ask(QUESTION)
    assert before.refused and not before.citations

    done = run_cli(store, second)
    assert done.returncode == 0, done.stderr
    answer = assistant.ask(QUESTION)  # the same object: no restart
    assert not answer.refused
    assert cited_sources(answer) == {second.name} and answer.citations[0].to_json()["commitment"] == 1
    assert {r.source for r in assistant.reports()} == {first.name, second.name, third.name}
    # the dense side sees the new vectors too (an embedded client opened before the write does not)
    row = next(r for r in assistant.snapshot.catalog.all_rows() if r.source == second.name)
    hits = assistant.index.query(assistant.embedder.embed_query(row.text), k=3)
    assert any(h.metadata["source"] == second.name for h in hits)

    removed = run_cli(store, "--remove", second.name)
    assert removed.returncode == 0, removed.stderr
    assert {r.source for r in assistant.reports()} == {first.name, third.name}
    assert assistant.ask(QUESTION).refused


@pytest.mark.slow  # subprocesses (or the parse worker) on a shared 2-core machine
def test_a_reindex_by_another_process_is_seen_and_nothing_is_lost(tmp_path):
    paths = write_samples(tmp_path / "in")
    store = tmp_path / "store"
    assert ingest_cli(store, *paths).returncode == 0
    assistant = build_assistant(load_settings(store=store))
    collection_id = assistant.index.collection.id
    done = run_cli(store, "--reindex")
    assert done.returncode == 0, done.stderr
    assert assistant.sync() is True
    assert assistant.index.collection.id != collection_id  # the rebuilt collection, not the deleted one
    assert len(assistant.reports()) == 3
    assert cited_sources(assistant.ask(QUESTION)) == {paths[1].name}


@pytest.mark.slow  # subprocesses (or the parse worker) on a shared 2-core machine
def test_an_index_rebuilt_with_another_model_is_a_clear_error_not_stale_answers(tmp_path):
    paths = write_samples(tmp_path / "in")
    store = tmp_path / "store"
    assert ingest_cli(store, *paths).returncode == 0
    assistant = build_assistant(load_settings(store=store))
    proc = subprocess.run([sys.executable, "-m", "ingest", "--store", str(store), "--no-progress", "--reindex"],
                          cwd=PROJECT, env={**env(), "ASSISTANT_EMBEDDING_MODEL": "fake-other-model"},
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    for _ in range(2):  # every time, until the index is re-indexed with this configuration
        with pytest.raises(StampMismatch, match="--reindex"):
            assistant.ask(QUESTION)


# -- the version --------------------------------------------------------------------------------
def test_every_committed_write_changes_the_version_and_keeps_the_stamp(tmp_path):
    first, second, _ = write_samples(tmp_path / "in")
    store = tmp_path / "store"
    assert ingest_cli(store, first).returncode == 0
    assistant = build_assistant(load_settings(store=store))
    index = assistant.index
    seen = [index.version()]
    assert ingest_cli(store, second).returncode == 0  # added
    seen.append(index.version())
    assert ingest_cli(store, second).returncode == 0  # unchanged: no write, same version
    assert index.version() == seen[-1]
    shorter = sample_reports()[1]
    second.write_text(render_text(replace(shorter, commitments=shorter.commitments[:3])), encoding="utf-8")
    assert ingest_cli(store, second).returncode == 0  # replaced
    seen.append(index.version())
    assert ingest_cli(store, "--remove", first.name).returncode == 0
    seen.append(index.version())
    assert len(set(seen)) == len(seen) and None not in seen
    meta = index.client.get_collection(index.collection_name, embedding_function=None).metadata
    assert json.loads(meta[STAMP_KEY])["embedding_model"] == FAKE


def test_version_check_cost(tmp_path, capsys):
    """A micro-benchmark, printed (run with -s), not a timed assertion: the check runs before
    every question and every listing."""
    paths = write_samples(tmp_path / "in")
    store = tmp_path / "store"
    assert ingest_cli(store, *paths).returncode == 0
    assistant = build_assistant(load_settings(store=store))
    n = 500
    start = time.perf_counter()
    for _ in range(n):
        assistant.index.version()
    read_ms = (time.perf_counter() - start) / n * 1000
    assistant.check_every_s = 0.0  # every call checks (the app checks at most every 0.5 s)
    start = time.perf_counter()
    changed = [assistant.sync() for _ in range(n)]
    sync_ms = (time.perf_counter() - start) / n * 1000
    assert not any(changed)
    with capsys.disabled():
        print(f"\nversion check (embedded, 3 reports): read {read_ms:.3f} ms, sync() unchanged {sync_ms:.3f} ms "
              f"(mean of {n})")


# -- one writer at a time -------------------------------------------------------------------------
def wait_for(path: Path, text: str, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if text in path.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared in {path}: {path.read_text(errors='replace')}")


@pytest.mark.slow  # subprocesses (or the parse worker) on a shared 2-core machine
def test_two_concurrent_ingests_on_one_store_both_land_intact(tmp_path):
    """Two ``python -m ingest`` with different files at once: each waits while the other writes;
    the result is exactly what ingesting each file alone gives."""
    folder = tmp_path / "in"
    write_samples(folder)
    a_files, b_files = [], []
    for i, report in enumerate(generate_reports(8, seed=11)):
        path = folder / (Path(report.source).stem + ".txt")
        path.write_bytes(render_txt(report))
        (a_files if i % 2 else b_files).append(path)
    store = tmp_path / "store"
    hold = WriteLock(store, timeout_s=5)
    procs, logs = [], []
    with hold.hold():  # both start while the lock is taken, so both must wait, then race each other
        for name, files in (("a", a_files), ("b", b_files)):
            log = tmp_path / f"{name}.err"
            with open(log, "w") as err, open(tmp_path / f"{name}.out", "w") as out:
                procs.append(cli(store, *files, stdout=out, stderr=err))
            logs.append(log)
            wait_for(log, WAITING)
    for proc in procs:
        assert proc.wait(timeout=300) == 0, [p.read_text() for p in logs]
    got = logical(store)
    alone = {}
    for i, path in enumerate(a_files + b_files):
        single = tmp_path / f"alone{i}"
        assert ingest_cli(single, path).returncode == 0
        alone.update(logical(single))
    assert got == alone and len(got) == 8
    assert all(WAITING in log.read_text(encoding="utf-8") for log in logs)


def test_a_writer_that_waits_too_long_gives_up_with_exit_2_and_writes_nothing(tmp_path, monkeypatch):
    first, second, _ = write_samples(tmp_path / "in")
    store = tmp_path / "store"
    assert ingest_cli(store, first).returncode == 0
    want = logical(store)
    monkeypatch.setenv("ASSISTANT_LOCK_TIMEOUT_S", "0.3")
    with WriteLock(store, timeout_s=5).hold():  # another fd: excludes this process's CLI as another process's
        ran = ingest_cli(store, second)
        removed = ingest_cli(store, "--remove", first.name)
    for result in (ran, removed):
        assert result.returncode == 2
        assert WAITING in result.stderr and "ocupado" in result.stderr and "nada fue escrito" in result.stderr
    assert logical(store) == want


@pytest.mark.slow  # subprocesses (or the parse worker) on a shared 2-core machine
def test_the_app_upload_says_the_index_is_busy(tmp_path):
    from assistant.ui.manage import ManageHandlers

    first, second, _ = write_samples(tmp_path / "in")
    store = tmp_path / "store"
    assert ingest_cli(store, first).returncode == 0
    assistant = build_assistant(Settings(store=store, embedding_model=FAKE, lock_timeout_s=0.3))
    handlers = ManageHandlers(assistant, max_upload_mb=5)
    shown = []
    with WriteLock(store, timeout_s=5).hold():
        line = handlers.upload([str(second)], progress=lambda *a, **k: shown.append(k.get("desc")))
        with pytest.raises(StoreBusy):
            assistant.remove(first.name)
    assert line.startswith("✘") and "ocupado" in line and "otro proceso" in line
    assert any("esperando" in (d or "") for d in shown)
    assert {r.source for r in assistant.reports()} == {first.name}
    assert "agregado" in handlers.upload([str(second)], progress=lambda *a, **k: None)  # free again
