"""HTML for answers and citations. Every piece of report text is escaped before it is shown: as HTML,
and, where the chat renders Markdown, as Markdown too (``literal``)."""
from __future__ import annotations

import re
import unicodedata
from html import escape

from ingest.text import dmy
from ingest.text import pages_label as pages_text

from ..types import Answer, Citation

STATUS_CLASSES = {
    "cumplido": "st-ok",
    "parcialmente cumplido": "st-partial",
    "no cumplido": "st-fail",
    "cancelado": "st-cancel",
}
REF = re.compile(r"\[(\d+)\]")
# Characters HTML or the chat's Markdown (links, images, emphasis, code, headings, tables, math,
# reference definitions, autolinks "http:" and "a@b") would read as markup, as numeric entities:
# the browser shows them as written and the Markdown parser sees no structure in them.
_LITERAL = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'`*_[]()!#|~{}$:@^="})
_WWW = re.compile(r"(www)\.", re.I)  # "www.x.cl" is an autolink too


def literal(text: str) -> str:
    """``text`` shown exactly as written inside Markdown-rendered HTML: no tag, link, image or emphasis."""
    return _WWW.sub(r"\1&#46;", text.translate(_LITERAL))


def status_class(status: str | None) -> str:
    """The badge colour class of a status (report statuses such as «Egresado» are neutral)."""
    return STATUS_CLASSES.get((status or "").strip().lower(), "st-other")


def badge(status: str | None, date: str | None = None) -> str:
    text = literal(status or "sin calificación")
    when = f' <span class="badge-date">{escape(dmy(date))}</span>' if date else ""
    return f'<span class="badge {status_class(status)}">{text}{when}</span>'


def answer_markdown(answer: str, n_citations: int) -> str:
    """The answer text for the chat: shown literally (HTML and Markdown escaped), citation markers [n] styled.
    A bare ``[7]`` cannot become a link: the ``(`` and ``:`` a link needs are escaped."""
    out, pos = [], 0
    for m in REF.finditer(answer):
        n = int(m.group(1))
        out += [literal(answer[pos:m.start()]), f'<span class="ref">[{n}]</span>' if 1 <= n <= n_citations
                else m.group(0)]
        pos = m.end()
    out.append(literal(answer[pos:]))
    return "".join(out)


def where(data: dict) -> str:
    """«Rec. 2 · Comp. 1» for a commitment, «Encabezado del informe» for a header row."""
    if data.get("recommendation") is None:
        return "Encabezado del informe"
    return f"Rec. {data['recommendation']} · Comp. {data['commitment']}"


def doubt(warnings: list[str]) -> str:
    """The warning badge of a row whose reading is doubtful ("" when it validated)."""
    if not warnings:
        return ""
    return f'<div class="card-doubt">⚠ lectura dudosa: {literal("; ".join(warnings))}</div>'


def card(citation: Citation, key: str) -> str:
    """One card; its class «cite-T-N» (T: the turn, N: the citation) lets a click open it
    (the chat's HTML sanitiser keeps classes, not data attributes)."""
    data = citation.to_json()
    means = "; ".join(data["verification"])
    means_html = (f'<div class="card-verif"><b>Medios de verificación:</b> {literal(means)}</div>' if means
                  else '<div class="card-verif muted">Sin medios de verificación informados</div>')
    means_html += doubt(data["warnings"])  # a doubtful reading says so under the means
    return (
        f'<div class="cite-card cite-{key.replace(":", "-")}" title="Ver el pasaje y la página">'
        f'<div class="card-head"><span class="card-n">{data["n"]}</span>'
        f'<span class="card-prog">{literal(data["program"] or "")}</span></div>'
        f'<div class="card-sub">{badge(data["status"], data["status_date"])}'
        f'<span class="card-meta">{literal(data["ministry"] or "")} · <b>{escape(where(data))}</b></span></div>'
        f"{means_html}"
        f'<div class="card-file"><span>{literal(data["source"] or "")} · {escape(pages_text(data["pages"]))}</span>'
        f'<span class="card-open">Ver pasaje ›</span></div>'
        "</div>")


def cards(answer: Answer, turn: int) -> str:
    """The citation cards that follow an answer in the chat (empty when it has none)."""
    if not answer.citations:
        return ""
    body = "".join(card(c, f"{turn}:{c.n}") for c in answer.citations)
    count = len(answer.citations)
    label = "1 cita" if count == 1 else f"{count} citas"
    seconds = f"{answer.elapsed_ms / 1000:.2f}".replace(".", ",")
    return (f'<div class="cite-cards"><div class="cards-title">{label} · respondida en {seconds} s · '
            f'haga clic en una cita para ver el pasaje y la página</div>{body}</div>')


LIST_KINDS = ("list", "count")
SHORT_LIST = 5  # a list answer with more rows is grouped by program, its first rows shown, the rest in «ver todos»


def grouped(answer: Answer) -> bool:
    """A long list answer: shown grouped by program instead of one card per row."""
    return answer.kind in LIST_KINDS and len(answer.citations) > SHORT_LIST


def list_row(citation: Citation, key: str) -> str:
    """One row of a grouped list: clickable like a card («cite-T-N»)."""
    data, row = citation.to_json(), citation.row
    commitment = row.record.commitment_text if row.record else ""
    words = commitment.split()
    short = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return (f'<div class="cite-card list-row cite-{key.replace(":", "-")}" title="Ver el pasaje y la página">'
            f'<span class="card-n">{data["n"]}</span> <b>{escape(where(data))}</b> '
            f'{badge(data["status"], data["status_date"])} <span class="list-text">{literal(short)}</span>'
            f'{doubt(data["warnings"])}</div>')


