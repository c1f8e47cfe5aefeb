"""The filter dropdowns beside the chat: choices from the index's facets, values to ``Filters``."""
from __future__ import annotations

from ..types import Filters

ALL = ""  # the «Todos» choice
FILTER_FIELDS = ("program", "ministry", "year", "status")
LABELS = {"program": "Programa", "ministry": "Ministerio", "year": "Año", "status": "Calificación del compromiso"}


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
