"""The table's header rows (``Recomendación | Compromiso | Cumplimiento``) and the header block above."""
from __future__ import annotations

from .. import fields
from .model import LINE_TOL, HeaderRow, Page, Rule, Word, group_lines

HEADER_KEYS = ({"recomendacion", "recomendaciones"}, {"compromiso", "compromisos"}, {"cumplimiento"})


def header_rows(page: Page) -> list[HeaderRow]:
    """Table header rows on the page: the three column titles side by side."""
    found: list[list[Word]] = [[], [], []]
    for word in page.words:
        key = fields.fold(word.text).strip(".:")
        for kind, keys in enumerate(HEADER_KEYS):
            if key in keys:
                found[kind].append(word)
    rows: list[HeaderRow] = []
    for rec in found[0]:
        com = [w for w in found[1] if abs(w.top - rec.top) <= 6 and w.x0 > rec.x1]
        cum = [w for w in found[2] if abs(w.top - rec.top) <= 6 and com and w.x0 > com[0].x1]
        if com and cum and not _words_between(page.words, rec, com[0], cum[0]):
            triple = (rec, com[0], cum[0])
            top, bottom = min(w.top for w in triple), max(w.bottom for w in triple)
            rows.append(HeaderRow(*_header_band(_crossing(page.hrules, triple), top, bottom), triple))
    return sorted(rows, key=lambda r: r.top)


def _words_between(words: list[Word], rec: Word, com: Word, cum: Word) -> bool:
    """Other words between the titles on their line: running text, not a header row."""
    return any(
        abs(w.top - rec.top) <= LINE_TOL and (rec.x1 < w.xc < com.x0 or com.x1 < w.xc < cum.x0)
        for w in words
    )


def _crossing(hrules: list[Rule], titles: tuple[Word, Word, Word]) -> list[Rule]:
    """Horizontal rulings that run under all three column titles: a header row's rulings span
    the table, where an underlined label (``Calificación:``, ``Fecha de Vencimiento:``) above or
    below the header is a short line inside one column."""
    rec, _, cum = titles
    return [r for r in hrules if r.start <= rec.x1 and r.end >= cum.x0]


def _header_band(hrules: list[Rule], top: float, bottom: float) -> tuple[float, float]:
    """Extend the header words' box to the rulings just above and below them, if any."""
    above = [r.pos for r in hrules if top - 20 < r.pos <= top + 0.5]
    below = [r.pos for r in hrules if bottom - 0.5 <= r.pos < bottom + 20]
    return (max(above) if above else top - 2), (min(below) if below else bottom + 2)


def in_header(page: Page, word: Word) -> bool:
    """Whether ``word`` lies inside one of the page's table header rows."""
    return any(h.top <= word.yc <= h.bottom for h in page.headers)


def header_text(pages: list[Page]) -> str:
    """Text above the first table header, with a blank line wherever the vertical gap is large."""
    out: list[str] = []
    for page in pages:
        words = page.words
        if page.headers:
            words = [w for w in words if w.bottom <= page.headers[0].top + 1]
        lines = group_lines(words)
        for prev, line in zip([None, *lines], lines):
            if prev is not None and line[0].top - prev[0].top > 1.6 * (prev[0].bottom - prev[0].top) + 2:
                out.append("")
            out.append(" ".join(w.text for w in line))
        if page.headers:
            break
        out.append("")
    return "\n".join(out)
