"""Question understanding: status, language, year, names and intent, table-driven."""
from __future__ import annotations

import pytest

from assistant.query_filters import (
    NameMatcher,
    QueryIntent,
    detect_language,
    detect_status,
    detect_statuses,
    detect_year,
    match_names,
    parse_query,
)

REDES = "Microemprendimiento MYPIME Programa de Desarrollo de Redes Pro Rubro"
AGRICULTURA = "MINISTERIO DE AGRICULTURA"
INDAP = "INSTITUTO DE DESARROLLO AGROPECUARIO"
ALIMENTACION = "Programa de Alimentación Escolar"
DESARROLLO_SOCIAL = "Ministerio de Desarrollo Social"
CHILE_SOLIDARIO = "Chile Solidario"
FONDO_SOLIDARIO = "Fondo Solidario de Vivienda"
CORFO = "Corporación de Fomento de la Producción"
ASOCIATIVIDAD = "Programa de Asociatividad Económica"
ARTESANAL = "Programa de Apoyo a la Microempresa Artesanal"
NAMES = [REDES, AGRICULTURA, INDAP, ALIMENTACION, DESARROLLO_SOCIAL, CHILE_SOLIDARIO,
         FONDO_SOLIDARIO, CORFO, ASOCIATIVIDAD, ARTESANAL]


# ------------------------------------------------------------------------------- status
@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("¿Qué compromisos quedaron cancelados?", "Cancelado"),
        ("¿Por qué se canceló el programa de Asociatividad?", "Cancelado"),
        ("Por que se cancelo el programa", "Cancelado"),
        ("How many commitments were cancelled?", "Cancelado"),
        ("Which commitments were canceled?", "Cancelado"),
        ("¿Cuántos compromisos están cumplidos?", "Cumplido"),
        ("¿Qué compromisos se cumplieron?", "Cumplido"),
        ("¿Se cumplió el compromiso de enfoque de género?", "Cumplido"),
        ("Which commitments were fulfilled?", "Cumplido"),
        ("How many commitments were met?", "Cumplido"),
        ("List the completed commitments", "Cumplido"),
        ("¿Qué compromisos no se cumplieron?", "No cumplido"),
        ("¿Cuáles están NO CUMPLIDOS?", "No cumplido"),
        ("compromisos no cumplidos del programa", "No cumplido"),
        ("¿Hay compromisos incumplidos?", "No cumplido"),
        ("¿Cuántos compromisos no han sido cumplidos?", "No cumplido"),
        ("Which commitments were not fulfilled?", "No cumplido"),
        ("Which commitments are unfulfilled?", "No cumplido"),
        ("Why wasn't the commitment met?", "No cumplido"),
        ("commitments that have not yet been completed", "No cumplido"),
        ("¿Qué compromisos fueron parcialmente cumplidos?", "Parcialmente cumplido"),
        ("compromisos parcialmente cumplidos", "Parcialmente cumplido"),
        ("¿Qué compromisos se cumplieron parcialmente?", "Parcialmente cumplido"),
        ("¿Cuáles tienen cumplimiento parcial?", "Parcialmente cumplido"),
        ("Which commitments were partially fulfilled?", "Parcialmente cumplido"),
        ("How many were only partially met?", "Parcialmente cumplido"),
        ("commitments not fully met", "Parcialmente cumplido"),
        ("¿Cuál es el cumplimiento del compromiso 2?", None),
        ("Informe de Egreso del Sistema de Cumplimiento de Compromisos", None),
        ("¿Qué debe hacer el programa para cumplir?", None),
        ("¿Cuántos años puede permanecer cada cliente?", None),
        ("", None),
    ],
)
def test_detect_status(question: str, status: str | None) -> None:
    assert detect_status(question) == status


@pytest.mark.parametrize(
    ("question", "statuses"),
    [
        ("¿Cuántos compromisos cumplidos y cuántos cancelados?", ("Cumplido", "Cancelado")),
        ("no cumplidos o parcialmente cumplidos", ("No cumplido", "Parcialmente cumplido")),
        ("cumplidos, no cumplidos", ("Cumplido", "No cumplido")),
        ("no cumplidos", ("No cumplido",)),
        ("no cumplidos y cancelados", ("No cumplido", "Cancelado")),
        ("¿Qué compromisos no fueron cancelados?", ()),
        ("commitments that were not cancelled", ()),
    ],
)
def test_detect_statuses_in_order_without_double_counting(question: str, statuses: tuple[str, ...]) -> None:
    assert detect_statuses(question) == statuses


