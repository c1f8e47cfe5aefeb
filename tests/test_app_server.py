"""The app as a server: ``python app.py`` in a subprocess, on a free port, with the hash embedder.
(The launch helpers are in ``tests/helpers.py``; a half login pair is refused at start-up in
``tests/test_settings.py``.)"""
from __future__ import annotations

import socket
import time
import urllib.request

import pytest

from tests.helpers import http_status, running_app

pytestmark = pytest.mark.integration  # each test starts app.py as a server


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
        launched = f"Asistente abierto en http://127.0.0.1:{app.port}"
        deadline = time.monotonic() + 15  # printed right after Gradio starts serving: it may lag the first reply
        while launched not in app.output() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert launched in app.output()
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