def list_group(citations: list[Citation], turn: int, total: int, *, more: bool = False) -> str:
    """One program's rows under its name and its count (``more``: the group goes on from above)."""
    program = citations[0].row.program
    count = "1 compromiso" if total == 1 else f"{total} compromisos"
    head = (f'<div class="list-head"><span class="card-prog">{literal(program)}{" (continuación)" if more else ""}'
            f'</span><span class="list-count">{count}</span></div>')
    return f'<div class="list-group">{head}{"".join(list_row(c, f"{turn}:{c.n}") for c in citations)}</div>'


def list_groups(citations: tuple[Citation, ...] | list[Citation], turn: int, totals: dict[str, int],
                seen: set[str]) -> str:
    """Consecutive rows of the same program as groups; ``seen``: programs already shown above (updated)."""
    out, start = [], 0
    for i in range(1, len(citations) + 1):
        program = citations[start].row.program
        if i == len(citations) or citations[i].row.program != program:
            out.append(list_group(list(citations[start:i]), turn, totals[program], more=program in seen))
            seen.add(program)
            start = i
    return "".join(out)


def grouped_list(answer: Answer, turn: int, first: int = SHORT_LIST) -> str:
    """A long list answer in the chat: the first rows grouped by program, each program with its count,
    and every row behind «ver todos» (an HTML ``<details>``)."""
    citations = answer.citations
    totals: dict[str, int] = {}
    for c in citations:
        program = c.row.program
        totals[program] = totals.get(program, 0) + 1
    seconds = f"{answer.elapsed_ms / 1000:.2f}".replace(".", ",")
    programs = "1 programa" if len(totals) == 1 else f"{len(totals)} programas"
    title = (f'<div class="cards-title">{len(citations)} compromisos en {programs} · respondida en {seconds} s · '
             f'haga clic en una fila para ver el pasaje y la página; la lista completa se descarga en CSV</div>')
    seen: set[str] = set()
    shown = list_groups(citations[:first], turn, totals, seen)
    rest = list_groups(citations[first:], turn, totals, seen)
    more = (f'<details class="list-more"><summary>Ver todos ({len(citations)} compromisos; '
            f'{len(citations) - first} más)</summary>{rest}</details>') if rest else ""
    return f'<div class="cite-cards cite-list">{title}{shown}{more}</div>'


def list_lead(answer: str) -> str:
    """The lines of a list answer before its first listed row (the count and its breakdown)."""
    lead = []
    for line in answer.splitlines():
        if REF.search(line):
            break
        lead.append(line)
    return "\n".join(lead) or answer


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def highlight(passage: str, sentences: tuple[str, ...] | list[str]) -> str:
    """The passage, escaped, with the sentences the answer used wrapped in <mark>."""
    passage = _fold(passage)
    spans: list[tuple[int, int]] = []
    for sentence in sorted({_fold(s).strip() for s in sentences if s and s.strip()}, key=len, reverse=True):
        start = passage.find(sentence)
        while start != -1:
            end = start + len(sentence)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = passage.find(sentence, end)
    out, pos = [], 0
    for start, end in sorted(spans):
        out += [escape(passage[pos:start]), "<mark>", escape(passage[start:end]), "</mark>"]
        pos = end
    out.append(escape(passage[pos:]))
    return "".join(out)


FIELD = re.compile(r"^(Recomendación \d+|Compromiso \d+|Fecha de vencimiento|Cumplimiento|Observación|"
                   r"Medios de verificación|Calificación)(:)")


def passage_lines(citation: Citation) -> list[str]:
    """The passage as HTML lines, without the two lines that repeat the card's head."""
    data = citation.to_json()
    lines = highlight(data["passage"], citation.highlights).split("\n")
    if lines and lines[0] == escape(data["program"] or ""):
        lines = lines[1:]
    if lines and data["label"] and lines[0].startswith(escape(data["label"])):
        lines = lines[1:]
    return [FIELD.sub(r"<b>\1\2</b>", line) for line in lines if line.strip()]


def passage_panel(citation: Citation, notice: str = "", *, caption: bool = False) -> str:
    """The opened citation: where it comes from, its badge and the full passage with highlights.

    ``notice`` is about the page image: its caption (``caption=True``) or why there is none."""
    data = citation.to_json()
    body = "".join(f"<p>{line}</p>" for line in passage_lines(citation))
    note = f'<div class="{"caption" if caption else "notice"}">{escape(notice)}</div>' if notice else ""
    return (
        '<div class="passage">'
        f'<div class="passage-head"><span class="card-n">{data["n"]}</span>'
        f'<span class="card-prog">{escape(data["program"] or "")}</span></div>'
        f'<div class="card-sub">{badge(data["status"], data["status_date"])}'
        f'<span class="card-meta"><b>{escape(where(data))}</b> · {escape(data["source"] or "")} · '
        f'{escape(pages_text(data["pages"]))}</span></div>'
        f'<div class="card-meta">{escape(data["ministry"] or "")} · {escape(data["service"] or "")} · '
        f'Año {escape(str(data["year"] or "—"))}</div>'
        f'{doubt(data["warnings"])}<div class="passage-body">{body}</div>{note}'
        "</div>")


EMPTY_PANEL = ('<div class="passage empty">Seleccione una cita (haga clic en una tarjeta o elíjala en la lista) '
               "para ver el pasaje completo, con las frases usadas resaltadas, y la página del informe.</div>")
