"""Turn a question into an intent and filters, given what the catalog holds."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ingest.chunking import short_program
from ingest.fields import fold

from .catalog import Catalog
from .lexical import analyze
from .intent import QueryIntent, parse_query
from .names import GENERIC_NAME_WORDS, NameMatcher, program_mentions
from .types import Filters

# English domain words -> Spanish, so that the lexical side can carry English questions.
GLOSSARY = {
    "cancelled": "cancelado cancelo", "canceled": "cancelado cancelo", "cancel": "cancelar",
    "program": "programa", "programme": "programa", "commitment": "compromiso",
    "commitments": "compromisos", "recommendation": "recomendacion", "verification": "verificacion",
    "means": "medios", "fulfilled": "cumplido", "completed": "cumplido", "partially": "parcialmente",
    "ministry": "ministerio", "service": "servicio", "evaluation": "evaluacion", "evaluated": "evaluado",
    "exit": "egreso egreso", "exited": "egreso", "logical": "logico", "framework": "marco",
    "baseline": "linea base", "indicators": "indicadores", "indicator": "indicador",
    "why": "porque razon", "reason": "razon", "targeting": "focalizacion", "beneficiaries": "beneficiarios",
    "budget": "presupuesto", "resources": "recursos", "design": "diseno", "redesign": "rediseno",
    "network": "red", "networks": "redes", "associativity": "asociatividad", "gender": "genero",
    "approach": "enfoque", "intermediary": "intermediario", "provider": "proveedor", "territorial": "territorial",
    "phases": "fases", "duration": "duracion", "years": "anos", "clients": "clientes", "client": "cliente",
    "follow-up": "seguimiento", "monitoring": "seguimiento", "impact": "impacto", "study": "estudio",
    "training": "capacitacion", "schools": "escuelas", "teachers": "docentes", "health": "salud",
    "rural": "rural", "survey": "encuesta", "report": "informe", "agreement": "convenio",
    "transfer": "transferencia", "transfers": "transferencias", "discount": "descuento",
    "satisfaction": "satisfaccion", "users": "usuarios", "user": "usuario", "population": "poblacion",
    "target": "objetivo", "potential": "potencial", "coverage": "cobertura", "goal": "meta",
    "goals": "metas", "manual": "manual", "procedures": "procedimientos", "criteria": "criterios",
    "selection": "seleccion", "tender": "licitacion", "call": "convocatoria", "component": "componente",
    "components": "componentes", "cost": "costo", "effectiveness": "efectividad", "tours": "giras",
    "technological": "tecnologicas", "international": "internacionales", "platform": "plataforma",
    "laboratories": "laboratorios", "mobile": "moviles", "hours": "horas", "weekly": "semanales",
    "students": "estudiantes", "test": "prueba", "competencies": "competencias", "digital": "digitales",
    "priority": "priorizacion", "index": "indice", "vulnerability": "vulnerabilidad",
    "rounds": "rondas", "medical": "medicas", "posts": "postas", "localities": "localidades",
    "census": "catastro", "resolution": "resolucion", "discontinued": "descontinuo",
    "pending": "pendiente", "measurement": "medicion", "first": "primera", "annual": "anual",
    "data": "datos", "backing": "respaldo", "not": "no", "met": "cumplido",
}


@dataclass(frozen=True)
class Understood:
    intent: QueryIntent
    filters: Filters  # explicit filters plus what the question names
    explicit: Filters  # what the user set by hand
    lexical_query: str
    status_hint: str | None = None  # a status the question mentions without listing by it
    row_ref: tuple[int | None, int | None] = (None, None)  # "compromiso 1.2", "recomendación 3"
    unknown_program: str | None = None  # a program named as a proper name that the index does not hold


class Understander:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        facets = catalog.facets()
        self.programs = set(facets["program"])
        self.ministries = set(facets["ministry"])
        self.services = set(facets["service"])
        self.matcher = NameMatcher([*self.programs, *self.ministries, *self.services])
        self._folded: list[tuple[str, tuple[str, ...]]] | None = None

    def __call__(self, question: str, explicit: Filters = Filters()) -> Understood:
        intent = parse_query(question, self.matcher)
        names = intent.names
        filters = explicit
        program = next((n for n in names if n in self.programs), None)
        ministry = next((n for n in names if n in self.ministries), None)
        service = next((n for n in names if n in self.services), None)
        if program and not filters.program:
            filters = replace(filters, program=program)
        elif ministry and not filters.ministry and not filters.program:
            filters = replace(filters, ministry=ministry)
        elif service and not filters.service and not filters.program:
            filters = replace(filters, service=service)
        if intent.year and not filters.year and intent.kind in ("list", "count", "programs"):
            filters = replace(filters, year=intent.year)
        if intent.status and not filters.status and intent.status_is_filter:
            filters = replace(filters, status=intent.status)
        hint = intent.status if intent.status and not intent.status_is_filter else None
        lexical = expand(question, intent.language)
        if hint and intent.asks_reason and not filters.status and not topic_terms(question):
            # "¿Por qué se canceló?", "Why was it cancelled?": among the rows of that status, searched
            # by the status alone (the English glossary's "why" -> "razon" would match other rows' words)
            filters, lexical = replace(filters, status=hint), hint
        return Understood(intent, filters, explicit, lexical, hint, row_reference(question),
                          self.unknown_program(question))

    def unknown_program(self, question: str) -> str | None:
        """The first program the question names as a proper name that matches no indexed name at all."""
        return next((name for name in program_mentions(question) if not self.matcher(name)), None)

    def closest_programs(self, name: str, limit: int = 3) -> list[str]:
        """The indexed programs whose names read most like ``name`` (difflib's ratio of the folded
        names, the full or the short one, best first, ties by name). A name whose cheap upper
        bounds (``real_quick_ratio``, ``quick_ratio``) cannot reach the ``limit``-th best score
        so far is not compared in full: the same ranking as comparing every name, at a fraction
        of the cost on a large index (1,428 programs: about 300 ms before, issue 12)."""
        wanted = fold(name)
        best: list[tuple[float, str]] = []  # the limit best (-score, program) so far, sorted
        for program, names in self._folded_names():
            floor = -best[-1][0] if len(best) == limit else -1.0
            score = -1.0
            for folded in names:
                matcher = SequenceMatcher(None, wanted, folded)
                if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                    continue  # cannot reach the limit-th best: the ranking does not need it
                score = max(score, matcher.ratio())
            if score >= floor:
                best = sorted([*best, (-score, program)])[:limit]
        return [program for _, program in best]

    def _folded_names(self) -> list[tuple[str, tuple[str, ...]]]:
        """(program, its folded full and short names), made once per catalog, on first use."""
        if self._folded is None:
            self._folded = [(p, (fold(p), fold(short_program(p)))) for p in sorted(self.programs)]
        return self._folded


# Words that say why and which status, not what about: a reason question made only of them
# ("¿Por qué se canceló?", "Why was it not met?") has no topic for retrieval to match, and the
# report header (its "1 Cancelado" count, a short text) would outrank the commitment it asks about.
_NOT_A_TOPIC = frozenset(analyze(
    "cancelado cancelada cancelados canceló cancelaron cancelación cancelled canceled cancellation "
    "cumplido cumplida cumplió cumplieron cumplimiento incumplido incumplimiento parcial parcialmente "
    "totalmente completamente not fully partially partly met fulfilled unfulfilled completed "
    "motivo motivos razón razones causa causas why reason reasons cause "
    "compromiso compromisos commitment commitments recomendación recomendaciones recommendation "
    "program programme " + GENERIC_NAME_WORDS))


def topic_terms(question: str) -> list[str]:
    """The question's search terms beyond reason, status and generic words."""
    return [t for t in analyze(question) if t not in _NOT_A_TOPIC]


