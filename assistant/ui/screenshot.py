"""python -m assistant.ui.screenshot [--out docs/screenshot.png]: the app answering a question, with a
citation opened, on the sample reports (real embedding model, temporary store, Debian's Chromium).

A developer tool for the README's picture; it needs the test extra (playwright) and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS = ["¿Qué compromisos no se cumplieron?", "¿Por qué se canceló la evaluación de impacto?"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def index_samples(assistant, folder: Path) -> None:
    from ingest.samples import sample_reports, write_reports

    write_reports(sample_reports(), folder, fmt="pdf")
    results = assistant.add_files([(p.name, p.read_bytes()) for p in sorted(folder.glob("*.pdf"))])
    failed = [r.line() for r in results if r.action != "added"]
    if failed:
        raise SystemExit("no se pudieron indexar los ejemplos:\n" + "\n".join(failed))


def capture(url: str, out: Path, *, chromium: str, width: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, args=CHROMIUM_ARGS, locale="es-CL",
            viewport={"width": width, "height": 1440}, device_scale_factor=1)
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("#question textarea")
        for question in QUESTIONS:
            before = page.locator(".cite-cards").count()
            page.fill("#question textarea", question)
            page.keyboard.press("Enter")
            page.wait_for_function(f"document.querySelectorAll('.cite-cards').length > {before}")
        page.locator(".cite-card").last.click()
        page.wait_for_function("document.querySelector('#page-image img')?.naturalWidth > 300")
        page.mouse.move(0, 0)
        time.sleep(1.0)  # let the chat scroll and the image settle
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=True)
        context.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m assistant.ui.screenshot", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("docs/screenshot.png"))
    p.add_argument("--chromium", default="/usr/bin/chromium")
    p.add_argument("--width", type=int, default=1440)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

    from assistant.factory import build_assistant
    from assistant.settings import load_settings
    from .layout import build_app
    from .server import free_port, launch_options

    with tempfile.TemporaryDirectory(prefix="informes-screenshot-") as tmp:
        settings = load_settings(store=Path(tmp) / "store", port=free_port())
        assistant = build_assistant(settings)
        index_samples(assistant, Path(tmp) / "samples")
        demo = build_app(assistant, settings, exports=Path(tmp) / "exports")
        demo.launch(prevent_thread_lock=True, quiet=True, **launch_options(settings))
        try:
            capture(f"http://127.0.0.1:{settings.port}/", args.out, chromium=args.chromium, width=args.width)
        finally:
            demo.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
