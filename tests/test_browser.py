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
def app_url(tmp_path_factory):
    from gradio_client import Client

    work = tmp_path_factory.mktemp("browser")
    with running_app(work / "store", work) as app:
        lines = upload(Client(app.url, verbose=False), sample_pdfs(work / "samples"))
        assert all(line.startswith("✔") for line in lines), lines
        yield app.url


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
