"""python -m assistant.ui.screenshot [--out DIR]: one screenshot per tab of the app on the sample
reports, at 1400x1000, and the chat at 390 px (a phone), into docs/ (real embedding model,
temporary store, Debian's Chromium).

Saved: consultar.png (an answer with a citation opened), agregar.png (an upload's coloured result
lines: added, unchanged, rejected), indice.png (the charts and the table), consultar-390.png.
A developer tool for the README's pictures; it needs the test extra (playwright) and /usr/bin/chromium.
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


SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}


def capture(url: str, out: Path, *, chromium: str, uploads: list[Path]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, args=CHROMIUM_ARGS, locale="es-CL",
            viewport=dict(zip(("width", "height"), SIZES["desktop"])), device_scale_factor=1)
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("#question textarea")
        answer_and_open(page)
        saved.append(shot(page, out / "consultar.png"))
        page.set_viewport_size(dict(zip(("width", "height"), SIZES["phone"])))
        time.sleep(1.0)
        saved.append(shot(page, out / "consultar-390.png"))
        page.set_viewport_size(dict(zip(("width", "height"), SIZES["desktop"])))
        page.get_by_role("tab", name="Agregar informes").click()
        page.locator("#upload-files input[type=file]").set_input_files([str(f) for f in uploads])
        page.wait_for_selector("#upload-files table.file-preview")
        page.locator("#upload-button").click()
        page.wait_for_function("document.querySelectorAll('#upload-lines .up-line:not(.up-working)').length >= "
                               f"{len(uploads)}")
        saved.append(shot(page, out / "agregar.png"))
        page.get_by_role("tab", name="Índice").click()
        page.wait_for_selector("#chart-ministry .bar-seg")
        saved.append(shot(page, out / "indice.png"))
        context.close()
    return saved


def answer_and_open(page) -> None:
    for question in QUESTIONS:
        before = page.locator(".cite-cards").count()
        page.fill("#question textarea", question)
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelectorAll('.cite-cards').length > {before}")
    page.locator(".cite-card").last.click()
    page.wait_for_function("document.querySelector('#page-image img')?.naturalWidth > 300")


def shot(page, path: Path) -> Path:
    page.mouse.move(0, 0)
    time.sleep(1.0)  # let the chat scroll and the images settle
    page.screenshot(path=str(path))  # the viewport: what a person sees at that size
    return path


def upload_examples(folder: Path, samples: Path) -> list[Path]:
    """What the «Agregar informes» picture uploads: a new report, one already indexed, a wrong file."""
    from ingest.samples import generate_reports, write_reports

    folder.mkdir(parents=True, exist_ok=True)
    write_reports(generate_reports(1, seed=5), folder, fmt="pdf")
    wrong = folder / "fotografia.png"
    wrong.write_bytes(b"\x89PNG\r\n")
    return [*sorted(folder.glob("*.pdf")), sorted(samples.glob("*.pdf"))[0], wrong]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m assistant.ui.screenshot", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("docs"), help="folder for the pictures (default docs/)")
    p.add_argument("--chromium", default="/usr/bin/chromium")
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
        demo.launch(prevent_thread_lock=True, **launch_options(settings))
        try:
            uploads = upload_examples(Path(tmp) / "uploads", Path(tmp) / "samples")
            saved = capture(f"http://127.0.0.1:{settings.port}/", args.out, chromium=args.chromium, uploads=uploads)
        finally:
            demo.close()
    print("\n".join(map(str, saved)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
