"""The app as a server: ``python app.py`` in a subprocess, on a free port, with the hash embedder.

Also the launch helpers the other app tests (client, browser) use.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 45


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def sample_pdfs(folder: Path) -> list[Path]:
    """The three fictional sample reports, as PDFs."""
    from ingest.samples import sample_reports, write_reports

    write_reports(sample_reports(), folder, fmt="pdf")
    return sorted(folder.glob("*.pdf"))


def upload(client, paths: list[Path]) -> list[str]:
    """Upload files through the app's /upload endpoint; its result lines."""
    from gradio_client import handle_file

    return client.predict([handle_file(str(p)) for p in paths], api_name="/upload").splitlines()


# ---------------------------------------------------------------------------------- tests


def test_listens_on_loopback_only_and_serves_the_spanish_app(tmp_path):
    with running_app(tmp_path / "store", tmp_path) as app:
        with urllib.request.urlopen(app.url, timeout=5) as response:
            page = response.read().decode("utf-8")
        assert "Asistente de Informes de Egreso" in page
        # bound to 127.0.0.1 (the default host): another local address of this machine is refused
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # no packet is sent; only picks the outgoing interface
            own_address = probe.getsockname()[0]
        if own_address.startswith("127."):
            pytest.skip("this machine has no non-loopback address to probe")
        assert http_status(f"http://{own_address}:{app.port}/") is None
        assert "public URL" not in app.output() and "gradio.live" not in app.output()  # no share link
        # one Spanish line says where it listens; Gradio's English «set share=True» hint is not printed
        assert f"Asistente abierto en http://127.0.0.1:{app.port}" in app.output()
        assert "share=True" not in app.output() and "Running on" not in app.output()


def test_login_is_required_when_a_user_and_password_are_set(tmp_path):
    from gradio_client import Client

    with running_app(tmp_path / "store", tmp_path, auth_user="ana", auth_password="s3creta") as app:
        assert http_status(app.url + "config") in (401, 403)
        with pytest.raises(ValueError, match="Could not login"):
            Client(app.url, auth=("ana", "mala"), verbose=False)
        client = Client(app.url, auth=("ana", "s3creta"), verbose=False)
        result = client.predict("¿Qué compromisos no se cumplieron?", api_name="/ask")
        assert result["refused"] is True  # the index is empty, and the app says so


def test_half_a_login_is_a_startup_error(tmp_path):
    process = subprocess.run([sys.executable, "app.py", "--port", str(free_port())], cwd=PROJECT,
                             env=app_env(tmp_path / "store", auth_user="ana"), capture_output=True, text=True,
                             timeout=60)
    assert process.returncode != 0
    assert "ASSISTANT_AUTH_PASSWORD" in process.stderr
