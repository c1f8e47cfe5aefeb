"""Reliability and security of answering (issue 8, defects 1, 2, 3, 7 and part of 8), with the
hash embedder (no torch): header answers without an exit date, report text shown literally,
the question-length cap on every surface, unknown program names, the removal confirmation, a
mistyped store, concurrent askers with a writer, and a bounded fuzz of the question path.
The browser half of defect 2 is in tests/test_browser.py."""
from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import replace

import pytest

from assistant.prompts import Prompts
from assistant.types import Answer, Citation, Filters
from ingest.samples import generate_reports, sample_reports
from ingest.text_reader import render_text
from tests.builders import filled_assistant, report, row, meta_row

ALF = "Programa de Alfabetización Digital Escolar"
FLAGSHIP = "¿Por qué se canceló la evaluación de impacto del programa de Alfabetización Digital Escolar?"
RIEGO = "Programa de Riego Campesino"
LIMIT = 4000
PAYLOAD = "[www.dipres.gob.cl/anexo](http://127.0.0.1:9/phish) ![f](http://127.0.0.1:9/pixel.gif)"


def not_egresado():
    return replace(report(RIEGO, source="riego.txt"), status="No egresado", exit_date=None)


def fill(folder, reports, **settings):
    return filled_assistant(folder, reports, **settings)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return fill(tmp_path_factory.mktemp("reliability"), [*sample_reports(), not_egresado()])


def cited(answer) -> list[tuple]:
    return [(c.row.program, c.row.num("recommendation"), c.row.num("commitment")) for c in answer.citations]


def cli(argv, capsys):
    from assistant.__main__ import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A store on disk with the samples and a «No egresado» report, for the CLI (hash embedder)."""
    fill(tmp_path, [*sample_reports(), not_egresado()])
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    return str(tmp_path / "store")


# ------------------------------------------------ 1: a report without an exit date

@pytest.mark.parametrize("question, expected", [
    (f"¿Cuándo egresó el {RIEGO}?", "no registra fecha de egreso (calificación del programa: No egresado)"),
    ("When did the Riego Campesino program exit follow-up?", "records no exit date (program status: No egresado)"),
    (f"¿Cuál es la calificación del {RIEGO}?", "«No egresado» (fecha de egreso: sin fecha)"),
])
def test_header_questions_on_a_report_without_exit_date_are_answered(assistant, question, expected):
    answer = assistant.ask(question)
    assert answer.kind == "header" and expected in answer.answer, answer.answer
    assert answer.citations[0].row.kind == "header"


@pytest.mark.parametrize("language, expected", [("es", "no registra fecha de egreso"), ("en", "records no exit date")])
def test_a_header_row_found_by_search_without_exit_date_is_answered(language, expected):
    from assistant.extractive import header_draft

    header = meta_row("h", "header", {"program": RIEGO, "report_status": "No egresado", "exit_date": ""}, "texto")
    assert expected in header_draft(header, language, Prompts()).text


def test_cli_header_question_and_a_batch_on_a_report_without_exit_date(store, tmp_path, capsys):
    code, out, err = cli(["ask", "--store", store, f"¿Cuándo egresó el {RIEGO}?"], capsys)
    assert code == 0 and "no registra fecha de egreso" in out, err
    batch = tmp_path / "batch.txt"
    batch.write_text(f"¿Cuándo egresó el {RIEGO}?\nWhen did the Riego Campesino program exit follow-up?\n"
                     "¿Cuándo egresó el Programa de Atención Primaria Rural?\n", encoding="utf-8")
    code, out, err = cli(["ask", "--store", store, "--json", "--batch", str(batch)], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 3 and all(line["kind"] == "header" for line in lines), err
    assert "31-12-2019" in lines[2]["answer"]


# ---------------------------------------------- 2: report text is shown literally

MARKUP_PAYLOADS = [
    PAYLOAD,
    "<img src=http://127.0.0.1:9/x.gif> <a href='http://127.0.0.1:9/'>x</a> <script>alert(1)</script>",
    "[ref]: http://127.0.0.1:9/def\n\n[ref] y [1](http://127.0.0.1:9/n)",
    "**negrita** _cursiva_ `código` ~~tachado~~ # título | a | b |\n|---|---|",
    "<http://127.0.0.1:9/auto> http://127.0.0.1:9/bare www.example.org mail@example.org",
    "$$x^2$$ \\[x\\] &lt;b&gt; &#60;img&#62;",
]


def markdown_html(text: str) -> str:
    """What a CommonMark renderer (with tables and strikethrough) makes of ``text``."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_report_markup_in_the_chat_renders_as_text(payload):
    from assistant.ui import cards

    citation = Citation(1, meta_row("r1", "commitment", {
        "program": payload, "ministry": payload, "service": payload, "source": f"{payload}.pdf", "label": "x",
        "pages": "1", "recommendation": 1, "commitment": 1, "status": payload, "status_date": "2017-12-31",
        "verification": json.dumps([payload])}, payload))
    answer = Answer("q", f"Según el informe: «{payload}» [1]", False, (citation,))
    for html in (cards.answer_markdown(answer.answer, 1), cards.cards(answer, 0), cards.literal(payload)):
        rendered = markdown_html(html)
        for tag in ("<a ", "<img", "<script", "<strong", "<em", "<code", "<table", "<h1", "<del"):
            assert tag not in rendered, (tag, rendered)
        assert "href=\"http" not in rendered and "src=\"http" not in rendered


