"""The handlers that change or show the index: upload, list, remove, and the refreshed choices."""
from __future__ import annotations

import logging
import queue
import secrets
from html import unescape
import threading
import time
from pathlib import Path

import gradio as gr

from vectorstore.lock import WAITING, StoreBusy
from ..service import Assistant
from . import charts, reports_view
from .filters import FILTER_FIELDS, choices, keep
from .upload import add_uploads, progress_line, result_lines, safe_name

log = logging.getLogger(__name__)

CONFIRMATION_TTL_S = 300  # a removal must be confirmed within this time


class Confirmations:
    """Single-use removal tokens, each bound to one report and valid for a few minutes.
    The UI's «Quitar…» and the /ask_removal endpoint issue them; /remove requires one."""

    def __init__(self, ttl_s: float = CONFIRMATION_TTL_S, clock=time.monotonic) -> None:
        self.ttl_s, self.clock = ttl_s, clock
        self._pending: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def issue(self, source: str) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            now = self.clock()
            self._pending = {t: v for t, v in self._pending.items() if v[1] > now}
            self._pending[token] = (source, now + self.ttl_s)
        return token

    def redeem(self, source: str, token: str | None) -> bool:
        """Whether ``token`` confirms removing ``source`` (it is used up either way)."""
        with self._lock:
            pending = self._pending.pop(token or "", None)
        return pending is not None and pending[0] == source and pending[1] > self.clock()


class ManageHandlers:
    def __init__(self, assistant: Assistant, max_upload_mb: int) -> None:
        self.assistant = assistant
        self.max_bytes = max_upload_mb * 1024 * 1024
        self.confirmations = Confirmations()

    # -- upload -----------------------------------------------------------------------------
    def upload(self, files: list[str] | None, progress=gr.Progress()) -> str:
        """One line per file: added, replaced, unchanged, duplicate or rejected (and why)."""
        files = list(files or [])
        finished = [0]

        def step(i: int, n: int, name: str) -> None:
            finished[0] = i
            progress((i, n), desc=f"{i} de {n} archivos listos (último: «{name}»)", unit="archivos")

        def page(name: str, done: int, total: int) -> None:  # scanned pages take seconds each
            progress((finished[0], len(files)), desc=f"Leyendo «{name}»: página {done} de {total}", unit="archivos")

        def wait() -> None:  # another process (python -m ingest) is writing
            progress((0, len(files)), desc=WAITING[0].upper() + WAITING[1:], unit="archivos")

        try:
            results = add_uploads(self.assistant, files, max_bytes=self.max_bytes, progress=step, on_page=page,
                                  on_wait=wait)
        except StoreBusy as exc:
            log.warning("upload refused: %s", exc)
            return busy_line(exc)
        log.info("upload: %s", "; ".join(f"{r.source}={r.action}" for r in results))
        return result_lines(results)

    def upload_live(self, files: list[str] | None):
        """The upload as the tab shows it: a Spanish progress line per file and per page, with the
        seconds elapsed, refreshed at least once a second (OCR takes seconds a page), then the result
        lines. The last value is ``upload``'s, so the /upload endpoint returns the same lines."""
        files = list(files or [])
        if not files:
            yield result_lines([])
            return
        updates: queue.SimpleQueue = queue.SimpleQueue()
        start = time.monotonic()

        def report(fraction, desc: str = "", **_) -> None:
            updates.put((fraction, desc))

        def run() -> None:
            try:
                updates.put(self.upload(files, progress=report))
            except Exception as exc:  # shown in the tab (never a progress line that spins forever), logged in full
                log.exception("upload failed")
                updates.put(f"✘ No se pudo completar la carga: {type(exc).__name__}: {exc}")

        state = ((0, len(files)), f"Leyendo «{safe_name(Path(files[0]).name)}»…")
        threading.Thread(target=run, name="upload", daemon=True).start()
        while True:
            yield progress_line(state[1], *state[0], time.monotonic() - start)
            try:
                item = updates.get(timeout=1.0)
            except queue.Empty:
                continue
            if isinstance(item, str):  # the result lines: done
                yield item
                return
            state = item

    # -- index ------------------------------------------------------------------------------
    def table(self) -> list[list]:
        return reports_view.table_rows(self.assistant.reports())

    def refresh(self, *current):
        """Outputs: header, table, summary, removal choices, one update per filter dropdown, then the
        two charts (by ministry, by year)."""
        reports = self.assistant.reports()
        facets = self.assistant.facets()
        filter_updates = []
        for name, value in zip(FILTER_FIELDS, current):
            options = choices(facets.get(name, []))
            filter_updates.append(gr.update(choices=options, value=keep(value, options)))
        return (header_html(reports), reports_view.table_rows(reports), reports_view.summary(reports),
                gr.update(choices=reports_view.removal_choices(reports), value=None), *filter_updates,
                charts.chart_html(reports, "ministry"), charts.chart_html(reports, "year"))

    def ask_removal(self, source: str | None):
        """Outputs: confirmation box, its text, the message line, the confirmation token."""
        if not source:
            return gr.update(visible=False), "", "Elija primero el informe que desea quitar.", ""
        text = reports_view.confirm_text(self.assistant.reports(), source)
        if text is None:
            return gr.update(visible=False), "", "Ese informe ya no está en el índice.", ""
        return gr.update(visible=True), text, "", self.confirmations.issue(source)

    def removal_request(self, source: str) -> dict:
        """The /ask_removal endpoint: what removing ``source`` would do, and the token /remove needs
        to do it (single use, valid for five minutes); no token for a report that is not indexed."""
        text = reports_view.confirm_text(self.assistant.reports(), source) if source else None
        if text is None:
            return {"source": source, "confirm": "Ese informe no está en el índice.", "token": ""}
        return {"source": source, "confirm": unescape(text), "token": self.confirmations.issue(source)}

    def remove(self, source: str | None, token: str | None = None) -> str:
        if not source:
            return "Elija primero el informe que desea quitar."
        if not self.confirmations.redeem(source, token):
            return (f"✘ {source}: no se quitó, falta la confirmación (pídala con «Quitar…» o /ask_removal "
                    f"y confirme en {CONFIRMATION_TTL_S // 60} minutos).")
        try:
            removed = self.assistant.remove(source)
        except StoreBusy as exc:
            return busy_line(exc)
        if removed:
            return f"✔ {source}: quitado del índice."
        return f"✘ {source}: no estaba en el índice."


def busy_line(exc: StoreBusy) -> str:
    return f"✘ No se hizo ningún cambio: {exc}."


def header_html(reports) -> str:
    n_rows = sum(sum(r.status_counts.values()) for r in reports)
    programs = len({r.program for r in reports})
    return (
        '<div id="app-header"><div>'
        '<div class="kicker">Sistema de Cumplimiento de Compromisos · DIPRES</div>'
        "<h1>Asistente de Informes de Egreso</h1>"
        "<p>Pregunte por los compromisos de los programas evaluados: cada respuesta cita el informe, "
        "la fila y la página de donde sale.</p></div>"
        '<div class="stats">'
        f'<div class="stat"><b>{len(reports)}</b><span>informes</span></div>'
        f'<div class="stat"><b>{programs}</b><span>programas</span></div>'
        f'<div class="stat"><b>{n_rows}</b><span>compromisos</span></div>'
        "</div></div>")
