"""How the app is served: address, login, upload cap, look. Read from the one Settings object."""
from __future__ import annotations

import socket
import time

from ..settings import Settings
from .index_style import INDEX_CSS
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
        quiet=True,  # Gradio's own lines are English and suggest a share link; the edges say where it listens
        auth=login,
        auth_message="Ingrese el usuario y la contraseña del asistente." if login else None,
        max_file_size=f"{settings.max_upload_mb * HARD_CAP_FACTOR}mb",
        show_error=True,
        footer_links=["api"],
        theme=theme(),
        css=CSS + INDEX_CSS,
        js=JS,
    )
    return options | overrides


def free_port() -> int:
    """A TCP port free on loopback now (the screenshot tool and the tests start servers on one)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
def serve(demo, options: dict) -> None:
    """Launch and block until Ctrl+C. Gradio runs quiet (its lines are English and suggest a share
    link); one Spanish line says where the app listens, and Ctrl+C stops it without a traceback."""
    demo.launch(prevent_thread_lock=True, **options)
    print(f"Asistente abierto en {demo.local_url} (Ctrl+C para detenerlo)", flush=True)
    try:
        while demo.is_running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("Deteniendo el asistente…", flush=True)
    finally:
        demo.close()
