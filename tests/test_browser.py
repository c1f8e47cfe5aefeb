"""The app in a real browser (Debian's Chromium through Playwright): ask, read the answer, open a
citation (passage with highlights + page image), download the conversation, add and remove a report."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.helpers import running_app, sample_pdfs, upload

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def app_store(tmp_path_factory):
    """The running app's URL and its store folder (where feedback.jsonl is written)."""
    from gradio_client import Client

    work = tmp_path_factory.mktemp("browser")
    with running_app(work / "store", work) as app:
        lines = upload(Client(app.url, verbose=False), sample_pdfs(work / "samples"))
        assert all(line.startswith("✔") for line in lines), lines
        yield app.url, work / "store"


@pytest.fixture(scope="module")
def app_url(app_store):
    return app_store[0]


@pytest.fixture(scope="module")
def browser_context():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian package «chromium»); the browser test needs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS, locale="es-CL",
            viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


@pytest.fixture
def page(browser_context, app_url):
    page = browser_context.new_page()
    page.goto(app_url)
    page.wait_for_selector("#question textarea")
    yield page
    page.close()


def ask(page, question: str) -> None:
    before = page.locator(".cite-cards").count()
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.cite-cards').length > {before}")


def test_ask_see_the_answer_and_open_its_citation(page, tmp_path):
    ask(page, "¿Por qué se canceló la evaluación de impacto?")

    chat = page.locator("#chat")
    assert "La evaluación de impacto no se licitó" in chat.inner_text()
    card = page.locator(".cite-card").first
    card_text = card.inner_text()
    for text in ("Programa de Alfabetización Digital Escolar", "Rec. 2 · Comp. 2", "Cancelado", "31-12-2017",
                 "Oficio Ord. N° 458", "informe_egreso_alfabetizacion_digital_escolar.pdf", "p. 1"):
        assert text in card_text, text
    assert "st-cancel" in card.locator(".badge").get_attribute("class")

    card.click()
    marked = page.locator("#passage mark").first
    marked.wait_for()
    assert "no se licitó" in marked.inner_text()
    assert "Compromiso 2" in page.locator("#passage").inner_text()
    image = page.locator("#page-image img")
    image.wait_for()
    page.wait_for_function("document.querySelector('#page-image img').naturalWidth > 300")
    assert image.is_visible()

    with page.expect_download() as download_info:
        page.locator("#download").click()
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "## 1. ¿Por qué se canceló la evaluación de impacto?" in exported
    assert "### Citas" in exported and "Oficio Ord. N° 458" in exported


def test_the_citation_selector_opens_a_citation_too(page):
    ask(page, "¿Qué compromisos no se cumplieron?")
    options = page.locator("#cite-pick label")
    options.nth(2).wait_for()  # the selector is shown once there are citations (hidden after a refusal)
    assert options.count() == 3
    options.nth(1).click()
    page.wait_for_function("document.querySelector('#passage').innerText.includes('Atención Primaria Rural')")
    page.wait_for_function("document.querySelector('#page-image img')?.naturalWidth > 300")


