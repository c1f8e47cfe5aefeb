"""Writing reports to files: PDF or clean text, rewritten only when the bytes change."""
from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..records import Report

Renderer = Callable[[Report], bytes]


def render_pdf(report: Report) -> bytes:
    """The report as a PDF (``ingest.pdfwrite``), byte-for-byte reproducible."""
    from ingest.pdfwrite import write_report_pdf

    with tempfile.TemporaryDirectory() as tmp:
        path = write_report_pdf(report, Path(tmp) / report.source)
        return Path(path).read_bytes()


def render_txt(report: Report) -> bytes:
    """The report in the clean text layout, UTF-8."""
    from ingest.textexport import render_text

    return render_text(report).encode("utf-8")


RENDERERS: dict[str, Renderer] = {"pdf": render_pdf, "txt": render_txt}


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless ``path`` already holds exactly these bytes."""
    if path.is_file() and path.read_bytes() == data:
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # plain open: the umask sets the mode
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def write_reports(reports: list[Report], outdir: Path, *, fmt: str = "pdf",
                  render: Renderer | None = None) -> list[Path]:
    """Write each report as ``OUTDIR/<source stem>.<fmt>``; return the files actually (re)written."""
    render = render or RENDERERS[fmt]
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for report in reports:
        name = f"{Path(report.source).stem}.{fmt}"
        path = outdir / name
        if write_if_changed(path, render(replace(report, source=name))):
            written.append(path)
    return written
