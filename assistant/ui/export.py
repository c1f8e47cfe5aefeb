"""The conversation as a Markdown file: each question, its answer and its citations in full.

Report text is data: every piece of it is escaped (``md``) so a Markdown viewer shows it as written,
never as a link, an image, a heading or a table."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..types import Filters
from .cards import dmy, pages_text, where
from .conversation import Turn

FILTER_NAMES = {"program": "programa", "ministry": "ministerio", "service": "servicio", "year": "año",
                "status": "calificación"}


# Escaped: what makes emphasis, code, headings, tables, math, HTML and the brackets of links and
# images. Parentheses and "!" stay (no link or image without an unescaped "]" or "[" before them),
# and so does a citation marker "[n]" unless "(" or ":" follows it (an inline link or a reference
# definition). Autolinks ("http://", "www.", "a@b") are broken with an entity.
_MD_PUNCT = re.compile(r"\[\d+\](?![(:\[])|([\\`*_\[\]#|~{}$<>])")
_AUTOLINK = ((re.compile(r":(?=//)"), "&#58;"), (re.compile(r"(www)\.", re.I), r"\1&#46;"), (re.compile("@"), "&#64;"))


def md(text: str) -> str:
    """``text`` as literal Markdown: markup characters backslash-escaped, autolinks broken."""
    text = _MD_PUNCT.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(0), text)
    for pattern, repl in _AUTOLINK:
        text = pattern.sub(repl, text)
    return text


def describe_filters(filters: Filters) -> str:
    parts = [f"{FILTER_NAMES[name]}: {md(str(value))}" for name, value in vars(filters).items() if value not in (None, "")]
    return "; ".join(parts)


def quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def citation_markdown(data: dict) -> str:
    means = md("; ".join(data["verification"])) or "—"
    status = md(data["status"] or "—") + (f" ({dmy(data['status_date'])})" if data["status_date"] else "")
    lines = [
        f"**[{data['n']}] {md(data['program'] or '')}** — {where(data)}",
        "",
        f"- Ministerio: {md(data['ministry'] or '—')}; servicio: {md(data['service'] or '—')}; "
        f"año: {data['year'] or '—'}",
        f"- Calificación: {status}",
        f"- Medios de verificación: {means}",
        f"- Archivo: {md(data['source'] or '')}, {pages_text(data['pages'])}",
    ]
    if data["highlights"]:
        lines.append("- Frases usadas: " + " / ".join(f"«{md(h)}»" for h in data["highlights"]))
    return "\n".join(lines) + "\n\n" + quote(md(data["passage"]))


def conversation_markdown(turns: list[Turn], *, now: datetime | None = None) -> str:
    now = now or datetime.now()
    out = ["# Consulta de Informes de Egreso", "",
           f"Exportada el {now:%d-%m-%Y} a las {now:%H:%M}. {len(turns)} pregunta(s).", ""]
    for i, turn in enumerate(turns, 1):
        out += [f"## {i}. {md(turn.question)}", ""]
        if not turn.filters.is_empty():
            out += [f"_Filtros: {describe_filters(turn.filters)}_", ""]
        out += [md(turn.answer.answer), ""]
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
