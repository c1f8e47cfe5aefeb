"""Adding reports from the browser: size limit, safe names, one result line per file.

The uploaded files are already in Gradio's temporary folder; their names come from the user's
machine, so only a sanitised base name is kept (as the report's name, never as a path), and each
file is read only when its turn comes (one file in memory at a time).
"""
from __future__ import annotations

import os
import re
from html import escape
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from ingest.errors import os_reason
from ingest.pipeline import SUFFIXES, FileResult, megabytes
from ..service import Assistant

MAX_NAME = 120
UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def safe_name(name: str) -> str:
    """The base name of ``name`` (any OS's separators), without control or reserved characters."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", str(name or "")))[-1]
    base = re.sub(r"\s+", " ", UNSAFE.sub("", base)).strip().lstrip(".").strip()
    if not base or base.startswith("."):
        base = "informe"
    stem, suffix = os.path.splitext(base)
    if len(base) > MAX_NAME:
        base = stem[: MAX_NAME - len(suffix)].rstrip() + suffix
    return base


class LazyFiles(Sequence):
    """(name, bytes) pairs read from disk only when the service asks for them."""

    def __init__(self, entries: list[tuple[str, Path]], max_bytes: int) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.errors: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, i):  # type: ignore[override]
        name, path = self.entries[i]
        try:
            with open(path, "rb") as handle:
                data = handle.read(self.max_bytes + 1)
        except OSError as exc:
            self.errors[i] = f"no se pudo leer: {os_reason(exc)}"
            return name, b""
        if len(data) > self.max_bytes:
            self.errors[i] = f"supera el límite de {megabytes(self.max_bytes)}"
            return name, b""
        return name, data


def precheck(path: Path, name: str, max_bytes: int) -> FileResult | None:
    """A rejection decided without reading the file, or None if it may go on."""
    if Path(name).suffix.lower() not in SUFFIXES:
        return FileResult(name, "rejected", "tipo de archivo no soportado (se aceptan .pdf y .txt)")
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        return FileResult(name, "rejected", f"no se pudo leer: {os_reason(exc)}")
    if size > max_bytes:
        return FileResult(name, "rejected", f"pesa {megabytes(size)}; el límite es {megabytes(max_bytes)}")
    return None


def add_uploads(assistant: Assistant, paths: list[str | Path], *, max_bytes: int,
                progress: Callable[[int, int, str], None] | None = None,
                on_page: Callable[[str, int, int], None] | None = None,
                on_wait: Callable[[], None] | None = None) -> list[FileResult]:
    """Ingest the uploaded files; one result per file, in the order given. Raises ``StoreBusy``
    when another process keeps writing to the index past the lock timeout (nothing is written)."""
    results: list[FileResult | None] = []
    entries: list[tuple[str, Path]] = []
    slots: list[int] = []
    for raw in paths or []:
        path = Path(raw)
        name = safe_name(path.name)
        rejected = precheck(path, name, max_bytes)
        results.append(rejected)
        if rejected is None:
            slots.append(len(results) - 1)
            entries.append((name, path))
    if entries:
        files = LazyFiles(entries, max_bytes)
        done = assistant.add_files(files, progress=progress, on_page=on_page, on_wait=on_wait)  # type: ignore[arg-type]
        for i, (slot, result) in enumerate(zip(slots, done)):
            if i in files.errors:
                result = FileResult(entries[i][0], "rejected", files.errors[i])
            results[slot] = result
    return [r for r in results if r is not None]


def result_lines(results: list[FileResult]) -> str:
    if not results:
        return "No se seleccionó ningún archivo."
    return "\n".join(r.line() for r in results)


# How a result line looks, by outcome: (line start, CSS class, what the badge says). The lines come
# from ``FileResult.line()`` (ingest/results.py) and ``progress_line``; the first match wins.
OUTCOMES = (
    (re.compile(r"^✔ .*?: agregado:"), "up-added", "agregado"),
    (re.compile(r"^✔ .*?: reemplazado:"), "up-replaced", "reemplazado"),
    (re.compile(r"^✔ "), "up-added", "listo"),
    (re.compile(r"^= "), "up-unchanged", "sin cambios"),
    (re.compile(r"^✘ "), "up-rejected", "rechazado"),
    (re.compile(r"^⏳ "), "up-working", "en curso"),
)
PROGRESS_MARK = "⏳ "


def outcome(line: str) -> tuple[str, str]:
    """The CSS class and badge of one result line («up-other», "" for a line of no known shape)."""
    return next(((css, badge) for pattern, css, badge in OUTCOMES if pattern.match(line)), ("up-other", ""))


def progress_line(desc: str, done: int, total: int, elapsed_s: float) -> str:
    """«⏳ Leyendo «a.pdf»: página 3 de 8 · 1 de 2 archivos listos · 12 s»"""
    parts = [desc] if desc else []
    if not desc.startswith(f"{done} de {total} "):  # the per-file step already says it
        parts.append(f"{done} de {total} archivo{'s' if total != 1 else ''} listo{'s' if done != 1 else ''}")
    return PROGRESS_MARK + " · ".join([*parts, f"{elapsed_s:.0f} s"])


def result_html(text: str | None) -> str:
    """The result lines (and the progress line while it runs) as coloured rows, for the upload tab."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return '<div class="up-lines up-empty">Los resultados aparecerán aquí, una línea por archivo.</div>'
    rows = []
    for line in lines:
        css, badge = outcome(line)
        body = line[2:] if line[:2] in ("✔ ", "✘ ", "= ", PROGRESS_MARK) else line
        tag = f'<span class="up-badge">{escape(badge)}</span>' if badge else ""
        rows.append(f'<div class="up-line {css}">{tag}<span class="up-text">{escape(body)}</span></div>')
    return '<div class="up-lines">' + "".join(rows) + "</div>"
