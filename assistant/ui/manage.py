"""The handlers that change or show the index: upload, list, remove, and the refreshed choices."""
from __future__ import annotations

import logging

import gradio as gr

from ..service import Assistant
from . import reports_view
from .filters import FILTER_FIELDS, choices, keep
from .upload import add_uploads, result_lines

log = logging.getLogger(__name__)


class ManageHandlers:
    def __init__(self, assistant: Assistant, max_upload_mb: int) -> None:
        self.assistant = assistant
        self.max_bytes = max_upload_mb * 1024 * 1024

    # -- upload -----------------------------------------------------------------------------
    def upload(self, files: list[str] | None, progress=gr.Progress()) -> str:
        """One line per file: added, replaced, unchanged, duplicate or rejected (and why)."""
        def step(i: int, n: int, name: str) -> None:
            progress((i, n), desc=f"Leyendo e indexando «{name}» ({i + 1} de {n})", unit="archivos")

        results = add_uploads(self.assistant, list(files or []), max_bytes=self.max_bytes, progress=step)
        log.info("upload: %s", "; ".join(f"{r.source}={r.action}" for r in results))
        return result_lines(results)

    # -- index ------------------------------------------------------------------------------
    def table(self) -> list[list]:
        return reports_view.table_rows(self.assistant.reports())

    def refresh(self, *current):
        """Outputs: header, table, summary, removal choices, then one update per filter dropdown."""
        reports = self.assistant.reports()
        facets = self.assistant.facets()
        filter_updates = []
        for name, value in zip(FILTER_FIELDS, current):
            options = choices(facets.get(name, []))
            filter_updates.append(gr.update(choices=options, value=keep(value, options)))
        return (header_html(reports), reports_view.table_rows(reports), reports_view.summary(reports),
                gr.update(choices=reports_view.removal_choices(reports), value=None), *filter_updates)

    def ask_removal(self, source: str | None):
        """Outputs: confirmation box, its text, the message line."""
        if not source:
            return gr.update(visible=False), "", "Elija primero el informe que desea quitar."
        text = reports_view.confirm_text(self.assistant.reports(), source)
        if text is None:
            return gr.update(visible=False), "", "Ese informe ya no está en el índice."
        return gr.update(visible=True), text, ""

    def remove(self, source: str | None) -> str:
        if not source:
            return "Elija primero el informe que desea quitar."
        if self.assistant.remove(source):
            return f"✔ {source}: quitado del índice."
        return f"✘ {source}: no estaba en el índice."


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
