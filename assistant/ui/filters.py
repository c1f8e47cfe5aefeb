"""The filter dropdowns beside the chat: choices from the index's facets, values to ``Filters``."""
from __future__ import annotations

from ingest.chunking import short_program

from ..types import Filters
from .cards import literal
from .labels import Labels

ALL = ""  # the «Todos» choice
FILTER_FIELDS = ("program", "ministry", "year", "status")
LABELS = {"program": "Programa", "ministry": "Ministerio", "year": "Año", "status": "Calificación"}


def choices(values: list) -> list[tuple[str, str]]:
    return [("Todos", ALL)] + [(str(v), str(v)) for v in values]


def keep(value: str | None, options: list[tuple[str, str]]) -> str:
    """The current value if it is still offered, else «Todos»."""
    return value if value in {v for _, v in options} else ALL


def filters_from(program: str | None = None, ministry: str | None = None, year: str | int | None = None,
                 status: str | None = None, service: str | None = None) -> Filters:
    """Filters from the dropdowns (or the API): empty values mean «no filter»."""
    year_text = str(year).strip() if year not in (None, "") else ""
    if year_text and not year_text.lstrip("-").isdigit():
        raise ValueError(f"año no válido: {year!r}")
    return Filters(program=program or None, ministry=ministry or None, service=service or None,
                   year=int(year_text) if year_text else None, status=status or None)


def describe(filters: Filters, lab: Labels) -> str:
    """«Programa = Atención Primaria Rural · Año = 2016» in ``lab``'s language ("" without filters)."""
    parts = []  # the values are report text: shown literally
    for name in ("program", "ministry", "service", "year", "status"):
        value = getattr(filters, name)
        if value in (None, ""):
            continue
        shown = short_program(value) if name == "program" else lab.status(value) if name == "status" else str(value)
        parts.append(f"{lab('filter_' + name)} = {literal(shown)}")
    return " · ".join(parts)


def filters_line(filters: Filters, turn: int, *, refused: bool, lab: Labels) -> str:
    """The line under an answer given with filters: which ones, and one click to clear them
    (class «unfilter-T»; after a refusal the click asks the question again without them)."""
    if filters.is_empty():
        return ""
    shown = describe(filters, lab)
    if refused:
        text, action = lab("filters_refused", filters=shown), lab("clear_filters_ask")
    else:
        text, action = lab("filters", filters=shown), lab("clear_filters")
    return (f'\n\n<span class="filters-line">{text} <span class="clear-filters unfilter-{turn}">'
            f'✕ {action}</span></span>')
