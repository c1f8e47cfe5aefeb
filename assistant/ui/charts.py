"""The «Índice» tab's overview: commitments by status per ministry and per evaluation year, as
stacked bars; a click on a bar segment asks the chat for that list (its filters set).

Why HTML bars and not gr.BarPlot: Gradio's native plots fire ``.select`` only for an x-interval
dragged with the mouse (a Vega-Lite brush) and report only the x categories, never the colour
segment; a plain click on a bar does nothing. A manager clicks the «Cancelado» part of a
ministry's bar; that needs one element per segment, so the bars are buttons (keyboard and
screen-reader friendly too) in a ``gr.HTML`` whose script sends ``{by, value, status}``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

import gradio as gr

from ingest.records import STATUSES
from ..catalog import ReportInfo
from .cards import status_class
from .filters import ALL, FILTER_FIELDS

BY = {"ministry": "Compromisos por calificación y ministerio",
      "year": "Compromisos por calificación y año de evaluación"}
# The question a click asks, per status. The bar's ministry or year goes in the filters, not in the
# words: a ministry named in a question may also match a service («… DE EDUCACIÓN» -> «SUBSECRETARÍA
# DE EDUCACIÓN») and narrow the list; the answer names its scope («… del MINISTERIO DE SALUD»).
STATUS_QUESTIONS = {
    "Cumplido": "¿Qué compromisos se cumplieron?",
    "Parcialmente cumplido": "¿Qué compromisos quedaron parcialmente cumplidos?",
    "No cumplido": "¿Qué compromisos no se cumplieron?",
    "Cancelado": "¿Qué compromisos fueron cancelados?",
}
SMALL_WORDS = {"de", "del", "la", "las", "los", "el", "y", "e", "en", "para", "a"}

# Delegated on the component's root, so it survives every re-render of the bars.
CLICK_JS = """
element.addEventListener('click', (event) => {
  const seg = event.target.closest('.bar-seg');
  if (!seg) return;
  trigger('click', {by: seg.dataset.by, value: seg.dataset.value, status: seg.dataset.status});
});
"""


@dataclass(frozen=True)
class Bar:
    value: str  # the filter value (a ministry as indexed, or a year)
    label: str  # as shown
    counts: dict  # status -> commitments

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def bars(reports: list[ReportInfo], by: str) -> list[Bar]:
    """One bar per ministry (most commitments first) or per year (oldest first), counts per status."""
    groups: dict[str, Counter] = {}
    for report in reports:
        key = report.ministry if by == "ministry" else (str(report.year) if report.year else "")
        if not key:
            continue  # a report without that field cannot be filtered on it
        groups.setdefault(key, Counter()).update(report.status_counts)
    made = [Bar(key, ministry_label(key) if by == "ministry" else key, dict(counts)) for key, counts in groups.items()]
    if by == "ministry":
        return sorted(made, key=lambda b: (-b.total, b.label))
    return sorted(made, key=lambda b: b.value)


def ministry_label(name: str) -> str:
    """«MINISTERIO DE ECONOMÍA, FOMENTO Y TURISMO» -> «Ministerio de Economía, Fomento y Turismo»."""
    if name != name.upper():
        return name
    words = name.lower().split(" ")
    return " ".join(w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def chart_html(reports: list[ReportInfo], by: str) -> str:
    """The chart as HTML: a legend, then one row per bar (label, segments as buttons, total)."""
    made = bars(reports, by)
    title = f'<div class="chart-title">{escape(BY[by])}</div>'
    if not made:
        return f'<div class="chart chart-empty">{title}<p>No hay informes indexados todavía.</p></div>'
    widest = max(b.total for b in made) or 1
    legend = "".join(f'<span class="legend-item"><i class="legend-dot {status_class(s)}"></i>{escape(s)}</span>'
                     for s in STATUSES)
    rows = "".join(bar_row(b, by, widest) for b in made)
    hint = '<div class="chart-hint">Haga clic en una parte de una barra para ver esos compromisos en la consulta.</div>'
    return (f'<div class="chart" data-by="{by}">{title}<div class="chart-legend">{legend}</div>'
            f'<div class="chart-rows">{rows}</div>{hint}</div>')


def bar_row(bar: Bar, by: str, widest: int) -> str:
    segments = []
    for status in STATUSES:
        n = bar.counts.get(status, 0)
        if not n:
            continue
        tip = f"{bar.label}: {n} {status.lower()} — clic para ver la lista"
        segments.append(
            f'<button type="button" class="bar-seg {status_class(status)}" style="flex-grow:{n}" '
            f'data-by="{by}" data-value="{escape(bar.value, quote=True)}" data-status="{escape(status, quote=True)}" '
            f'title="{escape(tip, quote=True)}" aria-label="{escape(tip, quote=True)}">{n}</button>')
    width = max(100 * bar.total / widest, 4)
    return (f'<div class="bar-row"><div class="bar-label" title="{escape(bar.value, quote=True)}">{escape(bar.label)}</div>'
            f'<div class="bar-track"><div class="bar" style="width:{width:.1f}%">{"".join(segments)}</div></div>'
            f'<div class="bar-total">{bar.total}</div></div>')


def question(status: str) -> str:
    return STATUS_QUESTIONS.get(status, f"¿Qué compromisos tienen calificación «{status}»?")


def filter_values(by: str, value: str, status: str) -> tuple[str, ...]:
    """The filter dropdowns' values, in FILTER_FIELDS order, for a click: that ministry or year and
    that status; the other filters back to «Todos» (the list is the bar's, nothing narrower)."""
    chosen = {by: value, "status": status}
    return tuple(chosen.get(name, ALL) for name in FILTER_FIELDS)


def clicked(data: dict | None) -> tuple[str, str, str] | None:
    """(by, value, status) from the click's data, or None for data no bar sends."""
    data = data or {}
    by, value, status = (str(data.get(k) or "") for k in ("by", "value", "status"))
    if by not in BY or not value or status not in STATUSES:
        return None
    return by, value, status


def open_list(evt: gr.EventData):
    """A click on a segment. Outputs: the question box, the filters (FILTER_FIELDS order), the tabs
    (to «Consultar»); the layout then asks the question as if the user had pressed Enter."""
    target = clicked(getattr(evt, "_data", None))
    if target is None:
        raise gr.Error("Ese gráfico no envió una barra válida.", title="Gráfico")
    by, value, status = target
    return (question(status), *filter_values(by, value, status), gr.Tabs(selected="consultar"))
