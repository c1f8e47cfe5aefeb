"""A report as one HTML document: the header block, then the three-column table.

The same HTML goes to Chromium (which keeps the CSS borders and repeats ``<thead>`` on each page)
and to LibreOffice (which drops most cell borders when it converts an HTML table).
"""
from __future__ import annotations

from html import escape

from ingest.records import Report

from .variants import COLUMN_TITLES, Variant, cell_paragraphs, header_lines, sections_between


def _cell(paragraphs: list[str], valign: str, tag: str = "td") -> str:
    body = "".join(f'<p style="margin:0">{escape(p)}</p>' for p in paragraphs)
    return f'<{tag} valign="{valign}" style="vertical-align:{valign}">{body}</{tag}>'


def _style(variant: Variant) -> str:
    border = "0.6pt solid #000" if variant.rulings else "none"
    family = "serif" if variant.serif else "sans-serif"
    return (
        "@page { size: A4; margin: 18mm 15mm; }"
        f"body {{ font-family: {family}; font-size: 9pt; }}"
        "table { border-collapse: collapse; width: 100%; table-layout: fixed; }"
        f"td, th {{ border: {border}; padding: 3pt 4pt; text-align: left; }}"
        "th { font-weight: bold; }"
        "tr { page-break-inside: auto; break-inside: auto; }"
    )


def render_html(report: Report, variant: Variant) -> str:
    """The whole document; ``report`` is the truth record (after ``apply_variant``)."""
    lines = header_lines(report)
    head = [f"<p><b>{escape(lines[0])}</b></p>"] + [f'<p style="margin:2pt 0">{escape(t)}</p>' for t in lines[1:]]
    titles = "".join(f'<th width="{w}%">{escape(t)}</th>' for t, w in zip(COLUMN_TITLES, (28, 30, 42)))
    header_row = f"<tr>{titles}</tr>"
    rows: list[str] = []
    for section, c in sections_between(report.commitments):
        if section:
            rows.append(f'<tr><td colspan="3"><p style="margin:0"><b>{escape(section)}</b></p></td></tr>')
        rows.append("<tr>" + "".join(_cell(p, variant.valign) for p in cell_paragraphs(c, variant)) + "</tr>")
    border = ' border="1" cellspacing="0"' if variant.rulings else ' border="0" cellspacing="0"'
    if variant.repeat_header:
        table = f"<table{border}><thead>{header_row}</thead><tbody>{''.join(rows)}</tbody></table>"
    else:
        table = f"<table{border}><tbody>{header_row}{''.join(rows)}</tbody></table>"
    return (
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">'
        f"<title>Informe de Egreso: {escape(report.program)}</title><style>{_style(variant)}</style></head>"
        f"<body>{''.join(head)}{table}</body></html>"
    )
