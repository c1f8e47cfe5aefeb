"""How the app is served: address, login, upload cap, look. Read from the one Settings object."""
from __future__ import annotations

from ..settings import Settings
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
