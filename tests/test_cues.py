"""Every question cue has a row here: a question (Spanish or English) that the cue must fire on,
and what the question then reads as (status, year, kind, header field, why / verification).

A cue added to a table without a row fails ``test_every_cue_has_a_row``. The expectations are
the behaviour the cues were written for (tests/test_query_filters.py holds the older contract).
"""
from __future__ import annotations

import re

import pytest

from assistant import cues, intent
from assistant.cues import Cue, asks_reason, asks_verification, asks_why, first, kind_of, near, normalize, spans
from assistant.intent import detect_language, detect_statuses, detect_year, parse_query
from ingest.fields import fold

REDES = "Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro Rubro"
TABLES = {
    "status": intent.STATUS_CUES,
    "not_year": intent.NOT_EVALUATION_YEAR_CUES,
    "unsupported": intent.UNSUPPORTED_CUES,
    "programs": intent.PROGRAM_LIST_CUES,
    "rows": intent.ROW_LIST_CUES,
    "set_before": intent.STATUS_SET_BEFORE_CUES,
    "set_after": intent.STATUS_SET_AFTER_CUES,
    "header": intent.HEADER_CUES,
    "why": cues.WHY_CUES,
    "reason": cues.REASON_CUES,
    "verification": cues.VERIFICATION_CUES,
}


def _kind(q: str) -> tuple:
    i = parse_query(q)
    return i.kind, i.subject


# What each table's cue makes of the question.
READ = {
    "status": lambda q: detect_statuses(q),
    "not_year": detect_year,
    "unsupported": _kind,
    "programs": _kind,
    "rows": _kind,
    "set_before": _kind,
    "set_after": _kind,
    "header": lambda q: parse_query(q, [REDES]).header_field,
    "why": lambda q: (asks_why(q), parse_query(q).asks_reason),
    "reason": lambda q: (asks_reason(q), parse_query(q).kind),
    "verification": asks_verification,
}

