"""The conversation as a Markdown file: each question, its answer and its citations in full."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..types import Filters
from .cards import dmy, pages_text, where
from .conversation import Turn

FILTER_NAMES = {"program": "programa", "ministry": "ministerio", "service": "servicio", "year": "año",
                "status": "calificación"}


def describe_filters(filters: Filters) -> str:
    parts = [f"{FILTER_NAMES[name]}: {value}" for name, value in vars(filters).items() if value not in (None, "")]
    return "; ".join(parts)


def quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def citation_markdown(data: dict) -> str:
    means = "; ".join(data["verification"]) or "—"
    status = f"{data['status'] or '—'}" + (f" ({dmy(data['status_date'])})" if data["status_date"] else "")
    lines = [
        f"**[{data['n']}] {data['program']}** — {where(data)}",
        "",
        f"- Ministerio: {data['ministry'] or '—'}; servicio: {data['service'] or '—'}; año: {data['year'] or '—'}",
        f"- Calificación: {status}",
        f"- Medios de verificación: {means}",
        f"- Archivo: {data['source']}, {pages_text(data['pages'])}",
    ]
    if data["highlights"]:
        lines.append("- Frases usadas: " + " / ".join(f"«{h}»" for h in data["highlights"]))
    return "\n".join(lines) + "\n\n" + quote(data["passage"])


def conversation_markdown(turns: list[Turn], *, now: datetime | None = None) -> str:
    now = now or datetime.now()
    out = ["# Consulta de Informes de Egreso", "",
           f"Exportada el {now:%d-%m-%Y} a las {now:%H:%M}. {len(turns)} pregunta(s).", ""]
    for i, turn in enumerate(turns, 1):
        out += [f"## {i}. {turn.question}", ""]
        if not turn.filters.is_empty():
            out += [f"_Filtros: {describe_filters(turn.filters)}_", ""]
        out += [turn.answer.answer, ""]
        if turn.answer.citations:
            out += ["### Citas", ""]
            for citation in turn.answer.citations:
                out += [citation_markdown(citation.to_json()), ""]
    return "\n".join(out).rstrip() + "\n"


def write_export(turns: list[Turn], folder: Path) -> Path:
    """Write the conversation to ``folder``/conversacion.md (one folder per browser session)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "conversacion-informes.md"
    path.write_text(conversation_markdown(turns), encoding="utf-8")
    return path
