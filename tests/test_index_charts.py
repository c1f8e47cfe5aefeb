"""Issue 11 (beyond, item 7): the status charts of the «Índice» tab and the upload's result lines.
Truth from the generator (the sample reports' own status counts), not from the chart code."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.types import Filters
from assistant.ui import charts
from assistant.ui.filters import ALL, FILTER_FIELDS, filters_from
from assistant.ui.upload import OUTCOMES, outcome, progress_line, result_html
from ingest.records import STATUSES
from ingest.results import FileResult
from ingest.samples import generate_reports, sample_reports
from tests.builders import filled_assistant, report, row

SEGMENT = re.compile(r'<button[^>]*class="bar-seg [^"]*"[^>]*data-by="(\w+)" data-value="([^"]*)" '
                     r'data-status="([^"]*)"[^>]*>(\d+)</button>')


@pytest.fixture(scope="module")
def generated():
    return [*sample_reports(), *generate_reports(6, seed=3)]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, generated):
    return filled_assistant(tmp_path_factory.mktemp("charts"), generated)


def truth(generated, by: str) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for r in generated:
        key = r.ministry if by == "ministry" else str(r.year)
        out.setdefault(key, Counter()).update(r.status_counts())
    return out


@pytest.mark.parametrize("by", ["ministry", "year"])
def test_every_segment_is_a_button_with_the_generators_count(assistant, generated, by):
    html = charts.chart_html(assistant.reports(), by)
    seen: dict[str, Counter] = {}
    for seg_by, value, status, n in SEGMENT.findall(html.replace("&amp;", "&")):
        assert seg_by == by and status in STATUSES
        seen.setdefault(value, Counter())[status] = int(n)
    assert seen == {k: +v for k, v in truth(generated, by).items()}


def test_bars_order_ministries_by_size_and_years_in_time(assistant):
    by_ministry = charts.bars(assistant.reports(), "ministry")
    assert [b.total for b in by_ministry] == sorted((b.total for b in by_ministry), reverse=True)
    years = [b.value for b in charts.bars(assistant.reports(), "year")]
    assert years == sorted(years)


@pytest.mark.parametrize("name, label", [
    ("MINISTERIO DE ECONOMÍA, FOMENTO Y TURISMO", "Ministerio de Economía, Fomento y Turismo"),
    ("MINISTERIO DE SALUD", "Ministerio de Salud"),
    ("Ministerio del Interior", "Ministerio del Interior"),  # mixed case is kept as written
])
def test_ministry_labels_read_as_names(name, label):
    assert charts.ministry_label(name) == label


def test_names_are_escaped_in_the_chart(tmp_path):
    odd = filled_assistant(tmp_path, [report(ministry='MINISTERIO <b>"X"</b>', rows=(row(1, 1),))])
    html = charts.chart_html(odd.reports(), "ministry")
    assert "<b>" not in html and "&lt;b&gt;" in html and 'data-value="MINISTERIO &lt;b&gt;&quot;X&quot;' in html


def test_an_empty_index_says_so():
    assert "No hay informes indexados" in charts.chart_html([], "year")


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("by", ["ministry", "year"])
def test_a_click_asks_for_exactly_the_rows_of_its_segment(assistant, generated, by, status):
    for value, counts in truth(generated, by).items():
        if not counts.get(status):
            continue
        question = charts.question(status)
        values = charts.filter_values(by, value, status)
        assert dict(zip(FILTER_FIELDS, values)) == {**{f: ALL for f in FILTER_FIELDS}, by: value, "status": status}
        answer = assistant.ask(question, filters=filters_from(*values))
        assert answer.kind == "list" and not answer.refused, answer.answer
        assert len(answer.citations) == counts[status], (question, answer.answer)
        for c in answer.citations:
            data = c.to_json()
            assert data["status"] == status and str(data[by]) == value


@pytest.mark.parametrize("data", [None, {}, {"by": "program", "value": "X", "status": "Cumplido"},
                                  {"by": "year", "value": "", "status": "Cumplido"},
                                  {"by": "year", "value": "2016", "status": "Aprobado"}])
def test_data_no_bar_sends_is_refused(data):
    assert charts.clicked(data) is None


def test_click_data_from_a_bar_is_read():
    assert charts.clicked({"by": "year", "value": "2016", "status": "Cancelado"}) == ("year", "2016", "Cancelado")


# ---------------------------------------------------------------------- upload lines by outcome

def lines_of_every_outcome(assistant_report):
    return {
        "up-added": FileResult("a.pdf", "added", report=assistant_report).line(),
        "up-replaced": FileResult("a.pdf", "replaced", report=assistant_report).line(),
        "up-unchanged": FileResult("a.pdf", "unchanged", "sin cambios (ya estaba indexado)").line(),
        "up-rejected": FileResult("a.pdf", "rejected", "tipo de archivo no soportado").line(),
    }


def test_each_outcome_line_gets_its_colour():
    lines = lines_of_every_outcome(report())
    lines["up-unchanged-duplicate"] = FileResult("b.pdf", "duplicate", "mismo contenido que «a.pdf»").line()
    for css, line in lines.items():
        assert outcome(line)[0] == css.removesuffix("-duplicate"), line
    assert outcome(progress_line("Leyendo «a.pdf»: página 2 de 5", 0, 1, 3.2))[0] == "up-working"
    assert outcome("No se seleccionó ningún archivo.") == ("up-other", "")
    assert {css for _, css, _ in OUTCOMES} >= {"up-added", "up-replaced", "up-unchanged", "up-rejected"}


def test_result_html_keeps_every_line_escaped_with_its_badge():
    lines = lines_of_every_outcome(report())
    evil = FileResult("<img src=x onerror=alert(1)>.pdf", "rejected", "tipo de archivo no soportado").line()
    html = result_html("\n".join([*lines.values(), evil]))
    assert html.count('class="up-line ') == 5 and "<img" not in html and "&lt;img" in html
    for badge in ("agregado", "reemplazado", "sin cambios", "rechazado"):
        assert f'<span class="up-badge">{badge}</span>' in html
    assert "up-empty" in result_html("")


@pytest.mark.parametrize("desc, done, total, expected", [
    ("Leyendo «a.pdf»: página 3 de 8", 0, 2, "⏳ Leyendo «a.pdf»: página 3 de 8 · 0 de 2 archivos listos · 12 s"),
    ("1 de 2 archivos listos (último: «a.pdf»)", 1, 2, "⏳ 1 de 2 archivos listos (último: «a.pdf») · 12 s"),
    ("", 0, 1, "⏳ 0 de 1 archivo listos · 12 s"),
])
def test_progress_line_in_spanish(desc, done, total, expected):
    assert progress_line(desc, done, total, 12.4) == expected


def test_upload_live_shows_progress_then_the_same_lines_as_the_endpoint(tmp_path):
    from assistant.ui.manage import ManageHandlers
    from ingest.text_reader import render_text

    assistant = filled_assistant(tmp_path)
    handlers = ManageHandlers(assistant, max_upload_mb=5)
    good = tmp_path / "riego.txt"
    good.write_text(render_text(report()), encoding="utf-8")
    bad = tmp_path / "foto.png"
    bad.write_bytes(b"\x89PNG")
    shown = list(handlers.upload_live([str(good), str(bad)]))
    assert shown[0].startswith("⏳ Leyendo «riego.txt»") and "0 de 2 archivos listos" in shown[0]
    final = shown[-1].splitlines()
    assert final[0].startswith("✔ riego.txt: agregado") and final[1].startswith("✘ foto.png: rechazado")
    assert all(s.startswith("⏳ ") for s in shown[:-1])
    assert list(handlers.upload_live([])) == ["No se seleccionó ningún archivo."]