P, N, CA, CU = "Parcialmente cumplido", "No cumplido", "Cancelado", "Cumplido"
ROWS = [
    # table, cue, question, language, what it reads as
    ("status", 0, "¿Qué compromisos no fueron cancelados?", "es", ()),
    ("status", 0, "Which commitments were not cancelled?", "en", ()),
    ("status", 1, "¿Qué compromisos fueron parcialmente cumplidos?", "es", (P,)),
    ("status", 2, "¿Qué compromisos se cumplieron de forma parcial?", "es", (P,)),
    ("status", 3, "compromisos con cumplimiento parcial o parciales cumplidos", "es", (P,)),
    ("status", 4, "¿Cuáles no fueron totalmente cumplidos?", "es", (P,)),
    ("status", 5, "Which commitments were partially fulfilled?", "en", (P,)),
    ("status", 5, "How many were partly met?", "en", (P,)),
    ("status", 6, "commitments not fully met", "en", (P,)),
    ("status", 7, "¿Qué compromisos no se cumplieron?", "es", (N,)),
    ("status", 8, "¿Hay compromisos incumplidos?", "es", (N,)),
    ("status", 9, "Which commitments were not fulfilled?", "en", (N,)),
    ("status", 9, "Why wasn't the commitment met?", "en", (N,)),
    ("status", 10, "Which commitments are unmet?", "en", (N,)),
    ("status", 11, "¿Cuántos compromisos quedaron cancelados?", "es", (CA,)),
    ("status", 11, "How many commitments were canceled?", "en", (CA,)),
    ("status", 12, "¿Qué compromisos se cumplieron?", "es", (CU,)),
    ("status", 13, "How many commitments were achieved?", "en", (CU,)),
    ("not_year", 0, "Fecha de egreso 31-12-2011", "es", None),
    ("not_year", 1, "¿Qué compromisos vencían en diciembre de 2009?", "es", None),
    ("not_year", 1, "Which commitments were due by December 2009?", "en", None),
    ("not_year", 2, "¿Qué compromisos se cumplieron en 2009?", "es", None),
    ("not_year", 2, "Which commitments were completed in 2010?", "en", None),
    ("unsupported", 0, "¿Qué compromisos sobre género se cancelaron?", "es", ("search", None)),
    ("unsupported", 0, "List the commitments about gender", "en", ("search", None)),
    ("unsupported", 1, "¿Qué compromisos tenían plazo en 2010?", "es", ("search", None)),
    ("unsupported", 1, "Which commitments had a deadline in 2010?", "en", ("search", None)),
    ("programs", 0, "¿Qué programas fueron evaluados en 2007?", "es", ("programs", "programs")),
    ("programs", 0, "Which programs belong to the Ministry of Agriculture?", "en", ("programs", "programs")),
    ("programs", 1, "lista de programas del Ministerio de Agricultura", "es", ("programs", "programs")),
    ("programs", 1, "Show me the programs of the ministry", "en", ("programs", "programs")),
    ("programs", 2, "todos los programas de salud", "es", ("programs", "programs")),
    ("programs", 2, "all the reports of 2010", "en", ("programs", "programs")),
    ("programs", 3, "programas del ministerio de agricultura", "es", ("programs", "programs")),
    ("programs", 4, "¿Qué programa fue evaluado en 2007?", "es", ("programs", "programs")),
    ("programs", 4, "Which program was evaluated in 2009?", "en", ("programs", "programs")),
    ("rows", 0, "¿Cuáles son los compromisos del programa Redes Pro Rubro?", "es", ("list", "commitments")),
    ("rows", 0, "¿Qué recomendaciones tiene el programa?", "es", ("list", "recommendations")),
    ("rows", 1, "Show all commitments of Redes Pro Rubro", "en", ("list", "commitments")),
    ("rows", 1, "muéstrame las recomendaciones del informe", "es", ("list", "recommendations")),
    ("rows", 2, "todas las recomendaciones del programa", "es", ("list", "recommendations")),
    ("rows", 2, "all of the commitments of the program", "en", ("list", "commitments")),
    ("rows", 3, "¿Cuál es el estado de los compromisos del programa?", "es", ("list", "commitments")),
    ("rows", 3, "status of the commitments of Redes Pro Rubro", "en", ("list", "commitments")),
    ("set_before", 0, "compromisos que quedaron cancelados", "es", ("list", "commitments")),
    ("set_before", 0, "¿Algún compromiso fue cancelado?", "es", ("list", "commitments")),
    ("set_before", 0, "commitments that were cancelled", "en", ("list", "commitments")),
    ("set_before", 1, "¿Cuáles fueron cumplidos?", "es", ("list", "commitments")),
    ("set_before", 1, "Which were fulfilled?", "en", ("list", "commitments")),
    ("set_after", 0, "Tell me the cancelled commitments", "en", ("list", "commitments")),
    ("set_after", 0, "¿Se canceló algún compromiso?", "es", ("list", "commitments")),
    ("header", 0, "¿Cuál es la fecha de egreso?", "es", "exit_date"),
    ("header", 0, "What is the exit date of the program?", "en", "exit_date"),
    ("header", 1, "¿Cuándo egresó el programa Redes Pro Rubro?", "es", "exit_date"),
    ("header", 1, "¿En qué año egresó el programa?", "es", "exit_date"),
    ("header", 2, "¿El programa egresó cuándo?", "es", "exit_date"),
    ("header", 3, "When did the program exit the follow-up system?", "en", "exit_date"),
    ("header", 4, "What year did the program exit?", "en", "exit_date"),
    ("header", 5, "¿Cuál es el año de evaluación?", "es", "year"),
    ("header", 5, "What is the evaluation year of the program?", "en", "year"),
    ("header", 6, "¿En qué año fue evaluado el programa?", "es", "year"),
    ("header", 7, "When was the program evaluated?", "en", "year"),
    ("header", 8, "¿Qué ministerio tiene el programa?", "es", "ministry"),
    ("header", 8, "Which ministry is the program under?", "en", "ministry"),
    ("header", 9, "¿Cuál es el ministerio responsable?", "es", "ministry"),
    ("header", 9, "the responsible ministry of Redes Pro Rubro", "en", "ministry"),
    ("header", 10, "¿El programa pertenece al ministerio de salud?", "es", "ministry"),
    ("header", 11, "Which ministry does the program belong to?", "en", "ministry"),
    ("header", 12, "Does the program belong to a ministry?", "en", "ministry"),
    ("header", 13, "¿Qué servicio ejecuta el programa?", "es", "service"),
    ("header", 13, "Which agency runs the program?", "en", "service"),
    ("header", 14, "¿Cuál es el servicio responsable?", "es", "service"),
    ("header", 15, "the implementing agency of Redes Pro Rubro", "en", "service"),
    ("header", 16, "¿Quién ejecuta el programa?", "es", "service"),
    ("header", 17, "Who runs the program?", "en", "service"),
    ("header", 18, "¿Cuál es la calificación del compromiso 1 de Redes Pro Rubro?", "es", None),
    ("header", 18, "What is the status of commitment 2 of Redes Pro Rubro?", "en", None),
    ("header", 19, "¿Cuál es la calificación del programa?", "es", "status"),
    ("header", 19, "What is the rating of the program?", "en", "status"),
    ("header", 20, "What is the program status?", "en", "status"),
    ("header", 21, "¿Está egresado el programa?", "es", "status"),
    ("header", 21, "Is the program graduated?", "en", "status"),
    ("why", 0, "¿Por qué se canceló el programa de Asociatividad?", "es", (True, True)),
    ("why", 0, "¿Porqué quedó pendiente la línea base?", "es", (True, True)),
    ("why", 1, "¿Cuál fue el motivo de la cancelación?", "es", (True, True)),
    ("why", 1, "¿Qué razones dio el servicio?", "es", (True, True)),
    ("why", 2, "Why was the commitment cancelled?", "en", (True, True)),
    ("why", 2, "What was the reason for the cancellation?", "en", (True, True)),
    ("reason", 0, "¿Por qué quedaron cancelados los compromisos 1 y 2?", "es", (True, "search")),
    ("reason", 1, "¿Cuál fue la causa de la cancelación?", "es", (True, "search")),
    ("reason", 2, "What are the reasons the commitments were cancelled?", "en", (True, "search")),
    ("reason", 3, "¿Qué pasó con el programa Redes por Rubro?", "es", (True, "search")),
    ("reason", 3, "Explica los compromisos cancelados", "es", (True, "search")),
    ("reason", 4, "¿Cómo se incorporó el enfoque de género?", "es", (True, "search")),
    ("reason", 4, "¿De qué manera se cumplieron los compromisos?", "es", (True, "search")),
    ("reason", 5, "Explain the cancelled commitments", "en", (True, "search")),
    ("reason", 5, "What happened to the cancelled commitments?", "en", (True, "search")),
    ("reason", 6, "How did the program fulfil its commitments?", "en", (True, "search")),
    ("verification", 0, "¿Qué medios de verificación respaldan el manual de procedimientos?", "es", True),
    ("verification", 0, "¿Cuál es la verificación del compromiso 2?", "es", True),
    ("verification", 1, "¿Qué documentos respaldan el modelo de convenio de desempeño?", "es", True),
    ("verification", 1, "¿Qué lo respalda?", "es", True),
    ("verification", 2, "What evidence supports the baseline study?", "en", True),
    ("verification", 2, "Which supporting documents back the commitment?", "en", True),
    ("verification", 2, "¿Por qué no hay evidencias del estudio?", "es", False),  # why wins over verification
]