# ----------------------------------------------------------------------------- language
@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("¿Qué compromisos quedaron cancelados?", "es"),
        ("cuantos compromisos tiene el programa", "es"),
        ("QUE COMPROMISOS FUERON INCUMPLIDOS", "es"),
        ("How many commitments were cancelled?", "en"),
        ("Which ministry does the program belong to?", "en"),
        ("What is the exit date of Redes Pro Rubro?", "en"),
        ("Redes Pro Rubro", "es"),
        ("", "es"),
    ],
)
def test_detect_language(question: str, language: str) -> None:
    assert detect_language(question) == language


# --------------------------------------------------------------------------------- year
@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("¿Qué programas fueron evaluados en 2007?", 2007),
        ("programas del año 2012", 2012),
        ("Which programs were evaluated in 2010?", 2010),
        ("¿Qué compromisos vencían en diciembre de 2009?", None),
        ("Fecha de egreso 31-12-2011", None),
        ("¿Qué compromisos se cumplieron en 2009?", None),
        ("¿Cuántos compromisos tiene el programa?", None),
        ("programa 1850 o 12345", None),
        ("evaluado en 1989 o en 2101", None),
    ],
)
def test_detect_year(question: str, year: int | None) -> None:
    assert detect_year(question) == year


# ------------------------------------------------------------------------------- intent
@pytest.mark.parametrize(
    ("question", "kind", "subject", "status_is_filter"),
    [
        # Lists and counts of commitments.
        ("¿Qué compromisos quedaron cancelados?", "list", "commitments", True),
        ("¿Cuáles son los compromisos cancelados?", "list", "commitments", True),
        ("¿Cuáles fueron cumplidos?", "list", "commitments", True),
        ("que compromisos fueron incumplidos", "list", "commitments", True),
        ("¿Hay compromisos no cumplidos?", "list", "commitments", True),
        ("Which commitments were not fulfilled?", "list", "commitments", True),
        ("List the cancelled commitments", "list", "commitments", True),
        ("Show all commitments of Redes Pro Rubro", "list", "commitments", False),
        ("¿Cuáles son los compromisos del programa Redes Pro Rubro?", "list", "commitments", False),
        ("¿Qué compromisos quedaron cancelados y por qué?", "list", "commitments", True),
        ("¿Cuántos compromisos quedaron cancelados?", "count", "commitments", True),
        ("¿CUÁNTOS COMPROMISOS FUERON CANCELADOS?", "count", "commitments", True),
        ("cuantos compromisos no se cumplieron", "count", "commitments", True),
        ("How many commitments were cancelled?", "count", "commitments", True),
        ("How many were partially fulfilled?", "count", "commitments", True),
        ("¿Cuántos compromisos tiene el programa?", "count", "commitments", False),
        ("¿Cuántas recomendaciones tiene el informe?", "count", "recommendations", False),
        ("¿Qué recomendaciones tiene el programa?", "list", "recommendations", False),
        ("¿Se canceló algún compromiso?", "list", "commitments", True),
        ("Were any commitments cancelled?", "list", "commitments", True),
        ("Tell me the cancelled commitments", "list", "commitments", True),
        ("¿Qué programa fue evaluado en 2007?", "programs", "programs", False),
        ("¿Qué compromisos no fueron cancelados?", "search", None, False),
        ("¿Cuál es el estado de los compromisos del programa?", "list", "commitments", False),
        ("Number of cancelled commitments", "count", "commitments", True),
        # Programs.
        ("lista de programas del Ministerio de Agricultura", "programs", "programs", False),
        ("¿Qué programas fueron evaluados en 2007?", "programs", "programs", False),
        ("Which programs belong to the Ministry of Agriculture?", "programs", "programs", False),
        ("programas del ministerio de agricultura", "programs", "programs", False),
        ("¿Qué programas tienen compromisos cancelados?", "programs", "programs", True),
        ("¿Cuántos programas tiene el Ministerio de Agricultura?", "count", "programs", False),
        # Searches: why, how, topics, content numbers, single commitments.
        ("¿Por qué se canceló el programa de Asociatividad?", "search", None, False),
        ("Why was the commitment cancelled?", "search", None, False),
        ("¿Por qué quedaron cancelados los compromisos 1 y 2?", "search", None, False),
        ("¿Qué pasó con el programa Redes por Rubro?", "search", None, False),
        ("¿Cómo se incorporó el enfoque de género?", "search", None, False),
        ("¿Qué recomendaciones se hicieron sobre el enfoque de género?", "search", None, False),
        ("¿Cuántos años puede permanecer cada cliente?", "search", None, False),
        ("¿Cuál es el cumplimiento del compromiso 2?", "search", None, False),
        ("¿Cuál es la calificación del compromiso 1 de la recomendación 2?", "search", None, False),
        ("¿Se cumplió el compromiso sobre el proveedor territorial?", "search", None, False),
        ("¿Por qué egresó el programa?", "search", None, False),
        ("¿Qué dice el informe de egreso sobre el marco lógico?", "search", None, False),
        ("¿Qué servicio de fomento reemplazó al programa?", "search", None, False),
        ("¿Qué compromisos vencían en diciembre de 2009?", "search", None, False),
        ("¿Cuántos compromisos sobre género se cumplieron?", "search", None, False),
        ("¿Qué programas tratan sobre riego?", "search", None, False),
    ],
)
def test_parse_query_kind(question: str, kind: str, subject: str | None, status_is_filter: bool) -> None:
    intent = parse_query(question)
    assert (intent.kind, intent.subject, intent.status_is_filter) == (kind, subject, status_is_filter)
    assert intent.wants_list == (kind in ("list", "programs"))
    assert intent.wants_count == (kind == "count")


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("¿Cuándo egresó el programa Redes Pro Rubro?", "exit_date"),
        ("cuando egreso el programa", "exit_date"),
        ("¿Cuál es la fecha de egreso?", "exit_date"),
        ("¿En qué año egresó el programa?", "exit_date"),
        ("What is the exit date of the program?", "exit_date"),
        ("When did the program exit the follow-up system?", "exit_date"),
        ("¿En qué año fue evaluado el programa?", "year"),
        ("¿Cuándo fue evaluado?", "year"),
        ("¿Cuál es el año de evaluación?", "year"),
        ("When was the program evaluated?", "year"),
        ("¿Cuál es la calificación del programa?", "status"),
        ("¿Cuál es el estado del programa?", "status"),
        ("¿Está egresado el programa?", "status"),
        ("What is the program status?", "status"),
        ("¿A qué ministerio pertenece el programa?", "ministry"),
        ("¿De qué ministerio depende Redes Pro Rubro?", "ministry"),
        ("Which ministry is the program under?", "ministry"),
        ("¿Qué servicio ejecuta el programa?", "service"),
        ("¿Cuál es el servicio responsable?", "service"),
        ("Which agency runs the program?", "service"),
    ],
)
def test_parse_query_header(question: str, field: str) -> None:
    intent = parse_query(question)
    assert (intent.kind, intent.header_field) == ("header", field)