def test_add_a_report_ask_about_it_and_remove_it_in_the_browser(page, tmp_path):
    from ingest.samples import generate_reports, write_reports

    report = next(r for r in generate_reports(5, seed=5) if r.status_counts().get("Cancelado"))
    write_reports([report], tmp_path, fmt="txt")
    new_file = next(tmp_path.glob("*.txt"))

    page.get_by_role("tab", name="Agregar informes").click()
    with page.expect_file_chooser() as chooser:  # as a user does: click the drop zone, pick the file
        page.locator("#upload-files button.upload-container").click()
    chooser.value.set_files(str(new_file))
    page.wait_for_selector("#upload-files table.file-preview")  # uploaded (not only «uploading»)
    assert new_file.stem in page.locator("#upload-files table.file-preview").inner_text()
    page.locator("#upload-button").click()
    page.wait_for_function("document.querySelector('#upload-results textarea').value.includes('agregado')")
    assert page.locator("#upload-results textarea").input_value().startswith(f"✔ {new_file.name}: agregado")

    page.get_by_role("tab", name="Índice").click()
    page.wait_for_selector(f"#reports-table :text('{new_file.name}')")

    page.get_by_role("tab", name="Consultar").click()
    page.locator("#filter-program input").click()
    page.get_by_role("option", name=report.program).click()
    ask(page, "¿Qué compromisos fueron cancelados?")
    page.locator(".cite-card").last.click()
    page.wait_for_selector("#passage .notice")
    assert "archivo de texto" in page.locator("#passage .notice").inner_text()  # text sources: no page image
    assert not page.locator("#page-image img").is_visible()

    page.get_by_role("tab", name="Índice").click()
    page.locator("#remove-pick input").click()
    page.get_by_role("option", name=f"{report.program} — {new_file.name}").click()
    page.get_by_role("button", name="Quitar…").click()
    confirm = page.locator("#confirm-remove")
    confirm.wait_for()
    assert new_file.name in page.get_by_text("¿Quitar").inner_text()
    confirm.click()
    page.get_by_text(f"✔ {new_file.name}: quitado del índice.").wait_for()
    page.wait_for_function(f"!document.querySelector('#reports-table').innerText.includes({new_file.name!r})")
    assert "informe_egreso_atencion_primaria_rural.pdf" in page.locator("#reports-table").inner_text()


@pytest.fixture
def pixel_server():
    """A local HTTP server standing in for the address a hostile report points to; counts requests."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/gif")
            self.end_headers()
            self.wfile.write(b"GIF89a")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()


def test_markdown_in_report_text_is_shown_as_text_and_fetches_nothing(page, app_url, pixel_server, tmp_path):
    """Issue 8, defect 2: a report cell holding a Markdown link and image is data, shown as written."""
    from gradio_client import Client

    from ingest.text_reader import render_text
    from tests.builders import report, row

    port, requests = pixel_server
    payload = f"[www.dipres.gob.cl/anexo](http://127.0.0.1:{port}/phish) ![f](http://127.0.0.1:{port}/pixel.gif)"
    hostile = report("Programa de Anexos Publicados", sha="c" * 64, source="anexos.txt", rows=(
        row(1, 1, "Cumplido", f"Se publicó el anexo técnico en {payload}", verification=(payload,)),))
    path = tmp_path / "anexos.txt"
    path.write_text(render_text(hostile), encoding="utf-8")
    assert upload(Client(app_url, verbose=False), [path])[0].startswith("✔ anexos.txt: agregado")

    page.reload()
    page.wait_for_selector("#question textarea")
    ask(page, "¿Dónde se publicó el anexo técnico del Programa de Anexos Publicados?")
    page.locator(".cite-card").last.click()
    page.wait_for_function(f"document.querySelector('#passage').innerText.includes('127.0.0.1:{port}/phish')")
    page.wait_for_timeout(1500)  # time for any image or prefetch to be requested

    links = page.eval_on_selector_all(f'a[href*="127.0.0.1:{port}"]', "els => els.map(e => e.outerHTML)")
    images = page.eval_on_selector_all(f'img[src*="127.0.0.1:{port}"]', "els => els.map(e => e.outerHTML)")
    assert requests == []
    assert links == [] and images == []
    chat = page.locator("#chat").inner_text()
    assert payload in chat, chat  # the answer and the card show the text literally
    assert payload in page.locator("#passage").inner_text()

    with page.expect_download() as download_info:
        page.locator("#download").click()
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert f"](http://127.0.0.1:{port}" not in exported and f"\\](http&#58;//127.0.0.1:{port}/phish)" in exported


def test_a_long_list_is_grouped_expands_with_ver_todos_and_downloads_as_csv(page):
    import csv
    import io
    import re

    ask(page, "¿Qué compromisos se cumplieron?")  # 8 rows in the samples (more if another test added a report)
    box = page.locator(".cite-list").last
    box.wait_for()
    total = int(re.match(r"(\d+) compromisos en \d+ programas", box.locator(".cards-title").inner_text()).group(1))
    assert total >= 8
    counts = {}  # program -> its count, from the group heads (a group split by «ver todos» repeats its head)
    for head in box.locator(".list-head").all():
        name = head.locator(".card-prog").text_content().replace(" (continuación)", "")
        counts[name] = int(head.locator(".list-count").text_content().split()[0])
    assert sum(counts.values()) == total and len(counts) >= 3
    details = box.locator("details.list-more")  # the chat's HTML sanitiser kept it
    assert details.count() == 1
    hidden = details.locator(".list-row")
    assert hidden.count() == total - 5 and not hidden.first.is_visible()
    assert box.locator(".list-row:visible").count() == 5
    details.locator("summary").click()
    hidden.first.wait_for(state="visible")
    assert box.locator(".list-row:visible").count() == total
    hidden.last.click()  # a row opens its passage like a card
    page.wait_for_function("document.querySelector('#passage').innerText.includes('Cumplido')")

    button = page.locator("#download-list")
    button.wait_for(state="visible")
    with page.expect_download() as download_info:
        button.click()
    raw = Path(download_info.value.path()).read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[0][:3] == ["Programa", "Ministerio", "Año"] and len(lines) == total + 1
    assert {line[5] for line in lines[1:]} == {"Cumplido"}
    per_program = {}
    for line in lines[1:]:
        per_program[line[0]] = per_program.get(line[0], 0) + 1
    assert per_program == counts

    ask(page, "¿Por qué se canceló la evaluación de impacto?")  # not a list: the CSV button goes away
    button.wait_for(state="hidden")


# ------------------------------------------------------------------ issue 11: the chat side


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def ask_and_wait_answer(page, question: str) -> None:
    """Like ``ask``, for answers that may have no cards (refusals): waits for the answer's tools line."""
    before = page.locator(".answer-tools").count()
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.answer-tools').length > {before}")


