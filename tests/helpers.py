"""Helpers the tests share: a free port, the app and a `chroma run` server started as real
processes on loopback, and the sample reports uploaded through the app."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.ui.server import free_port

__all__ = ["free_port", "app_env", "running_app", "RunningApp", "http_status", "sample_pdfs", "upload",
           "chroma_server_process"]

PROJECT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 45


def app_env(store: Path, **settings: str) -> dict[str, str]:
    """The environment of the app subprocess: a temp store, the hash embedder, nothing online."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_STORE=str(store), ASSISTANT_EMBEDDING_MODEL="fake-hash-64", GRADIO_ANALYTICS_ENABLED="False",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False", NO_PROXY="127.0.0.1,localhost")
    env.update({f"ASSISTANT_{k.upper()}": v for k, v in settings.items()})
    return env


@dataclass
class RunningApp:
    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def running_app(store: Path, workdir: Path, *args: str, **settings: str):
    """Start ``python app.py --port P`` and wait until it answers; stop it afterwards."""
    port = free_port()
    log = workdir / f"app-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "app.py", "--port", str(port), *args], cwd=PROJECT,
                                   env=app_env(store, **settings), stdout=out, stderr=subprocess.STDOUT)
    app = RunningApp(f"http://127.0.0.1:{port}/", port, process, log)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while http_status(app.url) is None:
            if process.poll() is not None:
                pytest.fail(f"app.py exited with {process.returncode}:\n{app.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"app.py did not answer within {STARTUP_TIMEOUT_S} s:\n{app.output()}")
            time.sleep(0.2)
        yield app
    finally:
        _stop(process)


@contextmanager
def chroma_server_process(data: Path, timeout_s: float = 60):
    """A real ``chroma run`` (the chromadb package's command) on a free loopback port; yields the port."""
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        chroma = Path(shutil.which("chroma") or "")
    if not chroma.is_file():
        pytest.fail("the `chroma` command (from the chromadb package) is missing")
    port = free_port()
    process = subprocess.Popen([str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout_s
        while http_status(f"http://127.0.0.1:{port}/api/v2/heartbeat") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chroma server did not start within {timeout_s} s (exit {process.poll()})")
            time.sleep(0.3)
        yield port
    finally:
        _stop(process)


def sample_pdfs(folder: Path) -> list[Path]:
    """The three fictional sample reports, as PDFs."""
    from ingest.samples import sample_reports, write_reports

    write_reports(sample_reports(), folder, fmt="pdf")
    return sorted(folder.glob("*.pdf"))


def upload(client, paths: list[Path]) -> list[str]:
    """Upload files through the app's /upload endpoint; its result lines."""
    from gradio_client import handle_file

    return client.predict([handle_file(str(p)) for p in paths], api_name="/upload").splitlines()