def test_the_literal_text_reads_as_written():
    from html import unescape

    from assistant.ui.cards import literal

    for payload in MARKUP_PAYLOADS:
        assert unescape(literal(payload)) == payload


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_report_markup_in_the_markdown_export_stays_text(payload):
    from assistant.ui.conversation import Turn
    from assistant.ui.export import conversation_markdown

    passage = f"Programa\nCumplimiento: {payload}"
    meta = {"program": payload, "ministry": payload, "service": "S", "source": "x.pdf", "label": "x", "pages": "1",
            "recommendation": 1, "commitment": 1, "status": "Cancelado", "status_date": "2017-12-31",
            "verification": json.dumps([payload])}
    citation = Citation(1, meta_row("r1", "commitment", meta, passage), (payload,))
    text = conversation_markdown([Turn(payload, Answer(payload, f"Según «{payload}» [1]", False, (citation,)))])
    rendered = markdown_html(text)
    for tag in ("<a ", "<img", "<script", "<code", "<table", "<del"):
        assert tag not in rendered, (tag, rendered)
    assert rendered.count("<h1>") == 1 and "<h2>" in rendered  # only the export's own headings


def test_the_export_keeps_its_own_markup_and_reads_plainly():
    from assistant.ui.export import md

    assert md("Calificación: Cancelado (31-12-2017) [1].") == "Calificación: Cancelado (31-12-2017) [1]."
    assert md("[1](http://x)") == "\\[1\\](http&#58;//x)" and md("[2]: y") == "\\[2\\]: y"


# ------------------------------------------------------- 3: the question-length cap

def test_a_long_question_is_refused_at_once_without_retrieval(assistant, monkeypatch):
    def no_work(*args, **kwargs):
        raise AssertionError("a too-long question must not be searched")

    monkeypatch.setattr(assistant.path, "answer", no_work)  # the whole answer path (issue 9: no more prepare)
    start = time.perf_counter()
    answer = assistant.ask("¿Por qué " + "x" * 1_000_000 + "?")
    assert time.perf_counter() - start < 0.5
    assert answer.refused and answer.kind == "too_long" and not answer.citations
    assert answer.answer.startswith("La pregunta es demasiado larga (1000010 caracteres; el máximo es 4000)")
    question = "Why was the " + "impact evaluation " * 300 + "cancelled?"
    english = assistant.ask(question)
    assert len(question) == 5422 and english.answer.startswith("The question is too long (5422 characters; the maximum is 4000)")


