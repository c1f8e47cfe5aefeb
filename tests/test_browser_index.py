"""The «Índice» charts and the upload's result lines in a real browser (Debian's Chromium):
a click on a bar segment lands in the chat with that list; uploads show Spanish progress and
coloured lines, never Gradio's English «processing … s»."""
from __future__ import annotations

import pytest

from ingest.samples import generate_reports, sample_reports, write_reports
from tests.test_browser import app_store, app_url, browser_context, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.integration

HEALTH = "MINISTERIO DE SALUD"


def test_a_bar_segment_opens_its_list_in_the_chat(page):  # noqa: F811
    truth = next(r for r in sample_reports() if r.ministry == HEALTH)
    cancelled = [c for c in truth.commitments if c.status == "Cancelado"]
    page.get_by_role("tab", name="Índice").click()
    segment = page.locator(f'#chart-ministry .bar-seg[data-value="{HEALTH}"][data-status="Cancelado"]')
    assert segment.inner_text() == str(len(cancelled))
    year_segment = page.locator(f'#chart-year .bar-seg[data-value="{truth.year}"][data-status="Cancelado"]')
    assert year_segment.inner_text() == str(len(cancelled))  # the samples have one report a year

    segment.click()
    page.wait_for_function("document.querySelectorAll('.cite-cards').length > 0")
    assert page.get_by_role("tab", name="Consultar").get_attribute("aria-selected") == "true"
    chat = page.locator("#chat").inner_text()
    assert "¿Qué compromisos fueron cancelados?" in chat
    assert f"{len(cancelled)} compromiso con calificación «Cancelado» del {HEALTH}" in chat
    cards = page.locator(".cite-card")
    assert cards.count() == len(cancelled)
    card = cards.first.inner_text()
    assert truth.program in card and f"Rec. {cancelled[0].recommendation} · Comp. {cancelled[0].commitment}" in card
    assert page.locator("#filter-ministry input").input_value() == HEALTH
    assert page.locator("#filter-status input").input_value() == "Cancelado"


def test_upload_shows_spanish_progress_then_lines_coloured_by_outcome(page, tmp_path):  # noqa: F811
    report = generate_reports(3, seed=21)[2]
    write_reports([report], tmp_path, fmt="txt")
    new_file = next(tmp_path.glob("*.txt"))
    wrong = tmp_path / "foto.png"
    wrong.write_bytes(b"\x89PNG\r\n")
    page.get_by_role("tab", name="Agregar informes").click()
    # everything the tab shows while it runs: our lines, and any progress text Gradio makes visible
    page.evaluate("""() => { window.seenUpload = []; window.gradioProgress = [];
        new MutationObserver(() => {
          window.seenUpload.push(document.querySelector('#upload-lines').innerText);
          document.querySelectorAll('.wrap:not(.hide) .progress-text, .wrap:not(.hide) .meta-text, '
                                    + '.wrap:not(.hide) .meta-text-center')
            .forEach((e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && window.gradioProgress.push((e.closest('[id]')?.id || '?') + ': ' + e.innerText));
        }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true}); }""")
    page.locator("#upload-files input[type=file]").set_input_files([str(new_file), str(wrong)])
    page.wait_for_selector("#upload-files table.file-preview")
    page.locator("#upload-button").click()
    page.wait_for_selector("#upload-lines .up-rejected")
    added = page.locator("#upload-lines .up-added")
    assert added.count() == 1 and f"{new_file.name}: agregado: {report.program}" in added.inner_text()
    rejected = page.locator("#upload-lines .up-rejected").inner_text()
    assert "foto.png" in rejected and "tipo de archivo no soportado" in rejected
    colours = {css: page.locator(f"#upload-lines .{css}").evaluate("e => getComputedStyle(e).borderLeftColor")
               for css in ("up-added", "up-rejected")}
    assert colours["up-added"] != colours["up-rejected"]
    seen = "\n".join(page.evaluate("window.seenUpload"))
    assert "en curso" in seen and "archivos listos" in seen  # the Spanish progress line was shown while it ran
    shown = [text for text in page.evaluate("window.gradioProgress") if text.strip()]
    assert not [text for text in shown if "processing" in text.lower()], shown  # never Gradio's English progress

    page.get_by_role("tab", name="Índice").click()  # the new report's bar is there at once
    segment = page.locator(f'#chart-ministry .bar-seg[data-value="{report.ministry}"]')
    segment.first.wait_for()
