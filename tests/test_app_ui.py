"""The UI's pieces without a server: cards, page images, uploads, export, launch options, wiring."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.builders import meta_row
from assistant.settings import Settings
from assistant.types import Answer, Citation, Filters
from assistant.ui import cards, conversation, export, page_image, upload
from assistant.ui.conversation import Turn
from assistant.ui.filters import filters_from

EVIL = '<script>alert("x")</script>'


def citation(n: int = 1, *, program: str = "Programa de Riego", status: str = "Cancelado", passage: str | None = None,
             highlights: tuple[str, ...] = (), boxes=(), sha: str = "a" * 64, source: str = "riego.pdf") -> Citation:
    meta = {"program": program, "ministry": "MINISTERIO DE AGRICULTURA", "service": "CNR", "year": 2014,
            "source": source, "sha256": sha, "label": f"Riego · Rec. 2 · Comp. {n} · p. 1", "pages": "1",
            "recommendation": 2, "commitment": n, "status": status, "status_date": "2017-12-31",
            "verification": json.dumps(["Oficio N° 458"])}
    text = passage or (f"{program}\nRiego · Rec. 2 · Comp. {n} · p. 1. Calificación: {status} (31-12-2017).\n"
                       "Compromiso 1: Licitar la evaluación.\nCumplimiento: No se licitó. El programa terminó.")
    row = meta_row(f"r{n}", "commitment", meta, text, {"boxes": [list(b) for b in boxes]})
    return Citation(n, row, highlights)


# ------------------------------------------------------------------------ cards


@pytest.mark.parametrize("status, css", [("Cumplido", "st-ok"), ("Parcialmente cumplido", "st-partial"),
                                         ("No cumplido", "st-fail"), ("Cancelado", "st-cancel"),
                                         ("Egresado", "st-other"), (None, "st-other")])
def test_each_status_has_its_badge_colour(status, css):
    assert f'class="badge {css}"' in cards.badge(status, "2017-12-31")


def test_a_card_shows_program_ministry_numbers_badge_verification_file_and_pages():
    html = cards.card(citation(3, status="No cumplido"), "0:3")
    for text in ("Programa de Riego", "MINISTERIO DE AGRICULTURA", "Rec. 2 · Comp. 3", "st-fail", "No cumplido",
                 "31-12-2017", "Oficio N° 458", "riego.pdf", "p. 1", "cite-0-3"):
        assert text in html, text


def test_report_text_is_escaped_everywhere_it_is_shown():
    evil = citation(program=EVIL, passage=f"{EVIL}\nCumplimiento: {EVIL}", highlights=(EVIL,), source=f"{EVIL}.pdf")
    answer = Answer("q", f"Según {EVIL} [1]", False, (evil,))
    shown = [cards.card(evil, "0:1"), cards.passage_panel(evil), cards.cards(answer, 0),
             cards.answer_markdown(answer.answer, 1),
             conversation.messages([Turn(EVIL, answer)])[0]["content"]]
    for html in shown:
        assert "<script>" not in html
    assert "<mark>&lt;script&gt;" in cards.passage_panel(evil)


def test_highlights_mark_the_sentences_the_answer_used():
    c = citation(highlights=("No se licitó.",))
    panel = cards.passage_panel(c)
    assert "<mark>No se licitó.</mark>" in panel
    assert panel.count("<mark>") == 1
    assert "Riego · Rec. 2 · Comp. 1 · p. 1. Calificación" not in panel  # the head is not repeated


def test_citation_markers_in_the_answer_are_styled_only_when_they_exist():
    html = cards.answer_markdown("Dice esto [1] y aquello [2]; no [7].", 2)
    assert html.count('class="ref"') == 2 and "[7]" in html and 'ref">[7]' not in html


# --------------------------------------------------------------- conversation


def test_a_citation_key_finds_its_turn_and_number():
    first = Answer("a", "x [1]", False, (citation(1),))
    last = Answer("b", "y [1] [2]", False, (citation(1), citation(2)))
    turns = [Turn("a", first), Turn("b", last)]
    assert conversation.find_citation(turns, "1:2:1712345") is last.citations[1]
    assert conversation.find_citation(turns, "0:1") is first.citations[0]
    assert conversation.find_citation(turns, "2:1") is None and conversation.find_citation(turns, "x") is None
    assert [key for _, key in conversation.citation_choices(turns)] == ["1:1", "1:2"]


def test_the_chat_shows_each_answer_followed_by_its_cards():
    answer = Answer("¿Por qué?", "Porque sí [1].", False, (citation(1),))
    shown = conversation.messages([Turn("¿Por qué?", answer)], pending="¿Y?", partial="Bue")
    assert [m["role"] for m in shown] == ["user", "assistant", "assistant", "user", "assistant"]
    assert "cite-card" in shown[2]["content"] and shown[-1]["content"] == "Bue"


# ------------------------------------------------------------------ filters


def test_filters_from_the_dropdowns():
    assert filters_from("", "", "", "") == Filters()
    assert filters_from("P", None, "2014", "Cancelado") == Filters(program="P", year=2014, status="Cancelado")
    with pytest.raises(ValueError):
        filters_from(year="dos mil")


# -------------------------------------------------------------------- upload


@pytest.mark.parametrize("raw, safe", [
    ("../../etc/passwd.txt", "passwd.txt"),
    (r"C:\Users\ana\informe.pdf", "informe.pdf"),
    ("..", "informe"),
    (".oculto.pdf", "oculto.pdf"),
    ('in<fo>rme\x00"|?*.pdf', "informe.pdf"),
    ("  mi   informe .pdf ", "mi informe .pdf"),
    ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
])
def test_uploaded_names_are_reduced_to_a_safe_base_name(raw, safe):
    assert upload.safe_name(raw) == safe


class RecordingAssistant:
    """Stands in for the service: records what add_files read, one file at a time."""

    def __init__(self):
        self.seen = []

    def add_files(self, items, progress=None, on_page=None, on_wait=None):
        from ingest.pipeline import FileResult

        out = []
        for i, (name, data) in enumerate(items):
            progress and progress(i, len(items), name)
            self.seen.append((name, len(data)))
            out.append(FileResult(name, "added") if data else FileResult(name, "rejected", "vacío"))
        return out


def test_uploads_are_checked_before_reading_and_answered_in_order(tmp_path):
    big = tmp_path / "grande.pdf"
    big.write_bytes(b"%PDF-" + b"x" * 3000)
    small = tmp_path / "chico.txt"
    small.write_bytes(b"hola")
    odd = tmp_path / "foto.png"
    odd.write_bytes(b"png")
    service, steps = RecordingAssistant(), []
    results = upload.add_uploads(service, [big, small, odd], max_bytes=1000,
                                 progress=lambda i, n, name: steps.append((i, n, name)))
    assert [r.action for r in results] == ["rejected", "added", "rejected"]
    assert "límite" in results[0].message and "no soportado" in results[2].message
    assert service.seen == [("chico.txt", 4)]  # the big file was never read
    assert steps == [(0, 1, "chico.txt")]
    assert upload.result_lines([]) == "No se seleccionó ningún archivo."


# ---------------------------------------------------------------- export


def test_the_export_holds_questions_answers_and_full_citations():
    answer = Answer("¿Por qué se canceló?", "No se licitó [1].", False, (citation(1, highlights=("No se licitó.",)),))
    text = export.conversation_markdown([Turn("¿Por qué se canceló?", answer, Filters(status="Cancelado"))])
    assert text.startswith("# Consulta de Informes de Egreso")
    for part in ("## 1. ¿Por qué se canceló?", "_Filtros: calificación: Cancelado_", "No se licitó [1].",
                 "### Citas", "**[1] Programa de Riego** — Rec. 2 · Comp. 1", "Calificación: Cancelado (31-12-2017)",
                 "Medios de verificación: Oficio N° 458", "Archivo: riego.pdf, p. 1", "> Cumplimiento: No se licitó."):
        assert part in text, part


# -------------------------------------------------------------- page image


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    from ingest.samples import sample_reports, write_reports

    folder = tmp_path_factory.mktemp("pdf")
    write_reports(sample_reports()[:1], folder, fmt="pdf")
    return next(folder.glob("*.pdf"))


def red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 180 and g < 90 and b < 90


def test_the_cited_row_is_outlined_on_the_page_image(sample_pdf):
    box = [1, 40.0, 300.0, 555.0, 420.0]
    view = page_image.page_view(citation(boxes=[box]), sample_pdf)
    assert view.image is not None and "enmarcada en rojo" in view.notice
    image = view.image
    reds = [(x, y) for y in range(0, image.height, 2) for x in range(0, image.width, 7) if red(image.getpixel((x, y)))]
    assert reds, "no outline drawn"
    ys = sorted(y for _, y in reds)
    height_pt = (ys[-1] - ys[0]) * 72 / 144  # rendered at 144 dpi
    assert abs(height_pt - (box[4] - box[2])) < 6  # the outline spans the row's height


def test_without_boxes_the_page_is_shown_without_outline(sample_pdf):
    view = page_image.page_view(citation(boxes=[]), sample_pdf)
    assert view.image is not None and "encabezado del informe" in view.notice
    assert not any(red(view.image.getpixel((x, y))) for y in range(0, view.image.height, 5)
                   for x in range(0, view.image.width, 5))


def test_text_sources_and_missing_files_say_there_is_no_page_image(tmp_path):
    txt = tmp_path / "informe.txt"
    txt.write_text("INFORME DE EGRESO", encoding="utf-8")
    assert page_image.page_view(citation(), txt) == page_image.PageView(
        None, "Este informe se indexó desde un archivo de texto: no tiene imagen de página.")
    assert page_image.page_view(citation(), None).image is None
    assert "No se encontró" in page_image.page_view(citation(), tmp_path / "no.pdf").notice


def test_the_page_caption_follows_the_answers_language(sample_pdf, tmp_path):
    from assistant.ui.labels import labels

    en = labels("en")
    assert page_image.page_view(citation(boxes=[[1, 40.0, 300.0, 555.0, 420.0]]), sample_pdf, lab=en).notice == \
        "Page 1 of the PDF: the cited row is outlined in red."
    assert page_image.page_view(citation(), None, lab=en).notice.startswith("The copy of the original file")
    txt = tmp_path / "informe.txt"
    txt.write_text("INFORME DE EGRESO", encoding="utf-8")
    assert "text file" in page_image.page_view(citation(), txt, lab=en).notice


# -------------------------------------------------------- launch and wiring


def test_launch_defaults_are_loopback_no_share_no_login():
    from assistant.ui.server import launch_options

    options = launch_options(Settings())
    assert (options["server_name"], options["server_port"]) == ("127.0.0.1", 7860)
    assert options["share"] is False and options["auth"] is None
    assert options["quiet"] is True  # no English «set share=True» hint at launch (app.py prints its own line)
    assert launch_options(Settings(auth_user="ana", auth_password="x"))["auth"] == ("ana", "x")
    with pytest.raises(ValueError, match="juntos"):
        launch_options(Settings(auth_password="x"))


def test_questions_and_uploads_use_separate_worker_pools(tmp_path):
    from assistant.factory import build_assistant
    from assistant.ui.layout import build_app

    settings = Settings(store=tmp_path / "store", embedding_model="fake-hash-64", concurrency=3)
    demo = build_app(build_assistant(settings), settings, exports=tmp_path / "exports")
    fns = {fn.api_name: fn for fn in demo.fns.values()}
    assert {(fns[n].concurrency_id, fns[n].concurrency_limit) for n in ("ask", "chat_submit", "chat_click")} == {("ask", 3)}
    assert (fns["upload"].concurrency_id, fns["upload"].concurrency_limit) == ("write", 1)
    assert (fns["remove"].concurrency_id, fns["remove"].concurrency_limit) == ("write", 1)
    assert demo._queue.default_concurrency_limit == 3