def test_at_1400x1000_the_controls_are_above_the_fold_and_passage_and_page_side_by_side(page):
    height = page.evaluate("innerHeight")
    for selector in ("#question textarea", "#ask-button", "#examples", "#download", "#new-conversation"):
        found = box(page, selector)
        assert found and found["y"] + found["height"] <= height, (selector, found, height)
    ask(page, "¿Por qué se canceló la evaluación de impacto?")
    page.locator(".cite-card").last.click()
    page.wait_for_function("document.querySelector('#page-image img')?.naturalWidth > 300")
    assert page.evaluate("scrollY") == 0  # checking the row needed no page scroll
    passage, image = box(page, "#passage"), box(page, "#page-image")
    assert image["x"] >= passage["x"] + passage["width"] - 1  # side by side
    for found in (passage, image):
        assert found["y"] < height and found["y"] + found["height"] <= height + 1, (found, height)
    # the long passage scrolls inside its own panel
    assert page.evaluate("(() => { const el = document.querySelector('#passage'); "
                         "return getComputedStyle(el).overflowY; })()") == "auto"


def test_at_390_px_nothing_runs_off_the_right_edge(browser_context, app_url):
    page = browser_context.new_page()
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(app_url)
        page.wait_for_selector("#question textarea")
        ask(page, "¿Por qué se canceló la evaluación de impacto?")
        page.locator(".cite-card").last.click()
        page.wait_for_function("document.querySelector('#page-image img')?.naturalWidth > 300")
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1], widths
        for tab in ("Agregar informes", "Índice"):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(500)
            widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert widths[0] <= widths[1], (tab, widths)
    finally:
        page.close()


def test_an_english_question_gets_english_cards_and_a_status_shown_once(page):
    ask(page, "Why was the impact evaluation cancelled?")
    cards_box = page.locator(".cite-cards").last
    text = cards_box.inner_text()
    assert "1 citation · answered in" in text and "Verification means" in text, text
    assert "Medios de verificación" not in text and "respondida" not in text
    badge = cards_box.locator(".badge").first.inner_text()
    assert badge.startswith("Cancelled") and "Cancelado" not in badge, badge


def test_a_citation_marker_opens_its_citation(page):
    ask(page, "¿Qué compromisos no se cumplieron?")
    last_cards = page.locator(".cite-cards").last
    second = last_cards.locator(".cite-card").nth(1).locator(".card-prog").inner_text()
    first = last_cards.locator(".cite-card").nth(0).locator(".card-prog").inner_text()
    assert first != second
    marker = page.locator(".ref[class*='cite-'][class$='-2']").last
    assert marker.inner_text() == "[2]"
    marker.click()
    page.wait_for_function(f"document.querySelector('#passage .passage-head')?.innerText.includes({second!r})")
    assert "active" in last_cards.locator(".cite-card").nth(1).get_attribute("class")


