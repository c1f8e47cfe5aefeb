"""The producers: how each one turns a truth record into PDF bytes, in batches.

A batch is a list of (truth record, variant, output PDF path). LibreOffice converts a whole batch
in one call (starting it costs seconds); Chromium prints one file per process, two at a time.
"""
from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from ingest.records import Report

from .convert import chromium_batch_to_pdf, chromium_to_pdf, soffice_to_pdf
from .docx_table import render_docx
from .html import render_html
from .reportlab_table import render_reportlab
from .variants import Variant

Job = tuple[Report, Variant, Path]
BatchRenderer = Callable[[list[Job]], None]


def _reportlab(jobs: list[Job]) -> None:
    for report, variant, pdf in jobs:
        pdf.write_bytes(render_reportlab(report, variant))


def _via_soffice(jobs: list[Job], suffix: str, render: Callable[[Report, Variant], bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-lo-") as tmp:
        inputs = []
        for report, variant, pdf in jobs:
            source = Path(tmp) / f"{pdf.stem}{suffix}"
            source.write_bytes(render(report, variant))
            inputs.append(source)
        out = soffice_to_pdf(inputs, Path(tmp) / "pdf")
        for made, (_, _, pdf) in zip(out, jobs):
            pdf.write_bytes(made.read_bytes())


def _lo_html(jobs: list[Job]) -> None:
    _via_soffice(jobs, ".html", lambda r, v: render_html(r, v).encode("utf-8"))


def _lo_docx(jobs: list[Job]) -> None:
    _via_soffice(jobs, ".docx", render_docx)


def _chromium(jobs: list[Job], workers: int = 2) -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-chromium-") as tmp:
        def one(job: Job) -> None:
            report, variant, pdf = job
            html = Path(tmp) / f"{pdf.stem}.html"
            html.write_text(render_html(report, variant), encoding="utf-8")
            chromium_to_pdf(html, pdf)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(one, jobs))


def _chromium_one_browser(jobs: list[Job]) -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-chromium-") as tmp:
        pairs = []
        for report, variant, pdf in jobs:
            html = Path(tmp) / f"{pdf.stem}.html"
            html.write_text(render_html(report, variant), encoding="utf-8")
            pairs.append((html, pdf))
        chromium_batch_to_pdf(pairs)


# How Chromium is driven, by ``generate --chromium``: the command line per file (the fixtures),
# or one browser for the whole batch (large corpora).
CHROMIUM_MODES: dict[str, BatchRenderer] = {"cli": _chromium, "one-browser": _chromium_one_browser}

PRODUCERS: dict[str, BatchRenderer] = {
    "reportlab": _reportlab,
    "lo-html": _lo_html,
    "lo-docx": _lo_docx,
    "chromium": _chromium,
}
