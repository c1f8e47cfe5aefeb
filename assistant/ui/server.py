"""How the app is served: address, login, upload cap, look. Read from the one Settings object."""
from __future__ import annotations

import time

from ..settings import Settings
from .index_style import INDEX_CSS
from .style import CSS, JS, theme

# Gradio refuses uploads above this before our handler runs (it protects the disk); files between
# settings.max_upload_mb and the cap reach the handler, which rejects them in their result line.
HARD_CAP_FACTOR = 4


def auth(settings: Settings) -> tuple[str, str] | None:
    """The login pair, or None for an open app; half a login is a configuration error."""
    user, password = settings.auth_user, settings.auth_password
    if bool(user) != bool(password):
        raise ValueError("ASSISTANT_AUTH_USER y ASSISTANT_AUTH_PASSWORD deben definirse juntos")
    return (user, password) if user else None


def launch_options(settings: Settings, **overrides) -> dict:
    login = auth(settings)
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
