"""The flagship follow-up in the app, in a real browser (Debian's Chromium through Playwright):
«¿Por qué se canceló el programa de Asociatividad?», then «¿Y cuáles fueron sus medios de
verificación?» answers from the same commitment with a lead that says so; after «Nueva
conversación» the same follow-up is read alone again."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import REAL_REPORT
from tests.test_app_server import running_app, upload
from tests.test_browser import ask, browser_context  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.integration, pytest.mark.skipif(not REAL_REPORT.exists(), reason="no shared real report")]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from gradio_client import Client

    work = tmp_path_factory.mktemp("browser-conversation")
    report = work / REAL_REPORT.name
    shutil.copy(REAL_REPORT, report)
    with running_app(work / "store", work) as app:
        lines = upload(Client(app.url, verbose=False), [report])
        assert all(line.startswith("✔") for line in lines), lines
        yield app.url


def test_the_flagship_follow_up_stays_on_the_commitment(browser_context, app_url):  # noqa: F811
    page = browser_context.new_page()
    page.goto(app_url)
    page.wait_for_selector("#question textarea")
    ask(page, "¿Por qué se canceló el programa de Asociatividad?")
    ask(page, "¿Y cuáles fueron sus medios de verificación?")
    chat = page.locator("#chat").inner_text()
    assert "Sobre el compromiso 1.2 de Redes Pro Rubro:" in chat, chat
    assert "Documento Marco; Marco Lógico mejorado" in chat
    card = page.locator(".cite-cards").last.inner_text()
    assert "Rec. 1 · Comp. 2" in card, card

    page.get_by_role("button", name="Nueva conversación").click()
    page.wait_for_function("document.querySelectorAll('.cite-cards').length === 0")
    page.fill("#question textarea", "¿Y cuáles fueron sus medios de verificación?")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('verificación')"
                           " && document.querySelectorAll('#chat .message').length >= 2")
    page.wait_for_timeout(1500)
    assert "Sobre el compromiso" not in page.locator("#chat").inner_text()
    page.close()
