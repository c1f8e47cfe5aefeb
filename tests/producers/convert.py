"""Turn HTML or DOCX files into PDF with LibreOffice (many files in one call) or Chromium."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE_TIMEOUT_S = 1800
CHROMIUM_TIMEOUT_S = 120


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise SystemExit(f"{tool} is not installed (Debian: libreoffice-writer / chromium)")
    return path


def soffice_to_pdf(inputs: list[Path], outdir: Path) -> list[Path]:
    """Convert every input to ``outdir/<stem>.pdf`` in one LibreOffice call; return the PDFs."""
    if not inputs:
        return []
    soffice = _require("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        # HTML is imported as a Writer document (Writer/Web's export starts with a blank page).
        infilter = ["--infilter=HTML (StarWriter)"] if inputs[0].suffix.lower() in {".html", ".htm"} else []
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *infilter,
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), *map(str, inputs)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=SOFFICE_TIMEOUT_S)
    out = [outdir / f"{p.stem}.pdf" for p in inputs]
    missing = [p.name for p in out if not p.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write: {', '.join(missing[:5])}")
    return out


def chromium_batch_to_pdf(pairs: list[tuple[Path, Path]]) -> None:
    """Print every (html, pdf) pair with one headless Chromium (Debian's) driven by Playwright:
    the same print call (``Page.printToPDF``) as ``--print-to-pdf``, without a browser start per
    file. For large corpora; the committed fixtures use ``chromium_to_pdf``."""
    from playwright.sync_api import sync_playwright

    chromium = _require("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                                   "--disable-background-networking"])
        try:
            page = browser.new_page()
            for html, pdf in pairs:
                page.goto(html.resolve().as_uri())
                page.pdf(path=str(pdf), prefer_css_page_size=True, display_header_footer=False)
        finally:
            browser.close()


def chromium_to_pdf(html: Path, pdf: Path) -> Path:
    """Print ``html`` to ``pdf`` with headless Chromium (a fresh profile each call)."""
    chromium = _require("chromium")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf}", html.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=CHROMIUM_TIMEOUT_S)
    if not pdf.is_file():
        raise RuntimeError(f"Chromium did not write {pdf}")
    return pdf
