"""The chat app: python app.py [--store DIR] [--host H] [--port P]

Builds the settings and the assistant, then hands them to the UI (assistant/ui/). By default it
listens on 127.0.0.1:7860 only; set ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD to require a
login on a shared host (half a pair, or any setting out of range, stops it at start-up with one
line and exit status 2). No share link, no analytics.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python app.py", description="Asistente de Informes de Egreso en el navegador.")
    p.add_argument("--store", type=Path, help="carpeta del índice (por defecto ./data o ASSISTANT_STORE)")
    p.add_argument("--host", help="dirección en que escuchar (por defecto 127.0.0.1)")
    p.add_argument("--port", type=int, help="puerto (por defecto 7860)")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

    from assistant.settings import ConfigError, load_settings

    try:  # checked before the model, the store or Gradio load: a bad setting is one line, exit 2
        settings = load_settings(store=args.store, host=args.host, port=args.port)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from assistant.factory import build_assistant
    from assistant.ui.layout import build_app
    from assistant.ui.server import launch_options
    from vectorstore.errors import StoreError

    try:
        assistant = build_assistant(settings)
    except StoreError as exc:  # a store that is a file, or stamped by another model: one line, exit 2
        print(f"error: {exc}", file=sys.stderr)
        return 2
    warm_up = getattr(assistant.embedder, "warm_up", None)
    if warm_up:  # load the model now, not on the first question
        warm_up()
    build_app(assistant, settings).launch(**launch_options(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
