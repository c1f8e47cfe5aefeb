"""Server mode against a real `chroma run` on loopback: ingest, list, replace, remove, stamp."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ingest.__main__ import main
from ingest.records import replace
from ingest.samples import sample_reports
from ingest.text_reader import render_text

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        chroma = Path(shutil.which("chroma") or "")
    if not chroma.is_file():
        pytest.fail("the `chroma` command (from the chromadb package) is missing")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start within 60 s")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_server_mode_end_to_end(chroma_server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_CHROMA_PORT", str(chroma_server))
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    monkeypatch.setenv("ASSISTANT_COLLECTION", "informes-test")
    report = sample_reports()[1]
    path = tmp_path / "alfabetizacion.txt"
    path.write_text(render_text(report), encoding="utf-8")

    assert main(["--no-progress", str(path)]) == 0
    assert "agregado" in capsys.readouterr().out
    assert main(["--list", "--json"]) == 0
    assert [r["commitments"] for r in json.loads(capsys.readouterr().out)] == [6]

    path.write_text(render_text(replace(report, commitments=report.commitments[:3])), encoding="utf-8")
    assert main(["--no-progress", str(path)]) == 0
    assert "reemplazado" in capsys.readouterr().out
    from assistant.factory import build_assistant
    from assistant.settings import load_settings

    assistant = build_assistant(load_settings())
    assert len(assistant.snapshot.catalog) == 3
    answer = assistant.ask("¿Por qué quedó pendiente la línea base de 4° básico?")
    assert answer.citations and answer.citations[0].to_json()["commitment"] == 1

    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-other-model")
    assert main(["--list"]) == 2
    assert "--reindex" in capsys.readouterr().err
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    assert main(["--remove", "alfabetizacion.txt"]) == 0
    assert "quitado" in capsys.readouterr().out
    assert main(["--list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


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