def test_active_filters_are_named_in_a_refusal_and_one_click_clears_them_and_asks_again(page):
    page.locator("#filter-program input").click()
    page.get_by_role("option", name="Programa de Atención Primaria Rural").click()
    ask_and_wait_answer(page, "¿Por qué se canceló la evaluación de impacto?")
    line = page.locator(".filters-line").last
    assert "Programa = Atención Primaria Rural" in line.inner_text()
    assert not page.locator("#cite-pick").is_visible()  # no empty «Citas» box after a refusal
    line.locator(".clear-filters").click()
    page.wait_for_function("document.querySelector('#chat').innerText.includes('La evaluación de impacto no se licitó')")
    assert page.locator("#filter-program input").input_value() == "Todos"
    page.locator("#cite-pick").wait_for(state="visible")


def test_the_empty_question_toast_is_in_spanish_and_goes_away(page):
    page.fill("#question textarea", "   ")
    page.keyboard.press("Enter")
    toast = page.locator(".toast-body").first
    toast.wait_for()
    assert "Escriba una pregunta" in toast.inner_text()
    # what the title shows: Gradio's «Warning» text is hidden (size 0), «Aviso» is drawn in its place
    shown = page.evaluate("""() => { const t = document.querySelector('.toast-body .toast-title');
        return [getComputedStyle(t).fontSize, getComputedStyle(t, '::after').content]; }""")
    assert shown == ["0px", '"Aviso"'], shown
    toast.wait_for(state="detached", timeout=12_000)  # it goes away by itself


def test_copy_puts_the_answer_text_on_the_clipboard(browser_context, page):
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"])
    ask(page, "¿Por qué se canceló la evaluación de impacto?")
    page.locator(".copy-answer").last.click()
    page.wait_for_function("document.querySelector('.copy-answer.done') !== null")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "La evaluación de impacto no se licitó" in copied
    assert "Copiar" not in copied and "No útil" not in copied


def test_a_thumbs_down_with_a_comment_is_written_beside_the_store(page, app_store):
    import json
    import time

    path = app_store[1] / "feedback.jsonl"
    before = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
    question = "¿Qué compromisos fueron cancelados?"
    ask(page, question)
    page.locator(".answer-tools .tool[class*='fb-down-']").last.click()
    page.locator("#feedback-text textarea").wait_for()
    page.fill("#feedback-text textarea", "Faltó el compromiso de Riego")
    page.locator("#feedback-send").click()
    page.locator("#feedback-text textarea").wait_for(state="hidden")  # sent: the comment box closes
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        if len(lines) >= before + 2:
            break
        time.sleep(0.2)
    records = [json.loads(line) for line in lines[before:]]
    assert [r["verdict"] for r in records] == ["down", "down"] and records[0]["id"] == records[1]["id"]
    assert records[1]["comment"] == "Faltó el compromiso de Riego" and records[1]["question"] == question
    assert records[1]["answer"]["kind"] == "list" and len(records[1]["answer"]["citations"]) >= 3


HEADER_WORDS_JS = """() => [...document.querySelectorAll('#reports-table th')].flatMap(th => {
  const cell = th.getBoundingClientRect(), bad = [];
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (rects.length > 1) bad.push(m[0] + ': broken inside the word');
      if (rects.some(r => r.right > cell.right + 1 || r.left < cell.left - 1)) bad.push(m[0] + ': clipped');
    }
  }
  return bad;
})"""


def test_at_1400x1000_no_index_header_is_broken_inside_a_word_or_clipped(page):
    page.get_by_role("tab", name="Índice").click()
    page.wait_for_selector("#reports-table th")
    page.wait_for_timeout(300)
    assert page.evaluate("innerWidth") == 1400
    headers = page.locator("#reports-table th").all_inner_texts()
    assert any("Parcialmente" in h for h in headers), headers
    assert page.evaluate(HEADER_WORDS_JS) == []
