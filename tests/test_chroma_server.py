"""Server mode against a real `chroma run` on loopback (the ``chroma_server`` fixture of conftest):
what only a server has. The store contract both share is ``tests/test_store_contract.py``."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.__main__ import main
from ingest.samples import sample_reports
from ingest.text_reader import render_text

pytestmark = pytest.mark.integration


def test_server_mode_app_sees_another_process_ingest(chroma_server, tmp_path, monkeypatch, capsys):
    """Issue 11, item 1, against a server: the running Assistant (an HTTP client) answers from a
    report that ``python -m ingest`` in another process added, without a restart."""
    import os

    from assistant.factory import build_assistant
    from assistant.settings import load_settings

    env = {"ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(chroma_server),
           "ASSISTANT_EMBEDDING_MODEL": "fake-hash-64", "ASSISTANT_COLLECTION": "informes-refresh"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    first, second = sample_reports()[0], sample_reports()[1]
    paths = [tmp_path / "encadenamientos.txt", tmp_path / "alfabetizacion.txt"]
    for path, report in zip(paths, (first, second)):
        path.write_text(render_text(report), encoding="utf-8")
    assert main(["--no-progress", str(paths[0])]) == 0
    assistant = build_assistant(load_settings())
    question = "¿Por qué quedó pendiente la línea base de 4° básico?"
    assert assistant.ask(question).refused
    done = subprocess.run([sys.executable, "-m", "ingest", "--no-progress", str(paths[1])],
                          cwd=Path(__file__).resolve().parents[1], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    answer = assistant.ask(question)
    assert not answer.refused and {c.to_json()["source"] for c in answer.citations} == {"alfabetizacion.txt"}
    start, n = time.perf_counter(), 200
    assistant.check_every_s = 0.0  # every call checks (the app checks at most every 0.5 s)
    for _ in range(n):
        assert assistant.sync() is False
    with capsys.disabled():  # a printed micro-benchmark, not a timed assertion
        print(f"\nversion check against the server (loopback): {(time.perf_counter() - start) / n * 1000:.3f} ms "
              f"per sync() (mean of {n})")