def _cue_text(table: str, question: str) -> str:
    """The text the table's cues are read on for this question."""
    norm = normalize(question)
    if table == "not_year":
        text = fold(question)
        return text[:re.search(r"\d{4}", text).start()]
    if table in ("set_before", "set_after"):
        start, end, _ = spans(intent.STATUS_CUES, norm)[0]
        return norm[:start] if table == "set_before" else norm[end:]
    return norm


@pytest.mark.parametrize(("table", "index", "question", "language", "expected"), ROWS,
                         ids=[f"{r[0]}{r[1]}-{r[2][:40]}" for r in ROWS])
def test_cue(table: str, index: int, question: str, language: str, expected) -> None:
    cue = TABLES[table][index]
    assert cue.regex.search(_cue_text(table, question)), f"cue {table}[{index}] does not fire"
    assert detect_language(question) == language
    assert READ[table](question) == expected


def test_every_cue_has_a_row() -> None:
    covered = {(table, index) for table, index, *_ in ROWS}
    missing = [(t, i) for t, table in TABLES.items() for i in range(len(table)) if (t, i) not in covered]
    assert not missing


def test_every_row_is_in_spanish_or_english_and_both_are_used() -> None:
    assert {r[3] for r in ROWS} == {"es", "en"}


@pytest.mark.parametrize(("a", "b", "gap", "fewest", "text", "found"), [
    ("no", "cumpl\\w*", 0, False, "no cumplidos", "no cumplidos"),
    ("no", "cumpl\\w*", 1, False, "no se cumplieron", "no se cumplieron"),
    ("no", "cumpl\\w*", 1, False, "no han sido cumplidos", None),  # two words between: too far
    ("no", "cumpl\\w*", 3, False, "no cumplidos o cumplidos", "no cumplidos o cumplidos"),
    ("no", "cumpl\\w*", 3, True, "no cumplidos o cumplidos", "no cumplidos"),  # as few words as possible
    ("when", "exit\\w*", None, False, "when, if ever, did it exit", "when, if ever, did it exit"),
    ("^", "programas", 2, False, " de los programas", " de los programas"),
])
def test_near(a: str, b: str, gap: int | None, fewest: bool, text: str, found: str | None) -> None:
    m = re.search(near(a, b, gap, fewest=fewest), text)
    assert (m.group(0) if m else None) == found