def test_status_word_with_a_program_name_is_a_header_question() -> None:
    assert parse_query("¿Calificación de Redes Pro Rubro?", NAMES).header_field == "status"
    assert parse_query("¿Calificación?", NAMES).header_field is None


def test_parse_query_fills_every_field() -> None:
    intent = parse_query("¿Cuántos compromisos del Ministerio de Agricultura evaluados en 2007 fueron cancelados?", NAMES)
    assert intent == QueryIntent(
        kind="count", language="es", status="Cancelado", statuses=("Cancelado",), subject="commitments",
        header_field=None, year=2007, names=(AGRICULTURA,), asks_reason=False,
    )


def test_parse_query_accepts_a_prebuilt_matcher() -> None:
    matcher = NameMatcher(NAMES)
    assert parse_query("¿Cuándo egresó Redes Pro Rubro?", matcher).names == (REDES,)


def test_why_question_keeps_the_status_as_a_hint() -> None:
    intent = parse_query("¿Por qué se canceló el programa de Asociatividad?", NAMES)
    assert intent.status == "Cancelado"
    assert intent.asks_reason and not intent.status_is_filter
    assert intent.names == (ASOCIATIVIDAD,)


# -------------------------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("¿Cuándo egresó Redes Pro Rubro?", [REDES]),
        ("redes pro rubro", [REDES]),
        ("¿Qué pasó con el programa MYPIME?", [REDES]),
        ("programas del Ministerio de Agricultura", [AGRICULTURA]),
        ("programas de agricultura", [AGRICULTURA]),
        ("¿Qué programas ejecuta el INDAP?", [INDAP]),
        # Lower-case words are not read as acronyms: ordinary words spell too many names.
        ("que programas ejecuta indap", []),
        ("¿Cuál fue la primera medición del indicador?", []),
        ("¿Por qué se canceló el programa de Vacunación Antirrábica Canina?", []),
        ("Instituto de Desarrollo Agropecuario", [INDAP]),
        ("programas de la CORFO", [CORFO]),
        ("¿Cuándo egresó el Programa de Alimentacion Escolar?", [ALIMENTACION]),
        ("ALIMENTACIÓN ESCOLAR", [ALIMENTACION]),
        ("el programa de Asociatividad", [ASOCIATIVIDAD]),
        ("Ministerio de Desarrollo Social", [DESARROLLO_SOCIAL]),
        ("Chile Solidario y el Fondo Solidario de Vivienda", [FONDO_SOLIDARIO, CHILE_SOLIDARIO]),
        ("programa microempresa artesanal", [ARTESANAL]),
        # Generic words alone match nothing.
        ("¿Qué programas tiene el ministerio?", []),
        ("programa nacional de desarrollo", []),
        ("servicio de fomento", []),
        ("el programa Redes", []),
        ("¿Cuántos compromisos fueron cancelados?", []),
        ("", []),
    ],
)
def test_match_names(question: str, expected: list[str]) -> None:
    assert match_names(question, NAMES) == expected