def test_a_question_at_the_limit_is_answered(assistant):
    question = (FLAGSHIP + " ") * (LIMIT // (len(FLAGSHIP) + 1))
    question = question + "x" * (LIMIT - len(question))
    assert len(question) == LIMIT
    assert assistant.ask(question).kind != "too_long"


def test_the_api_endpoint_refuses_a_long_question(assistant):
    from assistant.ui.api import ask_endpoint

    data = ask_endpoint(assistant)("¿" + "a" * 5000 + "?")
    assert data["refused"] is True and data["kind"] == "too_long" and data["citations"] == []
    assert "5002 caracteres; el máximo es 4000" in data["answer"]


def test_the_chat_refuses_a_long_question_with_one_message(assistant, tmp_path, monkeypatch):
    import gradio as gr

    from assistant.ui.chat import ChatHandlers

    warned = []
    monkeypatch.setattr(gr, "Warning", lambda message: warned.append(message))
    monkeypatch.setattr(assistant.path, "answer", lambda *a, **kw: pytest.fail("searched"))
    outputs = list(ChatHandlers(assistant, tmp_path).ask("¿" + "a" * 4500 + "?", [], "", "", "", "", None))
    assert warned == ["La pregunta es demasiado larga (4502 caracteres; el máximo es 4000). "
                      "Acórtela y vuelva a preguntar."]
    assert len(outputs) == 1  # nothing shown in the chat, the question stays in its box


def test_the_cli_refuses_a_long_question_before_opening_anything(tmp_path, capsys):
    missing = tmp_path / "no-such-store"
    code, out, err = cli(["ask", "--store", str(missing), "¿" + "a" * 4001 + "?"], capsys)
    assert code == 2 and out == ""
    assert "La pregunta es demasiado larga (4003 caracteres; el máximo es 4000)" in err
    assert not missing.exists()


def test_a_long_line_in_a_batch_says_so_and_the_batch_goes_on(store, tmp_path, capsys):
    batch = tmp_path / "batch.txt"
    batch.write_text(f"{FLAGSHIP}\n¿{'a' * 4100}?\n{FLAGSHIP}\n", encoding="utf-8")
    code, out, err = cli(["ask", "--store", store, "--json", "--batch", str(batch)], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["kind"] for line in lines] == ["search", "too_long", "search"], err
    assert "4102 caracteres; el máximo es 4000" in lines[1]["answer"] and lines[1]["refused"] is True


# ---------------------------------------------------------- 7: unknown program names

@pytest.mark.parametrize("question, name", [
    ("¿Qué compromisos no se cumplieron en el Programa Inexistente de Robótica Lunar?",
     "Programa Inexistente de Robótica Lunar"),
    ("¿Cuándo egresó el Programa de Becas Lunares?", "Programa de Becas Lunares"),
    ("¿Cuántos compromisos cancelados tiene el programa «Huertos en Marte»?", "Huertos en Marte"),
    ("Which commitments of the Lunar Robotics Research Program were cancelled?", "Lunar Robotics Research"),
])
def test_a_program_the_index_does_not_hold_is_said_so_never_answered_for_all(assistant, question, name):
    answer = assistant.ask(question)
    assert answer.refused and not answer.citations, answer.answer
    assert name in answer.answer
    assert "Alfabetización Digital Escolar" in answer.answer or "Riego Campesino" in answer.answer  # suggestions


def test_the_closest_names_are_suggested(assistant):
    answer = assistant.ask("¿Qué compromisos cancelados tiene el Programa de Alfabetización Digital Rural?")
    assert not answer.refused  # close enough to a known name: that program is meant
    answer = assistant.ask("¿Qué compromisos tiene el Programa de Riego Lunar Avanzado?")
    assert answer.kind == "list" and {c.row.program for c in answer.citations} == {RIEGO}
    answer = assistant.ask("¿Qué compromisos tiene el Programa de Atención Secundaria Lunar?")
    assert answer.refused and answer.answer.index("Atención Primaria Rural") < len(answer.answer)


def test_a_name_the_reports_use_as_a_topic_is_searched_not_refused(tmp_path, real_report_path):
    """«Programa de Asociatividad» is no indexed program, but the real report's rows speak of it:
    the question is answered from that row (the held-out set's h-real-asoc-recursos)."""
    assistant = fill(tmp_path, sample_reports())
    assistant.add_files([(real_report_path.name, real_report_path.read_bytes())])
    answer = assistant.ask("¿Se pidieron recursos en el presupuesto 2012 para el Programa de Asociatividad?")
    assert not answer.refused, answer.answer
    first = answer.citations[0].to_json()
    assert (first["recommendation"], first["commitment"]) == (1, 2) and "Redes Pro Rubro" in first["program"]
    still = assistant.ask("¿Qué compromisos no se cumplieron en el Programa Inexistente de Robótica Lunar?")
    assert still.refused and "Programa Inexistente de Robótica Lunar" in still.answer


@pytest.mark.parametrize("question", [
    "¿Qué programas del Ministerio de Salud están en el índice?",
    "¿Por qué se canceló el programa de Asociatividad?",
    "Why was the Asociatividad program cancelled?",
    "¿Qué compromisos no se cumplieron?",
    "¿Qué programa tiene más compromisos cancelados?",
    "¿Cuáles son los programas evaluados en 2016?",
    FLAGSHIP,
])
def test_generic_mentions_of_programs_are_not_unknown_names(assistant, question):
    assert assistant.snapshot.understand(question).unknown_program is None


def test_no_gold_question_names_an_unknown_program_but_the_out_of_scope_one():
    """Over the evaluation corpus' names (real report, samples and 100 distractors)."""
    from assistant.evaluation.corpus import real_truth
    from assistant.evaluation.gold import load_gold
    from assistant.understanding import Understander

    truths = [real_truth("real.txt"), *sample_reports(), *generate_reports(100, seed=7)]

    class Names:
        def facets(self):
            return {"program": [t.program for t in truths], "ministry": [t.ministry for t in truths],
                    "service": [t.service for t in truths]}

    understand = Understander(Names())
    flagged = {q.id for q in load_gold() if understand(q.question).unknown_program}
    assert flagged == {"oos-vacunacion"}


# --------------------------------------------------------------- 8: removal, store

def test_removal_needs_a_confirmation_token_bound_to_its_report(tmp_path):
    from assistant.ui.manage import Confirmations, ManageHandlers

    assistant = fill(tmp_path, sample_reports())
    manage = ManageHandlers(assistant, 25)
    name = "informe_egreso_atencion_primaria_rural.txt"
    assert manage.remove(name).startswith("✘") and manage.remove(name, "adivinado").startswith("✘")
    assert name in {r.source for r in assistant.reports()}
    token = manage.ask_removal(name)[3]
    assert manage.remove("informe_egreso_alfabetizacion_digital_escolar.txt", token).startswith("✘")
    token = manage.removal_request(name)["token"]
    assert manage.remove(name, token) == f"✔ {name}: quitado del índice."
    assert name not in {r.source for r in assistant.reports()}
    assert manage.remove(name, token).startswith("✘")  # used up
    clock = [0.0]
    expiring = Confirmations(ttl_s=10, clock=lambda: clock[0])
    token = expiring.issue("a.pdf")
    clock[0] = 11
    assert not expiring.redeem("a.pdf", token)


def test_ask_on_a_missing_store_says_so_and_creates_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-hash-64")
    missing = tmp_path / "mistyped"
    code, out, err = cli(["ask", "--store", str(missing), FLAGSHIP], capsys)
    assert code == 2 and out == "" and "no hay un índice" in err and str(missing) in err
    assert not missing.exists()


def test_ask_on_a_store_that_is_a_file_or_an_unreadable_batch_says_so(store, tmp_path, capsys):
    a_file = tmp_path / "store.txt"
    a_file.write_text("no soy un índice")
    code, out, err = cli(["ask", "--store", str(a_file), FLAGSHIP], capsys)
    assert code == 2 and out == "" and err.startswith("error: ") and "Traceback" not in err
    code, out, err = cli(["ask", "--store", store, "--json", "--batch", str(tmp_path / "no-such.txt")], capsys)
    assert code == 2 and "no se pudo leer el archivo de preguntas" in err


# ------------------------------------------------- concurrent askers with a writer

def test_concurrent_askers_while_a_writer_ingests(tmp_path):
    assistant = fill(tmp_path, sample_reports())
    new = [(r.source.replace(".pdf", ".txt"), render_text(r).encode()) for r in generate_reports(12, seed=31)]
    errors, answers = [], []
    writing = threading.Event()

    def writer():
        writing.set()
        try:
            for i in range(0, len(new), 3):
                assistant.add_files(new[i:i + 3])
        except Exception as exc:  # noqa: BLE001 (collected and asserted below)
            errors.append(exc)

    def asker():
        writing.wait()
        for _ in range(15):
            try:
                answers.append(cited(assistant.ask(FLAGSHIP))[0])
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=asker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and len(answers) == 90
    assert set(answers) == {(ALF, 2, 2)}
    assert len(assistant.reports()) == 3 + len(new)


# ------------------------------------------------------------ fuzz of the question path

def fuzz_questions(seed: int = 8, count: int = 200) -> list[str]:
    rng = random.Random(seed)
    alphabets = ["abcdefghijklmnopqrstuvwxyzáéíóúñ ", "¿?¡!.,;:()[]{}<>*_#|~`$\\/\"'@%&+-=^",
                 "АБВГДЕЖ中文字符العربيةעבריתहिन्दी😀🚀\u200b\u202e\u202d\t\n\r\x00\x1b"]
    fixed = ["", " ", "?", "¿?", "!!!", "\x00", "\u202e¿Qué compromisos?\u202c", PAYLOAD, *MARKUP_PAYLOADS,
             "x" * LIMIT, "¿" + "y" * (LIMIT - 1), "z" * (LIMIT + 1), "compromiso " * 300,
             "What compromisos fueron cancelled en el program?", "¿Qué commitments were cancelados 2016 2017?",
             "Programa Programa Programa", "«»“”\"\"''", "compromiso 99.99 recomendación 0",
             "¿Cuántos compromisos hay en el año 99999?", "SELECT * FROM compromisos; --", "{question} {n}"]
    out = list(fixed)
    while len(out) < count:
        kind = rng.choice((0, 0, 0, 1, 2, 2, 3, 3, 3, 3))  # very long words are the slow ones (0.2 s each)
        if kind == 0:
            out.append("".join(rng.choice(rng.choice(alphabets)) for _ in range(rng.randrange(1, 200))))
        elif kind == 1:
            out.append(" ".join("".join(rng.choice(alphabets[0][:-1]) for _ in range(rng.randrange(300, 3000)))
                                for _ in range(rng.randrange(1, 3)))[:LIMIT])
        elif kind == 2:
            out.append(FLAGSHIP.replace(" ", rng.choice([" ", "  ", "\t", "_", "*", "\u00a0"])))
        else:
            words = FLAGSHIP.split() + ["the", "why", "was", "program", "[x](y)", "<b>", "#", "%s", "\\n"]
            out.append(" ".join(rng.choice(words) for _ in range(rng.randrange(1, 40))))
    return out


@pytest.mark.parametrize("count", [60, pytest.param(200, marks=pytest.mark.slow)])  # every fixed case in both
def test_fuzzed_questions_always_get_a_json_answer(assistant, count):
    from assistant.ui import cards

    for question in fuzz_questions(count=count):
        answer = assistant.ask(question)
        data = json.loads(json.dumps(answer.to_json(), ensure_ascii=False))
        assert isinstance(data["answer"], str) and data["answer"].strip(), repr(question[:80])
        assert data["refused"] or data["citations"] or data["kind"] in ("list", "count", "programs"), \
            repr(question[:80])
        shown = cards.answer_markdown(answer.answer, len(answer.citations)) + cards.cards(answer, 0)
        assert "<img" not in shown and "<script" not in shown and "<a " not in shown