def test_near_narrows_the_gap_words() -> None:
    pattern = near("no", "cancel\\w*", 2, word="fueron|han|sido")
    assert re.search(pattern, "no han sido cancelados")
    assert not re.search(pattern, "no todos cancelados")


TABLE = (
    Cue("first", r"\bb\b"),
    Cue("second", r"\ba\b"),
    Cue("first", r"\ba b\b"),
)


def test_kinds_are_read_in_table_order_and_one_kind_as_one_alternation() -> None:
    kind, m = first(TABLE, "a b")
    assert (kind, m.group(0)) == ("first", "a b")  # "first" precedes; its leftmost cue wins
    assert kind_of(TABLE, "a b", skip={"first"}) == "second"
    assert kind_of(TABLE, "c") is None


def test_spans_do_not_overlap_and_earlier_kinds_claim_first() -> None:
    assert spans(TABLE, "a b a") == [(0, 3, "first"), (4, 5, "second")]


@pytest.mark.parametrize(("question", "why", "verification"), [
    ("¿Por qué se canceló?", True, False),
    ("POR QUE SE CANCELO", True, False),
    ("¿Qué medios de verificación tiene?", False, True),
    ("Why is there no evidence?", True, False),
    ("¿Cuándo egresó?", False, False),
])
def test_why_and_verification_cues(question: str, why: bool, verification: bool) -> None:
    assert (asks_why(question), asks_verification(question)) == (why, verification)


def test_the_extractive_answerer_reads_the_same_why_cues() -> None:
    """A why-question (any why cue) gets three sentences, another question two."""
    from assistant.extractive import pick_sentences

    text = " ".join(f"Frase número {n} con varias palabras de relleno para que el texto sea largo de verdad." for n in range(6))
    for question, wanted in [("¿Cuál fue el motivo?", 3), ("Why?", 3), ("¿Por qué?", 3), ("¿Cuál fue el resultado?", 2)]:
        assert len(pick_sentences(question, text, lambda t: 1.0)) == wanted, question
