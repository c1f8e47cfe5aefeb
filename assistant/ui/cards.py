"""HTML for answers and citations. Every piece of report text is escaped before it is shown: as HTML,
and, where the chat renders Markdown, as Markdown too (``literal``)."""
from __future__ import annotations

import re
import unicodedata
from html import escape

from ingest.text import dmy
from ingest.text import pages_label as pages_text

from ..types import Answer, Citation
from .labels import Labels, labels

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


def badge(status: str | None, date: str | None = None, lab: Labels | None = None) -> str:
    """The status once, in the labels' language («Cancelled» for an English question), with its date."""
    text = literal((lab or labels("es")).status(status))
    when = f' <span class="badge-date">{escape(dmy(date))}</span>' if date else ""
    return f'<span class="badge {status_class(status)}">{text}{when}</span>'


def answer_markdown(answer: str, n_citations: int, turn: int | None = None) -> str:
    """The answer text for the chat: shown literally (HTML and Markdown escaped), citation markers [n] styled
    and, given the ``turn``, clickable (class «cite-T-N», like the cards). A bare ``[7]`` cannot become a
    link: the ``(`` and ``:`` a link needs are escaped."""
    out, pos = [], 0
    for m in REF.finditer(answer):
        n = int(m.group(1))
        key = f" cite-{turn}-{n}" if turn is not None else ""
        out += [literal(answer[pos:m.start()]), f'<span class="ref{key}" title="[{n}]">[{n}]</span>'
                if 1 <= n <= n_citations else m.group(0)]
        pos = m.end()
    out.append(literal(answer[pos:]))
    return "".join(out)


def where(data: dict, lab: Labels | None = None) -> str:
    """«Rec. 2 · Comp. 1» for a commitment, «Encabezado del informe» for a header row."""
    if data.get("recommendation") is None:
        return (lab or labels("es"))("header_row")
    return f"Rec. {data['recommendation']} · Comp. {data['commitment']}"


def doubt(warnings: list[str], lab: Labels | None = None) -> str:
    """The warning badge of a row whose reading is doubtful ("" when it validated)."""
    if not warnings:
        return ""
    text = escape((lab or labels("es"))("doubtful", warnings="\0"))  # the label as written, the report's words literal
    return f'<div class="card-doubt">⚠ {text.replace(chr(0), literal("; ".join(warnings)))}</div>'


def card(citation: Citation, key: str, lab: Labels | None = None) -> str:
    """One card; its class «cite-T-N» (T: the turn, N: the citation) lets a click open it
    (the chat's HTML sanitiser keeps classes, not data attributes). Labels in ``lab``'s language."""
    lab = lab or labels("es")
    data = citation.to_json()
    means = "; ".join(data["verification"])
    means_html = (f'<div class="card-verif"><b>{escape(lab("verification"))}:</b> {literal(means)}</div>' if means
                  else f'<div class="card-verif muted">{escape(lab("no_verification"))}</div>')
    means_html += doubt(data["warnings"], lab)  # a doubtful reading says so under the means
    return (
        f'<div class="cite-card cite-{key.replace(":", "-")}" title="{escape(lab("open_title"))}">'
        f'<div class="card-head"><span class="card-n">{data["n"]}</span>'
        f'<span class="card-prog">{literal(data["program"] or "")}</span></div>'
        f'<div class="card-sub">{badge(data["status"], data["status_date"], lab)}'
        f'<span class="card-meta">{literal(data["ministry"] or "")} · <b>{escape(where(data, lab))}</b></span></div>'
        f"{means_html}"
        f'<div class="card-file"><span>{literal(data["source"] or "")} · {escape(pages_text(data["pages"]))}</span>'
        f'<span class="card-open">{escape(lab("open_passage"))}</span></div>'
        "</div>")


def cards(answer: Answer, turn: int, lab: Labels | None = None) -> str:
    """The citation cards that follow an answer in the chat (empty when it has none)."""
    if not answer.citations:
        return ""
    lab = lab or labels(answer.language)
    body = "".join(card(c, f"{turn}:{c.n}", lab) for c in answer.citations)
    title = lab("cards_title", citations=lab.count("citations", len(answer.citations)),
                seconds=lab.seconds(answer.elapsed_ms))
    return f'<div class="cite-cards"><div class="cards-title">{escape(title)}</div>{body}</div>'


LIST_KINDS = ("list", "count")
SHORT_LIST = 5  # a list answer with more rows is grouped by program, its first rows shown, the rest in «ver todos»


def grouped(answer: Answer) -> bool:
    """A long list answer: shown grouped by program instead of one card per row."""
    return answer.kind in LIST_KINDS and len(answer.citations) > SHORT_LIST