def test_match_names_best_first() -> None:
    assert match_names("Chile Solidario", NAMES)[0] == CHILE_SOLIDARIO
    assert match_names("Fondo Solidario", NAMES)[0] == FONDO_SOLIDARIO


def test_name_matcher_reports_score_and_terms() -> None:
    matches = NameMatcher(NAMES).matches("Ministerio de Agricultura")
    assert [m.name for m in matches] == [AGRICULTURA]
    assert matches[0].score == pytest.approx(1.0)
    assert matches[0].coverage == pytest.approx(1.0)
    assert matches[0].matched == ("agricultur", "minister")


@pytest.mark.parametrize("word", ["programa", "redes", "cada", "para", "PROGRAMA"])
def test_ordinary_words_are_not_read_as_acronyms(word: str) -> None:
    assert match_names(f"¿Qué dice {word}?", NAMES) == []


# ------------------------------------------------------- program names written as names

@pytest.mark.parametrize("question, mentions", [
    ("¿Qué compromisos no se cumplieron en el Programa Inexistente de Robótica Lunar?",
     ("Programa Inexistente de Robótica Lunar",)),
    ("¿Cuándo egresó el Programa de Becas Lunares?", ("Programa de Becas Lunares",)),
    ("¿Cuántos compromisos tiene el programa «Huertos en Marte»?", ("Huertos en Marte",)),
    ('¿Qué dice el programa "Huertos en Marte"?', ("Huertos en Marte",)),
    ("¿Por qué se descontinuó el programa Redes por Rubro en 2009?", ("Redes por Rubro",)),
    ("What about the Lunar Robotics Program?", ("Lunar Robotics",)),
    ("When did the Redes Pro Rubro program exit follow-up?", ("Redes Pro Rubro",)),
    ("Programa Lunar del Ministerio de Salud: ¿cuándo egresó?", ("Programa Lunar",)),
    # generic mentions and topics inside a program are not names
    ("¿Por qué se canceló el programa de Asociatividad?", ()),
    ("Why was the Asociatividad program cancelled?", ()),
    ("¿Qué programas del Ministerio de Salud están en el índice?", ()),
    ("¿Qué programa tiene más compromisos cancelados?", ()),
    ("¿Qué compromisos del programa DIPRES revisó?", ()),
    ("Programa con más compromisos cancelados", ()),
    ("Which Program Status?", ()),
])
def test_program_names_written_as_names(question, mentions):
    from assistant.query_filters import program_mentions

    assert program_mentions(question) == mentions