_NUMBER = r"\s*(?:n(?:ro|um|°|º)?\.?\s*)?(\d{1,2})"
_DOTTED = re.compile(r"\b(?:compromiso|commitment)" + _NUMBER + r"\.(\d{1,2})\b")
_REC = re.compile(r"\b(?:recomendacion|recommendation)" + _NUMBER + r"\b")
_COMP = re.compile(r"\b(?:compromiso|commitment)" + _NUMBER + r"\b(?!\.\d)")


def row_reference(question: str) -> tuple[int | None, int | None]:
    """Recommendation and commitment numbers the question names: "compromiso 1.2" (the reports'
    own way, recommendation.commitment), "recomendación 3", "compromiso 2"."""
    text = fold(question)
    dotted = _DOTTED.search(text)
    if dotted:
        return int(dotted.group(1)), int(dotted.group(2))
    rec, comp = _REC.search(text), _COMP.search(text)
    return (int(rec.group(1)) if rec else None), (int(comp.group(1)) if comp else None)


def expand(question: str, language: str) -> str:
    """The lexical query: in English questions, domain words are replaced by their Spanish
    equivalents (names and other words stay), so the Spanish index can match them."""
    if language != "en":
        return question
    words = re.findall(r"[\w-]+", question)
    return " ".join(GLOSSARY.get(w.lower(), w) for w in words)
