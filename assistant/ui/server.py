"""How the app is served: address, login, upload cap, look. Read from the one Settings object."""
from __future__ import annotations

import socket

from ..settings import Settings
from .style import CSS, JS, theme

# Gradio refuses uploads above this before our handler runs (it protects the disk); files between
# settings.max_upload_mb and the cap reach the handler, which rejects them in their result line.
HARD_CAP_FACTOR = 4


def launch_options(settings: Settings, **overrides) -> dict:
    login = settings.login  # half a pair never gets here: load_settings refuses it
    options = dict(
        server_name=settings.host,
        server_port=settings.port,
        share=False,
        auth=login,
        auth_message="Ingrese el usuario y la contraseña del asistente." if login else None,
        max_file_size=f"{settings.max_upload_mb * HARD_CAP_FACTOR}mb",
        show_error=True,
        footer_links=["api"],
        theme=theme(),
        css=CSS,
        js=JS,
    )
    return options | overrides


def free_port() -> int:
    """A TCP port free on loopback now (the screenshot tool and the tests start servers on one)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