def list_row(citation: Citation, key: str, lab: Labels | None = None) -> str:
    """One row of a grouped list: clickable like a card («cite-T-N»)."""
    lab = lab or labels("es")
    data, row = citation.to_json(), citation.row
    commitment = row.record.commitment_text if row.record else ""
    words = commitment.split()
    short = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return (f'<div class="cite-card list-row cite-{key.replace(":", "-")}" title="{escape(lab("open_title"))}">'
            f'<span class="card-n">{data["n"]}</span> <b>{escape(where(data, lab))}</b> '
            f'{badge(data["status"], data["status_date"], lab)} <span class="list-text">{literal(short)}</span>'
            f'{doubt(data["warnings"], lab)}</div>')


def list_group(citations: list[Citation], turn: int, total: int, *, more: bool = False,
               lab: Labels | None = None) -> str:
    """One program's rows under its name and its count (``more``: the group goes on from above)."""
    lab = lab or labels("es")
    program = citations[0].row.program
    continued = escape(lab("continued")) if more else ""
    head = (f'<div class="list-head"><span class="card-prog">{literal(program)}{continued}'
            f'</span><span class="list-count">{escape(lab.count("commitments", total))}</span></div>')
    rows = "".join(list_row(c, f"{turn}:{c.n}", lab) for c in citations)
    return f'<div class="list-group">{head}{rows}</div>'


def list_groups(citations: tuple[Citation, ...] | list[Citation], turn: int, totals: dict[str, int],
                seen: set[str], lab: Labels | None = None) -> str:
    """Consecutive rows of the same program as groups; ``seen``: programs already shown above (updated)."""
    out, start = [], 0
    for i in range(1, len(citations) + 1):
        program = citations[start].row.program
        if i == len(citations) or citations[i].row.program != program:
            out.append(list_group(list(citations[start:i]), turn, totals[program], more=program in seen, lab=lab))
            seen.add(program)
            start = i
    return "".join(out)


def grouped_list(answer: Answer, turn: int, first: int = SHORT_LIST, lab: Labels | None = None) -> str:
    """A long list answer in the chat: the first rows grouped by program, each program with its count,
    and every row behind «ver todos» (an HTML ``<details>``)."""
    lab = lab or labels(answer.language)
    citations = answer.citations
    totals: dict[str, int] = {}
    for c in citations:
        program = c.row.program
        totals[program] = totals.get(program, 0) + 1
    title = lab("list_title", count=len(citations), programs=lab.count("programs", len(totals)),
                seconds=lab.seconds(answer.elapsed_ms))
    title = f'<div class="cards-title">{escape(title)}</div>'
    seen: set[str] = set()
    shown = list_groups(citations[:first], turn, totals, seen, lab)
    rest = list_groups(citations[first:], turn, totals, seen, lab)
    see_all = escape(lab("see_all", count=len(citations), more=len(citations) - first))
    more = f'<details class="list-more"><summary>{see_all}</summary>{rest}</details>' if rest else ""
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


def passage_panel(citation: Citation, notice: str = "", *, caption: bool = False, lab: Labels | None = None) -> str:
    """The opened citation: where it comes from, its badge and the full passage with highlights.

    ``notice`` is about the page image: its caption (``caption=True``) or why there is none."""
    lab = lab or labels("es")
    data = citation.to_json()
    body = "".join(f"<p>{line}</p>" for line in passage_lines(citation))
    note = f'<div class="{"caption" if caption else "notice"}">{escape(notice)}</div>' if notice else ""
    return (
        '<div class="passage">'
        f'<div class="passage-head"><span class="card-n">{data["n"]}</span>'
        f'<span class="card-prog">{escape(data["program"] or "")}</span></div>'
        f'<div class="card-sub">{badge(data["status"], data["status_date"], lab)}'
        f'<span class="card-meta"><b>{escape(where(data, lab))}</b> · {escape(data["source"] or "")} · '
        f'{escape(pages_text(data["pages"]))}</span></div>'
        f'<div class="card-meta">{escape(data["ministry"] or "")} · {escape(data["service"] or "")} · '
        f'{escape(lab("year", year=data["year"] or "—"))}</div>'
        f'{doubt(data["warnings"], lab)}<div class="passage-body">{body}</div>{note}'
        "</div>")


EMPTY_PANEL = ('<div class="passage empty">Seleccione una cita (haga clic en una tarjeta o elíjala en la lista) '
               "para ver el pasaje completo, con las frases usadas resaltadas, y la página del informe.</div>")
